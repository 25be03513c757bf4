"""The lexer: cable text to one line (a token of the parser) per line, with the parts of the
line's kind.

Every line kind is a terminal of ``cable.lark`` named ``..._LINE``, matched whole with its
newline; the named groups of its pattern are the line's parts.  The lexer tries the kinds in
the order the grammar gives them (priority, then the order they are written in), and makes
each line a :class:`~cablekit.grammar.parts.Line` with the match: the field readers take the
parts from there.  The parser is given a token of each line, which carries the line
(:mod:`cablekit.grammar.tokens`); with the fast paths most cables need no parse, and no token.

From the first paragraph marker on, the grammar has nothing but paragraphs, so only the
text's own kinds are tried (:data:`TEXT_KINDS`), and the plain lines between two lines of
those kinds make one line, a *run* (the parser then handles a paragraph in a few tokens,
not one per line).  Lines of other kinds are plain text there: the parser would read them so.

Lark drives the lexer (``Lark(..., lexer=CableLexer)``): the parser hands it a
:class:`Lines`, which keeps its place in the text, so that the parse can resume after a
line the parser does not take (:mod:`cablekit.grammar.parser`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lark import Token
from lark.common import LexerConf
from lark.lexer import Lexer, TerminalDef

from cablekit import _fast
from cablekit.grammar.context import FIELD_KINDS, FIELD_RUN_ON, cover_as_lead, in_context
from cablekit.grammar.fast import HeaderShape
from cablekit.grammar.parts import BLANK, NEW_TEXT, PARAGRAPH, TEXT, TEXT_KINDS, Line, group_name
from cablekit.grammar.runs import RUNS_ON, plain_run, run_on
from cablekit.grammar.tokens import Item, RunOn, token_maker

__all__ = [
    "CableLexer",
    "LineKinds",
    "Lines",
    "ScannersByFirst",
    "TextPiece",
    "text_items",
    "text_pieces",
]

_LINE_SUFFIX = "_LINE"
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_INDENT = re.compile(r"[ \t]*")
_INDENT_CHARACTERS = " \t"


class LineKinds:
    """The line kinds of the grammar, compiled into scanners that try them in order."""

    def __init__(self, terminals: Sequence[TerminalDef]) -> None:
        kinds = [t for t in terminals if t.name.endswith(_LINE_SUFFIX) or t.name == BLANK]
        # highest priority first; among equals, the order the grammar writes them in
        order = {t.name: index for index, t in enumerate(kinds)}
        kinds.sort(key=lambda t: (-t.priority, order[t.name]))
        self.names = tuple(t.name for t in kinds)
        regexps = {t.name: t.pattern.to_regexp() for t in kinds}
        portion_mark = next(t for t in terminals if t.name == "PORTION_MARK").pattern.to_regexp()
        #: a line that opens with a portion mark, after a marker's number or not:
        #: "(SBU) Poloff delivered reftel...", "1, (C) Summary."
        self.portion_marked = re.compile(
            r"[ \t]*(?:[0-9]{1,2}[.,][ \t]*)?" + portion_mark + r"[ \t]"
        )
        #: the letter of a REF item: "(B)" of "(B) 7 FAM 180"
        self.reference_letter = re.compile(
            next(t for t in terminals if t.name == "REFERENCE_LETTER").pattern.to_regexp()
        )
        self._patterns = {name: _named_for(name, regexp) for name, regexp in regexps.items()}
        #: what each kind's lines can start with, after their indent (None: anything)
        self._first = {name: _first_characters(regexp) for name, regexp in regexps.items()}
        self._by_names: dict[tuple[str, ...], re.Pattern[str]] = {}
        text_names = [n for n in self.names if n in TEXT_KINDS or n in (TEXT, BLANK)]
        #: every kind: what a line is before the text begins
        self.head = self._scanner(self.names)
        #: the text's kinds, plain lines and blank lines: what a line is in the text
        self.text = self._scanner(text_names)
        #: :attr:`head` for a line's first character (after its indent)
        self.head_for = ScannersByFirst(self, self.names)
        #: :attr:`text` for a line's first character (after its indent)
        self.text_for = ScannersByFirst(self, text_names)

    def _scanner(self, names: Sequence[str]) -> re.Pattern[str]:
        scanner = self._by_names.get(tuple(names))
        if scanner is None:
            alternatives = (f"(?P<{name}>{self._patterns[name]})" for name in names)
            scanner = self._by_names[tuple(names)] = re.compile("|".join(alternatives))
        return scanner

    def scanner_for(self, names: Sequence[str], char: str) -> re.Pattern[str]:
        """The scanner of ``names`` less the kinds whose lines cannot start with ``char``
        (after their indent), in upper or lower case: on a line that starts so, it finds the
        same kind.

        A kind left in that cannot start so fails at its lookahead at once; a letter and its
        other case share a scanner, and a scanner is compiled once for both (compiling one
        takes about a millisecond, the first time a text has a line starting so)."""
        chars = {char, char.lower(), char.upper()}
        return self._scanner(
            [
                name
                for name in names
                if (first := self._first[name]) is None
                or any(first.fullmatch(one) for one in chars)
            ]
        )

    def kind(self, line: str) -> str:
        """The kind of one line (its newline may be left out)."""
        found = self.head.match(line if line.endswith("\n") else line + "\n")
        if found is None or found.lastgroup is None:  # TEXT_LINE and BLANK take any line
            raise AssertionError(f"no line kind matches {line!r}")
        return found.lastgroup


class ScannersByFirst:
    """The scanners of some line kinds by a line's first character after its indent
    (:meth:`LineKinds.scanner_for`), each made once: ``scanners("R")``, or
    ``scanners.known.get("R")`` for one already made."""

    #: at most this many characters are remembered, however many a hostile text has
    LIMIT = 1024

    def __init__(self, kinds: LineKinds, names: Sequence[str]) -> None:
        self._kinds = kinds
        self._names = tuple(names)
        self.known: dict[str, re.Pattern[str]] = {}

    def __call__(self, char: str) -> re.Pattern[str]:
        scanner = self.known.get(char)
        if scanner is None:
            scanner = self._kinds.scanner_for(self._names, char)
            if len(self.known) < self.LIMIT:
                self.known[char] = scanner
        return scanner


# the indent and the lookahead a line kind opens with, its tab as Lark gives it or escaped
_LOOKAHEADS = ("[ \t]*(?=", "[ \\t]*(?=")


def _first_characters(regexp: str) -> re.Pattern[str] | None:
    """The lookahead a line kind opens with, ``[ \\t]*(?=[ZOPR])``, as a pattern of one
    character; None when the kind has none (its lines may start with anything)."""
    prefix = next((p for p in _LOOKAHEADS if regexp.startswith(p)), None)
    if prefix is None:
        return None
    depth, index, in_class = 1, len(prefix), False
    while depth:
        char = regexp[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if regexp[index + 1] == "]":  # a "]" first in a class is a member
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        index += 1
    return re.compile(regexp[len(prefix) : index - 1])


def _named_for(kind: str, regexp: str) -> str:
    """``regexp`` with each group named after its kind too (:func:`group_name`)."""
    named = _NAMED_GROUP.sub(lambda m: f"(?P<{group_name(kind, m[1])}>", regexp)
    before, after = re.compile(regexp).groupindex, re.compile(named).groupindex
    if {group_name(kind, name): index for name, index in before.items()} != dict(after):
        raise ValueError(f"the groups of {kind} could not be named: {regexp}")
    return named


class Lines:
    """The input of one parse: the text, and where the lexer is in it.

    Lark asks the lexer for tokens again when it resumes after a line the parser did not
    take; the same stream then goes on from where it was.  With ``text_apart`` the stream
    ends at the first paragraph marker, and :attr:`text_at` says where the text after it
    begins (:func:`text_items` lexes it).
    """

    def __init__(
        self, text: str, *, text_apart: bool = False, header_apart: HeaderShape | None = None
    ) -> None:
        if not text.endswith("\n"):
            text += "\n"
        self.text = text
        self.text_apart = text_apart
        #: the position and number of the line after the first marker, once the lexer is there
        self.text_at: tuple[int, int] | None = None
        #: with a header shape, the lines of a header after its first line are kept here, not
        #: given to the parser (see :func:`_tokens`)
        self.header_apart = header_apart
        self.header_lines: list[Line] = []
        self._stream: Iterator[Item] | None = None

    def stream(self, kinds: LineKinds) -> Iterator[Item]:
        """The lines of the text, as the parser is to be given them: made once, then the
        same stream each time."""
        if self._stream is None:
            items = cover_as_lead(_tokens(self, kinds))
            self._stream = in_context(items, kinds.portion_marked, kinds.reference_letter)
        return self._stream

    def replay(self, items: list[Item]) -> None:
        """Make ``items``, the whole stream read beforehand, the stream from now on."""
        self._stream = iter(items)


class CableLexer(Lexer):
    """Lark's lexer for the cable grammar (``Lark(..., lexer=CableLexer)``)."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        self.kinds = LineKinds(list(lexer_conf.terminals))

    def lex(self, data: Lines) -> Iterator[Token]:  # type: ignore[override]
        """The tokens of ``data``, which Lark passes on from ``Lark.parse``."""
        return map(token_maker(), data.stream(self.kinds))


