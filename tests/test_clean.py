"""The cleaning stage: each kind of conversion damage undone, and clean copies left alone.

Examples quote the seed (06PARIS7101.md), the PDF texts (00ABUDHABI5893, 00HANOI686,
00GABORONE5265), the Latin-1 conversions (06NEWDELHI5135) and the cablegate-2010 cables whose
look-alikes must survive (79TEHRAN8980's "- --FIRST", 10ISLAMABAD461's "ZDK TO ALL CITE",
09MOSCOW2723's "R&D;", 09PARIS1426's "&micro-trafficking networks8").
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_damage import DAMAGES, damaged

import cablekit
from cablekit.clean import (
    PASSES,
    REPAIR_KINDS,
    Cleaned,
    clean,
    line_kinds,
    lines,
    reflow,
    run_together,
    skip,
)
from cablekit.grammar import pattern
from cablekit.sources.text import decode


def repairs(cleaned: Cleaned) -> list[tuple[str, int, str, str]]:
    """The repairs as (kind, line, before, after)."""
    return [(r.kind, r.line, r.before, r.after) for r in cleaned.repairs]


# --- characters --------------------------------------------------------------------------------


def test_replacement_character_before_a_marker_is_a_pilcrow() -> None:
    """06NEWDELHI5135 read as UTF-8: "�1.  (C) Summary"; other � stay (a lost quote)."""
    cleaned = clean("\ufffd1.  (C) Summary: x\n\ufffdB. PARIS 8918\nIran\ufffds view")
    assert cleaned.text == "¶1.  (C) Summary: x\n¶B. PARIS 8918\nIran\ufffds view"
    assert repairs(cleaned) == [
        ("encoding", 1, "\ufffd", "¶"),
        ("encoding", 2, "\ufffd", "¶"),
    ]


def test_utf8_read_as_cp1252_is_read_again() -> None:
    cleaned = clean("Â¶1. (C) Text\nIranâ€™s view\nSÃO PAULO")
    assert cleaned.text == "¶1. (C) Text\nIran’s view\nSÃO PAULO"
    assert [r.kind for r in cleaned.repairs] == ["encoding", "encoding"]


def test_lone_surrogates_are_read_as_cp1252_bytes() -> None:
    """Text decoded with "surrogateescape" keeps a cp1252 file's bytes as lone surrogates."""
    cleaned = clean("\udcb61. (C) Iran\udc92s \udc93view\udc94 \ud800")
    assert cleaned.text == "¶1. (C) Iran’s “view” \ufffd"
    assert [r.before for r in cleaned.repairs] == [
        "\\udcb6", "\\udc92", "\\udc93", "\\udc94", "\\ud800",
    ]  # fmt: skip
    cable = cablekit.parse("CONFIDENTIAL PARIS 007101\n\n\udcb61. (C) Text \ud800.\n")
    assert [p.number for p in cable.paragraphs] == [1]
    cable.model_dump_json()  # JSON cannot hold lone surrogates: none are left


def test_html_tags_and_entities() -> None:
    cleaned = clean("TAGS: <u>PREL PGOV MARR MOPS</u> <u>FR</u>\n&para;1. (C) R&amp;D")
    assert cleaned.text == "TAGS: PREL PGOV MARR MOPS FR\n¶1. (C) R&D"
    assert [r.before for r in cleaned.repairs] == ["<u>", "</u>", "<u>", "</u>", "&para;", "&amp;"]


def test_text_that_looks_like_html_stays() -> None:
    text = "R&D; &micro-trafficking networks8 <<218634>> a < b > c <PARIS> &D;"
    assert clean(text).text == text
    assert clean(text).repairs == ()


def test_latex_pilcrow() -> None:
    cleaned = clean("- $\\underline{\\P}$ 12. (C) x\n\\P 13. (C) y\n$\\P$ 14. (C) z")
    assert cleaned.text == "¶ 12. (C) x\n¶ 13. (C) y\n¶ 14. (C) z"
    assert [r.kind for r in cleaned.repairs].count("latex") == 3


def test_markdown_headings_emphasis_escapes() -> None:
    cleaned = clean("## Comment\n**Comment**\n1\\. (C) x\n*Note:* y")
    assert cleaned.text == "Comment\nComment\n1. (C) x\nNote: y"
    assert {r.kind for r in cleaned.repairs} == {"markdown"}


def test_text_that_looks_like_markdown_stays() -> None:
    """07RABAT1657 "** Visit ... **", 05TELAVIV1580 "** **", snake_case, bullets."""
    text = "** Visit Embassy Rabat's Classified Website **\n** **\nsnake_case_word\n- item\n* x"
    assert clean(text).text == text


def test_markdown_bullets_need_a_bullet_on_a_marker() -> None:
    """The seed's "- 15. (C)" and "- -- General" lose the bullet; 79TEHRAN8980's stay."""
    cleaned = clean("- 15. (C) Bermann\n- -- General Jacques\n- item")
    assert cleaned.text == "15. (C) Bermann\n-- General Jacques\n- item"
    tehran = "- --FIRST, ONE SHOULD NEVER ASSUME\n- --SECOND, ONE SHOULD NOT EXPECT"
    assert clean(tehran).text == tehran


# --- page furniture ----------------------------------------------------------------------------


def test_form_feeds() -> None:
    """00ABUDHABI5893: pdftotext starts each page with a form feed."""
    cleaned = clean("FORM OF OCCUPATION\n\fWOULD ACCEPT THE ISRAELIS\n\f")
    assert cleaned.text == "FORM OF OCCUPATION\nWOULD ACCEPT THE ISRAELIS\n"
    assert repairs(cleaned) == [("page-furniture", 2, "\f", ""), ("page-furniture", 3, "\f", "")]


def test_page_numbers_and_repeated_page_headers() -> None:
    first = ["¶1. (C) The first page", "of the text", "ends here"]
    second = ["and the second", "page goes on", "to the end"]
    text = "\n".join(
        [
            *first,
            "Page 1 of 3",
            "\fhttps://wikileaks.org/cable/printed/002 - Cable viewer",
            *second,
            "Page 2 of 3",
            "\fhttps://wikileaks.org/cable/printed/003 - Cable viewer",
            "LAST PAGE",
        ]
    )
    cleaned = clean(text)
    assert "Page" not in cleaned.text and "wikileaks" not in cleaned.text
    assert cleaned.text.split("\n") == [*first, *second, "LAST PAGE"]
    removed = [r.line for r in cleaned.repairs if r.before.strip()]
    assert removed == [4, 5, 9, 10]
    assert cleaned.original_line(7) == 11


def test_broken_printout_page_headers() -> None:
    """00HANOI686 without -layout: "CONFIDENTIAL" / "PAGE 02" / "HANOI 00686 01 OF 07 050821Z"."""
    text = (
        "2000HANOI00686 - CONFIDENTIAL\nCONFIDENTIAL\nPAGE 01\nACTION EAP-00\n"
        "FM AMEMBASSY HANOI\nTEXT ONE\nCONFIDENTIAL\nPAGE 02\nHANOI 00686 01 OF 07 050821Z\n"
        "TEXT TWO\n"
    )
    cleaned = clean(text)
    assert cleaned.text == (
        "2000HANOI00686 - CONFIDENTIAL\nACTION EAP-00\nFM AMEMBASSY HANOI\nTEXT ONE\nTEXT TWO\n"
    )
    assert [r.line for r in cleaned.repairs] == [2, 3, 7, 8, 9]


