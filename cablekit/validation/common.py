"""Readings several groups of checks share: classification levels, the executive orders on
classification, and the canonical forms of posts and captions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from cablekit.models import Cable, Classification
from cablekit.validation.findings import Diagnostic

__all__ = ["EXECUTIVE_ORDERS", "LEVEL", "Checker", "caption_words", "squeeze"]

#: A check: the findings of one kind in a cable.
Checker = Callable[[Cable], Iterator[Diagnostic]]

#: Each classification as a number, to compare them (UNCLASSIFIED 0 ... TOP SECRET 3).
LEVEL = {
    Classification.UNCLASSIFIED: 0,
    Classification.CONFIDENTIAL: 1,
    Classification.SECRET: 2,
    Classification.TOP_SECRET: 3,
}

#: When each executive order on classification was signed: a cable cannot cite an order
#: signed after its date-time group.
EXECUTIVE_ORDERS: dict[str, date] = {
    "10501": date(1953, 11, 5),
    "11652": date(1972, 3, 8),
    "12065": date(1978, 6, 28),
    "12356": date(1982, 4, 2),
    "12958": date(1995, 4, 17),
    "13292": date(2003, 3, 25),
    "13526": date(2009, 12, 29),
}


def squeeze(text: str) -> str:
    """``text`` in capitals with everything but letters and digits taken out, to compare
    posts however they are spaced (``BUENOS AIR`` and ``AMEMBASSY BUENOS AIRES``)."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def caption_words(text: str) -> str:
    """A caption in canonical form: capitals, letter-spacing and punctuation removed."""
    text = re.sub(r"\b(?:[A-Z] ){2,}[A-Z]\b", lambda m: m.group(0).replace(" ", ""), text)
    return " ".join(re.findall(r"[A-Z]+", text.upper()))
