"""Bulk runs under faults, with real processes: a killed worker, workers that keep dying, a
killed or terminated run, Ctrl-C once and twice, a full disk, a full output device.

Each test states the promise of docs/guarantees.md it checks.  The runs convert the corpus
cables.csv (1,295 rows, about 3 s with two workers) and are stopped early, so each test takes
a few seconds; the waits have generous timeouts and look for events (workers started, the
process gone), never for a moment in time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cablekit.bulk import convert, partial_path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "09MOSCOW405.txt"
ROWS = 1295

pytestmark = pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="finds the worker processes of a run in /proc/PID/task/PID/children (Linux)",
)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="session")
def corpus_csv(corpus: Path) -> Path:
    return corpus / "cables-csv" / "cablegate-2010.csv"


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still its children."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has ended)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] not in ("Z", "X")


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


def start_convert(
    source: Path, output: Path, *extra: str
) -> tuple[subprocess.Popen[bytes], list[int]]:
    """``cablekit convert SOURCE -o OUTPUT --jobs 2`` in a session of its own (as a shell
    runs a job), once its two workers run; return the process and the workers."""
    run = subprocess.Popen(
        [sys.executable, "-m", "cablekit", "convert", str(source), "-o", str(output), "-j", "2"],
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    wait_for(lambda: len(children(run.pid)) >= 2 or run.poll() is not None, "the workers")
    workers = children(run.pid)
    assert len(workers) == 2, run.communicate()
    return run, workers


def finish(run: subprocess.Popen[bytes], timeout: float = 60) -> tuple[int, str]:
    """Wait until the run and every process holding its pipes (its workers) are gone; return
    its exit status and standard error."""
    _, err = run.communicate(timeout=timeout)  # returns once no process holds the pipes
    return run.returncode, err.decode()


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def whole_lines(path: Path) -> list[dict[str, Any]]:
    """The records of a partial file: its lines, up to the last one that was ended."""
    data = path.read_bytes()
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].splitlines()]


def first_rows(corpus_csv: Path, folder: Path) -> Path:
    """A cables.csv file of the first 40 rows of the corpus file, in ``folder``."""
    sample = folder / "sample.csv"
    data = corpus_csv.read_bytes()
    sample.write_bytes(data[: data.index(b'\n"41","') + 1])
    return sample


def run_with_dying_parser(condition: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
    """``cablekit ARGV`` in a child process whose worker processes die (``os._exit(9)``) when
    they are to parse a cable for which ``condition`` holds (Python, of ``text`` and
    ``metadata``), alone or in a batch; the main process parses as usual."""
    script = (
        "import os, sys\n"
        "from cablekit.bulk import items\n"
        "parent = os.getpid()\n"
        "def dies(text, metadata):\n"
        f"    return os.getpid() != parent and ({condition})\n"
        "real, real_batch = items.parse, items.parse_batch\n"
        "def parse(text, metadata=None, **kw):\n"
        "    if dies(text, metadata):\n"
        "        os._exit(9)\n"
        "    return real(text, metadata=metadata, **kw)\n"
        "def parse_batch(sources):\n"
        "    if any(dies(text, metadata) for text, metadata in sources):\n"
        "        os._exit(9)\n"
        "    return real_batch(sources)\n"
        "items.parse, items.parse_batch = parse, parse_batch\n"
        "from cablekit.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *argv],
        env=child_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )


# --- item 5: a killed worker ------------------------------------------------------------------


def test_a_killed_worker_is_replaced_and_its_work_redone(corpus_csv: Path, tmp_path: Path) -> None:
    """SIGKILL of a worker in the middle of a run: a new worker takes its place, the piece it
    lost is converted again, and the run ends as if nothing happened."""
    out = tmp_path / "out.jsonl"
    run, workers = start_convert(corpus_csv, out)
    time.sleep(0.2)  # in the middle of its first piece (a piece takes about a second)
    os.kill(workers[0], signal.SIGKILL)
    status, err = finish(run)
    assert status == 0, err
    assert "Traceback" not in err
    found = records(out)
    assert [r["metadata"]["row"] for r in found] == list(range(1, ROWS + 1))
    assert not Path(partial_path(out)).exists()


def test_workers_that_keep_dying_stop_the_run_with_one_line(
    corpus_csv: Path, tmp_path: Path
) -> None:
    """Every worker dies on its first cable: after MAX_DEATHS deaths the run stops with one
    line, status 3, the output untouched and what was written kept as OUTPUT.partial."""
    if sys.platform != "linux":
        pytest.skip("the stand-in parser reaches the workers only when they are forked")
    sample = first_rows(corpus_csv, tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    # every worker dies, as the kernel's OOM killer would end it
    done = run_with_dying_parser("True", "convert", str(sample), "-o", str(out), "-j", "2")
    err = done.stderr.decode()
    assert done.returncode == 3, err
    [line] = err.splitlines()
    assert line.startswith("cablekit: error: worker processes died 10 times")
    assert line.endswith(f"kept in {partial_path(out)}")
    assert out.read_text() == "old\n"


def test_a_cable_that_kills_its_worker_costs_only_its_own_rows_of_a_table(
    corpus_csv: Path, tmp_path: Path
) -> None:
    """With --table the workers make the rows: a cable whose parse kills every process it runs
    in becomes one error record, and the table holds the rows of all the others."""
    if sys.platform != "linux":
        pytest.skip("the stand-in parser reaches the workers only when they are forked")
    import cablekit
    from cablekit import tables

    sample = first_rows(corpus_csv, tmp_path)
    out = tmp_path / "refs.jsonl"
    argv = ["convert", str(sample), "-o", str(out), "--table", "references", "-j", "2"]
    done = run_with_dying_parser("metadata is not None and metadata.row == 7", *argv)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "cablekit: 39 cables, 1 error in " in err
    assert "the worker process parsing this cable died" in err
    others = [c for c in cablekit.iter_cables(sample) if c.metadata and c.metadata.row != 7]
    expected = [
        json.loads(json.dumps(r, default=tables.json_value))
        for r in tables.rows(others, "references")
    ]
    assert [json.loads(line) for line in out.read_text().splitlines()] == expected


# --- item 6: workers never outlive the run; SIGTERM; Ctrl-C twice -----------------------------


def test_workers_exit_when_the_main_process_is_killed(corpus_csv: Path, tmp_path: Path) -> None:
    """SIGKILL of the main process: its workers see the end of its lifeline pipe and exit at
    once, closing the caller's pipes; the output is untouched, the records written so far
    are in OUTPUT.partial."""
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    run, workers = start_convert(corpus_csv, out)
    wait_for(lambda: Path(partial_path(out)).stat().st_size > 0, "the first records")
    run.kill()
    finish(run, timeout=30)  # the workers held its stdout and stderr: they are gone
    wait_for(lambda: not any(map(running, workers)), "the workers to end", timeout=10)
    assert out.read_text() == "old\n"
    assert 0 < len(whole_lines(Path(partial_path(out)))) < ROWS


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C", "Ctrl-C twice"])
def test_a_stopped_run_keeps_its_records_as_partial_and_leaves_no_worker(
    corpus_csv: Path, tmp_path: Path, how: str
) -> None:
    """SIGTERM to the main process, or Ctrl-C to the whole job as a terminal sends it (once,
    or twice in a row): the run stops with no traceback and no worker left, the output is
    untouched, and the records written so far are kept as OUTPUT.partial (said in one
    line, unless the second Ctrl-C came while the first was being handled)."""
    out = tmp_path / "out.jsonl"
    run, workers = start_convert(corpus_csv, out)
    wait_for(lambda: Path(partial_path(out)).stat().st_size > 0, "the first records")
    if how == "SIGTERM":
        run.terminate()
    else:
        os.killpg(run.pid, signal.SIGINT)
        if how == "Ctrl-C twice":
            time.sleep(0.005)
            os.killpg(run.pid, signal.SIGINT)
    status, err = finish(run, timeout=30)
    expected = {143} if how == "SIGTERM" else {130}
    if how == "Ctrl-C twice":
        # A second Ctrl-C in the last instant of the interpreter's exit, once it has put the
        # default handlers back, ends the process by the signal itself: status 130 to a shell.
        expected.add(-signal.SIGINT)
    assert status in expected, err
    word = "terminated" if how == "SIGTERM" else "interrupted"
    said = f"cablekit: {word}; the records written so far are kept in {partial_path(out)}"
    if how == "Ctrl-C twice":
        # The second one comes while the first is handled, or after: either way the lines
        # are these, and nothing else (no traceback) is printed.
        lines = err.splitlines()
        assert lines and set(lines) <= {said, "cablekit: stopped at once"}, err
    else:
        assert err == said + "\n"
    # after a second Ctrl-C the main process exits at once, without waiting for its workers:
    # they see its lifeline pipe close and exit right after it
    wait_for(lambda: not any(map(running, workers)), "the workers to end", timeout=10)
    assert not out.exists()
    assert 0 < len(whole_lines(Path(partial_path(out)))) < ROWS


# --- item 7: the output appears whole or not at all -------------------------------------------


class _StopAfter:
    """A stand-in progress display that is interrupted by Ctrl-C after ``count`` blocks."""

    def __init__(self, count: int) -> None:
        self.count = count

    def update(self, *_: object) -> None:
        self.count -= 1
        if self.count == 0:
            raise KeyboardInterrupt

    def close(self) -> None:
        pass


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_an_interrupted_conversion_leaves_the_output_as_it_was(
    corpus_csv: Path, tmp_path: Path, suffix: str
) -> None:
    """The records go to OUTPUT.partial, renamed when the run is done: an interrupted run
    leaves the output as it was and a partial file that can be read (Parquet too)."""
    if suffix == ".parquet":
        pq = pytest.importorskip("pyarrow.parquet")
    data = corpus_csv.read_bytes()
    sample = tmp_path / "sample.csv"
    sample.write_bytes(data[: data.index(b'\n"101","') + 1])  # 100 rows: four blocks
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        convert(sample, out, jobs=1, progress=_StopAfter(2))  # type: ignore[arg-type]
    assert out.read_bytes() == b"old"
    partial = Path(partial_path(out))
    if suffix == ".parquet":
        assert pq.read_table(partial).num_rows == 64  # two blocks of 32 cables
    else:
        assert len(records(partial)) == 64

    summary = convert(sample, out, jobs=1)  # done: the output is replaced whole
    assert summary.cables == 100
    assert not partial.exists()
    if suffix == ".jsonl":
        assert len(records(out)) == 100


def _in_a_small_tmpfs(folder: Path, command: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Mount a 256 KiB tmpfs on ``folder`` (in namespaces of its own, so that no root is
    needed where user namespaces are allowed), write ``old`` to ``out.jsonl`` in it, run
    ``command``, and print its status, what ``out.jsonl`` holds and the folder's entries."""
    script = (
        'mount -t tmpfs -o size=256k tmpfs "$0" && echo old > "$0/out.jsonl" || exit 99; '
        '"$@"; echo "status $?"; cat "$0/out.jsonl"; ls -a "$0"'
    )
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, str(folder), *command],
        env=child_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_a_full_disk_fails_in_one_line_and_leaves_the_output_as_it_was(
    corpus_csv: Path, tmp_path: Path
) -> None:
    """A real full disk (a small tmpfs): one line naming the output, status 2, the output
    still what it was, no partial file left to take the room."""
    folder = tmp_path / "small"
    folder.mkdir()
    out = folder / "out.jsonl"
    if not shutil.which("unshare") or _in_a_small_tmpfs(folder, ["true"]).returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here (no user namespaces, no root)")
    command = [sys.executable, "-m", "cablekit", "convert", str(corpus_csv), "-o", str(out)]
    done = _in_a_small_tmpfs(folder, [*command, "-q", "-j", "2"])
    assert done.stderr.decode() == f"cablekit: error: {out}: No space left on device\n"
    shown = done.stdout.decode().split()
    assert shown[:3] == ["status", "2", "old"]
    assert sorted(shown[3:]) == [".", "..", "out.jsonl"]  # no out.jsonl.partial


