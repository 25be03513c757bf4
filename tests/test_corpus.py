"""The parser against the real-cable corpus and its truth file.

Each test states the share of cables that must agree with ``truth.jsonl`` (see the corpus
README for what the truth holds and its quirks).  The thresholds leave room for cables whose
copy disagrees with the page's metadata (88BAGHDAD28 puts a 1988 header over a 2009 text;
the site gave no anchor to markers written ``1.(C)``, 06ANKARA4688), never for parser errors
we know how to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_sources import render_cablegate_page

import cablekit
from cablekit.models import Cable
from cablekit.sources.cables_csv import iter_csv


@pytest.fixture(scope="module")
def parsed(corpus: Path, truth: dict[str, Any]) -> dict[str, Cable]:
    """Every cablegate-2010 text file, parsed once."""
    folder = corpus / "cablegate-2010"
    return {ref: cablekit.parse((folder / f"{ref}.txt").read_bytes()) for ref in truth}


def share(
    rows: list[dict[str, Any]], parsed: dict[str, Cable], agrees: Callable[[Cable, Any], bool]
) -> tuple[float, list[str]]:
    """Share of ``rows`` whose parsed cable agrees with the truth row, and those that do not."""
    misses = [row["ref_id"] for row in rows if not agrees(parsed[row["ref_id"]], row)]
    return 1 - len(misses) / len(rows), misses


def level(row: dict[str, Any]) -> str:
    """The level before ``//`` in a truth classification (``SECRET//NOFORN`` -> SECRET)."""
    text = str(row["classification"]).split("//")[0]
    return "UNCLASSIFIED" if text.startswith("UNCLASSIFIED") else text


def test_every_cable_parses(parsed: dict[str, Cable], truth: dict[str, Any]) -> None:
    assert len(parsed) == len(truth) == 1295


def test_classification(parsed: dict[str, Cable], truth: dict[str, Any]) -> None:
    rows = list(truth.values())
    ratio, misses = share(
        rows, parsed, lambda c, row: c.classification is not None
        and c.classification.value == level(row)
    )
    assert ratio >= 0.995, misses


_NOFORN_WRITTEN = re.compile(r"NOFORN|N O F O R N|\([A-Z]+/+NF\)", re.IGNORECASE)


def test_noforn_in_handling(
    corpus: Path, parsed: dict[str, Cable], truth: dict[str, Any]
) -> None:
    rows = [row for row in truth.values() if "//NOFORN" in row["classification"]]
    assert len(rows) == 296
    ratio, misses = share(rows, parsed, lambda c, row: "NOFORN" in c.handling)
    # 4 of the 296 texts carry no NOFORN at all (05LONDON4981, 06SEOUL2238, 08BRASILIA504,
    # 09TBILISI1123): only the page's metadata says it.  Every text that writes it is read.
    assert ratio >= 0.985, misses
    for ref in misses:
        text = (corpus / "cablegate-2010" / f"{ref}.txt").read_text(encoding="utf-8")
        assert not _NOFORN_WRITTEN.search(text), ref


def test_noforn_through_the_csv(corpus: Path, truth: dict[str, Any]) -> None:
    # the cables.csv classification column (SECRET//NOFORN) adds the caveats a text lacks
    cables = {}
    for raw in iter_csv(corpus / "cables-csv" / "cablegate-2010.csv"):
        assert raw.metadata is not None and raw.metadata.reference_id is not None
        if "//NOFORN" in truth[raw.metadata.reference_id]["classification"]:
            cables[raw.metadata.reference_id] = cablekit.parse(raw.text, metadata=raw.metadata)
    rows = [row for row in truth.values() if row["ref_id"] in cables]
    ratio, misses = share(rows, cables, lambda c, row: "NOFORN" in c.handling)
    assert ratio >= 0.99, misses


def test_reference_id(parsed: dict[str, Cable], truth: dict[str, Any]) -> None:
    rows = [row for row in truth.values() if not row["partial"]]
    ratio, misses = share(rows, parsed, lambda c, row: c.id == row["ref_id"])
    assert ratio >= 0.995, misses


def test_reference_id_of_partial_extracts_in_named_files(
    corpus: Path, truth: dict[str, Any]
) -> None:
    # a partial extract has no date: the file's name (the container) gives its year, or the
    # whole id when the text names no cable
    folder = corpus / "cablegate-2010"
    rows = [row for row in truth.values() if row["partial"]]
    cables = {row["ref_id"]: cablekit.parse_file(folder / f"{row['ref_id']}.txt") for row in rows}
    ratio, misses = share(rows, cables, lambda c, row: c.id == row["ref_id"])
    assert ratio >= 0.99, misses


def test_tags_start_with_the_truth(parsed: dict[str, Cable], truth: dict[str, Any]) -> None:
    # the truth lists only the tags linked on the first TAGS line
    rows = [row for row in truth.values() if row["tags"]]
    ratio, misses = share(rows, parsed, lambda c, row: c.tags[: len(row["tags"])] == row["tags"])
    assert ratio >= 0.99, misses


