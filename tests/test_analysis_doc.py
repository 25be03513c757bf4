"""docs/analysis.md runs: each Python block in turn, in one namespace, on the corpus's
cables.csv, and the text block after a Python block is what it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "analysis.md"


def steps() -> list[tuple[str, str | None]]:
    """The page's Python blocks, each with the text block right after it (None if none)."""
    blocks = re.findall(r"^```(\w+)\n(.*?)^```$", PAGE.read_text(encoding="utf-8"), re.M | re.S)
    found: list[tuple[str, str | None]] = []
    for index, (language, body) in enumerate(blocks):
        if language != "python":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        found.append((body, following[1] if following and following[0] == "text" else None))
    return found


def test_the_page_has_code_and_outputs() -> None:
    made = steps()
    assert len(made) >= 6
    assert all(output is not None for _, output in made)


def test_every_block_runs_and_prints_what_the_page_shows(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    pytest.importorskip("duckdb")
    os.symlink(corpus / "cables-csv" / "cablegate-2010.csv", tmp_path / "cables.csv")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for code, expected in steps():
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(PAGE), "exec"), namespace)
        assert printed.getvalue() == (expected or ""), code
