"""Undo conversion damage before the grammar sees the text.

Copies of cables made by PDF extraction, OCR, Markdown or HTML converters carry damage that
has nothing to do with the cable format: ``¶`` turned into ``�`` or into LaTeX, ``<u>`` tags,
Markdown bullets, header lines run together on one line, blank lines inside wrapped fields,
paragraphs reflowed onto one line, PDF page furniture.  :func:`clean` undoes that damage, and
only where the text itself gives evidence for it, so a clean copy comes out unchanged.

Every change is recorded as a :class:`~cablekit.models.Repair` whose ``line`` is the line of
the original input.  Nothing is invented: a repair removes markup, moves a line break or
restores a ``¶`` whose damaged form is still there.  The kinds of repair are few and named
(:data:`REPAIR_KINDS`); ``docs/damaged-input.md`` shows an example of each.

Deciding what a damaged paragraph number was (``110.`` is ``¶10``) needs the whole sequence of
numbers, so that is done later, by :mod:`cablekit.paragraphs`, which records its own repairs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cablekit.models import Cable, Repair

__all__ = [
    "BLANK_LINE",
    "ENCODING",
    "HTML",
    "LATEX",
    "LOST_MARKER",
    "MARKDOWN",
    "PAGE_FURNITURE",
    "PARAGRAPH_NUMBER",
    "REFLOW",
    "REPAIR_KINDS",
    "RUN_TOGETHER",
    "Cleaned",
    "clean",
]

# ---------------------------------------------------------------------------------------------
# Repair kinds
# ---------------------------------------------------------------------------------------------

#: ``¶`` damaged by a wrong encoding: U+FFFD, ``Â¶`` (UTF-8 read as cp1252), other mojibake.
ENCODING = "encoding"
#: HTML tags (``<u>PREL</u>``) and character references (``&para;``).
HTML = "html"
#: Markdown residue: list bullets, ``## `` headings, emphasis, backslash escapes.
MARKDOWN = "markdown"
#: LaTeX for ``¶``: ``$\underline{\P}$``, ``\P``.
LATEX = "latex"
#: Format lines of the transmission header run together on one line, split back.
RUN_TOGETHER = "run-together"
#: A blank line inside a wrapped field (header, TAGS, SUBJECT, Classified By), removed.
BLANK_LINE = "blank-line"
#: Paragraphs reflowed onto one line, split back at their markers.
REFLOW = "reflow"
#: PDF page furniture: form feeds, ``Page N of M``, repeated page headers and footers.
PAGE_FURNITURE = "page-furniture"
#: A damaged paragraph number read from the sequence (``110.`` as ``¶10``); by paragraphs.py.
PARAGRAPH_NUMBER = "paragraph-number"
#: A paragraph whose marker was lost, numbered from the gap it fills; by paragraphs.py.
LOST_MARKER = "lost-marker"

#: Every repair kind, in the order the documentation lists them.
REPAIR_KINDS = (
    ENCODING,
    HTML,
    MARKDOWN,
    LATEX,
    PAGE_FURNITURE,
    RUN_TOGETHER,
    BLANK_LINE,
    REFLOW,
    PARAGRAPH_NUMBER,
    LOST_MARKER,
)


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text, the repairs made, and where each cleaned line came from."""

    #: the text to parse, LF line endings
    text: str
    #: the repairs made, with lines of the original input, in line order
    repairs: tuple[Repair, ...]
    #: the original (1-based) line of each cleaned line: ``origins[n - 1]`` for line ``n``
    origins: tuple[int, ...]

    def original_line(self, line: int) -> int:
        """The original input line of cleaned line ``line`` (1-based)."""
        if 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        if self.origins and line > len(self.origins):
            return self.origins[-1] + (line - len(self.origins))
        return line

    @property
    def changed(self) -> bool:
        """Whether cleaning changed anything (text or line numbering)."""
        return bool(self.repairs) or self.origins != tuple(range(1, len(self.origins) + 1))

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


# ---------------------------------------------------------------------------------------------
# Working state: lines with the original line each came from
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    origin: int
    text: str


class _Cleaner:
    def __init__(self, text: str) -> None:
        #: the input, for the whole-text tests of the first pass
        self.text = text
        self.lines = [_Line(number, line) for number, line in enumerate(text.split("\n"), 1)]
        self.repairs: list[Repair] = []
        # where pages start, read before the form feeds are removed
        self.page_starts = (
            [i for i, line in enumerate(self.lines) if "\f" in line.text and i > 0]
            if "\f" in text
            else []
        )

    def record(self, kind: str, origin: int, before: str, after: str) -> None:
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

    def result(self) -> Cleaned:
        self.repairs.sort(key=lambda repair: repair.line)
        if not self.lines:  # everything was furniture: one empty line is left
            self.lines = [_Line(1, "")]
        return Cleaned(
            text="\n".join(line.text for line in self.lines),
            repairs=tuple(self.repairs),
            origins=tuple(line.origin for line in self.lines),
        )


# ---------------------------------------------------------------------------------------------
# Characters: encodings, HTML, LaTeX, Markdown
# ---------------------------------------------------------------------------------------------

# A damaged ¶ where a paragraph marker or a lettered item starts: "�1.  (SBU)", "�B. PARIS".
_MARKER_AHEAD = r"(?=[ \t]*(?:[0-9]{1,4}|[A-Z])[.)])"
_BAD_PILCROW = re.compile(r"(?:\ufffd|\u00c2\u00b6)" + _MARKER_AHEAD)
# A lone surrogate cannot go into JSON.  "\udcb6" is the byte 0xB6 kept by "surrogateescape"
# decoding (a cp1252 file read as UTF-8): it is read as cp1252; any other becomes U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
# "Â¶" is the UTF-8 of ¶ read as cp1252: it is ¶ wherever it stands.
_MOJIBAKE_PILCROW = re.compile("\u00c2\u00b6")
# Lines with other mojibake ("â€™", "Ã©") are read again as UTF-8 when that works.
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152-\u2122]")

