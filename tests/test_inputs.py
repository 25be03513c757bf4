"""Many inputs and the errors in them: iter_cables(errors=...), located errors, the path and
line of every record, what a folder walk skips, and the commands that go on past bad files.

The folder used throughout mixes two real cables of the corpus with an empty file, a notes
file, a binary file named .txt and the corpus's truth.jsonl, which is no cable text."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fast_switch import plain

import cablekit
from cablekit import api
from cablekit.fields import cable as fields_cable
from cablekit.sources import BINARY, EMPTY, OTHER_SUFFIX, Skipped, skip_summary, walk_folder

ROOT = Path(__file__).resolve().parents[1]
SMALL_CSV = ROOT / "tests" / "data" / "sources" / "cables-small.csv"
GOOD = ("02BRASILIA4227", "09MOSCOW405")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def mixed(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The folder ``mix`` under the working directory, named as a user gives it."""
    folder = tmp_path / "mix"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(corpus / "cablegate-2010" / f"{name}.txt", folder / f"{name}.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.txt").write_text("notes on the cables, to read again\n", encoding="utf-8")
    (folder / "tool.txt").write_bytes(Path(sys.executable).read_bytes()[:2048])
    shutil.copy(corpus / "cablegate-2010" / "truth.jsonl", folder / "truth.jsonl")
    monkeypatch.chdir(tmp_path)
    return "mix"


def bad_csv(tmp_path: Path) -> Path:
    """The three rows of the small fixture with a row whose date is unreadable in between."""
    lines = SMALL_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    second = next(i for i, line in enumerate(lines) if line.startswith('"13",'))
    bad = '"99","not a date","10BAD1","Embassy Nowhere","SECRET","","","1. (S) Text."\n'
    path = tmp_path / "bad.csv"
    path.write_text("".join([*lines[:second], bad, *lines[second:]]), encoding="utf-8")
    return path


# --- iter_cables ------------------------------------------------------------------------------


def test_raise_stops_at_the_first_bad_file_and_says_where(mixed: str) -> None:
    with pytest.raises(cablekit.CableParseError) as caught:
        list(cablekit.iter_cables(mixed))
    error = caught.value
    assert error.source == os.path.join(mixed, "notes.txt")
    assert error.line == 1 and error.row is None
    assert str(error).startswith(f"{error.source}:1: expected a cable")
    assert not error.message.startswith(error.source)


def test_an_error_says_where_it_is_once() -> None:
    error = cablekit.CableParseError("expected a cable", line=1, column=1, text="hello")
    # not located: where in the text, and the line
    assert str(error) == "expected a cable (line 1, column 1)\n    hello"
    # a file names its line in the prefix: not again after the message
    assert str(error.located("notes.txt", line=1)) == "notes.txt:1: expected a cable\n    hello"
    # a cables.csv row starts on a line of the file; its text has lines of its own
    row = cablekit.CableParseError("expected a cable", line=3, column=5)
    row.located("cables.csv", row=7, line=40)
    assert str(row) == "cables.csv:40: expected a cable (line 3 of its text, column 5)"
    assert row.text_line == 3 and row.line == 40


def test_skip_yields_every_good_cable_with_its_path(mixed: str) -> None:
    cables = list(cablekit.iter_cables(mixed, errors="skip"))
    assert [c.id for c in cables] == list(GOOD)
    paths = [c.metadata.path for c in cables if c.metadata]
    assert paths == [os.path.join(mixed, f"{name}.txt") for name in GOOD]
    assert all(c.metadata and c.metadata.line is None for c in cables)


def test_collect_yields_the_errors_in_their_place(mixed: str) -> None:
    found = list(cablekit.iter_cables(mixed, errors="collect"))
    assert [type(item).__name__ for item in found] == ["Cable", "Cable", "CableParseError"]
    error = found[2]
    assert isinstance(error, cablekit.CableError)
    assert (error.source, error.line) == (os.path.join(mixed, "notes.txt"), 1)


def test_a_walk_tells_what_it_leaves_out(mixed: str) -> None:
    told: list[tuple[str, str]] = []
    list(cablekit.iter_cables(mixed, errors="skip", on_skip=lambda p, r: told.append((p.name, r))))
    assert sorted(told) == sorted(
        [("empty.txt", EMPTY), ("tool.txt", BINARY), ("truth.jsonl", OTHER_SUFFIX)]
    )


