"""The tasks of a bulk conversion and the worker processes that run them, in input order.

A task is a chunk of cables the main process read (:class:`Chunk`) or a piece of a cables.csv
file a worker reads itself (:class:`~cablekit.bulk.partition.CsvPiece`); either way it comes
back as one block of JSON Lines (:class:`Done`).
"""

from __future__ import annotations

import gc
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import NamedTuple, TypeVar

from cablekit import _fast
from cablekit.bulk.inputs import Input
from cablekit.bulk.items import ERROR_BYTES, RawItem, convert_item_bytes, error_record
from cablekit.bulk.partition import CsvPiece, Span

__all__ = ["Chunk", "Done", "Task", "Workers", "chunks", "default_jobs", "run_task"]

_CHUNK_CABLES = 32  # cables sent to a worker at a time
_CHUNK_BYTES = 1 << 20  # ... or fewer, when they hold more text than this
_WINDOW_PER_JOB = 4  # chunks or pieces in flight per worker: keeps workers busy, memory bounded


def default_jobs() -> int:
    """The number of cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


class Done(NamedTuple):
    """A task done: its records as JSON Lines (UTF-8, each line ending in a newline), how
    many are cables and how many error records, how far through the input it is, and for a
    piece of a cables.csv file, the bytes its rows span."""

    blob: bytes
    cables: int
    errors: int
    fraction: float | None
    span: Span | None


def _done(lines: Iterable[bytes], fraction: float | None, span: Span | None) -> Done:
    """Records from :func:`convert_item_bytes` as one block of JSON Lines, counted."""
    records = list(lines)
    errors = sum(record.startswith(ERROR_BYTES) for record in records)
    blob = b"\n".join(records) + b"\n" if records else b""
    return Done(blob, len(records) - errors, errors, fraction, span)


class Chunk(NamedTuple):
    """Cables read by the main process, converted together."""

    items: list[RawItem]
    fraction: float | None  # how far through the input the reading was after this chunk

    def read(self) -> tuple[list[RawItem], Span | None]:
        """The cables of the chunk; it spans no bytes of a cables.csv file."""
        return self.items, None


Task = Chunk | CsvPiece


def run_task(task: Task) -> Done:
    """What a worker process does with a task: read its cables and convert each."""
    items, span = task.read()
    return _done(map(convert_item_bytes, items), task.fraction, span)


def chunks(found: Input) -> Iterator[Chunk]:
    """The items of ``found`` in chunks of a few cables (fewer when their text is long)."""
    chunk: list[RawItem] = []
    size = 0
    for item in found.items:
        chunk.append(item)
        size += len(item.text or "")
        if len(chunk) >= _CHUNK_CABLES or size >= _CHUNK_BYTES:
            yield Chunk(chunk, found.fraction() if found.fraction else None)
            chunk, size = [], 0
    if chunk:
        yield Chunk(chunk, found.fraction() if found.fraction else None)


def _start_worker() -> None:
    """Worker start: Ctrl-C is for the main process, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _fast.ENABLED:
        # The collector of reference cycles runs far less often: a parse leaves almost
        # none, and with the default thresholds the collector takes about 2 % of a worker's
        # time looking.  The objects there at the start (modules, tables) are frozen out of
        # its sight.
        gc.freeze()
        gc.set_threshold(20_000, 10, 10)


_Result = TypeVar("_Result")


class Workers:
    """Worker processes fed a bounded window of tasks; results come back in input order.

    When a worker process dies (killed, out of memory, a crash in C code), every task in
    flight is lost with the pool.  Those tasks are then run again one at a time, each in a
    process of its own, and a task that kills that process too is run cable by cable: only
    the cable that kills its process becomes an error record.  Then a new pool goes on.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pending: deque[tuple[Task, Future[Done]]] = deque()
        self._executor = self._start(jobs)

    @staticmethod
    def _start(jobs: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, initializer=_start_worker)

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        """Run ``tasks`` on the workers; yield what each gives, in the order of ``tasks``."""
        window = self.jobs * _WINDOW_PER_JOB
        for task in tasks:
            self._pending.append((task, self._executor.submit(run_task, task)))
            if len(self._pending) >= window:
                yield self._oldest()
        while self._pending:
            yield self._oldest()

    def _oldest(self) -> Done:
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

    def _isolated(self, task: Task) -> Done:
        items, span = task.read()  # a piece is read here: its cables are needed if it kills
        if len(items) > 1:
            done = self._alone(partial(run_task, task))
            if done is not None:
                return done
        lines = []
        for item in items:
            line = self._alone(partial(convert_item_bytes, item))
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
