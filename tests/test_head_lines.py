"""Head lines written oddly or run together: the Classified By reasons and name, the E.O.
line inside other lines, the TAGS line and its codes.

Every input is built from real lines of the cable named beside it (cablegate-2010/), checked
through ``cablekit.parse``.
"""

from __future__ import annotations

from datetime import date

import pytest

import cablekit
import cablekit.grammar
from cablekit.models import Cable

# a real classification line (06PARIS7101) put above head lines of other cables, so that the
# input is a cable
CLASSIFICATION = "CONFIDENTIAL PARIS 007101\n\n"


def parse(text: str) -> Cable:
    return cablekit.parse(text)


# ---------------------------------------------------------------------------------------------
# Classified By: reasons
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "reasons"),
    [
        (  # 07PARIS4357: a stop after the section, and "&"
            "Classified By: Ambassador Craig R. Stapleton for reasons 1.4. (b) & (d) .",
            ["1.4(b)", "1.4(d)"],
        ),
        (  # 07PARIS3733: the stop right before the letter, on the next line
            "Classified By: Classified by Polmincouns Josiah Rosenblatt for reasons \n"
            "1.4.(b), (d) ",
            ["1.4(b)", "1.4(d)"],
        ),
        (  # 09ABUJA259: the parenthesis broken over two lines
            "Classified By: Ambassador Robin R. Sanders for reasons 1.4. (b \n& d). ",
            ["1.4(b)", "1.4(d)"],
        ),
        (  # 06MOSCOW11778
            "Classified By: Ambassador William J. Burns. Reasons 1.4. (b and d).",
            ["1.4(b)", "1.4(d)"],
        ),
        (  # 08LONDON1350: a comma after the section
            "Classified By: DCM Richard LeBaron for reasons 1.4, b/d.",
            ["1.4(b)", "1.4(d)"],
        ),
        (  # 08LONDON1115
            "Classified By: Political Minister Counselor Maura Connelly, reason 1.4,  a/b/c/d.",
            ["1.4(a)", "1.4(b)", "1.4(c)", "1.4(d)"],
        ),
        (  # 10KUWAIT45
            "Classified By: Economic Counselor Oliver John for reasons\n1.4, (b), (d), (e).",
            ["1.4(b)", "1.4(d)", "1.4(e)"],
        ),
        (  # 09BAGHDAD197: a range gives every letter in it
            "Classified By: Minister-Counselor for Political-Military Affairs Michae \n"
            "l Corbin for reasons 1.4 (b-d). ",
            ["1.4(b)", "1.4(c)", "1.4(d)"],
        ),
    ],
)
def test_reasons_written_oddly(lines: str, reasons: list[str]) -> None:
    cable = parse(CLASSIFICATION + lines + "\n")
    assert cable.classified_by is not None
    assert cable.classified_by.reasons == reasons


def test_a_dash_backwards_is_no_range() -> None:
    # 06CARACAS219's line with a sentence after a dash: "(D) - A" is the letter d alone
    cable = parse(
        CLASSIFICATION
        + "Classified By: POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 (D) - A NOTE\n"
    )
    assert cable.classified_by is not None
    assert cable.classified_by.reasons == ["1.4(d)"]


# ---------------------------------------------------------------------------------------------
# Classified By: the name
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # 08MADRID620: the suffix's stop, before the comma of the reasons
        ("Classified By: AMBASSADOR EDUARDO AGUIRRE, JR., REASONS 1.4(B),(D).",
         "EDUARDO AGUIRRE, JR."),
        # 10STATE18437: the suffix's stop, before the word "reasons"
        ("Classified By: SCA A/S Robert O. Blake, Jr. reasons 1.4 (b,d)",
         "Robert O. Blake, Jr."),
        # 08USNATO453: a suffix without a stop stays so, and the sentence's stop goes
        ("Classified By: Charge d\u2019Affaires W. Scott Reid III. Reasons 1.4 (b), ( c), (d).",
         "W. Scott Reid III"),
    ],
)  # fmt: skip
def test_a_name_keeps_the_stop_of_its_suffix(line: str, name: str) -> None:
    cable = parse(CLASSIFICATION + line + "\n")
    assert cable.classified_by is not None
    assert cable.classified_by.name == name


