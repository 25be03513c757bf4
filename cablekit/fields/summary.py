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
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from cablekit import _fast
from cablekit.models import Paragraph

__all__ = ["summary_and_comment"]

# "Summary: ... End summary." and "Comment: ... End comment.": the start, then the first end
# after it (two searches: one lazy pattern spanning both re-tests the end at every character)
# (no leading \b: it keeps the regex engine from skipping ahead to the first letter; the
# word boundary is checked in _word_at instead)
# a compound opener too: "Summary and Action Request:" (09ISLAMABAD1119), "SUMMARY & COMMENT:"
# (09RIYADH181), "Summary/Introduction." (09BUENOSAIRES827)
_SUMMARY = re.compile(
    r"SUMMARY(?:\s*(?:\bAND\b|&|/)\s*[A-Z]+(?:\s+[A-Z]+){0,2})?\s*[:.\-]+\s*", re.IGNORECASE
)
# an opener without a stop, in capitals, at the start of a paragraph: "SUMMARY During their
# trip to Israel, ..." (09TELAVIV457)
_BARE_SUMMARY = re.compile(r"SUMMARY\s+(?=[A-Z])")
# a heading that says Summary: "Summary", "SUMMARY AND COMMENT"
_SUMMARY_HEADING = re.compile(
    r"SUMMARY(?:\s*(?:\bAND\b|&|/)\s*[A-Z]+(?:\s+[A-Z]+){0,2})?", re.IGNORECASE
)
_COMMENT = re.compile(r"COMMENT\s*[:.\-]+\s*", re.IGNORECASE)
# a match starts where a run of whitespace starts (the lookbehind; _end_start gives such a
# start), so that a search over a long run of whitespace scans it once, not from each character
_END_COMMENT = re.compile(r"(?<!\s)\s*\(?\bEND\s+(?:OF\s+)?COMMENT\b\.?\)?\s*$", re.IGNORECASE)
# "End summary", also of a compound: "END COMMENT AND SUMMARY" (07PARIS3941), "End
# introduction and summary" (07ISLAMABAD31)
_END_OF_SUMMARY = r"END\s+(?:OF\s+)?(?:[A-Z]+\s+(?:AND|&)\s+)?SUMMARY\b"
_END_SUMMARY = re.compile(r"(?<!\s)\s*\(?\b" + _END_OF_SUMMARY, re.IGNORECASE)
# the same ends for a search through a whole text: no leading \s*, which would make the search
# try the pattern at every character; _between trims the space and "(" before the end
_END_SUMMARY_ANYWHERE = re.compile(_END_OF_SUMMARY, re.IGNORECASE)
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


