"""``cablekit convert``: many cables in, one JSON Lines or Parquet file out, in input order.

The corpus tests convert cablegate-2010 rebuilt as cables.csv (1,295 rows, 13 MB) and small
samples of it; the others use 09MOSCOW405 (docs/examples), a short SECRET cable from Moscow
with a full transmission header and four numbered paragraphs.  Speed is measured by the
scripts in bench/, not here.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import multiprocessing
import os
import pty
import random
import re
import shutil
import subprocess
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fast_switch import plain

import cablekit
from cablekit import api
from cablekit.bulk import (
    CsvPartition,
    Progress,
    RawItem,
    conversion,
    convert,
    csv_partitions,
    error_record,
    iter_csv_partition,
    iter_items,
    parquet_schema,
)
from cablekit.bulk import items as bulk_items
from cablekit.bulk import parquet as bulk_parquet
from cablekit.bulk import partition as bulk_partition
from cablekit.models import Cable
from cablekit.sources import MAX_INPUT_SIZE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "09MOSCOW405.txt"
CSV_COLUMNS = 8

Run = Callable[..., tuple[int, str, str]]

SUMMARY = re.compile(
    r"cablekit: (?P<cables>[\d,]+) cables?, (?P<errors>[\d,]+) errors? in [\d.]+ s "
    r"\([\d,]+ cables/s\)(?: -> (?P<output>.+))?\n"
)


def run_module(
    *argv: str, stdin: bytes = b"", run: tuple[str, ...] = ("-m", "cablekit"), **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m cablekit`` (or ``python *run``) in a child process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, *run, *argv],
        input=stdin,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
        **kwargs,
    )


@pytest.fixture(scope="session")
def corpus_csv(corpus: Path) -> Path:
    return corpus / "cables-csv" / "cablegate-2010.csv"


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=",", quotechar='"', escapechar="\\"))


def csv_line(row: list[str]) -> str:
    """One row in the cables.csv layout: every field quoted, a backslash before a quote, a
    backslash or a newline inside a field."""

    def field(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\\n")
        return f'"{escaped}"'

    return ",".join(field(value) for value in row) + "\n"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join(map(csv_line, rows)), encoding="utf-8")
    return path


BOM = b"\xef\xbb\xbf"


def write_damaged_csv(path: Path, rows: list[list[str]]) -> tuple[Path, int]:
    """A cables.csv with the damage the reader must get through; return it and how many
    error records it gives.

    A byte order mark at the start and one in the middle, rows with too few and too many
    columns, a bad date, a carriage return the csv reader stops at (twice, once followed by a
    line that looks like a row but is inside a field), cp1252 bytes, blank lines, CRLF line
    ends, no newline at the very end, and two rows that lose their closing quote and so run
    on into the next row (which is then read again on its own: every row gives a record).
    """
    good = iter([str(number), *row[1:]] for number, row in enumerate(rows, 1))

    def row() -> bytes:
        return csv_line(next(good)).encode("utf-8")

    def unclosed() -> bytes:
        line = row()
        return line[: line.rindex(b'"')] + b"\n"

    cr_row = b'"70",01/22/2010 15:03\r,"10USNATO37","USNATO","","","","UNCLAS\\\n'
    fake = csv_line(["73", "01/22/2010 15:03", "10FAKE1", "Nowhere", "", "", "", "x"]).encode()
    parts = [
        BOM + row(),
        row(),
        csv_line(["71", "01/22/2010 15:03", "10USNATO35", "USNATO"]).encode(),  # 4 columns
        csv_line(["72", "22 January 2010", "10USNATO36", "USNATO", "SECRET", "", "", "x"]).encode(),
        cr_row + b'TAGS: PREL\\\n"\n',
        row(),
        row()[:-2] + b' \xb6 \x93cp1252\x94"\n',
        BOM + row(),  # a BOM inside the file is data: this row id is not a number
        b"\n\n",
        row().replace(b"\n", b"\r\n"),
        unclosed(),
        row(),
        row(),
        cr_row + fake,  # the csv reader stops at the CR; 10FAKE1 is read as a row, not a cable
        csv_line([*next(good), "one too many"]).encode(),
        unclosed(),
        *(row() for _ in range(8)),
        row().rstrip(b"\n"),
    ]
    path.write_bytes(b"".join(parts))
    # 4 columns, the date, the two carriage returns, the inner BOM, 10FAKE1, 9 columns, and
    # the two rows that ran on into the next one (15 columns each; the next one is a cable)
    return path, 9


@pytest.fixture(scope="session")
def sample_rows(corpus_csv: Path) -> list[list[str]]:
    """The first 40 rows of the corpus CSV."""
    return csv_rows(corpus_csv)[:40]


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def ids_of(found: list[dict[str, Any]]) -> list[str | None]:
    """The container's reference id of each record, cable or error, in output order."""
    return [
        r["error"]["reference_id"] if "error" in r else r["metadata"]["reference_id"] for r in found
    ]


def no_traceback(stderr: str | bytes) -> None:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text


# --- cables.csv -------------------------------------------------------------------------------


