"""Tell a file that is not text by its first bytes, so it is refused with a name, not parsed.

Read as cp1252, any bytes decode to some text; an executable or an archive would then be
"parsed" and the error would show its first line, control bytes and all.  The signatures
below name the kinds of file people point a command at by mistake; NUL bytes near the start
tell the rest, since no cable file holds them.
"""

from __future__ import annotations

from cablekit.errors import CableParseError

__all__ = ["SNIFF_SIZE", "binary_kind", "refuse_binary"]

#: How much of the start of a file is looked at.
SNIFF_SIZE = 1024

# Leading bytes of common binary formats and the name a person knows them by.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "ELF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"PK\x07\x08", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\xfe\xed\xfa\xce", "Mach-O"),
    (b"\xfe\xed\xfa\xcf", "Mach-O"),
    (b"\xce\xfa\xed\xfe", "Mach-O"),
    (b"\xcf\xfa\xed\xfe", "Mach-O"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O"),
    (b"\x00asm", "WebAssembly"),
)

# Text in UTF-16 is full of NUL bytes too, but it is text: it gets a message of its own.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file ``data`` starts like (``"ELF"``, ``"ZIP"``, ...), or None
    for what may be text.

    A known signature at the start names the kind; otherwise a NUL byte in the first
    :data:`SNIFF_SIZE` bytes makes it ``"binary data"``.  PDF files are not binary here:
    :mod:`cablekit.sources.pdf` reads them.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:SNIFF_SIZE]
    # "BZh" alone could start a line of text; the block size digit and block magic follow it.
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "bzip2"
    if head.startswith(_UTF16_BOMS):
        return "UTF-16 text"
    if head.startswith(b"MZ") and b"\x00" in head:
        return "a Windows executable"
    if b"\x00" in head:
        return "binary data"
    return None


def refuse_binary(data: bytes) -> None:
    """Raise :class:`~cablekit.errors.CableParseError` when ``data`` is not a text file.

    The message names the kind (``not a text file (looks like ELF)``) and never holds the
    bytes themselves, which would reach a terminal as control characters.
    """
    kind = binary_kind(data)
    if kind is None:
        return
    if kind == "UTF-16 text":
        message = (
            "not a text file cablekit reads (looks like UTF-16 text): save it as UTF-8, "
            "cp1252 or Latin-1"
        )
    else:
        message = f"not a text file (looks like {kind})"
    raise CableParseError(message, line=1, column=1)