def _headed_summary(paragraphs: list[Paragraph]) -> int | None:
    """The index of the first paragraph under a heading that says Summary ("SUMMARY AND
    COMMENT" too)."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading and _SUMMARY_HEADING.fullmatch(paragraph.heading.strip(" -:.")):
            return index
    return None


def summary_and_comment(paragraphs: Iterable[Paragraph]) -> tuple[str | None, str | None]:
    """The summary and the comment of a cable's text.

    The summary is the text between ``Summary:`` and ``End summary`` (either compound:
    ``Summary and Action Request:``, ``END COMMENT AND SUMMARY``); without both, the text
    under a "Summary" heading up to ``End summary`` (04AMMAN1288) before the next heading,
    or the first paragraph under it when no ``End summary`` follows; the paragraph that
    ``Summary:`` opens when nothing closes it (09RPODUBAI316); the first paragraph up to an
    ``End summary`` without a start, when it stands in that paragraph or the next
    (07BAGHDAD3895).  A comment inside the summary is left out (:func:`_without_comments`).

    The comment is the text of the paragraph headed "Comment" (its closing "End comment."
    left out), else the text between ``Comment:`` and ``End comment``.
    """
    paragraphs = list(paragraphs)
    texts = [p.text for p in paragraphs]
    text = " ".join(texts)
    searched = _letters(text) if _fast.ENABLED else None
    summary = _summary(paragraphs, texts, text, searched)
    if summary is not None:
        summary = _without_comments(summary)
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


def _summary(
    paragraphs: list[Paragraph], texts: list[str], text: str, letters: bytes | None
) -> str | None:
    """The summary of the paragraphs whose texts ``texts``, joined by spaces, are ``text``
    (``letters`` its copy, or None), comments inside it and all."""
    if not texts:
        return None
    if letters is not None and b"SUMMARY" not in letters:
        # no opener, no end: each holds the word (most texts have none; the search for an
        # end would try every END of the text)
        opened = closed = None
    else:
        opened = _word_at(_SUMMARY, text, letters, 0)
        closed = _word_at(_END_SUMMARY_ANYWHERE, text, letters, 0)
    if opened is not None and closed is not None and closed.start() <= opened.start():
        if opened.start() < closed.end():
            opened = None  # the "Summary." of "End Summary.": no opener before the end
        else:
            closed = _word_at(_END_SUMMARY_ANYWHERE, text, letters, opened.end())
    opener = opened.end() if opened is not None else None
    if opener is not None and closed is not None:
        return _trimmed(text[opener : closed.start()])  # the common case
    # where each paragraph's text starts in the whole text
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    if opener is None and (letters is None or b"SUMMARY" in letters):
        # an opener in capitals without its stop, opening a paragraph (09TELAVIV457)
        bare = ((at, _BARE_SUMMARY.match(own)) for at, own in zip(starts, texts, strict=True))
        opener = next((at + found.end() for at, found in bare if found), None)
        if opener is not None:
            closed = _word_at(_END_SUMMARY_ANYWHERE, text, letters, opener)
    if opener is not None and closed is not None:
        return _trimmed(text[opener : closed.start()])
    headed = _headed_summary(paragraphs)
    if headed is not None:
        # the paragraphs from the headed one up to the next heading (09STATE83026: an "END
        # SUMMARY" of a document quoted further down is not this one's end)
        following = next(
            (i for i in range(headed + 1, len(paragraphs)) if paragraphs[i].heading), None
        )
        at = starts[headed]
        below = text[at : starts[following] if following is not None else len(text)]
        end = _search_end_summary(below, None if letters is None else letters[at : at + len(below)])
        return (below[: end.start()] if end else texts[headed]).strip() or None
    if opener is not None:
        # "Summary:" opening a paragraph that no "End summary" closes: the paragraph
        # (09RPODUBAI316)
        for own in texts:
            start = _SUMMARY.match(own) or _BARE_SUMMARY.match(own)
            if start is not None:
                return _trimmed(own[start.end() :])
        return None
    if closed is not None:
        # "End summary" without a start (07BAGHDAD3895): the text from the first paragraph
        # on, when the end closes it or the next
        first = next((i for i, p in enumerate(paragraphs) if p.number is not None), 0)
        ending = bisect_right(starts, closed.start()) - 1
        if first <= ending <= first + 1:
            return _trimmed(text[starts[first] : closed.start()])
    return None


def _trimmed(summary: str) -> str | None:
    """The summary without the blanks and the "(" of a closing "(End summary)" at its end."""
    return summary.rstrip().removesuffix("(").strip() or None


# a comment inside a summary, and its end: "Comment: ... End comment.", "(Comment: ...)"
_INNER_COMMENT = re.compile(r"\(?\bCOMMENT\s*[:.\-]+", re.IGNORECASE)
_END_INNER_COMMENT = re.compile(r"\bEND\s+(?:OF\s+)?COMMENT\b[.:]?\)?\.?", re.IGNORECASE)
_BEFORE_COMMENT = frozenset(".!?:;\"'”’)")


def _without_comments(summary: str) -> str | None:
    """The summary without the comments it holds: a comment that opens a sentence, up to its
    end ("Comment: ... End comment."), to its closing bracket ("(Comment: ...)"), or to the
    end of the summary when nothing ends it ("... agenda. COMMENT: ... END COMMENT AND
    SUMMARY.", 07PARIS3941).  Notes stay: they are part of what the summary says.

    Its fast path looks for the word in a lower-cased copy first: a case-insensitive search
    gets no help from the regex engine, and most summaries hold no comment.  Only the ASCII
    capitals lower to the letters of "comment", which are all the pattern takes for them.
    """
    if _fast.ENABLED and "comment" not in summary.lower():
        return summary or None
    kept: list[str] = []
    start = 0  # where the text not kept yet starts
    at = 0
    while (comment := _INNER_COMMENT.search(summary, at)) is not None:
        bracketed = summary[comment.start()] == "("
        before = comment.start()
        while before and summary[before - 1].isspace():
            before -= 1
        if before and summary[before - 1] not in _BEFORE_COMMENT and not bracketed:
            at = comment.end()  # "... had no comment." inside a sentence
            continue
        kept.append(summary[start : comment.start()])
        end = _END_INNER_COMMENT.search(summary, comment.end())
        close = summary.find(")", comment.end()) if bracketed and end is None else -1
        if end is not None:
            start = end.end()
        elif close >= 0:
            start = close + 1
        else:
            start = len(summary)
        at = start
    if not kept:
        return summary or None  # no comment: the summary as it is
    kept.append(summary[start:])
    # the pieces joined, with single spaces where a comment was taken out
    return " ".join(" ".join(kept).split()) or None


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
