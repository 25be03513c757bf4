"""The line kinds of the cable grammar (cablekit/grammar/cable.lark).

Every input below is a real line, or a few real lines, quoted from a real cable; the comment or
the parameter id names the cable.  The files are in the shared corpus (cablegate-2010/,
pdf-text/, pdf-converted/) but the tests do not read them: each test carries its own lines.

Three views are used:
- ``kind_of(line)``: what the lexer alone makes of one line (context-free kind);
- ``placed(text)``: where the parser puts each line (the rule above it);
- ``cablekit.parse(text)``: the built model, where a kind only shows through a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cablekit
from cablekit.grammar import Field, Line, line_kind, parse_document, pattern

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def kinds(text: str) -> list[str]:
    """The lexer's kind of every non-blank line of ``text``."""
    return [line_kind(line) for line in text.splitlines() if line.strip()]


def kind_of(line: str) -> str:
    """The lexer's kind of one line."""
    found = kinds(line)
    assert len(found) == 1, found
    return found[0]


def _lines(path: str, items: Iterable[Field | Line]) -> Iterator[tuple[str, str, str]]:
    for item in items:
        if isinstance(item, Field):
            for line in item.lines:
                yield f"{path}/{item.rule}", line.kind, line.stripped
        else:  # a run of plain lines in the text is one line of the document: each is placed
            for line in item.lines():
                yield path, line.kind, line.stripped


def placed(text: str) -> list[tuple[str, str, str]]:
    """(rule path, line kind, line) of every non-blank line, in input order."""
    document = parse_document(text)
    found = list(_lines("", document.lead))
    found += _lines("transmission", document.transmission or ())
    found += _lines("head", document.head or ())
    found += _lines("body", document.body)
    has_header = document.transmission is not None or document.head is not None
    path = "body/paragraph" if has_header else "paragraph"
    for block in document.paragraphs:
        found += _lines(path, (block.marker, *block.lines))
    return found


def place_of(text: str, line: str) -> tuple[str, str]:
    """(rule path, kind) of the line of ``text`` that is ``line`` (stripped)."""
    for path, kind, value in placed(text):
        if value == line.strip():
            return path, kind
    raise AssertionError(f"{line!r} not found in {placed(text)}")


# ---------------------------------------------------------------------------------------------
# Transmission header: FL1 .. FL9
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "VZCZCXYZ0002",  # 06PARIS7101 (cable-format.md §2), also 07PARIS170
        "VZCZCXRO3552",  # 09PARIS1052 (pdf-converted)
        "VZCZCXRO0320",  # 09ASTANA95
    ],
)
def test_fl1_line(line: str) -> None:
    assert kind_of(line) == "FL1_LINE"


def test_fl2_single_relay() -> None:
    # 07PARIS170, 06BELGRADE1681: "OO RUEHWEB"
    assert kind_of("OO RUEHWEB") == "FL2_LINE"


def test_fl2_relay_list_over_several_lines() -> None:
    # 09PARIS1052 (pdf-converted): the relay RIs run over three lines
    text = (
        "VZCZCXRO3552\n"
        "OO RUEHAG RUEHAST RUEHDA RUEHDBU RUEHDF RUEHFL RUEHIK RUEHKW RUEHLA\n"
        "RUEHLN RUEHLZ RUEHNP RUEHPOD RUEHROV RUEHSK RUEHSL RUEHSR RUEHVK\n"
        "RUEHYG\n"
        "DE RUEHFR #1052 2151636\n"
        "ZNR UUUUU ZZH\n"
        "O 031636Z AUG 09\n"
        "FM AMEMBASSY PARIS\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 6915\n"
    )
    found = kinds(text)
    assert found[:3] == ["FL1_LINE", "FL2_LINE", "RELAY_LINE"]
    assert found[4:] == ["FL3_LINE", "FL4_LINE", "FL5_LINE", "FM_LINE", "TO_LINE"]
    # all of it, the lone "RUEHYG" too, stays in the transmission header
    assert {path for path, _, _ in placed(text)} <= {
        "transmission",
        "transmission/fl1",
        "transmission/fl2",
        "transmission/fl3",
        "transmission/fl4",
        "transmission/fl5",
        "transmission/fm",
        "transmission/to",
    }
    assert place_of(text, "RUEHYG")[0] == "transmission"


