"""TAGS: the kind and meaning of each tag.

Tags quoted are from TAGS lines of real cables in ``cablegate-2010`` (named in each test).
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pytest

import cablekit
from cablekit import tags
from cablekit.fields.tags import TagInfo, TagKind


def test_lookup_is_reachable_from_the_package() -> None:
    # 06PARIS7101: "TAGS: PREL PGOV MARR MOPS FR"
    assert cablekit.tags.lookup("PREL") == TagInfo(
        "PREL", TagKind.SUBJECT, "External Political Relations"
    )


@pytest.mark.parametrize(
    ("tag", "kind", "description"),
    [
        ("PGOV", TagKind.SUBJECT, "Internal Governmental Affairs"),  # 06PARIS7101
        ("MARR", TagKind.SUBJECT, "Military and Defense Arrangements"),  # 06PARIS7101
        ("FR", TagKind.GEOGRAPHIC, "France"),  # 06PARIS7101
        ("SZ", TagKind.GEOGRAPHIC, "Switzerland"),  # FIPS, not ISO
        ("GM", TagKind.GEOGRAPHIC, "Germany"),  # 09BERLIN978: "TAGS: GM MARR MOPS NATO ..."
        ("KV", TagKind.GEOGRAPHIC, "Kosovo"),  # "TAGS: PREL PGOV SR KV"
        ("SR", TagKind.GEOGRAPHIC, "Serbia"),  # TAGS usage beside RI
        ("TC", TagKind.GEOGRAPHIC, "United Arab Emirates"),  # 05ABUDHABI2178 (former code)
        ("KDEM", TagKind.PROGRAM, "Democratization"),
        ("KPAO", TagKind.PROGRAM, "Public Affairs Office"),
        ("KAWC", TagKind.PROGRAM, "Atrocities and War Crimes"),  # 09BELGRADE: "KAWC, SR"
        ("NATO", TagKind.ORGANIZATION, None),  # 09BERLIN978
        ("UNMIK", TagKind.ORGANIZATION, None),  # "TAGS PREL, PGOV, UNMIK, KV"
        ("UNGA/C-1", TagKind.ORGANIZATION, None),
        ("EUN", TagKind.ORGANIZATION, None),  # 06PARIS7755
    ],
)
def test_kinds(tag: str, kind: TagKind, description: str | None) -> None:
    info = tags.lookup(tag)
    assert info is not None
    assert (info.tag, info.kind, info.description) == (tag, kind, description)


def test_person_tags() -> None:
    # "OVIP (CLINTON, HILLARY)" (cablegate-2010), "(SURNAME, GIVEN)" form too
    info = tags.lookup("OVIP (CLINTON, HILLARY)")
    assert info == TagInfo("OVIP (CLINTON, HILLARY)", TagKind.PERSON, "CLINTON, HILLARY")
    info = tags.lookup("(RICE, CONDOLEEZZA)")
    assert info is not None and info.kind is TagKind.PERSON
    assert info.description == "RICE, CONDOLEEZZA"
    # "OVIP" alone is the subject tag of visits
    info = tags.lookup("OVIP")
    assert info is not None and info.kind is TagKind.SUBJECT


def test_case_and_spacing_do_not_matter() -> None:
    # 04ANKARA348: "Tags: prel, pgov, pins, tu"; "ovip (steinberg, james b.)"
    assert tags.lookup("prel") == tags.lookup("PREL")
    assert tags.lookup(" tu ") == TagInfo("TU", TagKind.GEOGRAPHIC, "Turkey")
    info = tags.lookup("ovip  (steinberg,  james b.)")
    assert info is not None and info.kind is TagKind.PERSON


def test_two_letter_tags_are_countries_before_organizations() -> None:
    # AL is Albania (FIPS) and also in the organization list
    assert tags.lookup("AL") == TagInfo("AL", TagKind.GEOGRAPHIC, "Albania")


def test_unknown_tags_give_none() -> None:
    # State Department regional codes (07RABAT1229: "... MO IZ XF XA"), ISO codes used by
    # mistake (08MADRID1359: "... SP VZ"), words of a damaged TAGS line
    for tag in ("XF", "XA", "VZ", "RU", "TAGS:", "COUNTER", "", "  ", "()", "OVIP ()"):
        assert tags.lookup(tag) is None, tag


def test_the_fips_table_is_package_data() -> None:
    text = resources.files("cablekit").joinpath("data").joinpath(
        "geographic-tags.csv"
    ).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    fips = [row for row in rows if row["source"] == "fips-10-4"]
    assert len(fips) >= 265
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert all(row["name"] for row in rows)
    assert {row["source"] for row in rows} <= {"fips-10-4", "fips-10-4-former", "tags-usage"}


def test_corpus_tags_mostly_known(corpus: Path) -> None:
    """Unknown are regional codes (XA, XF, ZP ...), ISO codes (RU, VZ), typos and words of
    TAGS lines the parser split badly."""
    total = known = 0
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        for tag in cablekit.parse(path.read_bytes()).tags:
            total += 1
            known += tags.lookup(tag) is not None
    assert total > 7000
    assert known / total >= 0.96
