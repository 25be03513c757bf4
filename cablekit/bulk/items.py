"""One cable on its way through a bulk conversion: the item read from its container, and the
line of JSON it becomes (the cable, or an error record saying why it could not be read)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, TypeVar

from cablekit import _fast
from cablekit.api import parse, parse_batch
from cablekit.errors import CableError
from cablekit.models import Cable, Metadata
from cablekit.tables import Table, rows

__all__ = [
    "ERROR_BYTES",
    "STDIN",
    "STDIN_NAME",
    "RawItem",
    "convert_item",
    "convert_item_bytes",
    "convert_item_rows",
    "convert_items",
    "convert_items_bytes",
    "convert_items_rows",
    "error_record",
    "is_error_record",
]

#: the name that stands for standard input (as the source) or standard output (as the output)
STDIN = "-"
#: how standard input is named in error records
STDIN_NAME = "<stdin>"

_ERROR_PREFIX = '{"error":'
#: how every error record starts, as bytes
ERROR_BYTES = _ERROR_PREFIX.encode()


class RawItem(NamedTuple):
    """One cable as read from its container, before parsing: what crosses to a worker.

    ``text`` is ``None`` when reading already failed; ``error`` then holds the error record
    (one line of JSON) to write in its place.
    """

    text: str | None
    metadata: Metadata | None
    source: str
    line: int | None
    error: str | None = None


def error_record(
    kind: str,
    message: str,
    *,
    source: str,
    line: int | None = None,
    row: int | None = None,
    reference_id: str | None = None,
) -> str:
    """One line of JSON saying why a cable could not be converted."""
    return json.dumps(
        {
            "error": {
                "type": kind,
                "message": _writable(message),
                "source": _writable(source),
                "line": line,
                "row": row,
                "reference_id": None if reference_id is None else _writable(reference_id),
            }
        },
        ensure_ascii=False,
    )


def _writable(text: str) -> str:
    """``text`` with lone surrogates (from ``str`` input) replaced, so it encodes as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def is_error_record(line: str) -> bool:
    """Tell an error record from a cable in the output of :func:`convert_item`."""
    return line.startswith(_ERROR_PREFIX)


def convert_item(item: RawItem) -> str:
    """Parse one cable with :func:`cablekit.parse`; return it as one line of JSON (no newline).

    Never raises for a bad cable: a cable that cannot be parsed, and any unexpected failure
    of the parser, gives an error record instead (see :mod:`cablekit.bulk`).
    """
    return convert_item_bytes(item).decode("utf-8")


def _cable_json_plain(cable: Cable) -> bytes:
    return cable.model_dump_json().encode("utf-8")


# Fast path: model_dump_json() decodes this serializer's UTF-8 bytes into a str, which would
# be encoded again for the output; the bytes are kept as they come.
_cable_json: Callable[[Cable], bytes] = (
    Cable.__pydantic_serializer__.to_json if _fast.ENABLED else _cable_json_plain
)


def convert_item_bytes(item: RawItem) -> bytes:
    """:func:`convert_item` as UTF-8 bytes, the form the output is written in."""
    return _converted(item, _cable_json)


def convert_item_rows(item: RawItem, table: Table) -> bytes | list[dict[str, Any]]:
    """The rows of ``table`` for one cable (:func:`cablekit.tables.rows`), or its error record
    as :func:`convert_item_bytes` gives it (bytes) when it cannot be parsed."""
    return _converted(item, lambda cable: list(rows(cable, table)))


def convert_items(items: Iterable[RawItem]) -> list[str]:
    """:func:`convert_item` of each item, in order: the same lines, sooner, as the cables are
    parsed together (:func:`convert_items_bytes`).  For a task of many cables, such as a Dask
    partition: ``bag.map_partitions(convert_items)``.  Never raises for a bad cable."""
    return [line.decode("utf-8") for line in convert_items_bytes(list(items))]


def convert_items_bytes(items: Sequence[RawItem]) -> list[bytes]:
    """:func:`convert_item_bytes` of each item, in order, the cables parsed together
    (:func:`cablekit.api.parse_batch`): the same records, sooner."""
    return _all_converted(items, _cable_json)


def convert_items_rows(
    items: Sequence[RawItem], table: Table
) -> list[bytes | list[dict[str, Any]]]:
    """:func:`convert_item_rows` of each item, in order, the cables parsed together."""
    return _all_converted(items, lambda cable: list(rows(cable, table)))


_Made = TypeVar("_Made")


def _converted(item: RawItem, make: Callable[[Cable], _Made]) -> _Made | bytes:
    """``make`` of the parsed cable, or the error record (bytes) saying why there is none."""
    if item.text is None:
        return _unread(item)
    try:
        parsed: Cable | Exception = parse(item.text, metadata=item.metadata)
    except Exception as problem:
        parsed = problem
    return _recorded(item, parsed, make)


def _all_converted(items: Sequence[RawItem], make: Callable[[Cable], _Made]) -> list[_Made | bytes]:
    """:func:`_converted` of each item; on the fast path, their texts parsed as one batch."""
    if not _fast.ENABLED:
        return [_converted(item, make) for item in items]
    parsed = iter(
        parse_batch([(item.text, item.metadata) for item in items if item.text is not None])
    )
    return [
        _unread(item) if item.text is None else _recorded(item, next(parsed), make)
        for item in items
    ]


def _unread(item: RawItem) -> bytes:
    """The error record of an item whose text could not be read."""
    return (item.error or error_record("CableError", "no text", source=item.source)).encode()


def _recorded(
    item: RawItem, parsed: Cable | Exception, make: Callable[[Cable], _Made]
) -> _Made | bytes:
    """``make`` of the cable parsed, or the error record saying why there is none: the error
    ``parse`` raised, or one ``make`` raises."""
    if not isinstance(parsed, Exception):
        try:
            return make(parsed)
        except Exception as problem:
            parsed = problem
    metadata = item.metadata
    row = metadata.row if metadata is not None else None
    reference_id = metadata.reference_id if metadata is not None else None
    if isinstance(parsed, CableError):  # raised on purpose: the message says what is wrong
        found_at = getattr(parsed, "line", None)
        line = item.line if item.line is not None else found_at
        return error_record(
            type(parsed).__name__,
            str(parsed),
            source=item.source,
            line=line,
            row=row,
            reference_id=reference_id,
        ).encode()
    # a parser bug must not end a run of 250,000 cables
    return error_record(
        type(parsed).__name__,
        f"internal error while parsing this cable ({parsed}); please report it",
        source=item.source,
        line=item.line,
        row=row,
        reference_id=reference_id,
    ).encode()
