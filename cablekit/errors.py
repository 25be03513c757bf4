"""Exceptions raised by cablekit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; both modules import nothing else of cablekit
    from cablekit.models import Cable
    from cablekit.validation.findings import Diagnostic


class CableError(Exception):
    """Base class of every error cablekit raises on purpose."""


class CableParseError(CableError, ValueError):
    """The input holds nothing that looks like a cable.

    Carries where the parser gave up: ``line`` and ``column`` (1-based) and the offending
    ``text`` of that line, so a person can find and fix it.
    """

    def __init__(self, message: str, *, line: int = 1, column: int = 1, text: str = "") -> None:
        self.reason = message
        self.line = line
        self.column = column
        self.text = text
        where = f"line {line}, column {column}"
        shown = f"\n    {text}" if text else ""
        super().__init__(f"{message} ({where}){shown}")


class CableValidationError(CableError, ValueError):
    """``parse(..., strict=True)`` found error-level problems in the cable's structure.

    Carries the error-level findings as ``diagnostics`` (a list of
    :class:`~cablekit.Diagnostic`, ordered by line) and the parsed ``cable`` itself, so a
    caller can still look at what was read.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic], *, cable: Cable | None = None) -> None:
        self.diagnostics = list(diagnostics)
        self.cable = cable
        shown = "\n".join(
            f"    {'' if d.line is None else f'line {d.line}: '}{d.code} {d.message}"
            for d in self.diagnostics[:10]
        )
        more = len(self.diagnostics) - 10
        tail = f"\n    ... and {more} more" if more > 0 else ""
        count = len(self.diagnostics)
        noun = "error" if count == 1 else "errors"
        super().__init__(f"the cable has {count} structural {noun}:\n{shown}{tail}")
