"""Read the text of a cable out of a PDF file, with pdfminer.six (the ``cablekit[pdf]`` extra).

The text is laid out as poppler's ``pdftotext`` writes it, which is what the rest of cablekit
already reads in PDF conversions: one line per printed line, blank lines between blocks, and a
form feed at the end of every page, which the cleaning stage removes as page furniture (a
``Repair``).  Why pdfminer.six and not another library: docs/damaged-input.md, "PDF files".

pdfminer.six is imported only when a PDF is read, so cablekit works without it; a PDF then
gets a one-line error that says how to install it.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from typing import Any

from cablekit.errors import CableParseError
from cablekit.models import Metadata
from cablekit.sources.binary import SNIFF_SIZE
from cablekit.sources.raw import RawCable
from cablekit.sources.streams import check_size
from cablekit.sources.text import normalize_newlines

__all__ = [
    "MAX_INFLATED_SIZE",
    "PDF_EXTRA_MESSAGE",
    "PDF_SUFFIXES",
    "looks_like_pdf",
    "pdf_support",
    "pdf_text",
    "read_pdf",
]

#: Suffixes of PDF files in a folder (compared in lower case).
PDF_SUFFIXES = frozenset({".pdf"})

#: What a PDF gets when pdfminer.six is not installed.
PDF_EXTRA_MESSAGE = (
    "a PDF file: install cablekit[pdf] to read it (pip install 'cablekit[pdf]'), "
    "or convert it with pdftotext -layout"
)

# Every PDF starts with "%PDF-" and its version; readers accept it anywhere in the first
# kilobyte, where it may follow a mail or HTTP header saved with it.  A text that merely
# mentions the format does not put it at the start of a line.
_SIGNATURE = re.compile(rb"(?:\A|[\r\n])%PDF-\d")
# How much of a message from pdfminer is shown: it may quote a long run of PDF objects.
_REASON_LENGTH = 160
#: How much the streams of a PDF may hold once inflated: a cable's PDF holds tens of
#: kilobytes of page text and a few fonts, while 8 MiB of deflated zeros inflate to gigabytes
#: that pdfminer.six would hold in memory (a "zip bomb").
MAX_INFLATED_SIZE = 64 * 1024 * 1024
# inflated a piece at a time, so that a stream is never held whole to be measured
_INFLATE_STEP = 1024 * 1024


def looks_like_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file: ``%PDF-1.4`` (any version) at the start of a line
    in its first kilobyte."""
    return _SIGNATURE.search(data, 0, SNIFF_SIZE) is not None


def pdf_support() -> bool:
    """Whether PDF files can be read here: whether pdfminer.six (``cablekit[pdf]``) is
    installed."""
    try:
        import pdfminer.high_level  # noqa: F401
    except ImportError:
        return False
    return True


def pdf_text(data: bytes) -> str:
    """The text of the PDF file ``data``, laid out like ``pdftotext``: LF line endings, a
    form feed at the end of each page.

    Raises :class:`~cablekit.errors.CableParseError`, with a one-line message, when
    pdfminer.six is not installed, when the file is larger than one cable can be
    (:data:`~cablekit.sources.streams.MAX_INPUT_SIZE`; a cable's PDF is tens of kilobytes),
    is damaged or encrypted, or holds no text (a scan without a text layer).
    """
    check_size(len(data), "bytes")  # before pdfminer spends minutes on it
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise CableParseError(PDF_EXTRA_MESSAGE) from None
    try:
        _check_inflated_size(data)
        text = extract_text(io.BytesIO(data), laparams=LAParams())
    except CableParseError:
        raise
    except PDFPasswordIncorrect:
        raise CableParseError(
            "an encrypted PDF file: it cannot be read without its password"
        ) from None
    # A damaged file makes pdfminer raise its own errors but also ValueError, KeyError,
    # struct.error, zlib.error, RecursionError...: whatever it is, the caller gets a
    # CableParseError naming the file, not a traceback from inside pdfminer.
    except Exception as problem:
        raise CableParseError(f"a PDF file that cannot be read: {_reason(problem)}") from None
    if not text.strip():
        raise CableParseError(
            "a PDF file with no text in it (a scanned image?): cablekit reads the text of a "
            "PDF; run OCR on it first"
        )
    return normalize_newlines(text)


def _check_inflated_size(data: bytes) -> None:
    """Raise :class:`~cablekit.errors.CableParseError` when the streams of the PDF ``data``
    inflate to more than :data:`MAX_INFLATED_SIZE` bytes, before pdfminer.six inflates them.

    The streams are inflated as pdfminer.six would (decrypted, then through their ASCII hex,
    ASCII 85 and Flate filters), a piece at a time and only up to the limit; a stream behind
    another filter counts its size as stored."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    total = 0
    for stream in _streams(document):
        total += _inflated_size(stream, MAX_INFLATED_SIZE - total)
        if total > MAX_INFLATED_SIZE:
            raise CableParseError(
                f"a PDF file whose streams inflate to more than {MAX_INFLATED_SIZE >> 20} MB "
                "(a cable's PDF holds tens of kilobytes): not read"
            )


def _streams(document: Any) -> Iterator[Any]:
    """The streams among the objects of a PDF document (``pdfminer.pdfdocument.PDFDocument``)."""
    from pdfminer.pdftypes import PDFStream

    seen: set[int] = set()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                found = document.getobj(objid)
            except Exception:  # a damaged object: pdfminer.six reports it, if it needs it
                continue
            if isinstance(found, PDFStream):
                yield found


def _inflated_size(stream: Any, limit: int) -> int:
    """The size of ``stream`` (a ``pdfminer.pdftypes.PDFStream``) once decoded as pdfminer.six
    decodes it, counted up to ``limit`` (a larger size is returned as ``limit + 1``)."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
    )

    data = stream.get_rawdata()
    if data is None:  # decoded already
        return len(stream.get_data())
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for kind, _ in stream.get_filters():
        if kind in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif kind in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif kind in LITERALS_FLATE_DECODE:
            return _inflated_length(data, limit)
        else:
            break
    return len(data)


def _inflated_length(data: bytes, limit: int) -> int:
    """How many bytes ``data`` inflates to, counted up to ``limit`` (more: ``limit + 1``); a
    damaged stream counts what inflates before the damage."""
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    try:
        while pending and size <= limit:
            size += len(inflater.decompress(pending, _INFLATE_STEP))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass
    return min(size, limit + 1)


def read_pdf(data: bytes) -> RawCable:
    """One cable from the PDF file ``data``, with ``Metadata(source="pdf")``.

    Raises :class:`~cablekit.errors.CableParseError` as :func:`pdf_text` does.
    """
    return RawCable(text=pdf_text(data), metadata=Metadata(source="pdf"))


def _reason(problem: Exception) -> str:
    """The exception in one line: its kind and the start of its message."""
    message = " ".join(str(problem).split())
    if len(message) > _REASON_LENGTH:
        message = message[: _REASON_LENGTH - 3] + "..."
    kind = type(problem).__name__
    return f"{kind}: {message}" if message else kind
