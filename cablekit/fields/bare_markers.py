"""Paragraph markers that lost their dot (``10  (C) On the deficit``), read from the sequence.

The grammar's ``PARAGRAPH_LINE`` wants the dot; ``BARE_MARKER`` gives the form without it.
Whether such a line is a marker is decided here, from the numbers around it; each one read is
a ``bare-marker`` repair.
"""

from __future__ import annotations

import re

from cablekit.clean import BARE_MARKER
from cablekit.fields.blocks import Found, TextBlock
from cablekit.grammar import NEW_TEXT, TEXT, Line, pattern
from cablekit.models import Repair

__all__ = ["ends_carried", "read_bare_markers"]

_TEXT_KINDS = frozenset((TEXT, NEW_TEXT))
# a number after a line that ends like this is a date or a list item carried over
_CARRIED = re.compile(
    r"(?:\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|and|or|to|through)|,)\s*$",
    re.IGNORECASE,
)
# A match of _CARRIED ends the line (right-stripped, so ``\s*$`` takes nothing) and is one of
# its words or the comma, one character per letter even ignoring case: it starts within this
# many characters of the end.  Searching from there (``\b`` still sees the character before)
# gives the same answer without trying the pattern at every character of a long line.
_CARRIED_LONGEST = len("September")
# a marker that lost its dot, at the start of a line of a block ("10  (C) On the deficit"),
# and after a line break inside a run of lines (a search for the "\n" it opens with is fast,
# where one for "^" tries the pattern at every character)
_BARE_MARKER = re.compile(r"[ \t]*" + pattern("BARE_MARKER").pattern)
_BARE_MARKER_INSIDE = re.compile(r"\n" + _BARE_MARKER.pattern)


def ends_carried(line: str) -> bool:
    """Whether ``line`` ends in a month, ``and``, ``or``, ``to``, ``through`` or a comma."""
    line = line.rstrip()
    if not line or not (line[-1].isalpha() or line[-1] == ","):
        return False  # every word and mark of _CARRIED ends in a letter or is a comma
    return _CARRIED.search(line, max(0, len(line) - _CARRIED_LONGEST)) is not None


def _may_hold_bare_marker(run: Line) -> bool:
    """Whether a line of the run ``run`` starts with a marker that lost its dot."""
    if run.kind not in _TEXT_KINDS:
        return False
    text = run.text
    return _BARE_MARKER.match(text) is not None or (
        run.line_count > 1 and _BARE_MARKER_INSIDE.search(text) is not None
    )


def read_bare_markers(blocks: list[TextBlock], found: Found) -> list[TextBlock]:
    """Split the blocks at markers that lost their dot, where they follow in the sequence.

    ``10  (C) On the deficit`` under a heading (05PARIS5335), ``18 (C) Like other energy
    companies`` (10PARIS71) and ``18, (SBU)`` (07TELAVIV2652) are no paragraph lines for the
    grammar, which wants the dot.  Such a line starts a paragraph when its number is the one
    after the paragraph above and comes before the next marker's, and the line above does not
    carry it over (a date, a list: :func:`ends_carried`); each is a ``bare-marker`` repair.
    """
    following: list[int | None] = []
    after: int | None = None
    for block in reversed(blocks):
        following.append(after)
        if block.number is not None:
            after = block.number
    following.reverse()
    made: list[TextBlock] = []
    previous = 0
    above: Line | None = None  # the line above the one looked at
    for block, limit in zip(blocks, following, strict=True):
        if block.number is not None:
            previous = block.number
        if block.marker is not None:
            above = block.marker
        # the number after ``previous`` must come before ``limit``: without a gap in the
        # sequence there is no place for one (most blocks)
        fits = limit is None or limit > previous + 1
        if not fits or not any(map(_may_hold_bare_marker, block.lines)):
            made.append(block)
            if block.lines:
                above = block.lines[-1]
            continue
        lines = [line for run in block.lines for line in run.lines()]
        current = block
        current.lines = []
        for line in lines:
            marker = _BARE_MARKER.match(line.text) if line.kind in _TEXT_KINDS else None
            number = int(marker["number"]) if marker is not None else -1
            carried = above is not None and not line.after_blank and ends_carried(above.text)
            above = line
            if (
                marker is None
                or number != previous + 1
                or (limit is not None and limit <= number)
                or carried
            ):
                current.lines.append(line)
                continue
            made.append(current)
            rest = line.text[marker.end() :]
            current = TextBlock(
                None,
                [Line(TEXT, rest, line.number, line.after_blank)] if rest.strip() else [],
                number,
                "".join(marker["marking"].split()),
                start=line.number,
            )
            previous = number
            written = line.text[: marker.start("marking") - 1].strip()
            found.repairs.append(
                Repair(kind=BARE_MARKER, line=line.number, before=written, after=f"¶{number}.")
            )
        made.append(current)
    return made
