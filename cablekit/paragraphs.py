"""The text of a cable: paragraph numbers, paragraphs, headings, signature, summary, comment.

Paragraph numbers are decided over the whole sequence of candidate markers, not line by line
(:func:`number_markers`): in a damaged copy ``11.`` may be ``¶1`` with the ``¶`` read as the
digit ``1``, or the number 11, and only the numbers around it tell which.  A paragraph whose
marker was lost entirely is numbered from the gap it leaves, when a heading and a block of
text sit in that gap.  Both decisions are recorded as repairs; no text is ever added.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from lark import Token

from cablekit._text import collapse, collapse_lines, line_of
from cablekit.clean import LOST_MARKER, PARAGRAPH_NUMBER
from cablekit.lexer import line_token
from cablekit.models import Paragraph, Repair
from cablekit.parser import NEW_TEXT, TEXT, is_run, lines_of

__all__ = [
    "Candidate",
    "Paragraphs",
    "Reading",
    "number_markers",
    "readings",
    "summary_and_comment",
]


class _Sink(Protocol):
    """Where the paragraph builder reports what it found besides paragraphs."""

    signature: str | None
    repairs: list[Repair]

    def keep_unparsed(self, token: Token) -> None: ...


_MARKER = re.compile(
    r"^\s*(?P<pilcrow>¶\s*)?(?P<number>[0-9]{1,4})\.\s*"
    r"(?:\((?P<marking>[A-Z]{1,4}(?:\s*/{1,2}\s*[A-Z]{1,6}){0,3})\)\s*)?(?P<text>.*)$",
    re.DOTALL,
)
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
_SIGNATURE = re.compile(r"^[A-Z][A-Za-z'.-]*(?:[ /,]+[A-Z][A-Za-z'.-]*){0,3}$")
_NOT_SIGNATURE = re.compile(
    r"\b(?:END|COMMENT|SUMMARY|NOTE|SIPDIS|NOFORN|UNCLASSIFIED|CONFIDENTIAL|SECRET)\b", re.I
)
_HEADING_MAX = 80
_FURNITURE = ("CONTINUATION_LINE", "PAGE_LINE")
# lines of a block that are kept as unparsed, not read as its text
_NOT_TEXT = frozenset((*_FURNITURE, "RULE_LINE"))
# a block of text long enough to be a paragraph whose marker was lost
_PARAGRAPH_MIN = 80
# A block that opens with a damaged marker ("10  (C)", "18, (SBU)", "Q (C/NF)", "2 OF 002 5.
# (C)") did not lose its marker: the marker is there, written in a form that is not one.
_DAMAGED_MARKER = re.compile(
    r"(?:^|\s)(?:[0-9]{1,3}|[A-Za-z])[ \t]*[.,:;]*[ \t]*"
    r"\((?:U|C|S|TS|SBU|FOUO|[A-Z]{1,4}[ \t]*/{1,2}[ \t]*[A-Z]{1,6})\)"
)
# a section continuation line the grammar did not recognize: "RIO DE JAN 00000365 002."
_CONTINUATION = re.compile(r"^\s*[A-Z][A-Z .'-]*\s+[0-9]{5,8}\s+[0-9]{3}\b")


# ---------------------------------------------------------------------------------------------
# Paragraph numbers over the whole sequence
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A line that may be a paragraph marker: ``¶12.``, ``110.``, ``2008.``."""

    #: the digits before the dot, as written (``"110"``)
    digits: str
    #: written with ``¶`` (or a repaired ``¶``), so its digits are all number
    explicit: bool = False
    #: follows a line ending in a month, ``and``, ``or``, ``to``, ``through`` or a comma, so it
    #: is a date or a list item carried over, not a marker
    carried: bool = False

    @property
    def ocr_number(self) -> int | None:
        """The number if the leading ``1`` is an OCR'd ``¶`` (``110`` -> 10), else None."""
        digits = self.digits
        if self.explicit or len(digits) not in (2, 3) or digits[0] != "1" or digits[1] == "0":
            return None
        return int(digits[1:])


@dataclass(frozen=True)
class Reading:
    """One way to read a candidate marker: a paragraph number, or not a marker at all."""

    #: the paragraph number, None when the candidate is read as plain text
    number: int | None
    #: True when the number is read with its leading ``1`` taken for a ``¶`` (OCR damage)
    ocr: bool = False
    #: what this reading costs in the sequence search (lower is likelier)
    cost: float = 0.0