_TAG_NAMES = (
    "u|b|i|s|em|strong|br|p|span|div|sup|sub|small|big|font|a|td|tr|th|table|tbody|thead"
    "|pre|code|tt|ins|del|strike|center|hr|h[1-6]|li|ul|ol|blockquote"
)
_HTML_TAG = re.compile(r"</?(?:" + _TAG_NAMES + r")\b(?:[ \t][^<>\n]{0,200})?/?>", re.IGNORECASE)
# A well-formed character reference, decoded only when HTML knows it (so "R&D;" stays).
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

_LATEX_PILCROW = re.compile(
    r"\$[ \t]*\\underline\{[ \t]*\\P[ \t]*\}[ \t]*\$"
    r"|\\underline\{[ \t]*\\P[ \t]*\}"
    r"|\$[ \t]*\\(?:P|mathparagraph)[ \t]*\$"
    r"|\\textparagraph(?:\{\})?"
    r"|\\P(?![A-Za-z])"
)

_MD_HEADING = re.compile(r"^([ \t]{0,3})#{1,6}[ \t]+(?P<text>[^\n]*)$", re.MULTILINE)
# emphasis hugs its text: "**Comment**", "*Note*", "__x__", "_x_"; "** Visit ... **" is not
_MD_EMPHASIS = re.compile(
    r"(?<![\w*\\])(?P<mark>\*\*|__)(?=[^\s*_])(?P<text>[^\n]{0,200}?[^\s*_])(?P=mark)(?![\w*])"
    r"|(?<![\w*\\])(?P<mark1>[*_])(?=[^\s*_])(?P<text1>[^*_\n]*?[^\s*_\\])(?P=mark1)(?![\w*])"
)
# cheap test for a text that may hold emphasis at all
_MD_EMPHASIS_GATE = re.compile(r"[*_][^\s*_]")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&$])")
# a Markdown list bullet in front of a paragraph marker, a ¶, or a "--" bullet of the cable
_MD_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<bullet>[-*+][ \t]+)(?=(?:¶[ \t]*)?[0-9]{1,4}\.[ \t(]|¶|--)",
    re.MULTILINE,
)
_MD_BULLET_ON_MARKER = re.compile(r"^[ \t]*[-*+][ \t]+(?:¶[ \t]*)?[0-9]{1,4}\.[ \t(]")
_MD_BULLETS_ON_MARKERS = re.compile(r"^[ \t]*[-*+][ \t]+(?:¶|\\|\$|[0-9])", re.MULTILINE)


def _replace_surrogates(cleaner: _Cleaner, line: _Line) -> None:
    """Replace the lone surrogates of ``line``; ``before`` is written as an escape."""
    pieces: list[str] = []
    for character in line.text:
        code = ord(character)
        if not 0xD800 <= code <= 0xDFFF:
            pieces.append(character)
            continue
        after = "\ufffd"
        if 0xDC80 <= code <= 0xDCFF:
            byte = bytes([code - 0xDC00])
            try:
                after = byte.decode("cp1252")
            except UnicodeDecodeError:
                after = byte.decode("latin-1")
        cleaner.record(ENCODING, line.origin, f"\\u{code:04x}", after)
        pieces.append(after)
    line.text = "".join(pieces)


def _decode_mojibake(text: str) -> str:
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _fix_characters(cleaner: _Cleaner) -> None:
    """Form feeds, encodings, HTML, LaTeX and Markdown (the first pass: the text is the input)."""
    text = cleaner.text
    if "\f" in text:
        for line in cleaner.lines:
            if "\f" in line.text:
                cleaner.record(PAGE_FURNITURE, line.origin, "\f", "")
                line.text = line.text.replace("\f", "")
    if ("\u00c2" in text or "\u00c3" in text or "\u00e2" in text) and _MOJIBAKE_HINT.search(text):
        for line in cleaner.lines:
            if _MOJIBAKE_HINT.search(line.text):
                decoded = _decode_mojibake(line.text)
                if decoded != line.text:
                    cleaner.record(ENCODING, line.origin, line.text, decoded)
                    line.text = decoded
    substitute = cleaner.substitute
    if _SURROGATE.search(text):
        for line in cleaner.lines:
            _replace_surrogates(cleaner, line)
    substitute(ENCODING, _MOJIBAKE_PILCROW, lambda m: "¶", ("\u00c2",), text)
    substitute(ENCODING, _BAD_PILCROW, lambda m: "¶", ("\ufffd", "\u00c2"), text)
    substitute(HTML, _ENTITY, lambda m: html.unescape(m.group(0)), ("&",), text)
    substitute(HTML, _HTML_TAG, lambda m: "", ("<",), text)
    substitute(LATEX, _LATEX_PILCROW, lambda m: "¶", ("\\",), text)
    substitute(MARKDOWN, _MD_ESCAPE, lambda m: m.group(1), ("\\",), text)
    substitute(MARKDOWN, _MD_HEADING, _heading_text, ("#",), text)
    substitute(MARKDOWN, _MD_EMPHASIS, _emphasis_text, ("*", "_"), text, _MD_EMPHASIS_GATE)
    # Bullets go only when the copy shows it is Markdown: a bullet in front of a paragraph
    # marker (the seed's "- 15. (C)"); then also in front of the cable's own "--" bullets.
    bulleted = "- " in text or "* " in text or "+ " in text
    if (
        bulleted
        and _MD_BULLETS_ON_MARKERS.search(text)
        and any(_MD_BULLET_ON_MARKER.match(line.text) for line in cleaner.lines)
    ):
        gate = _MD_BULLETS_ON_MARKERS
        substitute(MARKDOWN, _MD_BULLET, lambda m: m["indent"], ("-", "*", "+"), text, gate)


def _heading_text(match: re.Match[str]) -> str:
    """"## Comment ##" -> "Comment": the text without its closing hashes."""
    words = match["text"].rstrip(" \t")
    stripped = words.rstrip("#")
    if stripped != words and (not stripped or stripped[-1] in " \t"):
        words = stripped.rstrip(" \t")
    return str(match.group(1)) + words


def _emphasis_text(match: re.Match[str]) -> str:
    return match["text"] if match["text"] is not None else match["text1"]


# ---------------------------------------------------------------------------------------------
# Page furniture
# ---------------------------------------------------------------------------------------------

_PAGE_N_OF_M = re.compile(
    r"^[ \t]*(?:-[ \t]*)?Page[ \t]+[0-9]{1,4}[ \t]*(?:of|/)[ \t]*[0-9]{1,4}[ \t]*(?:-[ \t]*)?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9]+")
