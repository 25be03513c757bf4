"""The fast paths of the field readers give what their plain code gives.

``collapse_lines``, the summary and comment searches, the head's searches for a field run
into another, its reading of caption lines and tags and the search for a Classified By field
inside a paragraph have a fast path beside their plain code (``cablekit._fast``).  Each is checked
here both ways on random text built from the pieces that matter to it: whitespace of every
kind, case variants (``ſ`` is an S ignoring case), the keywords.  The grammar's ADDRESSEE
part is checked against the addressee line read as one pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from fast_switch import plain
from hypothesis import given, settings
from hypothesis import strategies as st

from cablekit._text import collapse, collapse_lines
from cablekit.fields import classified_by as classified_by_reader
from cablekit.fields import head as head_reader
from cablekit.fields.summary import summary_and_comment
from cablekit.grammar import pattern
from cablekit.models import Paragraph

_T = TypeVar("_T")

_WHITESPACE = [" ", "  ", "   ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003"]
_OTHER = ["a", "Bc", "x.", "’", "é", "\x00", "\x7f", "\u200b", "ß", "İ", "ﬁ"]



def both_ways(work: Callable[[], _T]) -> tuple[_T, _T]:
    """``work()`` with the fast paths on, then off."""
    fast = work()
    with plain():
        return fast, work()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WHITESPACE + _OTHER), max_size=8).map("".join)))
def test_collapse_lines_is_collapse_of_the_joined_lines(lines: list[str]) -> None:
    expected = collapse(" ".join(lines))
    assert both_ways(lambda: collapse_lines(lines)) == (expected, expected)
    stripped = [line.strip() for line in lines]
    assert both_ways(lambda: collapse_lines(stripped)) == (expected, expected)


# ASCII text takes a way of its own (every whitespace character made a space): lines of
# ASCII alone, with every ASCII whitespace character and control characters around them
_ASCII_PIECES = [" ", "  ", "   ", "\t", "\n", " \n", "\n ", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f"]
_ASCII_PIECES += ["a", "Bc", "x.", "\x00", "\x07", "\x7f", "-", "(C)"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_ASCII_PIECES), max_size=10).map("".join)))
def test_collapse_lines_of_ascii_is_collapse_of_the_joined_lines(lines: list[str]) -> None:
    expected = collapse(" ".join(lines))
    assert both_ways(lambda: collapse_lines(lines)) == (expected, expected)
    stripped = [line.strip() for line in lines]
    assert both_ways(lambda: collapse_lines(stripped)) == (expected, expected)


# the addressee line as one pattern, the lazy name trying the tail at every character
_ADDRESSEE = re.compile(
    r"^(?:(?P<ri>R[A-Z]{3,6})\s*/\s*)?(?P<name>.*?)"
    r"(?:\s+(?P<precedence>FLASH|NIACT\s+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE))?"
    r"(?:\s+(?P<sequence>[0-9]{1,5}(?:-[0-9]{1,5})?))?\s*$"
)
_ADDRESSEE_WORDS = [
    "RUEHC", "RUEHZLX", "RUEHZLXX", "RUE", "/", " /", "//", "SECSTATE", "WASHDC", "PARIS",
    "NIACT", "IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH", "immediate", "2658", "0123",
    "123456", "12-34", "1-", "12345-67890", "COLLECTIVE", "é", "A/B",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_ADDRESSEE_WORDS), st.sampled_from(["", " ", "  ", "\t"])),
        max_size=8,
    ).map(lambda parts: collapse("".join(word + space for word, space in parts)))
)
def test_the_addressee_part_is_the_one_pattern_reading(line: str) -> None:
    # on a collapsed line, as the header reader gives it: 09PARIS1052's INFO list
    match = _ADDRESSEE.match(line)
    part = pattern("ADDRESSEE").fullmatch(line)
    assert match is not None
    assert part is not None
    names = ("ri", "name", "precedence", "sequence")
    assert part.group(*names) == match.group(*names)


_SUMMARY_PIECES = [
    "END", "end", "End", " ", "  ", "\t", "\n", "(", ")", ".", ":", "-", "x", "_", "1",
    "COMMENT", "comment", "SUMMARY", "Summary", "ſummary", "OF", "of", "AND", "BLEND",
    "END SUMMARY", "(END OF SUMMARY)", "End comment.", "(End Comment.) ", "Summary:",
    "COMMENT -", "SUMMARY AND COMMENT: ", "ß", "ﬁ", "İ", "é", "’", "\xa0",
    "END COMMENT AND SUMMARY.", "Summary and Action Request. ", "SUMMARY & ", "SUMMARY D",
    "/", "&", "K", "(Comment: ", "End Summary. ",
]  # fmt: skip
_summary_texts = st.lists(st.sampled_from(_SUMMARY_PIECES), max_size=14).map("".join)
_headings = st.sampled_from(
    [None, "Summary", "Comment", "SUMMARY:", "Background", "Summary and Key Themes"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_headings, _summary_texts), min_size=1, max_size=4))
def test_summary_and_comment_are_the_same_both_ways(parts: list[tuple[str | None, str]]) -> None:
    paragraphs = [
        Paragraph(number=index, heading=heading, text=text, line=index)
        for index, (heading, text) in enumerate(parts, start=1)
    ]
    fast, plain = both_ways(lambda: summary_and_comment(paragraphs))
    assert fast == plain


def test_a_long_s_is_an_s_both_ways() -> None:
    # "ſ" is an S ignoring case: the fast path must not miss it
    paragraphs = [Paragraph(number=1, text="ſummary: The text. End ſummary.", line=1)]
    assert both_ways(lambda: summary_and_comment(paragraphs)) == (
        ("The text.", None),
        ("The text.", None),
    )


_RUN_IN_PIECES = [
    " ", "  ", "\t", "x", "A", ":", ".", "-", "1", "é", "İ", "ı", "ſ", "K", "\xa0",
    "Classified By", "CLASSIFIED  BY", "claſſified by", "classıfıed by", "CLASSIFIED", "BY",
    "REF:", "REFS :", "Reftel:", "REFTELS:", "ref", "PREF:", "XREF:", " ReF\t:", "REFERENCE:",
    "SUBJ:", "Subject :", "ſubject:", "SUBJECT", "subj ect:",
]  # fmt: skip
_RUN_INS = [
    (head_reader._RUN_IN_CLASSIFIED_BY, "classified"),
    (head_reader._RUN_IN_REF, "ref"),
    (head_reader._RUN_IN_SUBJECT, "subj"),
]


@settings(max_examples=1000, deadline=None)
@given(
    st.sampled_from(_RUN_INS),
    st.lists(st.sampled_from(_RUN_IN_PIECES), max_size=10).map("".join),
)
def test_run_in_fields_are_found_the_same_both_ways(
    run_in: tuple[re.Pattern[str], str], text: str
) -> None:
    # a field run into a SUBJECT, TAGS or REF field: "... SERRA REF: RIO DE JANEIRO 32"
    pattern, word = run_in
    fast, plain = both_ways(lambda: head_reader._run_in(pattern, word, text))
    expected = pattern.search(text)
    spans = [None if found is None else found.span() for found in (fast, plain, expected)]
    assert spans[0] == spans[1] == spans[2], text


_CAPTION_PIECES = [
    " ", "  ", "\t", "\n", "\xa0", "\u2003", "SIPDIS", "Sipdis", "NOFORN", "SENSITIVE", "BUT",
    "UNCLASSIFIED", "C O P Y", "COPY", "(", ")", ";", ".", "-", "ſ", "K", "ı", "é", "1", "x",
    "CORRECTED COPY", "(CAPTION ADDED)",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CAPTION_PIECES), max_size=6).map("".join))
def test_captions_are_read_the_same_both_ways(text: str) -> None:
    # a caption line: "SIPDIS", "SENSITIVE BUT UNCLASSIFIED", "C O R R E C T E D  C O P Y"
    expected = head_reader._CAPTION.findall(text)
    assert both_ways(lambda: head_reader._captions(text)) == (expected, expected), text


_TAG_PIECES = [
    " ", "  ", "\t", "\n", "\xa0", "\u2003", "\x1c", ",", ", ", ";", "(", ")", ":", ".",
    "PREL", "pgov", "FR", "OVIP", "RICE", "C.", "KBIO", "é", "ſ", "1",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_TAG_PIECES), max_size=10).map("".join))
def test_tags_are_read_the_same_both_ways(text: str) -> None:
    # the text of a TAGS field after its keyword: "PREL, PGOV", "OVIP (RICE, CONDOLEEZZA)"
    expected = [collapse(tag) for tag in pattern("TAG").findall(text)]
    assert both_ways(lambda: head_reader._tags(text)) == (expected, expected), text


_CLASSIFIED_BY_PIECES = [
    " ", "  ", "\t", "\n", "\xa0", "x", "A", ".", ",", "(", ")", "1", "é", "ſ", "ı", "K",
    "Classified by", "CLASSIFIED  BY", "claſſified by", "classıfıed by", "CLASSIFIED", "BY",
    "Reason", "reasons", "1.4", "1.5", " (b)", "(d)", "b/d", " and ", "a nd", "Acting EAP A/S",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CLASSIFIED_BY_PIECES), max_size=12).map("".join))
def test_classified_by_in_a_paragraph_is_found_the_same_both_ways(text: str) -> None:
    # "¶1. Classified by Acting EAP A/S Alexander A. Arvizu. Reason: 1.4 (d)" (09STATE30049)
    fast, plain = both_ways(lambda: classified_by_reader.find_classified_by(text))
    assert fast == plain, text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CLASSIFIED_BY_PIECES), max_size=12).map("".join))
def test_reasons_are_those_of_the_whole_text(text: str) -> None:
    # the reasons are read from the first one on, and kept for a short tail
    assert classified_by_reader._reasons(text) == classified_by_reader._reasons_in(text), text
