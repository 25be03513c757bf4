"""The kinds of repair: one name for each kind of conversion damage undone.

Every :class:`~cablekit.models.Repair` carries one of these as its ``kind``;
``docs/damaged-input.md`` shows an example of each.  The first eight are made by the cleaning
passes of this package, the next three by :mod:`cablekit.fields.text`, which sees the whole
sequence of paragraph numbers, and ``tag-code`` by the reader of the TAGS field.
"""

from __future__ import annotations

__all__ = [
    "BARE_MARKER",
    "BLANK_LINE",
    "ENCODING",
    "HTML",
    "LATEX",
    "LOST_MARKER",
    "MARKDOWN",
    "PAGE_FURNITURE",
    "PARAGRAPH_NUMBER",
    "REFLOW",
    "REPAIR_KINDS",
    "RUN_TOGETHER",
    "TAG_CODE",
]

#: ``¶`` damaged by a wrong encoding: U+FFFD, ``Â¶`` (UTF-8 read as cp1252), other mojibake.
ENCODING = "encoding"
#: HTML tags (``<u>PREL</u>``) and character references (``&para;``).
HTML = "html"
#: Markdown residue: list bullets, ``## `` headings, emphasis, backslash escapes.
MARKDOWN = "markdown"
#: LaTeX for ``¶``: ``$\underline{\P}$``, ``\P``.
LATEX = "latex"
#: Format lines of the transmission header run together on one line, split back.
RUN_TOGETHER = "run-together"
#: A blank line inside a wrapped field (header, TAGS, SUBJECT, Classified By), removed.
BLANK_LINE = "blank-line"
#: Paragraphs reflowed onto one line, split back at their markers.
REFLOW = "reflow"
#: PDF page furniture: form feeds, ``Page N of M``, repeated page headers and footers.
PAGE_FURNITURE = "page-furniture"
#: A damaged paragraph number read from the sequence (``110.`` as ``¶10``); by fields/text.py.
PARAGRAPH_NUMBER = "paragraph-number"
#: A paragraph whose marker was lost, numbered from the gap it fills; by fields/text.py.
LOST_MARKER = "lost-marker"
#: A tag read as other codes than written: run together (``PHUMBA`` as ``PHUM BA``), or a
#: digit for a letter (``PG0V`` as ``PGOV``); by the TAGS reader (``Cable.tag_codes``).
TAG_CODE = "tag-code"
#: A paragraph marker written without its dot (``10  (C)``, ``18, (SBU)``), read as one where
#: it follows in the sequence; by fields/text.py.
BARE_MARKER = "bare-marker"

#: Every repair kind, in the order the documentation lists them.
REPAIR_KINDS = (
    ENCODING,
    HTML,
    MARKDOWN,
    LATEX,
    PAGE_FURNITURE,
    RUN_TOGETHER,
    BLANK_LINE,
    REFLOW,
    PARAGRAPH_NUMBER,
    LOST_MARKER,
    BARE_MARKER,
    TAG_CODE,
)
