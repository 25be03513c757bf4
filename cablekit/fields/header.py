"""The transmission header: format lines FL1 to FL9 into a :class:`Transmission`.

Each format line brings its parts from the grammar (``cable.lark``): the serial of a DE line,
the date-time group of FL5.  This module turns them into values, follows the addressee lists
(a plain line below ``TO`` is one more addressee), reads the distribution block of old
printouts and the drafting lines of Department telegrams, and keeps every line it cannot read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cablekit import _fast
from cablekit._text import collapse, full_year
from cablekit.fields.stations import attach_exclusions, is_collective, lookup
from cablekit.grammar import NEW_TEXT, TEXT, Field, Line, line_kind, pattern
from cablekit.models import Precedence, Recipient, Transmission

__all__ = ["MONTHS", "HeadList", "HeaderReading", "read_head_list", "read_transmission"]

#: month abbreviations of a date-time group, by number
MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
        start=1,
    )
}
_PRECEDENCE_WORDS = {precedence.value: precedence for precedence in Precedence}
_PRECEDENCE_LETTER = {
    "Z": Precedence.FLASH,
    "O": Precedence.IMMEDIATE,
    "P": Precedence.PRIORITY,
    "R": Precedence.ROUTINE,
}
_ADDRESSEE = pattern("ADDRESSEE")
_OFFICE_CODE = pattern("OFFICE_CODE")
_OFFICE_CODES = pattern("OFFICE_CODES")
_OPERATING_SIGNAL = pattern("OPERATING_SIGNAL")
_ROUTING_INDICATOR = pattern("ROUTING_INDICATOR")
_SEQUENCE = pattern("SEQUENCE_NUMBER")
_LISTS = ("to", "info", "xmt")
_INFO_LINE = pattern("INFO_LINE")
# the lines cablegate copies put below a header: a date line, a database record
_AFTER_HEADER = frozenset(("DATE_LINE", "RECORD_LINE", "NOTICE_LINE"))
# the lines that add an addressee to the list above them
_ADDRESSEE_KINDS = frozenset(("ADDRESSEE_LINE", TEXT, NEW_TEXT))
# the zone of a date-time group ("Z")
_UTC = timezone.utc
# an addressee is made for nearly every line of a header, a transmission for most cables: the
# makers spare each the call of the classmethod
_make_recipient = Recipient.maker()
_make_transmission = Transmission.maker()


@dataclass(frozen=True)
class HeaderReading:
    """What a transmission header gives."""

    #: None when the header says neither who sent the cable nor when
    transmission: Transmission | None
    #: lines no field takes, and parts of lines: (line, text)
    unparsed: tuple[tuple[int, str], ...]
    #: drafting lines left over: the header was not kept, so nothing holds them
    drafting: tuple[Line, ...]


@dataclass
class _State:
    """Where the reading of one header is."""

    values: dict[str, object] = field(default_factory=dict)
    relay_stations: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    to: list[Recipient] = field(default_factory=list)
    info: list[Recipient] = field(default_factory=list)
    exempt: list[Recipient] = field(default_factory=list)
    #: the addressee list a plain line adds to
    current: list[Recipient] | None = None
    in_distribution: bool = False
    action_offices: list[str] = field(default_factory=list)
    info_offices: list[str] = field(default_factory=list)
    drafting: list[Line] = field(default_factory=list)
    unparsed: list[tuple[int, str]] = field(default_factory=list)

    def keep(self, line: Line) -> None:
        text = line.text.rstrip()
        if text:
            self.unparsed.append((line.number, text))


def read_transmission(
    items: Sequence[Field | Line], drafting: Sequence[Line] = ()
) -> HeaderReading:
    """Read the header's format lines and other lines; ``drafting`` are drafting lines that
    stand before the header (they belong to it)."""
    state = _State(drafting=list(drafting))
    read = _read_recipient_fast if _fast.ENABLED else _read_recipient
    for item in items:
        if isinstance(item, Field):
            _read_format_line(item.rule, item.lines[0], state)
        elif (
            state.current is not None
            and not state.in_distribution
            and item.kind in _ADDRESSEE_KINDS
        ):
            # the common line, one more addressee of a list, read here: none of the tests
            # of _read_header_line before its last takes it (they need no list, another
            # kind, or a distribution block)
            recipient = read(item.text)
            if recipient is not None:
                state.current.append(recipient)
            else:
                state.keep(item)
        else:
            _read_header_line(item, state)
    values = state.values
    station = values.get("originator_station")
    if (
        not isinstance(station, str)
        and "sender" not in values
        and "dtg" not in values
        and not state.to
    ):
        # without FL3, a header is kept only when it says who sent the cable or when
        return HeaderReading(None, tuple(state.unparsed), tuple(state.drafting))
    to, info = attach_exclusions(state.to, state.info, state.exempt)
    transmission = _make_transmission(
        {
            **values,
            **_read_drafting(state),
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
    return HeaderReading(transmission, tuple(state.unparsed), ())


def _read_drafting(state: _State) -> dict[str, object]:
    """``DRAFTED BY:``, ``APPROVED BY:`` and ``CLEARED:`` lines, by field."""
    fields: dict[str, object] = {}
    cleared: list[str] = []
    for line in state.drafting:
        keyword = (line.part("keyword") or "").partition(" BY")[0]
        value = collapse(line.part("value") or "")
        name = {"DRAFTED": "drafted_by", "APPROVED": "approved_by"}.get(keyword)
        if name is not None and name not in fields:
            fields[name] = value
        elif name is None:
            cleared.append(value)
        else:
            state.keep(line)
    fields["cleared"] = cleared
    return fields


def _read_format_line(rule: str, line: Line, state: _State) -> None:
    values = state.values
    part = line.part
    if rule == "fl1":
        if "channel" not in values:
            values["channel"], values["channel_serial"] = line.parts("channel", "serial")
            return
    elif rule == "fl2":
        if "relay_precedence" not in values:
            values["relay_precedence"], relays = line.parts("prosign", "relays")
            state.relay_stations.extend((relays or "").split())
            state.current = None
            return
    elif rule == "fl3":
        if "originator_station" not in values:
            station, serial, number, filed = line.parts("station", "serial", "part", "filed")
            values["originator_station"] = station
            values["serial"] = int(serial or 0)
            values["part"] = int(number) if number else None
            values["filed"] = filed
            state.current = None
            return
    elif rule == "fl4":
        if "security" not in values:
            security, signals = line.parts("security", "signals")
            values["security"] = collapse(security or "")
            state.signals.extend((signals or "").split())
            return
    elif rule == "fl5":
        if "dtg" not in values:
            _read_fl5(line, state)
            return
    elif rule == "fm":
        state.in_distribution = False
        if "sender" not in values:
            values["sender"] = collapse(part("sender") or "")
            state.current = None
            return
    elif rule in _LISTS:
        body = part("addressee") or ""
        # (an office code holds a dash: an addressee without one is not tried as codes)
        if rule == "info" and (
            state.in_distribution or ("-" in body and _OFFICE_CODES.fullmatch(body))
        ):
            # office codes of a distribution block, not addressees
            state.in_distribution = True
            state.current = None
            state.info_offices.extend(_OFFICE_CODE.findall(body))
            return
        recipient = _recipient(body)
        if recipient is not None:
            target = state.to if rule == "to" else state.info if rule == "info" else state.exempt
            target.append(recipient)
            state.current = target
            return
    elif rule == "distribution":
        state.in_distribution = True
        state.current = None
        state.action_offices.extend(_OFFICE_CODE.findall(part("offices") or ""))
        return
    state.keep(line)


def _read_fl5(line: Line, state: _State) -> None:
    """FL5: precedences and the date-time group; operating signals after it, and what no
    field takes, which is kept."""
    written, action, info, *dtg = line.parts(*_FL5_PARTS)  # one call for the line's parts
    words = written.split() if written else ()
    if words:
        signals = 0
        while signals < len(words) and _OPERATING_SIGNAL.fullmatch(words[signals]):
            signals += 1
        state.signals.extend(words[:signals])
        if signals < len(words):
            state.unparsed.append((line.number, " ".join(words[signals:])))
    values = state.values
    values["precedence"] = _PRECEDENCE_LETTER[action or "R"]
    values["info_precedence"] = _PRECEDENCE_LETTER[info] if info else None
    values["dtg"] = _dtg(*dtg)
    state.current = None
    state.in_distribution = False


# the parts of an FL5 line: after the signals and precedences, those of the date-time group
_FL5_PARTS = ("signals", "action", "info", "month", "year", "day", "hour", "minute")


def _dtg(
    written: str | None, year: str | None, day: str | None, hour: str | None, minute: str | None
) -> datetime | None:
    """The date-time group of an FL5 line's parts (its month as written, then numbers)."""
    month = MONTHS.get(written or "")
    if month is None:
        return None
    try:
        # the zone given by position: as a keyword it costs the constructor twice the time
        return datetime(
            full_year(int(year or 0)),
            month,
            int(day or 0),
            int(hour or 0),
            int(minute or 0),
            0,
            0,
            _UTC,
        )
    except ValueError:
        return None


