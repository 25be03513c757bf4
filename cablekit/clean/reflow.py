"""Paragraphs reflowed onto one line, split back at their markers.

A converter that joins lines can join paragraphs too, so that one line holds several::

    ¶1. (C) Summary: ... End summary. ¶2. (C) On October 19 ...

becomes ``¶1. (C) Summary: ... End summary.`` / ``¶2. (C) On October 19 ...``, one ``reflow``
repair for each cut.  A ``¶`` marker inside a line always starts a paragraph (or a lettered
item); a bare ``2. (C)`` does only in a copy without ``¶`` markers, after the end of a sentence
in a line that starts with a marker, and only when at least two of them follow in sequence.

A marker is the grammar's: a line that starts with one is a ``PARAGRAPH_LINE``; inside a line,
a marker is a ``PARAGRAPH_NUMBER`` (or, after a ``¶``, an ``ITEM_LETTER``), and a bare one has
its ``PORTION_MARK``.
"""

from __future__ import annotations

import re

from cablekit.clean.kinds import REFLOW
from cablekit.clean.line_kinds import part
from cablekit.clean.lines import Cleaner, Line, first_word
from cablekit.grammar import pattern

__all__ = ["INNER_PILCROW", "MARKER_LINE", "split_reflowed"]

# ---------------------------------------------------------------------------------------------
# Line kinds: paragraph markers, the grammar's
# ---------------------------------------------------------------------------------------------

# a line that starts with a paragraph marker, "¶1. (C)", "12. " (the grammar's PARAGRAPH_LINE,
# matched with the line's newline), and its number
MARKER_LINE = pattern("PARAGRAPH_LINE")
# a marker's number and dot (PARAGRAPH_NUMBER), and a lettered item's letter (ITEM_LETTER)
_NUMBER = part("PARAGRAPH_NUMBER")
_LETTER = part("ITEM_LETTER")
# a paragraph marker where a cut was made, and its number
_MARKER_HERE = re.compile(r"[ \t]*(?:¶[ \t]*)?" + pattern("PARAGRAPH_NUMBER").pattern)
# a ¶ marker inside a line is always a paragraph or lettered item that was reflowed
INNER_PILCROW = re.compile(r"¶(?=[ \t]*(?:" + _NUMBER + "|" + _LETTER + r")(?:[ \t(]|$))")
# a bare "2. (C)" inside a line, after the end of a sentence: a marker's number and PORTION_MARK
_INNER_MARKER = re.compile(
    r"(?<=[.!?:;)\"'”’])[ \t]+(?=" + _NUMBER + r"[ \t]*" + part("PORTION_MARK") + r"[ \t])"
)


def _marker_number(text: str) -> int | None:
    """The number of the paragraph marker ``text`` starts with, if it does."""
    marker = MARKER_LINE.match(text + "\n")
    return int(marker["number"]) if marker else None


def split_reflowed(cleaner: Cleaner) -> None:
    """Split lines that hold several paragraphs at their markers.

    A ``¶N.`` inside a line always starts a paragraph.  Bare ``N. (C)`` markers do only in a
    copy without ``¶`` markers, inside a line that starts with a marker, after the end of a
    sentence, and only when at least two of them follow in sequence (``1. ... 2. ... 3.``):
    a single bare marker inside a line is not evidence enough.
    """
    result: list[Line] = []
    last = 0
    # In a copy that marks its paragraphs with ¶, a bare "12. (C)" is not one of its markers.
    bare = not any(
        "¶" in line.text and _marker_number(line.text) is not None for line in cleaner.lines
    )
    for line in cleaner.lines:
        text = line.text
        start_marker = _marker_number(text)
        if start_marker is not None:
            last = start_marker
        if len(text) < 8 or ("¶" not in text and "(" not in text):
            result.append(line)
            continue
        found: list[tuple[int, bool]] = []
        if "¶" in text:
            for match in INNER_PILCROW.finditer(text, 1):
                space = match.start()
                while space > 0 and text[space - 1] in " \t":
                    space -= 1
                if 0 < space < match.start():
                    found.append((space, True))
        if bare and start_marker is not None and "(" in text:
            found += [(m.start(), False) for m in _INNER_MARKER.finditer(text)]
        cuts: list[int] = []
        bare_cuts: list[int] = []
        for position, pilcrow in sorted(found):
            inner = _MARKER_HERE.match(text, position)
            number = int(inner["number"]) if inner else None
            if pilcrow or number == last + 1:
                (cuts if pilcrow else bare_cuts).append(position)
                if number is not None:
                    last = number
        if len(bare_cuts) >= 2:
            cuts += bare_cuts
        if not cuts:
            result.append(line)
            continue
        start = 0
        for cut in sorted(set(cuts)):
            result.append(Line(line.origin, text[start:cut].rstrip(" \t")))
            start = cut
            while start < len(text) and text[start] in " \t":
                start += 1
            marker = first_word(text[start:])
            cleaner.record(REFLOW, line.origin, " " + marker, "\n" + marker)
        result.append(Line(line.origin, text[start:]))
    cleaner.lines = result
