"""Format lines of the transmission header run together on one line, split back.

A converter that reflows text joins the short lines of the header into one (the seed,
06PARIS7101)::

    VZCZCXYZ0002 OO RUEHWEB DE RUEHFR #7101/01 3030908 ZNY CCCCC ZZH O 300908Z OCT 06 FM
    AMEMBASSY PARIS TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658 INFO RUEHZG/NATO EU PRIORITY

becomes one format line per line (``VZCZCXYZ0002`` / ``OO RUEHWEB`` / ``DE RUEHFR #7101/01
3030908`` / ... / ``TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658`` / ...), one ``run-together``
repair for each cut.  A line is split only inside the transmission header, only when it
starts with a format line, and only into format lines that may follow one another in that
order, one of them FL1 to FL5: ``ZDK TO ALL CITE`` (10ISLAMABAD461) stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cablekit.clean.kinds import RUN_TOGETHER
from cablekit.clean.lines import Cleaner, Line, first_word

__all__ = ["FORMAT_LINES", "RI", "TEXT_STARTS", "header_end", "split_run_together"]

# ---------------------------------------------------------------------------------------------
# Line kinds
# ---------------------------------------------------------------------------------------------

# a routing indicator: "RUEHFR"
RI = r"R[A-Z]{3,6}"
_PROSIGN = r"(?:ZZ|OO|PP|RR|OP|PR|RP|OR|PO|ZO|ZP|ZR|RO)"
_MONTHS = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
# The format lines (FL1 to FL5, and FM, TO, INFO, XMT: FL6 to FL9) in header order; each
# pattern matches where that line starts.
FORMAT_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("FL1", r"VZCZC[A-Z0-9]{0,10}(?![A-Za-z0-9])"),
        ("FL2", _PROSIGN + r"(?:[ \t]+" + RI + r")+(?![A-Za-z0-9/])"),
        ("FL3", r"DE[ \t]+" + RI + r"[ \t]*#[ \t]*[0-9]{1,5}(?:/[0-9]{1,3})?[ \t]+[0-9]{7}\b"),
        ("FL4", r"ZN[RY][ \t]+[UCSTE]{1,5}\b"),
        (
            "FL5",
            r"[ZOPR](?:[ \t]+[ZOPR])?[ \t]+[0-3][0-9][0-2][0-9][0-5][0-9]Z[ \t]*"
            + _MONTHS
            + r"[ \t]*[0-9]{2}\b",
        ),
        ("FM", r"FM[ \t]+(?=\S)"),
        ("TO", r"TO[ \t]+(?!PAGE\b)(?=\S)"),
        ("INFO", r"INFO[ \t]+(?=\S)"),
        ("XMT", r"XMT[ \t/]+(?=\S)"),
    )
)
# the keyword of an addressee list (TO, INFO, XMT) at the start of its line
_LIST_KEYWORD = re.compile(r"[ \t]*(?:TO|INFO|XMT)[ \t/]+")
# The first line after the transmission header: the classification line, E.O., TAGS, SUBJECT,
# Classified By or a paragraph marker.
TEXT_STARTS = re.compile(
    r"^[ \t]*(?:(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)\b"
    r"|C O N F|S E C R|U N C L|(?i:E\.?[ \t]?O\.?)[ \t]*[0-9]{5}|(?i:TAGS?|SUBJ(?:ECT)?)\b"
    r"|(?i:CLASSIFIED[ \t]+BY)|¶|[0-9]{1,2}\.[ \t(])"
)

# ---------------------------------------------------------------------------------------------
# Where lines are cut
# ---------------------------------------------------------------------------------------------

# the format lines, where they start inside a line: right after a space
_AFTER_SPACE = {name: re.compile(r"(?<=[ \t])" + line.pattern) for name, line in FORMAT_LINES}
_STRONG_FORMAT_LINES = frozenset({"FL1", "FL2", "FL3", "FL4", "FL5"})
# which format line may come right before each one when they are run together
_MAY_FOLLOW: dict[str, frozenset[str]] = {
    "FL1": frozenset(),
    "FL2": frozenset({"FL1"}),
    "FL3": frozenset({"FL1", "FL2"}),
    "FL4": frozenset({"FL3"}),
    "FL5": frozenset({"FL1", "FL2", "FL3", "FL4"}),
    "FM": frozenset({"FL5"}),
    "TO": frozenset({"FM"}),
    "INFO": frozenset({"TO"}),
    "XMT": frozenset({"TO", "INFO"}),
}
_ADDRESSEE_LISTS = frozenset({"TO", "INFO", "XMT"})
# where the next addressee starts inside a run-together list: its routing indicator ...
_NEXT_ADDRESSEE_RI = re.compile(r"(?<![ \t])[ \t]+(?=" + RI + r"[ \t]*/[ \t]*[A-Z0-9])")
# ... or, without routing indicators, after a precedence and its sequence number
_AFTER_PRECEDENCE = re.compile(
    r"\b(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE)(?:[ \t]+[0-9]{4})?(?=[ \t]+[A-Z])"
)


def _format_line_at(text: str, position: int, names: Iterable[str]) -> tuple[str, int] | None:
    """The earliest format line among ``names`` that starts after ``position`` (at a space)."""
    best: tuple[str, int] | None = None
    for name in names:
        match = _AFTER_SPACE[name].search(text, position)
        if match is not None and (best is None or match.start() < best[1]):
            best = (name, match.start())
    return best


def _split_header_line(text: str) -> list[tuple[str, str]] | None:
    """Split a line holding several format lines; None when it holds only one."""
    stripped = text.lstrip(" \t")
    indent = len(text) - len(stripped)
    names = [name for name, _ in FORMAT_LINES]
    first = None
    for index, (name, pattern) in enumerate(FORMAT_LINES):
        if pattern.match(text, indent):
            first = (name, index)
            break
    if first is None:
        return None
    pieces: list[tuple[str, int]] = [(first[0], indent)]
    remaining = names[first[1] + 1 :]
    position = indent + 1
    while remaining:
        found = _format_line_at(text, position, remaining)
        if found is None or pieces[-1][0] not in _MAY_FOLLOW[found[0]]:
            break
        pieces.append(found)
        remaining = remaining[remaining.index(found[0]) + 1 :]
        position = found[1] + 1
    if len(pieces) < 2 or not _STRONG_FORMAT_LINES & {name for name, _ in pieces}:
        return None
    split: list[tuple[str, str]] = []
    for number, (name, start) in enumerate(pieces):
        end = pieces[number + 1][1] if number + 1 < len(pieces) else len(text)
        piece = text[start:end].rstrip(" \t")
        if name in _ADDRESSEE_LISTS:
            split.extend((name, addressee) for addressee in _split_addressees(piece))
        else:
            split.append((name, piece))
    return split


def _split_addressees(text: str) -> list[str]:
    """``TO A PRIORITY 0001 RUEHXX/B`` as one line per addressee."""
    keyword = _LIST_KEYWORD.match(text)
    first = keyword.end() if keyword else 0
    cuts = {match.start() for match in _NEXT_ADDRESSEE_RI.finditer(text, first)}
    cuts |= {match.end() for match in _AFTER_PRECEDENCE.finditer(text, first)}
    cuts = {cut for cut in cuts if cut > first and text[cut:].strip()}
    pieces: list[str] = []
    start = 0
    for cut in sorted(cuts):
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def header_end(lines: list[Line]) -> int:
    """The index of the first line after the transmission header (``len(lines)`` if none)."""
    for index, line in enumerate(lines):
        if TEXT_STARTS.match(line.text):
            return index
    return len(lines)


def split_run_together(cleaner: Cleaner) -> None:
    """Split header lines that hold several format lines: ``DE ... ZNY ... O 300908Z ...``."""
    lines = cleaner.lines
    end = header_end(lines)
    if end == 0:
        return
    result: list[Line] = []
    for index, line in enumerate(lines):
        pieces = _split_header_line(line.text) if index < end else None
        if pieces is None:
            result.append(line)
            continue
        texts = [piece for _, piece in pieces]
        for piece in texts[1:]:
            word = first_word(piece)
            cleaner.record(RUN_TOGETHER, line.origin, " " + word, "\n" + word)
        result.extend(Line(line.origin, piece) for piece in texts)
    cleaner.lines = result
