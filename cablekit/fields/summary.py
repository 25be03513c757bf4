"""The summary and the comment of a cable's text.

The summary is the text between ``Summary:`` and ``End summary``, the comment the text
between ``Comment:`` and ``End comment``, or of a paragraph under a "Summary" or "Comment"
heading (:func:`summary_and_comment`).

The searches are case-insensitive, which the regex engine cannot speed up by skipping ahead
to the first letter of a word.  Their fast path finds the opening words in an upper-cased
ASCII copy of the text with ``bytes.find`` and tries the patterns only there
(:func:`_letters`); with ``CABLEKIT_PLAIN=1`` the patterns search the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cablekit import _fast
from cablekit.models import Paragraph

__all__ = ["summary_and_comment"]

# "Summary: ... End summary." and "Comment: ... End comment.": the start, then the first end
# after it (two searches: one lazy pattern spanning both re-tests the end at every character)
# (no leading \b: it keeps the regex engine from skipping ahead to the first letter; the
# word boundary is checked in _word_at instead)
_SUMMARY = re.compile(r"SUMMARY(?:\s+AND\s+COMMENT)?\s*[:.\-]+\s*", re.IGNORECASE)
_COMMENT = re.compile(r"COMMENT\s*[:.\-]+\s*", re.IGNORECASE)
# a match starts where a run of whitespace starts (the lookbehind; _end_start gives such a
# start), so that a search over a long run of whitespace scans it once, not from each character
_END_COMMENT = re.compile(r"(?<!\s)\s*\(?\bEND\s+(?:OF\s+)?COMMENT\b\.?\)?\s*$", re.IGNORECASE)
_END_SUMMARY = re.compile(r"(?<!\s)\s*\(?\bEND\s+(?:OF\s+)?SUMMARY\b", re.IGNORECASE)
# the same ends for a search through a whole text: no leading \s*, which would make the search
# try the pattern at every character; _between trims the space and "(" before the end
_END_SUMMARY_ANYWHERE = re.compile(r"END\s+(?:OF\s+)?SUMMARY\b", re.IGNORECASE)
_END_COMMENT_ANYWHERE = re.compile(r"END\s+(?:OF\s+)?COMMENT\b", re.IGNORECASE)
# The word each of these patterns opens with.  A case-insensitive search gets no help from the
# regex engine in skipping ahead; bytes.find of the word in an upper-cased copy of the text
# does (see _letters): the places it finds include every match.
_OPENING_WORD = {
    _SUMMARY: b"SUMMARY",
    _COMMENT: b"COMMENT",
    _END_SUMMARY_ANYWHERE: b"END",
    _END_COMMENT_ANYWHERE: b"END",
}


def _letters(text: str) -> bytes | None:
    """``text`` as ASCII bytes, letters upper-cased and every other character a ``?``: one
    byte a character, so places in the copy are places in ``text``; None when the copy would
    miss a match.

    The characters the patterns take for the letters of their opening words are the ASCII
    letters and the long s (``ſ``, an S ignoring case): a text that has one is searched the
    plain way.  The copy is much cheaper to make than ``text.upper()``.
    """
    if "ſ" in text:
        return None
    return text.encode("ascii", "replace").upper()


def _headed(paragraphs: list[Paragraph], title: str) -> int | None:
    """The index of the first paragraph under the heading ``title`` ("Summary", "Comment")."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading and paragraph.heading.strip(" -:.").upper() == title:
            return index
    return None


