"""Signers of the last line, and the name and title in ``Classified By``.

Lines quoted are from real cables in ``cablegate-2010`` (named in each test), except where a
test says the line is the issue's example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fast_switch import plain
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cablekit
from cablekit.fields import classified_by, signers
from cablekit.fields.classified_by import read_authority, read_classified_by
from cablekit.fields.signature import Signed, signs_alone, take_signature
from cablekit.fields.signers import split_authority, split_signers
from cablekit.grammar import NEW_TEXT, TEXT, Line
from cablekit.models import Cable

# -- signers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cable", "line", "signers"),
    [
        ("06PARIS7101", "HOFMANN", ["HOFMANN"]),
        ("the issue", "RICE/JONES", ["RICE", "JONES"]),
        ("the issue", "RICE  JONES", ["RICE", "JONES"]),
        ("the issue", "RICE AND JONES", ["RICE", "JONES"]),
        ("05SOFIA1207", "PARDEW PARDEW", ["PARDEW"]),
        ("10BRASILIA108", "SHANNON Shannon", ["SHANNON"]),
        ("10BRASILIA43", "MINIMIZE CONSIDERED SHANNON", ["SHANNON"]),
        ("09STATE127892", "CLINTON UNQUOTE CLINTON", ["CLINTON"]),
        ("08BERLIN643", "Timken jr", ["Timken"]),
        ("07BERLIN1767", "TIMKEN JR", ["TIMKEN"]),
        ("10HAVANA84", ".FARRAR", ["FARRAR"]),
        ("09PRAGUE589", "Thompson-Jones", ["Thompson-Jones"]),
        ("08BRASILIA43", "SOBEL 2008-01-08", ["SOBEL"]),
        ("05MADRID541", "MANZANARES .", ["MANZANARES"]),
        ("09LIMA1191-like cut-off text", "DANIEL ORTEGA AN...", []),
    ],
)
def test_split_signers(cable: str, line: str, signers: list[str]) -> None:
    assert split_signers(line) == signers, cable


@settings(max_examples=800, deadline=None)
@given(
    st.sampled_from(["AGUIRRE", "LeBaron", "curran", "JR", "AND", "and", "UNQUOTE", "Unquote"])
    | st.text("AaNnDdQqUuEeJjRr .É/ı", max_size=9)
)
def test_one_word_signatures_read_the_same_without_the_fast_paths(signature: str) -> None:
    fast = signers._signers.__wrapped__(signature)  # not the kept readings: each way reads
    with plain():
        assert signers._signers.__wrapped__(signature) == fast, signature


def test_split_signers_of_nothing() -> None:
    assert split_signers(None) == []
    assert split_signers("") == []
    assert split_signers(" / ") == []


def test_signers_of_parsed_cables(corpus: Path) -> None:
    folder = corpus / "cablegate-2010"
    cable = cablekit.parse((folder / "05SOFIA1207.txt").read_bytes())
    assert cable.signature == "PARDEW PARDEW"
    assert cable.signers == ["PARDEW"]
    cable = cablekit.parse((folder / "10SARAJEVO134.txt").read_bytes())
    assert cable.signers == ["ENGLISH"]


# -- the signature at the end of the text ---------------------------------------------------


def signed(*lines: str, head: str = "C O N F I D E N T I A L KYIV 002294 \n\n") -> Cable:
    """A cable of a classification line and the quoted last lines of a text."""
    return cablekit.parse(head + "".join(f"{line}\n" for line in lines))


@pytest.mark.parametrize(
    ("cable", "last", "text_end", "signature"),
    [
        (
            "08KYIV2294",
            "¶11. (C) Comment. Like other Ukrainian oligarchs, he might still be beholden to "
            "the forces that helped him rise so quickly. End comment. TAYLOR",
            "helped him rise so quickly. End comment.",
            "TAYLOR",
        ),
        (
            "04BOGOTA8900",
            "¶9. (S//NF) The limited intelligence we get on the hostages seems to have a short "
            "life. End Comment and Action Request. DRUCKER",
            "End Comment and Action Request.",
            "DRUCKER",
        ),
        (
            "10HARARE93",
            "¶10. (C) ... serving no real purpose other than to provide a convenient whipping "
            "boy for ZANU-PF. END COMMENT RAY",
            "whipping boy for ZANU-PF. END COMMENT",
            "RAY",
        ),
        (
            "10HAVANA84",
            "¶15. (C) ... are more likely to endure a slow erosion of state-subsidies than a "
            "much-needed radical restructuring. .FARRAR",
            "a much-needed radical restructuring.",
            ".FARRAR",
        ),
        (
            "07PARIS2725",
            "¶13. (C) ... in which the West seeks to keep Russia down, including by depriving "
            "it of arms markets. Burns",
            "including by depriving it of arms markets.",
            "Burns",
        ),
        (
            "09PRETORIA954",
            "¶10. (SBU) ... In this case, such a statement rings true for South Africa in "
            "2009. LA LIME",
            "rings true for South Africa in 2009.",
            "LA LIME",
        ),
        (
            "10SEOUL248",
            "¶8. (C) ... cooperation in winning the hearts and minds of the North Korean "
            "people. XXXXXXXXXXX STEPHENS",
            "minds of the North Korean people. XXXXXXXXXXX",
            "STEPHENS",
        ),
        (
            "10LAGOS75: on the marker line",
            "¶18. (U) A/S Carson did not have an opportunity to clear this cable before "
            "departing post. BLAIR",
            "clear this cable before departing post.",
            "BLAIR",
        ),
    ],
)
def test_signature_at_the_end_of_the_last_sentence(
    cable: str, last: str, text_end: str, signature: str
) -> None:
    parsed = signed("¶1. (C) Summary: the first paragraph.", "", last)
    assert parsed.signature == signature, cable
    assert parsed.signers == [signature.lstrip(".")], cable
    assert parsed.paragraphs[-1].text.endswith(text_end), cable


def test_signature_after_a_closing_line() -> None:
    # 07MADRID1722: "(Complimentary closing)" / "End Text. AGUIRRE"
    parsed = signed(
        "¶1. (U) Begin text:",
        "- The Spanish Government will approach this matter with the discretion that it "
        "applies to all its relations with the U.S. Government...",
        "(Complimentary closing)",
        "End Text. AGUIRRE",
    )
    assert parsed.signers == ["AGUIRRE"]
    assert parsed.paragraphs[-1].text.endswith("(Complimentary closing) End Text.")


@pytest.mark.parametrize(
    ("cable", "lines", "signers", "unparsed"),
    [
        (
            "10ANKARA302",
            ["Jeffrey ", " ", '"Visit Ankara\'s Classified Web Site at http://www.intelink.s '
             'gov.gov/wiki/Portal:Turkey"'],
            ["Jeffrey"],
            ['"Visit Ankara\'s Classified Web Site at http://www.intelink.s '
             'gov.gov/wiki/Portal:Turkey"'],
        ),
        ("10SANAA317", ["SECHE", " ", "..."], ["SECHE"], ["..."]),
        ("09BRUSSELS536", ["MURRAY ", "."], ["MURRAY"], ["."]),
        ("09BEIJING2964", ["Huntsman", "huntsman"], ["Huntsman"], ["huntsman"]),
        ("08STATE50524: NNNN is never a signer", ["END TALKING POINTS. RICE", "NNNN"],
         ["RICE"], ["NNNN"]),
        ("00HARARE6677", ["MCDONALD", " CONFIDENTIAL", ">"], ["MCDONALD"],
         ["CONFIDENTIAL", ">"]),
        ("08ISLAMABAD3716", ["FEIERSTEIN", "NNNN", "End Cable Text"], ["FEIERSTEIN"],
         ["NNNN", "End Cable Text"]),
        ("09SAOPAULO487", ["WHITE", "", "Track impresión: asegovia @ Sat Dec 4 19:20:36 2010.",
                           "ID:\t187536"], ["WHITE"],
         ["Track impresión: asegovia @ Sat Dec 4 19:20:36 2010.", "ID:\t187536"]),
    ],
)
def test_lines_after_the_signature_are_kept_apart(
    cable: str, lines: list[str], signers: list[str], unparsed: list[str]
) -> None:
    parsed = signed("¶12. (U) A/S RICE HAS CLEARED THIS MESSAGE.", *lines)
    assert parsed.signers == signers, cable
    text = parsed.paragraphs[-1].text
    assert text.startswith("A/S RICE HAS CLEARED THIS MESSAGE."), cable
    assert text.endswith("."), cable
    assert [u.text.strip() for u in parsed.unparsed] == unparsed, cable


@pytest.mark.parametrize(
    ("cable", "lines", "signers"),
    [
        (
            "08LONDON639: the name at the end of the web address",
            ["Visit London’s Classified Website: http://www.state.sgov.gov/p/eur/london/index."
             " cfm TUTTLE"],
            ["TUTTLE"],
        ),
        (
            "08LONDON1115",
            ["Visit London's Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Unit"
             " ed_Kingdom LEBARON"],
            ["LEBARON"],
        ),
        (
            "07LONDON3175: a name in small letters below the web address",
            ["Visit London's Classified Website:",
             "http://www.state.sgov.gov/p/eur/london/index. cfm", "tuttle"],
            ["tuttle"],
        ),
        ("08BERLIN643", ["Timken jr"], ["Timken"]),
        ("07BERLIN1767", ["TIMKEN JR"], ["TIMKEN"]),
    ],
)
def test_signature_lines(cable: str, lines: list[str], signers: list[str]) -> None:
    parsed = signed("¶15. (U) This cable has been coordinated with Consulate Munich.", *lines)
    assert parsed.signers == signers, cable


def test_signature_written_as_a_paragraph() -> None:
    # 08BERLIN1068: "paragraph" / "" / "¶3. Koenig": the marker is kept, its text is the name
    parsed = signed(
        "¶4. (SBU) ACTION REQUEST: Post requests Department guidance",
        "in responding to the dissemination request posed in paragraph",
        "",
        "¶3. Koenig",
    )
    assert parsed.signers == ["Koenig"]
    assert [p.number for p in parsed.paragraphs] == [4, 3]
    assert parsed.paragraphs[-1].text == ""


@pytest.mark.parametrize(
    ("cable", "lines"),
    [
        (
            "07MOSCOW1442",
            ["create new winners and losers, is a bet on the modernizers ", "worth taking."],
        ),
        (
            "09BEIJING1336",
            ["¶13. (C) ... such a move seems quite possible. End Comment."],
        ),
        ("08MOSCOW2700: cut off", ["Russia announced its plans for the opening of the world's",
                                   "l..."]),
        ("a sentence without its stop", ["¶3. (C) We discussed the matter with Washington"]),
        ("a closing word that is no name", ["¶3. (U) Thank you for your support. Regards"]),
        (
            "10KABUL131: a number before the name",
            ["lkh University. Yea: 105 Nay: 104 Abstain/blank/spoiled: 14 EIKENBERRY"],
        ),
    ],
)
def test_no_signature(cable: str, lines: list[str]) -> None:
    parsed = signed("¶1. (C) Summary: the first paragraph.", "", *lines)
    assert parsed.signature is None, cable
    assert parsed.signers == [], cable


# lines a text may end with: names, closings, trailers, sentences
_ENDINGS = [
    "HOFMANN", "Speckhard", "MANZANARES .", "tuttle", "RICE/JONES", "TIMKEN JR", "SOBEL 2008-01-08",
    "End comment. TAYLOR", "END COMMENT", "NNNN", "BT", "CONFIDENTIAL", ".", "...", "l...",
    "http://www.state.sgov.gov/p/eur/london/index. cfm", "ID: 187536", "Huntsman", "huntsman",
    "worth taking.", "Regards", "XXXXXXXXXXXX", "", "SUMMARY", "A",
    "Friday, 18 December 2009, 11:04",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ENDINGS), min_size=1, max_size=5),
    st.lists(st.booleans(), min_size=5, max_size=5),
    st.sampled_from([None, "", "Koenig", "(C) Text. BLAIR"]),
    st.booleans(),
)
def test_a_last_line_that_signs_alone_is_the_signature_whatever_stands_above(
    texts: list[str], blanks: list[bool], marker_text: str | None, marked: bool
) -> None:
    """What the text reader takes without looking above the last line (``signs_alone``) is
    what ``take_signature`` finds looking at every line."""
    lines = [
        Line(NEW_TEXT if blank else TEXT, text + "\n", number, blank)
        for number, (text, blank) in enumerate(zip(texts, blanks, strict=False), start=10)
    ]
    last = lines[-1].text.strip()
    if signs_alone(last):
        signed = take_signature(lines, marker_text, marked=marked)
        assert signed == Signed(last, tuple(lines[:-1]), None, ())


# -- classified by ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cable", "authority", "title", "name"),
    [
        (
            "05PARIS104",
            "Political Minister-Counselor Josiah Rosenblatt",
            "Political Minister-Counselor",
            "Josiah Rosenblatt",
        ),
        ("01PRETORIA1173", "AMBASSADOR DELANO E. LEWIS", "AMBASSADOR", "DELANO E. LEWIS"),
        (
            "09ALGIERS1077",
            "Charge d'Affaires a.i. William Jordan",
            "Charge d'Affaires a.i.",
            "William Jordan",
        ),
        (
            "the issue",
            "Charge d'Affaires a.i. Leigh Carter",
            "Charge d'Affaires a.i.",
            "Leigh Carter",
        ),
        ("04CARACAS2200", "A/DCM ABELARDO A. ARIAS", "A/DCM", "ABELARDO A. ARIAS"),
        ("02BRASILIA4227", "POLOFF RICHARD REITER", "POLOFF", "RICHARD REITER"),
        (
            "09ABUDHABI1151",
            "Richard G. Olson, Ambassador, State, US Embassy Abu Dhabi, UAE",
            "Ambassador",
            "Richard G. Olson",
        ),
        (
            "09BUENOSAIRES1257",
            "Martinez, Vilma, Ambassador, DOS, EXEC",
            "Ambassador",
            "Martinez, Vilma",
        ),
        (
            "09BEIJING1634",
            "Charge d'Affaires, a.i., Dan Piccuta",
            "Charge d'Affaires, a.i.",
            "Dan Piccuta",
        ),
        (
            "07BEIJING1668",
            "Ambassador Clark T. Randt, Jr",
            "Ambassador",
            "Clark T. Randt, Jr",
        ),
        (
            "10BRASILIA3",
            "Lisa Kubiske, Charge d'Affaires a.i.",
            "Charge d'Affaires a.i.",
            "Lisa Kubiske",
        ),
        ("a 2009 cable", "Deputy Political Counselor Greg D'Elia", "Deputy Political Counselor",
         "Greg D'Elia"),
        ("a 2009 cable", "Ambassador", "Ambassador", None),
        ("a 2009 cable", "Anne W. Patterson", None, "Anne W. Patterson"),
        ("08STATE116943", "Derived from Multiple Sources", None, None),
    ],
)
def test_split_authority(cable: str, authority: str, title: str | None, name: str | None) -> None:
    assert split_authority(authority) == (title, name), cable


def test_read_classified_by_fills_name_and_title() -> None:
    # 10STATE13750: "Classified By: Under Secretary Bill Burns for reasons 1.4(b, d)."
    classified = read_classified_by(
        "Classified By: Under Secretary Bill Burns for reasons 1.4(b, d)."
    )
    assert classified.authority == "Under Secretary Bill Burns"
    assert (classified.title, classified.name) == ("Under Secretary", "Bill Burns")
    assert classified.reasons == ["1.4(b)", "1.4(d)"]
    # 02BRASILIA4227: "Classified By: POLOFF RICHARD REITER FOR REASONS 1.5(b) AND (d)."
    classified = read_classified_by(
        "Classified By: POLOFF RICHARD REITER FOR REASONS 1.5(b) AND (d)."
    )
    assert (classified.title, classified.name) == ("POLOFF", "RICHARD REITER")


_DOWNES = "POLITICAL COUNSELOR ROBERT R. DOWNES"


@pytest.mark.parametrize(
    ("lines", "authority", "reasons"),
    [
        # 09MADRID551: "and" broken across two lines, in any case and at either letter
        (
            ("Ambassador Eduardo Aguirre for reasons 1.4 (b) a", "nd (d)."),
            "Ambassador Eduardo Aguirre",
            ["b", "d"],
        ),
        (("Ambassador X, Reasons 1.4 (B) AN", "D (D)"), "Ambassador X", ["b", "d"]),
        (("Ambassador X, Reasons 1.4 (B) A   ND (C)",), "Ambassador X", ["b", "c"]),
        # the "for" or "by" of a lost "for reasons" is no part of the name (06CARACAS219)
        (("POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 (D)",), _DOWNES, ["d"]),
        (("POLITICAL COUNSELOR ROBERT R. DOWNES by 1.4 (D)",), _DOWNES, ["d"]),
    ],
)
def test_read_authority_mends_broken_and_and_drops_lost_for(
    lines: tuple[str, ...], authority: str, reasons: list[str]
) -> None:
    classified = read_authority(*lines)
    assert classified.authority == authority
    assert classified.reasons == [f"1.4({letter})" for letter in reasons]


def test_split_authority_never_raises() -> None:
    for text in (None, "", ",", ";;", "A", "xxxxx", "Charge d'", "(U)", "a.i.", "- -", "Jr"):
        split_authority(text)


def test_corpus_classifiers_mostly_have_a_name(corpus: Path) -> None:
    lines = named = 0
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        classified = cablekit.parse(path.read_bytes()).classified_by
        if classified is not None:
            lines += 1
            named += classified.name is not None
    assert lines > 1000
    assert named / lines >= 0.97


# -- the fast path of the authority's noise against the plain substitution ------------------

# pieces of real authorities and of what the substitution takes off, so that random texts
# come near every branch of the pattern: keywords, "for reasons", E.O. numbers, "(G)", and
# letters that case-insensitive matching takes for others (the long s, the dotless i)
_NOISE_PIECES = [
    "Classified By:", "CLASSIFIED BY", "(U) classified", "by", "By ", "for", "For", "fo",
    "f o r", "f or", "for reasons", "FOR REA", "for E.O. 12958", "E.O.", "EO 1", "; E.O. 1",
    ", ", ";", ":", "(G)", "(sbu)", "(", ")", "-", "?", " ", "  ", "\t", "\n", "1.4", "0",
    "Ambassador", "POLOFF", "Josiah Rosenblatt", "Kirby", "Stanford", "DCM", "a.i.",
    "claſſified", "ı", "K", "é", "Charge d'Affaires",
]  # fmt: skip


_PIECE = st.sampled_from(_NOISE_PIECES)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECE | _PIECE | _PIECE | st.text(max_size=4), max_size=8))
def test_the_noise_fast_path_takes_off_what_the_pattern_does(pieces: list[str]) -> None:
    # both are tried on the text as given and as the reader collapses it
    for text in ("".join(pieces), " ".join(" ".join(pieces).split())):
        assert signers._without_noise_fast(text) == signers._without_noise_plain(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Ambassador?", "Ambassador -", "Ambassador - ?", "Ambassador (G)", "Ambassador (G) ",
        "Ambassador Kirby", "Ambassador X for", "Ambassador X fo r", "Ambassador X f o r",
        "Ambassador X By", "DCM X, E.O. 12958", "DCM X; EO 1", "DCM X For E.O. 1",
        "DCM X for rea", "Classified By: DCM X", "(C) CLASSIFIED POL BY DCM X", "By DCM X",
        "claſſified by DCM X", "DCM X for\n", "DCM X\n", "", " ", "for", "?",
    ],
)  # fmt: skip
def test_the_noise_fast_path_on_each_kind_of_noise(text: str) -> None:
    assert signers._without_noise_fast(text) == signers._without_noise_plain(text)


def test_authorities_split_the_same_without_the_fast_paths(corpus: Path) -> None:
    """Every authority of the corpus, and each with noise around it, split both ways."""
    authorities = set()
    for path in sorted((corpus / "cablegate-2010").glob("*.txt"))[::3]:
        classified = cablekit.parse(path.read_bytes()).classified_by
        if classified is not None:
            authorities.add(classified.authority)
    assert len(authorities) > 200
    split = signers._title_and_name.__wrapped__  # not the kept readings: each way reads
    for authority in sorted(authorities):
        for text in (authority, f"Classified By: {authority} for reasons 1.4 (b)"):
            fast = split(text)
            with plain():
                assert split(text) == fast, text


# -- the fast path of the authority's end against the plain search ----------------------------

_END_PIECES = [
    "reasons", "Reason", "r e a s o n s", "rea son", "reaſon", "per", "PER", "under", "Under",
    "1.4", "1 . 5", "(1.4", "1", "for", "For", "fo r", ",", ";", ":", ".", "(", ")", " ", "  ",
    "\t", "\n", "Ambassador", "Josiah Rosenblatt", "Counselor", "Operations", "b/d", "r", "e",
]  # fmt: skip
_END_PIECE = st.sampled_from(_END_PIECES)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_END_PIECE | _END_PIECE | _END_PIECE | st.text(max_size=3), max_size=8))
def test_the_authority_end_fast_path_finds_what_the_pattern_does(pieces: list[str]) -> None:
    for text in ("".join(pieces), " ".join(pieces), " ".join(" ".join(pieces).split())):
        fast = classified_by._authority_end_fast(text)
        plain = classified_by._AUTHORITY_END.search(text, 1)
        assert (fast and fast.span()) == (plain and plain.span()), text


# -- the patterns written for a fast search, against their plain form ------------------------

# the start of the reasons with the word boundary before its "1", as the pattern is read
_REASON_START_PLAIN = re.compile(r"\b1\s?\.\s?([45])(?![0-9])\s*(?:[.,:]\s*)?", re.IGNORECASE)
# where a word of the authority's end starts, each word one alternative
_END_WORD_PLAIN = re.compile(r"r\s*e\s*a\s*s\s*o\s*n|per|under|1", re.IGNORECASE)
_REASON_PIECES = [
    "1", "1.4", "1 . 5", "1.45", "11.4", "a1.4", "_1.4", "é1.4", "١", "(1.4", "1.4:", "1.4, ",
    ".", ",", " ", "\t", "(b)", "x", "R", "ſ", "Per", "UNDER", "rea son",
]  # fmt: skip


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_REASON_PIECES) | st.text(max_size=2), max_size=8))
def test_the_fast_searched_patterns_find_what_their_plain_forms_do(pieces: list[str]) -> None:
    text = "".join(pieces)
    starts = [(m.span(), m.groups()) for m in classified_by._REASON_START.finditer(text)]
    assert starts == [(m.span(), m.groups()) for m in _REASON_START_PLAIN.finditer(text)], text
    for at in range(len(text) + 1):
        word = classified_by._END_WORD.search(text, at)
        written = _END_WORD_PLAIN.search(text, at)
        assert (word and word.start()) == (written and written.start()), text


def test_classified_by_fields_read_the_same_without_the_fast_paths(corpus: Path) -> None:
    fields = []
    for path in sorted((corpus / "cablegate-2010").glob("*.txt"))[::3]:
        classified = cablekit.parse(path.read_bytes()).classified_by
        if classified is not None and classified.text:
            fields.append(classified.text)
    assert len(fields) > 300
    for text in fields:
        fast = read_authority(text)
        with plain():
            assert read_authority(text) == fast, text
