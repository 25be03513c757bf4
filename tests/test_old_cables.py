"""Cables from 1966 to 1990 and the old telegram layout, read as completely as recent ones.

Every 1966-1990 cable of the corpus, and 00HANOI686 (pdf-text), an old-style printout of a
2000 cable: distribution block, `PAGE 02 HANOI 00686 01 OF 07 050821Z` lines between the
paragraphs, no date-time group.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cablekit

OLD = [
    "66BUENOSAIRES2481",
    "72TEHRAN1164",
    "72TEHRAN5055",
    "75TEHRAN2069",
    "79TEHRAN8980",
    "86MADRID5480",
    "88BAGHDAD28",
    "89PANAMA8545",
    "90CAPETOWN97",
]


def test_the_corpus_has_these_old_cables(corpus: Path) -> None:
    found = sorted(p.stem for p in (corpus / "cablegate-2010").glob("[6-9]*.txt"))
    assert found == OLD


@pytest.mark.parametrize("reference_id", OLD)
def test_old_cable_is_read_completely(corpus: Path, reference_id: str) -> None:
    cable = cablekit.parse((corpus / "cablegate-2010" / f"{reference_id}.txt").read_bytes())
    transmission = cable.transmission
    # headers that start at FL5: "P R 281848Z DEC 66" (66BUENOSAIRES2481)
    assert transmission is not None
    assert transmission.dtg is not None
    assert transmission.dtg.year == 1900 + int(reference_id[:2])
    assert transmission.sender is not None and transmission.sender.startswith(
        ("AMEMBASSY", "AMCONSUL")
    )
    assert transmission.to
    assert cable.classification is not None
    # 88BAGHDAD28 puts a 1988 Baghdad header over the text of a 2009 State cable
    if reference_id != "88BAGHDAD28":
        assert cable.id == reference_id
    # E.O. 11652: GDS (75TEHRAN2069), E.O. 12065 (79TEHRAN8980), E.O. 12356: DECL: OADR
    assert cable.executive_order is not None and cable.executive_order.order is not None
    assert cable.tags
    assert cable.subject
    numbers = [p.number for p in cable.paragraphs if p.number is not None]
    assert numbers and numbers[0] == 1


def test_old_executive_orders(corpus: Path) -> None:
    orders = {}
    for reference_id in ("75TEHRAN2069", "79TEHRAN8980", "90CAPETOWN97", "72TEHRAN1164"):
        cable = cablekit.parse((corpus / "cablegate-2010" / f"{reference_id}.txt").read_bytes())
        assert cable.executive_order is not None
        orders[reference_id] = cable.executive_order
    assert (orders["75TEHRAN2069"].order, orders["75TEHRAN2069"].declassify) == ("11652", "GDS")
    assert orders["79TEHRAN8980"].order == "12065"
    assert str(orders["79TEHRAN8980"].declassify_on) == "1985-08-12"  # "GDS 8/12/85 (...)"
    assert (orders["90CAPETOWN97"].order, orders["90CAPETOWN97"].declassify) == ("12356", "OADR")
    # "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006": a later review note
    assert str(orders["72TEHRAN1164"].declassify_on) == "2006-06-21"


def test_distribution_block_and_page_lines_of_90capetown97(corpus: Path) -> None:
    cable = cablekit.parse((corpus / "cablegate-2010" / "90CAPETOWN97.txt").read_bytes())
    transmission = cable.transmission
    assert transmission is not None
    # "ACTION AF-00" / "INFO  LOG-00   ADS-00   INR-05 ..." are offices, not addressees
    assert transmission.action_offices == ["AF-00"]
    assert transmission.info_offices[:3] == ["LOG-00", "ADS-00", "INR-05"]
    assert [r.name for r in transmission.info][:2] == [
        "AMEMBASSY PRETORIA",
        "AMCONSUL JOHANNESBURG",
    ]
    assert cable.id == "90CAPETOWN97"
    assert cable.section is not None and (cable.section.number, cable.section.total) == (1, 3)
    # "PAGE 02 CAPE T 00097 01 OF 03 182017Z" is furniture: kept, never in the text
    assert not any("PAGE 0" in p.text for p in cable.paragraphs)
    assert any(u.text.startswith("PAGE 0") for u in cable.unparsed)


def test_00hanoi686_printout(corpus: Path) -> None:
    cable = cablekit.parse((corpus / "pdf-text" / "00HANOI686.txt").read_bytes())
    transmission = cable.transmission
    assert transmission is not None
    assert transmission.sender == "AMEMBASSY HANOI"
    assert [(r.name, r.precedence, r.sequence) for r in transmission.to] == [
        ("SECSTATE WASHDC", cablekit.models.Precedence.PRIORITY, "9479")
    ]
    assert len(transmission.info) == 12
    assert transmission.action_offices == ["EAP-00"]
    assert "CIAE-00" in transmission.info_offices
    # no date-time group: the id comes from the printout's "2000HANOI00686 - CONFIDENTIAL"
    assert cable.id == "00HANOI686"
    assert cable.classification is cablekit.models.Classification.CONFIDENTIAL
    assert cable.section is not None and (cable.section.number, cable.section.total) == (1, 7)
    assert cable.executive_order is not None and str(cable.executive_order.declassify_on) == (
        "2020-03-21"
    )
    assert cable.tags == ["PGOV", "PREL", "ECON", "ETRD", "PINR", "PHUM", "VM", "DPOL"]
    assert cable.subject is not None and cable.subject.startswith("VIETNAM IDEOLOGICALLY")
    assert [r.text for r in cable.references] == ["HANOI 637", "HANOI 232"]
    assert cable.classified_by is not None
    assert cable.classified_by.reasons == ["1.5(b)", "1.5(d)"]
    numbers = [p.number for p in cable.paragraphs if p.number is not None]
    assert numbers == list(range(1, 28))
    assert not any("PAGE 0" in p.text for p in cable.paragraphs)


def test_drafting_lines_of_a_department_telegram(corpus: Path) -> None:
    cable = cablekit.parse((corpus / "cablegate-2010" / "09STATE63860.txt").read_bytes())
    transmission = cable.transmission
    assert transmission is not None
    assert transmission.drafted_by == "DS/DSS/CC:JBACIGALUPO -- 06/19/2009 571-345-3132"
    assert transmission.approved_by == "DS/DSS/CC:JBACIGALUPO"
