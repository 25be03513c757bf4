"""Turn the bytes of a cable file into text.

Cables reach us as UTF-8 (the cablegate pages, cables.csv), as cp1252 or Latin-1 (the
PDF-to-text conversions, where ``¶`` is the single byte ``0xB6``), with LF, CRLF or even
lone CR line endings.  Everything downstream sees ``str`` with LF line endings.

Which of the two a text is that is not valid UTF-8 is decided by its non-ASCII characters.
In a cp1252 file nearly every one is invalid UTF-8 (a byte above 0x7F between ASCII letters);
in a UTF-8 file with a few bad bytes nearly every one is a valid UTF-8 sequence.  So a text is
read as cp1252 when at least half of its non-ASCII characters are bytes that are not UTF-8,
and as UTF-8 otherwise, its bad bytes kept as lone surrogates (``surrogateescape``) for the
cleaning stage to read as cp1252 and to record, with their line, as ``encoding`` repairs.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode", "decode_chars", "normalize_newlines", "readable", "strip_bom"]


def _cp1252_table() -> dict[int, str]:
    # Latin-1 maps byte b to chr(b); cp1252 differs only in 0x80-0x9F, where it has
    # printable characters for all but five bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D).  Those
    # five keep their Latin-1 reading, so decoding never fails and never loses a byte.
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252_OVER_LATIN1 = _cp1252_table()

# a byte that is not UTF-8, as "surrogateescape" keeps it
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def strip_bom(data: bytes) -> bytes:
    """Return ``data`` without a leading UTF-8 byte order mark."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    return data


def decode_chars(data: bytes) -> str:
    """Decode bytes as UTF-8, or as cp1252 (Latin-1 for its 5 undefined bytes) when they are
    not UTF-8 and at least half of their non-ASCII characters are bytes that are not UTF-8.

    Bytes that are not UTF-8 in a text read as UTF-8 are kept as lone surrogates (U+DC80 to
    U+DCFF, as ``surrogateescape`` keeps them); :func:`readable` turns them into their cp1252
    reading, and :func:`cablekit.parse` does the same, recording each as a repair.
    Line endings are left as they are (the CSV reader needs them); a BOM is not removed.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if 2 * bad >= non_ascii:  # the bad bytes are at least half of the non-ASCII characters
        return _cp1252(data)
    return text


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_OVER_LATIN1)


def readable(text: str) -> str:
    """``text`` with the bytes :func:`decode_chars` kept as lone surrogates read as cp1252,
    and any other lone surrogate (from ``str`` input) as U+FFFD: text that encodes as UTF-8,
    for the values a container gives (a reference id, an origin) and for messages."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_read_surrogate, text)


def _read_surrogate(found: re.Match[str]) -> str:
    code = ord(found.group())
    return _cp1252(bytes([code - 0xDC00])) if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> str:
    """Decode the bytes of a cable file into text with LF line endings.

    A UTF-8 byte order mark is dropped; the rest is read as UTF-8 when it is valid UTF-8 or
    mostly so, otherwise as cp1252 (so ``0xB6`` is ``¶`` and ``0x93``/``0x94`` are curly
    quotes), falling back to Latin-1 for the five bytes cp1252 leaves undefined (see
    :func:`decode_chars` for the rule, and for the bad bytes of a UTF-8 text).  CRLF and lone
    CR become LF.  This never raises: every byte string decodes to something.
    """
    return normalize_newlines(decode_chars(strip_bom(data)))