def test_a_file_size_limit_fails_in_one_line_and_leaves_the_output_as_it_was(
    corpus_csv: Path, tmp_path: Path
) -> None:
    """The same where no tmpfs can be mounted: a file size limit (RLIMIT_FSIZE) makes the
    write fail as a full disk does."""
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")

    limited = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 10, 256 << 10))\n"
        "from cablekit.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", limited, "convert", str(corpus_csv), "-o", str(out), "-q"],
        env=child_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode() == f"cablekit: error: {out}: File too large\n"
    assert out.read_text() == "old\n"
    assert not Path(partial_path(out)).exists()


# --- item 10: standard output on a full device ------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", str(EXAMPLE)],
        ["parse", "--jsonl", str(EXAMPLE), str(EXAMPLE)],
        ["validate", "--format", "json", str(EXAMPLE)],
        ["schema"],
        ["convert", str(EXAMPLE), "-o", "-", "-q"],
        ["convert", str(EXAMPLE), "-o", "/dev/full", "--format", "jsonl", "-q"],
    ],
)
def test_output_to_a_full_device_is_one_line_and_status_2(argv: list[str]) -> None:
    """``cablekit ... > /dev/full``: one line naming standard output, status 2."""
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cablekit", *argv],
            env=child_env(),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    name = "/dev/full" if "/dev/full" in argv else "<stdout>"
    assert done.stderr.decode() == f"cablekit: error: {name}: No space left on device\n"
    assert done.returncode == 2