def test_page_stamps_inside_paragraphs() -> None:
    """07PARIS2440: a printout's page heading without its date-time group, inside ¶1."""
    text = (
        "¶1. (C) SUMMARY: FRANCK GELLET, FRENCH DAS-EQUIVALENT FOR THE \n"
        "PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440 \n"
        "PERSIAN GULF, SHARED HIS VIEWS ON IRAN AND IRAQ ON JUNE 7. \n"
    )
    cleaned = clean(text)
    assert "PAGE" not in cleaned.text
    assert repairs(cleaned) == [
        ("page-furniture", 2, "PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440 ", "")
    ]
    # one alone is furniture too (07PARIS170: "PAGE 03 RUEHFRA0170 S E C R E T")
    alone = clean("THE PRESIDENCY PROPOSED SENDING\nPAGE 03 RUEHFRA0170 S E C R E T \nIRANIANS\n")
    assert alone.text == "THE PRESIDENCY PROPOSED SENDING\nIRANIANS\n"


def test_page_stamps_leave_the_paragraph_text() -> None:
    """07PARIS2440: the paragraph reads on across the page heading, which is a repair."""
    text = (
        "CONFIDENTIAL PARIS 002440\n\nE.O. 12958: DECL: 06/08/2017\nTAGS: PREL IR IZ FR\n"
        "SUBJECT: TEST\n\n"
        "¶1. (C) SUMMARY: FRANCK GELLET, FRENCH DAS-EQUIVALENT FOR THE \n"
        "PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440 \n"
        "PERSIAN GULF, SHARED HIS VIEWS ON IRAN AND IRAQ ON JUNE 7. END SUMMARY.\n"
    )
    cable = cablekit.parse(text)
    assert cable.paragraphs[0].text == (
        "SUMMARY: FRANCK GELLET, FRENCH DAS-EQUIVALENT FOR THE PERSIAN GULF, SHARED HIS VIEWS"
        " ON IRAN AND IRAQ ON JUNE 7. END SUMMARY."
    )
    assert [(r.kind, r.line) for r in cable.repairs] == [("page-furniture", 8)]
    assert cable.summary is not None and "PAGE" not in cable.summary


# --- header lines run together -----------------------------------------------------------------

SEED_HEADER = (
    "VZCZCXYZ0002 OO RUEHWEB\n"
    "\n"
    "DE RUEHFR #7101/01 3030908 ZNY CCCCC ZZH O 300908Z OCT 06 FM AMEMBASSY PARIS TO "
    "RUEHC/SECSTATE WASHDC IMMEDIATE 2658 INFO RUEHZG/NATO EU COLLECTIVE PRIORITY "
    "RUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY RUEHBS/USEU BRUSSELS PRIORITY 1785\n"
    "\n"
    "CONFIDENTIAL PARIS 007101\n"
)


def test_run_together_header_is_split_into_format_lines() -> None:
    cleaned = clean(SEED_HEADER)
    assert cleaned.text.split("\n")[:12] == [
        "VZCZCXYZ0002",
        "OO RUEHWEB",
        "",
        "DE RUEHFR #7101/01 3030908",
        "ZNY CCCCC ZZH",
        "O 300908Z OCT 06",
        "FM AMEMBASSY PARIS",
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658",
        "INFO RUEHZG/NATO EU COLLECTIVE PRIORITY",
        "RUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY",
        "RUEHBS/USEU BRUSSELS PRIORITY 1785",
        "",
    ]
    assert cleaned.origins[:12] == (1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4)
    assert repairs(cleaned)[:3] == [
        ("run-together", 1, " OO", "\nOO"),
        ("run-together", 3, " ZNY", "\nZNY"),
        ("run-together", 3, " O", "\nO"),
    ]


def test_addressees_without_routing_indicators() -> None:
    text = "R 251550Z AUG 09 FM USEU BRUSSELS TO SECSTATE WASHDC PRIORITY 0872 AMEMBASSY PARIS\n"
    assert clean(text + "UNCLAS BRUSSELS 001177\n").text.split("\n")[:4] == [
        "R 251550Z AUG 09",
        "FM USEU BRUSSELS",
        "TO SECSTATE WASHDC PRIORITY 0872",
        "AMEMBASSY PARIS",
    ]


def test_a_format_line_with_words_after_it_stays() -> None:
    """10ISLAMABAD461: "P 261618Z FEB 10 ZDK TO ALL CITE NUMEROUS SERVICE REQUESTS"."""
    text = (
        "DE RUEHIL #0461/01 0571618\nP 261618Z FEB 10 ZDK TO ALL CITE NUMEROUS SERVICE REQUESTS\n"
    )
    assert clean(text).text == text


def test_run_together_lines_only_in_the_header() -> None:
    text = "CONFIDENTIAL PARIS 007101\n\nTO THE MINISTER, FM RADIO TALKS ARE INFO OPS\n"
    assert clean(text).text == text


# --- blank lines inside wrapped fields ---------------------------------------------------------


def test_blank_line_inside_the_subject() -> None:
    """The seed: "SUBJECT: ... HAS NO" / (blank) / "EOUIVALENT ORGANIZATION"."""
    text = (
        "TAGS: PREL PGOV MARR MOPS FR\n"
        "SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO\n"
        "\n"
        "EOUIVALENT ORGANIZATION\n"
        "\n"
        "Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1 .4 B/D\n"
    )
    cleaned = clean(text)
    assert "HAS NO\nEOUIVALENT ORGANIZATION\n\nClassified By" in cleaned.text
    assert repairs(cleaned) == [("blank-line", 3, "\n", "")]
    assert cleaned.original_line(3) == 4


def test_blank_lines_inside_classified_by_and_tags() -> None:
    text = (
        "TAGS: PREL PGOV MARR MOPS ECON ETRD EINV EFIN KDEM KJUS,\n"
        "\n"
        "FR GM\n"
        "SUBJECT: TEST\n"
        "\n"
        "Classified By: Political Minister-Counselor Josiah Rosenblatt, for\n"
        "\n"
        "reasons 1.4 (b) and (d).\n"
        "\n"
        "1. (C) Text.\n"
    )
    cleaned = clean(text)
    assert "KJUS,\nFR GM\n" in cleaned.text
    assert "Rosenblatt, for\nreasons 1.4" in cleaned.text
    assert [r.line for r in cleaned.repairs] == [2, 7]


def test_a_blank_line_after_a_field_that_ends_stays() -> None:
    """A heading or the text after the subject is not more subject."""
    for after in ("SUMMARY\n\n1. (C) Text.\n", "This is an action request.\n\n1. (C) Text.\n"):
        text = "SUBJECT: Iran: LESSONS LEARNED\n\n" + after
        assert clean(text).text == text
    cut = "SUBJECT: SCENESETTER FOR VISIT.\n\nPARIS 00000881 001.2 OF 002\n\n1. (C) Text.\n"
    assert clean(cut).text == cut


