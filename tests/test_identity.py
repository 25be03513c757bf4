"""Which cable a copy is: ``cablekit.fields.identity.decide``, a function of what the copy says.

Each case names the cable whose situation it models; the inputs are the values the readers
take from the header (a :class:`Transmission`), the classification line (level, post,
number), the lines before the cable (a date line, a printout's id line) and the container.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cablekit.fields.identity import decide, post_of_sender
from cablekit.models import Classification, Metadata, Transmission

_DTG = datetime(2006, 10, 30, 9, 8, tzinfo=timezone.utc)


def _header(
    sender: str | None = "AMEMBASSY PARIS",
    serial: int | None = 7101,
    security: str | None = "ZNY CCCCC",
    dtg: datetime | None = _DTG,
) -> Transmission:
    return Transmission(sender=sender, serial=serial, security=security, dtg=dtg)


def test_the_classification_line_names_the_cable() -> None:
    # 06PARIS7101: "CONFIDENTIAL PARIS 007101" under "DE RUEHFR #7101"
    identity = decide(_header(), level=Classification.CONFIDENTIAL, origin="PARIS", number=7101)
    assert identity.id == "06PARIS7101"
    assert identity.classification is Classification.CONFIDENTIAL
    assert identity.created == _DTG


def test_a_post_written_with_spaces_loses_them() -> None:
    identity = decide(_header(sender="USMISSION USUN NEW YORK", serial=95), origin="USUN NEW YORK",
                      number=95)  # fmt: skip
    assert identity.id == "06USUNNEWYORK95"


def test_a_header_over_another_cables_text_names_the_header_cable() -> None:
    # 07PARIS2725: the text's number is not the header's serial; the header sent its own
    # cable, whose level the FL4 security signal gives
    identity = decide(
        _header(serial=2725, security="ZNY SSSSS"),
        level=Classification.CONFIDENTIAL,
        origin="PARIS",
        number=2724,
    )
    assert identity.id == "06PARIS2725"
    assert identity.classification is Classification.SECRET


def test_the_station_serial_holds_the_last_four_digits() -> None:
    # 08STATE103511: "DE RUEHC #3511" for STATE 103511 is the same cable
    identity = decide(
        _header(sender="SECSTATE WASHDC", serial=3511),
        level=Classification.UNCLASSIFIED,
        origin="STATE",
        number=103511,
    )
    assert identity.id == "06STATE103511"
    assert identity.classification is Classification.UNCLASSIFIED


def test_a_redacted_post_takes_the_header_post() -> None:
    # 10SHENYANG4: "XXXXXXXXXXXX SECTION 01 OF 02"
    identity = decide(
        _header(sender="AMCONSUL SHENYANG", serial=4),
        level=Classification.CONFIDENTIAL,
        origin="XXXXXXXXXXXX",
        number=4,
    )
    assert identity.id == "06SHENYANG4"
    assert identity.classification is Classification.CONFIDENTIAL


def test_without_a_classification_line_the_header_says_it_all() -> None:
    # 66BUENOSAIRES2481-style copy: no post on a classification line
    identity = decide(_header(sender="AMEMBASSY BUENOS AIRES", serial=2481, security="ZNR UUUUU"))
    assert identity.id == "06BUENOSAIRES2481"
    assert identity.classification is Classification.UNCLASSIFIED


def test_a_partial_extract_takes_its_date_from_the_container() -> None:
    # 04AMMAN1288: no header; the cablegate page gives the date and the level
    metadata = Metadata(
        source="cablegate-html",
        created=datetime(2004, 2, 16, 14, 2, tzinfo=timezone.utc),
        classification="CONFIDENTIAL//NOFORN",
    )
    identity = decide(None, origin="AMMAN", number=1288, metadata=metadata)
    assert identity.id == "04AMMAN1288"
    assert identity.classification is Classification.CONFIDENTIAL
    assert identity.created == metadata.created


def test_the_date_line_dates_a_copy_without_header_or_container() -> None:
    # 09ASTANA95-style copy: "Friday, 18 December 2009, 11:04" above the text
    dated = datetime(2009, 12, 18, 11, 4, tzinfo=timezone.utc)
    identity = decide(None, level=Classification.SECRET, origin="ASTANA", number=95, dated=dated)
    assert identity.id == "09ASTANA95"
    assert identity.created == dated


def test_a_printout_without_any_date_keeps_its_id_line() -> None:
    # 00HANOI686: "2000HANOI00686 - CONFIDENTIAL" and no date anywhere
    identity = decide(None, noted_id="00HANOI686")
    assert identity.id == "00HANOI686"
    assert identity.created is None
    assert identity.classification is None


def test_no_date_no_id() -> None:
    identity = decide(None, level=Classification.SECRET, origin="PARIS", number=1)
    assert identity.id is None
    assert identity.classification is Classification.SECRET


@pytest.mark.parametrize(
    ("sender", "post"),
    [
        ("AMEMBASSY PARIS", "PARIS"),
        ("AMCONSUL STRASBOURG", "STRASBOURG"),
        ("SECSTATE WASHDC", "STATE"),
        ("SEC STATE WASHDC", "STATE"),
        ("USMISSION USNATO", "USNATO"),
        ("CIA", None),
        (None, None),
    ],
)
def test_the_post_of_a_sender(sender: str | None, post: str | None) -> None:
    assert post_of_sender(sender) == post
