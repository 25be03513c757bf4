"""Bulk conversion: many cables in, one JSON Lines or Parquet file out.

:func:`convert` reads a cables.csv file, a folder of cable files, one file or standard input,
parses every cable and writes one record per cable, in input order.  It streams: however
large the input, only a bounded window of cables is in memory at any time.

The work is split the same way on one core, on several (``jobs``: worker processes) and on
many machines (Dask, see ``docs/distributed.md``):

1. reading turns the input into :class:`RawItem` values: the raw text of one cable and what
   its container said (row id, created date...), small and picklable;
2. :func:`convert_item` parses one item with :func:`cablekit.parse` and returns one line of
   JSON: the cable, or an error record when it cannot be read;
3. the lines are written in order, as JSON Lines or as Parquet row groups.

With worker processes and a cables.csv file, the workers read the cables too: the main
process only cuts the file into byte ranges of whole rows (:class:`CsvPartition`) and writes,
in order, the block of JSON Lines each worker sends back for its range.

A cable that fails never stops the run.  It becomes an error record::

    {"error": {"type": "CableParseError", "message": "...", "source": "cables.csv",
               "line": 1234, "row": 17, "reference_id": "09ASTANA95"}}

``line`` is where the problem is in ``source``: for a cables.csv row, the line the row starts
on; for a file, the line the parser named.  ``row`` and ``reference_id`` are ``null`` when
not known.  In Parquet output the same record fills the ``error`` column of the cable's row.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import signal
import sys
import time
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import partial
from itertools import chain, pairwise
from pathlib import Path
from typing import IO, Any, NamedTuple, TextIO, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

from cablekit.api import parse
from cablekit.errors import CableError, CableParseError
from cablekit.models import Cable, Metadata

# The row-by-row pieces of the cables.csv reader and the folder walk of ``iter_path``:
# ``iter_csv`` and ``iter_path`` stop at the first broken row or file, a bulk run must not.
from cablekit.sources import (
    BLOCK,
    Rows,
    cable_files,
    decode_block,
    decode_chars,
    decoded_blocks,
    is_cables_csv,
    looks_like_cables_csv,
    read_cable_file,
    read_input,
    row_to_cable,
)

__all__ = [
    "FORMATS",
    "ConvertError",
    "ConvertSummary",
    "CsvPartition",
    "Progress",
    "RawItem",
    "convert",
    "convert_item",
    "csv_partitions",
    "default_jobs",
    "is_error_record",
    "iter_csv_partition",
    "iter_items",
    "read_file",
]

#: Output formats :func:`convert` writes.
FORMATS = ("jsonl", "parquet")

STDIN = "-"
STDIN_NAME = "<stdin>"

_ERROR_PREFIX = '{"error":'
_ERROR_BYTES = _ERROR_PREFIX.encode()
_CHUNK_CABLES = 32  # cables sent to a worker at a time
_CHUNK_BYTES = 1 << 20  # ... or fewer, when they hold more text than this
_PIECE_BYTES = 512 << 10  # bytes of a cables.csv file a worker reads and converts at a time
_READ_BYTES = 4 << 20  # bytes of a partition read at a time: more than a piece, so one read
_WINDOW_PER_JOB = 4  # chunks or pieces in flight per worker: keeps workers busy, memory bounded
_FIELD_SIZE_LIMIT = 64 * 1024 * 1024  # as in cablekit.sources.cables_csv
_PARQUET_ROWS = 1000  # cables per Parquet row group
_PARQUET_BYTES = 32 << 20  # ... or fewer, when their JSON is larger than this
_PARQUET_SUFFIXES = (".parquet", ".pq")
_PYARROW_MISSING = (
    "writing Parquet needs pyarrow, which is not installed; "
    "install it with: pip install 'cablekit[parquet]'"
)


class ConvertError(CableError):
    """A conversion that cannot start: a bad format, a missing optional dependency, an output
    that would overwrite the input."""


class RawItem(NamedTuple):
    """One cable as read from its container, before parsing: what crosses to a worker.

    ``text`` is ``None`` when reading already failed; ``error`` then holds the error record
    (one line of JSON) to write in its place.
    """

    text: str | None
    metadata: Metadata | None
    source: str
    line: int | None
    error: str | None = None


@dataclass(frozen=True)
class ConvertSummary:
    """What a run did: cables written, error records written, wall time in seconds."""

    cables: int
    errors: int
    seconds: float

    def __str__(self) -> str:
        rate = (self.cables + self.errors) / self.seconds if self.seconds > 0 else 0.0
        errors = "1 error" if self.errors == 1 else f"{self.errors:,} errors"
        cables = "1 cable" if self.cables == 1 else f"{self.cables:,} cables"
        return f"{cables}, {errors} in {self.seconds:.1f} s ({rate:,.0f} cables/s)"


def default_jobs() -> int:
    """The number of cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


