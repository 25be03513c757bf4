"""The paragraphs of the text on their way to the model, shared by the readers of the text
(:mod:`cablekit.fields.text`, :mod:`cablekit.fields.bare_markers`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cablekit.grammar import Line
from cablekit.models import Repair

__all__ = ["Found", "TextBlock"]


@dataclass(slots=True)
class TextBlock:
    """A paragraph on its way: a marker line (or none) and the lines below it."""

    marker: Line | None
    lines: list[Line]
    number: int | None = None
    marking: str | None = None
    #: the text after the marker and marking on the marker line, as written
    own_text: str = ""
    #: the heading, when it was found while looking for a lost marker
    heading: str | None = None
    #: the line a paragraph without a marker line starts at
    start: int | None = None


@dataclass
class Found:
    """What reading the text finds besides paragraphs."""

    repairs: list[Repair] = field(default_factory=list)
    unparsed: list[Line] = field(default_factory=list)
