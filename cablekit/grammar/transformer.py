"""Parse tree to parts: the callbacks Lark calls for each rule while it parses.

``Lark(..., transformer=CableTransformer())`` builds no tree: each rule of ``cable.lark``
becomes an immutable part of :mod:`cablekit.grammar.parts` as soon as the parser reduces it,
and the start rule gives the :class:`~cablekit.grammar.parts.Document`.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, NamedTuple

from lark import Token, Transformer

from cablekit.grammar.parts import Block, Document, Field, Line
from cablekit.grammar.tokens import LineToken, RunOn, as_line

__all__ = ["CableTransformer", "line_of", "lines_of"]


def line_of(token: LineToken) -> Line:
    """The :class:`Line` of a token: the lexer's line it was made of."""
    return as_line(token.item)


def lines_of(token: LineToken) -> tuple[Line, ...]:
    """The lines of a token: before the text, a run of lines stands for its lines, and the
    lines a field runs on over (a :class:`RunOn`) for theirs."""
    item = token.item
    if isinstance(item, RunOn):
        return item.lines
    return item.lines()


class _Section(NamedTuple):
    """A rule's items on their way up to the start rule."""

    rule: str
    items: tuple[Any, ...]


def _items(children: list[Any]) -> tuple[Field | Line, ...]:
    items: list[Field | Line] = []
    for child in children:
        if isinstance(child, LineToken):
            items.extend(lines_of(child))
        else:
            items.append(child)
    return tuple(items)


def _field(rule: str) -> Any:
    def make(self: CableTransformer, children: list[LineToken]) -> Field:
        if len(children) == 1:
            return Field(rule, lines_of(children[0]))
        return Field(rule, tuple(chain.from_iterable(map(lines_of, children))))

    make.__name__ = rule
    make.__doc__ = f"The ``{rule}`` rule: a :class:`Field`."
    return make


class CableTransformer(Transformer[Token, Document]):
    """The rules of ``cable.lark`` as parts."""

    def start(self, children: list[Any]) -> Document:
        """The whole cable."""
        lead: list[Line] = []
        paragraphs: list[Block] = []
        sections: dict[str, tuple[Any, ...]] = {}
        for child in children:
            if isinstance(child, LineToken):
                lead.extend(lines_of(child))
            elif isinstance(child, Block):
                paragraphs.append(child)
            else:
                sections[child.rule] = child.items
        body = sections.get("body", ())
        return Document(
            lead=tuple(lead),
            transmission=sections.get("transmission"),
            head=sections.get("head"),
            body=tuple(item for item in body if isinstance(item, Line)),
            paragraphs=(*paragraphs, *(item for item in body if isinstance(item, Block))),
        )

    def transmission(self, children: list[Any]) -> _Section:
        """The transmission header: format lines (fields) and other header lines."""
        return _Section("transmission", _items(children))

    def head(self, children: list[Any]) -> _Section:
        """The head of the text: its fields and the lines between them."""
        return _Section("head", _items(children))

    def body(self, children: list[Any]) -> _Section:
        """The text: the lines before the first marker, then the paragraphs."""
        return _Section("body", _items(children))

    def paragraph(self, children: list[LineToken]) -> Block:
        """A paragraph marker line and the lines below it (the text's runs stay whole)."""
        return Block(line_of(children[0]), tuple(line_of(token) for token in children[1:]))

    fl1 = _field("fl1")
    fl2 = _field("fl2")
    fl3 = _field("fl3")
    fl4 = _field("fl4")
    fl5 = _field("fl5")
    fm = _field("fm")
    to = _field("to")
    info = _field("info")
    xmt = _field("xmt")
    distribution = _field("distribution")
    classification = _field("classification")
    caption = _field("caption")
    passing = _field("passing")
    eo = _field("eo")
    tags = _field("tags")
    subject = _field("subject")
    ref = _field("ref")
    classified_by = _field("classified_by")