def _read_header_line(line: Line, state: _State) -> None:
    kind = line.kind
    if (
        state.current is None
        and state.relay_stations
        and (kind == "RELAY_LINE" or _ROUTING_INDICATOR.fullmatch(line.stripped))
    ):
        # more relay stations below FL2; the last line may hold one (09PARIS1052)
        state.relay_stations.extend(line.text.split())
        return
    if kind == "DRAFTING_LINE":
        state.drafting.append(line)
        return
    if state.in_distribution and _OFFICE_CODES.fullmatch(line.text.rstrip("\n")):
        # "      EAP-00   DHSE-00  EUR-00 ... /000W": more office codes of the block
        state.info_offices.extend(_OFFICE_CODE.findall(line.text))
        return
    if kind == "PAGE_LINE":
        # page furniture in the addressee list; "TO PAGE 02  STATE 015113 182333Z"
        # (09STATE15113) is the TO keyword with the page heading printed after it, "INFO PAGE
        # 02  STATE 050524 131535Z" (08STATE50524) the INFO keyword
        if line.part("to") is not None:
            state.current = state.to
        elif line.part("info") is not None:
            state.current = state.info
        state.keep(line)
        return
    if kind in _AFTER_HEADER:
        # a date line or a database record below the header ends the addressee list: the
        # plain lines after "<<218634>>" are the record's (09KHARTOUM881)
        state.current = None
        state.keep(line)
        return
    if state.current is not None and kind in _ADDRESSEE_KINDS:
        # one more addressee of a list, in a distribution block
        recipient = _recipient(line.text)
        if recipient is not None:
            state.current.append(recipient)
            return
    state.keep(line)


