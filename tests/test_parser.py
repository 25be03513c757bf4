"""The line lexer of parser.py against Lark's own lexer of the same grammar."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree

from cablekit.build import build_cable
from cablekit.parser import (
    _BODY_KINDS,
    _LARK,
    NEW_TEXT,
    TEXT,
    _Lalr,
    _LarkParser,
    _lines_to_look_at,
    _parse_tokens,
    _tokens,
    lines_of,
    may_be_a_body_kind,
    parse_lines,
    parse_text,
)


def lark_tokens(text: str) -> list[tuple[str, str, int]]:
    return [
        (t.type, t.value, t.line or 0)
        for t in _LARK.lex(text, dont_ignore=True)
        if t.type != "BLANK"
    ]


def own_tokens(text: str) -> list[tuple[str, str, int]]:
    tokens, _ = _tokens(text)
    return [(t.type, t.value, t.line or 0) for t in tokens]


@pytest.mark.parametrize(
    "text",
    [
        "VZCZCXYZ0002\nOO RUEHWEB\n\nDE RUEHFR #7101/01 3030908\nZNY CCCCC ZZH\n",
        "O 300908Z OCT 06\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\n",
        "CONFIDENTIAL PARIS 007101\nSIPDIS\n\n\n \t\nE.O. 12958: DECL: 10/30/2016\n",
        "¶1. (C) Summary: text\nmore text\n\nBERN 00000881  002 OF 002\n-------\n",
        "\u00a0\n\u2028x\n\f\nlast line without newline\n",
    ],
)
def test_same_tokens_as_lark_on_examples(text: str) -> None:
    assert own_tokens(text) == lark_tokens(text)


def test_same_tokens_as_lark_on_the_corpus(corpus: Path) -> None:
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert own_tokens(text) == lark_tokens(text), path.name


def test_blank_lines_are_noted_not_tokens() -> None:
    # 06PARIS7101: the header's blank line makes DE a line that follows a blank one
    tokens, after_blank = _tokens("VZCZCXYZ0002\nOO RUEHWEB\n\nDE RUEHFR #7101/01 3030908\n")
    assert [t.type for t in tokens] == ["FL1_LINE", "FL2_LINE", "FL3_LINE"]
    assert after_blank == {1, 4}


def test_a_line_not_allowed_where_it_stands_is_text() -> None:
    # a SUBJECT line inside the paragraphs (not a head field there) is kept as text
    text = "¶1. (C) First.\nSUBJECT: not a field here\n¶2. (C) Second.\n"
    assert _tokens(text)[0][1].type == "SUBJECT_LINE"
    for result in (parse_text(text), parse_lines(text)):
        first = result.tree.children[0]
        assert isinstance(first, Tree) and first.data == "paragraph"
        assert [(t.type, t.line) for t in first.children] == [
            ("PARAGRAPH_LINE", 1),
            ("TEXT_LINE", 2),
        ]
        assert result.skipped == []


_LINE_PIECES = [
    "VZCZCXYZ0002",
    "OO RUEHWEB",
    "DE RUEHFR #7101/01 3030908",
    "ZNY CCCCC ZZH",
    "O 300908Z OCT 06",
    "FM AMEMBASSY PARIS",
    "TO RUEHC/SECSTATE WASHDC",
    "INFO LOG-00",
    "XMT AMEMBASSY SOFIA",
    "C O N F I D E N T I A L PARIS 007101",
    "secret",
    "Sipdis",
    "E.o. 12958: decl: 1/1/2019",
    "tags: prel",
    "Subj: x",
    "ref: a",
    "(U) Classified by x",
    "¶1. (C) Text",
    "12.(C)",
    "B. PARIS 8918",
    "BERN 00000881  002 OF 002",
    "- - - -",
    "PAGE 02 HANOI 00686 01 OF 07 050821Z",
    "ACTION NEA-00",
    "DRAFTED BY: X",
    "BT",
    "Friday, 18 December 2009, 11:04",
    "<<218634>>",
    "plain words",
    "\u00a0",
    "\f",
    "",
]


def _random_text(lines: int) -> st.SearchStrategy[str]:
    """Up to ``lines`` lines, each a line kind's example or random text, maybe indented."""
    line = st.tuples(
        st.sampled_from(["", " ", "\t", "  "]),
        st.one_of(st.sampled_from(_LINE_PIECES), st.text(max_size=12)),
    ).map(lambda parts: parts[0] + parts[1].replace("\n", " ") + "\n")
    return st.lists(line, max_size=lines).map("".join)


@settings(max_examples=300, deadline=None)
@given(_random_text(12))
def test_same_tokens_as_lark_on_random_lines(text: str) -> None:
    # the lexer skips terminals that cannot start with a line's first character; on any
    # input it must give exactly the tokens of trying them all (Lark's lexer)
    assert own_tokens(text) == lark_tokens(text)


# ---------------------------------------------------------------------------------------------
# parse_text (paragraph text read without the lexer) against parse_lines (every line lexed)
# ---------------------------------------------------------------------------------------------


def _shape(tree: Tree[Token]) -> object:
    # TEXT_LINE and NEW_TEXT_LINE tell the rules apart a field's continuation and a new block;
    # in the paragraphs, where parse_text does not lex, the rules treat them alike.  There a
    # run of plain lines is one token: it is compared line by line.
    shapes: list[object] = []
    for child in tree.children:
        if isinstance(child, Tree):
            shapes.append(_shape(child))
            continue
        for line in lines_of(child):
            kind = TEXT if line.type == NEW_TEXT else line.type
            shapes.append((kind, str(line), line.start_pos, line.line, line.end_line, line.end_pos))
    return (tree.data, shapes)


