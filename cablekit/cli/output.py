"""What the ``cablekit`` command writes: UTF-8 on standard output whatever the locale, the
JSON and findings writers of ``parse`` and ``validate``, error lines, and the exit status."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

from cablekit.models import Cable
from cablekit.validation import Diagnostic

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_CABLE_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "EXIT_WORKERS",
    "PROG",
    "STDIN",
    "STDIN_NAME",
    "STDOUT_NAME",
    "FindingsJson",
    "FindingsText",
    "JsonLinesOutput",
    "JsonOutput",
    "OutputError",
    "escape_controls",
    "flush",
    "report_error",
    "report_note",
    "silence_stdout",
    "write",
]

PROG = "cablekit"
STDIN = "-"
STDIN_NAME = "<stdin>"

STDOUT_NAME = "<stdout>"

# The exit statuses, as docs/cli.md lists them.
EXIT_OK = 0
EXIT_CABLE_ERROR = 1
EXIT_USAGE = 2  # also: an input that cannot be read, an output that cannot be written
EXIT_WORKERS = 3  # convert: worker processes kept dying, the run stopped
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`
EXIT_TERMINATED = 143  # 128 + SIGTERM


class OutputError(Exception):
    """Standard output cannot be written (a full disk, ``> /dev/full``): not an error of the
    input being read, so it is not an ``OSError`` that the reading would report."""

    def __init__(self, problem: OSError) -> None:
        self.strerror = problem.strerror or str(problem)
        super().__init__(self.strerror)


def write(text: str) -> None:
    """Write UTF-8 to standard output, whatever the locale's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is not None:
            buffer.write(text.encode("utf-8"))
        else:
            sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as problem:
        raise OutputError(problem) from None


def flush() -> None:
    """Flush standard output (raises :class:`OutputError` when it cannot be written)."""
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as problem:
        raise OutputError(problem) from None


# C0 and C1 control characters but line feed and tab, written as escapes: a file that is no
# text may put its bytes in a message, and a terminal would obey them.
_CONTROLS = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if chr(code) not in "\n\t"
}


def escape_controls(text: str) -> str:
    """``text`` with its control characters but line feed and tab written as escapes
    (``\\x1b``): a line about an input may quote its bytes, and a terminal would obey them."""
    return text.translate(_CONTROLS)


def report_note(text: str) -> None:
    """Print ``cablekit: note: TEXT`` on standard error, control characters as escapes."""
    print(escape_controls(f"{PROG}: note: {text}"), file=sys.stderr)


def report_error(name: str, message: str) -> None:
    """Print ``cablekit: error: NAME: MESSAGE`` on standard error.

    The file name is not repeated when the message starts with it, and control characters
    are shown as escapes (``\\x1b``), never sent to the terminal.
    """
    for prefix in (f"{name}: ", f"{os.fspath(Path(name))}: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    print(escape_controls(f"{PROG}: error: {name}: {message}"), file=sys.stderr)


def silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush
    does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # stdout is not a real file (captured, replaced): nothing will flush it


class JsonLinesOutput:
    """One compact JSON object per line, written as each cable arrives."""

    def add(self, cable: Cable) -> None:
        """Write one cable, on a line of its own."""
        write(cable.model_dump_json() + "\n")

    def close(self, *, empty_array: bool) -> None:
        """Flush what was written (``empty_array`` is for :class:`JsonOutput`)."""
        flush()


class JsonOutput:
    """One JSON object for exactly one cable, a JSON array for any other number.

    The first cable is held back until the second one (or the end) shows which; after that
    the array is written as it grows, so memory use does not depend on the number of cables.
    """

    def __init__(self) -> None:
        self._held: Cable | None = None
        self._count = 0

    def add(self, cable: Cable) -> None:
        """Write one cable, or hold it back while it may be the only one."""
        self._count += 1
        if self._count == 1:
            self._held = cable
            return
        if self._held is not None:
            write("[\n" + self._item(self._held))
            self._held = None
        write(",\n" + self._item(cable))

    def close(self, *, empty_array: bool) -> None:
        """End the output; with no cable, write ``[]`` only if ``empty_array``."""
        if self._count == 0:
            if empty_array:
                write("[]\n")
        elif self._held is not None:
            write(self._held.model_dump_json(indent=2) + "\n")
            self._held = None
        else:
            write("\n]\n")
        flush()

    @staticmethod
    def _item(cable: Cable) -> str:
        # JSON strings never hold a raw newline, so indenting every line is safe.
        return textwrap.indent(cable.model_dump_json(indent=2), "  ")


class FindingsText:
    """One line per finding: ``FILE:LINE: SEVERITY CODE MESSAGE``."""

    def add(self, label: str, cable_id: str | None, findings: list[Diagnostic]) -> None:
        """Write the findings of one cable, ``label`` naming it."""
        if findings:
            write("".join(finding.format(label) + "\n" for finding in findings))

    def close(self) -> None:
        """Flush what was written."""
        flush()


class FindingsJson:
    """A JSON array of findings, written as they come: ``{"file", "id", "code", "severity",
    "message", "line"}``."""

    def __init__(self) -> None:
        self._count = 0

    def add(self, label: str, cable_id: str | None, findings: list[Diagnostic]) -> None:
        """Write the findings of one cable, ``label`` naming it, as items of the array."""
        for finding in findings:
            item = {"file": label, "id": cable_id, **finding.model_dump(mode="json")}
            write(("[\n  " if self._count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
            self._count += 1

    def close(self) -> None:
        """End the array."""
        write("[]\n" if self._count == 0 else "\n]\n")
        flush()
