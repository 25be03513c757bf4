"""Which cable a copy is: ``cablekit.fields.identity.decide``, a function of what the copy says.

Each case names the cable whose situation it models; the inputs are the values the readers
take from the header (a :class:`Transmission`), the classification line (level, post,
number), the lines before the cable (a date line, a printout's id line) and the container.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import cablekit
from cablekit.fields.identity import container_id, decide, post_of_sender, year_without_date
from cablekit.models import Classification, IdSource, Metadata, Transmission

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
    assert identity.id_source is None
    assert identity.classification is Classification.SECRET


def test_each_id_says_where_it_was_read() -> None:
    assert decide(_header(), origin="PARIS", number=7101).id_source is IdSource.CLASSIFICATION_LINE
    assert decide(_header()).id_source is IdSource.HEADER
    assert decide(_header(), origin="PARIS", number=2724).id_source is IdSource.HEADER
    assert decide(None, noted_id="00HANOI686").id_source is IdSource.ID_LINE


def _named(reference_id: str | None) -> Metadata:
    """What a folder of cablegate copies says of a file: its name, no date."""
    return Metadata(source="text", reference_id=reference_id)


def test_a_partial_extract_takes_its_year_from_the_container() -> None:
    # 04BOGOTA8900: no header and no date, "S E C R E T SECTION 01 OF 02 BOGOTA 008900",
    # in a file named 04BOGOTA8900.txt
    identity = decide(None, level=Classification.SECRET, origin="BOGOTA", number=8900,
                      metadata=_named("04BOGOTA8900"))  # fmt: skip
    assert identity.id == "04BOGOTA8900"
    assert identity.id_source is IdSource.CONTAINER
    assert identity.created is None


def test_the_container_gives_the_year_not_the_cable() -> None:
    # a copy whose classification line names another cable than its file name: the text says
    # which cable it is, the container only the year it lacks (validation reports CK106)
    identity = decide(None, origin="BOGOTA", number=8901, metadata=_named("04BOGOTA8900"))
    assert identity.id == "04BOGOTA8901"
    assert identity.id_source is IdSource.CONTAINER


def test_a_copy_that_names_no_cable_takes_the_containers_id() -> None:
    # 00DAMASCUS3013 (pdf-text): "O 131830Z JUN 00" / "FM AMEMBASSY DAMASCUS" and nothing
    # more, no FL3 serial and no classification line
    identity = decide(_header(sender="AMEMBASSY DAMASCUS", serial=None),
                      metadata=_named("00DAMASCUS3013"))  # fmt: skip
    assert identity.id == "00DAMASCUS3013"
    assert identity.id_source is IdSource.CONTAINER
    assert identity.created == _DTG


def test_a_dated_copy_keeps_its_own_id_whatever_the_container_says() -> None:
    identity = decide(_header(), origin="PARIS", number=7101, metadata=_named("06PARIS9999"))
    assert identity.id == "06PARIS7101"
    assert identity.id_source is IdSource.CLASSIFICATION_LINE


def test_a_redacted_post_never_makes_an_id() -> None:
    # "XXXXXXXXXXXX SECTION 01 OF 02" without a header to name the post (10SHENYANG4's line)
    dated = datetime(2010, 1, 5, tzinfo=timezone.utc)
    identity = decide(None, origin="XXXXXXXXXXXX", number=4, dated=dated)
    assert identity.id is None
    identity = decide(None, origin="XXXXXXXXXXXX", number=4, dated=dated,
                      metadata=_named("10SHENYANG4"))  # fmt: skip
    assert identity.id == "10SHENYANG4"
    assert identity.id_source is IdSource.CONTAINER


@pytest.mark.parametrize(
    ("given", "expected"),
    [("04BOGOTA8900", "04BOGOTA8900"), ("07bern881", "07BERN881"), ("notes", None), ("", None),
     (None, None), ("BOGOTA8900", None)],
)  # fmt: skip
def test_what_a_container_id_is(given: str | None, expected: str | None) -> None:
    assert container_id(_named(given)) == expected


def test_the_year_of_a_copy_without_a_date() -> None:
    assert year_without_date("00HANOI686", _named("04BOGOTA8900")) == 2000
    assert year_without_date(None, _named("04BOGOTA8900")) == 2004
    assert year_without_date(None, _named("66BUENOSAIRES2481")) == 1966
    assert year_without_date(None, None) is None


_BOGOTA = """\
S E C R E T SECTION 01 OF 02 BOGOTA 008900