# Costs of the sequence search.  A paragraph number is normally the previous one plus one, and
# the first is normally 1; gaps, repeats and restarts (an embedded document) happen, more
# rarely.
_REPEAT = 0.8
_RESTART_AT_1 = 1.0
_RESTART = 1.2
_GAP = 0.5
_GAP_STEP = 0.1
_GAP_MAX = 1.5
_START = {1: 0.0, 2: 0.3, 3: 0.5}
_START_OTHER = 1.0
_START_FROM_10 = 1.5
# The copy is read one of two ways, and the cheaper wins.  Plainly: every bare number is the
# number written; that a bare marker starts with "1" when "¶" + the rest would also be a
# number is a little unusual, a "1NN." line a little more.  Or as an OCR copy, where "¶"
# became "1": then a bare marker that does not start with "1" is unusual (its "¶" was lost
# entirely, or it never had one), and so is a "1N." that is the number 1N after all.
_PLAIN_STARTS_WITH_1 = 0.15
_PLAIN_1NN = 0.3
_OCR_COPY = 0.3
_OCR_WITHOUT_1 = 0.3
_OCR_LITERAL_1N = 0.6
_OCR_NOT_A_MARKER = 2.0


def readings(candidate: Candidate, *, ocr_copy: bool) -> list[Reading]:
    """The ways to read ``candidate``, plainly or in a copy whose ``¶`` became ``1``.

    Numbers of three or more digits are years or other numbers (``2008.``), not paragraph
    numbers, unless OCR turned ``¶10`` into ``110``.
    """
    digits = candidate.digits
    if candidate.carried:
        return [Reading(None)]
    ocr_number = candidate.ocr_number
    literal = int(digits) if len(digits) <= 2 else None
    if candidate.explicit:
        return [Reading(literal)]
    if not ocr_copy:
        if literal is None:
            return [Reading(None, cost=_PLAIN_1NN if ocr_number is not None else 0.0)]
        return [Reading(literal, cost=_PLAIN_STARTS_WITH_1 if ocr_number is not None else 0.0)]
    if ocr_number is None:
        return [Reading(literal, cost=_OCR_WITHOUT_1 if literal is not None else 0.0)]
    options = [Reading(ocr_number, ocr=True)]
    if literal is not None:
        options.append(Reading(literal, cost=_OCR_LITERAL_1N))
    else:
        options.append(Reading(None, cost=_OCR_NOT_A_MARKER))
    return options


# A candidate as its fields, digits, explicit and carried: what the body builder makes of a
# marker line, and a cheaper key than the dataclass, whose hash is Python code.
_CandidateKey = tuple[str, bool, bool]


# A candidate's plain reading depends on nothing but its fields, and cables repeat the same
# few numbers: each is made once and shared (readings are frozen).
@functools.lru_cache(maxsize=4096)
def _plain_reading(key: _CandidateKey) -> tuple[Reading, bool]:
    """The one plain reading of a candidate, and whether an OCR copy may read it another way."""
    digits, explicit, carried = key
    candidate = Candidate(digits, explicit=explicit, carried=carried)
    (reading,) = readings(candidate, ocr_copy=False)
    return reading, candidate.ocr_number is not None and not carried


def _step_cost(previous: int, number: int) -> float:
    if previous == 0:
        return _START.get(number, _START_OTHER if number < 10 else _START_FROM_10)
    if number == previous + 1:
        return 0.0
    if number == previous:
        return _REPEAT
    if number > previous:
        return min(_GAP + _GAP_STEP * (number - previous - 2), _GAP_MAX)
    return _RESTART_AT_1 if number == 1 else _RESTART


def _cheapest_path(options: Sequence[Sequence[Reading]]) -> tuple[float, list[Reading]]:
    """Dynamic programming over (candidate, last number so far): the cheapest sequence."""
    # state: last paragraph number so far (0 before the first) -> cost; back pointers per step
    states: dict[int, float] = {0: 0.0}
    back: list[dict[int, tuple[int, int]]] = []
    for choices in options:
        best: dict[int, float] = {}
        pointers: dict[int, tuple[int, int]] = {}
        for previous in sorted(states):
            so_far = states[previous]
            for choice, reading in enumerate(choices):
                if reading.number is None:
                    last, cost = previous, so_far + reading.cost
                else:
                    last = reading.number
                    cost = so_far + reading.cost + _step_cost(previous, reading.number)
                if last not in best or cost < best[last] - 1e-9:
                    best[last] = cost
                    pointers[last] = (previous, choice)
        states = best
        back.append(pointers)
    last = min(sorted(states), key=lambda number: states[number])
    total = states[last]
    chosen: list[Reading] = []
    for index in range(len(options) - 1, -1, -1):
        previous, choice = back[index][last]
        chosen.append(options[index][choice])
        last = previous
    chosen.reverse()
    return total, chosen