@pytest.mark.parametrize(
    "line",
    [
        "DE RUEHFR #7101/01 3030908",  # 06PARIS7101 (cable-format.md §2): part /01
        "DE RUEHTA #0095/01 0200556",  # 09ASTANA95
        "DE RUEHFR #1052 2151636",  # 09PARIS1052: no part
        "DE RUEHWN #2164 3421757",  # 06BRIDGETOWN2164
    ],
)
def test_fl3_line_with_and_without_part(line: str) -> None:
    assert kind_of(line) == "FL3_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "ZNY CCCCC ZZH",  # 06PARIS7101
        "ZNR UUUUU ZZH",  # 09PARIS1052
        "ZNY CCCCC ZZH ZDK",  # 08BAGHDAD293
        "ZNY SSSSS ZZH ZUI ZDK RUEHZC SVC 4078",  # 08TELAVIV2760
    ],
)
def test_fl4_line_with_signals(line: str) -> None:
    assert kind_of(line) == "FL4_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "O 300908Z OCT 06",  # 06PARIS7101
        "P 200556Z JAN 09",  # 09ASTANA95
        "R 231510Z SEP 00 ZDS",  # 00ATHENS1501 (pdf-text): a signal after the DTG
        "P R 281848Z DEC 66",  # 66BUENOSAIRES2481: action + info precedence
        "O P 121407Z DEC 07",  # 07TRIPOLI1033
        "O R 141437Z NOV 07",  # 07STATE156011
    ],
)
def test_fl5_line_one_and_two_letters(line: str) -> None:
    assert kind_of(line) == "FL5_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "FM AMEMBASSY PARIS",  # 06PARIS7101
        "FM SECSTATE WASHDC",  # 08STATE103511
        "FM AMEMBASSY BUENOS AIRES",  # 66BUENOSAIRES2481
    ],
)
def test_fm_line(line: str) -> None:
    assert kind_of(line) == "FM_LINE"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658", "TO_LINE"),  # 06PARIS7101
        ("TO RUEHC/SECSTATE WASHDC PRIORITY 4366", "TO_LINE"),  # 09ASTANA95
        ("TO SECSTATE WASHDC PRIORITY", "TO_LINE"),  # 66BUENOSAIRES2481: no RI
        ("TO SECSTATE WASHDC 9118", "TO_LINE"),  # 88BAGHDAD28: no RI, no precedence
        ("INFO RUEHZG/NATO EU COLLECTIVE PRIORITY", "INFO_LINE"),  # 06PARIS7101
        ("INFO RUCNCIS/CIS COLLECTIVE PRIORITY 1049", "INFO_LINE"),  # 09ASTANA95
        ("INFO USCINCSO", "INFO_LINE"),  # 66BUENOSAIRES2481: no RI
        ("XMT AMCONSUL STRASBOURG", "XMT_LINE"),  # 10SARAJEVO134
        ("XMT AMCONSUL JOHANNESBURG", "XMT_LINE"),  # 08STATE116943
        ("XMT/AMEMBASSY SOFIA", "XMT_LINE"),  # the slash form quoted in cable-format.md §2
        ("RUEKJCS/SECDEF WASHDC PRIORITY 0537", "ADDRESSEE_LINE"),  # 09ASTANA95
        ("RUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY", "ADDRESSEE_LINE"),  # 06PARIS7101
    ],
)
def test_addressee_lines_with_and_without_ri(line: str, kind: str) -> None:
    assert kind_of(line) == kind


def test_niact_immediate_addressee_lines() -> None:
    # 08STATE103511
    assert kind_of("TO ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE 2276-2279") == "TO_LINE"
    assert kind_of("RUEHKV/AMEMBASSY KYIV NIACT IMMEDIATE 7881-7884") == "ADDRESSEE_LINE"


