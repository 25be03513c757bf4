"""Readers that take cables out of their containers (text files, cables.csv, web pages)."""

from __future__ import annotations

from dataclasses import dataclass

from cablekit.models import Metadata


@dataclass(frozen=True)
class RawCable:
    """The text of one cable as found in a container, with what the container said of it."""

    text: str
    metadata: Metadata | None = None
