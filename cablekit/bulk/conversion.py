"""The run of a bulk conversion: the input read into tasks, the tasks run on the workers (or
in this process), and the records written in input order."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cablekit.bulk.inputs import file_batches, open_input
from cablekit.bulk.items import ERROR_BYTES, STDIN
from cablekit.bulk.parquet import ParquetSink
from cablekit.bulk.partition import csv_pieces
from cablekit.bulk.progress import Progress
from cablekit.bulk.sinks import JsonLinesSink, Sink
from cablekit.bulk.table_sinks import TABLE_FORMATS, TableSink
from cablekit.bulk.workers import Done, Task, Workers, chunks, default_jobs, run_task
from cablekit.errors import CableError
from cablekit.sources import OnSkip
from cablekit.tables import TABLES

__all__ = ["FORMATS", "PIECE_BYTES", "ConvertError", "ConvertSummary", "convert"]

#: Output formats :func:`convert` writes.
FORMATS = ("jsonl", "parquet")

#: bytes of a cables.csv file a worker reads and converts at a time
PIECE_BYTES = 512 << 10

_PARQUET_SUFFIXES = (".parquet", ".pq")
_PYARROW_MISSING = (
    "writing Parquet needs pyarrow, which is not installed; "
    "install it with: pip install 'cablekit[parquet]'"
)


class ConvertError(CableError):
    """A conversion that cannot start: a bad format, a missing optional dependency, an output
    that would overwrite the input."""


@dataclass(frozen=True)
class ConvertSummary:
    """What a run did: cables read, cables that could not be read (error records), wall time
    in seconds; with a table, the rows written and the table's name."""

    cables: int
    errors: int
    seconds: float
    rows: int | None = None
    table: str | None = None

    def __str__(self) -> str:
        rate = (self.cables + self.errors) / self.seconds if self.seconds > 0 else 0.0
        errors = "1 error" if self.errors == 1 else f"{self.errors:,} errors"
        cables = "1 cable" if self.cables == 1 else f"{self.cables:,} cables"
        text = f"{cables}, {errors} in {self.seconds:.1f} s ({rate:,.0f} cables/s)"
        if self.rows is not None:
            text += f"; {self.rows:,} rows of the {self.table} table"
        return text


def convert(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    output_format: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    follow_links: bool = False,
    on_skip: OnSkip | None = None,
    table: str | None = None,
    on_error: Callable[[dict[str, Any]], None] | None = None,
) -> ConvertSummary:
    """Convert every cable at ``source`` into records written to ``output``, in input order.

    ``source`` is a cables.csv file, a folder of cable files, one cable file, or ``"-"`` for
    standard input (one cable, or a cables.csv stream); or a list of them, whose records are
    written one input after the other into the one output.  ``output`` is a file path, or
    ``"-"`` for standard output (not Parquet).  ``output_format`` is ``"jsonl"`` or
    ``"parquet"`` (``"csv"`` too with ``table``); by default it follows the suffix of
    ``output`` (``.parquet``, ``.csv``; anything else JSON Lines).  ``jobs`` worker processes
    parse the cables (default: one per core; 1 parses in this process).  A cable that cannot
    be read becomes an error record and is counted, and ``on_error`` is given the record's
    ``"error"`` object; the run goes on.  In a folder, files that are not cable text, links
    that lead out of it, links to folders and special files are left out, ``on_skip(path,
    reason)`` told of each; ``follow_links`` follows every link.

    With ``table`` (one of :data:`cablekit.tables.TABLES`) the output holds the rows of that
    flat table (:func:`cablekit.tables.rows`) instead of the cables, in JSON Lines, CSV or
    Parquet with typed columns; error records are counted but not written, and
    :attr:`ConvertSummary.rows` counts the rows.

    The output is written as ``<output>.partial`` (:func:`partial_path`) and renamed to
    ``output`` when the run is done, so ``output`` holds the whole result or what it held
    before.  A run that stops before its end (``KeyboardInterrupt``, which the command also
    raises for SIGTERM; :class:`WorkerDeathsError`) stops its workers at once and leaves the
    records written so far in the partial file; a run that cannot write (a full disk)
    removes it.

    Raises :class:`ConvertError` when the conversion cannot start (unknown format or table,
    pyarrow missing for Parquet, output that is an input), :class:`FileNotFoundError` or
    another :class:`OSError` when an input cannot be read or the output cannot be written
    (the error names the output), :class:`WorkerDeathsError` when worker processes died
    :data:`~cablekit.bulk.workers.MAX_DEATHS` times.
    """
    sources = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    out_name = os.fspath(output)
    fmt = output_format or _format_for(output)
    sink_for = _sink_maker(fmt, table, out_name)
    # the workers make the table's rows: the main process only writes them
    table_name = next((known for known in TABLES if known == table), None)
    for one in sources:
        in_name = os.fspath(one)
        if in_name != STDIN and not os.path.exists(in_name):
            raise FileNotFoundError(2, "No such file or directory", in_name)
        if in_name != STDIN and out_name != STDIN and _same_file(in_name, out_name):
            raise ConvertError(f"the output {out_name} is the input; name another file")
    workers = max(1, jobs if jobs is not None else default_jobs())

    started = time.monotonic()
    run = _Run(progress, on_error)
    sink = sink_for()
    pool: Workers | None = None
    try:
        for one in sources:
            with open_input(one, follow_links=follow_links, on_skip=on_skip) as found:
                if pool is None and workers > 1 and not found.single:
                    pool = Workers(workers, table_name)
                tasks: Iterable[Task] = chunks(found)
                if pool is not None and found.csv_path is not None:
                    # The workers read the rows themselves: the main process only plans the
                    # pieces and writes what comes back, and leaves the cores to them.
                    tasks = csv_pieces(found.csv_path, PIECE_BYTES)
                elif pool is not None and found.files is not None:
                    tasks = file_batches(found.files)  # a folder's files, likewise
                results = (
                    pool.run(tasks)
                    if pool is not None
                    else (run_task(task, table_name) for task in tasks)
                )
                run.write(results, sink, found.total)
        if pool is not None:
            pool.close()
        sink.close()  # the output, whole, takes the place of what was there
    except BaseException:  # Ctrl-C and SIGTERM too: stop at once, keep what was written
        if pool is not None:
            pool.abort()
        sink.abandon()
        raise
    finally:
        if progress is not None:
            progress.close()
    rows = sink.rows if isinstance(sink, TableSink) else None
    return ConvertSummary(run.cables, run.errors, time.monotonic() - started, rows, table)


