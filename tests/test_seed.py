"""The seed, 06PARIS7101.md: a PDF-to-Markdown copy with OCR damage, parsed exactly.

The seed shows every kind of damage in cable-format.md §5 at once: the header run together,
``<u>`` tags around the TAGS, a blank line inside the SUBJECT, ``¶`` read as ``1`` (``11.``,
``110.``), as LaTeX (``$\\underline{\\P}$ 12.``), Markdown bullets (``- 15.``), and paragraph
3's marker and opening words lost after a heading.  The OCR spelling (``EOUIVALENT``) stays:
cablekit never invents text.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import cablekit
from cablekit.clean import REPAIR_KINDS
from cablekit.models import Cable, Classification, Precedence


@pytest.fixture(scope="module")
def seed_path(corpus: Path) -> Path:
    """The seed file."""
    return corpus / "seed" / "06PARIS7101.md"


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Cable:
    """The seed, parsed from its file."""
    return cablekit.parse_file(seed_path)


def test_identity_and_head(seed: Cable) -> None:
    assert seed.id == "06PARIS7101"
    assert seed.classification is Classification.CONFIDENTIAL
    assert "SIPDIS" in seed.handling
    assert seed.passing == ["FOR S/CRS OSCAR DE SOTO"]
    assert seed.executive_order is not None
    assert seed.executive_order.order == "12958"
    assert seed.executive_order.declassify_on == date(2016, 10, 30)
    assert seed.tags == ["PREL", "PGOV", "MARR", "MOPS", "FR"]
    # the blank line inside the subject is gone; the OCR spelling stays
    assert seed.subject == "FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO EOUIVALENT ORGANIZATION"
    assert seed.classified_by is not None
    assert seed.classified_by.authority == "Political Minister-Counselor Josiah Rosenblatt"
    assert seed.classified_by.reasons == ["1.4(b)", "1.4(d)"]


def test_transmission_header_run_together(seed: Cable) -> None:
    header = seed.transmission
    assert header is not None
    assert (header.channel, header.channel_serial) == ("XYZ", "0002")
    assert (header.relay_precedence, header.relay_stations) == ("OO", ["RUEHWEB"])
    assert (header.originator_station, header.serial, header.part) == ("RUEHFR", 7101, 1)
    assert header.filed == "3030908"
    assert (header.security, header.operating_signals) == ("ZNY CCCCC", ["ZZH"])
    assert header.precedence is Precedence.IMMEDIATE
    assert header.dtg == datetime(2006, 10, 30, 9, 8, tzinfo=timezone.utc)
    assert header.sender == "AMEMBASSY PARIS"
    [to] = header.to
    assert (to.routing_indicator, to.name, to.precedence, to.sequence) == (
        "RUEHC",
        "SECSTATE WASHDC",
        Precedence.IMMEDIATE,
        "2658",
    )
    assert [(r.routing_indicator, r.name, r.precedence, r.sequence) for r in header.info] == [
        ("RUEHZG", "NATO EU COLLECTIVE", Precedence.PRIORITY, None),
        ("RUEKJCS", "JOINT STAFF WASHINGTON DC", Precedence.PRIORITY, None),
        ("RUEKJCS", "SECDEF WASHINGTON DC", Precedence.PRIORITY, None),
        ("RUEHBS", "USEU BRUSSELS", Precedence.PRIORITY, "1785"),
    ]


def test_paragraph_numbers_markings_and_headings(seed: Cable) -> None:
    assert [p.number for p in seed.paragraphs] == list(range(1, 14))
    assert [p.marking for p in seed.paragraphs] == [
        "C", "C", None, "C", "C", "C", "C", "U", "C", "C", "C", "C", "U",
    ]  # fmt: skip
    headings = {p.number: p.heading for p in seed.paragraphs if p.heading}
    assert headings == {
        3: "France Favors the EU Approach",
        5: "French interest in Africa: DRC, Darfur",
        9: "Actual Projects in the Field",
        10: "Goals for the Future",
        11: "Establishing an International Network",
        12: "Comment",
    }


def test_paragraph_texts(seed: Cable) -> None:
    by_number = {p.number: p for p in seed.paragraphs}
    # ¶3 lost its marker and opening words: the text starts where the copy does
    assert by_number[3].text.startswith("separate organization akin to S/CRS")
    assert by_number[3].text.endswith("with the military normally taking the initial lead.")
    # continuation blocks stay in their paragraphs
    assert "Bermann explained that the AU and some Arab countries" in by_number[7].text
    assert "already been sent to Darfur to assist." in by_number[9].text
    assert "cooperation were still far from achieving consensus" in by_number[1].text
    # the Markdown bullets in front of the "--" items are gone, the items stay in ¶8
    assert "-- General Jacques Bonningues" in by_number[8].text
    assert "- --" not in by_number[8].text
    # ¶12's LaTeX ¶ is gone
    assert by_number[12].text.startswith("France clearly has not made")


def test_summary_comment_signature(seed: Cable) -> None:
    assert seed.summary is not None
    assert seed.summary.startswith("October 19, visiting S/CRS")
    assert seed.summary.endswith("and Haiti.")
    comment = next(p for p in seed.paragraphs if p.number == 12)
    assert seed.comment == comment.text.removesuffix(" End comment.")
    assert seed.signature == "HOFMANN"


def test_nothing_is_lost(seed: Cable) -> None:
    """The "Classified Website" closing lines are kept (in ¶13), nothing is unplaced."""
    texts = [p.text for p in seed.paragraphs] + [u.text for u in seed.unparsed]
    assert any("Please visit Paris' Classified Website at:" in text for text in texts)
    assert any("http://www.state.sgov.gov/p/eur/paris/index.c fm" in text for text in texts)


def test_repairs_use_original_lines(seed: Cable, seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    assert {r.kind for r in seed.repairs} <= set(REPAIR_KINDS)
    for repair in seed.repairs:
        original = lines[repair.line - 1]
        if repair.kind in ("html", "latex", "markdown", "run-together"):
            assert repair.before.strip() in original, repair
    paragraph_numbers = {
        r.line: (r.before, r.after) for r in seed.repairs if r.kind == "paragraph-number"
    }
    assert paragraph_numbers[20] == ("11.", "¶1.")
    assert paragraph_numbers[56] == ("110.", "¶10.")
    assert paragraph_numbers[65] == ("113.", "¶13.")
    [lost] = [r for r in seed.repairs if r.kind == "lost-marker"]
    assert (lost.line, lost.after) == (28, "¶3.")
    assert lines[27].startswith("separate organization")
    # paragraph lines are lines of the original file too
    assert [p.line for p in seed.paragraphs][:4] == [20, 24, 28, 30]
    [subject_blank] = [r for r in seed.repairs if r.kind == "blank-line"]
    assert subject_blank.line == 15 and lines[14] == ""


def test_every_kind_of_seed_damage_is_recorded(seed: Cable) -> None:
    kinds = {r.kind for r in seed.repairs}
    assert kinds == {
        "run-together",
        "html",
        "blank-line",
        "markdown",
        "latex",
        "paragraph-number",
        "lost-marker",
    }
