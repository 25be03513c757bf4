"""Text to parse tree with the cable grammar (``grammar/cable.lark``).

The Lark parser is built once, when this module is first imported.  Parsing never fails on a
real cable: a line whose kind is not allowed where it stands is taken as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedToken

from cablekit.lexer import LineLexer

TEXT = "TEXT_LINE"
NEW_TEXT = "NEW_TEXT_LINE"


@dataclass
class ParseResult:
    """The parse tree and what the parser noticed on the way."""

    tree: Tree[Token]
    #: 1-based numbers of the lines that follow a blank line (or start the text)
    after_blank: set[int] = field(default_factory=set)
    #: 1-based line numbers of lines whose kind was not allowed where they stood, with that kind
    demoted: dict[int, str] = field(default_factory=dict)
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

    Before the text, a plain line and the plain lines right below it: the rules treat the run
    the way they treat its first line.  From the first paragraph marker on, the parser is in
    the text, where every line but a marker is just a line of the paragraph above: all of
    them up to the next marker make one token.  So a paragraph costs the parser one or two
    steps, not one per line.  Returns the tokens to feed and, by ``id``, the lines each
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
        elif kind == TEXT and run:
            run.append(token)
            continue
        close()
        if kind == "PARAGRAPH_LINE":
            in_text = True
            merged.append(token)
        elif kind in (TEXT, NEW_TEXT):
            run.append(token)
        else:
            merged.append(token)
    close()
    return merged, runs


def _split_runs(tree: Tree[Token], runs: dict[int, list[Token]]) -> None:
    """Puts the lines of each joined token back into the tree, in its place."""
    children = tree.children
    if any(isinstance(child, Token) and id(child) in runs for child in children):
        expanded: list[Token | Tree[Token]] = []
        for child in children:
            if isinstance(child, Token) and id(child) in runs:
                expanded.extend(runs[id(child)])
            else:
                expanded.append(child)
        tree.children = expanded
    for child in tree.children:
        if isinstance(child, Tree):
            _split_runs(child, runs)


def parse_text(text: str) -> ParseResult:
    """Parse cable text (newlines already normalized to ``\\n``) into a tree."""
    if not text.endswith("\n"):
        text += "\n"
    tokens, after_blank = _tokens(text)
    result = ParseResult(tree=Tree("start", []), after_blank=after_blank)
    feed, runs = _merge_runs(_with_context(tokens, after_blank))
    parser = _LARK.parse_interactive("")
    for token in feed:
        try:
            parser.feed_token(token)
            continue
        except UnexpectedToken:
            pass
        # A line of a kind not allowed here is read as plain text, which is allowed
        # everywhere, so parsing goes on.
        line = token.line or 0
        result.demoted[line] = token.type
        kinds = (NEW_TEXT, TEXT) if line in after_blank else (TEXT, NEW_TEXT)
        for kind in kinds:
            try:
                parser.feed_token(_retype(token, kind))
                break
            except UnexpectedToken:
                continue
        else:
            result.skipped.append(token)
    tree: Tree[Token] = parser.feed_eof()  # type: ignore[no-untyped-call]
    _split_runs(tree, runs)
    result.tree = tree
    return result