def test_addressees_without_ri_stay_in_the_header() -> None:
    # 66BUENOSAIRES2481: INFO list whose lines have no routing indicator
    text = (
        "P R 281848Z DEC 66\n"
        "FM AMEMBASSY BUENOS AIRES\n"
        "TO SECSTATE WASHDC PRIORITY\n"
        "INFO USCINCSO\n"
        "CINCLANT\n"
        "AMEMBASSY RIO DE JANEIRO\n"
        "AMEMBASSY SANTIAGO\n"
        "\n"
        "UNCLASSIFIED BUENOS AIRES 2481\n"
    )
    assert place_of(text, "CINCLANT")[0] == "transmission"
    assert place_of(text, "AMEMBASSY SANTIAGO")[0] == "transmission"
    assert place_of(text, "UNCLASSIFIED BUENOS AIRES 2481") == (
        "head/classification",
        "CLASSIFICATION_LINE",
    )


def test_to_page_line_is_page_furniture() -> None:
    # 09STATE15113
    assert kind_of("TO PAGE 02        STATE   015113  182333Z ") == "PAGE_LINE"


def test_page_line_of_a_printout() -> None:
    # 00HANOI686 (pdf-text)
    assert kind_of("PAGE 02        HANOI 00686 01 OF 07 050821Z") == "PAGE_LINE"


def test_page_line_of_a_stamp_without_date_time_group() -> None:
    # 07PARIS2440, 07PARIS170: the heading inside a paragraph, no DTG
    assert kind_of("PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440 ") == "PAGE_LINE"
    assert kind_of("PAGE 03 RUEHFRA0170 S E C R E T ") == "PAGE_LINE"
    # running text that starts with PAGE is no page heading
    assert kind_of("PAGE 02 OF THE REPORT SAYS SO") == "TEXT_LINE"


def test_distribution_block_lines() -> None:
    # 08LONDON2673
    assert kind_of("ACTION NEA-00   ") == "ACTION_LINE"
    assert kind_of("INFO  LOG-00   CIAE-00  INL-00   DODE-00  PERC-00  PDI-00   DS-00    ") == (
        "INFO_LINE"
    )


# ---------------------------------------------------------------------------------------------
# Classification lines and captions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "UNCLAS PARIS 001052 ",  # 09PARIS1052
        "S E C R E T PARIS 000170 ",  # 07PARIS170
        "S E C R E T SECTION 01 OF 03 ASTANA 000095 ",  # 09ASTANA95
        "C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069 ",  # 75TEHRAN2069
        "SS E C R E T SECTION 01 OF 02 PARIS 001699 ",  # 05PARIS1699
        "E C R E T SECTION 01 OF 03 BAGHDAD 000146 ",  # 07BAGHDAD146
        "CC O N F I D E N T I A L SECTION 01 OF 02 SAO PAULO 000104 ",  # 09SAOPAULO104
        "O N F I D E N T I A L BAGHDAD 000290 ",  # 10BAGHDAD290
        "UUNCLAS MANAGUA 001002 ",  # 06MANAGUA1002
        "S e c r e t state 068250",  # 88BAGHDAD28
        "C o n f i d e n t i a l section 01 of 04 ankara 000348",  # 04ANKARA348
        "UNCLASSIFIED BUENOS AIRES 2481 ",  # 66BUENOSAIRES2481: a post with a space
        "S E C R E T STATE 103511",  # 08STATE103511
    ],
)
def test_classification_line(line: str) -> None:
    assert kind_of(line) == "CLASSIFICATION_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "SIPDIS",  # 06PARIS7101 and most cables
        "SIPDIS ",  # 09PARIS1052
        "NOFORN ",  # 08LONDON2673
        "SENSITIVE",  # 00ATHENS1501 (pdf-text)
        "NOFORN, NOT FOR INTERNET DISTRIBUTION ",  # 09STATE15113
        "C O R R E C T E D      C O P Y   (ADDED SENSITIVE CAPTION)",  # 00ATHENS1501
    ],
)
def test_caption_line(line: str) -> None:
    assert kind_of(line) == "CAPTION_LINE"


def test_caption_in_mixed_case() -> None:
    # 88BAGHDAD28 and 04ANKARA348 write the whole head in mixed case ("S e c r e t",
    # "E.o. 12958: decl:", "Tags:", "Subject:"), and the caption too: "Sipdis".  The grammar
    # takes the other head lines in any case, so the caption should be one as well.
    assert kind_of("Sipdis") == "CAPTION_LINE"


