"""The continuation lines of a multi-section cable (``ASTANA 00000095 002 OF 003``), read
back from the cable.

The parser keeps a continuation line that stands on its own line among
:attr:`~cablekit.models.Cable.unparsed`: the grammar's ``CONTINUATION_LINE`` reads its parts
back.  A copy may also have joined one to the line above, inside a paragraph's text, where it
is searched for with bounded repeats.  This is the one place the section checks (CK4xx) read
them from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablekit.grammar import pattern
from cablekit.models import Cable

__all__ = ["Continuation", "continuations"]

# "ASTANA 00000095 002 OF 003", "BUENOS AIR 00001462 002 OF 005" (the post cut to 10
# letters), "CARACAS 00001276 002.2 OF 003" (second page of section 002)
_CONTINUATION = pattern("CONTINUATION_LINE")
# the same inside a paragraph's text, where a copy joined it to the line above (09RIYADH651:
# "... and the other alcohol (smashing cars and china when she RIYADH 00000651 003 OF 004")
# (every repeat is bounded, so that a long run of capitals cannot make the search quadratic)
_INLINE_CONTINUATION = re.compile(
    r"\b(?P<post>[A-Z][A-Z.'-]{0,15}(?: [A-Z][A-Z.'-]{0,15}){0,2})\s{1,4}(?P<number>[0-9]{8})"
    r"\s{1,4}(?P<section>[0-9]{3})(?:\.(?P<page>[0-9]{1,2}))?\s{1,4}OF\s{1,4}(?P<total>[0-9]{3})\b"
)


@dataclass(frozen=True)
class Continuation:
    """A continuation line: where it is, as written, and what it says."""

    line: int
    text: str
    post: str
    number: int
    part: int
    page: bool
    total: int
    inline: bool


def _continuation(match: re.Match[str], line: int, *, inline: bool) -> Continuation:
    return Continuation(
        line=line,
        text=" ".join(match.group(0).split()),
        post=" ".join(match["post"].split()),
        number=int(match["number"]),
        part=int(match["section"]),
        page=match["page"] is not None,
        total=int(match["total"]),
        inline=inline,
    )


def continuations(cable: Cable) -> list[Continuation]:
    """The continuation lines of the cable in text order: those cablekit kept as unparsed
    lines, and those left inside a paragraph's text."""
    found = []
    for unparsed in cable.unparsed:
        match = _CONTINUATION.fullmatch(unparsed.text + "\n")
        if match is not None:
            found.append(_continuation(match, unparsed.line, inline=False))
    for paragraph in cable.paragraphs:
        for match in _INLINE_CONTINUATION.finditer(paragraph.text):
            found.append(_continuation(match, paragraph.line, inline=True))
    found.sort(key=lambda continuation: continuation.line)
    return found
