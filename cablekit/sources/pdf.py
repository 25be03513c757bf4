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

from cablekit.errors import CableParseError
from cablekit.models import Metadata
from cablekit.sources.binary import SNIFF_SIZE
from cablekit.sources.raw import RawCable
from cablekit.sources.streams import check_size
from cablekit.sources.text import normalize_newlines

__all__ = [
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
        text = extract_text(io.BytesIO(data), laparams=LAParams())
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
