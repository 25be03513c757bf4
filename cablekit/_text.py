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
# each of them as the space
_ASCII_TO_SPACE = bytes.maketrans(_ASCII_BREAKS, b" " * len(_ASCII_BREAKS))


def collapse_lines(lines: Iterable[str]) -> str:
    """``collapse(" ".join(lines))``: lines joined into one text, whitespace collapsed."""
    if _fast.ENABLED:
        return _collapse_lines_fast(lines)
    return collapse(" ".join(lines))


def _collapse_lines_fast(lines: Iterable[str]) -> str:
    """:func:`collapse_lines`, the fast path.

    Splitting makes a string of every word.  In a text whose only whitespace is the space,
    collapsing is closing up the runs of spaces and stripping the ends.  An ASCII text is
    made one: each of its whitespace characters (the ones ``str.split`` splits at) becomes a
    space with one ``bytes.translate``, the newlines of a run of lines too.  Any other text
    has its newlines made spaces, and is collapsed the general way if it has whitespace
    other than the space.  The runs of spaces are then closed up with one split at the pairs
    of spaces.  The result is the same whether or not the lines come stripped.
    """
    text = " ".join(lines)
    if not text:
        return text  # a marker with nothing after it, thousands of times in hostile input
    if text.isascii():
        text = text.encode("ascii").translate(_ASCII_TO_SPACE).decode("ascii")
    else:
        # the newlines made spaces (the runs they make are closed up below); every other
        # whitespace character is unprintable (a text with some other unprintable
        # character just takes the general way)
        text = text.replace("\n", " ")
        if not text.isprintable():
            return collapse(text)
    # The runs of spaces closed up in one split: no piece between two pairs of spaces holds a
    # pair, a run of odd length leaves one space at the start of the next piece, and a run of
    # four or more leaves empty pieces.  The only whitespace left is the space, which is all
    # strip() takes.  (Replacing each pair until none is left scans the text twice at least.
    # No look for a pair first: the split of a text without one costs what the look does.)
    pieces = text.split("  ")
    if len(pieces) == 1:
        return text.strip(" ")
    return " ".join(filter(None, map(str.strip, pieces)))


def full_year(two_digits: int) -> int:
    """The year a two-digit cable year stands for (cables run from the 1960s on)."""
    return 1900 + two_digits if two_digits >= 60 else 2000 + two_digits
