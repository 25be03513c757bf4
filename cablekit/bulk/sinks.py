"""Where the records of a bulk conversion go: a JSON Lines file or standard output.

The Parquet sink is in :mod:`cablekit.bulk.parquet`; both take the blocks of JSON Lines the
workers send back (:meth:`write_block`) and are closed at the end of the run.
"""

from __future__ import annotations

import sys
from typing import IO, Protocol, TextIO

from cablekit.bulk.items import STDIN

__all__ = ["JsonLinesSink", "Sink"]


class Sink(Protocol):
    """What the records are written to."""

    def write_block(self, data: bytes) -> None:
        """Write lines of JSON, UTF-8, each ending in a newline."""

    def close(self) -> None:
        """Write what is held back and close the output."""


class JsonLinesSink:
    """The records as they come, to a file or (``"-"``) to standard output."""

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
        """Close the file, or flush standard output."""
        if self._file is not None:
            self._file.close()
        elif self._text is not None:
            self._text.flush()
        else:
            self._stdout.flush()
