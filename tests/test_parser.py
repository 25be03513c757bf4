"""The parser: Lark with the line lexer, recovery, runs of lines, and the fast paths.

The fast paths (``cablekit._fast``) must give the very same document as the plain code: the
lexer trying on a line only the kinds that can start with its first character, the text's
lines given to the scanner only when they may be of a text kind, and the text's paragraphs
made without the parser.  Each is checked here against the plain code on the corpus and on
random lines.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from fast_switch import plain
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedToken

import cablekit
from cablekit import _fast
from cablekit.grammar import NEW_TEXT, TEXT, TEXT_KINDS, Document, Field, Line, parse_document
from cablekit.grammar import fast as fast_text
from cablekit.grammar.context import BEFORE_THE_CABLE
from cablekit.grammar.lexer import Lines, text_pieces
from cablekit.grammar.memo import kinds_of
from cablekit.grammar.parser import LARK, LINE_KINDS
from cablekit.grammar.parts import PARAGRAPH
from cablekit.grammar.tokens import Item, RunOn, line_token

_T = TypeVar("_T")



def both_ways(work: Callable[[], _T]) -> tuple[_T, _T]:
    """``work()`` with the fast paths on, then off (as ``CABLEKIT_PLAIN=1`` runs it)."""
    fast = work()
    with plain():
        return fast, work()


def _line_shape(line: Line) -> tuple[object, ...]:
    # the parts of the line's kind, by name (the scanners differ in the other kinds they try)
    prefix = line.kind + "__"
    parts = (
        None
        if line.match is None
        else {k: v for k, v in line.match.groupdict().items() if k.startswith(prefix)}
    )
    return (line.kind, line.text, line.number, line.after_blank, line.line_count, parts)


def _item_shape(item: Field | Line) -> object:
    if isinstance(item, Field):
        return (item.rule, [_line_shape(line) for line in item.lines])
    return _line_shape(item)


def shape(document: Document) -> object:
    """A document as plain values that compare equal when the documents are the same."""
    return (
        [_line_shape(line) for line in document.lead],
        None if document.transmission is None else [_item_shape(i) for i in document.transmission],
        None if document.head is None else [_item_shape(i) for i in document.head],
        [_line_shape(line) for line in document.body],
        [
            (_line_shape(block.marker), [_line_shape(line) for line in block.lines])
            for block in document.paragraphs
        ],
        [_line_shape(line) for line in document.skipped],
    )


def _same_document_both_ways(text: str) -> None:
    fast, plain = both_ways(lambda: shape(parse_document(text)))
    assert fast == plain


_LINE_PIECES = [
    "VZCZCXYZ0002",
    "OO RUEHWEB",
    "DE RUEHFR #7101/01 3030908",
    "ZNY CCCCC ZZH",
    "O 300908Z OCT 06",
    "FM AMEMBASSY PARIS",
    "TO RUEHC/SECSTATE WASHDC",
    "RUEHAM/AMEMBASSY AMMAN",
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
    "ſubject: x",
    "",
]


def _random_text(lines: int) -> st.SearchStrategy[str]:
    """Up to ``lines`` lines, each a line kind's example or random text, maybe indented."""
    line = st.tuples(
        st.sampled_from(["", " ", "\t", "  "]),
        st.one_of(st.sampled_from(_LINE_PIECES), st.text(max_size=12)),
    ).map(lambda parts: parts[0] + parts[1].replace("\n", " ") + "\n")
    return st.lists(line, max_size=lines).map("".join)


def _corpus_texts(corpus: Path) -> Iterator[str]:
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Lines, blank lines, runs
# ---------------------------------------------------------------------------------------------


def test_blank_lines_are_noted_not_lines() -> None:
    # 06PARIS7101: the header's blank line makes DE a line that follows a blank one
    document = parse_document("VZCZCXYZ0002\nOO RUEHWEB\n\nDE RUEHFR #7101/01 3030908\n")
    assert document.transmission is not None
    lines = [item.first for item in document.transmission if isinstance(item, Field)]
    assert [(line.kind, line.number, line.after_blank) for line in lines] == [
        ("FL1_LINE", 1, True),
        ("FL2_LINE", 2, False),
        ("FL3_LINE", 4, True),
    ]


