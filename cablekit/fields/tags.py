"""TAGS: what kind of tag each one is (subject, program, geographic, organization, person).

The tables are package data (``cablekit/data/tags.csv`` and ``geographic-tags.csv``); their
README gives the provenance. They are read once, on first use.

>>> import cablekit
>>> cablekit.tags.lookup("PREL").kind
<TagKind.SUBJECT: 'subject'>
>>> cablekit.tags.lookup("SZ").description
'Switzerland'
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from enum import Enum
from importlib import resources

__all__ = ["TagInfo", "TagKind", "known_codes", "lookup"]


class TagKind(str, Enum):
    """The kinds of TAGS."""

    SUBJECT = "subject"
    """Four-letter subject tags; the first letter is the field (`PREL`, `ECON`, `MARR`)."""
    PROGRAM = "program"
    """Program tags, `K` + three letters (`KDEM`, `KISL`, `KPAO`)."""
    GEOGRAPHIC = "geographic"
    """Two-letter FIPS 10-4 country codes (`FR`, `SZ` Switzerland, `GM` Germany)."""
    ORGANIZATION = "organization"
    """Organizations (`NATO`, `UNESCO`, `EUN`)."""
    PERSON = "person"
    """People: `OVIP (RICE, CONDOLEEZZA)` or `(SURNAME, GIVEN)`."""


@dataclass(frozen=True)
class TagInfo:
    """What one tag is."""

    tag: str
    """The tag, upper case, whitespace collapsed (`PREL`, `OVIP (RICE, CONDOLEEZZA)`)."""
    kind: TagKind
    """Its kind."""
    description: str | None
    """What it stands for, where the tables say (`External Political Relations`,
    `Switzerland`); for a person tag, the name in the parentheses."""


_PERSON = re.compile(r"^(?:[A-Za-z]{4}\s*)?\(\s*(?P<name>[^()]*?[A-Za-z][^()]*?)\s*\)$")
_WS = re.compile(r"\s+")


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("cablekit").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def _table() -> dict[str, TagInfo]:
    table: dict[str, TagInfo] = {}
    for row in _read("tags.csv"):
        tag = row["tag"].upper()
        table.setdefault(tag, TagInfo(tag, TagKind(row["kind"]), row["description"] or None))
    # two-letter tags are country codes first (AL is Albania before it is an organization)
    for row in _read("geographic-tags.csv"):
        tag = row["code"].upper()
        table[tag] = TagInfo(tag, TagKind.GEOGRAPHIC, row["name"] or None)
    return table


def lookup(tag: str) -> TagInfo | None:
    """The kind and meaning of a tag, or None when no table knows it.

    Case and spacing do not matter (``prel`` is ``PREL``). Person tags are recognized by
    their form, ``OVIP (RICE, CONDOLEEZZA)`` or ``(RICE, CONDOLEEZZA)``, and described by the
    name they hold. Unknown tags (typos, State Department regional codes such as ``XF`` that
    are not FIPS 10-4 codes, words of a damaged TAGS line) give None.
    """
    if not isinstance(tag, str):
        return None
    text = _WS.sub(" ", tag).strip()
    if not text:
        return None
    person = _PERSON.match(text)
    if person:
        prefix = text[: text.index("(")].strip().upper()
        if not prefix or prefix == "OVIP":
            return TagInfo(text.upper(), TagKind.PERSON, person["name"])
    return _table().get(text.upper())


@functools.cache
def known_codes() -> frozenset[str]:
    """Every code the tables know, upper case: those ``lookup`` gives something for, person
    tags aside."""
    return frozenset(_table())
