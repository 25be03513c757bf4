"""The speed trick of the cleaning stage: skip each pass that provably changes nothing.

Nearly every input is a clean copy, and every pass walks all of its lines.  :func:`run` gives
what :func:`cablekit.clean.lines.run` gives, running the same passes in the same order, but
first asks of each pass a test of the whole input (``in``, ``str.find``, a few regex searches:
loops in C) that says False only when the pass cannot change it; such a pass is not run, and
a clean copy comes back without ever being split into lines.  For example, the character
pass is skipped for an ASCII text with no form feed, ``\\``, ``&``, ``<``, ``*``, ``_`` or
``#`` and no Markdown bullet in front of a paragraph marker (``- 15. (C)``).

:mod:`cablekit.clean` runs this only while :data:`cablekit._fast.ENABLED` is true
(``CABLEKIT_PLAIN=1`` turns it off); tests run both on the corpus and on random text and compare
the results.  Each test is made of the patterns of its pass, most of them the grammar's line
kinds and parts the pass asks (``TEXT_STARTS``, ``FIELD_OR_MARKER``, ``PARAGRAPH_LINE``, the
openings of the format lines), so that a change of the grammar changes both alike; where a
test is written out (the first letters of a field line, the start of a bare marker), it
holds at least what the pass's pattern matches, and when that changes, the test must too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from cablekit.clean import characters, furniture, reflow, run_together, wrapped
from cablekit.clean.line_kinds import part
from cablekit.clean.lines import Cleaned, Cleaner, Pass

__all__ = ["run"]

# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------
#
# Each test looks at the whole input and says False only when its pass provably changes
# nothing: what it looks for includes everything the pass reacts to.  Tests of lines search
# ``lined``, "\n" + text + "\n", where every line of the text sits between two "\n": a pattern
# that starts with that literal is searched fast, and one that ends a line with it does not
# backtrack into the line.  The passes match the grammar's line kinds on a line with its
# newline (:mod:`cablekit.clean.line_kinds`): such a pattern ``P`` matches some line exactly
# when "\n(?=P)" matches ``lined`` somewhere, as no line kind matches a "\n" but the one that
# ends it.  So does a per-line pattern of a pass (anchored with ``^``, with or without ``$``)
# under MULTILINE: none of them matches a "\n", so it sees the same characters, and its
# ``$``, ``\b`` and lookarounds treat the "\n" around a line as they treat the ends of the line.


def _line_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The per-line ``pattern`` (or line kinds) at any line start of ``lined``."""
    return re.compile(r"\n(?=" + pattern.pattern + ")", pattern.flags | re.MULTILINE)


# Lines that some pass may change, in one search, each after its indent: the "#" of a Markdown
# heading (MD_HEADING allows three blanks at most), a bullet on a paragraph marker
# (MD_BULLET_ON_MARKER), a Page N of M line (PAGE_N_OF_M, ignoring case, on a line with "age",
# which only its "Page" or "page" can hold) or a printout page header (PRINTOUT_PAGE, its
# PAGE_ALONE after the indent).  Each starts with a literal or a set, which the regex engine tries
# at once.  Most lines fail at once, at the lookahead of the characters they start with: it comes
# before the indent, in one set with the blanks, as a line that starts with none of them then
# costs one test and no repetition (2 ms less over the corpus than after the indent).  When no
# line matches, the tests of those lines need not run.
_SUSPECT_LINE = re.compile(
    r"\n(?=[ \t#*+\-Pp])[ \t]*(?:#"
    + r"|[-*+][ \t]+"
    + characters.PARAGRAPH_START
    + r"|-[ \t]*[Pp]age[ \t]+[0-9]|[Pp]age[ \t]+[0-9]|"
    + furniture.PAGE_ALONE
    + "|"
    + furniture.PAGE_STAMP_START
    + ")"
)


