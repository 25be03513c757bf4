"""Small text helpers shared by the field readers."""

from __future__ import annotations

import re

from lark import Token

_WS = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def line_of(token: Token) -> int:
    """1-based input line of a token."""
    return token.line or 0


def full_year(two_digits: int) -> int:
    """The year a two-digit cable year stands for (cables run from the 1960s on)."""
    return 1900 + two_digits if two_digits >= 60 else 2000 + two_digits