# ---------------------------------------------------------------------------------------------
# Lexing
# ---------------------------------------------------------------------------------------------


def _tokens(lines: Lines, kinds: LineKinds) -> Iterator[Item]:
    """One line per line up to the first paragraph marker, then the text's lines.

    With a header shape (:attr:`Lines.header_apart`), the lines of a transmission header that
    opens the copy are kept in :attr:`Lines.header_lines` after its first line, and not given
    to the parser: the lines of the kinds a header goes on with (:attr:`HeaderShape.items`),
    up to a line of a kind that ends it.  A line of a kind the grammar does not allow there (a
    date line) still goes to the parser, which reads it as a plain line of the header.  A
    plain line after a blank line is taken as the ``NEW_TEXT_LINE`` it is in the header.

    With the fast paths on, a plain line outside a head field and the plain lines right
    below it are one line, a run (:func:`~cablekit.grammar.runs.plain_run`), as
    :func:`~cablekit.grammar.context.in_context` would join them, and the lines a head field
    runs on over are one item (:func:`~cablekit.grammar.runs.run_on`, a :class:`RunOn`).
    """
    text = lines.text
    scanner = kinds.head
    fast = _fast.ENABLED
    head_for = kinds.head_for
    # the scanners by first character, looked up here: line_at's look-up, without a call a line
    known = head_for.known
    indent = _INDENT.match
    shape = lines.header_apart
    kept = lines.header_lines
    # where the lexer is as to a header kept apart: before the first line, in the header,
    # past it (or none to keep apart)
    header = _BEFORE if shape is not None else _PAST
    position = 0
    number = 1
    after_blank = True  # the first line starts a block, as a line after a blank one does
    end = len(text)
    # a Line made in C, not through its Python constructor (the same tuple): a line each
    new = tuple.__new__
    # whether a head field may go on below the line (see runs.plain_run); a line matched ahead
    in_field = False
    ahead: re.Match[str] | None = None
    # (fast path) the line above opens a head field: the lines it runs on over may be one item
    below_field = False
    while position < end:
        if ahead is not None:
            found, ahead = ahead, None
        elif fast:
            first = text[position]
            if first in _INDENT_CHARACTERS:
                first = text[indent(text, position).end()]  # type: ignore[union-attr]
            found = (known.get(first) or head_for(first)).match(text, position)  # type: ignore[assignment]
        else:
            found = scanner.match(text, position)  # type: ignore[assignment]
        if found is None or found.lastgroup is None:  # TEXT_LINE and BLANK take any line
            raise AssertionError(f"no line kind matches line {number}")
        kind = found.lastgroup
        if below_field:
            below_field = False
            below = found.end()
            # one line alone, a blank line below it, is no run (the common case)
            if kind in RUNS_ON and below < end and text[below] != "\n" and header is _PAST:
                field_lines, stop, ahead = run_on(
                    text, found, number, head_for, kinds.portion_marked
                )
                if len(field_lines) > 1:
                    first_line = field_lines[0]
                    yield RunOn(
                        first_line.kind,
                        text[position:stop],
                        number,
                        first_line.after_blank,
                        first_line.match,
                        len(field_lines),
                        tuple(field_lines),
                    )
                    number += len(field_lines)
                    position = stop
                    continue
        if kind == BLANK:
            after_blank = True
            position = found.end()
            number += text.count("\n", found.start(), position)
            continue
        if kind != TEXT:
            if kind in FIELD_KINDS:
                in_field = True
                below_field = fast
            else:
                in_field = in_field and kind in FIELD_RUN_ON
        parts = None if kind == TEXT else found  # a plain line has no parts
        if header is not _PAST:
            if header is _IN:
                placed = NEW_TEXT if kind == TEXT and after_blank else kind
                if placed in shape.items:  # type: ignore[union-attr]
                    kept.append(new(Line, (placed, found.group(), number, after_blank, parts, 1)))
                    after_blank = False
                    number += 1
                    position = found.end()
                    continue
                if placed in shape.ends:  # type: ignore[union-attr]
                    header = _PAST
            else:
                header = _IN if kind in shape.rules else _PAST  # type: ignore[union-attr]
        if kind == TEXT and fast and not in_field and header is _PAST:
            stop, count, ahead = plain_run(text, found.end(), head_for)
            yield new(Line, (TEXT, text[position:stop], number, after_blank, None, count))
            after_blank = False
            number += count
            position = stop
            continue
        yield new(Line, (kind, found.group(), number, after_blank, parts, 1))
        after_blank = False
        number += 1
        position = found.end()
        if kind == PARAGRAPH:
            lines.text_at = (position, number)
            if not lines.text_apart:
                yield from text_items(text, position, number, kinds)
            return