# --- the exit statuses ------------------------------------------------------------------------


def test_the_exit_status_table_lists_every_status() -> None:
    """docs/cli.md's table of exit statuses and the statuses the command has agree."""
    from cablekit.cli import output

    statuses = {value for name, value in vars(output).items() if name.startswith("EXIT_")}
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = page.split("## Errors and exit status", 1)[1]
    cells = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("|")]
    documented = {int(cell) for cell in cells if cell.isdigit()}
    assert documented == statuses


def test_a_worker_that_dies_before_it_takes_its_task_is_replaced(
    monkeypatch: pytest.MonkeyPatch, corpus_csv: Path, tmp_path: Path
) -> None:
    """A worker found dead when it is given a task (killed while idle): the task goes to
    the worker that replaces it, and nothing is lost or waited for."""
    from cablekit.bulk import processes

    real_give = processes.WorkerProcess.give
    killed: list[int] = []

    def give(worker: processes.WorkerProcess, work: Any, task: Any) -> bool:
        if not killed:
            worker.process.kill()
            worker.process.join()
            killed.append(worker.process.pid or 0)
        return real_give(worker, work, task)

    monkeypatch.setattr(processes.WorkerProcess, "give", give)
    sample = first_rows(corpus_csv, tmp_path)
    out = tmp_path / "out.jsonl"
    summary = convert(sample, out, jobs=2)
    assert killed
    assert (summary.cables, summary.errors) == (40, 0)
    assert [r["metadata"]["row"] for r in records(out)] == list(range(1, 41))