# --- one cable ------------------------------------------------------------------------------


def error_record(
    kind: str,
    message: str,
    *,
    source: str,
    line: int | None = None,
    row: int | None = None,
    reference_id: str | None = None,
) -> str:
    """One line of JSON saying why a cable could not be converted."""
    return json.dumps(
        {
            "error": {
                "type": kind,
                "message": _writable(message),
                "source": _writable(source),
                "line": line,
                "row": row,
                "reference_id": None if reference_id is None else _writable(reference_id),
            }
        },
        ensure_ascii=False,
    )


def _writable(text: str) -> str:
    """``text`` with lone surrogates (from ``str`` input) replaced, so it encodes as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def is_error_record(line: str) -> bool:
    """Tell an error record from a cable in the output of :func:`convert_item`."""
    return line.startswith(_ERROR_PREFIX)


def convert_item(item: RawItem) -> str:
    """Parse one cable with :func:`cablekit.parse`; return it as one line of JSON (no newline).

    Never raises for a bad cable: a cable that cannot be parsed, and any unexpected failure
    of the parser, gives an error record instead (see the module documentation).
    """
    return _record(item).decode("utf-8")


# Cable.model_dump_json() is this serializer's bytes, decoded: the workers keep the bytes.
_cable_json = Cable.__pydantic_serializer__.to_json


def _record(item: RawItem) -> bytes:
    """:func:`convert_item` as UTF-8 bytes, the form the output is written in."""
    if item.text is None:
        return (item.error or error_record("CableError", "no text", source=item.source)).encode()
    metadata = item.metadata
    row = metadata.row if metadata is not None else None
    reference_id = metadata.reference_id if metadata is not None else None
    try:
        return _cable_json(parse(item.text, metadata=metadata))
    except CableError as problem:  # raised on purpose: the message says what is wrong
        found_at = getattr(problem, "line", None)
        line = item.line if item.line is not None else found_at
        return error_record(
            type(problem).__name__,
            str(problem),
            source=item.source,
            line=line,
            row=row,
            reference_id=reference_id,
        ).encode()
    except Exception as problem:  # a parser bug must not end a run of 250,000 cables
        return error_record(
            type(problem).__name__,
            f"internal error while parsing this cable ({problem}); please report it",
            source=item.source,
            line=item.line,
            row=row,
            reference_id=reference_id,
        ).encode()


def _start_worker() -> None:
    """Worker start: Ctrl-C is for the main process, which stops the workers.

    The collector of reference cycles runs far less often: a parse leaves almost none, and
    with the default thresholds the collector takes about 2 % of a worker's time looking.
    The objects there at the start (modules, tables) are frozen out of its sight.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


# --- reading --------------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str]) -> RawItem:
    """Read one file as one cable (text, Markdown or a cablegate page), never raising.

    The reference id comes from the page or, failing that, from a file name that looks like
    one (``09ASTANA95.txt``).  A file that cannot be read gives an item holding an error
    record.
    """
    location = Path(path)
    name = os.fspath(path)
    try:
        raw = read_cable_file(location)
    except CableParseError as problem:
        return RawItem(None, None, name, problem.line, _reading_error(problem, name))
    except OSError as problem:
        message = problem.strerror or str(problem)
        return RawItem(None, None, name, None, error_record("OSError", message, source=name))
    return RawItem(raw.text, raw.metadata, name, None)


