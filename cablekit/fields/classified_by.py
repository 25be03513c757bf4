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
# the section, with a stop or comma after it: "1.4 (b)", "1.4. (b) & (d)" (07PARIS4357),
# "1.4.(b), (d)" (07PARIS3733), "1.4, b/d" (08LONDON1350)
_REASON_START = re.compile(r"\b1\s?\.\s?([45])(?![0-9])\s*(?:[.,:]\s*)?", re.IGNORECASE)
# the letters after it, and ranges of them: "(b) and (d)", "b/d", "(b-d)" (09BAGHDAD197)
_REASON_LETTERS = re.compile(
    r"^(?:\(?\s*[a-h]\b\s*\)?(?:[\s,;&/\-\u2013]|and\b|or\b|through\b|thru\b)*)+",
    re.IGNORECASE,
)
# "and" wrapped across two lines: "for reasons 1.4 (b) a" / "nd (d)" (09MADRID551)
_SPLIT_AND = re.compile(r"\b(?:a\s+nd|an\s+d)\b", re.IGNORECASE)
# a letter, or a range of them: "b", "b-d", "(b)-(d)", "b through d"
_REASON_LETTER = re.compile(
    r"\b([a-h])\b(?:\s*\)?\s*(?:[-\u2013]|\bthrough\b|\bthru\b)\s*\(?\s*([a-h])\b)?",
    re.IGNORECASE,
)
_AUTHORITY_END = re.compile(
    r"(?:[,;:.]?\s*\b(?:for\s+)?(?:r\s*e\s*a\s*s\s*o\s*n\s*s?|per|under)\b|\(?\b1\s?\.\s?[45]\b)",
    re.IGNORECASE,
)
_LOST_FOR = re.compile(r"\s+(?:for|by)$", re.IGNORECASE)
# a name's suffix written with a stop: "Robert O. Blake, Jr." (10STATE18437)
_SUFFIX = re.compile(r"\b(?:jr|sr)$", re.IGNORECASE)


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
        letters = _REASON_LETTERS.match(unwrapped[start.end() :])
        if letters is None:
            continue
        for first, last in _REASON_LETTER.findall(letters.group(0)):
            for letter in _letters(first.lower(), (last or first).lower()):
                reason = f"1.{start.group(1)}({letter})"
                if reason not in reasons:
                    reasons.append(reason)
    # from 1 on: "Under Secretary Bill Burns for reasons ..." starts with a word of the pattern
    end = _AUTHORITY_END.search(text, 1)
    authority = text[: end.start()] if end else text
    authority = authority.strip(" ,;:.") or text
    if _SUFFIX.search(authority) and text[len(authority) : len(authority) + 1] == ".":
        # "AMBASSADOR EDUARDO AGUIRRE, JR., REASONS ..." (08MADRID620): the stop is the
        # suffix's, not the sentence's
        authority += "."
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


def _letters(first: str, last: str) -> list[str]:
    """The letters from ``first`` to ``last``: ``b``, ``d`` give b, c and d (``1.4(b-d)``).
    Backwards it is no range ("1.4 (d) - A ..."): the first letter alone."""
    return [chr(code) for code in range(ord(first), max(ord(first), ord(last)) + 1)]
