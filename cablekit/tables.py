"""Flat tables of cables, for pandas, DuckDB, spreadsheets: one row per cable, per paragraph,
per reference or per addressee.

The JSON of a cable is nested: its paragraphs, references and addressees are lists inside it.
The questions people ask of a corpus ("which cables cite 09MOSCOW405", "secret paragraphs
that mention Iran") are easiest to answer on flat tables, so this module gives four, each with
a fixed set of typed columns (:data:`COLUMNS`)::

    import pandas, cablekit
    from cablekit import tables

    cables = list(cablekit.iter_cables("cables.csv"))
    refs = pandas.DataFrame(tables.rows(cables, "references"))
    refs[refs.cited_id == "09MOSCOW405"].cable_id

:func:`rows` yields plain dicts; :func:`to_arrow` makes a ``pyarrow.Table`` with typed columns
(the ``parquet`` extra), which pandas, Polars and DuckDB read without a copy.
``cablekit convert --table NAME`` writes the same rows to JSON Lines, CSV or Parquet.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from enum import Enum
from typing import IO, Any, Literal

from cablekit.models import Cable, Recipient

__all__ = [
    "COLUMNS",
    "TABLES",
    "Table",
    "arrow_schema",
    "json_value",
    "rows",
    "to_arrow",
    "write_csv",
]

Table = Literal["cables", "paragraphs", "references", "recipients"]
#: the tables, by name
TABLES: tuple[Table, ...] = ("cables", "paragraphs", "references", "recipients")

#: the columns of each table and their types: ``string``, ``int``, ``bool``, ``datetime``
#: (UTC), ``date``, or ``list`` (a list of strings)
COLUMNS: dict[Table, tuple[tuple[str, str], ...]] = {
    "cables": (
        ("id", "string"),
        ("classification", "string"),
        ("caveats", "list"),
        ("handling", "list"),
        ("origin", "string"),
        ("sender", "string"),
        ("number", "int"),
        ("created", "datetime"),
        ("subject", "string"),
        ("tags", "list"),
        ("declassify_on", "date"),
        ("classified_by", "string"),
        ("reasons", "list"),
        ("cited_ids", "list"),
        ("paragraphs", "int"),
        ("summary", "string"),
        ("comment", "string"),
        ("signature", "string"),
        ("signers", "list"),
        ("repairs", "int"),
        ("unparsed", "int"),
        ("source", "string"),
        ("path", "string"),
        ("line", "int"),
        ("row", "int"),
    ),
    "paragraphs": (
        ("cable_id", "string"),
        ("number", "int"),
        ("marking", "string"),
        ("level", "string"),
        ("caveats", "list"),
        ("heading", "string"),
        ("text", "string"),
        ("line", "int"),
    ),
    "references": (
        ("cable_id", "string"),
        ("letter", "string"),
        ("cited_id", "string"),
        ("kind", "string"),
        ("text", "string"),
    ),
    "recipients": (
        ("cable_id", "string"),
        ("role", "string"),
        ("routing_indicator", "string"),
        ("name", "string"),
        ("station", "string"),
        ("precedence", "string"),
        ("sequence", "string"),
        ("collective", "bool"),
    ),
}


def _value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _cable_rows(cable: Cable) -> Iterator[dict[str, Any]]:
    order = cable.executive_order
    by = cable.classified_by
    metadata = cable.metadata
    yield {
        "id": cable.id,
        "classification": _value(cable.classification),
        "caveats": list(cable.caveats),
        "handling": list(cable.handling),
        "origin": cable.origin,
        "sender": cable.transmission.sender if cable.transmission else None,
        "number": cable.number,
        "created": cable.created,
        "subject": cable.subject,
        "tags": list(cable.tags),
        "declassify_on": order.declassify_on if order else None,
        "classified_by": by.name or by.authority if by else None,
        "reasons": list(by.reasons) if by else [],
        "cited_ids": [ref.cable_id for ref in cable.references if ref.cable_id],
        "paragraphs": len(cable.paragraphs),
        "summary": cable.summary,
        "comment": cable.comment,
        "signature": cable.signature,
        "signers": list(cable.signers),
        "repairs": len(cable.repairs),
        "unparsed": len(cable.unparsed),
        "source": metadata.source if metadata else None,
        "path": metadata.path if metadata else None,
        "line": metadata.line if metadata else None,
        "row": metadata.row if metadata else None,
    }


def _paragraph_rows(cable: Cable) -> Iterator[dict[str, Any]]:
    for paragraph in cable.paragraphs:
        yield {
            "cable_id": cable.id,
            "number": paragraph.number,
            "marking": paragraph.marking,
            "level": _value(paragraph.level),
            "caveats": list(paragraph.caveats),
            "heading": paragraph.heading,
            "text": paragraph.text,
            "line": paragraph.line,
        }


def _reference_rows(cable: Cable) -> Iterator[dict[str, Any]]:
    for reference in cable.references:
        yield {
            "cable_id": cable.id,
            "letter": reference.letter,
            "cited_id": reference.cable_id,
            "kind": _value(reference.kind),
            "text": reference.text,
        }


def _recipient_row(cable: Cable, role: str, recipient: Recipient) -> dict[str, Any]:
    return {
        "cable_id": cable.id,
        "role": role,
        "routing_indicator": recipient.routing_indicator,
        "name": recipient.name,
        "station": recipient.station,
        "precedence": _value(recipient.precedence),
        "sequence": recipient.sequence,
        "collective": recipient.collective,
    }


def _recipient_rows(cable: Cable) -> Iterator[dict[str, Any]]:
    transmission = cable.transmission
    if transmission is None:
        return
    for role, recipients in (
        ("TO", transmission.to),
        ("INFO", transmission.info),
        ("XMT", transmission.exempt),
    ):
        for recipient in recipients:
            yield _recipient_row(cable, role, recipient)


_ROWS: dict[Table, Callable[[Cable], Iterator[dict[str, Any]]]] = {
    "cables": _cable_rows,
    "paragraphs": _paragraph_rows,
    "references": _reference_rows,
    "recipients": _recipient_rows,
}


def _check(table: str) -> Table:
    for name in TABLES:
        if table == name:
            return name
    raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")


def rows(
    cables: Iterable[Cable] | Cable, table: Table | str = "cables"
) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` for ``cables``, as dicts with the columns of :data:`COLUMNS`.

    ``cables`` is one :class:`~cablekit.Cable` or any iterable of them (a list, or
    :func:`cablekit.iter_cables` to stream a corpus).  Values are Python values: ``str``,
    ``int``, ``bool``, ``datetime`` (UTC), ``date``, lists of ``str``, or ``None``.  Raises
    :class:`ValueError` for a table name not in :data:`TABLES`.
    """
    read = _ROWS[_check(table)]
    for cable in [cables] if isinstance(cables, Cable) else cables:
        yield from read(cable)


