"""The parser's fast paths in the text, from the first paragraph marker on.

In the transmission header, every format line and every other header line is allowed, in
any order, until a line of another kind ends it: the parser need not see the header's lines
after its first: the lexer keeps them apart (:func:`cablekit.grammar.lexer.Lines`), and
:func:`with_header` puts them back where they stand.

In the text the grammar has nothing but paragraphs: a line is of one of the text's kinds
(:data:`cablekit.grammar.lexer.TEXT_KINDS`) or plain, and every one of them is allowed.  So

- most lines are plain, and a look at their first and last characters tells so, for many
  lines at once in C: only the others are given to the scanner (:func:`lines_to_look_at`,
  :func:`text_pieces`);
- the parser need not see the text's tokens: each marker opens a paragraph, which takes the
  lines up to the next (:func:`with_text`).  The parse ends at the first marker, and the
  paragraphs after it are added to the document directly.

With ``CABLEKIT_PLAIN=1`` neither happens: every line goes to the scanner and every token to
the parser.  The tests check that the documents are the same, on the corpus and on random
texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, compress, repeat

from cablekit.grammar.parts import BLANK, NEW_TEXT, PARAGRAPH, TEXT, Block, Field, Line

__all__ = [
    "HeaderShape",
    "lines_to_look_at",
    "may_be_a_text_kind",
    "text_lines",
    "with_header",
    "with_text",
]


#: the text's scanner for a line's first character after its indent
#: (:attr:`cablekit.grammar.lexer.LineKinds.text_for`)
ScannerFor = Callable[[str], "re.Pattern[str]"]

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


# may_be_a_text_kind for many lines at once, in C: a match of _MAY_BE_START (the first three
# tests, and a blank line) or a line that ends in a digit before spaces and tabs
_MAY_BE_START = re.compile(r"\s*\Z|[ \t]*(?:[¶0-9\-_=*]|[^ \t][.)]|PAGE|TO|INFO[ \t])")
_DIGIT_ENDS = tuple(_DIGITS)


def lines_to_look_at(lines: list[str]) -> list[int]:
    """The indexes of the blank lines and of the lines that may be of a text kind
    (:func:`may_be_a_text_kind`), in order."""
    indexes = range(len(lines))
    found = list(compress(indexes, map(_MAY_BE_START.match, lines)))
    stripped = map(str.rstrip, lines, repeat(_LEADING))
    ending = list(compress(indexes, map(str.endswith, stripped, repeat(_DIGIT_ENDS))))
    if ending:
        found = sorted(set(found).union(ending))
    return found


def text_lines(text: str, position: int, number: int, scanner_for: ScannerFor) -> list[Line]:
    """:func:`cablekit.grammar.lexer.text_pieces` as :class:`Line` values (a run after a blank
    line a ``NEW_TEXT_LINE``), giving only the lines that may be of a text kind
    (:func:`lines_to_look_at`) to a scanner, the text's scanner for the line's first character
    (``scanner_for``): every other line is plain."""
    lines = text[position:].split("\n")
    lines.pop()  # the text ends with a newline
    # where each line starts, less ``position`` and the newlines before it
    offsets = list(accumulate(map(len, lines), initial=0))
    made: list[Line] = []
    add = made.append
    after_blank = False
    plain = 0  # the first line of the plain lines not yet made a line

    for index in lines_to_look_at(lines):
        raw = lines[index]
        blank = not raw or raw.isspace()  # BLANK: str.isspace() accepts what \s matches
        if not blank:
            start = position + offsets[index] + index
            found = scanner_for(raw.lstrip(_LEADING)[0]).match(text, start)
            kind = found.lastgroup if found is not None else None
            if kind is None or kind in (TEXT, BLANK):
                continue  # a plain line: part of the run
        if index > plain:  # the plain lines before this one: a run
            start = position + offsets[plain] + plain
            run = text[start : position + offsets[index] + index]
            add(
                Line(
                    NEW_TEXT if after_blank else TEXT,
                    run,
                    number + plain,
                    after_blank,
                    None,
                    index - plain,
                )
            )
            after_blank = False
        if blank:
            after_blank = True
        else:
            add(Line(kind, raw + "\n", number + index, after_blank, found))  # type: ignore[arg-type]
            after_blank = False
        plain = index + 1
    if len(lines) > plain:
        start = position + offsets[plain] + plain
        add(
            Line(
                NEW_TEXT if after_blank else TEXT,
                text[start:],
                number + plain,
                after_blank,
                None,
                len(lines) - plain,
            )
        )
    return made


def with_text(
    paragraphs: tuple[Block, ...], text: str, text_at: tuple[int, int], scanner_for: ScannerFor
) -> tuple[Block, ...]:
    """The ``paragraphs`` of a document parsed up to its first paragraph marker, with the
    text after it: the first paragraph's lines, and the paragraphs that follow.  ``text_at``
    is where the text after the marker starts (position, line number); ``scanner_for`` gives
    the text's scanner for a line's first character."""
    position, number = text_at
    first_lines: list[Line] = []
    current = first_lines
    following: list[tuple[Line, list[Line]]] = []
    for line in text_lines(text, position, number, scanner_for):
        if line.kind == PARAGRAPH:
            current = []
            following.append((line, current))
        else:
            current.append(line)
    *before, first = paragraphs  # the parse ended with the first marker's paragraph
    return (
        *before,
        Block(first.marker, (*first.lines, *first_lines)),
        *(Block(marker, tuple(block)) for marker, block in following),
    )


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
    for line in kept:
        rule = rules.get(line.kind)
        items.append(line if rule is None else Field(rule, (line,)))
    if not in_order:
        items.sort(key=lambda item: item.first.number if isinstance(item, Field) else item.number)
    return tuple(items)