@pytest.mark.parametrize(
    ("lines", "authority", "name"),
    [
        (  # 09PARIS848: the name broken after its first letter
            "Classified By: Acting Minister Counselor for Political Affairs Andrew Y \n"
            "oung, 1.4 (b/d). ",
            "Acting Minister Counselor for Political Affairs Andrew Young", "Andrew Young",
        ),
        (  # 07PARIS3668: broken inside the name, the keyword written twice
            "Classified By: Classified By: Political Minister-Counselor Josiah Rosen \n"
            "blatt for reasons 1.4. (b) and (d). ",
            "Classified By: Political Minister-Counselor Josiah Rosenblatt", "Josiah Rosenblatt",
        ),
        (  # 09KABUL3068
            "Classified By: Interagency Provincial Affairs Deputy Coordinator Hoyt Y \n"
            "ee for reasons 1.4 (b) and (d) ",
            "Interagency Provincial Affairs Deputy Coordinator Hoyt Yee", "Hoyt Yee",
        ),
        (  # 09BERLIN1393: broken inside the title
            "Classified By: Robert A. Pollard, Minister-Counselor for Economic Affai \n"
            "rs for Reasons 1.4(b) and (d). ",
            "Robert A. Pollard, Minister-Counselor for Economic Affairs", "Robert A. Pollard",
        ),
        (  # 10KUWAIT45: a line that ends with a whole word is not joined to the next
            "Classified By: Economic Counselor Oliver John for reasons\n1.4, (b), (d), (e).",
            "Economic Counselor Oliver John", "Oliver John",
        ),
    ],
)  # fmt: skip
def test_a_word_broken_across_lines(lines: str, authority: str, name: str) -> None:
    cable = parse(CLASSIFICATION + lines + "\n")
    assert cable.classified_by is not None
    assert (cable.classified_by.authority, cable.classified_by.name) == (authority, name)
    # the field as written keeps the break
    written = " ".join(lines.split()).removeprefix("Classified By: ")
    assert cable.classified_by.text == written


def test_a_lower_case_word_of_its_own_is_not_joined() -> None:
    # 05MADRID1141's field with its second line opening "reasons": no word is broken there
    cable = parse(
        CLASSIFICATION
        + "Classified By: Charge d'Affaires J. Robert Manzanares\nreasons 1.4(b) and (d).\n"
    )
    assert cable.classified_by is not None
    assert cable.classified_by.authority == "Charge d'Affaires J. Robert Manzanares"


# ---------------------------------------------------------------------------------------------
# Classified By written in the text
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "text", "name", "reasons"),
    [
        (  # 09STATE30049: the field is paragraph 1
            "EO 12958 DECL: 3/24/2019 \n"
            "TAGS OVIP (CLINTON, HILLARY), PREL, AS, PK, AF, CH, \n"
            "RS,JA, KS, ASEAN \n"
            "SUBJECT: (U) Secretary Clinton’s March 24, 2009 \n\n"
            "Conversation with Australian Prime Minister Kevin Rudd\n\n"
            "¶1. Classified by Acting EAP A/S Alexander A. Arvizu. Reason: 1.4 (d)\n\n"
            "¶2. (U) March 24; 1:00 p.m.; Washington, DC.\n",
            "Acting EAP A/S Alexander A. Arvizu. Reason: 1.4 (d)", "Alexander A. Arvizu",
            ["1.4(d)"],
        ),
        (  # 09RIODEJANEIRO365: run into the last reference and a continuation line
            "E.O. 12958: DECL: 2019/11/09 \n"
            "TAGS: SOCI SNAR PGOV ASEC BR\n"
            "SUBJECT: RIO WEIGHS OPTIONS FOR NEXT FAVELA PACIFICATION \n\n"
            "REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346; \n\n"
            "RIO DE JANEIRO 353 RIO DE JAN 00000365 001.2 OF 002 CLASSIFIED BY: Dennis W. "
            "Hearne, Principal Officer; REASON: 1.4(B), (D) \n\n"
            "SUMMARY \n\n"
            "¶1. (C) On October 29, the Superintendent for Operational Planning said so.\n",
            "Dennis W. Hearne, Principal Officer; REASON: 1.4(B), (D)", "Dennis W. Hearne",
            ["1.4(b)", "1.4(d)"],
        ),
    ],
)  # fmt: skip
def test_classified_by_in_the_first_paragraph(
    lines: str, text: str, name: str, reasons: list[str]
) -> None:
    cable = parse(CLASSIFICATION + lines)
    assert cable.classified_by is not None
    assert (cable.classified_by.text, cable.classified_by.name) == (text, name)
    assert cable.classified_by.reasons == reasons
    assert text in cable.paragraphs[0].text  # the paragraph keeps its text


