"""Where the signature of a cable stands: the end of its text.

A cable is signed by the name of its chief of mission or of the Secretary, at the end of
the text.  Copies write it in one of three ways, and :mod:`cablekit.fields.text` asks this
module which one a text's last lines show:

- on a line of its own (``HOFMANN``, ``Speckhard``, ``MANZANARES .``, ``tuttle``):
  :func:`_signature_line`;
- at the end of the last sentence, on its line (``... End comment. TAYLOR``, 08KYIV2294;
  ``... End Comment and Action Request. DRUCKER``, 04BOGOTA8900): :func:`_signed_line`;
- with lines after it that are no text of the cable (:func:`_is_trailer`): a dot, a web
  address (``"Visit Ankara's Classified Web Site at http://..."``, 10ANKARA302), a text cut
  off with ``...``, the signature again in other letters (``Huntsman`` / ``huntsman``,
  09BEIJING2964).

The name itself is split into signers by :func:`cablekit.fields.signers.split_signers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cablekit.grammar import NEW_TEXT, TEXT, Line, pattern

__all__ = ["AFTER_MAX", "Signed", "signs_alone", "take_signature"]

# a signature alone on its line: up to four names in capitals or mixed case, "RICE/JONES"
_SIGNATURE = re.compile(
    r"^[A-Z][A-Za-z'.-]*(?:[ /,]+[A-Z][A-Za-z'.-]*){0,3}(?:,?[ ]+(?i:jr|sr|ii|iii|iv)\.?)?$"
)
_SIGNATURE_MAX = 40
# words a name is not made of: a closing note, a caption, a level
_NOT_SIGNATURE = re.compile(
    r"\b(?:END|COMMENT|SUMMARY|NOTE|TEXT|SIPDIS|NOFORN|UNCLASSIFIED|CONFIDENTIAL|SECRET)\b",
    re.IGNORECASE,
)
# a date after a signature ("SOBEL 2008-01-08"), which is not part of it
_DATE_AFTER = re.compile(r"\s[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A match has this many characters, and "$" may stand before a newline that ends the text:
# it starts no further than this from the end, where the search starts rather than trying
# the pattern at every character of a long last line.
_DATE_AFTER_SPAN = len(" 2008-01-08\n")
# a name in small letters on its own line ("tuttle", 07LONDON3175; "curran", 10ASHGABAT245)
_SMALL_NAME = re.compile(r"^[a-z][a-z'-]{2,}$")
_DOTS = " \t."

# -- the end of the last sentence -----------------------------------------------------------

# one word of a signature run onto the last line: "TAYLOR", "Aguirre", "RICE/JONES"
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*(?:/[A-Z][A-Za-z'’-]*)*")
# what ends the sentence before it: a stop, with a closing quote or bracket; a redaction;
# a run of symbols (a line of stars); "END COMMENT", "End Text", "END NOTE)" without a stop
_STOP = re.compile(r"(?:[.!?][\"'”’)\]]*|[Xx]{4,}|[^A-Za-z0-9]{3,})")
_CLOSING = re.compile(r"END\s+(?:OF\s+)?(?:COMMENT|TEXT|NOTE|SUMMARY)\)?\.?", re.IGNORECASE)
_STOPS = frozenset(".!?\"'”’)]")
_REDACTED = re.compile(r"[Xx]{3,}")
# words that stand after a sentence, capitalized, and are no name
_NOT_A_NAME = frozenset(
    {"A", "AN", "THE", "THIS", "THAT", "IT", "WE", "REGARDS", "THANKS", "CHEERS", "BEGIN"}
)

# -- lines after the signature ----------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
# a web address, an e-mail address or a print stamp ("EPET @ EL PAÍS")
_ADDRESS = re.compile(r"https?:|www\.", re.IGNORECASE)
_WEB = re.compile(r"https?:|www\.|@", re.IGNORECASE)
# the lines copies put before a cable, and after it: "ID: 187536", "2004CARACA02200 -
# CONFIDENTIAL", "Friday, 18 December 2009, 11:04"
_AROUND_A_CABLE = tuple(pattern(kind) for kind in ("RECORD_LINE", "NOTICE_LINE", "DATE_LINE"))
_CUT = ("...", "…")
# a line of the end of a message: "NNNN", "BT", "End Cable Text"
_BT_LINE = pattern("BT_LINE")
_END_OF_MESSAGE = re.compile(r"^END\s+(?:OF\s+)?CABLE(?:\s+TEXT)?\.?$", re.IGNORECASE)
# a classification level alone, as printouts repeat it at the foot of a page
_CLASSIFICATION_LINE = pattern("CLASSIFICATION_LINE")


#: how many lines may follow the signature (a dot, a web address, the signature again)
AFTER_MAX = 3
_TEXT_KINDS = frozenset((TEXT, NEW_TEXT))
# lines of a paragraph that are no text of it: furniture, rules
_FURNITURE = frozenset(("CONTINUATION_LINE", "PAGE_LINE", "RULE_LINE"))


@dataclass(frozen=True)
class Signed:
    """The signature at the end of a text, and what it leaves of the last paragraph."""

    #: the signature as written: ``HOFMANN``, ``TIMKEN JR``, ``.FARRAR``
    signature: str
    #: the paragraph's lines that stay in it, the last one cut before a signature run onto it
    lines: tuple[Line, ...]
    #: the text of the paragraph's marker line, cut where the signature stood on it; None
    #: when the signature was not on it
    marker_text: str | None
    #: the lines after the signature that are no text of the cable
    after: tuple[Line, ...]


def take_signature(
    lines: Sequence[Line], marker_text: str | None, *, marked: bool = False
) -> Signed | None:
    """The signature at the end of the last paragraph of a text, None when there is none.

    ``lines`` are the paragraph's lines below its marker line, each a line of its own;
    ``marker_text`` is the text after the marker on the marker line (None for a paragraph
    without one), ``marked`` whether the marker has a portion marking.  The signature is the
    last line (:func:`_signature_line`) or the end of it (:func:`_signed_line`); up to three
    lines that are no text of the cable may follow it (:func:`_trails`).
    """
    end = len(lines)
    while True:
        signed = _signature_at(lines, end, marker_text, marked)
        if signed is not None:
            return signed
        if not end or len(lines) - end >= AFTER_MAX or not _trails(lines, end - 1):
            return None
        end -= 1


def signs_alone(text: str) -> bool:
    """Whether ``text`` (stripped), as the last line of a text, is its signature whatever
    stands above it: :func:`take_signature` then gives it, and the lines above as they are,
    without looking at them (a signature in capitals or mixed case, no trailer)."""
    return _is_signature(text) and not _is_trailer(text)


def _signature_at(
    lines: Sequence[Line], end: int, marker_text: str | None, marked: bool
) -> Signed | None:
    """The signature if the text ends at ``lines[end - 1]`` (at the marker line when ``end``
    is 0)."""
    after = tuple(lines[end:])
    if not end:
        if marker_text is None:
            return None
        own = marker_text.strip()
        if not marked and _is_signature(own) and not _is_trailer(own):
            return Signed(own, (), "", after)  # "¶3. Koenig" (08BERLIN1068)
        signed = _signed_line(marker_text)
        if signed is None:
            return None
        # "¶18. (U) ... before departing post. BLAIR" (10LAGOS75)
        return Signed(signed[1], (), signed[0], after)
    last = lines[end - 1]
    if last.kind not in _TEXT_KINDS:
        return None
    text = last.stripped
    if _signature_line(text, lines, end, marker_text) and not _is_trailer(text):
        return Signed(text, tuple(lines[: end - 1]), None, after)
    signed = _signed_line(last.text)
    if signed is None:
        return None
    cut = Line(last.kind, signed[0] + "\n", last.number, last.after_blank)
    return Signed(signed[1], (*lines[: end - 1], cut), None, after)


def _trails(lines: Sequence[Line], index: int) -> bool:
    """Whether ``lines[index]`` may follow the signature: no text of the cable
    (:func:`_is_trailer`), or the signature again (``Huntsman`` / ``huntsman``,
    09BEIJING2964)."""
    line = lines[index]
    if line.kind not in _TEXT_KINDS:
        return line.kind in _FURNITURE
    text = line.stripped
    if _is_trailer(text):
        return True
    if index == 0:
        return False
    above = lines[index - 1].stripped
    return above.upper() == text.upper() and _is_signature(above)


def _bare(text: str) -> str:
    """``text`` without the dots and blanks around it and a date after it."""
    text = text.strip(_DOTS)
    date = _DATE_AFTER.search(text, max(0, len(text) - _DATE_AFTER_SPAN))
    return text if date is None else text[: date.start()].strip(_DOTS)


def _web_piece(text: str) -> bool:
    """Whether ``text`` is a piece of a web address broken over lines, one word with a path:
    ``gov.gov/wiki/Portal:Turkey"`` (09ANKARA1472)."""
    return " " not in text and "/" in text and ("." in text or text.count("/") > 1)


