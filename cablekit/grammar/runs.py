"""The lexer's fast paths over runs of lines: lines it makes one token instead of a token
each (:mod:`cablekit.grammar.lexer`).

- :func:`plain_run`: a plain line outside a head field and the plain lines right below it;
- :func:`run_on`: the lettered and plain lines a head field runs on over (a REF list's items);
- :func:`line_at`: the match of one line by the scanner of its first character.

Each is used only while the fast paths are on (:mod:`cablekit._fast`); the tests compare the
documents both ways.
"""

from __future__ import annotations

import re
from typing import Protocol

from cablekit.grammar.parts import TEXT, Line

__all__ = ["RUNS_ON", "Scanners", "line_at", "plain_run", "run_on"]

_INDENT = re.compile(r"[ \t]*")
_INDENT_CHARACTERS = " \t"


class Scanners(Protocol):
    """The scanners of the line kinds by a line's first character after its indent
    (:class:`~cablekit.grammar.lexer.ScannersByFirst`)."""

    #: the scanners made so far, by character
    known: dict[str, re.Pattern[str]]

    def __call__(self, char: str) -> re.Pattern[str]: ...


def plain_run(
    text: str, position: int, head_for: Scanners
) -> tuple[int, int, re.Match[str] | None]:
    """Where the plain lines right below a plain line end, from ``position`` (the end of that
    line): that end, how many lines the first and these are, and the match of the line at the
    end (None at the end of the text).

    The fast path's run: outside a head field, :func:`~cablekit.grammar.context.in_context`
    joins a plain line and the plain lines right below it into one token whatever they hold,
    so the lexer makes that token at once, not a token a line.  Inside a field a plain line
    may be a heading or open the text, which the lines around decide: there every line is a
    token of its own.

    A line's kind depends on the line alone (each kind is matched whole with its newline), so
    the lines found plain in a long run are remembered, and the same line again is not
    matched again: a text of many short lines before its first marker ("A." thousands of
    times) costs a look-up a line, not a match.
    """
    by_first = head_for.known
    end = len(text)
    count = 1
    plain = _PLAIN_LINES
    window = _WINDOW
    while position < end:
        # the lines of the next window of the text, split in C; the window doubles while the
        # run goes on, so that what is split past the run's end is at most what it holds
        stop = text.find("\n", min(position + window, end) - 1)
        window = min(2 * window, _WIDEST_WINDOW)
        for line in text[position:stop].split("\n"):  # each without its newline
            if line not in plain:
                first = text[position]
                if first in _INDENT_CHARACTERS:
                    first = line.lstrip(_INDENT_CHARACTERS)[:1] or "\n"
                found = (by_first.get(first) or head_for(first)).match(text, position)
                if found is None or found.lastgroup != TEXT:
                    return position, count, found
                if len(plain) >= _PLAIN_LINES_LIMIT:
                    plain.clear()  # full: start over
                if len(line) <= _PLAIN_LINE_LONGEST:
                    plain.add(line)
            position += len(line) + 1
            count += 1
    return position, count, None


def run_on(
    text: str,
    found: re.Match[str],
    number: int,
    head_for: Scanners,
    portion_marked: re.Pattern[str],
) -> tuple[list[Line], int, re.Match[str] | None]:
    """The lines a head field runs on over, from the line right below the field's line: its
    ``found`` match (a lettered or plain line), its ``number``.  Returns the lines, where they
    end, and the match of the line there (None at the end of the text, where the line there
    is to be matched again, and when there are no lines).

    The fast path's field lines: the parser takes the lettered and plain lines right below a
    field's line into the field, a token each (a REF list of a thousand items is a thousand
    tokens), and where the grammar does not allow the field's line, as lines of the text
    around it.  Either way the lines stand one after the other as they are, so the lexer
    makes two or more of them one item (:class:`~cablekit.grammar.tokens.RunOn`), which
    the parser takes as it takes the first.  Only the lines whose kind no line around decides
    (:func:`~cablekit.grammar.context.in_context`) are taken: lettered lines, and plain lines
    with no portion mark; a plain line right above a rule may be a heading, and is left out.
    """
    made: list[Line] = []
    add = made.append
    new = tuple.__new__  # a Line made in C, not through its Python constructor
    end = len(text)
    position = found.start()
    while True:
        kind = found.lastgroup
        line = found.group()
        if kind == _LETTERED:
            add(new(Line, (kind, line, number, False, found, 1)))
        elif kind == TEXT and portion_marked.match(line) is None:
            add(new(Line, (kind, line, number, False, None, 1)))
        else:
            if kind == _RULE and made and made[-1].kind == TEXT:
                return made, position - len(made.pop().text), None
            return made, position, found if made else None
        number += 1
        position = found.end()
        if position >= end:
            return made, position, None
        found = line_at(text, position, head_for)


def line_at(text: str, position: int, head_for: Scanners) -> re.Match[str]:
    """The match of the line at ``position`` by the scanner of its first character after its
    indent (the fast path's scanner: it finds the same kind as the scanner of every kind)."""
    first = text[position]
    if first in _INDENT_CHARACTERS:
        first = text[_INDENT.match(text, position).end()]  # type: ignore[union-attr]
    found = (head_for.known.get(first) or head_for(first)).match(text, position)
    if found is None:  # TEXT_LINE and BLANK take any line
        raise AssertionError(f"no line kind matches the line at {position}")
    return found


_LETTERED = "LETTERED_LINE"
_RULE = "RULE_LINE"
# the kinds of line a head field runs on over as they are (see run_on)
RUNS_ON = frozenset((TEXT, _LETTERED))


#: plain lines met in runs before the text, each without its newline (see :func:`plain_run`):
#: at most this many, of at most this length
_PLAIN_LINES: set[str] = set()
_PLAIN_LINES_LIMIT = 4096
_PLAIN_LINE_LONGEST = 80
# the characters _plain_run splits into lines at first, and at most
_WINDOW = 128
_WIDEST_WINDOW = 1 << 16
