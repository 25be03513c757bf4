"""Read a page of the WikiLeaks cablegate site (December 2010).

A page holds a metadata table::

    <table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Released</th>
    <th>Classification</th><th>Origin</th></tr>
    <tr><td><a href='/cable/2009/01/09ASTANA95.html'>09ASTANA95</a></td>
    <td>2009-01-21 06:06</td><td>2010-11-28 18:06</td>
    <td><a href='/classification/4_0.html' title='confidential'>CONFIDENTIAL</a></td>
    <td><a href='/origin/7_0.html'>Embassy Astana</a></td></tr></table>

and two ``<pre>`` blocks, the transmission header and the text, with newlines written as
``&#x000A;`` and ``<a>`` links around ``¶`` anchors and TAGS.  On "partial extract" pages
the first block is only a notice that the full text is not available; it is dropped.

The page is not parsed as strict HTML, because the cable text inside ``<pre>`` was not
escaped strictly: a bare ``&micro-trafficking`` (a damaged curly quote) must stay as written
where a lenient HTML decoder would make it ``µ-trafficking``, and ``<<218634>>`` or a lone
``<`` is text, not markup.  So only character references that are well formed and end in
``;`` are decoded, and only ``<`` followed by a tag name starts a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import unescape
from html.entities import html5

from cablekit.errors import CableParseError
from cablekit.models import Metadata
from cablekit.sources.raw import RawCable
from cablekit.sources.text import normalize_newlines, readable

__all__ = ["PARTIAL_EXTRACT_NOTICE", "looks_like_html", "read_cablegate_html"]

#: The notice that stands in for the header on pages of partial records.
PARTIAL_EXTRACT_NOTICE = (
    "This record is a partial extract of the original cable. "
    "The full text of the original cable is not available."
)

_MARKUP = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
  | (?P<declaration><![A-Za-z\[][^<>]*>)        # <!DOCTYPE html>, <![CDATA[…]>
  | (?P<instruction><\?[^<>]*>)                 # <?xml version="1.0"?>
  | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:_-]*)(?=[\s/>])
        (?:[^<>"']|"[^<"]*"|'[^<']*')*>)        # no '<' inside: keeps the scan linear
  | (?P<reference>&(?:\#[0-9]+|\#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)
    """,
    re.VERBOSE | re.DOTALL,
)
_WHITESPACE = re.compile(r"\s+")
_CREATED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_NOTICE = re.compile(
    r"this record is a partial extract of the original cable\."
    r"(?: the full text of the original cable is not available\.)?",
    re.IGNORECASE,
)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|\?xml)", re.I)
_PRE_START = re.compile(r"<pre[\s>]", re.IGNORECASE)
_PRE_END = re.compile(r"</pre\s*>", re.IGNORECASE)
_RAW_TEXT_ELEMENTS = ("script", "style")
# Every line of a page ends in &#x000A;: look the usual references up before decoding.
_COMMON_REFERENCES = {"&#x000A;": "\n", "&amp;": "&", "&lt;": "<", "&gt;": ">"}


def looks_like_html(text: str) -> bool:
    """Tell whether ``text`` is an HTML page (rather than a cable's plain text).

    True when it starts, after white space, with ``<!DOCTYPE html``, ``<html``, ``<head``,
    ``<body`` or an XML declaration, or when it holds a ``<pre>…</pre>`` element.  Cable
    text with a stray ``<u>`` or ``<strong>`` tag (as in Markdown copies) is not HTML.
    """
    if "<" not in text:  # found much faster than the patterns, which ignore case
        return False
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _HTML_START.match(head):
        return True
    start = _PRE_START.search(text)
    return start is not None and _PRE_END.search(text, start.end()) is not None


def _decode_reference(reference: str) -> str:
    """Return the character a well formed ``&…;`` reference stands for, else the reference."""
    common = _COMMON_REFERENCES.get(reference)
    if common is not None:
        return common
    if reference.startswith("&#"):
        return unescape(reference)  # numeric: per HTML, out-of-range gives U+FFFD
    return html5.get(reference[1:], reference)


@dataclass
class _Cell:
    header: bool
    offset: int
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _WHITESPACE.sub(" ", "".join(self.parts)).strip()


@dataclass
class _Page:
    """What a scan of the page found: the ``<pre>`` blocks and the table rows."""

    blocks: list[str] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)


