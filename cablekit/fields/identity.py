"""Which cable this is: its reference id, overall classification and date.

A copy may say who it is in several places: the transmission header (sender, FL3 serial, FL4
security signal, date-time group), the classification line of the text (level, post, number),
the lines some copies put before the cable (a date line, a printout's id line) and what the
container said (a cables.csv row, a cablegate page).  :func:`decide` weighs them, in one
place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from cablekit.fields.classification import FL4_LEVELS, metadata_level
from cablekit.models import Classification, Metadata, Transmission

__all__ = ["Identity", "decide", "post_of_sender"]

_REDACTED = re.compile(r"^X{3,}$", re.IGNORECASE)
_SENDER_PREFIX = re.compile(
    r"^(?:AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USOFFICE|USINT|USLO|AMEMB|AMCON)\s+"
)
_SENDER_STATE = re.compile(r"^SEC\s*STATE\b")


@dataclass(frozen=True)
class Identity:
    """What :func:`decide` settles."""

    #: the reference id: two-digit year, post without spaces, number (``06PARIS7101``)
    id: str | None
    classification: Classification | None
    #: when the cable was sent
    created: datetime | None


def post_of_sender(sender: str | None) -> str | None:
    """The post of an FM line: ``AMEMBASSY PARIS`` -> ``PARIS``, ``SECSTATE WASHDC`` ->
    ``STATE``; None for a sender that is no post."""
    if not sender:
        return None
    if _SENDER_STATE.match(sender):
        return "STATE"
    post = _SENDER_PREFIX.sub("", sender)
    return post if post != sender else None


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

    - **Date**: the DTG of the header, else the container's date, else the date line.
    - **Id**: year of that date, post and number of the classification line.  The header's
      sender and FL3 serial name the cable instead when the text has no post (or a redacted
      one), or when its number is not the header's serial: a header put over another cable's
      text (07PARIS2725, 09HAVANA132) sent the header's cable.  Without any date, the
      printout's id line (``2000HANOI00686 - CONFIDENTIAL``).
    - **Classification**: the classification line's level; the FL4 security signal when there
      is none, or when the header is another cable's; else the container's.
    """
    created = transmission.dtg if transmission is not None else None
    if created is None and metadata is not None:
        created = metadata.created
    if created is None:
        created = dated
    from_header = False
    if transmission is not None and (
        origin is None
        or _REDACTED.match(origin)
        or (transmission.serial is not None and (number or 0) % 10000 != transmission.serial)
    ):
        sender_post = post_of_sender(transmission.sender)
        if sender_post is not None and transmission.serial is not None:
            from_header = origin is not None and not _REDACTED.match(origin)
            origin, number = sender_post, transmission.serial
    reference_id = None
    if created is not None and origin is not None and number is not None:
        reference_id = f"{created.year % 100:02d}{origin.replace(' ', '')}{number}"
    elif created is None:
        reference_id = noted_id
    classification = level
    if (classification is None or from_header) and transmission is not None:
        # no classification line, or the text of another cable under this header: the FL4
        # security signal says the level of the cable the header sent (ZNY SSSSS)
        security = transmission.security or ""
        classification = FL4_LEVELS.get(security[-1:], classification)
    if classification is None and metadata is not None:
        classification = metadata_level(metadata.classification)
    return Identity(reference_id, classification, created)
