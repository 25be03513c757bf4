"""Which cable this is: its reference id, overall classification and date.

A copy may say who it is in several places: the transmission header (sender, FL3 serial, FL4
security signal, date-time group), the classification line of the text (level, post, number),
the lines some copies put before the cable (a date line, a printout's id line) and what the
container said (a cables.csv row, a cablegate page, the name of a file).  :func:`decide`
weighs them, in one place, and says which of them named the cable (``Cable.id_source``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from cablekit._text import full_year
from cablekit.fields.classification import FL4_LEVELS, metadata_level
from cablekit.models import Classification, IdSource, Metadata, Transmission

__all__ = [
    "Identity",
    "container_id",
    "decide",
    "post_of_sender",
    "sent_on",
    "year_without_date",
]

_REDACTED = re.compile(r"^X{3,}$", re.IGNORECASE)
# a reference id: two-digit year, post, number ("04BOGOTA8900", "09USUNNEWYORK95")
_REFERENCE_ID = re.compile(r"[0-9]{2}[A-Z][A-Z0-9]*?[0-9]+")
_SENDER_PREFIX = re.compile(
    r"^(?:AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USOFFICE|USINT|USLO|AMEMB|AMCON)\s+"
)
_SENDER_STATE = re.compile(r"^SEC\s*STATE\b")


class Identity(NamedTuple):
    """What :func:`decide` settles (a named tuple, made once for every cable: cheaper to make
    than a frozen dataclass, which sets each field through ``object.__setattr__``)."""

    #: the reference id: two-digit year, post without spaces, number (``06PARIS7101``)
    id: str | None
    classification: Classification | None
    #: when the cable was sent
    created: datetime | None
    #: where the id was read (None when there is no id)
    id_source: IdSource | None = None


def post_of_sender(sender: str | None) -> str | None:
    """The post of an FM line: ``AMEMBASSY PARIS`` -> ``PARIS``, ``SECSTATE WASHDC`` ->
    ``STATE``; None for a sender that is no post."""
    if not sender:
        return None
    if _SENDER_STATE.match(sender):
        return "STATE"
    post = _SENDER_PREFIX.sub("", sender)
    return post if post != sender else None


def sent_on(
    transmission: Transmission | None,
    metadata: Metadata | None = None,
    dated: datetime | None = None,
) -> datetime | None:
    """When the cable was sent: the DTG of the header, else the container's date, else the
    date line some copies carry (``dated``)."""
    created = transmission.dtg if transmission is not None else None
    if created is None and metadata is not None:
        created = metadata.created
    return created if created is not None else dated


def container_id(metadata: Metadata | None) -> str | None:
    """The reference id the container gives (a cables.csv row, a cablegate page, a file named
    ``04BOGOTA8900.txt``), in capitals; None when it gives none or what it gives is no id."""
    given = metadata.reference_id if metadata is not None else None
    if not given:
        return None
    given = given.strip().upper()
    return given if _REFERENCE_ID.fullmatch(given) else None


def year_without_date(noted_id: str | None, metadata: Metadata | None) -> int | None:
    """The cable's year when the copy holds no date: that of the printout's id line, else that
    of the container's reference id (04BOGOTA8900 is of 2004); None without either."""
    found = noted_id or container_id(metadata)
    return full_year(int(found[:2])) if found else None


def decide(
    transmission: Transmission | None,
    *,
    level: Classification | None = None,
    origin: str | None = None,
    number: int | None = None,
    metadata: Metadata | None = None,
    dated: datetime | None = None,
    noted_id: str | None = None,
) -> Identity:
    """The id, classification and date of a cable.

    ``level``, ``origin`` and ``number`` are what the text's classification line says,
    ``dated`` the date line and ``noted_id`` the id line some copies carry before the cable.

    - **Date** (:func:`sent_on`): the DTG of the header, else the container's date, else the
      date line.
    - **Id**: year of that date, post and number of the classification line
      (``classification_line``).  The header's sender and FL3 serial name the cable instead
      (``header``) when the text has no post (or a redacted one), or when its number is not
      the header's serial: a header put over another cable's text (07PARIS2725, 09HAVANA132)
      sent the header's cable.  Without any date, the printout's id line
      (``2000HANOI00686 - CONFIDENTIAL``, ``id_line``), else the container's reference id
      (``container``): its year with the post and number the copy gives (a partial extract
      with no header, 04BOGOTA8900), or all of it when the copy names no cable.  When the copy
      names a cable but gives no date and there is no container, there is no id.
    - **Classification**: the classification line's level; the FL4 security signal when there
      is none, or when the header is another cable's; else the container's.
    """
    created = sent_on(transmission, metadata, dated)
    from_header = False
    source = IdSource.CLASSIFICATION_LINE
    if transmission is not None and (
        origin is None
        or _REDACTED.match(origin)
        or (transmission.serial is not None and (number or 0) % 10000 != transmission.serial)
    ):
        sender_post = post_of_sender(transmission.sender)
        if sender_post is not None and transmission.serial is not None:
            from_header = origin is not None and not _REDACTED.match(origin)
            origin, number = sender_post, transmission.serial
            source = IdSource.HEADER
    if origin is not None and _REDACTED.match(origin):
        origin = None  # "XXXXXXXXXXXX SECTION 01 OF 02" names no post
    reference_id = None
    given = container_id(metadata)
    if created is not None and origin is not None and number is not None:
        reference_id = f"{created.year % 100:02d}{origin.replace(' ', '')}{number}"
    elif created is None and noted_id is not None:
        reference_id, source = noted_id, IdSource.ID_LINE
    elif given is not None:
        source = IdSource.CONTAINER
        if created is None and origin is not None and number is not None:
            # the copy names the cable but not its year (a partial extract): the container's
            reference_id = f"{given[:2]}{origin.replace(' ', '')}{number}"
        else:
            reference_id = given
    classification = level
    if (classification is None or from_header) and transmission is not None:
        # no classification line, or the text of another cable under this header: the FL4
        # security signal says the level of the cable the header sent (ZNY SSSSS)
        security = transmission.security or ""
        classification = FL4_LEVELS.get(security[-1:], classification)
    if classification is None and metadata is not None:
        classification = metadata_level(metadata.classification)
    return Identity(
        reference_id, classification, created, source if reference_id is not None else None
    )