# A line that ends the transmission header (TEXT_STARTS).  What the lookaheads of its line kinds
# admit as their first character after the indent is written out (the letters of a
# classification, E.O., TAGS, SUBJECT or Classified By line, either case, "(" and a paragraph
# marker's ¶ or digit; test_clean checks them against the grammar): most header lines start
# with none of them, and fail at that one test, made once with the blanks of an indent, before
# the kinds are tried.
_TEXT_START_CHARACTERS = "TtSsCcEeOoUuLl(\u017f¶0-9"
_TEXT_STARTS_LINE = re.compile(
    rf"\n(?=[{_TEXT_START_CHARACTERS} \t])(?=[ \t]*[{_TEXT_START_CHARACTERS}])"
    rf"(?={run_together.TEXT_STARTS.pattern})"
)


class _Input:
    """The input as the tests look at it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lined = f"\n{text}\n"  # one copy of the text, where "\n" + text + "\n" makes two
        #: whether _SUSPECT_LINE matches a line
        self.suspect = _SUSPECT_LINE.search(self.lined) is not None
        #: where the "\n" before the line that ends the transmission header (header_end) is:
        #: ``lined[:header]`` holds the header lines
        end = _TEXT_STARTS_LINE.search(self.lined)
        self.header = end.start() if end else len(self.lined)
        #: where the "\n" before the first line that starts with a ¶ is, or -1: in most copies
        #: the line of the first paragraph marker
        self.pilcrow_line = self.lined.find("\n¶")


# the first "#" of a Markdown heading: at most three blanks before it on its line
_HEADING_HASH = re.compile(
    r"#(?:(?<=^#)|(?<=^[ \t]#)|(?<=^[ \t]{2}#)|(?<=^[ \t]{3}#))#{0,5}[ \t]", re.MULTILINE
)
_BULLET_ON_MARKER_LINE = _line_start(characters.MD_BULLET_ON_MARKER)
# Where a Markdown emphasis (MD_EMPHASIS) can start: at a mark that MD_EMPHASIS_GATE matches,
# or one before it for "**" and "__".  One pattern per mark: a literal is found faster than a
# set.
_EMPHASIS_MARKS = (("*", re.compile(r"\*(?=[^\s*_])")), ("_", re.compile(r"_(?=[^\s*_])")))


def _characters_may_change(source: _Input) -> bool:
    """Whether :func:`~cablekit.clean.characters.fix_characters` can change the input."""
    text = source.text
    if "\f" in text:  # every form feed is removed
        return True
    # the mojibake pass's own test; it also finds "Â¶" (U+00B6 is in its second range)
    hint = characters.MOJIBAKE_HINT
    if ("\u00c2" in text or "\u00c3" in text or "\u00e2" in text) and hint.search(text):
        return True
    if not text.isascii():
        try:  # UTF-16 encodes every code point but a surrogate: this finds any lone surrogate
            text.encode("utf-16-le")
        except UnicodeEncodeError:
            return True
    # The substitutions: each runs only when its trigger is in the text and its pattern
    # matches the text, and then replaces every match, but an unknown entity, with something
    # else.  "Â¶" before a marker (BAD_PILCROW) was found above as mojibake.
    if "\ufffd" in text and characters.BAD_PILCROW.search(text):
        return True
    if "&" in text and any(
        html.unescape(entity.group(0)) != entity.group(0)
        for entity in characters.ENTITY.finditer(text)
    ):
        return True
    if "<" in text and characters.HTML_TAG.search(text):
        return True
    if "\\" in text and (
        characters.LATEX_PILCROW.search(text) or characters.MD_ESCAPE.search(text)
    ):
        return True
    for mark, after_mark in _EMPHASIS_MARKS:
        if mark in text:
            for found in after_mark.finditer(text):
                start = found.start()
                emphasis = characters.MD_EMPHASIS
                if emphasis.match(text, start) or emphasis.match(text, max(start - 1, 0)):
                    return True
    # headings; bullets go only when a line is a bullet on a paragraph marker
    return source.suspect and bool(
        _HEADING_HASH.search(text) or _BULLET_ON_MARKER_LINE.search(source.lined)
    )


_PAGE_N_OF_M_LINE = _line_start(furniture.PAGE_N_OF_M)
_PRINTOUT_PAGE_LINE_START = _line_start(furniture.PRINTOUT_PAGE)
_PAGE_STAMP_LINE_START = re.compile(r"\n[ \t]*" + furniture.PAGE_STAMP_START)


def _furniture_may_change(source: _Input) -> bool:
    """Whether :func:`~cablekit.clean.furniture.remove_page_furniture` can change the input.

    Without form feeds and ``Page N of M`` lines the text is one page, so no line repeats at
    page edges; what is left are page stamps (``PAGE 02 RUEHFRA2440 ...``) and printout page
    headers, which need two ``PAGE NN`` lines.
    """
    if "\f" in source.text:
        return True
    if not source.suspect:
        return False
    if _PAGE_N_OF_M_LINE.search(source.lined) or _PAGE_STAMP_LINE_START.search(source.lined):
        return True
    pages = _PRINTOUT_PAGE_LINE_START.finditer(source.lined)
    return next(pages, None) is not None and next(pages, None) is not None


def _format_lines(*names: str) -> str:
    return "|".join(
        f"(?:{pattern.pattern})" for name, pattern in run_together.FORMAT_LINES if name in names
    )


# split_run_together splits a line that starts (after its indent) with a strong format line:
# the first format line that matches there is a strong one, as they come first, and only
# strong ones come before them.  The next piece is a later format line that may follow that
# one, after a blank.
_RUN_TOGETHER_HINT = re.compile(
    r"\n[ \t]*(?:"
    + "|".join(
        f"(?={_format_lines(first)})[^\\n]*?[ \\t](?:{_format_lines(*later)})"
        for first, later in (
            ("FL1", ("FL2", "FL3", "FL5")),
            ("FL2", ("FL3", "FL5")),
            ("FL3", ("FL4", "FL5")),
            ("FL4", ("FL5",)),
            ("FL5", ("FM",)),
        )
    )
    + ")"
)


# what the next piece of a split line starts with: a later format line after a blank; one
# pattern per blank, as a literal is found faster than a set
_LATER_FORMAT_LINES = "(?:" + _format_lines("FL2", "FL3", "FL4", "FL5", "FM") + ")"
_NEXT_PIECE_AFTER_SPACE = re.compile(" " + _LATER_FORMAT_LINES)
_NEXT_PIECE_AFTER_TAB = re.compile("\t" + _LATER_FORMAT_LINES)


def _run_together_may_change(source: _Input) -> bool:
    """Whether :func:`~cablekit.clean.run_together.split_run_together` can change the input.

    It splits header lines only.
    """
    lined, header = source.lined, source.header
    if not _NEXT_PIECE_AFTER_SPACE.search(lined, 0, header) and not (
        lined.find("\t", 0, header) >= 0 and _NEXT_PIECE_AFTER_TAB.search(lined, 0, header)
    ):
        return False
    return _RUN_TOGETHER_HINT.search(lined, 0, header) is not None


# what follows a ¶ that split_reflowed cuts before (INNER_PILCROW), and what may come before it
_RULE_OR_BLANK = reflow.RULE_CHARACTERS + " \t"
_AFTER_INNER_PILCROW = re.compile(reflow.INNER_PILCROW.pattern.removeprefix("¶"), re.MULTILINE)
# a line that starts with a ¶ and is a paragraph marker (MARKER_LINE): the copy marks its
# paragraphs with ¶
_PILCROW_MARKER_LINE = re.compile(r"\n[ \t]*(?=¶)(?=" + part("PARAGRAPH_LINE") + ")")
# every bare marker split_reflowed may cut before, in any line: a marker's number and its
# portion mark after blanks (_INNER_MARKER, _WORD_MARKER), a number without one after the end
# of a sentence (_PLAIN_MARKER), or a marker's number after the last three characters of a
# rule (_RULED_MARKER, where the stretch before it must be a RULE_LINE: a rule character, then
# two or more, each after one blank at most; and a PARAGRAPH_LINE must start at the number).
# Each holds a marker's number, and none goes past the end of its line.
_NUMBER = part("PARAGRAPH_NUMBER")
_RULE_CHARACTER = f"[{reflow.RULE_CHARACTERS}]"
_BARE_MARKER_INSIDE = re.compile(
    rf"[ \t]{_NUMBER}[ \t]*{part('PORTION_MARK')}[ \t]"
    rf"|{_RULE_CHARACTER}[ \t]?{_RULE_CHARACTER}[ \t]?{_RULE_CHARACTER}[ \t]*{_NUMBER}"
    rf"|[.!?:;)\"'”’][ \t]+{_NUMBER}[ \t]+[A-Z(]"
)


def _bare_marker_inside(lined: str) -> bool:
    """Whether _BARE_MARKER_INSIDE matches ``lined``: it is searched only in the lines where a
    marker's number ends (``NUMBER_END``), as each of its matches holds one."""
    position = 0
    while (number := reflow.NUMBER_END.search(lined, position)) is not None:
        start = lined.rfind("\n", 0, number.start()) + 1
        position = lined.find("\n", number.end()) + 1  # lined ends with "\n"
        if _BARE_MARKER_INSIDE.search(lined, start, position):
            return True
    return False


