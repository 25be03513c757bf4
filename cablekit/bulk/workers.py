"""The tasks of a bulk conversion and the worker processes that run them, in input order.

A task is a chunk of cables the main process read (:class:`Chunk`) or a piece of a cables.csv
file a worker reads itself (:class:`~cablekit.bulk.partition.CsvPiece`); either way it comes
back as one block of JSON Lines (:class:`Done`), or, for a flat table, as the table's rows
and a block of the error records.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from multiprocessing.connection import wait
from typing import Any, NamedTuple, TypeVar, cast

from cablekit.bulk.inputs import FileBatch, Input
from cablekit.bulk.items import (
    ERROR_BYTES,
    RawItem,
    convert_item_bytes,
    convert_item_rows,
    convert_items_bytes,
    convert_items_rows,
    error_record,
)
from cablekit.bulk.partition import CsvPiece, Span
from cablekit.bulk.processes import Failure, Lifeline, WorkerProcess
from cablekit.errors import CableError
from cablekit.tables import Table

__all__ = [
    "MAX_DEATHS",
    "Chunk",
    "Done",
    "Task",
    "WorkerDeathsError",
    "Workers",
    "chunks",
    "default_jobs",
    "run_task",
]

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
    piece of a cables.csv file, the bytes its rows span.  For a flat table, ``rows`` holds
    the rows of its cables, and ``blob`` only the error records."""

    blob: bytes
    cables: int
    errors: int
    fraction: float | None
    span: Span | None
    rows: list[dict[str, Any]] | None = None


#: what one cable becomes: a line of JSON (bytes), or the rows of a table (a list)
Converted = bytes | list[dict[str, Any]]


def _done(
    converted: Iterable[Converted],
    fraction: float | None,
    span: Span | None,
    table: Table | None = None,
) -> Done:
    """Records from :func:`convert_item_bytes` as one block of JSON Lines, counted; with a
    ``table``, from :func:`convert_item_rows`: the rows, and the error records as the block."""
    records: list[bytes] = []
    table_rows: list[dict[str, Any]] | None = None if table is None else []
    tabled = 0
    for one in converted:
        if isinstance(one, bytes):
            records.append(one)
        else:
            assert table_rows is not None
            table_rows.extend(one)
            tabled += 1
    errors = sum(record.startswith(ERROR_BYTES) for record in records)
    blob = b"\n".join(records) + b"\n" if records else b""
    return Done(blob, len(records) - errors + tabled, errors, fraction, span, table_rows)


def converter(table: Table | None) -> Callable[[RawItem], Converted]:
    """How a worker converts one cable: to its line of JSON, or to the rows of ``table``."""
    if table is None:
        return convert_item_bytes
    return partial(convert_item_rows, table=table)


def batch_converter(table: Table | None) -> Callable[[list[RawItem]], Sequence[Converted]]:
    """How a worker converts the cables of a task: :func:`converter` of each, in order, the
    cables parsed together."""
    if table is None:
        return convert_items_bytes
    return partial(convert_items_rows, table=table)


class Chunk(NamedTuple):
    """Cables read by the main process, converted together."""

    items: list[RawItem]
    fraction: float | None  # how far through the input the reading was after this chunk

    def read(self) -> tuple[list[RawItem], Span | None]:
        """The cables of the chunk; it spans no bytes of a cables.csv file."""
        return self.items, None


Task = Chunk | CsvPiece | FileBatch


def run_task(task: Task, table: Table | None = None) -> Done:
    """What a worker process does with a task: read its cables and convert them, parsed as
    one batch (to the rows of ``table``, when one is named)."""
    items, span = task.read()
    return _done(batch_converter(table)(items), task.fraction, span, table)


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


#: worker processes that may die in one run (killed, out of memory, a crash in C code) before
#: the run stops with :class:`WorkerDeathsError`: each death costs a new worker and a rerun of
#: the work it lost, and a cable that kills every process it is parsed in costs three (its
#: worker, its task alone, itself alone)
MAX_DEATHS = 10


class WorkerDeathsError(CableError):
    """Worker processes died more often than a run allows (:data:`MAX_DEATHS`): the run
    stops rather than go on starting new ones."""


_Result = TypeVar("_Result")


class _Slot:
    """A task in the window, and what it gave once done."""

    __slots__ = ("done", "given", "task")

    def __init__(self, task: Task) -> None:
        self.task = task
        self.given = False
        self.done: Done | None = None


