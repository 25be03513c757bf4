"""Worker processes of a bulk conversion, each with a pipe of its own, that never outlive the
main process and never leave it waiting.

A worker (:class:`WorkerProcess`) takes work (a callable) from its pipe, does it and sends the
result back, until it is told to stop.  Each worker has its own pipe, of which the main
process keeps one end and the worker the other: when a worker dies, even in the middle of
sending a result, the main process reads the end of the pipe (``EOFError``) instead of
waiting for the rest of a message forever, as a shared result queue would make it.

Every worker also watches a :class:`Lifeline`, a pipe whose writing end only the main process
holds: when the main process closes it (:meth:`Lifeline.cut`, to stop at once) or dies in any
way, SIGKILL included, the workers read its end and exit.  They ignore Ctrl-C, which is for
the main process.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from cablekit import _fast

__all__ = ["Failure", "Lifeline", "WorkerProcess"]

_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_CAN_HOLD = hasattr(signal, "pthread_sigmask")
_WATCH_SECONDS = 1.0  # how often a worker without a lifeline looks for its parent
_STOP_SECONDS = 5.0  # how long a worker told to stop may take before it is killed


class Failure:
    """What a worker sends back when its work raised: the error, as text."""

    def __init__(self, problem: BaseException) -> None:
        self.message = str(problem) or type(problem).__name__


class Lifeline:
    """A pipe from the main process to its workers, so that they stop when it is gone.

    A pipe reaches the workers only when they are forked; where they are started otherwise,
    they look every second whether their parent is still the one that started them.
    """

    def __init__(self) -> None:
        self.ends: tuple[int, int] | None = None
        if multiprocessing.get_start_method() == "fork":
            self.ends = os.pipe()
        self.parent = os.getpid()

    def cut(self) -> None:
        """Close the writing end: every worker exits, whatever it is doing."""
        if self.ends is not None:
            for end in self.ends:
                with contextlib.suppress(OSError):
                    os.close(end)
            self.ends = None


def _serve(connection: Connection, ends: tuple[int, int] | None, parent: int) -> None:
    """A worker: do the work that comes down the pipe, send back each result."""
    _start_worker(ends, parent)
    while True:
        try:
            work = connection.recv()
        except (EOFError, OSError):  # the main process is gone
            return
        if work is None:
            return
        try:
            result: Any = work()
        except Exception as problem:  # e.g. a piece of a file that is gone
            result = Failure(problem)
        connection.send(result)


def _start_worker(ends: tuple[int, int] | None, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the handler of a command it forked from
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)  # held while it was forked
    if ends is not None:
        reading, writing = ends
        os.close(writing)  # the copy a fork gave: only the main process may hold one
        watch = partial(_exit_at_end_of_pipe, reading)
    else:
        watch = partial(_exit_when_orphaned, parent)
    threading.Thread(target=watch, name="cablekit-lifeline", daemon=True).start()
    if _fast.ENABLED:
        # The collector of reference cycles runs far less often: a parse leaves almost
        # none, and with the default thresholds the collector takes about 2 % of a worker's
        # time looking.  The objects there at the start (modules, tables) are frozen out of
        # its sight.
        gc.freeze()
        gc.set_threshold(20_000, 10, 10)


def _exit_at_end_of_pipe(reading: int) -> None:
    with contextlib.suppress(OSError):
        while os.read(reading, 1):
            pass
    os._exit(1)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while a worker is forked, so that it never starts with
    the main process's handlers (it would print a traceback of its own)."""
    if not _CAN_HOLD:  # Windows: no signal masks, and no fork either
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class WorkerProcess:
    """One worker process and the main process's end of its pipe."""

    def __init__(self, lifeline: Lifeline) -> None:
        ours, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.Process(
            target=_serve, args=(theirs, lifeline.ends, lifeline.parent), daemon=True
        )
        with _signals_held():
            self.process.start()
        theirs.close()  # the worker holds the only other end: its death ends the pipe
        self.connection = ours
        #: what the worker is doing (the caller's mark), None when idle
        self.task: Any = None

    def give(self, work: Callable[[], Any], task: Any) -> bool:
        """Send ``work`` to the worker, marked ``task``; False if the worker is gone."""
        try:
            self.connection.send(work)
        except (OSError, EOFError):
            return False
        self.task = task
        return True

    def take(self) -> tuple[bool, Any]:
        """The result of the work (call when :attr:`connection` is ready): (True, result), or
        (False, None) when the worker died before sending all of it."""
        try:
            result = self.connection.recv()
        except (EOFError, OSError):
            return False, None
        self.task = None
        return True, result

    def alive(self) -> bool:
        """Whether the worker process still runs."""
        return self.process.is_alive()

    def stop(self) -> None:
        """Tell the worker to stop once idle, and wait for it (killed if it takes long)."""
        with contextlib.suppress(OSError, EOFError):
            self.connection.send(None)
        self.process.join(_STOP_SECONDS)
        self.kill()

    def kill(self) -> None:
        """End the worker at once."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()
