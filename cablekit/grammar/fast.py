"""The parser's fast paths in the text, from the first paragraph marker on.

In the transmission header, every format line and every other header line is allowed, in
any order, until a line of another kind ends it: the parser need not see the header's lines
after its first: the lexer keeps them apart (:func:`cablekit.grammar.lexer.Lines`), and
:func:`with_header` puts them back where they stand.

In the text the grammar has nothing but paragraphs: a line is of one of the text's kinds
(:data:`cablekit.grammar.lexer.TEXT_KINDS`) or plain, and every one of them is allowed.  So

- most lines are plain, and a look at their first and last characters tells so
  (:func:`may_be_a_text_kind`), for all the lines at once in C: one regex scan of the text
  at its newlines tries the text's kinds on the others, and finds the blank lines
  (:class:`TextFinder`, :func:`text_lines`);
- the parser need not see the text's tokens: each marker opens a paragraph, which takes the
  lines up to the next (:func:`with_text`).  The parse ends at the first marker, and the
  paragraphs after it are added to the document directly.

With ``CABLEKIT_PLAIN=1`` neither happens: every line goes to the scanner and every token to
the parser.  The tests check that the documents are the same, on the corpus and on random
texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablekit.grammar.parts import BLANK, NEW_TEXT, PARAGRAPH, TEXT, Block, Field, Line

__all__ = [
    "HeaderShape",
    "TextFinder",
    "may_be_a_text_kind",
    "text_lines",
    "with_header",
    "with_text",
]


_LEADING = " \t"
_FIRST = frozenset("¶0123456789-_=*")
_SECOND = (".", ")")
_STARTS = ("PAGE", "TO", "INFO ", "INFO\t")
_DIGITS = frozenset("0123456789")


def may_be_a_text_kind(line: str) -> bool:
    """Whether a line (without its newline) may be of one of the text's kinds.

    Only if, after spaces and tabs, it starts with one of "¶0123456789-_=*" (PARAGRAPH_LINE:
    "¶" or a digit; LETTERED_LINE: "¶"; RULE_LINE: a dash, underscore, equals sign or star),
    its second character is "." or ")" (LETTERED_LINE: "A. PARIS 8729"), it starts with
    "PAGE", "TO" or "INFO" and a blank (PAGE_LINE), or it ends with a digit before spaces and
    tabs (CONTINUATION_LINE: "BERN 00000881  002 OF 002").  False means certainly not.
    """
    stripped = line.lstrip(_LEADING)
    return (
        stripped[:1] in _FIRST
        or stripped[1:2] in _SECOND
        or stripped.startswith(_STARTS)
        or line.rstrip(_LEADING)[-1:] in _DIGITS
    )


# The text's lines of its own kinds, found at the newlines with one regex scan of the text (not
# a match a line).  At each newline, in this order:
# - DIGIT_END: the line the newline ends may be a continuation line by its last characters, a
#   digit and up to two blanks, or three blanks (then the line is looked at); the first look
#   behind rules out most lines at once.  Rare: that line and the line the newline starts are
#   given to the scanner one by one (_at_digit_end);
# - the blank lines below the newline, if any, then a line that may be of a text kind by its
#   start (_START, may_be_a_text_kind) and is: the text's kinds, each a group of its own with
#   its parts, tried in a look ahead, so that the match ends where that line starts;
# - BLANK_RUN: blank lines, the line below them of no text kind.
# Most newlines match none of these, and C goes on to the next.
_END = (
    r"(?<=[0-9 \t]\n)"
    r"(?:(?<=[0-9]\n)|(?<=[0-9][ \t]\n)|(?<=[0-9][ \t][ \t]\n)|(?<=[ \t][ \t][ \t]\n))"
)
_BLANK_LINE = r"[^\S\n]*\n"
_START = r"[ \t]*+(?:[¶0-9\-_=*]|[^ \t\n][.)]|PAGE|TO|INFO[ \t])"
_DIGIT_END = "DIGIT_END"
_BLANK_RUN = "BLANK_RUN"
# (the kinds go between the two halves)
_LOOK_TO_KINDS = rf"\n(?:{_END}(?P<{_DIGIT_END}>)|(?:{_BLANK_LINE})*+(?={_START})"
_LOOK_AFTER_KINDS = rf"|(?:{_BLANK_LINE})++(?P<{_BLANK_RUN}>))"


class TextFinder:
    """What finds the text's lines of its own kinds: one scan of the text for all of them,
    with the patterns of those kinds (``kinds``: a look ahead at a line's start that matches
    where the text's scanner finds one of those kinds, the kind a group named after it with
    its parts, as in the scanner), and the text's scanner (``scanner``:
    :attr:`cablekit.grammar.lexer.LineKinds.text`) for the few lines the scan leaves to be
    looked at one by one."""

    def __init__(self, kinds: str, scanner: re.Pattern[str]) -> None:
        self.scanner = scanner
        self._kinds = kinds
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The scan, compiled when the first text is read (it takes a millisecond or two)."""
        if self._pattern is None:
            self._pattern = re.compile(_LOOK_TO_KINDS + self._kinds + _LOOK_AFTER_KINDS)
        return self._pattern