def summary_and_comment(paragraphs: Iterable[Paragraph]) -> tuple[str | None, str | None]:
    """The summary and the comment of a cable's text.

    The summary is the text between ``Summary:`` and ``End summary``; without a ``Summary:``,
    the text under a "Summary" heading up to ``End summary`` (04AMMAN1288), or the first
    paragraph under it when no ``End summary`` follows.  The comment is the text of the
    paragraph headed "Comment" (its closing "End comment." left out), else the text between
    ``Comment:`` and ``End comment``.
    """
    paragraphs = list(paragraphs)
    texts = [p.text for p in paragraphs]
    text = " ".join(texts)
    searched = _letters(text) if _fast.ENABLED else None
    summary = _between(text, searched, _SUMMARY, _END_SUMMARY_ANYWHERE)
    headed = _headed(paragraphs, "SUMMARY") if summary is None else None
    if headed is not None:
        # the paragraphs from the headed one on, and their copy, are the end of the whole
        # text: it starts after the texts before and the spaces joining them
        at = sum(map(len, texts[:headed])) + headed
        below = text[at:]
        end = _search_end_summary(below, None if searched is None else searched[at:])
        summary = (below[: end.start()] if end else paragraphs[headed].text).strip() or None
    comment = None
    headed = _headed(paragraphs, "COMMENT")
    if headed is not None:
        own = texts[headed]
        at = sum(map(len, texts[:headed])) + headed
        own_letters = None if searched is None else searched[at : at + len(own)]
        comment = _without_end_comment(own, own_letters).strip() or None
    if comment is None:
        comment = _between(text, searched, _COMMENT, _END_COMMENT_ANYWHERE)
    return summary, comment


# _END_SUMMARY and _END_COMMENT open with whitespace, which makes a search try them at every
# character.  Their match holds an END that stands as "END" in the copy (see _letters), with
# nothing before it but whitespace and a "(": so they are tried only from there.


def _end_start(text: str, at: int) -> int:
    """The earliest start of a match of ``\\s*\\(?\\bEND...`` whose END is at ``at``."""
    if at and text[at - 1] == "(":
        at -= 1
    while at and text[at - 1].isspace():  # str.isspace is exactly what \s matches
        at -= 1
    return at


def _search_end_summary(text: str, letters: bytes | None) -> re.Match[str] | None:
    """``_END_SUMMARY.search(text)``: the first END from which the pattern matches.

    ``letters`` is the copy of ``text`` that _letters makes, or None.
    """
    if letters is None:
        return _END_SUMMARY.search(text)
    at = letters.find(b"END")
    while at >= 0:
        # the match through this END that starts the earliest, which a search meets first
        match = _END_SUMMARY.match(text, _end_start(text, at))
        if match is not None:
            return match
        at = letters.find(b"END", at + 1)
    return None


def _without_end_comment(text: str, letters: bytes | None) -> str:
    """``_END_COMMENT.sub("", text)``: the closing "End comment." taken off.

    The pattern runs to the end of the text and nothing after its END reads "END" in the copy:
    a match holds the last END of the text, and there is at most one.  ``letters`` is the copy
    of ``text`` that _letters makes, or None.
    """
    if letters is None:
        return _END_COMMENT.sub("", text)
    at = letters.rfind(b"END")
    if at < 0:
        return text
    # tried from the earliest start only: a later one reaches the same END the same way
    match = _END_COMMENT.match(text, _end_start(text, at))
    return text if match is None else text[: match.start()] + text[match.end() :]


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _word_at(
    pattern: re.Pattern[str], text: str, letters: bytes | None, position: int
) -> re.Match[str] | None:
    """The first match of ``pattern`` from ``position`` on that starts a word.

    ``letters`` is the copy of ``text`` that _letters makes, or None.  With it, the pattern
    is tried only where its opening word stands in the copy, in the order ``finditer`` would
    meet those places: after a match, the search goes on from its end.
    """
    if letters is None:
        for match in pattern.finditer(text, position):
            if _starts_word(text, match.start()):
                return match
        return None
    word = _OPENING_WORD[pattern]
    at = letters.find(word, position)
    while at >= 0:
        tried = pattern.match(text, at)
        if tried is None:
            at = letters.find(word, at + 1)
        elif _starts_word(text, at):
            return tried
        else:
            at = letters.find(word, tried.end())
    return None


def _between(
    text: str, letters: bytes | None, start: re.Pattern[str], end: re.Pattern[str]
) -> str | None:
    """The text from the first ``start`` to the first ``end`` after it, if both are there."""
    opened = _word_at(start, text, letters, 0)
    if opened is None:
        return None
    closed = _word_at(end, text, letters, opened.end())
    if closed is None:
        return None
    return text[opened.end() : closed.start()].rstrip().removesuffix("(").strip() or None