def test_passing_line_is_text_in_the_head() -> None:
    # 05PARIS104
    text = (
        "S E C R E T SECTION 01 OF 02 PARIS 000104 \n"
        "\n"
        "SIPDIS \n"
        "\n"
        "STATE FOR S/WCI -- AMB PROSPER \n"
        "\n"
        "E.O. 12958: DECL: 01/06/2015 \n"
    )
    assert place_of(text, "SIPDIS") == ("head/caption", "CAPTION_LINE")
    assert place_of(text, "STATE FOR S/WCI -- AMB PROSPER")[0] == "head/passing"
    assert place_of(text, "E.O. 12958: DECL: 01/06/2015") == ("head/eo", "EO_LINE")


# ---------------------------------------------------------------------------------------------
# Head fields
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "E.O. 12958: DECL: 10/30/2016",  # 06PARIS7101
        "EO 12958 DECL: 01/19/2029 ",  # 09ASTANA95
        "E.o. 12958: decl: 07/01/2034",  # 88BAGHDAD28
        "E.O. 11652: GDS ",  # 75TEHRAN2069
        "E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P ",  # 79TEHRAN8980
        "E.O. 12356:  DECL:  OADR ",  # 90CAPETOWN97
        "E.O.12356: DECL:OADR ",  # 89PANAMA8545
        "E.O. 12958: N/A ",  # 09PARIS1052, 04PARIS8983
        "E.O 12958:  DECL:  02/08/20 ",  # 10PARIS174
        "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006 ",  # 72TEHRAN1164
    ],
)
def test_eo_line_of_every_era(line: str) -> None:
    assert kind_of(line) == "EO_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "TAGS: PREL PGOV MARR MOPS FR",  # 06PARIS7101
        "TAGS PGOV, PREL, AF, IR, RS, KZ ",  # 09ASTANA95
        "TAG PTER, PGOV, ASEC, EFIN, ENRG, KCIP ",  # 09STATE15113
        "TAG:\xa0 PTER, MOPS, PINS, PREL, PGOV, PHUM, CO ",  # 10BOGOTA243: no-break space
        "Tags: mtcre, parm, prel, ettc, mnuc, tspa, ir, gm, ch",  # 88BAGHDAD28
        "TAGS OVIP (STEINBERG, JAMES B.), PREL, MNUC, ECON, SN, CH, ",  # 09SINGAPORE529
    ],
)
def test_tags_line_spellings(line: str) -> None:
    assert kind_of(line) == "TAGS_LINE"


def test_eo_tags_and_subject_on_one_line() -> None:
    # 04ANKARA348: lower case, E.O., TAGS and SUBJECT run together on one line
    line = (
        "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. "
        "Erdogan goes to washington: how strong a leader in the face of strong challenges?"
    )
    assert kind_of(line) == "EO_LINE"
    cable = cablekit.parse("C o n f i d e n t i a l section 01 of 04 ankara 000348\n\n" + line)
    assert cable.executive_order is not None
    assert cable.executive_order.declassify == "01/07/2014"
    assert cable.tags == ["prel", "pgov", "pins", "tu"]
    assert cable.subject == (
        "turkish p.m. Erdogan goes to washington: how strong a leader in the face of "
        "strong challenges?"
    )


def test_wrapped_subject_stays_in_the_subject() -> None:
    # 06PARIS7101 (cable-format.md §3)
    text = (
        "CONFIDENTIAL PARIS 007101\n"
        "E.O. 12958: DECL: 10/30/2016\n"
        "TAGS: PREL PGOV MARR MOPS FR\n"
        "SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO\n"
        "EQUIVALENT ORGANIZATION\n"
        "Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D\n"
    )
    assert place_of(text, "EQUIVALENT ORGANIZATION") == ("head/subject", "TEXT_LINE")
    assert place_of(text, "SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO") == (
        "head/subject",
        "SUBJECT_LINE",
    )


