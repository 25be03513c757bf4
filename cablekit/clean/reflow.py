"""Paragraphs reflowed onto one line, split back at their markers.

A converter that joins lines can join paragraphs too, so that one line holds several::

    ¶1. (C) Summary: ... End summary. ¶2. (C) On October 19 ...

becomes ``¶1. (C) Summary: ... End summary.`` / ``¶2. (C) On October 19 ...``, one ``reflow``
repair for each cut.  A ``¶`` marker inside a line always starts a paragraph (or a lettered
item): after a blank, or right after the dashes of a heading's rule, as ``pdftotext`` without
``-layout`` writes them (``------¶3. (C) MEETING WITH``, 00ABUDHABI5893).

A bare ``2. (C)`` starts one only in a copy without ``¶`` markers, and only where the sequence
of paragraph numbers over the whole text says it is one.  After a heading's rule
(``Iraq ---- 12. (C) Clearly``), where a paragraph starts anyway: its number comes shortly
after the marker above, and the marker after it, if any, comes later.  After the end of a
sentence: at least two bare markers in sequence inside one line that starts with a marker
(``1. ... 2. ... 3.``).  A single one inside a line (``... End summary. 2. (C) On``, ``...
End Summary 2. (C)``, ``... PROGRAM. 2. MR. DONALD``) when its number is the one the
sequence around it expects, and the copy shows reflowing (see :func:`_decide`).  In an OCR
copy, whose ``¶`` became ``1`` (``11. 12. ... 18. 111.``), the numbers are read as ``¶`` and
number when the line starts follow on better that way; there a single marker whose ``¶``
was read as ``1`` is a reflowed paragraph's, and one written without it an original's.  A
line start whose number the sequence passes over (a year wrapped to a line start, ``2004.``)
is no marker of the sequence.

A marker is the grammar's: a line that starts with one is a ``PARAGRAPH_LINE``; inside a line,
a marker is a ``PARAGRAPH_NUMBER`` (or, after a ``¶``, an ``ITEM_LETTER``), and a bare one has
its ``PORTION_MARK``; the dashes before it are a ``RULE_LINE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from cablekit.clean.kinds import REFLOW
from cablekit.clean.line_kinds import part
from cablekit.clean.lines import Cleaner, Line, first_word
from cablekit.grammar import pattern

__all__ = ["INNER_PILCROW", "MARKER_LINE", "NUMBER_END", "RULE_CHARACTERS", "split_reflowed"]

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
#: where a marker's number (PARAGRAPH_NUMBER) ends: its last digit and its dot.  Few lines hold
#: one, and the regex engine finds it from the dot far faster than the markers inside a line,
#: which start at a blank, a rule or a sentence's end, met every few characters
NUMBER_END = re.compile(r"\.(?<=[0-9]\.)")
# a paragraph marker where a cut was made, and its number
_MARKER_HERE = re.compile(r"[ \t]*(?:¶[ \t]*)?" + pattern("PARAGRAPH_NUMBER").pattern)
# a ¶ marker inside a line is always a paragraph or lettered item that was reflowed
INNER_PILCROW = re.compile(r"¶(?=[ \t]*(?:" + _NUMBER + "|" + _LETTER + r")(?:[ \t(]|$))")
# a bare "2. (C)": a marker's number and PORTION_MARK
_BARE = _NUMBER + r"[ \t]*" + part("PORTION_MARK") + r"[ \t]"
# the end of a sentence: a bare marker after it is likelier to start a paragraph
_SENTENCE_END = "[.!?:;)\"'”’]"
# a bare marker inside a line after the end of a sentence, from the blanks before it
_INNER_MARKER = re.compile(r"(?<=" + _SENTENCE_END + r")[ \t]+(?=" + _BARE + ")")
# a bare marker inside a line after a word ("End Summary 2. (C)"), from the blanks before it
_WORD_MARKER = re.compile(r"(?<=[^\s.!?:;)\"'”’])[ \t]+(?=" + _BARE + ")")
# a marker's number without a portion mark after the end of a sentence, before a capital
# letter ("PROGRAM. 2. MR. DONALD"), from the blanks before it
_PLAIN_MARKER = re.compile(r"(?<=" + _SENTENCE_END + r")[ \t]+(?=" + _NUMBER + r"[ \t]+[A-Z(])")
# a number right after a rule character, from the blanks before it, if any: a bare marker
# when the rest of the line is a PARAGRAPH_LINE (a heading's rule says a paragraph starts, so
# its portion mark is not needed: "Participants ------ 2. International")
_RULED_MARKER = re.compile(r"(?<=[-_=*])[ \t]*(?=[0-9])")
# what of the line after it decides whether a PARAGRAPH_LINE starts there: its number, dot and
# the character after them (the rest is its text); the line is not copied for each candidate
_MARKER_WINDOW = 16


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
_WORD = 4  # a bare marker after a word
_PLAIN = 5  # a number without a portion mark after the end of a sentence
# how far a bare marker after a heading's rule may be ahead of the marker above it
_RULED_GAP = 3
# the kinds of bare marker that are weaker evidence: they do not stop a stronger one
_WEAK = (_WORD, _PLAIN)
# how many numbers a single bare marker inside a line may leave out around it
_MISSING = 1
# a copy where single bare markers that follow the sequence are at least this share of the
# line starts with a marker was reflowed (one where a few are is likelier an original that
# ran a marker into the paragraph above)
_SINGLES_SHARE = 0.2
# how far past the last marker's a number at a line start is taken for no marker, when the
# next marker follows the last (see _drop_outliers)
_OUTLIER_GAP = 3


@dataclass(slots=True)
class _Marker:
    """A marker of the text: where it is, its number, its kind, and whether it is cut."""

    line: int
    position: int
    number: int | None
    kind: int
    cut: bool = False
    #: its number was read as an OCR copy's: a ¶ read as 1 before it
    ocr: bool = False


def _markers_of(lines: list[Line], bare: bool) -> list[_Marker]:
    """Every marker of the text in order: at line starts, and candidates inside lines."""
    markers: list[_Marker] = []
    for index, line in enumerate(lines):
        text = line.text
        start_marker = _marker_number(text)
        if start_marker is not None:
            markers.append(_Marker(index, 0, start_marker, _START))
        if len(text) < 8:
            continue
        found: list[tuple[int, int]] = []
        if "¶" in text:
            for match in INNER_PILCROW.finditer(text, 1):
                space = match.start()
                while space > 0 and text[space - 1] in " \t":
                    space -= 1
                if 0 < space < match.start() or _rule_before(text, space):
                    found.append((space, _PILCROW))
        # each bare marker holds a marker's number: most lines have none, and are not searched
        if bare and NUMBER_END.search(text):
            found += [(m.start(), _SENTENCE) for m in _INNER_MARKER.finditer(text)]
            found += [(m.start(), _WORD) for m in _WORD_MARKER.finditer(text)]
            found += [(m.start(), _PLAIN) for m in _PLAIN_MARKER.finditer(text)]
            found += [
                (m.start(), _RULED)
                for m in _RULED_MARKER.finditer(text)
                if _marker_number(text[m.end() : m.end() + _MARKER_WINDOW]) is not None
                and _rule_before(text, m.start())
            ]
        # a place found twice (a word that is a rule's dashes) is taken as the likelier kind
        kinds: dict[int, int] = {}
        for position, kind in found:
            kinds[position] = min(kind, kinds.get(position, kind))
        for position, kind in sorted(kinds.items()):
            inner = _MARKER_HERE.match(text, position)
            number = int(inner["number"]) if inner else None
            markers.append(_Marker(index, position, number, kind))
    return markers


def _following(markers: list[_Marker]) -> list[tuple[int | None, int | None]]:
    """After each marker, the number of the next marker that has one, and of the next one of
    the stronger kinds (not a bare marker after a word, nor one without a portion mark)."""
    following: list[tuple[int | None, int | None]] = [(None, None)] * len(markers)
    after: int | None = None
    strong_after: int | None = None
    for index in range(len(markers) - 1, -1, -1):
        following[index] = (after, strong_after)
        marker = markers[index]
        if marker.number is not None:
            after = marker.number
            if marker.kind not in _WEAK:
                strong_after = after
    return following


def _expected(
    last: int, number: int, nexts: tuple[int | None, int | None], repeated: bool
) -> bool:
    """Whether ``number`` is the one the sequence around it expects: after ``last`` and before
    the next marker (or the next of the stronger kinds), with at most one number left out on
    either side, or last of all.  When ``repeated``, the next marker may repeat the number
    (an original's typo, ``6. (S) ... 6. (S)``)."""
    for after in nexts:
        if repeated and after == number:
            after = number + 1
        if after is not None and after <= number:
            continue
        missing = number - last - 1 + (0 if after is None else after - number - 1)
        if missing <= _MISSING:
            return True
    return False


def _drop_outliers(markers: list[_Marker]) -> None:
    """Take no number from a line start that the sequence passes over: one well past the last
    marker's when the next marker follows the last (a year or a resolution's number wrapped
    to a line start, ``2004.  They also``, ``1540.  The U.S.``, between ¶4 and ¶5)."""
    numbered = [marker for marker in markers if marker.number is not None]
    last = 0
    for index, marker in enumerate(numbered):
        number = marker.number
        after = numbered[index + 1].number if index + 1 < len(numbered) else None
        if (
            number is not None
            and marker.kind == _START
            and number > last + _OUTLIER_GAP
            and after is not None
            and last < after <= last + _OUTLIER_GAP
        ):
            marker.number = None
        elif number is not None:
            last = number


def _decide(markers: list[_Marker]) -> None:
    """Mark the markers to cut before, from the sequence of numbers over the whole text.

    A ``¶`` inside a line is always cut before.  A bare marker after a heading's rule is cut
    before when its number is at most three past the last marker's (or repeats it) and the
    next marker comes later in the sequence, or there is none.  Bare markers after a
    sentence are cut before when at least two of them inside one line that starts with a
    marker follow the sequence (``1. ... 2. ... 3.``).

    A single bare marker inside a line (after a sentence, after a word, or after a sentence
    without a portion mark but before a paragraph's first word) is a candidate when its
    number is the one the sequence expects (:func:`_expected`), or repeats the number above
    with a portion mark (an original's typo), and the part of the line it is in starts with a
    marker.  In an OCR copy, one whose ``¶`` was read as ``1`` is cut before: it was a
    paragraph's marker; one written without it is an original's run into the paragraph
    above, and stays.  Elsewhere the candidates are cut before when the copy shows reflowing:
    some line was cut by the rules above, or they are more than :data:`_SINGLES_SHARE` of the
    line starts.  Originals run markers into the paragraph above (07SANTIAGO983's ``2. (C)``,
    10SEOUL248's ``3. (C)``) that the sequence alone does not tell from reflowed ones; in a
    copy that keeps its lines they are a few.  An inner ``1.`` after the first paragraph
    opens a list of the line's own: no marker after it in the line is a candidate.
    """
    _drop_outliers(markers)
    following = _following(markers)
    ocr_copy = any(marker.ocr for marker in markers)
    last = 0
    in_line: dict[int, list[_Marker]] = {}
    singles: list[_Marker] = []
    ending: list[_Marker] = []  # a last marker without a portion mark
    line = -1
    marked = False  # the part of the line looked at starts with a marker
    listed = False  # the line holds a list of its own (an inner "1.") from here on
    for index, marker in enumerate(markers):
        number, kind = marker.number, marker.kind
        if marker.line != line:
            line, marked, listed = marker.line, False, False
        if kind in (_START, _PILCROW):
            marker.cut = kind == _PILCROW
            marked = True
            last = number if number is not None else last
            continue
        if number is None:
            continue
        nexts = following[index]
        if kind == _RULED:
            # after a heading's rule a paragraph starts anyway: a short gap in the numbers is
            # allowed there (05SOFIA1207's "COMMENT -----------11. (C)" after ¶8), and a
            # number written twice
            if last - 1 < number <= last + _RULED_GAP:
                marker.cut = last >= 1 and any(n is None or n >= number for n in nexts)
                marked = marked or marker.cut
                last = number
            continue
        # an inner "1." after the first paragraph opens a list of the line's own: the numbers
        # after it in the line are its items ("areas: 1. Basic ...; 2. Controlled ...")
        listed = listed or (number == 1 and last >= 1)
        if listed:
            continue
        if (
            number == last >= 1
            and kind != _PLAIN
            and marked
            and (nexts[0] is None or nexts[0] > number)
        ):
            # the number above written twice, with its portion mark (an original's typo)
            marker.cut = marker.ocr
            if marker.ocr or not ocr_copy:
                singles.append(marker)
            continue
        if not last < number <= last + 1 + _MISSING:
            continue
        expected = last >= 1 and marked and _expected(last, number, nexts, kind != _PLAIN)
        # a ¶ read as 1 before it: the marker was a paragraph's, reflowed
        marker.cut = expected and marker.ocr
        if kind == _SENTENCE and number == last + 1:
            in_line.setdefault(marker.line, []).append(marker)
        elif not expected:
            continue
        if expected and (marker.ocr or not ocr_copy):
            # (in an OCR copy, a marker written without the ¶ the others had is an original's
            # run into the paragraph above; one without a portion mark and with no marker
            # after it, "... as follows. 3. The list ends here", needs other evidence)
            (ending if kind == _PLAIN and nexts[0] is None else singles).append(marker)
        last = number
    starts = {marker.line for marker in markers if marker.kind == _START}
    reflowed = any(marker.cut for marker in markers if marker.kind == _RULED)
    for line, same_line in in_line.items():
        if len(same_line) >= 2 and line in starts:
            reflowed = True
            for marker in same_line:
                marker.cut = True
    if reflowed or (singles and len(singles) > _SINGLES_SHARE * len(starts)):
        for marker in singles + ending:
            marker.cut = True


def _ocr_number(number: int) -> int | None:
    """``number`` with its leading ``1`` taken for an OCR'd ``¶`` (``112`` -> 12), if it has one."""
    digits = str(number)
    if len(digits) in (2, 3) and digits[0] == "1" and digits[1] != "0":
        return int(digits[1:])
    return None


def _in_sequence(numbers: list[int]) -> int:
    """How many of ``numbers`` are the one before them plus one (the first, when it is 1)."""
    numbers = [0, *numbers]
    return sum(1 for before, after in pairwise(numbers) if after == before + 1)


def _read_as_ocr(markers: list[_Marker]) -> None:
    """Read the numbers as an OCR copy's (``¶`` became ``1``) when its line starts say so.

    The line starts are read both ways; when more of them follow on read as ``¶`` + number
    than as written (``11. 12. ... 18. 111.`` is 1, 2, ... 8, 11 rather than 11, 12, ... 18,
    111), every marker is read that way.  The
    text is not changed here: the reader of the text makes the ``paragraph-number`` repairs.
    """
    starts = [m.number for m in markers if m.kind == _START and m.number is not None]
    ocr = [_ocr_number(number) for number in starts]
    if not starts or any(number is None for number in ocr):
        return
    if _in_sequence([n for n in ocr if n is not None]) <= _in_sequence(starts):
        return
    for marker in markers:
        if marker.number is not None:
            read = _ocr_number(marker.number)
            if read is not None:
                marker.number, marker.ocr = read, True


def split_reflowed(cleaner: Cleaner) -> None:
    """Split lines that hold several paragraphs at their markers.

    A ``¶N.`` inside a line always starts a paragraph.  Bare ``N. (C)`` markers do only in a
    copy without ``¶`` markers, where the sequence of numbers says they are markers (see
    :func:`_decide`).
    """
    # In a copy that marks its paragraphs with ¶, a bare "12. (C)" is not one of its markers.
    bare = not any(
        "¶" in line.text and _marker_number(line.text) is not None for line in cleaner.lines
    )
    markers = _markers_of(cleaner.lines, bare)
    if bare:
        _read_as_ocr(markers)
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
            # the marker's word, from a window: a line with thousands of cuts is not copied
            # for each (a marker's word is a few characters)
            word = first_word(text[start : start + _MARKER_WINDOW * 4])
            # the blank the cut replaced, none when the marker came right after a rule
            blank = " " if start > cut else ""
            cleaner.record(REFLOW, line.origin, blank + word, "\n" + word)
        result.append(Line(line.origin, text[start:]))
    cleaner.lines = result
