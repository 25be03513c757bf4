"""Paragraph numbers read over the whole sequence, lost markers, headings, summary, comment.

The sequences quote the seed (06PARIS7101: ``11. 12. 14. ... 19. 110. 111. ¶12. 113.``) and
the cablegate-2010 cables whose quirks they check.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import cablekit
from cablekit import _fast
from cablekit.fields.numbering import Candidate, number_markers, readings
from cablekit.fields.summary import summary_and_comment
from cablekit.models import Paragraph


def numbers_of(*markers: str) -> list[int | None]:
    """The numbers chosen for markers written like ``"110"`` (bare) or ``"¶12"``."""
    candidates = [Candidate(m.lstrip("¶"), explicit=m.startswith("¶")) for m in markers]
    return [reading.number for reading in number_markers(candidates)]


# --- the sequence search ---------------------------------------------------------------------


def test_the_seed_sequence_is_read_as_ocr_damage() -> None:
    seed = ["11", "12", "14", "15", "16", "17", "18", "19", "110", "111", "¶12", "113"]
    assert numbers_of(*seed) == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]


def test_a_clean_sequence_keeps_its_numbers() -> None:
    assert numbers_of(*[str(n) for n in range(1, 16)]) == list(range(1, 16))
    assert numbers_of("1", "2", "11", "12") == [1, 2, 11, 12]
    assert numbers_of("9", "10", "11", "12") == [9, 10, 11, 12]


def test_explicit_markers_are_never_reread() -> None:
    assert numbers_of("¶11", "¶12", "¶13") == [11, 12, 13]


def test_years_are_not_paragraph_numbers() -> None:
    """09MADRID551 ``¶2008.``, 07STATE152317 ``¶1737.``."""
    assert numbers_of("1", "2", "2008", "3") == [1, 2, None, 3]
    assert numbers_of("¶1", "¶1737", "¶2") == [1, None, 2]


def test_ocr_markers_all_starting_with_1() -> None:
    """¶1-¶9 read as 11-19: a sequence starting at 11 is rarer than an OCR copy."""
    assert numbers_of(*[f"1{n}" for n in range(1, 10)]) == list(range(1, 10))
    # an embedded document restarts its own numbering (09BERLIN1626)
    assert numbers_of("11", "12", "13", "11", "12") == [1, 2, 3, 1, 2]
    # an out-of-sequence ¶36 (08PARIS1698) stays 36
    assert numbers_of("11", "12", "136", "137") == [1, 2, 36, 37]


def test_readings_of_one_candidate() -> None:
    plain = readings(Candidate("110"), ocr_copy=False)
    assert [r.number for r in plain] == [None]
    ocr = readings(Candidate("110"), ocr_copy=True)
    assert [(r.number, r.ocr) for r in ocr] == [(10, True), (None, False)]
    assert [r.number for r in readings(Candidate("12"), ocr_copy=True)] == [2, 12]
    assert [r.number for r in readings(Candidate("10"), ocr_copy=True)] == [10]
    assert [r.number for r in readings(Candidate("12", carried=True), ocr_copy=True)] == [None]
    assert Candidate("12", explicit=True).ocr_number is None


# --- through the parser ----------------------------------------------------------------------

HEAD = "CONFIDENTIAL PARIS 007101\n\nE.O. 12958: DECL: 10/30/2016\nTAGS: PREL FR\nSUBJECT: TEST\n\n"


def test_ocr_repairs_are_recorded() -> None:
    text = HEAD + "11. (C) One.\n\n12. (C) Two.\n\n113. (U) Three.\n"
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1, 2, 13]
    repairs = [(r.kind, r.line, r.before, r.after) for r in cable.repairs]
    assert repairs == [
        ("paragraph-number", 7, "11.", "¶1."),
        ("paragraph-number", 9, "12.", "¶2."),
        ("paragraph-number", 11, "113.", "¶13."),
    ]


def test_a_sequence_of_ocr_markers_numbers_and_repairs_each() -> None:
    """Many markers that may each be ¶1 with its ¶ read as 1: the search over the whole
    sequence reads them all, and every one read so is a repair of its own."""
    count = 500
    cable = cablekit.parse(HEAD + "11. (C) Text.\n" * count)
    assert [p.number for p in cable.paragraphs] == [1] * count
    assert [p.line for p in cable.paragraphs] == list(range(7, 7 + count))
    numbered = [r for r in cable.repairs if r.kind == "paragraph-number"]
    assert [(r.line, r.before, r.after) for r in numbered] == [
        (line, "11.", "¶1.") for line in range(7, 7 + count)
    ]


def test_the_maker_of_a_model_is_its_of(monkeypatch: pytest.MonkeyPatch) -> None:
    fields = {"number": 3, "marking": "C", "caveats": ["NOFORN"], "text": "Three.", "line": 9}
    for fast in (True, False):
        monkeypatch.setattr(_fast, "ENABLED", fast)
        made = Paragraph.maker()(fields)
        assert made == Paragraph.of(fields) == Paragraph.model_validate(fields)
        assert made.model_dump_json() == Paragraph.model_validate(fields).model_dump_json()
        with pytest.raises(ValidationError):
            Paragraph.maker()({"text": "no line"})


def test_a_clean_copy_has_no_repairs() -> None:
    text = HEAD + "1. (C) One.\n\n2. (C) Two.\n\n3. (U) Three.\n"
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert cable.repairs == []


def test_a_carried_number_is_text() -> None:
    """07BEIJING1668: "...dinner reception February" / "¶28. Keen for insights"."""
    text = HEAD + "¶1. (C) At a dinner reception February\n¶28. Keen for insights, he said.\n"
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1]
    assert "February ¶28. Keen" in cable.paragraphs[0].text
    # a word that merely ends in "or" is not "or" (08BRASILIA1565)
    text = HEAD + "¶1. (C) One.\n\nLONG THE LEADING CONTRIBUTOR\n¶2. (C) Two.\n"
    assert [p.number for p in cablekit.parse(text).paragraphs] == [1, 2]


def test_a_lost_marker_is_inferred_from_the_gap() -> None:
    """06PARIS7101: ¶3's marker and opening words were lost after a heading."""
    text = HEAD + (
        "¶1. (C) One.\n\n"
        "¶2. (C) Two.\n\n"
        "France Favors the EU Approach -----\n\n"
        "separate organization akin to S/CRS, but relied on coordination among the French\n"
        "military and the MFA.\n\n"
        "¶4. (C) Four.\n"
    )
    cable = cablekit.parse(text)
    third = cable.paragraphs[2]
    assert [p.number for p in cable.paragraphs] == [1, 2, 3, 4]
    assert (third.marking, third.heading) == (None, "France Favors the EU Approach")
    assert third.text.startswith("separate organization")
    assert third.line == 13
    assert cable.paragraphs[1].text == "Two."
    [lost] = [r for r in cable.repairs if r.kind == "lost-marker"]
    assert (lost.line, lost.before, lost.after) == (13, "", "¶3.")


