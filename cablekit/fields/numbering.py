"""Paragraph numbers decided over the whole sequence of candidate markers.

A line that starts like a paragraph marker (``12.``, ``¶4.``, ``110.``) is a candidate; which
number it is, if any, depends on the numbers around it.  In a damaged copy ``11.`` may be
``¶1`` with the ``¶`` read as the digit ``1``, or the number 11; ``2008.`` is a year that
happened to start a line.  :func:`number_markers` reads the sequence both ways, plainly and
as an OCR copy whose ``¶`` became ``1``, and keeps the likelier.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Candidate", "CandidateKey", "Reading", "number_keys", "number_markers", "readings"]


@dataclass(frozen=True)
class Candidate:
    """A line that may be a paragraph marker: ``¶12.``, ``110.``, ``2008.``."""

    #: the digits before the dot, as written (``"110"``)
    digits: str
    #: written with ``¶`` (or a repaired ``¶``), so its digits are all number
    explicit: bool = False
    #: follows a line ending in a month, ``and``, ``or``, ``to``, ``through`` or a comma, so it
    #: is a date or a list item carried over, not a marker
    carried: bool = False

    @property
    def ocr_number(self) -> int | None:
        """The number if the leading ``1`` is an OCR'd ``¶`` (``110`` -> 10), else None."""
        digits = self.digits
        if self.explicit or len(digits) not in (2, 3) or digits[0] != "1" or digits[1] == "0":
            return None
        return int(digits[1:])


@dataclass(frozen=True)
class Reading:
    """One way to read a candidate marker: a paragraph number, or not a marker at all."""

    #: the paragraph number, None when the candidate is read as plain text
    number: int | None
    #: True when the number is read with its leading ``1`` taken for a ``¶`` (OCR damage)
    ocr: bool = False
    #: what this reading costs in the sequence search (lower is likelier)
    cost: float = 0.0


# Costs of the sequence search.  A paragraph number is normally the previous one plus one, and
# the first is normally 1; gaps, repeats and restarts (an embedded document) happen, more
# rarely.
_REPEAT = 0.8
_RESTART_AT_1 = 1.0
_RESTART = 1.2
_GAP = 0.5
_GAP_STEP = 0.1
_GAP_MAX = 1.5
_START = {1: 0.0, 2: 0.3, 3: 0.5}
_START_OTHER = 1.0
_START_FROM_10 = 1.5
# The copy is read one of two ways, and the cheaper wins.  Plainly: every bare number is the
# number written; that a bare marker starts with "1" when "¶" + the rest would also be a
# number is a little unusual, a "1NN." line a little more.  Or as an OCR copy, where "¶"
# became "1": then a bare marker that does not start with "1" is unusual (its "¶" was lost
# entirely, or it never had one), and so is a "1N." that is the number 1N after all.
_PLAIN_STARTS_WITH_1 = 0.15
_PLAIN_1NN = 0.3
_OCR_COPY = 0.3
_OCR_WITHOUT_1 = 0.3
_OCR_LITERAL_1N = 0.6
_OCR_NOT_A_MARKER = 2.0


def readings(candidate: Candidate, *, ocr_copy: bool) -> list[Reading]:
    """The ways to read ``candidate``, plainly or in a copy whose ``¶`` became ``1``.

    Numbers of three or more digits are years or other numbers (``2008.``), not paragraph
    numbers, unless OCR turned ``¶10`` into ``110``.
    """
    digits = candidate.digits
    if candidate.carried:
        return [Reading(None)]
    ocr_number = candidate.ocr_number
    literal = int(digits) if len(digits) <= 2 else None
    if candidate.explicit:
        return [Reading(literal)]
    if not ocr_copy:
        if literal is None:
            return [Reading(None, cost=_PLAIN_1NN if ocr_number is not None else 0.0)]
        return [Reading(literal, cost=_PLAIN_STARTS_WITH_1 if ocr_number is not None else 0.0)]
    if ocr_number is None:
        return [Reading(literal, cost=_OCR_WITHOUT_1 if literal is not None else 0.0)]
    options = [Reading(ocr_number, ocr=True)]
    if literal is not None:
        options.append(Reading(literal, cost=_OCR_LITERAL_1N))
    else:
        options.append(Reading(None, cost=_OCR_NOT_A_MARKER))
    return options


#: A candidate as its fields, digits, explicit and carried: what the text reader makes of a
#: marker line, and a cheaper key than the dataclass, whose hash is Python code.
CandidateKey = tuple[str, bool, bool]


