"""Portion markings and caveats read into a level and control words, whatever their spelling.

The markings quoted are those of the cablegate-2010 corpus: ``S/NF`` and ``S//NF``,
``S/NOFORN`` (09STATE14070 and others), ``SNF`` (09TRIPOLI1025 ``¶4.  (SNF)  The Ambassador
would like to thank the DOE team -``), ``N/SF`` (09KABUL1892 ``¶9. (N/SF) I then raised with
Karzai his regular claim to``), ``S//FGI//NF``, ``SBU/NF``, ``U//FOUO``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import cablekit
from cablekit.fields.marking import cable_caveats, read_marking
from cablekit.models import Classification

SECRET = Classification.SECRET
CONFIDENTIAL = Classification.CONFIDENTIAL
UNCLASSIFIED = Classification.UNCLASSIFIED


@pytest.mark.parametrize(
    ("marking", "level", "caveats"),
    [
        ("C", CONFIDENTIAL, ()),
        ("S", SECRET, ()),
        ("U", UNCLASSIFIED, ()),
        ("TS", Classification.TOP_SECRET, ()),
        ("S/NF", SECRET, ("NOFORN",)),
        ("S//NF", SECRET, ("NOFORN",)),
        ("S/NOFORN", SECRET, ("NOFORN",)),
        ("C/NOFORN", CONFIDENTIAL, ("NOFORN",)),
        ("SNF", SECRET, ("NOFORN",)),
        ("CNF", CONFIDENTIAL, ("NOFORN",)),
        ("N/SF", SECRET, ("NOFORN",)),
        ("S//FGI//NF", SECRET, ("FGI", "NOFORN")),
        ("S / NF", SECRET, ("NOFORN",)),
        ("SBU", UNCLASSIFIED, ("SBU",)),
        ("SBU/NF", UNCLASSIFIED, ("SBU", "NOFORN")),
        ("U//FOUO", UNCLASSIFIED, ("FOUO",)),
        ("c/nf", CONFIDENTIAL, ("NOFORN",)),
    ],
)
def test_every_spelling_gives_the_level_and_caveats(
    marking: str, level: Classification, caveats: tuple[str, ...]
) -> None:
    assert read_marking(marking) == (level, caveats)


@pytest.mark.parametrize("marking", [None, "", "XYZ", "Q/NF/Z"])
def test_a_marking_of_unknown_words_gives_nothing(marking: str | None) -> None:
    assert read_marking(marking) == (None, ())


def test_a_marker_line_gives_the_paragraph_its_level_and_caveats() -> None:
    text = (
        "S E C R E T SECTION 01 OF 03 KABUL 001892\n\nNOFORN\nSIPDIS\n\n"
        "E.O. 12958: DECL: 07/13/2019\nTAGS: PGOV PREL AF\n"
        "SUBJECT: KARZAI DIALOGUE ON U.S.-AFGHAN RELATIONS CONTINUES\n\n"
        "¶1. (C) Summary: the President met the Ambassador.\n\n"
        "¶9. (N/SF) I then raised with Karzai his regular claim to\n"
        "be uninformed.\n\n"
        "¶10. (SBU) Public remarks followed.\n\n"
        "¶11. Unmarked.\n"
    )
    cable = cablekit.parse(text)
    read = [(p.number, p.marking, p.level, p.caveats) for p in cable.paragraphs]
    assert read == [
        (1, "C", CONFIDENTIAL, []),
        (9, "N/SF", SECRET, ["NOFORN"]),
        (10, "SBU", UNCLASSIFIED, ["SBU"]),
        (11, None, None, []),
    ]
    assert cable.handling == ["NOFORN", "SIPDIS"]
    assert cable.caveats == ["NOFORN"]


def test_cable_caveats_are_the_control_words_among_the_captions() -> None:
    handling = ["SENSITIVE", "SIPDIS", "FOR OFFICIAL USE ONLY", "CORRECTED COPY", "NOFORN"]
    assert cable_caveats(handling) == ["SBU", "FOUO", "NOFORN"]
    assert cable_caveats(["SENSITIVE BUT UNCLASSIFIED", "SENSITIVE"]) == ["SBU"]
    assert cable_caveats(["REL TO  USA, GBR"]) == ["REL TO USA, GBR"]
    assert cable_caveats(["SIPDIS", "NOT FOR INTERNET DISTRIBUTION"]) == []


def test_a_portion_marked_noforn_in_any_spelling_makes_the_cable_noforn() -> None:
    text = (
        "C O N F I D E N T I A L TRIPOLI 000123\n\nSIPDIS\n\n"
        "E.O. 12958: DECL: 07/13/2019\nTAGS: PREL LY\nSUBJECT: DOE TEAM\n\n"
        "¶1. (C) The team visited.\n\n"
        "¶4.  (SNF)  The Ambassador would like to thank the DOE team -\n"
        "for their efforts.\n"
    )
    cable = cablekit.parse(text)
    assert "NOFORN" in cable.handling
    assert cable.caveats == ["NOFORN"]


def test_every_marking_of_the_corpus_names_a_level(corpus: Path) -> None:
    """Each paragraph marking the grammar finds in the corpus gives a level: 100%."""
    unread: Counter[str] = Counter()
    read = 0
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        for paragraph in cablekit.parse_file(path).paragraphs:
            if paragraph.marking is None:
                continue
            if paragraph.level is None:
                unread[paragraph.marking] += 1
            else:
                read += 1
    assert read > 12_000
    assert not unread, unread.most_common(10)
