"""Where the records of a bulk conversion go: a JSON Lines file or standard output.

The Parquet sink is in :mod:`cablekit.bulk.parquet`; both take the blocks of JSON Lines the
workers send back (:meth:`write_block`), and end with :meth:`close` when the run is done or
:meth:`abandon` when it stopped before its end.

A file is never written in place: the records go to ``<output>.partial`` in the same folder
(:class:`OutputFile`), which is renamed to the output only when the run is done.  So the
output holds either the complete result or whatever was there before, and a run that
stopped (Ctrl-C, a signal, workers that kept dying, a kill of the whole process) leaves its
records under a name that says they are not all there.  A run that fails writing (a full
disk) removes its partial file, which would only take the room that is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
from typing import IO, Protocol, TextIO

from cablekit.bulk.items import STDIN

__all__ = [
    "PARTIAL_SUFFIX",
    "STDOUT_NAME",
    "JsonLinesSink",
    "OutputFile",
    "Sink",
    "partial_path",
]

#: what the name of a file of records still being written, or of a run that stopped, ends in
PARTIAL_SUFFIX = ".partial"

#: how standard output is named in an error about writing to it
STDOUT_NAME = "<stdout>"


def partial_path(output: str | os.PathLike[str]) -> str:
    """Where :func:`~cablekit.bulk.convert` writes the records of ``output`` while it runs,
    and where they stay when the run stops before its end: ``<output>.partial``, beside the
    file a link ``output`` leads to."""
    return os.path.realpath(output) + PARTIAL_SUFFIX


class Sink(Protocol):
    """What the records are written to."""

    def write_block(self, data: bytes) -> None:
        """Write lines of JSON, UTF-8, each ending in a newline."""

    def close(self) -> None:
        """Write what is held back and finish the output: the run is done."""

    def abandon(self) -> str | None:
        """Stop writing: the run stopped before its end.  Return where the records written
        so far are kept (``None``: nowhere, or standard output)."""


class OutputFile:
    """The file a run writes: ``<output>.partial`` until :meth:`commit` renames it to the
    output; or the output itself when it is not a regular file (``/dev/null``, a FIFO, a
    terminal), which cannot be replaced.

    A write or a commit that fails (``OSError``: a full disk) marks the file as failed;
    :meth:`discard` then removes the partial file, and keeps it otherwise.
    """

    def __init__(self, output: str) -> None:
        self.output = output
        self.direct = _is_special(output)
        self.path = output if self.direct else partial_path(output)
        self.failed = False

    def open(self) -> IO[bytes]:
        """Open the file to write (created or emptied)."""
        try:
            return open(self.path, "wb", buffering=1 << 20)
        except OSError as problem:
            raise self.error(problem) from None

    def error(self, problem: OSError) -> OSError:
        """``problem`` as an error that names the output (not the partial file), marked."""
        self.failed = True
        return OSError(problem.errno, problem.strerror or str(problem), self.output)

    def commit(self) -> None:
        """The partial file, closed by the sink, becomes the output: forced to disk first,
        so that a crash after the rename cannot leave an empty output."""
        if self.direct:
            return
        try:
            with open(self.path, "rb") as written:
                os.fsync(written.fileno())
            target = os.path.realpath(self.output)
            if os.path.exists(target):
                with contextlib.suppress(OSError):
                    shutil.copymode(target, self.path)  # the output keeps its permissions
            os.replace(self.path, target)
        except OSError as problem:
            self.discard()
            raise self.error(problem) from None

    def discard(self) -> str | None:
        """After a run that stopped: keep the partial file and return its path, or remove it
        when writing failed (and return ``None``)."""
        if self.direct:
            return None
        if self.failed:
            with contextlib.suppress(OSError):
                os.remove(self.path)
            return None
        return self.path if os.path.exists(self.path) else None


def _is_special(name: str) -> bool:
    """Whether ``name`` is something other than a regular file (or nothing yet)."""
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


class JsonLinesSink:
    """The records as they come, to a file or (``"-"``) to standard output."""

    def __init__(self, name: str) -> None:
        self._output: OutputFile | None = None
        self._file: IO[bytes] | None = None
        self._text: TextIO | None = None
        if name != STDIN:
            self._output = OutputFile(name)
            self._file = self._output.open()
        elif getattr(sys.stdout, "buffer", None) is not None:
            self._stdout: IO[bytes] = sys.stdout.buffer
        else:  # a text-only stand-in for standard output
            self._text = sys.stdout

    def write_block(self, data: bytes) -> None:
        """Write lines of JSON, UTF-8, each ending in a newline."""
        try:
            if self._text is not None:
                self._text.write(data.decode("utf-8"))
            else:
                (self._file or self._stdout).write(data)
        except BrokenPipeError:
            raise
        except OSError as problem:
            raise self._error(problem) from None

    def close(self) -> None:
        """Close the file and make it the output, or flush standard output."""
        try:
            if self._file is not None:
                self._file.close()
            elif self._text is not None:
                self._text.flush()
            else:
                self._stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as problem:
            error = self._error(problem)
            self.abandon()
            raise error from None
        if self._output is not None:
            self._output.commit()

    def abandon(self) -> str | None:
        """Close the file and keep it as ``<output>.partial`` (removed if writing failed)."""
        if self._output is None:
            return None
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()  # the buffer's records go to the partial file
        return self._output.discard()

    def _error(self, problem: OSError) -> OSError:
        if self._output is not None:
            return self._output.error(problem)
        return OSError(problem.errno, problem.strerror or str(problem), STDOUT_NAME)