_HAS_WORD = re.compile(r"[A-Za-z#]")
_EDGE = 2  # how many non-blank lines at the top and bottom of a page can be furniture


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()))


# the page header of an old printout, broken over lines by PDF text extraction (00HANOI686):
#   CONFIDENTIAL / PAGE 02 / HANOI 00686 01 OF 07 050821Z
_PRINTOUT_PAGE = re.compile(r"^[ \t]*PAGE[ \t]+[0-9]{2,3}[ \t]*$")
_PRINTOUT_CLASSIFICATION = re.compile(
    r"^[ \t]*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]*$"
)
_PRINTOUT_PAGE_LINE = re.compile(
    r"^[ \t]*[A-Z][A-Z .'-]*[ \t]+[0-9]{5}[ \t]+[0-9]{2}[ \t]+OF[ \t]+[0-9]{2}[ \t]+[0-9]{6}Z"
    r"[ \t]*$"
)


def _printout_page_headers(lines: list[_Line], furniture: set[int]) -> None:
    """Mark printout page headers broken over lines, when there are at least two."""
    pages = [
        i for i, line in enumerate(lines) if "PAGE" in line.text and _PRINTOUT_PAGE.match(line.text)
    ]
    if len(pages) < 2:
        return
    for index in pages:
        furniture.add(index)
        if index > 0 and _PRINTOUT_CLASSIFICATION.match(lines[index - 1].text):
            furniture.add(index - 1)
        if index + 1 < len(lines) and _PRINTOUT_PAGE_LINE.match(lines[index + 1].text):
            furniture.add(index + 1)


def _remove_page_furniture(cleaner: _Cleaner) -> None:
    """Drop ``Page N of M`` lines, printout page headers, lines repeated at page edges."""
    lines = cleaner.lines
    page_starts = cleaner.page_starts
    furniture: set[int] = set()
    for index, line in enumerate(lines):
        if "age" in line.text and _PAGE_N_OF_M.match(line.text):
            furniture.add(index)
    # Pages: from the form feeds, else from the "Page N of M" lines.
    bounds = sorted(set(page_starts) | {i + 1 for i in furniture})
    _printout_page_headers(lines, furniture)
    pages: list[tuple[int, int]] = []
    start = 0
    for bound in [*bounds, len(lines)]:
        if bound > start:
            pages.append((start, bound))
            start = bound
    if len(pages) >= 2:
        # the same line (digits aside) on the same edge of most pages: a header or a footer
        edges: dict[tuple[str, str], list[int]] = {}
        for first, last in pages:
            body = [i for i in range(first, last) if lines[i].text.strip() and i not in furniture]
            for side, indexes in (("top", body[:_EDGE]), ("bottom", body[-_EDGE:])):
                for index in indexes:
                    edge = (side, _furniture_key(lines[index].text))
                    edges.setdefault(edge, []).append(index)
        needed = max(2, (len(pages) + 1) // 2)
        for (_, repeated), indexes in edges.items():
            if (
                len(indexes) >= needed
                and _HAS_WORD.search(repeated)
                and not _FIELD_OR_MARKER.match(lines[indexes[0]].text)
            ):
                furniture.update(indexes)
    if not furniture:
        return
    kept: list[_Line] = []
    for index, line in enumerate(lines):
        if index in furniture:
            cleaner.record(PAGE_FURNITURE, line.origin, line.text, "")
        else:
            kept.append(line)
    cleaner.lines = kept


# ---------------------------------------------------------------------------------------------
# Header lines run together
# ---------------------------------------------------------------------------------------------

_RI = r"R[A-Z]{3,6}"
_PROSIGN = r"(?:ZZ|OO|PP|RR|OP|PR|RP|OR|PO|ZO|ZP|ZR|RO)"
_MONTHS = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
# The format lines in header order; each pattern matches where that line starts.
_FORMAT_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("FL1", r"VZCZC[A-Z0-9]{0,10}(?![A-Za-z0-9])"),
        ("FL2", _PROSIGN + r"(?:[ \t]+" + _RI + r")+(?![A-Za-z0-9/])"),
        ("FL3", r"DE[ \t]+" + _RI + r"[ \t]*#[ \t]*[0-9]{1,5}(?:/[0-9]{1,3})?[ \t]+[0-9]{7}\b"),
        ("FL4", r"ZN[RY][ \t]+[UCSTE]{1,5}\b"),
        (
            "FL5",
            r"[ZOPR](?:[ \t]+[ZOPR])?[ \t]+[0-3][0-9][0-2][0-9][0-5][0-9]Z[ \t]*"
            + _MONTHS
            + r"[ \t]*[0-9]{2}\b",
        ),
        ("FM", r"FM[ \t]+(?=\S)"),
        ("TO", r"TO[ \t]+(?!PAGE\b)(?=\S)"),
        ("INFO", r"INFO[ \t]+(?=\S)"),
        ("XMT", r"XMT[ \t/]+(?=\S)"),
    )
)
# the same, where they start inside a line: right after a space
_AFTER_SPACE = {name: re.compile(r"(?<=[ \t])" + line.pattern) for name, line in _FORMAT_LINES}
_STRONG_FORMAT_LINES = frozenset({"FL1", "FL2", "FL3", "FL4", "FL5"})
# which format line may come right before each one when they are run together
_MAY_FOLLOW: dict[str, frozenset[str]] = {
    "FL1": frozenset(),
    "FL2": frozenset({"FL1"}),
    "FL3": frozenset({"FL1", "FL2"}),
    "FL4": frozenset({"FL3"}),
    "FL5": frozenset({"FL1", "FL2", "FL3", "FL4"}),
    "FM": frozenset({"FL5"}),
    "TO": frozenset({"FM"}),
    "INFO": frozenset({"TO"}),
    "XMT": frozenset({"TO", "INFO"}),
}
_ADDRESSEE_LISTS = frozenset({"TO", "INFO", "XMT"})
# where the next addressee starts inside a run-together list: its routing indicator ...
_NEXT_ADDRESSEE_RI = re.compile(r"(?<![ \t])[ \t]+(?=" + _RI + r"[ \t]*/[ \t]*[A-Z0-9])")
_LIST_KEYWORD = re.compile(r"[ \t]*(?:TO|INFO|XMT)[ \t/]+")
# ... or, without routing indicators, after a precedence and its sequence number
_AFTER_PRECEDENCE = re.compile(
    r"\b(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE)(?:[ \t]+[0-9]{4})?(?=[ \t]+[A-Z])"
)
# lines after which the transmission header is over
_TEXT_STARTS = re.compile(
    r"^[ \t]*(?:(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)\b"
    r"|C O N F|S E C R|U N C L|(?i:E\.?[ \t]?O\.?)[ \t]*[0-9]{5}|(?i:TAGS?|SUBJ(?:ECT)?)\b"
    r"|(?i:CLASSIFIED[ \t]+BY)|¶|[0-9]{1,2}\.[ \t(])"
)


