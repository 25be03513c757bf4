"""The public functions: parse, parse_batch, parse_file, iter_cables, validate."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, TypeVar, cast, overload

from cablekit import _fast
from cablekit.clean import Cleaned, clean
from cablekit.errors import CableError, CableParseError, CableValidationError
from cablekit.fields import read_cable
from cablekit.fields.cable import read_cables
from cablekit.grammar import Document, parse_document
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

__all__ = ["MAX_INPUT_SIZE", "iter_cables", "parse", "parse_batch", "parse_file", "validate"]


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
    cable = _parse_raw(_read((source, metadata)))
    if strict:
        errors = [d for d in check(cable) if d.severity is Severity.ERROR]
        if errors:
            raise CableValidationError(errors, cable=cable)
    return cable


def _read(source: tuple[str | bytes, Metadata | None]) -> RawCable:
    """What :func:`parse` makes of its ``source`` and ``metadata`` before parsing."""
    text, metadata = source
    check_size(len(text), "bytes" if isinstance(text, bytes) else "characters")
    raw = read_input(text)
    return raw if metadata is None else RawCable(raw.text, metadata)


def parse_batch(sources: Sequence[tuple[str | bytes, Metadata | None]]) -> list[Cable | Exception]:
    """What :func:`parse` gives or raises for each of ``sources``, in order: for each pair of a
    cable's text (or bytes) and its metadata, the cable, or the exception in its place.

    For many cables at once (``cablekit convert``): it never raises for one of them, and with
    the fast paths on it parses them a batch at a time, each step over the whole batch before
    the next, which is faster than one :func:`parse` after another (the steps' code and data
    stay in the processor's caches); with ``CABLEKIT_PLAIN=1`` it calls :func:`parse` for
    each.  Lenient, as ``parse`` is by default; the errors are those ``parse`` raises, not
    located in a file.
    """
    if not _fast.ENABLED:
        return _fast.each(lambda source: parse(source[0], metadata=source[1]), sources)
    raws = _fast.each(_read, sources)
    parsed: list[Cable | Exception] = []
    for batch, _ in _batches(raw for raw in raws if isinstance(raw, RawCable)):
        parsed += _made(batch)  # in batches of _STAGED characters, however many are given
    cables = iter(parsed)
    return [raw if isinstance(raw, Exception) else next(cables) for raw in raws]


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
    """Parse every cable in a file, a cables.csv file or a folder, and yield them in order.

    The input is streamed: the cables are read and parsed a batch at a time (a few hundred KB
    of text), so memory stays flat however large the file or folder, and the first cable comes
    once the first batch is parsed.  A FIFO or a device (``<(zcat cables.csv.gz)``) is read
    once, as a stream.  A file larger than :data:`MAX_INPUT_SIZE` that holds one cable is
    refused from its size, unread.
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
    raws = iter_path(Path(path), follow_links=follow_links, on_skip=on_skip)
    if not _fast.ENABLED:
        for raw in raws:
            yield _parse_located(raw)
        return
    for batch, stopped in _batches(raws):
        for outcome in _parse_batch(batch):
            if isinstance(outcome, Exception):
                raise outcome
            yield outcome
        if stopped is not None:
            raise stopped


def _iter_carrying_on(
    path: str | os.PathLike[str], follow_links: bool, on_skip: OnSkip | None
) -> Iterator[Cable | CableError]:
    results = iter_results(path, follow_links=follow_links, on_skip=on_skip)
    if not _fast.ENABLED:
        for result in results:
            if isinstance(result, CableError):
                yield result
                continue
            try:
                yield _parse_located(result)
            except CableError as problem:
                yield problem
        return
    for batch, stopped in _batches(results):
        parsed = iter(_parse_batch([raw for raw in batch if isinstance(raw, RawCable)]))
        for result in batch:
            outcome = result if isinstance(result, CableError) else next(parsed)
            if isinstance(outcome, Exception) and not isinstance(outcome, CableError):
                raise outcome
            yield outcome
        if stopped is not None:
            raise stopped


def _parse_located(raw: RawCable) -> Cable:
    """:func:`_parse_raw`, its error saying which file and row it is about."""
    try:
        return _parse_raw(raw)
    except CableError as problem:
        raise _located(problem, raw) from None


def _located(problem: CableError, raw: RawCable) -> CableError:
    """``problem``, saying which file and row it is about, when the metadata tells."""
    metadata = raw.metadata
    if metadata is None or metadata.path is None:
        return problem
    problem.reference_id = metadata.reference_id
    return problem.located(metadata.path, row=metadata.row, line=metadata.line)


def _parse_raw(raw: RawCable) -> Cable:
    with _fast.collector_paused():
        cleaned = _cleaned(raw)  # undo conversion damage; repairs keep original line numbers
        document = _document(cleaned)  # the grammar places the lines, their parts
        return _finished(raw, cleaned, read_cable(document, raw.metadata))


def _cleaned(raw: RawCable) -> Cleaned:
    check_size(len(raw.text), "characters")
    return clean(raw.text)


def _document(cleaned: Cleaned) -> Document:
    return parse_document(cleaned.text)


def _finished(raw: RawCable, cleaned: Cleaned, read: Cable) -> Cable:
    """The cable read, with the cleaning's repairs; an error when it holds nothing of a cable."""
    cable = cleaned.restore(read)
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


# The fast path of iter_cables and parse_batch: the cables are parsed a batch at a time
# (_STAGED characters of text), each step (cleaning, the grammar, the fields, and the fields'
# own steps) over the whole batch before the next, with the cycle collector paused once.
# Taking each cable through the steps in turn, each step found its code and data pushed out of
# the processor's caches by the others: a warm pass over the corpus cables.csv (13 MB) takes
# 615-635 ms instead of ~700; batches of 256 K characters gave less, 1 M a little more for 6 MB
# more memory.  The same cables and errors come out, in the same order; CABLEKIT_PLAIN=1
# parses one cable at a time.
_STAGED = 1 << 19

_T = TypeVar("_T")


def _batches(items: Iterator[_T]) -> Iterator[tuple[list[_T], Exception | None]]:
    """``items`` in lists of _STAGED characters of cable text (and one cable more), each with
    the error that ended ``items`` after it, if one did: the items before an error are parsed
    and handed on before it is raised."""
    while True:
        batch: list[_T] = []
        size = 0
        try:
            for item in items:
                batch.append(item)
                if isinstance(item, RawCable):
                    size += len(item.text)
                    if size >= _STAGED:
                        break
        except Exception as problem:
            yield batch, problem
            return
        if not batch:
            return
        yield batch, None


def _parse_batch(raws: list[RawCable]) -> list[Cable | Exception]:
    """What :func:`_parse_located` gives or raises for each cable, in order, one step at a time
    over all of them."""
    return [
        _located(outcome, raw) if isinstance(outcome, CableError) else outcome
        for raw, outcome in zip(raws, _made(raws), strict=True)
    ]


def _made(raws: list[RawCable]) -> list[Cable | Exception]:
    """What :func:`_parse_raw` gives or raises for each cable, in order, one step at a time
    over all of them."""
    with _fast.collector_paused():
        # The collector, on again, walks what was made while it was paused and is still there:
        # the steps' documents and readings are gone by then, only the cables are left.
        return _steps(raws)


def _steps(raws: list[RawCable]) -> list[Cable | Exception]:
    each = _fast.each
    cleaned = each(_cleaned, raws)
    documents = each(_document, cleaned)
    read = read_cables(
        [
            document if isinstance(document, Exception) else (document, raw.metadata)
            for raw, document in zip(raws, documents, strict=True)
        ]
    )
    del documents  # the cables are read
    return each(
        _finished_read,
        [
            cable if isinstance(cable, Exception) else (raw, text, cable)
            for raw, text, cable in zip(raws, cleaned, read, strict=True)
        ],
    )


def _finished_read(read: tuple[RawCable, Cleaned | Exception, Cable]) -> Cable:
    """:func:`_finished` of a cable read: its text was cleaned (an error of cleaning would
    stand in the cable's place)."""
    raw, cleaned, cable = read
    return _finished(raw, cast(Cleaned, cleaned), cable)


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
