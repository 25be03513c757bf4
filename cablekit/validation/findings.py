"""What a check reports: :class:`Diagnostic`, its :class:`Severity`, and the table of every
documented :class:`Check`.

This module imports nothing else of cablekit, so :mod:`cablekit.errors` can name
:class:`Diagnostic` in its annotations without taking part in an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CHECKS", "Check", "Diagnostic", "Severity", "diagnostic"]


class Severity(str, Enum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Diagnostic(BaseModel):
    """One finding of :func:`~cablekit.validate`, such as error ``CK305`` on line 236:
    ``¶10 is marked (S/NF) in a CONFIDENTIAL cable``."""

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

#: Every code :func:`~cablekit.validate` can report, in order.  Codes are never reused or
#: renumbered.
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


def diagnostic(code: str, message: str, line: int | None = None) -> Diagnostic:
    """A finding of check ``code``, with the severity :data:`CHECKS` gives that code."""
    return Diagnostic(code=code, severity=CHECKS[code].severity, message=message, line=line)
