"""Reading every cable of an input past the ones that cannot be read.

:func:`~cablekit.sources.detect.iter_path` stops at the first file or row it cannot read.
The readers here go on: each yields, in input order, the raw cable of every file or row, or
in its place the :class:`~cablekit.errors.CableParseError` saying why it cannot be read,
located (``source``, ``line``, ``row``, ``reference_id``).  ``iter_cables(errors="skip" |
"collect")`` and the bulk conversion both read this way.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import IO

from cablekit.errors import CableParseError
from cablekit.sources.cables_csv import (
    Rows,
    decode_block,
    decoded_blocks,
    looks_like_cables_csv,
    row_to_cable,
)
from cablekit.sources.detect import file_cable, is_cables_csv, read_cable_file, read_input
from cablekit.sources.folders import OnSkip, cable_files
from cablekit.sources.raw import RawCable
from cablekit.sources.streams import MAX_INPUT_SIZE, is_stream, read_limited

__all__ = ["Result", "csv_results", "iter_results", "stream_results"]

#: A cable read from its container, or why it could not be.
Result = RawCable | CableParseError

_FIELD_SIZE_LIMIT = 64 * 1024 * 1024  # as in cablekit.sources.cables_csv


def _row_number(row: list[str]) -> int | None:
    first = row[0].strip() if row else ""
    return int(first) if first.isdigit() else None


def _ran_on(again: int | None) -> str:
    """What an error adds when a row ran on into the next ones."""
    if again is None:
        return ""
    return f"; a quote left open in it runs on into the row at line {again}, read on its own"


def csv_results(rows: Rows, source: str) -> Iterator[Result]:
    """The rows of a cables.csv file, read past the broken ones: a row that cannot be read
    gives its error, and the reading goes on with the next row.

    Every row is accounted for: a row whose quote is left open swallows the rows after it
    (the csv reader reads on to the next quote), so the reading goes back to the first of
    them (:meth:`~cablekit.sources.Rows.resync`), and a row that the end of the file cuts
    inside a quoted field is an error, not a cable.
    """
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    while True:
        try:
            row = rows.next_row()
        except csv.Error as problem:
            line = rows.row_start
            number, reference_id = rows.row_head()
            again = rows.resync()
            if again is None:
                rows.skip_broken_row()
            error = CableParseError(
                f"cables.csv row at line {line} cannot be read: {problem}{_ran_on(again)}",
                line=line,
            )
            error.reference_id = reference_id
            yield error.located(source, row=number)
            continue
        if row is None:
            return
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line between or after the rows
        try:
            yield row_to_cable(row, rows, source)
        except CableParseError as problem:
            again = rows.resync()
            if again is not None:
                problem = CableParseError(
                    problem.reason + _ran_on(again),
                    line=problem.line,
                    column=problem.column,
                    text=problem.text,
                )
            problem.reference_id = row[2].strip() or None if len(row) > 2 else None
            yield problem.located(source, row=_row_number(row))


def _file_result(path: Path) -> Result:
    try:
        return read_cable_file(path)
    except CableParseError as problem:
        return problem  # located by the reader
    except OSError as problem:
        reason = f"cannot be read: {problem.strerror or problem}"
        return CableParseError(reason).located(os.fspath(path))


def stream_results(stream: IO[bytes], name: str, *, path: Path | None = None) -> Iterator[Result]:
    """A stream read once (standard input, a FIFO): cables.csv rows when its first line is
    one or ``name`` ends in ``.csv``, else one cable, read up to the size limit of a cable:
    with the metadata of a file when ``path`` names the stream (a FIFO), else with none, as
    :func:`cablekit.parse` reads text."""
    first = stream.readline(MAX_INPUT_SIZE + 1)
    if looks_like_cables_csv(first) or name.lower().endswith(".csv"):
        blocks = chain([decode_block([first], first=True)], decoded_blocks(stream, start=False))
        yield from csv_results(Rows(blocks), name)
        return
    try:
        data = read_limited(stream, first)
        yield read_input(data) if path is None else file_cable(path, data)
    except CableParseError as problem:
        yield problem.located(name)


def iter_results(
    path: str | os.PathLike[str], *, follow_links: bool = False, on_skip: OnSkip | None = None
) -> Iterator[Result]:
    """Every cable at ``path`` (a folder, a cables.csv file, a stream or one file), or the
    located error of each file or row that cannot be read, in input order.

    ``follow_links`` and ``on_skip`` are as for :func:`~cablekit.sources.detect.iter_path`.
    A path that does not exist, or a file given directly that cannot be opened, raises
    :class:`OSError`: that is no input to carry on past.
    """
    location = Path(path)
    name = os.fspath(path)
    if location.is_dir():
        for file in cable_files(location, follow_links=follow_links, on_skip=on_skip):
            yield _file_result(file)
    elif is_stream(location):
        with location.open("rb") as stream:
            yield from stream_results(stream, name, path=location)
    elif is_cables_csv(location):
        with location.open("rb") as binary:
            yield from csv_results(Rows(decoded_blocks(binary)), name)
    else:
        with location.open("rb"):  # a file that cannot be opened is the caller's error
            pass
        yield _file_result(location)