def _format_line_at(text: str, position: int, names: Iterable[str]) -> tuple[str, int] | None:
    """The earliest format line among ``names`` that starts after ``position`` (at a space)."""
    best: tuple[str, int] | None = None
    for name in names:
        match = _AFTER_SPACE[name].search(text, position)
        if match is not None and (best is None or match.start() < best[1]):
            best = (name, match.start())
    return best


def _split_header_line(text: str) -> list[tuple[str, str]] | None:
    """Split a line holding several format lines; None when it holds only one."""
    stripped = text.lstrip(" \t")
    indent = len(text) - len(stripped)
    names = [name for name, _ in _FORMAT_LINES]
    first = None
    for index, (name, pattern) in enumerate(_FORMAT_LINES):
        if pattern.match(text, indent):
            first = (name, index)
            break
    if first is None:
        return None
    pieces: list[tuple[str, int]] = [(first[0], indent)]
    remaining = names[first[1] + 1 :]
    position = indent + 1
    while remaining:
        found = _format_line_at(text, position, remaining)
        if found is None or pieces[-1][0] not in _MAY_FOLLOW[found[0]]:
            break
        pieces.append(found)
        remaining = remaining[remaining.index(found[0]) + 1 :]
        position = found[1] + 1
    if len(pieces) < 2 or not _STRONG_FORMAT_LINES & {name for name, _ in pieces}:
        return None
    split: list[tuple[str, str]] = []
    for number, (name, start) in enumerate(pieces):
        end = pieces[number + 1][1] if number + 1 < len(pieces) else len(text)
        piece = text[start:end].rstrip(" \t")
        if name in _ADDRESSEE_LISTS:
            split.extend((name, addressee) for addressee in _split_addressees(piece))
        else:
            split.append((name, piece))
    return split


def _split_addressees(text: str) -> list[str]:
    """``TO A PRIORITY 0001 RUEHXX/B`` as one line per addressee."""
    keyword = _LIST_KEYWORD.match(text)
    first = keyword.end() if keyword else 0
    cuts = {match.start() for match in _NEXT_ADDRESSEE_RI.finditer(text, first)}
    cuts |= {match.end() for match in _AFTER_PRECEDENCE.finditer(text, first)}
    cuts = {cut for cut in cuts if cut > first and text[cut:].strip()}
    pieces: list[str] = []
    start = 0
    for cut in sorted(cuts):
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _first_word(text: str) -> str:
    words = text.split(None, 1)
    return words[0] if words else ""


def _header_end(lines: list[_Line]) -> int:
    for index, line in enumerate(lines):
        if _TEXT_STARTS.match(line.text):
            return index
    return len(lines)


def _split_run_together(cleaner: _Cleaner) -> None:
    """Split header lines that hold several format lines: ``DE ... ZNY ... O 300908Z ...``."""
    lines = cleaner.lines
    end = _header_end(lines)
    if end == 0:
        return
    result: list[_Line] = []
    for index, line in enumerate(lines):
        pieces = _split_header_line(line.text) if index < end else None
        if pieces is None:
            result.append(line)
            continue
        texts = [piece for _, piece in pieces]
        for piece in texts[1:]:
            first_word = _first_word(piece)
            cleaner.record(RUN_TOGETHER, line.origin, " " + first_word, "\n" + first_word)
        result.extend(_Line(line.origin, piece) for piece in texts)
    cleaner.lines = result


# ---------------------------------------------------------------------------------------------
# Paragraphs reflowed onto one line
# ---------------------------------------------------------------------------------------------

_PORTION = r"\((?:U|C|S|TS|SBU|FOUO|NF|[A-Z]{1,4}(?:[ \t]*/{1,2}[ \t]*[A-Z]{1,6}){1,3})\)"
_LINE_MARKER = re.compile(r"^[ \t]*(?:¶[ \t]*)?(?P<number>[0-9]{1,2})\.(?=[ \t(])")
_MARKER_HERE = re.compile(r"[ \t]*(?:¶[ \t]*)?(?P<number>[0-9]{1,2})\.")
# a ¶ marker inside a line is always a paragraph or lettered item that was reflowed
_INNER_PILCROW = re.compile(r"¶(?=[ \t]*(?:[0-9]{1,2}|[A-Z])\.(?:[ \t(]|$))")
# a bare "2. (C)" inside a line, after the end of a sentence
_INNER_MARKER = re.compile(
    r"(?<=[.!?:;)\"'”’])[ \t]+(?=(?P<number>[0-9]{1,2})\.[ \t]*" + _PORTION + r"[ \t])"
)