# A candidate's plain reading depends on nothing but its fields, and cables repeat the same
# few numbers: each is made once and shared (readings are frozen).
@functools.lru_cache(maxsize=4096)
def _plain_reading(key: CandidateKey) -> tuple[Reading, bool]:
    """The one plain reading of a candidate, and whether an OCR copy may read it another way."""
    digits, explicit, carried = key
    candidate = Candidate(digits, explicit=explicit, carried=carried)
    (reading,) = readings(candidate, ocr_copy=False)
    return reading, candidate.ocr_number is not None and not carried


@functools.lru_cache(maxsize=4096)
def _ocr_readings(key: CandidateKey) -> tuple[Reading, ...]:
    """The readings of a candidate in an OCR copy, made once for each key (as
    :func:`_plain_reading`)."""
    digits, explicit, carried = key
    return tuple(readings(Candidate(digits, explicit=explicit, carried=carried), ocr_copy=True))


# Steps repeat (the next number, a repeat) over and over: each cost is worked out once.  A
# number has at most two digits, so there are at most 100 * 100 steps to keep.
@functools.cache
def _step_cost(previous: int, number: int) -> float:
    if previous == 0:
        return _START.get(number, _START_OTHER if number < 10 else _START_FROM_10)
    if number == previous + 1:
        return 0.0
    if number == previous:
        return _REPEAT
    if number > previous:
        return min(_GAP + _GAP_STEP * (number - previous - 2), _GAP_MAX)
    return _RESTART_AT_1 if number == 1 else _RESTART


def _path_cost(path: Sequence[Reading]) -> float:
    """The cost of the one path through candidates of one reading each: what
    :func:`_cheapest_path` finds for them, its sums made in the same order."""
    total = 0.0
    previous = 0
    for reading in path:
        number = reading.number
        if number is None:
            total = total + reading.cost
        else:
            total = total + reading.cost + _step_cost(previous, number)
            previous = number
    return total


def _cheapest_path(options: Sequence[Sequence[Reading]]) -> tuple[float, list[Reading]]:
    """Dynamic programming over (candidate, last number so far): the cheapest sequence."""
    # state: last paragraph number so far (0 before the first) -> cost; back pointers per
    # step: the state before and the reading taken
    states: dict[int, float] = {0: 0.0}
    back: list[dict[int, tuple[int, Reading]]] = []
    step_cost = _step_cost
    for choices in options:
        best: dict[int, float] = {}
        pointers: dict[int, tuple[int, Reading]] = {}
        # in order of number, so that of equal costs the lowest number's comes first
        for previous in sorted(states) if len(states) > 1 else states:
            so_far = states[previous]
            for reading in choices:
                number = reading.number
                if number is None:
                    last, cost = previous, so_far + reading.cost
                else:
                    last = number
                    cost = so_far + reading.cost + step_cost(previous, number)
                known = best.get(last)
                if known is None or cost < known - 1e-9:
                    best[last] = cost
                    pointers[last] = (previous, reading)
        states = best
        back.append(pointers)
    last = min(sorted(states), key=lambda number: states[number])
    total = states[last]
    chosen: list[Reading] = []
    for pointers in reversed(back):
        last, reading = pointers[last]
        chosen.append(reading)
    chosen.reverse()
    return total, chosen


def number_markers(candidates: Sequence[Candidate]) -> list[Reading]:
    """The reading of each candidate that makes the likeliest sequence of paragraph numbers.

    The whole sequence is read twice, plainly and as an OCR copy whose ``¶`` became ``1``;
    each reading is the cheapest path through all candidates (see :func:`_cheapest_path`),
    where each step costs its reading plus how far its number is from following the last
    one.  The cheaper reading wins; a tie goes to the plain one.
    """
    return number_keys([(c.digits, c.explicit, c.carried) for c in candidates])


def number_keys(keys: Sequence[CandidateKey]) -> list[Reading]:
    """:func:`number_markers` of the candidates with these fields (:data:`CandidateKey`)."""
    if not keys:
        return []
    # each key's plain reading, and whether an OCR copy may read it another way: apart, in C
    plain, ocr_differs = zip(*map(_plain_reading, keys), strict=True)
    plain_path: list[Reading] = list(plain)
    if not any(ocr_differs):
        # read plainly, a candidate has one reading: the only path is the cheapest
        return plain_path
    plain_cost = _path_cost(plain_path)
    ocr_cost, ocr = _cheapest_path([_ocr_readings(key) for key in keys])
    return ocr if ocr_cost + _OCR_COPY < plain_cost - 1e-9 else plain_path
