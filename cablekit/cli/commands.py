"""The ``parse``, ``validate`` and ``schema`` commands of ``cablekit``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cablekit.api import validate
from cablekit.cli.inputs import (
    SkipNotes,
    progress_line,
    read_cables,
    report_cable_error,
    report_missing,
)
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
    write,
)
from cablekit.errors import CableError, CableParseError
from cablekit.models import Cable
from cablekit.schema import cable_schema, error_schema
from cablekit.validation import Diagnostic, Severity, diagnose_parse_error
from cablekit.validation.findings import diagnostic

__all__ = ["run_parse", "run_schema", "run_validate"]


# --- cablekit parse -------------------------------------------------------------------------


def run_parse(files: Sequence[str], *, jsonl: bool, follow_links: bool = False) -> int:
    """Run ``cablekit parse`` on ``files``; return the exit status."""
    if report_missing(files):
        return EXIT_USAGE

    status = EXIT_OK
    output = JsonLinesOutput() if jsonl else JsonOutput()
    notes = SkipNotes(files)
    progress = progress_line()
    count = failed = 0
    try:
        for name in files:
            shown = STDIN_NAME if name == STDIN else name
            try:
                for cable in read_cables(name, follow_links=follow_links, on_skip=notes):
                    if isinstance(cable, CableError):
                        report_cable_error(cable, shown)
                        status = max(status, EXIT_CABLE_ERROR)
                        failed += 1
                    else:
                        output.add(cable)
                        count += 1
                    if progress is not None:
                        progress.update(count, failed, None)
            except BrokenPipeError:
                raise
            except OSError as problem:
                report_error(shown, problem.strerror or str(problem))
                status = max(status, EXIT_USAGE)
    finally:
        if progress is not None:
            progress.close()
    notes.report()
    # An empty array means "no cables here", which is not what a failed input says.
    output.close(empty_array=status == EXIT_OK)
    return status


# --- cablekit validate ----------------------------------------------------------------------


def run_validate(files: Sequence[str], *, as_json: bool, follow_links: bool = False) -> int:
    """Run ``cablekit validate`` on ``files``; return the exit status."""
    if report_missing(files):
        return EXIT_USAGE

    status = EXIT_OK
    output = FindingsJson() if as_json else FindingsText()
    notes = SkipNotes(files)
    progress = progress_line()
    count = failed = 0
    try:
        for name in files:
            shown = STDIN_NAME if name == STDIN else name
            try:
                for cable in read_cables(name, follow_links=follow_links, on_skip=notes):
                    if isinstance(cable, CableError):
                        where, findings = _unreadable(cable, shown)
                        output.add(where, None, findings)
                        failed += 1
                    else:
                        where, findings = _located(cable, shown, validate(cable))
                        output.add(where, cable.id, findings)
                        count += 1
                    if any(finding.severity is Severity.ERROR for finding in findings):
                        status = max(status, EXIT_CABLE_ERROR)
                    if progress is not None:
                        progress.update(count, failed, None)
            except BrokenPipeError:
                raise
            except OSError as problem:
                report_error(shown, problem.strerror or str(problem))
                status = max(status, EXIT_USAGE)
    finally:
        if progress is not None:
            progress.close()
    notes.report()
    output.close()
    return status


def _unreadable(error: CableError, shown: str) -> tuple[str, list[Diagnostic]]:
    """Where an input that holds no cable is, and its CK001 finding."""
    source = error.source or shown
    if isinstance(error, CableParseError):
        finding = diagnose_parse_error(error)
    else:
        finding = diagnostic("CK001", error.message, error.line)
    if error.row is not None or error.reference_id is not None:  # a cables.csv row
        return source, [_in_row(finding, error.row, None)]
    return source, [finding]


def _located(cable: Cable, shown: str, findings: list[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """Where a cable's findings are: the file it came from and, for a cables.csv row, the
    line the row starts on, the line in the cable's text then said in the message."""
    metadata = cable.metadata
    if metadata is None or metadata.path is None:
        return shown, findings
    if metadata.line is None:
        return metadata.path, findings
    return metadata.path, [_in_row(finding, metadata.row, metadata.line) for finding in findings]


def _in_row(finding: Diagnostic, row: int | None, row_line: int | None) -> Diagnostic:
    """A finding about a cables.csv row, placed on the line the row starts on."""
    which = f"row {row}" if row is not None else "the row"
    inside = f", line {finding.line} of its text" if finding.line is not None else ""
    line = row_line if row_line is not None else finding.line
    message = f"{finding.message} ({which}{inside})"
    return finding.model_copy(update={"line": line, "message": message})


# --- cablekit schema ------------------------------------------------------------------------


def run_schema(*, errors: bool = False) -> int:
    """Run ``cablekit schema``; return the exit status.  ``errors``: the schema of the error
    records of ``cablekit convert`` instead of the cable's."""
    schema = error_schema() if errors else cable_schema()
    write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    flush()
    return EXIT_OK
