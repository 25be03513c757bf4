"""REF lines: items, letters, kinds and canonical cable ids.

Each test quotes the REF line of a real cable (named) from ``cablegate-2010``, except where it
says the line is the issue's own example. Unit tests call :func:`read_references` with the
citing cable's date, post and number, as ``build.py`` does; corpus tests parse whole cables.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fast_switch import plain
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cablekit
from cablekit.fields.cable_refs import cable_year, canonical_post, find_cable_refs
from cablekit.fields.references import cut_off, read_references
from cablekit.models import Cable, Metadata, Reference, ReferenceKind


def ids(references: list[Reference]) -> list[str | None]:
    return [reference.cable_id for reference in references]


def letters(references: list[Reference]) -> list[str | None]:
    return [reference.letter for reference in references]


# -- canonical ids ----------------------------------------------------------------------------


def test_a_reference_without_a_year_takes_the_citing_cables_year() -> None:
    # the issue: "STATE 124823" cited in a 2007 cable is 07STATE124823
    [reference] = read_references("STATE 124823", date(2007, 10, 1))
    assert reference.cable_id == "07STATE124823"
    assert reference.kind is ReferenceKind.CABLE
    assert reference.text == "STATE 124823"


def test_a_written_year_wins_in_every_spelling() -> None:
    # "08 STATE 81854" (the issue); 07MADRID173: "A. 2006 MADRID 3104";
    # 10RIYADH184: "A. 09DHAHRAN 201"; 09SAOPAULO660: "(08) SAO PAULO 581";
    # 09MOSCOW821: "REF: MOSCOW 03242 2008" (the year after the number)
    sent = date(2010, 3, 1)
    assert ids(read_references("08 STATE 81854", sent)) == ["08STATE81854"]
    assert ids(read_references("A. 2006 MADRID 3104", sent)) == ["06MADRID3104"]
    assert ids(read_references("A. 09DHAHRAN 201", sent)) == ["09DHAHRAN201"]
    assert ids(read_references("BRASILIA 1250; RECIFE 66; (08) SAO PAULO 581", sent)) == [
        "10BRASILIA1250",
        "10RECIFE66",
        "08SAOPAULO581",
    ]
    assert ids(read_references("MOSCOW 03242 2008", sent)) == ["08MOSCOW3242"]


def test_a_year_in_parentheses_after_the_number() -> None:
    # 09DOHA214: "REF: A. SECSTATE 15113       B. DOHA 152 (08)      C. DOHA 75 (08)      D.
    # DOHA 311 (07)"; without the years, DOHA 152 and 75 would be 2009's
    text = "A. SECSTATE 15113       B. DOHA 152 (08)      C. DOHA 75 (08)      D. DOHA 311 (07)"
    references = read_references(text, date(2009, 3, 26), post="DOHA", number=214)
    assert ids(references) == ["09STATE15113", "08DOHA152", "08DOHA75", "07DOHA311"]
    assert [r.text for r in references][1] == "DOHA 152 (08)"
    # a year before the next reference stays that reference's
    assert ids(read_references("DOHA 75 (08) SAO PAULO 581", date(2009, 3, 26))) == [
        "09DOHA75", "08SAOPAULO581"
    ]  # fmt: skip


def test_and_previous_is_part_of_the_reference() -> None:
    # 07MADRID1952: "REF: STATE 138377 AND PREVIOUS"; 04RANGOON88: "REF: STATE 297614 AND
    # PREVIOUS 03 RANGOON 1427", sent 20 January 2004
    [reference] = read_references("STATE 138377 AND PREVIOUS", date(2007, 10, 10))
    assert (reference.cable_id, reference.text) == ("07STATE138377", "STATE 138377 AND PREVIOUS")
    references = read_references("STATE 297614 AND PREVIOUS 03 RANGOON 1427", date(2004, 1, 20))
    assert ids(references) == ["03STATE297614", "03RANGOON1427"]


def test_a_redacted_post_gives_no_id() -> None:
    # 10SHENYANG4: "REF: 09 XXXXXXXXXXXX 167"
    [reference] = read_references("09 XXXXXXXXXXXX 167", date(2010, 1, 5))
    assert (reference.kind, reference.cable_id) == (ReferenceKind.CABLE, None)
    assert reference.text == "09 XXXXXXXXXXXX 167"


def test_secstate_is_state_and_posts_lose_their_spaces() -> None:
    # 08RIYADH1134: "A. SECSTATE 74879"; the issue: "SECSTATE WASHDC", "USUN NEW YORK 123";
    # 09RIODEJANEIRO365: "RIO DE JANEIRO 329; RIO DE JANEIRO 346;"
    sent = date(2008, 6, 1)
    assert ids(read_references("A. SECSTATE 74879", sent)) == ["08STATE74879"]
    assert ids(read_references("SECSTATE WASHDC 1234", sent)) == ["08STATE1234"]
    assert ids(read_references("USUN NEW YORK 123", sent)) == ["08USUNNEWYORK123"]
    assert ids(read_references("RIO DE JANEIRO 329; RIO DE JANEIRO 346;", 2009)) == [
        "09RIODEJANEIRO329",
        "09RIODEJANEIRO346",
    ]
    assert canonical_post("EMBASSY VIENNA") == "VIENNA"  # 09UNVIEVIENNA540
    assert canonical_post("IRPO DUBAI") == "RPODUBAI"  # 09ISTANBUL83


def test_leading_zeros_go_and_lower_case_is_read() -> None:
    # 07BERLIN.. style "BERLIN 0674"; 08BERLIN643: "a. 07 state 75839 b. State 15220"
    sent = date(2008, 4, 1)
    assert ids(read_references("a. 07 state 75839 b. State 15220", sent)) == [
        "07STATE75839",
        "08STATE15220",
    ]
    assert ids(read_references("B. 07 BERLIN 0674", sent)) == ["07BERLIN674"]


# -- the turn of the year ---------------------------------------------------------------------


def test_a_number_above_the_citing_cables_own_is_from_the_year_before() -> None:
    # 10BAGHDAD112 (P 170925Z JAN 10): "REF: A. BAGHDAD 3326" / "¶B. 09 BAGHDAD 2237"
    references = read_references(
        "A. BAGHDAD 3326 ¶B. 09 BAGHDAD 2237", date(2010, 1, 17), post="BAGHDAD", number=112
    )
    assert ids(references) == ["09BAGHDAD3326", "09BAGHDAD2237"]
    assert letters(references) == ["A", "B"]


def test_a_number_just_above_is_a_cable_numbered_out_of_order() -> None:
    # 09BRASILIA1411 (R 101608Z DEC 09): "REF: BRASILIA 1412 (EPD SCENESETTER)"
    [reference] = read_references(
        "BRASILIA 1412 (EPD SCENESETTER)", date(2009, 12, 10), post="BRASILIA", number=1411
    )
    assert reference.cable_id == "09BRASILIA1412"
    assert reference.text == "BRASILIA 1412 (EPD SCENESETTER)"


def test_a_number_a_little_above_is_this_years() -> None:
    # 10BUENOSAIRES95 (February 2010): "REF: Buenos Aires 0118; Buenos Aires 0071", where
    # 10BUENOSAIRES111 writes the same cable "10 BUENOS AIRES 118"
    references = read_references(
        "Buenos Aires 0118; Buenos Aires 0071", date(2010, 2, 17), post="BUENOS AIRES", number=95
    )
    assert ids(references) == ["10BUENOSAIRES118", "10BUENOSAIRES71"]


def test_a_number_the_department_cannot_have_reached_yet_is_from_december() -> None:
    # 08RIYADH7 (O 021550Z JAN 08): "REF: SECSTATE 170928"
    [reference] = read_references("SECSTATE 170928", date(2008, 1, 2), post="RIYADH", number=7)
    assert reference.cable_id == "07STATE170928"
    # a small STATE number in January is this year's: 10KABUL104 "REF: SECSTATE 815"
    [reference] = read_references("SECSTATE 815", date(2010, 1, 12), post="KABUL", number=104)
    assert reference.cable_id == "10STATE815"


def test_cable_year_rule() -> None:
    assert cable_year("STATE", 124823, 2007) == 2007
    assert cable_year("STATE", 124823, None) is None
    assert cable_year("PARIS", 8000, date(2006, 1, 3)) == 2005  # 8000 > 3 days x 150
    assert cable_year("PARIS", 400, date(2006, 1, 3)) == 2006
    assert cable_year("SECSTATE", 500, date(2009, 1, 2), own_post="STATE", own_number=9) == 2008
    assert cable_year("SECSTATE", 50, date(2009, 1, 2), own_post="STATE", own_number=9) == 2009


# -- items, letters, lists --------------------------------------------------------------------


def test_one_item_can_cite_several_cables() -> None:
    # 08ALGIERS198: "REF: A. ALGIERS 111  B. ALGIERS 110 AND ALGIERS 140  C. 07 ALGIERS 1806
    # D. 07 ALGIERS 1807 AND 08 ALGIERS 0075  E. ALGIERS 141"
    text = (
        "A. ALGIERS 111  B. ALGIERS 110 AND ALGIERS 140  C. 07 ALGIERS 1806  "
        "D. 07 ALGIERS 1807 AND 08 ALGIERS 0075  E. ALGIERS 141"
    )
    references = read_references(text, date(2008, 2, 20), post="ALGIERS", number=198)
    assert [(r.letter, r.cable_id, r.text) for r in references] == [
        ("A", "08ALGIERS111", "ALGIERS 111"),
        ("B", "08ALGIERS110", "ALGIERS 110"),
        ("B", "08ALGIERS140", "ALGIERS 140"),
        ("C", "07ALGIERS1806", "07 ALGIERS 1806"),
        ("D", "07ALGIERS1807", "07 ALGIERS 1807"),
        ("D", "08ALGIERS75", "08 ALGIERS 0075"),
        ("E", "08ALGIERS141", "ALGIERS 141"),
    ]


def test_letters_and_numbers_listed_together_pair_up() -> None:
    # the example: "A. AND B. STATE 1234 AND 5678"; a range the same way
    references = read_references("A. AND B. STATE 1234 AND 5678", date(2007, 6, 1))
    assert [(r.letter, r.cable_id) for r in references] == [
        ("A", "07STATE1234"),
        ("B", "07STATE5678"),
    ]
    references = read_references("A-C. STATE 11, 12 AND 13", date(2007, 6, 1))
    assert [(r.letter, r.cable_id) for r in references] == [
        ("A", "07STATE11"),
        ("B", "07STATE12"),
        ("C", "07STATE13"),
    ]


def test_doubled_letters_of_the_cablegate_pages_count_once() -> None:
    # 09STATE81957: "REF: A. A. STATE 152989 B. STATE 100646 C. STATE 112304" /
    # "¶B. D. STATE 32213 E. STATE 33076 F. STATE 27306" (the site's ¶B anchor, then D.)
    text = (
        "A. A. STATE 152989 B. STATE 100646 C. STATE 112304 "
        "¶B. D. STATE 32213 E. STATE 33076 F. STATE 27306"
    )
    references = read_references(text, date(2009, 8, 5), post="STATE", number=81957)
    assert letters(references) == ["A", "B", "C", "D", "E", "F"]
    assert ids(references)[3] == "09STATE32213"
    # 05MADRID4026: "REF: REF (A) MADRID 3785 (B) MADRID 3566 (C) SECSTATE"
    references = read_references("REF (A) MADRID 3785 (B) MADRID 3566 (C) SECSTATE", 2005)
    assert letters(references) == ["A", "B", "C"]
    assert [r.kind for r in references] == [ReferenceKind.CABLE] * 3
    assert references[2].cable_id is None  # no number


def test_a_letter_without_its_dot_still_starts_an_item() -> None:
    # 09KUALALUMPUR752: "REF: A. SECSTATE 90063" / "B KUALA LUMPUR 739"
    references = read_references("A. SECSTATE 90063 B KUALA LUMPUR 739", date(2009, 7, 23))
    assert [(r.letter, r.text, r.cable_id) for r in references] == [
        ("A", "SECSTATE 90063", "09STATE90063"),
        ("B", "KUALA LUMPUR 739", "09KUALALUMPUR739"),
    ]


def test_a_wrapped_year_is_not_an_item() -> None:
    # 06PARIS1031: "REF: A. (A) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17" / "¶B. 2006" /
    # "¶C. (B) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 10"
    text = (
        "A. (A) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17 ¶B. 2006 "
        "¶C. (B) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 10"
    )
    references = read_references(text, date(2006, 2, 21))
    assert [(r.letter, r.text, r.kind) for r in references] == [
        ("A", "EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17 2006", ReferenceKind.DOCUMENT),
        ("B", "EMBASSY PARIS DAILY REPORT FOR FEBRUARY 10", ReferenceKind.DOCUMENT),
    ]


# -- kinds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cable", "text", "kind"),
    [
        ("06ISLAMABAD3705", "MAIER - QUINN EMAIL MAIL 06 MARCH 06", ReferenceKind.EMAIL),
        ("07KUWAIT808", "HARRIS/CATO E-MAIL DATED 21-APR-2007", ReferenceKind.EMAIL),
        ("10SANAA317", "MITCHELL/SIMS TELCON 02/16/2010", ReferenceKind.TELCON),
        ("08LONDON1350", "STATE-LONDON SVTC MAY 9", ReferenceKind.TELCON),
        ("06CARACAS219", "TD-314/63777-05 LIMITED DISTRIBUTION", ReferenceKind.DOCUMENT),
        ("06CARACAS219", "IIR 6 902 9698 06", ReferenceKind.DOCUMENT),
        ("08LONDON1350", "MAY 1 GILLARD-TREMONT LETTER", ReferenceKind.DOCUMENT),
        ("09STATE119085", "7 FAM 180", ReferenceKind.DOCUMENT),
        ("08BERLIN1387", "SECDEF MSG DTG 301601z SEP 08", ReferenceKind.CABLE),
        ("10USNATO35", "IMSWM-0028-2010", ReferenceKind.OTHER),
    ],
)
def test_kinds_of_what_is_not_a_numbered_cable(cable: str, text: str, kind: ReferenceKind) -> None:
    [reference] = read_references(text, 2009)
    assert reference.kind is kind, cable
    assert reference.cable_id is None


def test_memcon() -> None:
    [reference] = read_references("A. MEMCON OF MAY 3 MEETING", 2009)
    assert reference.kind is ReferenceKind.MEMCON


def test_an_item_splits_at_semicolons_into_a_cable_and_a_telcon() -> None:
    # 10ABUJA215: "REF: ABUJA 207; FEB 24 A/S CARSON-AMB SANDERS TELCON"
    references = read_references(
        "ABUJA 207; FEB 24 A/S CARSON-AMB SANDERS TELCON", date(2010, 3, 1), post="ABUJA",
        number=215,
    )
    assert [(r.kind, r.cable_id) for r in references] == [
        (ReferenceKind.CABLE, "10ABUJA207"),
        (ReferenceKind.TELCON, None),
    ]


# -- what is not a reference ------------------------------------------------------------------


def test_none_gives_no_reference() -> None:
    # 06PARIS2242: "REF: NONE"
    assert read_references("NONE", 2006) == []


def test_text_run_into_the_ref_field_is_cut_off() -> None:
    # 08KUALALUMPUR317: "REF: STATE 40380" / " (SBU) Poloff delivered reftel demarche ..."
    references = read_references(
        "STATE 40380 (SBU) Poloff delivered reftel demarche and nonpaper to Adi Mohammed",
        date(2008, 4, 22),
    )
    assert [(r.text, r.cable_id) for r in references] == [("STATE 40380", "08STATE40380")]
    # 05BRASILIA2767: "REF: A. STATE 183800 B. BRASILIA 1396 Classified By: Political ..."
    references = read_references(
        "A. STATE 183800 B. BRASILIA 1396 Classified By: Political Officer Bisola Ojikutu",
        2005,
    )
    assert [r.text for r in references] == ["STATE 183800", "BRASILIA 1396"]
    # 07MADRID2282: "REF: MADRID 2251 MADRID 00002282 001.2 OF 002" (a continuation line)
    assert ids(read_references("MADRID 2251 MADRID 00002282 001.2 OF 002", 2007)) == [
        "07MADRID2251"
    ]


def test_numbers_that_are_not_cable_numbers() -> None:
    # 08STOCKHOLM494: "A. USDAO STOCKHOLM DTG 051506ZJUN2008"; 08STATE15220:
    # "l. Mtcr poc 201/2006 - may 16 2006"; 09STATE119085: "(H) 9 FAM 42.1 N4, PN2-5, and PN7"
    for text in (
        "USDAO STOCKHOLM DTG 051506ZJUN2008",
        "Mtcr poc 201/2006 - may 16 2006",
        "9 FAM 42.1 N4, PN2-5, and PN7",
        "08 JAN 08 BAGHDAD O/I (SELF-PROCLAIMED SISTANI EMISSARIES)",
    ):
        assert ids(read_references(text, 2009)) == [None], text


def test_read_references_never_raises() -> None:
    for text in ("", "   ", "A.", "¶", "(A)", "A. AND", "STATE", "1234", "A-Z. 1", "ÿ" * 50):
        read_references(text, date(2009, 1, 1), post="STATE", number=1)


def test_a_digit_other_than_0_to_9_is_no_cable_number() -> None:
    # "²" and "٣" are digits to str.isdigit; int() refuses the first
    for text in ("STATE ²", "STATE ٣", "A. PARIS ²² B. STATE 1234"):
        references = read_references(text, date(2009, 1, 1))
        assert [r.cable_id for r in references if r.cable_id] == (
            ["09STATE1234"] if "1234" in text else []
        ), text


# -- whole cables -----------------------------------------------------------------------------


def parse(corpus: Path, ref_id: str) -> Cable:
    return cablekit.parse((corpus / "cablegate-2010" / f"{ref_id}.txt").read_bytes())


def test_parsed_cable_gives_canonical_ids(corpus: Path) -> None:
    # 10BAGHDAD112: "REF: A. BAGHDAD 3326" / "¶B. 09 BAGHDAD 2237", sent 17 January 2010
    cable = parse(corpus, "10BAGHDAD112")
    assert [(r.letter, r.cable_id, r.kind) for r in cable.references] == [
        ("A", "09BAGHDAD3326", ReferenceKind.CABLE),
        ("B", "09BAGHDAD2237", ReferenceKind.CABLE),
    ]
    data = cable.model_dump(mode="json")["references"][0]
    assert data == {"letter": "A", "text": "BAGHDAD 3326", "cable_id": "09BAGHDAD3326",
                    "kind": "cable"}


def test_a_classified_by_line_joined_to_the_ref_line_is_read(corpus: Path) -> None:
    # 05BRASILIA2767: "REF: A. STATE 183800 B. BRASILIA 1396 Classified By: Political Officer
    # Bisola Ojikutu for Reasons 1.4 (b) and (d)"
    cable = parse(corpus, "05BRASILIA2767")
    assert [r.text for r in cable.references] == ["STATE 183800", "BRASILIA 1396"]
    assert cable.classified_by is not None
    assert (cable.classified_by.title, cable.classified_by.name) == (
        "Political Officer",
        "Bisola Ojikutu",
    )
    assert cable.classified_by.reasons == ["1.4(b)", "1.4(d)"]


def _head(*lines: str) -> str:
    return "S E C R E T STATE 119085 \n\n" + "".join(f"{line}\n" for line in lines)


def test_a_list_lettered_in_parentheses_is_read_to_its_end() -> None:
    # 09STATE119085: "(C)" looks like a portion marking, but below "(B) ..." it is item C
    text = _head(
        "REF: (A) 08 STATE 061194 ",
        "(B) 7 FAM 180 ",
        "(C) 09 STATE 030541 ",
        "(D) 04 STATE 061816 ",
        "(E) 2 FAM 227 ",
        "(F) 08 STATE 110175 ",
        "(G) 09 STATE 110904 ",
        "(H) 9 FAM 42.1 N4, PN2-5, and PN7 ",
        "",
        "¶1. (U) Text.",
    )
    cable = cablekit.parse(text)
    assert letters(cable.references) == list("ABCDEFGH")
    assert [i for i in ids(cable.references) if i] == [
        "08STATE61194", "09STATE30541", "04STATE61816", "08STATE110175", "09STATE110904"
    ]  # fmt: skip
    assert [p.number for p in cable.paragraphs] == [1]


def test_a_refs_keyword_with_its_items_below() -> None:
    # 09STATE14070: "REFS:" alone, the items on the lines below
    text = _head(
        "REFS:",
        "(A) 2005 STATE 165022",
        "(B) 2005 MOSCOW 11807",
        "(C) 2005 STATE 117165",
        "(D) 2005 MOSCOW 8915",
        "(E) 2004 STATE 257697",
        "(F) 2004 MOSCOW 15123",
        "(G) 2004 STATE 188657",
        "(H) 2004 MOSCOW 14726",
        "(I) CIS DOC.",
        "",
        "CLASSIFIED BY EUR/FO ? IAN KELLY, REASONS: 1.4 (B) AND (D).",
    )
    cable = cablekit.parse(text)
    assert ids(cable.references) == [
        "05STATE165022", "05MOSCOW11807", "05STATE117165", "05MOSCOW8915", "04STATE257697",
        "04MOSCOW15123", "04STATE188657", "04MOSCOW14726", None,
    ]  # fmt: skip
    assert cable.references[-1].kind is ReferenceKind.DOCUMENT


def test_a_portion_marked_paragraph_below_a_ref_field_is_text() -> None:
    # 08KUALALUMPUR317's "(SBU) Poloff delivered reftel", below a list lettered A. and B.:
    # only "(C)" below a line that opens with "(B)" continues the list
    text = _head("REF: A. STATE 40380", "B. STATE 40381", "(C) Poloff delivered reftel.")
    cable = cablekit.parse(text)
    assert letters(cable.references) == ["A", "B"]
    assert cable.paragraphs[0].text == "(C) Poloff delivered reftel."


def test_reftels_inside_paragraphs_are_not_references(corpus: Path) -> None:
    # 08BRASILIA1378's only REF is run into its subject line, "SUBJECT: BRAZIL DEFORESTATION
    # UPDATE - OCTOBER, 2008 REF: BRASILIA 1159 ..."; ¶5 ends "... the new national Amazon
    # Fund (REFTEL)."
    cable = parse(corpus, "08BRASILIA1378")
    assert any("REFTEL" in p.text for p in cable.paragraphs)
    assert [r.text for r in cable.references] == ["BRASILIA 1159"]


@pytest.mark.parametrize(
    ("line", "subject", "expected"),
    [
        # 10BRASILIA49
        (
            "SUBJECT: BRAZIL'S PRESIDENTIAL ELECTIONS: DILMA ROUSSEFF COMES UP FAST BEHIND "
            "JOSE SERRA REF: RIO DE JANEIRO 32 ",
            "BRAZIL'S PRESIDENTIAL ELECTIONS: DILMA ROUSSEFF COMES UP FAST BEHIND JOSE SERRA",
            ["10RIODEJANEIRO32"],
        ),
        # 08LONDON1991: the keyword written onto the subject's last word
        (
            "SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939  "
            "B. LONDON 1704",
            "(C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIME",
            ["10LONDON1939", "10LONDON1704"],
        ),
        # 10MOSCOW228: the REF and the Classified By line both run into the subject
        (
            "SUBJECT: RUSSIAN DRAFT BILL WOULD REQUIRE ON-SHORE CREDIT CARD PROCESSING  REF: "
            "MOSCOW 00079  Classified By: ECONMINCOUNS Matthias Mitman for Reasons 1.4(b) and "
            "(d)  ",
            "RUSSIAN DRAFT BILL WOULD REQUIRE ON-SHORE CREDIT CARD PROCESSING",
            ["10MOSCOW79"],
        ),
        # 08RIYADH1134: "REF" without a colon is a word of the subject
        (
            "SUBJECT: SAUDIS ON IRAN REF UPCOMING NAM FM MEETING ",
            "SAUDIS ON IRAN REF UPCOMING NAM FM MEETING",
            [],
        ),
    ],
)
def test_a_ref_run_into_the_subject_line(line: str, subject: str, expected: list[str]) -> None:
    text = (
        "C O N F I D E N T I A L BRASILIA 000049 \n"
        "\n"
        "E.O. 12958: DECL: 01/14/2020 \n"
        f"{line}\n"
        "\n"
        "¶1. (C) Text.\n"
    )
    cable = cablekit.parse(text, metadata=Metadata(source="text", reference_id="10BRASILIA49"))
    assert cable.subject == subject
    assert ids(cable.references) == expected


def test_corpus_references_have_cable_ids(corpus: Path) -> None:
    """Of the cable references in cables that carry a date, nearly all get an id."""
    folder = corpus / "cablegate-2010"
    dated = with_id = total = 0
    for path in sorted(folder.glob("*.txt")):
        cable = cablekit.parse(path.read_bytes())
        total += len(cable.references)
        if cable.created is None:
            continue
        for reference in cable.references:
            if reference.kind is ReferenceKind.CABLE:
                dated += 1
                with_id += reference.cable_id is not None
    assert total > 1500
    assert with_id / dated >= 0.99


# -- the fast path ----------------------------------------------------------------------------



_PIECES = [
    "STATE", "SECSTATE", "WASHDC", "PARIS", "RIO", "DE", "JANEIRO", "USUN", "NEW", "YORK",
    "EMBASSY", "VIENNA", "AMEMBASSY", "XXXXXXXXXXXX", "ST", "PETERSBURG", "WHITE", "HOUSE",
    "TELCON", "DATED", "JAN", "A.", "B", "O’NEILL", "D'ARCY", "AT&T", "U.S.", "MID-EAST", "x",
    "1", "08", "(08)", "2008", "1234", "123456", "1234567", "²", "AND", ",", ";", "A1", "1A",
    "1999", "2107", "008",
]


@settings(max_examples=2000, deadline=None)
@example(["TELCON", "2008", "PARIS", "1234"], " ")  # a year before the post
@example(["STATE", "1234", "AND", "5678", "PARIS", "8729"], " ")  # a number continued
@example(["08", "RIO", "DE", "JANEIRO", "1234"], " ")  # a year before a post of three words
@example(["2008", "A.", "PARIS", "1234"], " ")  # a year, then a word that is no post's
@example(["2107", "PARIS", "1234"], " ")  # four digits that are no year
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10), st.sampled_from([" ", ""]))
def test_the_fast_path_finds_what_the_plain_code_finds(pieces: list[str], space: str) -> None:
    text = space.join(pieces)
    fast = find_cable_refs(text)
    with plain():
        assert find_cable_refs(text) == fast, text


# what may be run into a REF field, and what may stand around it
_RUN_INTO = [
    "Classified", "CLASSIFIED BY", "claſſified by", "xclassified by", "DERIVED FROM", "derived",
    "SENSITIVE BUT UNCLASSIFIED", "ſensitive but unclassified", "---", "--", "___", "_",
    "(SBU) Poloff", "((SBU) x", "a(C/NF) y", "(U//FOUO)", "1. (C)", "¶12. (S//NF)", "1.(C)",
    "123. (C)", "¶", "(", ")", "A.", "STATE 1234", "PARIS", "8729", "by", "x",
]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@example(["1. (C)", "x"], " ")  # a marker at the start
@given(st.lists(st.sampled_from(_RUN_INTO), min_size=1, max_size=8), st.sampled_from([" ", ""]))
def test_what_is_cut_off_is_the_same_both_ways(pieces: list[str], space: str) -> None:
    text = space.join(pieces)
    fast = cut_off(text)
    with plain():
        assert cut_off(text) == fast, text