def test_skip_summary_counts_per_kind(mixed: str) -> None:
    walk = walk_folder(mixed)
    lines = skip_summary(mixed, walk.skipped)
    assert lines == [
        "2 files skipped in mix/: not cable text (1 binary, 1 empty)",
        "1 file skipped in mix/: not named as cable text (1 .jsonl)",
    ]
    assert skip_summary("x", [Skipped(Path("x/a.jsonl"), "some other reason")]) == []


def test_csv_rows_go_on_past_a_broken_row(tmp_path: Path) -> None:
    path = bad_csv(tmp_path)
    with pytest.raises(cablekit.CableParseError):
        list(cablekit.iter_cables(path))
    found = list(cablekit.iter_cables(path, errors="collect"))
    assert [getattr(item, "id", None) for item in found][:1] == ["09LAPAZ96"]
    errors = [item for item in found if isinstance(item, cablekit.CableError)]
    cables = [item for item in found if isinstance(item, cablekit.Cable)]
    assert len(cables) == 3 and len(errors) == 1
    (error,) = errors
    lines = path.read_text(encoding="utf-8").split("\n")
    assert (error.source, error.row, error.reference_id) == (str(path), 99, "10BAD1")
    assert error.line is not None and lines[error.line - 1].startswith('"99",')
    assert str(error).startswith(f"{path}:{error.line}: ")
    for cable in cables:  # each row says where it starts
        assert cable.metadata is not None and cable.metadata.path == str(path)
        assert cable.metadata.line is not None
        assert lines[cable.metadata.line - 1].startswith(f'"{cable.metadata.row}",')
    assert [c.id for c in cablekit.iter_cables(path, errors="skip")] == [c.id for c in cables]


def _outcomes(path: Path, errors: str) -> list[str]:
    """What iter_cables gives for ``path``: each cable's JSON, each error's type and words, and
    the error that ends it, if one does."""
    found: list[str] = []
    try:
        for item in cablekit.iter_cables(path, errors=errors):  # type: ignore[call-overload]
            if isinstance(item, cablekit.Cable):
                found.append(item.model_dump_json())
            else:
                found.append(f"{type(item).__name__}: {item} {item.row} {item.reference_id}")
    except Exception as problem:
        found.append(f"raised {type(problem).__name__}: {problem}")
    return found


@pytest.mark.parametrize("seed", range(12))
def test_cables_parsed_a_batch_at_a_time_as_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """The fast path parses a batch of cables one step at a time over all of them: the same
    cables and errors come out, in the same order, as when each is parsed in turn, whatever
    the batches and wherever the rows no cable can be read from fall (a row out of the layout,
    a row with no cable in it, a step that fails, a file that ends inside a quote)."""
    rows = SMALL_CSV.read_text(encoding="utf-8").split('\n"')
    rows = [rows[0], *('"' + row for row in rows[1:])]
    rows = [row if row.endswith("\n") else row + "\n" for row in rows]
    others = [
        '"98","not a date","10BAD1","Embassy Nowhere","SECRET","","","1. (S) Text."\n',
        '"97","01/01/2010 10:00","10NONE1","Embassy Nowhere","SECRET","","","some words"\n',
        (
            '"96","01/01/2010 10:00","10FAIL1","Embassy Nowhere","SECRET","","",'
            '"SUBJECT: Fails.\\\n\\\n1. (S) Text."\n'
        ),
        '"95","01/01/2010 10:00","10SHORT1"\n',
    ]
    pick = random.Random(seed)
    chosen = [pick.choice(rows + others) for _ in range(pick.randint(1, 12))]
    if pick.random() < 0.3:
        chosen.append('"94","01/01/2010 10:00","10CUT1","Embassy","SECRET","","","1. (S) cut')
    path = tmp_path / "mixed.csv"
    path.write_text("".join(chosen), encoding="utf-8")

    read_head = fields_cable.read_head

    def failing(items: Any, *, sent: Any) -> Any:
        if "Fails." in repr(items):
            raise RuntimeError("a step that fails")
        return read_head(items, sent=sent)

    monkeypatch.setattr(fields_cable, "read_head", failing)
    monkeypatch.setattr(api, "_STAGED", pick.choice([1, 200, 2000, 1 << 20]))
    for errors in ("raise", "skip", "collect"):
        with plain():
            expected = _outcomes(path, errors)
        assert _outcomes(path, errors) == expected


def test_errors_takes_three_values() -> None:
    with pytest.raises(ValueError, match="errors must be one of"):
        cablekit.iter_cables(SMALL_CSV, errors="ignore")  # type: ignore[call-overload]


