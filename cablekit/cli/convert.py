"""The ``convert`` command of ``cablekit``: a whole corpus into one JSON Lines or Parquet
file, with :func:`cablekit.bulk.convert`."""

from __future__ import annotations

import argparse
import os
import sys

from cablekit.bulk import (
    TABLE_FORMATS,
    ConvertError,
    WorkerDeathsError,
    convert,
    partial_path,
)
from cablekit.cli.inputs import (
    SkipNotes,
    is_terminal,
    progress_on_stderr,
    report_error_record,
    report_missing,
)
from cablekit.cli.output import (
    EXIT_CABLE_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_WORKERS,
    PROG,
    STDIN,
    STDOUT_NAME,
    escape_controls,
    report_error,
    silence_stdout,
)
from cablekit.cli.signals import Terminated
from cablekit.tables import TABLES

__all__ = [
    "CONVERT_DESCRIPTION",
    "CONVERT_EPILOG",
    "add_convert_arguments",
    "add_follow_links",
    "run_convert",
]

CONVERT_DESCRIPTION = """\
Convert many cables into one JSON Lines, Parquet or CSV file.

Each INPUT is a cables.csv file, a folder of cable files (PDF files too,
with cablekit[pdf]), one cable file, or '-' for standard input (one cable,
or cables.csv rows); the records of several inputs are written one input
after the other. The cables are parsed by --jobs worker processes and
written in input order as they come, so memory use stays flat whatever the
size of the input.

The format follows OUTPUT's name: .jsonl (JSON Lines), .parquet or .csv
(with --table only); another name is a usage error unless --format says
the format. With --table the output holds the rows of one flat table
(cables, paragraphs, references or recipients) instead of the nested
cable JSON, with typed columns in Parquet.

A cable that cannot be read is not skipped: it is reported on standard
error as FILE:LINE: MESSAGE and counted, and the run goes on. Without
--table an error record takes its place, {"error": {"type", "message",
"source", "line", "row", "reference_id"}} (in Parquet, the "error" column
of its row); a table has no row for it.

On a terminal a progress line shows the count, the rate and, when the
size of the input is known, how far the run is and the time left, once
the run has gone on for a second. A summary (cables, errors, seconds)
ends the run on standard error."""

CONVERT_EPILOG = """\
examples:
  cablekit convert cables.csv -o cables.jsonl
  cablekit convert cables.csv -o cables.parquet --jobs 4
  cablekit convert cables/ -o cables.jsonl --quiet
  cablekit convert 2009/ 2010/ extra.csv -o all.jsonl
  cablekit convert cables.csv -o refs.parquet --table references
  cablekit convert cables.csv -o paragraphs.csv --table paragraphs
  cat 09MOSCOW405.txt | cablekit convert - -o -

Parquet output needs pyarrow: pip install 'cablekit[parquet]'
PDF input needs pdfminer.six: pip install 'cablekit[pdf]'

OUTPUT is written as OUTPUT.partial and renamed when the run is done, so
OUTPUT holds the whole result or what it held before. A run stopped by
Ctrl-C, SIGTERM or worker processes that kept dying keeps what it wrote in
OUTPUT.partial and says so; a run that cannot write (a full disk) removes it.

exit status:
  0    every cable was converted
  1    some cables could not be read (their error records are in the output)
  2    a usage error, an input that does not exist or cannot be read, an
       output that cannot be written (a full disk), or pyarrow missing
  3    worker processes kept dying: the run stopped
  130  interrupted (Ctrl-C); 143: terminated (SIGTERM)"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def add_convert_arguments(convert_cmd: argparse.ArgumentParser) -> None:
    """Give the parser of the ``convert`` command its arguments and options."""
    convert_cmd.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a cables.csv file, a folder, a cable file, or '-' for standard input",
    )
    convert_cmd.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the file to write: .jsonl, .parquet or (with --table) .csv; "
        "'-': standard output, JSON Lines",
    )
    convert_cmd.add_argument(
        "--format",
        choices=TABLE_FORMATS,
        default=None,
        help="output format (default: from OUTPUT's name; csv needs --table)",
    )
    convert_cmd.add_argument(
        "--table",
        choices=TABLES,
        default=None,
        help="write the rows of this flat table instead of the cables",
    )
    convert_cmd.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes parsing cables (default: one per core)",
    )
    add_follow_links(convert_cmd)
    convert_cmd.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print neither the progress line nor the summary",
    )


def add_follow_links(command: argparse.ArgumentParser) -> None:
    """Give a command that reads folders the ``--follow-links`` option."""
    command.add_argument(
        "--follow-links",
        action="store_true",
        help="in a folder, follow links to files and folders that lead out of it (by "
        "default they are skipped, with a note)",
    )


def run_convert(args: argparse.Namespace) -> int:
    """Run ``cablekit convert`` with the parsed ``args``; return the exit status."""
    names: list[str] = args.inputs
    if report_missing(names):
        return EXIT_USAGE
    fmt = args.format or output_format(args.output)
    if fmt is None:
        report_error(
            args.output, "unknown output format: name the file .jsonl, .parquet or .csv "
            "(.csv with --table), or give --format"
        )
        return EXIT_USAGE
    notes = SkipNotes(names)
    progress = (
        progress_on_stderr()
        if not args.quiet and is_terminal(sys.stderr)
        else None
    )
    try:
        summary = convert(
            names,
            args.output,
            output_format=fmt,
            jobs=args.jobs,
            progress=progress,
            follow_links=args.follow_links,
            on_skip=notes,
            table=args.table,
            on_error=None if args.quiet else report_error_record,
        )
    except WorkerDeathsError as problem:
        print(escape_controls(f"{PROG}: error: {problem}{_kept(args.output)}"), file=sys.stderr)
        return EXIT_WORKERS
    except ConvertError as problem:
        print(escape_controls(f"{PROG}: error: {problem}"), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except OSError as problem:
        name = os.fspath(problem.filename or args.output)
        if args.output == STDIN:
            silence_stdout()  # what is still buffered would fail again at exit
            name = STDOUT_NAME if name == STDIN else name
        report_error(name, problem.strerror or str(problem))
        return EXIT_USAGE
    except KeyboardInterrupt as stop:
        how = "terminated" if isinstance(stop, Terminated) else "interrupted"
        print(f"{PROG}: {how}{_kept(args.output)}", file=sys.stderr)
        raise
    notes.report()
    if not args.quiet:
        where = "" if args.output == STDIN else f" -> {args.output}"
        print(f"{PROG}: {summary}{where}", file=sys.stderr)
    return EXIT_CABLE_ERROR if summary.errors else EXIT_OK


def output_format(output: str) -> str | None:
    """The format OUTPUT's name asks for; ``None`` for a name that says none."""
    if output == STDIN:
        return "jsonl"
    suffix = os.path.splitext(output)[1].lower()
    return _SUFFIX_FORMATS.get(suffix)


_SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
}


def _kept(output: str) -> str:
    """What a run that stopped says about its partial output."""
    if output == STDIN or not os.path.exists(partial_path(output)):
        return ""
    return f"; the records written so far are kept in {partial_path(output)}"


