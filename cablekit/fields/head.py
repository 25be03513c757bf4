"""The head of the text: classification line, captions, passing lines and the fields.

The grammar places the head's lines (``head`` in ``cable.lark``) and gives each field's first
line its parts: the E.O. line its order and instruction, the TAGS line its tags, the SUBJECT
line its subject.  :func:`read_head` reads them in order.  A field read once is not read
again: a head repeated for each section (90CAPETOWN97) keeps its second copy as unparsed.
Copies also run fields together on one line ("E.o. 12958: decl: 01/07/2014 Tags: prel, pgov
Subject: ...", 04ANKARA348), and a Classified By line into the SUBJECT or REF field: the
grammar's run-in patterns (``RUN_IN_FIELD``, ``RUN_IN_SUBJECT``, ``RUN_IN_CLASSIFIED_BY``)
find where the next field starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from cablekit import _fast
from cablekit._text import collapse
from cablekit.clean import TAG_CODE
from cablekit.fields.classification import (
    read_classification_line,
    read_run_on_classification_line,
)
from cablekit.fields.classified_by import read_authority, read_classified_by
from cablekit.fields.executive_order import read_executive_order
from cablekit.fields.references import read_ref_field
from cablekit.fields.tag_codes import read_tag_codes
from cablekit.grammar import Field, Line, pattern
from cablekit.models import (
    Classification,
    ClassificationLine,
    ClassifiedBy,
    ExecutiveOrder,
    Reference,
    Repair,
    Section,
)

__all__ = ["HeadReading", "read_head"]

_CAPTION = pattern("CAPTION")
_TAG = pattern("TAG")
# the label of another field, "Captions:", where the TAGS field runs on over it
_LABEL = re.compile(r"(?:^|[\s,;])([A-Za-z]+:)(?=\s|$)")
_CAPTION_LINE = pattern("CAPTION_LINE")
_RUN_IN_EO = pattern("RUN_IN_EO")
_RUN_IN_FIELD = pattern("RUN_IN_FIELD")
# where a copy ran two lines together: two or more blanks (10MOSCOW228)
_GAP = re.compile(r"[ \t]{2,}")
_RUN_IN_SUBJECT = pattern("RUN_IN_SUBJECT")
_RUN_IN_CLASSIFIED_BY = pattern("RUN_IN_CLASSIFIED_BY")
_RUN_IN_REF = pattern("RUN_IN_REF")


@dataclass
class HeadReading:
    """The values of the head, as :func:`read_head` reads them."""

    classification: Classification | None = None
    classification_line: ClassificationLine | None = None
    origin: str | None = None
    number: int | None = None
    section: Section | None = None
    handling: list[str] = field(default_factory=list)
    passing: list[str] = field(default_factory=list)
    executive_order: ExecutiveOrder | None = None
    tags: list[str] = field(default_factory=list)
    tag_codes: list[str] = field(default_factory=list)
    tags_seen: bool = False
    subject: str | None = None
    references: list[Reference] = field(default_factory=list)
    classified_by: ClassifiedBy | None = None
    #: lines and parts of lines no field takes: (line, text)
    unparsed: list[tuple[int, str]] = field(default_factory=list)
    #: what the readers read otherwise than written (tag codes)
    repairs: list[Repair] = field(default_factory=list)

    def keep(self, lines: Sequence[Line]) -> None:
        for line in lines:
            text = line.text.rstrip()
            if text:
                self.unparsed.append((line.number, text))

    def add_handling(self, word: str) -> None:
        word = collapse(word).upper()
        if word and word not in self.handling:
            self.handling.append(word)


def read_head(items: Sequence[Field | Line], *, sent: date | int | None) -> HeadReading:
    """Read the head's items in order.  ``sent`` is the date the cable was sent, or only its
    year, if known: it gives the year of the references that do not write one."""
    head = HeadReading()
    for item in items:
        if isinstance(item, Line):
            head.keep([item])  # a rule, page furniture or a continuation line
            continue
        rule = item.rule
        if rule == "classification":
            _read_classification(head, item)
        elif rule == "caption":
            for word in _captions(item.lines[0].text):
                head.add_handling(word)
        elif rule == "passing":
            _read_passing(head, item.lines)
        elif rule == "eo":
            _read_eo(head, item)
        elif rule == "tags":
            _read_tags(head, item)
        elif rule == "subject":
            _read_subject(head, item, sent)
        elif rule == "ref":
            _read_ref(head, item, sent)
        elif rule == "classified_by":
            if head.classified_by is not None:
                head.keep(item.lines)
            else:
                head.classified_by = read_authority(*_field_lines(item, "authority"))
    return head


def _captions(text: str) -> list[str]:
    """The captions of a caption line: ``_CAPTION.findall(text)``.

    The fast path: a line of one word of ASCII letters (``SIPDIS``, ``NOFORN``: nearly every
    caption line) is that word.  Every other alternative of the pattern holds a blank or a
    parenthesis, so only its last, a run of letters, can take such a word, and takes it all.
    """
    if _fast.ENABLED:
        words = text.split()
        if len(words) == 1 and words[0].isascii() and words[0].isalpha():
            return words
    return _CAPTION.findall(text)


def _field_text(item: Field, part: str) -> str:
    """The text of a field after its keyword: the part of its first line, then the lines it
    runs on over, each stripped, joined by single spaces."""
    lines = item.lines
    if len(lines) == 1:  # most fields: the first line alone
        return (lines[0].part(part) or "").rstrip()
    return " ".join(_field_lines(item, part))


def _field_lines(item: Field, part: str) -> list[str]:
    """The part of a field's first line, then the lines it runs on over, each stripped."""
    lines = item.lines
    first = (lines[0].part(part) or "").rstrip()
    if len(lines) == 1:
        return [first]
    return [first, *(line.stripped for line in lines[1:])]