def test_bare_text_has_no_metadata_and_a_file_its_path(corpus: Path) -> None:
    path = corpus / "cablegate-2010" / "09MOSCOW405.txt"
    assert cablekit.parse(path.read_text(encoding="utf-8")).metadata is None
    metadata = cablekit.parse_file(path).metadata
    assert metadata is not None and metadata.path == str(path) and metadata.line is None


# --- the commands -----------------------------------------------------------------------------


def test_parse_goes_on_past_bad_files_and_counts_the_skipped(
    cablekit_cmd: Run, mixed: str
) -> None:
    status, out, err = cablekit_cmd("parse", mixed)
    assert status == 1
    assert [c["id"] for c in json.loads(out)] == list(GOOD)
    notes = os.path.join(mixed, "notes.txt")
    assert err.splitlines()[0].startswith(f"cablekit: error: {notes}:1: expected a cable")
    assert err.splitlines()[-2:] == [
        "cablekit: note: 2 files skipped in mix/: not cable text (1 binary, 1 empty)",
        "cablekit: note: 1 file skipped in mix/: not named as cable text (1 .jsonl)",
    ]


def test_validate_names_files_by_their_path(cablekit_cmd: Run, mixed: str) -> None:
    status, out, _ = cablekit_cmd("validate", mixed)
    assert status == 1
    files = {line.split(":", 1)[0] for line in out.splitlines()}
    assert os.path.join(mixed, "notes.txt") in files
    assert files <= {os.path.join(mixed, f"{name}.txt") for name in (*GOOD, "notes")}
    assert f"{os.path.join(mixed, 'notes.txt')}:1: error CK001 expected a cable" in out


def test_convert_joins_its_inputs_in_order(cablekit_cmd: Run, mixed: str) -> None:
    status, _, err = cablekit_cmd("convert", str(SMALL_CSV), mixed, "-o", "all.jsonl", "-j", "1")
    assert status == 1
    records = [json.loads(line) for line in Path("all.jsonl").read_text().splitlines()]
    ids = [r.get("id") for r in records]
    assert ids == ["09LAPAZ96", "09KHARTOUM881", "07BAGHDAD3895", *GOOD, None]
    assert records[-1]["error"]["source"] == os.path.join(mixed, "notes.txt")
    assert records[0]["metadata"]["path"] == str(SMALL_CSV)
    assert "cablekit: 5 cables, 1 error in " in err


