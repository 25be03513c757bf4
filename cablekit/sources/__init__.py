"""Readers that take cables out of their containers (text files, cables.csv, web pages, PDF).

The names below are the package's public surface, for the rest of cablekit too: the bulk
conversion reads rows and files with the same functions as :func:`iter_path`, one at a time,
so that one broken row or file does not stop it.
"""

from __future__ import annotations

from cablekit.sources.binary import binary_kind, refuse_binary
from cablekit.sources.cablegate_html import looks_like_html, read_cablegate_html
from cablekit.sources.cables_csv import (
    BLOCK,
    COLUMNS,
    CsvSource,
    Rows,
    decode_block,
    decoded_blocks,
    decoded_lines,
    iter_csv,
    looks_like_cables_csv,
    parse_created,
    row_to_cable,
    starts_row,
)
from cablekit.sources.detect import (
    is_cables_csv,
    iter_path,
    looks_like_reference_id,
    read_cable_file,
    read_input,
)
from cablekit.sources.folders import (
    BINARY,
    CABLE_SUFFIXES,
    COUNTED,
    EMPTY,
    OTHER_SUFFIX,
    FolderWalk,
    OnSkip,
    Skipped,
    cable_files,
    skip_summary,
    walk_folder,
)
from cablekit.sources.pdf import (
    MAX_INFLATED_SIZE,
    PDF_EXTRA_MESSAGE,
    PDF_SUFFIXES,
    looks_like_pdf,
    pdf_support,
    pdf_text,
    read_pdf,
)
from cablekit.sources.raw import RawCable
from cablekit.sources.results import Result, csv_results, iter_results, stream_results
from cablekit.sources.streams import (
    MAX_INPUT_SIZE,
    check_size,
    is_stream,
    prefixed,
    read_limited,
)
from cablekit.sources.text import decode, decode_chars, normalize_newlines, readable, strip_bom

__all__ = [
    "BINARY",
    "BLOCK",
    "CABLE_SUFFIXES",
    "COLUMNS",
    "COUNTED",
    "EMPTY",
    "MAX_INFLATED_SIZE",
    "MAX_INPUT_SIZE",
    "OTHER_SUFFIX",
    "PDF_EXTRA_MESSAGE",
    "PDF_SUFFIXES",
    "CsvSource",
    "FolderWalk",
    "OnSkip",
    "RawCable",
    "Result",
    "Rows",
    "Skipped",
    "binary_kind",
    "cable_files",
    "check_size",
    "csv_results",
    "decode",
    "decode_block",
    "decode_chars",
    "decoded_blocks",
    "decoded_lines",
    "is_cables_csv",
    "is_stream",
    "iter_csv",
    "iter_path",
    "iter_results",
    "looks_like_cables_csv",
    "looks_like_html",
    "looks_like_pdf",
    "looks_like_reference_id",
    "normalize_newlines",
    "parse_created",
    "pdf_support",
    "pdf_text",
    "prefixed",
    "read_cable_file",
    "read_cablegate_html",
    "read_input",
    "read_limited",
    "read_pdf",
    "readable",
    "refuse_binary",
    "row_to_cable",
    "skip_summary",
    "starts_row",
    "stream_results",
    "strip_bom",
    "walk_folder",
]
