"""Golden files: the parser's output for real cables, committed as JSON.

``tests/golden/inputs/`` holds real cables as they come: copies of the shared corpus byte for
byte, two saved cablegate pages, rows cut from the cables.csv file and copies damaged by the
generator of tests/test_damage.py.  ``tests/golden/expected/`` holds, for each input, the JSON
of its parse and of its ``validate`` findings.  Any change to the output fails here with a
unified diff of that JSON; once the change is meant,

    python -m pytest tests/test_golden.py --update-golden

rewrites the expected files and ``git diff tests/golden`` is the change to review.  The inputs
ship with the tests (and in the sdist), so these tests need no corpus; only the check that the
inputs are still copies of their sources uses it.  tests/golden/README.md says what each input
covers.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cablekit

GOLDEN = Path(__file__).resolve().parent / "golden"
INPUTS = GOLDEN / "inputs"
EXPECTED = GOLDEN / "expected"
UPDATE = "python -m pytest tests/test_golden.py --update-golden"

#: input folders that are copies of the corpus folder of the same name
CORPUS_COPIES = ("cablegate-2010", "pdf-text", "pdf-text-raw", "pdf-converted", "seed")

#: the git blob ids of the saved pages in chillicoder/cablegate (commit 68ddbf74)
CABLEGATE_PAGES = {
    "cablegate-html/09LAPAZ96.html": "bd75374f15c74458a18f81324645e070a90626fb",
    "cablegate-html/10USNATO35.html": "a31ed84df48730833497700e9aedd0a2583eb097",
}

#: the longest diff shown in a failure, in lines
MAX_DIFF_LINES = 400


def input_names() -> list[str]:
    """The inputs, as paths relative to ``inputs/`` (``cablegate-2010/09ASTANA95.txt``)."""
    return sorted(
        path.relative_to(INPUTS).as_posix()
        for path in INPUTS.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


NAMES = input_names()


def expected_path(name: str) -> Path:
    """``expected/<folder>/<stem>.json`` for input ``<folder>/<stem>.<ext>``."""
    return (EXPECTED / name).with_suffix(".json")


def record(cable: cablekit.Cable) -> dict[str, Any]:
    """The cable as its JSON output gives it, with its findings."""
    return {
        "cable": json.loads(cable.model_dump_json()),
        "findings": [json.loads(finding.model_dump_json()) for finding in cablekit.validate(cable)],
    }


def render(name: str) -> str:
    """The expected-file text for input ``name``: one record, or a list for a cables.csv."""
    path = INPUTS / name
    result: Any
    # Read from inputs/ by the name under it, so that metadata.path and the messages that
    # name the file are the same on every machine.
    here = os.getcwd()
    os.chdir(INPUTS)
    try:
        if path.suffix == ".csv":
            result = [record(cable) for cable in cablekit.iter_cables(name)]
        else:
            result = record(cablekit.parse_file(name))
    except cablekit.CableError as error:
        result = {"error": type(error).__name__, "message": str(error)}
    finally:
        os.chdir(here)
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def differing_paths(old: Any, new: Any, path: str = "") -> Iterator[str]:
    """Where two JSON values differ: ``cable.paragraphs[3].text``."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(key for key in new if key not in old)]:
            yield from differing_paths(old.get(key), new.get(key), f"{path}.{key}".lstrip("."))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from differing_paths(a, b, f"{path}[{index}]")
    elif old != new:
        yield path or "(the whole output)"


def explain(name: str, expected: str, actual: str) -> str:
    """The failure message: which values changed, then the unified diff of the JSON."""
    paths = list(differing_paths(json.loads(expected), json.loads(actual)))
    diff = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/golden/expected/{expected_path(name).relative_to(EXPECTED)}",
            tofile=f"parse of tests/golden/inputs/{name}",
        )
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... {len(diff) - MAX_DIFF_LINES} more diff lines\n"]
    changed = ", ".join(paths[:12]) + (f" and {len(paths) - 12} more" if len(paths) > 12 else "")
    return (
        f"the output for inputs/{name} changed in: {changed}\n\n{''.join(diff)}\n"
        f"If the change is meant, run `{UPDATE}` and review `git diff tests/golden`."
    )


@pytest.mark.parametrize("name", NAMES)
def test_output_matches_the_golden_file(name: str, update_golden: bool) -> None:
    actual = render(name)
    target = expected_path(name)
    if update_golden:
        if not target.is_file() or target.read_text(encoding="utf-8") != actual:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not target.is_file():
        pytest.fail(f"no expected output for inputs/{name}: run `{UPDATE}`", pytrace=False)
    expected = target.read_text(encoding="utf-8")
    if actual != expected:
        pytest.fail(explain(name, expected, actual), pytrace=False)


def test_every_expected_file_has_an_input(update_golden: bool) -> None:
    wanted = {expected_path(name) for name in NAMES}
    orphans = sorted(path for path in EXPECTED.rglob("*.json") if path not in wanted)
    if update_golden:
        for path in orphans:
            path.unlink()
        return
    assert not orphans, f"expected files without an input (run `{UPDATE}`): {orphans}"


def test_the_inputs_cover_every_kind_of_source() -> None:
    # a checkout or sdist without the golden files must fail, not pass with no cases
    folders = {name.split("/")[0] for name in NAMES}
    assert {*CORPUS_COPIES, "cables-csv", "cablegate-html", "damaged"} <= folders
    assert len(NAMES) >= 35


def git_blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def test_saved_pages_are_the_upstream_files() -> None:
    pages = {name for name in NAMES if name.startswith("cablegate-html/")}
    assert pages == set(CABLEGATE_PAGES)
    for name, blob in CABLEGATE_PAGES.items():
        assert git_blob_id((INPUTS / name).read_bytes()) == blob, name


def test_inputs_are_copies_of_the_corpus(corpus: Path) -> None:
    from test_damage import damaged  # the generator of the damaged copies

    table = (corpus / "cables-csv" / "cablegate-2010.csv").read_bytes()
    for name in NAMES:
        data = (INPUTS / name).read_bytes()
        folder, _, rest = name.partition("/")
        if folder in CORPUS_COPIES:
            assert data == (corpus / name).read_bytes(), name
        elif folder == "cables-csv":
            rows = [row for row in re.split(rb'(?m)^(?="\d+",")', data) if row]
            assert len(rows) >= 3, name
            for row in rows:  # whole rows, byte for byte
                assert row.endswith(b'"\n'), (name, row[-40:])
                assert table.startswith(row) or b"\n" + row in table, (name, row[:40])
        elif folder == "damaged":
            kind, file = rest.split("/")
            reference = Path(file).stem
            clean = (corpus / "cablegate-2010" / f"{reference}.txt").read_text(encoding="utf-8")
            copy = damaged(kind, reference, clean)
            assert data == (copy if isinstance(copy, bytes) else copy.encode("utf-8")), name
        else:
            assert folder == "cablegate-html", name
