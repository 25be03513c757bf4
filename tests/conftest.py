"""Shared fixtures: the real-cable corpus beside the checkout and its truth file; the
``--update-golden`` option of tests/test_golden.py."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cablekit import cli

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/expected/ from the current parser output instead of "
        "comparing with it (review the change with `git diff tests/golden`)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether the golden tests write the expected files rather than compare with them."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder: $CABLEKIT_CORPUS, else ../shared/corpus beside the checkout.

    Tests that use it are skipped when it is absent, unless CABLEKIT_REQUIRE_CORPUS=1 (as in
    CI), which makes them fail instead: CI can never pass by skipping them.
    """
    configured = os.environ.get("CABLEKIT_CORPUS")
    path = Path(configured) if configured else ROOT.parent / "shared" / "corpus"
    if not (path / "cablegate-2010").is_dir():
        message = f"corpus not found at {path} (set CABLEKIT_CORPUS)"
        if os.environ.get("CABLEKIT_REQUIRE_CORPUS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def truth(corpus: Path) -> dict[str, Any]:
    """truth.jsonl of cablegate-2010, by reference id."""
    rows: dict[str, Any] = {}
    with (corpus / "cablegate-2010" / "truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows[row["ref_id"]] = row
    return rows


@pytest.fixture
def cablekit_cmd(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the ``cablekit`` command in this process; return (status, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        status = cli.main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return call
