"""Routing indicators, stations, collectives and XMT exclusions.

The header lines quoted are from real cables in ``cablegate-2010`` (named in each test).
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import cablekit
from cablekit import stations
from cablekit.models import Recipient


def test_lookup_is_reachable_from_the_package() -> None:
    # 06PARIS7101: "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658"
    assert cablekit.stations.lookup("RUEHC") == "DEPT OF STATE WASHINGTON DC"
    assert stations.lookup(" ruehc ") == "DEPT OF STATE WASHINGTON DC"


def test_unknown_and_malformed_indicators_give_none() -> None:
    assert stations.lookup("RUEHZL") is None  # EUROPEAN POLITICAL COLLECTIVE: in neither table
    for text in ("", "R", "PARIS", "RUEH1", "RUEHCXYZ", "SECSTATE WASHDC"):
        assert stations.lookup(text) is None, text
        assert stations.lookup_all(text) == ()


def test_one_indicator_can_stand_for_several_stations() -> None:
    assert stations.lookup_all("RCCEOTT") == ("CDLS LONDON UK", "CDLS WASHINGTON DC")
    assert stations.lookup("RCCEOTT") == "CDLS LONDON UK / CDLS WASHINGTON DC"


def test_acp117_names_win_over_the_cablegate_list() -> None:
    # the cablegate list gives RUEHSD three names, ACP 117 one
    assert stations.lookup_all("RUEHSD") == ("SECSTATE SERVICE DESK WASHINGTON DC",)


def test_indicators_of_a_range_row() -> None:
    # ACP 117: "RHFJAAA THRU RHFJAAZ,NAVCOMTELSTA JACKSONVILLE FL"
    assert stations.lookup("RHFJAAQ") == "NAVCOMTELSTA JACKSONVILLE FL"
    assert stations.lookup("RHFJAAZ") == "NAVCOMTELSTA JACKSONVILLE FL"


def test_the_table_is_package_data() -> None:
    text = resources.files("cablekit").joinpath("data").joinpath(
        "routing-indicators.csv"
    ).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) > 2000
    for row in rows:
        assert re.fullmatch(r"R[A-Z]{3,6}(?: THRU R[A-Z]{3,6})?", row["routing_indicator"]), row
        assert row["station"].strip() == row["station"] and row["station"], row
        assert row["source"] in ("acp117", "cablegate"), row


def test_collectives() -> None:
    assert stations.is_collective("NATO EU COLLECTIVE")
    assert stations.is_collective("IRAN COLLECTIVE")
    assert stations.is_collective("RUCPDIR", "ALL USDOC DISTDIR COLLECTIVE WASHINGTON DC")
    assert not stations.is_collective("SECSTATE WASHDC")


def test_an_indicator_of_another_length_than_the_ranges_is_in_none() -> None:
    # the ranges bound indicators of seven letters: a shorter one the table does not hold is
    # unknown, one in a range is known
    assert stations.lookup("RHFJAA") is None
    assert stations.lookup("RHFJAAB") == "NAVCOMTELSTA JACKSONVILLE FL"


_COLLECTIVE_PIECES = [
    "COLLECTIVE", "collective", "Collective", "XCOLLECTIVE", "COLLECTIVES", "_", " ", "-", "C",
    "c", "OLLECTIVE", "é", "1", "K", "COLLECTİVE", "collectıve",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_COLLECTIVE_PIECES) | st.text(max_size=2), max_size=6))
def test_a_collective_is_the_word_as_a_plain_search_finds_it(pieces: list[str]) -> None:
    name = "".join(pieces)
    plain = re.search(r"\bCOLLECTIVE\b", name, re.IGNORECASE) is not None
    assert stations.is_collective(name) == plain, name


def test_posts_known_from_the_table() -> None:
    assert stations.is_post("Peshawar")  # RUEHPW AMCONSUL PESHAWAR
    assert stations.is_post("ABU DHABI")
    assert not stations.is_post("HAZARIAN")


def test_exclusions_go_to_the_nearest_collective_above() -> None:
    collective = Recipient(
        routing_indicator="RUEHZL", name="EUROPEAN POLITICAL COLLECTIVE", collective=True
    )
    other = Recipient(routing_indicator="RUEKJCS", name="SECDEF WASHDC")
    earlier = Recipient(name="NATO EU COLLECTIVE", collective=True)
    exempt = [Recipient(name="AMCONSUL STRASBOURG"), Recipient(name="AMCONSUL STRASBOURG")]
    to, info = stations.attach_exclusions([earlier], [collective, other], exempt)
    assert to == [earlier]
    assert info[0].excluded == ["AMCONSUL STRASBOURG"]
    assert info[1] == other
    # without a collective nothing changes
    assert stations.attach_exclusions([other], [], exempt) == ([other], [])


def header(corpus: Path, ref_id: str) -> cablekit.Cable:
    return cablekit.parse((corpus / "cablegate-2010" / f"{ref_id}.txt").read_bytes())


def test_recipients_of_a_real_header(corpus: Path) -> None:
    # 10SARAJEVO134: "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE" / "RHEHNSC/NSC WASHDC" / ...
    # / "XMT AMCONSUL STRASBOURG"
    cable = header(corpus, "10SARAJEVO134")
    transmission = cable.transmission
    assert transmission is not None
    [to] = transmission.to
    assert (to.routing_indicator, to.station, to.collective) == (
        "RUEHC",
        "DEPT OF STATE WASHINGTON DC",
        False,
    )
    collective, nsc = transmission.info[:2]
    assert (collective.name, collective.station, collective.collective) == (
        "EUROPEAN POLITICAL COLLECTIVE",
        None,
        True,
    )
    assert nsc.station == "WHITE HOUSE NATIONAL SECURITY COUNCIL WASHINGTON DC"
    assert [r.name for r in transmission.exempt] == ["AMCONSUL STRASBOURG"]
    _, info = stations.attach_exclusions(transmission.to, transmission.info, transmission.exempt)
    assert info[0].excluded == ["AMCONSUL STRASBOURG"]


def test_xmt_of_a_collective_in_the_to_list(corpus: Path) -> None:
    # 08STATE116943: "TO SECURITY OFFICER COLLECTIVE PRIORITY" / "AMEMBASSY TRIPOLI PRIORITY"
    # / "INFO AMCONSUL CASABLANCA PRIORITY" / "XMT AMCONSUL JOHANNESBURG" (twice)
    transmission = header(corpus, "08STATE116943").transmission
    assert transmission is not None
    assert transmission.to[0].collective
    to, _ = stations.attach_exclusions(transmission.to, transmission.info, transmission.exempt)
    assert to[0].excluded == ["AMCONSUL JOHANNESBURG"]
    assert not to[1].collective and to[1].excluded == []


def test_most_corpus_routing_indicators_name_a_known_station(corpus: Path) -> None:
    """Collectives (RUEHZL, RUCNMEM ...) and some military indicators are in neither table."""
    with_ri = known = 0
    for path in sorted((corpus / "cablegate-2010").glob("*.txt")):
        transmission = cablekit.parse(path.read_bytes()).transmission
        if transmission is None:
            continue
        for recipient in [*transmission.to, *transmission.info, *transmission.exempt]:
            if recipient.routing_indicator:
                with_ri += 1
                known += recipient.station is not None
                assert recipient.station == stations.lookup(recipient.routing_indicator)
    assert with_ri > 8000
    assert known / with_ri >= 0.75
