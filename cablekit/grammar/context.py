"""What the lines around a line decide: a printout's cover before the telegram, the kinds that
one line of lookahead settles, and the runs of plain lines.

The lexer (:mod:`cablekit.grammar.lexer`) reads each line on its own; these steps sit between
it and the parser and look at the lines around.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from cablekit.grammar.parts import NEW_TEXT, PARAGRAPH, TEXT, Line
from cablekit.grammar.tokens import Item, RunOn, retyped

__all__ = ["BEFORE_THE_CABLE", "FIELD_KINDS", "FIELD_RUN_ON", "cover_as_lead", "in_context"]


# ---------------------------------------------------------------------------------------------
# A printout's cover
# ---------------------------------------------------------------------------------------------

# the format lines a telegram's header opens with, which no cover holds
_HEADER_OPENINGS = frozenset(("FL1_LINE", "FL3_LINE", "FL5_LINE"))
# the lines of a header
_HEADER_LINES = frozenset(
    (
        "FL1_LINE", "FL2_LINE", "FL3_LINE", "FL4_LINE", "FL5_LINE", "FM_LINE", "TO_LINE",
        "INFO_LINE", "XMT_LINE", "ADDRESSEE_LINE",
    )
)  # fmt: skip
#: the kinds of line the grammar allows before the cable (``_lead`` in cable.lark), as the
#: lexer makes them (a plain line after a blank one is a ``TEXT_LINE`` until it is placed)
BEFORE_THE_CABLE = frozenset(
    ("DATE_LINE", "RECORD_LINE", "NOTICE_LINE", TEXT, "LETTERED_LINE", "RULE_LINE",
     "DRAFTING_LINE")
)  # fmt: skip


def cover_as_lead(items: Iterator[Item]) -> Iterator[Item]:
    """A printout's cover before the telegram is read as lines before the cable.

    Some copies are a database printout: a cover page with a classification line and fields
    of its own ("CONFIDENTIAL", "TAGS:     PREL, EPET, EAID, PGOV", "Captions: None",
    "Ref:      None" in 03ABUDHABI2641; "S E C R E T        DOHA 00214", "CXDOHA:" in
    09DOHA214), then the telegram itself: its header (VZCZC..., DE ..., the DTG) and its own
    classification line and head.  When a header opens after a classification line with no
    header line before it, and another classification line follows the header before the
    first paragraph marker, the lines before the header are the cover: plain lines before
    the cable, so that the telegram's header and head are read as the cable's.
    """
    # the lines up to where the cover is told are read here, the rest stream through a C
    # iterator: a generator between the lexer and the parser would cost a step each line
    held: list[Item] = []
    opening = None  # where the header opens in ``held``
    for item in items:
        kind = item.kind
        if not held and kind != "CLASSIFICATION_LINE" and kind not in BEFORE_THE_CABLE:
            return chain((item,), items)  # a header or a head with no cover: the common case
        held.append(item)
        if kind == PARAGRAPH:
            break
        if opening is None and kind in _HEADER_LINES:
            if kind not in _HEADER_OPENINGS or not any(
                line.kind == "CLASSIFICATION_LINE" for line in held
            ):
                break  # a header with nothing like a cover before it
            opening = len(held) - 1
        elif opening is not None and kind == "CLASSIFICATION_LINE":
            # the telegram's own head: what stands before its header is the cover
            for index in range(opening):
                if held[index].kind not in BEFORE_THE_CABLE:
                    held[index] = retyped(held[index], TEXT)
            break
    return chain(held, items)


# ---------------------------------------------------------------------------------------------
# What one line of lookahead decides
# ---------------------------------------------------------------------------------------------

#: the kinds of line that open a head field, which may go on over the plain lines below
FIELD_KINDS = frozenset(("EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLASSIFIED_BY_LINE"))
_LEAD_KINDS = frozenset(("DATE_LINE", "RECORD_LINE", "NOTICE_LINE", TEXT, NEW_TEXT))
#: the kinds of line a head field goes on over
FIELD_RUN_ON = frozenset((TEXT, "LETTERED_LINE", "RULE_LINE"))
_HEADER_KINDS = frozenset(
    (
        "PAGE_LINE", "ACTION_LINE", "FL1_LINE", "FL2_LINE", "FL3_LINE", "FL4_LINE",
        "FL5_LINE", "FM_LINE", "TO_LINE", "INFO_LINE",
    )
)  # fmt: skip


def in_context(
    items: Iterator[Item], portion_marked: re.Pattern[str], item_letter: re.Pattern[str]
) -> Iterator[Item]:
    """Kinds that depend on the lines around, and runs of lines: what one line of lookahead
    decides.

    - a plain line after a blank line is a ``NEW_TEXT_LINE`` (it starts a block), except
      inside a head field that goes on below it: "SUBJECT: ... AFTER CURRENCY" / (blank) /
      "REFORM" / (blank) / "REF: 09 SHENYANG 167" (09MOSCOW1108) keeps REFORM in the subject;
    - a portion-marked line below a field starts the text, even without a blank line:
      "REF: STATE 40380" / " (SBU) Poloff delivered reftel..." (08KUALALUMPUR317); but in a
      REF field, "(C)" below a line that opens with "(B)" is the next item: "(B) 7 FAM 180" /
      "(C) 09 STATE 030541" (09STATE119085); a heading, a line with a rule below it, starts
      the text too: "Classified By: ... Reasons 1.4 (b/d)." / "Summary" / "-------"
      (10SEOUL290);
    - a classification line on top of the header ("CONFIDENTIAL" then "PAGE 01 CAPE T 00097
      01 OF 03 182017Z" in 90CAPETOWN97) is a printout's page heading: plain text.

    Before the text, a plain line and the plain lines right below it make one line, a run:
    the rules take a run as they take its first line, and the parser has fewer tokens to
    shift.  (The text's runs are made by the lexer.)  The lines a head field runs on over,
    which the lexer's fast path makes one item (a :class:`RunOn`), are lines none of the
    above applies to: they pass as they are.
    """
    in_field = False
    in_ref = False
    above = ""  # the line above
    only_lead = True  # nothing but lines copies put before a cable so far
    run: list[Item] = []
    item = next(items, None)
    while item is not None:
        following = next(items, None)
        if isinstance(item, RunOn):
            # the lexer made it of lines that nothing here reads otherwise, as they are
            if run:
                yield _joined(run)
                run = []
            if only_lead:
                only_lead = all(line.kind in _LEAD_KINDS for line in item.lines)
            above = item.lines[-1].text
            yield item
            item = following
            continue
        following_kind = following.kind if following is not None else "$END"
        kind = item.kind
        if kind == TEXT and item.after_blank:
            if not (in_field and following_kind in FIELD_KINDS):
                item = retyped(item, NEW_TEXT)
        elif (
            kind == TEXT
            and in_field
            and (
                _is_heading(item, following)
                or (
                    portion_marked.match(item.text)
                    and not (in_ref and _next_item(above, item.text, item_letter))
                )
            )
        ):
            item = retyped(item, NEW_TEXT)
        elif kind == "CLASSIFICATION_LINE" and only_lead and following_kind in _HEADER_KINDS:
            item = retyped(item, TEXT)
        placed = item.kind
        if placed not in _LEAD_KINDS:
            only_lead = False
        if kind in FIELD_KINDS:
            in_field = True
            in_ref = kind == "REF_LINE"
        elif placed not in FIELD_RUN_ON:
            in_field = in_ref = False
        above = item.text
        if run and placed == TEXT and not item.after_blank:
            run.append(item)
        else:
            if run:
                yield _joined(run)
            if placed in _RUN_STARTS:
                run = [item]
            else:
                run = []
                yield item
        item = following
    if run:
        yield _joined(run)


_RUN_STARTS = frozenset((TEXT, NEW_TEXT))


def _next_item(above: str, line: str, item_letter: re.Pattern[str]) -> bool:
    """Whether ``line`` opens with the letter of the REF item after the one the line
    ``above`` opens with, both in parentheses: "(C) 09 STATE 030541" below "(B) 7 FAM 180"
    (09STATE119085)."""
    opening = item_letter.match(line.lstrip(" \t"))
    if opening is None or opening["paren"] is None:
        return False
    last = item_letter.match(above.lstrip(" \t"))
    letter = last["paren"] if last is not None else None
    if letter is None:
        return False
    return ord(opening["paren"].upper()) == ord(letter.upper()) + 1


def _is_heading(line: Item, following: Item | None) -> bool:
    """Whether a plain line is a heading: a rule right below it ("Summary" / "-------"), and
    no stop at its end, which a field's last line has above the rule that opens a framed
    heading ("(U) CLASSIFIED BY ... REASON" / "1.5 (B) AND (D)." / "-------" / "SUMMARY")."""
    return (
        following is not None
        and following.kind == "RULE_LINE"
        and not following.after_blank
        and not line.text.rstrip().endswith((".", ",", ";", ":"))
    )


def _joined(run: list[Item]) -> Item:
    first = run[0]
    if len(run) == 1:
        return first
    return Line(
        first.kind,
        "".join(line.text for line in run),
        first.number,
        first.after_blank,
        None,
        sum(line.line_count for line in run),
    )