def test_blank_line_inside_the_addressee_list() -> None:
    text = (
        "FM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\nINFO RUEHZG/NATO EU\n"
        "\nRUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY\n\nCONFIDENTIAL PARIS 007101\n"
    )
    cleaned = clean(text)
    assert "NATO EU\nRUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY\n\nCONFIDENTIAL" in cleaned.text
    assert repairs(cleaned) == [("blank-line", 4, "\n", "")]


def test_the_blank_line_after_fl2_stays() -> None:
    """Clean cablegate headers have "PP RUEHWEB" / (blank) / "DE RUEHMD ..." (05MADRID4314)."""
    text = "VZCZCXYZ0008\nPP RUEHWEB\n\nDE RUEHMD #4314/01 3571155\nZNY CCCCC ZZH\n"
    assert clean(text).text == text


# --- reflowed paragraphs -----------------------------------------------------------------------


def test_reflowed_paragraphs_are_split_at_their_markers() -> None:
    text = "¶1. (C) One thing happened. ¶2. (C) Another. ¶3. More.\n"
    cleaned = clean(text)
    assert cleaned.text == "¶1. (C) One thing happened.\n¶2. (C) Another.\n¶3. More.\n"
    assert repairs(cleaned) == [("reflow", 1, " ¶2.", "\n¶2."), ("reflow", 1, " ¶3.", "\n¶3.")]
    assert cleaned.origins == (1, 1, 1, 2)


def test_a_rule_run_into_a_marker() -> None:
    """00GABORONE5265 without -layout: "------------- ¶6. (C) WE ASKED MERAFHE"."""
    text = "--------------------------------------------- ¶6. (C) WE ASKED MERAFHE ABOUT\n"
    assert clean(text).text.split("\n")[1] == "¶6. (C) WE ASKED MERAFHE ABOUT"


def test_a_marker_right_after_the_dashes_of_a_rule() -> None:
    """pdftotext without -layout runs a heading's rule into the marker below it, no blank."""
    # 00ABUDHABI5893 (pdf-text-raw), lines 44-45
    text = (
        "------------------------------MORE ZIONIST THAN THE ISRAELIS?\n"
        "------------------------------¶3. (C) MEETING WITH THE AMBASSADOR, WHO WAS"
        " ACCOMPANIED BY THE\n"
    )
    cleaned = clean(text)
    assert cleaned.text.split("\n")[1:] == [
        "------------------------------",
        "¶3. (C) MEETING WITH THE AMBASSADOR, WHO WAS ACCOMPANIED BY THE",
        "",
    ]
    assert repairs(cleaned) == [("reflow", 2, "¶3.", "\n¶3.")]
    # 00HANOI686 (pdf-text-raw), line 194: a rule with a blank inside it
    hanoi = (
        "--------------------------------------------- -----------¶5. (C) FROM THEIR OWN"
        " PERSPECTIVE, THE COMMUNIST PARTY\n"
    )
    assert clean(hanoi).text.split("\n")[1].startswith("¶5. (C) FROM THEIR OWN PERSPECTIVE")
    # a ¶ right after a word is no reflowed marker
    word = "¶1. (C) See the annex¶2. (C) here.\n"
    assert clean(word).text == word


def test_a_heading_and_its_rule_joined_to_a_bare_marker() -> None:
    """A heading, its dashes and the next marker on one line: ``Iraq ---- 12. (C) Clearly``.

    In a copy without ¶, the marker after the rule is split out when the sequence says it is
    one: 11 above it, 13 (or nothing) after it.
    """
    text = (
        "11. (C) The talks went well. Iraq ---- 12. (C) Clearly the talks matter.\n"
        "13. (C) More.\n"
    )
    cleaned = clean(text)
    assert cleaned.text.split("\n")[:2] == [
        "11. (C) The talks went well. Iraq ----",
        "12. (C) Clearly the talks matter.",
    ]
    assert repairs(cleaned) == [("reflow", 1, " 12.", "\n12.")]
    last = "11. (C) The talks went well. Iraq ---- 12. (C) Clearly the talks matter.\n"
    assert clean(last).text.split("\n")[1] == "12. (C) Clearly the talks matter."
    # a number out of sequence stays text, and so does one before any marker
    out_of_sequence = "11. (C) The talks went well. Iraq ---- 14. (C) Clearly\n12. (C) x\n"
    assert clean(out_of_sequence).text == out_of_sequence
    head = "SUBJECT: TALKS ---- 1. (C) Clearly the talks matter.\n2. (C) More.\n"
    assert clean(head).text == head


def test_a_single_bare_marker_is_split_out_in_a_copy_reflowed_elsewhere() -> None:
    """A copy where a line holds several bare markers in sequence was reflowed: there one bare
    marker inside a line is split out too, where the next marker follows on from it."""
    text = (
        "1. (C) One. 2. (C) Two. 3. (C) Three.\n4. (C) Four. 5. (C) Five.\n"
        "6. (C) Six. 8. (C) Eight?\n7. (C) x\n"
    )
    assert clean(text).text == (
        "1. (C) One.\n2. (C) Two.\n3. (C) Three.\n4. (C) Four.\n5. (C) Five.\n"
        "6. (C) Six. 8. (C) Eight?\n7. (C) x\n"
    )
    # without that evidence, in a copy that keeps its lines, it stays: originals run markers
    # in (10SEOUL248's "... after the king died. 3. (C) The group agreed", ¶ dropped)
    kept = "".join(f"{n}. (C) Paragraph {n}.\n" for n in (1, 2, 4, 5, 6))
    alone = kept.replace("2.\n", "2. The king died. 3. (C) The group agreed.\n")
    assert clean(alone).text == alone


def test_an_ocr_copy_is_read_with_its_pilcrows_as_ones() -> None:
    """The seed's markers read "¶" as "1": after ``19.``, the ``110.`` joined to a heading's
    rule is ¶10 (the numbers are left as written: the reader of the text repairs them)."""
    starts = "".join(f"1{n}. (C) Paragraph {n}.\n" for n in range(1, 9))
    text = (
        starts + "19. (C) Nine. Goals for the Future ---- 110. (C) To a very receptive"
        " audience\n111. (C) Ambassador Herbst said\n"
    )
    assert clean(text).text.split("\n")[8:10] == [
        "19. (C) Nine. Goals for the Future ----",
        "110. (C) To a very receptive audience",
    ]
    numbers = [p.number for p in cablekit.parse(text).paragraphs]
    assert numbers == list(range(1, 12))


def test_the_seed_heading_line_keeps_its_dashes() -> None:
    """06PARIS7101: "France Favors the EU Approach -----" has no marker after its rule."""
    text = "12. (C) On October 19\n\nFrance Favors the EU Approach -----\n\nseparate organization\n"
    assert clean(text).text == text


