"""The DuckDB queries of docs/performance.md return what the page says they return, on a
Parquet file that ``cablekit convert`` writes from the corpus's cables.csv."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cablekit import cli

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "performance.md"


def queries() -> list[tuple[str, str | None]]:
    """The SQL statements of the page, each with its ``-- gives:`` line (None if none)."""
    found: list[tuple[str, str | None]] = []
    for block in re.findall(r"^```sql\n(.*?)^```$", PAGE.read_text(encoding="utf-8"), re.M | re.S):
        for statement, gives in re.findall(r"(SELECT.*?;)\n(?:-- gives: ([^\n]*)\n)?", block, re.S):
            found.append((statement, gives or None))
    return found


def test_the_page_has_queries_with_results() -> None:
    assert sum(1 for _, gives in queries() if gives) >= 2


def test_the_queries_give_what_the_page_says(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    monkeypatch.chdir(tmp_path)
    source = corpus / "cables-csv" / "cablegate-2010.csv"
    assert cli.main(["convert", str(source), "-o", "cables.parquet", "--jobs", "1"]) == 0
    for statement, gives in queries():
        rows = duckdb.sql(statement).fetchall()  # every query runs
        if gives is not None:
            assert ", ".join(" ".join(str(value) for value in row) for row in rows) == gives
