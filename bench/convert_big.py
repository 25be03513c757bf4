"""``cablekit convert`` on a cables.csv as large as the real one.

Writes a synthetic cables.csv of 251,287 rows (the row count of WikiLeaks' 2011 cables.csv)
by repeating the 1,295 rows of ``cables-csv/cablegate-2010.csv`` byte for byte with new row
ids, into a temporary folder that is deleted afterwards; then times

    python -m cablekit convert cables.csv -o cables.jsonl --jobs 2

as a child process, and prints its wall time, rate and summary line, and the peak memory of
the command and its worker processes: the largest single process (``ru_maxrss`` of the
children) and the largest sum over all of them (sampled from /proc every 0.2 s; RSS counts
memory the workers share with their parent once per process, PSS splits it between them).

    python bench/convert_big.py [--rows N] [--jobs N] [--format jsonl|parquet]
                                [--corpus PATH] [--tmp DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import ROOT, corpus_path, machine, peak_rss_mb, raw_csv_rows, renumber

REAL_ROWS = 251_287
TARGET_SECONDS = 120
TARGET_MB = 300


def write_synthetic_csv(source: Path, target: Path, rows: int) -> int:
    """``rows`` rows of ``source`` repeated in order, renumbered 1..rows; return the bytes."""
    corpus_rows = list(raw_csv_rows(source))
    written = 0
    with target.open("wb", buffering=1 << 22) as out:
        for number in range(1, rows + 1):
            data = renumber(corpus_rows[(number - 1) % len(corpus_rows)], number)
            out.write(data)
            written += len(data)
    return written


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KB; (0, 0) when it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        rss = pss = int(line.split()[1])
        except (OSError, ValueError):
            pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process tree until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.peak_processes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            pids = _descendants(self.pid)
            sizes = [_memory_kb(pid) for pid in pids]
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss for rss, _ in sizes))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss for _, pss in sizes))
            self.peak_processes = max(self.peak_processes, sum(1 for rss, _ in sizes if rss))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--rows", type=int, default=REAL_ROWS, help=f"default {REAL_ROWS:,}")
    options.add_argument("--jobs", type=int, default=2, help="--jobs of the command (2)")
    options.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    options.add_argument("--corpus", help="the shared corpus folder")
    options.add_argument("--tmp", help="where to make the temporary folder (default: $TMPDIR)")
    args = options.parse_args()
    source = corpus_path(args.corpus) / "cables-csv" / "cablegate-2010.csv"

    print(f"machine: {machine()}")
    folder = Path(tempfile.mkdtemp(prefix="cablekit-bench-", dir=args.tmp))
    try:
        csv_path = folder / "cables.csv"
        output = folder / f"cables.{args.format}"
        started = time.perf_counter()
        size = write_synthetic_csv(source, csv_path, args.rows)
        print(
            f"input:   {args.rows:,} rows, {size / 1e9:.2f} GB, written in "
            f"{time.perf_counter() - started:.1f} s to {folder}"
        )
        command = [
            sys.executable, "-m", "cablekit", "convert", str(csv_path),
            "-o", str(output), "--jobs", str(args.jobs), "--format", args.format,
        ]  # fmt: skip
        print(f"command: cablekit {' '.join(command[3:])}", flush=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        started = time.perf_counter()
        child = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
        )
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, stderr = child.communicate()
        wall = time.perf_counter() - started
        sampler.stop()

        print(f"exit:    {child.returncode}")
        print(f"stderr:  {stderr.strip()}")
        print(f"output:  {output.stat().st_size / 1e9:.2f} GB" if output.exists() else "output: -")
        print(f"wall:    {wall:.1f} s, {args.rows / wall:,.0f} cables/s")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime
        print(
            f"CPU:     {cpu:.1f} s in all processes, {args.rows / cpu:,.0f} cables per CPU "
            f"second; {cpu / wall:.2f} of the {os.cpu_count()} cores on average "
            "(less than --jobs: other load, or waiting)"
        )
        largest = peak_rss_mb(resource.RUSAGE_CHILDREN)
        print(f"peak RSS, largest single process (ru_maxrss): {largest:.0f} MB")
        print(
            f"peak sum over the {sampler.peak_processes} processes (sampled): "
            f"RSS {sampler.peak_rss_kb / 1024:.0f} MB, PSS {sampler.peak_pss_kb / 1024:.0f} MB"
        )
        if args.rows == REAL_ROWS:
            verdict = "met" if wall < TARGET_SECONDS else "NOT met"
            print(f"target {REAL_ROWS:,} rows in < {TARGET_SECONDS} s: {verdict} ({wall:.0f} s)")
        else:
            projected = wall * REAL_ROWS / args.rows
            print(f"projected to {REAL_ROWS:,} rows: {projected:.0f} s")
        memory = max(largest, sampler.peak_rss_kb / 1024)  # the stricter of the two
        verdict = "met" if memory < TARGET_MB else "NOT met"
        print(f"target peak memory < {TARGET_MB} MB: {verdict} ({memory:.0f} MB)")
        return 0 if child.returncode in (0, 1) else child.returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
