"""Line tokens: Lark's tokens, with what the field readers need besides a token's kind."""

from __future__ import annotations

import re
from collections.abc import Callable

from lark import Token

from cablekit import _fast
from cablekit.grammar.parts import Line

__all__ = [
    "LineToken",
    "RunOnToken",
    "TokenMaker",
    "line_token",
    "retyped",
    "run_on_token",
    "token_maker",
]


class LineToken(Token):
    """A token of one line, or of a run of plain lines."""

    __slots__ = ("after_blank", "line_count", "match")

    #: whether a blank line comes right before the (first) line
    after_blank: bool
    #: the scanner's match, which holds the line's parts; None for plain lines
    match: re.Match[str] | None
    #: the lines the token holds: more than one for a run
    line_count: int


class RunOnToken(LineToken):
    """The lines a head field runs on over, made one token by the lexer's fast path: the
    parser takes it as it takes its first line, and its lines are :attr:`lines`."""

    __slots__ = ("lines",)

    #: the lines as the lexer made them, each with its kind and parts
    lines: tuple[Line, ...]


def _line_token_plain(
    kind: str,
    value: str,
    position: int,
    number: int,
    after_blank: bool,
    match: re.Match[str] | None,
    line_count: int,
) -> LineToken:
    token = LineToken(
        kind, value, position, number, 1, number + line_count, 1, position + len(value)
    )
    token.after_blank = after_blank
    token.match = match
    token.line_count = line_count
    return token


def _line_token_fast(
    kind: str,
    value: str,
    position: int,
    number: int,
    after_blank: bool,
    match: re.Match[str] | None,
    line_count: int,
) -> LineToken:
    # Token's constructor sorts out its arguments (deprecated names, defaults) for every
    # token; a line token sets the same attributes directly.
    token = str.__new__(LineToken, value)
    token.type = kind
    token.value = value
    token.start_pos = position
    token.line = number
    token.column = 1
    token.end_line = number + line_count
    token.end_column = 1
    token.end_pos = position + len(value)
    token.after_blank = after_blank
    token.match = match
    token.line_count = line_count
    return token


def run_on_token(lines: tuple[Line, ...], value: str, position: int) -> RunOnToken:
    """The token of ``lines``, which stand one below the other from ``position`` on, with
    ``value`` their text; the kind and the parts of the first."""
    first = lines[0]
    number = first.number
    token = str.__new__(RunOnToken, value)
    token.type = first.kind
    token.value = value
    token.start_pos = position
    token.line = number
    token.column = 1
    token.end_line = number + len(lines)
    token.end_column = 1
    token.end_pos = position + len(value)
    token.after_blank = first.after_blank
    token.match = first.match
    token.line_count = len(lines)
    token.lines = lines
    return token


#: makes a line token from kind, value, position, number, after_blank, match, line_count
TokenMaker = Callable[[str, str, int, int, bool, "re.Match[str] | None", int], LineToken]


def token_maker() -> TokenMaker:
    """The function that makes line tokens, for a lexer that makes many: with the fast paths
    on, one that sets a token's attributes directly."""
    return _line_token_fast if _fast.ENABLED else _line_token_plain


def _make(
    kind: str,
    value: str,
    position: int,
    number: int,
    after_blank: bool,
    match: re.Match[str] | None,
    line_count: int,
) -> LineToken:
    return token_maker()(kind, value, position, number, after_blank, match, line_count)


def line_token(
    kind: str,
    value: str,
    position: int,
    number: int,
    *,
    after_blank: bool = False,
    match: re.Match[str] | None = None,
    line_count: int = 1,
) -> LineToken:
    """The token of ``line_count`` whole lines starting at line ``number``, at ``position``."""
    return _make(kind, value, position, number, after_blank, match, line_count)


def retyped(token: LineToken, kind: str) -> LineToken:
    """The same lines as a token of another kind, without parts."""
    return _make(
        kind,
        token.value,
        token.start_pos or 0,
        token.line or 0,
        token.after_blank,
        None,
        token.line_count,
    )