def test_classified_by_in_the_text_needs_its_reasons() -> None:
    # 09STATE30049's first paragraph, without the reasons: a sentence of the text
    cable = parse(CLASSIFICATION + "¶1. Classified by Acting EAP A/S Alexander A. Arvizu.\n")
    assert cable.classified_by is None


def test_classified_by_of_the_head_wins() -> None:
    # 02BRASILIA4227's field, then 09STATE30049's paragraph
    cable = parse(
        CLASSIFICATION
        + "Classified By: POLOFF RICHARD REITER FOR REASONS 1.5(b) AND (d). \n\n"
        "¶1. Classified by Acting EAP A/S Alexander A. Arvizu. Reason: 1.4 (d)\n"
    )
    assert cable.classified_by is not None
    assert cable.classified_by.name == "RICHARD REITER"


# ---------------------------------------------------------------------------------------------
# The E.O. line run into another line
# ---------------------------------------------------------------------------------------------


def test_eo_line_run_into_a_passing_line() -> None:
    # 02BRASILIA4227
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 04 BRASILIA 004227 \n\n"
        "SIPDIS \n\n"
        "DEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2012 \n"
        "TAGS: PGOV PREL ECON BR\n\n"
        "Classified By: POLOFF RICHARD REITER FOR REASONS 1.5(b) AND (d). \n"
    )
    assert cable.executive_order is not None
    assert (cable.executive_order.order, cable.executive_order.declassify) == (
        "12958", "11/22/2012",
    )
    assert cable.passing == ["DEPT FOR WHA/BSC"]
    assert cable.tags == ["PGOV", "PREL", "ECON", "BR"]


def test_eo_and_tags_run_into_a_passing_line() -> None:
    # 08BRASILIA429
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 02 BRASILIA 000429 \n\n"
        "SIPDIS \n\n"
        "DEPARTMENT FOR WHA AND PM E.O. 12958: DECL: 03/26/2018 TAGS: PREL BR MARR OVIP\n"
        "SUBJECT: THOUGHTS ON THE VISIT OF DEFENSE MINISTER JOBIM TO WASHINGTON \n"
    )
    assert cable.executive_order is not None
    assert cable.executive_order.declassify == "03/26/2018"
    assert cable.passing == ["DEPARTMENT FOR WHA AND PM"]
    assert cable.tags == ["PREL", "BR", "MARR", "OVIP"]
    assert cable.subject == "THOUGHTS ON THE VISIT OF DEFENSE MINISTER JOBIM TO WASHINGTON"


def test_eo_line_run_into_a_caption() -> None:
    # 09BRASILIA1540: the caption before it is a caption still
    cable = parse(
        "UNCLAS BRASILIA 001540 \n\n"
        "SIPDIS E.O. 12958: N/A \n"
        "TAGS: PTER PREL PGOV BR\n"
        "SUBJECT: BRAZIL: 2009 COUNTRY REPORT ON TERRORISM \n"
    )
    assert cable.executive_order is not None
    assert cable.executive_order.declassify == "N/A"
    assert cable.handling == ["SIPDIS"]
    assert cable.passing == []


def test_classification_line_run_together_with_the_lines_below() -> None:
    # 10MOSCOW228: the classification line, a caption, passing lines and the E.O. line on
    # one line, two blanks apart
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 000228  SIPDIS  STATE FOR EUR/RUS, "
        "EEB TREASURY FOR TORGERSON/WRIGHT NSC FOR MCFAUL WHITE HOUSE FOR USTR EHAFNER  "
        "E.O. 12958: DECL: 01/28/2020 \n\n"
        "TAGS: EINV ETRD RS\n"
    )
    assert (cable.origin, cable.number) == ("MOSCOW", 228)
    assert cable.section is not None and (cable.section.number, cable.section.total) == (1, 2)
    assert cable.handling == ["SIPDIS"]
    assert cable.passing == [
        "STATE FOR EUR/RUS, EEB TREASURY FOR TORGERSON/WRIGHT NSC FOR MCFAUL WHITE HOUSE FOR "
        "USTR EHAFNER"
    ]
    assert cable.executive_order is not None
    assert cable.executive_order.declassify == "01/28/2020"
    assert cable.classification_line is not None
    assert cable.classification_line.text == (
        "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 000228  SIPDIS"
    )