def test_subj_line_wrapped() -> None:
    # 09BAGHDAD2569: "SUBJ:" and a wrapped second line
    text = (
        "C O N F I D E N T I A L BAGHDAD 002569\n"
        "\n"
        "SUBJ: Prime Minister Accuses Iran of Trying to Destabilize \n"
        "Iraq \n"
    )
    assert kind_of("SUBJ: Prime Minister Accuses Iran of Trying to Destabilize ") == (
        "SUBJECT_LINE"
    )
    assert place_of(text, "Iraq") == ("head/subject", "TEXT_LINE")


@pytest.mark.parametrize(
    "line",
    [
        "REF: STATE 70129 ",  # 09PARIS1052: unlettered
        "REF: A. PARIS 8729 ",  # 05PARIS104: lettered
        "REFS: A. YEREVAN 657, B. State 97802 ",  # 08STATE134490
        "REFS: A) ABU DHABI 301  B) ABU DHABI 199  C) ABU DHABI 170  D) STATE 27497",
        # ^ 09ABUDHABI329
    ],
)
def test_ref_line(line: str) -> None:
    assert kind_of(line) == "REF_LINE"


def test_ref_letters_with_paragraph_sign_belong_to_the_ref() -> None:
    # 05PARIS104: the cablegate page puts a ¶ anchor on the REF letter B
    text = (
        "S E C R E T SECTION 01 OF 02 PARIS 000104 \n"
        "\n"
        "REF: A. PARIS 8729 \n"
        "¶B. PARIS 8918 \n"
        "\n"
        "Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso \n"
        "ns 1.4 b and d. \n"
        "\n"
        "¶1. (C) Summary: The investigation against four former GTMO \n"
    )
    assert kind_of("¶B. PARIS 8918 ") == "LETTERED_LINE"
    assert place_of(text, "¶B. PARIS 8918") == ("head/ref", "LETTERED_LINE")
    assert place_of(text, "¶1. (C) Summary: The investigation against four former GTMO") == (
        "body/paragraph",
        "PARAGRAPH_LINE",
    )


def test_ref_letter_after_a_blank_line() -> None:
    # 05PARIS1699: a blank line between REF A and ¶B
    text = (
        "SS E C R E T SECTION 01 OF 02 PARIS 001699 \n"
        "\n"
        "REF: A. PARIS 1610 \n"
        "\n"
        "¶B. KUJAWINSKI-FRANCE DESK 3/11 E-MAIL \n"
        "\n"
        "Classified By: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, FOR REAS \n"
        "ONS 1.4 B/D \n"
    )
    assert place_of(text, "¶B. KUJAWINSKI-FRANCE DESK 3/11 E-MAIL") == (
        "head/ref",
        "LETTERED_LINE",
    )
    assert place_of(text, "ONS 1.4 B/D")[0] == "head/classified_by"


def test_classified_by_wrapped_mid_word() -> None:
    # 08PARIS114 (and 05PARIS104): "for reaso" / "ns 1.4 b and d."
    text = (
        "C O N F I D E N T I A L PARIS 000114 \n"
        "\n"
        "Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso \n"
        "ns 1.4 b and d. \n"
    )
    assert kind_of("Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso ") == (
        "CLASSIFIED_BY_LINE"
    )
    assert place_of(text, "ns 1.4 b and d.") == ("head/classified_by", "TEXT_LINE")


@pytest.mark.parametrize(
    "line",
    [
        "Classified By: Ambassador Richard E. Hoagland: 1.4 (B), (D)",  # 09ASTANA95
        "CLASSIFIED BY: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, REASONS ",  # 07PARIS170
        "(U) Classified by Ambassador Eric Edelman; reasons: 1.5 (b,d).",  # 04ANKARA348
        "(U) CLASSIFIED BY POLITICAL COUNSELOR JAMES BRUNO;",  # 00HANOI686 (pdf-text)
    ],
)
def test_classified_by_line(line: str) -> None:
    assert kind_of(line) == "CLASSIFIED_BY_LINE"


