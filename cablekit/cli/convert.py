"""The ``convert`` command of ``cablekit``: a whole corpus into one JSON Lines or Parquet
file, with :func:`cablekit.bulk.convert`."""

from __future__ import annotations

import argparse
import os
import sys

from cablekit.bulk import FORMATS, ConvertError, Progress, WorkerDeathsError, convert, partial_path
from cablekit.cli.output import (
    EXIT_CABLE_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_WORKERS,
    PROG,
    STDIN,
    STDOUT_NAME,
    report_error,
    report_skipped,
    silence_stdout,
)
from cablekit.cli.signals import Terminated

__all__ = [
    "CONVERT_DESCRIPTION",
    "CONVERT_EPILOG",
    "add_convert_arguments",
    "add_follow_links",
    "run_convert",
]

CONVERT_DESCRIPTION = """\
Convert many cables into one JSON Lines or Parquet file.

INPUT is a cables.csv file, a folder of cable files (PDF files too, with
cablekit[pdf]), one cable file, or '-' for standard input (one cable, or
cables.csv rows). The cables are parsed by --jobs worker processes and
written in input order as they come, so memory use stays flat whatever the
size of the input.

A cable that cannot be read is not skipped: an error record takes its
place, {"error": {"type", "message", "source", "line", "row",
"reference_id"}} (in Parquet, the "error" column of its row), it is
counted, and the run goes on.

On a terminal a progress line shows the count, the rate and, when the
size of the input is known, how far the run is and the time left. A
summary (cables, errors, seconds) ends the run on standard error."""

CONVERT_EPILOG = """\
examples:
  cablekit convert cables.csv -o cables.jsonl
  cablekit convert cables.csv -o cables.parquet --jobs 4
  cablekit convert cables/ -o cables.jsonl --quiet
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
    name: str = args.input
    if name != STDIN and not os.path.exists(name):
        report_error(name, "No such file or directory")
        return EXIT_USAGE
    progress = Progress(sys.stderr) if not args.quiet and _is_terminal(sys.stderr) else None
    try:
        summary = convert(
            name,
            args.output,
            output_format=args.format,
            jobs=args.jobs,
            progress=progress,
            follow_links=args.follow_links,
            on_skip=report_skipped,
        )
    except WorkerDeathsError as problem:
        print(f"{PROG}: error: {problem}{_kept(args.output)}", file=sys.stderr)
        return EXIT_WORKERS
    except ConvertError as problem:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
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
    if not args.quiet:
        where = "" if args.output == STDIN else f" -> {args.output}"
        print(f"{PROG}: {summary}{where}", file=sys.stderr)
    return EXIT_CABLE_ERROR if summary.errors else EXIT_OK


def _kept(output: str) -> str:
    """What a run that stopped says about its partial output."""
    if output == STDIN or not os.path.exists(partial_path(output)):
        return ""
    return f"; the records written so far are kept in {partial_path(output)}"


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False
