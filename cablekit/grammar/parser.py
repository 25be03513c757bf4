"""Cable text to a :class:`~cablekit.grammar.parts.Document`, with the grammar ``cable.lark``.

The Lark parser is built once, when this module is first imported: an LALR parser with the
line lexer (:class:`~cablekit.grammar.lexer.CableLexer`) and the transformer that turns the
rules into parts as it parses.  Parsing never fails on a real cable: a line whose kind is not
allowed where it stands is read as plain text, through Lark's ``on_error`` hook.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol, cast

from lark import Lark, Token
from lark.exceptions import UnexpectedInput, UnexpectedToken

from cablekit import _fast
from cablekit.grammar.fast import HeaderShape, with_header, with_text
from cablekit.grammar.lexer import CableLexer, LineKinds, Lines
from cablekit.grammar.memo import Placement, Placements, kinds_of
from cablekit.grammar.parts import NEW_TEXT, TEXT, Document, Field
from cablekit.grammar.tokens import (
    Item,
    LineToken,
    as_line,
    line_token,
    retyped,
    token_maker,
    token_of,
)
from cablekit.grammar.transformer import CableTransformer

__all__ = ["HEADER", "LARK", "LINE_KINDS", "header_shape", "parse_document", "pattern"]

LARK = Lark.open_from_package(
    "cablekit.grammar",
    "cable.lark",
    parser="lalr",
    lexer=CableLexer,
    transformer=CableTransformer(),
    start=["start", "parts"],
)

#: the line kinds of the grammar, compiled: ``LINE_KINDS.kind("SIPDIS")`` is ``CAPTION_LINE``
LINE_KINDS = LineKinds(list(LARK.terminals))


def header_shape() -> HeaderShape:
    """What the grammar allows in the transmission header, asked of the parser itself (its
    interactive parser's ``choices``): which kinds of line open a header and with which rule,
    which go on with it, which end it."""
    rules: dict[str, str] = {}
    for kind in LINE_KINDS.names:
        parser = LARK.parse_interactive(start="start")
        try:
            parser.feed_token(line_token(kind, "x\n", 1))
        except UnexpectedToken:
            continue
        document = cast(Document, parser.feed_eof())  # type: ignore[no-untyped-call]
        first = (document.transmission or (None,))[0]
        if isinstance(first, Field) and first.first.kind == kind:
            rules[kind] = first.rule
    allowed = _allowed_after(["FL1_LINE"])
    # a kind the header goes on with leaves the parser where another format line is allowed
    items = {kind for kind in allowed if "FL1_LINE" in _allowed_after(["FL1_LINE", kind])}
    return HeaderShape(rules, frozenset(items), frozenset(allowed - items))


def _allowed_after(kinds: list[str]) -> set[str]:
    """The line kinds the grammar allows after lines of ``kinds``."""
    parser = LARK.parse_interactive(start="start")
    for number, kind in enumerate(kinds, start=1):
        parser.feed_token(line_token(kind, "x\n", number))
    choices = parser.choices()  # type: ignore[no-untyped-call]
    return {kind for kind in choices if kind in LINE_KINDS.names or kind == NEW_TEXT}


#: the transmission header as the grammar has it
HEADER = header_shape()


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The pattern of terminal ``name`` of ``cable.lark``, compiled: a part a line or a field
    holds (``pattern("TAG")``), or a line kind (``pattern("CONTINUATION_LINE")``)."""
    return re.compile(LARK.get_terminal(name).pattern.to_regexp())


def parse_document(text: str) -> Document:
    """Parse cable text (LF line endings) into a :class:`Document`.

    Never raises for any text: a line the grammar does not allow where it stands is read as
    plain text, and a line the parser cannot place at all is kept in ``Document.skipped``.
    """
    fast = _fast.ENABLED
    lines = Lines(text, text_apart=fast, header_apart=HEADER if fast else None)
    document = _placed(lines) if fast else _parsed(lines)
    if not lines.header_lines and (not lines.text_apart or lines.text_at is None):
        return document
    lead, transmission, head, body, paragraphs, skipped = document
    if lines.header_lines:
        transmission = with_header(transmission, lines.header_lines, HEADER)
    if lines.text_apart and lines.text_at is not None:
        paragraphs = with_text(paragraphs, lines.text, lines.text_at, LINE_KINDS.text_for)
    # one document made, not one for each of the parts put back (NamedTuple._replace)
    return Document(lead, transmission, head, body, paragraphs, skipped)


def _parsed(lines: Lines) -> Document:
    """The document the parser makes of ``lines``, with the lines it could not place."""
    skipped: list[Item] = []
    if _fast.ENABLED:
        document = _fed(lines, skipped)
    else:

        def recover(error: UnexpectedInput) -> bool:
            """Read the line the parser did not take as plain text, and go on."""
            if not isinstance(error, UnexpectedToken) or not isinstance(error.token, LineToken):
                return False  # the end of the input: the grammar always allows it
            if not _fed_as_text(error.interactive_parser, error.token.item):
                skipped.append(error.token.item)
            return True

        # the transformer makes a Document of the start rule (Lark's annotation says Tree)
        document = cast(Document, LARK.parse(lines, start="start", on_error=recover))
    if skipped:
        document = document._replace(skipped=tuple(map(as_line, skipped)))
    return document


def _fed(lines: Lines, skipped: list[Item]) -> Document:
    """:func:`_parsed`'s parse, the fast path: the tokens are fed to Lark's interactive
    parser, and a line of a kind the parser has no action for where it stands is read as plain
    text before it is fed, as ``on_error`` would read it after.  Feeding it would raise an
    exception, whose making costs more than the line (a text of a thousand continuation
    lines before any head is a thousand); the parser's ``choices()`` tell so without it.  A
    line of a kind it has an action for may still fail after reductions: it is read as plain
    text then, as ``on_error`` reads it."""
    parser = LARK.parse_interactive(start="start")
    make = token_maker()
    for item in lines.stream(LINE_KINDS):
        if item.kind in parser.choices():  # type: ignore[no-untyped-call]
            try:
                parser.feed_token(make(item))
                continue
            except UnexpectedToken:
                pass
        if not _fed_as_text(parser, item):
            skipped.append(item)
    # the transformer makes a Document of the start rule
    return cast(Document, parser.feed_eof())  # type: ignore[no-untyped-call]


class _Feedable(Protocol):
    """What this module asks of Lark's interactive parser (``Lark.parse_interactive``, and
    ``UnexpectedToken.interactive_parser`` in ``on_error``)."""

    def choices(self) -> dict[str, object]: ...

    def feed_token(self, token: Token) -> object: ...


def _fed_as_text(parser: _Feedable, item: Item) -> bool:
    """Feed ``item`` to ``parser`` as a plain line (after a blank line a new block first);
    False when the parser takes it as neither.  A kind without an action where the parser
    stands is not tried: feeding it could only raise."""
    kinds = (NEW_TEXT, TEXT) if item.after_blank else (TEXT, NEW_TEXT)
    for kind in kinds:
        if kind == item.kind or kind not in parser.choices():
            continue
        try:
            parser.feed_token(token_of(retyped(item, kind)))
        except UnexpectedToken:
            continue
        return True
    return False


#: the placements the parser made, by the kinds of the lines placed (:mod:`.memo`)
_PLACEMENTS = Placements()


def _placed(lines: Lines) -> Document:
    """:func:`_parsed`, the fast path: lines that come in the kinds of lines parsed before are
    placed as those were (:class:`~cablekit.grammar.memo.Placement`), without a parse."""
    items = list(lines.stream(LINE_KINDS))
    kinds = kinds_of(items)
    placement = _PLACEMENTS.get(kinds)
    if placement is not None:
        return placement.place(items)
    lines.replay(items)
    document = _parsed(lines)
    if _PLACEMENTS.wanted(kinds):
        made = Placement.of(document, items)
        if made is not None:
            _PLACEMENTS.add(kinds, made)
    return document
