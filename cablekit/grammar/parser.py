"""Cable text to a :class:`~cablekit.grammar.parts.Document`, with the grammar ``cable.lark``.

The Lark parser is built once, when this module is first imported: an LALR parser with the
line lexer (:class:`~cablekit.grammar.lexer.CableLexer`) and the transformer that turns the
rules into parts as it parses.  Parsing never fails on a real cable: a line whose kind is not
allowed where it stands is read as plain text, through Lark's ``on_error`` hook.
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from lark import Lark
from lark.exceptions import UnexpectedInput, UnexpectedToken

from cablekit import _fast
from cablekit.grammar.fast import with_text
from cablekit.grammar.lexer import CableLexer, LineKinds, Lines
from cablekit.grammar.parts import NEW_TEXT, TEXT, Document
from cablekit.grammar.tokens import LineToken, retyped
from cablekit.grammar.transformer import CableTransformer, line_of

__all__ = ["LARK", "LINE_KINDS", "parse_document", "pattern"]

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
    skipped: list[LineToken] = []

    def recover(error: UnexpectedInput) -> bool:
        """Read the line the parser did not take as plain text, and go on."""
        if not isinstance(error, UnexpectedToken) or not isinstance(error.token, LineToken):
            return False  # the end of the input: the grammar always allows it
        token = error.token
        kinds = (NEW_TEXT, TEXT) if token.after_blank else (TEXT, NEW_TEXT)
        for kind in kinds:
            if kind == token.type:
                continue
            try:
                error.interactive_parser.feed_token(retyped(token, kind))
            except UnexpectedToken:
                continue
            return True
        skipped.append(token)
        return True

    lines = Lines(text, text_apart=_fast.ENABLED)
    # the transformer makes a Document of the start rule (Lark's annotation says Tree)
    document = cast(Document, LARK.parse(lines, start="start", on_error=recover))
    if skipped:
        document = document._replace(skipped=tuple(line_of(token) for token in skipped))
    if lines.text_apart and lines.text_at is not None:
        document = with_text(document, lines, LINE_KINDS)
    return document
