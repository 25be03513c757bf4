"""Characters damaged by a converter: encodings, surrogates, mojibake, HTML, LaTeX, Markdown.

A copy that went through the wrong character set, an HTML page, a LaTeX or a Markdown
converter keeps the cable's lines but not its characters::

    �1.  (SBU) SUMMARY:                  ->  ¶1.  (SBU) SUMMARY:       (encoding)
    Iranâ€™s view                        ->  Iran’s view               (encoding)
    TAGS: <u>PREL PGOV</u> &amp; MARR    ->  TAGS: PREL PGOV & MARR    (html)
    - $\\underline{\\P}$ 12. (C) France   ->  ¶ 12. (C) France          (markdown, latex)

Form feeds go too (``page-furniture``): this is the first pass, and the only one that sees
them.  Every change is made only where the text shows the damage, so ``R&D;``, ``<<218634>>``
or 79TEHRAN8980's ``- --FIRST`` stay as written.  Where the damage is told by a paragraph marker
after it (a ``�`` or a Markdown bullet before ``12. (C)``), the marker is the grammar's
``PARAGRAPH_NUMBER`` or ``ITEM_LETTER``: a lost quote before ``3)`` stays a lost quote.
"""

from __future__ import annotations

import html
import re

from cablekit.clean.kinds import ENCODING, HTML, LATEX, MARKDOWN, PAGE_FURNITURE
from cablekit.clean.line_kinds import part
from cablekit.clean.lines import Cleaner, Line

__all__ = [
    "BAD_PILCROW",
    "ENTITY",
    "HTML_TAG",
    "LATEX_PILCROW",
    "MD_BULLET_ON_MARKER",
    "MD_EMPHASIS",
    "MD_EMPHASIS_GATE",
    "MD_ESCAPE",
    "MD_HEADING",
    "MOJIBAKE_HINT",
    "PARAGRAPH_START",
    "fix_characters",
]

# ---------------------------------------------------------------------------------------------
# Line kinds: the grammar's paragraph markers
# ---------------------------------------------------------------------------------------------

# A paragraph marker's number and dot (the grammar's PARAGRAPH_NUMBER) or a lettered item's
# letter (ITEM_LETTER), after its damaged ¶: "�1.  (SBU)", "�B. PARIS".
_MARKER_AHEAD = r"(?=[ \t]*(?:" + part("PARAGRAPH_NUMBER") + "|" + part("ITEM_LETTER") + "))"
# A paragraph marker, with or without its ¶, as the first line of a paragraph starts after a
# Markdown bullet: "¶ 12. (C)", "15. (C)".
PARAGRAPH_START = r"(?:¶[ \t]*)?" + part("PARAGRAPH_NUMBER") + r"[ \t(]"

# ---------------------------------------------------------------------------------------------
# The damage
# ---------------------------------------------------------------------------------------------

BAD_PILCROW = re.compile(r"(?:\ufffd|\u00c2\u00b6)" + _MARKER_AHEAD)
# A lone surrogate cannot go into JSON.  "\udcb6" is the byte 0xB6 kept by "surrogateescape"
# decoding (a cp1252 file read as UTF-8): it is read as cp1252; any other becomes U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
# "Â¶" is the UTF-8 of ¶ read as cp1252: it is ¶ wherever it stands.
_MOJIBAKE_PILCROW = re.compile("\u00c2\u00b6")
# Lines with other mojibake ("â€™", "Ã©") are read again as UTF-8 when that works.
MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152-\u2122]")

_TAG_NAMES = (
    "u|b|i|s|em|strong|br|p|span|div|sup|sub|small|big|font|a|td|tr|th|table|tbody|thead"
    "|pre|code|tt|ins|del|strike|center|hr|h[1-6]|li|ul|ol|blockquote"
)
HTML_TAG = re.compile(r"</?(?:" + _TAG_NAMES + r")\b(?:[ \t][^<>\n]{0,200})?/?>", re.IGNORECASE)
# A well-formed character reference, decoded only when HTML knows it (so "R&D;" stays).
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

LATEX_PILCROW = re.compile(
    r"\$[ \t]*\\underline\{[ \t]*\\P[ \t]*\}[ \t]*\$"
    r"|\\underline\{[ \t]*\\P[ \t]*\}"
    r"|\$[ \t]*\\(?:P|mathparagraph)[ \t]*\$"
    r"|\\textparagraph(?:\{\})?"
    r"|\\P(?![A-Za-z])"
)

