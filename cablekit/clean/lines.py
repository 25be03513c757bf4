"""The text being cleaned, kept as lines that remember where they came from, and the result.

A pass of the cleaning stage works on a :class:`Cleaner`: its :attr:`~Cleaner.lines`, each a
:class:`Line` holding the (1-based) line of the original input it came from, and its
:attr:`~Cleaner.repairs`.  A pass that splits a line gives every piece the origin of the line;
one that removes a line drops it.  So ``DE RUEHFR #7101/01 3030908 ZNY CCCCC`` on input line 3,
split in two, is two lines of origin 3, and the :class:`Cleaned` result can translate the line
numbers of the parsed cable back to the input (:meth:`Cleaned.restore`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cablekit.models import Cable, Repair

__all__ = ["Cleaned", "Cleaner", "Line", "Pass", "first_word", "run"]


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text, the repairs made, and where each cleaned line came from."""

    #: the text to parse, LF line endings
    text: str
    #: the repairs made, with lines of the original input, in line order
    repairs: tuple[Repair, ...] = ()
    #: the original (1-based) line of each cleaned line, ``moved[n - 1]`` for line ``n``, when
    #: cleaning removed or split lines; ``None`` when line ``n`` is input line ``n`` throughout,
    #: as in most copies, which then need no table of lines
    moved: tuple[int, ...] | None = None

    @property
    def origins(self) -> tuple[int, ...]:
        """The original (1-based) line of each cleaned line: ``origins[n - 1]`` for line ``n``."""
        if self.moved is None:
            return tuple(range(1, self.text.count("\n") + 2))
        return self.moved

    def original_line(self, line: int) -> int:
        """The original input line of cleaned line ``line`` (1-based)."""
        origins = self.moved
        if origins is None:
            return line
        if 1 <= line <= len(origins):
            return origins[line - 1]
        if origins and line > len(origins):
            return origins[-1] + (line - len(origins))
        return line

    @property
    def changed(self) -> bool:
        """Whether cleaning changed anything (text or line numbering)."""
        return bool(self.repairs) or self.moved is not None

    def restore(self, cable: Cable) -> Cable:
        """``cable`` (parsed from :attr:`text`) with original line numbers and all repairs.

        Line numbers of paragraphs, unparsed lines and of the repairs made while building the
        cable are translated back to the original input; the cleaning repairs come first when
        two repairs share a line.
        """
        if not self.changed:
            return cable
        line = self.original_line
        paragraphs = [p.model_copy(update={"line": line(p.line)}) for p in cable.paragraphs]
        unparsed = [u.model_copy(update={"line": line(u.line)}) for u in cable.unparsed]
        built = [r.model_copy(update={"line": line(r.line)}) for r in cable.repairs]
        repairs = sorted([*self.repairs, *built], key=lambda repair: repair.line)
        return cable.model_copy(
            update={"paragraphs": paragraphs, "unparsed": unparsed, "repairs": repairs}
        )


@dataclass(slots=True)
class Line:
    """One line of the text being cleaned and the input line it came from."""

    #: the (1-based) line of the original input
    origin: int
    #: the line as cleaned so far, without its line break
    text: str


class Cleaner:
    """The text being cleaned: its lines, the repairs made so far, where its pages start."""

    def __init__(self, text: str) -> None:
        #: the input, for the whole-text tests of the first pass
        self.text = text
        self.lines = [Line(number, line) for number, line in enumerate(text.split("\n"), 1)]
        self.repairs: list[Repair] = []
        #: where pages start, read before the form feeds are removed
        self.page_starts = (
            [i for i, line in enumerate(self.lines) if "\f" in line.text and i > 0]
            if "\f" in text
            else []
        )

    def record(self, kind: str, origin: int, before: str, after: str) -> None:
        """Note a repair of ``kind`` on input line ``origin``."""
        self.repairs.append(Repair(kind=kind, line=origin, before=before, after=after))

    def substitute(
        self,
        kind: str,
        pattern: re.Pattern[str],
        replace: Callable[[re.Match[str]], str],
        triggers: tuple[str, ...],
        whole: str,
        gate: re.Pattern[str] | None = None,
    ) -> None:
        """Replace every match of ``pattern`` in each line, one repair per match.

        ``whole`` is the input text: when it holds none of ``triggers``, or nothing that
        ``gate`` (else the pattern) matches, no line is searched; nor is a line without any
        of ``triggers``.
        """
        if not any(trigger in whole for trigger in triggers):
            return
        if (gate or pattern).search(whole) is None:
            return
        for line in self.lines:
            if not any(trigger in line.text for trigger in triggers):
                continue
            if pattern.search(line.text) is None:
                continue
            pieces: list[str] = []
            end = 0
            for match in pattern.finditer(line.text):
                after = replace(match)
                if after == match.group(0):
                    continue
                pieces.append(line.text[end : match.start()])
                pieces.append(after)
                end = match.end()
                self.record(kind, line.origin, match.group(0), after)
            if pieces:
                pieces.append(line.text[end:])
                line.text = "".join(pieces)

    def drop(self, kind: str, indexes: set[int], ending: str = "") -> None:
        """Remove the lines at ``indexes``; the repair of each has ``before`` its text and
        ``ending``."""
        kept: list[Line] = []
        for index, line in enumerate(self.lines):
            if index in indexes:
                self.record(kind, line.origin, line.text + ending, "")
            else:
                kept.append(line)
        self.lines = kept

    def result(self) -> Cleaned:
        """The cleaned text, its repairs in line order and the origin of each line."""
        self.repairs.sort(key=lambda repair: repair.line)
        if not self.lines:  # everything was furniture: one empty line is left
            self.lines = [Line(1, "")]
        origins = tuple(line.origin for line in self.lines)
        return Cleaned(
            text="\n".join(line.text for line in self.lines),
            repairs=tuple(self.repairs),
            moved=None if origins == tuple(range(1, len(origins) + 1)) else origins,
        )


def first_word(text: str) -> str:
    """The first word of ``text``, or ``""``: what a repair that cuts a line before it shows."""
    words = text.split(None, 1)
    return words[0] if words else ""


#: a cleaning pass: it changes the lines of the cleaner and records a repair for each change
Pass = Callable[[Cleaner], None]


def run(text: str, passes: Iterable[Pass]) -> Cleaned:
    """Run every pass of ``passes``, in order, over ``text``: the plain cleaning stage."""
    cleaner = Cleaner(text)
    for run_pass in passes:
        run_pass(cleaner)
    return cleaner.result()
