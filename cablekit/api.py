"""The public functions: parse, parse_file, iter_cables."""

from __future__ import annotations

import os
from collections.abc import Iterator

from cablekit.models import Cable, Metadata


def parse(source: str | bytes, *, metadata: Metadata | None = None) -> Cable:
    """Parse one cable from text or bytes (plain text or a cablegate web page)."""
    raise NotImplementedError


def parse_file(path: str | os.PathLike[str]) -> Cable:
    """Parse the one cable in a file."""
    raise NotImplementedError


def iter_cables(path: str | os.PathLike[str]) -> Iterator[Cable]:
    """Parse every cable in a file, a cables.csv file or a folder, one at a time."""
    raise NotImplementedError
