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

Where a format line starts is where the grammar's opening of it matches (the parts ``FL1`` to
``FL5``, ``FM``, ``TO``, ``INFO``, ``XMT`` of ``cable.lark``, which the line kinds ``FL1_LINE``
... ``XMT_LINE`` are made of); where the next addressee of a list starts, where an addressee
line's ``ADDRESSEE_RI`` does, or after an addressee's ``PRECEDENCE`` and ``SEQUENCE_NUMBER``.
The header ends at the first line of a kind of the text (:data:`TEXT_STARTS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cablekit.clean.kinds import RUN_TOGETHER
from cablekit.clean.line_kinds import is_line, lines_of, part
from cablekit.clean.lines import Cleaner, Line, first_word

__all__ = ["FORMAT_LINES", "TEXT_STARTS", "header_end", "split_run_together"]

# ---------------------------------------------------------------------------------------------
# Line kinds
# ---------------------------------------------------------------------------------------------

# The format lines (FL1 to FL5, and FM, TO, INFO, XMT: FL6 to FL9) in header order, each found
# where the grammar's opening of it (the part FL1 .. FL5, FM, TO, INFO, XMT) matches, and what
# follows the opening is free to start the next format line: a blank or the end for FL1 to
# FL5 ("ZDK TO ALL" after "P 261618Z FEB 10"), the first word of the sender or addressee for
# FM, TO, INFO and XMT.
FORMAT_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(part(name) + after))
    for name, after in (
        ("FL1", r"(?![A-Za-z0-9])"),
        ("FL2", r"(?![A-Za-z0-9/])"),
        ("FL3", r"\b"),
        ("FL4", ""),  # the opening ends at a word's end
        ("FL5", r"\b"),
        ("FM", r"(?=\S)"),
        ("TO", r"(?=\S)"),
        ("INFO", r"(?=\S)"),
        ("XMT", r"(?=\S)"),
    )
)
# The lines that end the transmission header: the first line of the text (a classification
# line, E.O., TAGS, SUBJECT, Classified By or a paragraph marker), the line kinds of the
# grammar.
TEXT_STARTS = lines_of(
    "CLASSIFICATION_LINE",
    "EO_LINE",
    "TAGS_LINE",
    "SUBJECT_LINE",
    "CLASSIFIED_BY_LINE",
    "PARAGRAPH_LINE",
)

# ---------------------------------------------------------------------------------------------
# Where lines are cut
# ---------------------------------------------------------------------------------------------

# the format lines, where they start inside a line: right after a space
_AFTER_SPACE = {name: re.compile(r"(?<=[ \t])" + line.pattern) for name, line in FORMAT_LINES}
_OPENINGS = dict(FORMAT_LINES)
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
# where the next addressee starts inside a run-together list: the grammar's opening of an
# addressee line (ADDRESSEE_RI, "RUEKJCS/S") ...
_NEXT_ADDRESSEE_RI = re.compile(r"(?<![ \t])[ \t]+(?=" + part("ADDRESSEE_RI") + ")")
# ... or, without routing indicators, after an addressee's PRECEDENCE and its SEQUENCE_NUMBER
_AFTER_PRECEDENCE = re.compile(
    r"\b" + part("PRECEDENCE") + r"(?:[ \t]+" + part("SEQUENCE_NUMBER") + r")?(?=[ \t]+[A-Z])"
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
            keyword = _OPENINGS[name].match(piece)
            after_keyword = keyword.end() if keyword else 0
            split.extend((name, addressee) for addressee in _split_addressees(piece, after_keyword))
        else:
            split.append((name, piece))
    return split


def _split_addressees(text: str, first: int) -> list[str]:
    """``TO A PRIORITY 0001 RUEHXX/B`` as one line per addressee; the first starts at
    ``first``, after its keyword."""
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
        if is_line(TEXT_STARTS, line.text):
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