def _read_passing(head: HeadReading, lines: Sequence[Line]) -> None:
    for line in lines:
        text = collapse(line.text)
        if head.executive_order is None and _RUN_IN_EO.search(text):
            _read_run_together(head, line.lines())
        elif text:
            head.passing.append(text)


def _read_run_together(
    head: HeadReading, lines: Sequence[Line], pieces: Sequence[str] | None = None
) -> None:
    """Passing lines, one of them with an E.O. line run into it: "DEPT FOR WHA/BSC E.O.
    12958: DECL: 11/22/2012" (02BRASILIA4227), "SIPDIS E.O. 12958: N/A" (09BRASILIA1540).
    ``pieces`` are the lines' texts, when they are not the lines themselves."""
    if pieces is None:
        pieces = [collapse(line.text) for line in lines]
    before: list[str] = []
    for index, piece in enumerate(pieces):
        # the E.O. line at the start of a piece too ("...  E.O. 12958: DECL: 01/28/2020")
        found = _RUN_IN_EO.search(f" {piece}") if head.executive_order is None else None
        if found is None:
            before.append(piece)
            continue
        before.append(piece[: found.start() - 1])
        _add_passing(head, " ".join(before))
        _read_eo_text(head, found["order"], piece[found.end() - 1 :], lines)
        _add_passing(head, " ".join(pieces[index + 1 :]))
        return
    _add_passing(head, " ".join(before))


def _add_passing(head: HeadReading, text: str) -> None:
    """A passing line, or a caption line ("SIPDIS") that the copy ran into another line."""
    text = collapse(text)
    if not text:
        return
    if _CAPTION_LINE.match(text + "\n"):
        for word in _CAPTION.findall(text):
            head.add_handling(word)
    else:
        head.passing.append(text)


def _read_classification(head: HeadReading, item: Field) -> None:
    line = read_classification_line(item.lines[0])
    rest = None
    if line is None:
        run_on = read_run_on_classification_line(item.first)
        if run_on is None:
            _read_passing(head, item.lines)
            return
        # the lines below it run into it: read after it, as the lines they are
        line, rest = run_on
    taken = False
    if head.classification is None:
        head.classification = line.level
        head.classification_line = line
        taken = True
    for caveat in line.caveats:
        head.add_handling(caveat)
    if head.origin is None and line.post is not None:
        head.classification_line = line
        head.origin = line.post
        head.number = line.number
        head.section = line.section
        taken = True
    if rest is not None:
        _read_run_together(head, [item.first], _GAP.split(rest.strip()))
        _read_passing(head, item.lines[1:])
    elif not taken:
        # a repeated classification line: page furniture of a printout, or the head
        # repeated for each section (90CAPETOWN97); kept, not read
        head.keep(item.lines)


def _read_eo(head: HeadReading, item: Field) -> None:
    if head.executive_order is not None:  # a repeated head: kept, not read
        head.keep(item.lines)
        return
    _read_eo_text(head, item.lines[0].part("order"), _field_text(item, "instruction"), item.lines)


def _read_eo_text(
    head: HeadReading, order: str | None, text: str, lines: Sequence[Line]
) -> None:
    """The E.O. line of ``order`` from what follows the order, with the fields run into it;
    ``lines`` are the lines that hold it."""
    # E.O., TAGS and SUBJECT run together on one line (04ANKARA348)
    parts = _RUN_IN_FIELD.split(text, maxsplit=1)
    head.executive_order = read_executive_order(order, parts[0])
    if len(parts) == 3:
        keyword, rest = parts[1], parts[2]
        subject_at = None
        if not keyword.upper().startswith("SUBJ"):  # TAGS, or a misspelling of it
            subject_at = _RUN_IN_SUBJECT.search(rest)
            _read_tags_text(head, rest[: subject_at.start()] if subject_at else rest, lines)
        elif head.subject is None:
            head.subject = collapse(rest) or None
        if subject_at and head.subject is None:
            head.subject = collapse(rest[subject_at.end() :]) or None