def test_a_second_eo_in_a_passing_line_is_not_read() -> None:
    # 02BRASILIA4227's run-in line twice: the first E.O. holds, the second stays a line
    cable = parse(
        CLASSIFICATION
        + "DEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2012 \n\n"
        + "DEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2013 \n"
        + "TAGS: PGOV PREL ECON BR\n"
    )
    assert cable.executive_order is not None
    assert cable.executive_order.declassify == "11/22/2012"
    assert cable.passing == ["DEPT FOR WHA/BSC", "DEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2013"]


# ---------------------------------------------------------------------------------------------
# The E.O. line: downgrade, and the keyword misspelled
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "downgrade", "downgrade_on"),
    [
        ("E.O. 12958: DNG: CO 01/26/2021 ", "CO 01/26/2021", date(2021, 1, 26)),  # 06CARACAS219
        ("E.O. 12958: DNG: CO 10/18/2029", "CO 10/18/2029", date(2029, 10, 18)),  # 09USNATO464
    ],
)
def test_a_downgrade_date_is_not_the_declassification(
    line: str, downgrade: str, downgrade_on: date
) -> None:
    cable = parse(CLASSIFICATION + line + "\nTAGS: PGOV PREL VE\n")
    order = cable.executive_order
    assert order is not None
    assert (order.declassify, order.declassify_on) == (None, None)
    assert (order.downgrade, order.downgrade_on) == (downgrade, downgrade_on)


def test_a_declassification_has_no_downgrade() -> None:
    # 06PARIS7101
    order = parse(CLASSIFICATION + "E.O. 12958: DECL: 10/30/2016\n").executive_order
    assert order is not None
    assert (order.declassify, order.downgrade, order.downgrade_on) == ("10/30/2016", None, None)


@pytest.mark.parametrize(
    "line",
    [
        "E.O. 12958: DECLl: 05/12/2018 ",  # 08KUWAIT560
        "E.o. 12958: decl: 05/12/2018",  # 09ULAANBAATAR234's spelling
    ],
)
def test_declassification_keyword_spellings(line: str) -> None:
    order = parse(CLASSIFICATION + line + "\n").executive_order
    assert order is not None
    assert (order.declassify, order.declassify_on) == ("05/12/2018", date(2018, 5, 12))


def test_eo_written_with_a_zero() -> None:
    # 09BERLIN1626: "E.0." with a zero is the E.O. line, not a passing line
    cable = parse(
        "UNCLAS SECTION 01 OF 03 BERLIN 001626 \n\nSIPDIS \n\n"
        "E.0. 12958: N/A \nTAGS: OPRC KMDR KGHG US IR CH US\n"
    )
    assert cable.executive_order is not None
    assert (cable.executive_order.order, cable.executive_order.declassify) == ("12958", "N/A")
    assert cable.passing == []


# ---------------------------------------------------------------------------------------------
# TAGS
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["TAS:", "TABS:", "TGS:", "TAGES:", "Tgs:"])
def test_tags_keyword_misspelled(keyword: str) -> None:
    # 06PARIS7101's TAGS line under its keyword misspelled as copies write it
    cable = parse(CLASSIFICATION + f"{keyword} PREL PGOV MARR MOPS FR\n")
    assert cable.tags == ["PREL", "PGOV", "MARR", "MOPS", "FR"]


def test_tags_keyword_misspelled_after_an_eo_line() -> None:
    # 04ANKARA348's run-together line with the TAGS keyword misspelled
    cable = parse(
        CLASSIFICATION + "E.o. 12958: decl: 01/07/2014 Tgs: prel, pgov, pins, tu Subject: x\n"
    )
    assert cable.tags == ["prel", "pgov", "pins", "tu"]
    assert cable.subject == "x"


@pytest.mark.parametrize(
    "line",
    [
        "TGS' next move in the on-going political drama.  Overheated ",  # 07ANKARA1258
        "tabs on rival politicians within the PP itself. Photographic",  # 09MADRID97
    ],
)
def test_words_like_the_misspelled_keyword_are_no_tags_line(line: str) -> None:
    assert cablekit.grammar.line_kind(line) == "TEXT_LINE"


