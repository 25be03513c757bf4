"""The text of a cable: paragraphs, headings, continuation lines, false paragraph numbers,
summary, comment, signature.

Every input is made of real lines of a named cable (corpus files in cablegate-2010/,
pdf-text/, pdf-converted/), checked through ``cablekit.parse``.
"""

from __future__ import annotations

import pytest

import cablekit
from cablekit.models import Cable, Paragraph


def parse(text: str) -> Cable:
    return cablekit.parse(text)


def numbered(cable: Cable) -> dict[int, Paragraph]:
    return {p.number: p for p in cable.paragraphs if p.number is not None}


def unparsed_texts(cable: Cable) -> list[str]:
    return [u.text for u in cable.unparsed]


# ---------------------------------------------------------------------------------------------
# Paragraphs: number, marking, text, line
# ---------------------------------------------------------------------------------------------

PARIS_1052 = (
    # 09PARIS1052 (pdf-converted), the head and the start of ¶1
    "UNCLAS PARIS 001052 \n"  # line 1
    " \n"
    "SIPDIS \n"
    " \n"
    "DEPARTMENT FOR DRL/MLGA KRISTEN MCGEENY \n"  # line 5
    " \n"
    "E.O. 12958: N/A \n"
    "TAGS: PHUM UN FR\n"
    "SUBJECT: FRANCE - COUNTER TORTURE INITIATIVES \n"
    " \n"  # line 10
    "REF: STATE 70129 \n"
    " \n"
    "¶1.  (SBU) SUMMARY: France actively supports efforts to \n"  # line 13
    "prevent torture and protect victims through membership in \n"
    "international conventions and participation in regional \n"
)


def test_paragraph_number_marking_text_and_line() -> None:
    cable = parse(PARIS_1052)
    assert len(cable.paragraphs) == 1
    paragraph = cable.paragraphs[0]
    assert paragraph.number == 1
    assert paragraph.marking == "SBU"
    assert paragraph.line == 13
    # lines joined by single spaces, the trailing spaces and the double space gone
    assert paragraph.text == (
        "SUMMARY: France actively supports efforts to prevent torture and protect victims "
        "through membership in international conventions and participation in regional"
    )
    assert paragraph.heading is None


def test_paragraph_sign_as_latin1_byte() -> None:
    # 09PARIS1052 as the pdf-converted file holds it: Latin-1, CRLF, ¶ = 0xB6
    data = (
        b"UNCLAS PARIS 001052 \r\n"
        b" \r\n"
        b"\xb61.  (SBU) SUMMARY: France actively supports efforts to \r\n"
        b"prevent torture and protect victims through membership in \r\n"
    )
    cable = cablekit.parse(data)
    assert [(p.number, p.marking, p.line) for p in cable.paragraphs] == [(1, "SBU", 3)]
    assert cable.paragraphs[0].text == (
        "SUMMARY: France actively supports efforts to prevent torture and protect victims "
        "through membership in"
    )


def test_plain_number_without_paragraph_sign() -> None:
    # 09PARIS1052 as a plain-text copy that lost its ¶ byte writes ¶1
    cable = parse(
        "UNCLAS PARIS 001052 \n"
        " \n"
        "1.  (SBU) SUMMARY: France actively supports efforts to \n"
        "prevent torture and protect victims through membership in \n"
    )
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(1, "SBU")]


def test_number_without_space_before_the_marking() -> None:
    # 05BRASILIA1207: "1.(S)" - the page gave it no anchor, but it is ¶1
    cable = parse(
        "S E C R E T BRASILIA 001207 \n"
        "\n"
        "1.(S) Ambassador hosted General Jorge Armando Felix, Minister for Institutional "
        "Security, for lunch at the residence on 4 May 2005.\n"
        "\n"
        "2.(S) The Tri-Border Region: The Ambassador asked General Felix for an assessment of "
        "the transnational crime situation in the tri-border region of Brazil, Argentina and "
        "Paraguay.\n"
    )
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(1, "S"), (2, "S")]
    assert cable.paragraphs[0].text.startswith("Ambassador hosted General Jorge Armando Felix")
    assert cable.paragraphs[1].text.startswith("The Tri-Border Region:")


@pytest.mark.parametrize(
    ("line", "number", "marking", "start"),
    [
        # 05PARIS104
        ("¶1. (C) Summary: The investigation against four former GTMO ", 1, "C", "Summary:"),
        # 09PARIS1052
        ("¶1.  (SBU) SUMMARY: France actively supports efforts to ", 1, "SBU", "SUMMARY:"),
        # 08LONDON2673
        (
            "¶1. (C/NF) Summary. Convicted Pam Am 103 bomber Abdelbasset al-Megrahi has "
            "inoperable, incurable cancer, but it is not clear how long he has to live",
            1, "C/NF", "Summary. Convicted",
        ),
        # 06CARACAS219
        ("¶1. (S//NF) As noted in REF A, the Venezuelan relationship ", 1, "S//NF", "As noted"),
        # 09MADRID551
        ("¶10. (C//NF) The GOS has asked for an appointment with the ", 10, "C//NF", "The GOS"),
        # 09STATE15113
        (
            "¶1. (U//FOUO) This is an action request; see Para. 13.    ",
            1, "U//FOUO", "This is an action request",
        ),
        # 10BOGOTA243
        (
            "¶1. (S/NF) Post has received disparate accounts of a January 30 air strike carried "
            "out by the Colombia Air Force",
            1, "S/NF", "Post has received",
        ),
        # 72TEHRAN1164: no marking
        (
            "¶1. ON FEB 24 CHARGE WAS CONVOKED BY MINSTER OF WAR, GEN. REZANUZIMI, ON "
            "INSTRUCTIONS FROM SHAH.",
            1, None, "ON FEB 24 CHARGE",
        ),
    ],
)
def test_paragraph_marking(line: str, number: int, marking: str | None, start: str) -> None:
    cable = parse("CONFIDENTIAL PARIS 007101\n\n" + line + "\n")
    paragraph = cable.paragraphs[-1]
    assert paragraph.number == number
    assert paragraph.marking == marking
    assert paragraph.text.startswith(start)