# ---------------------------------------------------------------------------------------------
# The text
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "¶1. (S) SUMMARY: President Nazarbayev told CENTCOM Commander General Petraeus:",
        # ^ 09ASTANA95
        "¶1.  Post requests the Department's assistance in screening ",  # 07KINGSTON382
        # 09PARIS1052 (pdf-converted) as a plain-text copy that lost its ¶ byte writes it:
        "1.  (SBU) SUMMARY: France actively supports efforts to ",
        "1.(S) Ambassador hosted General Jorge Armando Felix, Minister for Institutional "
        "Security, for lunch at the residence on 4 May 2005.",  # 05BRASILIA1207: no space
        "¶2008. ",  # 09MADRID551: a year, judged by build.py, but the same kind of line
    ],
)
def test_paragraph_marker_lines(line: str) -> None:
    assert kind_of(line) == "PARAGRAPH_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "BERN 00000881  002 OF 002",  # 07BERN881 (cable-format.md §4)
        "ASTANA 00000095 002 OF 003",  # 09ASTANA95
        "SAO PAULO 00000104 002 OF 002 ",  # 09SAOPAULO104: a post with a space
        "TEL AVIV 00000457  002 OF 003 ",  # 09TELAVIV457
    ],
)
def test_continuation_line(line: str) -> None:
    assert kind_of(line) == "CONTINUATION_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "BAKU 00001835  001.2 OF 003 ",  # 06BAKU1835
        "Baku 00000478 002.2 of 003",  # 09BAKU478
        "Kiev 00001261 002 of 004",  # 06KIEV1261
        "MUNICH 00000423 002 of 002",  # 08MUNICH423
    ],
)
def test_continuation_line_variants(line: str) -> None:
    # The "NNN.2 OF NNN" form and the lower-case "of" are the same furniture (they appear in
    # hundreds of cablegate cables); read as text, the line ends up in the TAGS, a REF item
    # or the paragraph text.
    assert kind_of(line) == "CONTINUATION_LINE"


def test_continuation_line_inside_a_paragraph() -> None:
    # 09ASTANA95: the continuation line interrupts a sentence
    text = (
        "¶5. (S) Nazarbayev judged that Iran is a problem in the region, and General Petraeus "
        "fully agreed. Nazarbayev said, \u201cI have good contacts among the leadership in Iran. "
        "I\u2019ve tried to explain to them that Kazakhstan was once nuclear but\n"
        "ASTANA 00000095 002 OF 003\n"
        "fully gave up that status. I tell them it would be to their benefit to be "
        "non-nuclear.\n"
    )
    path, kind = place_of(text, "ASTANA 00000095 002 OF 003")
    assert path.endswith("paragraph")
    assert kind == "CONTINUATION_LINE"


@pytest.mark.parametrize(
    "line",
    [
        "------- ",  # 04AMMAN1288
        "--------------------------------------------- ---- ",  # 66BUENOSAIRES2481
        "--------------------- ",  # 09SINGAPORE529
        "- - - - - - -",  # 10ISLAMABAD399
    ],
)
def test_rule_line(line: str) -> None:
    assert kind_of(line) == "RULE_LINE"


# RULE_LINE as it reads most simply: three or more rule characters, a blank at most between
# two; cable.lark writes the same lines in runs of characters, which match faster
_RULE_SIMPLY = re.compile(r"[ \t]*[-_=*](?:[ \t]?[-_=*]){2,}[ \t]*\n")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="-_=* \t\nx", max_size=20))
def test_a_rule_line_is_what_it_reads_as_most_simply(text: str) -> None:
    rule = pattern("RULE_LINE").match(text)
    simply = _RULE_SIMPLY.match(text)
    assert (rule and rule.end()) == (simply and simply.end())


@pytest.mark.parametrize(
    "line",
    [
        "AFGHANISTAN",  # 09ASTANA95: a heading is plain text to the lexer
        "Speckhard",  # 00ATHENS1501: the signature too
        "fully gave up that status. I tell them it would be to their benefit",  # 09ASTANA95
    ],
)
def test_plain_lines_are_text(line: str) -> None:
    assert kind_of(line) == "TEXT_LINE"


def test_lines_before_the_cable() -> None:
    # 09SINGAPORE529 (date line), 09KHARTOUM881 (<<218634>>)
    assert kind_of("Thursday, 04 June 2009, 09:08") == "DATE_LINE"
    assert kind_of("<<218634>>") == "NOTICE_LINE"


