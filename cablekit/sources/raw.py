"""What every reader of :mod:`cablekit.sources` gives: the text of one cable and its metadata.

A module of its own, so that the readers can use it while the package re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cablekit.models import Metadata

__all__ = ["RawCable"]


@dataclass(frozen=True)
class RawCable:
    """The text of one cable as found in a container, with what the container said of it."""

    text: str
    metadata: Metadata | None = None