def test_paragraph_line_numbers_are_1_based() -> None:
    # 09ASTANA95: paragraphs right after the Classified By line
    cable = parse(
        "S E C R E T SECTION 01 OF 03 ASTANA 000095 \n"  # 1
        "\n"
        "SIPDIS \n"
        "\n"
        "Classified By: Ambassador Richard E. Hoagland: 1.4 (B), (D)\n"  # 5
        "\n"
        "¶1. (S) SUMMARY: President Nazarbayev told CENTCOM Commander General Petraeus:\n"  # 7
        "\n"
        "¶2. (SBU) U.S. Central Command Commander General David Petraeus met with "
        "Kazakhstan\u2019s President Nursultan Nazarbayev on January 14 for twice the scheduled "
        "time, 70 minutes.\n"  # 9
    )
    assert [(p.number, p.line) for p in cable.paragraphs] == [(1, 7), (2, 9)]


# ---------------------------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------------------------


ASTANA_95 = (
    # 09ASTANA95, ¶2 to ¶5 and ¶11 (the page's one-line paragraphs cut after a sentence)
    "S E C R E T SECTION 01 OF 03 ASTANA 000095 \n"  # 1
    "\n"
    "¶2. (SBU) U.S. Central Command Commander General David Petraeus met with Kazakhstan\u2019s "
    "President Nursultan Nazarbayev on January 14 for twice the scheduled time, 70 minutes.\n"
    "\n"
    "AFGHANISTAN\n"  # 5
    "\n"
    "¶3. (S) General Petraeus thanked President Nazarbayev for the recent formal ratification "
    "of the long-existing over-flight and divert agreements, as well as for Kazakhstan\u2019s "
    "willingness to participate in the Northern Distribution Network for Operation Enduring "
    "Freedom in Afghanistan.\n"
    "\n"
    "IRAN\n"  # 9
    "\n"
    "¶5. (S) Nazarbayev judged that Iran is a problem in the region, and General Petraeus "
    "fully agreed. Nazarbayev said, \u201cI have good contacts among the leadership in Iran. "
    "I\u2019ve tried to explain to them that Kazakhstan was once nuclear but\n"
    "ASTANA 00000095 002 OF 003\n"  # 12
    "fully gave up that status. I tell them it would be to their benefit to be "
    "non-nuclear.\n"
    "\n"
    "¶11. (U) General Petraeus has cleared this cable. HOAGLAND\n"
)


def test_short_line_between_paragraphs_is_a_heading() -> None:
    cable = parse(ASTANA_95)
    paragraphs = numbered(cable)
    assert paragraphs[3].heading == "AFGHANISTAN"
    assert paragraphs[5].heading == "IRAN"
    assert paragraphs[2].heading is None
    assert "AFGHANISTAN" not in paragraphs[2].text
    assert "IRAN" not in paragraphs[3].text.split()


def test_dash_underlined_heading() -> None:
    # 09SINGAPORE529
    cable = parse(
        "S E C R E T SINGAPORE 000529 \n"
        # ¶3's first and last sentences
        "¶3. (S) SUMMARY: Deputy Secretary Steinberg used his meeting with Minister Mentor Lee "
        "Kuan Yew to stress the importance of Chinese cooperation in addressing the North Korea "
        "nuclear issue and to elicit MM Lee\u2019s views on China and North Korea. MM Lee also "
        "offered views on the Chinese economy, Taiwan, Chinese leaders, and U.S.-China "
        "relations. End Summary.\n"
        "China and North Korea\n"
        "--------------------- \n"
        "¶4. (S) Deputy Secretary Steinberg met with Singapore Minister Mentor Lee Kuan Yew on "
        "May 30 on the margins of the Shangri-La Dialogue, the annual international security "
        "forum held in Singapore.\n"
    )
    paragraphs = numbered(cable)
    assert paragraphs[4].heading == "China and North Korea"
    assert paragraphs[3].text.endswith("End Summary.")
    assert "--------------------- " not in paragraphs[3].text


def test_dash_underlined_heading_after_a_blank_line() -> None:
    # 07BEIJING1668
    cable = parse(
        "C O N F I D E N T I A L BEIJING 001668 \n"
        "\n"
        "¶1. (C) Vice Premier Wu Yi personally intervened in\n"
        "Gao's visit to the United States not be \"politicized.\"\n"
        "End Summary.\n"
        "\n"
        "Candid Talk in an Informal Setting\n"
        "----------------------------------\n"
        "\n"
        "¶2. (C) Vice Foreign Minister Yang Jiechi topped the\n"
    )
    paragraphs = numbered(cable)
    assert paragraphs[2].heading == "Candid Talk in an Informal Setting"
    assert paragraphs[1].text.endswith("End Summary.")


