"""Tell containers apart and read cables out of whatever the user points at.

``read_input`` takes the contents of one cable (plain text or a cablegate page, as ``str``
or ``bytes``); ``iter_path`` takes a file or a folder and yields every cable in it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from cablekit.errors import CableParseError
from cablekit.models import Metadata
from cablekit.sources.binary import refuse_binary
from cablekit.sources.cablegate_html import looks_like_html, read_cablegate_html
from cablekit.sources.cables_csv import iter_csv, looks_like_cables_csv
from cablekit.sources.folders import CABLE_SUFFIXES, OnSkip, cable_files
from cablekit.sources.pdf import looks_like_pdf, read_pdf
from cablekit.sources.raw import RawCable
from cablekit.sources.streams import MAX_INPUT_SIZE, is_stream, prefixed, read_limited
from cablekit.sources.text import decode, normalize_newlines

__all__ = [
    "CABLE_SUFFIXES",
    "cable_files",
    "file_cable",
    "is_cables_csv",
    "iter_path",
    "looks_like_reference_id",
    "read_cable_file",
    "read_input",
]

_REFERENCE_ID = re.compile(r"\d{2}[A-Z][A-Z0-9]*\d+")
_SNIFF_BYTES = 4096


def looks_like_reference_id(name: str) -> bool:
    """Tell whether ``name`` has the shape of a cable reference id (``06PARIS7101``)."""
    return _REFERENCE_ID.fullmatch(name) is not None


def read_input(data: str | bytes) -> RawCable:
    """Read one cable from the contents of a file: plain text, a cablegate page or a PDF.

    Bytes are decoded with :func:`cablekit.sources.text.decode` (UTF-8, else cp1252).
    A cablegate HTML page gives its cable text and page metadata; anything else is taken
    as the plain text of a cable, with LF line endings and no metadata.  The bytes of a PDF
    file give its text (:func:`cablekit.sources.pdf.read_pdf`, with ``cablekit[pdf]``);
    those of another binary file (ELF, ZIP, PNG, ...) raise
    :class:`~cablekit.errors.CableParseError`: ``not a text file (looks like ELF)``.
    """
    if isinstance(data, bytes):
        if looks_like_pdf(data):
            return read_pdf(data)
        refuse_binary(data)
    text = decode(data) if isinstance(data, bytes) else normalize_newlines(data)
    if looks_like_html(text):
        return read_cablegate_html(text)
    return RawCable(text=text)


def _naming(path: Path, error: CableParseError) -> CableParseError:
    """The same error, saying which file it is about (``str(error)`` then starts with it)."""
    return error.located(os.fspath(path))


def read_cable_file(path: Path) -> RawCable:
    """One file as one cable, with the file's stem as reference id if it looks like one.

    A regular file larger than :data:`~cablekit.sources.streams.MAX_INPUT_SIZE` is refused
    from its size, before it is read; a FIFO or a device is read as a stream, up to the
    limit.  Raises :class:`OSError` when the file cannot be read, and
    :class:`~cablekit.errors.CableParseError` naming the file when it is too large or not a
    cable.
    """
    with path.open("rb") as file:
        try:
            data = read_limited(file)
        except CableParseError as error:
            raise _naming(path, error) from None
    return file_cable(path, data)


def file_cable(path: Path, data: bytes) -> RawCable:
    """The cable in the bytes of the file at ``path``, with the stem as reference id and the
    path as given."""
    try:
        cable = read_input(data)
    except CableParseError as error:
        raise _naming(path, error) from None
    stem_id = path.stem if looks_like_reference_id(path.stem) else None
    metadata = cable.metadata
    name = os.fspath(path)
    if metadata is None:
        metadata = Metadata(source="text", path=name, reference_id=stem_id)
    elif metadata.reference_id is None and stem_id is not None:
        metadata = metadata.model_copy(update={"reference_id": stem_id, "path": name})
    else:
        metadata = metadata.model_copy(update={"path": name})
    return RawCable(text=cable.text, metadata=metadata)


def is_cables_csv(path: Path) -> bool:
    """Whether the regular file at ``path`` is read as cables.csv rows: a ``.csv`` suffix, or
    a first line in that layout (:func:`~cablekit.sources.cables_csv.looks_like_cables_csv`).

    This reads the start of the file, so a stream (:func:`~cablekit.sources.streams.is_stream`)
    is told apart by :func:`iter_path` instead, which reads it once."""
    if path.suffix.lower() == ".csv":
        return True
    with path.open("rb") as file:
        return looks_like_cables_csv(file.read(_SNIFF_BYTES))


def iter_path(
    path: str | os.PathLike[str], *, follow_links: bool = False, on_skip: OnSkip | None = None
) -> Iterator[RawCable]:
    """Yield every cable found at ``path``, one at a time.

    - A folder: every regular file in it or below it whose suffix is ``.txt``, ``.text``,
      ``.md``, ``.html`` or ``.htm``, and ``.pdf`` when ``cablekit[pdf]`` is installed,
      sorted by path, hidden files and folders left out; each file is one cable.  Links
      that lead out of the folder, links to folders and special files (FIFOs, sockets,
      devices) are left out, and ``on_skip`` is told of each with the reason, as of PDF
      files without ``cablekit[pdf]``; ``follow_links`` follows every link (see
      :func:`~cablekit.sources.folders.walk_folder`).
    - A ``.csv`` file, or a file whose first line is a cables.csv row: one cable per row
      (see :func:`cablekit.sources.cables_csv.iter_csv`).
    - Any other file: one cable.
    - A FIFO or a device (``<(zcat cables.csv.gz)``, ``/dev/stdin``): read once, as a
      stream; a cables.csv stream when its first line is a cables.csv row, else one cable.

    A file read as one cable gets ``Metadata(source="text")``, the page's metadata
    (``source="cablegate-html"``) for a cablegate page, or ``Metadata(source="pdf")`` for a
    PDF file (read with :func:`cablekit.sources.pdf.read_pdf`); its reference id is the file stem
    when the stem looks like one (``09ASTANA95.txt``) and the page does not give one.
    Every cable's metadata names the file it came from (``path``, as given: a folder's
    files are the folder as given joined with their path in it), and a cables.csv row the
    line it starts on (``line``).
    A path that does not exist raises :class:`FileNotFoundError`; a file that cannot be
    read as a cable, or is larger than one cable can be, raises
    :class:`~cablekit.errors.CableParseError` naming the file.
    """
    location = Path(path)
    if location.is_dir():
        for file in cable_files(location, follow_links=follow_links, on_skip=on_skip):
            yield read_cable_file(file)
    elif is_stream(location):
        yield from _iter_stream(location)
    elif is_cables_csv(location):
        try:
            yield from iter_csv(path)
        except CableParseError as error:
            raise _naming(location, error) from None
    else:
        yield read_cable_file(location)


def _iter_stream(location: Path) -> Iterator[RawCable]:
    """The cables of a stream, read once: its first line tells whether it holds cables.csv
    rows or one cable."""
    with location.open("rb") as file:
        first = file.readline(MAX_INPUT_SIZE + 1)
        if location.suffix.lower() == ".csv" or looks_like_cables_csv(first):
            try:
                yield from iter_csv(prefixed(first, file), name=os.fspath(location))
            except CableParseError as error:
                raise _naming(location, error) from None
            return
        try:
            data = read_limited(file, first)
        except CableParseError as error:
            raise _naming(location, error) from None
    yield file_cable(location, data)
