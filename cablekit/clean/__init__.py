"""Undo conversion damage before the grammar sees the text.

Copies of cables made by PDF extraction, OCR, Markdown or HTML converters carry damage that
has nothing to do with the cable format: ``¶`` turned into ``�`` or into LaTeX, ``<u>`` tags,
Markdown bullets, header lines run together on one line, blank lines inside wrapped fields,
paragraphs reflowed onto one line, PDF page furniture.  :func:`clean` undoes that damage, and
only where the text itself gives evidence for it, so a clean copy comes out unchanged.

Each kind of damage has its module, one pass of the stage (:data:`PASSES`, in order):

- :mod:`~cablekit.clean.characters`: encodings, surrogates, mojibake, HTML, LaTeX, Markdown;
- :mod:`~cablekit.clean.furniture`: PDF page furniture;
- :mod:`~cablekit.clean.run_together`: format lines of the header run together on one line;
- :mod:`~cablekit.clean.reflow`: paragraphs reflowed onto one line;
- :mod:`~cablekit.clean.wrapped`: blank lines inside wrapped fields and header lists.

Every change is recorded as a :class:`~cablekit.models.Repair` whose ``line`` is the line of
the original input (:mod:`~cablekit.clean.lines` keeps the origin of every line).  Nothing is
invented: a repair removes markup, moves a line break or restores a ``¶`` whose damaged form is
still there.  The kinds of repair are few and named (:data:`REPAIR_KINDS`);
``docs/damaged-input.md`` shows an example of each.

Deciding what a damaged paragraph number was (``110.`` is ``¶10``) needs the whole sequence of
numbers, so that is done later, by :mod:`cablekit.paragraphs`, which records its own repairs.

While :data:`cablekit._fast.ENABLED` is true, :func:`clean` skips the passes that provably
change nothing (:mod:`~cablekit.clean.skip`); with ``CABLEKIT_PLAIN=1`` it runs every pass.
The result is the same.
"""

from __future__ import annotations

from cablekit import _fast
from cablekit.clean import characters, furniture, lines, reflow, run_together, skip, wrapped
from cablekit.clean.kinds import (
    BARE_MARKER,
    BLANK_LINE,
    ENCODING,
    HTML,
    LATEX,
    LOST_MARKER,
    MARKDOWN,
    PAGE_FURNITURE,
    PARAGRAPH_NUMBER,
    REFLOW,
    REPAIR_KINDS,
    RUN_TOGETHER,
    TAG_CODE,
)
from cablekit.clean.lines import Cleaned, Pass

__all__ = [
    "BARE_MARKER",
    "BLANK_LINE",
    "ENCODING",
    "HTML",
    "LATEX",
    "LOST_MARKER",
    "MARKDOWN",
    "PAGE_FURNITURE",
    "PARAGRAPH_NUMBER",
    "PASSES",
    "REFLOW",
    "REPAIR_KINDS",
    "RUN_TOGETHER",
    "TAG_CODE",
    "Cleaned",
    "clean",
]

#: The passes of the stage, in the order they run.  Characters come first: their whole-text
#: tests read the input as given.
PASSES: tuple[Pass, ...] = (
    characters.fix_characters,
    furniture.remove_page_furniture,
    run_together.split_run_together,
    reflow.split_reflowed,
    wrapped.join_wrapped_fields,
)

# the fast or the plain way through the passes, chosen once, when the switch is read
_run = skip.run if _fast.ENABLED else lines.run


def clean(text: str) -> Cleaned:
    """Undo conversion damage in ``text`` (LF line endings); record every change.

    Runs, in order: characters (encodings, HTML, LaTeX, Markdown, form feeds), page
    furniture, run-together header lines, reflowed paragraphs, blank lines inside wrapped
    fields.  A clean copy comes back unchanged with no repairs.  Never raises.
    """
    return _run(text, PASSES)