def _reading_error(
    problem: CableParseError, source: str, *, row: int | None = None, ref: str | None = None
) -> str:
    return error_record(
        type(problem).__name__,
        str(problem),
        source=source,
        line=problem.line,
        row=row,
        reference_id=ref,
    )


def _row_number(row: list[str]) -> int | None:
    first = row[0].strip() if row else ""
    return int(first) if first.isdigit() else None


def _csv_items(rows: Rows, source: str) -> Iterator[RawItem]:
    """The rows of a cables.csv file as items; a broken row gives an error item, and the
    reading goes on with the next row."""
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    while True:
        try:
            row = rows.next_row()
        except csv.Error as problem:
            line = rows.row_start
            rows.skip_broken_row()
            yield RawItem(
                None,
                None,
                source,
                line,
                error_record(
                    "CableParseError",
                    f"cables.csv row at line {line} cannot be read: {problem}",
                    source=source,
                    line=line,
                ),
            )
            continue
        if row is None:
            return
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line between or after the rows
        try:
            raw = row_to_cable(row, rows)
        except CableParseError as problem:
            reference_id = row[2].strip() or None if len(row) > 2 else None
            error = _reading_error(problem, source, row=_row_number(row), ref=reference_id)
            yield RawItem(None, None, source, rows.row_start, error)
            continue
        yield RawItem(raw.text, raw.metadata, source, rows.row_start)


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
    ``step``, the piece size its cuts were planned with (see :func:`_csv_pieces`), a row still
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
            data = self._file.read(min(self._partition.end - self._position, _READ_BYTES))
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
        """The rows as items (see :func:`_csv_items`)."""
        part = self._partition
        stop = self._at_cut if self._step is not None else None
        return _csv_items(Rows(self._blocks(), part.first_line, stop=stop), part.path)


def iter_csv_partition(partition: CsvPartition) -> Iterator[RawItem]:
    """Read the rows of one :class:`CsvPartition` as items, never raising for a broken row."""
    with open(partition.path, "rb") as file:
        yield from _PieceLines(file, partition).items()


def iter_items(source: str | os.PathLike[str]) -> Iterator[RawItem]:
    """Every cable at ``source`` (a cables.csv file, a folder or one file) as items, in order.

    Like :func:`cablekit.iter_cables` but never stopping: a row or file that cannot be read
    gives an item holding an error record.
    """
    with _open_input(source) as found:
        yield from found.items


class _Input:
    """The items of an input and how far through it the reading is.

    ``csv_path`` names the input when it is a cables.csv file, which workers can read in
    pieces themselves.
    """

    def __init__(
        self,
        items: Iterator[RawItem],
        *,
        total: int | None = None,
        fraction: Callable[[], float] | None = None,
        single: bool = False,
        file: IO[bytes] | None = None,
        csv_path: str | None = None,
    ) -> None:
        self.items = items
        self.total = total
        self.fraction = fraction
        self.single = single
        self.csv_path = csv_path
        self._file = file

    def __enter__(self) -> _Input:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()


def _open_input(source: str | os.PathLike[str]) -> _Input:
    name = os.fspath(source)
    if name == STDIN:
        return _stdin_input()
    location = Path(name)
    if location.is_dir():
        files = cable_files(location)
        return _Input((read_file(path) for path in files), total=len(files))
    if not location.exists():
        raise FileNotFoundError(2, "No such file or directory", name)
    if is_cables_csv(location):
        size = location.stat().st_size
        file = open(location, "rb")  # noqa: SIM115 - closed by _Input.__exit__
        return _Input(
            _csv_items(Rows(decoded_blocks(file)), name),
            fraction=lambda: file.tell() / size if size else 1.0,
            file=file,
            csv_path=name,
        )
    return _Input(iter([read_file(location)]), total=1, single=True)


