"""Audit every regular expression of cablekit for super-linear time on hostile input.

Every compiled pattern the package holds is collected: the module-level patterns of every
module (also those inside tuples, lists, dicts and the objects a module keeps, such as the
lexer's scanners), and every terminal of ``cable.lark``, compiled as
``cablekit.grammar.pattern`` compiles it.  Each is run the way the code runs it (``match`` at
the start, ``search``, or ``finditer`` for ``finditer``, ``findall``, ``sub``, ``subn`` and
``split``; found by looking for ``NAME.method(`` in the package's source, all three when the
use cannot be found) on adversarial strings of 2,000 and 8,000 characters: runs of spaces, of
letters, of ``A. ``, of digits, of dots, of ``(`` ..., each ended by a character that does not
match (``!``, and ``!`` with a newline for the line kinds).  The time on 8,000 characters
over the time on 2,000 is the growth ratio: 4 is linear, 16 quadratic, 64 cubic.

    python bench/regex_audit.py            # the patterns that grow worse than linearly
    python bench/regex_audit.py --all      # every pattern, with its worst ratio
    python bench/regex_audit.py --markdown # the same as a Markdown table
    python bench/regex_audit.py --all --name signers._TRAILING --name "cable.lark TAG"

Times are CPU times of the process (best of a few runs), which other load on the machine does
not inflate.  The line kinds and the lexer's scanners are matched where a line starts, on text
that ends with a newline (the lexer adds one; ``is_line`` too): they are timed on lines that
end with one.  A run whose 2,000 characters take longer than ``--limit`` seconds (2) is
stopped by an alarm (the regex engine checks for signals) and reported as ``> limit``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

SMALL, LARGE = 2_000, 8_000
#: a ratio above this, with the large run taking at least MIN_TIME, counts as super-linear
#: (linear is 4; quadratic 16)
WORSE_THAN_LINEAR = 7.0
MIN_TIME = 0.002


def _run(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


#: name: a string of ``size`` characters before its final non-matching character
FAMILIES: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: _run(" ", n),
    "letters": lambda n: _run("A", n),
    "words": lambda n: _run("AB ", n),
    "A. ": lambda n: _run("A. ", n),
    "digits": lambda n: _run("1", n),
    "dots": lambda n: _run(".", n),
    "(": lambda n: _run("(", n),
    "(A)": lambda n: _run("(A) ", n),
    "dashes": lambda n: _run("-", n),
    "commas": lambda n: _run(", ", n),
    "newlines": lambda n: _run("\n", n),
    "markers": lambda n: _run("1.\n", n),
    "AND": lambda n: _run(" AND", n),
    "post and number": lambda n: _run("PARIS 12345678 ", n),
}
ENDINGS = ("!", "!\n")
METHODS = ("match", "search", "finditer")
# the methods the code calls, mapped to the one that is timed for them
_TIMED_AS = {
    "match": "match",
    "fullmatch": "match",
    "search": "search",
    "finditer": "finditer",
    "findall": "finditer",
    "sub": "finditer",
    "subn": "finditer",
    "split": "finditer",
}


class _TimeoutError(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _TimeoutError


@dataclass
class Entry:
    """One compiled pattern and the names the package knows it by."""

    pattern: re.Pattern[str]
    names: list[str] = field(default_factory=list)
    methods: set[str] = field(default_factory=set)
    #: matched only at the start of a line that ends with a newline (the lexer, is_line)
    line: bool = False


def _patterns_in(value: Any, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The compiled patterns held by a module-level value, with a path to each."""
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield "", value
        return
    if depth >= 3:
        return
    items: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        items = [(f"[{key!r}]", item) for key, item in value.items()]
    elif isinstance(value, (list, tuple, frozenset, set)):
        items = [(f"[{index}]", item) for index, item in enumerate(value)]
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("cablekit"):
        items = [(f".{key}", item) for key, item in vars(value).items()]
    for path, item in items:
        for rest, found in _patterns_in(item, depth + 1):
            yield path + rest, found


