"""The ``Classified By`` field: who classified the cable, and for which reasons.

``Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D`` gives the
authority (split into title and name by :func:`~cablekit.fields.signers.split_authority`)
and the reasons, normalized to ``1.4(b)``, ``1.4(d)``.
"""

from __future__ import annotations

import re

from cablekit._text import collapse
from cablekit.fields.signers import split_authority
from cablekit.grammar import pattern
from cablekit.models import ClassifiedBy

__all__ = ["read_authority", "read_classified_by"]

_KEYWORD = pattern("CLASSIFIED_BY")
_REASON_START = re.compile(r"\b1\s?\.\s?([45])\s*", re.IGNORECASE)
# matched where a reason's number ends (match with a position: no "^", no copy of the rest of
# the text for each reason, which made a line of many reasons take quadratic time)
_REASON_LETTERS = re.compile(r"(?:\(?\s*[a-h]\b\s*\)?(?:[\s,;&/]|and\b|or\b)*)+", re.IGNORECASE)
# "and" wrapped across two lines: "for reasons 1.4 (b) a" / "nd (d)" (09MADRID551)
_SPLIT_AND = re.compile(r"\b(?:a\s+nd|an\s+d)\b", re.IGNORECASE)
_REASON_LETTER = re.compile(r"\b[a-h]\b", re.IGNORECASE)
_AUTHORITY_END = re.compile(
    r"(?:(?:[,;:.]|(?<!\s))\s*\b(?:for\s+)?(?:r\s*e\s*a\s*s\s*o\s*n\s*s?|per|under)\b|\(?\b1\s?\.\s?[45]\b)",
    re.IGNORECASE,
)
# from the start of a run of whitespace only, so that a long run is scanned once
_LOST_FOR = re.compile(r"(?<!\s)\s+(?:for|by)$", re.IGNORECASE)


def read_classified_by(text: str) -> ClassifiedBy:
    """Read a ``Classified By`` field into the authority and the normalized reasons:
    ``Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D``."""
    keyword = _KEYWORD.match(text)
    return read_authority(text if keyword is None else text[keyword.end() :])


def read_authority(text: str) -> ClassifiedBy:
    """:func:`read_classified_by` of what follows the keyword (the ``authority`` part of the
    grammar's ``CLASSIFIED_BY_LINE``), as written."""
    text = collapse(text)
    reasons: list[str] = []
    unwrapped = _SPLIT_AND.sub("and", text)
    for start in _REASON_START.finditer(unwrapped):
        letters = _REASON_LETTERS.match(unwrapped, start.end())
        if letters is None:
            continue
        for letter in _REASON_LETTER.findall(letters.group(0)):
            reason = f"1.{start.group(1)}({letter.lower()})"
            if reason not in reasons:
                reasons.append(reason)
    # from 1 on: "Under Secretary Bill Burns for reasons ..." starts with a word of the pattern
    end = _AUTHORITY_END.search(text, 1)
    authority = text[: end.start()] if end else text
    authority = authority.strip(" ,;:.") or text
    # "POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 (D)": the "for" of a lost "for reasons"
    authority = _LOST_FOR.sub("", authority)
    title, name = split_authority(authority)
    return ClassifiedBy.of(
        {
            "authority": authority,
            "reasons": reasons,
            "name": name,
            "title": title,
            "text": text or None,
        }
    )
