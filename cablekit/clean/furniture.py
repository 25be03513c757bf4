"""PDF page furniture: ``Page N of M`` lines, page headers and footers, printout page headers.

Text extracted from a PDF print of a cable carries the furniture of every page between the
cable's own lines::

    ... WOULD ACCEPT THE
    Page 2 of 5                                               (removed)
    \\fhttps://wikileaks.org/cable/printed/002 - Cable viewer  (removed: atop most pages)
    ISRAELIS ...

Such lines are removed (``page-furniture``, the whole line as ``before``): ``Page N of M``
lines, lines that stand on the same edge of most pages (digits aside) unless the grammar
knows them as a line of the head or the text (:data:`cablekit.clean.wrapped.FIELD_OR_MARKER`),
the page header of an old printout broken over three lines: the grammar's
``CLASSIFICATION_LINE`` of the level alone, the ``PAGE_NUMBER`` alone, and what makes a
``PAGE_LINE`` of it; and a printout's page heading that has no date-time group, only its
stamp (the grammar's ``PAGE_STAMP``), which old printouts put inside a paragraph::

    ¶1. (C) SUMMARY: FRANCK GELLET, FRENCH DAS-EQUIVALENT FOR THE
    PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440       (removed: 07PARIS2440)
    PERSIAN GULF, SHARED HIS VIEWS ON IRAN AND IRAQ ON JUNE 7.

The form feeds between pages are removed by the first pass (:mod:`cablekit.clean.characters`);
where they stood, and so where the pages start, was noted before
(:attr:`cablekit.clean.lines.Cleaner.page_starts`).
"""

from __future__ import annotations

import re

from cablekit.clean.kinds import PAGE_FURNITURE
from cablekit.clean.line_kinds import is_line, part
from cablekit.clean.lines import Cleaner, Line
from cablekit.clean.wrapped import FIELD_OR_MARKER
from cablekit.grammar import pattern

__all__ = [
    "PAGE_ALONE",
    "PAGE_N_OF_M",
    "PAGE_STAMP_START",
    "PRINTOUT_PAGE",
    "remove_page_furniture",
]

# ---------------------------------------------------------------------------------------------
# Line kinds
# ---------------------------------------------------------------------------------------------

# a page number line: "Page 2 of 5", "- Page 2/5 -"
PAGE_N_OF_M = re.compile(
    r"^[ \t]*(?:-[ \t]*)?Page[ \t]+[0-9]{1,4}[ \t]*(?:of|/)[ \t]*[0-9]{1,4}[ \t]*(?:-[ \t]*)?$",
    re.IGNORECASE,
)
# the page heading of an old printout (the grammar's PAGE_LINE, "PAGE 02 HANOI 00686 01 OF 07
# 050821Z") under its classification, broken over lines by PDF text extraction (00HANOI686):
#   CONFIDENTIAL / PAGE 02 / HANOI 00686 01 OF 07 050821Z
# a line of its PAGE_NUMBER alone, with its newline; the line above it, a CLASSIFICATION_LINE
# of the level alone; the line below it, what makes a PAGE_LINE of the page number, when it
# ends with the date-time group, as a printout's heading does (a header line with a DTG,
# "O 300908Z OCT 06", is no heading)
PAGE_ALONE = part("PAGE_NUMBER") + r"[ \t]*\n"
PRINTOUT_PAGE = re.compile(r"[ \t]*" + PAGE_ALONE)
_CLASSIFICATION = pattern("CLASSIFICATION_LINE")
_DTG_AT_THE_END = re.compile(r"[0-9]{6}Z[ \t]*\n")
_PAGE_LINE = pattern("PAGE_LINE")
# how a page heading with a stamp and no date-time group starts ("PAGE 02 RUEHFRA2440 ..."):
# every such line is page furniture, and the whole line is the heading
PAGE_STAMP_START = part("PAGE_NUMBER") + r"[ \t]+R[A-Z]"

# ---------------------------------------------------------------------------------------------
# Page edges
# ---------------------------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]+")
_HAS_WORD = re.compile(r"[A-Za-z#]")
_EDGE = 2  # how many non-blank lines at the top and bottom of a page can be furniture


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()))


def _level_alone(text: str) -> bool:
    """Whether the line ``text`` is a classification line of the level alone: "CONFIDENTIAL"."""
    line = _CLASSIFICATION.match(text + "\n")
    return line is not None and not (line["details"] or "").strip()


def _printout_page_headers(lines: list[Line], furniture: set[int]) -> None:
    """Mark printout page headers broken over lines, when there are at least two."""
    pages = [
        i
        for i, line in enumerate(lines)
        if "PAGE" in line.text and is_line(PRINTOUT_PAGE, line.text)
    ]
    if len(pages) < 2:
        return
    for index in pages:
        furniture.add(index)
        if index > 0 and _level_alone(lines[index - 1].text):
            furniture.add(index - 1)
        following = index + 1
        if following < len(lines):
            joined = lines[index].text + " " + lines[following].text + "\n"
            if _PAGE_LINE.match(joined) and _DTG_AT_THE_END.search(joined):
                furniture.add(following)


def _is_page_stamp(text: str) -> bool:
    """Whether the line ``text`` is a page heading made of its stamp alone (``PAGE_STAMP``)."""
    line = _PAGE_LINE.match(text + "\n")
    return line is not None and line["stamp"] is not None


def remove_page_furniture(cleaner: Cleaner) -> None:
    """Drop ``Page N of M`` lines, printout page headers, lines repeated at page edges."""
    lines = cleaner.lines
    page_starts = cleaner.page_starts
    furniture: set[int] = set()
    stamps: set[int] = set()
    for index, line in enumerate(lines):
        if "age" in line.text and PAGE_N_OF_M.match(line.text):
            furniture.add(index)
        elif "PAGE" in line.text and _is_page_stamp(line.text):
            stamps.add(index)
    # Pages: from the form feeds, else from the "Page N of M" lines.
    bounds = sorted(set(page_starts) | {i + 1 for i in furniture})
    furniture |= stamps
    _printout_page_headers(lines, furniture)
    pages: list[tuple[int, int]] = []
    start = 0
    for bound in [*bounds, len(lines)]:
        if bound > start:
            pages.append((start, bound))
            start = bound
    if len(pages) >= 2:
        # the same line (digits aside) on the same edge of most pages: a header or a footer
        edges: dict[tuple[str, str], list[int]] = {}
        for first, last in pages:
            body = [i for i in range(first, last) if lines[i].text.strip() and i not in furniture]
            for side, indexes in (("top", body[:_EDGE]), ("bottom", body[-_EDGE:])):
                for index in indexes:
                    edge = (side, _furniture_key(lines[index].text))
                    edges.setdefault(edge, []).append(index)
        needed = max(2, (len(pages) + 1) // 2)
        for (_, repeated), indexes in edges.items():
            if (
                len(indexes) >= needed
                and _HAS_WORD.search(repeated)
                and not is_line(FIELD_OR_MARKER, lines[indexes[0]].text)
            ):
                furniture.update(indexes)
    if furniture:
        cleaner.drop(PAGE_FURNITURE, furniture)