def _split_reflowed(cleaner: _Cleaner) -> None:
    """Split lines that hold several paragraphs at their markers.

    A ``¶N.`` inside a line always starts a paragraph.  Bare ``N. (C)`` markers do only in a
    copy without ``¶`` markers, inside a line that starts with a marker, after the end of a
    sentence, and only when at least two of them follow in sequence (``1. ... 2. ... 3.``):
    a single bare marker inside a line is not evidence enough.
    """
    result: list[_Line] = []
    last = 0
    # In a copy that marks its paragraphs with ¶, a bare "12. (C)" is not one of its markers.
    bare = not any("¶" in line.text and _LINE_MARKER.match(line.text) for line in cleaner.lines)
    for line in cleaner.lines:
        text = line.text
        start_marker = _LINE_MARKER.match(text)
        if start_marker:
            last = int(start_marker["number"])
        if len(text) < 8 or ("¶" not in text and "(" not in text):
            result.append(line)
            continue
        found: list[tuple[int, bool]] = []
        if "¶" in text:
            for match in _INNER_PILCROW.finditer(text, 1):
                space = match.start()
                while space > 0 and text[space - 1] in " \t":
                    space -= 1
                if 0 < space < match.start():
                    found.append((space, True))
        if bare and start_marker and "(" in text:
            found += [(m.start(), False) for m in _INNER_MARKER.finditer(text)]
        cuts: list[int] = []
        bare_cuts: list[int] = []
        for position, pilcrow in sorted(found):
            inner = _MARKER_HERE.match(text, position)
            number = int(inner["number"]) if inner else None
            if pilcrow or number == last + 1:
                (cuts if pilcrow else bare_cuts).append(position)
                if number is not None:
                    last = number
        if len(bare_cuts) >= 2:
            cuts += bare_cuts
        if not cuts:
            result.append(line)
            continue
        start = 0
        for cut in sorted(set(cuts)):
            result.append(_Line(line.origin, text[start:cut].rstrip(" \t")))
            start = cut
            while start < len(text) and text[start] in " \t":
                start += 1
            marker = _first_word(text[start:])
            cleaner.record(REFLOW, line.origin, " " + marker, "\n" + marker)
        result.append(_Line(line.origin, text[start:]))
    cleaner.lines = result


# ---------------------------------------------------------------------------------------------
# Blank lines inside wrapped fields
# ---------------------------------------------------------------------------------------------

_SUBJECT = re.compile(r"^[ \t]*(?i:SUBJECT|SUBJ)[ \t]*[:.-]")
_CLASSIFIED_BY = re.compile(r"^[ \t]*(?:\([A-Z]{1,3}\)[ \t]*)?(?i:CLASSIFIED[ \t]+BY)\b")
_TAGS = re.compile(r"^[ \t]*(?i:TAGS?)(?:[ \t]*:|[ \t\u00a0]+)")
_REASON = re.compile(r"\b1[ \t]?\.[ \t]?[4-6]\b|(?i:\breasons?\b)")
# a line that is a field, a caption, a marker, a rule ...: never the wrapped end of a field
_FIELD_OR_MARKER = re.compile(
    r"^[ \t]*(?:(?i:E\.?[ \t]?O\.?)[ \t]*[0-9]{5}|(?i:TAGS?|SUBJ(?:ECT)?|REFS?|REFTELS?)\b"
    r"|(?:\([A-Z]{1,3}\)[ \t]*)?(?i:CLASSIFIED[ \t]+BY)|¶|[0-9]{1,4}\.|[A-Z][.)][ \t]"
    r"|[-_=*]{3}|(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS)\b"
    r"|(?:SIPDIS|NOFORN|SENSITIVE|EXDIS|NODIS|LIMDIS|STADIS|FOR OFFICIAL USE ONLY|WEBGRAM)\b"
    r"|(?i:(?:END[ \t]+)?(?:SUMMARY|COMMENT|BACKGROUND|INTRODUCTION)\b|DERIVED[ \t]+FROM|DECL\b)"
    r"|[A-Z][A-Z .'-]*[ \t]+[0-9]{5,8}[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{3})"
)
# what may follow a wrapped field once its lines are together again
_FIELD_FOLLOWER = re.compile(
    r"^[ \t]*(?:(?i:E\.?[ \t]?O\.?)[ \t]*[0-9]{5}|(?i:TAGS?|SUBJ(?:ECT)?|REFS?|REFTELS?)\b"
    r"|(?:\([A-Z]{1,3}\)[ \t]*)?(?i:CLASSIFIED[ \t]+BY)|¶|[0-9]{1,2}\.[ \t(]|[-_=*]{3})"
)
# tags only: "FR GM", "KJUS, OVIP (RICE, CONDOLEEZZA)"; one way to match, so no backtracking
_TAG = r"[A-Z][A-Z0-9]{1,7}(?![A-Za-z0-9])(?:[ \t]*\([^()\n]{1,60}\))?"
_TAG_WORDS = re.compile(
    r"^[ \t]*" + _TAG + r"(?:(?:[ \t]*[,;])?[ \t]+" + _TAG + r"|[ \t]*[,;]" + _TAG + r")*[ \t,;]*$"
)
_ENDS_OPEN = re.compile(
    r"(?:[,:;/&-]|\b(?i:THE|A|AN|OF|TO|AND|OR|FOR|IN|ON|AT|BY|WITH|FROM|NO|NOT|ITS|HIS|HER"
    r"|THEIR|AS|OVER|INTO|ABOUT|AGAINST|BETWEEN))[ \t]*$"
)
# a wrapped relay list (FL2) and its next line of routing indicators
_RELAY_LIST = re.compile(
    r"^[ \t]*(?:(?:ZZ|OO|PP|RR|OP|PR|RP|OR|PO|ZO|ZP|ZR|RO)[ \t]+)?" + _RI + r"(?:[ \t]+" + _RI
    + r")*[ \t]*$"
)
_RELAY_MORE = re.compile(r"^[ \t]*" + _RI + r"(?:[ \t]+" + _RI + r")+[ \t]*$")
# an addressee list (TO, INFO, XMT or one of their addressees) and its next addressee
_ADDRESSEE_LIST = re.compile(r"^[ \t]*(?:(?:TO|INFO|XMT)[ \t/]+(?!PAGE\b)\S|" + _RI + r"[ \t]*/)")
_ADDRESSEE_MORE = re.compile(r"^[ \t]*" + _RI + r"[ \t]*/[ \t]*[A-Z0-9]")


def _block_after(lines: list[_Line], index: int) -> tuple[int, int] | None:
    """The lines after the blank lines that follow ``index``, up to a blank or a field."""
    start = index + 1
    if start >= len(lines) or lines[start].text.strip():
        return None
    while start < len(lines) and not lines[start].text.strip():
        start += 1
    if start >= len(lines):
        return None
    end = start + 1
    while (
        end < len(lines)
        and lines[end].text.strip()
        and not _FIELD_OR_MARKER.match(lines[end].text)
    ):
        end += 1
    return start, end