def test_a_line_carries_the_parts_of_its_kind() -> None:
    # 06PARIS7101
    document = parse_document("DE RUEHFR #7101/01 3030908\nO 300908Z OCT 06\n")
    assert document.transmission is not None
    fl3, fl5 = (item.first for item in document.transmission if isinstance(item, Field))
    assert fl3.parts("station", "serial", "part", "filed") == ("RUEHFR", "7101", "01", "3030908")
    assert fl5.parts("action", "info", "day", "hour", "minute", "month", "year") == (
        "O",
        None,
        "30",
        "09",
        "08",
        "OCT",
        "06",
    )


def test_a_line_not_allowed_where_it_stands_is_text() -> None:
    # a SUBJECT line inside the paragraphs (not a head field there) is kept as text
    text = "¶1. (C) First.\nSUBJECT: not a field here\n¶2. (C) Second.\n"
    for document in both_ways(lambda: parse_document(text)):
        first = document.paragraphs[0]
        assert [(line.kind, line.number) for line in (first.marker, *first.lines)] == [
            ("PARAGRAPH_LINE", 1),
            ("TEXT_LINE", 2),
        ]
        assert document.skipped == ()


def test_a_run_of_lines_is_its_lines() -> None:
    text = "¶1. (C) First.\nsecond line\n  third line\n\nfourth\n¶2. (U) Next.\n"
    paragraph = parse_document(text).paragraphs[0]
    run, block = paragraph.lines
    assert (run.kind, run.text, run.line_count) == (TEXT, "second line\n  third line\n", 2)
    assert (block.kind, block.text, block.number, block.after_blank) == (
        NEW_TEXT, "fourth\n", 5, True,
    )  # fmt: skip
    assert [(line.kind, line.text, line.number) for line in run.lines()] == [
        (TEXT, "second line\n", 2),
        (TEXT, "  third line\n", 3),
    ]
    assert paragraph.marker.lines() == (paragraph.marker,)


def _stream(text: str) -> list[Item]:
    return list(Lines(text, text_apart=_fast.ENABLED).stream(LINE_KINDS))


@pytest.mark.skipif(not _fast.ENABLED, reason="tests a fast path; CABLEKIT_PLAIN=1 is set")
def test_the_lines_a_field_runs_on_over_keep_their_kinds_and_parts() -> None:
    # 06PARIS7101's REF field as a list, with a plain line wrapped into an item
    text = (
        "CONFIDENTIAL PARIS 007101\n\n"
        "REF: A. PARIS 8729\nB. STATE 1234\n   AND STATE 5678\nC. PARIS 8918\n\n"
        "¶1. (C) Text.\n"
    )
    for document in both_ways(lambda: parse_document(text)):
        assert document.head is not None
        (ref,) = (item for item in document.head if isinstance(item, Field) and item.rule == "ref")
        letters = [
            line.part("letter") if line.kind == "LETTERED_LINE" else None for line in ref.lines
        ]
        assert [(line.kind, line.number) for line in ref.lines] == [
            ("REF_LINE", 3),
            ("LETTERED_LINE", 4),
            (TEXT, 5),
            ("LETTERED_LINE", 6),
        ]
        assert letters == [None, "B", None, "C"]
    # with the fast paths the parser is given the field's line and one token for the lines
    # below it, however many they are; the plain code gives it a token a line
    fast, plain = both_ways(lambda: [(item.kind, item.line_count) for item in _stream(text)])
    assert fast[1:3] == [("REF_LINE", 1), ("LETTERED_LINE", 3)]
    assert plain[1:5] == [("REF_LINE", 1), ("LETTERED_LINE", 1), (TEXT, 1), ("LETTERED_LINE", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "PARIS 00007101 002 OF 002\n" * 50,  # continuation lines before any head
        "PARIS 00007101 002 OF 002\n\nPARIS 00007101 002 OF 002\nCONFIDENTIAL\n",
        "DE RUEHFR #7101/01 3030908\nPARIS 00007101 002 OF 002\nSUBJ: x\n",  # in a header
        "SUBJ: x\n\nplain\nREF: a\nTAGS: PREL\nDE RUEHFR #7101/01 3030908\nB. PARIS 8918\n",
        "¶1. (C) Text.\nSUBJECT: not a field here\nDE RUEHFR #7101/01 3030908\n",
    ],
)
def test_lines_out_of_place_are_read_as_the_plain_code_reads_them(text: str) -> None:
    # the fast path reads a line the parser has no action for as plain text before feeding
    # it; the plain code feeds it and recovers from the error
    _same_document_both_ways(text)


