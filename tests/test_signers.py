"""Signers of the last line, and the name and title in ``Classified By``.

Lines quoted are from real cables in ``cablegate-2010`` (named in each test), except where a
test says the line is the issue's example.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cablekit
from cablekit.fields.classified_by import read_classified_by
from cablekit.fields.signers import split_authority, split_signers

# -- signers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cable", "line", "signers"),
    [
        ("06PARIS7101", "HOFMANN", ["HOFMANN"]),
        ("the issue", "RICE/JONES", ["RICE", "JONES"]),
        ("the issue", "RICE  JONES", ["RICE", "JONES"]),
        ("the issue", "RICE AND JONES", ["RICE", "JONES"]),
        ("05SOFIA1207", "PARDEW PARDEW", ["PARDEW"]),
        ("10BRASILIA108", "SHANNON Shannon", ["SHANNON"]),
        ("10BRASILIA43", "MINIMIZE CONSIDERED SHANNON", ["SHANNON"]),
        ("09STATE127892", "CLINTON UNQUOTE CLINTON", ["CLINTON"]),
        ("08BERLIN643", "Timken jr", ["Timken"]),
        ("07BERLIN1767", "TIMKEN JR", ["TIMKEN"]),
        ("10HAVANA84", ".FARRAR", ["FARRAR"]),
        ("09PRAGUE589", "Thompson-Jones", ["Thompson-Jones"]),
        ("08BRASILIA43", "SOBEL 2008-01-08", ["SOBEL"]),
        ("05MADRID541", "MANZANARES .", ["MANZANARES"]),
        ("09LIMA1191-like cut-off text", "DANIEL ORTEGA AN...", []),
    ],
)
def test_split_signers(cable: str, line: str, signers: list[str]) -> None:
    assert split_signers(line) == signers, cable


def test_split_signers_of_nothing() -> None:
    assert split_signers(None) == []
    assert split_signers("") == []
    assert split_signers(" / ") == []


def test_signers_of_parsed_cables(corpus: Path) -> None:
    folder = corpus / "cablegate-2010"
    cable = cablekit.parse((folder / "05SOFIA1207.txt").read_bytes())
    assert cable.signature == "PARDEW PARDEW"
    assert cable.signers == ["PARDEW"]
    cable = cablekit.parse((folder / "10SARAJEVO134.txt").read_bytes())
    assert cable.signers == ["ENGLISH"]


# -- classified by ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cable", "authority", "title", "name"),
    [
        (
            "05PARIS104",
            "Political Minister-Counselor Josiah Rosenblatt",
            "Political Minister-Counselor",
            "Josiah Rosenblatt",
        ),
        ("01PRETORIA1173", "AMBASSADOR DELANO E. LEWIS", "AMBASSADOR", "DELANO E. LEWIS"),
        (
            "09ALGIERS1077",
            "Charge d'Affaires a.i. William Jordan",
            "Charge d'Affaires a.i.",
            "William Jordan",
        ),
        (
            "the issue",
            "Charge d'Affaires a.i. Leigh Carter",
            "Charge d'Affaires a.i.",
            "Leigh Carter",
        ),
        ("04CARACAS2200", "A/DCM ABELARDO A. ARIAS", "A/DCM", "ABELARDO A. ARIAS"),
        ("02BRASILIA4227", "POLOFF RICHARD REITER", "POLOFF", "RICHARD REITER"),
        (
            "09ABUDHABI1151",
            "Richard G. Olson, Ambassador, State, US Embassy Abu Dhabi, UAE",
            "Ambassador",
            "Richard G. Olson",
        ),
        (
            "09BUENOSAIRES1257",
            "Martinez, Vilma, Ambassador, DOS, EXEC",
            "Ambassador",
            "Martinez, Vilma",
        ),
        (
            "09BEIJING1634",
            "Charge d'Affaires, a.i., Dan Piccuta",
            "Charge d'Affaires, a.i.",
            "Dan Piccuta",
        ),
        (
            "07BEIJING1668",
            "Ambassador Clark T. Randt, Jr",
            "Ambassador",
            "Clark T. Randt, Jr",
        ),
        (
            "10BRASILIA3",
            "Lisa Kubiske, Charge d'Affaires a.i.",
            "Charge d'Affaires a.i.",
            "Lisa Kubiske",
        ),
        ("a 2009 cable", "Deputy Political Counselor Greg D'Elia", "Deputy Political Counselor",
         "Greg D'Elia"),
        ("a 2009 cable", "Ambassador", "Ambassador", None),
        ("a 2009 cable", "Anne W. Patterson", None, "Anne W. Patterson"),
        ("08STATE116943", "Derived from Multiple Sources", None, None),
    ],
)
def test_split_authority(cable: str, authority: str, title: str | None, name: str | None) -> None:
    assert split_authority(authority) == (title, name), cable


def test_read_classified_by_fills_name_and_title() -> None:
    # 10STATE13750: "Classified By: Under Secretary Bill Burns for reasons 1.4(b, d)."
    classified = read_classified_by(
        "Classified By: Under Secretary Bill Burns for reasons 1.4(b, d)."
    )
    assert classified.authority == "Under Secretary Bill Burns"
    assert (classified.title, classified.name) == ("Under Secretary", "Bill Burns")
    assert classified.reasons == ["1.4(b)", "1.4(d)"]
    # 02BRASILIA4227: "Classified By: POLOFF RICHARD REITER FOR REASONS 1.5(b) AND (d)."
    classified = read_classified_by(
        "Classified By: POLOFF RICHARD REITER FOR REASONS 1.5(b) AND (d)."
    )
    assert (classified.title, classified.name) == ("POLOFF", "RICHARD REITER")


def test_split_authority_never_raises() -> None:
    for text in (None, "", ",", ";;", "A", "xxxxx", "Charge d'", "(U)", "a.i.", "- -", "Jr"):
        split_authority(text)


def test_corpus_classifiers_mostly_have_a_name(corpus: Path) -> None:
    lines = named = 0
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        classified = cablekit.parse(path.read_bytes()).classified_by
        if classified is not None:
            lines += 1
            named += classified.name is not None
    assert lines > 1000
    assert named / lines >= 0.97
