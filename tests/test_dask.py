"""The parse function of ``cablekit convert`` running on Dask (docs/distributed.md).

A ``dask.bag`` over cable files, and one over byte ranges of a cables.csv file, computed with
the synchronous scheduler, give the same lines in the same order as a plain loop and as
``cablekit convert``.  The cables are cablegate-2010 texts from the shared corpus.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cablekit.bulk import (
    RawItem,
    convert,
    convert_item,
    convert_items,
    csv_partitions,
    iter_csv_partition,
    iter_items,
    read_file,
)

db = pytest.importorskip("dask.bag")


def convert_partition(partition: object) -> list[str]:
    """What each Dask task does with one byte range of cables.csv."""
    from cablekit.bulk import CsvPartition

    assert isinstance(partition, CsvPartition)
    return convert_items(iter_csv_partition(partition))


def test_bag_over_files_gives_the_lines_of_a_plain_loop(corpus: Path, tmp_path: Path) -> None:
    files = sorted((corpus / "cablegate-2010").glob("*.txt"))[::53]
    bag = db.from_sequence([str(f) for f in files], npartitions=4).map(read_file)
    lines = bag.map(convert_item).compute(scheduler="synchronous")

    assert lines == [convert_item(read_file(f)) for f in files]
    assert all(not line.startswith('{"error"') for line in lines)
    # the items of each partition parsed together: the same lines, in order
    batched = bag.map_partitions(convert_items).compute(scheduler="synchronous")
    assert batched == lines

    folder = tmp_path / "cables"
    folder.mkdir()
    for file in files:
        (folder / file.name).write_bytes(file.read_bytes())
    out = tmp_path / "cables.jsonl"
    convert(folder, out, jobs=1)

    def elsewhere(line: str) -> dict[str, object]:
        """The record but for the path it was read from (the copy is in another folder)."""
        record = json.loads(line)
        record["metadata"]["path"] = os.path.basename(record["metadata"]["path"])
        return record  # type: ignore[no-any-return]

    written = out.read_text(encoding="utf-8").splitlines()
    assert [elsewhere(line) for line in written] == [elsewhere(line) for line in lines]


def test_bag_over_csv_partitions_keeps_row_order(corpus: Path, tmp_path: Path) -> None:
    source = corpus / "cables-csv" / "cablegate-2010.csv"
    head: list[bytes] = []
    with source.open("rb") as lines:
        ended = 0
        for line in lines:  # in this layout, a line not ending in a backslash ends its row
            head.append(line)
            ended += not line.rstrip(b"\r\n").endswith(b"\\")
            if ended == 30:
                break
    sample = tmp_path / "sample.csv"
    sample.write_bytes(b"".join(head))

    partitions = csv_partitions(sample, 4)
    assert len(partitions) == 4
    bag = db.from_sequence(partitions, npartitions=len(partitions))
    lines = bag.map(convert_partition).flatten().compute(scheduler="synchronous")

    expected: list[str] = [convert_item(item) for item in iter_items(sample)]
    assert lines == expected
    assert len(lines) == 30
    out = tmp_path / "sample.jsonl"
    convert(sample, out, jobs=1)
    assert out.read_text(encoding="utf-8").splitlines() == lines


def test_items_cross_to_workers_as_plain_values(corpus: Path) -> None:
    """What Dask ships to a worker: a partition (path and byte range) or a RawItem."""
    import pickle

    item = read_file(corpus / "cablegate-2010" / "10MADRID49.txt")
    assert isinstance(item, RawItem)
    assert pickle.loads(pickle.dumps(item)) == item
    assert convert_item(pickle.loads(pickle.dumps(item))) == convert_item(item)


def test_convert_items_gives_the_lines_of_convert_item(corpus: Path, tmp_path: Path) -> None:
    """Good cables, a file with no cable and an item that could not be read, in one call."""
    files = sorted((corpus / "cablegate-2010").glob("*.txt"))[::97]
    empty = tmp_path / "notes.txt"
    empty.write_text("nothing of a cable here\n", encoding="utf-8")
    unread = RawItem(None, None, "gone.txt", None, None)
    items = [read_file(f) for f in files] + [read_file(empty), unread]

    lines = convert_items(iter(items))

    assert lines == [convert_item(item) for item in items]
    assert [line.startswith('{"error"') for line in lines] == [False] * len(files) + [True] * 2
    assert convert_items([]) == []