@pytest.mark.skipif(not _fast.ENABLED, reason="tests a fast path; CABLEKIT_PLAIN=1 is set")
def test_a_placement_of_a_field_places_another_of_more_lines_as_the_parser_would() -> None:
    def cable(items: int) -> str:
        lines = "".join(f"{chr(66 + index)}. STATE {index}\n" for index in range(items))
        return f"CONFIDENTIAL\n\nREF: A. PARIS 8729\n{lines}\n¶1. (C) Text.\n"

    def no_parse(*args: object, **kwargs: object) -> object:
        raise AssertionError("parsed, not placed")

    for _ in range(2):  # a placement is made when its kinds of lines come a second time
        parse_document(cable(2))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LARK, "parse", no_parse)
        placed = shape(parse_document(cable(5)))  # of the same kinds of lines
    with plain():
        assert placed == shape(parse_document(cable(5)))


@pytest.mark.parametrize(
    "below",
    [
        "B. STATE 1234\n(C) STATE 5678\n",  # the next item in parentheses, portion-mark-like
        "B. STATE 1234\n(SBU) Poloff delivered reftel.\n",  # a portion-marked line: the text
        "B. STATE 1234\nSummary\n-------\n",  # a heading: a plain line above a rule
        "B. STATE 1234\nend of the list.\n-------\n",  # not a heading: a stop at its end
        "B. STATE 1234\n-------\n",  # a rule below a lettered line
        "B. STATE 1234\n\nC. PARIS 8918\n",  # a blank line ends the field
        "B. STATE 1234\nTAGS: PREL\nC. PARIS 8918\n",  # another field
    ],
)
def test_what_ends_the_lines_a_field_runs_on_over_is_read_as_the_plain_code_reads_it(
    below: str,
) -> None:
    for above in ("CONFIDENTIAL PARIS 007101\n\n", "", "CONFIDENTIAL\nplain\n\nwords\n"):
        for field in ("REF: (A) PARIS 8729\n", "SUBJECT: A SUBJECT\n"):
            _same_document_both_ways(above + field + below + "\n¶1. (C) Text.\n")


def test_a_plain_line_after_a_blank_one_inside_a_field_is_no_part_of_the_run_above() -> None:
    # 09LONDON1946: a SUBJECT wrapped over a blank line, a REF field below it; the line after
    # the blank one goes on with the subject, and keeps its number and the blank above it
    text = (
        "SUBJECT: SCOTTISH PARLIAMENT HOLDS EMERGENCY\nSESSION AS\n\n"
        "DEBATE OVER MEGRAHI DECISION REACHES FEVER PITCH\n\nREF: A. LONDON 1925\n"
    )
    for document in both_ways(lambda: parse_document(text)):
        assert document.head is not None
        subject = document.head[0]
        assert isinstance(subject, Field)
        assert [(line.number, line.after_blank) for line in subject.lines] == [
            (1, True),  # the first line of a text starts a block
            (2, False),
            (4, True),
        ]


@pytest.mark.parametrize(
    "pieces",
    [
        ["a\n", "b\n", "c\n"],
        ["a\r\n", "b\rc\n", "\x0cd\n", "e\x1c\n", "f\u2028g\n"],  # other line breaks
        ["a\r\n", "\r\n", "  \n"],
    ],
)
def test_the_lines_of_a_run_are_split_at_its_newlines_alone(pieces: list[str]) -> None:
    run = Line(NEW_TEXT, "".join(pieces), 7, True, None, len(pieces))
    assert run.lines() == (
        Line(NEW_TEXT, pieces[0], 7, True),
        *(Line(TEXT, piece, 7 + index) for index, piece in enumerate(pieces) if index),
    )
    assert all(type(line) is Line for line in run.lines())