def number_markers(candidates: Sequence[Candidate]) -> list[Reading]:
    """The reading of each candidate that makes the likeliest sequence of paragraph numbers.

    The whole sequence is read twice, plainly and as an OCR copy whose ``¶`` became ``1``;
    each reading is the cheapest path through all candidates (see :func:`_cheapest_path`),
    where each step costs its reading plus how far its number is from following the last
    one.  The cheaper reading wins; a tie goes to the plain one.
    """
    return _number_keys([(c.digits, c.explicit, c.carried) for c in candidates])


def _number_keys(keys: Sequence[_CandidateKey]) -> list[Reading]:
    """:func:`number_markers` of the candidates with these fields."""
    if not keys:
        return []
    plain = [_plain_reading(key) for key in keys]
    if not any(ocr_differs for _, ocr_differs in plain):
        # read plainly, a candidate has one reading: the only path is the cheapest
        return [reading for reading, _ in plain]
    plain_cost, plain_path = _cheapest_path([(reading,) for reading, _ in plain])
    ocr_cost, ocr = _cheapest_path(
        [
            readings(Candidate(digits, explicit=explicit, carried=carried), ocr_copy=True)
            for digits, explicit, carried in keys
        ]
    )
    return ocr if ocr_cost + _OCR_COPY < plain_cost - 1e-9 else plain_path


# ---------------------------------------------------------------------------------------------
# Blocks of the body
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Block:
    """A marker line and the lines below it, up to the next marker."""

    marker: Token | None
    lines: list[Token]
    number: int | None = None
    marking: str | None = None
    #: the text after the marker and marking on the marker line, as written (the newline kept)
    own_text: str = ""
    #: the heading, when it was found while looking for a lost marker
    heading: str | None = None
    #: the line a paragraph without a marker line starts at
    start: int | None = None


# Paragraph(**fields) hands the fields to the model's validator through BaseModel.__init__;
# called directly, the validator makes the same paragraph in two thirds of the time.
_new_paragraph = Paragraph.__pydantic_validator__.validate_python

# the leading block, or a marker line that does not parse: never a paragraph number
_NO_MARKER: _CandidateKey = ("", False, True)


_TEXT_KINDS = frozenset((TEXT, NEW_TEXT))


def _is_text(token: Token) -> bool:
    return token.type in _TEXT_KINDS


def _last_line_apart(lines: list[Token], index: int) -> Token:
    """Make the last line of the run ``lines[index]`` (see :func:`cablekit.parser.lines_of`)
    a token of its own, after the rest of the run; return it."""
    token = lines[index]
    value = token.value
    cut = value.rfind("\n", 0, len(value) - 1) + 1
    start = token.start_pos or 0
    line = (token.end_line or 0) - 1
    last = line_token(TEXT, value[cut:], start + cut, line)
    rest = line_token(token.type, value[:cut], start, token.line or 0, line - (token.line or 0))
    lines[index : index + 1] = [rest, last]
    return last


def _ends_carried(line: str) -> bool:
    """Whether ``line`` ends in a month, ``and``, ``or``, ``to``, ``through`` or a comma."""
    line = line.rstrip()
    return _CARRIED.search(line, max(0, len(line) - _CARRIED_LONGEST)) is not None


