"""Small text helpers shared by the field readers."""

from __future__ import annotations

from collections.abc import Iterable

from cablekit import _fast


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends.

    ``str.split`` splits on exactly the characters ``\\s`` matches, in C, several times
    faster than a regular expression substitution.
    """
    return " ".join(text.split())


# the ASCII whitespace characters other than the space
_ASCII_BREAKS = bytes(code for code in range(128) if chr(code).isspace() and code != 32)


def collapse_lines(lines: Iterable[str]) -> str:
    """``collapse(" ".join(lines))``: lines joined into one text, whitespace collapsed."""
    if _fast.ENABLED:
        return _collapse_lines_fast(lines)
    return collapse(" ".join(lines))


def _collapse_lines_fast(lines: Iterable[str]) -> str:
    """:func:`collapse_lines`, the fast path.

    Splitting makes a string of every word.  Most lines of a cable are single-spaced already,
    and need no more than their ends stripped and any runs of spaces closed up.  In a text
    whose only whitespace is the space that is all there is to do; anything else is collapsed
    the general way.  The result is the same whether or not the lines come stripped, only
    slower when they do not.  A line may be several lines (a run of lines of a paragraph):
    their newlines are spaces here.
    """
    text = " ".join(lines)
    if not text:
        return text  # a marker with nothing after it, thousands of times in hostile input
    if "\n" in text:
        text = " ".join(map(str.strip, text.split("\n")))
    if text.isascii():
        # bytes.translate runs through ASCII in a fraction of the time str.isprintable takes
        raw = text.encode("ascii")
        only_spaces = len(raw.translate(None, _ASCII_BREAKS)) == len(raw)
    else:
        # every whitespace character but the space is unprintable (a text with some other
        # unprintable character just takes the general way)
        only_spaces = text.isprintable()
    if only_spaces:
        # each pass halves the runs of spaces; one that replaces nothing returns the text
        shorter = text.replace("  ", " ")
        while len(shorter) != len(text):
            text = shorter
            shorter = text.replace("  ", " ")
        if not text.startswith(" ") and not text.endswith(" "):
            return text
    return collapse(text)


def full_year(two_digits: int) -> int:
    """The year a two-digit cable year stands for (cables run from the 1960s on)."""
    return 1900 + two_digits if two_digits >= 60 else 2000 + two_digits