def _is_signature(text: str) -> bool:
    """Whether the line ``text`` (stripped) is a signature standing on its own line."""
    bare = _bare(text)
    return (
        0 < len(bare) <= _SIGNATURE_MAX
        and _SIGNATURE.match(bare) is not None
        and _NOT_SIGNATURE.search(bare) is None
    )


def _signature_line(text: str, lines: Sequence[Line], end: int, marker_text: str | None) -> bool:
    """Whether ``text``, the last line of a text (``lines[end - 1]``, stripped), is its
    signature; ``marker_text`` is the text of the marker line above ``lines``.

    A name in capitals or mixed case is (``HOFMANN``, ``Speckhard``, ``MURRAY .``); a single
    name in small letters is when it stands apart from the text above it (after a blank line,
    a finished sentence or a web address), as ``tuttle`` does in 07LONDON3175.
    """
    if _is_signature(text):
        return True
    if _SMALL_NAME.match(_bare(text)) is None:
        return False
    if lines[end - 1].after_blank:
        return True
    above = lines[end - 2].stripped if end > 1 else (marker_text or "").strip()
    return not above or _ends_apart(above)


def _ends_apart(text: str) -> bool:
    """Whether a line ``text`` (stripped) ends so that a line below it stands apart: a
    finished sentence, a closing ("END COMMENT"), a web address, symbols."""
    words = text.split()
    return not words or _stops(words, len(words)) or _is_trailer(text)


