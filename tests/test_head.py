"""The head of the text: classification line, captions, passing lines, E.O., TAGS, SUBJECT,
REF and Classified By, plus the reference id and the date built from them.

Every input is made of real lines of a named cable (corpus files in cablegate-2010/,
pdf-text/, pdf-converted/; 06PARIS7101 as quoted in cable-format.md §2-3), checked through
``cablekit.parse``.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

import cablekit
from cablekit.models import Cable, Classification, Metadata


def parse(text: str) -> Cable:
    return cablekit.parse(text)


def reasons_of(text: str) -> list[str]:
    cable = parse(text)
    assert cable.classified_by is not None
    return cable.classified_by.reasons


def authority_of(text: str) -> str:
    cable = parse(text)
    assert cable.classified_by is not None
    return cable.classified_by.authority


def references_of(text: str) -> list[tuple[str | None, str, str | None]]:
    return [(r.letter, r.text, r.cable_id) for r in parse(text).references]


# a real classification line (06PARIS7101) put above head lines of other cables, so that the
# input is a cable
CLASSIFICATION = "CONFIDENTIAL PARIS 007101\n"

PARIS_7101 = (
    # 06PARIS7101 (cable-format.md §2 and §3)
    "VZCZCXYZ0002\n"
    "OO RUEHWEB\n"
    "DE RUEHFR #7101/01 3030908\n"
    "ZNY CCCCC ZZH\n"
    "O 300908Z OCT 06\n"
    "FM AMEMBASSY PARIS\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\n"
    "\n"
    "CONFIDENTIAL PARIS 007101\n"
    "SIPDIS\n"
    "SIPDIS\n"
    "FOR S/CRS OSCAR DE SOTO\n"
    "E.O. 12958: DECL: 10/30/2016\n"
    "TAGS: PREL PGOV MARR MOPS FR\n"
    "SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO\n"
    "EQUIVALENT ORGANIZATION\n"
    "Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D\n"
)

# 09SAOPAULO104: the header's first and last lines, and the head
SAO_PAULO_104 = (
    "VZCZCXRO7173\n"
    "PP RUEHRG\n"
    "DE RUEHSO #0104/01 0501910\n"
    "ZNY CCCCC ZZH\n"
    "P 191910Z FEB 09\n"
    "FM AMCONSUL SAO PAULO\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 8969\n"
    "RUEAIIA/CIA WASHDC PRIORITY\n"
    "\n"
    "CC O N F I D E N T I A L SECTION 01 OF 02 SAO PAULO 000104 \n"
    "\n"
    "SIPDIS \n"
    "\n"
    "STATE FOR WHA AND PM, PM/DTTC, AND PM/RSAT \n"
    "DEFENSE FOR DEPSECDEF, USDP, USD AT&L \n"
    "\n"
    "E.O. 12958: DECL: 03/14/2018 \n"
    "TAGS: PREL MARR MOPS ETTC BR\n"
    "SUBJECT: EMBRAER'S CURADO -- ADVICE ON FX2 AND VIEWS ON THE \n"
    "FINANCIAL CRISIS \n"
    "\n"
    "REF: A. BRASILIA 73 \n"
    "¶B. SAOPAULO 31 \n"
    "\n"
    "Classified By: Consul General Thomas White; Reasons 1.4 (b) and (d). \n"
    "\n"
    "¶1. (C) SUMMARY: Ambassador Sobel met with Embraer CEO \n"
)


# ---------------------------------------------------------------------------------------------
# The classification line
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "level", "origin", "number"),
    [
        ("CONFIDENTIAL PARIS 007101", Classification.CONFIDENTIAL, "PARIS", 7101),  # 06PARIS7101
        ("UNCLAS PARIS 001052 ", Classification.UNCLASSIFIED, "PARIS", 1052),  # 09PARIS1052
        ("S E C R E T PARIS 000170 ", Classification.SECRET, "PARIS", 170),  # 07PARIS170
        # 05PARIS1699
        ("SS E C R E T SECTION 01 OF 02 PARIS 001699 ", Classification.SECRET, "PARIS", 1699),
        # 07BAGHDAD146
        ("E C R E T SECTION 01 OF 03 BAGHDAD 000146 ", Classification.SECRET, "BAGHDAD", 146),
        # 09SAOPAULO104
        (
            "CC O N F I D E N T I A L SECTION 01 OF 02 SAO PAULO 000104 ",
            Classification.CONFIDENTIAL, "SAO PAULO", 104,
        ),
        # 10BAGHDAD290
        ("O N F I D E N T I A L BAGHDAD 000290 ", Classification.CONFIDENTIAL, "BAGHDAD", 290),
        # 06MANAGUA1002
        ("UUNCLAS MANAGUA 001002 ", Classification.UNCLASSIFIED, "MANAGUA", 1002),
        # 88BAGHDAD28
        ("S e c r e t state 068250", Classification.SECRET, "STATE", 68250),
        # 04ANKARA348
        (
            "C o n f i d e n t i a l section 01 of 04 ankara 000348",
            Classification.CONFIDENTIAL, "ANKARA", 348,
        ),
        # 66BUENOSAIRES2481
        ("UNCLASSIFIED BUENOS AIRES 2481 ", Classification.UNCLASSIFIED, "BUENOS AIRES", 2481),
        # 90CAPETOWN97
        (
            "C O N F I D E N T I A L SECTION 01 OF 03 CAPE TOWN 000097 ",
            Classification.CONFIDENTIAL, "CAPE TOWN", 97,
        ),
    ],
)
def test_classification_line_values(
    line: str, level: Classification, origin: str, number: int
) -> None:
    cable = parse(line + "\n")
    assert cable.classification is level
    assert cable.origin == origin
    assert cable.number == number


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("S E C R E T SECTION 01 OF 03 ASTANA 000095 ", (1, 3)),  # 09ASTANA95
        ("C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069 ", (1, 2)),  # 75TEHRAN2069
        ("C o n f i d e n t i a l section 01 of 04 ankara 000348", (1, 4)),  # 04ANKARA348
        ("UNCLAS PARIS 001052 ", None),  # 09PARIS1052
    ],
)
def test_section(line: str, section: tuple[int, int] | None) -> None:
    cable = parse(line + "\n")
    found = (cable.section.number, cable.section.total) if cable.section else None
    assert found == section


@pytest.mark.parametrize(
    "line",
    [
        "CONFIDENTIAL ",  # a bare level, as in 90CAPETOWN97's "CONFIDENTIAL" page heading ...
        "CONFIDENTIAL",  # ... which has no trailing space (cable-format.md §3 lists it)
    ],
)
def test_classification_line_without_post(line: str) -> None:
    cable = parse(line + "\nE.O. 12356:  DECL:  OADR \n")
    assert cable.classification is Classification.CONFIDENTIAL
    assert cable.origin is None
    assert cable.number is None


def test_classification_with_caveats_on_the_line() -> None:
    # 10BOGOTA243: "S E C R E T BOGOTA 000243 SIPDIS NOFORN"
    cable = parse("S E C R E T BOGOTA 000243 SIPDIS NOFORN \nE.O. 12958: DECL: 2035/02/12 \n")
    assert cable.classification is Classification.SECRET
    assert (cable.origin, cable.number) == ("BOGOTA", 243)
    assert cable.handling == ["SIPDIS", "NOFORN"]


# ---------------------------------------------------------------------------------------------
# Handling: captions and caveats, first appearance order, no duplicates
# ---------------------------------------------------------------------------------------------


def test_handling_without_duplicates() -> None:
    # 06PARIS7101: "SIPDIS" twice
    assert parse(PARIS_7101).handling == ["SIPDIS"]


def test_handling_in_order_of_appearance() -> None:
    # 10SARAJEVO134: "NOFORN" then "SIPDIS"
    cable = parse(
        "S E C R E T SECTION 01 OF 04 SARAJEVO 000134 \n"
        "\n"
        "NOFORN \n"
        "SIPDIS \n"
        "\n"
        "EUR/SCE FOR HYLAND, FOOKS \n"
        "NSC FOR HOVENIER \n"
        "\n"
        "E.O. 12958: DECL: 02/09/2020 \n"
    )
    assert cable.handling == ["NOFORN", "SIPDIS"]
    assert cable.passing == ["EUR/SCE FOR HYLAND, FOOKS", "NSC FOR HOVENIER"]


def test_noforn_from_a_second_classification_line() -> None:
    # 06CARACAS219: "SIPDIS", then "SECRET NOFORN", then "SIPDIS" twice more
    cable = parse(
        "S E C R E T SECTION 01 OF 06 CARACAS 000219 \n"
        "\n"
        "SIPDIS \n"
        "\n"
        "SECRET NOFORN \n"
        "\n"
        "SIPDIS \n"
        "SIPDIS \n"
        "\n"
        "HQSOUTHCOM ALSO FOR POLAD \n"
        "FOR FRC LAMBERT \n"
    )
    assert cable.handling == ["SIPDIS", "NOFORN"]
    assert (cable.origin, cable.number) == ("CARACAS", 219)
    assert cable.passing == ["HQSOUTHCOM ALSO FOR POLAD", "FOR FRC LAMBERT"]


def test_noforn_from_a_caption_line() -> None:
    # 08LONDON2673
    cable = parse(
        "C O N F I D E N T I A L LONDON 002673 \n"
        "\n"
        "NOFORN \n"
        "\n"
        "STATE FOR NEA/MAG AND L/LEI \n"
        "EO 12958 DECL: 10/23/2018 \n"
    )
    assert cable.handling == ["NOFORN"]
    assert cable.passing == ["STATE FOR NEA/MAG AND L/LEI"]


def test_noforn_and_not_for_internet_distribution() -> None:
    # 09STATE15113
    cable = parse(
        "S E C R E T STATE 015113  \n"
        "\n"
        "NOFORN, NOT FOR INTERNET DISTRIBUTION \n"
        "\n"
        "E.O. 12958: DECL: 1/29/2019 \n"
    )
    assert cable.handling == ["NOFORN", "NOT FOR INTERNET DISTRIBUTION"]


def test_noforn_from_a_portion_marking() -> None:
    # 08LONDON1991: no NOFORN caption, but the paragraphs are marked (C/NF)
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 05 LONDON 001991 \n"
        "\n"
        "SIPDIS\n"
        "\n"
        "STATE FOR EUR/WE, NSC FOR BRADLEY\n"
        "\n"
        "EO 12958 DECL: 07/31/2018\n"
        "TAGS PGOV, PREL, PINR, UK\n"
        "\n"
        "Classified By: Ambassador Robert H. Tuttle, reasons 1.4 b, d.\n"
        "¶1. (C/NF) Summary. As Gordon Brown lurches from political disaster to disaster, "
        "Westminster is abuzz with speculation about whether he will be replaced.\n"
    )
    assert cable.handling == ["SIPDIS", "NOFORN"]


def test_no_noforn_without_marking() -> None:
    # 09PARIS1052: SBU paragraphs do not make a cable NOFORN
    cable = parse(
        "UNCLAS PARIS 001052 \n"
        " \n"
        "SIPDIS \n"
        " \n"
        "E.O. 12958: N/A \n"
        "TAGS: PHUM UN FR\n"
        "SUBJECT: FRANCE - COUNTER TORTURE INITIATIVES \n"
        " \n"
        "¶1.  (SBU) SUMMARY: France actively supports efforts to \n"
    )
    assert cable.handling == ["SIPDIS"]


def test_caption_in_mixed_case() -> None:
    # 88BAGHDAD28: the head is in mixed case, and so is its caption "Sipdis"
    cable = parse(
        "S e c r e t state 068250\n"
        "\n"
        "Sipdis\n"
        "\n"
        "E.o. 12958: decl: 07/01/2034\n"
        "Tags: mtcre, parm, prel, ettc, mnuc, tspa, ir, gm, ch\n"
    )
    assert cable.handling == ["SIPDIS"]
    assert cable.passing == []


# ---------------------------------------------------------------------------------------------
# Passing lines
# ---------------------------------------------------------------------------------------------


def test_passing_lines() -> None:
    cable = parse(PARIS_7101)
    assert cable.passing == ["FOR S/CRS OSCAR DE SOTO"]
    cable = parse(SAO_PAULO_104)
    assert cable.passing == [
        "STATE FOR WHA AND PM, PM/DTTC, AND PM/RSAT",
        "DEFENSE FOR DEPSECDEF, USDP, USD AT&L",
    ]


# ---------------------------------------------------------------------------------------------
# E.O. line
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "order", "declassify", "declassify_on"),
    [
        ("E.O. 12958: DECL: 10/30/2016", "12958", "10/30/2016", date(2016, 10, 30)),  # 06PARIS7101
        ("EO 12958 DECL: 01/19/2029 ", "12958", "01/19/2029", date(2029, 1, 19)),  # 09ASTANA95
        ("E.o. 12958: decl: 07/01/2034", "12958", "07/01/2034", date(2034, 7, 1)),  # 88BAGHDAD28
        ("E.O 12958:  DECL:  02/08/20 ", "12958", "02/08/20", date(2020, 2, 8)),  # 10PARIS174
        ("E.O. 12958: DECL: 1/29/2019 ", "12958", "1/29/2019", date(2019, 1, 29)),  # 09STATE15113
        ("E.O. 12958: DECL: 2035/02/12 ", "12958", "2035/02/12", date(2035, 2, 12)),  # 10BOGOTA243
        ("E.O. 12958: N/A ", "12958", "N/A", None),  # 09PARIS1052
        ("E.O. 12356:  DECL:  OADR ", "12356", "OADR", None),  # 90CAPETOWN97
        ("E.O.12356: DECL:OADR ", "12356", "OADR", None),  # 89PANAMA8545
        ("E.O. 11652: GDS ", "11652", "GDS", None),  # 75TEHRAN2069
        # 79TEHRAN8980
        (
            "E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P ",
            "12065", "GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P", date(1985, 8, 12),
        ),
    ],
)
def test_executive_order(
    line: str, order: str, declassify: str, declassify_on: date | None
) -> None:
    cable = parse(CLASSIFICATION + line + "\n")
    eo = cable.executive_order
    assert eo is not None
    assert eo.order == order
    assert eo.declassify == declassify
    assert eo.declassify_on == declassify_on


def test_executive_order_with_tags_on_the_same_line() -> None:
    # 00HARARE6677 (section 2): "E.O. 12958: DECL: 11/29/10 TAGS: PGOV PREL ECON PINR ZI SA"
    cable = parse(
        "C O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677\n"
        "SIPDIS\n"
        "E.O. 12958: DECL: 11/29/10 TAGS: PGOV PREL ECON PINR ZI SA\n"
    )
    assert cable.executive_order is not None
    assert cable.executive_order.declassify == "11/29/10"
    assert cable.executive_order.declassify_on == date(2010, 11, 29)
    assert cable.tags == ["PGOV", "PREL", "ECON", "PINR", "ZI", "SA"]


# ---------------------------------------------------------------------------------------------
# TAGS
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "tags"),
    [
        ("TAGS: PREL PGOV MARR MOPS FR", ["PREL", "PGOV", "MARR", "MOPS", "FR"]),  # 06PARIS7101
        # 09ASTANA95
        ("TAGS PGOV, PREL, AF, IR, RS, KZ ", ["PGOV", "PREL", "AF", "IR", "RS", "KZ"]),
        (
            "TAG PTER, PGOV, ASEC, EFIN, ENRG, KCIP ",  # 09STATE15113
            ["PTER", "PGOV", "ASEC", "EFIN", "ENRG", "KCIP"],
        ),
        (
            "TAG:\xa0 PTER, MOPS, PINS, PREL, PGOV, PHUM, CO ",  # 10BOGOTA243
            ["PTER", "MOPS", "PINS", "PREL", "PGOV", "PHUM", "CO"],
        ),
        (
            "Tags: mtcre, parm, prel, ettc, mnuc, tspa, ir, gm, ch",  # 88BAGHDAD28: as written
            ["mtcre", "parm", "prel", "ettc", "mnuc", "tspa", "ir", "gm", "ch"],
        ),
    ],
)
def test_tags_spellings(lines: str, tags: list[str]) -> None:
    assert parse(CLASSIFICATION + lines + "\n").tags == tags


def test_person_tag_is_kept_whole_and_wrapped_tags_are_read() -> None:
    # 09SINGAPORE529: a person tag, and the list wraps onto "KN"
    cable = parse(
        "S E C R E T SINGAPORE 000529 \n"
        "EO 12958 DECL: 06/04/2029 \n"
        "TAGS OVIP (STEINBERG, JAMES B.), PREL, MNUC, ECON, SN, CH, \n"
        "KN \n"
        "SUBJECT: DEPUTY SECRETARY STEINBERG\u2019S MAY 30, 2009 \n"
        "CONVERSATION WITH SINGAPORE MINISTER MENTOR LEE KUAN YEW\n"
    )
    assert cable.tags == [
        "OVIP (STEINBERG, JAMES B.)", "PREL", "MNUC", "ECON", "SN", "CH", "KN",
    ]


def test_tags_line_followed_by_a_continuation_line() -> None:
    # 09BAKU478: the section's continuation line stands between TAGS and SUBJECT
    cable = parse(
        "S E C R E T SECTION 01 OF 03 BAKU 000478\n"
        "\n"
        "SIPDIS\n"
        "\n"
        "EO 12958 DECL: 06/03/2019\n"
        "TAGS PREL, PTER, SNAR, ENRG, ELTN, AJ, PK, TU, TX, IR\n"
        "BAKU 00000478 001.2 OF 003\n"
        "SUBJECT: IRAN VIEW FROM BAKU: VIOLENCE IN BALUCHISTAN\n"
    )
    assert cable.tags == ["PREL", "PTER", "SNAR", "ENRG", "ELTN", "AJ", "PK", "TU", "TX", "IR"]


# ---------------------------------------------------------------------------------------------
# SUBJECT
# ---------------------------------------------------------------------------------------------


def test_subject_wrapped() -> None:
    assert parse(PARIS_7101).subject == (
        "FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO EQUIVALENT ORGANIZATION"
    )


def test_subject_whitespace_collapsed() -> None:
    # 09ASTANA95: two spaces after each colon, a trailing space, a wrapped line
    cable = parse(
        "S E C R E T SECTION 01 OF 03 ASTANA 000095 \n"
        "EO 12958 DECL: 01/19/2029 \n"
        "TAGS PGOV, PREL, AF, IR, RS, KZ \n"
        "SUBJECT:  KAZAKHSTAN:  CENTCOM CDR PETRAEUS MEETS PRESIDENT \n"
        "NAZARVAYEV, JANUARY 14\n"
        "\n"
        "Classified By: Ambassador Richard E. Hoagland: 1.4 (B), (D)\n"
    )
    assert cable.subject == (
        "KAZAKHSTAN: CENTCOM CDR PETRAEUS MEETS PRESIDENT NAZARVAYEV, JANUARY 14"
    )


def test_subj_spelling() -> None:
    # 90CAPETOWN97
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 03 CAPE TOWN 000097 \n"
        "E.O. 12356:  DECL:  OADR \n"
        "TAGS: PGOV PHUM SF\n"
        "SUBJ:  ESSA MOOSA TALKS ABOUT MANDELA AND OTHER TOPICS \n"
    )
    assert cable.subject == "ESSA MOOSA TALKS ABOUT MANDELA AND OTHER TOPICS"


def test_subject_in_mixed_case_wrapped() -> None:
    # 88BAGHDAD28
    cable = parse(
        "S e c r e t state 068250\n"
        "\n"
        "E.o. 12958: decl: 07/01/2034\n"
        "Tags: mtcre, parm, prel, ettc, mnuc, tspa, ir, gm, ch\n"
        "Subject: german test chamber sold by chinese subsidiary to\n"
        "iran's dio (s)\n"
    )
    assert cable.subject == "german test chamber sold by chinese subsidiary to iran's dio (s)"


# ---------------------------------------------------------------------------------------------
# REF
# ---------------------------------------------------------------------------------------------


def test_unlettered_reference_with_the_citing_year() -> None:
    # 09PARIS1052 (pdf-converted): the DTG year 2009 completes "STATE 70129"
    cable = parse(
        "O 031636Z AUG 09\n"
        "FM AMEMBASSY PARIS\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 6915\n"
        "UNCLAS PARIS 001052 \n"
        " \n"
        "SUBJECT: FRANCE - COUNTER TORTURE INITIATIVES \n"
        " \n"
        "REF: STATE 70129 \n"
    )
    assert [(r.letter, r.text, r.cable_id) for r in cable.references] == [
        (None, "STATE 70129", "09STATE70129"),
    ]


def test_lettered_references_with_paragraph_sign() -> None:
    # 09SAOPAULO104: "REF: A. BRASILIA 73" / "¶B. SAOPAULO 31", cited in 2009
    assert references_of(SAO_PAULO_104) == [
        ("A", "BRASILIA 73", "09BRASILIA73"),
        ("B", "SAOPAULO 31", "09SAOPAULO31"),
    ]


def test_references_without_a_date_have_no_cable_id() -> None:
    # 05PARIS104 (no header): the citing year is unknown
    assert references_of(
        "S E C R E T SECTION 01 OF 02 PARIS 000104 \n"
        "\n"
        "REF: A. PARIS 8729 \n"
        "¶B. PARIS 8918 \n"
    ) == [("A", "PARIS 8729", None), ("B", "PARIS 8918", None)]


def test_references_with_the_citing_year_from_metadata() -> None:
    # 05PARIS1699 with the page's Created date (2005-03-14 17:05)
    cable = cablekit.parse(
        "SS E C R E T SECTION 01 OF 02 PARIS 001699 \n"
        "\n"
        "REF: A. PARIS 1610 \n"
        "\n"
        "¶B. KUJAWINSKI-FRANCE DESK 3/11 E-MAIL \n",
        metadata=Metadata(
            source="text", created=datetime(2005, 3, 14, 17, 5, tzinfo=timezone.utc)
        ),
    )
    assert [(r.letter, r.cable_id) for r in cable.references] == [("A", "05PARIS1610"), ("B", None)]
    assert cable.references[1].text == "KUJAWINSKI-FRANCE DESK 3/11 E-MAIL"


def test_reference_numbers_above_the_own_number_are_last_year() -> None:
    # 05PARIS104, sent 6 January 2005 (page's Created date), cites PARIS 8729 and 8918: Paris
    # numbers start again at 1 each January, so these are 2004 cables
    cable = cablekit.parse(
        "S E C R E T SECTION 01 OF 02 PARIS 000104 \n"
        "\n"
        "REF: A. PARIS 8729 \n"
        "¶B. PARIS 8918 \n",
        metadata=Metadata(
            source="text", created=datetime(2005, 1, 6, 17, 5, tzinfo=timezone.utc)
        ),
    )
    assert [r.cable_id for r in cable.references] == ["04PARIS8729", "04PARIS8918"]


def test_reference_with_its_own_year() -> None:
    # 10BOGOTA243: "REF: 10 BOGOTA 171"; 00ATHENS1501: "REF: 09 STATE 96625" in a 2000 cable
    cable = parse(
        "R 231510Z SEP 00 ZDS\n"
        "FM AMEMBASSY ATHENS\n"
        "TO RUEHC/SECSTATE WASHDC 0727\n"
        "\n"
        "UNCLAS ATHENS 001501\n"
        "E.O. 12958: N/A\n"
        "REF: 09 STATE 96625\n"
    )
    assert [(r.text, r.cable_id) for r in cable.references] == [
        ("09 STATE 96625", "09STATE96625"),
    ]


def test_reference_to_secstate_is_a_state_cable() -> None:
    # 09MADRID551: "¶B. SECSTATE 56239"
    cable = parse(
        "P 090656Z JUN 09\n"
        "FM AMEMBASSY MADRID\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 0742\n"
        "\n"
        "C O N F I D E N T I A L SECTION 01 OF 03 MADRID 000551 \n"
        "\n"
        "REF: A. MADRID 351 \n"
        "     ¶B. SECSTATE 56239 \n"
        "     ¶C. MADRID 440 \n"
    )
    assert [(r.letter, r.cable_id) for r in cable.references] == [
        ("A", "09MADRID351"), ("B", "09STATE56239"), ("C", "09MADRID440"),
    ]


def test_refs_with_parenthesis_letters() -> None:
    # 09ABUDHABI329
    cable = parse(
        "O 011235Z APR 09\n"
        "FM AMEMBASSY ABU DHABI\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2314\n"
        "\n"
        "C O N F I D E N T I A L ABU DHABI 000329 \n"
        "\n"
        "REFS: A) ABU DHABI 301  B) ABU DHABI 199  C) ABU DHABI 170  D) STATE 27497\n"
    )
    assert [(r.letter, r.text, r.cable_id) for r in cable.references] == [
        ("A", "ABU DHABI 301", "09ABUDHABI301"),
        ("B", "ABU DHABI 199", "09ABUDHABI199"),
        ("C", "ABU DHABI 170", "09ABUDHABI170"),
        ("D", "STATE 27497", "09STATE27497"),
    ]


def test_reference_with_a_four_digit_year() -> None:
    # 09BAKU478: "REF: A) KARACHI 145 B) 2008 BAKU 917" - B was sent in 2008
    cable = parse(
        "R 121211Z JUN 09\n"
        "FM AMEMBASSY BAKU\n"
        "TO RUEHC/SECSTATE WASHDC 1358\n"
        "\n"
        "S E C R E T SECTION 01 OF 03 BAKU 000478\n"
        "REF: A) KARACHI 145 B) 2008 BAKU 917\n"
    )
    assert [(r.letter, r.cable_id) for r in cable.references] == [
        ("A", "09KARACHI145"), ("B", "08BAKU917"),
    ]


def test_continuation_line_after_the_references_is_not_a_reference() -> None:
    # 06BAKU1835: the continuation line follows the last REF item
    cable = parse(
        "P 200807Z DEC 06\n"
        "FM AMEMBASSY BAKU\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 2003\n"
        "\n"
        "C O N F I D E N T I A L SECTION 01 OF 03 BAKU 001835 \n"
        " \n"
        "REF: A. BAKU 1761 \n"
        " \n"
        "     ¶B. BAKU 1819 \n"
        "     ¶C. BAKU 1700 \n"
        " \n"
        "BAKU 00001835  001.2 OF 003 \n"
        " \n"
        " \n"
        "Classified By: Charge Jason P. Hyland for reasons 1.4 (b) and (d). \n"
    )
    assert [(r.letter, r.text, r.cable_id) for r in cable.references] == [
        ("A", "BAKU 1761", "06BAKU1761"),
        ("B", "BAKU 1819", "06BAKU1819"),
        ("C", "BAKU 1700", "06BAKU1700"),
    ]


def test_doubled_reference_letters() -> None:
    # 00ATHENS1501 (pdf-text) doubles its letters "A. A)STATE 70789"; 06CARACAS219 writes
    # "A. A: HAVANA 00118" - the second letter is not part of the reference
    athens = parse(
        "R 231510Z SEP 00 ZDS\n"
        "FM AMEMBASSY ATHENS\n"
        "TO RUEHC/SECSTATE WASHDC 0727\n"
        "\n"
        "UNCLAS ATHENS 001501\n"
        "REF: 09 STATE 96625; A. A)STATE 70789; B. B) SEOUL 1144\n"
    )
    assert [(r.letter, r.text) for r in athens.references] == [
        (None, "09 STATE 96625"), ("A", "STATE 70789"), ("B", "SEOUL 1144"),
    ]
    caracas = parse(
        "P 301912Z JAN 06\n"
        "FM AMEMBASSY CARACAS\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 2920\n"
        "\n"
        "S E C R E T SECTION 01 OF 06 CARACAS 000219 \n"
        "REF: A. A: HAVANA 00118 \n"
        "¶B. B: HAVANA 00697 \n"
    )
    assert [(r.letter, r.text, r.cable_id) for r in caracas.references] == [
        ("A", "HAVANA 00118", "06HAVANA118"),
        ("B", "HAVANA 00697", "06HAVANA697"),
    ]


# ---------------------------------------------------------------------------------------------
# Classified By
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "authority", "reasons"),
    [
        (  # 06PARIS7101
            "Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D",
            "Political Minister-Counselor Josiah Rosenblatt", ["1.4(b)", "1.4(d)"],
        ),
        (  # 09SAOPAULO104
            "Classified By: Consul General Thomas White; Reasons 1.4 (b) and (d). ",
            "Consul General Thomas White", ["1.4(b)", "1.4(d)"],
        ),
        (  # 09ASTANA95
            "Classified By: Ambassador Richard E. Hoagland: 1.4 (B), (D)",
            "Ambassador Richard E. Hoagland", ["1.4(b)", "1.4(d)"],
        ),
        (  # 08LONDON2673
            "Classified By: Charge d\u2019Affaires Richard LeBaron, reasons 1.4 b, d",
            "Charge d\u2019Affaires Richard LeBaron", ["1.4(b)", "1.4(d)"],
        ),
        (  # 04ANKARA348
            "(U) Classified by Ambassador Eric Edelman; reasons: 1.5 (b,d).",
            "Ambassador Eric Edelman", ["1.5(b)", "1.5(d)"],
        ),
        (  # 04AMMAN1288
            "Classified By: Amb. Edward W. Gnehm for reasons 1.5 (b) (d)",
            "Amb. Edward W. Gnehm", ["1.5(b)", "1.5(d)"],
        ),
        (  # 00HANOI686 (pdf-text): wrapped, and in capitals
            "(U) CLASSIFIED BY POLITICAL COUNSELOR JAMES BRUNO;\nREASONS 1.5 (B) AND (D).",
            "POLITICAL COUNSELOR JAMES BRUNO", ["1.5(b)", "1.5(d)"],
        ),
        (  # 00HARARE6677
            "CLASSIFIED BY AMBASSADOR TOM MCDONALD FOR REASONS 1.5 (B) AND (D).",
            "AMBASSADOR TOM MCDONALD", ["1.5(b)", "1.5(d)"],
        ),
        (  # 10BOGOTA243
            "CLASSIFIED BY: Brian A. Nichols, Deputy Chief of Mission; REASON: 1.4(B), (C), (D) ",
            "Brian A. Nichols, Deputy Chief of Mission", ["1.4(b)", "1.4(c)", "1.4(d)"],
        ),
        (  # 05PARIS104: wrapped mid-word
            "Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso \n"
            "ns 1.4 b and d. ",
            "Political Minister-Counselor Josiah Rosenblatt", ["1.4(b)", "1.4(d)"],
        ),
        (  # 05PARIS1699: wrapped mid-word, in capitals
            "Classified By: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, FOR REAS \n"
            "ONS 1.4 B/D ",
            "POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT", ["1.4(b)", "1.4(d)"],
        ),
    ],
)
def test_classified_by(lines: str, authority: str, reasons: list[str]) -> None:
    cable = parse(CLASSIFICATION + "\n" + lines + "\n")
    assert cable.classified_by is not None
    assert cable.classified_by.authority == authority
    assert cable.classified_by.reasons == reasons


@pytest.mark.parametrize(
    "lines",
    [
        # 88BAGHDAD28
        "Classified By: ISN/MTR DIRECTOR PAM DURHAM FOR REASONS\n1.4 (b), (c), and (d).",
        # 08STATE134490
        "Classified By: EUR/FO DAS Garber, Reasons 1.4 (b), \n(c), and (d). ",
    ],
)
def test_classified_by_reasons_with_comma_and(lines: str) -> None:
    # ", and (d)": the last letter of a list is as much a reason as the others
    assert reasons_of(CLASSIFICATION + "\n" + lines + "\n") == ["1.4(b)", "1.4(c)", "1.4(d)"]


def test_classified_by_wrapped_inside_and() -> None:
    # 09MADRID551: "for reasons 1.4 (b) a" / "nd (d)" - the word "and" is cut, not a reason (a)
    assert reasons_of(
        "C O N F I D E N T I A L SECTION 01 OF 03 MADRID 000551 \n\n"
        "Classified By: Charge D'Affaires Arnold A. Chacon for reasons 1.4 (b) a \n"
        "nd (d) \n"
    ) == ["1.4(b)", "1.4(d)"]


def test_classified_by_authority_without_for() -> None:
    # 06CARACAS219: "... DOWNES FOR 1.4 (D)" - "FOR" belongs to the reason, not the name
    text = (
        "S E C R E T SECTION 01 OF 06 CARACAS 000219 \n"
        "\n"
        "Classified By: POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 (D) \n"
    )
    assert reasons_of(text) == ["1.4(d)"]
    assert authority_of(text) == "POLITICAL COUNSELOR ROBERT R. DOWNES"


# ---------------------------------------------------------------------------------------------
# Reference id and date
# ---------------------------------------------------------------------------------------------


def test_id_and_created_from_the_dtg() -> None:
    cable = parse(PARIS_7101)
    assert cable.id == "06PARIS7101"
    assert cable.origin == "PARIS"
    assert cable.number == 7101
    assert cable.created == datetime(2006, 10, 30, 9, 8, tzinfo=timezone.utc)


def test_id_of_a_post_with_spaces() -> None:
    # 09SAOPAULO104
    cable = parse(SAO_PAULO_104)
    assert cable.origin == "SAO PAULO"
    assert cable.id == "09SAOPAULO104"
    assert cable.created == datetime(2009, 2, 19, 19, 10, tzinfo=timezone.utc)


def test_id_of_an_old_cable() -> None:
    # 90CAPETOWN97
    cable = parse(
        "R 171512Z JAN 90\n"
        "FM AMCONSUL CAPE TOWN\n"
        "TO SECSTATE WASHDC 5365\n"
        "\n"
        "C O N F I D E N T I A L SECTION 01 OF 03 CAPE TOWN 000097 \n"
    )
    assert cable.id == "90CAPETOWN97"
    assert cable.created == datetime(1990, 1, 17, 15, 12, tzinfo=timezone.utc)


def test_no_date_no_id() -> None:
    # 05PARIS104 has no header: neither created nor id can be told
    cable = parse("S E C R E T SECTION 01 OF 02 PARIS 000104 \n")
    assert cable.created is None
    assert cable.id is None


def test_created_from_metadata() -> None:
    created = datetime(2005, 1, 6, 17, 5, tzinfo=timezone.utc)
    cable = cablekit.parse(
        "S E C R E T SECTION 01 OF 02 PARIS 000104 \n",
        metadata=Metadata(source="text", created=created),
    )
    assert cable.created == created
    assert cable.id == "05PARIS104"


def test_classified_by_joined_onto_the_subject_line() -> None:
    # 09BRASILIA1383: the copy ran the SUBJECT and Classified By lines together
    cable = cablekit.parse(
        "C O N F I D E N T I A L BRASILIA 001383\n"
        "\n"
        "E.O. 12958: DECL: 11/13/2019\n"
        "TAGS: ENRG ECON EINV BR\n"
        "SUBJECT: BRAZIL: BLACKOUT -CAUSES AND IMPLICATIONS Classified By: Charge "
        "d'Affaires Cherie Jackson, Reasons 1.4 (b) and (d).\n"
        "\n"
        "¶1. (C) Summary.\n"
    )
    assert cable.subject == "BRAZIL: BLACKOUT -CAUSES AND IMPLICATIONS"
    assert cable.classified_by is not None
    assert cable.classified_by.authority == "Charge d'Affaires Cherie Jackson"
    assert cable.classified_by.reasons == ["1.4(b)", "1.4(d)"]