def test_addressee_lines_outside_a_header_are_text() -> None:
    # a run of addressee lines is one token; outside a header the parser does not take it,
    # and its lines are read as text
    text = (
        "CONFIDENTIAL PARIS 007101\n"
        "RUEHAD/AMEMBASSY ABU DHABI\n"
        "RUEHAM/AMEMBASSY AMMAN\n"
        "\n"
        "¶1. (C) Text.\n"
    )
    document = parse_document(text)
    assert document.skipped == ()
    assert document.head is not None
    lines = [line for item in document.head if isinstance(item, Field) for line in item.lines]
    assert [(line.kind, line.number) for line in lines] == [
        ("CLASSIFICATION_LINE", 1),
        ("TEXT_LINE", 2),
        ("TEXT_LINE", 3),
    ]


def test_addressee_lines_in_a_header_keep_their_kind() -> None:
    text = (
        "DE RUEHFR #7101/01 3030908\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\n"
        "RUEHAD/AMEMBASSY ABU DHABI\n"
        "RUEHAM/AMEMBASSY AMMAN\n"
        "BT\n"
    )
    transmission = parse_document(text).transmission
    assert transmission is not None
    assert [item.kind for item in transmission if isinstance(item, Line)] == [
        "ADDRESSEE_LINE",
        "ADDRESSEE_LINE",
        "BT_LINE",
    ]


# 03ABUDHABI2641: a database printout's cover, then the telegram (lines cut short)
ABU_DHABI_2641 = (
    "Diana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results\n"
    "\n"
    "CONFIDENTIAL\n"
    "\n"
    "SIPDIS\n"
    "TELEGRAM                                            June 03, 2003\n"
    "\n"
    "To:       No Action Addressee\n"
    "\n"
    "TAGS:     PREL, EPET, EAID, PGOV\n"
    "\n"
    "Captions: None\n"
    "\n"
    "Ref:      None\n"
    "_________________________________________________________________\n"
    "C O N F I D E N T I A L        ABU DHABI 02641\n"
    "\n"
    "SIPDIS\n"
    "CXABU:\n"
    "    ACTION: POL \n"
    "\n"
    "VZCZCADI319\n"
    "OO RUEHC RUEHAM RUEHRB RUEHRH RUEHKU RHEHNSC\n"
    "DE RUEHAD #2641 1541250\n"
    "ZNY CCCCC ZZH\n"
    "O 031250Z JUN 03\n"
    "FM AMEMBASSY ABU DHABI\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 0227\n"
    "INFO RUEHAM/AMEMBASSY AMMAN 0446\n"
    "\n"
    "C O N F I D E N T I A L ABU DHABI 002641 \n"
    "\n"
    "SIPDIS \n"
    "\n"
    "EO 12958 DECL: 06/03/08 \n"
    "TAGS PREL, EPET, EAID, PGOV, JO, MO, SA, KU, TC \n"
    "REF: Abu Dhabi 1384\n"
    "\n"
    "¶1. (U) Classified by Ambassador Marcelle M. Wahba for reasons 1.5 (B) and (D).\n"
)


def test_a_printouts_cover_is_before_the_cable() -> None:
    for document in both_ways(lambda: parse_document(ABU_DHABI_2641)):
        assert {line.kind for line in document.lead} <= {TEXT, NEW_TEXT, "RULE_LINE"}
        assert document.lead[0].number == 1 and document.lead[-1].number == 20
        assert document.transmission is not None
        assert document.transmission[0].first.text == "VZCZCADI319\n"
        assert document.head is not None
        assert document.head[0].first.number == 31  # the telegram's classification line


def test_without_the_telegrams_own_head_nothing_is_a_cover() -> None:
    # the same cover and header, but no classification line after the header: the header is
    # text the parser does not place, and the cover is the head
    text = ABU_DHABI_2641.replace("C O N F I D E N T I A L ABU DHABI 002641 \n", "")
    document = parse_document(text)
    assert document.transmission is None
    assert document.head is not None and document.head[0].first.text == "CONFIDENTIAL\n"


