"""The transmission header (ACP-127 format lines) read into ``Cable.transmission``.

Each test builds its input from real header lines of a named cable (corpus files in
cablegate-2010/, pdf-text/, pdf-converted/; 06PARIS7101 as quoted in cable-format.md §2) and
checks the values through ``cablekit.parse``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cablekit
from cablekit.fields import header as header_reader
from cablekit.models import Cable, Precedence, Recipient, Transmission


def header_of(text: str) -> Transmission:
    cable = cablekit.parse(text)
    assert cable.transmission is not None
    return cable.transmission


def names(recipients: list[Recipient]) -> list[str]:
    return [r.name for r in recipients]


Addressee = tuple[str | None, str, Precedence | None, str | None]


def R(  # noqa: N802 - reads like the model it stands for
    name: str,
    *,
    routing_indicator: str | None = None,
    precedence: Precedence | None = None,
    sequence: str | None = None,
) -> Addressee:
    """The four values a TO/INFO/XMT line writes, to compare with :func:`core`."""
    return (routing_indicator, name, precedence, sequence)


def core(recipients: list[Recipient]) -> list[Addressee]:
    """What each addressee line says (fields derived from tables are left out)."""
    return [(r.routing_indicator, r.name, r.precedence, r.sequence) for r in recipients]


# 06PARIS7101 as sent (cable-format.md §2) plus the head lines of §3
PARIS_7101 = (
    "VZCZCXYZ0002\n"
    "OO RUEHWEB\n"
    "DE RUEHFR #7101/01 3030908\n"
    "ZNY CCCCC ZZH\n"
    "O 300908Z OCT 06\n"
    "FM AMEMBASSY PARIS\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\n"
    "INFO RUEHZG/NATO EU COLLECTIVE PRIORITY\n"
    "RUEKJCS/JOINT STAFF WASHINGTON DC PRIORITY\n"
    "RUEKJCS/SECDEF WASHINGTON DC PRIORITY\n"
    "RUEHBS/USEU BRUSSELS PRIORITY 1785\n"
    "\n"
    "CONFIDENTIAL PARIS 007101\n"
    "SIPDIS\n"
    "SIPDIS\n"
    "FOR S/CRS OSCAR DE SOTO\n"
    "E.O. 12958: DECL: 10/30/2016\n"
    "TAGS: PREL PGOV MARR MOPS FR\n"
    "SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO\n"
    "EQUIVALENT ORGANIZATION\n"
    "Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D\n"
)

# 09ASTANA95, cablegate-2010: the whole header
ASTANA_95 = (
    "VZCZCXRO0320\n"
    "PP RUEHBI RUEHCI RUEHFL RUEHKW RUEHLA RUEHLH RUEHNP RUEHPW RUEHROV\n"
    "DE RUEHTA #0095/01 0200556\n"
    "ZNY SSSSS ZZH\n"
    "P 200556Z JAN 09\n"
    "FM AMEMBASSY ASTANA\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 4366\n"
    "INFO RUCNCIS/CIS COLLECTIVE PRIORITY 1049\n"
    "RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\n"
    "RUCNCLS/SOUTH AND CENTRAL ASIA COLLECTIVE PRIORITY\n"
    "RUEHBJ/AMEMBASSY BEIJING PRIORITY 0447\n"
    "RUEHUL/AMEMBASSY SEOUL PRIORITY 0238\n"
    "RUEHKO/AMEMBASSY TOKYO PRIORITY 1153\n"
    "RHMFISS/CDR USCENTCOM MACDILL AFB FL PRIORITY\n"
    "RUEAIIA/CIA WASHDC PRIORITY\n"
    "RHEFAAA/DIA WASHDC PRIORITY\n"
    "RUEKJCS/JOINT STAFF WASHDC PRIORITY\n"
    "RHEHNSC/NSC WASHDC PRIORITY 0622\n"
    "RUEKJCS/SECDEF WASHDC PRIORITY 0537\n"
    "RUEHNO/USMISSION USNATO PRIORITY 2460\n"
    "RUCNDT/USMISSION USUN NEW YORK PRIORITY 2132\n"
    "\n"
    "S E C R E T SECTION 01 OF 03 ASTANA 000095 \n"
    "\n"
    "SIPDIS \n"
)


# ---------------------------------------------------------------------------------------------
# A full header
# ---------------------------------------------------------------------------------------------


def test_full_header_06paris7101() -> None:
    header = header_of(PARIS_7101)
    assert header.channel == "XYZ"
    assert header.channel_serial == "0002"
    assert header.relay_precedence == "OO"
    assert header.relay_stations == ["RUEHWEB"]
    assert header.originator_station == "RUEHFR"
    assert header.serial == 7101
    assert header.part == 1
    assert header.filed == "3030908"
    assert header.security == "ZNY CCCCC"
    assert header.operating_signals == ["ZZH"]
    assert header.precedence is Precedence.IMMEDIATE
    assert header.info_precedence is None
    assert header.dtg == datetime(2006, 10, 30, 9, 8, tzinfo=timezone.utc)
    assert header.sender == "AMEMBASSY PARIS"
    assert core(header.to) == [
        R(
            routing_indicator="RUEHC",
            name="SECSTATE WASHDC",
            precedence=Precedence.IMMEDIATE,
            sequence="2658",
        )
    ]
    assert core(header.info) == [
        R(
            routing_indicator="RUEHZG", name="NATO EU COLLECTIVE", precedence=Precedence.PRIORITY
        ),
        R(
            routing_indicator="RUEKJCS",
            name="JOINT STAFF WASHINGTON DC",
            precedence=Precedence.PRIORITY,
        ),
        R(
            routing_indicator="RUEKJCS",
            name="SECDEF WASHINGTON DC",
            precedence=Precedence.PRIORITY,
        ),
        R(
            routing_indicator="RUEHBS",
            name="USEU BRUSSELS",
            precedence=Precedence.PRIORITY,
            sequence="1785",
        ),
    ]
    assert core(header.exempt) == []


def test_full_header_takes_no_line_of_the_head() -> None:
    cable = cablekit.parse(PARIS_7101)
    assert cable.unparsed == []
    assert cable.id == "06PARIS7101"
    assert cable.created == datetime(2006, 10, 30, 9, 8, tzinfo=timezone.utc)


def test_real_header_09astana95() -> None:
    header = header_of(ASTANA_95)
    assert (header.channel, header.channel_serial) == ("XRO", "0320")
    assert header.relay_precedence == "PP"
    assert header.relay_stations == [
        "RUEHBI", "RUEHCI", "RUEHFL", "RUEHKW", "RUEHLA", "RUEHLH", "RUEHNP", "RUEHPW",
        "RUEHROV",
    ]
    assert (header.originator_station, header.serial, header.part, header.filed) == (
        "RUEHTA", 95, 1, "0200556",
    )
    assert header.security == "ZNY SSSSS"
    assert header.precedence is Precedence.PRIORITY
    assert header.dtg == datetime(2009, 1, 20, 5, 56, tzinfo=timezone.utc)
    assert header.sender == "AMEMBASSY ASTANA"
    assert core(header.to) == [
        R(
            routing_indicator="RUEHC",
            name="SECSTATE WASHDC",
            precedence=Precedence.PRIORITY,
            sequence="4366",
        )
    ]
    assert len(header.info) == 14
    assert core(header.info)[0] == R(
        routing_indicator="RUCNCIS",
        name="CIS COLLECTIVE",
        precedence=Precedence.PRIORITY,
        sequence="1049",
    )
    assert core(header.info)[-1] == R(
        routing_indicator="RUCNDT",
        name="USMISSION USUN NEW YORK",
        precedence=Precedence.PRIORITY,
        sequence="2132",
    )


def test_sequence_keeps_leading_zeros() -> None:
    # 09ASTANA95: "RUEHBJ/AMEMBASSY BEIJING PRIORITY 0447", "RUEHUL/AMEMBASSY SEOUL ... 0238"
    header = header_of(ASTANA_95)
    by_name = {r.name: r for r in header.info}
    assert by_name["AMEMBASSY BEIJING"].sequence == "0447"
    assert by_name["AMEMBASSY SEOUL"].sequence == "0238"
    assert by_name["USMISSION USNATO"].sequence == "2460"
    # no sequence written: None, not ""
    assert by_name["CIA WASHDC"].sequence is None


def test_one_routing_indicator_for_two_names() -> None:
    # 09ASTANA95: RUEKJCS serves JOINT STAFF and SECDEF
    header = header_of(ASTANA_95)
    shared = [r for r in header.info if r.routing_indicator == "RUEKJCS"]
    assert [(r.name, r.sequence) for r in shared] == [
        ("JOINT STAFF WASHDC", None),
        ("SECDEF WASHDC", "0537"),
    ]


def test_sequence_of_zeros() -> None:
    # 07PARIS170: "TO RUEHC/SECSTATE WASHDC 0000", then INFO collectives without RI
    header = header_of(
        "VZCZCXYZ0002\n"
        "OO RUEHWEB\n"
        "\n"
        "DE RUEHFRA #0170 0171418\n"
        "ZNY SSSSS ZZH\n"
        "O 171418Z JAN 07\n"
        "FM AMEMBASSY PARIS\n"
        "TO RUEHC/SECSTATE WASHDC 0000\n"
        "INFO ARAB ISRAELI COLLECTIVE\n"
        "EUROPEAN POLITICAL COLLECTIVE\n"
        "RHEHNSC/NSC WASHINGTON DC\n"
        "RUCNDT/USMISSION USUN NEW YORK\n"
        "\n"
        "S E C R E T PARIS 000170 \n"
    )
    assert core(header.to) == [
        R(routing_indicator="RUEHC", name="SECSTATE WASHDC", sequence="0000")
    ]
    assert core(header.info) == [
        R(name="ARAB ISRAELI COLLECTIVE"),
        R(name="EUROPEAN POLITICAL COLLECTIVE"),
        R(routing_indicator="RHEHNSC", name="NSC WASHINGTON DC"),
        R(routing_indicator="RUCNDT", name="USMISSION USUN NEW YORK"),
    ]
    assert (header.originator_station, header.serial, header.part) == ("RUEHFRA", 170, None)


def test_to_without_routing_indicator() -> None:
    # 88BAGHDAD28
    header = header_of(
        "R 021258Z JAN 88\n"
        "FM AMEMBASSY BAGHDAD\n"
        "TO SECSTATE WASHDC 9118\n"
        "\n"
        "S e c r e t state 068250\n"
    )
    assert core(header.to) == [
        R(routing_indicator=None, name="SECSTATE WASHDC", sequence="9118")
    ]
    assert header.precedence is Precedence.ROUTINE
    assert header.dtg == datetime(1988, 1, 2, 12, 58, tzinfo=timezone.utc)


# ---------------------------------------------------------------------------------------------
# Relay stations, FL3, FL4, FL5
# ---------------------------------------------------------------------------------------------


PARIS_1052 = (
    "VZCZCXRO3552\n"
    "OO RUEHAG RUEHAST RUEHDA RUEHDBU RUEHDF RUEHFL RUEHIK RUEHKW RUEHLA\n"
    "RUEHLN RUEHLZ RUEHNP RUEHPOD RUEHROV RUEHSK RUEHSL RUEHSR RUEHVK\n"
    "RUEHYG\n"
    "DE RUEHFR #1052 2151636\n"
    "ZNR UUUUU ZZH\n"
    "O 031636Z AUG 09\n"
    "FM AMEMBASSY PARIS\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 6915\n"
    "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\n"
    "UNCLAS PARIS 001052 \n"
)


def test_relay_stations_over_two_lines() -> None:
    # 09PARIS1052 (pdf-converted), first two relay lines
    header = header_of(PARIS_1052)
    assert header.relay_precedence == "OO"
    assert header.relay_stations[:18] == [
        "RUEHAG", "RUEHAST", "RUEHDA", "RUEHDBU", "RUEHDF", "RUEHFL", "RUEHIK", "RUEHKW",
        "RUEHLA", "RUEHLN", "RUEHLZ", "RUEHNP", "RUEHPOD", "RUEHROV", "RUEHSK", "RUEHSL",
        "RUEHSR", "RUEHVK",
    ]


def test_last_relay_line_with_one_station() -> None:
    # 09PARIS1052 (pdf-converted): the relay list ends on a line of its own, "RUEHYG"
    cable = cablekit.parse(PARIS_1052)
    assert cable.transmission is not None
    assert cable.transmission.relay_stations[-2:] == ["RUEHVK", "RUEHYG"]
    assert len(cable.transmission.relay_stations) == 19
    assert [u.text for u in cable.unparsed] == []


def test_fl3_without_part() -> None:
    # 09PARIS1052: "DE RUEHFR #1052 2151636"
    header = header_of(PARIS_1052)
    assert header.originator_station == "RUEHFR"
    assert header.serial == 1052
    assert header.part is None
    assert header.filed == "2151636"
    assert header.security == "ZNR UUUUU"
    assert header.dtg == datetime(2009, 8, 3, 16, 36, tzinfo=timezone.utc)


def test_fl4_operating_signals() -> None:
    # 08BAGHDAD293
    header = header_of(
        "VZCZCXRO8340\n"
        "OO RUEHBC RUEHDE RUEHIHL RUEHKUK\n"
        "DE RUEHGB #0293/01 0311555\n"
        "ZNY CCCCC ZZH ZDK\n"
        "O 311555Z JAN 08\n"
        "FM AMEMBASSY BAGHDAD\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 5519\n"
        "INFO RUCNRAQ/IRAQ COLLECTIVE PRIORITY\n"
    )
    assert header.security == "ZNY CCCCC"
    assert header.operating_signals == ["ZZH", "ZDK"]
    assert header.relay_stations == ["RUEHBC", "RUEHDE", "RUEHIHL", "RUEHKUK"]


def test_fl4_with_service_signals() -> None:
    # 08TELAVIV2760
    header = header_of(
        "VZCZCXRO1721\n"
        "PP RUEHC RUEHSD\n"
        "DE RUEHTV #2760/01 3450810\n"
        "ZNY SSSSS ZZH ZUI ZDK RUEHZC SVC 4078\n"
        "P 100810Z DEC 08\n"
        "FM AMEMBASSY TEL AVIV\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 9530\n"
    )
    assert header.security == "ZNY SSSSS"
    assert header.operating_signals[:3] == ["ZZH", "ZUI", "ZDK"]
    assert header.relay_stations == ["RUEHC", "RUEHSD"]
    assert header.sender == "AMEMBASSY TEL AVIV"


def test_fl5_with_a_signal_after_the_dtg() -> None:
    # 00ATHENS1501 (pdf-text): "R 231510Z SEP 00 ZDS"
    header = header_of(
        "VZCZCXYZ0000\n"
        "RR RUEHWEB\n"
        "DE RUEHTH #1501 2661510\n"
        "ZNR UUUUU ZZH\n"
        "R 231510Z SEP 00 ZDS\n"
        "FM AMEMBASSY ATHENS\n"
        "TO RUEHC/SECSTATE WASHDC 0727\n"
        "\n"
        "UNCLAS ATHENS 001501\n"
    )
    assert header.precedence is Precedence.ROUTINE
    assert header.dtg == datetime(2000, 9, 23, 15, 10, tzinfo=timezone.utc)
    assert header.channel_serial == "0000"
    assert core(header.to) == [
        R(routing_indicator="RUEHC", name="SECSTATE WASHDC", sequence="0727")
    ]


def test_dtg_is_an_aware_utc_datetime() -> None:
    header = header_of(PARIS_7101)
    assert header.dtg is not None
    assert header.dtg.tzinfo is not None
    assert header.dtg.utcoffset() == timedelta(0)
    assert header.dtg.isoformat() == "2006-10-30T09:08:00+00:00"


@pytest.mark.parametrize(
    ("fl5", "action", "info", "dtg"),
    [
        # 66BUENOSAIRES2481
        ("P R 281848Z DEC 66", Precedence.PRIORITY, Precedence.ROUTINE, (1966, 12, 28, 18, 48)),
        # 07TRIPOLI1033
        ("O P 121407Z DEC 07", Precedence.IMMEDIATE, Precedence.PRIORITY, (2007, 12, 12, 14, 7)),
        # 75TEHRAN2069
        ("R 041125Z MAR 75", Precedence.ROUTINE, None, (1975, 3, 4, 11, 25)),
        # 08LONDON2673
        ("P 240645Z OCT 08", Precedence.PRIORITY, None, (2008, 10, 24, 6, 45)),
    ],
)
def test_fl5_precedence_letters(
    fl5: str, action: Precedence, info: Precedence | None, dtg: tuple[int, ...]
) -> None:
    header = header_of(f"{fl5}\nFM AMEMBASSY PARIS\nTO SECSTATE WASHDC\n")
    assert header.precedence is action
    assert header.info_precedence is info
    assert header.dtg == datetime(*dtg, tzinfo=timezone.utc)


# ---------------------------------------------------------------------------------------------
# Headers that start at FL5
# ---------------------------------------------------------------------------------------------

BUENOS_AIRES_2481 = (
    "P R 281848Z DEC 66\n"
    "FM AMEMBASSY BUENOS AIRES\n"
    "TO SECSTATE WASHDC PRIORITY\n"
    "INFO USCINCSO\n"
    "CINCLANT\n"
    "AMEMBASSY RIO DE JANEIRO\n"
    "AMEMBASSY SANTIAGO\n"
    "AMEMBASSY MONTEVIDEO\n"
    "AMEMBASSY QUITO\n"
    "AMEMBASSY LIMA\n"
    "AMEMBASSY MEXICO\n"
    "AMEMBASSY OTTAWA\n"
    "AMEMBASSY LONDON\n"
    "STATE GRNC\n"
    "\n"
    "UNCLASSIFIED BUENOS AIRES 2481 \n"
    " \n"
    "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009 \n"
    "TAGS: EFIS PBTS AR\n"
    "SUBJECT:  EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS \n"
)


def test_header_that_starts_at_fl5() -> None:
    # 66BUENOSAIRES2481
    header = header_of(BUENOS_AIRES_2481)
    assert header.channel is None
    assert header.relay_stations == []
    assert header.originator_station is None
    assert header.serial is None
    assert header.filed is None
    assert header.security is None
    assert header.precedence is Precedence.PRIORITY
    assert header.info_precedence is Precedence.ROUTINE
    assert header.dtg == datetime(1966, 12, 28, 18, 48, tzinfo=timezone.utc)
    assert header.sender == "AMEMBASSY BUENOS AIRES"
    assert core(header.to) == [R(name="SECSTATE WASHDC", precedence=Precedence.PRIORITY)]
    assert names(header.info)[:4] == [
        "USCINCSO", "CINCLANT", "AMEMBASSY RIO DE JANEIRO", "AMEMBASSY SANTIAGO",
    ]
    assert "AMEMBASSY LONDON" in names(header.info)
    assert all(r.routing_indicator is None for r in header.info)


def test_header_that_starts_at_fl5_gives_id_and_created() -> None:
    cable = cablekit.parse(BUENOS_AIRES_2481)
    assert cable.id == "66BUENOSAIRES2481"
    assert cable.created == datetime(1966, 12, 28, 18, 48, tzinfo=timezone.utc)


# 07MADRID1722: cablegate's date line below the header, after a blank line
MADRID_1722 = (
    "VZCZCXRO0847\n"
    "PP RUEHAG RUEHDF RUEHIK RUEHLZ RUEHROV\n"
    "DE RUEHMD #1722 2501049\n"
    "ZNR UUUUU ZZH\n"
    "P 071049Z SEP 07\n"
    "FM AMEMBASSY MADRID\n"
    "TO RUEHC/SECSTATE WASHDC PRIORITY 3349\n"
    "INFO RUCNMEM/EU MEMBER STATES COLLECTIVE\n"
    "RUEAHLC/HOMELAND SECURITY CENTER WASHINGTON DC\n"
    "\n"
    "Friday, 07 September 2007, 10:49\n"
    "UNCLAS MADRID 001722 \n"
    "SIPDIS \n"
    "E.O. 12958: N/A\n"
    "TAGS: PREL SP\n"
    "SUBJECT: TEST\n"
    "\n"
    "1. Text.\n"
)


def test_date_line_below_the_header_is_not_an_addressee() -> None:
    cable = cablekit.parse(MADRID_1722)
    assert cable.transmission is not None
    assert names(cable.transmission.info) == [
        "EU MEMBER STATES COLLECTIVE",
        "HOMELAND SECURITY CENTER WASHINGTON DC",
    ]
    assert [(u.line, u.text) for u in cable.unparsed] == [
        (11, "Friday, 07 September 2007, 10:49")
    ]
    assert cable.created == datetime(2007, 9, 7, 10, 49, tzinfo=timezone.utc)  # the DTG


def test_date_line_below_a_header_without_dtg_dates_the_cable() -> None:
    text = MADRID_1722.replace("P 071049Z SEP 07\n", "")
    cable = cablekit.parse(text)
    assert cable.transmission is not None and cable.transmission.dtg is None
    assert cable.created == datetime(2007, 9, 7, 10, 49, tzinfo=timezone.utc)


# ---------------------------------------------------------------------------------------------
# XMT, NIACT IMMEDIATE, page furniture, distribution blocks
# ---------------------------------------------------------------------------------------------


def test_xmt_addressee_is_exempt() -> None:
    # 10SARAJEVO134
    header = header_of(
        "VZCZCXRO9701\n"
        "RR RUEHDBU RUEHFL RUEHKW RUEHLA RUEHNP RUEHROV RUEHSL\n"
        "DE RUEHVJ #0134/01 0401233\n"
        "ZNY SSSSS ZZH\n"
        "R 091233Z FEB 10\n"
        "FM AMEMBASSY SARAJEVO\n"
        "TO RUEHC/SECSTATE WASHDC 1374\n"
        "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE\n"
        "RHEHNSC/NSC WASHDC\n"
        "RUEKJCS/SECDEF WASHDC\n"
        "XMT AMCONSUL STRASBOURG\n"
        "\n"
        "S E C R E T SECTION 01 OF 04 SARAJEVO 000134 \n"
    )
    assert core(header.exempt) == [R(name="AMCONSUL STRASBOURG")]
    assert names(header.info) == ["EUROPEAN POLITICAL COLLECTIVE", "NSC WASHDC", "SECDEF WASHDC"]
    assert "AMCONSUL STRASBOURG" not in names(header.info)


def test_xmt_with_slash() -> None:
    # "XMT/AMEMBASSY SOFIA" (cable-format.md §2, FL9)
    header = header_of(
        "O 300908Z OCT 06\n"
        "FM AMEMBASSY PARIS\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658\n"
        "INFO RUEHZG/NATO EU COLLECTIVE PRIORITY\n"
        "XMT/AMEMBASSY SOFIA\n"
    )
    assert core(header.exempt) == [R(name="AMEMBASSY SOFIA")]


NIACT = (
    # 08STATE103511
    "VZCZCXYZ0003\n"
    "OO RUEHWEB\n"
    "\n"
    "DE RUEHC #3511 2710604\n"
    "ZNY SSSSS ZZH\n"
    "O 270333Z SEP 08\n"
    "FM SECSTATE WASHDC\n"
    "TO ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE 2276-2279\n"
    "RUEHKV/AMEMBASSY KYIV NIACT IMMEDIATE 7881-7884\n"
    "INFO ZEN/CNO WASHINGTON DC IMMEDIATE\n"
    "\n"
    "S E C R E T STATE 103511\n"
)


def test_niact_immediate_precedence() -> None:
    # 08STATE103511: "RUEHKV/AMEMBASSY KYIV NIACT IMMEDIATE 7881-7884" - the message went in
    # four parts, so the addressee got a range of sequence numbers
    header = header_of(NIACT)
    kyiv = header.to[1]
    assert kyiv.routing_indicator == "RUEHKV"
    assert kyiv.name == "AMEMBASSY KYIV"
    assert kyiv.precedence is Precedence.NIACT_IMMEDIATE
    assert kyiv.sequence is not None
    assert kyiv.sequence.startswith("7881")


def test_niact_immediate_after_zen() -> None:
    # 08STATE103511: "ZEN/" is not a routing indicator (those start with R), but the
    # precedence and the sequence range are read as on any other addressee line
    header = header_of(NIACT)
    belmopan = header.to[0]
    assert belmopan.precedence is Precedence.NIACT_IMMEDIATE
    assert belmopan.routing_indicator is None
    assert "AMEMBASSY BELMOPAN" in belmopan.name
    assert "NIACT" not in belmopan.name
    assert header.info[0].precedence is Precedence.IMMEDIATE


STATE_15113 = (
    # 09STATE15113: a printout's page line stands between TO and its addressees
    "P 182318Z FEB 09\n"
    "FM SECSTATE WASHDC\n"
    "TO PAGE 02        STATE   015113  182333Z \n"
    "ALL DIPLOMATIC POSTS COLLECTIVE PRIORITY\n"
    "AMEMBASSY TRIPOLI PRIORITY\n"
    "\n"
    "S E C R E T STATE 015113  \n"
)


def test_to_page_line_is_not_an_addressee() -> None:
    cable = cablekit.parse(STATE_15113)
    assert cable.transmission is not None
    everyone = cable.transmission.to + cable.transmission.info + cable.transmission.exempt
    assert not any("PAGE" in r.name for r in everyone)
    assert "TO PAGE 02        STATE   015113  182333Z" in [u.text for u in cable.unparsed]


def test_addressees_after_to_page_line_are_action_addressees() -> None:
    # the "TO" of the first page is glued to the page-2 furniture; the lines that follow are
    # the action addressees
    header = header_of(STATE_15113)
    assert core(header.to) == [
        R(name="ALL DIPLOMATIC POSTS COLLECTIVE", precedence=Precedence.PRIORITY),
        R(name="AMEMBASSY TRIPOLI", precedence=Precedence.PRIORITY),
    ]


STATE_50524 = (
    # 08STATE50524: the INFO keyword with the page heading printed after it
    "O P 131528Z MAY 08\n"
    "FM SECSTATE WASHDC\n"
    "TO AMEMBASSY BEIJING IMMEDIATE\n"
    "INFO PAGE 02        STATE   050524  131535Z\n"
    "AMEMBASSY BAGHDAD PRIORITY\n"
    "\n"
    "S E C R E T STATE 050524 \n"
)


def test_info_page_line_is_not_an_addressee_and_opens_the_info_list() -> None:
    cable = cablekit.parse(STATE_50524)
    assert cable.transmission is not None
    assert names(cable.transmission.to) == ["AMEMBASSY BEIJING"]
    assert core(cable.transmission.info) == [
        R(name="AMEMBASSY BAGHDAD", precedence=Precedence.PRIORITY)
    ]
    assert "INFO PAGE 02        STATE   050524  131535Z" in [u.text for u in cable.unparsed]


def test_a_record_below_the_header_is_not_addressees() -> None:
    # 09KHARTOUM881: a database record between the header and the text
    text = (
        "DE RUEHKH #0881/01 2101442\n"
        "ZNY CCCCC ZZH\n"
        "P 291442Z JUL 09\n"
        "FM AMEMBASSY KHARTOUM\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 4161\n"
        "INFO RUEHZO/AFRICAN UNION COLLECTIVE PRIORITY\n"
        "RUEKJCS/SECDEF WASHDC PRIORITY 0291\n"
        "\n"
        "<<218634>>\n"
        "7/29/2009 14:42\n"
        "09KHARTOUM881\n"
        "Embassy Khartoum\n"
        "CONFIDENTIAL\n"
    )
    cable = cablekit.parse(text)
    assert cable.transmission is not None
    assert names(cable.transmission.info) == ["AFRICAN UNION COLLECTIVE", "SECDEF WASHDC"]
    assert [u.text for u in cable.unparsed] == [
        "<<218634>>", "7/29/2009 14:42", "09KHARTOUM881", "Embassy Khartoum"
    ]  # fmt: skip


def test_id_and_origin_lines_below_the_header_are_not_addressees() -> None:
    # 09KUWAIT110: the record's ID:, ORIGIN:, DATE: ... lines below the INFO list
    text = (
        "DE RUEHKU #0110/01 0361636\n"
        "ZNY SSSSS ZZH\n"
        "P 051636Z FEB 09\n"
        "FM AMEMBASSY KUWAIT\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 2777\n"
        "INFO RUEHZM/GULF COOPERATION COUNCIL COLLECTIVE PRIORITY\n"
        "RHBVAKS/COMUSNAVCENT  PRIORITY\n"
        "\n"
        "ID: 190648\n"
        "ORIGIN: 09KUWAIT110\n"
        "DATE: 2009-02-05 16:36:00\n"
        "SOURCE: Embassy Kuwait\n"
        "MISC: 09KUWAIT95\n"
        "\n"
        "S E C R E T SECTION 01 OF 02 KUWAIT 000110\n"
    )
    cable = cablekit.parse(text)
    assert cable.transmission is not None
    assert names(cable.transmission.info) == [
        "GULF COOPERATION COUNCIL COLLECTIVE", "COMUSNAVCENT"
    ]  # fmt: skip
    assert [u.text for u in cable.unparsed] == [
        "ID: 190648", "ORIGIN: 09KUWAIT110", "DATE: 2009-02-05 16:36:00",
        "SOURCE: Embassy Kuwait", "MISC: 09KUWAIT95",
    ]  # fmt: skip
    assert cable.id == "09KUWAIT110"


def test_the_telegram_below_a_printouts_cover_is_the_cable() -> None:
    # 09DOHA214: a database printout's cover (its classification line, action list and
    # drafting lines), then the telegram's header and head
    text = (
        "Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox:  Search \n"
        "Results\n"
        "\n"
        "S E C R E T        DOHA 00214\n"
        "CXDOHA:\n"
        "    ACTION: AMB\n"
        "    INFO:   RSO RAO P/E OMC LEGATT DAO DCM\n"
        "\n"
        "APPROVED: AMB:JLABARON\n"
        "DRAFTED: P/E:MZEBLEY\n"
        "CLEARED: P/E: DFABRYCKY, P/E: RICE, DCM: MRATNEY\n"
        "\n"
        "VZCZCDOI550\n"
        "RR RUEHC RHMFISS RUEAIIA RHMFISS RULSSGG RHMFISS\n"
        "DE RUEHDO #0214/01 0851341\n"
        "ZNY SSSSS ZZH\n"
        "R 261341Z MAR 09\n"
        "FM AMEMBASSY DOHA\n"
        "TO RUEHC/SECSTATE WASHDC 8904\n"
        "INFO RHMFISS/DEPT OF ENERGY WASHINGTON DC//NNSA//\n"
        "RUEAIIA/CIA WASHINGTON DC\n"
        "\n"
        "S E C R E T SECTION 01 OF 05 DOHA 000214  \n"
        "\n"
        "NOFORN  \n"
        "\n"
        "REF: A. SECSTATE 15113       B. DOHA 152 (08)\n"
    )
    cable = cablekit.parse(text)
    assert cable.transmission is not None
    assert cable.transmission.sender == "AMEMBASSY DOHA"
    assert names(cable.transmission.to) == ["SECSTATE WASHDC"]
    assert names(cable.transmission.info) == [
        "DEPT OF ENERGY WASHINGTON DC//NNSA//", "CIA WASHINGTON DC"
    ]  # fmt: skip
    assert cable.transmission.cleared == ["P/E: DFABRYCKY, P/E: RICE, DCM: MRATNEY"]
    assert (cable.id, cable.origin, cable.number) == ("09DOHA214", "DOHA", 214)
    assert cable.section is not None and cable.section.total == 5
    # the cover's lines are kept, not read
    kept = [u.text for u in cable.unparsed]
    assert "S E C R E T        DOHA 00214" in kept and "    ACTION: AMB" in kept


MADRID_1178 = (
    # 05MADRID1178: no header; the INFO list stands below the classification line
    "C O N F I D E N T I A L MADRID 001178\n"
    "\n"
    "SIPDIS\n"
    "\n"
    "INFO EUROPEAN POLITICAL COLLECTIVE PRIORITY\n"
    "AMEMBASSY BOGOTA PRIORITY\n"
    "AMEMBASSY BRASILIA PRIORITY\n"
    "AMEMBASSY CARACAS PRIORITY\n"
    "\n"
    "E.O. 12958: DECL: 03/29/2015\n"
    "TAGS: PREL PGOV PTER SP VZ\n"
)


def test_an_info_list_in_the_head_of_a_copy_without_header() -> None:
    cable = cablekit.parse(MADRID_1178)
    assert cable.transmission is not None
    assert core(cable.transmission.info) == [
        R(name="EUROPEAN POLITICAL COLLECTIVE", precedence=Precedence.PRIORITY),
        R(name="AMEMBASSY BOGOTA", precedence=Precedence.PRIORITY),
        R(name="AMEMBASSY BRASILIA", precedence=Precedence.PRIORITY),
        R(name="AMEMBASSY CARACAS", precedence=Precedence.PRIORITY),
    ]
    assert cable.transmission.info[0].collective
    assert (cable.transmission.to, cable.transmission.sender, cable.transmission.dtg) == (
        [], None, None
    )  # fmt: skip
    assert cable.passing == []


def test_the_info_list_in_the_head_ends_at_a_blank_line() -> None:
    text = MADRID_1178.replace("\n\nE.O.", "\n\nFOR THE AMBASSADOR\n\nE.O.")
    cable = cablekit.parse(text)
    assert cable.transmission is not None and len(cable.transmission.info) == 4
    assert cable.passing == ["FOR THE AMBASSADOR"]


def test_a_to_line_in_the_head_is_a_passing_line() -> None:
    # 07MADRID1021 (under a header there): a message addressed to the Secretary
    text = (
        "C O N F I D E N T I A L MADRID 001021\n"
        "\n"
        "SIPDIS\n"
        "\n"
        "TO THE SECRETARY FROM AMBASSADOR EDUARDO AGUIRRE; ALSO FOR\n"
        "EUR DAN FRIED, E-ES, KEN MERTEN, EUR/WE\n"
        "\n"
        "E.O. 12958: DECL: 06/30/2016\n"
    )
    cable = cablekit.parse(text)
    assert cable.transmission is None
    assert cable.passing == [
        "TO THE SECRETARY FROM AMBASSADOR EDUARDO AGUIRRE; ALSO FOR",
        "EUR DAN FRIED, E-ES, KEN MERTEN, EUR/WE",
    ]


def test_a_header_repeated_in_the_head_adds_no_addressee() -> None:
    # 09NAIROBI2497: the header again below the record; the first header's list stands
    header = (
        "DE RUEHNR #2497/01 3501415\n"
        "O R 161415Z DEC 09\n"
        "FM AMEMBASSY NAIROBI\n"
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 0140\n"
        "INFO IGAD COLLECTIVE\n"
        "RUEHKH/AMEMBASSY KHARTOUM 0002\n"
    )
    text = f"{header}\nSECRET//NOFORN\n{header}\nS e c r e t section 01 of 02 nairobi 002497\n"
    cable = cablekit.parse(text)
    assert cable.transmission is not None
    assert names(cable.transmission.info) == ["IGAD COLLECTIVE", "AMEMBASSY KHARTOUM"]
    assert "INFO IGAD COLLECTIVE" in cable.passing


LONDON_2673 = (
    # 08LONDON2673: a distribution block between the page's first lines and FL5
    "Distribution:\n"
    "\n"
    "TED1302\n"
    "ACTION NEA-00   \n"
    "\n"
    "INFO  LOG-00   CIAE-00  INL-00   DODE-00  PERC-00  PDI-00   DS-00    \n"
    "      EAP-00   DHSE-00  EUR-00   FBIE-00  VCI-00   H-00     TEDE-00  \n"
    "      INR-00   IO-00    L-00     MFLO-00  MOFM-00  MOF-00   VCIE-00  \n"
    "      NSAE-00  NIMA-00  PM-00    SCT-00   DOHS-00  FMPC-00  SP-00    \n"
    "      SSO-00   SS-00    ASDS-00  SCRS-00  PMB-00   DSCC-00  PRM-00   \n"
    "      DRL-00   SAS-00   FA-00    SWCI-00    /000W\n"
    "                  ------------------EE9C66  240653Z /38    \n"
    "P 240645Z OCT 08\n"
    "FM AMEMBASSY LONDON\n"
    "TO SECSTATE WASHDC PRIORITY 0179\n"
    "INFO AMEMBASSY TRIPOLI PRIORITY \n"
    "DEPT OF JUSTICE WASHDC PRIORITY\n"
    "NSC WASHDC PRIORITY\n"
    "\n"
    "C O N F I D E N T I A L LONDON 002673 \n"
    "\n"
    "NOFORN \n"
)


def test_distribution_block_is_not_taken_as_addressees() -> None:
    header = header_of(LONDON_2673)
    assert core(header.to) == [
        R(name="SECSTATE WASHDC", precedence=Precedence.PRIORITY, sequence="0179")
    ]
    assert core(header.info) == [
        R(name="AMEMBASSY TRIPOLI", precedence=Precedence.PRIORITY),
        R(name="DEPT OF JUSTICE WASHDC", precedence=Precedence.PRIORITY),
        R(name="NSC WASHDC", precedence=Precedence.PRIORITY),
    ]
    assert header.dtg == datetime(2008, 10, 24, 6, 45, tzinfo=timezone.utc)
    assert header.sender == "AMEMBASSY LONDON"


def test_distribution_block_office_codes() -> None:
    cable: Cable = cablekit.parse(LONDON_2673)
    header = cable.transmission
    assert header is not None
    assert header.action_offices == ["NEA-00"]
    assert header.info_offices[:3] == ["LOG-00", "CIAE-00", "INL-00"]
    assert header.info_offices[-1] == "SWCI-00"
    # the block's closing stamp is no field: kept in unparsed
    kept = [u.text for u in cable.unparsed]
    assert any("EE9C66" in text for text in kept)
    assert cable.id == "08LONDON2673"


# -- the fast path of an addressee with a sequence number, against the plain reading ---------

# words of real addressee lines, numbers that are and are not sequence numbers, and pieces
# that put a precedence, a slash or a number where the line's end could be read otherwise
_ADDRESSEE_WORDS = [
    "RUEHBS/AMEMBASSY", "RUEHC/SECSTATE", "RUEHBS", "RUEHBS/", "/", "R", "RUEKJCS /",
    "AMEMBASSY", "BRUSSELS", "WASHDC", "NEW", "DELHI", "EUROPEAN", "POLITICAL", "COLLECTIVE",
    "PRIORITY", "IMMEDIATE", "NIACT", "ROUTINE", "FLASH", "0000", "3113", "12", "3113-3114",
    "123456", "1-", "-2", "12a", "٣", "PRIORITY0447",
]  # fmt: skip


def _read_both_ways(text: str) -> tuple[Recipient | None, Recipient | None]:
    """An addressee line read by the fast path and by the plain reading, not kept."""
    return header_reader._read_recipient_fast(text), header_reader._read_recipient.__wrapped__(
        text
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_ADDRESSEE_WORDS) | st.text("R/ 09-", max_size=4), max_size=6),
    st.lists(st.sampled_from([" ", " ", "  ", "\t", " \n", "\n", "\u00a0", " \u2003 "])),
)
def test_addressee_fast_path_reads_what_the_plain_reading_does(
    words: list[str], blanks: list[str]
) -> None:
    # the lines as written: runs of blanks, tabs and other whitespace between the words and
    # after the last, which the fast path takes apart before collapsing them
    separators = blanks or [" "]
    text = "".join(word + separators[i % len(separators)] for i, word in enumerate(words))
    fast, plain = _read_both_ways(text)
    assert fast == plain, text
    assert plain == header_reader._read_recipient.__wrapped__(" ".join(text.split())), text


def test_corpus_addressees_read_the_same_without_the_fast_paths(corpus: Path) -> None:
    lines = set()
    for path in sorted((corpus / "cablegate-2010").glob("*.txt"))[::4]:
        transmission = cablekit.parse(path.read_bytes()).transmission
        for recipient in [] if transmission is None else [*transmission.to, *transmission.info]:
            words = [recipient.routing_indicator and f"{recipient.routing_indicator}/"]
            words += [recipient.name, recipient.precedence and recipient.precedence.value]
            lines.add(" ".join(word for word in [*words, recipient.sequence] if word))
    assert len(lines) > 500
    for line in sorted(lines):
        fast, plain = _read_both_ways(line)
        assert fast == plain, line
        assert plain is not None
