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

What a line is, the pass asks the grammar (:mod:`cablekit.clean.line_kinds`): a field that
wraps opens with a ``SUBJECT_LINE``, ``CLASSIFIED_BY_LINE`` or ``TAGS_LINE``; the line kinds of
the head and the text end one (and so do a few headings of the text, which are plain lines
for the grammar); the tags are the grammar's ``TAG``; the lists of the header are an
``FL2_LINE`` or ``RELAY_LINE`` and the ``RELAY_LINE`` below it, a ``TO_LINE``, ``INFO_LINE``,
``XMT_LINE`` or ``ADDRESSEE_LINE`` and the ``ADDRESSEE_LINE`` below it.  The head of the text
ends at the first ``PARAGRAPH_LINE``; the header, where :func:`run_together.header_end
<cablekit.clean.run_together.header_end>` says.
"""

from __future__ import annotations

import re

from cablekit.clean.kinds import BLANK_LINE
from cablekit.clean.line_kinds import is_line, lines_of, part
from cablekit.clean.lines import Cleaner, Line
from cablekit.clean.reflow import MARKER_LINE
from cablekit.clean.run_together import header_end
from cablekit.grammar import pattern

__all__ = [
    "ADDRESSEE_LIST",
    "ADDRESSEE_MORE",
    "FIELD_FOLLOWER",
    "FIELD_OR_MARKER",
    "RELAY_LIST",
    "RELAY_MORE",
    "WRAPPING_FIELD",
    "join_wrapped_fields",
]

# ---------------------------------------------------------------------------------------------
# Line kinds: the grammar's, each matched on a line with its newline
# ---------------------------------------------------------------------------------------------

# the fields that wrap: a SUBJECT line, a Classified By line, a TAGS line
_SUBJECT = pattern("SUBJECT_LINE")
_CLASSIFIED_BY = pattern("CLASSIFIED_BY_LINE")
_TAGS = pattern("TAGS_LINE")
WRAPPING_FIELD = lines_of("SUBJECT_LINE", "CLASSIFIED_BY_LINE", "TAGS_LINE")
# a line that is a field, a caption, a marker, a rule ...: never the wrapped end of a field
# (the line kinds of the head and the text: paragraph markers, REF, Classified By, SUBJECT,
# TAGS, E.O., rules, lettered items, the classification line, captions, continuation lines,
# the kinds met most often first; and headings of the text, SUMMARY, COMMENT, and a DECL
# line, which the grammar reads as plain lines)
FIELD_OR_MARKER = re.compile(
    lines_of(
        "PARAGRAPH_LINE",
        "REF_LINE",
        "CLASSIFIED_BY_LINE",
        "SUBJECT_LINE",
        "TAGS_LINE",
        "EO_LINE",
        "RULE_LINE",
        "LETTERED_LINE",
        "CLASSIFICATION_LINE",
        "CAPTION_LINE",
        "CONTINUATION_LINE",
    ).pattern
    + r"|[ \t]*(?i:(?:END[ \t]+)?(?:SUMMARY|COMMENT|BACKGROUND|INTRODUCTION)\b"
    + r"|DERIVED[ \t]+FROM|DECL\b)"
)
# what may follow a wrapped field once its lines are together again: E.O., TAGS, SUBJECT,
# REF, Classified By, a paragraph marker, a rule; and a line that opens with the REF_KEYWORD
# but is no REF line for the grammar, "REF A: STATE 120288" (10STATE9124)
FIELD_FOLLOWER = re.compile(
    lines_of(
        "EO_LINE",
        "TAGS_LINE",
        "SUBJECT_LINE",
        "REF_LINE",
        "CLASSIFIED_BY_LINE",
        "PARAGRAPH_LINE",
        "RULE_LINE",
    ).pattern
    + r"|[ \t]*"
    + part("REF_KEYWORD")
    + r"\b"
)
# a wrapped relay list (FL2, or a line of routing indicators) and its next line of them
RELAY_LIST = lines_of("FL2_LINE", "RELAY_LINE")
RELAY_MORE = lines_of("RELAY_LINE")
# an addressee list (TO, INFO, XMT or one of their addressees) and its next addressee
ADDRESSEE_LIST = lines_of("TO_LINE", "INFO_LINE", "XMT_LINE", "ADDRESSEE_LINE")
ADDRESSEE_MORE = lines_of("ADDRESSEE_LINE")

# ---------------------------------------------------------------------------------------------
# The words of a field
# ---------------------------------------------------------------------------------------------

_REASON = re.compile(r"\b1[ \t]?\.[ \t]?[4-6]\b|(?i:\breasons?\b)")
# the tags of a TAGS line, each as the grammar's TAG finds it ("FR", "OVIP (RICE, CONDOLEEZZA)"),
# when each is written as tags are: capitals and digits, a person in parentheses after them
_TAG = pattern("TAG")
_TAG_WORD = re.compile(r"[A-Z][A-Z0-9]{1,7}(?:[ \t]*\([^()\n]{1,60}\))?")
_BETWEEN_TAGS = re.compile(r"[ \t,;]*")
_ENDS_OPEN = re.compile(
    r"(?:[,:;/&-]|\b(?i:THE|A|AN|OF|TO|AND|OR|FOR|IN|ON|AT|BY|WITH|FROM|NO|NOT|ITS|HIS|HER"
    r"|THEIR|AS|OVER|INTO|ABOUT|AGAINST|BETWEEN))[ \t]*$"
)


def _only_tags(text: str) -> bool:
    """Whether ``text`` holds tags and nothing else: "FR GM", "KJUS, OVIP (RICE, CONDOLEEZZA)"."""
    position = 0
    for tag in _TAG.finditer(text):
        if not _BETWEEN_TAGS.fullmatch(text, position, tag.start()):
            return False
        if not _TAG_WORD.fullmatch(tag.group()):
            return False
        position = tag.end()
    return position > 0 and _BETWEEN_TAGS.fullmatch(text, position) is not None


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
        end < len(lines)
        and lines[end].text.strip()
        and not is_line(FIELD_OR_MARKER, lines[end].text)
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
    if end - start > 3 or any(is_line(FIELD_OR_MARKER, lines[i].text) for i in range(start, end)):
        return None
    follower = _next_nonblank(lines, end)
    if follower is not None and not is_line(FIELD_FOLLOWER, follower):
        return None
    rest = " ".join(lines[i].text.strip() for i in range(start, end))
    subject = _SUBJECT.match(field + "\n")
    if subject is not None:
        if last.endswith((".", "?", "!", ")")) and not _ENDS_OPEN.search(last):
            return None
        capitals = all(c.isupper() for c in subject["subject"] if c.isalpha())
        if capitals and not all(c.isupper() for c in rest if c.isalpha()):
            return None
        if not (_ENDS_OPEN.search(last) or len(last) >= 45):
            return None
        return block
    if is_line(_CLASSIFIED_BY, field):
        if _REASON.search(" ".join(lines[i].text for i in range(field_start, field_end))):
            if not _ENDS_OPEN.search(last):
                return None
        elif not _REASON.search(rest):
            return None
        return block
    if is_line(_TAGS, field) and _only_tags(rest):
        ends_list = last.endswith(",") or len(last) >= 45
        if ends_list or follower is None or is_line(_SUBJECT, follower):
            return block
    return None


def join_wrapped_fields(cleaner: Cleaner) -> None:
    """Remove blank lines inside wrapped head fields and inside the transmission header."""
    lines = cleaner.lines
    drop: set[int] = set()
    head_end = next(
        (i for i, line in enumerate(lines) if is_line(MARKER_LINE, line.text)), len(lines)
    )
    index = 0
    while index < head_end:
        if is_line(WRAPPING_FIELD, lines[index].text):
            end = index + 1
            while (
                end < len(lines)
                and lines[end].text.strip()
                and not is_line(FIELD_OR_MARKER, lines[end].text)
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
        if (is_line(RELAY_LIST, previous) and is_line(RELAY_MORE, following)) or (
            is_line(ADDRESSEE_LIST, previous) and is_line(ADDRESSEE_MORE, following)
        ):
            drop.add(index)
    if drop:
        cleaner.drop(BLANK_LINE, drop, "\n")