def arrow_schema(table: Table | str = "cables") -> Any:
    """The ``pyarrow.Schema`` of ``table``: typed columns, lists as lists of strings, times as
    UTC timestamps.  Needs pyarrow (the ``parquet`` extra)."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "datetime": pa.timestamp("s", tz="UTC"),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[_check(table)]])


def to_arrow(cables: Iterable[Cable] | Cable, table: Table | str = "cables") -> Any:
    """The rows of ``table`` as a ``pyarrow.Table`` (needs the ``parquet`` extra): for
    ``pandas`` (``.to_pandas()``), Polars or DuckDB, which read it without a copy."""
    import pyarrow as pa

    return pa.Table.from_pylist(list(rows(cables, table)), schema=arrow_schema(table))


def json_value(value: Any) -> Any:
    """A value of a row as JSON takes it: a time or a date in ISO 8601 (UTC, ``Z``), anything
    else as it is (for ``json.dumps(row, default=json_value)``)."""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a value of a table row")


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_csv(
    table_rows: Iterable[dict[str, Any]],
    out: IO[str],
    table: Table | str = "cables",
    *,
    header: bool = True,
) -> int:
    """Write rows of ``table`` to ``out`` as CSV with a header line (``header=False``: without,
    to add rows to a file written before), and return how many were written.  A list is
    written as its items joined by ``"; "``, a time in ISO 8601 (UTC, ``Z``), a missing value
    as an empty field.  Open ``out`` with ``newline=""``."""
    names = [name for name, _ in COLUMNS[_check(table)]]
    writer = csv.writer(out)
    if header:
        writer.writerow(names)
    count = 0
    for row in table_rows:
        writer.writerow([_csv_value(row[name]) for name in names])
        count += 1
    return count
