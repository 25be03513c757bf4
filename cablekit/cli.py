"""The ``cablekit`` command.

``cablekit parse`` turns cables into JSON, ``cablekit validate`` checks their structure,
``cablekit convert`` turns a whole corpus into one JSON Lines or Parquet file, ``cablekit
schema`` prints the JSON Schema of that output.  Exit status: 0 on success, 1 when
an input holds no readable cable (or, for ``validate``, has an error-level finding), 2 on a
usage error or a file that cannot be read, 130 on Ctrl-C, 141 when the reader of the output
goes away (``cablekit parse ... | head``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from cablekit import __version__
from cablekit.api import iter_cables, parse
from cablekit.bulk import FORMATS, ConvertError, Progress, convert
from cablekit.errors import CableError, CableParseError
from cablekit.models import Cable
from cablekit.validate import Diagnostic, Severity, diagnose_parse_error, validate

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

_VALIDATE_DESCRIPTION = """\
Check the structure of cables and print what is wrong with them.

Each FILE may be a text file holding one cable, a saved cablegate web page,
a cables.csv file or a folder of such files; '-' reads one cable from
standard input. Every finding is printed on one line, compiler style:

  FILE:LINE: SEVERITY CODE MESSAGE

SEVERITY is error, warning or info; the codes are listed, with real examples,
in docs/validation.md. For a cables.csv file or a folder, FILE is followed by
'#' and the cable's reference id. An input that holds no cable is reported as
error CK001."""

_VALIDATE_EPILOG = """\
examples:
  cablekit validate docs/examples/09MOSCOW405.txt
  cablekit validate cables/ cables.csv
  cablekit validate --format json 09MOSCOW405.txt > findings.json
  cat 09MOSCOW405.txt | cablekit validate -

exit status:
  0  no error-level finding (warnings and infos may have been printed)
  1  at least one error-level finding
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

    _add_convert_command(commands, formatter)

    validate_cmd = commands.add_parser(
        "validate",
        help="check the structure of cables and print the findings",
        description=_VALIDATE_DESCRIPTION,
        epilog=_VALIDATE_EPILOG,
        formatter_class=formatter,
    )
    validate_cmd.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a cable file, cables.csv file, cablegate page or folder; '-' for standard input",
    )
    validate_cmd.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="'text': one line per finding (the default); 'json': a JSON array of findings",
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
        if args.command == "convert":
            return _run_convert(args)
        if args.command == "parse":
            return _run_parse(args.files, jsonl=args.jsonl)
        if args.command == "validate":
            return _run_validate(args.files, as_json=args.format == "json")
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


def _report_missing(files: Sequence[str]) -> bool:
    """Report every input file that does not exist; whether there was any.

    A missing file stops the command before anything is read, so nothing is half printed.
    """
    missing = [name for name in files if name != STDIN and not os.path.exists(name)]
    for name in missing:
        _error(name, "No such file or directory")
    return bool(missing)


# --- cablekit parse -------------------------------------------------------------------------


def _run_parse(files: Sequence[str], *, jsonl: bool) -> int:
    if _report_missing(files):
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


# --- cablekit validate ----------------------------------------------------------------------


def _run_validate(files: Sequence[str], *, as_json: bool) -> int:
    if _report_missing(files):
        return EXIT_USAGE

    status = EXIT_OK
    output = _FindingsJson() if as_json else _FindingsText()
    for name in files:
        shown = STDIN_NAME if name == STDIN else name
        many = name != STDIN and os.path.isdir(name)
        try:
            for index, cable in enumerate(_read(name), start=1):
                many = many or (cable.metadata is not None and cable.metadata.row is not None)
                label = f"{shown}#{_cable_label(cable, index)}" if many else shown
                findings = validate(cable)
                output.add(label, cable.id, findings)
                if any(finding.severity is Severity.ERROR for finding in findings):
                    status = max(status, EXIT_CABLE_ERROR)
        except CableParseError as problem:
            finding = diagnose_parse_error(problem, name=os.fspath(Path(name)))
            output.add(shown, None, [finding])
            status = max(status, EXIT_CABLE_ERROR)
        except BrokenPipeError:
            raise
        except OSError as problem:
            _error(shown, problem.strerror or str(problem))
            status = max(status, EXIT_USAGE)
    output.close()
    return status