def _reflow_may_change(source: _Input) -> bool:
    """Whether :func:`~cablekit.clean.reflow.split_reflowed` can change the input.

    It cuts before a ¶ marker inside a line (after blanks or a rule), and before bare markers
    after a sentence or a rule, but only when no line has both a ¶ and a marker.
    """
    lined = source.lined
    if "¶" in source.text:
        # Each ¶ (most come right after a "\n", and are passed over at one test) is cut before
        # when a marker comes after it and a rule right before it, or blanks and more of the
        # line before them.
        find = lined.find
        pilcrow = find("¶")
        while pilcrow >= 0:
            before = lined[pilcrow - 1]
            if (
                before != "\n"
                and before in _RULE_OR_BLANK
                and _AFTER_INNER_PILCROW.match(lined, pilcrow + 1)
            ):
                if before in reflow.RULE_CHARACTERS:
                    return True
                start = pilcrow - 1
                while lined[start - 1] in " \t":  # lined[0] is "\n": this stops
                    start -= 1
                if lined[start - 1] != "\n":
                    return True
            pilcrow = find("¶", pilcrow + 1)
        first = source.pilcrow_line
        if (first >= 0 and _PILCROW_MARKER_LINE.match(lined, first)) or (
            _PILCROW_MARKER_LINE.search(lined)
        ):
            return False
    return _bare_marker_inside(lined)