class Paragraphs:
    """Turns the body's blocks (a marker line and the lines below it) into paragraphs."""

    def __init__(
        self,
        builder: _Sink,
        after_blank: set[int],
        blocks: list[tuple[Token | None, list[Token]]],
    ) -> None:
        self.builder = builder
        self.blocks = blocks
        self.after_blank = after_blank

    def build(self) -> list[Paragraph]:
        """The paragraphs; the signature, repairs and furniture lines go to the builder."""
        blocks = self.number_blocks()
        self.infer_lost_markers(blocks)
        self.take_signature(blocks)
        paragraphs: list[Paragraph] = []
        last = len(blocks) - 1
        for index, block in enumerate(blocks):
            # the heading of the next block is the end of this one: taken off before this
            # block's paragraph is made of the rest
            if index < last and blocks[index + 1].heading is None:
                blocks[index + 1].heading = self.split_heading(block.lines)
            paragraph = self.paragraph(block)
            if paragraph is not None:
                paragraphs.append(paragraph)
        return paragraphs

    # -- numbers --------------------------------------------------------------------------

    def number_blocks(self) -> list[_Block]:
        """Number the marker blocks over the whole sequence; join non-markers to the block above."""
        candidates: list[_CandidateKey] = []
        matches: list[re.Match[str] | None] = []
        after_blank = self.after_blank
        previous_line: Token | None = None
        for marker, lines in self.blocks:
            match = None if marker is None else _MARKER.match(marker.value)
            matches.append(match)
            if match is None or marker is None:
                candidates.append(_NO_MARKER)
            else:
                carried = (
                    previous_line is not None
                    and (marker.line or 0) not in after_blank
                    and _ends_carried(previous_line.value)
                )
                number, pilcrow = match.group("number", "pilcrow")
                candidates.append((number, pilcrow is not None, carried))
            if lines:
                previous_line = lines[-1]
            elif marker is not None:
                previous_line = marker
        chosen = _number_keys(candidates)
        numbered: list[_Block] = []
        for (marker, lines), reading, match in zip(self.blocks, chosen, matches, strict=True):
            if marker is None:
                numbered.append(_Block(None, list(lines)))
                continue
            if reading.number is None or match is None:
                # not a paragraph marker: its line is text of the block above
                as_text = Token.new_borrow_pos(TEXT, marker.value, marker)
                if numbered:
                    numbered[-1].lines.append(as_text)
                    numbered[-1].lines.extend(lines)
                else:
                    numbered.append(_Block(None, [as_text, *lines]))
                continue
            marking, own_text = match.group("marking", "text")
            # own_text is collapsed with the lines below, in one go (paragraph)
            numbered.append(
                _Block(
                    marker,
                    list(lines),
                    reading.number,
                    "".join(marking.split()) if marking else None,
                    own_text,
                )
            )
            if reading.ocr:
                self.builder.repairs.append(
                    Repair(
                        kind=PARAGRAPH_NUMBER,
                        line=line_of(marker),
                        before=f"{match['number']}.",
                        after=f"¶{reading.number}.",
                    )
                )
        return numbered

    def infer_lost_markers(self, blocks: list[_Block]) -> None:
        """Number paragraphs whose marker was lost, from the gap they leave in the sequence.

        Between ¶2 and ¶4 of 06PARIS7101 stand a heading ("France Favors the EU Approach") and
        a block of text without a marker: that block is ¶3.  A paragraph is inferred only when
        the gap has exactly as many numbers as there are heading-led blocks in it.
        """
        index = 0
        while index < len(blocks) - 1:
            block, following = blocks[index], blocks[index + 1]
            if block.number is None or following.number is None:
                index += 1
                continue
            missing = following.number - block.number - 1
            if missing < 1:
                index += 1
                continue
            # headings and blocks are lines standing apart: the runs of lines are taken apart
            block.lines = [line for token in block.lines for line in lines_of(token)]
            splits = self.heading_led_blocks(block.lines)
            if len(splits) != missing:
                index += 1
                continue
            inferred: list[_Block] = []
            for number, (heading_at, text_at, end) in enumerate(splits, start=block.number + 1):
                heading_lines = block.lines[heading_at:text_at]
                for token in heading_lines:
                    if token.type == "RULE_LINE":
                        self.builder.keep_unparsed(token)
                heading = " ".join(
                    collapse(t.value) for t in heading_lines if t.type != "RULE_LINE"
                ).strip(" -_=*")
                first = block.lines[text_at]
                inferred.append(
                    _Block(
                        None,
                        block.lines[text_at:end],
                        number=number,
                        heading=heading or None,
                        start=line_of(first),
                    )
                )
                self.builder.repairs.append(
                    Repair(kind=LOST_MARKER, line=line_of(first), before="", after=f"¶{number}.")
                )
            del block.lines[splits[0][0] :]
            blocks[index + 1 : index + 1] = inferred
            index += 1 + len(inferred)

    def heading_led_blocks(self, lines: list[Token]) -> list[tuple[int, int, int]]:
        """Blocks inside ``lines`` that follow a heading: (heading, text start, end) indexes."""
        found: list[tuple[int, int, int]] = []
        index = 0
        while index < len(lines):
            if not self.is_heading_line(lines, index):
                index += 1
                continue
            text_at = index + 1
            while text_at < len(lines) and lines[text_at].type == "RULE_LINE":
                text_at += 1
            if (
                text_at >= len(lines)
                or not _is_text(lines[text_at])
                or not (
                    line_of(lines[text_at]) in self.after_blank
                    or lines[text_at - 1].type == "RULE_LINE"
                )
            ):
                index += 1
                continue
            end = text_at
            while end < len(lines) and not self.is_heading_line(lines, end):
                end += 1
            texts = [collapse(t.value) for t in lines[text_at:end] if _is_text(t)]
            opening = " ".join(texts[:2])
            if sum(map(len, texts)) >= _PARAGRAPH_MIN and not _DAMAGED_MARKER.search(opening):
                start = index
                if start and lines[start - 1].type == "RULE_LINE":
                    start -= 1
                found.append((start, text_at, end))
            index = end
        # each block runs on to the next one's heading, so no line is left out
        return [
            (start, text_at, found[number + 1][0] if number + 1 < len(found) else len(lines))
            for number, (start, text_at, _) in enumerate(found)
        ]

    def is_heading_line(self, lines: list[Token], index: int) -> bool:
        """Whether ``lines[index]`` is a heading standing on its own above more text."""
        token = lines[index]
        if not _is_text(token):
            return False
        framed = index > 0 and lines[index - 1].type == "RULE_LINE"
        if line_of(token) not in self.after_blank and not framed:
            return False
        if index + 1 >= len(lines):
            return False
        below = lines[index + 1]
        if below.type != "RULE_LINE" and line_of(below) not in self.after_blank:
            return False
        written = collapse(token.value)
        text = written.rstrip(" -_=*")
        if not (
            0 < len(text) <= _HEADING_MAX
            and not text.endswith((".", ",", ";", ":"))
            and not _CONTINUATION.match(text)
        ):
            return False
        # A short line of running text can stand alone too (a blank line inserted inside a
        # paragraph): a heading shows it is one by a rule, capitals or title case.
        if framed or below.type == "RULE_LINE" or len(written) - len(text) >= 3:
            return True
        words = text.split()
        if text.upper() == text and any(c.isalpha() for c in text):
            return len(words) <= 12
        long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
        return len(words) <= 6 and all(w[0].isupper() for w in long_words)

    # -- signature, headings, paragraphs --------------------------------------------------

    def take_signature(self, blocks: list[_Block]) -> None:
        """The signature is the last line of the text, when it looks like a name."""
        last_lines = blocks[-1].lines if blocks else []
        if not last_lines:
            return
        candidate = last_lines[-1]
        if is_run(candidate):
            candidate = _last_line_apart(last_lines, len(last_lines) - 1)
        text = candidate.value.strip()
        if (
            _is_text(candidate)
            and len(text) <= 40
            and _SIGNATURE.match(text)
            and not _NOT_SIGNATURE.search(text)
        ):
            self.builder.signature = text
            last_lines.pop()

    def paragraph(self, block: _Block) -> Paragraph | None:
        lines = block.lines
        # stripped, the lines of most blocks are collapsed without splitting (collapse_lines)
        values = [t.value.strip() for t in lines if t.type not in _NOT_TEXT]
        if len(values) != len(lines):
            for token in lines:
                if token.type in _NOT_TEXT:
                    self.builder.keep_unparsed(token)
        if block.marker is None:
            body = collapse_lines(values)
            if not body:
                return None
            if block.start is not None:
                line = block.start
            else:
                line = line_of(next(t for t in lines if t.type not in _NOT_TEXT))
            unmarked: Paragraph = _new_paragraph(
                {"number": block.number, "heading": block.heading, "text": body, "line": line}
            )
            return unmarked
        # the marker line's text and the lines below, collapsed once as one text
        values.insert(0, block.own_text.strip())
        marked: Paragraph = _new_paragraph(
            {
                "number": block.number,
                "marking": block.marking,
                "heading": block.heading,
                "text": collapse_lines(values),
                "line": line_of(block.marker),
            }
        )
        return marked

    def split_heading(self, lines: list[Token]) -> str | None:
        """Takes the heading off the end of a block: the short line above the next marker."""
        if not lines:
            return None
        end = len(lines)
        while end and lines[end - 1].type == "RULE_LINE":
            end -= 1
        framed = end < len(lines)
        if not end:
            return None
        candidate = lines[end - 1]
        if not _is_text(candidate):
            return None
        if is_run(candidate):
            if not framed:
                return None  # its last line runs on from the line above
            candidate = _last_line_apart(lines, end - 1)
            end += 1
        start = end - 1
        if start and lines[start - 1].type == "RULE_LINE":
            framed = True
            start -= 1
        if not framed and (candidate.line or 0) not in self.after_blank:
            return None  # a line of running text, not standing on its own
        text = collapse(candidate.value)
        # a framed heading may end in a stop; one standing between blank lines may not
        if 0 < len(text) <= _HEADING_MAX and (framed or not text.endswith((".", ",", ";", ":"))):
            for token in lines[start:]:
                if token.type == "RULE_LINE":
                    self.builder.keep_unparsed(token)
            del lines[start:]
            return text.strip(" -_")
        return None


