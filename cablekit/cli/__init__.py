"""The ``cablekit`` command.

``cablekit parse`` turns cables into JSON, ``cablekit validate`` checks their structure,
``cablekit convert`` turns a whole corpus into one JSON Lines or Parquet file, ``cablekit
schema`` prints the JSON Schema of that output.  Exit status: 0 on success, 1 when
an input holds no readable cable (or, for ``validate``, has an error-level finding), 2 on a
usage error or a file that cannot be read, 130 on Ctrl-C, 141 when the reader of the output
goes away (``cablekit parse ... | head``).
"""

from __future__ import annotations

from cablekit.cli.app import build_parser, main
from cablekit.cli.output import (
    EXIT_BROKEN_PIPE,
    EXIT_CABLE_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
)

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_CABLE_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROG",
    "build_parser",
    "main",
]