def test_dash_framed_heading() -> None:
    # 04AMMAN1288
    cable = parse(
        "S E C R E T SECTION 01 OF 02 AMMAN 001288 \n"
        "\n"
        "¶1. (S) FonMin Muasher told the Ambassador February 18 that the Iraq neighbors Foreign "
        "Ministers meeting in Kuwait had been frank and productive, with the neighbors arguing "
        "strongly for guarantees of Iraqi unity and the rights of Iraqi minorities. END "
        "SUMMARY\n"
        "----------------------------------- \n"
        "PRODUCTIVE FONMIN MEETING IN KUWAIT\n"
        "----------------------------------- \n"
        "\n"
        "¶2. (S) Foreign Minister Marwan Muasher described the Iraq neighboring states Foreign "
        "Ministers meeting to the Ambassador and PolCouns February 18 as \u201ca good honest "
        "discussion.\u201d\n"
    )
    paragraphs = numbered(cable)
    assert paragraphs[2].heading == "PRODUCTIVE FONMIN MEETING IN KUWAIT"
    assert paragraphs[1].text.endswith("END SUMMARY")
    # the rules are furniture: kept in unparsed, out of the text
    assert unparsed_texts(cable).count("-----------------------------------") == 2


@pytest.mark.parametrize(
    "text",
    [
        # 04AMMAN1288: "------- / SUMMARY / -------" right below the Classified By line
        "S E C R E T SECTION 01 OF 02 AMMAN 001288 \n"
        "\n"
        "Classified By: Amb. Edward W. Gnehm for reasons 1.5 (b) (d)\n"
        "------- \n"
        "SUMMARY\n"
        "------- \n"
        "\n"
        "¶1. (S) FonMin Muasher told the Ambassador February 18 that the Iraq neighbors "
        "Foreign Ministers meeting in Kuwait had been frank and productive, with the neighbors "
        "arguing strongly for guarantees of Iraqi unity and the rights of Iraqi minorities. "
        "END SUMMARY\n",
        # 10SEOUL290: "Summary" / "-------" right below the Classified By line: a heading
        "C O N F I D E N T I A L SEOUL 000290 \n"
        "SUBJECT: A/S CAMPBELL\u2019S FEBRUARY 3 MEETING WITH NSA KIM \n"
        "Classified By: Ambassador D. Kathleen Stephens. Reasons 1.4 (b/d).\n"
        "Summary\n"
        "------- \n"
        "\u00b61. (C) During a February 3 meeting, National Security Adviser Kim Sung-hwan told "
        "EAP Assistant Secretary Campbell the ROKG wished to have discussions with Washington "
        "about delaying the planned transfer of wartime operation control to Korea. End "
        "summary.\n",
        # 00GABORONE5265 (pdf-text): the field's last line ends with a stop above the frame
        "C O N F I D E N T I A L SECTION 01 OF 02 GABORONE 005265\n"
        "\n"
        "(U) CLASSIFIED BY POL/ECON CHIEF MICHAEL MORROW, REASON\n"
        "1.5 (B) AND (D).\n"
        "-------\n"
        "SUMMARY\n"
        "-------\n"
        "\n"
        "\u00b61. (C) SADC FOREIGN AND DEFENSE MINISTERS HAVE REACHED\n",
        # 09BAKU478: "Summary" / "--------" after a blank line below the Classified By line
        "S E C R E T SECTION 01 OF 03 BAKU 000478\n"
        "\n"
        "Classified By: POL/ECON COUNSELOR ROBERT GARVERICK, FOR REASONS 1.4 (B) AND (D) \n"
        "\n"
        "Summary\n"
        "--------\n"
        "\n"
        "¶1. (C) \"Iran view from Baku\" is the first in an occasional\n",
    ],
)
def test_heading_between_the_head_and_the_first_paragraph(text: str) -> None:
    cable = parse(text)
    assert cable.classified_by is not None
    assert cable.classified_by.reasons in (["1.5(b)", "1.5(d)"], ["1.4(b)", "1.4(d)"])
    assert "SUMMARY" not in cable.classified_by.authority.upper()
    first = cable.paragraphs[0]
    assert first.number == 1
    assert first.heading is not None
    assert first.heading.upper() == "SUMMARY"


def test_framed_summary_heading_after_a_blank_line() -> None:
    # 05MADRID1141: a blank line between the Classified By line and the frame
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 04 MADRID 001141\n"
        "\n"
        "Classified By: Charge d'Affaires J. Robert Manzanares,\n"
        "reasons 1.4(b) and (d).\n"
        "\n"
        "-------\n"
        "SUMMARY\n"
        "-------\n"
        "\n"
        "¶1. (C) Your visit to Madrid comes after a difficult year in\n"
        "our bilateral relationship but also at a time when we are\n"
    )
    assert cable.classified_by is not None
    assert cable.classified_by.authority == "Charge d'Affaires J. Robert Manzanares"
    assert cable.classified_by.reasons == ["1.4(b)", "1.4(d)"]
    assert [(p.number, p.heading) for p in cable.paragraphs] == [(1, "SUMMARY")]
    assert [u.text for u in cable.unparsed] == ["-------", "-------"]


