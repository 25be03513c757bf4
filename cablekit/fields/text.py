"""The text of a cable: paragraph numbers, paragraphs, headings, signature.

:func:`read_text` takes the lines the grammar placed in the text, the paragraphs each from
its marker to the next, and makes the paragraphs of the model.  Paragraph numbers are decided
over the whole sequence of markers (:mod:`cablekit.fields.numbering`): in a damaged copy
``11.`` may be ``¶1`` with the ``¶`` read as ``1``.  A paragraph whose marker was lost
entirely is numbered from the gap it leaves, when a heading and a block of text sit in that
gap.  Both decisions are recorded as repairs; no text is ever added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

from cablekit._text import collapse, collapse_lines
from cablekit.clean import LOST_MARKER, PARAGRAPH_NUMBER
from cablekit.fields.bare_markers import ends_carried, read_bare_markers
from cablekit.fields.blocks import Found, TextBlock
from cablekit.fields.marking import read_marking
from cablekit.fields.numbering import CandidateKey, number_keys
from cablekit.fields.signature import AFTER_MAX, signs_alone, take_signature
from cablekit.grammar import NEW_TEXT, TEXT, Block, Line, pattern
from cablekit.models import Paragraph, Repair

__all__ = ["TextReading", "read_text"]

_HEADING_MAX = 80
# lines enough to find the signature in, the marker line left out: the signature, the line
# above it, and the lines that may follow it (AFTER_MAX)
_SIGNATURE_LINES = AFTER_MAX + 2
_RULE = "RULE_LINE"
# lines of a block that are kept as unparsed, not read as its text
_NOT_TEXT = frozenset(("CONTINUATION_LINE", "PAGE_LINE", _RULE))
# a block of text long enough to be a paragraph whose marker was lost
_PARAGRAPH_MIN = 80
# A block that opens with a damaged marker ("10  (C)", "18, (SBU)", "Q (C/NF)", "2 OF 002 5.
# (C)") did not lose its marker: the marker is there, written in a form that is not one.
_DAMAGED_MARKER = re.compile(
    r"(?:^|\s)(?:[0-9]{1,3}|[A-Za-z])[ \t]*[.,:;]*[ \t]*" + pattern("PORTION_MARK").pattern
)
# a section continuation line cut short, which the grammar does not take for one, and no
# heading: "RIO DE JAN 00000365 002."
_CONTINUATION = re.compile(pattern("CONTINUATION_START").pattern + r"\b")
_TEXT_KINDS = frozenset((TEXT, NEW_TEXT))
# the leading block, or a marker line that does not parse: never a paragraph number
_NO_MARKER: CandidateKey = ("", False, True)


@dataclass(frozen=True)
class TextReading:
    """What the text gives besides its paragraphs."""

    paragraphs: tuple[Paragraph, ...]
    #: the last line of the text, when it looks like a name
    signature: str | None
    #: paragraph numbers read from damaged markers, paragraphs numbered from a gap
    repairs: tuple[Repair, ...]
    #: lines no paragraph takes: rules, page furniture, section continuation lines
    unparsed: tuple[Line, ...]


def read_text(opening: Sequence[Line], paragraphs: Sequence[Block]) -> TextReading:
    """The paragraphs of the text: ``opening`` is the text before the first marker, then
    each paragraph from its marker to the next."""
    found = Found()
    blocks = _number_blocks(opening, paragraphs, found)
    if _in_order(blocks):
        # No number is missing before the last paragraph: a marker that lost its dot can
        # only be in it, and no paragraph lost its marker (a bare marker found in it takes
        # the next number, which keeps the numbers in order).
        blocks[-1:] = read_bare_markers(blocks[-1:], found)
    else:
        blocks = read_bare_markers(blocks, found)
        _infer_lost_markers(blocks, found)
    signature = _take_signature(blocks, found)
    made: list[Paragraph] = []
    # paragraphs are made by the thousand: the model's maker is looked up once
    make = Paragraph.maker()
    # the heading of the next block is the end of this one: taken off before this block's
    # paragraph is made of the rest (a block of no lines has none to give)
    for block, below in pairwise(blocks):
        if block.lines and below.heading is None:
            below.heading = _split_heading(block.lines, found)
        paragraph = _paragraph(block, found, make)
        if paragraph is not None:
            made.append(paragraph)
    if blocks:
        paragraph = _paragraph(blocks[-1], found, make)
        if paragraph is not None:
            made.append(paragraph)
    return TextReading(tuple(made), signature, tuple(found.repairs), tuple(found.unparsed))


def _in_order(blocks: list[TextBlock]) -> bool:
    """Whether the blocks after the first are numbered 1, 2, 3 ... and the last has its
    marker line, as in most texts (found in C, not block by block)."""
    last = blocks[-1]
    return (
        last.marker is not None
        and last.number == len(blocks) - 1  # before a look at every block
        and [block.number for block in islice(blocks, 1, None)] == list(range(1, len(blocks)))
    )


def _is_text(line: Line) -> bool:
    return line.kind in _TEXT_KINDS


def _last_line_apart(lines: list[Line], index: int) -> Line:
    """Make the last line of the run ``lines[index]`` a line of its own, after the rest of
    the run; return it."""
    run = lines[index]
    text = run.text
    cut = text.rfind("\n", 0, len(text) - 1) + 1
    number = run.number + run.line_count - 1
    last = Line(TEXT, text[cut:], number)
    rest = Line(run.kind, text[:cut], run.number, run.after_blank, None, run.line_count - 1)
    lines[index : index + 1] = [rest, last]
    return last


def _tail_apart(run: Line, count: int) -> tuple[Line, tuple[Line, ...]]:
    """The run ``run`` of more than ``count`` lines as the run of its first lines and its
    last ``count`` lines, each a line of its own, as :meth:`Line.lines` makes them."""
    pieces = run.text[:-1].rsplit("\n", count)
    rest = Line(
        run.kind, pieces[0] + "\n", run.number, run.after_blank, None, run.line_count - count
    )
    first = run.number + run.line_count - count
    return rest, tuple(
        Line(TEXT, piece + "\n", first + index) for index, piece in enumerate(pieces[1:])
    )


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def _number_blocks(
    opening: Sequence[Line], paragraphs: Sequence[Block], found: Found
) -> list[TextBlock]:
    """Number the marker blocks over the whole sequence; join non-markers to the block above."""
    candidates: list[CandidateKey] = [_NO_MARKER]
    # each marker's block, made as its line is read (the parts taken from its match once);
    # numbered below, once the numbers are decided over the whole sequence
    made: list[TextBlock] = []
    previous_line = opening[-1] if opening else None
    for marker, lines in paragraphs:
        carried = (
            previous_line is not None
            and not marker.after_blank
            and ends_carried(previous_line.text)
        )
        digits, pilcrow, marking, own_text = marker.parts("number", "pilcrow", "marking", "text")
        candidates.append((digits or "", pilcrow is not None, carried))
        made.append(
            TextBlock(
                marker,
                list(lines),
                None,
                "".join(marking.split()) if marking else None,
                own_text or "",
            )
        )
        previous_line = lines[-1] if lines else marker
    readings = number_keys(candidates)
    numbered = [TextBlock(None, list(opening))]
    # looked up at the first repair, not for each cable: most have none
    make_repair: Callable[[dict[str, Any]], Repair] | None = None
    for (marker, _), block, (digits, _, _), reading in zip(
        paragraphs, made, candidates[1:], readings[1:], strict=True
    ):
        number = reading.number
        if number is None:
            # not a paragraph marker: its line is text of the block above
            above = numbered[-1].lines
            above.append(Line(TEXT, marker.text, marker.number, marker.after_blank))
            above.extend(block.lines)
            continue
        block.number = number
        numbered.append(block)
        if reading.ocr:
            if make_repair is None:
                make_repair = Repair.maker()
            found.repairs.append(
                make_repair(
                    {
                        "kind": PARAGRAPH_NUMBER,
                        "line": marker.number,
                        "before": f"{digits}.",
                        "after": f"¶{number}.",
                    }
                )
            )
    return numbered


def _infer_lost_markers(blocks: list[TextBlock], found: Found) -> None:
    """Number paragraphs whose marker was lost, from the gap they leave in the sequence.

    Between ¶2 and ¶4 of 06PARIS7101 stand a heading ("France Favors the EU Approach") and a
    block of text without a marker: that block is ¶3.  A paragraph is inferred only when the
    gap has exactly as many numbers as there are heading-led blocks in it.
    """
    index = 0
    while index < len(blocks) - 1:
        block, following = blocks[index], blocks[index + 1]
        if block.number is None or following.number is None:
            index += 1
            continue
        missing = following.number - block.number - 1
        if missing < 1:
            index += 1
            continue
        # headings and blocks are lines standing apart: the runs of lines are taken apart
        block.lines = [line for run in block.lines for line in run.lines()]
        splits = _heading_led_blocks(block.lines)
        if len(splits) != missing:
            index += 1
            continue
        inferred: list[TextBlock] = []
        for number, (heading_at, text_at, end) in enumerate(splits, start=block.number + 1):
            heading_lines = block.lines[heading_at:text_at]
            found.unparsed.extend(line for line in heading_lines if line.kind == _RULE)
            heading = " ".join(
                collapse(line.text) for line in heading_lines if line.kind != _RULE
            ).strip(" -_=*")
            first = block.lines[text_at]
            inferred.append(
                TextBlock(
                    None,
                    block.lines[text_at:end],
                    number=number,
                    heading=heading or None,
                    start=first.number,
                )
            )
            found.repairs.append(
                Repair(kind=LOST_MARKER, line=first.number, before="", after=f"¶{number}.")
            )
        del block.lines[splits[0][0] :]
        blocks[index + 1 : index + 1] = inferred
        index += 1 + len(inferred)


def _heading_led_blocks(lines: list[Line]) -> list[tuple[int, int, int]]:
    """Blocks inside ``lines`` that follow a heading: (heading, text start, end) indexes."""
    found: list[tuple[int, int, int]] = []
    index = 0
    while index < len(lines):
        if not _is_heading_line(lines, index):
            index += 1
            continue
        text_at = index + 1
        while text_at < len(lines) and lines[text_at].kind == _RULE:
            text_at += 1
        if (
            text_at >= len(lines)
            or not _is_text(lines[text_at])
            or not (lines[text_at].after_blank or lines[text_at - 1].kind == _RULE)
        ):
            index += 1
            continue
        end = text_at
        while end < len(lines) and not _is_heading_line(lines, end):
            end += 1
        texts = [collapse(line.text) for line in lines[text_at:end] if _is_text(line)]
        opening = " ".join(texts[:2])
        if sum(map(len, texts)) >= _PARAGRAPH_MIN and not _DAMAGED_MARKER.search(opening):
            start = index
            if start and lines[start - 1].kind == _RULE:
                start -= 1
            found.append((start, text_at, end))
        index = end
    # each block runs on to the next one's heading, so no line is left out
    return [
        (start, text_at, found[number + 1][0] if number + 1 < len(found) else len(lines))
        for number, (start, text_at, _) in enumerate(found)
    ]


def _is_heading_line(lines: list[Line], index: int) -> bool:
    """Whether ``lines[index]`` is a heading standing on its own above more text."""
    line = lines[index]
    if not _is_text(line):
        return False
    framed = index > 0 and lines[index - 1].kind == _RULE
    if not line.after_blank and not framed:
        return False
    if index + 1 >= len(lines):
        return False
    below = lines[index + 1]
    if below.kind != _RULE and not below.after_blank:
        return False
    written = collapse(line.text)
    text = written.rstrip(" -_=*")
    if not (
        0 < len(text) <= _HEADING_MAX
        and not text.endswith((".", ",", ";", ":"))
        and not _CONTINUATION.match(text)
    ):
        return False
    # A short line of running text can stand alone too (a blank line inserted inside a
    # paragraph): a heading shows it is one by a rule, capitals or title case.
    if framed or below.kind == _RULE or len(written) - len(text) >= 3:
        return True
    words = text.split()
    if text.upper() == text and any(c.isalpha() for c in text):
        return len(words) <= 12
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    return len(words) <= 6 and all(w[0].isupper() for w in long_words)


# ---------------------------------------------------------------------------------------------
# Signature, headings, paragraphs
# ---------------------------------------------------------------------------------------------


def _take_signature(blocks: list[TextBlock], found: Found) -> str | None:
    """The signature at the end of the text (:func:`~cablekit.fields.signature.take_signature`),
    taken off the last paragraph; the lines after it are kept as unparsed."""
    if not blocks:
        return None
    block = blocks[-1]
    runs = block.lines
    if runs and (runs[-1].line_count > 1 or runs[-1].kind in _TEXT_KINDS):
        # most texts end in a line that is the signature whatever stands above it: the
        # lines above need not be taken apart to be looked at
        run = runs[-1]
        text = run.text
        cut = text.rfind("\n", 0, len(text) - 1) + 1
        last = text[cut:].strip()
        if signs_alone(last):
            if run.line_count == 1:
                block.lines = runs[:-1]
            else:  # the run without its last line, cut where that line was found
                kept = run.line_count - 1
                rest = Line(run.kind, text[:cut], run.number, run.after_blank, None, kept)
                block.lines = [*runs[:-1], rest]
            return last
    # the last lines, each a line of its own (a run holds no blank line: apart from the
    # first, its lines follow the line above); the signature is in the last few, so the
    # runs above them are kept as they are, and the marker line is not looked at
    kept = len(runs)
    lines: list[Line] = []
    while kept and len(lines) < _SIGNATURE_LINES:
        kept -= 1
        run = runs[kept]
        wanted = _SIGNATURE_LINES - len(lines)
        if run.line_count > wanted:
            # only the last lines of a long run are looked at: the rest stays one run, not
            # a line object for each of its lines
            rest, tail = _tail_apart(run, wanted)
            lines[:0] = tail
            runs = [*runs[:kept], rest]
            kept += 1
            break
        lines[:0] = run.lines()
    marker_text = block.own_text if block.marker is not None and not kept else None
    signed = take_signature(lines, marker_text, marked=block.marking is not None)
    if signed is None:
        block.lines = [*runs[:kept], *lines]
        return None
    block.lines = [*runs[:kept], *signed.lines]
    if signed.marker_text is not None:
        block.own_text = signed.marker_text
    found.unparsed.extend(signed.after)
    return signed.signature


def _paragraph(
    block: TextBlock, found: Found, make: Callable[[dict[str, Any]], Paragraph]
) -> Paragraph | None:
    lines = block.lines
    marker = block.marker
    if not lines:
        if marker is None:
            return None
        # a marker line alone, thousands of times in hostile input
        # (collapsing strips it: no stripped copy first)
        text = collapse_lines((block.own_text,))
        start = marker.number
    else:
        # the text of Line.stripped, without a property call for each of a cable's many lines
        values = [line.text.strip() for line in lines if line.kind not in _NOT_TEXT]
        if len(values) != len(lines):
            found.unparsed.extend(line for line in lines if line.kind in _NOT_TEXT)
        if marker is None:
            text = collapse_lines(values)
            if not text:
                return None
            if block.start is not None:
                start = block.start
            else:
                start = next(line for line in lines if line.kind not in _NOT_TEXT).number
        else:
            # the marker line's text and the lines below, collapsed once as one text
            values.insert(0, block.own_text.strip())
            text = collapse_lines(values)
            start = marker.number
    marking = block.marking
    level, caveats = read_marking(marking)
    return make(
        {
            "number": block.number,
            "marking": marking,
            "level": level,
            "caveats": caveats,
            "heading": block.heading,
            "text": text,
            "line": start,
        }
    )


def _split_heading(lines: list[Line], found: Found) -> str | None:
    """Takes the heading off the end of a block: the short line above the next marker."""
    if not lines:
        return None
    end = len(lines)
    while end and lines[end - 1].kind == _RULE:
        end -= 1
    framed = end < len(lines)
    if not end:
        return None
    candidate = lines[end - 1]
    if candidate.kind not in _TEXT_KINDS:
        return None
    if candidate.line_count > 1:
        if not framed:
            return None  # its last line runs on from the line above
        candidate = _last_line_apart(lines, end - 1)
        end += 1
    start = end - 1
    if start and lines[start - 1].kind == _RULE:
        framed = True
        start -= 1
    if not framed and not candidate.after_blank:
        return None  # a line of running text, not standing on its own
    text = collapse(candidate.text)
    # a framed heading may end in a stop; one standing between blank lines may not
    if 0 < len(text) <= _HEADING_MAX and (framed or not text.endswith((".", ",", ";", ":"))):
        if framed:  # the rules above and below it; a heading not framed has none
            # the rule above (start is end - 2 then) and the rules below, which end is before
            found.unparsed += lines[start : end - 1]
            found.unparsed += lines[end:]
        del lines[start:]
        return text.strip(" -_")
    return None