def test_a_single_bare_marker_in_a_joined_copy_without_pilcrows() -> None:
    """Headings joined and every ¶ dropped: a line holds two paragraphs, ``... End summary.
    2. (C) On``; the marker is split out when its number is the one the sequence expects and
    such markers are a good share of the line starts (the copy shows reflowing)."""
    text = (
        "1. (C) Summary: things happened. End summary. 2. (C) On October 19 more.\n\n"
        "3. (C) A third. 4. (C) A fourth.\n"
    )
    assert clean(text).text == (
        "1. (C) Summary: things happened. End summary.\n2. (C) On October 19 more.\n\n"
        "3. (C) A third.\n4. (C) A fourth.\n"
    )
    assert repairs(clean(text))[0] == ("reflow", 1, " 2.", "\n2.")
    # after a word with no full stop ("End Summary 2. (C)"), and without a portion mark
    # when the text after it starts like a paragraph and a marker follows
    word = "1. (C) One. End Summary 2. (C) Two.\n3. (C) Three.\n"
    assert clean(word).text.split("\n")[:2] == ["1. (C) One. End Summary", "2. (C) Two."]
    plain = "1. WE MET. THE PROGRAM ENDED. 2. MR. DONALD SAID SO.\n3. THE END.\n"
    assert clean(plain).text.split("\n")[1] == "2. MR. DONALD SAID SO."
    # an OCR copy (¶ read as 1): 12. is ¶2
    ocr = "11. (C) One. End summary. 12. (C) Two.\n13. (C) Three.\n"
    assert [p.number for p in cablekit.parse(ocr).paragraphs] == [1, 2, 3]
    # one number left out around it is allowed (a cable may skip one)
    gap = "1. (C) One. 2. (C) Two.\n\n3. (C) Three. 5. (C) Five.\n6. (C) Six.\n"
    assert clean(gap).text.split("\n")[3:5] == ["3. (C) Three.", "5. (C) Five."]


def test_numbers_in_running_text_are_not_split_out() -> None:
    """A number after a sentence end is a marker only where the sequence says so."""
    # "in 2009. 3. The": 3 is not the number after 1, and no marker follows the plain one
    year = "1. (C) It began in 2009. 3. The rest.\n2. (C) Two.\n"
    assert clean(year).text == year
    last = "1. (C) One.\n2. (C) Two, as follows. 3. The list ends here.\n"
    assert clean(last).text == last
    # nor a marker in the middle of a line that does not start with a marker (a list run
    # into the text above it in the original)
    middle = "1. (C) One.\n\n--Play to our strength. 2. (C) We should.\n3. (C) Three.\n"
    assert clean(middle).text == middle


def test_bare_markers_inside_a_line_need_the_sequence() -> None:
    text = "1. (C) One thing happened. 2. (C) Another. 3. (U) A third. 6. (S) Not next.\n"
    assert clean(text).text == (
        "1. (C) One thing happened.\n2. (C) Another.\n3. (U) A third. 6. (S) Not next.\n"
    )
    # one bare marker inside a line, with a later marker out of sequence, is not evidence
    # enough (07SANTIAGO983 without its ¶ runs "2. (C)" into ¶1; here ¶7 follows)
    single = "3. (C) Hugo Chavez,s effort. 4. (C) Not split.\n7. (C) Next.\n"
    assert clean(single).text == single
    # not in a copy that marks its paragraphs with ¶ (02BRASILIA4227's "... 12. (C)")
    marked = "¶1. (C) x\n¶11. (C) One thing happened. 12. (C) Another thing.\n"
    assert clean(marked).text == marked
    # not inside a head field (09TRIPOLI65: "REASON: 1.4 (b), (d) 1. (C/NF) Summary")
    head = "CLASSIFIED BY: Gene A. Cretz, Ambassador. REASON: 1.4 (b), (d) 1. (C/NF) Summary\n"
    assert clean(head).text == head


# --- the stage as a whole ----------------------------------------------------------------------


def test_clean_text_is_returned_unchanged() -> None:
    text = "CONFIDENTIAL PARIS 007101\n\nSUBJECT: TEST\n\n¶1. (C) Text.\n\nHOFMANN\n"
    cleaned = clean(text)
    assert cleaned.text == text and cleaned.repairs == () and not cleaned.changed


def test_no_catastrophic_backtracking_on_long_lines() -> None:
    long_lines = "\n".join(
        [
            "-" * 20000 + " x",
            "*" * 20000,
            "_a" * 10000,
            "<u" * 10000,
            "&" * 20000,
            "1. (C) " + "word. " * 5000,
            "DE RUEHFR #7101/01 3030908 " + "RUEHC/X " * 3000,
        ]
    )
    clean(long_lines)  # finishes at once; pytest's timeout would show a hang


def test_repair_kinds_are_documented(corpus: Path) -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "damaged-input.md").read_text()
    for kind in REPAIR_KINDS:
        assert f"`{kind}`" in docs, kind


def test_clean_corpus_is_left_alone(corpus: Path) -> None:
    """cablegate-2010: no markup, encoding or layout repair; only true wrapped-field blanks
    and the page stamps of two old printouts.

    Eight cables have a blank line inside a wrapped SUBJECT (07LONDON4472 "... PETERS'
    DECEMBER 7 VISIT" / (blank) / "TO LONDON"); 07PARIS2440 and 07PARIS170 carry page
    headings inside their paragraphs ("PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS
    002440").
    """
    kinds: dict[str, list[str]] = {}
    stamps: list[str] = []
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        for repair in clean(decode(path.read_bytes())).repairs:
            kinds.setdefault(repair.kind, []).append(path.stem)
            if repair.kind == "page-furniture":
                stamps.append(repair.before)
    assert set(kinds) <= {"blank-line", "page-furniture"}, kinds
    assert set(kinds.get("page-furniture", [])) <= {"07PARIS2440", "07PARIS170"}, kinds
    assert all(re.fullmatch(r"PAGE 0[2-6] RUEHFRA[0-9]{4} [A-Z ]+?[0-9 ]*", s) for s in stamps)
    assert len(set(kinds.get("blank-line", []))) <= 10, kinds


# --- real converted copies ---------------------------------------------------------------------

_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_DTG = re.compile(
    r"^\s*[ZOPR](?:\s+[ZOPR])?\s+([0-3]\d)([0-2]\d)([0-5]\d)Z\s*([A-Z]{3})\s*(\d{2})\b"
)
_FM = re.compile(r"^\s*FM\s+(.+?)\s*$")
_DE = re.compile(r"^\s*DE\s+(R[A-Z]{3,6})\s*#\s*(\d{1,5})")
_CLASS = re.compile(
    r"^\s*(?:C O N F I D E N T I A L|S E C R E T|CONFIDENTIAL|SECRET|UNCLAS(?:SIFIED)?)"
    r"(?:\s+SECTION \d+ OF \d+)?\s+([A-Z][A-Z ]+?)\s+(\d{5,6})\s*$"
)
_TAGS = re.compile(r"^\s*TAGS:?\s+(.+?)\s*$")
_MARKER = re.compile(
    r"(?:^[ \t]*|(?<=\S)[ \t]*)(?P<pilcrow>[¶\ufffd])?[ \t]*(?P<n>\d{1,3})\.(?=[ \t(]|$)"
)
_CARRIED = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|and|or|to|through)\s*$|,\s*$",
    re.IGNORECASE,
)


