"""Parquet output of a bulk conversion (needs pyarrow, the ``parquet`` extra).

One row per cable: a flat column per scalar field (nested models spread out as
``parent_field``), nested lists for the list fields, and an ``error`` struct, null for a
converted cable and the error record for a cable that failed.  The columns are derived from
the :class:`~cablekit.models.Cable` model, so a field added to it gets its column.  pyarrow is
imported only when a schema or a sink is made.
"""

from __future__ import annotations

import contextlib
import json
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from cablekit.bulk.sinks import OutputFile
from cablekit.models import Cable

__all__ = ["BYTES_PER_GROUP", "ROWS_PER_GROUP", "ParquetFile", "ParquetSink", "parquet_schema"]

#: cables per Parquet row group
ROWS_PER_GROUP = 1000
#: ... or fewer, when their JSON is larger than this
BYTES_PER_GROUP = 32 << 20


@dataclass(frozen=True)
class _Column:
    """A Parquet column: where its value sits in the cable JSON, and its Arrow type."""

    name: str
    path: tuple[str, ...]
    type: Any  # pyarrow.DataType
    convert: Callable[[Any], Any] | None = None


def _optional_inner(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _json_text(value: Any) -> Any:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _from_iso_datetime(value: Any) -> Any:
    if value is None:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _from_iso_date(value: Any) -> Any:
    return None if value is None else date.fromisoformat(str(value))


def _nested_type(annotation: Any) -> tuple[Any, Callable[[Any], Any] | None]:
    """The Arrow type of a value inside a list or struct, and how to convert its JSON
    value (``None``: as it is)."""
    import pyarrow as pa

    annotation = _optional_inner(annotation)
    origin = get_origin(annotation)
    if origin is list:
        (element,) = get_args(annotation) or (Any,)
        inner, convert_inner = _nested_type(element)
        if convert_inner is None:
            return pa.list_(inner), None
        convert_element = convert_inner

        def convert_list(value: Any) -> Any:
            return None if value is None else [convert_element(v) for v in value]

        return pa.list_(inner), convert_list
    if _is_model(annotation):
        fields = []
        converters: dict[str, Callable[[Any], Any]] = {}
        for name, field in annotation.model_fields.items():
            kind, convert_field = _nested_type(field.annotation)
            fields.append(pa.field(name, kind))
            if convert_field is not None:
                converters[name] = convert_field
        if not converters:
            return pa.struct(fields), None

        def convert_struct(value: Any) -> Any:
            if value is None:
                return None
            return {
                key: converters[key](item) if key in converters else item
                for key, item in value.items()
            }

        return pa.struct(fields), convert_struct
    if isinstance(annotation, type):
        if issubclass(annotation, Enum) or annotation is str:
            return pa.string(), None
        if annotation is bool:
            return pa.bool_(), None
        if annotation is int:
            return pa.int64(), None
        if annotation is float:
            return pa.float64(), None
        if issubclass(annotation, (datetime, date)):
            return pa.string(), None  # ISO text inside nested values
    return pa.string(), _json_text


def _columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[_Column]:
    """Flat columns for the scalar fields (nested models spread out as ``parent_field``),
    nested lists for the lists."""
    import pyarrow as pa

    columns: list[_Column] = []
    for name, field in model.model_fields.items():
        path = (*prefix, name)
        annotation = _optional_inner(field.annotation)
        if _is_model(annotation):
            columns.extend(_columns(annotation, path))
        elif annotation is datetime:
            columns.append(
                _Column("_".join(path), path, pa.timestamp("us", tz="UTC"), _from_iso_datetime)
            )
        elif annotation is date:
            columns.append(_Column("_".join(path), path, pa.date32(), _from_iso_date))
        else:
            kind, convert_value = _nested_type(annotation)
            columns.append(_Column("_".join(path), path, kind, convert_value))
    return columns


def _error_column() -> _Column:
    import pyarrow as pa

    kind = pa.struct(
        [
            pa.field("type", pa.string()),
            pa.field("message", pa.string()),
            pa.field("source", pa.string()),
            pa.field("line", pa.int64()),
            pa.field("row", pa.int64()),
            pa.field("reference_id", pa.string()),
        ]
    )
    return _Column("error", ("error",), kind)


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet output: one column per scalar field of the cable
    (nested models spread out, ``transmission_dtg``), lists for the list fields (paragraphs,
    recipients as lists of structs), and an ``error`` struct, null for converted cables."""
    import pyarrow as pa

    columns = [*_columns(Cable), _error_column()]
    return pa.schema([pa.field(column.name, column.type) for column in columns])


class ParquetFile:
    """What the Parquet sinks share: the last row group written and the file made the output
    on :meth:`close`, or kept readable as ``<output>.partial`` on :meth:`abandon`.  A
    subclass sets ``_output`` (an :class:`~cablekit.bulk.sinks.OutputFile`), ``_file``,
    ``_writer`` (a ``pyarrow.parquet.ParquetWriter``) and writes what it holds in
    :meth:`_flush`."""

    _output: OutputFile
    _file: Any
    _writer: Any

    def _flush(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Write the last row group, close the file and make it the output."""
        try:
            self._flush()
            self._finish()
        except OSError as problem:
            error = problem if self._output.failed else self._output.error(problem)
            self._output.discard()
            raise error from None
        self._output.commit()

    def abandon(self) -> str | None:
        """Write what is held and close the file, readable, as ``<output>.partial`` (removed
        if writing failed)."""
        # best effort, on the way out of a run that already failed or was stopped
        if not self._output.failed:
            with contextlib.suppress(Exception):
                self._flush()
        with contextlib.suppress(Exception):
            self._finish()
        return self._output.discard()

    def _finish(self) -> None:
        try:
            self._writer.close()  # the footer: without it the file cannot be read
        finally:
            self._file.close()


class ParquetSink(ParquetFile):
    """Cables written as Parquet row groups, so memory holds one group at most; written to
    ``<output>.partial`` and renamed when done (see :class:`~cablekit.bulk.sinks.OutputFile`).
    """

    def __init__(self, name: str) -> None:
        """Open ``name`` for writing (pyarrow must be installed)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._columns = [*_columns(Cable), _error_column()]
        self._schema = pa.schema([pa.field(c.name, c.type) for c in self._columns])
        self._output = OutputFile(name)
        self._file = self._output.open()
        self._writer = pq.ParquetWriter(self._file, self._schema, compression="zstd")
        self._buffer: dict[str, list[Any]] = {c.name: [] for c in self._columns}
        self._rows = 0
        self._bytes = 0

    def write_block(self, data: bytes) -> None:
        """Write lines of JSON, UTF-8, each ending in a newline (JSON escapes a newline in a
        string, so each one ends a record)."""
        for line in data.decode("utf-8").split("\n")[:-1]:
            self.write(line)

    def write(self, line: str) -> None:
        """Add one record (a line of JSON, no newline) to the row group being filled."""
        record = json.loads(line)
        for column in self._columns:
            value: Any = record
            for key in column.path:
                value = value.get(key) if isinstance(value, dict) else None
                if value is None:
                    break
            if column.convert is not None and value is not None:
                value = column.convert(value)
            self._buffer[column.name].append(value)
        self._rows += 1
        self._bytes += len(line)
        if self._rows >= ROWS_PER_GROUP or self._bytes >= BYTES_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        pa = self._pa
        arrays = [pa.array(self._buffer[c.name], type=c.type) for c in self._columns]
        try:
            self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        except OSError as problem:
            raise self._output.error(problem) from None
        for values in self._buffer.values():
            values.clear()
        self._rows = self._bytes = 0
