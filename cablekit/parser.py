"""Text to parse tree with the cable grammar (``grammar/cable.lark``).

The Lark parser is built once, when this module is first imported.  Parsing never fails on a
real cable: a line whose kind is not allowed where it stands is taken as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import accumulate, compress, repeat
from typing import Any, Protocol

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_analysis import Shift

from cablekit.lexer import LEADING, LineLexer, line_token

TEXT = "TEXT_LINE"
NEW_TEXT = "NEW_TEXT_LINE"
ADDRESSEE = "ADDRESSEE_LINE"


@dataclass
class ParseResult:
    """The parse tree and what the parser noticed on the way."""

    tree: Tree[Token]
    #: 1-based numbers of the lines that follow a blank line (or start the text)
    after_blank: set[int] = field(default_factory=set)
    #: lines the parser could not place at all (kept, never dropped)
    skipped: list[Token] = field(default_factory=list)


def _load_grammar() -> str:
    return (files("cablekit.grammar") / "cable.lark").read_text(encoding="utf-8")


_LARK = Lark(_load_grammar(), parser="lalr", lexer="basic", start="start")


_FIELD_KINDS = frozenset(
    ("EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLASSIFIED_BY_LINE")
)
_LEAD_KINDS = frozenset(("DATE_LINE", "RECORD_LINE", "NOTICE_LINE", TEXT, NEW_TEXT))
_PORTION_MARKED = re.compile(
    r"[ \t]*(?:[0-9]{1,2}[.,][ \t]*)?\((?:U|C|S|TS|SBU|[A-Z]{1,3}/{1,2}[A-Z/]{1,8})\)[ \t]"
)
# the kinds of line that are plain lines of a paragraph once the text has begun
_TEXT_LINES = frozenset(
    (TEXT, NEW_TEXT, "LETTERED_LINE", "RULE_LINE", "CONTINUATION_LINE", "PAGE_LINE")
)
_FIELD_RUN_ON = frozenset((TEXT, "LETTERED_LINE", "RULE_LINE"))
_HEADER_KINDS = frozenset(
    (
        "PAGE_LINE", "ACTION_LINE", "FL1_LINE", "FL2_LINE", "FL3_LINE", "FL4_LINE",
        "FL5_LINE", "FM_LINE", "TO_LINE", "INFO_LINE",
    )
)


# the line kinds in the order Lark's basic lexer tries them
_LEXER = LineLexer(
    sorted(
        _LARK.terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
)


def _tokens(text: str) -> tuple[list[Token], set[int]]:
    """Lex into line tokens, dropping blank lines but noting which lines follow one."""
    return _LEXER.tokens(text)


def _retype(token: Token, kind: str) -> Token:
    return Token.new_borrow_pos(kind, token.value, token)


def _with_context(tokens: list[Token], after_blank: set[int]) -> list[Token]:
    """Kinds that depend on the lines around: what one line of lookahead decides.

    - a plain line after a blank line is NEW_TEXT_LINE (it starts a block), except inside a
      head field that goes on below it: "SUBJECT: ... AFTER CURRENCY" / (blank) / "REFORM" /
      (blank) / "REF: 09 SHENYANG 167" (09MOSCOW1108) keeps REFORM in the subject;
    - a classification line on top of the header ("CONFIDENTIAL" then "PAGE 01 CAPE T 00097
      01 OF 03 182017Z" in 90CAPETOWN97, "S E C R E T   STATE   00119085" in 09STATE119085)
      is a printout's page heading; the text has its own classification line below.
    """
    result: list[Token] = []
    in_field = False
    only_lead = True  # nothing but lines copies put before a cable so far
    for index, token in enumerate(tokens):
        kind = token.type
        following = tokens[index + 1].type if index + 1 < len(tokens) else "$END"
        line = token.line or 0
        if kind == TEXT and line in after_blank:
            if not (in_field and following in _FIELD_KINDS):
                token = _retype(token, NEW_TEXT)
        elif kind == TEXT and in_field and _PORTION_MARKED.match(token.value):
            # a portion-marked line below a field starts the text, even without a blank
            # line: "REF: STATE 40380" / " (SBU) Poloff delivered reftel..." (08KUALALUMPUR317),
            # "Classified By: ..." / "1, (C) Summary. During..." (08ISLAMABAD405)
            token = _retype(token, NEW_TEXT)
        elif (
            kind == "CLASSIFICATION_LINE"
            and only_lead
            and following in _HEADER_KINDS
        ):
            token = _retype(token, TEXT)
        if token.type not in _LEAD_KINDS:
            only_lead = False
        if kind in _FIELD_KINDS:
            in_field = True
        elif token.type not in _FIELD_RUN_ON:
            in_field = False
        result.append(token)
    return result


def _merge_runs(tokens: list[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    """Joins runs of lines the rules treat alike into one token each.

    Before the text, a plain line and the plain lines right below it, and a run of addressee
    lines ("RUEHAD/AMEMBASSY ABU DHABI", only ever in the header's list of lines): the rules
    treat the run the way they treat its first line.  Where they do not take a run (an
    addressee line outside a header), its lines are fed one by one after all.  From the first
    paragraph marker on, the parser is in the text, where every line but a marker is just a
    line of the paragraph above: all of them up to the next marker make one token (parse_text
    reads that part without the parser).  Returns the tokens to feed and, by ``id``, the lines each
    joined token stands for (``_split_runs`` puts them back).
    """
    merged: list[Token] = []
    runs: dict[int, list[Token]] = {}
    run: list[Token] = []
    in_text = False

    def close() -> None:
        if len(run) == 1:
            merged.append(run[0])
        elif run:
            first = run[0]
            joined = Token(
                TEXT if in_text else first.type,
                "".join(run),
                first.start_pos,
                first.line,
                first.column,
                run[-1].end_line,
                run[-1].end_column,
                run[-1].end_pos,
            )
            runs[id(joined)] = list(run)
            merged.append(joined)
        run.clear()

    for token in tokens:
        kind = token.type
        if in_text:
            if kind in _TEXT_LINES:
                run.append(token)
                continue
        elif run and (
            (kind == TEXT and run[0].type != ADDRESSEE)
            or (kind == ADDRESSEE and run[0].type == ADDRESSEE)
        ):
            run.append(token)
            continue
        close()
        if kind == "PARAGRAPH_LINE":
            in_text = True
            merged.append(token)
        elif kind in (TEXT, NEW_TEXT, ADDRESSEE):
            run.append(token)
        else:
            merged.append(token)
    close()
    return merged, runs


def _split_runs(tree: Tree[Token], runs: dict[int, list[Token]]) -> None:
    """Puts the lines of each joined token back into the tree, in its place."""
    if not runs:
        return
    expanded: list[Token | Tree[Token]] = []
    joined = False
    for child in tree.children:
        if isinstance(child, Tree):
            _split_runs(child, runs)
            expanded.append(child)
        else:
            lines = runs.get(id(child))
            if lines is None:
                expanded.append(child)
            else:
                expanded.extend(lines)
                joined = True
    if joined:
        tree.children = expanded


# the kinds of line the grammar has in the text besides plain lines: everything from the first
# paragraph marker on is one of these, or plain text
_BODY_KINDS = frozenset(
    ("PARAGRAPH_LINE", "LETTERED_LINE", "RULE_LINE", "CONTINUATION_LINE", "PAGE_LINE")
)
_BODY_FIRST = frozenset("¶0123456789-_=*")
_BODY_SECOND = (".", ")")
_BODY_START = ("PAGE", "TO")
_DIGITS = frozenset("0123456789")


def may_be_a_body_kind(line: str) -> bool:
    """Whether a line (without its newline) may be of one of the body kinds.

    Only if, after spaces and tabs, it starts with one of "¶0123456789-_=*" (PARAGRAPH_LINE:
    "¶" or a digit; LETTERED_LINE: "¶"; RULE_LINE: a dash, underscore, equals sign or star),
    its second character is "." or ")" (LETTERED_LINE: "A. PARIS 8729"), it starts with
    "PAGE" or "TO" (PAGE_LINE), or it ends with a digit before spaces and tabs
    (CONTINUATION_LINE: "BERN 00000881  002 OF 002").  False means certainly not; the tests
    check this against the patterns of these kinds, on the corpus and on random lines.
    """
    stripped = line.lstrip(LEADING)
    return (
        stripped[:1] in _BODY_FIRST
        or stripped[1:2] in _BODY_SECOND
        or stripped.startswith(_BODY_START)
        or line.rstrip(LEADING)[-1:] in _DIGITS
    )


# may_be_a_body_kind for many lines at once, in C: a match of _MAY_BE_START (the first three
# tests, and a blank line) or a line that ends in a digit before spaces and tabs
_MAY_BE_START = re.compile(r"\s*\Z|[ \t]*(?:[¶0-9\-_=*]|[^ \t][.)]|PAGE|TO)")
_DIGIT_ENDS = tuple(_DIGITS)


def _lines_to_look_at(lines: list[str]) -> list[int]:
    """The indexes of the blank lines and of the lines that may be of a body kind
    (:func:`may_be_a_body_kind`), in order: tested line by line in C."""
    indexes = range(len(lines))
    found = list(compress(indexes, map(_MAY_BE_START.match, lines)))
    stripped = map(str.rstrip, lines, repeat(LEADING))
    ending = list(compress(indexes, map(str.endswith, stripped, repeat(_DIGIT_ENDS))))
    if ending:
        found = sorted(set(found).union(ending))
    return found


def _text_lines(
    text: str, position: int, line: int, after_blank: set[int]
) -> list[tuple[Token | None, list[Token]]]:
    """The paragraphs from the line at ``position`` on, which follows a paragraph marker.

    Once the text has begun, the grammar has nothing but paragraphs: a marker line and the
    lines below it up to the next marker, each a body kind of line or plain text (a line of
    any other kind is not allowed there and is read as text).  So a line needs the lexer only
    when it may be of a body kind, which a look at its first and last characters tells; every
    other line is plain.  The plain lines between a blank line or a line of a body kind and
    the next are one token (see :func:`lines_of`): ``NEW_TEXT_LINE`` when the first follows a
    blank line, else ``TEXT_LINE``.  Returns (marker, lines) pairs; the first marker is
    ``None``: its lines belong to the marker above ``position``.
    """
    kind_at = _LEXER.kind_at
    lines = text[position:].split("\n")
    lines.pop()  # the text ends with a newline
    # where each line starts, less ``position`` and the newlines before it
    offsets = list(accumulate(map(len, lines), initial=0))
    paragraphs: list[tuple[Token | None, list[Token]]] = []
    tokens: list[Token] = []
    marker: Token | None = None
    blank = False
    plain = 0  # the first line of the plain lines not yet made a token

    def close(end: int) -> None:
        """Make the plain lines from ``plain`` up to line ``end`` one token."""
        nonlocal blank
        if end > plain:
            if blank:
                after_blank.add(line + plain)
            start = position + offsets[plain] + plain
            value = text[start : position + offsets[end] + end]
            kind = NEW_TEXT if blank else TEXT
            tokens.append(line_token(kind, value, start, line + plain, end - plain))
            blank = False

    for index in _lines_to_look_at(lines):
        raw = lines[index]
        if not raw or raw.isspace():
            close(index)
            blank = True
            plain = index + 1
            continue
        start = position + offsets[index] + index
        kind = kind_at(text, start, raw.lstrip(LEADING)[0])
        if kind not in _BODY_KINDS:
            continue  # a plain line after all
        close(index)
        if blank:
            after_blank.add(line + index)
            blank = False
        token = line_token(kind, raw + "\n", start, line + index)
        plain = index + 1
        if kind == "PARAGRAPH_LINE":
            paragraphs.append((marker, tokens))
            marker, tokens = token, []
        else:
            tokens.append(token)
    close(len(lines))
    if blank:
        after_blank.add(line + len(lines))
    paragraphs.append((marker, tokens))
    return paragraphs


def is_run(token: Token) -> bool:
    """Whether a token is a run of lines (see :func:`lines_of`), not one line."""
    value: str = token.value
    return value.find("\n") < len(value) - 1


def lines_of(token: Token) -> list[Token]:
    """The lines of a token, each a token: the token itself when it is one line.

    In the text, :func:`parse_text` makes one token of a run of plain lines; its first line
    keeps the token's kind, the others are ``TEXT_LINE`` (no blank line comes before them).
    """
    if not is_run(token):
        return [token]
    value = token.value
    position = token.start_pos or 0
    line = token.line or 0
    kind = token.type
    result = []
    for part in value[:-1].split("\n"):
        result.append(line_token(kind, part + "\n", position, line))
        kind = TEXT
        position += len(part) + 1
        line += 1
    return result


class _Parser(Protocol):
    """An LALR parser of the grammar, fed one token at a time."""

    def feed(self, token: Token) -> bool:
        """Shift ``token``; False when the grammar does not allow it where the parse is."""

    def end(self) -> Tree[Token]:
        """The tree, at the end of the input."""


class _LarkParser:
    """Lark's own parser of the grammar: the reference for :class:`_Lalr`."""

    def __init__(self) -> None:
        self._parser = _LARK.parse_interactive("")

    def feed(self, token: Token) -> bool:
        try:
            self._parser.feed_token(token)
        except UnexpectedToken:
            return False
        return True

    def end(self) -> Tree[Token]:
        tree: Tree[Token] = self._parser.feed_eof()  # type: ignore[no-untyped-call]
        return tree


# Lark's parse table and tree callbacks for the grammar (the parser inside Lark's LALR frontend)
_TABLES = _LARK.parser.parser.parser
_STATES: dict[int, dict[str, tuple[Any, Any]]] = _TABLES.parse_table.states
_START: int = _TABLES.parse_table.start_states["start"]
_END: int = _TABLES.parse_table.end_states["start"]
# per rule: how many values it takes off the stack, the nonterminal it makes, its callback
_RULES: dict[Any, tuple[int, str, Any]] = {
    rule: (len(rule.expansion), rule.origin.name, callback)
    for rule, callback in _TABLES.callbacks.items()
}


class _Lalr:
    """The parse Lark's parser does (``ParserState.feed_token``), with what each rule needs
    looked up once: a line is fed in a fraction of the time.

    As in Lark, a token the grammar does not allow is found only after the reductions its
    kind calls for: they stay done, and the parse goes on from there.  The tests check that
    the trees are those of Lark's own parser (:class:`_LarkParser`).
    """

    __slots__ = ("_states", "_values")

    def __init__(self) -> None:
        self._states: list[int] = [_START]
        self._values: list[Any] = []

    def _reduce_for(self, kind: str) -> tuple[Any, Any] | None:
        """Reduce as the next token's ``kind`` calls for; return its shift, or None."""
        states, values = self._states, self._values
        while True:
            action = _STATES[states[-1]].get(kind)
            if action is None or action[0] is Shift:
                return action
            size, made, callback = _RULES[action[1]]
            if size:
                taken = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                taken = []
            values.append(callback(taken))
            states.append(_STATES[states[-1]][made][1])
            if states[-1] == _END and kind == "$END":
                return action

    def feed(self, token: Token) -> bool:
        action = self._reduce_for(token.type)
        if action is None:
            return False
        self._states.append(action[1])
        self._values.append(token)
        return True

    def end(self) -> Tree[Token]:
        if self._reduce_for("$END") is None or self._states[-1] != _END:
            raise UnexpectedToken(Token("$END", ""), set())  # type: ignore[no-untyped-call]
        tree: Tree[Token] = self._values[-1]
        return tree


def _feed(
    parser: _Parser,
    tokens: list[Token],
    runs: dict[int, list[Token]],
    result: ParseResult,
) -> Token | None:
    """Feeds tokens to the parser; returns the last one as the parser took it (None: skipped).

    A line of a kind not allowed where it stands is read as plain text, which is allowed
    everywhere, so parsing goes on.  A joined run the parser does not take is fed line by
    line instead.
    """
    taken: Token | None = None
    for token in tokens:
        if parser.feed(token):
            taken = token
            continue
        lines = runs.pop(id(token), None)
        if lines is not None:
            taken = _feed(parser, lines, runs, result)
            continue
        line = token.line or 0
        kinds = (NEW_TEXT, TEXT) if line in result.after_blank else (TEXT, NEW_TEXT)
        taken = None
        for kind in kinds:
            retyped = _retype(token, kind)
            if parser.feed(retyped):
                taken = retyped
                break
        else:
            result.skipped.append(token)
    return taken


def _paragraph_of(tree: Tree[Token], marker: Token) -> Tree[Token] | None:
    """The parent of the ``paragraph`` subtree opened by ``marker``, searched from the end."""
    for child in reversed(tree.children):
        if isinstance(child, Tree):
            if child.data == "paragraph" and child.children and child.children[0] is marker:
                return tree
            found = _paragraph_of(child, marker)
            if found is not None:
                return found
    return None


def parse_text(text: str) -> ParseResult:
    """Parse cable text (newlines already normalized to ``\\n``) into a tree.

    The lines up to the first paragraph marker are lexed and parsed one by one; from the
    marker on, the text is paragraphs only (see :func:`_text_lines`), and they are put into
    the tree directly.  :func:`parse_lines` parses every line with the parser; the result is
    the same.
    """
    if not text.endswith("\n"):
        text += "\n"
    tokens, after_blank, position, line = _LEXER.tokens_until(text, "PARAGRAPH_LINE")
    if not tokens or tokens[-1].type != "PARAGRAPH_LINE" or position >= len(text):
        return _parse_tokens(tokens, after_blank, _Lalr())
    result = ParseResult(tree=Tree("start", []), after_blank=after_blank)
    feed, runs = _merge_runs(_with_context(tokens, after_blank))
    parser = _Lalr()
    marker = _feed(parser, feed, runs, result)
    if marker is None or marker.type != "PARAGRAPH_LINE":  # not a paragraph here after all
        return _parse_tokens(*_tokens(text), _Lalr())
    tree = parser.end()
    _split_runs(tree, runs)  # the joined runs are all above the marker
    parent = _paragraph_of(tree, marker)
    if parent is None:  # pragma: no cover - the grammar puts every marker in a paragraph
        return _parse_tokens(*_tokens(text), _Lalr())
    paragraphs = _text_lines(text, position, line, after_blank)
    first = parent.children[-1]
    assert isinstance(first, Tree)
    first.children.extend(paragraphs[0][1])
    for opening, lines in paragraphs[1:]:
        assert opening is not None  # only the first pair has no marker
        parent.children.append(Tree("paragraph", [opening, *lines]))
    result.tree = tree
    return result


def parse_lines(text: str) -> ParseResult:
    """Parse cable text line by line: every line lexed, and fed to the parser.

    The reference for :func:`parse_text`, which gives the same tree faster; it parses with
    Lark's own parser.
    """
    if not text.endswith("\n"):
        text += "\n"
    return _parse_tokens(*_tokens(text), _LarkParser())


def _parse_tokens(tokens: list[Token], after_blank: set[int], parser: _Parser) -> ParseResult:
    result = ParseResult(tree=Tree("start", []), after_blank=after_blank)
    feed, runs = _merge_runs(_with_context(tokens, after_blank))
    _feed(parser, feed, runs, result)
    tree = parser.end()
    _split_runs(tree, runs)
    result.tree = tree
    return result