def _stops(words: list[str], end: int) -> bool:
    """Whether ``words[:end]`` ends a sentence: a stop (with a closing quote or bracket), a
    redaction, symbols, or a closing without a stop ("END COMMENT", "End Text")."""
    last = words[end - 1]
    if last[-1] in _STOPS or _STOP.fullmatch(last):
        return True
    # a web address, which a converter may have broken once with a blank ("http://www.state
    # .sgov.gov/p/eur/london/index. cfm Tuttle", 08LONDON639)
    if any(_ADDRESS.search(word) for word in words[max(0, end - 2) : end]):
        return True
    return any(
        _CLOSING.fullmatch(" ".join(words[end - count : end])) for count in (2, 3) if end >= count
    )


def _is_name(word: str) -> bool:
    return (
        _NAME_WORD.fullmatch(word) is not None
        and _NOT_SIGNATURE.search(word) is None
        and _REDACTED.fullmatch(word) is None
        and word.upper() not in _NOT_A_NAME
    )


def _signed_line(text: str) -> tuple[str, str] | None:
    """Split the last line of a text into the sentence and the signature run onto it.

    ``"... End comment. TAYLOR"`` (08KYIV2294) gives ``("... End comment.", "TAYLOR")``, and
    ``"... restructuring. .FARRAR"`` (10HAVANA84) ``("... restructuring.", ".FARRAR")``: the
    signature as written.  The name follows the end of a sentence, a closing without a stop
    (``END COMMENT RAY``, 10HARARE93) or a redaction.  A name in capitals may have two words
    (``LA LIME``, 09PRETORIA954) when the text is not all in capitals; otherwise it has one
    (``Burns``, 07PARIS2725).  None when the line does not end so.
    """
    stripped = text.rstrip()
    if stripped.endswith(_CUT):
        return None  # a text cut off
    bare = _bare(stripped)
    # the last words are all that is looked at (a name of two, and what ends the sentence
    # before it: up to three words); the first item may be the rest of the line
    words = bare.rsplit(None, 6)
    capitals = bare == bare.upper()
    for count in (2, 1):
        if len(words) <= count:
            continue
        names = words[-count:]
        first = names[0].lstrip(".")
        if count == 2 and (capitals or any(name != name.upper() for name in names)):
            continue
        if not (_is_name(first) and all(_is_name(name) for name in names[1:])):
            continue
        if first == names[0] and not _stops(words, len(words) - count):
            continue  # ".FARRAR" carries the stop before the name
        cut = stripped.rfind(" ".join(names))
        return stripped[:cut].rstrip(), stripped[cut:].strip()
    return None


def _is_trailer(text: str) -> bool:
    """Whether a line ``text`` (stripped) after a signature is no text of the cable.

    Such lines are: symbols without letters (``.``, ``...``, a line of stars), a web address
    or a piece of one, a line cut off with ``...``, ``NNNN`` and ``BT``, ``End Cable Text``,
    and a classification level alone (``CONFIDENTIAL``).
    """
    if not text:
        return True
    if _LETTER.search(text) is None or text.endswith(_CUT):
        return True
    if _WEB.search(text) or _web_piece(text) or _END_OF_MESSAGE.match(text):
        return True
    line = text + "\n"
    if _BT_LINE.match(line) or any(kind.match(line) for kind in _AROUND_A_CABLE):
        return True
    level = _CLASSIFICATION_LINE.match(line)
    return level is not None and not (level["details"] or "").strip()