# Headers address the same stations over and over.
@functools.lru_cache(maxsize=4096)
def _station(routing_indicator: str) -> tuple[str | None, bool]:
    """The station a routing indicator stands for, and whether that station is a collective."""
    station = lookup(routing_indicator)
    return station, station is not None and is_collective(station)


def _recipient(text: str) -> Recipient | None:
    """The addressee a line or a part of one names (an ADDRESSEE, ``cable.lark``), as
    written; None when it names none."""
    read = _read_recipient_fast if _fast.ENABLED else _read_recipient
    return read(text)


def _read_recipient_fast(text: str) -> Recipient | None:
    """:func:`_read_recipient`, the fast path: the same addressee.

    Most addressees end in a message sequence number, another for every cable
    (``RUEHBS/AMEMBASSY BRUSSELS 3113``), so a reading kept by the whole line is seldom read
    again, and the pattern, lazy in its name, tries the precedence and the number after each
    of its characters.  The fields of the line without that number are kept instead: when
    they are an addressee's with no number of its own, the line is the same addressee with
    this number.  (The pattern gives the line the name, routing indicator and precedence it
    gives the line's beginning: the number can only be its last word, and any way the
    beginning could be read with a number after it is a way to read the beginning alone.)
    The line is taken apart as written, its whitespace collapsed only when its fields are
    first read: ``str.rstrip`` strips what ``str.split`` splits at, so the last word after a
    blank, when it holds no other whitespace, is the collapsed line's last word.
    """
    head, _, last = text.rstrip().rpartition(" ")
    if _SEQUENCE.fullmatch(last):
        fields = _addressee_fields(head)
        if fields is not None and "sequence" not in fields:
            return _make_recipient({**fields, "sequence": last})
    return _read_recipient(text)