def test_no_marker_is_inferred_without_a_gap() -> None:
    """A continuation block of ¶2 (the seed's ¶7 "Bermann explained...") stays in ¶2."""
    text = HEAD + (
        "¶1. (C) One.\n\n"
        "¶2. (C) Two.\n\n"
        "Bermann explained that the AU and some Arab countries believe it is still possible\n"
        "to obtain Bashir's concurrence.\n\n"
        "¶3. (C) Three.\n"
    )
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert "Bermann explained" in cable.paragraphs[1].text
    assert cable.repairs == []


def test_a_marker_without_its_dot_after_a_heading() -> None:
    """05PARIS5335: "10  (C) On the deficit" under a heading and its dashes is ¶10."""
    text = HEAD + (
        "¶9. (C) Nine.\n\n"
        "OVER-VALUED EURO AND NO ALAN GREENSPAN\n"
        "--------------------------------------\n"
        "10  (C) On the deficit, Sarkozy said that for 25 years France\n"
        "has been living beyond its means.  Now it is paying the price\n\n"
        "¶11. (C) Eleven.\n"
    )
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [9, 10, 11]
    tenth = cable.paragraphs[1]
    assert tenth.marking == "C"
    assert tenth.heading == "OVER-VALUED EURO AND NO ALAN GREENSPAN"
    assert tenth.text.startswith("On the deficit, Sarkozy said")
    assert cable.paragraphs[0].text == "Nine."
    repairs = [(r.kind, r.before, r.after) for r in cable.repairs]
    assert repairs == [("bare-marker", "10", "¶10.")]
    assert cable.repairs[0].line == tenth.line