def test_the_workers_read_a_folder_s_files_and_the_output_is_the_same(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform != "linux":
        pytest.skip("the stand-in reader reaches the workers only when they are forked")
    from cablekit.bulk import convert, inputs

    folder = tmp_path / "folder"
    folder.mkdir()
    for path in sorted((corpus / "cablegate-2010").glob("*.txt"))[:70]:
        shutil.copy(path, folder / path.name)
    (folder / "notes.txt").write_text("my notes about cables\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    convert(folder, one, jobs=1)
    main, real = os.getpid(), inputs.read_file

    def read_file(path: str | os.PathLike[str]) -> Any:
        assert os.getpid() != main, "a file was read in the main process"
        return real(path)

    monkeypatch.setattr(inputs, "read_file", read_file)
    summary = convert(folder, two, jobs=2)
    assert (summary.cables, summary.errors) == (70, 1)
    assert two.read_bytes() == one.read_bytes()


def test_a_folder_s_files_go_to_the_workers_in_batches_and_a_pdf_alone(tmp_path: Path) -> None:
    from cablekit.bulk.inputs import file_batches

    files = [tmp_path / f"{number:03d}.txt" for number in range(70)]
    for path in files:
        path.write_text("x" * 100, encoding="utf-8")
    files[40] = tmp_path / "scan.pdf"
    files[40].write_bytes(b"%PDF-1.4")
    batches = list(file_batches(files))
    assert [len(batch.paths) for batch in batches] == [32, 8, 1, 29]
    assert batches[2].paths == (str(files[40]),)
    assert [path for batch in batches for path in batch.paths] == [str(p) for p in files]


@pytest.mark.parametrize("table", ["cables", "paragraphs", "references", "recipients"])
def test_tables_are_the_rows_of_cablekit_tables_with_any_jobs(
    cablekit_cmd: Run, corpus: Path, tmp_path: Path, table: str
) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from cablekit import tables

    source = str(corpus / "cables-csv" / "cablegate-2010.csv")
    cables = list(cablekit.iter_cables(source))
    expected = list(tables.rows(cables, table))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, jobs in ((one, "1"), (two, "2")):
        argv = ("convert", source, "-o", str(out), "--table", table, "-j", jobs)
        status, _, err = cablekit_cmd(*argv)
        assert status == 0, err
        assert err.startswith("cablekit: 1,295 cables, 0 errors in ")
        assert f"; {len(expected):,} rows of the {table} table -> " in err
    assert one.read_bytes() == two.read_bytes()
    as_json = [json.loads(json.dumps(row, default=tables.json_value)) for row in expected]
    assert [json.loads(line) for line in one.read_text().splitlines()] == as_json

    parquet = tmp_path / "t.parquet"
    assert cablekit_cmd("convert", source, "-o", str(parquet), "--table", table, "-j", "2")[0] == 0
    read = pq.read_table(parquet)
    schema = tables.arrow_schema(table)
    stored = pa.timestamp("ms", tz="UTC")  # Parquet keeps no second unit
    assert read.schema.names == schema.names
    assert list(read.schema.types) == [
        stored if pa.types.is_timestamp(kind) else kind for kind in schema.types
    ]
    assert read.to_pylist() == tables.to_arrow(cables, table).to_pylist()

    written = tmp_path / "t.csv"
    assert cablekit_cmd("convert", source, "-o", str(written), "--table", table)[0] == 0
    text = io.StringIO()
    tables.write_csv(expected, text, table)
    assert written.read_bytes().decode("utf-8") == text.getvalue()


def test_a_table_counts_error_records_but_has_no_row_for_them(
    cablekit_cmd: Run, mixed: str
) -> None:
    status, _, err = cablekit_cmd("convert", mixed, "-o", "c.csv", "--table", "cables")
    assert status == 1
    rows = Path("c.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + len(GOOD)
    assert rows[0].startswith("id,classification,")
    assert "cablekit: 2 cables, 1 error in " in err and "; 2 rows of the cables table" in err
    assert f"cablekit: error: {os.path.join(mixed, 'notes.txt')}:1: " in err


@pytest.mark.parametrize(
    "argv",
    [
        ["-o", "out.txt"],
        ["-o", "out.txt", "--table", "cables"],
        ["-o", "out.csv"],
        ["-o", "out"],
    ],
    ids=["unknown", "unknown-with-table", "csv-without-table", "no-suffix"],
)
def test_an_output_name_without_a_format_is_a_usage_error(
    cablekit_cmd: Run, tmp_path: Path, argv: list[str]
) -> None:
    argv = [str(tmp_path / a) if a.startswith("out") else a for a in argv]
    status, out, err = cablekit_cmd("convert", str(SMALL_CSV), *argv)
    assert status == 2 and out == ""
    assert "unknown output format" in err
    assert not list(tmp_path.iterdir())  # nothing written, not even a partial file


def run_module(*argv: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "cablekit", *argv],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_parse_reads_cables_csv_rows_from_standard_input(tmp_path: Path) -> None:
    done = run_module("parse", "--jsonl", "-", stdin=bad_csv(tmp_path).read_bytes())
    assert done.returncode == 1
    cables: list[dict[str, Any]] = [json.loads(line) for line in done.stdout.splitlines()]
    assert [c["id"] for c in cables] == ["09LAPAZ96", "09KHARTOUM881", "07BAGHDAD3895"]
    assert {c["metadata"]["path"] for c in cables} == {"<stdin>"}
    assert done.stderr.decode().startswith("cablekit: error: <stdin>:")
    assert b"Traceback" not in done.stderr and b"iter_cables" not in done.stderr


def test_parse_reads_one_cable_from_standard_input_as_before() -> None:
    example = (ROOT / "docs" / "examples" / "09MOSCOW405.txt").read_bytes()
    done = run_module("parse", "-", stdin=example)
    assert done.returncode == 0, done.stderr
    cable = json.loads(done.stdout)
    assert cable["id"] == "09MOSCOW405" and cable["metadata"] is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_a_fifo_gives_the_metadata_of_a_file_whatever_errors_says(
    tmp_path: Path, errors: str
) -> None:
    import threading

    fifo = tmp_path / "09MOSCOW405.txt"
    os.mkfifo(fifo)
    example = (ROOT / "docs" / "examples" / "09MOSCOW405.txt").read_bytes()
    writer = threading.Thread(target=fifo.write_bytes, args=(example,))
    writer.start()
    try:
        (cable,) = cablekit.iter_cables(fifo, errors=errors)  # type: ignore[call-overload]
    finally:
        writer.join(timeout=10)
    assert isinstance(cable, cablekit.Cable)
    assert cable.metadata is not None
    assert (cable.metadata.source, cable.metadata.path) == ("text", str(fifo))