def _read_tags(head: HeadReading, item: Field) -> None:
    if head.tags_seen:  # a repeated head: kept, not read
        head.keep(item.lines)
        return
    # what follows the keyword, less the blanks and one colon after it
    text = _field_text(item, "tags").lstrip()
    text = text.removeprefix(":")
    subject_at = _run_in(_RUN_IN_SUBJECT, "subj", text)
    if subject_at:
        if head.subject is None:
            head.subject = collapse(text[subject_at.end() :]) or None
        text = text[: subject_at.start()]
    _read_tags_text(head, text, item.lines)


def _read_tags_text(head: HeadReading, text: str, lines: Sequence[Line]) -> None:
    """The tags and their codes from the TAGS field's text after the keyword; ``lines`` are
    the lines that hold it."""
    if head.tags_seen:
        return
    head.tags_seen = True
    label = _LABEL.search(text) if ":" in text else None
    if label is not None:
        # "TAGS: PREL, EPET, EAID, PGOV" / (blank) / "Captions: None" (03ABUDHABI2641): the
        # label of another field ends the tags; a tag never ends with a colon
        head.unparsed.append((_line_of(label.group(1), lines), text[label.start(1) :].strip()))
        text = text[: label.start(1)]
    head.tags = _tags(text)
    codes = read_tag_codes(text)
    head.tag_codes = codes.codes
    for written, read in codes.changes:
        head.repairs.append(
            Repair.of(
                {"kind": TAG_CODE, "line": _line_of(written, lines), "before": written,
                 "after": read}
            )
        )  # fmt: skip


def _tags(text: str) -> list[str]:
    """The tags of a TAGS field's text, each a ``TAG`` (``cable.lark``), its whitespace
    collapsed.

    The fast path: in a field without an opening parenthesis (nearly every one) a tag is a
    run of characters other than whitespace, commas, semicolons and parentheses: a word of
    the field once those are blanks.
    """
    if _fast.ENABLED and "(" not in text:
        return text.replace(",", " ").replace(";", " ").replace(")", " ").split()
    # a tag holds whitespace only before or inside its parentheses ("OVIP (RICE, C.)"): the
    # others, nearly all, are kept as found
    return [collapse(tag) if "(" in tag else tag for tag in _TAG.findall(text)]


def _line_of(text: str, lines: Sequence[Line]) -> int:
    """The number of the first of ``lines`` that holds ``text`` (case aside), else of the
    first line."""
    wanted = text.casefold()
    for line in lines:
        for piece in line.lines():
            if wanted in piece.text.casefold():
                return piece.number
    return lines[0].number


def _read_subject(head: HeadReading, item: Field, sent: date | int | None) -> None:
    if head.subject is not None:  # a repeated head (09ISLAMABAD3037): kept, not read
        head.keep(item.lines)
        return
    text = _field_text(item, "subject")
    # "SUBJECT: ... CAUSES AND IMPLICATIONS Classified By: Charge d'Affaires ..."
    # (09BRASILIA1383): the copy joined the SUBJECT and Classified By lines
    joined = _run_in(_RUN_IN_CLASSIFIED_BY, "classified", text)
    if joined is not None:
        if head.classified_by is None:
            head.classified_by = read_classified_by(text[joined.start() :])
        else:
            head.unparsed.append((item.first.number, text[joined.start() :]))
        text = text[: joined.start()]
    # "SUBJECT: ... BEHIND JOSE SERRA REF: RIO DE JANEIRO 32" (10BRASILIA49): the copy ran
    # the REF field into the subject line
    run_in = _run_in(_RUN_IN_REF, "ref", text)
    if run_in is not None and run_in.start() > 0:
        _read_ref_text(head, item.first.number, text[run_in.end() :], sent)
        text = text[: run_in.start()]
    head.subject = collapse(text) or None


def _run_in(pattern: re.Pattern[str], word: str, text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, for a run-in pattern every match of which holds ``word``
    (in lower case, ASCII letters) in some case.

    The run-in patterns ignore case and open with a lookbehind or a word boundary: a search
    tries them at every character of a subject or a REF field, and few of those hold a field
    run into them.  The fast path looks for the word in the lower-cased text first.  Only
    for ASCII text: ignoring case, the patterns also take some other letters for ``s``,
    ``i`` and ``k``.
    """
    if _fast.ENABLED and text.isascii() and word not in text.lower():
        return None
    return pattern.search(text)


def _read_ref(head: HeadReading, item: Field, sent: date | int | None) -> None:
    _read_ref_text(head, item.lines[0].number, _field_text(item, "references"), sent)


def _read_ref_text(head: HeadReading, number: int, text: str, sent: date | int | None) -> None:
    """The references of a REF field's ``text`` (its first line ``number``)."""
    # "REF: A. STATE 183800 B. BRASILIA 1396 Classified By: Political Officer ..."
    # (05BRASILIA2767): the page joined the REF and Classified By lines
    joined = _run_in(_RUN_IN_CLASSIFIED_BY, "classified", text)
    if joined is not None:
        if head.classified_by is None:
            head.classified_by = read_classified_by(text[joined.start() :])
        text = text[: joined.start()]
    references, left_out = read_ref_field(text, sent, post=head.origin, number=head.number)
    if left_out:
        head.unparsed.append((number, left_out))
    head.references.extend(references)
