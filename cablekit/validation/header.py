"""CK1xx: the transmission header (FL3, FL4, FM, DTG) and the container against the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from cablekit._text import full_year
from cablekit.models import Cable, IdSource
from cablekit.validation.common import EXECUTIVE_ORDERS, LEVEL, Checker, caption_words, squeeze
from cablekit.validation.findings import Diagnostic, diagnostic

__all__ = ["CHECKERS"]

# FL4 "ZNY CCCCC": the repeated letter is the classification (E = EFTO, unclassified)
_SECURITY_LEVEL = {"U": 0, "E": 0, "C": 1, "S": 2, "T": 3}
_SECURITY_NAME = {0: "UNCLASSIFIED", 1: "CONFIDENTIAL", 2: "SECRET", 3: "TOP SECRET"}


def _dtg_text(moment: datetime) -> str:
    return moment.strftime("%d%H%MZ %b %y").upper()


def _check_security(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    written = cable.classification_line
    said = written.level if written is not None else cable.classification
    if transmission is None or transmission.security is None or said is None:
        return
    letters = transmission.security.split()[-1]
    level = _SECURITY_LEVEL.get(letters[:1])
    if level is None or level == LEVEL[said]:
        return
    yield diagnostic(
        "CK101",
        f"FL4 '{transmission.security}' is the signal of a {_SECURITY_NAME[level]} message, "
        f"but the classification line says {said.value}",
        written.line if written is not None else None,
    )


_FILED = re.compile(r"^(?P<day>[0-9]{3})(?P<hour>[0-9]{2})(?P<minute>[0-9]{2})$")
# a cable is filed for transmission after it is dated; allow a little clock skew
_FILED_EARLY = timedelta(hours=1)
_FILED_LATE = timedelta(days=1)


def _check_filing_time(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.filed is None or transmission.dtg is None:
        return
    dtg = transmission.dtg
    if dtg.tzinfo is None:  # a model built by hand; the parser gives UTC
        dtg = dtg.replace(tzinfo=timezone.utc)
    match = _FILED.match(transmission.filed)
    day = int(match["day"]) if match else 0
    hour = int(match["hour"]) if match else 0
    minute = int(match["minute"]) if match else 0
    if match is None or not (1 <= day <= 366 and hour <= 23 and minute <= 59):
        yield diagnostic(
            "CK102",
            f"FL3 filing time '{transmission.filed}' is not a Julian day (001-366) and a time HHMM",
        )
        return
    # the filing day belongs to the DTG's year, or to a neighbouring one around New Year
    candidates = [
        datetime(year, 1, 1, hour, minute, tzinfo=timezone.utc) + timedelta(days=day - 1)
        for year in (dtg.year - 1, dtg.year, dtg.year + 1)
        if 1 < year < 9999
    ]
    filed = min(candidates, key=lambda moment: abs(moment - dtg))
    if -_FILED_EARLY <= filed - dtg <= _FILED_LATE:
        return
    if filed > dtg and _corrected_copy(cable):
        return  # a corrected copy keeps its DTG and is filed again later (09STATE28302)
    dtg_day = dtg.timetuple().tm_yday
    yield diagnostic(
        "CK102",
        f"FL3 filing time '{transmission.filed}' (day {day:03d}, {hour:02d}:{minute:02d}Z) "
        f"does not follow the DTG {_dtg_text(dtg)} (day {dtg_day:03d})",
    )


def _corrected_copy(cable: Cable) -> bool:
    """Whether a caption says the cable is a corrected copy (``C O R R E C T E D C O P Y``)."""
    return any(
        caption_words(line).startswith("CORRECT") for line in (*cable.handling, *cable.passing)
    )


def _check_serial(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.serial is None or cable.number is None:
        return
    # the station serial holds the last four digits of the cable number (STATE 124823: #4823)
    if transmission.serial % 10000 == cable.number % 10000:
        return
    yield diagnostic(
        "CK103",
        f"the classification line gives number {cable.number}, but FL3 "
        f"'DE {transmission.originator_station} #{transmission.serial:04d}' gives serial "
        f"{transmission.serial}{_followed(cable)}",
    )


def _followed(cable: Cable) -> str:
    """Which of header and text the cable's id follows, said after a finding that they
    disagree: the header, when it names a cable (its sender and FL3 serial)."""
    if cable.id is None or cable.id_source is None:
        return ""
    if cable.id_source is IdSource.HEADER:
        return f"; the id follows the header: {cable.id}"
    if cable.id_source is IdSource.CLASSIFICATION_LINE:
        return f"; the id follows the classification line: {cable.id}"
    return ""


# posts whose name on the classification line is not part of the FM address
_POST_ALIASES = {"STATE": "SECSTATE", "SECSTATE": "SECSTATE"}


def _same_post(post: str, address: str) -> bool:
    """Whether the post of a classification line (``ASTANA``) is the FM address
    (``AMEMBASSY ASTANA``)."""
    squeezed = squeeze(post)
    squeezed = _POST_ALIASES.get(squeezed, squeezed)
    return bool(squeezed) and squeezed in squeeze(address)


def _check_origin(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.sender is None or cable.origin is None:
        return
    if set(cable.origin.upper()) == {"X"}:
        return  # a redacted post ("XXXXXXXXXXXX SECTION 01 OF 02", 10SHENYANG4)
    if _same_post(cable.origin, transmission.sender):
        return
    yield diagnostic(
        "CK104",
        f"the classification line is from {cable.origin}, but the header is "
        f"'FM {transmission.sender}'{_followed(cable)}",
    )


# "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006" (72TEHRAN1164) is a later review note
_REVIEW_NOTE = re.compile(r"DECLASSIFIED|REVIEW", re.IGNORECASE)
# "09 STATE 96625" (00ATHENS1501), not "10 AUGUST 2008 U.S. NON PAPER" (09WARSAW170)
_REF_YEAR = re.compile(
    r"^(?P<year>[0-9]{2})\s+(?!(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\b)"
    r"[A-Z][A-Z .'-]*?\s+[0-9]{1,7}\b",
    re.IGNORECASE,
)


def _check_text_newer_than_header(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.dtg is None:
        return
    dtg = transmission.dtg
    order = cable.executive_order
    if order is not None and order.order is not None:
        signed = EXECUTIVE_ORDERS.get(order.order)
        review = order.declassify is not None and _REVIEW_NOTE.search(order.declassify)
        if signed is not None and signed > dtg.date() and not review:
            yield diagnostic(
                "CK105",
                f"the text cites E.O. {order.order}, signed {signed.isoformat()}, but the "
                f"header is dated {_dtg_text(dtg)}",
            )
    for reference in cable.references:
        match = _REF_YEAR.match(reference.text)
        if match is None:
            continue
        year = full_year(int(match["year"]))
        if year > dtg.year:
            yield diagnostic(
                "CK105",
                f"REF '{reference.text}' cites a cable of {year}, but the header is dated "
                f"{_dtg_text(dtg)}",
            )


def _check_container(cable: Cable) -> Iterator[Diagnostic]:
    metadata = cable.metadata
    if metadata is None:
        return
    given_id = metadata.reference_id
    if given_id is not None and cable.id is not None and given_id.upper() != cable.id.upper():
        yield diagnostic(
            "CK106",
            f"the container names the cable {given_id}, but its text reads {cable.id}",
        )
    given = metadata.classification
    if given is not None and cable.classification is not None:
        word = re.split(r"[/\s]", given.strip().upper(), maxsplit=1)[0]
        level = {"UNCLASSIFIED": 0, "CONFIDENTIAL": 1, "SECRET": 2, "TOP": 3}.get(word)
        if level is not None and level != LEVEL[cable.classification]:
            yield diagnostic(
                "CK106",
                f"the container gives the classification {given}, but the classification "
                f"line says {cable.classification.value}",
            )


#: The checks of this group, in the order of their codes.
CHECKERS: tuple[Checker, ...] = (
    _check_security,
    _check_filing_time,
    _check_serial,
    _check_origin,
    _check_text_newer_than_header,
    _check_container,
)