_BLANK = r"[^\S\n]*"  # a line that str.strip() leaves empty: \s is what str.isspace() accepts
_NONBLANK = r"[^\S\n]*\S[^\n]*"  # one way to match it, so no backtracking inside a line
_NOT_FIELD = r"(?!" + wrapped.FIELD_OR_MARKER.pattern + ")"
# a line neither blank nor a field or marker: a blank line fails before the test of the fields
_TEXT = r"(?=[^\S\n]*\S)" + _NOT_FIELD + _NONBLANK + r"\n"
_BLANK_LINE = rf"(?:{_BLANK}\n)"
_LINE_MARKER_LINE = _line_start(reflow.MARKER_LINE)
# What join_wrapped_fields needs before it removes a blank line after a field (from the "\n"
# before the field): a SUBJECT, Classified By or TAGS line (WRAPPING_FIELD) and the lines after
# it that are neither blank nor a field or marker (the field); blank lines; one to three lines
# that are neither (the block after them); then, after blank lines, the end of the text or a
# line that FIELD_FOLLOWER accepts.  Its tests of the words of the field are left out.  Most
# lines fail the test of the first letter (what matches s, t or c when case is ignored, or the
# "(" before a Classified By), made once with the blanks of an indent.
_WRAPPED_FIELD = re.compile(
    r"\n(?=[SsTtCc(\u017f \t])(?=[ \t]*[SsTtCc(\u017f])"
    rf"(?={wrapped.WRAPPING_FIELD.pattern})"
    rf"[^\n]*\n(?:{_TEXT})*{_BLANK_LINE}+{_TEXT}(?:{_TEXT}){{0,2}}{_BLANK_LINE}*"
    rf"(?:\Z|(?={wrapped.FIELD_FOLLOWER.pattern}))"
)
# a blank line inside the relay list or an addressee list: the previous and the next
# non-blank line, both header lines, are what join_wrapped_fields looks for
_WRAPPED_LIST = re.compile(
    rf"\n(?:(?={wrapped.RELAY_LIST.pattern})[^\n]*\n{_BLANK_LINE}+"
    rf"(?={wrapped.RELAY_MORE.pattern})"
    rf"|(?={wrapped.ADDRESSEE_LIST.pattern})[^\n]*\n{_BLANK_LINE}+"
    rf"(?={wrapped.ADDRESSEE_MORE.pattern}))"
)


