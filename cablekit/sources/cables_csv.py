r"""Read the WikiLeaks ``cables.csv`` layout, one row (one cable) at a time.

The file has no header row and eight columns, every field in double quotes, with a
backslash as the escape character (a newline inside a field is written as a backslash and
the newline, a quote as a backslash and the quote)::

    "1","11/29/2000 13:01","00HARARE6677","Embassy Harare","CONFIDENTIAL","","","Wednesday…\
    C O N F I D E N T I A L SECTION 01 OF 03 HARARE 006677 \
    …"

Columns: row id, created (``MM/DD/YYYY HH:MM``), reference id, origin, classification,
referenced ids, header (the transmission lines; empty when the copy has none), content.

``csv.reader`` with ``escapechar="\\"`` already drops the backslash before an escaped
newline and hands back the newline alone.  The file is read a block of lines at a time, so
memory stays flat however large it is (the real file is 1.7 GB); each line is decoded on its
own (UTF-8, else cp1252), so one badly encoded cable does not spoil the others.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import chain
from typing import IO, TYPE_CHECKING, cast

from cablekit import _fast
from cablekit.errors import CableParseError
from cablekit.models import Metadata
from cablekit.sources.csv_lines import BLOCK, decode_block, decoded_blocks, decoded_lines
from cablekit.sources.quoting import ends_inside_quote
from cablekit.sources.raw import RawCable
from cablekit.sources.text import normalize_newlines, readable, strip_bom

if TYPE_CHECKING:
    from _csv import Reader

__all__ = [
    "BLOCK",
    "COLUMNS",
    "CUT_SHORT",
    "CsvSource",
    "Rows",
    "decode_block",
    "decoded_blocks",
    "decoded_lines",
    "ends_inside_quote",
    "iter_csv",
    "looks_like_cables_csv",
    "parse_created",
    "row_to_cable",
    "starts_row",
]

#: The eight columns of a cables.csv row, in order.
COLUMNS = (
    "row id",
    "created",
    "reference id",
    "origin",
    "classification",
    "referenced ids",
    "header",
    "content",
)

#: What :func:`iter_csv` reads: a path, or an open binary (or text) file.
CsvSource = str | os.PathLike[str] | IO[bytes] | IO[str]

# The longest real cables run to a few hundred KB, over csv's default field limit of
# 128 KiB.  A field larger than this is a broken quote, not a cable.
_FIELD_SIZE_LIMIT = 64 * 1024 * 1024

_CREATED_FORMATS = ("%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
# the first form as every row of cables.csv writes it, for the fast path of the created date
_USUAL_CREATED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s+([0-9]{1,2}):([0-9]{2})")

# each run of blanks around a quote is matched one way only ("\s*(?:"\s*)?", not "\s*"?\s*",
# which tries every split of a long run of spaces and takes quadratic time on one)
_FIRST_LINE = re.compile(
    r"""\s*(?:"\s*)?\d+\s*(?:"\s*)?,\s*(?:"\s*)?
        (?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?
        \s*(?:"\s*)?,""",
    re.VERBOSE,
)
_ID_SEPARATORS = re.compile(r"[\s,]+")
_ROW_ID = re.compile(r"\s*[0-9]+\s*")
_SHOWN = 200  # characters of an offending line quoted in an error
# made once for every row: a function of the fields, not the class called with keywords
_make_metadata = Metadata.maker()


def looks_like_cables_csv(first_bytes: bytes) -> bool:
    """Tell whether a file starting with ``first_bytes`` is in the cables.csv layout.

    True when the first line starts with a numeric row id and a created date
    (``"1","11/29/2000 13:01",`` or ``"1","2000-11-29 13:01:00",``).
    """
    text = strip_bom(first_bytes).decode("utf-8", errors="replace")
    return _FIRST_LINE.match(text) is not None


def parse_created(value: str) -> datetime | None:
    """Read a created cell (``MM/DD/YYYY HH:MM`` or ``YYYY-MM-DD HH:MM[:SS]``) as UTC.

    An empty cell gives ``None``; anything else that is not one of these forms raises
    ``ValueError``.
    """
    value = value.strip()
    if not value:
        return None
    return _read_created(value)


def _read_created_plain(value: str) -> datetime:
    for form in _CREATED_FORMATS:
        try:
            return datetime.strptime(value, form).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    raise ValueError(
        f"created date {value!r} is neither MM/DD/YYYY HH:MM nor YYYY-MM-DD HH:MM[:SS]"
    )


def _read_created_fast(value: str) -> datetime:
    # strptime spends about 5 microseconds a row on locale and format handling; the usual
    # form is read with one regex match.  Anything else, or an impossible date, goes to
    # strptime, which decides and words the error.
    usual = _USUAL_CREATED.fullmatch(value)
    if usual is not None:
        try:
            month, day, year, hour, minute = map(int, usual.groups())
            return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)
        except ValueError:
            pass
    return _read_created_plain(value)


_read_created = _read_created_fast if _fast.ENABLED else _read_created_plain


# characters of cable text read ahead (and one row more) before the cables are handed on
_BATCH = 1 << 18


def starts_row(line: str) -> bool:
    """Whether a decoded line starts a cables.csv row (see :func:`looks_like_cables_csv`)."""
    return _FIRST_LINE.match(line.removeprefix("\ufeff")) is not None


def _reader(lines: Iterator[str]) -> Reader:
    return csv.reader(lines, delimiter=",", quotechar='"', escapechar="\\")


class _KeptBlocks:
    """Blocks of lines passed on, the last ones kept, numbered: an object of its own, so
    that the generator passing them on holds no reference back to :class:`Rows` (a cycle
    would keep the blocks of a finished reader until the cycle collector runs)."""

    def __init__(self, blocks: Iterable[list[str]], first_line: int) -> None:
        self._blocks = blocks
        #: (number of its first line, lines) of the blocks kept
        self.blocks: deque[tuple[int, list[str]]] = deque()
        #: the number of the first line of the next block
        self.next_line = first_line

    def __iter__(self) -> Iterator[list[str]]:
        for block in self._blocks:
            self.blocks.append((self.next_line, block))
            self.next_line += len(block)
            yield block


class Rows:
    """The rows of the decoded lines of a cables.csv file (:func:`decoded_blocks`).

    The csv reader takes the lines straight from the blocks, in C, and counts them
    (``line_num``): the first line of each row is known without a step of Python per line.
    The blocks a row may start in are kept, to quote that line when the row cannot be read.
    """

    def __init__(
        self,
        blocks: Iterable[list[str]],
        first_line: int = 1,
        *,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        """``stop``: asked when every line of the blocks taken so far has been read, before a
        row starts, or while skipping lines after a broken row; True ends the rows there."""
        self._stop = stop
        self._kept = _KeptBlocks(blocks, first_line)
        self._source = chain.from_iterable(self._kept)
        self._reader = _reader(self._source)
        self._before = first_line - 1  # the number of the line before the reader's first
        #: the number of the first line of the row read last
        self.row_start = first_line

    def _stops_before(self, number: int) -> bool:
        return self._stop is not None and number == self._kept.next_line and self._stop()

    @property
    def last_line_taken(self) -> int:
        """The number of the last line taken from the blocks so far."""
        return self._kept.next_line - 1

    @property
    def row_first_line(self) -> str:
        """The first line of the row read last, without its newline, shortened."""
        for first, block in self._kept.blocks:
            if first <= self.row_start < first + len(block):
                return readable(block[self.row_start - first].rstrip("\r\n")[:_SHOWN])
        return ""

    def next_row(self) -> list[str] | None:
        """The next row (``[]`` for a blank line); None at the end of the file.

        Raises ``csv.Error`` for a row that cannot be read, and for a row that the end of the
        file cuts inside a quoted field (a file cut short); :meth:`skip_broken_row` then goes
        on with the next row.
        """
        self.row_start = start = self._before + self._reader.line_num + 1
        kept = self._kept.blocks
        while len(kept) > 1 and kept[1][0] <= start:
            kept.popleft()  # the row starts after this block
        if self._stops_before(start):
            return None
        row = next(self._reader, None)
        if row and self._ends_inside_quote():
            raise csv.Error(CUT_SHORT)
        return row

    def _line(self, number: int) -> str | None:
        """The line ``number`` if it is among the lines kept."""
        for first, block in self._kept.blocks:
            if first <= number < first + len(block):
                return block[number - first]
        return None

    def _row_lines(self) -> list[str]:
        """The lines of the row read last (those kept)."""
        end = self._before + self._reader.line_num
        lines = (self._line(number) for number in range(self.row_start, end + 1))
        return [line for line in lines if line is not None]

    def _ends_inside_quote(self) -> bool:
        """Whether the row just read ended because the file did, inside a quoted field.

        A row of the layout ends in a closing quote and a newline; only a row that does not,
        or whose last quote might open a field (at the row's start, or after a comma), is
        read again to follow its quotes (:func:`ends_inside_quote`).
        """
        last_number = self._before + self._reader.line_num
        last = self._line(last_number)
        if last is not None and last.endswith(('"\n', '"\r\n')):
            body = last.rstrip("\r\n")[:-1]
            escaped = (len(body) - len(body.rstrip("\\"))) % 2 == 1
            opens = body.endswith(",") or (not body and last_number == self.row_start)
            if not escaped and not opens:
                return False
        return ends_inside_quote("".join(self._row_lines()))

    def row_head(self) -> tuple[int | None, str | None]:
        """The row id and reference id the first line of the row read last gives, when it
        starts as a row does (for the error record of a row that cannot be read)."""
        first = self._line(self.row_start)
        if first is None or not starts_row(first):
            return None, None
        try:
            cells = next(_reader(iter([first.rstrip("\r\n")])), [])
        except csv.Error:
            return None, None
        row_id = cells[0].strip() if cells else ""
        reference = cells[2].strip() if len(cells) > 2 else ""
        return (int(row_id) if row_id.isdigit() else None), (readable(reference) or None)

    def resync(self) -> int | None:
        """After a row that cannot be read, go back to the first line inside it that starts a
        row after a line that ends one, as a quote left open makes a row run on into the
        next ones; return that line's number (``None``: there is none, nothing changes).

        In the layout a newline inside a field is escaped, so inside a sound row every line
        but the last ends in a backslash: such a line is never taken for the start of a row.
        """
        end = self._before + self._reader.line_num
        previous = self._line(self.row_start)
        for number in range(self.row_start + 1, end + 1):
            line = self._line(number)
            if previous is None or line is None:
                return None
            if not previous.rstrip("\r\n").endswith("\\") and starts_row(line):
                again = [self._line(n) or "" for n in range(number, end + 1)]
                self._before = number - 1
                self._reader = _reader(chain(again, self._source))
                return number
            previous = line
        return None

    def skip_broken_row(self) -> None:
        """After a row that cannot be read, go on from the next line that starts a row: one
        inside the row (:meth:`resync`), else one after it."""
        if self.resync() is not None:
            return
        number = self._before + self._reader.line_num
        while not self._stops_before(number + 1):
            line = next(self._source, None)
            if line is None:
                break
            number += 1
            if starts_row(line):
                self._before = number - 1
                self._reader = _reader(chain((line,), self._source))
                return
        self._before = number
        self._reader = _reader(iter(()))


#: why a row that the end of the file cuts inside a quoted field cannot be read
CUT_SHORT = "the file ends inside a quoted field: the row is cut short"


def _cable_text(header: str, content: str) -> str:
    """Header and content joined by one empty line, as on the cablegate pages."""
    header = normalize_newlines(header)
    content = normalize_newlines(content)
    text = header.rstrip("\n") + "\n\n" + content.lstrip("\n") if header.strip() else content
    if not text.endswith("\n"):
        text += "\n"
    return text


def row_to_cable(row: list[str], lines: Rows, path: str | None = None) -> RawCable:
    """The cable of one row that ``lines`` has just read (its text and metadata, which names
    ``path``, the file the rows are read from, and the line the row starts on).

    Raises :class:`~cablekit.errors.CableParseError`, naming the line the row starts on, for
    a row that is not in the layout: a wrong number of columns, a row id that is not a
    number, an unreadable created date.
    """

    def fail(message: str) -> CableParseError:
        return CableParseError(
            f"cables.csv row at line {lines.row_start}: {message}",
            line=lines.row_start,
            text=lines.row_first_line,
        )

    if len(row) != len(COLUMNS):
        which = f" (row id {row[0].strip()[:_SHOWN]!r})" if row and row[0].strip() else ""
        raise fail(
            f"has {len(row)} column{'s' if len(row) != 1 else ''}{which}, expected "
            f"{len(COLUMNS)}: {', '.join(COLUMNS)}"
        )
    row_id, created, reference_id, origin, classification, referenced, header, content = row
    if _ROW_ID.fullmatch(row_id) is None:
        raise fail(f"row id {row_id[:_SHOWN]!r} is not a whole number")
    number = int(row_id)
    try:
        created_at = parse_created(created)
    except ValueError as error:
        raise fail(str(error)) from None
    metadata = _make_metadata(
        {
            "source": "cables.csv",
            "path": path,
            "line": lines.row_start,
            "row": number,
            "reference_id": readable(reference_id.strip()) or None,
            "created": created_at,
            "origin": readable(origin.strip()) or None,
            "classification": readable(classification.strip()) or None,
            "referenced_ids": [readable(ref) for ref in _ID_SEPARATORS.split(referenced) if ref],
        }
    )
    return RawCable(text=_cable_text(header, content), metadata=metadata)


def _text_blocks(text: IO[str]) -> Iterator[list[str]]:
    """The lines of a text file, a block at a time, the first without its byte order mark."""
    first = True
    while block := text.readlines(BLOCK):
        if first:
            block[0] = block[0].removeprefix("\ufeff")
            first = False
        yield block


def _iter_rows(blocks: Iterable[list[str]], path: str | None) -> Iterator[RawCable]:
    """The cables of the rows of decoded lines (blocks of them), read with :class:`Rows` a
    batch at a time (_BATCH characters of text), the cables handed on after it: read in one
    go, not each between the parsing of two cables, the reader's code and data stay in the
    processor's caches (~20 ms less in a pass over 13 MB of cables.csv with the parsing)."""
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    rows = Rows(blocks)
    batch: list[RawCable] = []
    size = 0
    while True:
        try:
            row = _next_row(rows)
            if row is None:
                break
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line between or after the rows
            cable = row_to_cable(row, rows, path)
        except Exception:
            yield from batch  # the rows before the one that failed come first
            raise
        batch.append(cable)
        size += len(cable.text)
        if size >= _BATCH:
            yield from batch
            batch, size = [], 0
    yield from batch


def _next_row(rows: Rows) -> list[str] | None:
    """:meth:`Rows.next_row`, its errors told as :class:`~cablekit.errors.CableParseError`."""
    try:
        return rows.next_row()
    except csv.Error as error:
        raise CableParseError(
            f"cables.csv row at line {rows.row_start} cannot be read: {error}",
            line=rows.row_start,
            text=rows.row_first_line,
        ) from None
    except UnicodeDecodeError as error:
        # Only a text stream opened with the wrong encoding gets here (bytes are decoded line
        # by line without failing); it decodes ahead in blocks: the place is known roughly.
        read = rows.last_line_taken
        raise CableParseError(
            f"cables.csv text after line {read} is not valid {error.encoding}; "
            "open the file in binary mode to let cablekit pick the encoding",
            line=read + 1,
        ) from None


def iter_csv(path_or_binary_file: CsvSource, *, name: str | None = None) -> Iterator[RawCable]:
    """Yield the cables of a cables.csv file one row at a time, in constant memory.

    ``path_or_binary_file`` is a path or an open file (binary, or text opened with
    ``newline=""``); a file you pass in is not closed.  Each cable's text is the header and
    the content joined by one empty line (the content alone when there is no header),
    ending with a newline; its :class:`~cablekit.models.Metadata` carries the row id,
    created date (UTC), reference id, origin, classification and referenced ids, the line
    the row starts on, and the file's path: ``name``, else the path given, else the name of
    the file given (``None`` when it has none).

    A row that is not in the layout (wrong number of columns, a row id that is not a
    number, an unreadable date, broken quoting) raises
    :class:`~cablekit.errors.CableParseError` naming the line the row starts on.
    """
    if isinstance(path_or_binary_file, (str, os.PathLike)):
        with open(path_or_binary_file, "rb") as binary:
            yield from _iter_rows(decoded_blocks(binary), name or os.fspath(path_or_binary_file))
        return
    given = getattr(path_or_binary_file, "name", None)
    path = name or (given if isinstance(given, str) else None)
    if isinstance(path_or_binary_file, (io.BufferedIOBase, io.RawIOBase)):
        yield from _iter_rows(decoded_blocks(path_or_binary_file), path)
    else:
        yield from _iter_rows(_text_blocks(cast(IO[str], path_or_binary_file)), path)