def expected_numbers(text: str) -> list[int]:
    """Paragraph numbers as the text shows them, by the rules of the corpus truth.

    A marker is a number of one or two digits and a dot at the start of a line, or a ``¶N.``
    anywhere (after blanks, or right after the dashes of a rule: ``------¶3.``), unless the
    line above (with no blank line between) ends in a month, ``and``,
    ``or``, ``to``, ``through`` or a comma.
    """
    found: list[int] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for match in _MARKER.finditer(line):
            at_start = match.start() == 0 or not line[: match.start()].strip()
            if not at_start and not match["pilcrow"]:
                continue
            if len(match["n"]) > 2:
                continue
            above = lines[index - 1] if index else ""
            if at_start and above.strip() and _CARRIED.search(above):
                continue
            found.append(int(match["n"]))
    return found


def converted_copies(corpus: Path) -> list[Path]:
    """Every file of pdf-text, pdf-text-raw and pdf-converted."""
    return [
        path
        for folder in ("pdf-text", "pdf-text-raw", "pdf-converted")
        for path in sorted((corpus / folder).glob("*.txt"))
    ]


def test_copies_without_layout_give_the_numbers_of_the_layout_copies(corpus: Path) -> None:
    """pdftotext with and without -layout: the same paragraph numbers for each of the 14.

    Without -layout a heading's rule runs into the marker below it (00ABUDHABI5893 gave ¶1,
    2, 4 against 1-7; 00HANOI686 18 of its 27).
    """
    for path in sorted((corpus / "pdf-text").glob("*.txt")):
        layout = cablekit.parse_file(path)
        raw = cablekit.parse_file(corpus / "pdf-text-raw" / path.name)
        numbers = [p.number for p in layout.paragraphs]
        assert [p.number for p in raw.paragraphs] == numbers, path.stem
        assert [p.marking for p in raw.paragraphs] == [p.marking for p in layout.paragraphs]


def test_converted_copies_are_all_there(corpus: Path) -> None:
    assert len(converted_copies(corpus)) == 14 + 14 + 24


@pytest.mark.parametrize("folder", ["pdf-text", "pdf-text-raw", "pdf-converted"])
def test_converted_copies_parse_as_their_text_says(corpus: Path, folder: str) -> None:
    """Header fields, classification line, TAGS and paragraph numbers match the text."""
    problems: list[str] = []
    for path in sorted((corpus / folder).glob("*.txt")):
        text = decode(path.read_bytes())
        cable = cablekit.parse_file(path)
        header = cable.transmission
        lines = text.split("\n")

        def first(pattern: re.Pattern[str], lines: list[str] = lines) -> re.Match[str] | None:
            return next((m for m in map(pattern.match, lines) if m), None)

        numbers = [p.number for p in cable.paragraphs if p.number is not None]
        if numbers != expected_numbers(text):
            problems.append(f"{path.stem}: paragraphs {numbers} != {expected_numbers(text)}")
        dtg = first(_DTG)
        if dtg:
            when = header.dtg if header else None
            got = (when.day, when.hour, when.minute, _MONTHS[when.month - 1]) if when else None
            if got != (int(dtg[1]), int(dtg[2]), int(dtg[3]), dtg[4]):
                problems.append(f"{path.stem}: dtg {got} != {dtg.group(0)}")
        sender = first(_FM)
        if sender and (header is None or header.sender != sender[1]):
            problems.append(f"{path.stem}: sender {header and header.sender} != {sender[1]}")
        station = first(_DE)
        if station and (header is None or header.originator_station != station[1]):
            problems.append(f"{path.stem}: station != {station[1]}")
        if station and header is not None and header.serial != int(station[2]):
            problems.append(f"{path.stem}: serial {header.serial} != {station[2]}")
        classification = first(_CLASS)
        if classification:
            if (cable.origin, cable.number) != (classification[1], int(classification[2])):
                problems.append(f"{path.stem}: origin {cable.origin} {cable.number}")
            if dtg and cable.id != path.stem:
                problems.append(f"{path.stem}: id {cable.id}")
        tags = first(_TAGS)
        expected_tags = re.split(r"[\s,]+", tags[1].strip(" ,")) if tags else []
        if cable.tags[: len(expected_tags)] != expected_tags:
            problems.append(f"{path.stem}: tags {cable.tags} != {expected_tags}")
    assert problems == []


def test_latin1_copies_read_as_utf8_parse_the_same(corpus: Path) -> None:
    """pdf-converted read as UTF-8 with replacement: every ¶ is a � before cleaning."""
    for path in sorted((corpus / "pdf-converted").glob("*.txt")):
        data = path.read_bytes()
        proper = cablekit.parse(data)
        replaced = cablekit.parse(data.decode("utf-8", errors="replace"))
        assert [p.number for p in replaced.paragraphs] == [p.number for p in proper.paragraphs]
        assert (replaced.id, replaced.tags) == (proper.id, proper.tags), path.stem


# --- any text ----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "\n", " ", "\f", "\ufffd", "¶", "1", "12.", "110.", " (C) ", "- ", "-- ", "## ", "**",
        "*", "_", "\\", "$\\underline{\\P}$", "\\P ", "<u>", "</u>", "&para;", "&amp;", "&",
        "Â¶", "â€™", "VZCZCXYZ0002 ", "OO RUEHWEB ", "DE RUEHFR #7101/01 3030908 ",
        "ZNY CCCCC ", "O 300908Z OCT 06 ", "FM AMEMBASSY PARIS ", "TO ", "INFO ",
        "RUEHC/SECSTATE WASHDC IMMEDIATE 2658 ", "CONFIDENTIAL PARIS 007101", "SUBJECT: ",
        "TAGS: PREL ", "Classified By: ", "Page 2 of 3", "PAGE 02", "word ", "Heading",
        "-----",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_cleaning_never_fails_and_keeps_line_origins(text: str) -> None:
    cleaned = clean(text)
    count = text.count("\n") + 1
    assert all(1 <= origin <= count for origin in cleaned.origins)
    assert list(cleaned.origins) == sorted(cleaned.origins)
    assert all(1 <= repair.line <= count for repair in cleaned.repairs)
    assert cleaned.text.count("\n") + 1 == len(cleaned.origins)


# --- the fast path: passes skipped when they cannot change the text -------------------------
#
# cablekit.clean.skip runs the passes but those whose whole-text tests prove them idle;
# cablekit.clean.lines runs every pass (as clean() does with CABLEKIT_PLAIN=1).  Both must give
# the same Cleaned, on any text.


def skipping_passes_changes_nothing(text: str) -> bool:
    return skip.run(text, PASSES) == lines.run(text, PASSES)