def test_corpus_csv_to_jsonl_keeps_input_order_with_one_and_two_jobs(
    cablekit_cmd: Run, corpus_csv: Path, tmp_path: Path
) -> None:
    """All 1,295 cablegate-2010 rows come out, one line each, in row order; two worker
    processes write byte for byte what one process writes."""
    rows = csv_rows(corpus_csv)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        status, stdout, err = cablekit_cmd("convert", str(corpus_csv), "-o", str(out), "-j", jobs)
        assert status in (0, 1), err  # 1: some cables failed, each has its error record
        assert stdout == ""
        found = records(out.read_text(encoding="utf-8"))
        assert len(found) == len(rows) == 1295
        assert ids_of(found) == [row[2] for row in rows]
        cables = [r for r in found if "error" not in r]
        assert [c["metadata"]["row"] for c in cables] == [
            int(row[0]) for row, r in zip(rows, found, strict=True) if "error" not in r
        ]
        summary = SUMMARY.fullmatch(err)
        assert summary is not None, err
        assert summary["cables"] == f"{len(cables):,}"
        assert int(summary["errors"]) == len(found) - len(cables)
        assert summary["output"] == str(out)
        outputs[jobs] = out.read_bytes()
    assert outputs["1"] == outputs["2"]


def test_csv_output_matches_cablekit_parse_jsonl(
    cablekit_cmd: Run, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    """convert writes exactly what `cablekit parse --jsonl` prints for the same cables."""
    sample = write_csv(tmp_path / "sample.csv", sample_rows)
    out = tmp_path / "sample.jsonl"
    status, _, err = cablekit_cmd("convert", str(sample), "-o", str(out), "--jobs", "2")
    assert status == 0, err
    _, parsed, _ = cablekit_cmd("parse", "--jsonl", str(sample))
    assert out.read_text(encoding="utf-8") == parsed


def test_broken_rows_become_error_records_and_the_run_goes_on(
    cablekit_cmd: Run, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    good = sample_rows[:3]
    short_row = ["4", "01/22/2010 15:03", "10USNATO35", "USNATO"]  # 4 columns of 8
    bad_date = ["5", "22 January 2010", "10USNATO36", "USNATO", "SECRET", "", "", "text"]
    not_a_cable = ["6", "01/22/2010 15:03", "10NOTES1", "Nowhere", "", "", "", "hello\n"]
    last = [["7", *sample_rows[3][1:]]]
    path = write_csv(tmp_path / "broken.csv", [*good, short_row, bad_date, not_a_cable, *last])
    out = tmp_path / "broken.jsonl"

    status, _, err = cablekit_cmd("convert", str(path), "-o", str(out), "-j", "1")

    assert status == 1
    found = records(out.read_text(encoding="utf-8"))
    assert len(found) == 7
    assert ["error" in r for r in found] == [False] * 3 + [True] * 3 + [False]
    assert found[6]["metadata"]["reference_id"] == sample_rows[3][2]
    short, date, notes = (r["error"] for r in found[3:6])
    lines = path.read_text(encoding="utf-8").split("\n")
    for error, row_id in ((short, "4"), (date, "5"), (notes, "6")):
        assert error["source"] == str(path)
        assert lines[error["line"] - 1].startswith(f'"{row_id}",')  # where the row starts
        assert error["row"] == int(row_id)
    assert short["type"] == "CableParseError"
    assert "has 4 columns" in short["message"] and short["reference_id"] == "10USNATO35"
    assert "22 January 2010" in date["message"]
    assert notes["reference_id"] == "10NOTES1"
    assert "expected a cable" in notes["message"]
    *reported, summary = err.splitlines()
    assert summary.startswith("cablekit: 4 cables, 3 errors")
    # each failure on stderr, compiler style, where the record says it is
    first = short["message"].split("\n")[0]
    assert reported[0] == f"cablekit: error: {path}:{short['line']}: {first}"
    assert [line.split(": ", 3)[2] for line in reported if line.startswith("cablekit: ")] == [
        f"{path}:{error['line']}" for error in (short, date, notes)
    ]
    no_traceback(err)


def test_a_parser_crash_is_an_error_record_not_a_traceback(
    cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_parse_document = api.parse_document

    def parse_document(text: str) -> Any:  # a step every cable goes through, one or many
        if "BEYRLE" in text:
            raise KeyError("paragraph")
        return real_parse_document(text)

    monkeypatch.setattr(api, "parse_document", parse_document)
    folder = tmp_path / "cables"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "09MOSCOW405.txt")
    out = tmp_path / "out.jsonl"
    status, _, err = cablekit_cmd("convert", str(folder), "-o", str(out), "--jobs", "1")
    assert status == 1
    [record] = records(out.read_text(encoding="utf-8"))
    assert record["error"]["type"] == "KeyError"
    assert "internal error" in record["error"]["message"]
    assert record["error"]["reference_id"] == "09MOSCOW405"
    no_traceback(err)


def test_a_row_the_csv_reader_cannot_read_costs_that_row_only(tmp_path: Path) -> None:
    """A carriage return inside an unquoted field stops Python's csv reader; reading goes on
    at the next line that starts a row."""
    path = tmp_path / "cr.csv"
    path.write_bytes(
        b'"1",01/22/2010 15:03\r,"10USNATO35","USNATO","","","","UNCLAS\\\n'
        b"TAGS: PREL\\\n"
        b'"\n'
        b'"2","01/22/2010 15:03","10USNATO36","USNATO","","","","UNCLAS USNATO 000036\\\n'
        b"TAGS: PREL\\\n"
        b'"\n'
    )
    items = list(iter_items(path))
    assert len(items) == 2
    assert items[0].text is None and items[0].error is not None
    error = json.loads(items[0].error)["error"]
    assert error["line"] == 1 and "cannot be read" in error["message"]
    assert items[1].metadata is not None and items[1].metadata.reference_id == "10USNATO36"
    assert items[1].line == 4


# --- folders, single files, standard input ----------------------------------------------------


def test_folder_converts_every_file_in_path_order(
    cablekit_cmd: Run, corpus: Path, tmp_path: Path
) -> None:
    names = sorted(p.name for p in (corpus / "cablegate-2010").glob("*.txt"))[::97]
    folder = tmp_path / "cables"
    (folder / "more").mkdir(parents=True)
    for index, name in enumerate(names):
        target = folder / "more" / name if index % 2 else folder / name
        shutil.copy(corpus / "cablegate-2010" / name, target)
    (folder / "notes.json").write_text("{}")  # not a cable file: left out
    out = tmp_path / "folder.jsonl"

    status, _, err = cablekit_cmd("convert", str(folder), "-o", str(out), "-j", "2")

    assert status == 0, err
    found = records(out.read_text(encoding="utf-8"))
    expected = sorted(folder.rglob("*.txt"))
    assert [r["metadata"]["reference_id"] for r in found] == [p.stem for p in expected]
    assert all(r["metadata"]["source"] == "text" for r in found)
    assert [r["metadata"]["path"] for r in found] == [str(p) for p in expected]
    note, summary = err.splitlines()
    assert note == f"cablekit: note: 1 file skipped in {folder}/: not named as cable text (1 .json)"
    assert summary.startswith(f"cablekit: {len(names)} cables, 0 errors in ")


def test_single_file(cablekit_cmd: Run, tmp_path: Path) -> None:
    out = tmp_path / "one.jsonl"
    status, _, err = cablekit_cmd("convert", str(EXAMPLE), "-o", str(out))
    assert status == 0, err
    [cable] = records(out.read_text(encoding="utf-8"))
    assert cable["id"] == "09MOSCOW405"
    assert [p["number"] for p in cable["paragraphs"]] == [1, 2, 3, 4]
    assert err.startswith("cablekit: 1 cable, 0 errors in ")


def stand_in_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_one_cable_to_stdout(cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in_stdin(monkeypatch, EXAMPLE.read_bytes())
    status, out, err = cablekit_cmd("convert", "-", "-o", "-")
    assert status == 0, err
    [cable] = records(out)
    assert cable["id"] == "09MOSCOW405"
    assert err.startswith("cablekit: 1 cable, 0 errors in ")
    assert "->" not in err


def test_stdin_cables_csv_stream(
    cablekit_cmd: Run,
    monkeypatch: pytest.MonkeyPatch,
    sample_rows: list[list[str]],
    tmp_path: Path,
) -> None:
    sample = write_csv(tmp_path / "five.csv", sample_rows[:5])
    stand_in_stdin(monkeypatch, sample.read_bytes())
    out = tmp_path / "five.jsonl"
    status, _, err = cablekit_cmd("convert", "-", "-o", str(out), "--jobs", "2")
    assert status == 0, err
    found = records(out.read_text(encoding="utf-8"))
    assert ids_of(found) == [row[2] for row in sample_rows[:5]]
    assert {r["metadata"]["source"] for r in found} == {"cables.csv"}


def test_stdin_in_a_child_process() -> None:
    done = run_module("convert", "-", "-o", "-", stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "09MOSCOW405"


def test_empty_stdin_is_one_error_record(
    cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in_stdin(monkeypatch, b"")
    status, out, err = cablekit_cmd("convert", "-", "-o", "-")
    assert status == 1
    [record] = records(out)
    assert record["error"]["source"] == "<stdin>"
    assert err.startswith("cablekit: error: <stdin>:1: expected a cable")
    assert err.splitlines()[-1].startswith("cablekit: 0 cables, 1 error in ")


# --- Parquet ----------------------------------------------------------------------------------


def test_parquet_reads_back_with_pyarrow(
    cablekit_cmd: Run, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    broken = ["99", "01/22/2010 15:03", "10NOTES1", "Nowhere", "", "", "", "hello\n"]
    sample = write_csv(tmp_path / "sample.csv", [*sample_rows, broken])
    jsonl, parquet = tmp_path / "sample.jsonl", tmp_path / "sample.parquet"
    assert cablekit_cmd("convert", str(sample), "-o", str(jsonl), "-j", "2")[0] == 1
    status, _, err = cablekit_cmd("convert", str(sample), "-o", str(parquet), "-j", "2")
    assert status == 1, err

    expected = records(jsonl.read_text(encoding="utf-8"))
    table = pq.read_table(parquet)
    assert table.num_rows == len(sample_rows) + 1
    rows = table.to_pylist()
    for row, record in zip(rows, expected, strict=True):
        if "error" in record:
            assert row["error"] == record["error"]
            assert row["id"] is None and row["paragraphs"] is None
            continue
        assert row["error"] is None
        assert row["id"] == record["id"]
        assert row["classification"] == record["classification"]
        assert row["subject"] == record["subject"]
        assert row["tags"] == record["tags"]
        assert row["metadata_row"] == record["metadata"]["row"]
        assert row["metadata_reference_id"] == record["metadata"]["reference_id"]
        assert [p["number"] for p in row["paragraphs"]] == [
            p["number"] for p in record["paragraphs"]
        ]
        assert [p["text"] for p in row["paragraphs"]] == [p["text"] for p in record["paragraphs"]]
        if record["created"] is not None:
            assert row["created"].isoformat().replace("+00:00", "Z") == record["created"]
        transmission = record["transmission"]
        if transmission is not None:
            assert row["transmission_to"] == transmission["to"]
            assert row["transmission_info"] == transmission["info"]
            assert row["transmission_sender"] == transmission["sender"]
        else:
            assert row["transmission_to"] is None
    assert rows[-1]["error"]["reference_id"] == "10NOTES1"


def test_parquet_is_written_in_row_groups(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(bulk_parquet, "ROWS_PER_GROUP", 16)
    sample = write_csv(tmp_path / "sample.csv", sample_rows)
    out = tmp_path / "groups.parquet"
    summary = convert(sample, out, jobs=1)
    assert summary.cables + summary.errors == 40
    metadata = pq.ParquetFile(out).metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == [16, 16, 8]


def test_parquet_columns_cover_every_cable_field() -> None:
    """Nested objects are spread out as parent_field columns, at any depth; a field added to
    the model gets its column."""
    pytest.importorskip("pyarrow")
    from pydantic import BaseModel

    from cablekit.models import Cable

    def model_of(annotation: Any) -> Any:
        """The model of a field typed ``Model`` or ``Model | None``, else None."""
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            inner = [kind for kind in typing.get_args(annotation) if kind is not type(None)]
            annotation = inner[0] if len(inner) == 1 else annotation
        is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        return annotation if is_model else None

    def flat_names(model: type[BaseModel], prefix: str = "") -> set[str]:
        names: set[str] = set()
        for field, info in model.model_fields.items():
            nested = model_of(info.annotation)
            if nested is not None:
                names |= flat_names(nested, f"{prefix}{field}_")
            else:
                names.add(prefix + field)
        return names

    schema = parquet_schema()
    assert set(schema.names) == flat_names(Cable) | {"error"}
    assert {"paragraphs", "transmission_to", "transmission_dtg", "metadata_row"} <= set(
        schema.names
    )


def test_parquet_without_pyarrow_says_what_to_install(
    cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import pyarrow` fail
    out = tmp_path / "cables.parquet"
    status, stdout, err = cablekit_cmd("convert", str(EXAMPLE), "-o", str(out))
    assert status == 2
    assert stdout == ""
    assert err == (
        "cablekit: error: writing Parquet needs pyarrow, which is not installed; "
        "install it with: pip install 'cablekit[parquet]'\n"
    )
    assert not out.exists()


# --- progress and quiet -----------------------------------------------------------------------


def test_no_progress_when_stderr_is_not_a_terminal(
    sample_rows: list[list[str]], tmp_path: Path
) -> None:
    """A pipe gets the summary line only; --quiet leaves stderr empty."""
    sample = write_csv(tmp_path / "sample.csv", sample_rows[:10])
    done = run_module("convert", str(sample), "-o", str(tmp_path / "out.jsonl"), "-j", "2")
    assert done.returncode == 0, done.stderr
    [line] = done.stderr.decode().splitlines()
    assert line.startswith("cablekit: ") and " cables, 0 errors in " in line
    assert b"\r" not in done.stderr and b"\x1b" not in done.stderr

    quiet = run_module("convert", str(sample), "-o", str(tmp_path / "q.jsonl"), "--quiet")
    assert quiet.returncode == 0
    assert quiet.stderr == b""


# ``python -c`` that runs the command line after setting the progress line's delay (the
# first argument), so that whether a line shows does not hang on how fast this machine is
_WITH_DELAY = (
    "import runpy, sys; import cablekit.cli.inputs as inputs; "
    "inputs.PROGRESS_DELAY = float(sys.argv.pop(1)); "
    "runpy.run_module('cablekit', run_name='__main__', alter_sys=True)"
)


def on_a_terminal(
    *argv: str, delay: float | None = None
) -> tuple[subprocess.CompletedProcess[bytes], str]:
    """Run the command with standard error on a pseudo-terminal; what the terminal showed.
    ``delay``: the seconds before the progress line shows, if not the command's own."""
    run = ("-m", "cablekit") if delay is None else ("-c", _WITH_DELAY, str(delay))
    main, secondary = pty.openpty()
    try:
        done = run_module(*argv, run=run, stderr=secondary)
    finally:
        os.close(secondary)
    shown = b""
    try:
        while chunk := os.read(main, 4096):
            shown += chunk
    except OSError:  # EIO: the terminal's other end is closed
        pass
    os.close(main)
    return done, shown.decode()


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
def test_progress_on_a_terminal(tmp_path: Path, corpus_csv: Path) -> None:
    """On a terminal a run longer than the delay shows the progress line (count, rate,
    percent), erased before the summary; a short run shows the summary only."""
    out = str(tmp_path / "out.jsonl")
    done, text = on_a_terminal("convert", str(corpus_csv), "-o", out, "-j", "1", delay=0)
    assert done.returncode == 0
    assert re.search(r"\r[\d,]+ cables  [\d,]+/s  +\d+%", text), text[:300]
    assert "\r\x1b[K" + "cablekit: 1,295 cables, 0 errors in " in text

    done, text = on_a_terminal("convert", str(EXAMPLE), "-o", str(tmp_path / "one.jsonl"))
    assert done.returncode == 0
    assert text.startswith("cablekit: 1 cable, 0 errors in ")
    assert "\r" not in text.rstrip("\r\n")


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("command", ["parse", "validate"])
def test_parse_and_validate_show_progress_on_a_terminal(command: str, corpus_csv: Path) -> None:
    """parse and validate show the same line on a terminal, erased at the end, when their
    output goes elsewhere."""
    done, text = on_a_terminal(command, str(corpus_csv), delay=0)
    assert done.returncode in (0, 1)
    assert done.stdout  # the cables or the findings, untouched by the progress line
    assert b"\r" not in done.stdout and b"\x1b" not in done.stdout
    assert re.search(r"\r[\d,]+ cables  [\d,]+/s", text), text[:300]
    assert text.endswith("\r\x1b[K")


def test_progress_line_waits_for_its_delay() -> None:
    """Nothing is drawn before ``delay`` seconds, however often the run updates."""
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, interval=0, delay=1.0, clock=lambda: now[0])
    for now[0] in (0.1, 0.5, 0.99):
        progress.update(10, 0, 0.5)
    assert stream.getvalue() == ""
    now[0] = 2.0
    progress.update(400, 0, 0.5)
    assert stream.getvalue() == "\r400 cables  200/s   50%  ETA 0:00:02\x1b[K"


def test_progress_line_shows_eta_only_when_the_size_is_known() -> None:
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(stream, interval=0, clock=lambda: now[0])
    now[0] = 110.0
    progress.update(500, 2, 0.25)
    assert stream.getvalue() == "\r500 cables  2 errors  50/s   25%  ETA 0:00:30\x1b[K"
    stream.seek(0)
    stream.truncate()
    progress.update(600, 0, None)
    assert stream.getvalue() == "\r600 cables  60/s\x1b[K"
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


# --- usage errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["convert", "x.csv"], "the following arguments are required: -o/--output"),
        (["convert", "x.csv", "-o", "y.jsonl", "--jobs", "0"], "must be 1 or more"),
        (["convert", "x.csv", "-o", "y", "--format", "xml"], "invalid choice: 'xml'"),
    ],
    ids=["no-output", "zero-jobs", "unknown-format"],
)
def test_usage_errors_exit_2(cablekit_cmd: Run, argv: list[str], message: str) -> None:
    status, out, err = cablekit_cmd(*argv)
    assert status == 2
    assert out == ""
    assert message in err


def test_missing_input_exits_2(cablekit_cmd: Run, tmp_path: Path) -> None:
    missing = tmp_path / "absent.csv"
    status, _, err = cablekit_cmd("convert", str(missing), "-o", str(tmp_path / "out.jsonl"))
    assert status == 2
    assert err == f"cablekit: error: {missing}: No such file or directory\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_unwritable_output_exits_2(cablekit_cmd: Run, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "out.jsonl"
    status, _, err = cablekit_cmd("convert", str(EXAMPLE), "-o", str(out))
    assert status == 2
    assert err == f"cablekit: error: {out}: No such file or directory\n"


def test_output_that_is_the_input_is_refused(cablekit_cmd: Run, tmp_path: Path) -> None:
    copy = tmp_path / "09MOSCOW405.txt"
    shutil.copy(EXAMPLE, copy)
    status, _, err = cablekit_cmd("convert", str(copy), "-o", str(copy), "--format", "jsonl")
    assert status == 2
    assert "is the input" in err
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_parquet_to_stdout_is_refused(cablekit_cmd: Run) -> None:
    pytest.importorskip("pyarrow")
    status, out, err = cablekit_cmd("convert", str(EXAMPLE), "-o", "-", "--format", "parquet")
    assert (status, out) == (2, "")
    assert "Parquet cannot be written to standard output" in err


# --- CSV partitions (the unit of distributed work) --------------------------------------------


@pytest.mark.parametrize("parts", [1, 2, 7, 64, 5000])
def test_csv_partitions_cover_every_row_once_in_order(corpus_csv: Path, parts: int) -> None:
    whole = [
        (item.metadata.row if item.metadata else None, item.line) for item in iter_items(corpus_csv)
    ]
    partitions = csv_partitions(corpus_csv, parts)
    assert 1 <= len(partitions) <= parts
    assert partitions[0].start == 0 and partitions[-1].end == corpus_csv.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(partitions))
    pieces = [
        (item.metadata.row if item.metadata else None, item.line)
        for partition in partitions
        for item in iter_csv_partition(partition)
    ]
    assert pieces == whole
    assert len(whole) == 1295


def test_partition_items_are_small_and_picklable(corpus_csv: Path) -> None:
    import pickle

    [first, *_] = csv_partitions(corpus_csv, 8)
    assert isinstance(first, CsvPartition)
    item = next(iter_csv_partition(first))
    assert isinstance(item, RawItem)
    assert pickle.loads(pickle.dumps(item)) == item


def _kill_workers_parsing_moscow(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process that parses 09MOSCOW405 (its text names BEYRLE) dies on the spot."""
    real_parse_document = api.parse_document
    parent = os.getpid()

    def parse_document(text: str) -> Any:  # a step every cable goes through, one or many
        if "BEYRLE" in text and os.getpid() != parent:
            os._exit(9)  # as if the kernel killed the worker parsing 09MOSCOW405
        return real_parse_document(text)

    monkeypatch.setattr(api, "parse_document", parse_document)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the stand-in parser reaches the workers only when they are forked",
)
def test_a_worker_that_dies_costs_only_the_cable_that_killed_it(
    monkeypatch: pytest.MonkeyPatch, corpus: Path, tmp_path: Path
) -> None:
    _kill_workers_parsing_moscow(monkeypatch)
    folder = tmp_path / "cables"
    folder.mkdir()
    names = sorted(p.name for p in (corpus / "cablegate-2010").glob("*.txt"))[:80:8]
    for name in names:
        shutil.copy(corpus / "cablegate-2010" / name, folder / name)
    shutil.copy(EXAMPLE, folder / "09MOSCOW405.txt")
    out = tmp_path / "out.jsonl"

    summary = convert(folder, out, jobs=2)

    found = records(out.read_text(encoding="utf-8"))
    expected = sorted(folder.glob("*.txt"))
    assert len(found) == len(expected) == 11
    assert (summary.cables, summary.errors) == (10, 1)
    for record, path in zip(found, expected, strict=True):
        if path.stem == "09MOSCOW405":
            assert record["error"]["type"] == "WorkerError"
            assert record["error"]["reference_id"] == "09MOSCOW405"
            assert "died" in record["error"]["message"]
        else:
            assert record["metadata"]["reference_id"] == path.stem


# --- cables.csv read in pieces by the workers (convert with jobs > 1) -------------------------


def piece_items(path: Path, piece_bytes: int) -> tuple[list[RawItem], int]:
    """The items of every piece of ``path``, as convert puts them together, and how many
    pieces a row ran on into."""
    items: list[RawItem] = []
    reached = skipped = 0
    for piece in bulk_partition.csv_pieces(str(path), piece_bytes):
        found, span = piece.read()
        assert span is not None
        start, end = span
        if start < reached:
            skipped += 1
            continue
        reached = end
        items.extend(found)
    return items, skipped


@pytest.mark.parametrize("piece_bytes", [1, 4096, 1 << 20, 1 << 40])
def test_csv_pieces_cover_every_row_once_in_order(corpus_csv: Path, piece_bytes: int) -> None:
    data = corpus_csv.read_bytes()
    pieces = [piece.partition for piece in bulk_partition.csv_pieces(str(corpus_csv), piece_bytes)]
    assert pieces[0].start == 0 and pieces[-1].end == len(data)
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert all(p.first_line == data.count(b"\n", 0, p.start) + 1 for p in pieces)
    if piece_bytes == 1:
        assert len(pieces) == 1295  # one row each
    items, skipped = piece_items(corpus_csv, piece_bytes)
    assert skipped == 0
    assert items == list(iter_items(corpus_csv))


@pytest.mark.parametrize("piece_bytes", [1, 100, 5000, 1 << 20])
def test_csv_pieces_of_a_damaged_file_read_as_one_pass_does(
    sample_rows: list[list[str]], tmp_path: Path, piece_bytes: int
) -> None:
    """A row whose closing quote is lost runs on into the next row when the file is read from
    the top; the piece holding it reads on past its end the same way, and the piece it ran
    into is left out."""
    path, _ = write_damaged_csv(tmp_path / "damaged.csv", sample_rows)
    items, skipped = piece_items(path, piece_bytes)
    assert items == list(iter_items(path))
    if piece_bytes == 1:
        assert skipped == 2  # each row that lost its quote ran on into the next piece


@pytest.mark.parametrize("read_bytes", [1, 4096])
def test_a_partition_read_in_small_blocks_reads_as_one_pass_does(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path, read_bytes: int
) -> None:
    """A partition is read a block of whole lines at a time (memory stays flat however large
    it is); a block may start with a line that holds a byte order mark, which is data."""
    path, _ = write_damaged_csv(tmp_path / "damaged.csv", sample_rows)
    monkeypatch.setattr(bulk_partition, "READ_BYTES", read_bytes)
    [whole] = csv_partitions(path, 1)
    assert list(iter_csv_partition(whole)) == list(iter_items(path))


@pytest.mark.parametrize("piece_bytes", [1, 5000, 1 << 20])
def test_two_jobs_write_what_one_job_writes_for_a_damaged_csv(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path, piece_bytes: int
) -> None:
    path, errors = write_damaged_csv(tmp_path / "damaged.csv", sample_rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    by_one = convert(path, one, jobs=1)
    monkeypatch.setattr(conversion, "PIECE_BYTES", piece_bytes)
    by_two = convert(path, two, jobs=2)
    assert two.read_bytes() == one.read_bytes()
    assert (by_two.cables, by_two.errors) == (by_one.cables, by_one.errors)
    assert by_one.errors == errors
    assert by_one.cables + by_one.errors == len(one.read_bytes().splitlines())


def test_parquet_from_csv_pieces_is_what_one_job_writes(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path, errors = write_damaged_csv(tmp_path / "damaged.csv", sample_rows)
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    convert(path, one, jobs=1)
    monkeypatch.setattr(conversion, "PIECE_BYTES", 5000)
    summary = convert(path, two, jobs=2)
    table = pq.read_table(two)
    assert table.equals(pq.read_table(one))
    assert table.num_rows == summary.cables + summary.errors
    assert table.column("error").drop_null().length() == summary.errors == errors


def test_two_jobs_to_a_text_only_stdout(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    sample = write_csv(tmp_path / "sample.csv", sample_rows[:6])
    convert(sample, tmp_path / "sample.jsonl", jobs=1)
    stream = io.StringIO()  # no binary buffer beneath it
    monkeypatch.setattr(sys, "stdout", stream)
    convert(sample, "-", jobs=2)
    assert stream.getvalue() == (tmp_path / "sample.jsonl").read_text(encoding="utf-8")


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the stand-in parser reaches the workers only when they are forked",
)
def test_a_worker_that_dies_on_a_csv_piece_costs_only_the_cable_that_killed_it(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    _kill_workers_parsing_moscow(monkeypatch)
    moscow = ["6", "02/03/2009 14:10", "09MOSCOW405", "Embassy Moscow", "SECRET", "", ""]
    rows = [[str(n), *row[1:]] for n, row in enumerate(sample_rows[:12], 1)]
    rows[5] = [*moscow, EXAMPLE.read_text(encoding="utf-8")]
    path = write_csv(tmp_path / "killer.csv", rows)
    piece_bytes = 30_000
    [piece] = [
        piece
        for piece in bulk_partition.csv_pieces(str(path), piece_bytes)
        if any(item.metadata and item.metadata.row == 6 for item in piece.read()[0])
    ]
    assert len(piece.read()[0]) > 1  # the killer shares its piece with other cables
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    by_one = convert(path, one, jobs=1)  # parses in this process: nothing dies
    monkeypatch.setattr(conversion, "PIECE_BYTES", piece_bytes)

    by_two = convert(path, two, jobs=2)

    expected = one.read_text(encoding="utf-8").splitlines()
    found = two.read_text(encoding="utf-8").splitlines()
    assert len(found) == len(expected) == 12
    assert found[:5] + found[6:] == expected[:5] + expected[6:]
    error = json.loads(found[5])["error"]
    assert error["type"] == "WorkerError" and "died" in error["message"]
    assert (error["reference_id"], error["row"]) == ("09MOSCOW405", 6)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[error["line"] - 1].startswith('"6","02/03/2009 14:10","09MOSCOW405"')
    assert (by_two.cables, by_two.errors) == (by_one.cables - 1, by_one.errors + 1)


# --- the fast paths against the plain code (CABLEKIT_PLAIN=1) ---------------------------------


def convert_in_child(source: Path, out: Path, *, jobs: str, plain: bool) -> None:
    """``python -m cablekit convert`` in a child process, with the fast paths or without."""
    env = {name: value for name, value in os.environ.items() if name != "CABLEKIT_PLAIN"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if plain:
        env["CABLEKIT_PLAIN"] = "1"
    switch = subprocess.run(
        [sys.executable, "-c", "from cablekit import _fast; print(_fast.ENABLED)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert switch.stdout.strip() == str(not plain)  # the child sees the switch as meant
    command = ["convert", str(source), "-o", str(out), "--jobs", jobs, "--quiet"]
    done = subprocess.run(
        [sys.executable, "-m", "cablekit", *command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")


def test_the_fast_paths_write_what_the_plain_code_writes(
    corpus_csv: Path, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    """The speed tricks of reading cables.csv and of the workers (the usual created date read
    without strptime, lines decoded a block at a time, the serializer's bytes kept, the
    workers' cycle collector run less often) write the same bytes as the plain code that
    CABLEKIT_PLAIN=1 runs: for the corpus cables.csv read in pieces by two workers, and for a
    damaged copy (cp1252 bytes, created dates in other forms and impossible ones) read by
    this process."""
    damaged, _ = write_damaged_csv(tmp_path / "damaged.csv", sample_rows[:30])
    dates = [
        "2/3/2009 14:10",
        "2/ 3/2009 14:10",
        "12/31/1999  23:59",
        "2009-02-03 14:10",
        "2009-02-03 14:10:59",
        "02/30/2009 10:00",
        "13/01/2009 10:00",
        "02/03/2009 24:00",
        "٠٢/٠٣/٢٠٠٩ 14:10",
    ]
    extra = [
        [str(100 + number), created, *row[2:]]
        for number, (created, row) in enumerate(zip(dates, sample_rows[30:], strict=False))
    ]
    with damaged.open("ab") as file:
        file.write(b"\n" + "".join(map(csv_line, extra)).encode("utf-8"))

    for source, jobs in ((corpus_csv, "2"), (damaged, "1")):
        fast, plain = tmp_path / "fast.jsonl", tmp_path / "plain.jsonl"
        convert_in_child(source, fast, jobs=jobs, plain=False)
        convert_in_child(source, plain, jobs=jobs, plain=True)
        assert fast.read_bytes() == plain.read_bytes(), source
        assert fast.stat().st_size > 0


# --- a task's cables parsed as one batch (run_task's fast path) -------------------------------

CRASH = "ZZ-A-STEP-FAILS-HERE"


def _crash_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """The grammar step fails with a bug of its own (not a CableError) for a text holding
    CRASH, both when a cable is parsed alone and in a batch."""
    real_parse_document = api.parse_document

    def parse_document(text: str) -> Any:
        if CRASH in text:
            raise RuntimeError("a step that fails")
        return real_parse_document(text)

    monkeypatch.setattr(api, "parse_document", parse_document)


def _mixed_items(rows: list[list[str]], tmp_path: Path, seed: int) -> list[RawItem]:
    """Cables of cables.csv rows and of a file, with items that give error records: text that
    could not be read, text with no cable in it, text over the size limit, text that makes a
    step fail; shuffled."""
    good = list(iter_items(write_csv(tmp_path / "rows.csv", rows)))
    source = str(tmp_path / "rows.csv")
    unread = error_record("CableParseError", "cannot be read", source=source, line=7, row=7)
    assert good[0].text is not None
    items = [
        *good[1:],
        RawItem(EXAMPLE.read_text(encoding="utf-8"), None, str(EXAMPLE), None),
        RawItem(None, good[0].metadata, source, 7, unread),
        RawItem(None, None, source, None),
        good[0]._replace(text="hello\n"),
        good[0]._replace(text="x" * (MAX_INPUT_SIZE + 1)),
        good[0]._replace(text=good[0].text + "\n" + CRASH + "\n"),
        good[0],
    ]
    random.Random(seed).shuffle(items)
    return items


@pytest.mark.parametrize("seed", range(4))
def test_a_task_parsed_as_one_batch_writes_what_one_parse_a_cable_writes(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path, seed: int
) -> None:
    """convert_items_bytes and convert_items_rows give, item for item and in order, the
    records convert_item_bytes and convert_item_rows give with the plain code, in batches of
    any size: cables, and the error records of text not read, of a CableError and of a
    failing step (an internal error)."""
    _crash_on_marker(monkeypatch)
    monkeypatch.setattr(api, "_STAGED", random.Random(seed).choice([1, 20_000, 1 << 20]))
    items = _mixed_items(sample_rows[:10], tmp_path, seed)
    with plain():
        expected = [bulk_items.convert_item_bytes(item) for item in items]
        expected_rows = [bulk_items.convert_item_rows(item, "paragraphs") for item in items]
        assert bulk_items.convert_items_bytes(items) == expected
    assert bulk_items.convert_items_bytes(items) == expected
    assert bulk_items.convert_items_rows(items, "paragraphs") == expected_rows
    assert bulk_items.convert_items_bytes([]) == []

    for item, record in zip(items, map(json.loads, expected), strict=True):
        if "error" not in record:  # each record is its own item's, in the items' order
            metadata = item.metadata
            assert record["metadata"] == (metadata and metadata.model_dump(mode="json"))
            continue
        error = record["error"]
        assert error["source"] == item.source
        if item.text is None:
            assert error["message"] == ("cannot be read" if item.error else "no text")
        elif CRASH in item.text:
            assert error["type"] == "RuntimeError" and "internal error" in error["message"]
        else:
            assert error["type"] == "CableParseError"
            assert error["row"] == (item.metadata and item.metadata.row)


@pytest.mark.parametrize("seed", range(3))
def test_parse_batch_gives_what_parse_gives_or_raises(
    monkeypatch: pytest.MonkeyPatch, sample_rows: list[list[str]], tmp_path: Path, seed: int
) -> None:
    """api.parse_batch: for each text or bytes and metadata, the cable parse returns or the
    error it raises, in order, with the fast paths on and off."""
    _crash_on_marker(monkeypatch)
    monkeypatch.setattr(api, "_STAGED", random.Random(seed).choice([1, 20_000, 1 << 20]))
    sources: list[tuple[str | bytes, Any]] = [
        (item.text, item.metadata)
        for item in _mixed_items(sample_rows[10:16], tmp_path, seed)
        if item.text is not None
    ]
    sources += [
        (EXAMPLE.read_bytes().replace(b"\n", b"\r\n"), None),
        (b"\x7fELF\x02\x01\x01" + bytes(64), None),
        (b"x" * (MAX_INPUT_SIZE + 1), None),
    ]
    random.Random(seed).shuffle(sources)

    def outcome(made: Cable | Exception) -> str:
        if isinstance(made, Cable):
            return made.model_dump_json()
        return f"{type(made).__name__}: {made} {getattr(made, 'line', None)}"

    expected: list[str] = []
    for text, metadata in sources:
        try:
            expected.append(outcome(cablekit.parse(text, metadata=metadata)))
        except Exception as problem:
            expected.append(outcome(problem))
    assert sum("RuntimeError" in one for one in expected) == 1
    assert sum(one.startswith("{") for one in expected) > 5  # cables among the errors
    assert [outcome(made) for made in api.parse_batch(sources)] == expected
    with plain():
        assert [outcome(made) for made in api.parse_batch(sources)] == expected
    assert api.parse_batch([]) == []