def anchored_numbers(cable: Cable) -> list[int]:
    """The paragraph numbers the cablegate site could anchor: those of markers written ``N.``.

    The site gave no anchor to a marker that lost its dot (``10  (C)``, 05PARIS5335), which
    the parser reads from the sequence as a ``bare-marker`` repair.
    """
    bare = {repair.line for repair in cable.repairs if repair.kind == "bare-marker"}
    return [p.number for p in cable.paragraphs if p.number is not None and p.line not in bare]


def test_paragraph_numbers(parsed: dict[str, Cable], truth: dict[str, Any]) -> None:
    rows = [row for row in truth.values() if row["paragraph_numbers"]]
    ratio, misses = share(
        rows, parsed, lambda c, row: anchored_numbers(c) == row["paragraph_numbers"]
    )
    assert ratio >= 0.98, misses


def test_created_agrees_with_the_page(parsed: dict[str, Cable], truth: dict[str, Any]) -> None:
    # the page's Created date and hour agree with the DTG (its minutes are not real minutes)
    rows = [row for row in truth.values() if not row["partial"]]

    def agrees(cable: Cable, row: dict[str, Any]) -> bool:
        created = cable.created
        return created is not None and created.strftime("%Y-%m-%d %H") == row["created"][:13]

    ratio, misses = share(rows, parsed, agrees)
    assert ratio >= 0.99, misses


def test_json_round_trip(parsed: dict[str, Cable]) -> None:
    for cable in parsed.values():
        assert Cable.model_validate_json(cable.model_dump_json()) == cable


_HEADER = re.compile(
    r"^\s*(?:DE\s+R[A-Z]{3,6}\s*#|[ZOPR](?:\s+[ZOPR])?\s+[0-9]{6}Z\s*[A-Z]{3}\s*[0-9]{2})", re.M
)


@pytest.mark.parametrize("folder", ["pdf-text", "pdf-converted"])
def test_pdf_text_headers_and_paragraphs(corpus: Path, folder: str) -> None:
    files = sorted((corpus / folder).glob("*.txt"))
    assert files
    with_header = 0
    for path in files:
        data = path.read_bytes()
        cable = cablekit.parse(data)
        numbers = [p.number for p in cable.paragraphs if p.number is not None]
        assert numbers == sorted(set(numbers)), (path.name, numbers)
        if not _HEADER.search(data.decode("latin-1")):
            continue  # no DE line and no DTG line: no transmission header to read
        with_header += 1
        transmission = cable.transmission
        assert transmission is not None, path.name
        assert transmission.sender, path.name
        assert transmission.dtg is not None, path.name
        assert transmission.to, path.name
    assert with_header >= len(files) - 1


def _without_metadata(cable: Cable) -> dict[str, Any]:
    return cable.model_dump(mode="json", exclude={"metadata"})


def test_csv_html_and_text_give_the_same_cable(
    corpus: Path, truth: dict[str, Any], parsed: dict[str, Cable]
) -> None:
    csv_path = corpus / "cables-csv" / "cablegate-2010.csv"
    differ = []
    for raw in iter_csv(csv_path):
        assert raw.metadata is not None
        ref = raw.metadata.reference_id
        assert ref is not None
        from_text = parsed[ref]
        from_csv = cablekit.parse(raw.text, metadata=raw.metadata)
        page = render_cablegate_page(
            (corpus / "cablegate-2010" / f"{ref}.txt").read_text(encoding="utf-8"), truth[ref]
        )
        from_html = cablekit.parse(page)
        text_fields = _without_metadata(from_text)
        csv_fields = _without_metadata(from_csv)
        # caveats only the container gives (SECRET//NOFORN) come after the text's own
        assert csv_fields["handling"][: len(text_fields["handling"])] == text_fields["handling"]
        text_fields["handling"] = csv_fields["handling"]
        assert csv_fields["caveats"][: len(text_fields["caveats"])] == text_fields["caveats"]
        text_fields["caveats"] = csv_fields["caveats"]
        if from_text.transmission is None or from_text.transmission.dtg is None:
            # no DTG in the text: the container's Created date gives created, the id (read
            # from the classification line with the row's year, or from the file's name
            # with only the year of its id) and the year of references cited without one
            for fields in (text_fields, csv_fields):
                del fields["created"], fields["id"], fields["id_source"], fields["references"]
        if csv_fields != text_fields or _without_metadata(from_html) != _without_metadata(
            from_csv
        ):
            differ.append(ref)
    # the cables.csv content of 09BAGHDAD11 and 09LAPAZ96 lacks their last empty line, which
    # no field holds, so every cable must come out the same
    assert differ == []


def test_csv_metadata_fills_created_for_partial_cables(corpus: Path) -> None:
    csv_path = corpus / "cables-csv" / "cablegate-2010.csv"
    for raw in iter_csv(csv_path):
        assert raw.metadata is not None
        if raw.metadata.reference_id == "02BRASILIA4227":  # a partial extract: no header
            cable = cablekit.parse(raw.text, metadata=raw.metadata)
            assert cable.transmission is None
            assert cable.created is not None
            assert cable.created.strftime("%Y-%m-%d %H") == "2002-11-22 12"
            assert cable.id == "02BRASILIA4227"
            return
    pytest.fail("02BRASILIA4227 not in the CSV")
