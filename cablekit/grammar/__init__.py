"""The grammar of a cable and its parser: text in, a :class:`Document` of parts out.

``cable.lark`` is the specification of the format: every kind of line, with its parts, and
where each may stand.  :func:`parse_document` parses a (cleaned) text with it; the field
readers (:mod:`cablekit.fields`) read the values from the parts.  :func:`pattern` gives the
compiled pattern of any terminal, for the parts a field holds several of (``TAG``,
``OFFICE_CODE``); :func:`line_kind` tells the kind of one line.
"""

from cablekit.grammar.parser import LINE_KINDS, parse_document, pattern
from cablekit.grammar.parts import NEW_TEXT, TEXT, TEXT_KINDS, Block, Document, Field, Line

__all__ = [
    "NEW_TEXT",
    "TEXT",
    "TEXT_KINDS",
    "Block",
    "Document",
    "Field",
    "Line",
    "line_kind",
    "parse_document",
    "pattern",
]


def line_kind(line: str) -> str:
    """The kind the grammar gives one line on its own: ``line_kind("SIPDIS")`` is
    ``"CAPTION_LINE"``, a line of no other kind is ``"TEXT_LINE"``, a blank one ``"BLANK"``."""
    return LINE_KINDS.kind(line)
