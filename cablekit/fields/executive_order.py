"""The E.O. line: the executive order on classification and the declassification instruction.

``E.O. 12958: DECL: 10/30/2016`` gives the order ``12958``, the instruction ``10/30/2016`` as
written and, when the instruction holds a date, that date.
"""

from __future__ import annotations

import re
from datetime import date

from cablekit._text import collapse, full_year
from cablekit.fields.header import MONTHS
from cablekit.grammar import pattern
from cablekit.models import ExecutiveOrder

__all__ = ["parse_date", "read_executive_order"]

_DECLASSIFY = pattern("DECLASSIFY")
_DOWNGRADE = pattern("DOWNGRADE")
_DATE_MDY = re.compile(r"\b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\b")
_DATE_YMD = re.compile(r"\b([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})\b")
_DATE_WORDS = re.compile(
    r"\b(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?\s+([0-9]{1,2}),?\s+"
    r"([0-9]{4})\b",
    re.IGNORECASE,
)
# made for nearly every cable: the maker spares each the call of the classmethod
_make_executive_order = ExecutiveOrder.maker()


def parse_date(text: str) -> date | None:
    """The first date written in a declassification instruction, if any.

    ``10/30/2016``, ``2016/10/30``, ``2016-10-30``, ``8/12/85`` (``GDS 8/12/85``, 79TEHRAN8980)
    and ``JUNE 21, 2006`` (``AS AMENDED; DECLASSIFIED JUNE 21, 2006``, 72TEHRAN1164).
    """
    try:
        match = _DATE_YMD.search(text)
        if match:
            year, month, day = map(int, match.groups())
            return date(year, month, day)
        match = _DATE_MDY.search(text)
        if match:
            month, day, year = map(int, match.groups())
            if len(match.group(3)) == 2:
                year = full_year(year)
            return date(year, month, day)
        match = _DATE_WORDS.search(text)
        if match:
            month = MONTHS[match.group(1)[:3].upper()]
            return date(int(match.group(3)), month, int(match.group(2)))
    except ValueError:
        return None
    return None


def read_executive_order(order: str | None, instruction: str) -> ExecutiveOrder:
    """The E.O. line of order ``order`` (``12958``) and what follows it on the line:
    ``: DECL: 10/30/2016`` gives the instruction ``10/30/2016`` and its date.

    A downgrade instruction, ``: DNG: CO 01/26/2021`` (06CARACAS219), is not the
    declassification: it is ``downgrade`` (``CO 01/26/2021``), with its date.
    """
    rest = collapse(instruction)
    if rest[:1] in (":", "."):
        rest = rest[1:].lstrip()
    downgrade = None
    found = _DOWNGRADE.search(rest)
    if found is not None:
        downgrade = rest[found.end() :].strip() or None
        rest = rest[: found.start()].rstrip(" ;,")
    keyword = _DECLASSIFY.match(rest)
    if keyword is not None:
        rest = rest[keyword.end() :]
    rest = rest.strip()
    # the fields left at their default (None) are left out: a None given costs the validator
    # more than one not given
    fields: dict[str, object] = {"order": order}
    if rest:
        fields["declassify"] = rest
        fields["declassify_on"] = parse_date(rest)
    if downgrade:
        fields["downgrade"] = downgrade
        fields["downgrade_on"] = parse_date(downgrade)
    return _make_executive_order(fields)
