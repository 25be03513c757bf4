"""Where one core's time goes when cablekit parses the cablegate-2010 corpus: each stage apart.

    python bench/stages.py [--corpus PATH] [--limit N] [--repeat 5] [--base REV ...]

Each cable goes through the stages one after the other, as ``cablekit.parse`` runs them, and
each stage is timed on its own (CPU time, summed over the corpus; the best of ``--repeat``
passes): undoing conversion damage (clean), placing the lines with the grammar (grammar),
reading the fields and making the models (fields).  With ``--base``, the same is measured
for each commit given, in a fresh process with that commit's ``cablekit/`` first on the
path, alternating with this checkout; a commit from before the rebuilt core (``ffc0440``)
is measured through its own names for the same stages (``parser.parse_text``,
``build.build_cable``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, archive, corpus_path, machine

STAGES = ("clean", "grammar", "fields", "parse")


def _stage_functions() -> tuple[object, object, object]:
    """clean, the grammar's parse and the field readers, under this code's names."""
    from cablekit.clean import clean

    try:
        from cablekit.fields import read_cable
        from cablekit.grammar import parse_document
    except ImportError:  # before the rebuilt core
        from cablekit.build import build_cable as read_cable  # type: ignore[no-redef]
        from cablekit.parser import parse_text as parse_document  # type: ignore[no-redef]
    return clean, parse_document, read_cable


def measure(corpus: Path, limit: int | None, repeat: int) -> dict[str, float]:
    """The best CPU time of each stage over the corpus, and of ``cablekit.parse`` alone."""
    import cablekit

    clean, parse_document, read_cable = _stage_functions()
    files = sorted((corpus / "cablegate-2010").glob("*.txt"))[:limit]
    texts = [path.read_bytes().decode("utf-8") for path in files]
    for text in texts[:50]:
        cablekit.parse(text)  # the first calls build caches and compile patterns
    clock = time.process_time
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(repeat):
        spent = dict.fromkeys(STAGES, 0.0)
        for text in texts:
            start = clock()
            cleaned = clean(text)  # type: ignore[operator]
            placed = clock()
            document = parse_document(cleaned.text)  # type: ignore[operator]
            read = clock()
            read_cable(document, None)  # type: ignore[operator]
            done = clock()
            spent["clean"] += placed - start
            spent["grammar"] += read - placed
            spent["fields"] += done - read
        start = clock()
        for text in texts:
            cablekit.parse(text)
        spent["parse"] = clock() - start
        best = {stage: min(best[stage], spent[stage]) for stage in STAGES}
    return best | {"cables": len(texts), "module": cablekit.__file__}  # type: ignore[dict-item]


def _code_of(revision: str, folder: Path) -> Path:
    """The ``cablekit/`` folder of ``revision``, unpacked under ``folder``."""
    into = folder / revision.replace("/", "_")
    into.mkdir()
    archive(revision, into)
    return into


def _child(code: Path, corpus: Path, limit: int | None, repeat: int) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--measure"]
    command += ["--corpus", str(corpus), "--repeat", str(repeat)]
    command += [] if limit is None else ["--limit", str(limit)]
    done = subprocess.run(
        command,
        env=dict(os.environ, PYTHONPATH=str(code)),
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"the run of {code} failed:\n{done.stderr[-2000:]}")
    measured: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    if not Path(str(measured["module"])).is_relative_to(code):
        sys.exit(f"the run of {code} imported {measured['module']}")
    return measured


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--corpus", help="the shared corpus folder")
    options.add_argument("--limit", type=int, default=None, help="only the first N cables")
    options.add_argument("--repeat", type=int, default=5, help="passes; the best counts")
    options.add_argument("--base", action="append", default=[], help="also measure REV")
    options.add_argument("--rounds", type=int, default=2, help="fresh processes per side")
    options.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = options.parse_args()
    corpus = corpus_path(args.corpus)
    if args.measure:
        print(json.dumps(measure(corpus, args.limit, args.repeat)))
        return 0

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        sides = {rev: _code_of(rev, Path(folder)) for rev in args.base}
        sides["this checkout"] = ROOT
        results: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):  # in turn, so that a change of load hits every side
            for name, code in sides.items():
                measured = _child(code, corpus, args.limit, args.repeat)
                kept = results.setdefault(name, measured)
                results[name] = {stage: min(kept[stage], measured[stage]) for stage in STAGES} | {
                    "cables": measured["cables"]
                }
    cables = int(next(iter(results.values()))["cables"])
    print(f"input:   {cables:,} cablegate-2010 texts; CPU seconds, best of {args.repeat} passes")
    print(f"         in each of {args.rounds} fresh processes per side, sides in turn")
    print()
    names = list(results)
    print(f"{'stage':<10}" + "".join(f"{name:>16}" for name in names))
    print("-" * (10 + 16 * len(names)))
    for stage in STAGES:
        cells = "".join(f"{results[name][stage]:16.3f}" for name in names)
        print(f"{stage:<10}{cells}")
    per = "".join(f"{results[name]['parse'] / cables * 1e6:14.0f}us" for name in names)
    print(f"{'a cable':<10}{per}")
    print()
    print("stages are timed one call at a time; parse is the whole parse, timed once a pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