def test_unnumbered_text_and_heading_before_the_first_paragraph() -> None:
    # 04BOGOTA8900: an unnumbered line, then a framed SUMMARY heading, then ¶1
    cable = parse(
        "S E C R E T SECTION 01 OF 02 BOGOTA 008900 \n"  # 1
        "\n"
        "REF: BOGOTA 2239 \n"
        "\n"
        "THIS IS AN ACTION REQUEST. PLEASE SEE PARAGRAPH 9. \n"  # 5
        "\n"
        "------- \n"
        "SUMMARY \n"
        "------- \n"
        "\n"
        "¶1. (S//NF) August 13, 2004 marked the 18-month anniversary of \n"  # 11
    )
    assert [(p.number, p.heading, p.line) for p in cable.paragraphs] == [
        (None, None, 5),
        (1, "SUMMARY", 11),
    ]
    assert cable.paragraphs[0].text == "THIS IS AN ACTION REQUEST. PLEASE SEE PARAGRAPH 9."
    assert cable.paragraphs[1].marking == "S//NF"


def test_lines_below_the_classified_by_line_are_not_dropped() -> None:
    # 04AMMAN1288: whatever the "------- / SUMMARY / -------" frame is read as, its lines
    # must end up somewhere (a heading, or unparsed), never vanish
    cable = parse(
        "S E C R E T SECTION 01 OF 02 AMMAN 001288 \n"
        "\n"
        "Classified By: Amb. Edward W. Gnehm for reasons 1.5 (b) (d)\n"
        "------- \n"
        "SUMMARY\n"
        "------- \n"
        "\n"
        "¶1. (S) FonMin Muasher told the Ambassador February 18 that the Iraq neighbors "
        "Foreign Ministers meeting in Kuwait had been frank and productive, with the neighbors "
        "arguing strongly for guarantees of Iraqi unity and the rights of Iraqi minorities. "
        "END SUMMARY\n"
    )
    kept = [u.text for u in cable.unparsed]
    assert kept.count("-------") == 2
    headings = [p.heading for p in cable.paragraphs]
    assert "SUMMARY" in kept or "SUMMARY" in headings


# ---------------------------------------------------------------------------------------------
# Continuation lines
# ---------------------------------------------------------------------------------------------


def test_continuation_line_is_removed_from_the_text() -> None:
    # 09ASTANA95: "...was once nuclear but" / ASTANA 00000095 002 OF 003 / "fully gave up..."
    cable = parse(ASTANA_95)
    paragraph = numbered(cable)[5]
    assert "was once nuclear but fully gave up that status." in paragraph.text
    assert "ASTANA 00000095" not in paragraph.text
    assert "002 OF 003" not in paragraph.text


def test_continuation_line_is_kept_in_unparsed() -> None:
    cable = parse(ASTANA_95)
    assert [(u.line, u.text) for u in cable.unparsed if "00000095" in u.text] == [
        (12, "ASTANA 00000095 002 OF 003"),
    ]


def test_continuation_line_between_blank_lines() -> None:
    # 06PARIS7884: the continuation line cuts the last sentence of ¶14, with blank lines
    cable = parse(
        "UNCLAS SECTION 01 OF 04 PARIS 007884 \n"
        "\n"
        "¶14. During the first six months of 2006, 176 attacks or \n"
        "intimidation campaign aimed at foreigners or mainland French \n"
        "citizens interested in permanent residence or secondary homes \n"
        "\n"
        "PARIS 00007884 004 OF 004 \n"
        "\n"
        "\n"
        "on the small island. \n"
    )
    paragraph = numbered(cable)[14]
    assert paragraph.text.endswith("interested in permanent residence or secondary homes "
                                   "on the small island.")
    assert "PARIS 00007884 004 OF 004" in unparsed_texts(cable)


def test_continuation_line_with_part_suffix_is_removed_from_the_text() -> None:
    # 09BAKU478: "Baku 00000478 002.2 of 003" inside ¶5
    cable = parse(
        "S E C R E T SECTION 01 OF 03 BAKU 000478\n"
        "\n"
        "¶5. (C) Another source, xxxxxxxxxxxx blamed the Ahmadinejad\n"
        "administration for pursuing provocative anti-Sunni practices\n"
        "(including harassment of Sunni clergy and congregations and\n"
        "raids on Sunni mosques) and other \"arrogant\" crackdowns over\n"
        "the last few years. He claimed that these practices,\n"
        "combined with high unemployment, perceived discrimination,\n"
        "\n"
        "Baku 00000478 002.2 of 003\n"
        "\n"
        "and few government services, has increased anger among\n"
        "Baluchis, and identification of the central government as an\n"
        "\"enemy.\"\n"
    )
    paragraph = numbered(cable)[5]
    assert "00000478" not in paragraph.text
    assert "perceived discrimination, and few government services" in paragraph.text
    assert "Baku 00000478 002.2 of 003" in unparsed_texts(cable)


# ---------------------------------------------------------------------------------------------
# Numbers that are not paragraph numbers
# ---------------------------------------------------------------------------------------------


