"""The ``parse``, ``validate`` and ``schema`` commands of ``cablekit``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

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


# --- reading the inputs of parse and validate -------------------------------------------------


class _Inputs:
    """The inputs of ``parse`` or ``validate``, read one after the other: each cable or the
    error of what holds none, with the progress line, the notes on skipped files, and the
    status of inputs that cannot be read at all."""

    def __init__(self, files: Sequence[str], *, follow_links: bool) -> None:
        self.files = files
        self.follow_links = follow_links
        self.status = EXIT_OK

    def __iter__(self) -> Iterator[tuple[str, Cable | CableError]]:
        notes = SkipNotes(self.files)
        progress = progress_line()
        count = failed = 0
        try:
            for name in self.files:
                shown = STDIN_NAME if name == STDIN else name
                try:
                    for item in read_cables(name, follow_links=self.follow_links, on_skip=notes):
                        yield shown, item
                        if isinstance(item, CableError):
                            failed += 1
                        else:
                            count += 1
                        if progress is not None:
                            progress.update(count, failed, None)
                except BrokenPipeError:
                    raise
                except OSError as problem:
                    report_error(shown, problem.strerror or str(problem))
                    self.status = max(self.status, EXIT_USAGE)
        finally:
            if progress is not None:
                progress.close()
        notes.report()


# --- cablekit parse -------------------------------------------------------------------------


def run_parse(files: Sequence[str], *, jsonl: bool, follow_links: bool = False) -> int:
    """Run ``cablekit parse`` on ``files``; return the exit status."""
    if report_missing(files):
        return EXIT_USAGE

    status = EXIT_OK
    output = JsonLinesOutput() if jsonl else JsonOutput()
    inputs = _Inputs(files, follow_links=follow_links)
    for shown, item in inputs:
        if isinstance(item, CableError):
            report_cable_error(item, shown)
            status = max(status, EXIT_CABLE_ERROR)
        else:
            output.add(item)
    status = max(status, inputs.status)
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
    inputs = _Inputs(files, follow_links=follow_links)
    for shown, item in inputs:
        if isinstance(item, CableError):
            where, findings = _unreadable(item, shown)
            output.add(where, None, findings)
        else:
            where, findings = _located(item, shown, validate(item))
            output.add(where, item.id, findings)
        if any(finding.severity is Severity.ERROR for finding in findings):
            status = max(status, EXIT_CABLE_ERROR)
    output.close()
    return max(status, inputs.status)


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
