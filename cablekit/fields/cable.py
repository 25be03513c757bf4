"""A :class:`~cablekit.grammar.Document` into a :class:`~cablekit.models.Cable`.

:func:`read_cable` hands each part of the document to its reader (the header, the head, the
text), lets :func:`~cablekit.fields.identity.decide` settle which cable it is, and makes the
model.  Every line no reader takes is kept in ``Cable.unparsed``.  It reads in four steps, each
handing the next what it has read; :func:`read_cables` takes many documents one step at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timezone
from operator import itemgetter
from typing import NamedTuple

from cablekit import _fast
from cablekit._text import collapse
from cablekit.fields.classified_by import find_classified_by
from cablekit.fields.head import HeadReading, read_head
from cablekit.fields.header import MONTHS, HeadList, read_head_list, read_transmission
from cablekit.fields.identity import decide, post_of_sender, sent_on, year_without_date
from cablekit.fields.marking import cable_caveats
from cablekit.fields.signers import split_signers
from cablekit.fields.summary import summary_and_comment
from cablekit.fields.text import TextReading, read_text
from cablekit.grammar import NEW_TEXT, TEXT, Document, Field, Line
from cablekit.models import Cable, Metadata, Paragraph, Transmission

__all__ = ["read_cable", "read_cables"]

# the lines before the first marker of a copy without header and head that are its text
_OPENING = frozenset((TEXT, NEW_TEXT, "LETTERED_LINE", "RULE_LINE"))
# an unparsed line's number, which orders them (a C function: thousands a corpus)
_LINE_NUMBER = itemgetter(0)
_NOFORN_MARK = re.compile(r"^\(?[A-Z]+\s*/{1,2}\s*(?:[A-Z]+/)*NF\b")
_make_cable = Cable.maker()


def read_cable(document: Document, metadata: Metadata | None = None) -> Cable:
    """Read the fields of a parsed cable; ``metadata`` is what its container said."""
    return _made(_text_read(_head_read(_header_read((document, metadata)))))


def read_cables(
    documents: Sequence[tuple[Document, Metadata | None] | Exception],
) -> list[Cable | Exception]:
    """:func:`read_cable` of each document and its metadata, one step (the header, the head,
    the text, the rest) at a time over all of them; an error a document raises, or one given
    in its place, stands in the place of its cable.

    Each step run over many cables in turn keeps its code and data in the processor's caches,
    which one cable's steps push out of them: the fast path of ``iter_cables`` reads its
    batches so.
    """
    each = _fast.each
    return each(_made, each(_text_read, each(_head_read, each(_header_read, documents))))


class _Header(NamedTuple):
    """What the first step of :func:`read_cable` reads, handed to the steps after it: the
    lines before the cable and the transmission header."""

    document: Document
    metadata: Metadata | None
    #: the text's lines before its first paragraph marker
    opening: Sequence[Line]
    #: the date of a date line before the cable or in its header
    dated: datetime | None
    #: the id a printout's id line gives
    noted_id: str | None
    transmission: Transmission | None
    #: the addressees of a copy without a header, read from its head
    head_list: HeadList | None
    #: what a reference that writes no year takes its year from
    sent: date | int | None
    #: the lines read so far that no reader takes: (line number, text)
    unparsed: tuple[tuple[int, str], ...]
    #: drafting lines no header holds
    drafting: tuple[Line, ...]


def _header_read(given: tuple[Document, Metadata | None]) -> _Header:
    """The lines before the cable and the transmission header."""
    document, metadata = given
    unparsed: list[tuple[int, str]] = []
    lead = document.lead
    # a cablegate copy's date line stands before the cable or below its header
    dated = _date_of(lead, document.transmission or ())
    noted_id = None
    for line in lead:
        if line.kind == "NOTICE_LINE" and (noted_id := _read_noted_id(line)) is not None:
            break
    has_header = document.transmission is not None or document.head is not None
    drafting: list[Line] = []
    if has_header:
        for line in lead:
            if line.kind == "DRAFTING_LINE":
                drafting.append(line)  # read with the transmission below
            else:
                _keep(unparsed, (line,))  # lines before the cable (date line, record)
        opening: Sequence[Line] = document.body
    else:
        # only text: plain lines before the first marker are the text's opening lines,
        # except the known kinds of lines copies put before a cable
        opening = [line for line in lead if line.kind in _OPENING]
        for line in lead:
            if line.kind not in _OPENING:
                _keep(unparsed, (line,))
    transmission = None
    if document.transmission is not None:
        header = read_transmission(document.transmission, drafting)
        transmission = header.transmission
        unparsed.extend(header.unparsed)
        drafting = list(header.drafting)
    head_list = read_head_list(document.head or ()) if transmission is None else None
    if head_list is not None:
        transmission = head_list.transmission  # the addressees of a copy without a header
    # the references that write no year take the cable's: of its date, else of its id
    sent = sent_on(transmission, metadata, dated)
    return _Header(
        document,
        metadata,
        opening,
        dated,
        noted_id,
        transmission,
        head_list,
        sent.date() if sent is not None else year_without_date(noted_id, metadata),
        tuple(unparsed),
        tuple(drafting),
    )


def _head_read(header: _Header) -> tuple[_Header, HeadReading]:
    """The head: the classification line and the fields below it."""
    return header, read_head(header.document.head or (), sent=header.sent)


def _text_read(read: tuple[_Header, HeadReading]) -> tuple[_Header, HeadReading, TextReading]:
    """The text: the opening lines and the paragraphs."""
    header, head = read
    return header, head, read_text(header.opening, header.document.paragraphs)


def _made(read: tuple[_Header, HeadReading, TextReading]) -> Cable:
    """The cable of what the steps before have read."""
    header, head, text = read
    document, metadata = header.document, header.metadata
    transmission, head_list = header.transmission, header.head_list
    unparsed = [*header.unparsed, *head.unparsed]
    for lines in (text.unparsed, document.skipped, header.drafting):
        _keep(unparsed, lines)  # drafting: no header holds them
    identity = decide(
        transmission,
        level=head.classification,
        origin=head.origin,
        number=head.number,
        metadata=metadata,
        dated=header.dated,
        noted_id=header.noted_id,
    )
    handling = list(head.handling)
    if "NOFORN" not in handling and _marks_noforn(head.subject, text.paragraphs):
        # a portion marked (C/NF) makes the whole cable NOFORN
        handling.append("NOFORN")
    if metadata is not None and metadata.classification:
        # caveats the container gives (SECRET//NOFORN) that the text does not carry
        for caveat in metadata.classification.upper().split("//")[1:]:
            word = " ".join(caveat.split())
            if word and word not in handling:
                handling.append(word)
    summary, comment = summary_and_comment(text.paragraphs)
    classified_by = head.classified_by
    if classified_by is None and text.paragraphs:
        # "¶1. Classified by Acting EAP A/S Alexander A. Arvizu. Reason: 1.4 (d)" (09STATE30049):
        # the field written as the first paragraph, which keeps its text
        classified_by = find_classified_by(text.paragraphs[0].text)
    unparsed.sort(key=_LINE_NUMBER)
    return _make_cable(
        {
            "id": identity.id,
            "id_source": identity.id_source,
            "classification": identity.classification,
            "handling": handling,
            "caveats": cable_caveats(handling),
            "origin": head.origin or _sending_post(transmission),
            "classification_line": head.classification_line,
            "number": head.number,
            "section": head.section,
            "created": identity.created,
            "transmission": transmission,
            "passing": _less(head.passing, head_list.lines) if head_list else head.passing,
            "executive_order": head.executive_order,
            "tags": head.tags,
            "tag_codes": head.tag_codes,
            "subject": head.subject,
            "references": head.references,
            "classified_by": classified_by,
            "paragraphs": text.paragraphs,
            "summary": summary,
            "comment": comment,
            "signature": text.signature,
            "signers": split_signers(text.signature),
            "repairs": [*head.repairs, *text.repairs],
            # made into UnparsedLine models by the cable's validation, all in one call
            "unparsed": [{"line": at, "text": value} for at, value in unparsed],
            "metadata": metadata,
        }
    )


def _date_of(lead: Sequence[Line], header: Sequence[Field | Line]) -> datetime | None:
    """The date of the first date line that gives one, before the cable or in its header."""
    for line in lead:
        if line.kind == "DATE_LINE" and (dated := _read_date_line(line)) is not None:
            return dated
    for item in header:
        if isinstance(item, Line) and item.kind == "DATE_LINE":
            dated = _read_date_line(item)
            if dated is not None:
                return dated
    return None


def _sending_post(transmission: Transmission | None) -> str | None:
    """The post of the FM line (``AMEMBASSY LA PAZ`` gives ``LA PAZ``): the origin of a copy
    without a classification line that names one."""
    return post_of_sender(transmission.sender) if transmission is not None else None


def _keep(unparsed: list[tuple[int, str]], lines: Sequence[Line]) -> None:
    for line in lines:
        text = line.text.rstrip()
        if text:
            unparsed.append((line.number, text))


def _less(passing: list[str], taken: Sequence[Line]) -> list[str]:
    """The passing lines without those read as addressees."""
    left = list(passing)
    for line in taken:
        text = collapse(line.text)
        if text in left:
            left.remove(text)
    return left


def _marks_noforn(subject: str | None, paragraphs: Sequence[Paragraph]) -> bool:
    if subject is not None and _NOFORN_MARK.match(subject):
        return True
    return any("NOFORN" in p.caveats for p in paragraphs)


def _read_date_line(line: Line) -> datetime | None:
    """``Friday, 18 December 2009, 11:04``, the date line some copies carry (09ASTANA95)."""
    month = MONTHS.get((line.part("month") or "")[:3].upper())
    if month is None:
        return None
    try:
        return datetime(
            int(line.part("year") or 0),
            month,
            int(line.part("day") or 0),
            int(line.part("hour") or 0),
            int(line.part("minute") or 0),
            tzinfo=timezone.utc,
        )
    except ValueError:
        return None


def _read_noted_id(line: Line) -> str | None:
    """``2000HANOI00686 - CONFIDENTIAL``, the id line of a printout (00HANOI686): ``00HANOI686``."""
    year, post, number = line.part("year"), line.part("post"), line.part("number")
    if year is None or post is None or number is None:
        return None
    return f"{year}{post.replace(' ', '')}{int(number)}"