def text_lines(text: str, position: int, number: int, finder: TextFinder) -> list[Line]:
    """:func:`cablekit.grammar.lexer.text_pieces` as :class:`Line` values (a run after a blank
    line a ``NEW_TEXT_LINE``), the lines of the text's kinds found with one scan of the text
    (:class:`TextFinder`): every other line is plain."""
    return _text_lines(text, position, number, finder)[0]


def _text_lines(
    text: str, position: int, number: int, finder: TextFinder
) -> tuple[list[Line], list[int]]:
    """:func:`text_lines`, and where the paragraph markers stand among the lines."""
    made: list[Line] = []
    add = made.append
    markers: list[int] = []
    # a Line made in C, not through its Python constructor: a text has thousands
    new = tuple.__new__
    count = text.count
    after_blank = False
    plain = position  # where the plain lines not yet made a line start
    plain_number = number  # the number of the line at ``plain``
    for found in finder.pattern.finditer(text, position - 1):
        kind = found.lastgroup
        at = found.start() + 1  # the line right below the newline
        if kind == _DIGIT_END:  # rare: the lines on either side looked at one by one
            for match in _at_digit_end(text, at - 1, position, plain, finder.scanner):
                start = match.start()
                if start != plain:  # the plain lines before it: a run
                    lines = count("\n", plain, start)
                    run = (NEW_TEXT if after_blank else TEXT, text[plain:start], plain_number)
                    add(new(Line, (*run, after_blank, None, lines)))
                    plain_number += lines
                    after_blank = False
                kind = match.lastgroup
                if kind == BLANK:  # its first line: the scan goes on at its newline
                    after_blank = True
                    plain = text.index("\n", start) + 1
                else:
                    if kind == PARAGRAPH:
                        markers.append(len(made))
                    add(new(Line, (kind, match.group(), plain_number, after_blank, match, 1)))
                    after_blank = False
                    plain = match.end()
                plain_number += 1
            continue
        if at != plain:  # the plain lines before it: a run
            lines = count("\n", plain, at)
            kind_of_run = NEW_TEXT if after_blank else TEXT
            add(new(Line, (kind_of_run, text[plain:at], plain_number, after_blank, None, lines)))
            plain_number += lines
            after_blank = False
        start = found.end()  # the line of a text kind, or the line below blank lines
        if start != at:  # blank lines from ``at`` on
            plain_number += 1 if start == at + 1 else count("\n", at, start)
            after_blank = True
            plain = start
            if kind == _BLANK_RUN:
                continue
        if kind == PARAGRAPH:
            markers.append(len(made))
        plain = found.end(kind)  # type: ignore[arg-type]
        add(new(Line, (kind, text[start:plain], plain_number, after_blank, found, 1)))
        after_blank = False
        plain_number += 1
    if len(text) > plain:
        run = (NEW_TEXT if after_blank else TEXT, text[plain:], plain_number)
        add(new(Line, (*run, after_blank, None, count("\n", plain))))
    return made, markers


