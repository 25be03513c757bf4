"""Portion markings and caveats read into a level and control words.

A paragraph's portion marking is written in many ways for the same thing: ``S/NF``, ``S//NF``,
``S/NOFORN``, ``SNF``, even ``N/SF`` with its letters out of order; ``SBU`` and ``U//FOUO``
are unclassified with a control word.  The grammar's ``PORTION_MARK`` finds the marking;
:func:`read_marking` reads it into the :class:`~cablekit.models.Classification` level and
the caveats, each in one spelling (:data:`CAVEATS`), so that a filter on the level or on
``NOFORN`` finds every form.  The marking as written stays on the paragraph.

:func:`cable_caveats` does the same for the captions and caveats of the cable
(``Cable.handling``): the control words among them, each in its one spelling.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import product
from typing import NamedTuple

from cablekit.models import Classification

__all__ = ["CAVEATS", "LEVEL_CODES", "Marking", "cable_caveats", "read_marking"]

#: a level as a portion marking writes it, and the caveat the code implies when it has one
LEVEL_CODES: dict[str, tuple[Classification, str | None]] = {
    "U": (Classification.UNCLASSIFIED, None),
    "C": (Classification.CONFIDENTIAL, None),
    "S": (Classification.SECRET, None),
    "TS": (Classification.TOP_SECRET, None),
    "SBU": (Classification.UNCLASSIFIED, "SBU"),
    "FOUO": (Classification.UNCLASSIFIED, "FOUO"),
    "LOU": (Classification.UNCLASSIFIED, "LOU"),
    "CUI": (Classification.UNCLASSIFIED, "CUI"),
}
#: the control words of portion markings and captions, by every spelling found, to one
#: spelling each
CAVEATS: dict[str, str] = {
    "NF": "NOFORN",
    "NOFORN": "NOFORN",
    "NOFORN DISSEM": "NOFORN",
    "FGI": "FGI",
    "OC": "ORCON",
    "ORCON": "ORCON",
    "PR": "PROPIN",
    "PROPIN": "PROPIN",
    "NC": "NOCONTRACT",
    "NOCONTRACT": "NOCONTRACT",
    "NODIS": "NODIS",
    "EXDIS": "EXDIS",
    "LIMDIS": "LIMDIS",
    "STADIS": "STADIS",
    "SBU": "SBU",
    "SENSITIVE": "SBU",
    "SENSITIVE BUT UNCLASSIFIED": "SBU",
    "FOUO": "FOUO",
    "FOR OFFICIAL USE ONLY": "FOUO",
    "LOU": "LOU",
    "LIMITED OFFICIAL USE": "LOU",
}


class Marking(NamedTuple):
    """What a portion marking says: the level, and its caveats in order of writing."""

    level: Classification | None
    caveats: tuple[str, ...]


def _letters(text: str) -> str:
    return "".join(sorted(text))


# A marking whose letters are those of a level and one caveat in another order, "N/SF" for
# "S/NF": typed out of order, the letters still say which marking was meant.
_BY_LETTERS: dict[str, Marking] = {}
for (_code, (_level, _implied)), _caveat in product(LEVEL_CODES.items(), ("NF", "FGI", "OC")):
    if _implied is None:
        _BY_LETTERS.setdefault(_letters(_code + _caveat), Marking(_level, (CAVEATS[_caveat],)))


def _token(token: str) -> tuple[Classification | None, list[str]] | None:
    """One slash-separated word of a marking: a level, a caveat, or a level with a caveat
    run onto it (``SNF``); None when it is none of these."""
    if token in LEVEL_CODES:
        level, implied = LEVEL_CODES[token]
        return level, [implied] if implied else []
    if token in CAVEATS:
        return None, [CAVEATS[token]]
    for size in (2, 1):  # TS before T: the longest level first
        head, rest = token[:size], token[size:]
        if head in LEVEL_CODES and rest in CAVEATS and LEVEL_CODES[head][1] is None:
            return LEVEL_CODES[head][0], [CAVEATS[rest]]
    return None


@lru_cache(maxsize=256)  # a corpus has a few dozen spellings, repeated over every paragraph
def read_marking(marking: str | None) -> Marking:
    """The level and caveats of a portion marking as written without its parentheses
    (``S//FGI//NF`` gives SECRET with FGI and NOFORN).  A marking none of whose words is
    known gives no level and no caveats; the marking itself is kept by the caller."""
    if not marking:
        return Marking(None, ())
    words = [word.strip() for word in marking.upper().split("/")]
    words = [word for word in words if word]
    level: Classification | None = None
    caveats: list[str] = []
    for word in words:
        read = _token(word)
        if read is None:
            return _BY_LETTERS.get(_letters("".join(words)), Marking(None, ()))
        if read[0] is not None and level is None:
            level = read[0]
        caveats.extend(caveat for caveat in read[1] if caveat not in caveats)
    return Marking(level, tuple(caveats))


def cable_caveats(handling: Iterable[str]) -> list[str]:
    """The control words among a cable's captions and caveats (``Cable.handling``), each in
    its one spelling, in order of appearance; distribution captions such as SIPDIS are not
    control words and are left out."""
    found: list[str] = []
    for word in handling:
        caveat = CAVEATS.get(" ".join(word.upper().split()))
        if caveat is None and word.upper().startswith("REL TO"):
            caveat = " ".join(word.upper().split())
        if caveat is not None and caveat not in found:
            found.append(caveat)
    return found
