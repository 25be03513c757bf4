"""The lines of a cables.csv file read a block at a time and decoded line by line.

Each line is decoded on its own terms (UTF-8, else cp1252), so that one badly encoded cable
does not spoil the others; a block of lines is read at a time, so that memory stays flat
however large the file is.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import IO

from cablekit import _fast
from cablekit.sources.text import decode_chars, strip_bom

__all__ = ["BLOCK", "decode_block", "decoded_blocks", "decoded_lines"]

#: bytes of whole lines read and decoded at a time
BLOCK = 1 << 16


def decode_block(lines: list[bytes], *, first: bool = False) -> list[str]:
    """Lines of a file, each decoded on its own terms (UTF-8, else cp1252), as
    :func:`decode_chars` does.  ``first``: the block starts the file, and its byte order mark
    is dropped.
    """
    if first and lines:
        lines[0] = strip_bom(lines[0])
    return _decode_lines(lines)


def _decode_lines_plain(lines: list[bytes]) -> list[str]:
    return list(map(decode_chars, lines))


def _decode_lines_fast(lines: list[bytes]) -> list[str]:
    # All in one go when they can be, without decode_chars for each line: a block is valid
    # UTF-8 exactly when each of its lines is, as no UTF-8 sequence holds a newline byte.
    try:
        return list(map(bytes.decode, lines))
    except UnicodeDecodeError:
        return _decode_lines_plain(lines)


_decode_lines = _decode_lines_fast if _fast.ENABLED else _decode_lines_plain


def decoded_blocks(binary: IO[bytes], *, start: bool = True) -> Iterator[list[str]]:
    """The lines of a binary file, decoded (:func:`decode_block`), a block of lines at a time;
    ``start``: the file is read from its start, so the first line loses its byte order mark.
    """
    while True:
        block = binary.readlines(BLOCK)
        if not block:
            return
        yield decode_block(block, first=start)
        start = False


def decoded_lines(binary: IO[bytes]) -> Iterator[str]:
    """The lines of :func:`decoded_blocks`, one by one."""
    return chain.from_iterable(decoded_blocks(binary))
