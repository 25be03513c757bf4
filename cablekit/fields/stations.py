"""Routing indicators: the station each one stands for, and collectives with their exclusions.

The table is package data (``cablekit/data/routing-indicators.csv``), merged from the 2010
edition of ACP 117 and from the indicators seen in the Cablegate headers; its README gives the
provenance. It is read once, on first use.

>>> import cablekit
>>> cablekit.stations.lookup("RUEHC")
'DEPT OF STATE WASHINGTON DC'
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Sequence
from importlib import resources

from cablekit.models import Recipient

__all__ = ["attach_exclusions", "is_collective", "is_post", "lookup", "lookup_all"]

_RI = re.compile(r"^R[A-Z]{3,6}$")
_RANGE = re.compile(r"^(R[A-Z]{3,6}) THRU (R[A-Z]{3,6})$")
# the word's first letter a set of either case, which a search skips to in C, and the word
# boundary before it a lookbehind after it
_COLLECTIVE = re.compile(r"(?-i:[cC])(?<!\w[cC])OLLECTIVE\b", re.IGNORECASE)
# ACP 117 is the official book: its names win where both tables know an indicator.
_SOURCE_RANK = {"acp117": 0, "cablegate": 1}


@functools.cache
def _table() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str, tuple[str, ...]], ...]]:
    """Indicator → station names, and the indicator ranges (``RHFJAAA THRU RHFJAAZ``)."""
    text = (
        resources.files("cablekit")
        .joinpath("data")
        .joinpath("routing-indicators.csv")
        .read_text(encoding="utf-8")
    )
    ranked: dict[str, tuple[int, list[str]]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        key, name = row["routing_indicator"], row["station"]
        rank = _SOURCE_RANK.get(row["source"], len(_SOURCE_RANK))
        best = ranked.get(key)
        if best is None or rank < best[0]:
            ranked[key] = (rank, [name])
        elif rank == best[0] and name not in best[1]:
            best[1].append(name)
    exact: dict[str, tuple[str, ...]] = {}
    ranges: list[tuple[str, str, tuple[str, ...]]] = []
    for key, (_, names) in ranked.items():
        span = _RANGE.match(key)
        if span:
            ranges.append((span[1], span[2], tuple(names)))
        else:
            exact[key] = tuple(names)
    return exact, tuple(ranges)


def lookup_all(routing_indicator: str) -> tuple[str, ...]:
    """Every station name the table gives for a routing indicator, best source first.

    One indicator can stand for several stations (``RCCEOTT``: ``CDLS LONDON UK`` and
    ``CDLS WASHINGTON DC``). Returns an empty tuple for an unknown or malformed indicator.
    """
    key = routing_indicator.strip().upper() if isinstance(routing_indicator, str) else ""
    if not _RI.match(key):
        return ()
    return _names(key)


# A header names the same few stations over and over, and an indicator the table does not
# hold is looked for through every range.
@functools.lru_cache(maxsize=4096)
def _names(key: str) -> tuple[str, ...]:
    """The station names of a well-formed, upper-case routing indicator."""
    exact, ranges = _table()
    names = exact.get(key)
    if names is not None:
        return names
    if len(key) not in _range_lengths():
        return ()  # most indicators the table does not hold are shorter than any range's
    for first, last, range_names in ranges:
        if len(key) == len(first) and first <= key <= last:
            return range_names
    return ()


@functools.cache
def _range_lengths() -> frozenset[int]:
    """The lengths of the indicators that bound the table's ranges."""
    return frozenset(len(first) for first, _, _ in _table()[1])


def lookup(routing_indicator: str) -> str | None:
    """The station a routing indicator stands for: ``lookup("RUEHC")`` is
    ``"DEPT OF STATE WASHINGTON DC"``.

    When the table gives several stations for one indicator they are joined with ``" / "``.
    Returns None for an indicator the table does not know (most collectives, ``RUEHZL``) and
    for anything that is not a routing indicator.
    """
    names = lookup_all(routing_indicator)
    return " / ".join(names) if names else None


_POST_STATION = re.compile(
    r"^(?:AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USMISSIN|US MISSION|USOFFICE)\s+(?P<post>.+?)"
    r"(?:\s+[A-Z]{2})?$"
)


@functools.cache
def _posts() -> frozenset[str]:
    """Post names of the embassies, consulates and missions in the table (``PESHAWAR``)."""
    exact, _ = _table()
    posts = set()
    for names in exact.values():
        for name in names:
            match = _POST_STATION.match(name)
            if match:
                posts.add(match["post"])
    return frozenset(posts)


def is_post(name: str) -> bool:
    """True when ``name`` is the name of a post (embassy, consulate or mission) that the
    routing-indicator table knows: ``is_post("Peshawar")``, ``is_post("ABU DHABI")``."""
    return isinstance(name, str) and " ".join(name.split()).upper() in _posts()


def is_collective(name: str, station: str | None = None) -> bool:
    """True when an addressee is a collective: ``NATO EU COLLECTIVE``, ``IRAN COLLECTIVE``."""
    return bool(_COLLECTIVE.search(name) or (station and _COLLECTIVE.search(station)))


def attach_exclusions(
    to: Sequence[Recipient], info: Sequence[Recipient], exempt: Sequence[Recipient]
) -> tuple[list[Recipient], list[Recipient]]:
    """Put the XMT addressees on the collective they are excluded from.

    An XMT line (FL9) names posts that a collective above it must not reach. The header does
    not say which collective when there are several, so the exclusions go to the last
    collective of the TO and INFO lists, the one nearest the XMT line (10SARAJEVO134:
    ``INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE`` ... ``XMT AMCONSUL STRASBOURG``). Without
    any collective nothing changes. Returns the new TO and INFO lists; ``exempt`` itself is
    kept as it is in ``Transmission.exempt``.
    """
    to_list, info_list = list(to), list(info)
    names: list[str] = []
    for recipient in exempt:
        if recipient.name not in names:
            names.append(recipient.name)
    if not names:
        return to_list, info_list
    for target in (info_list, to_list):
        for index in range(len(target) - 1, -1, -1):
            collective = target[index]
            if collective.collective or is_collective(collective.name, collective.station):
                excluded = list(collective.excluded)
                excluded.extend(name for name in names if name not in excluded)
                target[index] = collective.model_copy(
                    update={"collective": True, "excluded": excluded}
                )
                return to_list, info_list
    return to_list, info_list