def _next_nonblank(lines: list[_Line], index: int) -> str | None:
    """The first non-blank line at or after ``index``, if any."""
    while index < len(lines):
        if lines[index].text.strip():
            return lines[index].text
        index += 1
    return None


def _continues_field(
    lines: list[_Line], field_start: int, field_end: int
) -> tuple[int, int] | None:
    """The block that is the rest of the field in ``lines[field_start:field_end]``, if any."""
    block = _block_after(lines, field_end - 1)
    if block is None:
        return None
    start, end = block
    field = lines[field_start].text
    last = lines[field_end - 1].text.rstrip()
    if end - start > 3 or any(_FIELD_OR_MARKER.match(lines[i].text) for i in range(start, end)):
        return None
    follower = _next_nonblank(lines, end)
    if follower is not None and not _FIELD_FOLLOWER.match(follower):
        return None
    rest = " ".join(lines[i].text.strip() for i in range(start, end))
    if _SUBJECT.match(field):
        if last.endswith((".", "?", "!", ")")) and not _ENDS_OPEN.search(last):
            return None
        subject = _SUBJECT.sub("", field, count=1)
        capitals = all(c.isupper() for c in subject if c.isalpha())
        if capitals and not all(c.isupper() for c in rest if c.isalpha()):
            return None
        if not (_ENDS_OPEN.search(last) or len(last) >= 45):
            return None
        return block
    if _CLASSIFIED_BY.match(field):
        if _REASON.search(" ".join(lines[i].text for i in range(field_start, field_end))):
            if not _ENDS_OPEN.search(last):
                return None
        elif not _REASON.search(rest):
            return None
        return block
    if _TAGS.match(field) and _TAG_WORDS.match(rest):
        ends_list = last.endswith(",") or len(last) >= 45
        if ends_list or follower is None or _SUBJECT.match(follower):
            return block
    return None


def _join_wrapped_fields(cleaner: _Cleaner) -> None:
    """Remove blank lines inside wrapped head fields and inside the transmission header."""
    lines = cleaner.lines
    drop: set[int] = set()
    head_end = next(
        (i for i, line in enumerate(lines) if _LINE_MARKER.match(line.text)), len(lines)
    )
    index = 0
    while index < head_end:
        text = lines[index].text
        if _SUBJECT.match(text) or _CLASSIFIED_BY.match(text) or _TAGS.match(text):
            end = index + 1
            while (
                end < len(lines)
                and lines[end].text.strip()
                and not _FIELD_OR_MARKER.match(lines[end].text)
            ):
                end += 1
            block = _continues_field(lines, index, end)
            while block is not None:
                drop.update(range(end, block[0]))
                end = block[1]
                block = _continues_field(lines, index, end)
            index = end
            continue
        index += 1
    # the transmission header: a blank line inside the relay list or the addressee lists
    header_end = _header_end(lines)
    following: str | None = None
    next_text: list[str | None] = [None] * header_end  # the next non-blank line, from the end
    for index in range(header_end - 1, -1, -1):
        if lines[index].text.strip():
            following = lines[index].text
        next_text[index] = following
    previous: str | None = None
    for index in range(header_end):
        text = lines[index].text
        if text.strip():
            previous = text
            continue
        following = next_text[index]
        if previous is None or following is None:
            continue
        if (_RELAY_LIST.match(previous) and _RELAY_MORE.match(following)) or (
            _ADDRESSEE_LIST.match(previous) and _ADDRESSEE_MORE.match(following)
        ):
            drop.add(index)
    if not drop:
        return
    kept: list[_Line] = []
    for index, line in enumerate(lines):
        if index in drop:
            cleaner.record(BLANK_LINE, line.origin, line.text + "\n", "")
        else:
            kept.append(line)
    cleaner.lines = kept


# ---------------------------------------------------------------------------------------------
# Which passes can change the text
# ---------------------------------------------------------------------------------------------
#
# Nearly every input is a clean copy, and every pass walks all of its lines.  Each test below
# looks at the whole input (``in``, ``str.find``, regex searches: loops in C) and says False
# only when the pass provably changes nothing: what it looks for includes everything the pass
# reacts to.  Tests of lines search ``lined``, "\n" + text + "\n", where every line of the text
# sits between two "\n": a pattern that starts with that literal is searched fast, and one
# that ends a line with it does not backtrack into the line.  A per-line pattern ``P``
# (anchored with ``^``, with or without ``$``) matches some line exactly when "\n(?=P)" under
# MULTILINE matches ``lined`` somewhere: none of the per-line patterns used so matches a "\n",
# so it sees the same characters, and its ``$``, ``\b`` and lookarounds treat the "\n" around
# a line as they treat the ends of the line.


def _line_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The per-line ``pattern`` at any line start of ``lined``."""
    return re.compile(r"\n(?=" + pattern.pattern + ")", pattern.flags | re.MULTILINE)


# Lines that some pass may change, in one search, each after its indent: the "#" of a Markdown
# heading (_MD_HEADING allows three blanks at most), a bullet on a paragraph marker
# (_MD_BULLET_ON_MARKER), a Page N of M line (_PAGE_N_OF_M, ignoring case, on a line with "age",
# which only its "Page" or "page" can hold) or a printout page header (_PRINTOUT_PAGE).  Each
# starts with a literal or a set, which the regex engine tries at once.  When no line matches,
# the tests of those lines need not run.
_SUSPECT_LINE = re.compile(
    r"\n[ \t]*(?:#"
    r"|[-*+][ \t]+(?:¶[ \t]*)?[0-9]{1,4}\.[ \t(]"
    r"|-[ \t]*[Pp]age[ \t]+[0-9]|[Pp]age[ \t]+[0-9]"
    r"|PAGE[ \t]+[0-9]{2,3}[ \t]*$)",
    re.MULTILINE,
)


_TEXT_STARTS_LINE = _line_start(_TEXT_STARTS)


class _Input:
    """The input as the tests look at it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lined = "\n" + text + "\n"
        #: whether _SUSPECT_LINE matches a line
        self.suspect = _SUSPECT_LINE.search(self.lined) is not None
        #: where the "\n" before the line that ends the transmission header (_header_end) is:
        #: ``lined[:header]`` holds the header lines
        end = _TEXT_STARTS_LINE.search(self.lined)
        self.header = end.start() if end else len(self.lined)
        #: where the "\n" before the first line that starts with a ¶ is, or -1: in most copies
        #: the line of the first paragraph marker
        self.pilcrow_line = self.lined.find("\n¶")