# ---------------------------------------------------------------------------------------------
# Summary and comment
# ---------------------------------------------------------------------------------------------

# "Summary: ... End summary." and "Comment: ... End comment.": the start, then the first end
# after it (two searches: one lazy pattern spanning both re-tests the end at every character)
# (no leading \b: it keeps the regex engine from skipping ahead to the first letter; the
# word boundary is checked in _word_at instead)
_SUMMARY = re.compile(r"SUMMARY(?:\s+AND\s+COMMENT)?\s*[:.\-]+\s*", re.IGNORECASE)
_COMMENT = re.compile(r"COMMENT\s*[:.\-]+\s*", re.IGNORECASE)
_END_COMMENT = re.compile(r"\s*\(?\bEND\s+(?:OF\s+)?COMMENT\b\.?\)?\s*$", re.IGNORECASE)
_END_SUMMARY = re.compile(r"\s*\(?\bEND\s+(?:OF\s+)?SUMMARY\b", re.IGNORECASE)
# the same ends for a search through a whole text: no leading \s*, which would make the search
# try the pattern at every character; _between trims the space and "(" before the end
_END_SUMMARY_ANYWHERE = re.compile(r"END\s+(?:OF\s+)?SUMMARY\b", re.IGNORECASE)
_END_COMMENT_ANYWHERE = re.compile(r"END\s+(?:OF\s+)?COMMENT\b", re.IGNORECASE)
# The word each of these patterns opens with.  A case-insensitive search gets no help from the
# regex engine in skipping ahead; bytes.find of the word in an upper-cased copy of the text
# does (see _letters): the places it finds include every match.
_OPENING_WORD = {
    _SUMMARY: b"SUMMARY",
    _COMMENT: b"COMMENT",
    _END_SUMMARY_ANYWHERE: b"END",
    _END_COMMENT_ANYWHERE: b"END",
}