# the blank line and the line after it that _WRAPPED_LIST needs: both its next lines start
# with a ROUTING_INDICATOR
_BLANK_BEFORE_RI = re.compile(r"\n" + _BLANK + r"\n[ \t]*" + part("ROUTING_INDICATOR"))


def _wrapped_fields_may_change(source: _Input) -> bool:
    """Whether :func:`~cablekit.clean.wrapped.join_wrapped_fields` can change the input.

    Its fields start before the first line with a paragraph marker, its lists inside the
    transmission header.
    """
    lined, header = source.lined, source.header
    # The fields are looked for before a line with a marker: the first line that starts with
    # a ¶ usually has one, else the first line with a marker is searched for.
    head = source.pilcrow_line
    if head < 0 or not _LINE_MARKER_LINE.match(lined, head):
        marker = _LINE_MARKER_LINE.search(lined)
        head = marker.start() if marker else len(lined)
    # One search for the fields before that line.  It ends after that line, which it sees
    # whole: the line can follow a field, but the lines of a field and the block after it are
    # neither fields nor markers, so no match goes past it.
    end = lined.find("\n", head + 1) + 1 or len(lined)
    if _WRAPPED_FIELD.search(lined, 0, end):
        return True
    return bool(
        _BLANK_BEFORE_RI.search(lined, 0, header) and _WRAPPED_LIST.search(lined, 0, header)
    )


# ---------------------------------------------------------------------------------------------
# Running the passes
# ---------------------------------------------------------------------------------------------

#: the test of each pass of whether it can change the input
_MAY_CHANGE: dict[Pass, Callable[[_Input], bool]] = {
    characters.fix_characters: _characters_may_change,
    furniture.remove_page_furniture: _furniture_may_change,
    run_together.split_run_together: _run_together_may_change,
    reflow.split_reflowed: _reflow_may_change,
    wrapped.join_wrapped_fields: _wrapped_fields_may_change,
}


def run(text: str, passes: Iterable[Pass]) -> Cleaned:
    """Run ``passes`` over ``text`` as :func:`cablekit.clean.lines.run` does, with the same
    result, but skip each pass whose test proves it would change nothing.

    A pass without a test always runs.
    """
    source = _Input(text)
    cleaner: Cleaner | None = None
    for run_pass in passes:
        # The tests look at the input: they hold while no pass has changed it, and a pass
        # that changes the text records a repair.
        may_change = _MAY_CHANGE.get(run_pass)
        unchanged = cleaner is None or not cleaner.repairs
        if may_change is not None and unchanged and not may_change(source):
            continue
        if cleaner is None:
            cleaner = Cleaner(text)
        run_pass(cleaner)
    if cleaner is None:
        return Cleaned(text)
    return cleaner.result()
