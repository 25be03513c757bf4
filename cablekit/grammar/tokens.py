"""What the lexer gives the parser: a :class:`~cablekit.grammar.parts.Line` for each line (or
run of lines), and the Lark token made of it when the parser is to see it.

The lexer and the steps after it (:mod:`cablekit.grammar.context`) make lines, not tokens: a
line is what the document holds in the end, and with the fast paths most cables are placed
without a parse (:mod:`cablekit.grammar.memo`), so a token is made only for a line the parser
is given (:func:`token_of`); it carries its line, which the transformer puts in the document
as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from lark import Token

from cablekit import _fast
from cablekit.grammar.parts import Line

__all__ = [
    "Item",
    "LineToken",
    "RunOn",
    "as_line",
    "line_token",
    "retyped",
    "token_maker",
    "token_of",
]


class RunOn(NamedTuple):
    """The lines a head field runs on over, made one item by the lexer's fast path: the parser
    takes it as it takes its first line (its kind, parts and blank above), and its lines are
    :attr:`lines`.  The fields before :attr:`lines` are those of a :class:`Line`."""

    kind: str
    text: str
    number: int
    after_blank: bool
    match: re.Match[str] | None
    line_count: int
    #: the lines as the lexer made them, each with its kind and parts
    lines: tuple[Line, ...]


#: what the lexer gives for a line: the line (or a run of plain lines), or a field's run-on
Item = Line | RunOn


class LineToken(Token):
    """A token of one line, or of a run of lines: the Lark token of an :data:`Item`."""

    __slots__ = ("item",)

    #: the line (or the lines) the token stands for, of the token's kind
    item: Item


def _token_plain(item: Item) -> LineToken:
    number = item.number
    text = item.text
    token = LineToken(item.kind, text, None, number, 1, number + item.line_count, 1, None)
    token.item = item
    return token


def _token_fast(item: Item) -> LineToken:
    # Token's constructor sorts out its arguments (deprecated names, defaults) for every
    # token; a line token sets the same attributes directly.  A line has no position in the
    # text: Lark reads a token's position only to report an error, which the parse never does
    text = item.text
    number = item.number
    token = str.__new__(LineToken, text)
    token.type = item.kind
    token.value = text
    token.start_pos = None
    token.line = number
    token.column = 1
    token.end_line = number + item.line_count
    token.end_column = 1
    token.end_pos = None
    token.item = item
    return token


#: makes the token of an item
TokenMaker = Callable[[Item], LineToken]


def token_maker() -> TokenMaker:
    """The function that makes the token of an item, for a parse that makes many: with the
    fast paths on, one that sets a token's attributes directly."""
    return _token_fast if _fast.ENABLED else _token_plain


def token_of(item: Item) -> LineToken:
    """The token the parser is given for ``item``."""
    return token_maker()(item)


def line_token(kind: str, value: str, number: int) -> LineToken:
    """The token of one line of ``kind``, line ``number``, without parts."""
    return token_of(Line(kind, value, number))


def as_line(item: Item) -> Line:
    """``item`` as one :class:`Line`: the lines a field runs on over as one line."""
    if type(item) is Line:
        return item
    return Line(item.kind, item.text, item.number, item.after_blank, item.match, item.line_count)


def retyped(item: Item, kind: str) -> Line:
    """The same lines as a line of another kind, without parts."""
    return Line(kind, item.text, item.number, item.after_blank, None, item.line_count)