# Pieces that each pass reacts to, or nearly: look-alikes of the damage, lines before and after
# wrapped fields, header lines run together or wrapped, markers inside lines.
_TRIGGERS = st.sampled_from(
    [
        "\t", "\u00a0", "\r", "#", "# x", "   ## Heading ##", "    # code", "- 1. (C) ",
        "* 12. ", "+ ¶3. ", "-\t¶ 4.(", "- -- x", "- Page 2 of 3 -", "page 4/5", "PAGE 4 OF 5",
        "PAGE 103", " PAGE 02 ", "Page", "age 1 of 2", "¶", " ¶", "\t¶", "¶A. ", " ¶12. x",
        "x ¶ 3.(", "1. (C) x. ", "2. (S/NF) y! ", "3. (U) z: ", ") 4. (C) ", "’ 5. (SBU) ",
        "R&D;", "&micro;", "&#182;", "&#xB6;", "&nbsp;", "<b>", "<BR/>", "<span a=1>", "< u>",
        "\\textparagraph{}", "$\\P$", "\\underline{\\P}", "\\_", "\\P1", "__x__", "_y_",
        "**z**", "*w*", "a_b", "\ud800", "\udcb6", "Ã©", "Â", "â€", "\ufffd1. ", "\ufffdB. ",
        "VZCZCXYZ0002", "OO RUEHWEB", "O R 141437Z NOV 07", "P 261618Z FEB 10 ",
        "ZNY CCCCC ZZH", "DE RUEHFR #7101/01 3030908", "FM AMEMBASSY PARIS", "XMT ",
        "RUEHC/SECSTATE WASHDC", "RUEHAA RUEHBB", "ZZ RUEHAA RUEHBB", "UNCLAS PARIS 001",
        "SUBJ: ", "Subject - ", "SUBJECT: THE", "ſubject: ", "(C) Classified by ",
        "CLASSIFIED BY: x, for", "TAG ", "TAGS\u00a0", "TAGS: PREL,", "FR GM", "REASON 1.4 (b)",
        "reasons", " 1 .4 ", "FOR", "THE", ",", "-", "E.O. 12958", "---", "SUMMARY", "REF: x",
        "A. ", "This is a sentence. ", "X" * 50,
    ]
)  # fmt: skip
# Whole stretches of lines in the shapes the passes look for.
_STRETCHES = st.sampled_from(
    [
        "SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO\n\nEOUIVALENT ORGANIZATION\n",
        "SUBJECT: A SUBJECT THAT GOES ON AND ON FOR MORE THAN FORTY\n \nFIVE CHARACTERS\n\n",
        "Subject: (U) Secretary Clinton's March 24, 2009 \n\nConversation with Rudd\n\n",
        "Classified By: Minister Josiah Rosenblatt, for\n\nreasons 1.4 (b) and (d).\n\n1. (C) x\n",
        "Classified By: Ambassador, reasons 1.4 (b), (d).\n\nRokg reaction\n",
        "TAGS: PREL PGOV MARR MOPS ECON ETRD EINV EFIN KDEM KJUS,\n\nFR GM\nSUBJECT: TEST\n",
        "TAGS: PREL\n\nCaptions: None\n\n",
        "FM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\nINFO RUEHZG/NATO EU\n"
        "\nRUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY\n\nCONFIDENTIAL PARIS 007101\n",
        "VZCZCXYZ0008\nPP RUEHWEB RUEHAA\n\nRUEHBB RUEHCC\nDE RUEHMD #4314/01 3571155\n",
        "VZCZCXYZ0002 OO RUEHWEB DE RUEHFR #7101/01 3030908 ZNY CCCCC ZZH O 300908Z OCT 06 FM "
        "AMEMBASSY PARIS TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658 INFO RUEHZG/NATO EU PRIORITY\n",
        "¶1. (C) One thing happened. ¶2. (C) Another. ¶3. More.\n",
        "1. (C) One thing happened. 2. (C) Another. 3. (U) A third.\n",
        "first page\nPage 1 of 2\n\fhttps://wikileaks.org/cable - Cable viewer\nsecond\n",
        "CONFIDENTIAL\nPAGE 02\nHANOI 00686 01 OF 07 050821Z\nx\nCONFIDENTIAL\nPAGE 03\n",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(_PIECES, _TRIGGERS, _STRETCHES), max_size=40).map("".join))
def test_skipped_passes_would_change_nothing(text: str) -> None:
    """The passes the whole-text tests prove idle are skipped: as if every pass ran."""
    assert skipping_passes_changes_nothing(text)


#: the folders of the corpus with one cable in each file
_FOLDERS = ("cablegate-2010", "pdf-text", "pdf-text-raw", "pdf-converted", "seed")


def test_skipped_passes_would_change_nothing_in_the_corpus(corpus: Path) -> None:
    """Every copy of the corpus and the damaged copies test_damage.py makes of each cable
    (every n-th with CABLEKIT_DAMAGE_SAMPLE=n): cleaned the fast way and the plain way."""
    texts = {
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted((corpus / "cablegate-2010").glob("*.txt"))
    }
    copies = list(texts.values())
    for folder in _FOLDERS[1:]:
        paths = sorted((corpus / folder).glob("*.txt")) + sorted((corpus / folder).glob("*.md"))
        copies += [decode(path.read_bytes()) for path in paths]
    step = os.environ.get("CABLEKIT_DAMAGE_SAMPLE", "1")
    sample = list(texts)[:: int(step) if step.isdigit() and int(step) > 0 else 1]
    for kind in DAMAGES:
        for ref_id in sample:
            copy = damaged(kind, ref_id, texts[ref_id])
            copies.append(decode(copy) if isinstance(copy, bytes) else copy)
    assert len(copies) > 1295 + 52 + len(DAMAGES) * len(sample)
    for text in copies:
        assert skipping_passes_changes_nothing(text), text[:200]


# Prints whether the fast paths are on, then one line per cable: the file and its JSON.
_DUMP = """
import sys
from pathlib import Path

import cablekit
from cablekit import _fast

corpus = Path(sys.argv[1])
print("fast paths on" if _fast.ENABLED else "fast paths off")
for folder in sys.argv[2:]:
    for path in sorted((corpus / folder).glob("*.txt")) + sorted((corpus / folder).glob("*.md")):
        print(f"{folder}/{path.name}", cablekit.parse_file(path).model_dump_json())
"""


def test_the_corpus_parses_the_same_without_the_fast_paths(corpus: Path) -> None:
    """The JSON of every cable, parsed in a process with CABLEKIT_PLAIN=1 and in one without."""
    dumps: list[list[str]] = []
    for plain in ("1", "0"):
        environment = dict(os.environ, CABLEKIT_PLAIN=plain, PYTHONIOENCODING="utf-8")
        command = [sys.executable, "-c", _DUMP, str(corpus), *_FOLDERS]
        root = Path(__file__).resolve().parents[1]
        done = subprocess.run(
            command, env=environment, cwd=root, capture_output=True, encoding="utf-8", check=True
        )
        # JSON leaves U+2028 and the like as they are: only "\n" ends a line
        dumps.append(done.stdout.split("\n"))
    plain_dump, fast_dump = dumps
    assert (plain_dump[0], fast_dump[0]) == ("fast paths off", "fast paths on")
    assert len(plain_dump) == len(fast_dump) > 1295 + 52
    pairs = zip(plain_dump[1:], fast_dump[1:], strict=True)
    assert [plain.split(" ", 1)[0] for plain, fast in pairs if plain != fast] == []


def test_character_sets_of_the_tests() -> None:
    """The sets written out in clean/skip.py hold what the patterns they stand for match."""
    everything = "".join(map(chr, range(0x110000)))
    # the first letter of SUBJECT, TAGS or CLASSIFIED BY when case is ignored, or "("
    first_letters = re.findall(r"(?i:[stc])|\(", everything)
    assert sorted(first_letters) == sorted("SsTtCc(\u017f")
    # the P of "Page" when case is ignored
    assert re.findall(r"(?i:p)", everything) == ["P", "p"]
    # a blank line is one that str.strip() leaves empty
    blanks = [c for c in everything if c != "\n" and not c.strip()]
    assert re.findall(r"[^\S\n]", everything) == blanks