class _Run:
    """The counts of a run, its progress line and the errors it reports, as the results of
    the inputs are written one after the other."""

    def __init__(
        self, progress: Progress | None, on_error: Callable[[dict[str, Any]], None] | None
    ) -> None:
        self.cables = self.errors = 0
        self._progress = progress
        self._on_error = on_error

    def write(self, results: Iterable[Done], sink: Sink, total: int | None) -> None:
        reached = 0  # where the rows written so far end, for pieces of a cables.csv file
        before = self.cables + self.errors
        for done in results:
            if done.span is not None:
                start, end = done.span
                if start < reached:
                    continue  # read already, by a piece whose last row ran on into it
                reached = end
            sink.write_block(done.blob)
            if done.rows is not None:
                assert isinstance(sink, TableSink)
                sink.write_rows(done.rows)
            self.cables += done.cables
            self.errors += done.errors
            if done.errors and self._on_error is not None:
                for line in done.blob.split(b"\n"):
                    if line.startswith(ERROR_BYTES):
                        self._on_error(json.loads(line)["error"])
            if self._progress is not None:
                count = self.cables + self.errors
                known = (count - before) / total if total else done.fraction
                self._progress.update(count, self.errors, known)


def _sink_maker(fmt: str, table: str | None, out_name: str) -> Callable[[], Sink]:
    """How the output is opened, once the format and table are known to be right (raises
    :class:`ConvertError` before anything is read or written otherwise)."""
    if table is not None:
        if table not in TABLES:
            raise ConvertError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        if fmt not in TABLE_FORMATS:
            raise ConvertError(
                f"unknown output format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}"
            )
    elif fmt not in FORMATS:
        choices = ", ".join(FORMATS)
        extra = " (CSV holds a flat table: name one with --table)" if fmt == "csv" else ""
        raise ConvertError(f"unknown output format {fmt!r}; choose one of {choices}{extra}")
    if fmt == "parquet":
        _require_pyarrow()
        if out_name == STDIN:
            raise ConvertError("Parquet cannot be written to standard output; name a file")
    if table is not None:
        name = next(known for known in TABLES if known == table)
        return lambda: TableSink(out_name, name, fmt)
    if fmt == "parquet":
        return lambda: ParquetSink(out_name)
    return lambda: JsonLinesSink(out_name)


def _format_for(output: str | os.PathLike[str]) -> str:
    name = os.fspath(output).lower()
    if name.endswith(_PARQUET_SUFFIXES):
        return "parquet"
    return "csv" if name.endswith(".csv") else "jsonl"


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ConvertError(_PYARROW_MISSING) from None