def test_year_at_line_start_is_not_a_paragraph() -> None:
    # 09MADRID551: "¶2008." (3+ digits) ends ¶11; CHACON signs
    cable = parse(
        "C O N F I D E N T I A L SECTION 01 OF 03 MADRID 000551 \n"
        " \n"
        "¶11. (C) We suggest Washington interlocutors thank Rubalcaba \n"
        "for the excellent anti-organized crime and counter-narcotics \n"
        "relationships we enjoy in Spain and urge that we work jointly \n"
        "to find ways to improve the already good CT relationship. \n"
        "DOJ in particular will wish to thank him for Spain's \n"
        "assistance in extraditing arms trafficker Monzer al-Kassar in \n"
        "¶2008. \n"
        "\n"
        "CHACON\n"
    )
    assert [p.number for p in cable.paragraphs] == [11]
    assert cable.paragraphs[0].text.endswith("extraditing arms trafficker Monzer al-Kassar in "
                                             "¶2008.")
    assert cable.signature == "CHACON"


def test_day_after_a_month_name_is_not_a_paragraph() -> None:
    # 07BEIJING1668: "...dinner reception February" / "¶28. Keen for insights..."
    cable = parse(
        "C O N F I D E N T I A L BEIJING 001668 \n"
        "\n"
        "¶2. (C) Vice Foreign Minister Yang Jiechi topped the\n"
        "cast of several dozen MFA attendees at the\n"
        "Ambassador's Lunar New Year dinner reception February\n"
        "¶28. Keen for insights into what prompted the policy\n"
        "switch whereby Henan Province authorities released Dr.\n"
        "\n"
        "¶3. (C) xxxxx confirmed Dr. Gao's assertions,\n"
    )
    assert [p.number for p in cable.paragraphs] == [2, 3]
    assert "dinner reception February ¶28. Keen for insights" in cable.paragraphs[0].text


def test_list_item_after_and_is_not_a_paragraph() -> None:
    # 09BERLIN1296: "...October 21, 22 and" / "¶23.  He noted that..."
    cable = parse(
        "C O N F I D E N T I A L BERLIN 001296 \n"
        "\n"
        "¶2.  (C//NF) Source provided Emboffs with a schedule of the \n"
        "that a conclusion could be reached as of October 18, and \n"
        "scheduled three more plenary sessions for October 21, 22 and \n"
        "¶23.  He noted that it is feasible that a coalition agreement \n"
        "could be concluded by that date and that the three parties \n"
    )
    assert [p.number for p in cable.paragraphs] == [2]
    assert "October 21, 22 and ¶23. He noted" in cable.paragraphs[0].text


# ---------------------------------------------------------------------------------------------
# Summary and comment
# ---------------------------------------------------------------------------------------------


def test_summary_inside_a_paragraph() -> None:
    # 09ASTANA95 ¶1
    cable = parse(
        "S E C R E T SECTION 01 OF 03 ASTANA 000095 \n"
        "\n"
        "¶1. (S) SUMMARY: President Nazarbayev told CENTCOM Commander General Petraeus:\n"
        "-- the situation in Afghanistan greatly worries him; the Taliban should never be "
        "allowed to become a coalition partner in the Afghan government;\n"
        "-- the West has underestimated the depth of Russia\u2019s wounded pride, but he is "
        "willing to be helpful if the Obama administration has \u201ca wise response\u201d to "
        "Russia. END SUMMARY.\n"
        "\n"
        "¶2. (SBU) U.S. Central Command Commander General David Petraeus met with "
        "Kazakhstan\u2019s President Nursultan Nazarbayev on January 14 for twice the scheduled "
        "time, 70 minutes.\n"
    )
    assert cable.summary == (
        "President Nazarbayev told CENTCOM Commander General Petraeus: -- the situation in "
        "Afghanistan greatly worries him; the Taliban should never be allowed to become a "
        "coalition partner in the Afghan government; -- the West has underestimated the depth "
        "of Russia\u2019s wounded pride, but he is willing to be helpful if the Obama "
        "administration has \u201ca wise response\u201d to Russia."
    )
    # the summary stays in the paragraph too
    assert numbered(cable)[1].text.startswith("SUMMARY: President Nazarbayev")


def test_summary_over_two_paragraphs() -> None:
    # 05PARIS104: "Summary:" in ¶1, "Summary continued:" ... "End summary." in ¶2
    cable = parse(
        "S E C R E T SECTION 01 OF 02 PARIS 000104 \n"
        "\n"
        "¶1. (C) Summary: The investigation against four former GTMO \n"
        "detainees (reftels A and B) appears to be proceeding well; \n"
        "\n"
        "¶2. (C) Summary continued: Separately, the public trial \n"
        "liberation from insurgent captivity. End summary. \n"
        "\n"
        "EX-GTMO DETAINEES \n"
        "----------------- \n"
        "\n"
        "¶3. (S) The ongoing investigation against the four ex-GTMO \n"
    )
    assert cable.summary is not None
    assert cable.summary.startswith("The investigation against four former GTMO detainees")
    assert cable.summary.endswith("liberation from insurgent captivity.")
    assert numbered(cable)[3].heading == "EX-GTMO DETAINEES"


