"""Bulk conversion: many cables in, one JSON Lines or Parquet file out.

:func:`convert` reads a cables.csv file, a folder of cable files, one file or standard input,
parses every cable and writes one record per cable, in input order.  It streams: however
large the input, only a bounded window of cables is in memory at any time.

The work is split the same way on one core, on several (``jobs``: worker processes) and on
many machines (Dask, see ``docs/distributed.md``):

1. reading turns the input into :class:`RawItem` values: the raw text of one cable and what
   its container said (row id, created date...), small and picklable;
2. :func:`convert_item` parses one item with :func:`cablekit.parse` and returns one line of
   JSON: the cable, or an error record when it cannot be read; :func:`convert_items` does
   the same for many items, parsed together, which is faster (a task's items are parsed so);
3. the lines are written in order, as JSON Lines or as Parquet row groups.

With worker processes and a cables.csv file, the workers read the cables too: the main
process only cuts the file into byte ranges of whole rows (:class:`CsvPartition`) and writes,
in order, the block of JSON Lines each worker sends back for its range.

A cable that fails never stops the run.  It becomes an error record::

    {"error": {"type": "CableParseError", "message": "...", "source": "cables.csv",
               "line": 1234, "row": 17, "reference_id": "09ASTANA95"}}

``line`` is where the problem is in ``source``: for a cables.csv row, the line the row starts
on; for a file, the line the parser named.  ``row`` and ``reference_id`` are ``null`` when
not known.  In Parquet output the same record fills the ``error`` column of the cable's row.

Faults do not lose records silently either: a worker process that dies is replaced and its
work redone (:mod:`~cablekit.bulk.workers`, up to :data:`MAX_DEATHS`), workers exit when the
main process is gone (:mod:`~cablekit.bulk.processes`), and the output is written as
``<output>.partial`` and renamed when the run is done (:mod:`~cablekit.bulk.sinks`), so that a
stopped run never leaves an output that looks complete.  docs/guarantees.md has the list.

The modules, one job each: :mod:`~cablekit.bulk.items` (an item and the line of JSON it
becomes), :mod:`~cablekit.bulk.inputs` (reading an input into items),
:mod:`~cablekit.bulk.partition` (byte ranges of a cables.csv file),
:mod:`~cablekit.bulk.workers` (tasks and the workers that run them),
:mod:`~cablekit.bulk.processes` (a worker process and its pipes), :mod:`~cablekit.bulk.progress`,
:mod:`~cablekit.bulk.sinks` (JSON Lines), :mod:`~cablekit.bulk.parquet` (schema and sink) and
:mod:`~cablekit.bulk.conversion` (the run).  The names below are the public surface.
"""

from __future__ import annotations

from cablekit.bulk.conversion import FORMATS, ConvertError, ConvertSummary, convert
from cablekit.bulk.inputs import iter_items, read_file
from cablekit.bulk.items import (
    RawItem,
    convert_item,
    convert_items,
    error_record,
    is_error_record,
)
from cablekit.bulk.parquet import parquet_schema
from cablekit.bulk.partition import CsvPartition, csv_partitions, iter_csv_partition
from cablekit.bulk.progress import Progress
from cablekit.bulk.sinks import PARTIAL_SUFFIX, partial_path
from cablekit.bulk.table_sinks import TABLE_FORMATS, TableSink
from cablekit.bulk.workers import MAX_DEATHS, WorkerDeathsError, default_jobs

__all__ = [
    "FORMATS",
    "MAX_DEATHS",
    "PARTIAL_SUFFIX",
    "TABLE_FORMATS",
    "ConvertError",
    "ConvertSummary",
    "CsvPartition",
    "Progress",
    "RawItem",
    "TableSink",
    "WorkerDeathsError",
    "convert",
    "convert_item",
    "convert_items",
    "csv_partitions",
    "default_jobs",
    "error_record",
    "is_error_record",
    "iter_csv_partition",
    "iter_items",
    "parquet_schema",
    "partial_path",
    "read_file",
]
