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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["ENABLED", "collector_paused", "each", "enabled"]

_T = TypeVar("_T")
_U = TypeVar("_U")


def enabled() -> bool:
    """Whether the environment leaves the fast paths on (``CABLEKIT_PLAIN`` unset or ``0``)."""
    return os.environ.get("CABLEKIT_PLAIN", "").strip() in ("", "0")


#: read once, when cablekit is imported: modules choose their fast or plain functions then
ENABLED = enabled()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one cable, or a batch of them, is read, when the
    fast paths are on.

    Reading a cable makes many small objects (lines, paragraphs, models) and no reference
    cycles, so the collector finds nothing to free; yet each of its passes walks every object
    made so far, which made a cable of many thousand paragraphs take time in more than
    proportion to its size.  The collector is turned back on at the end, also after an error,
    unless it was already off; its next pass then walks what was made meanwhile and is still
    there, so a batch lets go of what it no longer needs before the end.  Plain: the collector
    runs as configured.
    """
    if not (ENABLED and gc.isenabled()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def each(step: Callable[[_T], _U], values: Sequence[_T | Exception]) -> list[_U | Exception]:
    """``step`` of each value, in order, or the error it raises in its place; an error given in
    place of a value is passed on as it is.

    For the fast paths that take many items one step at a time over all of them, where one
    item's error must not stop the others' steps and must still come out in its place.
    """
    made: list[_U | Exception] = []
    for value in values:
        if isinstance(value, Exception):
            made.append(value)
            continue
        try:
            made.append(step(value))
        except Exception as problem:
            made.append(problem)
    return made
