"""Helpers shared by the benchmark scripts: where the corpus is, what machine this is."""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_ROW_START = re.compile(rb'\s*"?\s*\d+\s*"?\s*,')


def corpus_path(given: str | None = None) -> Path:
    """The shared corpus: --corpus, else $CABLEKIT_CORPUS, else ../shared/corpus."""
    path = Path(given or os.environ.get("CABLEKIT_CORPUS") or ROOT.parent / "shared" / "corpus")
    if not (path / "cablegate-2010").is_dir():
        sys.exit(f"corpus not found at {path} (use --corpus or set CABLEKIT_CORPUS)")
    return path


def machine() -> str:
    """One line on the machine and the code measured."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    import cablekit

    try:
        load = f", load average {os.getloadavg()[0]:.2f} at start"
    except OSError:
        load = ""
    return (
        f"cablekit {cablekit.__version__} ({commit or 'no git'}), "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {cpu}{load}"
    )


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (``ru_maxrss`` is in KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def raw_csv_rows(path: Path) -> Iterator[bytes]:
    """The rows of a cables.csv file as their bytes, exactly as written.

    A newline inside a field is escaped with a backslash in that layout, so a line that
    does not end in one ends its row.
    """
    row: list[bytes] = []
    with path.open("rb") as lines:
        for line in lines:
            row.append(line)
            if not line.rstrip(b"\r\n").endswith(b"\\"):
                yield b"".join(row)
                row = []
    if row:
        yield b"".join(row)


def renumber(row: bytes, number: int) -> bytes:
    """A raw cables.csv row with another row id."""
    return _ROW_START.sub(f'"{number}",'.encode(), row, count=1)


def archive(revision: str, into: Path) -> None:
    """The ``cablekit/`` folder of ``revision`` (a commit of this repository), unpacked into
    ``into``: the code another commit measures with."""
    tar_file = into / "code.tar"
    with tar_file.open("wb") as out:
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "cablekit"], stdout=out, check=True
        )
    with tarfile.open(tar_file) as tar:
        tar.extractall(into, filter="data")
