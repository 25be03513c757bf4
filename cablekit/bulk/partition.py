"""Cutting a cables.csv file into byte ranges of whole rows, and reading a range on its own.

A range (:class:`CsvPartition`) is a small picklable value: a worker process, or a Dask task
on another machine, opens the file and reads just its rows.  :func:`csv_partitions` cuts a
file into a given number of ranges; :func:`csv_pieces` cuts it into pieces of about a given
size as a run goes, for the worker processes of :func:`cablekit.bulk.convert`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from typing import IO, NamedTuple

from cablekit.bulk.inputs import csv_items
from cablekit.bulk.items import RawItem
from cablekit.sources import BLOCK, Rows, decode_block, decode_chars, looks_like_cables_csv

__all__ = [
    "READ_BYTES",
    "CsvPartition",
    "CsvPiece",
    "Span",
    "csv_partitions",
    "csv_pieces",
    "iter_csv_partition",
]

#: bytes of a range read at a time: more than a piece, so that a piece takes one read
READ_BYTES = 4 << 20

#: the bytes of a cables.csv file (start, end) whose rows a piece read
Span = tuple[int, int]


class CsvPartition(NamedTuple):
    """A byte range of a cables.csv file holding whole rows: a unit of distributed work."""

    path: str
    start: int
    end: int
    first_line: int


def _ends_row(line: bytes) -> bool:
    # In the cables.csv layout a newline inside a field is escaped with a backslash, so a
    # line that does not end in one ends the row.
    return not line.rstrip(b"\r\n").endswith(b"\\")


def _next_row_start(file: IO[bytes], offset: int, size: int) -> int:
    """The offset of the first row that starts at or after ``offset`` (``size`` if none)."""
    if offset <= 0:
        return 0
    file.seek(offset - 1)
    previous = file.readline()  # the rest of the line holding byte offset-1
    position = offset - 1 + len(previous)
    while position < size:
        line = file.readline()
        if _ends_row(previous) and looks_like_cables_csv(line):
            return position
        previous = line
        position += len(line)
    return size


def _count_lines(file: IO[bytes], start: int, end: int) -> int:
    file.seek(start)
    count = 0
    remaining = end - start
    while remaining > 0:
        block = file.read(min(remaining, 1 << 22))
        if not block:
            break
        count += block.count(b"\n")
        remaining -= len(block)
    return count


def csv_partitions(path: str | os.PathLike[str], parts: int) -> list[CsvPartition]:
    """Split a cables.csv file into at most ``parts`` byte ranges of whole rows.

    The cuts are found by looking at a few lines around each cut, so planning a split of a
    large file is quick; each range is then read on its own by :func:`iter_csv_partition`,
    anywhere the file can be opened.  Together the ranges cover every row once, in order.
    """
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    name = os.fspath(path)
    size = os.path.getsize(name)
    with open(name, "rb") as file:
        cuts = sorted({_next_row_start(file, size * i // parts, size) for i in range(parts)})
        cuts = [cut for cut in cuts if cut < size] or [0]
        bounds = [*cuts, size]
        partitions: list[CsvPartition] = []
        line = 1
        for start, end in pairwise(bounds):
            partitions.append(CsvPartition(name, start, end, line))
            line += _count_lines(file, start, end)
    return partitions


class _PieceLines:
    """The decoded lines of a :class:`CsvPartition`, its bytes read a large block at a time
    and decoded a smaller block at a time as the reader goes (:func:`decode_block`).

    Without ``step`` the lines end with the range, as a partition read on its own must.  With
    ``step``, the piece size its cuts were planned with (see :func:`csv_pieces`), a row still
    open at the end of the range (a broken quote) runs on into the lines after it, as it does
    when the whole file is read from the top, up to the next planned cut where a row starts;
    :attr:`end` is then where the reading stopped.  So the pieces of a file give exactly the
    rows of the whole file once the pieces a row ran into are left out.
    """

    def __init__(self, file: IO[bytes], partition: CsvPartition, step: int | None = None) -> None:
        self._file = file
        self._partition = partition
        self._step = step
        self._position = partition.start  # where the lines handed out so far end
        self._size = os.fstat(file.fileno()).st_size
        self._cut = partition.end  # the next planned cut

    def _blocks(self) -> Iterator[list[str]]:
        """The lines of the range, a block at a time (a line that the end of the range cuts
        is read to its end); with ``step``, then the lines after it one at a time."""
        while self._position < self._partition.end:
            self._file.seek(self._position)
            data = self._file.read(min(self._partition.end - self._position, READ_BYTES))
            if not data:
                return
            if not data.endswith(b"\n"):
                data += self._file.readline()
            buffer = io.BytesIO(data)
            for block in iter(partial(buffer.readlines, BLOCK), []):
                first = self._position == 0
                self._position += sum(map(len, block))
                yield decode_block(block, first=first)
        while self._step is not None and self._position < self._size:
            self._file.seek(self._position)  # _next_row_start moves it
            line = self._file.readline()
            self._position += len(line)
            yield [decode_chars(line)]  # as decode_block decodes each line

    def _at_cut(self) -> bool:
        """Whether the lines handed out so far end at a planned cut: the end of the range, or
        one after it when a row ran on past the end."""
        assert self._step is not None
        while self._cut < self._position:
            self._cut = _next_row_start(self._file, self._cut + self._step, self._size)
        return self._position == self._cut

    @property
    def end(self) -> int:
        """Where the reading stopped: at the end of the range, at the cut a row that ran on
        past it reached, or at the end of the file."""
        return self._position

    def items(self) -> Iterator[RawItem]:
        """The rows as items (see :func:`cablekit.bulk.inputs.csv_items`)."""
        part = self._partition
        stop = self._at_cut if self._step is not None else None
        return csv_items(Rows(self._blocks(), part.first_line, stop=stop), part.path)


def iter_csv_partition(partition: CsvPartition) -> Iterator[RawItem]:
    """Read the rows of one :class:`CsvPartition` as items, never raising for a broken row."""
    with open(partition.path, "rb") as file:
        yield from _PieceLines(file, partition).items()


class CsvPiece(NamedTuple):
    """Whole rows of a cables.csv file that a worker reads itself: only this small tuple
    crosses to it, and one block of bytes comes back."""

    partition: CsvPartition
    step: int  # the piece size the cuts were planned with: where the next pieces start
    fraction: float  # how far through the file the piece ends

    def read(self) -> tuple[list[RawItem], Span | None]:
        """The items of the piece's rows, and the bytes they span: past the piece's end when
        its last row ran on (see :class:`_PieceLines`)."""
        with open(self.partition.path, "rb") as file:
            lines = _PieceLines(file, self.partition, self.step)
            items = list(lines.items())
        return items, (self.partition.start, lines.end)


def csv_pieces(path: str, step: int) -> Iterator[CsvPiece]:
    """A cables.csv file cut into ranges of whole rows of about ``step`` bytes, in order.

    The cuts are planned as the run goes, so work starts at once and memory stays flat.  The
    planning reads the file once, in order, to number the lines: about a second for the
    1.7 GB cables.csv, most of it ``bytes.count``, next to minutes of parsing.

    A row whose quote never closes runs on past the end of its piece, as it does when the
    file is read from the top; the piece it ran into is to be left out: its span
    (:meth:`CsvPiece.read`) starts before the end of the span read before it.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as file:
        start, line = 0, 1
        while start < size:
            end = _next_row_start(file, start + step, size)
            yield CsvPiece(CsvPartition(path, start, end, line), step, end / size)
            line += _count_lines(file, start, end)
            start = end