def collect(package: ModuleType) -> tuple[dict[tuple[str, int], Entry], dict[str, str]]:
    """Every compiled pattern of ``package`` and the source of each module."""
    from cablekit.grammar import parser

    entries: dict[tuple[str, int], Entry] = {}
    sources: dict[str, str] = {}

    def add(name: str, compiled: re.Pattern[str]) -> None:
        key = (compiled.pattern, compiled.flags)
        entry = entries.setdefault(key, Entry(compiled))
        if name not in entry.names:
            entry.names.append(name)

    modules = [package] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]
    for module in modules:
        short = module.__name__.removeprefix(package.__name__ + ".")
        if module.__file__:
            sources[short] = Path(module.__file__).read_text(encoding="utf-8")
        for attribute, value in vars(module).items():
            if isinstance(value, ModuleType) or attribute.startswith("__"):
                continue
            for path, compiled in _patterns_in(value):
                add(f"{short}.{attribute}{path}", compiled)
    for terminal in parser.LARK.terminals:
        add(f"cable.lark {terminal.name}", parser.pattern(terminal.name))
    # every scanner the lexer may make: one per line's first character, in the head and text
    kinds = parser.LINE_KINDS
    for which in ("head_for", "text_for"):
        scanners = getattr(kinds, which)
        for char in '\x00 !"(*-.0123456789<ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz¶':
            add(f"grammar.lexer LINE_KINDS.{which}({char!r})", scanners(char))
    return entries, sources


def _methods(entry: Entry, sources: dict[str, str]) -> set[str]:
    """The methods the package calls on the pattern, from its source; sets ``entry.line``
    when the pattern is only ever matched where a line starts (a line kind).

    A name is looked for bare in the module that defines it and in the modules that import
    it, and qualified (``wrapped.RELAY_LIST``) elsewhere.  A pattern whose only use is its
    ``.pattern`` inside another one is timed with ``match``: the pattern it is part of is
    audited on its own.
    """
    found: set[str] = set()
    line = any("LINE_KINDS" in name for name in entry.names)
    searched = composed = False
    for name in entry.names:
        if name.startswith("cable.lark "):
            terminal = name.split()[1]
            if terminal.endswith("_LINE") or terminal == "BLANK":
                found.add("match")  # the lexer matches a line kind where a line starts
                line = True
            uses = [(rf'pattern\("{terminal}"\)', list(sources.values()))]
        elif "LINE_KINDS" in name:
            found.add("match")
            continue
        else:
            pieces = re.split(r"[.\[]", name)
            # the longest module name the dotted name starts with, then the attribute
            depth = max(d for d in range(1, len(pieces)) if ".".join(pieces[:d]) in sources)
            module, word = ".".join(pieces[:depth]), re.escape(pieces[depth])
            imported = rf"^from cablekit\S* import (?:\([^)]*\b{word}\b|[^\n]*\b{word}\b)"
            uses = [
                (rf"(?<![\w.]){word}", [sources[module]]),
                (
                    rf"(?<![\w.]){word}",
                    [s for s in sources.values() if re.search(imported, s, re.M)],
                ),
                (rf"(?<=\.){word}", list(sources.values())),
            ]
        for word, texts in uses:
            for source in texts:
                for method in re.findall(rf"{word}(?:\[[^\]\n]*\])?(?:\.\w+)?\.(\w+)[(,)]", source):
                    if method in _TIMED_AS:
                        found.add(_TIMED_AS[method])
                        searched = searched or _TIMED_AS[method] != "match"
                    composed = composed or method == "pattern"
                if re.search(rf"\bis_line\(\s*{word}\b", source):
                    found.add("match")  # is_line: a match on one line with its newline
                    line = True
    entry.line = line and not searched
    if not found and composed:
        return {"match"}
    return found or set(METHODS)


def _time(call: Callable[[], object], limit: float) -> float:
    """The best of a few runs of ``call``, in seconds; inf if one takes over ``limit``."""
    best = float("inf")
    total = 0.0
    runs = 0
    while runs < 2 or (total < 0.001 and runs < 50):
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            start = time.process_time()
            call()
            elapsed = time.process_time() - start
        except _TimeoutError:
            return float("inf")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        best = min(best, elapsed)
        total += elapsed
        runs += 1
        if elapsed > limit / 4:
            break
    return best


