"""Exceptions raised by cablekit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # for annotations only; both modules import nothing else of cablekit
    from cablekit.models import Cable
    from cablekit.validation.findings import Diagnostic


_E = TypeVar("_E", bound="CableError")


class CableError(Exception):
    """Base class of every error cablekit raises on purpose.

    An error about one input of many carries where it is: ``source`` (the file path as
    given, or ``<stdin>``), ``row`` (the row id of a cables.csv row), ``line`` (the line of
    ``source`` the problem is on: for a cables.csv row, the line the row starts on) and
    ``reference_id`` (the reference id a cables.csv row gives).  Each is ``None`` when not
    known.  Once ``source`` is known, ``str(error)`` starts with
    ``source:line: `` (``source: `` without a line), compiler style; :attr:`message` is the
    text without that prefix.
    """

    source: str | None = None
    row: int | None = None
    line: int | None = None
    reference_id: str | None = None

    def located(
        self: _E, source: str, *, row: int | None = None, line: int | None = None
    ) -> _E:
        """This error, now saying where it is (``row`` and ``line`` only replace what is
        known when they are given); returns the error itself, to be raised or yielded."""
        self.source = source
        if row is not None:
            self.row = row
        if line is not None:
            self.line = line
        return self

    @property
    def message(self) -> str:
        """What is wrong, without the ``source:line: `` prefix."""
        return super().__str__()

    def __str__(self) -> str:
        if self.source is None:
            return self.message
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class CableParseError(CableError, ValueError):
    """The input holds nothing that looks like a cable.

    Carries where the parser gave up: ``line`` and ``column`` (1-based) and the offending
    ``text`` of that line, so a person can find and fix it.
    """

    line: int

    def __init__(self, message: str, *, line: int = 1, column: int = 1, text: str = "") -> None:
        self.reason = message
        self.line = line
        self.column = column
        self.text = text
        #: the line of the parsed text the error is about (``line`` may become the line of a
        #: file the text starts on, once the error is located)
        self.text_line = line
        shown = f"\n    {text}" if text else ""
        super().__init__(f"{message} (line {line}, column {column}){shown}")

    @property
    def message(self) -> str:
        """What is wrong, without the ``source:line: `` prefix; where in the text, unless
        that prefix says it already."""
        if self.source is None:
            where = f" (line {self.text_line}, column {self.column})"
        elif self.line == self.text_line or self.text_line == 1:
            # the prefix names the line (a cables.csv row's first line is the line its text
            # starts on; an error about a whole file is about its first line)
            where = f" (column {self.column})" if self.column > 1 else ""
        else:
            where = f" (line {self.text_line} of its text, column {self.column})"
        shown = f"\n    {self.text}" if self.text else ""
        return f"{self.reason}{where}{shown}"


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
