"""What a line is, as the cleaning passes ask it: the grammar's descriptions of lines.

The cleaning stage runs before the grammar, on raw lines, but it takes what a line is from
the grammar (``cablekit/grammar/cable.lark``), which describes every kind of line once: a
SUBJECT line is a line ``SUBJECT_LINE`` matches, a paragraph marker a line ``PARAGRAPH_LINE``
matches, and where a format line starts inside a line run together is where its opening
(``FL3``, ``TO``) matches.  A pass adds only what the context tells: where the line stands,
what comes before and after it.

A line kind is matched as the lexer matches it, on the line with its newline
(:func:`is_line`).  The fast path (:mod:`cablekit.clean.skip`) looks for the same lines in
``"\\n" + text + "\\n"``, where every line ends with its newline too: one pattern serves both.
"""

from __future__ import annotations

import re
from functools import cache

from cablekit.grammar import pattern

__all__ = ["is_line", "lines_of", "part"]

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# the indent every line kind opens with, before the lookahead at its first character (the
# tab as Lark writes it, or escaped)
_INDENTS = ("[ \t]*", "[ \\t]*")


def _plain(name: str, regex: str) -> str:
    """``regex`` (of terminal ``name``) in a group of its own, its named groups plain ones."""
    plain, count = _NAMED_GROUP.subn("(?:", regex)
    if "(?P=" in regex or count != len(pattern(name).groupindex):
        raise ValueError(f"the groups of {name} cannot be made plain: {regex}")
    return f"(?:{plain})"


@cache
def part(name: str) -> str:
    """The regular expression of terminal ``name`` of the grammar (a part or a line kind),
    as a group of its own whose named groups are plain ones: it can go into a pattern many
    times, beside other parts."""
    return _plain(name, pattern(name).pattern)


def lines_of(*names: str) -> re.Pattern[str]:
    """The pattern of a line of any of the line kinds ``names``, with its newline.

    Every line kind opens with its indent and a lookahead at the character after the indent
    (``[ \\t]*(?=[ZOPR])``; the lexer relies on it too), so the indent is matched once, before
    the kinds are tried: the same lines match, in fewer steps.
    """
    after_indent: list[str] = []
    for name in names:
        regex = pattern(name).pattern
        indent = next((i for i in _INDENTS if regex.startswith(i + "(?=")), None)
        if indent is None:
            raise ValueError(f"{name} does not open with its indent and a lookahead: {regex}")
        after_indent.append(_plain(name, regex[len(indent) :]))
    return re.compile("[ \t]*(?:" + "|".join(after_indent) + ")")


def is_line(kinds: re.Pattern[str], text: str) -> bool:
    """Whether the line ``text`` (without its newline) is of the kinds ``kinds`` matches."""
    return kinds.match(text + "\n") is not None