class Workers:
    """Worker processes fed a bounded window of tasks; results come back in input order.

    When a worker process dies (killed, out of memory, a crash in C code), the task it was
    running is lost with it.  That task is run again in a process of its own, and when it
    kills that process too it is run cable by cable: only the cable that kills its process
    becomes an error record.  A new worker takes the place of the dead one.  After
    :data:`MAX_DEATHS` deaths the run stops with :class:`WorkerDeathsError`.
    """

    def __init__(self, jobs: int, table: Table | None = None) -> None:
        self.jobs = jobs
        #: the flat table the cables are converted to, if any (:func:`run_task`)
        self.table = table
        self.deaths = 0
        self._lifeline = Lifeline()
        self._workers = [WorkerProcess(self._lifeline) for _ in range(jobs)]

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        """Run ``tasks`` on the workers; yield what each gives, in the order of ``tasks``."""
        window = self.jobs * _WINDOW_PER_JOB
        pending: deque[_Slot] = deque()
        remaining = iter(tasks)
        more = True
        while more or pending:
            while more and len(pending) < window:
                task = next(remaining, None)
                if task is None:
                    more = False
                else:
                    pending.append(_Slot(task))
            self._give(pending)
            while pending and pending[0].done is not None:
                done = pending.popleft().done
                assert done is not None
                yield done
            if pending and pending[0].done is None:
                self._wait()

    def _give(self, pending: deque[_Slot]) -> None:
        """Give the first tasks not yet given to the idle workers."""
        waiting = (slot for slot in pending if not slot.given)
        for index, worker in enumerate(self._workers):
            if worker.task is not None:
                continue
            slot = next(waiting, None)
            if slot is None:
                return
            slot.given = worker.give(partial(run_task, slot.task, self.table), slot)
            if not slot.given:  # it died while idle: the task goes to the next one free
                self._replace(index)

    def _wait(self) -> None:
        """Wait for a result or a death, and take it."""
        busy = [(index, worker) for index, worker in enumerate(self._workers) if worker.task]
        if not busy:  # a worker died before it took its task: give it out again first
            return
        watched: list[Any] = [worker.connection for _, worker in busy]
        watched += [worker.process.sentinel for _, worker in busy]
        ready = set(wait(watched))
        for index, worker in busy:
            if worker.connection in ready or worker.connection.poll():
                slot: _Slot = worker.task
                received, result = worker.take()
                if received:
                    slot.done = self._result(slot.task, result)
                else:  # it died before it had sent all of its result
                    self._replace(index)
            elif worker.process.sentinel in ready:  # it died with nothing sent
                self._replace(index)

    def _result(self, task: Task, result: object) -> Done:
        if isinstance(result, Failure):  # the task raised in the worker
            items, span = task.read()
            message = f"a worker process failed: {result.message}"
            errors = [_worker_error(item, message) for item in items]
            return _done(errors, task.fraction, span, self.table)
        assert isinstance(result, Done)
        return result

    def _replace(self, index: int) -> None:
        """The worker at ``index`` died: rerun its task apart, and start a new worker."""
        dead = self._workers[index]
        slot: _Slot | None = dead.task
        dead.kill()
        self._died()
        self._workers[index] = WorkerProcess(self._lifeline)
        if slot is not None:
            slot.done = self._isolated(slot.task)

    def _died(self) -> None:
        self.deaths += 1
        if self.deaths >= MAX_DEATHS:
            raise WorkerDeathsError(
                f"worker processes died {self.deaths} times (killed, or out of memory); "
                "the run stops"
            )

    def _isolated(self, task: Task) -> Done:
        items, span = task.read()  # a piece is read here: its cables are needed if it kills
        if len(items) > 1:
            done = self._alone(partial(run_task, task, self.table))
            if done is not None:
                return self._result(task, done)
        converted: list[Converted] = []
        convert = converter(self.table)
        for item in items:
            one = self._alone(partial(convert, item))
            if one is None or isinstance(one, Failure):
                one = _worker_error(item, "the worker process parsing this cable died")
            converted.append(one)
        return _done(converted, task.fraction, span, self.table)

    def _alone(self, work: Callable[[], _Result]) -> _Result | None:
        """``work`` done in a process of its own; ``None`` if it dies."""
        solo = WorkerProcess(self._lifeline)
        try:
            if solo.give(work, work):
                received, result = solo.take()
                if received:
                    return cast(_Result, result)
        finally:
            solo.kill()
        self._died()
        return None

    def close(self) -> None:
        """Stop the workers once their work is done."""
        try:
            for worker in self._workers:
                worker.stop()
        finally:
            self._lifeline.cut()

    def abort(self) -> None:
        """Stop the workers at once, whatever they are doing (the run stopped)."""
        self._lifeline.cut()
        for worker in self._workers:
            worker.kill()


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
