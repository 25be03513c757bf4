"""Reading the input of a bulk conversion into items, one cable at a time, never stopping.

``iter_csv`` and ``iter_path`` (:mod:`cablekit.sources`) stop at the first broken row or file;
a bulk run must not.  So the rows and files are read here with the same readers, one at a
time, and a row or file that cannot be read becomes an item holding an error record.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, NamedTuple

from cablekit.bulk.items import STDIN, STDIN_NAME, RawItem, error_record
from cablekit.errors import CableParseError
from cablekit.sources import (
    MAX_INPUT_SIZE,
    OnSkip,
    Rows,
    cable_files,
    csv_results,
    decode_block,
    decoded_blocks,
    is_cables_csv,
    is_stream,
    looks_like_cables_csv,
    read_cable_file,
    read_input,
    read_limited,
)

__all__ = [
    "FileBatch",
    "Input",
    "csv_items",
    "file_batches",
    "iter_items",
    "open_input",
    "read_file",
]

# a batch of a folder's files, for a worker to read: at most this many files, or fewer when
# their sizes add up to more than this (a PDF's text is a fraction of its size)
_BATCH_FILES = 32
_BATCH_BYTES = 1 << 20


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


class FileBatch(NamedTuple):
    """Files of a folder that a worker reads itself (PDF text extraction and decoding
    included): only their names cross to it."""

    paths: tuple[str, ...]
    fraction: float | None = None  # a folder's progress is counted in files, not read

    def read(self) -> tuple[list[RawItem], None]:
        """The items of the files (:func:`read_file`: a file that cannot be read gives an
        error item); they span no bytes of a cables.csv file."""
        return [read_file(path) for path in self.paths], None


def file_batches(files: list[Path]) -> Iterator[FileBatch]:
    """A folder's ``files`` in batches of a few, in order, by count and by size; a PDF file
    is a batch of its own (taking its text out costs about as much as parsing a hundred
    cables)."""
    batch: list[str] = []
    size = 0
    for path in files:
        if path.suffix.lower() == ".pdf":
            if batch:
                yield FileBatch(tuple(batch))
                batch, size = [], 0
            yield FileBatch((os.fspath(path),))
            continue
        batch.append(os.fspath(path))
        with contextlib.suppress(OSError):  # read_file reports it
            size += path.stat().st_size
        if len(batch) >= _BATCH_FILES or size >= _BATCH_BYTES:
            yield FileBatch(tuple(batch))
            batch, size = [], 0
    if batch:
        yield FileBatch(tuple(batch))


def _reading_error(
    problem: CableParseError, source: str, *, row: int | None = None, ref: str | None = None
) -> str:
    return error_record(
        type(problem).__name__,
        problem.message,  # the record says where: source, line, row
        source=source,
        line=problem.line,
        row=row,
        reference_id=ref,
    )


def csv_items(rows: Rows, source: str) -> Iterator[RawItem]:
    """The rows of a cables.csv file as items; a broken row gives an error item, and the
    reading goes on with the next row (:func:`~cablekit.sources.csv_results`: every row is
    accounted for)."""
    for result in csv_results(rows, source):
        if isinstance(result, CableParseError):
            error = _reading_error(result, source, row=result.row, ref=result.reference_id)
            yield RawItem(None, None, source, result.line, error)
        else:
            line = result.metadata.line if result.metadata is not None else None
            yield RawItem(result.text, result.metadata, source, line)


def iter_items(
    source: str | os.PathLike[str], *, follow_links: bool = False, on_skip: OnSkip | None = None
) -> Iterator[RawItem]:
    """Every cable at ``source`` (a cables.csv file, a folder or one file) as items, in order.

    Like :func:`cablekit.iter_cables` but never stopping: a row or file that cannot be read
    gives an item holding an error record.  ``follow_links`` and ``on_skip`` are as for
    :func:`cablekit.iter_cables`.
    """
    with open_input(source, follow_links=follow_links, on_skip=on_skip) as found:
        yield from found.items


class Input:
    """The items of an input and how far through it the reading is.

    ``csv_path`` names the input when it is a cables.csv file, which workers can read in
    pieces themselves; ``files`` are a folder's files, which workers can read in batches.
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
        files: list[Path] | None = None,
    ) -> None:
        self.items = items
        self.total = total
        self.fraction = fraction
        self.single = single
        self.csv_path = csv_path
        self.files = files
        self._file = file

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()


def open_input(
    source: str | os.PathLike[str], *, follow_links: bool = False, on_skip: OnSkip | None = None
) -> Input:
    """The items at ``source``: a cables.csv file, a folder, one file, a stream (a FIFO, a
    device), or ``"-"`` for standard input.  Raises :class:`FileNotFoundError` when there is
    nothing at ``source``.  ``follow_links`` and ``on_skip`` are for a folder, as for
    :func:`cablekit.iter_cables`."""
    name = os.fspath(source)
    if name == STDIN:
        return _stdin_input()
    location = Path(name)
    if location.is_dir():
        files = cable_files(location, follow_links=follow_links, on_skip=on_skip)
        return Input((read_file(path) for path in files), total=len(files), files=files)
    if not location.exists():
        raise FileNotFoundError(2, "No such file or directory", name)
    if is_stream(location):
        stream = open(location, "rb")  # noqa: SIM115 - closed by Input.__exit__
        return _stream_input(stream, name, file=stream)
    if is_cables_csv(location):
        size = location.stat().st_size
        file = open(location, "rb")  # noqa: SIM115 - closed by Input.__exit__
        return Input(
            csv_items(Rows(decoded_blocks(file)), name),
            fraction=lambda: file.tell() / size if size else 1.0,
            file=file,
            csv_path=name,
        )
    return Input(iter([read_file(location)]), total=1, single=True)


def _stdin_input() -> Input:
    buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stand-in, or no standard input
        data = sys.stdin.read().encode("utf-8") if sys.stdin is not None else b""
        buffer = io.BytesIO(data)
    return _stream_input(buffer, STDIN_NAME)


def _stream_input(stream: IO[bytes], name: str, *, file: IO[bytes] | None = None) -> Input:
    """A stream read once: cables.csv rows when its first line is one, else one cable (read
    up to the size limit of a cable)."""
    first = stream.readline(MAX_INPUT_SIZE + 1)
    if looks_like_cables_csv(first) or name.lower().endswith(".csv"):
        blocks = chain([decode_block([first], first=True)], decoded_blocks(stream, start=False))
        return Input(csv_items(Rows(blocks), name), file=file)
    try:
        raw = read_input(read_limited(stream, first))
    except CableParseError as problem:
        item = RawItem(None, None, name, problem.line, _reading_error(problem, name))
    else:
        item = RawItem(raw.text, raw.metadata, name, None)
    return Input(iter([item]), total=1, single=True, file=file)
