"""The line lexer: cable text to one token per line, with the grammar's own terminals.

Every terminal of ``grammar/cable.lark`` is a whole line, so lexing is a loop over lines that
asks which terminal matches each one, in the order Lark's lexer tries them.  Trying all of
them on every line is most of the cost, so the lexer first looks at the line's first
character (after spaces and tabs) and tries only the terminals that can start with it: a
line opening with "¶" cannot be a ``DE`` line.  Which characters a terminal can start with
is read off its regular expression once; where that reading is unsure, the terminal is
tried on every line.  The result is exactly that of trying all terminals (the tests compare
it with Lark's own lexer on the whole corpus).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from lark import Token
from lark.lexer import TerminalDef

if sys.version_info >= (3, 11):  # the standard library's regex parser (private, moved in 3.11)
    from re import _constants as _sre
    from re import _parser as _sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

TEXT = "TEXT_LINE"
#: the blanks a line kind may start with, which the lexer skips to see its first character
LEADING = " \t"


def _cases(char: str, ignore_case: bool) -> set[str]:
    return {char, char.lower(), char.upper()} if ignore_case else {char}


def _first_of_sequence(items: Iterable[Any], ignore_case: bool) -> tuple[set[str] | None, bool]:
    """The characters a regex sequence can start with (None: any), and whether it can be
    empty."""
    chars: set[str] = set()
    for op, argument in items:
        first, nullable = _first_of_item(op, argument, ignore_case)
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_item(op: Any, argument: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
    if op is _sre.LITERAL:
        return _cases(chr(argument), ignore_case), False
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in argument:
            if kind is _sre.LITERAL:
                chars |= _cases(chr(value), ignore_case)
            elif kind is _sre.RANGE and value[1] - value[0] < 256:
                for code in range(value[0], value[1] + 1):
                    chars |= _cases(chr(code), ignore_case)
            else:  # a negated set, a category (\s, \w) or a wide range: anything
                return None, False
        return chars, False
    if op is _sre.BRANCH:
        chars = set()
        nullable = False
        for branch in argument[1]:
            first, empty = _first_of_sequence(branch, ignore_case)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = argument
        case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (
            del_flags & re.IGNORECASE
        )
        return _first_of_sequence(pattern, case)
    if op is _sre.MAX_REPEAT or op is _sre.MIN_REPEAT:
        least, _most, pattern = argument
        first, empty = _first_of_sequence(pattern, ignore_case)
        return first, first is not None and (least == 0 or empty)
    if op is _sre.AT or op is _sre.ASSERT or op is _sre.ASSERT_NOT:
        return set(), True  # zero width: the next item decides (a superset is safe)
    return None, False  # anything else: assume any character


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters a line of this kind can start with after spaces and tabs (None: any).

    Only a superset matters for correctness: a terminal is skipped on a line only when the
    line's first character is certainly not one it can start with.
    """
    try:
        items = list(_sre_parse.parse(pattern))
    except Exception:
        return None
    if items and items[0][0] is _sre.MAX_REPEAT:
        least, _most, repeated = items[0][1]
        if least == 0 and list(repeated) == [
            (_sre.IN, [(_sre.LITERAL, ord(" ")), (_sre.LITERAL, ord("\t"))])
        ]:
            items = items[1:]  # the leading [ \t]* the lexer skips itself
    first, nullable = _first_of_sequence(items, False)
    if first is None or nullable:
        return None
    return frozenset(first)


def line_token(kind: str, value: str, position: int, line: int, lines: int = 1) -> Token:
    """The token of ``lines`` whole lines (one by default) starting at line ``line``:
    ``Token(kind, value, position, line, 1, line + lines, 1, end)``, made without the
    constructor's argument handling (there is one per line)."""
    token = str.__new__(Token, value)
    token.type = kind
    token.value = value
    token.start_pos = position
    token.line = line
    token.column = 1
    token.end_line = line + lines
    token.end_column = 1
    token.end_pos = position + len(value)
    return token


class LineLexer:
    """Lexes text into line tokens with the given terminals, tried in the given order."""

    def __init__(self, terminals: Sequence[TerminalDef]) -> None:
        self._terminals = list(terminals)
        self._patterns = {t.name: t.pattern.to_regexp() for t in self._terminals}
        self._first = {t.name: first_characters(self._patterns[t.name]) for t in terminals}
        self._scanners: dict[str, re.Pattern[str]] = {}

    def _scanner(self, char: str) -> re.Pattern[str]:
        scanner = self._scanners.get(char)
        if scanner is None:
            names = [
                t.name
                for t in self._terminals
                if (first := self._first[t.name]) is None or char in first
            ]
            scanner = re.compile("|".join(f"(?P<{n}>{self._patterns[n]})" for n in names))
            self._scanners[char] = scanner
        return scanner

    def tokens(self, text: str) -> tuple[list[Token], set[int]]:
        """Line tokens (blank lines dropped) and the 1-based lines that follow a blank line."""
        tokens, after_blank, _position, _line = self.tokens_until(text, None)
        return tokens, after_blank

    def tokens_until(
        self, text: str, last: str | None
    ) -> tuple[list[Token], set[int], int, int]:
        """Like :meth:`tokens`, stopping after the first token of kind ``last``.

        Also returns where it stopped: the position and the 1-based number of the next line.
        """
        after_blank: set[int] = {1}
        tokens: list[Token] = []
        scanners = self._scanners
        position = 0
        line = 1
        end = len(text)
        while position < end:
            start = position
            while start < end and text[start] in LEADING:
                start += 1
            char = text[start] if start < end else "\n"
            scanner = scanners.get(char) or self._scanner(char)
            found = scanner.match(text, position)
            if found is None:  # cannot happen: TEXT_LINE and BLANK take any line
                raise AssertionError(f"no line kind matches line {line}")
            kind = found.lastgroup or TEXT
            if kind == "BLANK":  # blank lines, one or more
                newlines = found.group().count("\n")
                after_blank.add(line + newlines)
            else:  # every other kind is one line
                newlines = 1
                tokens.append(line_token(kind, found.group(), position, line))
            position = found.end()
            line += newlines
            if kind == last:
                break
        return tokens, after_blank, position, line

    def kind_at(self, text: str, position: int, char: str) -> str:
        """The kind of the line at ``position``, whose first character after spaces and tabs
        is ``char``."""
        scanner = self._scanners.get(char) or self._scanner(char)
        found = scanner.match(text, position)
        if found is None:  # cannot happen: TEXT_LINE and BLANK take any line
            raise AssertionError(f"no line kind matches at {position}")
        return found.lastgroup or TEXT