def _stdin_input() -> _Input:
    buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stand-in, or no standard input
        data = sys.stdin.read().encode("utf-8") if sys.stdin is not None else b""
        buffer = io.BytesIO(data)
    first = buffer.readline()
    if looks_like_cables_csv(first):
        blocks = chain([decode_block([first], first=True)], decoded_blocks(buffer, start=False))
        return _Input(_csv_items(Rows(blocks), STDIN_NAME))
    data = first + buffer.read()
    try:
        raw = read_input(data)
    except CableParseError as problem:
        item = RawItem(None, None, STDIN_NAME, problem.line, _reading_error(problem, STDIN_NAME))
    else:
        item = RawItem(raw.text, raw.metadata, STDIN_NAME, None)
    return _Input(iter([item]), total=1, single=True)


# --- running --------------------------------------------------------------------------------

_Span = tuple[int, int]  # the bytes of a cables.csv file whose rows a piece read


class _Done(NamedTuple):
    """A task done: its records as JSON Lines (UTF-8, each line ending in a newline), how
    many are cables and how many error records, how far through the input it is, and for a
    piece of a cables.csv file, the bytes its rows span."""

    blob: bytes
    cables: int
    errors: int
    fraction: float | None
    span: _Span | None


def _done(lines: Iterable[bytes], fraction: float | None, span: _Span | None) -> _Done:
    """Records from :func:`_record` as one block of JSON Lines, counted."""
    records = list(lines)
    errors = sum(record.startswith(_ERROR_BYTES) for record in records)
    blob = b"\n".join(records) + b"\n" if records else b""
    return _Done(blob, len(records) - errors, errors, fraction, span)


class _Chunk(NamedTuple):
    """Cables read by the main process, converted together."""

    items: list[RawItem]
    fraction: float | None  # how far through the input the reading was after this chunk

    def read(self) -> tuple[list[RawItem], _Span | None]:
        return self.items, None


class _Piece(NamedTuple):
    """Whole rows of a cables.csv file that a worker reads itself: only this small tuple
    crosses to it, and one block of bytes comes back."""

    partition: CsvPartition
    step: int  # the piece size the cuts were planned with: where the next pieces start
    fraction: float

    def read(self) -> tuple[list[RawItem], _Span | None]:
        with open(self.partition.path, "rb") as file:
            lines = _PieceLines(file, self.partition, self.step)
            items = list(lines.items())
        return items, (self.partition.start, lines.end)


_Task = _Chunk | _Piece


def _run(task: _Task) -> _Done:
    """What a worker process does with a task: read its cables and convert each."""
    items, span = task.read()
    return _done(map(_record, items), task.fraction, span)


def _chunks(found: _Input) -> Iterator[_Chunk]:
    chunk: list[RawItem] = []
    size = 0
    for item in found.items:
        chunk.append(item)
        size += len(item.text or "")
        if len(chunk) >= _CHUNK_CABLES or size >= _CHUNK_BYTES:
            yield _Chunk(chunk, found.fraction() if found.fraction else None)
            chunk, size = [], 0
    if chunk:
        yield _Chunk(chunk, found.fraction() if found.fraction else None)


