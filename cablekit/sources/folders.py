"""The cable files of a folder: what a walk reads, and what it leaves out and why.

A walk reads the regular files with a cable suffix in the folder and below it, and a link
to such a file when the file is inside the folder.  It leaves out hidden files and folders
(silently), and, each with a reason it can report:

- a file named as something else than cable text (``notes.docx``, ``truth.jsonl``);
- a file with a cable suffix that holds no cable text: an empty file, a binary file;
- a link that leads out of the folder (``/etc/passwd`` is no cable of an archive's);
- a link to a folder, which would read the same files twice or leave the folder;
- a link that leads nowhere;
- anything that is not a regular file: a FIFO (reading it would wait for a writer), a
  socket, a device;
- a PDF file when pdfminer.six (``cablekit[pdf]``) is not installed; with it, PDF files are
  read like the others.

``follow_links=True`` follows every link, to files and folders, inside the folder or not;
a folder reached twice (a loop of links) is walked once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from cablekit.sources.pdf import PDF_EXTRA_MESSAGE, PDF_SUFFIXES, pdf_support

__all__ = [
    "BINARY",
    "CABLE_SUFFIXES",
    "COUNTED",
    "EMPTY",
    "OTHER_SUFFIX",
    "FolderWalk",
    "OnSkip",
    "Skipped",
    "cable_files",
    "skip_summary",
    "walk_folder",
]

#: Suffixes of the files read from a folder (compared in lower case).
CABLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm"})

#: Told of each entry a walk leaves out: its path and why.
OnSkip = Callable[[Path, str], None]

LEAVES_FOLDER = "a link that leads out of the folder (follow links to read it)"
LINK_TO_FOLDER = "a link to a folder, not followed (follow links to walk it)"
BROKEN_LINK = "a link that leads nowhere"
NOT_A_FILE = "not a regular file (a FIFO, a socket or a device)"
EMPTY = "empty"
BINARY = "binary"
OTHER_SUFFIX = "not named as cable text"

#: The reasons a report counts rather than names file by file, each with the heading it is
#: counted under; reasons under one heading are counted side by side, and a reason whose
#: files are told apart by their suffix (OTHER_SUFFIX) is counted per suffix.  A new kind of
#: skipped file (PDF files without the reader installed) is one more entry here.
COUNTED: dict[str, str] = {
    EMPTY: "not cable text",
    BINARY: "not cable text",
    OTHER_SUFFIX: "not named as cable text",
    PDF_EXTRA_MESSAGE: "PDF files: install cablekit[pdf] to read them, or convert them with "
    "pdftotext -layout",
}
# the reasons whose files are counted per suffix
_BY_SUFFIX = frozenset({OTHER_SUFFIX, PDF_EXTRA_MESSAGE})

_SNIFF_BYTES = 4096


class Skipped(NamedTuple):
    """An entry of a folder that a walk left out, and why."""

    path: Path
    reason: str


class FolderWalk(NamedTuple):
    """The cable files of a folder, sorted by path, and the entries left out."""

    files: list[Path]
    skipped: list[Skipped]


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _file_reason(path: Path, root: str, follow_links: bool) -> str | None:
    """Why the entry at ``path`` (named with a cable suffix) is not read; None to read it."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # gone since the folder was listed: reading it reports that
    if stat.S_ISLNK(mode):
        if not follow_links and not _inside(os.path.realpath(path), root):
            return LEAVES_FOLDER
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return BROKEN_LINK
    return None if stat.S_ISREG(mode) else NOT_A_FILE


def _content_reason(path: Path) -> str | None:
    """EMPTY or BINARY for a file that holds no cable text, from its first bytes; None to
    read it (a file that cannot be opened is read, so that reading it reports why)."""
    try:
        with open(path, "rb") as file:
            start = file.read(_SNIFF_BYTES)
    except OSError:
        return None
    if not start.strip():
        with open(path, "rb") as file:  # blank so far: blank to the end?
            if not file.read().strip():
                return EMPTY
        return None
    # NUL never stands in cable text in any encoding cablekit reads (UTF-8, cp1252, Latin-1).
    return BINARY if b"\0" in start else None


def skip_summary(folder: str | os.PathLike[str], skipped: list[Skipped]) -> list[str]:
    """One line per heading of :data:`COUNTED` for the files of ``folder`` left out for those
    reasons: ``3 files skipped in corpus/: not cable text (2 empty, 1 binary)``.  Entries
    left out for other reasons are not counted here (they are named one by one)."""
    counts: dict[str, dict[str, int]] = {}
    for path, reason in skipped:
        heading = COUNTED.get(reason)
        if heading is None:
            continue
        kind = (path.suffix.lower() or "no suffix") if reason in _BY_SUFFIX else reason
        kinds = counts.setdefault(heading, {})
        kinds[kind] = kinds.get(kind, 0) + 1
    where = os.fspath(folder).rstrip(os.sep) + os.sep
    lines = []
    for heading, kinds in counts.items():
        total = sum(kinds.values())
        files = "1 file" if total == 1 else f"{total} files"
        ordered = sorted(kinds.items(), key=lambda kind: (-kind[1], kind[0]))
        detail = ", ".join(f"{count} {kind}" for kind, count in ordered)
        lines.append(f"{files} skipped in {where}: {heading} ({detail})")
    return lines


def walk_folder(folder: str | os.PathLike[str], *, follow_links: bool = False) -> FolderWalk:
    """The files under ``folder`` that are read as cables, and the entries left out.

    Read: regular files with a cable suffix (:data:`CABLE_SUFFIXES`, and ``.pdf`` when
    :func:`~cablekit.sources.pdf.pdf_support`) that are neither empty nor binary (a NUL byte
    in their first 4 KB; a PDF is not looked at so), and links to such files inside
    ``folder``; hidden files and folders are left out.  With ``follow_links``, links to
    files and folders are followed wherever they lead.
    """
    root = os.path.realpath(folder)
    pdf = pdf_support()
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[str] = {root}
    for place, directories, names in os.walk(folder, followlinks=follow_links):
        kept = []
        for name in sorted(directories):
            if name.startswith("."):
                continue
            path = Path(place, name)
            if not follow_links:
                if path.is_symlink():
                    skipped.append(Skipped(path, LINK_TO_FOLDER))
                else:
                    kept.append(name)
            elif (real := os.path.realpath(path)) not in seen:
                seen.add(real)  # a folder reached twice through links is walked once
                kept.append(name)
        directories[:] = kept
        for name in names:
            path = Path(place, name)
            if name.startswith("."):
                continue
            suffix = path.suffix.lower()
            is_pdf = suffix in PDF_SUFFIXES
            if not (is_pdf or suffix in CABLE_SUFFIXES):
                if os.path.isfile(path):
                    skipped.append(Skipped(path, OTHER_SUFFIX))
                continue
            reason = _file_reason(path, root, follow_links)
            if reason is None and is_pdf and not pdf:
                reason = PDF_EXTRA_MESSAGE
            if reason is None and not is_pdf:
                reason = _content_reason(path)
            if reason is None:
                files.append(path)
            else:
                skipped.append(Skipped(path, reason))
    return FolderWalk(sorted(files), sorted(skipped))


def cable_files(
    folder: Path, *, follow_links: bool = False, on_skip: OnSkip | None = None
) -> list[Path]:
    """The files under ``folder`` that are read as cables, sorted (see :func:`walk_folder`);
    ``on_skip`` is told of each entry left out."""
    walk = walk_folder(folder, follow_links=follow_links)
    if on_skip is not None:
        for path, reason in walk.skipped:
            on_skip(path, reason)
    return walk.files
