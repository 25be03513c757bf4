"""Turn the bytes of a cable file into text.

Cables reach us as UTF-8 (the cablegate pages, cables.csv), as cp1252 or Latin-1 (the
PDF-to-text conversions, where ``¶`` is the single byte ``0xB6``), with LF, CRLF or even
lone CR line endings.  Everything downstream sees ``str`` with LF line endings.
"""

from __future__ import annotations

import codecs

__all__ = ["decode", "decode_chars", "normalize_newlines", "strip_bom"]


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


def strip_bom(data: bytes) -> bytes:
    """Return ``data`` without a leading UTF-8 byte order mark."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    return data


def decode_chars(data: bytes) -> str:
    """Decode bytes as strict UTF-8, else as cp1252 (Latin-1 for its 5 undefined bytes).

    Line endings are left as they are (the CSV reader needs them); a BOM is not removed.
    The fallback applies to all of ``data``: a file that is not valid UTF-8 throughout is
    taken to be a cp1252/Latin-1 file throughout.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252_OVER_LATIN1)


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> str:
    """Decode the bytes of a cable file into text with LF line endings.

    A UTF-8 byte order mark is dropped; the rest is read as strict UTF-8 when it is valid
    UTF-8, otherwise as cp1252 (so ``0xB6`` is ``¶`` and ``0x93``/``0x94`` are curly
    quotes), falling back to Latin-1 for the five bytes cp1252 leaves undefined.  CRLF and
    lone CR become LF.  This never raises: every byte string decodes to something.
    """
    return normalize_newlines(decode_chars(strip_bom(data)))
