"""How the commands read their inputs: every cable of every input, past the ones that cannot
be read; what a folder walk left out, counted; failures reported compiler style; and the
progress line on a terminal."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from cablekit.api import iter_cables, parse
from cablekit.bulk import Progress
from cablekit.cli.output import PROG, STDIN, STDIN_NAME, escape_controls, report_note
from cablekit.errors import CableError
from cablekit.models import Cable
from cablekit.sources import COUNTED, Skipped, skip_summary, stream_results

__all__ = [
    "PROGRESS_DELAY",
    "SkipNotes",
    "is_terminal",
    "progress_line",
    "progress_on_stderr",
    "read_cables",
    "report_cable_error",
    "report_error_record",
    "report_failure",
    "report_missing",
]

#: seconds a run goes before its progress line shows: a short run leaves the terminal alone
PROGRESS_DELAY = 1.0


def report_failure(source: str, line: int | None, message: str) -> None:
    """Print ``cablekit: error: SOURCE:LINE: MESSAGE`` on standard error: an input, or a
    file or row of one, that holds no readable cable."""
    where = source if line is None else f"{source}:{line}"
    print(escape_controls(f"{PROG}: error: {where}: {message}"), file=sys.stderr)


def report_cable_error(error: CableError, name: str) -> None:
    """Report ``error``, about the input ``name``, with :func:`report_failure`."""
    source = error.source or name
    report_failure(source, error.line, error.message)


def report_error_record(error: dict[str, Any]) -> None:
    """Report the ``"error"`` object of an error record of ``convert``."""
    message = str(error.get("message", ""))
    report_failure(str(error.get("source")), error.get("line"), message)


class SkipNotes:
    """Told of each entry a folder walk leaves out (an ``on_skip``): a link or a special file
    is named at once; files left out for a reason of :data:`~cablekit.sources.COUNTED` (not
    cable text, not named as cable text) are counted, and :meth:`report` prints one line per
    kind and input folder."""

    def __init__(self, inputs: Sequence[str]) -> None:
        self._inputs = [name for name in inputs if name != STDIN]
        self._counted: list[Skipped] = []

    def __call__(self, path: Path, reason: str) -> None:
        if reason in COUNTED:
            self._counted.append(Skipped(path, reason))
        else:
            report_note(f"{path}: skipped, {reason}")

    def report(self) -> None:
        """Print the counts of the files left out, per input folder (once)."""
        left = self._counted
        for name in self._inputs:
            folder = Path(name)
            mine = [entry for entry in left if folder in entry.path.parents]
            left = [entry for entry in left if folder not in entry.path.parents]
            for line in skip_summary(name, mine):
                report_note(line)
        self._counted = []


def is_terminal(stream: object) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or detached stream)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (OSError, ValueError):
        return False


def progress_line(*, quiet: bool = False) -> Progress | None:
    """The progress line of a run on standard error, shown after :data:`PROGRESS_DELAY`
    seconds; none when standard error is not a terminal, or when standard output is the same
    terminal (the cables or findings printed there would break into the line)."""
    if quiet or not is_terminal(sys.stderr) or is_terminal(sys.stdout):
        return None
    return progress_on_stderr()


def progress_on_stderr() -> Progress:
    """A progress line on standard error, shown after :data:`PROGRESS_DELAY` seconds (read
    when the line is made)."""
    return Progress(sys.stderr, delay=PROGRESS_DELAY)


def read_cables(
    name: str, *, follow_links: bool, on_skip: SkipNotes
) -> Iterator[Cable | CableError]:
    """Every cable of the input ``name`` (``"-"``: standard input, one cable or cables.csv
    rows), or the located error of each file or row that holds no readable cable, in order.
    Raises :class:`OSError` when the input itself cannot be read."""
    if name != STDIN:
        yield from iter_cables(name, errors="collect", follow_links=follow_links, on_skip=on_skip)
        return
    for result in stream_results(_stdin(), STDIN_NAME):
        if isinstance(result, CableError):
            yield result
            continue
        metadata = result.metadata
        try:
            yield parse(result.text, metadata=metadata)
        except CableError as problem:
            if metadata is not None:
                problem.reference_id = metadata.reference_id
                problem.located(STDIN_NAME, row=metadata.row, line=metadata.line)
            else:
                problem.located(STDIN_NAME)
            yield problem


def _stdin() -> IO[bytes]:
    if sys.stdin is None:  # started without a standard input
        return io.BytesIO(b"")
    buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def report_missing(files: Sequence[str]) -> bool:
    """Report every input file that does not exist; whether there was any.

    A missing file stops the command before anything is read, so nothing is half printed.
    """
    missing = [name for name in files if name != STDIN and not os.path.exists(name)]
    for name in missing:
        print(escape_controls(f"{PROG}: error: {name}: No such file or directory"), file=sys.stderr)
    return bool(missing)
