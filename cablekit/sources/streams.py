"""Reading a file or a stream within the size limit of one cable.

A file that holds one cable is refused from its size, before it is read, when it is larger
than :data:`MAX_INPUT_SIZE`; a stream (a pipe, a FIFO, ``<(zcat x.gz)``, standard input)
has no size, so it is read up to one byte past the limit and refused then.  Either way
memory holds at most the limit, whatever the size of the input.

A stream cannot be read twice, so the first line read to tell a cables.csv stream from a
cable is handed back in front of the rest (:func:`prefixed`).
"""

from __future__ import annotations

import io
import os
import stat
from typing import IO

from cablekit.errors import CableParseError

__all__ = ["MAX_INPUT_SIZE", "check_size", "is_stream", "prefixed", "read_limited"]

#: The largest cable cablekit reads: 8 MiB (bytes for bytes and files, characters for text).
#: The largest cable of the corpus is 66 KB; anything far beyond a cable is refused at once
#: with a clear error rather than parsed for minutes.
MAX_INPUT_SIZE = 8 * 1024 * 1024

_ADVICE = (
    "Split the input into cables (iter_cables reads cables.csv files and folders one cable "
    "at a time)"
)


def _too_large(size: str, unit: str) -> CableParseError:
    return CableParseError(
        f"input too large: {size} {unit}; cablekit reads cables of at most "
        f"{MAX_INPUT_SIZE:,} {unit} (8 MiB). {_ADVICE}",
        line=1,
        column=1,
    )


def check_size(size: int, unit: str) -> None:
    """Raise :class:`~cablekit.errors.CableParseError` when ``size`` (in ``unit``: bytes or
    characters) is over :data:`MAX_INPUT_SIZE`."""
    if size > MAX_INPUT_SIZE:
        raise _too_large(f"{size:,}", unit)


def is_stream(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names something that is read as a stream, once, with no size: a FIFO
    (``<(zcat x.gz)`` names one), a character device (``/dev/stdin``), a socket.  False
    for a regular file, a folder, or nothing at all."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def read_limited(file: IO[bytes], first: bytes = b"") -> bytes:
    """The rest of ``file`` after the bytes ``first`` already read from it, all together;
    refused from the file's size when it is a regular file, else after reading one byte more
    than :data:`MAX_INPUT_SIZE` (raises :class:`~cablekit.errors.CableParseError`)."""
    try:
        info = os.fstat(file.fileno())
    except (OSError, AttributeError, io.UnsupportedOperation):  # an object without a file
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        check_size(info.st_size, "bytes")
    rest = file.read(MAX_INPUT_SIZE + 1 - len(first)) if len(first) <= MAX_INPUT_SIZE else b""
    if len(first) + len(rest) > MAX_INPUT_SIZE:
        raise _too_large(f"more than {MAX_INPUT_SIZE:,}", "bytes")
    return first + rest


class _Prefixed(io.RawIOBase):
    """Bytes already read from a stream, then the rest of the stream."""

    def __init__(self, prefix: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def prefixed(prefix: bytes, rest: IO[bytes]) -> IO[bytes]:
    """A binary file that reads ``prefix`` and then what is left of ``rest``: what a stream
    holds, after its first bytes were read to tell what it is.  Closing it leaves ``rest``
    open."""
    return io.BufferedReader(_Prefixed(prefix, rest))