# where _tokens is as to a header kept apart
_BEFORE, _IN, _PAST = object(), object(), object()


#: a line (or run) of the text: kind, text, position, line number, whether a blank line comes
#: before it, the scanner's match (None for plain lines) and how many lines it holds
TextPiece = tuple[str, str, int, int, bool, "re.Match[str] | None", int]


def text_items(text: str, position: int, number: int, kinds: LineKinds) -> Iterator[Line]:
    """The lines of the text from ``position`` (line ``number``) on, right after a marker."""
    for kind, value, _, line, after_blank, match, line_count in text_pieces(
        text, position, number, kinds
    ):
        yield Line(kind, value, line, after_blank, match, line_count)


def text_pieces(text: str, position: int, number: int, kinds: LineKinds) -> Iterator[TextPiece]:
    """The lines of the text from ``position`` (line ``number``) on, right after a marker.

    A line of one of :data:`TEXT_KINDS` is a piece; the plain lines between such lines and
    blank lines are one piece, a run.  (:func:`cablekit.grammar.fast.text_lines` finds the
    same pieces faster.)
    """
    scanner = kinds.text
    after_blank = False
    plain = position  # where the plain lines not yet made a piece start
    plain_number = number
    end = len(text)
    while position < end:
        found = scanner.match(text, position)
        if found is None or found.lastgroup is None:  # TEXT_LINE and BLANK take any line
            raise AssertionError(f"no line kind matches line {number}")
        kind = found.lastgroup
        lines = found.group().count("\n") if kind == BLANK else 1
        if kind != TEXT:
            if position > plain:
                yield (
                    TEXT,
                    text[plain:position],
                    plain,
                    plain_number,
                    after_blank,
                    None,
                    number - plain_number,
                )
                after_blank = False
            if kind == BLANK:
                after_blank = True
            else:
                yield (kind, found.group(), position, number, after_blank, found, 1)
                after_blank = False
            plain = found.end()
            plain_number = number + lines
        number += lines
        position = found.end()
    if end > plain:
        yield (TEXT, text[plain:end], plain, plain_number, after_blank, None, number - plain_number)
