"""The parser's placement of a cable's lines, remembered by the kinds of those lines.

Where the parser places a line (a format line of the header, a field of the head, a plain line
of the body, a line it cannot place at all) depends on the kinds of the lines it is given, in
order, and on nothing else: the LALR parser reads the kinds of its tokens only, and the parse's
recovery from a line out of place (:func:`cablekit.grammar.parser.parse_document`) asks no more
than a line's kind and whether a blank line stands above it.  Copies of cables repeat the same
few shapes (a classification line, SIPDIS, E.O., TAGS, SUBJECT, Classified By, a marker): the
placement the parser made of one such sequence of kinds is kept as a :class:`Placement`, and
the next cable whose lines come in the same kinds is placed the same way without a parse.

This is a fast path (:mod:`cablekit._fast`): with ``CABLEKIT_PLAIN=1`` every cable is parsed.
A placement is kept only when placing the lines it was made from gives back the very document
the parser made, and the tests compare both ways on the corpus and on random texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from cablekit.grammar.parts import Block, Document, Field, Line
from cablekit.grammar.tokens import Item, RunOn, as_line

__all__ = ["Placement", "Placements", "kinds_of"]

#: the kinds of a sequence of the lexer's items, and whether a blank line stands above each
Kinds = tuple[tuple[str, bool], ...]


class _Slot(NamedTuple):
    """One token where the parser placed it: its place in the sequence, whether its lines
    stand apart (a run of lines taken apart, as every rule before the text takes them; a
    paragraph keeps its runs whole), and the kind it was placed as (another than its own when
    the parse read it as plain text)."""

    token: int
    apart: bool
    kind: str


class _FieldSlots(NamedTuple):
    rule: str
    lines: tuple[_Slot, ...]


class _BlockSlots(NamedTuple):
    marker: _Slot
    lines: tuple[_Slot, ...]


_Item = _Slot | _FieldSlots


# (kind, after_blank) of a Line or a RunOn, whose fields start alike: read in C, not by a
# Python step an item (a test checks both)
_KIND_AND_BLANK = itemgetter(Line._fields.index("kind"), Line._fields.index("after_blank"))


def kinds_of(items: Sequence[Item]) -> Kinds:
    """What the placement of ``items`` depends on: the kind of each, and its blank above."""
    return tuple(map(_KIND_AND_BLANK, items))


class Placement(NamedTuple):
    """Where the parser placed each token of one sequence of kinds, part by part of a
    :class:`~cablekit.grammar.parts.Document`."""

    lead: tuple[_Slot, ...]
    transmission: tuple[_Item, ...] | None
    head: tuple[_Item, ...] | None
    body: tuple[_Slot, ...]
    paragraphs: tuple[_BlockSlots, ...]
    skipped: tuple[_Slot, ...]

    def place(self, tokens: Sequence[Item]) -> Document:
        """The document of ``tokens``, whose kinds are those this placement was made from."""
        lead, transmission, head, body, paragraphs, skipped = self
        new = tuple.__new__  # a Document and its Blocks made in C, not by their constructors
        # most documents have no lines before the cable, before the first marker or skipped,
        # and one paragraph (the text after it is added later): no call for what is empty
        return new(
            Document,
            (
                _lines(lead, tokens) if lead else (),
                None if transmission is None else _items(transmission, tokens),
                None if head is None else _items(head, tokens),
                _lines(body, tokens) if body else (),
                tuple(
                    [
                        new(Block, (_line(marker, tokens), _lines(lines, tokens) if lines else ()))
                        for marker, lines in paragraphs
                    ]
                ),
                _lines(skipped, tokens) if skipped else (),
            ),
        )

    @classmethod
    def of(cls, document: Document, tokens: Sequence[Item]) -> Placement | None:
        """The placement ``document`` makes of ``tokens`` (what the parser gave for them), or
        None when a line of it is not one of theirs as the parser makes lines."""
        starts = {item.number: index for index, item in enumerate(tokens)}
        try:
            placement = cls(
                _slots(document.lead, tokens, starts, apart=True),
                _item_slots(document.transmission, tokens, starts),
                _item_slots(document.head, tokens, starts),
                _slots(document.body, tokens, starts, apart=True),
                tuple(
                    _BlockSlots(
                        _slots((block.marker,), tokens, starts, apart=False)[0],
                        _slots(block.lines, tokens, starts, apart=False),
                    )
                    for block in document.paragraphs
                ),
                _slots(document.skipped, tokens, starts, apart=False),
            )
        except (KeyError, IndexError, ValueError):
            return None
        # kept only if it gives back the very document it was made from
        return placement if placement.place(tokens) == document else None


class Placements:
    """The placements made so far, by sequence of kinds: at most ``limit`` of them, each of at
    most ``longest`` tokens (a hostile text of thousands of head lines is not remembered).

    A placement is made the second time a sequence of kinds is parsed, not the first: most
    sequences of a corpus come once (784 of the 1,295 cables of cablegate-2010 are of a
    sequence of their own), and making a placement costs about what a parse saves.
    """

    def __init__(self, limit: int = 4096, longest: int = 64) -> None:
        self.limit = limit
        self.longest = longest
        self._known: dict[Kinds, Placement | None] = {}

    def get(self, kinds: Kinds) -> Placement | None:
        """The placement of a sequence of these kinds, if one was made."""
        return self._known.get(kinds)

    def wanted(self, kinds: Kinds) -> bool:
        """Whether a placement of these kinds is to be made (:meth:`add`): they were parsed
        before, and are not too many.  Notes that they are parsed now."""
        if len(kinds) > self.longest:
            return False
        if kinds in self._known:
            return True
        if len(self._known) >= self.limit:
            self._known.clear()  # full: start over
        self._known[kinds] = None
        return False

    def add(self, kinds: Kinds, placement: Placement) -> None:
        """Remember ``placement`` for ``kinds``."""
        self._known[kinds] = placement


# ---------------------------------------------------------------------------------------------
# Lines to slots and back
# ---------------------------------------------------------------------------------------------


def _line(slot: _Slot, tokens: Sequence[Item]) -> Line:
    """The line the parser makes of item ``slot.token`` placed as ``slot.kind``
    (:func:`cablekit.grammar.transformer.line_of`; an item read as plain text has no parts)."""
    item = tokens[slot.token]
    if slot.kind == item.kind:
        if type(item) is Line:
            return item  # the lexer's line, as the parser puts it in the document
        return as_line(item)
    return Line(slot.kind, item.text, item.number, item.after_blank, None, item.line_count)


def _lines(slots: tuple[_Slot, ...], tokens: Sequence[Item]) -> tuple[Line, ...]:
    made: list[Line] = []
    for slot in slots:
        item = tokens[slot.token]
        if slot.kind == item.kind and type(item) is Line:
            # the common case: the lexer's line as it is, or its lines taken apart
            if slot.apart and item.line_count > 1:
                made.extend(item.lines())
            else:
                made.append(item)
        elif slot.apart and isinstance(item, RunOn) and slot.kind == item.kind:
            made.extend(item.lines)  # the lines a field runs on over, as the lexer made them
        else:
            line = _line(slot, tokens)
            if slot.apart:
                made.extend(line.lines())
            else:
                made.append(line)
    return tuple(made)


def _items(items: tuple[_Item, ...], tokens: Sequence[Item]) -> tuple[Field | Line, ...]:
    made: list[Field | Line] = []
    add = made.append
    new = tuple.__new__  # a Field made in C, not through its Python constructor
    for item in items:
        if isinstance(item, _FieldSlots):
            slots = item.lines
            if len(slots) == 1:  # most fields are one line of the lexer's, as it is
                slot = slots[0]
                token = tokens[slot.token]
                if slot.kind == token.kind and type(token) is Line and token.line_count == 1:
                    add(new(Field, (item.rule, (token,))))
                    continue
            add(new(Field, (item.rule, _lines(slots, tokens))))
            continue
        token = tokens[item.token]
        if item.kind == token.kind and type(token) is Line and token.line_count == 1:
            add(token)  # the common case: one line of the lexer's, as it is
        else:
            made.extend(_lines((item,), tokens))
    return tuple(made)


def _slots(
    lines: Sequence[Line],
    tokens: Sequence[Item],
    starts: dict[int, int],
    *,
    apart: bool,
) -> tuple[_Slot, ...]:
    """The slots of ``lines``, each a token's line or (``apart``) its lines taken apart."""
    slots: list[_Slot] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        index = starts[line.number]
        slots.append(_Slot(index, apart, line.kind))
        at += tokens[index].line_count if apart else 1
    return tuple(slots)


def _item_slots(
    items: tuple[Field | Line, ...] | None,
    tokens: Sequence[Item],
    starts: dict[int, int],
) -> tuple[_Item, ...] | None:
    if items is None:
        return None
    slots: list[_Item] = []
    pending: list[Line] = []
    for item in items:
        if isinstance(item, Field):
            slots.extend(_slots(pending, tokens, starts, apart=True))
            pending = []
            slots.append(_FieldSlots(item.rule, _slots(item.lines, tokens, starts, apart=True)))
        else:
            pending.append(item)
    slots.extend(_slots(pending, tokens, starts, apart=True))
    return tuple(slots)