def _cable_label(cable: Cable, index: int) -> str:
    """How a cable of a cables.csv file or a folder is named: its reference id, else its row
    or its position."""
    metadata = cable.metadata
    if metadata is not None and metadata.reference_id:
        return metadata.reference_id
    if cable.id:
        return cable.id
    if metadata is not None and metadata.row is not None:
        return f"row{metadata.row}"
    return str(index)


class _FindingsText:
    """One line per finding: ``FILE:LINE: SEVERITY CODE MESSAGE``."""

    def add(self, label: str, cable_id: str | None, findings: list[Diagnostic]) -> None:
        if findings:
            _write("".join(finding.format(label) + "\n" for finding in findings))

    def close(self) -> None:
        _flush()


class _FindingsJson:
    """A JSON array of findings, written as they come: ``{"file", "id", "code", "severity",
    "message", "line"}``."""

    def __init__(self) -> None:
        self._count = 0

    def add(self, label: str, cable_id: str | None, findings: list[Diagnostic]) -> None:
        for finding in findings:
            item = {"file": label, "id": cable_id, **finding.model_dump(mode="json")}
            _write(
                ("[\n  " if self._count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False)
            )
            self._count += 1

    def close(self) -> None:
        _write("[]\n" if self._count == 0 else "\n]\n")
        _flush()


# --- cablekit schema ------------------------------------------------------------------------


def _run_schema() -> int:
    schema = Cable.model_json_schema()
    _write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    _flush()
    return EXIT_OK


# --- cablekit convert -----------------------------------------------------------------------

_CONVERT_DESCRIPTION = """\
Convert many cables into one JSON Lines or Parquet file.

INPUT is a cables.csv file, a folder of cable files, one cable file, or
'-' for standard input (one cable, or cables.csv rows). The cables are
parsed by --jobs worker processes and written in input order as they
come, so memory use stays flat whatever the size of the input.

A cable that cannot be read is not skipped: an error record takes its
place, {"error": {"type", "message", "source", "line", "row",
"reference_id"}} (in Parquet, the "error" column of its row), it is
counted, and the run goes on.

On a terminal a progress line shows the count, the rate and, when the
size of the input is known, how far the run is and the time left. A
summary (cables, errors, seconds) ends the run on standard error."""

_CONVERT_EPILOG = """\
examples:
  cablekit convert cables.csv -o cables.jsonl
  cablekit convert cables.csv -o cables.parquet --jobs 4
  cablekit convert cables/ -o cables.jsonl --quiet
  cat 09MOSCOW405.txt | cablekit convert - -o -

Parquet output needs pyarrow: pip install 'cablekit[parquet]'

exit status:
  0  every cable was converted
  1  some cables could not be read (their error records are in the output)
  2  a usage error, an input that does not exist, an output that cannot
     be written, or pyarrow missing for Parquet"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _add_convert_command(
    commands: argparse._SubParsersAction[_ArgumentParser],
    formatter: type[argparse.HelpFormatter],
) -> None:
    convert_cmd = commands.add_parser(
        "convert",
        help="convert many cables into one JSON Lines or Parquet file",
        description=_CONVERT_DESCRIPTION,
        epilog=_CONVERT_EPILOG,
        formatter_class=formatter,
    )
    convert_cmd.add_argument(
        "input",
        metavar="INPUT",
        help="a cables.csv file, a folder, a cable file, or '-' for standard input",
    )
    convert_cmd.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the file to write ('-': standard output, JSON Lines only)",
    )
    convert_cmd.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: parquet when OUTPUT ends in .parquet, else jsonl)",
    )
    convert_cmd.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes parsing cables (default: one per core)",
    )
    convert_cmd.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print neither the progress line nor the summary",
    )


def _run_convert(args: argparse.Namespace) -> int:
    name: str = args.input
    if name != STDIN and not os.path.exists(name):
        _error(name, "No such file or directory")
        return EXIT_USAGE
    progress = Progress(sys.stderr) if not args.quiet and _is_terminal(sys.stderr) else None
    try:
        summary = convert(
            name, args.output, output_format=args.format, jobs=args.jobs, progress=progress
        )
    except ConvertError as problem:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except OSError as problem:
        _error(os.fspath(problem.filename or args.output), problem.strerror or str(problem))
        return EXIT_USAGE
    if not args.quiet:
        where = "" if args.output == STDIN else f" -> {args.output}"
        print(f"{PROG}: {summary}{where}", file=sys.stderr)
    return EXIT_CABLE_ERROR if summary.errors else EXIT_OK


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False


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