def test_markers_without_their_dot_in_the_sequence() -> None:
    """09BRUSSELS1399 "15 (C) Sanctions were discussed", 10PARIS71 "18 (C) Like other energy
    companies" after a blank line, 07TELAVIV2652 "18, (SBU) Accompanying"."""
    brussels = HEAD + (
        "¶14. (C) In meetings with Civil Society leaders, they talked of continued violence.\n"
        "SANCTIONS\n"
        "----------\n"
        "15 (C) Sanctions were discussed in all meetings with government officials.\n"
        "¶16. (C) Out of the three, Mutambara spoke the most about sanctions.\n"
    )
    cable = cablekit.parse(brussels)
    assert [(p.number, p.marking, p.heading) for p in cable.paragraphs] == [
        (14, "C", None), (15, "C", "SANCTIONS"), (16, "C", None),
    ]  # fmt: skip
    paris = HEAD + (
        "¶17. (C) Longchamps said the Indians, Koreans, and Chinese would remain active\n"
        "players.\n\n"
        "18 (C) Like other energy companies, Total plans to return to\n"
        "Iran in the future when the political situation improves.\n\n"
        "¶19. (C) Nineteen.\n"
    )
    assert [p.number for p in cablekit.parse(paris).paragraphs] == [17, 18, 19]
    telaviv = HEAD + (
        "¶17. (SBU) The Deputy Secretary said he\nwould return to Israel in October.\n\n"
        "--------------------\nMEETING PARTICIPANTS\n--------------------\n\n"
        "18, (SBU) Accompanying Under Secretary Burns in the meeting\nwere:\n"
    )
    cable = cablekit.parse(telaviv)
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(17, "SBU"), (18, "SBU")]
    assert [(r.before, r.after) for r in cable.repairs] == [("18,", "¶18.")]


def test_markers_without_their_dot_after_paragraphs_numbered_in_order() -> None:
    """In a text numbered 1, 2, 3 ... a marker that lost its dot can only be in the last
    paragraph, and there each one that follows in the sequence is read; a paragraph numbered
    out of order sends every paragraph through the same reading."""
    ending = (
        "3 (C) Three lost its dot.\n\n"
        "4, (SBU) Four lost it too.\n\n"
        "6 (C) Six does not follow.\n"
    )
    in_order = cablekit.parse(HEAD + "¶1. (C) One.\n\n¶2. (C) Two.\n\n" + ending)
    assert [(p.number, p.marking) for p in in_order.paragraphs] == [
        (1, "C"), (2, "C"), (3, "C"), (4, "SBU"),
    ]  # fmt: skip
    assert in_order.paragraphs[-1].text == "Four lost it too. 6 (C) Six does not follow."
    assert [(r.before, r.after) for r in in_order.repairs] == [("3", "¶3."), ("4,", "¶4.")]
    restarted = cablekit.parse(HEAD + "¶2. (C) Two.\n\n¶1. (C) One.\n\n¶2. (C) Two.\n\n" + ending)
    assert [p.number for p in restarted.paragraphs] == [2, 1, 2, 3, 4]
    assert [p.text for p in restarted.paragraphs[-2:]] == [
        p.text for p in in_order.paragraphs[-2:]
    ]


