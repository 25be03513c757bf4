"""Blank lines inside wrapped fields and inside the lists of the transmission header, removed.

A converter that puts blank lines between lines of a wrapped field cuts the field in two; the
grammar would read its second half as a paragraph of its own (06PARIS7101, the seed)::

    SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO
                                                              ->  (the blank line removed)
    EOUIVALENT ORGANIZATION

A blank line goes (``blank-line``, ``before`` the line and its line break) inside a SUBJECT,
Classified By or TAGS line of the head of the text, when the field shows it goes on (it ends
open, ``... FOR`` or ``,``, or is long, or its reasons follow) and what follows the blank line
is short and followed by a field or a paragraph marker; and inside the relay list (FL2) or an
addressee list (TO, INFO, XMT) of the transmission header, between two of its lines.
"""

from __future__ import annotations

import re

from cablekit.clean.kinds import BLANK_LINE
from cablekit.clean.lines import Cleaner, Line
from cablekit.clean.reflow import LINE_MARKER
from cablekit.clean.run_together import RI, header_end

__all__ = [
    "ADDRESSEE_LIST",
    "ADDRESSEE_MORE",
    "CLASSIFIED_BY",
    "FIELD_FOLLOWER",
    "FIELD_OR_MARKER",
    "RELAY_LIST",
    "RELAY_MORE",
    "SUBJECT",
    "TAGS",
    "join_wrapped_fields",
]

# ---------------------------------------------------------------------------------------------
# Line kinds
# ---------------------------------------------------------------------------------------------

# the fields that wrap: a SUBJECT line, a Classified By line, a TAGS line
SUBJECT = re.compile(r"^[ \t]*(?i:SUBJECT|SUBJ)[ \t]*[:.-]")
CLASSIFIED_BY = re.compile(r"^[ \t]*(?:\([A-Z]{1,3}\)[ \t]*)?(?i:CLASSIFIED[ \t]+BY)\b")
TAGS = re.compile(r"^[ \t]*(?i:TAGS?)(?:[ \t]*:|[ \t\u00a0]+)")
# a line that is a field, a caption, a marker, a rule ...: never the wrapped end of a field
# (E.O., TAGS, SUBJECT, REF, Classified By, paragraph markers and lettered items, rules, the
# classification line, captions, SUMMARY and COMMENT headings, DECL, a printout page header)
FIELD_OR_MARKER = re.compile(
    r"^[ \t]*(?:(?i:E\.?[ \t]?O\.?)[ \t]*[0-9]{5}|(?i:TAGS?|SUBJ(?:ECT)?|REFS?|REFTELS?)\b"
    r"|(?:\([A-Z]{1,3}\)[ \t]*)?(?i:CLASSIFIED[ \t]+BY)|¶|[0-9]{1,4}\.|[A-Z][.)][ \t]"
    r"|[-_=*]{3}|(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS)\b"
    r"|(?:SIPDIS|NOFORN|SENSITIVE|EXDIS|NODIS|LIMDIS|STADIS|FOR OFFICIAL USE ONLY|WEBGRAM)\b"
    r"|(?i:(?:END[ \t]+)?(?:SUMMARY|COMMENT|BACKGROUND|INTRODUCTION)\b|DERIVED[ \t]+FROM|DECL\b)"
    r"|[A-Z][A-Z .'-]*[ \t]+[0-9]{5,8}[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{3})"
)
# what may follow a wrapped field once its lines are together again: E.O., TAGS, SUBJECT,
# REF, Classified By, a paragraph marker, a rule
FIELD_FOLLOWER = re.compile(
    r"^[ \t]*(?:(?i:E\.?[ \t]?O\.?)[ \t]*[0-9]{5}|(?i:TAGS?|SUBJ(?:ECT)?|REFS?|REFTELS?)\b"
    r"|(?:\([A-Z]{1,3}\)[ \t]*)?(?i:CLASSIFIED[ \t]+BY)|¶|[0-9]{1,2}\.[ \t(]|[-_=*]{3})"
)
# a wrapped relay list (FL2) and its next line of routing indicators
RELAY_LIST = re.compile(
    r"^[ \t]*(?:(?:ZZ|OO|PP|RR|OP|PR|RP|OR|PO|ZO|ZP|ZR|RO)[ \t]+)?"
    + RI
    + r"(?:[ \t]+"
    + RI
    + r")*[ \t]*$"
)
RELAY_MORE = re.compile(r"^[ \t]*" + RI + r"(?:[ \t]+" + RI + r")+[ \t]*$")
# an addressee list (TO, INFO, XMT or one of their addressees) and its next addressee
ADDRESSEE_LIST = re.compile(r"^[ \t]*(?:(?:TO|INFO|XMT)[ \t/]+(?!PAGE\b)\S|" + RI + r"[ \t]*/)")
ADDRESSEE_MORE = re.compile(r"^[ \t]*" + RI + r"[ \t]*/[ \t]*[A-Z0-9]")

# ---------------------------------------------------------------------------------------------
# The words of a field
# ---------------------------------------------------------------------------------------------

