"""How the ``cablekit`` command stops on a signal: SIGTERM as Ctrl-C, and a second one at once.

The first Ctrl-C (SIGINT) raises :class:`KeyboardInterrupt` and the first SIGTERM
:class:`Terminated`, a kind of it, so that both take the same way out: a conversion stops its
workers, keeps what it wrote as ``<output>.partial`` and says so.  A second signal while that
happens ends the process at once, with no traceback and no worker left behind (the workers
exit when the main process is gone, see :mod:`cablekit.bulk.workers`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["Terminated", "stop_signals"]

_STOPPED_AT_ONCE = b"cablekit: stopped at once\n"


class Terminated(KeyboardInterrupt):
    """SIGTERM was received: the command stops as it does for Ctrl-C."""


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """Handle SIGINT and SIGTERM as said above while the block runs (in the main thread
    only: signal handlers can be set nowhere else), and after it when one was received."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def on_signal(number: int, frame: FrameType | None) -> None:
        nonlocal stopping
        if stopping:
            # os.write and os._exit: nothing that could wait, print a traceback or run the
            # clean-up the first signal started again
            with contextlib.suppress(OSError):
                os.write(2, _STOPPED_AT_ONCE)
            os._exit(128 + number)
        stopping = True
        raise Terminated() if number == signal.SIGTERM else KeyboardInterrupt()

    previous = {number: signal.signal(number, on_signal) for number in _HANDLED}
    try:
        yield
    finally:
        # After a signal the process is on its way out: another one, while the interpreter
        # shuts down, must still end it at once rather than print a traceback.
        if not stopping:
            for number, handler in previous.items():
                signal.signal(number, handler)


_HANDLED = (signal.SIGINT, signal.SIGTERM)
