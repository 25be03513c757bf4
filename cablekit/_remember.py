"""Readings remembered per spelling, for short spellings only.

A corpus writes the same few values (posts, the letters of a reason) in field after field, so
a reader keeps what it made of each spelling; a hostile text of long values would keep them
all alive, so a longer one is read anew each time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

__all__ = ["remembered_when_short"]

_K = TypeVar("_K", str, tuple[str, ...])
_V = TypeVar("_V")


def remembered_when_short(
    longest: int, *, maxsize: int = 4096
) -> Callable[[Callable[[_K], _V]], Callable[[_K], _V]]:
    """A decorator: the function's results kept (at most ``maxsize`` of them) for a key (a
    string, or a tuple of strings) of no more than ``longest`` characters each, and made anew
    for a longer one."""

    def decorate(function: Callable[[_K], _V]) -> Callable[[_K], _V]:
        kept = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def read(key: _K) -> _V:
            length = len(key) if isinstance(key, str) else max(map(len, key), default=0)
            return kept(key) if length <= longest else function(key)

        return read

    return decorate
