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
from dataclasses import dataclass

from cablekit.grammar.parts import BLANK, NEW_TEXT, PARAGRAPH, TEXT, Block, Field, Line
from cablekit.grammar.runs import Scanners

__all__ = [
    "HeaderShape",
    "lines_to_look_at",
    "may_be_a_text_kind",
    "text_lines",
    "with_header",
    "with_text",
]


#: the text's scanners by a line's first character after its indent
#: (:attr:`cablekit.grammar.lexer.LineKinds.text_for`)
ScannerFor = Scanners

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


# may_be_a_text_kind for all the lines of a text at once, in C, found at the newlines (one
# regex scan of the text, not a match a line): the line a newline ends may end in a digit
# before blanks (E, ES, EB), and the line it starts is blank (B, EB) or may be of a text kind
# by its start (S, ES).  A blank line's match takes the line up to its newline.
_START = r"(?=[ \t]*(?:[¶0-9\-_=*]|[^ \t\n][.)]|PAGE|TO|INFO[ \t]))"
_BLANK = r"[^\S\n]*(?=\n)"
# a digit and up to two blanks before the newline, or three blanks (then the line is looked
# at); the first look behind rules out most lines at once
_END = (
    r"(?<=[0-9 \t]\n)"
    r"(?:(?<=[0-9]\n)|(?<=[0-9][ \t]\n)|(?<=[0-9][ \t][ \t]\n)|(?<=[ \t][ \t][ \t]\n))"
)
_LOOK_AT = re.compile(
    rf"\n(?:{_END}(?:(?P<EB>{_BLANK})|(?P<ES>{_START})|(?P<E>))"
    rf"|(?P<B>{_BLANK})|(?P<S>{_START}))"
)
_ENDS = frozenset(("E", "ES", "EB"))
_STARTS_HERE = frozenset(("S", "ES"))
_BLANK_HERE = frozenset(("B", "EB"))


def lines_to_look_at(text: str, position: int) -> list[tuple[int, int]]:
    """Where the lines from ``position`` on (right after a newline) start that are blank or may
    be of a text kind (:func:`may_be_a_text_kind`), in order: each line's start, and for a
    blank line where its newline is (-1 for the others)."""
    looked_at: list[tuple[int, int]] = []
    add = looked_at.append
    done = position - 1  # the start of the last line given
    for found in _LOOK_AT.finditer(text, position - 1):
        case = found.lastgroup
        at = found.start()  # the newline
        if case == "S":  # the common case first
            done = at + 1
            add((done, -1))
            continue
        if case in _ENDS and at >= position:  # the line this newline ends, if it ends so
            start = text.rfind("\n", 0, at) + 1
            if start > done and text[start:at].rstrip(_LEADING)[-1:] in _DIGITS:
                done = start
                add((start, -1))
        if case in _STARTS_HERE:
            done = at + 1
            add((done, -1))
        elif case in _BLANK_HERE:
            done = at + 1
            add((done, found.end()))
    return looked_at


def text_lines(text: str, position: int, number: int, scanner_for: ScannerFor) -> list[Line]:
    """:func:`cablekit.grammar.lexer.text_pieces` as :class:`Line` values (a run after a blank
    line a ``NEW_TEXT_LINE``), giving only the lines that may be of a text kind
    (:func:`lines_to_look_at`) to a scanner, the text's scanner for the line's first character
    (``scanner_for``): every other line is plain."""
    return _text_lines(text, position, number, scanner_for)[0]


def _text_lines(
    text: str, position: int, number: int, scanner_for: ScannerFor
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
    known = scanner_for.known  # the scanners made, without a call each line
    for start, blank_end in lines_to_look_at(text, position):
        if blank_end < 0:
            first = text[start]
            if first in _LEADING:
                first = _first_after(text, start)
            found = (known.get(first) or scanner_for(first)).match(text, start)
            kind = found.lastgroup if found is not None else None
            if kind is None or kind in (TEXT, BLANK):
                continue  # a plain line: part of the run
        if start == plain:  # right below the line made last
            at_number = plain_number
        else:  # the plain lines before this one: a run
            at_number = plain_number + count("\n", plain, start)
            run = (
                NEW_TEXT if after_blank else TEXT,
                text[plain:start],
                plain_number,
                after_blank,
                None,
                at_number - plain_number,
            )
            add(new(Line, run))
            after_blank = False
        if blank_end >= 0:
            after_blank = True
            plain = blank_end + 1
        else:
            if kind == PARAGRAPH:
                markers.append(len(made))
            add(new(Line, (kind, found.group(), at_number, after_blank, found, 1)))  # type: ignore[union-attr]
            after_blank = False
            plain = found.end()  # type: ignore[union-attr]
        plain_number = at_number + 1
    if len(text) > plain:
        run = (
            NEW_TEXT if after_blank else TEXT,
            text[plain:],
            plain_number,
            after_blank,
            None,
            count("\n", plain),
        )
        add(new(Line, run))
    return made, markers


def _first_after(text: str, start: int) -> str:
    """The first character of the line at ``start`` after its indent (the line is not blank)."""
    return text[start : text.index("\n", start)].lstrip(_LEADING)[0]


def with_text(
    paragraphs: tuple[Block, ...], text: str, text_at: tuple[int, int], scanner_for: ScannerFor
) -> tuple[Block, ...]:
    """The ``paragraphs`` of a document parsed up to its first paragraph marker, with the
    text after it: the first paragraph's lines, and the paragraphs that follow.  ``text_at``
    is where the text after the marker starts (position, line number); ``scanner_for`` gives
    the text's scanner for a line's first character."""
    position, number = text_at
    lines, markers = _text_lines(text, position, number, scanner_for)
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