def _letters(text: str) -> bytes | None:
    """``text`` as ASCII bytes, letters upper-cased and every other character a ``?``: one
    byte a character, so places in the copy are places in ``text``; None when the copy would
    miss a match.

    The characters the patterns take for the letters of their opening words are the ASCII
    letters and the long s (``ſ``, an S ignoring case): a text that has one is searched the
    plain way.  The copy is much cheaper to make than ``text.upper()``.
    """
    if "ſ" in text:
        return None
    return text.encode("ascii", "replace").upper()


def _headed(paragraphs: list[Paragraph], title: str) -> int | None:
    """The index of the first paragraph under the heading ``title`` ("Summary", "Comment")."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading and paragraph.heading.strip(" -:.").upper() == title:
            return index
    return None


def summary_and_comment(paragraphs: Iterable[Paragraph]) -> tuple[str | None, str | None]:
    """The summary and the comment of a cable's text.

    The summary is the text between ``Summary:`` and ``End summary``; without a ``Summary:``,
    the text under a "Summary" heading up to ``End summary`` (04AMMAN1288), or the first
    paragraph under it when no ``End summary`` follows.  The comment is the text of the
    paragraph headed "Comment" (its closing "End comment." left out), else the text between
    ``Comment:`` and ``End comment``.
    """
    paragraphs = list(paragraphs)
    texts = [p.text for p in paragraphs]
    text = " ".join(texts)
    searched = _letters(text)
    summary = _between(text, searched, _SUMMARY, _END_SUMMARY_ANYWHERE)
    headed = _headed(paragraphs, "SUMMARY") if summary is None else None
    if headed is not None:
        # the paragraphs from the headed one on, and their copy, are the end of the whole
        # text: it starts after the texts before and the spaces joining them
        at = sum(map(len, texts[:headed])) + headed
        below = text[at:]
        end = _search_end_summary(below, None if searched is None else searched[at:])
        summary = (below[: end.start()] if end else paragraphs[headed].text).strip() or None
    comment = None
    headed = _headed(paragraphs, "COMMENT")
    if headed is not None:
        own = texts[headed]
        at = sum(map(len, texts[:headed])) + headed
        own_letters = None if searched is None else searched[at : at + len(own)]
        comment = _without_end_comment(own, own_letters).strip() or None
    if comment is None:
        comment = _between(text, searched, _COMMENT, _END_COMMENT_ANYWHERE)
    return summary, comment


# _END_SUMMARY and _END_COMMENT open with whitespace, which makes a search try them at every
# character.  Their match holds an END that stands as "END" in the copy (see _letters), with
# nothing before it but whitespace and a "(": so they are tried only from there.


def _end_start(text: str, at: int) -> int:
    """The earliest start of a match of ``\\s*\\(?\\bEND...`` whose END is at ``at``."""
    if at and text[at - 1] == "(":
        at -= 1
    while at and text[at - 1].isspace():  # str.isspace is exactly what \s matches
        at -= 1
    return at


def _search_end_summary(text: str, letters: bytes | None) -> re.Match[str] | None:
    """``_END_SUMMARY.search(text)``: the first END from which the pattern matches.

    ``letters`` is the copy of ``text`` that _letters makes, or None.
    """
    if letters is None:
        return _END_SUMMARY.search(text)
    at = letters.find(b"END")
    while at >= 0:
        # the match through this END that starts the earliest, which a search meets first
        match = _END_SUMMARY.match(text, _end_start(text, at))
        if match is not None:
            return match
        at = letters.find(b"END", at + 1)
    return None


def _without_end_comment(text: str, letters: bytes | None) -> str:
    """``_END_COMMENT.sub("", text)``: the closing "End comment." taken off.

    The pattern runs to the end of the text and nothing after its END reads "END" in the copy:
    a match holds the last END of the text, and there is at most one.  ``letters`` is the copy
    of ``text`` that _letters makes, or None.
    """
    if letters is None:
        return _END_COMMENT.sub("", text)
    at = letters.rfind(b"END")
    if at < 0:
        return text
    # tried from the earliest start only: a later one reaches the same END the same way
    match = _END_COMMENT.match(text, _end_start(text, at))
    return text if match is None else text[: match.start()] + text[match.end() :]


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _word_at(
    pattern: re.Pattern[str], text: str, letters: bytes | None, position: int
) -> re.Match[str] | None:
    """The first match of ``pattern`` from ``position`` on that starts a word.

    ``letters`` is the copy of ``text`` that _letters makes, or None.  With it, the pattern
    is tried only where its opening word stands in the copy, in the order ``finditer`` would
    meet those places: after a match, the search goes on from its end.
    """
    if letters is None:
        for match in pattern.finditer(text, position):
            if _starts_word(text, match.start()):
                return match
        return None
    word = _OPENING_WORD[pattern]
    at = letters.find(word, position)
    while at >= 0:
        tried = pattern.match(text, at)
        if tried is None:
            at = letters.find(word, at + 1)
        elif _starts_word(text, at):
            return tried
        else:
            at = letters.find(word, tried.end())
    return None


def _between(
    text: str, letters: bytes | None, start: re.Pattern[str], end: re.Pattern[str]
) -> str | None:
    """The text from the first ``start`` to the first ``end`` after it, if both are there."""
    opened = _word_at(start, text, letters, 0)
    if opened is None:
        return None
    closed = _word_at(end, text, letters, opened.end())
    if closed is None:
        return None
    return text[opened.end() : closed.start()].rstrip().removesuffix("(").strip() or None
