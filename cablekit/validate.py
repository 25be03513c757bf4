"""Structural checks of a parsed cable: :func:`validate` returns a list of :class:`Diagnostic`.

Every check reads the :class:`~cablekit.models.Cable` only, never the input text, so a cable
read from any source is checked the same way.  Each finding has a stable code, documented
with a real example in ``docs/validation.md``:

- ``CK0xx`` the input itself (``validate`` was given text that holds no cable);
- ``CK1xx`` the transmission header against the text (FL3, FL4, FM, DTG);
- ``CK2xx`` the head of the text (classification, E.O., Classified By, captions, TAGS);
- ``CK3xx`` the paragraphs (numbering, portion markings, summary);
- ``CK4xx`` the sections of a multi-section cable (``SECTION 01 OF 03`` and the
  continuation lines ``ASTANA 00000095 002 OF 003``).

Severity ``error`` is kept for real structural contradictions (a SECRET paragraph in a
CONFIDENTIAL cable, a header from another cable); ``warning`` for what is probably wrong in the
cable or in its copy; ``info`` for what is unusual but legitimate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from cablekit._text import full_year
from cablekit.errors import CableParseError
from cablekit.models import Cable, Classification

__all__ = ["CHECKS", "Check", "Diagnostic", "Severity", "diagnose_parse_error", "validate"]


class Severity(str, Enum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Diagnostic(BaseModel):
    """One finding of :func:`validate`, such as error ``CK305`` on line 236: ``¶10 is marked
    (S/NF) in a CONFIDENTIAL cable``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="Stable code of the check (`CK305`); see docs/validation.md.")
    severity: Severity = Field(description="`error`, `warning` or `info`.")
    message: str = Field(description="What was found, quoting the values that disagree.")
    line: int | None = Field(
        default=None,
        description="1-based input line the finding is about; null when the cable does not "
        "record the line of the field concerned.",
    )

    def format(self, name: str) -> str:
        """The finding in compiler style: ``name:line: severity code message``."""
        where = f"{name}:{self.line}:" if self.line is not None else f"{name}:"
        return f"{where} {self.severity.value} {self.code} {self.message}"


@dataclass(frozen=True)
class Check:
    """A documented check: its stable code, severity and a one-line title."""

    code: str
    severity: Severity
    title: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Every code :func:`validate` can report, in order.  Codes are never reused or renumbered.
CHECKS: dict[str, Check] = {
    check.code: check
    for check in (
        Check("CK001", _E, "the input holds no cable"),
        Check("CK101", _E, "FL4 security signal disagrees with the classification"),
        Check("CK102", _W, "FL3 filing day and time do not follow the DTG"),
        Check("CK103", _E, "classification-line number disagrees with the FL3 serial"),
        Check("CK104", _E, "classification-line post disagrees with the FM line"),
        Check("CK105", _E, "the text is newer than its header"),
        Check("CK106", _W, "the container says otherwise"),
        Check("CK201", _W, "no classification line"),
        Check("CK202", _W, "classified cable without Classified By"),
        Check("CK203", _W, "classified cable without a declassification instruction"),
        Check("CK204", _W, "declassification date not after the cable's date"),
        Check("CK205", _W, "unknown executive order"),
        Check("CK206", _W, "unknown caption"),
        Check("CK207", _W, "malformed TAGS"),
        Check("CK301", _W, "paragraph numbers skipped"),
        Check("CK302", _W, "paragraph number repeated"),
        Check("CK303", _W, "paragraph numbers out of order"),
        Check("CK304", _I, "paragraph numbering starts again at 1"),
        Check("CK305", _E, "portion marking above the cable's classification"),
        Check("CK306", _W, "summary begun and never ended"),
        Check("CK401", _E, "continuation line disagrees with the number of sections"),
        Check("CK402", _E, "continuation line of another cable"),
        Check("CK403", _W, "sections missing or out of order"),
        Check("CK404", _W, "continuation line inside a paragraph's text"),
    )
}


