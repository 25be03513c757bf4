"""Compare the JSON cablekit gives on the whole corpus with that of another commit.

Parses every input of the shared corpus (the cablegate-2010 texts, the cables.csv file, the
PDF texts with and without ``-layout``, the PDF conversions and the seed) with the code of a
base commit and with the code in this checkout, in two processes, and prints which cables
differ and in which keys.  The findings of ``cablekit.validate`` are compared too.

    python bench/compare_output.py [--base REV | --old FILE] [--corpus PATH] [--show N]
                                   [--keep DIR]

``--base`` is a commit (default ``HEAD``); its code is taken with ``git archive`` into a
temporary folder, so the checkout is not touched.  Exit status 0 when every output is the
same, 1 when some differ.  ``--keep`` keeps both dumps; ``--old`` compares with a dump kept
that way instead of running the base commit again.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _common import ROOT, archive, corpus_path

#: the corpus inputs: (family, folder or file, glob); each file is one cable, but the CSV
INPUTS = (
    ("cablegate-2010", "cablegate-2010", "*.txt"),
    ("cables-csv", "cables-csv/cablegate-2010.csv", None),
    ("pdf-text", "pdf-text", "*.txt"),
    ("pdf-text-raw", "pdf-text-raw", "*.txt"),
    ("pdf-converted", "pdf-converted", "*.txt"),
    ("seed", "seed", "*.md"),
)


def _records(corpus: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(family, name, record) for every cable of the corpus, parsed by the importable code."""
    import cablekit

    for family, where, pattern in INPUTS:
        location = corpus / where
        paths = sorted(location.glob(pattern)) if pattern else [location]
        for path in paths:
            try:
                cables = list(cablekit.iter_cables(path))
            except cablekit.CableError as error:
                yield family, path.name, {"error": str(error)}
                continue
            for index, cable in enumerate(cables):
                name = path.name if pattern else f"{path.name}#{index + 1}"
                record = {
                    "cable": cable.model_dump(mode="json"),
                    "findings": [d.model_dump(mode="json") for d in cablekit.validate(cable)],
                }
                yield family, name, record


def dump(corpus: Path, output: Path) -> None:
    """Write one JSON line per cable: family, name and the record."""
    with output.open("w", encoding="utf-8") as out:
        for family, name, record in _records(corpus):
            out.write(json.dumps([family, name, record], sort_keys=True) + "\n")


def _run_dump(code: Path, corpus: Path, output: Path) -> None:
    """Dump with the package found in ``code`` (a folder holding ``cablekit/``)."""
    environment = dict(os.environ, PYTHONPATH=str(code), PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, str(Path(__file__).resolve()), "--dump", str(output)]
    command += ["--corpus", str(corpus)]
    check = f"import cablekit, sys; sys.exit(not cablekit.__file__.startswith({str(code)!r}))"
    # run from ``code``: the current folder comes first on sys.path
    if subprocess.run([sys.executable, "-c", check], env=environment, cwd=code).returncode:
        sys.exit(f"the package in {code} does not shadow the installed one")
    subprocess.run(command, env=environment, cwd=code, check=True)


def _load(path: Path) -> dict[tuple[str, str], Any]:
    records = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            family, name, record = json.loads(line)
            records[family, name] = record
    return records


def _differing_keys(old: Any, new: Any, path: str = "") -> Iterator[str]:
    """The paths of the values that differ: ``cable.paragraphs[3].text``."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            yield from _differing_keys(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from _differing_keys(a, b, f"{path}[{index}]")
    elif old != new:
        yield path


def _key_family(path: str) -> str:
    """``cable.paragraphs[3].text`` -> ``cable.paragraphs[].text``."""
    out, skipping = [], False
    for char in path:
        if char == "[":
            skipping = True
            out.append("[]")
        elif char == "]":
            skipping = False
        elif not skipping:
            out.append(char)
    return "".join(out)


def compare(old_path: Path, new_path: Path, show: int) -> int:
    old, new = _load(old_path), _load(new_path)
    families = Counter(family for family, _ in old)
    differing: dict[str, list[str]] = {}
    keys: Counter[str] = Counter()
    for name in sorted(set(old) | set(new)):
        if old.get(name) == new.get(name):
            continue
        paths = list(_differing_keys(old.get(name), new.get(name)))
        differing[f"{name[0]}/{name[1]}"] = paths
        keys.update({_key_family(p) for p in paths})
    for family, count in families.items():
        changed = sum(1 for name in differing if name.startswith(family + "/"))
        print(f"{family:16} {count:5} cables, {count - changed:5} identical, {changed:4} differ")
    if not differing:
        print("no differences")
        return 0
    print("\nkeys that differ (cables):")
    for key, count in keys.most_common():
        print(f"  {count:5}  {key}")
    print(f"\nfirst {show} differing cables:")
    for name, paths in list(differing.items())[:show]:
        print(f"  {name}: {', '.join(paths[:6])}{' ...' if len(paths) > 6 else ''}")
    return 1


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--base", default="HEAD", help="the commit to compare with (HEAD)")
    options.add_argument("--corpus", help="the shared corpus folder")
    options.add_argument("--show", type=int, default=20, help="differing cables to list")
    options.add_argument("--keep", help="a folder to keep both dumps in (old.jsonl, new.jsonl)")
    options.add_argument("--old", help="a dump kept from an earlier run, instead of --base")
    options.add_argument("--dump", help=argparse.SUPPRESS)
    args = options.parse_args()
    corpus = corpus_path(args.corpus)
    if args.dump:
        dump(corpus, Path(args.dump))
        return 0
    with tempfile.TemporaryDirectory(prefix="cablekit-compare-") as temporary:
        work = Path(args.keep) if args.keep else Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        old = Path(args.old) if args.old else work / "old.jsonl"
        if not args.old:
            base = Path(temporary) / "base"
            base.mkdir()
            archive(args.base, base)
            _run_dump(base, corpus, old)
        _run_dump(ROOT, corpus, work / "new.jsonl")
        return compare(old, work / "new.jsonl", args.show)


if __name__ == "__main__":
    sys.exit(main())
