"""Hostile inputs at n, 2n, 4n and 8n characters: time, growth and the cost against real text.

Each family (``tests/hostile_inputs.py``) builds an input of a given size out of one hostile
pattern (a REF list of bare letters, a run of spaces, thousands of paragraph markers, a 1 MB
line, ``\\r``-only line ends, NUL bytes, nested parentheses, a huge HTML attribute, a
cables.csv row with a long field ...) and parses it as a user would: ``cablekit.parse`` for
a text, ``parse_file`` for a cablegate page, ``iter_cables`` for a cables.csv file.  For each
it prints the time at each size, the growth from n to 8n (linear is 8; the project's bound
is 12) and how many times slower than real text of the same size it is at 8n (the bound is
10).  Real text is a real cable repeated to the size, parsed the same way, timed in the
same run.

    python bench/adversarial.py                 # n = 64 KiB: 64 KiB to 512 KiB
    python bench/adversarial.py --size 131072   # n = 128 KiB: 128 KiB to 1 MiB
    python bench/adversarial.py --family markers --family "REF letters"

Each time is the CPU time of the process (which other load on the machine does not inflate),
the best of ``--repeat`` runs (2).  The exit status is 1 when a family breaks
a bound.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_inputs import FILE_FAMILIES, REAL, TEXT_FAMILIES, parser_of

import cablekit

GROWTH_BOUND = 12.0
REAL_TEXT_BOUND = 10.0


def timed(call: Callable[[], None], repeat: int) -> float:
    """The best of ``repeat`` runs of ``call``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def time_family(name: str, size: int, repeat: int, folder: Path) -> float:
    """The time of family ``name`` (or ``real text``) at ``size`` characters."""
    return timed(parser_of(name, size, folder), repeat)


@dataclass
class Row:
    """One family's times at n, 2n, 4n, 8n."""

    name: str
    times: list[float]

    @property
    def growth(self) -> float:
        """The time at 8n over the time at n."""
        return self.times[-1] / self.times[0] if self.times[0] > 0 else 0.0


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--size", type=int, default=64 * 1024, help="n, in characters")
    options.add_argument("--repeat", type=int, default=2, help="runs per time (best kept)")
    options.add_argument("--family", action="append", help="only these families")
    args = options.parse_args(argv)
    from _common import machine

    names = ["real text", *TEXT_FAMILIES, *FILE_FAMILIES]
    if args.family:
        names = ["real text", *(n for n in names if n in args.family)]
    sizes = [args.size * factor for factor in (1, 2, 4, 8)]
    print(f"machine: {machine()}")
    print(f"sizes:   {', '.join(f'{s:,}' for s in sizes)} characters; best of {args.repeat}")
    print()
    header = "".join(f"{f'{s // 1024} KiB':>10}" for s in sizes)
    print(f"{'family':<22}{header}  {'8n/n':>6}  {'x real':>6}")
    print("-" * (22 + 10 * len(sizes) + 16))
    cablekit.parse(REAL)  # build the parser and warm the caches before timing
    rows: list[Row] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cablekit-adversarial-") as tmp:
        for name in names:
            row = Row(name, [time_family(name, s, args.repeat, Path(tmp)) for s in sizes])
            rows.append(row)
            against = row.times[-1] / rows[0].times[-1]
            cells = "".join(f"{t:>9.3f}s" for t in row.times)
            print(f"{name:<22}{cells}  {row.growth:>6.1f}  {against:>6.1f}", flush=True)
            if row.growth > GROWTH_BOUND or against > REAL_TEXT_BOUND:
                failed.append(name)
    print()
    print(
        f"bounds: growth 8n/n <= {GROWTH_BOUND:g} (linear is 8), "
        f"<= {REAL_TEXT_BOUND:g} times the time of real text at 8n"
    )
    print(f"out of bounds: {', '.join(failed) if failed else 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
