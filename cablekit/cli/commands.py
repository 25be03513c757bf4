"""The ``parse``, ``validate`` and ``schema`` commands of ``cablekit``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from cablekit.api import iter_cables, parse, validate
from cablekit.cli.output import (
    EXIT_CABLE_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    STDIN_NAME,
    FindingsJson,
    FindingsText,
    JsonLinesOutput,
    JsonOutput,
    flush,
    report_error,
    report_skipped,
    write,
)
from cablekit.errors import CableError, CableParseError
from cablekit.models import Cable
from cablekit.schema import cable_schema, error_schema
from cablekit.sources import read_limited
from cablekit.validation import Severity, diagnose_parse_error

__all__ = ["report_missing", "run_parse", "run_schema", "run_validate"]


def report_missing(files: Sequence[str]) -> bool:
    """Report every input file that does not exist; whether there was any.

    A missing file stops the command before anything is read, so nothing is half printed.
    """
    missing = [name for name in files if name != STDIN and not os.path.exists(name)]
    for name in missing:
        report_error(name, "No such file or directory")
    return bool(missing)


# --- cablekit parse -------------------------------------------------------------------------


def run_parse(files: Sequence[str], *, jsonl: bool, follow_links: bool = False) -> int:
    """Run ``cablekit parse`` on ``files``; return the exit status."""
    if report_missing(files):
        return EXIT_USAGE

    status = EXIT_OK
    output = JsonLinesOutput() if jsonl else JsonOutput()
    for name in files:
        shown = STDIN_NAME if name == STDIN else name
        try:
            for cable in _read(name, follow_links):
                output.add(cable)
        except CableError as problem:
            report_error(shown, str(problem))
            status = max(status, EXIT_CABLE_ERROR)
        except BrokenPipeError:
            raise
        except OSError as problem:
            report_error(shown, problem.strerror or str(problem))
            status = max(status, EXIT_USAGE)
    # An empty array means "no cables here", which is not what a failed input says.
    output.close(empty_array=status == EXIT_OK)
    return status


def _read(name: str, follow_links: bool) -> Iterator[Cable]:
    if name == STDIN:
        yield parse(_read_stdin())
    else:
        yield from iter_cables(name, follow_links=follow_links, on_skip=report_skipped)


def _read_stdin() -> bytes:
    """One cable from standard input, refused once it is larger than a cable can be."""
    if sys.stdin is None:  # started without a standard input
        return b""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return read_limited(buffer)
    return sys.stdin.read().encode("utf-8")


# --- cablekit validate ----------------------------------------------------------------------


def run_validate(files: Sequence[str], *, as_json: bool, follow_links: bool = False) -> int:
    """Run ``cablekit validate`` on ``files``; return the exit status."""
    if report_missing(files):
        return EXIT_USAGE

    status = EXIT_OK
    output = FindingsJson() if as_json else FindingsText()
    for name in files:
        shown = STDIN_NAME if name == STDIN else name
        many = name != STDIN and os.path.isdir(name)
        try:
            for index, cable in enumerate(_read(name, follow_links), start=1):
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
            report_error(shown, problem.strerror or str(problem))
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


# --- cablekit schema ------------------------------------------------------------------------


def run_schema(*, errors: bool = False) -> int:
    """Run ``cablekit schema``; return the exit status.  ``errors``: the schema of the error
    records of ``cablekit convert`` instead of the cable's."""
    schema = error_schema() if errors else cable_schema()
    write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    flush()
    return EXIT_OK