def test_a_label_of_another_field_ends_the_tags() -> None:
    # 03ABUDHABI2641's printout cover: "Captions: None" after a blank line, then Subject
    cable = parse(
        "CONFIDENTIAL\n\n"
        "TAGS:     PREL, EPET, EAID, PGOV                                 \n\n"
        "Captions: None                                                   \n\n"
        "Subject:  UAE TO SUPPORT JORDAN OIL NEEDS FOR THREE MORE MONTHS, \n"
    )
    assert cable.tags == ["PREL", "EPET", "EAID", "PGOV"]
    assert cable.tag_codes == ["PREL", "EPET", "EAID", "PGOV"]
    assert [(u.line, u.text) for u in cable.unparsed] == [(5, "Captions: None")]
    assert cable.subject == "UAE TO SUPPORT JORDAN OIL NEEDS FOR THREE MORE MONTHS,"


@pytest.mark.parametrize(
    ("lines", "tags", "codes"),
    [
        (  # 06PARIS7101: codes as written
            "TAGS: PREL PGOV MARR MOPS FR",
            ["PREL", "PGOV", "MARR", "MOPS", "FR"], ["PREL", "PGOV", "MARR", "MOPS", "FR"],
        ),
        (  # 09STATE30049: a person tag, the field wrapped
            "TAGS OVIP (CLINTON, HILLARY), PREL, AS, PK, AF, CH, \nRS,JA, KS, ASEAN ",
            ["OVIP (CLINTON, HILLARY)", "PREL", "AS", "PK", "AF", "CH", "RS", "JA", "KS",
             "ASEAN"],
            ["OVIP", "CLINTON, HILLARY", "PREL", "AS", "PK", "AF", "CH", "RS", "JA", "KS",
             "ASEAN"],
        ),
        (  # 09BEIJING2964: a person written without parentheses; the tags each word, as the
            # cablegate site linked them (truth.jsonl)
            "TAGS: OVIP STEINBERG JAMES PREL MNUC SN CH KN",
            ["OVIP", "STEINBERG", "JAMES", "PREL", "MNUC", "SN", "CH", "KN"],
            ["OVIP", "STEINBERG, JAMES", "PREL", "MNUC", "SN", "CH", "KN"],
        ),
        (  # 09SANTIAGO324: the same, the field wrapped
            "TAGS: OVIP BIDEN JOSEPH PREL ECON PGOV SOCI UK PK\nAF",
            ["OVIP", "BIDEN", "JOSEPH", "PREL", "ECON", "PGOV", "SOCI", "UK", "PK", "AF"],
            ["OVIP", "BIDEN, JOSEPH", "PREL", "ECON", "PGOV", "SOCI", "UK", "PK", "AF"],
        ),
        (  # 04SANAA2346: OVIP before a code is the visit tag alone
            "TAGS: MASS MOPS OVIP PARM PINR PREL PTER YM COUNTER TERRORISM",
            ["MASS", "MOPS", "OVIP", "PARM", "PINR", "PREL", "PTER", "YM", "COUNTER",
             "TERRORISM"],
            ["MASS", "MOPS", "OVIP", "PARM", "PINR", "PREL", "PTER", "YM", "COUNTER",
             "TERRORISM"],
        ),
        (  # where commas delimit the tags, they are the tags as written
            "TAGS: OVIP, BIDEN, JOSEPH, PREL",
            ["OVIP", "BIDEN", "JOSEPH", "PREL"], ["OVIP", "BIDEN", "JOSEPH", "PREL"],
        ),
        (  # 05SOFIA1207: between commas, words that are no codes are one tag
            "TAGS PINR, KCRM, PGOV, EINV, ECON, KCOR, BU, Organized Crime ",
            ["PINR", "KCRM", "PGOV", "EINV", "ECON", "KCOR", "BU", "Organized", "Crime"],
            ["PINR", "KCRM", "PGOV", "EINV", "ECON", "KCOR", "BU", "ORGANIZED CRIME"],
        ),
        (  # 09BEIJING2963: lower case, and the person's initial
            "Tags: ovip (steinberg, james b.), prel, parm, pgov, econ,\netra, mnuc, marr",
            ["ovip (steinberg, james b.)", "prel", "parm", "pgov", "econ", "etra", "mnuc",
             "marr"],
            ["OVIP", "STEINBERG, JAMES B.", "PREL", "PARM", "PGOV", "ECON", "ETRA", "MNUC",
             "MARR"],
        ),
        (  # 09BEIRUT818: a code no table knows is kept as written; a comma on the second line
            "TAGS: PREL PGOV PINR PTER MASS MARR MOPPS LE SY IR\nPK, AF ",
            ["PREL", "PGOV", "PINR", "PTER", "MASS", "MARR", "MOPPS", "LE", "SY", "IR", "PK",
             "AF"],
            ["PREL", "PGOV", "PINR", "PTER", "MASS", "MARR", "MOPPS", "LE", "SY", "IR", "PK",
             "AF"],
        ),
        (  # 07BERLIN802: ECUN could be EC and UN, but no subject code is in it: kept
            "TAGS: PREL PGOV ECUN EU GM",
            ["PREL", "PGOV", "ECUN", "EU", "GM"], ["PREL", "PGOV", "ECUN", "EU", "GM"],
        ),
    ],
)  # fmt: skip
def test_tag_codes(lines: str, tags: list[str], codes: list[str]) -> None:
    cable = parse(CLASSIFICATION + lines + "\n")
    assert cable.tags == tags
    assert cable.tag_codes == codes
    assert cable.repairs == []


