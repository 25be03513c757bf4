"""The run of a bulk conversion: the input read into tasks, the tasks run on the workers (or
in this process), and the records written in input order."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass

from cablekit.bulk.inputs import open_input
from cablekit.bulk.items import STDIN
from cablekit.bulk.parquet import ParquetSink
from cablekit.bulk.partition import csv_pieces
from cablekit.bulk.progress import Progress
from cablekit.bulk.sinks import JsonLinesSink, Sink
from cablekit.bulk.workers import Task, Workers, chunks, default_jobs, run_task
from cablekit.errors import CableError
from cablekit.sources import OnSkip

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
    """What a run did: cables written, error records written, wall time in seconds."""

    cables: int
    errors: int
    seconds: float

    def __str__(self) -> str:
        rate = (self.cables + self.errors) / self.seconds if self.seconds > 0 else 0.0
        errors = "1 error" if self.errors == 1 else f"{self.errors:,} errors"
        cables = "1 cable" if self.cables == 1 else f"{self.cables:,} cables"
        return f"{cables}, {errors} in {self.seconds:.1f} s ({rate:,.0f} cables/s)"


def convert(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    output_format: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    follow_links: bool = False,
    on_skip: OnSkip | None = None,
) -> ConvertSummary:
    """Convert every cable at ``source`` into records written to ``output``, in input order.

    ``source`` is a cables.csv file, a folder of cable files, one cable file, or ``"-"`` for
    standard input (one cable, or a cables.csv stream).  ``output`` is a file path, or ``"-"``
    for standard output (JSON Lines only).  ``output_format`` is ``"jsonl"`` or
    ``"parquet"``; by default Parquet when ``output`` ends in ``.parquet``, else JSON Lines.
    ``jobs`` worker processes parse the cables (default: one per core; 1 parses in this
    process).  A cable that cannot be read becomes an error record and is counted; the run
    goes on.  In a folder, links that lead out of it, links to folders and special files
    are left out, ``on_skip(path, reason)`` told of each; ``follow_links`` follows every link.

    The output is written as ``<output>.partial`` (:func:`partial_path`) and renamed to
    ``output`` when the run is done, so ``output`` holds the whole result or what it held
    before.  A run that stops before its end (``KeyboardInterrupt``, which the command also
    raises for SIGTERM; :class:`WorkerDeathsError`) stops its workers at once and leaves the
    records written so far in the partial file; a run that cannot write (a full disk)
    removes it.

    Raises :class:`ConvertError` when the conversion cannot start (unknown format, pyarrow
    missing for Parquet, output that is the input), :class:`FileNotFoundError` or another
    :class:`OSError` when the input cannot be read or the output cannot be written (the
    error names the output), :class:`WorkerDeathsError` when worker processes died
    :data:`~cablekit.bulk.workers.MAX_DEATHS` times.
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
    with open_input(source, follow_links=follow_links, on_skip=on_skip) as found:
        sink: Sink = ParquetSink(out_name) if fmt == "parquet" else JsonLinesSink(out_name)
        pool: Workers | None = None
        try:
            pool = Workers(workers) if workers > 1 and not found.single else None
            tasks: Iterable[Task] = chunks(found)
            if pool is not None and found.csv_path is not None:
                # The workers read the rows themselves: the main process only plans the
                # pieces and writes what comes back, and leaves the cores to them.
                tasks = csv_pieces(found.csv_path, PIECE_BYTES)
            results = pool.run(tasks) if pool is not None else map(run_task, tasks)
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
    return ConvertSummary(cables, errors, time.monotonic() - started)


def _format_for(output: str | os.PathLike[str]) -> str:
    return "parquet" if os.fspath(output).lower().endswith(_PARQUET_SUFFIXES) else "jsonl"


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
