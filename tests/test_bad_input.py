"""Bad input: bytes that are not UTF-8, files too large to be a cable, links and special files
in folders, a FIFO given by name, and what ``validate`` takes.

Each test states the promise of docs/guarantees.md it checks.  Peak memory is measured in a
child process (``ru_maxrss``), so that what this process holds does not count.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import cablekit

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "09MOSCOW405.txt"


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def csv_line(row: list[str]) -> bytes:
    """One row in the cables.csv layout (every field quoted, backslash escapes), as UTF-8."""

    def field(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\\n")
        return f'"{escaped}"'

    # surrogateescape: a lone surrogate U+DCxx stands for the byte 0xxx, written as it is
    return (",".join(field(value) for value in row) + "\n").encode("utf-8", "surrogateescape")


# --- bytes that are not UTF-8 ---------------------------------------------------------------


def test_one_bad_byte_in_a_utf8_file_is_repaired_on_its_line(corpus: Path) -> None:
    """Only the bad byte changes (read as cp1252), and a repair names its line; the curly
    quotes of the rest of the file stay as they are (no cp1252 reading of the whole file)."""
    path = corpus / "cablegate-2010" / "04AMMAN1288.txt"
    data = path.read_bytes()
    assert "’".encode() in data  # the file has UTF-8 curly quotes
    at = data.index(b"Muasher")
    line = data.count(b"\n", 0, at) + 1
    damaged = data[:at] + b"\xff" + data[at:]

    clean, cable = cablekit.parse(data), cablekit.parse(damaged)

    new = [repair for repair in cable.repairs if repair not in clean.repairs]
    assert [(r.kind, r.line, r.after) for r in new] == [("encoding", line, "ÿ")]
    assert "ff" in new[0].before  # the byte, written as an escape
    text = "\n".join(p.text for p in cable.paragraphs)
    assert "ÿMuasher" in text and "â€" not in text
    assert cable.model_dump_json().count("’") == clean.model_dump_json().count("’") > 0


def test_a_cp1252_file_is_still_read_as_cp1252(corpus: Path) -> None:
    """The PDF conversions are cp1252: every non-ASCII byte of them is invalid UTF-8, so they
    are read as cp1252 throughout, with no repair for their bytes."""
    for path in sorted((corpus / "pdf-converted").glob("*.txt"))[:6]:
        cable = cablekit.parse_file(path)
        assert not [r for r in cable.repairs if "\\u" in r.before], path.name
        assert "\ufffd" not in cable.model_dump_json()


def test_a_bad_byte_in_a_cables_csv_row_is_repaired_on_the_line_of_its_cable(
    tmp_path: Path,
) -> None:
    """In a cables.csv file each line is decoded on its own: a bad byte in a UTF-8 line is
    repaired on the cable's line; one in a metadata cell is read as cp1252."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    target = next(n for n, line in enumerate(lines) if "BEYRLE" in line)
    lines[target] = lines[target].replace("BEYRLE", "BEYRLE “\udcff”")
    row = ["1", "02/03/2009 14:10", "09MOSCOW405", "Embassy Mos\udc93cow", "SECRET", "", ""]
    path = tmp_path / "one.csv"
    path.write_bytes(csv_line([*row, "\n".join(lines)]))

    [cable] = cablekit.iter_cables(path)

    assert cable.metadata is not None and cable.metadata.origin == "Embassy Mos“cow"
    [repair] = [r for r in cable.repairs if r.after == "ÿ"]
    assert repair.line == target + 1
    json.loads(cable.model_dump_json())  # no lone surrogate left to break the JSON


def test_a_bad_byte_in_a_line_quoted_by_an_error_does_not_break_the_output(
    tmp_path: Path,
) -> None:
    """An error that quotes a line with a bad byte is still written (text, JSON)."""
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello \xff \xe2\x80\x9cx\xe2\x80\x9d\n")
    with pytest.raises(cablekit.CableParseError) as raised:
        cablekit.parse_file(path)
    raised.value.text.encode("utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cablekit", "validate", "--format", "json", str(path)],
        env=child_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    [finding] = json.loads(done.stdout)
    assert finding["code"] == "CK001"
    assert b"Traceback" not in done.stderr