def test_summary_and_comment_together() -> None:
    # 05PARIS1699: "Summary and comment: ..." ... "End summary and comment."
    cable = parse(
        "SS E C R E T SECTION 01 OF 02 PARIS 001699 \n"
        "\n"
        "¶1. (S) Summary and comment: Ridouane Khalid and Khaled Ben \n"
        "Mustafa, two of the three ex-Guantanamo (GTMO) detainees \n"
        "other five detainees. End summary and comment. \n"
    )
    assert cable.summary == (
        "Ridouane Khalid and Khaled Ben Mustafa, two of the three ex-Guantanamo (GTMO) "
        "detainees other five detainees."
    )


def test_unheaded_summary_before_the_first_paragraph() -> None:
    # 75TEHRAN2069: "SUMMARY: ..." is unnumbered text before ¶1
    cable = parse(
        "C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069 \n"  # 1
        "\n"
        "E.O. 11652: GDS \n"
        "TAGS: PINT IR\n"
        "SUBJECT: IRANIAN RESURGENCE PARTY CREATED BY SHAH \n"  # 5
        "\n"
        "SUMMARY: CREATION OF IRANIAN RESURGENCE PARTY ANNOUNCED BY SHAH \n"  # 7
        "MARCH 2 IS MOVE TO SEEK BROADER SUPPORT FOR MONARCHY AND THE SHAHPEOPLE \n"
        "REVOLUTION. ALL IRANIANS OF VOTING AGE ARE EXPECTED TO \n"
        "BROAD POLICY GUIDANCE AND LEAVE IMPLEMENTATION TO GOVERNMENT. END \n"
        "SUMMARY. \n"
        "\n"
        "¶1. SHAH'S LENGTHY STATEMENT AT HIS MARCH 2 PRESS CONFERENCE, FROM \n"  # 13
    )
    first, second = cable.paragraphs
    assert first.number is None
    assert first.marking is None
    assert first.line == 7
    assert first.text.startswith("SUMMARY: CREATION OF IRANIAN RESURGENCE PARTY")
    assert first.text.endswith("LEAVE IMPLEMENTATION TO GOVERNMENT. END SUMMARY.")
    assert (second.number, second.line) == (1, 13)
    assert cable.summary is not None
    assert cable.summary.startswith("CREATION OF IRANIAN RESURGENCE PARTY ANNOUNCED BY SHAH")
    assert cable.summary.endswith("LEAVE IMPLEMENTATION TO GOVERNMENT.")


def test_summary_under_a_summary_heading() -> None:
    # 04AMMAN1288: the framed heading says SUMMARY; the paragraph ends "END SUMMARY"
    cable = parse(
        "S E C R E T SECTION 01 OF 02 AMMAN 001288 \n"
        "\n"
        "Classified By: Amb. Edward W. Gnehm for reasons 1.5 (b) (d)\n"
        "------- \n"
        "SUMMARY\n"
        "------- \n"
        "\n"
        "¶1. (S) FonMin Muasher told the Ambassador February 18 that the Iraq neighbors "
        "Foreign Ministers meeting in Kuwait had been frank and productive, with the neighbors "
        "arguing strongly for guarantees of Iraqi unity and the rights of Iraqi minorities. "
        "END SUMMARY\n"
    )
    assert cable.summary == (
        "FonMin Muasher told the Ambassador February 18 that the Iraq neighbors Foreign "
        "Ministers meeting in Kuwait had been frank and productive, with the neighbors arguing "
        "strongly for guarantees of Iraqi unity and the rights of Iraqi minorities."
    )


def test_comment_inside_a_paragraph() -> None:
    # 09ASTANA95 ¶10
    cable = parse(
        "S E C R E T SECTION 01 OF 03 ASTANA 000095 \n"
        "\n"
        "¶10. (S) COMMENT: Nazarbayev looked as fit as ever and was very well-briefed, "
        "discussing details of the U.S.-Kazakhstan military relationship without notes. He was "
        "not shy that he sees himself as an international statesman. We know he was genuinely "
        "pleased with President-elect Obama\u2019s telephone call, and we judge his offers to be "
        "helpful for the United States with Iran and Russia are genuine. END COMMENT.\n"
        "\n"
        "¶11. (U) General Petraeus has cleared this cable. HOAGLAND\n"
    )
    assert cable.comment == (
        "Nazarbayev looked as fit as ever and was very well-briefed, discussing details of "
        "the U.S.-Kazakhstan military relationship without notes. He was not shy that he sees "
        "himself as an international statesman. We know he was genuinely pleased with "
        "President-elect Obama\u2019s telephone call, and we judge his offers to be helpful for "
        "the United States with Iran and Russia are genuine."
    )


def test_comment_under_a_comment_heading() -> None:
    # 04AMMAN1288: "------- / COMMENT / -------" above ¶7
    cable = parse(
        "S E C R E T SECTION 01 OF 02 AMMAN 001288 \n"
        "\n"
        "¶6. (S) Sharaa\u2019s behavior in Kuwait, Muasher said, simply underscores Syria\u2019s "
        "\u201cstark ignorance\u201d of the U.S. and the rest of the outside world.\n"
        "------- \n"
        "COMMENT\n"
        "------- \n"
        "\n"
        "¶7. (S) Muasher was enthusiastic about the frank and positive tone of the Kuwait "
        "neighboring states meeting.\n"
        "\n"
        "¶8. (U) CPA Baghdad minimize considered.\n"
    )
    assert numbered(cable)[7].heading == "COMMENT"
    assert cable.comment == (
        "Muasher was enthusiastic about the frank and positive tone of the Kuwait "
        "neighboring states meeting."
    )