SIPDIS

E.O. 12958: DECL: 08/24/2014
TAGS: CASC MOPS PGOV PINR PTER FARC
SUBJECT: US HOSTAGE STATUS: 18 MONTHS IN FARC CAPTIVITY

REF: BOGOTA 2239

Classified By: Ambassador William B. Wood for reasons 1.4 (b),
(c), and (d).

¶1. (S//NF) Summary: ...
"""


def test_a_partial_extract_in_a_named_file(tmp_path: Path) -> None:
    # 04BOGOTA8900: no header, no date; the file name gives the year
    path = tmp_path / "04BOGOTA8900.txt"
    path.write_text(_BOGOTA, encoding="utf-8")
    cable = cablekit.parse_file(path)
    assert (cable.id, cable.id_source) == ("04BOGOTA8900", IdSource.CONTAINER)
    # and the year of the REF that writes none ("REF: BOGOTA 2239")
    assert [r.cable_id for r in cable.references] == ["04BOGOTA2239"]
    # the same text on its own names no year
    alone = cablekit.parse(_BOGOTA)
    assert (alone.id, alone.id_source) == (None, None)
    assert [r.cable_id for r in alone.references] == [None]


def test_a_date_line_dates_the_references_too() -> None:
    # 04RANGOON88: a cablegate date line above a partial extract, "REF: STATE 297614 AND
    # PREVIOUS 03 RANGOON 1427": no STATE cable was numbered 297614 by 20 January
    text = (
        "Tuesday, 20 January 2004, 09:44\n"
        "S E C R E T RANGOON 000088 \n"
        "SIPDIS \n"
        "EO 12958 DECL: 01/09/2014 \n"
        "TAGS PGOV, PARM, PREL, BM, RS, KS, KNPP \n"
        "REF: STATE 297614 AND PREVIOUS 03 RANGOON 1427\n"
    )
    cable = cablekit.parse(text)
    assert (cable.id, cable.id_source) == ("04RANGOON88", IdSource.CLASSIFICATION_LINE)
    assert [r.cable_id for r in cable.references] == ["03STATE297614", "03RANGOON1427"]




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


def test_a_copy_without_a_classification_line_takes_its_origin_from_the_fm_line() -> None:
    """07LAPAZ3262: the header, then SIPDIS and the E.O. line; no classification line."""
    text = (
        "VZCZCXYZ0002\nOO RUEHWEB\n\nDE RUEHLP #3262/01 3482321\nZNY SSSSS ZZH\n"
        "O 142321Z DEC 07\nFM AMEMBASSY LA PAZ\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 5974\n\n"
        "SIPDIS\n\nE.O. 12958: DECL: 12/15/2027\nTAGS: ASEC PREL PGOV PINL VN CU BL\n"
        "SUBJECT: MILITARY STANDDOWN MORE LIKELY THAN HEAVY HAND\n\n"
        "1. (S) Summary: the military is more likely to stand down.\n"
    )
    cable = cablekit.parse(text)
    assert cable.classification_line is None
    assert cable.origin == "LA PAZ"
    assert cable.id == "07LAPAZ3262"
    state = text.replace("FM AMEMBASSY LA PAZ", "FM SECSTATE WASHDC")
    assert cablekit.parse(state).origin == "STATE"