def test_new_text_line_after_a_blank_line() -> None:
    # 09ASTANA95: a heading between two paragraphs stands after a blank line
    text = (
        "¶2. (SBU) U.S. Central Command Commander General David Petraeus met with "
        "Kazakhstan\u2019s President Nursultan Nazarbayev on January 14 for twice the scheduled "
        "time, 70 minutes.\n"
        "\n"
        "AFGHANISTAN\n"
        "\n"
        "¶3. (S) General Petraeus thanked President Nazarbayev for the recent formal "
        "ratification of the long-existing over-flight and divert agreements, as well as for "
        "Kazakhstan\u2019s willingness to participate in the Northern Distribution Network for "
        "Operation Enduring Freedom in Afghanistan.\n"
    )
    path, kind = place_of(text, "AFGHANISTAN")
    assert path.endswith("paragraph")
    assert kind == "NEW_TEXT_LINE"


# ---------------------------------------------------------------------------------------------
# A line not allowed where it stands is read as text; nothing cable-like raises
# ---------------------------------------------------------------------------------------------


def test_subject_line_in_the_body_is_read_as_text() -> None:
    # 09BAKU478: section 2 repeats the SUBJECT line in the middle of ¶5
    subject = (
        "SUBJECT: IRAN VIEW FROM BAKU: VIOLENCE IN BALUCHISTAN REDUCING BORDER SECURITY; "
        "GOAJ OFFICIAL WARNS AGAINST MANIPULATION OF IRAN\u2019S MINORITIES"
    )
    text = (
        "¶5. (C) Another source, xxxxxxxxxxxx blamed the Ahmadinejad\n"
        "administration for pursuing provocative anti-Sunni practices\n"
        "\n"
        f"{subject}\n"
        "\n"
        "and few government services, has increased anger among\n"
    )
    assert kind_of(subject) == "SUBJECT_LINE"
    assert parse_document(text).skipped == ()
    path, kind = place_of(text, subject)
    assert path.endswith("paragraph")
    assert kind in ("TEXT_LINE", "NEW_TEXT_LINE")
    cable = cablekit.parse(text)
    assert cable.subject is None
    assert [p.number for p in cable.paragraphs] == [5]


def test_repeated_head_lines_after_the_paragraphs_are_read_as_text() -> None:
    # 00HARARE6677 repeats its classification, caption and E.O. lines for each section
    text = (
        "¶5. (C) THE OPPOSITION LEADER WENT ON TO SAY THAT THE COUNTRY CANNOT CONTINUE AS IT "
        "HAS FOR ANOTHER SIX MONTHS.\n"
        "C O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677\n"
        "SIPDIS\n"
        "E.O. 12958: DECL: 11/29/10 TAGS: PGOV PREL ECON PINR ZI SA\n"
        "¶6. (C) ON THE GOZ\u2019S REACTION TO A MASS DEMONSTRATION IN HARARE, TSVANGIRAI "
        "BELIEVED THE ARMY WOULDN\u2019T HESITATE TO SHOOT A LOT OF PEOPLE.\n"
    )
    assert [kind_of(line) for line in text.splitlines()[1:4]] == [
        "CLASSIFICATION_LINE",
        "CAPTION_LINE",
        "EO_LINE",
    ]
    assert parse_document(text).skipped == ()
    for line in text.splitlines()[1:4]:
        path, kind = place_of(text, line)
        assert path.endswith("paragraph")
        assert kind in ("TEXT_LINE", "NEW_TEXT_LINE")
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [5, 6]
    assert cable.executive_order is None


@pytest.mark.parametrize("text", ["", "\n", "   \n\n  \n", "\t\n"])
def test_only_blank_lines_raise(text: str) -> None:
    with pytest.raises(cablekit.CableParseError) as caught:
        cablekit.parse(text)
    error = caught.value
    assert error.line >= 1
    assert error.column >= 1
    assert error.text == ""


