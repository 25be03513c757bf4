"""Flat tables: one row per cable, paragraph, reference or addressee, as dicts, CSV and Arrow."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import cablekit
from cablekit import tables

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = cablekit.parse_file(ROOT / "docs" / "examples" / "09MOSCOW405.txt")


@pytest.mark.parametrize("table", tables.TABLES)
def test_every_row_has_exactly_the_columns_of_its_table(table: str) -> None:
    names = [name for name, _ in tables.COLUMNS[table]]  # type: ignore[index]
    made = list(tables.rows([EXAMPLE, EXAMPLE], table))
    assert made
    assert all(list(row) == names for row in made)


def test_a_cable_row_holds_the_cable_fields_flat() -> None:
    [row] = tables.rows(EXAMPLE)
    assert row["id"] == "09MOSCOW405"
    assert row["classification"] == "SECRET"
    assert row["origin"] == "MOSCOW"
    assert row["sender"] == "AMEMBASSY MOSCOW"
    assert row["created"] == datetime(2009, 2, 18, 15, 18, tzinfo=timezone.utc)
    assert row["declassify_on"] == date(2019, 2, 18)
    assert row["cited_ids"] == ["09MOSCOW357"]
    assert row["paragraphs"] == len(EXAMPLE.paragraphs)
    assert row["signers"] == ["BEYRLE"]


def test_one_row_per_paragraph_reference_and_addressee() -> None:
    paragraphs = list(tables.rows(EXAMPLE, "paragraphs"))
    assert [row["number"] for row in paragraphs] == [p.number for p in EXAMPLE.paragraphs]
    assert {row["cable_id"] for row in paragraphs} == {"09MOSCOW405"}
    assert paragraphs[0]["level"] == "SECRET"
    references = list(tables.rows(EXAMPLE, "references"))
    assert [(r["letter"], r["cited_id"], r["kind"]) for r in references] == [
        ("A", None, "email"),
        ("B", "09MOSCOW357", "cable"),
    ]
    recipients = list(tables.rows(EXAMPLE, "recipients"))
    transmission = EXAMPLE.transmission
    assert transmission is not None
    assert len(recipients) == len(transmission.to) + len(transmission.info)
    assert recipients[0] == {
        "cable_id": "09MOSCOW405",
        "role": "TO",
        "routing_indicator": "RUEHC",
        "name": "SECSTATE WASHDC",
        "station": "DEPT OF STATE WASHINGTON DC",
        "precedence": "IMMEDIATE",
        "sequence": "2013",
        "collective": False,
    }
    assert {row["role"] for row in recipients[1:]} == {"INFO"}


def test_an_unknown_table_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown table 'cable'"):
        list(tables.rows(EXAMPLE, "cable"))


def test_csv_has_a_header_and_flat_values() -> None:
    out = io.StringIO(newline="")
    assert tables.write_csv(tables.rows(EXAMPLE), out) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert row["id"] == "09MOSCOW405"
    assert row["tags"] == "PREL; PGOV; ETTC; MCAP; MARR; MOPS; PARM; PINR; PTER; IR; RS"
    assert row["created"] == "2009-02-18T15:18:00Z"
    assert row["summary"] == ""


@pytest.mark.parametrize("table", tables.TABLES)
def test_arrow_tables_have_typed_columns(table: str) -> None:
    pa = pytest.importorskip("pyarrow")
    made = tables.to_arrow([EXAMPLE], table)
    assert made.schema == tables.arrow_schema(table)
    assert made.num_rows == len(list(tables.rows(EXAMPLE, table)))
    if table == "cables":
        assert made.schema.field("created").type == pa.timestamp("s", tz="UTC")
        assert made.schema.field("tags").type == pa.list_(pa.string())
        assert made.column("number").to_pylist() == [405]


def test_corpus_tables_count_what_the_cables_hold(corpus: Path) -> None:
    cables = list(cablekit.iter_cables(corpus / "cables-csv" / "cablegate-2010.csv"))
    assert len(cables) > 1000
    for table, count in (
        ("cables", len(cables)),
        ("paragraphs", sum(len(c.paragraphs) for c in cables)),
        ("references", sum(len(c.references) for c in cables)),
    ):
        assert sum(1 for _ in tables.rows(cables, table)) == count, table
