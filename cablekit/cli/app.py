"""The argument parser of the ``cablekit`` command and :func:`main`, which runs a command."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import NoReturn

from cablekit import __version__
from cablekit.cli.commands import run_parse, run_schema, run_validate
from cablekit.cli.convert import (
    CONVERT_DESCRIPTION,
    CONVERT_EPILOG,
    add_convert_arguments,
    add_follow_links,
    run_convert,
)
from cablekit.cli.output import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    PROG,
    STDOUT_NAME,
    OutputError,
    silence_stdout,
)
from cablekit.cli.signals import Terminated, stop_signals

__all__ = ["build_parser", "main"]

_DESCRIPTION = """\
Parse US diplomatic cables (State Department telegrams) into typed JSON.

Reads plain-text copies, cables.csv files, saved cablegate web pages, PDF
files (with cablekit[pdf]) and folders of them, and writes one JSON object
per cable."""

_EPILOG = """\
examples:
  cablekit parse docs/examples/09MOSCOW405.txt
  cablekit parse --jsonl cables.csv > cables.jsonl
  cablekit convert cables.csv -o references.parquet --table references
  cablekit schema > cable.schema.json

Run 'cablekit COMMAND --help' for the options of a command."""

_PARSE_DESCRIPTION = """\
Parse cables and print them as JSON.

Each FILE may be a text file holding one cable, a saved cablegate web page,
a PDF file (with cablekit[pdf]), a cables.csv file (many cables, one per
row) or a folder of such files; '-' reads standard input (cables.csv rows,
or one cable). A file or row that holds no readable cable is reported on
standard error as FILE:LINE: MESSAGE, and the other files, rows and inputs
are still read.

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
  zcat cables.csv.gz | cablekit parse --jsonl -

exit status:
  0    every input was parsed
  1    a file or row holds no readable cable (the error names the file and
       the line)
  2    a usage error, a file that does not exist or cannot be read, or an
       output that cannot be written (> /dev/full, a full disk)
  130  interrupted (Ctrl-C); 141: the reader of the output went away;
       143: terminated (SIGTERM)"""

_VALIDATE_DESCRIPTION = """\
Check the structure of cables and print what is wrong with them.

Each FILE may be a text file holding one cable, a saved cablegate web page,
a PDF file (with cablekit[pdf]), a cables.csv file or a folder of such
files; '-' reads one cable from standard input. Every finding is printed
on one line, compiler style:

  FILE:LINE: SEVERITY CODE MESSAGE

SEVERITY is error, warning or info; the codes are listed, with real examples,
in docs/validation.md. FILE is the file the cable was read from (for a
folder, the folder given joined with the file's path in it); for a
cables.csv row, LINE is the line the row starts on and the message ends with
the row id and the line in the cable's text. A file or row that holds no
cable is reported as error CK001."""

_VALIDATE_EPILOG = """\
examples:
  cablekit validate docs/examples/09MOSCOW405.txt
  cablekit validate cables/ cables.csv
  cablekit validate --format json 09MOSCOW405.txt > findings.json
  cat 09MOSCOW405.txt | cablekit validate -

exit status:
  0    no error-level finding (warnings and infos may have been printed)
  1    at least one error-level finding
  2    a usage error, a file that does not exist or cannot be read, or an
       output that cannot be written (> /dev/full, a full disk)
  130  interrupted (Ctrl-C); 141: the reader of the output went away;
       143: terminated (SIGTERM)"""

_SCHEMA_DESCRIPTION = """\
Print the JSON Schema (draft 2020-12) of the cable JSON that 'cablekit parse'
writes, or with --errors of the error records that 'cablekit convert' writes
for cables it could not read.

The schema documents every field; its "schema_version" default is the
version of the JSON layout."""

_SCHEMA_EPILOG = """\
examples:
  cablekit schema > cable.schema.json
  cablekit schema --errors > error.schema.json
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
    add_follow_links(parse_cmd)

    convert_cmd = commands.add_parser(
        "convert",
        help="convert many cables into one JSON Lines or Parquet file, or a flat table",
        description=CONVERT_DESCRIPTION,
        epilog=CONVERT_EPILOG,
        formatter_class=formatter,
    )
    add_convert_arguments(convert_cmd)

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
    add_follow_links(validate_cmd)

    schema_cmd = commands.add_parser(
        "schema",
        help="print the JSON Schema of the cable JSON",
        description=_SCHEMA_DESCRIPTION,
        epilog=_SCHEMA_EPILOG,
        formatter_class=formatter,
    )
    schema_cmd.add_argument(
        "--errors",
        action="store_true",
        help="the schema of the error records 'cablekit convert' writes instead",
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
    # pdfminer.six logs what it works around in a damaged PDF ("Not adding object 5 to xref
    # because position b'000\xc9000844' ..."); with no logging set up, Python would print
    # those records between the command's own one-line errors, which already say what failed.
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)

    with stop_signals():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "convert":
            return run_convert(args)
        if args.command == "parse":
            return run_parse(args.files, jsonl=args.jsonl, follow_links=args.follow_links)
        if args.command == "validate":
            return run_validate(
                args.files, as_json=args.format == "json", follow_links=args.follow_links
            )
        return run_schema(errors=args.errors)
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as problem:  # > /dev/full, a full disk
        silence_stdout()  # what is still buffered would fail again at exit
        print(f"{PROG}: error: {STDOUT_NAME}: {problem.strerror}", file=sys.stderr)
        return EXIT_USAGE
    except Terminated:
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _exit_status(code: str | int | None) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE
