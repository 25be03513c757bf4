"""Where the rows of a flat table go (``cablekit convert --table``): JSON Lines, CSV or Parquet.

The workers make the rows of the table (:func:`cablekit.tables.rows`) of the cables they
parse and send them back with the error records, in the order and with the handling of faults
of any conversion (:func:`~cablekit.bulk.convert`); the sink writes the rows.  An error
record is no row: it is counted, not written.

Every format is written as ``<output>.partial`` and renamed when the run is done, as the
cable records are (:class:`~cablekit.bulk.sinks.OutputFile`).
"""

from __future__ import annotations

import io
import json
from typing import Any

from cablekit.bulk.items import ERROR_BYTES
from cablekit.bulk.parquet import ParquetFile
from cablekit.bulk.sinks import JsonLinesSink, OutputFile
from cablekit.models import Cable
from cablekit.tables import Table, arrow_schema, json_value, rows, write_csv

__all__ = ["TABLE_FORMATS", "TableSink"]

#: the formats a table is written in
TABLE_FORMATS = ("jsonl", "csv", "parquet")

_ROWS_PER_GROUP = 50_000


class _ParquetRows(ParquetFile):
    """Rows written as Parquet row groups with the table's typed columns."""

    def __init__(self, name: str, table: Table) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = arrow_schema(table)
        self._output = OutputFile(name)
        self._file = self._output.open()
        self._writer = pq.ParquetWriter(self._file, self._schema, compression="zstd")
        self._held: list[dict[str, Any]] = []

    def add(self, new_rows: list[dict[str, Any]]) -> None:
        self._held.extend(new_rows)
        if len(self._held) >= _ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self._held:
            return
        group = self._pa.Table.from_pylist(self._held, schema=self._schema)
        try:
            self._writer.write_table(group)
        except OSError as problem:
            raise self._output.error(problem) from None
        self._held.clear()


class TableSink:
    """The rows of ``table`` for the cable records written to it, in ``fmt`` (one of
    :data:`TABLE_FORMATS`) to the file ``name`` (``"-"``: standard output, JSON Lines and
    CSV only).  :attr:`rows` counts the rows written."""

    def __init__(self, name: str, table: Table, fmt: str) -> None:
        if fmt not in TABLE_FORMATS:
            raise ValueError(f"unknown table format {fmt!r}")
        self.table: Table = table
        self.rows = 0
        self._format = fmt
        self._parquet = _ParquetRows(name, table) if fmt == "parquet" else None
        self._lines = None if fmt == "parquet" else JsonLinesSink(name)
        self._header = fmt == "csv"  # still to write

    def write_block(self, data: bytes) -> None:
        """Take lines of JSON (cables and error records), each ending in a newline, and write
        the rows of the cables (the error records are no rows)."""
        cables = [
            Cable.model_validate_json(line)
            for line in data.split(b"\n")[:-1]
            if not line.startswith(ERROR_BYTES)
        ]
        if cables:
            self.write_rows(list(rows(cables, self.table)))

    def write_rows(self, new_rows: list[dict[str, Any]]) -> None:
        """Write rows of the table, as :func:`cablekit.tables.rows` makes them."""
        self.rows += len(new_rows)
        if self._parquet is not None:
            self._parquet.add(new_rows)
            return
        if not new_rows:
            return
        self._write_text(new_rows)

    def _write_text(self, new_rows: list[dict[str, Any]]) -> None:
        assert self._lines is not None
        if self._format == "csv":
            buffer = io.StringIO(newline="")
            write_csv(new_rows, buffer, self.table, header=self._header)
            self._header = False
            text = buffer.getvalue()
        else:
            text = "".join(
                json.dumps(row, ensure_ascii=False, default=json_value) + "\n" for row in new_rows
            )
        self._lines.write_block(text.encode("utf-8", "replace"))

    def close(self) -> None:
        """Finish the output (a CSV file without rows still gets its header line)."""
        if self._parquet is not None:
            self._parquet.close()
            return
        assert self._lines is not None
        if self._header:
            self._write_text([])
        self._lines.close()

    def abandon(self) -> str | None:
        """Stop writing; return where the rows written so far are kept."""
        if self._parquet is not None:
            return self._parquet.abandon()
        assert self._lines is not None
        return self._lines.abandon()