def _same_parse(text: str) -> None:
    fast, reference = parse_text(text), parse_lines(text)
    assert _shape(fast.tree) == _shape(reference.tree)
    assert fast.after_blank == reference.after_blank
    assert fast.skipped == reference.skipped
    # the paragraph rules look at single lines where they must (headings, the signature, a
    # lost marker): the cable is the same whether its lines come one by one or in runs
    assert build_cable(fast, None) == build_cable(reference, None)


def test_parse_text_equals_parse_lines_on_the_corpus(corpus: Path) -> None:
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        _same_parse(path.read_text(encoding="utf-8"))


def test_lines_of_body_kinds_are_never_missed_on_the_corpus(corpus: Path) -> None:
    # the test parse_text uses to skip the lexer keeps every line of a body kind
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        for token in _tokens(path.read_text(encoding="utf-8"))[0]:
            if token.type in _BODY_KINDS:
                assert may_be_a_body_kind(token.value.rstrip("\n")), token


def test_lines_looked_at_are_blank_or_may_be_of_a_body_kind_on_the_corpus(corpus: Path) -> None:
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        expected = [
            i
            for i, line in enumerate(lines)
            if line.isspace() or not line or may_be_a_body_kind(line)
        ]
        assert _lines_to_look_at(lines) == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", " ", "\t", "  ", "\u00a0", "\x0c"]),
            st.one_of(st.sampled_from(_LINE_PIECES), st.text(max_size=12)),
            st.sampled_from(["", " ", "\t", "7", "7 ", ".", ")", "\u00a0"]),
        ),
        max_size=10,
    )
)
def test_lines_looked_at_are_blank_or_may_be_of_a_body_kind(
    parts: list[tuple[str, str, str]],
) -> None:
    lines = ["".join(part).replace("\n", " ") for part in parts]
    expected = [
        i for i, line in enumerate(lines) if line.isspace() or not line or may_be_a_body_kind(line)
    ]
    assert _lines_to_look_at(lines) == expected


def test_a_run_of_lines_is_its_lines() -> None:
    text = "¶1. (C) First.\nsecond line\n  third line\n\nfourth\n¶2. (U) Next.\n"
    paragraph = parse_text(text).tree.children[0]
    assert isinstance(paragraph, Tree) and paragraph.data == "paragraph"
    marker, run, block = paragraph.children
    assert isinstance(marker, Token) and isinstance(run, Token) and isinstance(block, Token)
    assert run == "second line\n  third line\n"
    assert (block.type, str(block), block.line) == (NEW_TEXT, "fourth\n", 5)
    lines = lines_of(run)
    assert [(t.type, str(t), t.line, t.start_pos) for t in lines] == [
        (TEXT, "second line\n", 2, 15),
        (TEXT, "  third line\n", 3, 27),
    ]
    assert lines_of(marker) == [marker]


@settings(max_examples=500, deadline=None)
@given(
    st.tuples(
        st.sampled_from(["", " ", "\t", "  "]),
        st.one_of(st.sampled_from(_LINE_PIECES), st.text(max_size=30)),
        st.sampled_from(["", " ", "\t", " 001 OF 002", ".", ")"]),
    )
)
def test_lines_of_body_kinds_are_never_missed(parts: tuple[str, str, str]) -> None:
    line = "".join(parts).replace("\n", " ")
    if not line.strip():
        return
    (token,) = _tokens(line + "\n")[0]
    if token.type in _BODY_KINDS:
        assert may_be_a_body_kind(line)


@settings(max_examples=300, deadline=None)
@given(_random_text(14))
def test_parse_text_equals_parse_lines_on_random_lines(text: str) -> None:
    _same_parse(text)


@settings(max_examples=300, deadline=None)
@given(_random_text(20))
def test_own_lalr_parse_is_larks(text: str) -> None:
    # every line fed to the parser, lines out of place among them: the same trees and the
    # same lines skipped as with Lark's own parser
    own = _parse_tokens(*_tokens(text), _Lalr())
    lark = _parse_tokens(*_tokens(text), _LarkParser())
    assert own.tree == lark.tree
    assert own.skipped == lark.skipped


def test_own_lalr_parse_is_larks_on_the_corpus(corpus: Path) -> None:
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        own = _parse_tokens(*_tokens(text), _Lalr())
        assert own.tree == _parse_tokens(*_tokens(text), _LarkParser()).tree


def test_addressee_lines_outside_a_header_are_read_one_by_one() -> None:
    # a run of addressee lines is fed as one token in a header; elsewhere the parser does not
    # take it, and each line is read as text on its own, as when fed line by line
    text = (
        "CONFIDENTIAL PARIS 007101\n"
        "RUEHAD/AMEMBASSY ABU DHABI\n"
        "RUEHAM/AMEMBASSY AMMAN\n"
        "\n"
        "¶1. (C) Text.\n"
    )
    result = parse_text(text)
    assert result.skipped == []
    kinds = [
        (t.type, t.line)
        for tree in result.tree.iter_subtrees_topdown()
        for t in tree.children
        if isinstance(t, Token)
    ]
    assert ("ADDRESSEE_LINE", 2) not in kinds
    assert {line for _kind, line in kinds} >= {1, 2, 3, 5}


def test_addressee_lines_in_a_header_keep_their_kind() -> None:
    text = (
        "DE RUEHFR #7101/01 3030908\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\n"
        "RUEHAD/AMEMBASSY ABU DHABI\n"
        "RUEHAM/AMEMBASSY AMMAN\n"
        "BT\n"
    )
    transmission = parse_text(text).tree.children[0]
    assert isinstance(transmission, Tree) and transmission.data == "transmission"
    assert [t.type for t in transmission.children if isinstance(t, Token)] == [
        "ADDRESSEE_LINE",
        "ADDRESSEE_LINE",
        "BT_LINE",
    ]