def test_a_header_repeated_below_the_head_is_no_cover() -> None:
    # 09KHARTOUM881: header, record, classification line, the header again, the head
    text = (
        "DE RUEHKH #0881/01 2101442\n"
        "P 291442Z JUL 09\n"
        "FM AMEMBASSY KHARTOUM\n"
        "\n"
        "CONFIDENTIAL\n"
        "DE RUEHKH #0881/01 2101442\n"
        "P 291442Z JUL 09\n"
        "TAGS: ASEC PINS PREL PINR EFIN KE MARR SU UNSC UG\n"
        "C o n f i d e n t i a l section 01 of 02 khartoum 000881\n"
    )
    for document in both_ways(lambda: parse_document(text)):
        assert document.lead == ()
        assert document.transmission is not None
        assert document.transmission[0].first.number == 1


def test_what_a_cover_may_hold_is_what_the_grammar_allows_before_the_cable() -> None:
    # a line kind is allowed before the cable when it stays there with a header after it
    allowed = set()
    for kind in LINE_KINDS.names[1:]:
        parser = LARK.parse_interactive(start="start")
        if kind not in parser.choices():
            continue
        parser.feed_token(line_token(kind, "x\n", 1))
        if "FL1_LINE" not in parser.choices():
            continue
        parser.feed_token(line_token("FL1_LINE", "VZCZCXYZ0002\n", 2))
        document = parser.feed_eof()
        if any(line.kind == kind for line in document.lead):
            allowed.add(kind)
    assert allowed == set(BEFORE_THE_CABLE)


# ---------------------------------------------------------------------------------------------
# What the grammar allows: a marker everywhere, nothing but the text's kinds after one
# ---------------------------------------------------------------------------------------------


def test_the_text_kinds_are_what_the_parser_allows_after_a_marker() -> None:
    parser = LARK.parse_interactive(start="start")
    parser.feed_token(line_token(PARAGRAPH, "1. text\n", 1))
    allowed = {kind for kind in parser.choices() if kind.isupper() and kind != "$END"}
    assert allowed == {*TEXT_KINDS, TEXT, NEW_TEXT}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINE_KINDS.names[1:]), max_size=15))
def test_a_marker_is_allowed_wherever_the_parse_is(kinds: list[str]) -> None:
    # the lexer reads the text after the first marker with the text's kinds only: that is
    # right only if a marker ends whatever came before it, as the grammar says
    parser = LARK.parse_interactive(start="start")
    for number, kind in enumerate(kinds, start=1):
        assert PARAGRAPH in parser.choices()
        for tried in (kind, TEXT, NEW_TEXT):
            try:
                parser.feed_token(line_token(tried, "x\n", number))
                break
            except UnexpectedToken:
                continue
    assert PARAGRAPH in parser.choices()


# ---------------------------------------------------------------------------------------------
# The fast paths against the plain code
# ---------------------------------------------------------------------------------------------


def _kind(scanner: re.Pattern[str], line: str) -> str | None:
    found = scanner.match(line)
    return None if found is None else found.lastgroup


def _first_character(line: str) -> str:
    return line.lstrip(" \t")[:1] or "\n"


def test_the_kinds_tried_by_first_character_find_every_kind_on_the_corpus(corpus: Path) -> None:
    for text in _corpus_texts(corpus):
        for line in text.splitlines(keepends=True):
            scanner = LINE_KINDS.head_for(_first_character(line))
            assert _kind(scanner, line) == _kind(LINE_KINDS.head, line), line


@settings(max_examples=500, deadline=None)
@given(_random_text(1))
def test_the_kinds_tried_by_first_character_find_every_kind(text: str) -> None:
    if text:
        scanner = LINE_KINDS.head_for(_first_character(text))
        assert _kind(scanner, text) == _kind(LINE_KINDS.head, text)


