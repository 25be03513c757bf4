"""What the grammar makes of a cable: lines with their parts, grouped as the rules place them.

These are the values the parser's transformer returns (:mod:`cablekit.grammar.transformer`)
and the field readers (:mod:`cablekit.fields`) take: all immutable.

- :class:`Line` is one line (or, in the text, a run of plain lines) of one kind, with the
  parts its kind's pattern names in ``cable.lark``: ``Line.part("serial")`` of a ``DE RUEHFR
  #7101/01 3030908`` line is ``"7101"``.
- :class:`Field` is a line placed by a rule (``fl3``, ``classification``, ``subject``) with
  the lines the rule runs on over (a wrapped SUBJECT).
- :class:`Block` is a paragraph marker line and the lines below it, up to the next marker.
- :class:`Document` is the whole cable: the lines before it, the transmission header, the
  head of the text, the text.
"""

from __future__ import annotations

import re
from itertools import islice, repeat
from typing import NamedTuple

__all__ = [
    "BLANK",
    "NEW_TEXT",
    "PARAGRAPH",
    "TEXT",
    "TEXT_KINDS",
    "Block",
    "Document",
    "Field",
    "Line",
    "group_name",
]

#: a plain line that continues the block above it
TEXT = "TEXT_LINE"
#: a plain line after a blank line: it starts a block
NEW_TEXT = "NEW_TEXT_LINE"
#: one or more blank lines, which the lexer skips
BLANK = "BLANK"
#: a paragraph marker line
PARAGRAPH = "PARAGRAPH_LINE"
#: the kinds the grammar allows in the text, from the first paragraph marker on, besides
#: plain lines (the tests check this against the parser)
TEXT_KINDS = frozenset(
    ("PARAGRAPH_LINE", "LETTERED_LINE", "RULE_LINE", "CONTINUATION_LINE", "PAGE_LINE")
)


def group_name(kind: str, part: str) -> str:
    """The name the lexer gives the group of ``part`` of line kind ``kind`` in its scanner.

    The scanner tries many kinds at once, and two kinds may name a part alike (the ``number``
    of a paragraph marker and of a continuation line), so each group carries its kind.
    """
    return f"{kind}__{part}"


# the group names the parts are looked up by, made once for each kind and part:
# _GROUPS[kind][part], _GROUP_LISTS[kind][parts]
_GROUPS: dict[str, dict[str, str]] = {}
_GROUP_LISTS: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {}


def _group(kind: str, part: str) -> str:
    group = _GROUPS.setdefault(kind, {})[part] = group_name(kind, part)
    return group


def _groups(kind: str, parts: tuple[str, ...]) -> tuple[str, ...]:
    groups = tuple(group_name(kind, part) for part in parts)
    _GROUP_LISTS.setdefault(kind, {})[parts] = groups
    return groups


class Line(NamedTuple):
    """A line of a cable as the grammar reads it, or a run of plain lines of the text."""

    #: the line kind: the name of its terminal in ``cable.lark`` (``FL3_LINE``, ``TEXT_LINE``)
    kind: str
    #: the line as written, with its newline; a run's lines with theirs
    text: str
    #: the 1-based number of the (first) line in the parsed text
    number: int
    #: whether a blank line comes right before it
    after_blank: bool = False
    #: the scanner's match of the line, which holds its parts; None for plain lines
    match: re.Match[str] | None = None
    #: how many lines it holds: more than one for a run of plain lines
    line_count: int = 1

    def part(self, name: str) -> str | None:
        """The part ``name`` of the line (a named group of its kind), None when not written."""
        match = self.match
        if match is None:
            return None
        try:
            group = _GROUPS[self.kind][name]
        except KeyError:
            group = _group(self.kind, name)
        value: str | None = match.group(group)
        return value

    def parts(self, *names: str) -> tuple[str | None, ...]:
        """The parts ``names`` of the line, each None when not written."""
        match = self.match
        if match is None:
            return (None,) * len(names)
        try:
            groups = _GROUP_LISTS[self.kind][names]
        except KeyError:
            groups = _groups(self.kind, names)
        if len(groups) == 1:
            return (match[groups[0]],)
        values: tuple[str | None, ...] = match.group(*groups)
        return values

    @property
    def stripped(self) -> str:
        """The text without the blanks and the newline at its ends."""
        return self.text.strip()

    def lines(self) -> tuple[Line, ...]:
        """The lines of a run, each a :class:`Line`; a single line is itself.

        A run is of plain lines: the first keeps the run's kind, the others continue it
        (``TEXT_LINE``).
        """
        if self.line_count == 1:
            return (self,)
        text = self.text
        # the lines with their newlines, split in C; splitlines() breaks at "\r" and "\f" too,
        # so it serves only when it breaks at the newlines alone
        pieces = text.splitlines(keepends=True)
        if len(pieces) != text.count("\n"):
            pieces = text[:-1].split("\n")
            pieces = list(map(str.__add__, pieces, repeat("\n")))
        first = Line(self.kind, pieces[0], self.number, self.after_blank)
        numbers = range(self.number + 1, self.number + len(pieces))
        fields = zip(
            repeat(TEXT), islice(pieces, 1, None), numbers, repeat(False), repeat(None), repeat(1)
        )
        # the other lines made in C, not by a Python call each: a run may hold thousands
        return (first, *map(tuple.__new__, repeat(Line), fields))

    def as_text(self) -> Line:
        """The same line read as plain text: after a blank line a ``NEW_TEXT_LINE``."""
        return Line(
            NEW_TEXT if self.after_blank else TEXT,
            self.text,
            self.number,
            self.after_blank,
            None,
            self.line_count,
        )


class Field(NamedTuple):
    """A line placed by a rule, with the lines the rule runs on over.

    ``rule`` is the rule's name in ``cable.lark``: a format line of the header (``fl1`` ..
    ``xmt``, ``distribution``) or an item of the head (``classification``, ``caption``,
    ``passing``, ``eo``, ``tags``, ``subject``, ``ref``, ``classified_by``).
    """

    rule: str
    lines: tuple[Line, ...]

    @property
    def first(self) -> Line:
        """The line that opens the field: the one whose kind the rule names."""
        return self.lines[0]


class Block(NamedTuple):
    """A paragraph marker line and the lines below it, up to the next marker."""

    marker: Line
    lines: tuple[Line, ...]


class Document(NamedTuple):
    """A cable as the grammar places its lines.

    A copy may lack any part.  When it has neither a header nor a head, ``lead`` holds every
    line before the first marker, and ``body`` is empty.
    """

    #: lines before the cable: date lines, records, notices, mail-client print headers ...
    lead: tuple[Line, ...] = ()
    #: the transmission header: format lines as fields (``fl3``), other header lines as lines
    transmission: tuple[Field | Line, ...] | None = None
    #: the head of the text: its fields, and the lines standing between them
    head: tuple[Field | Line, ...] | None = None
    #: the lines of the text before its first paragraph marker
    body: tuple[Line, ...] = ()
    #: the paragraphs, each from its marker to the next
    paragraphs: tuple[Block, ...] = ()
    #: lines the parser could not place anywhere (kept, never dropped)
    skipped: tuple[Line, ...] = ()
