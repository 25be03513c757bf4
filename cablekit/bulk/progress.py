"""The progress line of a bulk conversion on a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """A one-line progress display (count, rate, and percent and ETA when known) on a
    terminal; the caller decides whether there is one.  Nothing is drawn in the first
    ``delay`` seconds, so that a short run leaves the terminal alone."""

    def __init__(
        self,
        stream: TextIO,
        *,
        interval: float = 0.25,
        delay: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._interval = interval
        self._delay = delay
        self._clock = clock
        self._started = clock()
        self._shown = float("-inf")
        self._drawn = False

    def update(
        self, done: int, errors: int, fraction: float | None, *, final: bool = False
    ) -> None:
        """Redraw the line, at most every ``interval`` seconds unless ``final``."""
        now = self._clock()
        if not final and now - self._shown < self._interval:
            return
        if now - self._started < self._delay:
            return
        self._shown = now
        elapsed = now - self._started
        parts = [f"{done:,} cables"]
        if errors:
            parts.append(f"{errors:,} errors")
        if elapsed > 0:
            parts.append(f"{done / elapsed:,.0f}/s")
        if fraction is not None:
            fraction = min(max(fraction, 0.0), 1.0)
            parts.append(f"{fraction:4.0%}")
            if 0 < fraction < 1 and elapsed >= 1:
                parts.append(f"ETA {_clock(elapsed * (1 - fraction) / fraction)}")
        self._stream.write("\r" + "  ".join(parts) + "\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the line, leaving the terminal as it was."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
