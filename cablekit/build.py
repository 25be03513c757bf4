"""Parse tree to :class:`~cablekit.models.Cable`: reads the fields inside each line.

The grammar decides what each line is and where it stands; this module reads the values in
the lines (dates, routing indicators, reasons, paragraph numbers) and decides the few things
that need more than one line to see (headings, the signature, summary and comment).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from operator import attrgetter

from lark import Token, Tree

from cablekit._text import collapse, full_year, line_of
from cablekit.models import (
    Cable,
    Classification,
    ClassificationLine,
    ClassifiedBy,
    ExecutiveOrder,
    Metadata,
    Paragraph,
    Precedence,
    Recipient,
    Reference,
    Repair,
    Section,
    Transmission,
    UnparsedLine,
)
from cablekit.paragraphs import Paragraphs, summary_and_comment
from cablekit.parser import NEW_TEXT, TEXT, ParseResult
from cablekit.references import read_ref_field
from cablekit.signers import split_authority, split_signers
from cablekit.stations import attach_exclusions, is_collective, lookup

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
        start=1,
    )
}
_OPENING_TEXT = frozenset((TEXT, NEW_TEXT, "LETTERED_LINE", "RULE_LINE"))
_PRECEDENCE_WORDS = {precedence.value: precedence for precedence in Precedence}
_PRECEDENCE_LETTER = {
    "Z": Precedence.FLASH,
    "O": Precedence.IMMEDIATE,
    "P": Precedence.PRIORITY,
    "R": Precedence.ROUTINE,
}





# ---------------------------------------------------------------------------------------------
# Transmission header
# ---------------------------------------------------------------------------------------------

_FL1 = re.compile(r"\s*VZCZC(?P<channel>[A-Z]{3})?(?P<serial>[0-9]{1,5})?")
_FL2 = re.compile(r"\s*(?P<prosign>[A-Z]{2})\s+(?P<stations>.*)")
_FL3 = re.compile(
    r"\s*DE\s+(?P<station>[A-Z]{4,7})\s*#\s*(?P<serial>[0-9]{1,5})(?:/(?P<part>[0-9]{1,3}))?"
    r"\s+(?P<filed>[0-9]{7})"
)
_FL4 = re.compile(r"\s*(?P<security>ZN[RY]\s+[A-Z]+)(?P<signals>.*)")
_FL5 = re.compile(
    r"\s*(?P<action>[ZOPR])(?:\s+(?P<info>[ZOPR]))?\s+"
    r"(?P<day>[0-3][0-9])(?P<hour>[0-2][0-9])(?P<minute>[0-5][0-9])Z\s*"
    r"(?P<month>[A-Z]{3})\s*(?P<year>[0-9]{2})"
)
# An addressee line is ``^(?:RI\s*/\s*)?(?P<name>.*?)TAIL``, read in two steps (_addressee):
# the lazy name would try the tail at every character.
_RECIPIENT_RI = re.compile(r"(?P<ri>R[A-Z]{3,6})\s*/\s*")
_RECIPIENT_TAIL = re.compile(
    r"(?:\s+(?P<precedence>FLASH|NIACT\s+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE))?"
    r"(?:\s+(?P<sequence>[0-9]{1,5}(?:-[0-9]{1,5})?))?\s*$"
)
_SIGNAL = re.compile(r"^Z[A-Z]{2}$")
_JOINED_CLASSIFIED_BY = re.compile(r"\bCLASSIFIED\s+BY\b", re.IGNORECASE)
_DRAFTING_KEYWORD = re.compile(
    r"^\s*(?:DRAFTED BY|APPROVED BY|CLEARED(?: BY)?|CLEARANCES?)\s*:?", re.IGNORECASE
)
_ONE_STATION = re.compile(r"^\s*R[A-Z]{3,6}\s*$")
_OFFICE_CODE = re.compile(r"[A-Z0-9]+-[0-9]{2}")
_OFFICE_CODES = re.compile(r"^(?:\s*[A-Z0-9]+-[0-9]{2})+\s*(?:/[0-9]+\s*W)?\s*$")
_XMT_PREFIX = re.compile(r"^\s*XMT[\s/]+")
_KEYWORD_PREFIX = re.compile(r"^\s*(?:FM|TO|INFO)\s+")


def _rule(tree: Tree[Token]) -> str:
    """The rule name of a tree node, as a plain string."""
    return str(tree.data)


# Model(**fields) hands the fields to the model's validator through BaseModel.__init__; called
# directly, the validator makes the same instance faster.  Used for the models made by the
# thousand (addressees, unparsed lines) and for the big ones (a dozen fields or more).
_new_recipient = Recipient.__pydantic_validator__.validate_python
_new_unparsed = UnparsedLine.__pydantic_validator__.validate_python
_new_transmission = Transmission.__pydantic_validator__.validate_python
_new_cable = Cable.__pydantic_validator__.validate_python


# Headers address the same stations over and over.
@functools.lru_cache(maxsize=4096)
def _station(routing_indicator: str) -> tuple[str | None, bool]:
    """The station a routing indicator stands for, and whether that station is a collective."""
    station = lookup(routing_indicator)
    return station, station is not None and is_collective(station)


def _addressee(text: str) -> tuple[str | None, str, str | None, str | None]:
    """Routing indicator, name, precedence and sequence of a collapsed addressee line.

    The same as matching the whole line with ``^(?:RI\\s*/\\s*)?(?P<name>.*?)TAIL``
    (_RECIPIENT_RI, _RECIPIENT_TAIL) in one pattern, which always matches a line without a
    newline: the indicator is taken when it is there (the rest then matches anyway), and the
    name is the shortest one the tail can follow.  The tail, a precedence (at most two words)
    and a sequence (one word), each after whitespace, can only follow the name from one of the
    last three spaces of a collapsed line, or be empty at its end: the tail is tried there, in
    order, and nowhere else.
    """
    indicator = _RECIPIENT_RI.match(text)
    start = indicator.end() if indicator is not None else 0
    last = text.rfind(" ", start)
    before = text.rfind(" ", start, last) if last > start else -1
    first = text.rfind(" ", start, before) if before > start else -1
    for at in (first, before, last):
        if at >= start:
            tail = _RECIPIENT_TAIL.match(text, at)
            if tail is not None:
                break
    else:
        at = len(text)
        tail = _RECIPIENT_TAIL.match(text, at)
        assert tail is not None  # empty, at the end
    precedence, sequence = tail.group("precedence", "sequence")
    ri = indicator["ri"] if indicator is not None else None
    return ri, text[start:at], precedence, sequence


# Collectives and the posts of a region are addressed in the very same words cable after
# cable: the reading of an addressee line is kept (the model is made anew each time, from
# fields that are only read).
@functools.lru_cache(maxsize=4096)
def _recipient_fields(text: str) -> dict[str, object] | None:
    """The fields of the addressee an addressee line names; None when it names none."""
    ri, name, precedence, sequence = _addressee(collapse(text))
    if not name:
        return None
    station, collective_station = _station(ri) if ri else (None, False)
    return {
        "routing_indicator": ri,
        "name": name,
        # the text is collapsed: "NIACT IMMEDIATE" has one space, as the value has
        "precedence": _PRECEDENCE_WORDS[precedence] if precedence else None,
        "sequence": sequence,
        "station": station,
        "collective": collective_station or is_collective(name),
    }


def _recipient(text: str) -> Recipient | None:
    fields = _recipient_fields(text)
    if fields is None:
        return None
    recipient: Recipient = _new_recipient(fields)
    return recipient


def _field_text(tokens: Sequence[Token]) -> str:
    """The lines of a head field joined into one text, each stripped."""
    return " ".join([t.value.strip() for t in tokens])


def _dtg(match: re.Match[str]) -> datetime | None:
    month = _MONTHS.get(match["month"])
    if month is None:
        return None
    try:
        return datetime(
            full_year(int(match["year"])),
            month,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            tzinfo=timezone.utc,
        )
    except ValueError:
        return None


@dataclass
class _HeaderState:
    values: dict[str, object] = field(default_factory=dict)
    relay_stations: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    to: list[Recipient] = field(default_factory=list)
    info: list[Recipient] = field(default_factory=list)
    exempt: list[Recipient] = field(default_factory=list)
    current: list[Recipient] | None = None
    in_distribution: bool = False
    action_offices: list[str] = field(default_factory=list)
    info_offices: list[str] = field(default_factory=list)


class _Builder:
    """Collects the fields of one cable while walking its parse tree."""

    def __init__(self, result: ParseResult, metadata: Metadata | None) -> None:
        self.result = result
        self.metadata = metadata
        self.unparsed: list[UnparsedLine] = []
        self.handling: list[str] = []
        self.passing: list[str] = []
        self.transmission: Transmission | None = None
        self.classification: Classification | None = None
        self.dated: datetime | None = None
        self.drafting: list[Token] = []
        self.noted_id: str | None = None
        self.classification_line: ClassificationLine | None = None
        self.origin: str | None = None
        self.number: int | None = None
        self.section: Section | None = None
        self.executive_order: ExecutiveOrder | None = None
        self.tags: list[str] = []
        self.tags_seen = False
        self.subject: str | None = None
        self.references: list[Reference] = []
        self.classified_by: ClassifiedBy | None = None
        self.paragraphs: list[Paragraph] = []
        self.signature: str | None = None
        self.summary: str | None = None
        self.comment: str | None = None
        self.repairs: list[Repair] = []  # made while reading the text (paragraphs.py)

    # -- helpers --------------------------------------------------------------------------

    def keep_unparsed(self, token: Token) -> None:
        text = token.value.rstrip()
        if text:  # right-stripped: blank only when empty
            self.unparsed.append(_new_unparsed({"line": token.line or 0, "text": text}))

    def keep_all(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            self.keep_unparsed(token)

    def add_handling(self, word: str) -> None:
        word = collapse(word).upper()
        if word and word not in self.handling:
            self.handling.append(word)

    # -- walk -----------------------------------------------------------------------------

    def run(self) -> None:
        children = self.result.tree.children
        # the rule names as plain strings: lark gives them as Tokens, whose == is Python code
        rules = [_rule(c) if isinstance(c, Tree) else None for c in children]
        has_header = "transmission" in rules or "head" in rules
        lead = [c for c in children if isinstance(c, Token)]
        paragraphs = [
            c for c, rule in zip(children, rules, strict=True) if rule == "paragraph"
        ]
        for token in lead:
            if token.type == "DATE_LINE" and self.dated is None:
                self.dated = _read_date_line(token.value)
            if token.type == "NOTICE_LINE" and self.noted_id is None:
                self.noted_id = _read_noted_id(token.value)
        if has_header:
            for token in lead:
                if token.type == "DRAFTING_LINE":
                    self.drafting.append(token)  # read with the transmission below
                else:
                    self.keep_unparsed(token)  # lines before the cable (date line, record)
        for child, rule in zip(children, rules, strict=True):
            if not isinstance(child, Tree):
                continue
            if rule == "transmission":
                self.read_transmission(child)
            elif rule == "head":
                self.read_head(child)
            elif rule == "body":
                self.read_body(child.children)
        if not has_header:
            # only text: plain lines before the first marker are the text's opening lines,
            # except the known kinds of lines copies put before a cable
            kept = [t for t in lead if t.type in _OPENING_TEXT]
            for token in lead:
                if token.type not in _OPENING_TEXT:
                    self.keep_unparsed(token)
            self.read_body([*kept, *paragraphs])
        for token in [*self.result.skipped, *self.drafting]:
            self.keep_unparsed(token)  # drafting lines with no transmission to hold them

    # -- transmission ---------------------------------------------------------------------

    def read_transmission(self, tree: Tree[Token]) -> None:
        state = _HeaderState()
        for child in tree.children:
            if isinstance(child, Tree):
                token = child.children[0]
                assert isinstance(token, Token)
                self.read_format_line(_rule(child), token, state)
            else:
                self.read_header_token(child, state)
        values = state.values
        station = values.get("originator_station")
        if (
            not isinstance(station, str)
            and "sender" not in values
            and "dtg" not in values
            and not state.to
        ):
            # without FL3, a header is kept only when it says who sent the cable or when
            return
        to, info = attach_exclusions(state.to, state.info, state.exempt)
        drafting = self.read_drafting()
        self.transmission = _new_transmission(
            {
                **values,
                **drafting,
                "action_offices": state.action_offices,
                "info_offices": state.info_offices,
                "originator_station": station if isinstance(station, str) else None,
                "relay_stations": state.relay_stations,
                "operating_signals": state.signals,
                "to": to,
                "info": info,
                "exempt": state.exempt,
            }
        )

    def read_drafting(self) -> dict[str, object]:
        """``DRAFTED BY:``, ``APPROVED BY:`` and ``CLEARED:`` lines, by field."""
        fields: dict[str, object] = {}
        cleared: list[str] = []
        for token in self.drafting:
            keyword = token.value.strip().partition(" BY")[0]
            value = collapse(_DRAFTING_KEYWORD.sub("", token.value))
            name = {"DRAFTED": "drafted_by", "APPROVED": "approved_by"}.get(keyword.strip())
            if name is not None and name not in fields:
                fields[name] = value
            elif name is None:
                cleared.append(value)
            else:
                self.keep_unparsed(token)
        fields["cleared"] = cleared
        self.drafting = []
        return fields

    def read_format_line(self, kind: str, token: Token, state: _HeaderState) -> None:
        text = token.value.rstrip("\n")
        values = state.values
        if kind == "fl1":
            match1 = _FL1.match(text)
            if match1 and "channel" not in values:
                values["channel"] = match1["channel"]
                values["channel_serial"] = match1["serial"]
                return
        elif kind == "fl2":
            match2 = _FL2.match(text)
            if match2 and "relay_precedence" not in values:
                values["relay_precedence"] = match2["prosign"]
                state.relay_stations.extend(match2["stations"].split())
                state.current = None
                return
        elif kind == "fl3":
            match3 = _FL3.match(text)
            if match3 and "originator_station" not in values:
                values["originator_station"] = match3["station"]
                values["serial"] = int(match3["serial"])
                values["part"] = int(match3["part"]) if match3["part"] else None
                values["filed"] = match3["filed"]
                state.current = None
                return
        elif kind == "fl4":
            match4 = _FL4.match(text)
            if match4 and "security" not in values:
                values["security"] = collapse(match4["security"])
                state.signals.extend(match4["signals"].split())
                return
        elif kind == "fl5":
            match5 = _FL5.match(text)
            if match5 and "dtg" not in values:
                # what follows the DTG: operating signals ("R 231510Z SEP 00 ZDS"), or
                # something no field takes, which is kept
                words = text[match5.end() :].split()
                signals = 0
                while signals < len(words) and _SIGNAL.match(words[signals]):
                    signals += 1
                state.signals.extend(words[:signals])
                if signals < len(words):
                    rest = " ".join(words[signals:])
                    self.unparsed.append(UnparsedLine(line=line_of(token), text=rest))
                values["precedence"] = _PRECEDENCE_LETTER[match5["action"]]
                info = match5["info"]
                values["info_precedence"] = _PRECEDENCE_LETTER[info] if info else None
                values["dtg"] = _dtg(match5)
                state.current = None
                state.in_distribution = False
                return
        elif kind == "fm":
            state.in_distribution = False
            if "sender" not in values:
                values["sender"] = collapse(_KEYWORD_PREFIX.sub("", text))
                state.current = None
                return
        elif kind in ("to", "info", "xmt"):
            body = _XMT_PREFIX.sub("", text) if kind == "xmt" else _KEYWORD_PREFIX.sub("", text)
            if kind == "info" and (state.in_distribution or _OFFICE_CODES.match(body)):
                # office codes of a distribution block, not addressees
                state.in_distribution = True
                state.current = None
                state.info_offices.extend(_OFFICE_CODE.findall(body))
                return
            else:
                target = {"to": state.to, "info": state.info, "xmt": state.exempt}[kind]
                recipient = _recipient(body)
                if recipient is not None:
                    target.append(recipient)
                    state.current = target
                    return
        elif kind == "distribution":
            state.in_distribution = True
            state.current = None
            state.action_offices.extend(_OFFICE_CODE.findall(text))
            return
        self.keep_unparsed(token)

    def read_header_token(self, token: Token, state: _HeaderState) -> None:
        if (
            state.current is None
            and state.relay_stations
            and (token.type == "RELAY_LINE" or _ONE_STATION.match(token.value))
        ):
            # more relay stations below FL2; the last line may hold one (09PARIS1052)
            state.relay_stations.extend(token.value.split())
            return
        if token.type == "DRAFTING_LINE":
            self.drafting.append(token)
            return
        if state.in_distribution and _OFFICE_CODES.match(token.value):
            # "      EAP-00   DHSE-00  EUR-00 ... /000W": more office codes of the block
            state.info_offices.extend(_OFFICE_CODE.findall(token.value))
            return
        if token.type == "PAGE_LINE":
            # page furniture in the addressee list; "TO PAGE 02  STATE 015113 182333Z"
            # (09STATE15113) is the TO keyword with the page heading printed after it
            if token.value.lstrip().startswith("TO"):
                state.current = state.to
            self.keep_unparsed(token)
            return
        if state.current is not None and token.type in ("ADDRESSEE_LINE", TEXT, NEW_TEXT):
            recipient = _recipient(token.value)
            if recipient is not None:
                state.current.append(recipient)
                return
        self.keep_unparsed(token)

    # -- head -----------------------------------------------------------------------------

    def read_head(self, tree: Tree[Token]) -> None:
        for child in tree.children:
            if not isinstance(child, Tree):
                self.keep_unparsed(child)
                continue
            tokens = [t for t in child.children if isinstance(t, Token)]
            reader = getattr(self, f"read_{child.data}")
            reader(tokens)

    def read_classification(self, tokens: Sequence[Token]) -> None:
        token = tokens[0]
        line = read_classification_line(token.value, line_of(token))
        if line is None:
            self.read_passing(tokens)
            return
        taken = False
        if self.classification is None:
            self.classification = line.level
            self.classification_line = line
            taken = True
        for caveat in line.caveats:
            self.add_handling(caveat)
        if self.origin is None and line.post is not None:
            self.classification_line = line
            self.origin = line.post
            self.number = line.number
            self.section = line.section
            taken = True
        if not taken:
            # a repeated classification line: page furniture of a printout, or the head
            # repeated for each section (90CAPETOWN97); kept, not read
            self.keep_unparsed(token)

    def read_caption(self, tokens: Sequence[Token]) -> None:
        for word in _caption_words(tokens[0].value):
            self.add_handling(word)

    def read_passing(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            text = collapse(token.value)
            if text:
                self.passing.append(text)

    def read_eo(self, tokens: Sequence[Token]) -> None:
        if self.executive_order is not None:  # a repeated head: kept, not read
            self.keep_all(tokens)
            return
        text = _field_text(tokens)
        # E.O., TAGS and SUBJECT run together on one line (04ANKARA348)
        parts = _RUN_TOGETHER.split(text, maxsplit=1)
        self.executive_order = read_executive_order(parts[0])
        if len(parts) == 3:
            keyword, rest = parts[1], parts[2]
            if keyword.upper().startswith("TAG"):
                subject_at = _SUBJECT_IN_LINE.search(rest)
                self.read_tags_text(rest[: subject_at.start()] if subject_at else rest)
            else:
                subject_at = None
                if self.subject is None:
                    self.subject = collapse(rest) or None
            if subject_at and self.subject is None:
                self.subject = collapse(rest[subject_at.end() :]) or None

    def read_tags(self, tokens: Sequence[Token]) -> None:
        if self.tags_seen:  # a repeated head: kept, not read
            self.keep_all(tokens)
            return
        text = _field_text(tokens)
        text = _TAGS_KEYWORD.sub("", text, count=1)
        subject_at = _SUBJECT_IN_LINE.search(text)
        if subject_at:
            if self.subject is None:
                self.subject = collapse(text[subject_at.end() :]) or None
            text = text[: subject_at.start()]
        self.read_tags_text(text)

    def read_tags_text(self, text: str) -> None:
        if self.tags_seen:
            return
        self.tags_seen = True
        self.tags = [collapse(tag) for tag in _TAG.findall(text)]

    def read_subject(self, tokens: Sequence[Token]) -> None:
        if self.subject is not None:  # a repeated head (09ISLAMABAD3037): kept, not read
            self.keep_all(tokens)
            return
        text = _field_text(tokens)
        # "SUBJECT: ... CAUSES AND IMPLICATIONS Classified By: Charge d'Affaires ..."
        # (09BRASILIA1383): the copy joined the SUBJECT and Classified By lines
        joined = _JOINED_CLASSIFIED_BY.search(text)
        if joined is not None:
            if self.classified_by is None:
                self.classified_by = read_classified_by(text[joined.start() :])
            else:
                self.unparsed.append(
                    UnparsedLine(line=line_of(tokens[0]), text=text[joined.start() :])
                )
            text = text[: joined.start()]
        self.subject = collapse(_SUBJECT_KEYWORD.sub("", text, count=1)) or None

    def read_ref(self, tokens: Sequence[Token]) -> None:
        text = _field_text(tokens)
        text = _REF_KEYWORD.sub("", text, count=1)
        # "REF: A. STATE 183800 B. BRASILIA 1396 Classified By: Political Officer ..."
        # (05BRASILIA2767): the page joined the REF and Classified By lines
        joined = _JOINED_CLASSIFIED_BY.search(text)
        if joined is not None:
            if self.classified_by is None:
                self.classified_by = read_classified_by(text[joined.start() :])
            text = text[: joined.start()]
        # the citing cable's date, post and number give the year of "STATE 1234" (references.py)
        sent = self.transmission.dtg if self.transmission is not None else None
        if sent is None and self.metadata is not None:
            sent = self.metadata.created
        references, left_out = read_ref_field(
            text,
            sent.date() if sent is not None else None,
            post=self.origin,
            number=self.number,
        )
        if left_out:
            self.unparsed.append(UnparsedLine(line=line_of(tokens[0]), text=left_out))
        self.references.extend(references)

    def read_classified_by(self, tokens: Sequence[Token]) -> None:
        if self.classified_by is not None:
            self.keep_all(tokens)
            return
        self.classified_by = read_classified_by(_field_text(tokens))

    # -- body -----------------------------------------------------------------------------

    def read_body(self, children: Sequence[Token | Tree[Token]]) -> None:
        blocks: list[tuple[Token | None, list[Token]]] = []
        leading: list[Token] = []
        for child in children:
            if isinstance(child, Token):
                leading.append(child)
            else:
                tokens = [t for t in child.children if isinstance(t, Token)]
                blocks.append((tokens[0], tokens[1:]))
        blocks.insert(0, (None, leading))
        self.paragraphs = Paragraphs(self, self.result.after_blank, blocks).build()

    def finish(self) -> Cable:
        transmission = self.transmission
        created = transmission.dtg if transmission is not None else None
        if created is None and self.metadata is not None:
            created = self.metadata.created
        if created is None:
            created = self.dated
        reference_id = None
        origin, number = self.origin, self.number
        from_header = False
        if transmission is not None and (
            origin is None
            or _REDACTED.match(origin)
            or (transmission.serial is not None and (number or 0) % 10000 != transmission.serial)
        ):
            # No post on the classification line, or a text whose number is not the header's
            # serial (a header put over another cable's text, 09HAVANA132): the cable is the
            # one the header sent, named by the sender and the FL3 serial.  ``origin`` and
            # ``number`` stay as the classification line has them.
            sender_post = _post_of_sender(transmission.sender)
            if sender_post is not None and transmission.serial is not None:
                from_header = origin is not None and not _REDACTED.match(origin)
                origin, number = sender_post, transmission.serial
        if created is not None and origin is not None and number is not None:
            reference_id = f"{created.year % 100:02d}{origin.replace(' ', '')}{number}"
        elif created is None:
            reference_id = self.noted_id
        classification = self.classification
        if (classification is None or from_header) and transmission is not None:
            # no classification line, or the text of another cable under this header: the
            # FL4 security signal says the level of the cable the header sent (ZNY SSSSS)
            security = transmission.security or ""
            classification = _FL4_LEVELS.get(security[-1:], classification)
        if classification is None and self.metadata is not None:
            classification = _metadata_level(self.metadata.classification)
        if "NOFORN" not in self.handling and _marks_noforn(self.subject, self.paragraphs):
            # a portion marked (C/NF) makes the whole cable NOFORN
            self.handling.append("NOFORN")
        if self.metadata is not None and self.metadata.classification:
            # caveats the container gives (SECRET//NOFORN) that the text does not carry
            for caveat in self.metadata.classification.upper().split("//")[1:]:
                self.add_handling(caveat)
        self.summary, self.comment = summary_and_comment(self.paragraphs)
        self.unparsed.sort(key=attrgetter("line"))

        cable: Cable = _new_cable(
            {
                "id": reference_id,
                "classification": classification,
                "handling": self.handling,
                "origin": self.origin,
                "classification_line": self.classification_line,
                "number": self.number,
                "section": self.section,
                "created": created,
                "transmission": transmission,
                "passing": self.passing,
                "executive_order": self.executive_order,
                "tags": self.tags,
                "subject": self.subject,
                "references": self.references,
                "classified_by": self.classified_by,
                "paragraphs": self.paragraphs,
                "summary": self.summary,
                "comment": self.comment,
                "signature": self.signature,
                "signers": split_signers(self.signature),
                "repairs": self.repairs,
                "unparsed": self.unparsed,
                "metadata": self.metadata,
            }
        )
        return cable


# ---------------------------------------------------------------------------------------------
# Head fields
# ---------------------------------------------------------------------------------------------

# the level with spaces squeezed out, as written in clean and damaged copies
_LEVELS = (
    ("TOPSECRET", Classification.TOP_SECRET),
    ("SSECRET", Classification.SECRET),
    ("CSECRET", Classification.SECRET),
    ("SECRET", Classification.SECRET),
    ("ECRET", Classification.SECRET),
    ("CCONFIDENTIAL", Classification.CONFIDENTIAL),
    ("CONFIDENTIAL", Classification.CONFIDENTIAL),
    ("ONFIDENTIAL", Classification.CONFIDENTIAL),
    ("ONFIDE", Classification.CONFIDENTIAL),
    ("UUNCLAS", Classification.UNCLASSIFIED),
    ("UNCLASSIFIED", Classification.UNCLASSIFIED),
    ("UNCLAS", Classification.UNCLASSIFIED),
    ("LIMITEDOFFICIALUSE", Classification.UNCLASSIFIED),
)
_FL4_LEVELS = {
    "U": Classification.UNCLASSIFIED,
    "C": Classification.CONFIDENTIAL,
    "S": Classification.SECRET,
    "T": Classification.TOP_SECRET,
}


def _split_level(text: str) -> tuple[Classification, str] | None:
    """Splits the level off a classification line, however it is spaced."""
    head = text.lstrip()
    squeezed = head[:40].replace(" ", "").upper()
    for word, level in _LEVELS:
        if not squeezed.startswith(word):
            continue
        # walk the original text until as many letters as the word has are consumed
        consumed = 0
        position = 0
        while consumed < len(word) and position < len(head):
            if head[position] != " ":
                consumed += 1
            position += 1
        rest = head[position:]
        if rest and rest[0] not in " \t/,\n":
            continue
        return level, rest
    return None


_CLASS_REST = re.compile(
    r"^(?P<caveats>(?:\s*/{0,2}\s*(?:NOFORN|NODIS|EXDIS|LIMDIS|SIPDIS|ORCON|SENSITIVE|STADIS"
    r"|FOUO|FOR OFFICIAL USE ONLY|PROPIN|NOCONTRACT|REL[A-Z ,]*?)\b)*)"
    r"\s*(?:SECTION\s+(?P<section>[0-9]{1,3})\s+OF\s+(?P<total>[0-9]{1,3})\s+)?"
    r"(?:(?P<post>[A-Z][A-Z .'&-]*?[A-Z.])\s+(?P<number>[0-9]{1,7}))?\s*"
    r"(?P<after>(?:[\s,]*/{0,2}\s*(?:NOFORN|NODIS|EXDIS|LIMDIS|SIPDIS|SENSITIVE)\b)*)\s*$",
    re.IGNORECASE,
)
_CAVEAT = re.compile(r"NOFORN|NODIS|EXDIS|LIMDIS|SIPDIS|ORCON|SENSITIVE|STADIS|PROPIN|NOCONTRACT")


_NOFORN_MARK = re.compile(r"^\(?[A-Z]+\s*/{1,2}\s*(?:[A-Z]+/)*NF\b")


def _marks_noforn(subject: str | None, paragraphs: Sequence[Paragraph]) -> bool:
    if subject is not None and _NOFORN_MARK.match(subject):
        return True
    # a cable has a handful of distinct markings over many paragraphs
    markings = {p.marking for p in paragraphs}
    return any(m is not None and _NOFORN_MARK.match(m) for m in markings)


_REDACTED = re.compile(r"^X{3,}$", re.IGNORECASE)
_SENDER_PREFIX = re.compile(
    r"^(?:AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USOFFICE|USINT|USLO|AMEMB|AMCON)\s+"
)
_SENDER_STATE = re.compile(r"^SEC\s*STATE\b")


def _post_of_sender(sender: str | None) -> str | None:
    if not sender:
        return None
    if _SENDER_STATE.match(sender):
        return "STATE"
    post = _SENDER_PREFIX.sub("", sender)
    return post if post != sender else None


_DATE_LINE = re.compile(r"([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4}), ([0-9]{2}):([0-9]{2})")


def _read_date_line(text: str) -> datetime | None:
    """``Friday, 18 December 2009, 11:04``, the date line some copies carry (09ASTANA95)."""
    match = _DATE_LINE.search(text)
    month = _MONTHS.get(match.group(2)[:3].upper()) if match else None
    if match is None or month is None:
        return None
    try:
        return datetime(
            int(match.group(3)),
            month,
            int(match.group(1)),
            int(match.group(4)),
            int(match.group(5)),
            tzinfo=timezone.utc,
        )
    except ValueError:
        return None


_NOTED_ID = re.compile(r"^\s*[0-9]{2}([0-9]{2})([A-Z][A-Z ]*?)0*([0-9]+) - ")


def _read_noted_id(text: str) -> str | None:
    """``2000HANOI00686 - CONFIDENTIAL``, the id line of a printout (00HANOI686): ``00HANOI686``."""
    match = _NOTED_ID.match(text)
    if match is None:
        return None
    return f"{match.group(1)}{match.group(2).replace(' ', '')}{match.group(3)}"


def _metadata_level(text: str | None) -> Classification | None:
    level = (text or "").split("//")[0].strip().upper()
    for word, candidate in _LEVELS:
        if level.replace(" ", "") == word:
            return candidate
    return None


def read_classification_line(text: str, line: int = 0) -> ClassificationLine | None:
    """Read a classification line; None when the line is not one after all."""
    split = _split_level(text)
    if split is None:
        return None
    level, rest = split
    details = _CLASS_REST.match(rest.rstrip())
    if details is None:
        return None
    caveats = _CAVEAT.findall(f"{details['caveats'] or ''} {details['after'] or ''}".upper())
    section = None
    if details["section"]:
        section = Section(number=int(details["section"]), total=int(details["total"]))
    post = details["post"]
    return ClassificationLine(
        text=text.strip(),
        line=line,
        level=level,
        caveats=caveats,
        post=collapse(post).upper() if post else None,
        number=int(details["number"]) if details["number"] else None,
        section=section,
    )


_CAPTION_WORDS = re.compile(
    r"(?i:SENSITIVE BUT UNCLASSIFIED|FOR OFFICIAL USE ONLY|WEBGRAM EXCLUDED ONLY|DISSENT CHANNEL"
    r"|NOT FOR INTERNET DISTRIBUTION"
    r"|C O R R E C T E D(?:\s+C O P Y)?|C O P Y|\(?(?:CORRECTED COPY|ADDED SENSITIVE CAPTION"
    r"|CAPTION ADDED)[^)\n]*\)?|[A-Z]+)"
)

# cables repeat a few caption lines ("SIPDIS", "SENSITIVE BUT UNCLASSIFIED") over and over
@functools.lru_cache(maxsize=1024)
def _caption_words(line: str) -> tuple[str, ...]:
    return tuple(_CAPTION_WORDS.findall(line))


_EO = re.compile(
    r"^\s*E\.?\s?O\.?\s*(?P<order>[0-9]{5})\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)
_DECL = re.compile(r"^(?:DECL(?:ASSIFY)?\s*(?:ON)?\s*[:.]?\s*)", re.IGNORECASE)
_DATE_MDY = re.compile(r"\b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\b")
_DATE_YMD = re.compile(r"\b([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})\b")
_DATE_WORDS = re.compile(
    r"\b(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?\s+([0-9]{1,2}),?\s+"
    r"([0-9]{4})\b",
    re.IGNORECASE,
)
_RUN_TOGETHER = re.compile(r"\s(TAGS?\b\s*:?|SUBJ(?:ECT)?\s*:)", re.IGNORECASE)
_SUBJECT_IN_LINE = re.compile(r"\bSUBJ(?:ECT)?\s*:\s*", re.IGNORECASE)
_TAGS_KEYWORD = re.compile(r"^\s*TAGS?\s*:?", re.IGNORECASE)
_SUBJECT_KEYWORD = re.compile(r"^\s*SUBJ(?:ECT)?\s*[:.-]\s*", re.IGNORECASE)
_REF_KEYWORD = re.compile(r"^\s*(?:REFS?|REFTELS?|REFERENCES?)\s*:\s*", re.IGNORECASE)
_TAG = re.compile(r"[^\s,;()]+(?:\s*\([^)]*\))?|\([^)]*\)")


def _parse_date(text: str) -> date | None:
    """The first date written in a declassification instruction, if any.

    ``10/30/2016``, ``2016/10/30``, ``2016-10-30``, ``8/12/85`` (``GDS 8/12/85``, 79TEHRAN8980)
    and ``JUNE 21, 2006`` (``AS AMENDED; DECLASSIFIED JUNE 21, 2006``, 72TEHRAN1164).
    """
    try:
        match = _DATE_YMD.search(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
        match = _DATE_MDY.search(text)
        if match:
            month, day, year = (int(g) for g in match.groups())
            if len(match.group(3)) == 2:
                year = full_year(year)
            return date(year, month, day)
        match = _DATE_WORDS.search(text)
        if match:
            month = _MONTHS[match.group(1)[:3].upper()]
            return date(int(match.group(3)), month, int(match.group(2)))
    except ValueError:
        return None
    return None


def read_executive_order(text: str) -> ExecutiveOrder:
    """Read an E.O. line: ``E.O. 12958: DECL: 10/30/2016``."""
    match = _EO.match(collapse(text))
    if match is None:
        return ExecutiveOrder(declassify=collapse(text) or None)
    rest = _DECL.sub("", match["rest"].strip()).strip()
    return ExecutiveOrder(
        order=match["order"],
        declassify=rest or None,
        declassify_on=_parse_date(rest) if rest else None,
    )


_REASON_START = re.compile(r"\b1\s?\.\s?([45])\s*", re.IGNORECASE)
_REASON_LETTERS = re.compile(
    r"^(?:\(?\s*[a-h]\b\s*\)?(?:[\s,;&/]|and\b|or\b)*)+", re.IGNORECASE
)
# "and" wrapped across two lines: "for reasons 1.4 (b) a" / "nd (d)" (09MADRID551)
_SPLIT_AND = re.compile(r"\b(?:a\s+nd|an\s+d)\b", re.IGNORECASE)
_REASON_LETTER = re.compile(r"\b[a-h]\b", re.IGNORECASE)
# (The lookahead only says what the pattern can start with, so that at most characters the
# search goes no further.)
_AUTHORITY_END = re.compile(
    r"(?=[,;:.\s(1fpru])"
    r"(?:[,;:.]?\s*\b(?:for\s+)?(?:r\s*e\s*a\s*s\s*o\s*n\s*s?|per|under)\b|\(?\b1\s?\.\s?[45]\b)",
    re.IGNORECASE,
)
_LOST_FOR = re.compile(r"\s+(?:for|by)$", re.IGNORECASE)
_CLASSIFIED_BY_KEYWORD = re.compile(r"^\s*(?:\([A-Z]{1,3}\)\s*)?CLASSIFIED\s+BY\s*:?\s*", re.I)


def read_classified_by(text: str) -> ClassifiedBy:
    """Read ``Classified By: ... Reason 1.4 B/D`` into the authority and normalized reasons."""
    text = collapse(_CLASSIFIED_BY_KEYWORD.sub("", text, count=1))
    reasons: list[str] = []
    unwrapped = _SPLIT_AND.sub("and", text)
    for start in _REASON_START.finditer(unwrapped):
        letters = _REASON_LETTERS.match(unwrapped[start.end() :])
        if letters is None:
            continue
        for letter in _REASON_LETTER.findall(letters.group(0)):
            reason = f"1.{start.group(1)}({letter.lower()})"
            if reason not in reasons:
                reasons.append(reason)
    # from 1 on: "Under Secretary Bill Burns for reasons ..." starts with a word of the pattern
    end = _AUTHORITY_END.search(text, 1)
    authority = text[: end.start()] if end else text
    authority = authority.strip(" ,;:.") or text
    # "POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 (D)": the "for" of a lost "for reasons"
    authority = _LOST_FOR.sub("", authority)
    title, name = split_authority(authority)
    return ClassifiedBy(
        authority=authority, reasons=reasons, name=name, title=title, text=text or None
    )


# ---------------------------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------------------------

def build_cable(result: ParseResult, metadata: Metadata | None = None) -> Cable:
    """Turn a parse result into a :class:`Cable`."""
    builder = _Builder(result, metadata)
    builder.run()
    return builder.finish()