# --- inputs larger than a cable -------------------------------------------------------------

BIG = 200_000_000  # bytes: far over the 8 MiB limit of one cable


Done = subprocess.CompletedProcess[bytes]


def peak_memory(command: list[str], **kwargs: object) -> tuple[int, Done]:
    """Run ``command`` as a grandchild; return its peak RSS in bytes (``ru_maxrss`` of the
    only child of a fresh process) and how it ended."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stdout.buffer.write(done.stdout[-4000:])\n"
        "sys.stderr.buffer.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        env=child_env(),
        capture_output=True,
        timeout=120,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )
    *messages, peak = done.stderr.decode().rstrip("\n").split("\n")
    done.stderr = "\n".join(messages).encode()
    return int(peak) * 1024, done


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200 MB text file (sparse: it takes no room on disk)."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    with path.open("wb") as file:
        file.truncate(BIG)
    return path


def test_a_file_larger_than_a_cable_is_refused_from_its_size(big_file: Path) -> None:
    """Refused before it is read: the error names the size, and memory stays low."""
    with pytest.raises(cablekit.CableParseError, match="input too large: 200,000,000 bytes"):
        cablekit.parse_file(big_file)
    command = [sys.executable, "-m", "cablekit", "parse", str(big_file)]
    peak, done = peak_memory(command)
    assert done.returncode == 1
    [line] = done.stderr.decode().splitlines()[:1]
    assert line.startswith(f"cablekit: error: {big_file}:1: input too large: 200,000,000 bytes")
    assert peak < 100 << 20, peak


@pytest.mark.parametrize("how", ["fifo", "stdin", "convert"])
def test_a_stream_larger_than_a_cable_is_refused_at_the_limit(
    big_file: Path, tmp_path: Path, how: str
) -> None:
    """A FIFO or standard input has no size: it is read up to the limit and refused there,
    in constant memory, whatever the size of the stream."""
    fifo = tmp_path / "cable.fifo"
    os.mkfifo(fifo)
    if how == "stdin":
        command = ["parse", "-"]
    elif how == "convert":
        command = ["convert", str(fifo), "-o", "-"]
    else:
        command = ["parse", str(fifo)]
    feeder = None
    if how != "stdin":
        feeder = subprocess.Popen(
            ["sh", "-c", f'cat "{big_file}" > "{fifo}"'], stderr=subprocess.DEVNULL
        )
    with big_file.open("rb") as stdin:
        peak, done = peak_memory(
            [sys.executable, "-m", "cablekit", *command],
            stdin=stdin if how == "stdin" else subprocess.DEVNULL,
        )
    if feeder is not None:
        feeder.wait(timeout=30)  # the reader closed the FIFO: the writer stops
    assert done.returncode == 1
    if how == "convert":
        [record] = [json.loads(line) for line in done.stdout.splitlines()]
        assert "input too large: more than 8,388,608 bytes" in record["error"]["message"]
    else:
        assert "input too large" in done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert peak < 100 << 20, peak


# --- folders: links and special files; a FIFO given by name ---------------------------------


@pytest.fixture
def walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder holding a cable, a link to it, links that leave the folder (to /etc/passwd,
    to a folder outside), a link that leads nowhere, a link back to the folder itself, a
    FIFO and a socket, all with a cable suffix."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(EXAMPLE, outside / "09MOSCOW405.txt")
    folder = tmp_path / "walk"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "a.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "nowhere.txt").symlink_to("nothing")
    (folder / "sub" / "out").symlink_to(outside)
    (folder / "sub" / "loop").symlink_to(folder)
    os.mkfifo(folder / "fifo.txt")
    monkeypatch.chdir(folder)  # a socket's path must be short
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("socket.txt")
    yield folder
    listener.close()


SKIPPED = {
    "passwd.txt": "leads out of the folder",
    "nowhere.txt": "leads nowhere",
    "fifo.txt": "not a regular file",
    "socket.txt": "not a regular file",
    "sub/loop": "a link to a folder",
    "sub/out": "a link to a folder",
}


def test_a_folder_walk_stays_in_the_folder_and_reads_regular_files_only(walked: Path) -> None:
    """A link that leaves the folder is not read (nothing of /etc/passwd is quoted); FIFOs,
    sockets and dangling links are skipped; each is reported with its reason."""
    skipped: dict[str, str] = {}

    def note(path: Path, reason: str) -> None:
        skipped[path.relative_to(walked).as_posix()] = reason

    cables = list(cablekit.iter_cables(walked, on_skip=note))

    assert len(cables) == 2  # a.txt and the link to it
    assert skipped.keys() == SKIPPED.keys()
    for name, reason in SKIPPED.items():
        assert reason in skipped[name], name


def test_following_links_is_asked_for(walked: Path) -> None:
    """With follow_links the links lead anywhere (a loop is walked once)."""
    (walked / "passwd.txt").unlink()
    skipped: list[Path] = []
    cables = list(
        cablekit.iter_cables(walked, follow_links=True, on_skip=lambda p, _: skipped.append(p))
    )
    assert len(cables) == 3  # a.txt, its link, and the cable of the folder outside
    assert {p.name for p in skipped} == {"nowhere.txt", "fifo.txt", "socket.txt"}


def run_cablekit(*argv: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m cablekit ARGV...`` in a child process, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "cablekit", *argv],
        env=child_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", ["parse", "validate", "convert"])
def test_the_commands_note_what_a_walk_leaves_out(walked: Path, command: str) -> None:
    argv = [command, str(walked)] + (["-o", "-", "-q"] if command == "convert" else [])
    done = run_cablekit(*argv)
    assert done.returncode in (0, 1), done.stderr  # validate: the findings of the cable
    notes = done.stderr.decode().splitlines()
    assert len(notes) == len(SKIPPED), notes
    assert all(note.startswith("cablekit: note: ") and ": skipped, " in note for note in notes)
    assert b"root:" not in done.stdout + done.stderr
    if command == "convert":
        assert len(done.stdout.splitlines()) == 2


@pytest.mark.parametrize("command", ["parse", "validate", "convert"])
def test_the_commands_follow_links_when_asked(walked: Path, command: str) -> None:
    """``--follow-links``: the links that leave the folder are read too (the loop back to
    the folder is walked once); only the entries that are no files are noted."""
    (walked / "passwd.txt").unlink()
    extra = {"parse": ["--jsonl"], "validate": [], "convert": ["-o", "-", "-q"]}[command]
    argv = [command, "--follow-links", str(walked), *extra]
    done = run_cablekit(*argv)
    assert done.returncode in (0, 1), done.stderr
    notes = done.stderr.decode().splitlines()
    assert sorted(note.split(": ")[2] for note in notes) == sorted(
        str(walked / name) for name in ("nowhere.txt", "fifo.txt", "socket.txt")
    )
    if command != "validate":
        found = [json.loads(line) for line in done.stdout.splitlines()]
        assert [cable["id"] for cable in found] == ["09MOSCOW405"] * 3


def test_a_fifo_given_by_name_is_read_as_a_stream(tmp_path: Path, corpus: Path) -> None:
    """``cablekit parse <(zcat x.gz)`` names a FIFO: it is read once, whole, as a cable or
    as cables.csv rows."""
    sample = corpus / "cables-csv" / "cablegate-2010.csv"
    data = sample.read_bytes()
    rows = data[: data.index(b'\n"21","') + 1]  # the first 20 rows
    for content, expected in ((EXAMPLE.read_bytes(), 1), (rows, 20)):
        fifo = tmp_path / f"stream{expected}"
        os.mkfifo(fifo)
        feeder = threading.Thread(target=fifo.write_bytes, args=(content,))
        feeder.start()
        cables = list(cablekit.iter_cables(fifo))
        feeder.join(timeout=30)
        assert len(cables) == expected
        if expected == 1:
            assert cables[0].id == "09MOSCOW405"
        else:
            assert [c.metadata.row for c in cables if c.metadata] == list(range(1, 21))


# --- cables.csv rows: every row accounted for ------------------------------------------------


def _rows(corpus: Path, count: int) -> bytes:
    data = (corpus / "cables-csv" / "cablegate-2010.csv").read_bytes()
    return data[: data.index(f'\n"{count + 1}","'.encode()) + 1]


def _convert(path: Path, out: Path, jobs: str) -> tuple[int, list[dict[str, object]], str]:
    done = subprocess.run(
        [sys.executable, "-m", "cablekit", "convert", str(path), "-o", str(out), "-j", jobs],
        env=child_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    found = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return done.returncode, found, done.stderr.decode()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_row_with_an_open_quote_costs_that_row_only(
    corpus: Path, tmp_path: Path, jobs: str
) -> None:
    """Row 10 loses its closing quote, so the csv reader runs on into row 11: row 10 is an
    error record naming its line, row and reference id, and row 11, read again on its
    own, is a cable.  Every row gives one record, in order."""
    data = _rows(corpus, 30)
    start = data.index(b'\n"10","') + 1
    end = data.index(b'\n"11","') + 1
    row = data[start:end]
    path = tmp_path / "open-quote.csv"
    path.write_bytes(data[:start] + row[: row.rindex(b'"')] + b"\n" + data[end:])

    status, found, err = _convert(path, tmp_path / "out.jsonl", jobs)

    assert status == 1 and "29 cables, 1 error" in err
    assert len(found) == 30
    error = found[9]["error"]
    assert isinstance(error, dict)
    assert (error["row"], error["line"]) == (10, data.count(b"\n", 0, start) + 1)
    assert error["reference_id"] == row.split(b'","')[2].decode()
    assert "runs on into the row at line" in error["message"]
    rows = [r["metadata"]["row"] for r in found if "metadata" in r]  # type: ignore[index]
    assert rows == [n for n in range(1, 31) if n != 10]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cables_csv_cut_short_ends_with_an_error_record(
    corpus: Path, tmp_path: Path, jobs: str
) -> None:
    """``head -c`` of a cables.csv file cuts its last row inside the quoted content: that
    row is an error record, not a cable, and the run exits 1; iter_cables and ``cablekit
    parse`` raise and report it at that row."""
    data = _rows(corpus, 30)
    cut = data.index(b'\n"30","') + 2000  # in the middle of row 30
    path = tmp_path / "cut.csv"
    path.write_bytes(data[:cut])

    status, found, err = _convert(path, tmp_path / "out.jsonl", jobs)

    assert status == 1 and "29 cables, 1 error" in err
    assert len(found) == 30
    error = found[-1]["error"]
    assert isinstance(error, dict)
    assert error["row"] == 30 and "the file ends inside a quoted field" in error["message"]
    with pytest.raises(cablekit.CableParseError, match=r"row at line [0-9]+ cannot be read"):
        list(cablekit.iter_cables(path))
    if jobs == "1":
        done = subprocess.run(
            [sys.executable, "-m", "cablekit", "parse", "--jsonl", str(path)],
            env=child_env(),
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1
        assert len(done.stdout.splitlines()) == 29
        assert "the file ends inside a quoted field" in done.stderr.decode()


# --- what validate takes ----------------------------------------------------------------------


@pytest.mark.parametrize("wrong", [None, 123])
def test_validate_raises_the_type_error_its_docs_name(wrong: object) -> None:
    """docs/validation.md and the docstring say that anything but a Cable, str or bytes
    raises TypeError, and quote the message: the docs and the behaviour agree."""
    with pytest.raises(TypeError) as raised:
        cablekit.validate(wrong)  # type: ignore[arg-type]
    message = str(raised.value)
    assert message.startswith("validate() takes a Cable, str or bytes, not ")
    docs = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    shown = message if wrong is None else message.rsplit(",", 1)[1].strip()
    assert shown in docs.replace("\n", " "), shown
    assert "TypeError" in (cablekit.validate.__doc__ or "")