def validate(cable_or_text: Cable | str | bytes) -> list[Diagnostic]:
    """Check a cable's structure and return the findings, ordered by line.

    ``cable_or_text`` is a parsed :class:`~cablekit.models.Cable`, or the text (or bytes) of
    one, which is then parsed leniently first.  Text that holds no cable gives one ``CK001``
    error instead of an exception: ``validate`` never raises for any input.
    """
    if isinstance(cable_or_text, Cable):
        cable = cable_or_text
    else:
        # imported here: the parse API imports this module for parse(strict=True)
        from cablekit.api import parse

        try:
            cable = parse(cable_or_text)
        except CableParseError as problem:
            return [diagnose_parse_error(problem)]
    found = [finding for check in _CHECKERS for finding in check(cable)]
    return sorted(found, key=lambda d: (d.line or 0, d.code, d.message))


def diagnose_parse_error(error: CableParseError, *, name: str | None = None) -> Diagnostic:
    """The ``CK001`` finding for an input that holds no cable, from the parser's error.

    ``name`` is the file the error is about; a ``name: `` the message starts with is taken
    off, since the finding is shown after the file name anyway.
    """
    reason = error.reason
    if name and reason.startswith(f"{name}: "):
        reason = reason[len(name) + 2 :]
    return _diagnostic("CK001", reason, error.line)


