"""Where the parser spends its time: cProfile over ``cablekit.parse`` on cablegate-2010.

Prints the top entries by cumulative time and by own time (tottime).

    python bench/profile_parse.py [--corpus PATH] [--limit N] [--top 15] [--save FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys

from _common import corpus_path, machine

import cablekit


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--corpus", help="the shared corpus folder")
    options.add_argument("--limit", type=int, default=None, help="only the first N cables")
    options.add_argument("--top", type=int, default=15, help="entries shown per table")
    options.add_argument("--save", help="also write the raw profile here (for snakeviz etc.)")
    args = options.parse_args()

    files = sorted((corpus_path(args.corpus) / "cablegate-2010").glob("*.txt"))[: args.limit]
    texts = [path.read_bytes().decode("utf-8") for path in files]
    cablekit.parse(texts[0])  # build the parser outside the profile

    profile = cProfile.Profile()
    failures = 0
    profile.enable()
    for text in texts:
        try:
            cablekit.parse(text)
        except Exception:
            failures += 1
    profile.disable()
    if args.save:
        profile.dump_stats(args.save)

    print(f"machine: {machine()}")
    print(f"profiled: cablekit.parse over {len(texts):,} cablegate-2010 texts ({failures} failed)")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(args.top)
        body = out.getvalue()
        # pstats starts with the totals line and a "Ordered by" line; keep the table.
        start = body.find("   ncalls")
        print(f"\n--- top {args.top} by {order} ---")
        print(body.splitlines()[2].strip() if len(body.splitlines()) > 2 else "")
        print(body[start:].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
