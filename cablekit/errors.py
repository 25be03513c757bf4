"""Exceptions raised by cablekit."""

from __future__ import annotations


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
