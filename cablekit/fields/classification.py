"""Classification levels: the classification line, the FL4 security signal, container words.

The level is written in many ways: ``SECRET``, ``S E C R E T``, ``SS E C R E T`` (damaged),
``UNCLAS``, ``LIMITED OFFICIAL USE``; the grammar's ``CLASSIFICATION_LINE`` finds it, and
:data:`LEVELS` says which level each spelling is.
"""

from __future__ import annotations

import re

from cablekit._text import collapse
from cablekit.grammar import Line, pattern
from cablekit.models import Classification, ClassificationLine, Section

__all__ = [
    "FL4_LEVELS",
    "LEVELS",
    "level_of",
    "metadata_level",
    "read_classification_line",
    "read_run_on_classification_line",
]

#: the level with spaces squeezed out, as written in clean and damaged copies
LEVELS = {
    "TOPSECRET": Classification.TOP_SECRET,
    "SSECRET": Classification.SECRET,
    "CSECRET": Classification.SECRET,
    "SECRET": Classification.SECRET,
    "ECRET": Classification.SECRET,
    "CCONFIDENTIAL": Classification.CONFIDENTIAL,
    "CONFIDENTIAL": Classification.CONFIDENTIAL,
    "ONFIDENTIAL": Classification.CONFIDENTIAL,
    "ONFIDE": Classification.CONFIDENTIAL,
    "UUNCLAS": Classification.UNCLASSIFIED,
    "UNCLASSIFIED": Classification.UNCLASSIFIED,
    "UNCLAS": Classification.UNCLASSIFIED,
    "LIMITEDOFFICIALUSE": Classification.UNCLASSIFIED,
}
#: FL4 "ZNY SSSSS": the repeated letter is the level
FL4_LEVELS = {
    "U": Classification.UNCLASSIFIED,
    "C": Classification.CONFIDENTIAL,
    "S": Classification.SECRET,
    "T": Classification.TOP_SECRET,
}
_DETAILS = pattern("CLASSIFICATION_DETAILS")
_CAVEAT = pattern("CAVEAT")
# where a copy ran two lines together: two or more blanks
_GAP = re.compile(r"[ \t]{2,}")


def level_of(written: str) -> Classification | None:
    """The level a spelling of it stands for (``S E C R E T``), None when it is not one."""
    return LEVELS.get(written.replace(" ", "").upper())


def metadata_level(text: str | None) -> Classification | None:
    """The level of a classification as a container writes it: ``SECRET//NOFORN``."""
    level = (text or "").split("//")[0].strip().upper()
    return LEVELS.get(level.replace(" ", ""))


def read_classification_line(line: Line) -> ClassificationLine | None:
    """Read a classification line; None when the line is not one after all (a level the
    spellings do not know, or what follows it is not caveats, a section, a post and a
    number)."""
    written, details_written = line.parts("level", "details")
    level = level_of(written or "")
    if level is None:
        return None
    details = _DETAILS.fullmatch((details_written or "").rstrip())
    if details is None:
        return None
    return _classification_line(level, details, line.stripped, line.number)


def read_run_on_classification_line(line: Line) -> tuple[ClassificationLine, str] | None:
    """A classification line that a copy ran together with the lines below it, two or more
    blanks apart: "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 000228  SIPDIS  STATE FOR
    EUR/RUS, EEB ...  E.O. 12958: DECL: 01/28/2020" (10MOSCOW228).  The classification line
    is the longest run of its pieces that is one; the rest is given back as written.  None
    when no run of the pieces is a classification line."""
    level = level_of(line.part("level") or "")
    written = line.part("details") or ""
    if level is None:
        return None
    for gap in reversed(list(_GAP.finditer(written.rstrip()))):
        details = _DETAILS.fullmatch(written[: gap.start()])
        if details is not None:
            text = line.text[: line.text.index(written) + gap.start()].strip()
            return _classification_line(level, details, text, line.number), written[gap.end() :]
    return None


# made for nearly every cable: the makers spare each the call of the classmethod
_make_line = ClassificationLine.maker()
_make_section = Section.maker()
# the groups of CLASSIFICATION_DETAILS read, taken from a match in one call
_DETAIL_PARTS = ("caveats", "after", "section", "total", "post", "number")


def _classification_line(
    level: Classification, details: re.Match[str], text: str, number: int
) -> ClassificationLine:
    before, after, section_number, total, post, written_number = details.group(*_DETAIL_PARTS)
    # most lines write no caveat before or after the post: nothing to look for
    caveats = _CAVEAT.findall(f"{before or ''} {after or ''}".upper()) if before or after else []
    section = None
    if section_number:
        section = _make_section({"number": int(section_number), "total": int(total)})
    return _make_line(
        {
            "text": text,
            "line": number,
            "level": level,
            "caveats": caveats,
            "post": collapse(post).upper() if post else None,
            "number": int(written_number) if written_number else None,
            "section": section,
        }
    )