def test_comment_inside_a_summary_is_left_out() -> None:
    # 07PARIS3941: the summary runs into a comment, closed by "END COMMENT AND SUMMARY."
    cable = parse(
        "S E C R E T SECTION 01 OF 02 PARIS 003941 \n"
        "\n"
        "\u00b61. (S/NF) SUMMARY. The French determination to explore all\n"
        "options that could lead to the release of Franco-Colombian\n"
        "Ingrid Betancourt has led them to support Venezuelan\n"
        "margins of the UNGA on September 25. Betancourt is high on\n"
        "the bilateral agenda. COMMENT: Betancourt remains a major\n"
        "media presence in France and the GOF is under a great deal of\n"
        "stone unturned\" to secure her release. END COMMENT AND\n"
        "SUMMARY.\n"
        "\n"
        "\u00b62. (S/NF) On September 6, Poloffs and Deputy Director of\n"
    )
    assert cable.summary is not None
    assert cable.summary.startswith("The French determination to explore all options")
    assert cable.summary.endswith("Betancourt is high on the bilateral agenda.")
    assert cable.comment is not None
    assert cable.comment.startswith("Betancourt remains a major media presence")


def test_comment_in_the_middle_of_a_summary_is_left_out() -> None:
    # 06MADRID76 ¶1: "... Comment: It would be useful ... End Comment." inside the summary
    cable = parse(
        "C O N F I D E N T I A L MADRID 000076 \n"
        "\n"
        "\u00b61. (C) Summary: Moratinos said the Spaniards appeared\n"
        "to have accepted the news and were focused on how to deal\n"
        "with it in the media. Comment: It would be useful from\n"
        "Embassy Madrid's perspective to again demonstrate our\n"
        "Florida. End Comment. He said he had encouraged Morales to\n"
        "work with the USG. End summary.\n"
    )
    assert cable.summary == (
        "Moratinos said the Spaniards appeared to have accepted the news and were focused on "
        "how to deal with it in the media. He said he had encouraged Morales to work with the "
        "USG."
    )


@pytest.mark.parametrize(
    ("cable", "opening", "first", "last"),
    [
        (
            "09ISLAMABAD1119",
            "\u00b61. (C) Summary and Action Request. In a two hour conversation with "
            "Ambassador May 23, Chief of Army Staff General Kayani told Ambassador he was "
            "\u201cdesperate\u201d for helicopter support. In the meantime, we continue to seek "
            "Cobra helicopter spare parts. End Summary and Action Request.",
            "In a two hour",
            "helicopter spare parts.",
        ),
        (
            "09RIYADH181",
            "\u00b61. (C) SUMMARY & COMMENT:  Netherlands Ambassador Ron \n"
            "Strikker, Russian Ambassador Victor Gibinvish, and Embassy \n"
            "\n"
            "\u00b62. (C) Dr. Prince Turki is not a decision-maker, but he is a \n"
            "bargain\" with Iran without consulting Saudi Arabia is a \n"
            "concern we have heard often in recent weeks. End summary & \n"
            "comment. ",
            "Netherlands Ambassador Ron",
            "in recent weeks.",
        ),
        (
            "09BUENOSAIRES827",
            "\u00b61. (C) Summary/Introduction. More than two weeks have passed since "
            "Argentina's ruling first couple suffered a stinging defeat. End Summary/"
            "Introduction.",
            "More than two",
            "a stinging defeat.",
        ),
        (
            "09TELAVIV457: an opener in capitals without its stop",
            "\u00b61.  (C)  SUMMARY  During their trip to Israel, CODEL Cardin \n"
            "would be to form a unity government with Kadima, but would \n"
            "not agree to a rotating prime ministership.  END SUMMARY \n",
            "During their trip",
            "rotating prime ministership.",
        ),
        (
            "09RPODUBAI316: no End summary, the paragraph is the summary",
            "\u00b62. (S/NF) Summary: Since Iran's June 12 presidential elections, \n"
            "Arab media have intensely focused their coverage on the \n"
            "wide spectrum of Arabs as accommodation with Ahmadinejad.\n"
            "\n"
            "\u00b63. (C) Arab media coverage of Iran's post-election crisis has\n",
            "Since Iran's June",
            "accommodation with Ahmadinejad.",
        ),
        (
            "06PARIS1681: the comment at its end, closed by End comment and summary",
            "\u00b61. (C) Summary: Former Industry Minister and close Sarkozy \n"
            "PS would probably prevent her from winning its nomination in \n"
            "any case. Comment: Devedjian's views, reported here, are \n"
            "four parts hard analysis, one part wishful thinking. End \n"
            "comment and summary. \n"
            "\n"
            "\u00b62. (U) Patrick Devedjian, former Industry Minister and close \n",
            "Former Industry Minister",
            "in any case.",
        ),
        (
            "07BAGHDAD3895: End summary without a start",
            "1.(C) UK Ambassador to Tehran Geoffrey Adams, in a series of \n"
            "That said, it was important to rid the Iranians of their \n"
            "standard notion that time was on their side.  End summary \n"
            " \n"
            "2.(C) British Ambassador to Iran Geoffrey Adams offered \n",
            "UK Ambassador to",
            "on their side.",
        ),
        (
            "08BRASILIA880: End Summary without a start, its Summary. no opener",
            "\u00b61. (C) The Ambassador met with Brazilian presidential Foreign \n"
            "should take up cooperation on biofuels at their meeting \n"
            "during the G-8 in Japan. End Summary. \n"
            "\n"
            "\u00b62. (C) The Ambassador, accompanied by PolCouns (notetaker), \n",
            "The Ambassador met",
            "G-8 in Japan.",
        ),
    ],
)
def test_summaries_written_otherwise(cable: str, opening: str, first: str, last: str) -> None:
    parsed = parse("C O N F I D E N T I A L RIYADH 000181 \n\n" + opening + "\n")
    assert parsed.summary is not None, cable
    assert parsed.summary.startswith(first), cable
    assert parsed.summary.endswith(last), cable


