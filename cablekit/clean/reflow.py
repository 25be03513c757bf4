"""Paragraphs reflowed onto one line, split back at their markers.

A converter that joins lines can join paragraphs too, so that one line holds several::

    ¶1. (C) Summary: ... End summary. ¶2. (C) On October 19 ...

becomes ``¶1. (C) Summary: ... End summary.`` / ``¶2. (C) On October 19 ...``, one ``reflow``
repair for each cut.  A ``¶`` marker inside a line always starts a paragraph (or a lettered
item): after a blank, or right after the dashes of a heading's rule, as ``pdftotext`` without
``-layout`` writes them (``------¶3. (C) MEETING WITH``, 00ABUDHABI5893).

A bare ``2. (C)`` starts one only in a copy without ``¶`` markers, and only where the sequence
of paragraph numbers over the whole text says it is one: its number is the one after the
marker above, and the marker after it follows on.  After the end of a sentence that marker is
the next one, ``3.`` (or a second bare marker in sequence on the same line); after a heading's
rule (``Iraq ---- 12. (C) Clearly``), where a paragraph starts anyway, any later number, or
none.  A single bare marker at the end of the text, after a sentence, is not evidence enough.

A marker is the grammar's: a line that starts with one is a ``PARAGRAPH_LINE``; inside a line,
a marker is a ``PARAGRAPH_NUMBER`` (or, after a ``¶``, an ``ITEM_LETTER``), and a bare one has
its ``PORTION_MARK``; the dashes before it are a ``RULE_LINE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablekit.clean.kinds import REFLOW
from cablekit.clean.line_kinds import part
from cablekit.clean.lines import Cleaner, Line, first_word
from cablekit.grammar import pattern

__all__ = ["INNER_PILCROW", "MARKER_LINE", "RULE_CHARACTERS", "split_reflowed"]

# ---------------------------------------------------------------------------------------------
# Line kinds: paragraph markers and rules, the grammar's
# ---------------------------------------------------------------------------------------------

# a line that starts with a paragraph marker, "¶1. (C)", "12. " (the grammar's PARAGRAPH_LINE,
# matched with the line's newline), and its number
MARKER_LINE = pattern("PARAGRAPH_LINE")
# a rule of dashes (RULE_LINE), matched on the end of a line before a marker
_RULE_LINE = pattern("RULE_LINE")
#: the characters a rule is made of (those RULE_LINE opens with), and the blanks inside it
RULE_CHARACTERS = "-_=*"
_RULE_OR_BLANK = RULE_CHARACTERS + " \t"
# a marker's number and dot (PARAGRAPH_NUMBER), and a lettered item's letter (ITEM_LETTER)
_NUMBER = part("PARAGRAPH_NUMBER")
_LETTER = part("ITEM_LETTER")
# a paragraph marker where a cut was made, and its number
_MARKER_HERE = re.compile(r"[ \t]*(?:¶[ \t]*)?" + pattern("PARAGRAPH_NUMBER").pattern)
# a ¶ marker inside a line is always a paragraph or lettered item that was reflowed
INNER_PILCROW = re.compile(r"¶(?=[ \t]*(?:" + _NUMBER + "|" + _LETTER + r")(?:[ \t(]|$))")
# a bare "2. (C)": a marker's number and PORTION_MARK
_BARE = _NUMBER + r"[ \t]*" + part("PORTION_MARK") + r"[ \t]"
# a bare marker inside a line after the end of a sentence, from the blanks before it
_INNER_MARKER = re.compile(r"(?<=[.!?:;)\"'”’])[ \t]+(?=" + _BARE + ")")
# a bare marker right after a rule character, from the blanks before it, if any
_RULED_MARKER = re.compile(r"(?<=[-_=*])[ \t]*(?=" + _BARE + ")")


def _marker_number(text: str) -> int | None:
    """The number of the paragraph marker ``text`` starts with, if it does."""
    marker = MARKER_LINE.match(text + "\n")
    return int(marker["number"]) if marker else None


def _rule_before(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends with a rule of dashes: ``Iraq ----``, ``------``."""
    start = end
    while start > 0 and text[start - 1] in _RULE_OR_BLANK:
        start -= 1
    return _RULE_LINE.match(text[start:end] + "\n") is not None


# kinds of marker of the text, in the order of the sequence
_START = 0  # a line starts with it: the sequence as written
_PILCROW = 1  # a ¶ marker inside a line: always cut before
_SENTENCE = 2  # a bare marker after the end of a sentence
_RULED = 3  # a bare marker after a heading's rule
# how far a bare marker after a heading's rule may be ahead of the marker above it
_RULED_GAP = 3


@dataclass(slots=True)
class _Marker:
    """A marker of the text: where it is, its number, its kind, and whether it is cut."""

    line: int
    position: int
    number: int | None
    kind: int
    cut: bool = False