class _Scanner:
    """One pass over the page, tag by tag; text goes to the open ``<pre>`` block or cell."""

    def __init__(self, page_html: str) -> None:
        self.html = page_html
        self.page = _Page()
        self._block: list[str] | None = None
        self._row: list[_Cell] | None = None
        self._cell: _Cell | None = None
        self._skip_newline = False  # HTML drops a newline right after <pre>

    def scan(self) -> _Page:
        source = self.html
        position = 0
        while True:
            match = _MARKUP.search(source, position)
            end = len(source) if match is None else match.start()
            if end > position:
                self._text(source[position:end])
            if match is None:
                break
            position = match.end()
            if match.group("reference") is not None:
                self._text(_decode_reference(match.group("reference")), literal=False)
            elif match.group("tag") is not None:
                position = self._tag(match.group("tag"), match.group("name").lower(), position)
        self._close_cell()
        self._close_row()
        self._close_block()
        return self.page

    def _text(self, text: str, *, literal: bool = True) -> None:
        if self._block is not None:
            if self._skip_newline and literal and text.startswith("\n"):
                text = text[1:]
            self._skip_newline = False
            self._block.append(text)
        elif self._cell is not None:
            self._cell.parts.append(text)

    def _tag(self, tag: str, name: str, position: int) -> int:
        closing = tag.startswith("</")
        if self._block is not None:
            self._skip_newline = False
            # Inside <pre> every tag but </pre> is markup around text we keep: <a> around
            # ¶ anchors and TAGS, stray <strong>, <br>, </td></tr></table>.
            if closing and name == "pre":
                self._close_block()
            return position
        if name in _RAW_TEXT_ELEMENTS and not closing:
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(self.html, position)
            return len(self.html) if end is None else end.end()
        if name == "pre" and not closing:
            self._block = []
            self._skip_newline = True
        elif name == "tr":
            self._close_cell()
            self._close_row()
            if not closing:
                self._row = []
        elif name in ("td", "th"):
            self._close_cell()
            if not closing:
                if self._row is None:
                    self._row = []
                self._cell = _Cell(header=name == "th", offset=position)
        elif name == "table":
            self._close_cell()
            self._close_row()
        elif name == "br" and self._cell is not None:
            self._cell.parts.append(" ")
        return position

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(self._cell)
        self._cell = None

    def _close_row(self) -> None:
        if self._row:
            self.page.rows.append(self._row)
        self._row = None

    def _close_block(self) -> None:
        if self._block is not None:
            self.page.blocks.append("".join(self._block))
        self._block = None
        self._skip_newline = False


def _metadata_cells(rows: list[list[_Cell]]) -> dict[str, _Cell]:
    """Map each header of the row holding ``Reference ID`` to the value cell under it."""
    for index, row in enumerate(rows):
        names = [cell.text.lower() for cell in row]
        if "reference id" not in names:
            continue
        for values in rows[index + 1 :]:
            if any(not cell.header for cell in values):
                return dict(zip(names, values, strict=False))
        return {}
    return {}


def _line_of(text: str, offset: int) -> tuple[int, int, str]:
    """1-based line and column of ``offset`` in ``text``, and that line."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line_text = text[start : len(text) if end == -1 else end]
    return text.count("\n", 0, offset) + 1, offset - start + 1, line_text[:200]


def _created(cell: _Cell | None, page_html: str) -> datetime | None:
    if cell is None or not cell.text:
        return None
    match = _CREATED.fullmatch(cell.text)
    try:
        if match is None:
            raise ValueError("not YYYY-MM-DD HH:MM")
        year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError as error:
        line, column, text = _line_of(page_html, cell.offset)
        raise CableParseError(
            f"cablegate page: the Created cell {cell.text!r} is not a date and time "
            f"written YYYY-MM-DD HH:MM ({error})",
            line=line,
            column=column,
            text=text,
        ) from None


def _is_notice(block: str) -> bool:
    return _NOTICE.fullmatch(_WHITESPACE.sub(" ", block).strip()) is not None


def read_cablegate_html(html: str) -> RawCable:
    """Read the cable on a cablegate page: its text and the metadata table.

    The text is the page's ``<pre>`` blocks (transmission header, then text; the "partial
    extract" notice is dropped) joined by one empty line and ending with a newline: markup
    is removed with its text kept, ``&#x000A;`` and other well formed references ending in
    ``;`` are decoded, anything else (``&micro``, ``<<218634>>``) stays as written.

    The metadata (source ``cablegate-html``) holds the Reference ID, Created (as UTC),
    Classification and Origin cells, each ``None`` when the page has no such cell.

    Raises :class:`~cablekit.errors.CableParseError` when the page has no ``<pre>`` block
    with text or when its Created cell is not a date.
    """
    page_html = normalize_newlines(html)
    page = _Scanner(page_html).scan()
    blocks: list[str] = []
    for block in page.blocks:
        if not block.strip() or _is_notice(block):
            continue
        # Each block ends with the newline of its last line; the blocks are then joined
        # by one empty line.  A block that ends in an empty line keeps it.
        blocks.append(block.removesuffix("\n"))
    if not blocks:
        line, column, text = _line_of(page_html, 0)
        found = "only the partial-extract notice" if page.blocks else "no <pre> block"
        raise CableParseError(
            f"cablegate page has {found}: there is no cable text to read",
            line=line,
            column=column,
            text=text,
        )
    cells = _metadata_cells(page.rows)

    def cell_text(name: str) -> str | None:
        cell = cells.get(name)
        return readable(cell.text) if cell is not None and cell.text else None

    metadata = Metadata(
        source="cablegate-html",
        reference_id=cell_text("reference id"),
        created=_created(cells.get("created"), page_html),
        origin=cell_text("origin"),
        classification=cell_text("classification"),
    )
    return RawCable(text="\n\n".join(blocks) + "\n", metadata=metadata)