def test_tag_codes_leave_out_sipdis_and_repeats() -> None:
    # 06PARIS7101's TAGS with SIPDIS and a repeat, as 06PARIS2242 repeats KJUS
    cable = parse(CLASSIFICATION + "TAGS: PREL PGOV SIPDIS MARR PREL FR\n")
    assert cable.tag_codes == ["PREL", "PGOV", "MARR", "FR"]


@pytest.mark.parametrize(
    ("line", "number", "codes", "before", "after"),
    [
        # 09PARIS1267 (line 20 of the copy)
        ("TAGS: ECON EINDETRD KIPR PREL FR", 3, ["ECON", "EIND", "ETRD", "KIPR", "PREL", "FR"],
         "EINDETRD", "EIND ETRD"),
        # 09KABUL4150: the codes it splits into are there already
        ("TAGS KDEM, PGOV, PINR, KDEMAF, AF ", 3, ["KDEM", "PGOV", "PINR", "AF"],
         "KDEMAF", "KDEM AF"),
        # the example of a whole field run together
        ("TAGS: KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG", 3,
         ["KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG"],
         "KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG", "KFRD KIRF CVIS CMGT KOCI ASEC PHUM SMIG EG"),
        # 06PARIS7101's TAGS with a zero for the O of PGOV, on its second line
        ("TAGS: PREL\nPG0V MARR", 4, ["PREL", "PGOV", "MARR"], "PG0V", "PGOV"),
    ],
)  # fmt: skip
def test_tag_codes_read_otherwise_are_repairs(
    line: str, number: int, codes: list[str], before: str, after: str
) -> None:
    cable = parse(CLASSIFICATION + line + "\n")
    assert cable.tag_codes == codes
    assert [(r.kind, r.line, r.before, r.after) for r in cable.repairs] == [
        ("tag-code", number, before, after)
    ]
    assert before in cable.tags  # the tags stay as written


@pytest.mark.parametrize(
    "text",
    [
        "PREL PGOV MARR MOPS FR",  # 06PARIS7101
        "PREL PGOV SIPDIS MARR PREL FR",
        "PINR, KCRM, PGOV, EINV, ECON, KCOR, BU, Organized Crime",  # 05SOFIA1207
        "OVIP STEINBERG JAMES PREL MNUC SN CH KN",  # 09BEIJING2964
        "ECON EINDETRD KIPR PREL FR",  # 09PARIS1267
        "prel, pgov, mops, knnp, mg",  # 09ULAANBAATAR234
        "",
    ],
)
def test_tag_codes_fast_and_plain_agree(text: str) -> None:
    from cablekit import _fast
    from cablekit.fields.tag_codes import read_tag_codes

    fast = read_tag_codes(text)
    before = _fast.ENABLED
    _fast.ENABLED = False
    try:
        plain = read_tag_codes(text)
    finally:
        _fast.ENABLED = before
    assert (fast.codes, fast.changes) == (plain.codes, plain.changes)