def _at_digit_end(
    text: str, at: int, position: int, plain: int, scanner: re.Pattern[str]
) -> list[re.Match[str]]:
    """The scanner's matches of the line the newline at ``at`` ends, when it ends in a digit
    (before blanks), and of the line it starts, that are not plain: lines the scan at the
    newlines leaves to be looked at one by one.  A line before ``plain`` was made already.

    The scanner of every text kind, not the one for the line's first character: these lines
    start with any character, and a scanner for each would be compiled for a few lines."""
    found: list[re.Match[str]] = []
    start = text.rfind("\n", 0, at) + 1
    if at >= position and start >= plain and text[start:at].rstrip(_LEADING)[-1:] in _DIGITS:
        match = scanner.match(text, start)
        if match is not None and match.lastgroup != TEXT:  # ending in a digit, not blank
            found.append(match)
    if at + 1 < len(text):
        match = scanner.match(text, at + 1)
        if match is not None and match.lastgroup != TEXT:
            found.append(match)
    return found


def with_text(
    paragraphs: tuple[Block, ...], text: str, text_at: tuple[int, int], finder: TextFinder
) -> tuple[Block, ...]:
    """The ``paragraphs`` of a document parsed up to its first paragraph marker, with the
    text after it: the first paragraph's lines, and the paragraphs that follow.  ``text_at``
    is where the text after the marker starts (position, line number); ``finder`` finds the
    lines of the text's kinds (:attr:`cablekit.grammar.lexer.LineKinds.text_finder`)."""
    position, number = text_at
    lines, markers = _text_lines(text, position, number, finder)
    *before, first = paragraphs  # the parse ended with the first marker's paragraph
    # each marker's paragraph takes the lines up to the next marker: slices, made in C
    ends = [*markers[1:], len(lines)]  # one more than the markers when there are none
    new = tuple.__new__  # a Block made in C, not through its Python constructor
    following = [
        new(Block, (lines[at], tuple(lines[at + 1 : end])))
        for at, end in zip(markers, ends, strict=False)
    ]
    first_lines = lines[: markers[0]] if markers else lines
    return (*before, Block(first.marker, (*first.lines, *first_lines)), *following)


@dataclass(frozen=True)
class HeaderShape:
    """What the grammar says of the transmission header, asked of the parser
    (:func:`cablekit.grammar.parser.header_shape`)."""

    #: the rule of each kind of format line: ``{"FL3_LINE": "fl3", "ACTION_LINE":
    #: "distribution", ...}``; a header opens with one of them
    rules: dict[str, str]
    #: the kinds of line a header goes on with, once opened
    items: frozenset[str]
    #: the kinds of line that end a header (the head of the text, the text)
    ends: frozenset[str]


def with_header(
    transmission: tuple[Field | Line, ...] | None, kept: list[Line], shape: HeaderShape
) -> tuple[Field | Line, ...]:
    """The ``transmission`` header the parser read, with the lines the lexer kept from it
    (:attr:`cablekit.grammar.lexer.Lines.header_lines`), each where it stands."""
    items: list[Field | Line] = list(transmission or ())
    in_order = len(items) == 1  # the header's first line alone: the kept lines follow it
    rules = shape.rules
    add = items.append
    new = tuple.__new__  # a Field made in C, not through its Python constructor
    for line in kept:
        rule = rules.get(line.kind)
        add(line if rule is None else new(Field, (rule, (line,))))
    if not in_order:
        items.sort(key=lambda item: item.first.number if isinstance(item, Field) else item.number)
    return tuple(items)