def _call(compiled: re.Pattern[str], method: str, text: str) -> Callable[[], object]:
    if method == "match":
        return lambda: compiled.match(text)
    if method == "search":
        return lambda: compiled.search(text)
    return lambda: sum(1 for _ in compiled.finditer(text))


@dataclass
class Result:
    """The worst growth of one pattern, over the families and the methods the code uses."""

    entry: Entry
    ratio: float
    small: float
    large: float
    family: str
    method: str


def _is_line_kind(entry: Entry) -> bool:
    """Whether the pattern is a line kind, or a scanner of them: matched only where a line
    starts, on a text that ends with a newline (the lexer adds one, ``is_line`` too)."""
    return entry.line


def audit(entry: Entry, limit: float) -> Result:
    """Time ``entry`` on every family, at SMALL and LARGE, with each method it is used with."""
    worst = Result(entry, 0.0, 0.0, 0.0, "", "")
    endings = ("!\n",) if _is_line_kind(entry) and entry.methods == {"match"} else ENDINGS
    for method in sorted(entry.methods):
        for family, make in FAMILIES.items():
            for ending in endings:
                small_text, large_text = make(SMALL) + ending, make(LARGE) + ending
                small = _time(_call(entry.pattern, method, small_text), limit)
                if small == float("inf"):
                    return Result(entry, float("inf"), small, small, family + repr(ending), method)
                large = _time(_call(entry.pattern, method, large_text), limit * 20)
                ratio = large / small if small > 0 else 0.0
                if large < MIN_TIME:
                    ratio = min(ratio, 4.0)  # below that, the timer decides the ratio
                if ratio > worst.ratio:
                    worst = Result(entry, ratio, small, large, family + repr(ending), method)
    return worst


def _shown(ratio: float) -> str:
    return "> limit" if ratio == float("inf") else f"{ratio:.1f}"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--all", action="store_true", help="every pattern, not only the bad")
    options.add_argument("--markdown", action="store_true", help="a Markdown table")
    options.add_argument("--limit", type=float, default=2.0, help="seconds for 2,000 chars")
    options.add_argument(
        "--name", action="append", help="only the patterns one of whose names contains this"
    )
    args = options.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import cablekit

    signal.signal(signal.SIGALRM, _alarm)
    entries, sources = collect(cablekit)
    if args.name:
        entries = {
            key: entry
            for key, entry in entries.items()
            if any(part in name for part in args.name for name in entry.names)
        }
    for entry in entries.values():
        entry.methods = _methods(entry, sources)
    results = []
    for number, entry in enumerate(entries.values(), start=1):
        results.append(audit(entry, args.limit))
        print(f"\r{number}/{len(entries)} patterns", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    results.sort(key=lambda r: -r.ratio)
    bad = [r for r in results if r.ratio > WORSE_THAN_LINEAR]
    shown = results if args.all else bad
    if args.markdown:
        print("| pattern | used with | worst input | 2,000 chars | 8,000 chars | ratio |")
        print("|---|---|---|---:|---:|---:|")
    for r in shown:
        names = ", ".join(r.entry.names[:3]) + (" ..." if len(r.entry.names) > 3 else "")
        times = f"{r.small * 1000:.2f} ms", f"{r.large * 1000:.2f} ms"
        if r.small == float("inf"):
            times = (f"> {args.limit:.0f} s", "-")
        if args.markdown:
            methods = "/".join(sorted(r.entry.methods))
            print(
                f"| `{names}` | {methods} | {r.family} | {times[0]} | {times[1]} | "
                f"{_shown(r.ratio)} |"
            )
        else:
            print(
                f"{_shown(r.ratio):>8}  {r.method:<8} {r.family:<24} {times[0]:>12} "
                f"{times[1]:>12}  {names}"
            )
    print(
        f"{len(entries)} patterns, {len(bad)} grow worse than linearly "
        f"(ratio from {SMALL:,} to {LARGE:,} characters above {WORSE_THAN_LINEAR:g}; "
        "linear is 4)"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