def _csv_pieces(path: str, step: int) -> Iterator[_Piece]:
    """A cables.csv file cut into ranges of whole rows of about ``step`` bytes, in order.

    The cuts are planned as the run goes, so work starts at once and memory stays flat.  The
    planning reads the file once, in order, to number the lines: about a second for the
    1.7 GB cables.csv, most of it ``bytes.count``, next to minutes of parsing.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as file:
        start, line = 0, 1
        while start < size:
            end = _next_row_start(file, start + step, size)
            yield _Piece(CsvPartition(path, start, end, line), step, end / size)
            line += _count_lines(file, start, end)
            start = end


_Result = TypeVar("_Result")


class _Workers:
    """Worker processes fed a bounded window of tasks; results come back in input order.

    When a worker process dies (killed, out of memory, a crash in C code), every task in
    flight is lost with the pool.  Those tasks are then run again one at a time, each in a
    process of its own, and a task that kills that process too is run cable by cable: only
    the cable that kills its process becomes an error record.  Then a new pool goes on.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pending: deque[tuple[_Task, Future[_Done]]] = deque()
        self._executor = self._start(jobs)

    @staticmethod
    def _start(jobs: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, initializer=_start_worker)

    def run(self, tasks: Iterable[_Task]) -> Iterator[_Done]:
        window = self.jobs * _WINDOW_PER_JOB
        for task in tasks:
            self._pending.append((task, self._executor.submit(_run, task)))
            if len(self._pending) >= window:
                yield self._oldest()
        while self._pending:
            yield self._oldest()

    def _oldest(self) -> _Done:
        task, future = self._pending[0]
        try:
            done = future.result()
        except BrokenProcessPool:
            self._recover()
            task, future = self._pending[0]
            done = future.result()
        except Exception as problem:  # e.g. an item that cannot be pickled
            items, span = task.read()
            message = f"a worker process failed: {problem}"
            done = _done([_worker_error(item, message) for item in items], task.fraction, span)
        self._pending.popleft()
        return done

    def _recover(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        waiting = list(self._pending)
        self._pending.clear()
        for task, future in waiting:
            finished = future.done() and not future.cancelled() and future.exception() is None
            if not finished:  # lost with the pool: run it again, apart
                future = Future()
                future.set_result(self._isolated(task))
            self._pending.append((task, future))
        self._executor = self._start(self.jobs)

    def _isolated(self, task: _Task) -> _Done:
        items, span = task.read()  # a piece is read here: its cables are needed if it kills
        if len(items) > 1:
            done = self._alone(partial(_run, task))
            if done is not None:
                return done
        lines = []
        for item in items:
            line = self._alone(partial(_record, item))
            if line is None:
                line = _worker_error(item, "the worker process parsing this cable died")
            lines.append(line)
        return _done(lines, task.fraction, span)

    def _alone(self, work: Callable[[], _Result]) -> _Result | None:
        """``work`` done in a process of its own; ``None`` if it dies."""
        with self._start(1) as solo:
            try:
                return solo.submit(work).result()
            except BrokenProcessPool:
                return None

    def close(self) -> None:
        """Stop the workers; tasks not yet started are dropped."""
        self._executor.shutdown(wait=True, cancel_futures=True)


def _worker_error(item: RawItem, message: str) -> bytes:
    metadata = item.metadata
    return error_record(
        "WorkerError",
        message,
        source=item.source,
        line=item.line,
        row=metadata.row if metadata else None,
        reference_id=metadata.reference_id if metadata else None,
    ).encode()


class Progress:
    """A one-line progress display (count, rate, and percent and ETA when known) on a
    terminal; the caller decides whether there is one."""

    def __init__(
        self,
        stream: TextIO,
        *,
        interval: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._interval = interval
        self._clock = clock
        self._started = clock()
        self._shown = float("-inf")
        self._drawn = False

    def update(
        self, done: int, errors: int, fraction: float | None, *, final: bool = False
    ) -> None:
        """Redraw the line, at most every ``interval`` seconds unless ``final``."""
        now = self._clock()
        if not final and now - self._shown < self._interval:
            return
        self._shown = now
        elapsed = now - self._started
        parts = [f"{done:,} cables"]
        if errors:
            parts.append(f"{errors:,} errors")
        if elapsed > 0:
            parts.append(f"{done / elapsed:,.0f}/s")
        if fraction is not None:
            fraction = min(max(fraction, 0.0), 1.0)
            parts.append(f"{fraction:4.0%}")
            if 0 < fraction < 1 and elapsed >= 1:
                parts.append(f"ETA {_clock(elapsed * (1 - fraction) / fraction)}")
        self._stream.write("\r" + "  ".join(parts) + "\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the line, leaving the terminal as it was."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def convert(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    output_format: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ConvertSummary:
    """Convert every cable at ``source`` into records written to ``output``, in input order.

    ``source`` is a cables.csv file, a folder of cable files, one cable file, or ``"-"`` for
    standard input (one cable, or a cables.csv stream).  ``output`` is a file path, or ``"-"``
    for standard output (JSON Lines only).  ``output_format`` is ``"jsonl"`` or
    ``"parquet"``; by default Parquet when ``output`` ends in ``.parquet``, else JSON Lines.
    ``jobs`` worker processes parse the cables (default: one per core; 1 parses in this
    process).  A cable that cannot be read becomes an error record and is counted; the run
    goes on.

    Raises :class:`ConvertError` when the conversion cannot start (unknown format, pyarrow
    missing for Parquet, output that is the input), :class:`FileNotFoundError` or another
    :class:`OSError` when the input or output cannot be opened.
    """
    fmt = output_format or _format_for(output)
    if fmt not in FORMATS:
        raise ConvertError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_name = os.fspath(output)
    if fmt == "parquet":
        _require_pyarrow()
        if out_name == STDIN:
            raise ConvertError("Parquet cannot be written to standard output; name a file")
    in_name = os.fspath(source)
    if in_name != STDIN and out_name != STDIN and _same_file(in_name, out_name):
        raise ConvertError(f"the output {out_name} is the input; name another file")
    workers = max(1, jobs if jobs is not None else default_jobs())

    started = time.monotonic()
    cables = errors = 0
    with _open_input(source) as found:
        sink = _ParquetSink(out_name) if fmt == "parquet" else _JsonLinesSink(out_name)
        pool = _Workers(workers) if workers > 1 and not found.single else None
        try:
            tasks: Iterable[_Task] = _chunks(found)
            if pool is not None and found.csv_path is not None:
                # The workers read the rows themselves: the main process only plans the
                # pieces and writes what comes back, and leaves the cores to them.
                tasks = _csv_pieces(found.csv_path, _PIECE_BYTES)
            results = pool.run(tasks) if pool is not None else map(_run, tasks)
            reached = 0  # where the rows written so far end, for pieces of a cables.csv file
            for done in results:
                if done.span is not None:
                    start, end = done.span
                    if start < reached:
                        continue  # read already, by a piece whose last row ran on into it
                    reached = end
                sink.write_block(done.blob)
                cables += done.cables
                errors += done.errors
                if progress is not None:
                    count = cables + errors
                    known = count / found.total if found.total else done.fraction
                    progress.update(count, errors, known)
        finally:
            if pool is not None:
                pool.close()
            sink.close()
            if progress is not None:
                progress.close()
    return ConvertSummary(cables, errors, time.monotonic() - started)


def _format_for(output: str | os.PathLike[str]) -> str:
    return "parquet" if os.fspath(output).lower().endswith(_PARQUET_SUFFIXES) else "jsonl"


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


# --- writing --------------------------------------------------------------------------------


class _JsonLinesSink:
    def __init__(self, name: str) -> None:
        self._file: IO[bytes] | None = None
        self._text: TextIO | None = None
        if name != STDIN:
            self._file = open(name, "wb", buffering=1 << 20)  # noqa: SIM115
        elif getattr(sys.stdout, "buffer", None) is not None:
            self._stdout: IO[bytes] = sys.stdout.buffer
        else:  # a text-only stand-in for standard output
            self._text = sys.stdout

    def write_block(self, data: bytes) -> None:
        """Write lines of JSON, UTF-8, each ending in a newline."""
        if self._text is not None:
            self._text.write(data.decode("utf-8"))
        else:
            (self._file or self._stdout).write(data)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        elif self._text is not None:
            self._text.flush()
        else:
            self._stdout.flush()


def _require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ConvertError(_PYARROW_MISSING) from None


@dataclass(frozen=True)
class _Column:
    """A Parquet column: where its value sits in the cable JSON, and its Arrow type."""

    name: str
    path: tuple[str, ...]
    type: Any  # pyarrow.DataType
    convert: Callable[[Any], Any] | None = None


def _optional_inner(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _json_text(value: Any) -> Any:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _from_iso_datetime(value: Any) -> Any:
    if value is None:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _from_iso_date(value: Any) -> Any:
    return None if value is None else date.fromisoformat(str(value))


def _nested_type(annotation: Any) -> tuple[Any, Callable[[Any], Any] | None]:
    """The Arrow type of a value inside a list or struct, and how to convert its JSON
    value (``None``: as it is)."""
    import pyarrow as pa

    annotation = _optional_inner(annotation)
    origin = get_origin(annotation)
    if origin is list:
        (element,) = get_args(annotation) or (Any,)
        inner, convert_inner = _nested_type(element)
        if convert_inner is None:
            return pa.list_(inner), None
        convert_element = convert_inner

        def convert_list(value: Any) -> Any:
            return None if value is None else [convert_element(v) for v in value]

        return pa.list_(inner), convert_list
    if _is_model(annotation):
        fields = []
        converters: dict[str, Callable[[Any], Any]] = {}
        for name, field in annotation.model_fields.items():
            kind, convert_field = _nested_type(field.annotation)
            fields.append(pa.field(name, kind))
            if convert_field is not None:
                converters[name] = convert_field
        if not converters:
            return pa.struct(fields), None

        def convert_struct(value: Any) -> Any:
            if value is None:
                return None
            return {
                key: converters[key](item) if key in converters else item
                for key, item in value.items()
            }

        return pa.struct(fields), convert_struct
    if isinstance(annotation, type):
        if issubclass(annotation, Enum) or annotation is str:
            return pa.string(), None
        if annotation is bool:
            return pa.bool_(), None
        if annotation is int:
            return pa.int64(), None
        if annotation is float:
            return pa.float64(), None
        if issubclass(annotation, (datetime, date)):
            return pa.string(), None  # ISO text inside nested values
    return pa.string(), _json_text


def _columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[_Column]:
    """Flat columns for the scalar fields (nested models spread out as ``parent_field``),
    nested lists for the lists."""
    import pyarrow as pa

    columns: list[_Column] = []
    for name, field in model.model_fields.items():
        path = (*prefix, name)
        annotation = _optional_inner(field.annotation)
        if _is_model(annotation):
            columns.extend(_columns(annotation, path))
        elif annotation is datetime:
            columns.append(
                _Column("_".join(path), path, pa.timestamp("us", tz="UTC"), _from_iso_datetime)
            )
        elif annotation is date:
            columns.append(_Column("_".join(path), path, pa.date32(), _from_iso_date))
        else:
            kind, convert_value = _nested_type(annotation)
            columns.append(_Column("_".join(path), path, kind, convert_value))
    return columns


def _error_column() -> _Column:
    import pyarrow as pa

    kind = pa.struct(
        [
            pa.field("type", pa.string()),
            pa.field("message", pa.string()),
            pa.field("source", pa.string()),
            pa.field("line", pa.int64()),
            pa.field("row", pa.int64()),
            pa.field("reference_id", pa.string()),
        ]
    )
    return _Column("error", ("error",), kind)


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet output: one column per scalar field of the cable
    (nested models spread out, ``transmission_dtg``), lists for the list fields (paragraphs,
    recipients as lists of structs), and an ``error`` struct, null for converted cables."""
    import pyarrow as pa

    columns = [*_columns(Cable), _error_column()]
    return pa.schema([pa.field(column.name, column.type) for column in columns])


class _ParquetSink:
    """Cables written as Parquet row groups, so memory holds one group at most."""

    def __init__(self, name: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._columns = [*_columns(Cable), _error_column()]
        self._schema = pa.schema([pa.field(c.name, c.type) for c in self._columns])
        self._writer = pq.ParquetWriter(name, self._schema, compression="zstd")
        self._buffer: dict[str, list[Any]] = {c.name: [] for c in self._columns}
        self._rows = 0
        self._bytes = 0

    def write_block(self, data: bytes) -> None:
        """Write lines of JSON, UTF-8, each ending in a newline (JSON escapes a newline in a
        string, so each one ends a record)."""
        for line in data.decode("utf-8").split("\n")[:-1]:
            self.write(line)

    def write(self, line: str) -> None:
        record = json.loads(line)
        for column in self._columns:
            value: Any = record
            for key in column.path:
                value = value.get(key) if isinstance(value, dict) else None
                if value is None:
                    break
            if column.convert is not None and value is not None:
                value = column.convert(value)
            self._buffer[column.name].append(value)
        self._rows += 1
        self._bytes += len(line)
        if self._rows >= _PARQUET_ROWS or self._bytes >= _PARQUET_BYTES:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        pa = self._pa
        arrays = [pa.array(self._buffer[c.name], type=c.type) for c in self._columns]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        for values in self._buffer.values():
            values.clear()
        self._rows = self._bytes = 0

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()
