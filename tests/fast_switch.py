"""The fast paths switched off inside one test, as ``CABLEKIT_PLAIN=1`` switches them off for
a whole process: for tests that compare a fast path with the plain code on the same input."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cablekit import _fast


@contextmanager
def plain() -> Iterator[None]:
    """The plain code inside the ``with`` block; the switch as it was after it."""
    before = _fast.ENABLED
    _fast.ENABLED = False
    try:
        yield
    finally:
        _fast.ENABLED = before
