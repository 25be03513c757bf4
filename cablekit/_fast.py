"""The switch of the fast paths.

The plain code is the implementation.  Where a faster way to the same result is worth its
code, it sits beside the plain code and runs only while this switch is on, which it is by
default.  Setting the environment variable ``CABLEKIT_PLAIN=1`` (before cablekit is imported)
turns every fast path off; the tests parse the corpus both ways and compare the JSON byte for
byte.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ENABLED", "collector_paused", "enabled"]


def enabled() -> bool:
    """Whether the environment leaves the fast paths on (``CABLEKIT_PLAIN`` unset or ``0``)."""
    return os.environ.get("CABLEKIT_PLAIN", "").strip() in ("", "0")


#: read once, when cablekit is imported: modules choose their fast or plain functions then
ENABLED = enabled()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one cable is read, when the fast paths are on.

    Reading a cable makes many small objects (lines, paragraphs, models) and no reference
    cycles, so the collector finds nothing to free; yet each of its passes walks every object
    made so far, which made a cable of many thousand paragraphs take time in more than
    proportion to its size.  The collector is turned back on at the end, also after an error,
    unless it was already off.  Plain: the collector runs as configured.
    """
    if not (ENABLED and gc.isenabled()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