# Collectives and the posts of a region are addressed in the very same words cable after
# cable: the addressee read from a line is kept (a frozen model, shared by every cable).
@functools.lru_cache(maxsize=4096)
def _read_recipient(text: str) -> Recipient | None:
    """The addressee a line names, as written; None when it names none."""
    fields = _addressee_fields(text)
    return None if fields is None else _make_recipient(fields)


@functools.lru_cache(maxsize=4096)
def _addressee_fields(text: str) -> dict[str, object] | None:
    """The fields of :func:`_read_recipient`'s addressee, kept for the line without its
    sequence number (:func:`_read_recipient_fast`); shared, so read and never changed."""
    found = _ADDRESSEE.fullmatch(collapse(text))
    if found is None or not found["name"]:
        return None
    ri, precedence = found["ri"], found["precedence"]
    station, collective_station = _station(ri) if ri else (None, False)
    return _recipient_fields(
        ri,
        found["name"],
        _PRECEDENCE_WORDS[precedence] if precedence else None,
        found["sequence"],
        station,
        collective_station or is_collective(found["name"]),
    )


def _recipient_fields(
    ri: str | None,
    name: str,
    precedence: Precedence | None,
    sequence: str | None,
    station: str | None,
    collective: bool,
) -> dict[str, object]:
    """The fields of a :class:`Recipient`, those left at their defaults (None, False) left
    out: a field given as None costs its validator more than one not given at all, and an
    addressee is made for nearly every line of a header."""
    fields: dict[str, object] = {"name": name}
    if ri is not None:
        fields["routing_indicator"] = ri
    if precedence is not None:
        fields["precedence"] = precedence
    if sequence is not None:
        fields["sequence"] = sequence
    if station is not None:
        fields["station"] = station
    if collective:
        fields["collective"] = True
    return fields


@dataclass(frozen=True)
class HeadList:
    """An INFO list written in the head of a copy without a header (:func:`read_head_list`)."""

    transmission: Transmission
    #: the lines (and runs of lines) it was read from, passing lines of the head
    lines: tuple[Line, ...]


def read_head_list(items: Sequence[Field | Line]) -> HeadList | None:
    """The INFO list a copy without a header writes below its classification line, if any.

    05MADRID1178 has no header, but its head holds "INFO EUROPEAN POLITICAL COLLECTIVE
    PRIORITY" and, right below it, "AMEMBASSY BOGOTA PRIORITY" and two more addressees: the
    information addressees of the cable, as FL8 would give them.  The grammar places these as
    passing lines of the head (an INFO line belongs to the header); a line of the kind
    ``INFO_LINE`` and the plain lines right below it, up to a blank line, are read here.  Only
    INFO: "TO THE SECRETARY FROM AMBASSADOR ..." (07MADRID1021) is a passing line.
    """
    taken: list[Line] = []
    info: list[Recipient] = []
    for line in _passing_lines(items):
        if not taken:
            # the INFO line is a token of its own, which the parser took as a passing line
            if line is None or line.line_count > 1 or line_kind(line.text) != "INFO_LINE":
                continue
            opened = _INFO_LINE.match(line.text)
            recipient = _recipient(opened["addressee"]) if opened else None
            if recipient is None:
                continue
            found: list[Recipient | None] = [recipient]
        elif line is None or line.kind != TEXT:
            break  # a blank line or another item of the head ends the list
        else:
            found = [_recipient(one.text) for one in line.lines()]
        if None in found:
            break
        info.extend(recipient for recipient in found if recipient is not None)
        taken.append(line)
    if not taken:
        return None
    return HeadList(Transmission.of({"info": info}), tuple(taken))


def _passing_lines(items: Sequence[Field | Line]) -> Iterator[Line | None]:
    """The lines (and runs) of the head's passing items; None for any other item."""
    for item in items:
        if isinstance(item, Field) and item.rule == "passing":
            yield from item.lines
        else:
            yield None