MD_HEADING = re.compile(r"^([ \t]{0,3})#{1,6}[ \t]+(?P<text>[^\n]*)$", re.MULTILINE)
# emphasis hugs its text: "**Comment**", "*Note*", "__x__", "_x_"; "** Visit ... **" is not
MD_EMPHASIS = re.compile(
    r"(?<![\w*\\])(?P<mark>\*\*|__)(?=[^\s*_])(?P<text>[^\n]{0,200}?[^\s*_])(?P=mark)(?![\w*])"
    r"|(?<![\w*\\])(?P<mark1>[*_])(?=[^\s*_])(?P<text1>[^*_\n]*?[^\s*_\\])(?P=mark1)(?![\w*])"
)
# cheap test for a text that may hold emphasis at all
MD_EMPHASIS_GATE = re.compile(r"[*_][^\s*_]")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&$])")
# a Markdown list bullet in front of a paragraph marker, a ¶, or a "--" bullet of the cable
_MD_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<bullet>[-*+][ \t]+)(?=" + PARAGRAPH_START + r"|¶|--)",
    re.MULTILINE,
)
MD_BULLET_ON_MARKER = re.compile(r"^[ \t]*[-*+][ \t]+" + PARAGRAPH_START)
_MD_BULLETS_ON_MARKERS = re.compile(r"^[ \t]*[-*+][ \t]+(?:¶|\\|\$|[0-9])", re.MULTILINE)


def _replace_surrogates(cleaner: Cleaner, line: Line) -> None:
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


def fix_characters(cleaner: Cleaner) -> None:
    """Form feeds, encodings, HTML, LaTeX and Markdown (the first pass: the text is the input)."""
    text = cleaner.text
    if "\f" in text:
        for line in cleaner.lines:
            if "\f" in line.text:
                cleaner.record(PAGE_FURNITURE, line.origin, "\f", "")
                line.text = line.text.replace("\f", "")
    if ("\u00c2" in text or "\u00c3" in text or "\u00e2" in text) and MOJIBAKE_HINT.search(text):
        for line in cleaner.lines:
            if MOJIBAKE_HINT.search(line.text):
                decoded = _decode_mojibake(line.text)
                if decoded != line.text:
                    cleaner.record(ENCODING, line.origin, line.text, decoded)
                    line.text = decoded
    substitute = cleaner.substitute
    if _SURROGATE.search(text):
        for line in cleaner.lines:
            _replace_surrogates(cleaner, line)
    substitute(ENCODING, _MOJIBAKE_PILCROW, lambda m: "¶", ("\u00c2",), text)
    substitute(ENCODING, BAD_PILCROW, lambda m: "¶", ("\ufffd", "\u00c2"), text)
    substitute(HTML, ENTITY, lambda m: html.unescape(m.group(0)), ("&",), text)
    substitute(HTML, HTML_TAG, lambda m: "", ("<",), text)
    substitute(LATEX, LATEX_PILCROW, lambda m: "¶", ("\\",), text)
    substitute(MARKDOWN, MD_ESCAPE, lambda m: m.group(1), ("\\",), text)
    substitute(MARKDOWN, MD_HEADING, _heading_text, ("#",), text)
    substitute(MARKDOWN, MD_EMPHASIS, _emphasis_text, ("*", "_"), text, MD_EMPHASIS_GATE)
    # Bullets go only when the copy shows it is Markdown: a bullet in front of a paragraph
    # marker (the seed's "- 15. (C)"); then also in front of the cable's own "--" bullets.
    bulleted = "- " in text or "* " in text or "+ " in text
    if (
        bulleted
        and _MD_BULLETS_ON_MARKERS.search(text)
        and any(MD_BULLET_ON_MARKER.match(line.text) for line in cleaner.lines)
    ):
        gate = _MD_BULLETS_ON_MARKERS
        substitute(MARKDOWN, _MD_BULLET, lambda m: m["indent"], ("-", "*", "+"), text, gate)


def _heading_text(match: re.Match[str]) -> str:
    """ "## Comment ##" -> "Comment": the text without its closing hashes."""
    words = match["text"].rstrip(" \t")
    stripped = words.rstrip("#")
    if stripped != words and (not stripped or stripped[-1] in " \t"):
        words = stripped.rstrip(" \t")
    return str(match.group(1)) + words


def _emphasis_text(match: re.Match[str]) -> str:
    return match["text"] if match["text"] is not None else match["text1"]
