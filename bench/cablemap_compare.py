"""cablekit against cablemap, the older regex library, on the same cables.csv rows.

cablemap (https://github.com/heuer/cablemap) is Python 2 code and is not on PyPI for Python 3;
give this script a checkout of it (``--cablemap DIR``, the repository or its ``cablemap.core``
folder).  The script copies ``cablemap.core`` to a temporary folder, converts the copy to
Python 3 with ``lib2to3`` (part of Python up to 3.12) and imports it from there; nothing of
cablemap is kept.

Both libraries read the rows of the corpus's ``cables-csv/cablegate-2010.csv`` in one process,
in turn, ``--repeat`` times each; the best run of each counts:

- cablekit: ``iter_cables(path)``, which reads the file and parses every field;
- cablemap: the same file through Python's csv module (cablemap's own reader is Python 2
  only), ``cable_from_row`` for each row and every reader property cablemap implements
  (``transmission_id``, ``recipients``, ``info_recipients``, ``subject``,
  ``nondisclosure_deadline``, ``references``, ``tags``, ``summary``, ``signed_by``,
  ``classified_by``); the same without ``references``, cablemap's slowest reader, is shown too.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import corpus_path, machine

import cablekit

PROPERTIES = (
    "transmission_id",
    "recipients",
    "info_recipients",
    "subject",
    "nondisclosure_deadline",
    "references",
    "tags",
    "summary",
    "signed_by",
    "classified_by",
)


def _cablemap_core(given: Path) -> Path:
    for candidate in (given, given / "cablemap.core"):
        if (candidate / "cablemap" / "core" / "reader.py").is_file():
            return candidate
    sys.exit(f"no cablemap checkout at {given} (expected cablemap.core/cablemap/core/reader.py)")


def load_cablemap(source: Path, work: Path) -> Callable[[Sequence[str]], Any]:
    """cablemap's ``cable_from_row``, from a Python 3 copy of ``source`` made in ``work``."""
    copy = work / "cablemap.core"
    shutil.copytree(_cablemap_core(source), copy)
    subprocess.run(
        [sys.executable, "-m", "lib2to3", "--write", "--nobackups", str(copy / "cablemap")],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(copy))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from cablemap.core.models import cable_from_row  # type: ignore[import-not-found]
    return cable_from_row  # type: ignore[no-any-return]


def _rows(path: Path) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, quotechar='"', escapechar="\\"))


def _time(work: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = work()
    return time.perf_counter() - start, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cablemap", type=Path, required=True, help="a cablemap checkout")
    parser.add_argument("--corpus", help="the shared corpus folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args()
    path = corpus_path(args.corpus) / "cables-csv" / "cablegate-2010.csv"
    with tempfile.TemporaryDirectory(prefix="cablekit-cablemap-") as work:
        cable_from_row = load_cablemap(args.cablemap, Path(work))
        rows = _rows(path)

        def with_cablekit() -> int:
            return sum(1 for _ in cablekit.iter_cables(path))

        def with_cablemap(properties: Sequence[str]) -> Callable[[], int]:
            def run() -> int:
                for row in _rows(path):
                    cable = cable_from_row(row)
                    for name in properties:
                        getattr(cable, name)
                return len(rows)

            return run

        runs: dict[str, list[float]] = {"cablekit": [], "cablemap": [], "cablemap-norefs": []}
        counts: dict[str, int] = {}
        without_references = [name for name in PROPERTIES if name != "references"]
        for _ in range(args.repeat):
            for name, work_of in (
                ("cablekit", with_cablekit),
                ("cablemap", with_cablemap(PROPERTIES)),
                ("cablemap-norefs", with_cablemap(without_references)),
            ):
                seconds, counts[name] = _time(work_of)
                runs[name].append(seconds)

    print(f"machine: {machine()}")
    print(f"input:   {path.name}: {len(rows):,} rows, {path.stat().st_size / 1e6:.1f} MB")
    print()
    print(f"{'':40s}{'cables':>8s}{'best s':>9s}{'cables/s':>10s}  runs (s)")
    labels = {
        "cablekit": "cablekit iter_cables, every field",
        "cablemap": "cablemap, every reader property",
        "cablemap-norefs": "cablemap, less references",
    }
    best = {name: min(times) for name, times in runs.items()}
    for name, times in runs.items():
        print(
            f"{labels[name]:40s}{counts[name]:8,d}{best[name]:9.2f}"
            f"{counts[name] / best[name]:10,.0f}  {', '.join(f'{t:.2f}' for t in times)}"
        )
    print()
    print(f"cablekit is {best['cablemap'] / best['cablekit']:.1f} times as fast as cablemap")
    print(
        f"cablekit is {best['cablemap-norefs'] / best['cablekit']:.1f} times as fast as "
        "cablemap without its references reader"
    )


if __name__ == "__main__":
    main()
