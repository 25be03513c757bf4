"""The ``Classified By`` field: who classified the cable, and for which reasons.

``Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D`` gives the
authority (split into title and name by :func:`~cablekit.fields.signers.split_authority`)
and the reasons, normalized to ``1.4(b)``, ``1.4(d)``.
"""

from __future__ import annotations

import functools
import re

from cablekit import _fast
from cablekit._text import collapse
from cablekit.fields.signers import split_authority
from cablekit.grammar import pattern
from cablekit.models import ClassifiedBy

__all__ = ["find_classified_by", "read_authority", "read_classified_by"]

_KEYWORD = pattern("CLASSIFIED_BY")
_RUN_IN = pattern("RUN_IN_CLASSIFIED_BY")
# how far after its keyword a field inside a paragraph gives its reasons: a title and a name
_IN_TEXT_REACH = 200
# the section, with a stop or comma after it: "1.4 (b)", "1.4. (b) & (d)" (07PARIS4357),
# "1.4.(b), (d)" (07PARIS3733), "1.4, b/d" (08LONDON1350)
# (its "1" first, with the word boundary before it as a lookbehind after it: a search then
# skips in C to each "1" of the text)
_REASON_START = re.compile(r"1(?<!\w1)\s?\.\s?([45])(?![0-9])\s*(?:[.,:]\s*)?", re.IGNORECASE)
# the letters after it, and ranges of them: "(b) and (d)", "b/d", "(b-d)" (09BAGHDAD197);
# matched where a reason's number ends (match with a position: no "^", no copy of the rest of
# the text for each reason, which made a line of many reasons take quadratic time)
_REASON_LETTERS = re.compile(
    r"(?:\(?\s*[a-h]\b\s*\)?(?:[\s,;&/\-\u2013]|and\b|or\b|through\b|thru\b)*)+",
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
    r"(?:(?:[,;:.]|(?<!\s))\s*\b(?:for\s+)?(?:r\s*e\s*a\s*s\s*o\s*n\s*s?|per|under)\b|\(?\b1\s?\.\s?[45]\b)",
    re.IGNORECASE,
)
# where a word of _AUTHORITY_END can start: every match holds one, close after its start;
# its first letter a set of either case, which a search skips to in C, the rest of the word
# after it
_END_WORD = re.compile(
    r"(?-i:[rRpPuU1])(?:(?<=[rR])\s*e\s*a\s*s\s*o\s*n|(?<=[pP])er|(?<=[uU])nder|(?<=1))",
    re.IGNORECASE,
)
# from the start of a run of whitespace only, so that a long run is scanned once
_LOST_FOR = re.compile(r"(?<!\s)\s+(?:for|by)$", re.IGNORECASE)
# a word broken across two lines: a capitalized piece ends a line, lower-case letters open
# the next (09PARIS848 "Andrew Y" / "oung, 1.4 (b/d).", 07PARIS3668 "Josiah Rosen" / "blatt
# for reasons"), unless they are a word of their own
_BROKEN_START = re.compile(r"(?:^|\s)[A-Z][a-z]*$")
_BROKEN_END = re.compile(r"[a-z]+(?=[\s,;:.)]|$)")
_WHOLE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        a acting al an and as at bin by da de del della der di du e el for from ibn in la le
        of on or per reason reasons the to under van von with
        """,
    )
)
# a name's suffix written with a stop: "Robert O. Blake, Jr." (10STATE18437)
_SUFFIX = re.compile(r"\b(?:jr|sr)$", re.IGNORECASE)
# made for nearly every cable: the maker spares each the call of the classmethod
_make_classified_by = ClassifiedBy.maker()


def read_classified_by(text: str) -> ClassifiedBy:
    """Read a ``Classified By`` field into the authority and the normalized reasons:
    ``Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D``."""
    keyword = _KEYWORD.match(text)
    return read_authority(text if keyword is None else text[keyword.end() :])


def find_classified_by(text: str) -> ClassifiedBy | None:
    """A ``Classified By`` field a copy wrote inside the text of a paragraph, up to the end
    of its reasons: ``Classified by Acting EAP A/S Alexander A. Arvizu. Reason: 1.4 (d)`` of
    ``¶1.`` (09STATE30049).  None unless the reasons follow the keyword closely: without
    them, "classified by" is a sentence of the text."""
    if _fast.ENABLED and text.isascii() and "classified" not in text.lower():
        # the fast path: every match of the pattern holds the word, in some case; the
        # pattern ignores case and opens with a word boundary, so its search tries it at
        # every character of the paragraph (only for ASCII text: ignoring case, the pattern
        # also takes the long s for "s")
        return None
    keyword = _RUN_IN.search(text)
    if keyword is None:
        return None
    field = text[keyword.start() : keyword.start() + _IN_TEXT_REACH]
    for start in _REASON_START.finditer(field):
        after = keyword.start() + start.end()
        letters = _REASON_LETTERS.match(text, after)
        if letters is None or not letters.group(0).strip():
            continue
        end = letters.end()
        while end < len(text) and text[end] in ").":
            end += 1  # the parenthesis and stop that close the reasons
        read = read_classified_by(text[keyword.start() : end].rstrip())
        return read if read.reasons else None
    return None


def read_authority(*lines: str) -> ClassifiedBy:
    """:func:`read_classified_by` of what follows the keyword (the ``authority`` part of the
    grammar's ``CLASSIFIED_BY_LINE``), as written, and of the lines the field runs on over.

    A word the copy broke across two lines is read whole: "... Political Affairs Andrew Y" /
    "oung, 1.4 (b/d)." (09PARIS848) is Andrew Young; ``text`` keeps the lines as written.
    """
    written = collapse(" ".join(lines))
    text = collapse(_mended(lines)) if len(lines) > 1 else written
    # the text is collapsed (one space between words), so a broken "and" shows as "a nd" or
    # "an d": a test with ``in`` spares most fields the case-insensitive search
    lowered = text.lower()
    unwrapped = _SPLIT_AND.sub("and", text) if "a nd" in lowered or "an d" in lowered else text
    reasons = _reasons(unwrapped)
    # from 1 on: "Under Secretary Bill Burns for reasons ..." starts with a word of the pattern
    end = _authority_end_fast(text) if _fast.ENABLED else _AUTHORITY_END.search(text, 1)
    cut = text[: end.start()] if end else text
    authority = cut.strip(" ,;:.") or text
    after = text[text.find(authority) + len(authority) :][:1]
    if authority[-1:] in ("r", "R") and _SUFFIX.search(authority) and after == ".":
        # "AMBASSADOR EDUARDO AGUIRRE, JR., REASONS ..." (08MADRID620): the stop is the
        # suffix's, not the sentence's
        authority += "."
    # "POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 (D)": the "for" of a lost "for reasons"
    if authority[-3:].lower() == "for" or authority[-2:].lower() == "by":
        authority = _LOST_FOR.sub("", authority)
    title, name = split_authority(authority)
    return _make_classified_by(
        {
            "authority": authority,
            "reasons": reasons,
            "name": name,
            "title": title,
            "text": written or None,
        }
    )


def _reasons(text: str) -> list[str]:
    """The reasons a field's text gives, normalized (``1.4(b)``), each once, in order.

    They are those of the text from the start of the first (what stands before it holds
    none, and the patterns look back no further than the start of a reason): of a usual
    length, that tail is written in a few hundred ways ("1.4 (b) and (d).", "1.4(B), (D)")
    in field after field, and its reading is kept.
    """
    first = _REASON_START.search(text)
    if first is None:
        return []
    tail = text[first.start() :]
    if len(tail) <= _KEPT_TAIL:
        return list(_tail_reasons(tail))
    return _reasons_in(tail)


# the longest tail of reasons kept: nearly all are shorter (a hostile line of many reasons
# would keep a long text)
_KEPT_TAIL = 40


@functools.lru_cache(maxsize=1024)
def _tail_reasons(tail: str) -> tuple[str, ...]:
    """:func:`_reasons_in` of a short tail of reasons, kept."""
    return tuple(_reasons_in(tail))


def _reasons_in(text: str) -> list[str]:
    """The reasons of ``text``, each once, in order."""
    reasons: list[str] = []
    for start in _REASON_START.finditer(text):
        letters = _REASON_LETTERS.match(text, start.end())
        if letters is None:
            continue
        written = letters.group(0)
        read = _reasons_of if len(written) <= _KEPT_LETTERS else _reasons_of.__wrapped__
        for reason in read(start.group(1), written):
            if reason not in reasons:
                reasons.append(reason)
    return reasons


# The letters of the reasons are written in a few dozen ways ("(b) and (d)", "B/D", "(b)(d)")
# in field after field: their reading is kept, for letters of a usual length (a hostile line
# of many reasons would keep a long text).
_KEPT_LETTERS = 40


@functools.lru_cache(maxsize=1024)
def _reasons_of(section: str, written: str) -> tuple[str, ...]:
    """The reasons the letters ``written`` after ``1.`` and ``section`` give, each once."""
    reasons: list[str] = []
    for first, last in _REASON_LETTER.findall(written):
        for letter in _letters(first.lower(), last.lower()) if last else (first.lower(),):
            reason = f"1.{section}({letter})"
            if reason not in reasons:
                reasons.append(reason)
    return tuple(reasons)


def _authority_end_fast(text: str) -> re.Match[str] | None:
    """``_AUTHORITY_END.search(text, 1)``, the fast path: the same match.

    The pattern tries its branches at every character of the authority before the reasons.
    Each match holds a word (``reasons``, ``per``, ``under``, ``1`` of ``1.4``), found by a
    simpler pattern; before the word a match can only take whitespace, ``for`` and one stop
    or parenthesis.  The search starts there, or at 1 when that is before it.
    """
    word = _END_WORD.search(text)
    if word is None:
        return None
    start = word.start()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if start >= 3 and text[start - 3 : start].lower() == "for":
        start -= 3
        while start > 0 and text[start - 1].isspace():
            start -= 1
    if start > 0 and text[start - 1] in ",;:.(":
        start -= 1
    return _AUTHORITY_END.search(text, max(start, 1))


def _letters(first: str, last: str) -> list[str]:
    """The letters from ``first`` to ``last``: ``b``, ``d`` give b, c and d (``1.4(b-d)``).
    Backwards it is no range ("1.4 (d) - A ..."): the first letter alone."""
    return [chr(code) for code in range(ord(first), max(ord(first), ord(last)) + 1)]


def _mended(lines: tuple[str, ...]) -> str:
    """The lines joined by blanks, but a word broken at a line's end joined again: a
    capitalized piece of a name at the end of a line ("Andrew Y", "Josiah Rosen", "Michae")
    and lower-case letters opening the next ("oung,", "blatt", "l Corbin"), unless those are
    a word of their own ("for reasons", "de")."""
    joined = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        opening = _BROKEN_END.match(line)
        if (
            opening is not None
            and opening.group(0).lower() not in _WHOLE_WORDS
            and _BROKEN_START.search(joined)
        ):
            joined += line
        else:
            joined = f"{joined} {line}"
    return joined