def test_summary_under_a_heading_ends_before_the_next_heading() -> None:
    # 09STATE83026: the "END SUMMARY" of a non-paper quoted in ¶7 is not the end of ¶2's
    cable = parse(
        "S E C R E T STATE 083026 \n"
        "\n"
        " \u00b61. (U) This is an action request. Please see paragraphs 4-6.\n"
        "---------------------- \n"
        "SUMMARY AND OBJECTIVES\n"
        "---------------------- \n"
        "\u00b62. (SBU) In May 2009, legal representatives for 1267-listed entity "
        "Jamaat-ud-Dawah petitioned the Committee.\n"
        "---------- \n"
        "BACKGROUND\n"
        "---------- \n"
        "\u00b63. (S) On December 10, 2008, the UN 1267 Committee took several actions.\n"
        "\n"
        "\u00b67. (S/REL to Pakistan) BEGIN TEXT OF NON-PAPER\n"
        "SUMMARY\n"
        "(S//REL) JUD and LT have branch offices with different names.\n"
        "END SUMMARY\n"
    )
    assert cable.summary == (
        "In May 2009, legal representatives for 1267-listed entity Jamaat-ud-Dawah "
        "petitioned the Committee."
    )


def test_summary_under_a_heading_below_the_classified_by_line() -> None:
    # 10SEOUL290: "Summary" / "-------" right below the Classified By line
    cable = parse(
        "C O N F I D E N T I A L SEOUL 000290 \n"
        "Classified By: Ambassador D. Kathleen Stephens. Reasons 1.4 (b/d).\n"
        "Summary\n"
        "------- \n"
        "\u00b61. (C) During a February 3 meeting, National Security Adviser Kim Sung-hwan "
        "told EAP Assistant Secretary Campbell the ROKG wished to have discussions. End "
        "summary.\n"
        "OPCON Transfer\n"
    )
    assert cable.summary == (
        "During a February 3 meeting, National Security Adviser Kim Sung-hwan told EAP "
        "Assistant Secretary Campbell the ROKG wished to have discussions."
    )


def test_no_summary_no_comment() -> None:
    cable = parse(ASTANA_95)
    assert cable.summary is None
    assert cable.comment is None


# ---------------------------------------------------------------------------------------------
# Signature
# ---------------------------------------------------------------------------------------------


def test_signature_in_capitals_after_a_closing() -> None:
    # 06PARIS7884: the website closing, then HOFMANN
    cable = parse(
        "UNCLAS SECTION 01 OF 04 PARIS 007884 \n"
        "\n"
        "¶14. During the first six months of 2006, 176 attacks or \n"
        "citizens interested in permanent residence or secondary homes \n"
        "on the small island. \n"
        "\n"
        "\n"
        "Please visit Paris' Classified Website at: \n"
        "http://www.state.sgov.gov/p/eur/paris/index.c fm \n"
        "HOFMANN\n"
    )
    assert cable.signature == "HOFMANN"
    assert all("HOFMANN" not in p.text for p in cable.paragraphs)


def test_signature_in_mixed_case() -> None:
    # 00ATHENS1501 (pdf-text)
    cable = parse(
        "UNCLAS ATHENS 001501\n"
        "\n"
        "¶1. (SBU) DepEconCouns delivered reftel points on September 18 to\n"
        "in a timely fashion and agree, HA could be in a position to donate\n"
        "the EUR300,000 to the WFP by mid-November.\n"
        "Speckhard\n"
    )
    assert cable.signature == "Speckhard"
    assert cable.paragraphs[-1].text.endswith("the EUR300,000 to the WFP by mid-November.")


def test_signature_after_a_gp_line() -> None:
    # 66BUENOSAIRES2481: "GP-3" then SACCIO
    cable = parse(
        "UNCLASSIFIED BUENOS AIRES 2481 \n"
        " \n"
        "¶1.  PRESS REPORTS AND VARIETY EMBASSY SOURCES CONFIRM \n"
        "WHICH WOULD APPEAR MOST LIKELY TO SUCCEED. \n"
        " \n"
        "GP-3 \n"
        "SACCIO\n"
    )
    assert cable.signature == "SACCIO"
    assert "SACCIO" not in cable.paragraphs[-1].text


def test_no_signature_when_the_text_ends_in_a_sentence() -> None:
    # 09PARIS1052: the excerpt ends mid-paragraph
    assert parse(PARIS_1052).signature is None