@pytest.mark.parametrize("kind", sorted(TEXT_KINDS))
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_line_of_a_text_kind_is_always_looked_at(kind: str, data: st.DataObject) -> None:
    # lines drawn from the kind's own pattern in cable.lark (without the lookahead it opens
    # with, which Hypothesis cannot draw from; the lines drawn must match the whole pattern)
    regexp = LARK.get_terminal(kind).pattern.to_regexp()
    drawn = re.sub(r"^\[ \t\]\*\(\?=(?:\[[^\]]*\]|.)\)", "[ \t]*", regexp)
    line = data.draw(st.from_regex(re.compile(drawn), fullmatch=True))
    assume(re.fullmatch(regexp, line) is not None)
    assert fast_text.may_be_a_text_kind(line.removesuffix("\n"))


def _looked_at_plainly(text: str, position: int) -> list[tuple[int, int]]:
    """:func:`fast_text.lines_to_look_at` line by line, with :func:`may_be_a_text_kind`."""
    looked_at = []
    start = position
    for line in text[position:].split("\n")[:-1]:
        if not line or line.isspace():
            looked_at.append((start, start + len(line)))
        elif fast_text.may_be_a_text_kind(line):
            looked_at.append((start, -1))
        start += len(line) + 1
    return looked_at


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(_LINE_PIECES), st.text(max_size=12)),
            st.sampled_from(["", " ", "\t", "  \t", "    ", " 7", "7   ", "7 \t  "]),
        ).map(lambda parts: (parts[0] + parts[1]).replace("\n", " ")),
        max_size=12,
    ),
    st.sampled_from(["1. (C) marker", "1.", ""]),
)
def test_the_lines_looked_at_are_those_that_may_be_of_a_text_kind(
    lines: list[str], marker: str
) -> None:
    # the lines after a marker line, with blanks and digits at their ends
    text = marker + "\n" + "".join(line + "\n" for line in lines)
    position = len(marker) + 1
    assert list(fast_text.lines_to_look_at(text, position)) == _looked_at_plainly(text, position)


def test_the_lines_looked_at_on_the_corpus_are_those_that_may_be_of_a_text_kind(
    corpus: Path,
) -> None:
    for text in _corpus_texts(corpus):
        text = text if text.endswith("\n") else text + "\n"
        position = text.index("\n") + 1
        looked_at = list(fast_text.lines_to_look_at(text, position))
        assert looked_at == _looked_at_plainly(text, position)


def test_the_text_read_fast_is_the_text_read_plainly_on_the_corpus(corpus: Path) -> None:
    for text in _corpus_texts(corpus):
        marker = re.search(r"(?m)^[ \t]*(?:¶[ \t]*)?[0-9]{1,4}\.(?=[ \t(]|$)[^\n]*\n", text)
        if marker is None:
            continue
        number = text.count("\n", 0, marker.end()) + 1
        fast = fast_text.text_lines(text, marker.end(), number, LINE_KINDS.text_for)
        plain = list(text_pieces(text, marker.end(), number, LINE_KINDS))
        assert [_line_shape(line)[1:] for line in fast] == [
            (
                value,
                line,
                after_blank,
                count,
                None
                if match is None
                else _line_shape(Line(kind, value, line, after_blank, match, count))[5],
            )
            for kind, value, _, line, after_blank, match, count in plain
        ]
        assert [line.kind for line in fast] == [
            NEW_TEXT if kind == TEXT and after_blank else kind
            for kind, _, _, _, after_blank, _, _ in plain
        ]


def test_the_documents_are_the_same_both_ways_on_the_corpus(corpus: Path) -> None:
    for text in _corpus_texts(corpus):
        _same_document_both_ways(text)


@settings(max_examples=300, deadline=None)
@given(_random_text(16))
def test_the_documents_are_the_same_both_ways(text: str) -> None:
    _same_document_both_ways(text)


def _kinds_in_place(text: str) -> Iterator[tuple[str, str]]:
    """Each non-blank line of ``text`` with the kind the scanner finds for it in the text."""
    for found in re.finditer(r"[^\n]*\n", text):
        if found[0].strip():
            yield found[0], _kind_at(text, found.start())


def _kind_at(text: str, position: int) -> str:
    found = LINE_KINDS.head.match(text, position)
    assert found is not None and found.lastgroup is not None
    return found.lastgroup