def _diagnostic(code: str, message: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(code=code, severity=CHECKS[code].severity, message=message, line=line)


# ---------------------------------------------------------------------------------------------
# Shared readings
# ---------------------------------------------------------------------------------------------

_LEVEL = {
    Classification.UNCLASSIFIED: 0,
    Classification.CONFIDENTIAL: 1,
    Classification.SECRET: 2,
    Classification.TOP_SECRET: 3,
}
# FL4 "ZNY CCCCC": the repeated letter is the classification (E = EFTO, unclassified)
_SECURITY_LEVEL = {"U": 0, "E": 0, "C": 1, "S": 2, "T": 3}
_SECURITY_NAME = {0: "UNCLASSIFIED", 1: "CONFIDENTIAL", 2: "SECRET", 3: "TOP SECRET"}
# portion markings: the part before the first slash ("S" of "S//NF")
_MARKING_LEVEL = {"U": 0, "SBU": 0, "FOUO": 0, "C": 1, "S": 2, "TS": 3}


def _squeeze(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _dtg_text(moment: datetime) -> str:
    return moment.strftime("%d%H%MZ %b %y").upper()


# ---------------------------------------------------------------------------------------------
# CK1xx: the transmission header against the text
# ---------------------------------------------------------------------------------------------


def _check_security(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    written = cable.classification_line
    said = written.level if written is not None else cable.classification
    if transmission is None or transmission.security is None or said is None:
        return
    letters = transmission.security.split()[-1]
    level = _SECURITY_LEVEL.get(letters[:1])
    if level is None or level == _LEVEL[said]:
        return
    yield _diagnostic(
        "CK101",
        f"FL4 '{transmission.security}' is the signal of a {_SECURITY_NAME[level]} message, "
        f"but the classification line says {said.value}",
        written.line if written is not None else None,
    )


_FILED = re.compile(r"^(?P<day>[0-9]{3})(?P<hour>[0-9]{2})(?P<minute>[0-9]{2})$")
# a cable is filed for transmission after it is dated; allow a little clock skew
_FILED_EARLY = timedelta(hours=1)
_FILED_LATE = timedelta(days=1)


def _check_filing_time(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.filed is None or transmission.dtg is None:
        return
    dtg = transmission.dtg
    if dtg.tzinfo is None:  # a model built by hand; the parser gives UTC
        dtg = dtg.replace(tzinfo=timezone.utc)
    match = _FILED.match(transmission.filed)
    day = int(match["day"]) if match else 0
    hour = int(match["hour"]) if match else 0
    minute = int(match["minute"]) if match else 0
    if match is None or not (1 <= day <= 366 and hour <= 23 and minute <= 59):
        yield _diagnostic(
            "CK102",
            f"FL3 filing time '{transmission.filed}' is not a Julian day (001-366) and a time HHMM",
        )
        return
    # the filing day belongs to the DTG's year, or to a neighbouring one around New Year
    candidates = [
        datetime(year, 1, 1, hour, minute, tzinfo=timezone.utc) + timedelta(days=day - 1)
        for year in (dtg.year - 1, dtg.year, dtg.year + 1)
        if 1 < year < 9999
    ]
    filed = min(candidates, key=lambda moment: abs(moment - dtg))
    if -_FILED_EARLY <= filed - dtg <= _FILED_LATE:
        return
    if filed > dtg and _corrected_copy(cable):
        return  # a corrected copy keeps its DTG and is filed again later (09STATE28302)
    dtg_day = dtg.timetuple().tm_yday
    yield _diagnostic(
        "CK102",
        f"FL3 filing time '{transmission.filed}' (day {day:03d}, {hour:02d}:{minute:02d}Z) "
        f"does not follow the DTG {_dtg_text(dtg)} (day {dtg_day:03d})",
    )


def _corrected_copy(cable: Cable) -> bool:
    """Whether a caption says the cable is a corrected copy (``C O R R E C T E D C O P Y``)."""
    return any(
        _caption_words(line).startswith("CORRECT") for line in (*cable.handling, *cable.passing)
    )


def _check_serial(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.serial is None or cable.number is None:
        return
    # the station serial holds the last four digits of the cable number (STATE 124823: #4823)
    if transmission.serial % 10000 == cable.number % 10000:
        return
    yield _diagnostic(
        "CK103",
        f"the classification line gives number {cable.number}, but FL3 "
        f"'DE {transmission.originator_station} #{transmission.serial:04d}' gives serial "
        f"{transmission.serial}",
    )


# posts whose name on the classification line is not part of the FM address
_POST_ALIASES = {"STATE": "SECSTATE", "SECSTATE": "SECSTATE"}


def _same_post(post: str, address: str) -> bool:
    """Whether the post of a classification line (``ASTANA``) is the FM address
    (``AMEMBASSY ASTANA``)."""
    squeezed = _squeeze(post)
    squeezed = _POST_ALIASES.get(squeezed, squeezed)
    return bool(squeezed) and squeezed in _squeeze(address)


def _check_origin(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.sender is None or cable.origin is None:
        return
    if set(cable.origin.upper()) == {"X"}:
        return  # a redacted post ("XXXXXXXXXXXX SECTION 01 OF 02", 10SHENYANG4)
    if _same_post(cable.origin, transmission.sender):
        return
    yield _diagnostic(
        "CK104",
        f"the classification line is from {cable.origin}, but the header is "
        f"'FM {transmission.sender}'",
    )


#: When each executive order on classification was signed: a cable cannot cite an order
#: signed after its date-time group.
EXECUTIVE_ORDERS: dict[str, date] = {
    "10501": date(1953, 11, 5),
    "11652": date(1972, 3, 8),
    "12065": date(1978, 6, 28),
    "12356": date(1982, 4, 2),
    "12958": date(1995, 4, 17),
    "13292": date(2003, 3, 25),
    "13526": date(2009, 12, 29),
}
# "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006" (72TEHRAN1164) is a later review note
_REVIEW_NOTE = re.compile(r"DECLASSIFIED|REVIEW", re.IGNORECASE)
# "09 STATE 96625" (00ATHENS1501), not "10 AUGUST 2008 U.S. NON PAPER" (09WARSAW170)
_REF_YEAR = re.compile(
    r"^(?P<year>[0-9]{2})\s+(?!(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\b)"
    r"[A-Z][A-Z .'-]*?\s+[0-9]{1,7}\b",
    re.IGNORECASE,
)


def _check_text_newer_than_header(cable: Cable) -> Iterator[Diagnostic]:
    transmission = cable.transmission
    if transmission is None or transmission.dtg is None:
        return
    dtg = transmission.dtg
    order = cable.executive_order
    if order is not None and order.order is not None:
        signed = EXECUTIVE_ORDERS.get(order.order)
        review = order.declassify is not None and _REVIEW_NOTE.search(order.declassify)
        if signed is not None and signed > dtg.date() and not review:
            yield _diagnostic(
                "CK105",
                f"the text cites E.O. {order.order}, signed {signed.isoformat()}, but the "
                f"header is dated {_dtg_text(dtg)}",
            )
    for reference in cable.references:
        match = _REF_YEAR.match(reference.text)
        if match is None:
            continue
        year = full_year(int(match["year"]))
        if year > dtg.year:
            yield _diagnostic(
                "CK105",
                f"REF '{reference.text}' cites a cable of {year}, but the header is dated "
                f"{_dtg_text(dtg)}",
            )


def _check_container(cable: Cable) -> Iterator[Diagnostic]:
    metadata = cable.metadata
    if metadata is None:
        return
    given_id = metadata.reference_id
    if given_id is not None and cable.id is not None and given_id.upper() != cable.id.upper():
        yield _diagnostic(
            "CK106",
            f"the container names the cable {given_id}, but its text reads {cable.id}",
        )
    given = metadata.classification
    if given is not None and cable.classification is not None:
        word = re.split(r"[/\s]", given.strip().upper(), maxsplit=1)[0]
        level = {"UNCLASSIFIED": 0, "CONFIDENTIAL": 1, "SECRET": 2, "TOP": 3}.get(word)
        if level is not None and level != _LEVEL[cable.classification]:
            yield _diagnostic(
                "CK106",
                f"the container gives the classification {given}, but the classification "
                f"line says {cable.classification.value}",
            )


# ---------------------------------------------------------------------------------------------
# CK2xx: the head of the text
# ---------------------------------------------------------------------------------------------


def _check_classification_present(cable: Cable) -> Iterator[Diagnostic]:
    if cable.classification_line is not None:
        return
    has_head = (
        cable.executive_order is not None
        or cable.subject is not None
        or bool(cable.tags)
        or cable.classified_by is not None
    )
    if not has_head:
        return  # a bare header or loose paragraphs: nothing says where the line should be
    yield _diagnostic(
        "CK201",
        "the text has a head (E.O., TAGS, SUBJECT) but no classification line "
        "(CONFIDENTIAL PARIS 007101)",
    )


def _classified(cable: Cable) -> Classification | None:
    """The cable's classification when it is above UNCLASSIFIED."""
    level = cable.classification
    return level if level is not None and _LEVEL[level] > 0 else None


# State cables may give the line as a paragraph: "¶2. (U) Classified by Acting DAS James
# Knight, Reasons 1.4 (b) and (d)." (08STATE103511)
_CLASSIFIED_BY_PARAGRAPH = re.compile(r"^\s*CLASSIFIED\s+BY\b", re.IGNORECASE)


def _check_classified_by(cable: Cable) -> Iterator[Diagnostic]:
    level = _classified(cable)
    if level is None or cable.classified_by is not None:
        return
    if any(_CLASSIFIED_BY_PARAGRAPH.match(p.text) for p in cable.paragraphs[:5]):
        return
    yield _diagnostic("CK202", f"a {level.value} cable without a 'Classified By:' line")


_NOT_AN_INSTRUCTION = re.compile(r"^\s*(?:N/?A|NONE)\s*\.?\s*$", re.IGNORECASE)


def _check_declassification(cable: Cable) -> Iterator[Diagnostic]:
    classified = _classified(cable)
    if classified is None:
        return
    level = classified.value
    order = cable.executive_order
    if order is None:
        yield _diagnostic("CK203", f"a {level} cable without an E.O. line")
    elif order.declassify is None or _NOT_AN_INSTRUCTION.match(order.declassify):
        shown = f"'{order.declassify}'" if order.declassify else "nothing"
        yield _diagnostic(
            "CK203",
            f"a {level} cable whose E.O. line gives {shown} as declassification instruction",
        )


def _check_declassify_date(cable: Cable) -> Iterator[Diagnostic]:
    order = cable.executive_order
    if order is None or order.declassify_on is None or cable.created is None:
        return
    if order.declassify_on > cable.created.date():
        return
    yield _diagnostic(
        "CK204",
        f"DECL: {order.declassify} is not after the cable's date "
        f"{cable.created.date().isoformat()}",
    )


def _check_executive_order(cable: Cable) -> Iterator[Diagnostic]:
    order = cable.executive_order
    if order is None or order.order is None or order.order in EXECUTIVE_ORDERS:
        return
    known = ", ".join(sorted(EXECUTIVE_ORDERS))
    yield _diagnostic("CK205", f"E.O. {order.order} is not an order on classification ({known})")


#: Captions and handling caveats cablekit knows, in capitals.  A correction note
#: ("CORRECTED COPY (ADDED TAG)") is known whatever follows the words.
KNOWN_CAPTIONS = frozenset(
    {
        "AIDAC", "CAPTION ADDED", "ADDED SENSITIVE CAPTION", "CHEROKEE", "DEA SENSITIVE",
        "DECAPTIONED", "DISSENT CHANNEL", "EXDIS", "FOR OFFICIAL USE ONLY", "FOUO", "LIMDIS",
        "NOCONTRACT", "NODIS", "NOFORN", "NOT FOR INTERNET DISTRIBUTION", "ORCON", "PROPIN",
        "ROGER", "SBU", "SENSITIVE", "SENSITIVE BUT UNCLASSIFIED", "SIPDIS", "STADIS",
        "TERREP", "WEBGRAM EXCLUDED ONLY",
    }
)  # fmt: skip
_CORRECTION = re.compile(r"^(?:CORRECTED|CORRECT|COPY)")
# words that make a line in the caption position a caption rather than an office or a name
_CAPTION_LIKE = re.compile(
    r"\b(?:[A-Z]*DIS|SENSITIVE|CAPTION|CAVEAT|HANDLING|DISTRIBUTION|DELIBERATIVE|PERISHABLE"
    r"|CONTROLLED|RESTRICTED|ONLY|ORCON|PROPIN|NOFORN|NOCONTRACT)\b"
)
_NOT_CAPTION = re.compile(r"[a-z0-9/,;:]|\b(?:FOR|PASS|TO|FROM|AND|ALSO)\b")


def _caption_words(text: str) -> str:
    """A caption in canonical form: capitals, letter-spacing and punctuation removed."""
    text = re.sub(r"\b(?:[A-Z] ){2,}[A-Z]\b", lambda m: m.group(0).replace(" ", ""), text)
    return " ".join(re.findall(r"[A-Z]+", text.upper()))


def _known_caption(text: str) -> bool:
    words = _caption_words(text)
    return words in KNOWN_CAPTIONS or bool(_CORRECTION.match(words))


def _check_captions(cable: Cable) -> Iterator[Diagnostic]:
    unknown = [caption for caption in cable.handling if not _known_caption(caption)]
    for line in cable.passing:
        text = line.strip().strip("\"'")
        if (
            not _NOT_CAPTION.search(text)
            and len(text.split()) <= 6
            and _CAPTION_LIKE.search(text)
            and not _known_caption(text)
        ):
            unknown.append(line.strip())
    for caption in unknown:
        yield _diagnostic("CK206", f"unknown caption '{caption}'")


# "PREL", "KDEM", "FR", "UNESCO", "EUN"; person tags "OVIP (RICE, CONDOLEEZZA)"
_TAG = re.compile(r"[A-Z][A-Z0-9]{1,9}|[A-Z]{2,6} ?\([^()a-z]+\)")


def _check_tags(cable: Cable) -> Iterator[Diagnostic]:
    malformed = [tag for tag in cable.tags if not _TAG.fullmatch(tag)]
    if not malformed:
        return
    shown = ", ".join(f"'{tag}'" for tag in malformed[:8])
    more = f" and {len(malformed) - 8} more" if len(malformed) > 8 else ""
    lower = all(tag == tag.lower() and tag.upper() != tag for tag in malformed)
    why = "written in lower case" if lower else "not tags (PREL, FR, UNESCO, OVIP (NAME, GIVEN))"
    yield _diagnostic("CK207", f"TAGS {shown}{more} are {why}")


# ---------------------------------------------------------------------------------------------
# CK3xx: the paragraphs
# ---------------------------------------------------------------------------------------------


def _check_paragraph_numbers(cable: Cable) -> Iterator[Diagnostic]:
    previous: int | None = None
    for paragraph in cable.paragraphs:
        number = paragraph.number
        if number is None:
            continue
        line = paragraph.line
        if previous is None:
            if number != 1:
                missing = "¶1" if number == 2 else f"¶1-¶{number - 1}"
                yield _diagnostic(
                    "CK301", f"the numbering starts at ¶{number}: {missing} missing", line
                )
        elif number == previous + 1:
            pass
        elif number == previous:
            yield _diagnostic("CK302", f"¶{number} follows ¶{previous}", line)
        elif number == 1:
            yield _diagnostic(
                "CK304",
                f"¶1 follows ¶{previous}: the numbering starts again (an embedded document?)",
                line,
            )
        elif number > previous:
            gap = number - previous - 1
            missing = f"¶{previous + 1}" if gap == 1 else f"¶{previous + 1}-¶{number - 1}"
            yield _diagnostic("CK301", f"¶{number} follows ¶{previous}: {missing} missing", line)
        else:
            yield _diagnostic("CK303", f"¶{number} follows ¶{previous}", line)
        previous = number


_SUBJECT_MARKING = re.compile(r"^\((?P<marking>[A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){0,3})\)")


def _marking_level(marking: str) -> int | None:
    return _MARKING_LEVEL.get(marking.replace(" ", "").split("/")[0])


def _check_markings(cable: Cable) -> Iterator[Diagnostic]:
    # the portions are the text's: they answer to the text's own classification line
    written = cable.classification_line
    said = written.level if written is not None else cable.classification
    if said is None:
        return
    ceiling = _LEVEL[said]
    name = said.value
    subject = _SUBJECT_MARKING.match(cable.subject or "")
    if subject is not None:
        level = _marking_level(subject["marking"])
        if level is not None and level > ceiling:
            yield _diagnostic(
                "CK305", f"the SUBJECT is marked ({subject['marking']}) in a {name} cable"
            )
    for paragraph in cable.paragraphs:
        if paragraph.marking is None:
            continue
        level = _marking_level(paragraph.marking)
        if level is not None and level > ceiling:
            which = f"¶{paragraph.number}" if paragraph.number is not None else "a paragraph"
            yield _diagnostic(
                "CK305",
                f"{which} is marked ({paragraph.marking}) in a {name} cable",
                paragraph.line,
            )


_SUMMARY_START = re.compile(
    r"^(?:\([A-Z/]{1,9}\)\s*)?(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+COMMENT)?\s*(?:[:.\-]|$)",
    re.IGNORECASE,
)
# "End summary.", "END OF SUMMARY", "END COMMENT AND SUMMARY." (07PARIS3941)
_SUMMARY_END = re.compile(
    r"\bEND\s+(?:OF\s+)?(?:(?:THE\s+)?COMMENT\s+AND\s+)?SUMMARY\b", re.IGNORECASE
)


def _check_summary(cable: Cable) -> Iterator[Diagnostic]:
    paragraphs = cable.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if not _SUMMARY_START.match(paragraph.text):
            continue
        if any(_SUMMARY_END.search(later.text) for later in paragraphs[index:]):
            return
        which = f"¶{paragraph.number}" if paragraph.number is not None else "a paragraph"
        yield _diagnostic(
            "CK306",
            f"{which} begins a summary ('{paragraph.text[:30]}...') that no 'End summary' closes",
            paragraph.line,
        )
        return


# ---------------------------------------------------------------------------------------------
# CK4xx: sections of a multi-section cable
# ---------------------------------------------------------------------------------------------

# "ASTANA 00000095 002 OF 003", "BUENOS AIR 00001462 002 OF 005" (the post cut to 10
# letters), "CARACAS 00001276 002.2 OF 003" (second page of section 002)
_CONTINUATION = re.compile(
    r"^\s*(?P<post>[A-Z][A-Z .'-]*?)\s+(?P<number>[0-9]{5,8})\s+(?P<part>[0-9]{3})"
    r"(?:\.(?P<page>[0-9]{1,2}))?\s+OF\s+(?P<total>[0-9]{3})\s*$"
)
# the same inside a paragraph's text, where a copy joined it to the line above (09RIYADH651:
# "... and the other alcohol (smashing cars and china when she RIYADH 00000651 003 OF 004")
# (every repeat is bounded, so that a long run of capitals cannot make the search quadratic)
_INLINE_CONTINUATION = re.compile(
    r"\b(?P<post>[A-Z][A-Z.'-]{0,15}(?: [A-Z][A-Z.'-]{0,15}){0,2})\s{1,4}(?P<number>[0-9]{8})"
    r"\s{1,4}(?P<part>[0-9]{3})(?:\.(?P<page>[0-9]{1,2}))?\s{1,4}OF\s{1,4}(?P<total>[0-9]{3})\b"
)


@dataclass(frozen=True)
class _Continuation:
    line: int
    text: str
    post: str
    number: int
    part: int
    page: bool
    total: int
    inline: bool


def _continuation(match: re.Match[str], line: int, *, inline: bool) -> _Continuation:
    return _Continuation(
        line=line,
        text=" ".join(match.group(0).split()),
        post=" ".join(match["post"].split()),
        number=int(match["number"]),
        part=int(match["part"]),
        page=match["page"] is not None,
        total=int(match["total"]),
        inline=inline,
    )


def _continuations(cable: Cable) -> list[_Continuation]:
    """The continuation lines of the cable in text order: those cablekit kept as unparsed
    lines, and those left inside a paragraph's text."""
    found = []
    for unparsed in cable.unparsed:
        match = _CONTINUATION.match(unparsed.text)
        if match is not None:
            found.append(_continuation(match, unparsed.line, inline=False))
    for paragraph in cable.paragraphs:
        for match in _INLINE_CONTINUATION.finditer(paragraph.text):
            found.append(_continuation(match, paragraph.line, inline=True))
    found.sort(key=lambda continuation: continuation.line)
    return found


def _post_matches(written: str, post: str) -> bool:
    """Whether a continuation line's post (cut to 10 characters: ``BUENOS AIR``, or without
    its prefix: ``DUBAI`` for ``RPO DUBAI``) is ``post``."""
    short, full = _squeeze(written), _squeeze(post)
    return bool(short) and (full.startswith(short) or short in full or full in short)


def _check_sections(cable: Cable) -> Iterator[Diagnostic]:
    continuations = _continuations(cable)
    section = cable.section
    if section is not None and section.number != 1:
        yield _diagnostic(
            "CK403",
            f"the classification line says SECTION {section.number:02d} OF "
            f"{section.total:02d}: the copy starts after section 01",
        )
    if not continuations:
        return
    if section is None:
        yield _diagnostic(
            "CK403",
            f"continuation line '{continuations[0].text}' in a cable whose classification "
            "line has no SECTION n OF m",
            continuations[0].line,
        )
    for continuation in continuations:
        if continuation.inline:
            yield _diagnostic(
                "CK404",
                f"continuation line '{continuation.text}' inside the text of a paragraph",
                continuation.line,
            )
        if section is not None and continuation.total != section.total:
            yield _diagnostic(
                "CK401",
                f"'{continuation.text}' counts {continuation.total} sections, the "
                f"classification line SECTION {section.number:02d} OF {section.total:02d}",
                continuation.line,
            )
        other = _other_cable(cable, continuation)
        if other:
            yield _diagnostic("CK402", f"'{continuation.text}' {other}", continuation.line)
    yield from _section_order(continuations, section.total if section else None)


def _other_cable(cable: Cable, continuation: _Continuation) -> str | None:
    if cable.number is not None and continuation.number != cable.number:
        return f"belongs to cable number {continuation.number}, not {cable.number}"
    if continuation.inline:
        return None  # the words before the number may be text, not the post
    redacted = cable.origin is not None and set(cable.origin.upper()) == {"X"}
    if (
        cable.origin is not None
        and not redacted  # "XXXXXXXXXXXX SECTION 01 OF 02" (10SHENYANG4): post unknown
        and not _post_matches(continuation.post, cable.origin)
    ):
        return f"belongs to a cable from {continuation.post}, not {cable.origin}"
    transmission = cable.transmission
    if (
        cable.origin is None
        and transmission is not None
        and transmission.sender is not None
        and not _post_matches(continuation.post, transmission.sender.split(" ", 1)[-1])
    ):
        return (
            f"belongs to a cable from {continuation.post}, but the header is "
            f"'FM {transmission.sender}'"
        )
    return None


def _section_order(continuations: list[_Continuation], total: int | None) -> Iterator[Diagnostic]:
    current = 1  # the section the text is in
    for continuation in continuations:
        part = continuation.part
        if continuation.page and part == current:
            continue  # "002.2 OF 003": the next page of the section the text is in
        if part <= current:
            yield _diagnostic(
                "CK403",
                f"'{continuation.text}' comes after section {current:03d}",
                continuation.line,
            )
            continue
        if part > current + 1:
            missing = ", ".join(f"{n:03d}" for n in range(current + 1, part))
            yield _diagnostic(
                "CK403",
                f"'{continuation.text}' follows section {current:03d}: no continuation "
                f"line for section {missing}",
                continuation.line,
            )
        current = part
    last = continuations[-1]
    if total is not None and current < total:
        missing = ", ".join(f"{n:03d}" for n in range(current + 1, total + 1))
        yield _diagnostic(
            "CK403",
            f"the cable has {total} sections, but the text ends after '{last.text}': "
            f"no continuation line for section {missing}",
            last.line,
        )


_CHECKERS: tuple[Callable[[Cable], Iterator[Diagnostic]], ...] = (
    _check_security,
    _check_filing_time,
    _check_serial,
    _check_origin,
    _check_text_newer_than_header,
    _check_container,
    _check_classification_present,
    _check_classified_by,
    _check_declassification,
    _check_declassify_date,
    _check_executive_order,
    _check_captions,
    _check_tags,
    _check_paragraph_numbers,
    _check_markings,
    _check_summary,
    _check_sections,
)