_NUMBERS = st.text(alphabet="0123456789.¶ \t(C)x-\u0664\uff11", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_NUMBERS)
def test_a_markers_number_ends_where_number_end_finds_it(text: str) -> None:
    """reflow.NUMBER_END, written out, finds the end of every marker's number the grammar
    finds (PARAGRAPH_NUMBER): the passes search only the lines where it does."""
    for match in pattern("PARAGRAPH_NUMBER").finditer(text):
        assert reflow.NUMBER_END.match(text, match.end() - 1), text


def test_number_end_knows_every_digit_of_a_markers_number() -> None:
    """The characters reflow.NUMBER_END takes for the last digit of a number are the
    grammar's: every character with a dot after it, as a number or not."""
    every = " ".join(chr(code) + "." for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    ends = [match.end() for match in pattern("PARAGRAPH_NUMBER").finditer(every)]
    assert ends == [match.end() for match in reflow.NUMBER_END.finditer(every)]


# Pieces of lines with bare markers inside them, and look-alikes.
_BARE_PIECES = [
    "1. (C) x. ", "2. (S/NF) y! ", " 3. (U) z: ", ") 4. (C) ", "’ 5. (SBU) ", "---",
    "-- 6. x", "= = = 12. ", "*-*2. (C) ", "PROGRAM. 2. MR. X", "Iraq ---- 12. (C) Clearly ",
    "End Summary 2. (C) On ", "11. 12. ", "111. ", "2004.  They", "1.4", "\n", "\n\n", " ",
    "word ",
]  # fmt: skip


def test_the_reflow_pass_cuts_the_same_when_every_line_is_searched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """split_reflowed looks for bare markers only in the lines where reflow.NUMBER_END finds a
    number's end; with every line searched, it cuts the same lines, on random text."""
    generator = random.Random(7)
    texts = [
        "".join(generator.choices(_BARE_PIECES, k=generator.randint(1, 30))) for _ in range(1500)
    ]

    def reflowed(text: str) -> Cleaned:
        cleaner = lines.Cleaner(text)
        reflow.split_reflowed(cleaner)
        return cleaner.result()

    searched_where_numbers_end = [reflowed(text) for text in texts]
    assert sum(bool(cleaned.repairs) for cleaned in searched_where_numbers_end) > 100
    monkeypatch.setattr(reflow, "NUMBER_END", re.compile(""))
    assert [reflowed(text) for text in texts] == searched_where_numbers_end


# --- the grammar's descriptions of lines ------------------------------------------------------
#
# The passes ask what a line is of the grammar's line kinds and parts (cablekit.clean.line_kinds);
# these tests quote the cables where that decides.


def test_a_reason_wrapped_after_a_blank_line_joins_its_classified_by() -> None:
    """09STATE132349: "1.4(C)." is no paragraph marker for the grammar: it is the reason."""
    text = (
        "Classified By: ELISSA G. PITTERLE, DIRECTOR, INR/OPS. REASON: \n\n1.4(C).\n\n"
        "¶1. (S/NF) WASHINGTON ANALYSTS ARE INTERESTED\n"
    )
    cleaned = clean(text)
    assert "REASON: \n1.4(C).\n\n¶1." in cleaned.text
    assert repairs(cleaned) == [("blank-line", 2, "\n", "")]
    classified_by = cablekit.parse(text).classified_by
    assert classified_by is not None and classified_by.reasons == ["1.4(c)"]


def test_a_reference_the_grammar_reads_as_text_ends_a_wrapped_field() -> None:
    """10STATE9124 with a blank line inside its Classified By, before "REF A: STATE 120288"."""
    text = (
        "Classified by NEA Assistant Secretary Jeffrey D. Feltman \n\nfor Reasons 1.4 (b) and (d). "
        "\n \nREF A: STATE 120288 \n \n¶1.  (U) This is an action request.\n"
    )
    assert repairs(clean(text)) == [("blank-line", 2, "\n", "")]


def test_a_lost_quote_before_a_numbered_item_stays() -> None:
    """09WARSAW170 read as UTF-8: "capability;” 3) the garrison": "3)" is no paragraph marker."""
    text = "some undefined \ufffdoperational capability;\ufffd 3) the garrison remaining\n"
    assert clean(text).text == text


def test_a_marker_the_numbering_decides_on_starts_a_line_again() -> None:
    """06MADRID2657 reflowed: "¶2005." starts a line, as in the clean copy."""
    text = "¶2. (SBU) Spain's National Court acquitted Lahcen Ikassrien. ¶2005. The court refused\n"
    cleaned = clean(text)
    assert cleaned.text.split("\n")[1] == "¶2005. The court refused"
    assert repairs(cleaned) == [("reflow", 1, " ¶2005.", "\n¶2005.")]


def test_addressees_run_together_with_their_sequence_numbers() -> None:
    """08STATE103511: an addressee's SEQUENCE_NUMBER "2276-2279" before the next addressee."""
    text = (
        "R 121850Z SEP 08 FM SECSTATE WASHDC TO ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE 2276-2279 "
        "ZEN/AMEMBASSY MOSCOW NIACT IMMEDIATE 4778-4781\nUNCLAS STATE 103511\n"
    )
    assert clean(text).text.split("\n")[2:4] == [
        "TO ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE 2276-2279",
        "ZEN/AMEMBASSY MOSCOW NIACT IMMEDIATE 4778-4781",
    ]


def test_a_printout_page_heading_ends_with_its_date_time_group() -> None:
    """00HANOI686's page heading below its page number goes; a line of the header stays."""
    text = (
        "CONFIDENTIAL\nPAGE 02\nHANOI 00686 01 OF 07 050821Z\nTEXT ONE\n"
        "CONFIDENTIAL\nPAGE 03\nO 300908Z OCT 06\nTEXT TWO\n"
    )
    assert clean(text).text == "TEXT ONE\nO 300908Z OCT 06\nTEXT TWO\n"


_LINE_KINDS = (
    "FL1_LINE", "FL2_LINE", "RELAY_LINE", "FL3_LINE", "FL4_LINE", "FL5_LINE", "FM_LINE",
    "TO_LINE", "INFO_LINE", "XMT_LINE", "PAGE_LINE", "ADDRESSEE_LINE", "CLASSIFICATION_LINE",
    "CAPTION_LINE", "EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLASSIFIED_BY_LINE",
    "PARAGRAPH_LINE", "LETTERED_LINE", "CONTINUATION_LINE", "RULE_LINE",
)  # fmt: skip
_LINE_PIECES = st.sampled_from(
    [
        " ", "\t", "VZCZCXYZ0002", "OO RUEHWEB", "RUEHLN RUEHLZ", "DE RUEHFR #7101/01 3030908",
        "ZNY CCCCC ZZH", "O 300908Z OCT 06", "FM ", "TO ", "INFO ", "XMT/", "RUEKJCS/SECDEF",
        "PAGE 02 HANOI 00686 01 OF 07 050821Z", "E.O. 12958: DECL: 10/30/2016", "TAGS: PREL",
        "Subject: ", "REF: ", "(U) CLASSIFIED BY ", "C O N F I D E N T I A L", "SECRET", "SIPDIS",
        "¶", "12.", "1.4", "(C) ", "A. ", "B) ", "PARIS 00000881 002 OF 002", "-----", "word",
        "x", ",", "/",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(_LINE_PIECES, max_size=8).map("".join),
    st.lists(st.sampled_from(_LINE_KINDS), min_size=1, max_size=6, unique=True),
)
def test_line_kinds_are_the_grammars(line: str, names: list[str]) -> None:
    """A pattern of line kinds matches a line exactly when the pattern of one of them does:
    the indent they share is matched once, and nothing else changes."""
    expected = any(pattern(name).match(line + "\n") for name in names)
    assert line_kinds.is_line(line_kinds.lines_of(*names), line) == expected


# Pieces where the grammar's descriptions decide what a pass does: reasons and references after
# a wrapped field, markers the numbering decides on, numbered items, sequence numbers, printout
# page headings, lines that end the transmission header or do not.
_GRAMMAR_TRIGGERS = st.sampled_from(
    [
        "1.4(C).\n", "REASON: \n", "REF A: STATE 120288\n", "¶2005. ", " ¶A) ", "\ufffd3) ",
        "NIACT IMMEDIATE 2276-2279 ", "ZEN/AMEMBASSY MOSCOW ", "PRIORITY 012 ", "PAGE 03\n",
        "HANOI 00686 01 OF 07 050821Z\n", "UNCLAS\n", "Confidential\n", "(C) Classified by ",
        "TAGS:\n", "Subject to ", "2005. The court\n", "VZCZCXYZ0002THE ", "TO /RUEHC/X ",
        "INFO PAGE ", "¶1.\n", "RUEHAA\n", "PARIS 00000881 001.2 OF 002\n", "- - -", "-- ",
        "= = =  12. ", "*-*2. (C) ", " 3. (S//NF) ", "Comment ", "END SUMMARY ", "2.(C) ",
    ]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(_PIECES, _TRIGGERS, _STRETCHES, _GRAMMAR_TRIGGERS), max_size=40))
def test_skipped_passes_would_change_nothing_where_the_grammar_decides(pieces: list[str]) -> None:
    """As test_skipped_passes_would_change_nothing, with the pieces where a pass asks the
    grammar what a line is."""
    assert skipping_passes_changes_nothing("".join(pieces))


def test_the_first_characters_of_the_lines_that_end_the_header_are_the_grammars() -> None:
    """clean/skip.py writes out what the lines of TEXT_STARTS can start with: the characters
    the lookaheads of their line kinds admit."""
    openings = {
        "CLASSIFICATION_LINE": "(?i:[tsceoul])",
        "EO_LINE": "(?i:e)",
        "TAGS_LINE": "(?i:t)",
        "SUBJECT_LINE": "(?i:s)",
        "CLASSIFIED_BY_LINE": "(?i:[(c])",
        "PARAGRAPH_LINE": "[¶0-9]",
    }
    assert run_together.TEXT_STARTS.pattern == line_kinds.lines_of(*openings).pattern
    for name, opening in openings.items():
        assert pattern(name).pattern.startswith(f"[ \t]*(?={opening})"), name
    everything = "".join(map(chr, range(0x110000)))
    admitted = re.findall("|".join(openings.values()), everything)
    assert sorted(admitted) == sorted("TtSsCcEeOoUuLl(\u017f¶0123456789")


def test_the_first_letters_of_a_wrapping_field_are_the_grammars() -> None:
    """clean/skip.py writes out what a SUBJECT, Classified By or TAGS line can start with
    (test_character_sets_of_the_tests): the characters the grammar's lookaheads admit."""
    assert pattern("SUBJECT_LINE").pattern.startswith("[ \t]*(?=(?i:s))")
    assert pattern("CLASSIFIED_BY_LINE").pattern.startswith("[ \t]*(?=(?i:[(c]))")
    assert pattern("TAGS_LINE").pattern.startswith("[ \t]*(?=(?i:t))")


def test_a_single_marker_of_an_ocr_copy_is_split_out_where_its_pilcrow_was_read_as_one() -> None:
    """In an OCR copy (¶ read as 1) a single marker written ``14.`` had a ¶: a reflowed
    paragraph's, split out with no other evidence; one written ``4.`` had none: an original's
    run into the paragraph above, which stays."""
    starts = "".join(f"1{n}. (C) Paragraph {n}.\n" for n in (1, 2, 3, 5, 6, 7, 8))
    ocr = starts.replace("13. (C) Paragraph 3.\n", "13. (C) Three. 14. (C) Four.\n")
    assert "\n14. (C) Four.\n" in clean(ocr).text
    assert [p.number for p in cablekit.parse(ocr).paragraphs] == list(range(1, 9))
    run_in = starts.replace("13. (C) Paragraph 3.\n", "13. (C) Three. 4. (C) Four.\n")
    assert clean(run_in).text == run_in


def test_a_single_marker_repeating_the_number_above_is_split_out() -> None:
    """An original's typo, ``6. (S) ... 6. (S)``: the next marker may repeat the number, and
    a marker with its portion mark may repeat the one above, in a copy that shows reflowing."""
    text = "1. (S) One. 2. (S) Two.\n\n3. (S) Three. 4. (S) Four. 4. (S) Again.\n\n5. (S) x\n"
    assert clean(text).text.split("\n")[3:6] == ["3. (S) Three.", "4. (S) Four.", "4. (S) Again."]
    # without a portion mark a repeated number stays text ("see paragraph 4. 4. The")
    plain = "1. (S) One. 2. (S) Two.\n\n3. (S) Three. 4. (S) Four. 4. Again.\n\n5. (S) x\n"
    assert "4. (S) Four. 4. Again." in clean(plain).text


def test_an_inner_list_is_not_split_into_paragraphs() -> None:
    """An inner ``1.`` after the first paragraph opens a list of the line's own: its items are
    no paragraphs even where their numbers would follow the sequence."""
    text = (
        "1. (C) One. 2. (C) Two.\n\n3. (C) Areas: 1. Research; 2. Reactors; 4. Fuel; 5. Waste."
        "\n6. (C) Six.\n"
    )
    assert "3. (C) Areas: 1. Research; 2. Reactors; 4. Fuel; 5. Waste." in clean(text).text


def test_a_line_start_the_sequence_passes_over_is_no_marker_of_it() -> None:
    """A year wrapped to a line start (``2004.  They``) between ¶4 and ¶5 does not stop the
    markers after it."""
    text = (
        "1. (C) One. 2. (C) Two.\n\n3. (C) Three.\n4. (C) Four, in\n2004.  They also met.\n\n"
        "5. (C) Five. 6. (C) Six.\n"
    )
    assert "\n6. (C) Six." in clean(text).text
    assert "\n2004.  They also met." in clean(text).text


def test_a_last_marker_without_portion_mark_needs_other_singles() -> None:
    """``... as follows. 3. The list ends here`` stays alone; in a copy where other single
    markers were split out, the last one is split out too."""
    text = "1. WE MET. 2. THEY SPOKE.\n\n3. THEY LEFT.\n4. THE END CAME. 5. THE LAST ONE.\n"
    assert clean(text).text.split("\n")[-2] == "5. THE LAST ONE."