def test_a_marker_without_its_dot_out_of_sequence_stays_text() -> None:
    """09ISLAMABAD10: "3 (S) ISI Director General" stands before "¶3. (S) Therefore": it is
    not the paragraph after ¶2 and before ¶3."""
    text = HEAD + (
        "¶1. (S) Post notes with some concern the report.\n\n"
        "¶2. (S) We believe it is premature.\n\n"
        "3 (S) ISI Director General Pasha has just approved the sharing of tearline.\n\n"
        "¶3. (S) Therefore, we believe Department should urge the GOI to delay.\n"
    )
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert "ISI Director General" in cable.paragraphs[1].text
    assert cable.repairs == []


def test_a_marker_without_its_dot_carried_over_stays_text() -> None:
    """A number after a line ending in a month is a date carried over, dot or none (the
    corpus's rule for "...dinner reception February" / "28. Keen", 07BEIJING1668)."""
    text = HEAD + (
        "¶1. (C) One.\n\n"
        "¶2. (C) The minister will attend the dinner reception February\n"
        "3 (C) Keen for insights, he asked about the talks.\n"
    )
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1, 2]


def test_a_marker_without_its_dot_holds_the_signature() -> None:
    """10KABUL85 ends "13 (U) CODEL McCain was unable to clear this message. EIKENBERRY"."""
    text = HEAD + (
        "¶12. (S) The group reviewed current developments in Pakistan.\n\n"
        "13 (U) CODEL McCain was unable to clear this message. EIKENBERRY\n"
    )
    cable = cablekit.parse(text)
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(12, "S"), (13, "U")]
    assert cable.paragraphs[1].text == "CODEL McCain was unable to clear this message."
    assert cable.signers == ["EIKENBERRY"]


def test_a_signature_below_a_long_last_paragraph() -> None:
    """The signature and the lines after it are found at the end of a last paragraph of
    many lines, with no blank line between them; every line above stays in the paragraph."""
    sentences = [f"Sentence {n} of the last paragraph runs on." for n in range(1, 13)]
    for after in ([], ["."], [".", "http://www.state.sgov.gov/p/eur/paris"]):
        text = HEAD + "¶1. (C) One.\n\n¶2. (C) " + "\n".join([*sentences, "RIVKIN", *after])
        cable = cablekit.parse(text + "\n")
        assert cable.signature == "RIVKIN", after
        assert cable.paragraphs[-1].text == " ".join(sentences)
        kept = [u.text for u in cable.unparsed]
        assert kept[len(kept) - len(after) :] == after


def test_a_short_line_of_running_text_is_no_heading() -> None:
    """A blank line inserted inside a paragraph leaves a short line standing alone."""
    text = HEAD + (
        "¶1. (C) One.\n\n"
        "¶2. (C) Port of Maputo.\n\n"
        "Traffickers, including MBS, Gulam Rassul, and the Ayoub\n\n"
        "Family (Ref A) routinely bribe police, immigration and customs officials to ensure\n"
        "that drugs can enter the country.\n\n"
        "¶4. (C) Four.\n"
    )
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == [1, 2, 4]


# --- summary and comment ---------------------------------------------------------------------


def test_summary_and_comment() -> None:
    paragraphs = [
        Paragraph(number=1, text="Summary: It went well. End summary.", line=1),
        Paragraph(number=2, text="More. (Comment: an aside. End Comment)", line=2),
        Paragraph(number=3, heading="Comment", text="It did. End comment.", line=3),
    ]
    assert summary_and_comment(paragraphs) == ("It went well.", "It did.")
    assert summary_and_comment(paragraphs[:2]) == ("It went well.", "an aside.")
    assert summary_and_comment([]) == (None, None)


def test_summary_under_a_summary_heading() -> None:
    """04AMMAN1288: a framed SUMMARY heading, the paragraph ends "END SUMMARY"."""
    paragraphs = [
        Paragraph(number=1, heading="SUMMARY", text="FonMin Muasher spoke. END SUMMARY", line=1),
        Paragraph(number=2, text="Details.", line=2),
    ]
    assert summary_and_comment(paragraphs) == ("FonMin Muasher spoke.", None)
    no_end = [paragraphs[0].model_copy(update={"text": "FonMin Muasher spoke."}), paragraphs[1]]
    assert summary_and_comment(no_end) == ("FonMin Muasher spoke.", None)