# the first "#" of a Markdown heading: at most three blanks before it on its line
_HEADING_HASH = re.compile(
    r"#(?:(?<=^#)|(?<=^[ \t]#)|(?<=^[ \t]{2}#)|(?<=^[ \t]{3}#))#{0,5}[ \t]", re.MULTILINE
)
_BULLET_ON_MARKER_LINE = _line_start(_MD_BULLET_ON_MARKER)
# Where a Markdown emphasis (_MD_EMPHASIS) can start: at a mark that _MD_EMPHASIS_GATE matches,
# or one before it for "**" and "__".  One pattern per mark: a literal is found faster than a
# set.
_EMPHASIS_MARKS = (("*", re.compile(r"\*(?=[^\s*_])")), ("_", re.compile(r"_(?=[^\s*_])")))


def _characters_may_change(source: _Input) -> bool:
    """Whether :func:`_fix_characters` can change the input."""
    text = source.text
    if "\f" in text:  # every form feed is removed
        return True
    # the mojibake pass's own test; it also finds "Â¶" (U+00B6 is in its second range)
    if ("\u00c2" in text or "\u00c3" in text or "\u00e2" in text) and _MOJIBAKE_HINT.search(text):
        return True
    if not text.isascii():
        try:  # UTF-16 encodes every code point but a surrogate, so this finds any _SURROGATE
            text.encode("utf-16-le")
        except UnicodeEncodeError:
            return True
    # The substitutions: each runs only when its trigger is in the text and its pattern
    # matches the text, and then replaces every match, but an unknown entity, with something
    # else.  "Â¶" before a marker (_BAD_PILCROW) was found above as mojibake.
    if "\ufffd" in text and _BAD_PILCROW.search(text):
        return True
    if "&" in text and any(
        html.unescape(entity.group(0)) != entity.group(0) for entity in _ENTITY.finditer(text)
    ):
        return True
    if "<" in text and _HTML_TAG.search(text):
        return True
    if "\\" in text and (_LATEX_PILCROW.search(text) or _MD_ESCAPE.search(text)):
        return True
    for mark, after_mark in _EMPHASIS_MARKS:
        if mark in text:
            for found in after_mark.finditer(text):
                start = found.start()
                if _MD_EMPHASIS.match(text, start) or _MD_EMPHASIS.match(text, max(start - 1, 0)):
                    return True
    # headings; bullets go only when a line is a bullet on a paragraph marker
    return source.suspect and bool(
        _HEADING_HASH.search(text) or _BULLET_ON_MARKER_LINE.search(source.lined)
    )


_PAGE_N_OF_M_LINE = _line_start(_PAGE_N_OF_M)
_PRINTOUT_PAGE_LINE_START = _line_start(_PRINTOUT_PAGE)


def _furniture_may_change(source: _Input) -> bool:
    """Whether :func:`_remove_page_furniture` can change the input.

    Without form feeds and ``Page N of M`` lines the text is one page, so no line repeats at
    page edges; what is left are printout page headers, which need two ``PAGE NN`` lines.
    """
    if "\f" in source.text:
        return True
    if not source.suspect:
        return False
    if _PAGE_N_OF_M_LINE.search(source.lined):
        return True
    pages = _PRINTOUT_PAGE_LINE_START.finditer(source.lined)
    return next(pages, None) is not None and next(pages, None) is not None


def _format_lines(*names: str) -> str:
    return "|".join(f"(?:{pattern.pattern})" for name, pattern in _FORMAT_LINES if name in names)


# _split_header_line splits a line that starts (after its indent) with a strong format line:
# the first format line that matches there is a strong one, as they come first, and only
# strong ones come before them.  The next piece is a later format line that may follow that
# one, after a blank.
_RUN_TOGETHER_HINT = re.compile(
    r"\n[ \t]*(?:"
    + "|".join(
        f"(?={_format_lines(first)})[^\\n]*?[ \\t](?:{_format_lines(*later)})"
        for first, later in (
            ("FL1", ("FL2", "FL3", "FL5")),
            ("FL2", ("FL3", "FL5")),
            ("FL3", ("FL4", "FL5")),
            ("FL4", ("FL5",)),
            ("FL5", ("FM",)),
        )
    )
    + ")"
)


# what the next piece of a split line starts with: a later format line after a blank; one
# pattern per blank, as a literal is found faster than a set
_NEXT_PIECES = {
    blank: re.compile(blank + "(?:" + _format_lines("FL2", "FL3", "FL4", "FL5", "FM") + ")")
    for blank in (" ", "\t")
}


def _run_together_may_change(source: _Input) -> bool:
    """Whether :func:`_split_run_together` can change the input: it splits header lines."""
    lined, header = source.lined, source.header
    if not any(
        lined.find(blank, 0, header) >= 0 and pieces.search(lined, 0, header)
        for blank, pieces in _NEXT_PIECES.items()
    ):
        return False
    return _RUN_TOGETHER_HINT.search(lined, 0, header) is not None


# what follows a ¶ that _split_reflowed cuts before (_INNER_PILCROW)
_AFTER_INNER_PILCROW = re.compile(_INNER_PILCROW.pattern.removeprefix("¶"), re.MULTILINE)
# a line with a ¶ and a paragraph marker (_LINE_MARKER): the copy marks its paragraphs with ¶
_PILCROW_MARKER_LINE = re.compile(r"\n[ \t]*¶[ \t]*[0-9]{1,2}\.[ \t(]")
# a line that starts with a paragraph marker and holds a bare marker (_INNER_MARKER) after the
# end of a sentence, which can be the dot of the first marker
_BARE_MARKER_LINE = re.compile(
    r"\n[ \t]*(?:¶[ \t]*)?[0-9]{1,2}(?=\.[ \t(])[^\n]*?[.!?:;)\"'”’][ \t]+[0-9]{1,2}\.[ \t]*\("
)


