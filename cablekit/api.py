"""The public functions: parse, parse_file, iter_cables, validate."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, overload

from cablekit import _fast
from cablekit.clean import clean
from cablekit.errors import CableError, CableParseError, CableValidationError
from cablekit.fields import read_cable
from cablekit.grammar import parse_document
from cablekit.models import Cable, Metadata
from cablekit.sources import (
    MAX_INPUT_SIZE,
    OnSkip,
    RawCable,
    check_size,
    iter_results,
    readable,
)
from cablekit.sources.detect import iter_path, read_input
from cablekit.validation import Diagnostic, Severity, check, diagnose_parse_error

__all__ = ["MAX_INPUT_SIZE", "iter_cables", "parse", "parse_file", "validate"]


def parse(source: str | bytes, *, metadata: Metadata | None = None, strict: bool = False) -> Cable:
    """Parse one cable.

    ``source`` is the cable as text or bytes: plain text (UTF-8, cp1252 or Latin-1, any line
    endings) or a cablegate web page.  Partial cables parse too (only a header, only the head
    of the text, only paragraphs).  ``metadata`` is what a container said about the cable; it
    fills ``created`` when the text has no date and is kept in ``Cable.metadata``.

    By default parsing is lenient: whatever the cable's structure, the cable is returned and
    :func:`~cablekit.validate` tells what is wrong with it.  With ``strict=True`` a cable with
    an error-level finding raises :class:`~cablekit.CableValidationError`, which carries those
    findings (``diagnostics``) and the cable.

    Raises :class:`~cablekit.CableParseError` when nothing cable-like is found.
    """
    check_size(len(source), "bytes" if isinstance(source, bytes) else "characters")
    raw = read_input(source)
    cable = _parse_raw(raw if metadata is None else RawCable(raw.text, metadata))
    if strict:
        errors = [d for d in check(cable) if d.severity is Severity.ERROR]
        if errors:
            raise CableValidationError(errors, cable=cable)
    return cable


def validate(cable_or_text: Cable | str | bytes) -> list[Diagnostic]:
    """Check a cable's structure and return the findings, ordered by line.

    ``cable_or_text`` is a parsed :class:`~cablekit.models.Cable`, or the text (``str``) or
    ``bytes`` of one, which is then parsed leniently first, as :func:`parse` does.  Given any
    of these, ``validate`` never raises: text that holds no cable gives one ``CK001`` error
    instead of an exception.

    Raises :class:`TypeError` for anything else (``None``, a number, a file path): a wrong
    argument is a mistake in the calling code, not a finding about a cable.
    """
    if isinstance(cable_or_text, Cable):
        return check(cable_or_text)
    if not isinstance(cable_or_text, (str, bytes)):
        raise TypeError(
            f"validate() takes a Cable, str or bytes, not {type(cable_or_text).__name__}"
        )
    try:
        cable = parse(cable_or_text)
    except CableParseError as problem:
        return [diagnose_parse_error(problem)]
    return check(cable)


def parse_file(path: str | os.PathLike[str]) -> Cable:
    """Parse the one cable in a file (text, Markdown or a cablegate page).

    Raises :class:`~cablekit.CableParseError` when the file holds no cable, or more than one
    (use :func:`iter_cables` for cables.csv files and folders).
    """
    cables = iter_cables(path)
    first = next(cables, None)
    if first is None:
        raise CableParseError(f"{os.fspath(path)}: no cable found")
    if next(cables, None) is not None:
        raise CableParseError(
            f"{os.fspath(path)}: holds more than one cable; use iter_cables() to read them all"
        )
    return first


#: What ``iter_cables`` does with a file or row it cannot read.
Errors = Literal["raise", "skip", "collect"]
_ERRORS = ("raise", "skip", "collect")


@overload
def iter_cables(
    path: str | os.PathLike[str],
    *,
    errors: Literal["raise", "skip"] = "raise",
    follow_links: bool = False,
    on_skip: OnSkip | None = None,
) -> Iterator[Cable]: ...


@overload
def iter_cables(
    path: str | os.PathLike[str],
    *,
    errors: Literal["collect"],
    follow_links: bool = False,
    on_skip: OnSkip | None = None,
) -> Iterator[Cable | CableError]: ...


def iter_cables(
    path: str | os.PathLike[str],
    *,
    errors: Errors = "raise",
    follow_links: bool = False,
    on_skip: OnSkip | None = None,
) -> Iterator[Cable] | Iterator[Cable | CableError]:
    """Parse every cable in a file, a cables.csv file or a folder, one at a time.

    cables.csv files are streamed row by row, so memory stays flat however large the file;
    a FIFO or a device (``<(zcat cables.csv.gz)``) is read once, as a stream.  A file larger
    than :data:`MAX_INPUT_SIZE` that holds one cable is refused from its size, unread.
    Each cable's :class:`~cablekit.models.Metadata` names the file it came from (``path``,
    as given; for a folder's files, the folder as given joined with their path in it) and,
    for a cables.csv row, the line the row starts on (``line``).

    In a folder, hidden files are left out silently; files not named as cable text (see
    :data:`~cablekit.sources.CABLE_SUFFIXES`), empty and binary files, links that lead out of
    the folder, links to folders and special files (FIFOs, sockets, devices) are left out,
    and ``on_skip(path, reason)`` is told of each.  ``follow_links=True`` follows every link,
    wherever it leads.

    ``errors`` says what happens at a file or cables.csv row that holds no readable cable:

    - ``"raise"`` (the default): raise its :class:`~cablekit.CableParseError`, and stop;
    - ``"skip"``: leave it out and go on;
    - ``"collect"``: yield the error in its place and go on.

    Every such error says where it is: ``error.source`` (the file path as given),
    ``error.row`` (the cables.csv row id), ``error.line``; ``str(error)`` starts with
    ``source:line: ``.  A path that does not exist, or a file given directly that cannot be
    opened, raises :class:`OSError` whatever ``errors`` says.
    """
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(map(repr, _ERRORS))}, not {errors!r}")
    if errors == "raise":
        return _iter_raising(path, follow_links, on_skip)
    cables = _iter_carrying_on(path, follow_links, on_skip)
    if errors == "collect":
        return cables
    return (cable for cable in cables if isinstance(cable, Cable))


def _iter_raising(
    path: str | os.PathLike[str], follow_links: bool, on_skip: OnSkip | None
) -> Iterator[Cable]:
    for raw in iter_path(Path(path), follow_links=follow_links, on_skip=on_skip):
        yield _parse_located(raw)


def _iter_carrying_on(
    path: str | os.PathLike[str], follow_links: bool, on_skip: OnSkip | None
) -> Iterator[Cable | CableError]:
    for result in iter_results(path, follow_links=follow_links, on_skip=on_skip):
        if isinstance(result, CableError):
            yield result
            continue
        try:
            yield _parse_located(result)
        except CableError as problem:
            yield problem


def _parse_located(raw: RawCable) -> Cable:
    """:func:`_parse_raw`, its error saying which file and row it is about."""
    try:
        return _parse_raw(raw)
    except CableError as problem:
        metadata = raw.metadata
        if metadata is None or metadata.path is None:
            raise
        problem.reference_id = metadata.reference_id
        raise problem.located(metadata.path, row=metadata.row, line=metadata.line) from None


def _parse_raw(raw: RawCable) -> Cable:
    check_size(len(raw.text), "characters")
    with _fast.collector_paused():
        cleaned = clean(raw.text)  # undo conversion damage; repairs keep original line numbers
        document = parse_document(cleaned.text)  # the grammar places the lines, their parts
        cable = cleaned.restore(read_cable(document, raw.metadata))
    if not _looks_like_a_cable(cable):
        line, text = _first_line(raw.text)
        raise CableParseError(
            "expected a cable: a transmission header (VZCZC, DE, FM, TO lines), a "
            "classification line (CONFIDENTIAL PARIS 007101), head fields (E.O., TAGS, "
            "SUBJECT) or numbered paragraphs (1. (C) ...), but found none",
            line=line,
            column=1,
            text=text,
        )
    return cable


def _looks_like_a_cable(cable: Cable) -> bool:
    return (
        cable.transmission is not None
        or cable.classification is not None
        or cable.executive_order is not None
        or cable.subject is not None
        or bool(cable.tags)
        or any(p.number is not None for p in cable.paragraphs)
    )


def _first_line(text: str) -> tuple[int, str]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            return number, readable(line.rstrip()[:200])
    return 1, ""
