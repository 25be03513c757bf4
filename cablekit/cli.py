"""The ``cablekit`` command.

``cablekit parse`` turns cables into JSON, ``cablekit schema`` prints the JSON Schema of that
output.  Exit status: 0 on success, 1 when an input holds no readable cable, 2 on a usage
error or a file that cannot be read, 130 on Ctrl-C, 141 when the reader of the output goes
away (``cablekit parse ... | head``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from typing import NoReturn

from cablekit import __version__
from cablekit.api import iter_cables, parse
from cablekit.errors import CableError
from cablekit.models import Cable

PROG = "cablekit"
STDIN = "-"
STDIN_NAME = "<stdin>"

EXIT_OK = 0
EXIT_CABLE_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`

_DESCRIPTION = """\
Parse US diplomatic cables (State Department telegrams) into typed JSON.

Reads plain-text copies, cables.csv files, saved cablegate web pages and
folders of them, and writes one JSON object per cable."""

_EPILOG = """\
examples:
  cablekit parse docs/examples/09MOSCOW405.txt
  cablekit parse --jsonl cables.csv > cables.jsonl
  cablekit schema > cable.schema.json

Run 'cablekit COMMAND --help' for the options of a command."""

_PARSE_DESCRIPTION = """\
Parse cables and print them as JSON.

Each FILE may be a text file holding one cable, a saved cablegate web page,
a cables.csv file (many cables, one per row) or a folder of such files.
'-' reads one cable from standard input.

When the inputs hold exactly one cable it is printed as one JSON object;
when they hold several, as a JSON array. With --jsonl every cable is
printed as one compact JSON object per line, as soon as it is parsed."""

_PARSE_EPILOG = """\
examples:
  cablekit parse docs/examples/09MOSCOW405.txt
  cablekit parse 09MOSCOW405.txt 07PARIS1791.txt > two-cables.json
  cablekit parse --jsonl cables.csv > cables.jsonl
  cablekit parse --jsonl cables/ | head -n 10
  cat 09MOSCOW405.txt | cablekit parse -

exit status:
  0  every input was parsed
  1  an input holds no readable cable (the error names the file)
  2  a usage error, or a file that does not exist or cannot be read"""

_SCHEMA_DESCRIPTION = """\
Print the JSON Schema of the cable JSON that 'cablekit parse' writes.

The schema documents every field; its "schema_version" default is the
version of the JSON layout."""

_SCHEMA_EPILOG = """\
examples:
  cablekit schema > cable.schema.json
  cablekit schema | python -m json.tool --sort-keys"""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage errors without killing the interpreter in tests."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cablekit`` command."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _ArgumentParser(
        prog=PROG, description=_DESCRIPTION, epilog=_EPILOG, formatter_class=formatter
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(
        title="commands",
        dest="command",
        metavar="COMMAND",
        required=True,
        parser_class=_ArgumentParser,
    )

    parse_cmd = commands.add_parser(
        "parse",
        help="parse cables and print them as JSON",
        description=_PARSE_DESCRIPTION,
        epilog=_PARSE_EPILOG,
        formatter_class=formatter,
    )
    parse_cmd.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a cable file, cables.csv file, cablegate page or folder; '-' for standard input",
    )
    parse_cmd.add_argument(
        "--jsonl",
        action="store_true",
        help="print JSON Lines: one compact JSON object per cable and line",
    )

    commands.add_parser(
        "schema",
        help="print the JSON Schema of the cable JSON",
        description=_SCHEMA_DESCRIPTION,
        epilog=_SCHEMA_EPILOG,
        formatter_class=formatter,
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``cablekit`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit
    status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return _exit_status(stop.code)

    try:
        if args.command == "parse":
            return _run_parse(args.files, jsonl=args.jsonl)
        return _run_schema()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _exit_status(code: str | int | None) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE


# --- cablekit parse -------------------------------------------------------------------------


def _run_parse(files: Sequence[str], *, jsonl: bool) -> int:
    missing = [name for name in files if name != STDIN and not os.path.exists(name)]
    for name in missing:
        _error(name, "No such file or directory")
    if missing:
        return EXIT_USAGE

    status = EXIT_OK
    output = _JsonLinesOutput() if jsonl else _JsonOutput()
    for name in files:
        shown = STDIN_NAME if name == STDIN else name
        try:
            for cable in _read(name):
                output.add(cable)
        except CableError as problem:
            _error(shown, str(problem))
            status = max(status, EXIT_CABLE_ERROR)
        except BrokenPipeError:
            raise
        except OSError as problem:
            _error(shown, problem.strerror or str(problem))
            status = max(status, EXIT_USAGE)
    # An empty array means "no cables here", which is not what a failed input says.
    output.close(empty_array=status == EXIT_OK)
    return status


def _read(name: str) -> Iterator[Cable]:
    if name == STDIN:
        yield parse(_read_stdin())
    else:
        yield from iter_cables(name)


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started without a standard input
        return b""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return sys.stdin.read().encode("utf-8")


class _JsonLinesOutput:
    """One compact JSON object per line, written as each cable arrives."""

    def add(self, cable: Cable) -> None:
        _write(cable.model_dump_json() + "\n")

    def close(self, *, empty_array: bool) -> None:
        _flush()


class _JsonOutput:
    """One JSON object for exactly one cable, a JSON array for any other number.

    The first cable is held back until the second one (or the end) shows which; after that
    the array is written as it grows, so memory use does not depend on the number of cables.
    """

    def __init__(self) -> None:
        self._held: Cable | None = None
        self._count = 0

    def add(self, cable: Cable) -> None:
        self._count += 1
        if self._count == 1:
            self._held = cable
            return
        if self._held is not None:
            _write("[\n" + self._item(self._held))
            self._held = None
        _write(",\n" + self._item(cable))

    def close(self, *, empty_array: bool) -> None:
        if self._count == 0:
            if empty_array:
                _write("[]\n")
        elif self._held is not None:
            _write(self._held.model_dump_json(indent=2) + "\n")
            self._held = None
        else:
            _write("\n]\n")
        _flush()

    @staticmethod
    def _item(cable: Cable) -> str:
        # JSON strings never hold a raw newline, so indenting every line is safe.
        return textwrap.indent(cable.model_dump_json(indent=2), "  ")


# --- cablekit schema ------------------------------------------------------------------------


def _run_schema() -> int:
    schema = Cable.model_json_schema()
    _write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    _flush()
    return EXIT_OK


# --- output ---------------------------------------------------------------------------------


def _write(text: str) -> None:
    """Write UTF-8 to standard output, whatever the locale's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
    else:
        sys.stdout.write(text)


def _flush() -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.flush()


def _error(name: str, message: str) -> None:
    print(f"{PROG}: error: {name}: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush
    does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # stdout is not a real file (captured, replaced): nothing will flush it
