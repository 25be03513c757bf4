"""The readers that stand in for a plain pattern give what the pattern gives.

Some fields are read with str and bytes methods, or with a pattern tried only where a match
can start, where one pattern over the whole text would be slower (``collapse_lines``, the
addressee line, the summary and comment ends, the REF cut, the Classified By authority).  Each
is checked here against the plain reading on random text built from the pieces that matter
to it: whitespace of every kind, case variants (``ſ`` is an S ignoring case), the keywords.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cablekit import build, paragraphs, references, signers
from cablekit._text import collapse, collapse_lines

_WHITESPACE = [" ", "  ", "   ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003"]
_OTHER = ["a", "Bc", "x.", "’", "é", "\x00", "\x7f", "\u200b", "ß", "İ", "ﬁ"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WHITESPACE + _OTHER), max_size=8).map("".join)))
def test_collapse_lines_is_collapse_of_the_joined_lines(lines: list[str]) -> None:
    assert collapse_lines(lines) == collapse(" ".join(lines))
    assert collapse_lines([line.strip() for line in lines]) == collapse(" ".join(lines))


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
]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_ADDRESSEE_WORDS), st.sampled_from(["", " ", "  ", "\t"])),
        max_size=8,
    ).map(lambda parts: collapse("".join(word + space for word, space in parts)))
)
def test_addressee_is_the_one_pattern_reading(line: str) -> None:
    match = _ADDRESSEE.match(line)
    assert match is not None
    assert build._addressee(line) == match.group("ri", "name", "precedence", "sequence")


_SUMMARY_PIECES = [
    "END", "end", "End", " ", "  ", "\t", "\n", "(", ")", ".", ":", "-", "x", "_", "1",
    "COMMENT", "comment", "SUMMARY", "Summary", "ſummary", "OF", "of", "AND", "BLEND",
    "END SUMMARY", "(END OF SUMMARY)", "End comment.", "(End Comment.) ", "Summary:",
    "COMMENT -", "SUMMARY AND COMMENT: ", "ß", "ﬁ", "İ", "é", "’", "\xa0",
]
_summary_texts = st.lists(st.sampled_from(_SUMMARY_PIECES), max_size=14).map("".join)


def _word_at(pattern: re.Pattern[str], text: str, position: int) -> re.Match[str] | None:
    for match in pattern.finditer(text, position):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return match
    return None


@settings(max_examples=1000, deadline=None)
@given(_summary_texts)
def test_summary_and_comment_ends_are_the_pattern_readings(text: str) -> None:
    letters = paragraphs._letters(text)
    found = paragraphs._search_end_summary(text, letters)
    expected = paragraphs._END_SUMMARY.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert paragraphs._without_end_comment(text, letters) == paragraphs._END_COMMENT.sub(
        "", text
    )
    for pattern in paragraphs._OPENING_WORD:
        for position in (0, 2):
            found = paragraphs._word_at(pattern, text, letters, position)
            expected = _word_at(pattern, text, position)
            assert (found and found.span()) == (expected and expected.span())


def test_a_long_s_is_searched_the_plain_way() -> None:
    assert paragraphs._letters("ſummary: text. End ſummary.") is None
    assert paragraphs._letters("Summary: text’s end") == b"SUMMARY: TEXT?S END"


_CUT_PIECES = [
    " ", "  ", "\t", "CLASSIFIED", "classified", "BY", "DERIVED FROM", "ſensitive",
    "SENSITIVE BUT UNCLASSIFIED", "---", "___", "(SBU) ", "(s/nf) ", "(U)", "w(", "1.", "12.",
    " 1. (C)", "¶2. (S)", "¶", "x", "STATE", "1234",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CUT_PIECES), max_size=10).map("".join))
def test_the_ref_cut_is_the_unguarded_pattern(text: str) -> None:
    pattern = references._CUT.pattern.replace(r"(?=[CDS_(\s-]|^)", "", 1)
    assert pattern != references._CUT.pattern
    plain = re.compile(pattern, references._CUT.flags)
    found, expected = references._CUT.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


_AUTHORITY_PIECES = [
    " ", "  ", "\t", ",", ";", "(", ")", "(G)", "for", "FOR", "fo", "f o r", "f", "by", "BY",
    "By ", "rea", "reasons", "E.O.", "EO", "E. O.", "1", "12958", "-", "?", "CLASSIFIED",
    "BY:", "Amb", "X", "ſ", ":", "(C)", "per", "under", "1.4", "1 . 5", "R e a s o n",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_AUTHORITY_PIECES), max_size=10).map("".join))
def test_the_guarded_authority_patterns_are_the_unguarded_ones(text: str) -> None:
    noise_pattern = signers._AUTHORITY_NOISE.pattern.replace(r"(?=[\s,;(f])", "", 1)
    end_pattern = build._AUTHORITY_END.pattern.replace(r"(?=[,;:.\s(1fpru])", "", 1)
    assert noise_pattern != signers._AUTHORITY_NOISE.pattern
    assert end_pattern != build._AUTHORITY_END.pattern
    noise = re.compile(noise_pattern, signers._AUTHORITY_NOISE.flags)
    end = re.compile(end_pattern, build._AUTHORITY_END.flags)
    assert signers._AUTHORITY_NOISE.sub("", text) == noise.sub("", text)
    for position in (0, 1):
        found, expected = build._AUTHORITY_END.search(text, position), end.search(text, position)
        assert (found and found.span()) == (expected and expected.span())