_REASON = re.compile(r"\b1[ \t]?\.[ \t]?[4-6]\b|(?i:\breasons?\b)")
# tags only: "FR GM", "KJUS, OVIP (RICE, CONDOLEEZZA)"; one way to match, so no backtracking
_TAG = r"[A-Z][A-Z0-9]{1,7}(?![A-Za-z0-9])(?:[ \t]*\([^()\n]{1,60}\))?"
_TAG_WORDS = re.compile(
    r"^[ \t]*" + _TAG + r"(?:(?:[ \t]*[,;])?[ \t]+" + _TAG + r"|[ \t]*[,;]" + _TAG + r")*[ \t,;]*$"
)
_ENDS_OPEN = re.compile(
    r"(?:[,:;/&-]|\b(?i:THE|A|AN|OF|TO|AND|OR|FOR|IN|ON|AT|BY|WITH|FROM|NO|NOT|ITS|HIS|HER"
    r"|THEIR|AS|OVER|INTO|ABOUT|AGAINST|BETWEEN))[ \t]*$"
)


def _block_after(lines: list[Line], index: int) -> tuple[int, int] | None:
    """The lines after the blank lines that follow ``index``, up to a blank or a field."""
    start = index + 1
    if start >= len(lines) or lines[start].text.strip():
        return None
    while start < len(lines) and not lines[start].text.strip():
        start += 1
    if start >= len(lines):
        return None
    end = start + 1
    while (
        end < len(lines) and lines[end].text.strip() and not FIELD_OR_MARKER.match(lines[end].text)
    ):
        end += 1
    return start, end


def _next_nonblank(lines: list[Line], index: int) -> str | None:
    """The first non-blank line at or after ``index``, if any."""
    while index < len(lines):
        if lines[index].text.strip():
            return lines[index].text
        index += 1
    return None


def _continues_field(lines: list[Line], field_start: int, field_end: int) -> tuple[int, int] | None:
    """The block that is the rest of the field in ``lines[field_start:field_end]``, if any."""
    block = _block_after(lines, field_end - 1)
    if block is None:
        return None
    start, end = block
    field = lines[field_start].text
    last = lines[field_end - 1].text.rstrip()
    if end - start > 3 or any(FIELD_OR_MARKER.match(lines[i].text) for i in range(start, end)):
        return None
    follower = _next_nonblank(lines, end)
    if follower is not None and not FIELD_FOLLOWER.match(follower):
        return None
    rest = " ".join(lines[i].text.strip() for i in range(start, end))
    if SUBJECT.match(field):
        if last.endswith((".", "?", "!", ")")) and not _ENDS_OPEN.search(last):
            return None
        subject = SUBJECT.sub("", field, count=1)
        capitals = all(c.isupper() for c in subject if c.isalpha())
        if capitals and not all(c.isupper() for c in rest if c.isalpha()):
            return None
        if not (_ENDS_OPEN.search(last) or len(last) >= 45):
            return None
        return block
    if CLASSIFIED_BY.match(field):
        if _REASON.search(" ".join(lines[i].text for i in range(field_start, field_end))):
            if not _ENDS_OPEN.search(last):
                return None
        elif not _REASON.search(rest):
            return None
        return block
    if TAGS.match(field) and _TAG_WORDS.match(rest):
        ends_list = last.endswith(",") or len(last) >= 45
        if ends_list or follower is None or SUBJECT.match(follower):
            return block
    return None


def join_wrapped_fields(cleaner: Cleaner) -> None:
    """Remove blank lines inside wrapped head fields and inside the transmission header."""
    lines = cleaner.lines
    drop: set[int] = set()
    head_end = next((i for i, line in enumerate(lines) if LINE_MARKER.match(line.text)), len(lines))
    index = 0
    while index < head_end:
        text = lines[index].text
        if SUBJECT.match(text) or CLASSIFIED_BY.match(text) or TAGS.match(text):
            end = index + 1
            while (
                end < len(lines)
                and lines[end].text.strip()
                and not FIELD_OR_MARKER.match(lines[end].text)
            ):
                end += 1
            block = _continues_field(lines, index, end)
            while block is not None:
                drop.update(range(end, block[0]))
                end = block[1]
                block = _continues_field(lines, index, end)
            index = end
            continue
        index += 1
    # the transmission header: a blank line inside the relay list or the addressee lists
    header = header_end(lines)
    following: str | None = None
    next_text: list[str | None] = [None] * header  # the next non-blank line, from the end
    for index in range(header - 1, -1, -1):
        if lines[index].text.strip():
            following = lines[index].text
        next_text[index] = following
    previous: str | None = None
    for index in range(header):
        text = lines[index].text
        if text.strip():
            previous = text
            continue
        following = next_text[index]
        if previous is None or following is None:
            continue
        if (RELAY_LIST.match(previous) and RELAY_MORE.match(following)) or (
            ADDRESSEE_LIST.match(previous) and ADDRESSEE_MORE.match(following)
        ):
            drop.add(index)
    if drop:
        cleaner.drop(BLANK_LINE, drop, "\n")
