"""Structural checks of a parsed cable: :func:`check` returns a list of :class:`Diagnostic`.

:func:`cablekit.validate` is the public entry point: it also takes the text of a cable and
parses it first.  This package checks cables already parsed, and imports nothing of the
parse API.

Every check reads the :class:`~cablekit.models.Cable` only, never the input text, so a cable
read from any source is checked the same way.  Each finding has a stable code, documented
with a real example in ``docs/validation.md``:

- ``CK0xx`` the input itself (text that holds no cable, see :func:`diagnose_parse_error`);
- ``CK1xx`` the transmission header against the text (FL3, FL4, FM, DTG): :mod:`.header`;
- ``CK2xx`` the head of the text (classification, E.O., Classified By, captions, TAGS):
  :mod:`.head`;
- ``CK3xx`` the paragraphs (numbering, portion markings, summary): :mod:`.paragraphs`;
- ``CK4xx`` the sections of a multi-section cable (``SECTION 01 OF 03`` and the
  continuation lines ``ASTANA 00000095 002 OF 003``): :mod:`.sections`.

Severity ``error`` is kept for real structural contradictions (a SECRET paragraph in a
CONFIDENTIAL cable, a header from another cable); ``warning`` for what is probably wrong in the
cable or in its copy; ``info`` for what is unusual but legitimate.
"""

from __future__ import annotations

from cablekit.errors import CableParseError
from cablekit.models import Cable
from cablekit.validation import head, header, paragraphs, sections
from cablekit.validation.common import EXECUTIVE_ORDERS
from cablekit.validation.findings import CHECKS, Check, Diagnostic, Severity, diagnostic
from cablekit.validation.head import KNOWN_CAPTIONS

__all__ = [
    "CHECKS",
    "EXECUTIVE_ORDERS",
    "KNOWN_CAPTIONS",
    "Check",
    "Diagnostic",
    "Severity",
    "check",
    "diagnose_parse_error",
]

_CHECKERS = (*header.CHECKERS, *head.CHECKERS, *paragraphs.CHECKERS, *sections.CHECKERS)


def check(cable: Cable) -> list[Diagnostic]:
    """Check a parsed cable's structure and return the findings, ordered by line (findings
    without a line first).  Never raises; the same cable always gives the same findings."""
    found = [finding for checker in _CHECKERS for finding in checker(cable)]
    return sorted(found, key=lambda d: (d.line or 0, d.code, d.message))


def diagnose_parse_error(error: CableParseError, *, name: str | None = None) -> Diagnostic:
    """The ``CK001`` finding for an input that holds no cable, from the parser's error.

    ``name`` is the file the error is about; a ``name: `` the message starts with is taken
    off, since the finding is shown after the file name anyway.
    """
    reason = error.reason
    if name and reason.startswith(f"{name}: "):
        reason = reason[len(name) + 2 :]
    return diagnostic("CK001", reason, error.line)