def _reflow_may_change(source: _Input) -> bool:
    """Whether :func:`_split_reflowed` can change the input.

    It cuts before a ¶ marker inside a line, and before bare markers, at least two inside one
    line that starts with a marker, but only when no line has both a ¶ and a marker.
    """
    lined = source.lined
    if "¶" in source.text:
        # Each ¶ (most come right after a "\n") is cut before when blanks come before it, and
        # more of the line before them, and a marker after it.
        pilcrow = lined.find("¶")
        while pilcrow >= 0:
            if lined[pilcrow - 1] in " \t" and _AFTER_INNER_PILCROW.match(lined, pilcrow + 1):
                start = pilcrow - 1
                while lined[start - 1] in " \t":  # lined[0] is "\n": this stops
                    start -= 1
                if lined[start - 1] != "\n":
                    return True
            pilcrow = lined.find("¶", pilcrow + 1)
        first = source.pilcrow_line
        if (first >= 0 and _PILCROW_MARKER_LINE.match(lined, first)) or (
            _PILCROW_MARKER_LINE.search(lined)
        ):
            return False
    return _BARE_MARKER_LINE.search(lined) is not None


_BLANK = r"[^\S\n]*"  # a line that str.strip() leaves empty: \s is what str.isspace() accepts
_NONBLANK = r"[^\S\n]*\S[^\n]*"  # one way to match it, so no backtracking inside a line
_NOT_FIELD = r"(?!" + _FIELD_OR_MARKER.pattern + ")"
_LINE_MARKER_LINE = _line_start(_LINE_MARKER)
# a SUBJECT, Classified By or TAGS line; most lines fail the test of the first letter (what
# matches s, t or c when case is ignored, or the "(" before a Classified By)
_FIELD_LINE = re.compile(
    r"\n(?=[ \t]*[SsTtCc(\u017f])(?="
    + "|".join(field.pattern for field in (_SUBJECT, _CLASSIFIED_BY, _TAGS))
    + ")",
    re.MULTILINE,
)
# What _join_wrapped_fields needs before it removes a blank line after a field (from the "\n"
# before the field): a SUBJECT, Classified By or TAGS line and the lines after it that are
# neither blank nor a field or marker (the field); blank lines; one to three lines that are
# neither (the block after them); then, after blank lines, the end of the text or a line that
# _FIELD_FOLLOWER accepts.  Its tests of the words of the field are left out.
_WRAPPED_FIELD = re.compile(
    r"\n[^\n]*\n(?:"
    + _NOT_FIELD
    + _NONBLANK
    + r"\n)*(?:"
    + _BLANK
    + r"\n)+"
    + _NOT_FIELD
    + _NONBLANK
    + r"\n(?:"
    + _NOT_FIELD
    + _NONBLANK
    + r"\n){0,2}(?:"
    + _BLANK
    + r"\n)*(?:\Z|(?="
    + _FIELD_FOLLOWER.pattern
    + "))",
    re.MULTILINE,
)
# a blank line inside the relay list or an addressee list: the previous and the next
# non-blank line, both header lines, are what _join_wrapped_fields looks for
_WRAPPED_LIST = re.compile(
    r"\n(?:(?="
    + _RELAY_LIST.pattern
    + r")[^\n]*\n(?:"
    + _BLANK
    + r"\n)+(?="
    + _RELAY_MORE.pattern
    + r")|(?="
    + _ADDRESSEE_LIST.pattern
    + r")[^\n]*\n(?:"
    + _BLANK
    + r"\n)+(?="
    + _ADDRESSEE_MORE.pattern
    + "))",
    re.MULTILINE,
)


# the blank line and the line after it that _WRAPPED_LIST needs: both its next lines start
# with a routing indicator
_BLANK_BEFORE_RI = re.compile(r"\n" + _BLANK + r"\n[ \t]*" + _RI)


def _wrapped_fields_may_change(source: _Input) -> bool:
    """Whether :func:`_join_wrapped_fields` can change the input.

    Its fields start before the first line with a paragraph marker, its lists inside the
    transmission header.
    """
    lined, header = source.lined, source.header
    # The fields are looked for before a line with a marker: the first line that starts with
    # a ¶ usually has one, else the first line with a marker is searched for.
    head = source.pilcrow_line
    if head < 0 or not _LINE_MARKER_LINE.match(lined, head):
        marker = _LINE_MARKER_LINE.search(lined)
        head = marker.start() if marker else len(lined)
    for field in _FIELD_LINE.finditer(lined, 0, head):
        if _WRAPPED_FIELD.match(lined, field.start()):
            return True
    return bool(
        _BLANK_BEFORE_RI.search(lined, 0, header) and _WRAPPED_LIST.search(lined, 0, header)
    )


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------

#: the passes in order, each with its test of whether it can change the input
_PASSES: tuple[tuple[Callable[[_Input], bool], Callable[[_Cleaner], None]], ...] = (
    (_characters_may_change, _fix_characters),
    (_furniture_may_change, _remove_page_furniture),
    (_run_together_may_change, _split_run_together),
    (_reflow_may_change, _split_reflowed),
    (_wrapped_fields_may_change, _join_wrapped_fields),
)


def clean(text: str) -> Cleaned:
    """Undo conversion damage in ``text`` (LF line endings); record every change.

    Runs, in order: characters (encodings, HTML, LaTeX, Markdown, form feeds), page
    furniture, run-together header lines, reflowed paragraphs, blank lines inside wrapped
    fields.  A clean copy comes back unchanged with no repairs.  Never raises.
    """
    return _clean(text)


def _clean(text: str, *, skip: bool = True) -> Cleaned:
    """:func:`clean`; with ``skip`` False, every pass runs even when its test says it cannot
    change the text (the result must be the same)."""
    source = _Input(text) if skip else None
    cleaner: _Cleaner | None = None
    for may_change, run in _PASSES:
        # The tests look at the input: they hold while no pass has changed it, and a pass
        # that changes the text records a repair.
        unchanged = cleaner is None or not cleaner.repairs
        if source is not None and unchanged and not may_change(source):
            continue
        if cleaner is None:
            cleaner = _Cleaner(text)
        run(cleaner)
    if cleaner is None:
        return Cleaned(text=text, repairs=(), origins=tuple(range(1, text.count("\n") + 2)))
    return cleaner.result()
