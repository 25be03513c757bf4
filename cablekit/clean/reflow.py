"""Paragraphs reflowed onto one line, split back at their markers.

A converter that joins lines can join paragraphs too, so that one line holds several::

    ¶1. (C) Summary: ... End summary. ¶2. (C) On October 19 ...

becomes ``¶1. (C) Summary: ... End summary.`` / ``¶2. (C) On October 19 ...``, one ``reflow``
repair for each cut.  A ``¶`` marker inside a line always starts a paragraph (or a lettered
item); a bare ``2. (C)`` does only in a copy without ``¶`` markers, after the end of a sentence
in a line that starts with a marker, and only when at least two of them follow in sequence.
"""

from __future__ import annotations

import re

from cablekit.clean.kinds import REFLOW
from cablekit.clean.lines import Cleaner, Line, first_word
from cablekit.grammar import pattern

__all__ = ["INNER_PILCROW", "LINE_MARKER", "split_reflowed"]

# ---------------------------------------------------------------------------------------------
# Line kinds: paragraph markers
# ---------------------------------------------------------------------------------------------

# a portion mark: "(C)", "(SBU)", "(S/NF)"
_PORTION = pattern("PORTION_MARK").pattern
# a line that starts with a paragraph marker: "¶1. (C)", "12. "
LINE_MARKER = re.compile(r"^[ \t]*(?:¶[ \t]*)?(?P<number>[0-9]{1,2})\.(?=[ \t(])")
# a paragraph marker where a cut was made
_MARKER_HERE = re.compile(r"[ \t]*(?:¶[ \t]*)?(?P<number>[0-9]{1,2})\.")
# a ¶ marker inside a line is always a paragraph or lettered item that was reflowed
INNER_PILCROW = re.compile(r"¶(?=[ \t]*(?:[0-9]{1,2}|[A-Z])\.(?:[ \t(]|$))")
# a bare "2. (C)" inside a line, after the end of a sentence
_INNER_MARKER = re.compile(
    r"(?<=[.!?:;)\"'”’])[ \t]+(?=(?P<number>[0-9]{1,2})\.[ \t]*" + _PORTION + r"[ \t])"
)


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
    bare = not any("¶" in line.text and LINE_MARKER.match(line.text) for line in cleaner.lines)
    for line in cleaner.lines:
        text = line.text
        start_marker = LINE_MARKER.match(text)
        if start_marker:
            last = int(start_marker["number"])
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
        if bare and start_marker and "(" in text:
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