@settings(max_examples=300, deadline=None)
@given(_random_text(16))
def test_the_kind_of_a_line_depends_on_the_line_alone(text: str) -> None:
    # the lexer remembers the lines it found plain, by their text, and the cleaning stage
    # asks the kind of a line on its own: no kind may look past the line's newline
    for line, kind in _kinds_in_place(text + "\n"):
        assert LINE_KINDS.kind(line) == kind, line


def test_the_kind_of_a_line_depends_on_the_line_alone_on_the_corpus(corpus: Path) -> None:
    for text in _corpus_texts(corpus):
        text = text if text.endswith("\n") else text + "\n"
        for line, kind in _kinds_in_place(text):
            assert LINE_KINDS.kind(line) == kind, line


# plain lines, and the lines around them that decide how they are read: blank lines, head
# fields they may go on, headings with a rule below, portion marks, REF items, a marker
_RUN_PIECES = [
    "A.", "plain words", "  more words", "(C) marked", "(B) 7 FAM 180", "(C) 09 STATE 1",
    "Summary", "-------", "", "SUBJ: x", "REF: a", "TAGS: PREL", "Classified By: x",
    "CONFIDENTIAL", "DE RUEHFR #7101/01 3030908", "1. (C) Text", "B. PARIS 8918",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_RUN_PIECES), st.sampled_from(["A.", "plain words"])),
        max_size=60,
    ).map(lambda lines: "".join(line + "\n" for line in lines))
)
def test_long_runs_of_plain_lines_are_the_same_both_ways(text: str) -> None:
    _same_document_both_ways(text)


def _in_other_words(text: str) -> str:
    """``text`` with each plain line after a blank one followed by one more plain line, and
    digits changed: lines of the same kinds (a run of plain lines is one token), other words,
    other line counts."""
    out: list[str] = []
    for line in text.split("\n"):
        out.append(line.translate(str.maketrans("0123456789", "9876543210")))
        if line == "plain words":
            out.append("more plain words")
    return "\n".join(out)


@settings(max_examples=300, deadline=None)
@given(_random_text(14))
def test_a_placement_made_for_one_text_places_another_as_the_parser_would(text: str) -> None:
    # the second parse of a sequence of kinds of lines leaves the parser's placement of them;
    # the other text, whose lines come in the same kinds, is placed from it without a parse
    parse_document(text)
    parse_document(text)
    _same_document_both_ways(_in_other_words(text))


def test_the_placements_made_on_the_corpus_place_it_again_as_the_parser_would(
    corpus: Path,
) -> None:
    texts = list(_corpus_texts(corpus))
    for text in texts * 2:  # a placement is made when its kinds of lines come a second time
        parse_document(text)
    for text in texts:  # now each is placed from a placement, its own or another cable's
        _same_document_both_ways(text)


@settings(max_examples=100, deadline=None)
@given(_random_text(12))
def test_the_cables_are_the_same_both_ways(text: str) -> None:
    def read() -> object:
        try:
            return cablekit.parse(text).model_dump()
        except cablekit.CableParseError as error:
            return str(error)

    fast, plain = both_ways(read)
    assert fast == plain


def test_the_cycle_collector_is_as_it_was_after_a_parse_and_after_an_error() -> None:
    """The fast path pauses the collector while a cable is read; it must come back on, and
    stay off when the caller had turned it off."""
    assert gc.isenabled()
    cablekit.parse("1. (C) A paragraph.\n")
    assert gc.isenabled()
    with pytest.raises(cablekit.CableParseError):
        cablekit.parse("")
    assert gc.isenabled()
    gc.disable()
    try:
        cablekit.parse("1. (C) A paragraph.\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_kinds_a_placement_is_remembered_by_are_the_items_kinds_and_blanks() -> None:
    subject = Line("SUBJECT_LINE", "SUBJECT: A\n", 3, True, None, 1)
    wrapped = Line(TEXT, "B\n", 4)
    run_on = RunOn(subject.kind, subject.text + wrapped.text, 3, True, None, 2, (subject, wrapped))
    plain_run = Line(TEXT, "C\nD\n", 6, False, None, 2)
    assert kinds_of([subject, run_on, plain_run]) == tuple(
        (item.kind, item.after_blank) for item in (subject, run_on, plain_run)
    )