def test_garbage_raises_with_position() -> None:
    text = "\n\nlorem ipsum dolor sit amet\nconsectetur adipiscing elit\n"
    with pytest.raises(cablekit.CableParseError) as caught:
        cablekit.parse(text)
    error = caught.value
    assert error.line == 3
    assert error.column == 1
    assert error.text == "lorem ipsum dolor sit amet"
    assert isinstance(error, ValueError)


# ---------------------------------------------------------------------------------------------
# The openings of line kinds: parts the line kinds are made of, which the cleaning stage finds
# inside lines run together
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "line", "kind", "opening"),
    [
        # 06PARIS7101, the header of the seed
        ("FL1", "VZCZCXYZ0002", "FL1_LINE", "VZCZCXYZ0002"),
        ("FL2", "OO RUEHWEB", "FL2_LINE", "OO RUEHWEB"),
        ("FL3", "DE RUEHFR #7101/01 3030908", "FL3_LINE", "DE RUEHFR #7101/01 3030908"),
        ("FL4", "ZNY CCCCC ZZH", "FL4_LINE", "ZNY CCCCC"),
        ("FL5", "O 300908Z OCT 06", "FL5_LINE", "O 300908Z OCT 06"),
        ("FM", "FM AMEMBASSY PARIS", "FM_LINE", "FM "),
        ("TO", "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658", "TO_LINE", "TO "),
        ("INFO", "INFO RUEHZG/NATO EU COLLECTIVE PRIORITY", "INFO_LINE", "INFO "),
        ("XMT", "XMT AMEMBASSY SOFIA", "XMT_LINE", "XMT "),
        ("ADDRESSEE_RI", "RUEKJCS/SECDEF WASHINGTON DC PRIORITY", "ADDRESSEE_LINE", "RUEKJCS/S"),
        # 00HANOI686 (pdf-text)
        ("PAGE_NUMBER", "PAGE 02 HANOI 00686 01 OF 07 050821Z", "PAGE_LINE", "PAGE 02"),
        # the seed; the REF items of 06PARIS7101 and 04MADRID3914
        ("PARAGRAPH_NUMBER", "12. (C) France", "PARAGRAPH_LINE", "12."),
        ("ITEM_LETTER", "A. PARIS 8729", "LETTERED_LINE", "A."),
        ("ITEM_LETTER", "B) BRUSSELS 4080", "LETTERED_LINE", "B)"),
    ],
)
def test_a_line_kind_opens_with_its_part(part: str, line: str, kind: str, opening: str) -> None:
    assert kind_of(line) == kind
    found = pattern(part).match(line)
    assert found is not None and found.group() == opening


def test_the_parts_of_an_opening_are_the_line_kinds_parts() -> None:
    fl3 = pattern("FL3").match("DE RUEHFR #7101/01 3030908")
    assert fl3 is not None
    assert fl3.group("station", "serial", "part", "filed") == ("RUEHFR", "7101", "01", "3030908")
    fl5 = pattern("FL5").match("P R 281848Z DEC 66")  # 66BUENOSAIRES2481
    assert fl5 is not None
    assert fl5.group("action", "info", "day", "month", "year") == ("P", "R", "28", "DEC", "66")


def test_an_addressee_is_made_of_its_precedence_and_sequence_number() -> None:
    # 08STATE103511: a sequence number for each of four copies
    addressee = pattern("ADDRESSEE").fullmatch("RUEHKV/AMEMBASSY KYIV NIACT IMMEDIATE 7881-7884")
    assert addressee is not None
    assert addressee.group("ri", "name", "precedence", "sequence") == (
        "RUEHKV",
        "AMEMBASSY KYIV",
        "NIACT IMMEDIATE",
        "7881-7884",
    )
    assert pattern("PRECEDENCE").fullmatch("NIACT IMMEDIATE") is not None
    assert pattern("SEQUENCE_NUMBER").fullmatch("2658") is not None


def test_to_page_is_no_opening_of_a_to_line() -> None:
    # 09STATE15113: "TO PAGE 02        STATE   015113  182333Z" is page furniture
    assert pattern("TO").match("TO PAGE 02") is None
    assert kind_of("TO PAGE 02        STATE   015113  182333Z") == "PAGE_LINE"
