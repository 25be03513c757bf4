"""CK3xx: the paragraphs (numbering, portion markings, summary)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablekit.grammar import pattern
from cablekit.models import Cable
from cablekit.validation.common import LEVEL, Checker
from cablekit.validation.findings import Diagnostic, diagnostic

__all__ = ["CHECKERS"]

# portion markings: the part before the first slash ("S" of "S//NF")
_MARKING_LEVEL = {"U": 0, "SBU": 0, "FOUO": 0, "C": 1, "S": 2, "TS": 3}


def _check_paragraph_numbers(cable: Cable) -> Iterator[Diagnostic]:
    previous: int | None = None
    for paragraph in cable.paragraphs:
        number = paragraph.number
        if number is None:
            continue
        line = paragraph.line
        if previous is None:
            if number != 1:
                missing = "¶1" if number == 2 else f"¶1-¶{number - 1}"
                yield diagnostic(
                    "CK301", f"the numbering starts at ¶{number}: {missing} missing", line
                )
        elif number == previous + 1:
            pass
        elif number == previous:
            yield diagnostic("CK302", f"¶{number} follows ¶{previous}", line)
        elif number == 1:
            yield diagnostic(
                "CK304",
                f"¶1 follows ¶{previous}: the numbering starts again (an embedded document?)",
                line,
            )
        elif number > previous:
            gap = number - previous - 1
            missing = f"¶{previous + 1}" if gap == 1 else f"¶{previous + 1}-¶{number - 1}"
            yield diagnostic("CK301", f"¶{number} follows ¶{previous}: {missing} missing", line)
        else:
            yield diagnostic("CK303", f"¶{number} follows ¶{previous}", line)
        previous = number


_SUBJECT_MARKING = pattern("PORTION_MARK")


def _marking_level(marking: str) -> int | None:
    return _MARKING_LEVEL.get(marking.replace(" ", "").split("/")[0])


def _check_markings(cable: Cable) -> Iterator[Diagnostic]:
    # the portions are the text's: they answer to the text's own classification line
    written = cable.classification_line
    said = written.level if written is not None else cable.classification
    if said is None:
        return
    ceiling = LEVEL[said]
    name = said.value
    subject = _SUBJECT_MARKING.match(cable.subject or "")
    if subject is not None:
        level = _marking_level(subject["marking"])
        if level is not None and level > ceiling:
            yield diagnostic(
                "CK305", f"the SUBJECT is marked ({subject['marking']}) in a {name} cable"
            )
    for paragraph in cable.paragraphs:
        if paragraph.marking is None:
            continue
        level = _marking_level(paragraph.marking)
        if level is not None and level > ceiling:
            which = f"¶{paragraph.number}" if paragraph.number is not None else "a paragraph"
            yield diagnostic(
                "CK305",
                f"{which} is marked ({paragraph.marking}) in a {name} cable",
                paragraph.line,
            )


_SUMMARY_START = re.compile(
    r"^(?:\([A-Z/]{1,9}\)\s*)?(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+COMMENT)?\s*(?:[:.\-]|$)",
    re.IGNORECASE,
)
# "End summary.", "END OF SUMMARY", "END COMMENT AND SUMMARY." (07PARIS3941)
_SUMMARY_END = re.compile(
    r"\bEND\s+(?:OF\s+)?(?:(?:THE\s+)?COMMENT\s+AND\s+)?SUMMARY\b", re.IGNORECASE
)


def _check_summary(cable: Cable) -> Iterator[Diagnostic]:
    paragraphs = cable.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if not _SUMMARY_START.match(paragraph.text):
            continue
        if any(_SUMMARY_END.search(later.text) for later in paragraphs[index:]):
            return
        which = f"¶{paragraph.number}" if paragraph.number is not None else "a paragraph"
        yield diagnostic(
            "CK306",
            f"{which} begins a summary ('{paragraph.text[:30]}...') that no 'End summary' closes",
            paragraph.line,
        )
        return


#: The checks of this group, in the order of their codes.
CHECKERS: tuple[Checker, ...] = (_check_paragraph_numbers, _check_markings, _check_summary)