def _markers_of(lines: list[Line], bare: bool) -> list[_Marker]:
    """Every marker of the text in order: at line starts, and candidates inside lines."""
    markers: list[_Marker] = []
    for index, line in enumerate(lines):
        text = line.text
        start_marker = _marker_number(text)
        if start_marker is not None:
            markers.append(_Marker(index, 0, start_marker, _START))
        if len(text) < 8 or ("¶" not in text and "(" not in text):
            continue
        found: list[tuple[int, int]] = []
        if "¶" in text:
            for match in INNER_PILCROW.finditer(text, 1):
                space = match.start()
                while space > 0 and text[space - 1] in " \t":
                    space -= 1
                if 0 < space < match.start() or _rule_before(text, space):
                    found.append((space, _PILCROW))
        if bare and "(" in text:
            found += [(m.start(), _SENTENCE) for m in _INNER_MARKER.finditer(text)]
            found += [
                (m.start(), _RULED)
                for m in _RULED_MARKER.finditer(text)
                if _rule_before(text, m.start())
            ]
        for position, kind in sorted(found):
            inner = _MARKER_HERE.match(text, position)
            number = int(inner["number"]) if inner else None
            markers.append(_Marker(index, position, number, kind))
    return markers


def _decide(markers: list[_Marker]) -> None:
    """Mark the markers to cut before, from the sequence of numbers over the whole text.

    A ``¶`` inside a line is always cut before.  A bare marker after a sentence is cut before
    when its number follows the last marker's and the next marker's number follows its own,
    or another bare marker of its line is cut in sequence (05BRASILIA1207 runs a last
    ``6.(S)`` into ¶5 in the original: the text ends there, so nothing says it is one).  One after a
    heading's rule is cut before when its number is at most three past the last marker's and
    the next marker comes later in the sequence, or there is none.
    """
    last = 0
    # the bare markers after a sentence that follow the sequence, by line: they are cut when
    # at least two of one line are (the next one follows each but the last)
    in_line: dict[int, list[_Marker]] = {}
    for index, marker in enumerate(markers):
        number = marker.number
        if marker.kind == _START:
            last = number if number is not None else last
            continue
        if marker.kind == _PILCROW:
            marker.cut = True
            last = number if number is not None else last
            continue
        # after a heading's rule a paragraph starts anyway: a short gap in the numbers is
        # allowed there (09's "COMMENT -----------11. (C)" after ¶8), as the numbering allows
        # gaps; after a sentence, only the next number
        gap = _RULED_GAP if marker.kind == _RULED else 1
        if number is None or not last < number <= last + gap:
            continue
        following = next((m.number for m in markers[index + 1 :] if m.number is not None), None)
        if marker.kind == _RULED:
            marker.cut = last >= 1 and (following is None or following > number)
        else:
            in_line.setdefault(marker.line, []).append(marker)
            marker.cut = last >= 1 and following == number + 1
        last = number
    for same_line in in_line.values():
        if len(same_line) >= 2 and _marker_number_of_line(markers, same_line[0].line):
            for marker in same_line:
                marker.cut = True


def _marker_number_of_line(markers: list[_Marker], line: int) -> bool:
    """Whether line ``line`` starts with a marker."""
    return any(m.line == line and m.kind == _START for m in markers)


def split_reflowed(cleaner: Cleaner) -> None:
    """Split lines that hold several paragraphs at their markers.

    A ``¶N.`` inside a line always starts a paragraph.  Bare ``N. (C)`` markers do only in a
    copy without ``¶`` markers, where the sequence of numbers says they are markers (see
    :func:`_decide`): a single bare marker after a sentence, not followed by the next number,
    is not evidence enough.
    """
    # In a copy that marks its paragraphs with ¶, a bare "12. (C)" is not one of its markers.
    bare = not any(
        "¶" in line.text and _marker_number(line.text) is not None for line in cleaner.lines
    )
    markers = _markers_of(cleaner.lines, bare)
    _decide(markers)
    cuts: dict[int, list[int]] = {}
    for marker in markers:
        if marker.cut:
            cuts.setdefault(marker.line, []).append(marker.position)
    if not cuts:
        return
    result: list[Line] = []
    for index, line in enumerate(cleaner.lines):
        if index not in cuts:
            result.append(line)
            continue
        text = line.text
        start = 0
        for cut in sorted(set(cuts[index])):
            result.append(Line(line.origin, text[start:cut].rstrip(" \t")))
            start = cut
            while start < len(text) and text[start] in " \t":
                start += 1
            word = first_word(text[start:])
            # the blank the cut replaced, none when the marker came right after a rule
            blank = " " if start > cut else ""
            cleaner.record(REFLOW, line.origin, blank + word, "\n" + word)
        result.append(Line(line.origin, text[start:]))
    cleaner.lines = result
