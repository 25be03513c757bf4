"""REF lines: the items of a reference list, what each one cites, and canonical cable ids.

A REF line is read in four steps:

1. **Clean**: whatever the head of the text ran into the REF field is cut off (a ``Classified
   By`` line, a ``(SBU)`` paragraph, a ``-------`` rule, ``DERIVED FROM``), and section
   continuation lines inside it (``MADRID 00002282 001.2 OF 002``) are removed.
2. **Letters**: the item letters (``A.``, ``B)``, ``(C)``, ``¶D.``) cut the line into items.
   A letter doubled by the cablegate site (``A. A)``, ``¶C. (B)``) counts once, as the letter
   written in the cable (the second); ``A. AND B.`` and ``A-C.`` give one item several letters.
3. **References**: each item is searched for cable references, ``[YY] POST NUMBER``, and gives
   one :class:`~cablekit.models.Reference` per cable (``ALGIERS 110 AND ALGIERS 140``, ``STATE
   1234 AND 5678``); an item without one gives one reference of another kind (``email``,
   ``telcon``, ``memcon``, ``document``, ``other``).
4. **Ids**: each cable reference gets its canonical id, ``YY`` + post without spaces + number
   (``08STATE81854``), with the year of the citing cable when the reference gives none; see
   :func:`~cablekit.fields.cable_refs.cable_year` for the rule at the turn of a year.

Reftels mentioned only inside paragraphs ("per reftel") are not read here: only the REF field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from cablekit import _fast
from cablekit._text import collapse
from cablekit.fields.cable_refs import (
    CableRef,
    canonical_post,
    canonical_year,
    find_cable_refs,
    names_a_post,
)
from cablekit.grammar import pattern
from cablekit.models import Reference, ReferenceKind

__all__ = ["cut_off", "read_ref_field", "read_references"]

# -- cleaning ---------------------------------------------------------------------------------

# The lookahead lets a search pass in one test the characters no alternative can start at
# (without it, every alternative is tried at every character of a long field): the first
# letters of the keywords (C, D, S, and the long s that matches S without regard to case), a
# bracket, a dash or underscore, a "¶" or digit after a blank or at the start.
_CUT = re.compile(
    r"""(?=(?-i:[cdsCDSſ(_-])|\s(?-i:[¶0-9])|\A(?-i:[¶0-9]))
    (?:
        \bCLASSIFIED\s+BY\b
      | \bDERIVED\s+FROM\b
      | \bSENSITIVE\s+BUT\s+UNCLASSIFIED\b
      | -{3,} | _{3,}
      | (?<![\w(])\((?:U|SBU|S/NF|C/NF|S//NF|C//NF|U//FOUO|SBU/NF|FOUO)\)\s+\w   # (SBU) Poloff ...
      | (?:^|\s)¶?[0-9]{1,2}\.\s+\((?:U|C|S|SBU|TS)[^)]{0,6}\)               # 1. (C) ...
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# _CUT in pieces that each open with a character, or a set of characters, outside its
# lookahead, where the regular expression engine skips in C to the places a match may start:
# _CUT tries its lookahead at every character of the text, which costs more in a long field
# than the pieces' scans together (the fast path, :func:`_cut_at`)
_CUT_WORDS = re.compile(
    r"""(?-i:[cdsCDSſ])(?<!\w.)   # the first letter of a keyword, at the start of a word
    (?: (?<=[cC])LASSIFIED\s+BY\b
      | (?<=[dD])ERIVED\s+FROM\b
      | (?<=[sSſ])ENSITIVE\s+BUT\s+UNCLASSIFIED\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CUT_RULES = ("---", "___")
_CUT_MARKS = re.compile(
    r"\((?<![\w(]\()(?:U|SBU|S/NF|C/NF|S//NF|C//NF|U//FOUO|SBU/NF|FOUO)\)\s+\w", re.IGNORECASE
)
_CUT_MARKERS = re.compile(r"\s¶?[0-9]{1,2}\.\s+\((?:U|C|S|SBU|TS)[^)]{0,6}\)", re.IGNORECASE)
_CUT_FIRST_MARKER = re.compile(r"¶?[0-9]{1,2}\.\s+\((?:U|C|S|SBU|TS)[^)]{0,6}\)", re.IGNORECASE)
# a section continuation line the copy joined to the REF field: "MADRID 00002282 001.2 OF 002"
_CONTINUATION = re.compile(r"\b" + pattern("CONTINUATION").pattern + r"\b")
# a continuation line has a cable number of five digits or more; a field without one is not
# searched for them (the search tries a stretch of up to 40 characters at every word)
_LONG_NUMBER = re.compile(r"[0-9]{5}")
# the keyword written again at the start of the field: "REF: REFTEL: ..."
_LEADING_KEYWORD = re.compile(r"^(?:" + pattern("REF_KEYWORD").pattern + r"\b\s*:?\s*)+")
_NOTHING = re.compile(r"^(?:NONE|N/?A|NOT USED|NIL)\.?$", re.IGNORECASE)

# -- letters ----------------------------------------------------------------------------------

# "A.", "B)", "(C)", "D:", "¶E.", "A-C.", "A THROUGH C)": the grammar's REFERENCE_LETTER
_MARKER = pattern("REFERENCE_LETTER")
_CONNECTOR = re.compile(r"^(?:,|;|&|-|–|AND|OR)?$", re.IGNORECASE)
_CONTINUES = re.compile(
    r"^(?:(?:19|20)[0-9]{2}|AND\s+(?:PREVIOUS|PRIOR|OTHERS|FOLLOWING)"
    r"|(?:(?:19|20)[0-9]{2}\s+)?AND\s+(?:PREVIOUS|PRIOR)\b.*)$",
    re.IGNORECASE,
)


# An item letter: where it starts and ends, its letters ("A", or "ABC" for "A-C."), whether a
# "¶" comes before it, and its form ("dot", "paren", "colon", "range"). A REF field of bare
# letters has one every three characters: tuples cost less to make than objects.
_Marker = tuple[int, int, str, bool, str]

# the pattern's groups, read from each match in one call
_GROUPS = tuple(
    _MARKER.groupindex[name] for name in ("pilcrow", "first", "last", "dot", "paren", "colon")
)


def _markers(text: str) -> list[_Marker]:
    """The item letters of a REF text, checked against the sequence A, B, C ..."""
    accepted: list[_Marker] = []
    previous: _Marker | None = None
    groups = _GROUPS
    for match in _MARKER.finditer(text):
        pilcrow_written, first, last, dot, paren, colon = match.group(*groups)
        if dot:
            letters, form = dot.upper(), "dot"
        elif first:
            a, b = ord(first.upper()), ord(last.upper())
            if not a < b <= a + 12:
                continue
            letters, form = "".join(chr(c) for c in range(a, b + 1)), "range"
        elif paren:
            letters, form = paren.upper(), "paren"
        else:
            letters, form = colon.upper(), "colon"
        start, end = match.span()
        pilcrow = bool(pilcrow_written)
        if previous is None:
            if form == "colon":
                continue  # a colon letter only right after another letter
            if start != 0 and letters[0] != "A":
                continue  # an initial in a name ("EMAIL FROM J. SMITH"), not an item letter
        elif form == "colon" or not (pilcrow or 0 <= ord(letters[0]) - ord(previous[2][-1]) <= 2):
            # only right after the letter before (nothing but blanks between) may a colon
            # letter stand, or a letter out of the sequence
            gap = previous[1]
            if not (gap == start or text[gap:start].isspace()):
                continue
        previous = (start, end, letters, pilcrow, form)
        accepted.append(previous)
    return accepted


def _items(text: str) -> list[tuple[Sequence[str], str]]:
    """Split a REF text into items: (letters, text)."""
    markers = _markers(text)
    items: list[tuple[Sequence[str], str]] = []
    head = text[: markers[0][0]] if markers else text
    if head.strip(" ;,."):
        items.append(([], head.strip(" ;,")))
    pending: list[str] = []
    markers.append((len(text), len(text), "", False, ""))  # the end of the text
    for (_, end, letters, pilcrow, form), following in pairwise(markers):
        start = following[0]
        body = text[end:start].strip(" ;,")
        last = following[2] == ""
        if not body and not last:
            # "A. A)", "¶C. (B)", "¶B. D.": the cablegate anchor, then the cable's own letter
            doubled = following[4] != form or following[2] == letters
            if pilcrow or doubled:
                continue
            pending.extend(letters)  # "A. B. STATE 1 AND 2"
            continue
        # the patterns below match short texts, or texts that start with a year or "AND"
        if len(body) <= 4 and not last and _CONNECTOR.match(body):
            pending.extend(letters)  # "A. AND B. STATE 1234 AND 5678"
            continue
        if body and body[0] in "12Aa" and items and _CONTINUES.match(body):
            # "FOR FEBRUARY 17," / "¶B. 2006": the site took a wrapped line for an item
            item_letters, previous = items[-1]
            items[-1] = (item_letters, f"{previous} {body}")
            pending = []
            continue
        if pending:
            if body:
                items.append((pending + [x for x in letters if x not in pending], body))
            pending = []
        elif body:
            items.append((letters, body))
    return items


# -- kinds ------------------------------------------------------------------------------------

_EMAIL = re.compile(r"\bE-?\s?MAILS?\b|\bMAIL\b|\bEMAIL:", re.IGNORECASE)
_TELCON = re.compile(
    r"\bTELE?CONS?\b|\bTELEPHONE\b|\bPHONE\s?(?:CALL|CON)|\bS?VTC\b|\bDVC\b"
    r"|\bVIDEO\s?CONFERENCE\b|\bTELECONFERENCE\b",
    re.IGNORECASE,
)
_MEMCON = re.compile(r"\bMEMCONS?\b|\bMEMORANDUM\s+OF\s+CONVERSATION\b", re.IGNORECASE)
_INTEL = re.compile(
    r"\bIIRS?\b|\bTDX?\b|\bTDX?-?\s?[0-9]{3}/|\b[0-9]{3}/[0-9]{5,6}-[0-9]{2}\b|\bOSC\b"
    r"|\b[0-9]+\s+FA[MH]\b|\bUNSCR\b",
    re.IGNORECASE,
)
_MESSAGE = re.compile(r"\bDTG|\b[0-9]{6}Z|\bMSG\b|\bSEPTEL\b|\bREFTEL\b|\bCABLE\b", re.IGNORECASE)
_DOCUMENT = re.compile(
    r"\bREPORTS?\b|\bLETTERS?\b|\bPAPERS?\b|\bNON-?PAPERS?\b|\bNOTES?\b|\bDIPNOTES?\b"
    r"|\bMEMO(?:RANDUM)?S?\b|\bDOC(?:UMENT)?S?\b|\bASSESSMENTS?\b|\bPOINTS\b|\bDAILY\b"
    r"|\bSTATEMENTS?\b|\bSPEECH\b|\bTESTIMONY\b|\bTRANSCRIPTS?\b|\bAGREEMENTS?\b|\bMOU\b"
    r"|\bSTUDY\b|\bFAX\b|\bRESOLUTIONS?\b|\bARTICLES?\b|\bDIRECTIVE\b|\bINSTRUCTIONS?\b",
    re.IGNORECASE,
)


def _kind(text: str) -> ReferenceKind:
    """The kind of a reference that holds no cable number."""
    if _EMAIL.search(text):
        return ReferenceKind.EMAIL
    if _TELCON.search(text):
        return ReferenceKind.TELCON
    if _MEMCON.search(text):
        return ReferenceKind.MEMCON
    if _INTEL.search(text):
        return ReferenceKind.DOCUMENT
    if _MESSAGE.search(text):
        return ReferenceKind.CABLE
    if _DOCUMENT.search(text):
        return ReferenceKind.DOCUMENT
    bare = text.upper().strip(" .")
    if names_a_post(bare):
        return ReferenceKind.CABLE  # "(C) SECSTATE", "B. FREETOWN": the number is missing
    return ReferenceKind.OTHER


# -- the REF field ----------------------------------------------------------------------------


def read_references(
    text: str,
    sent: date | int | None,
    *,
    post: str | None = None,
    number: int | None = None,
) -> list[Reference]:
    """Read a REF field: ``A. PARIS 8729 B. PARIS 8918`` → two references.

    ``sent`` is the date the citing cable was sent (or only its year); ``post`` and
    ``number`` are the citing cable's own post and number (``PARIS``, ``7101``). They give the
    year of references that omit it (:func:`cable_year`).
    """
    return _read(_split_off(text)[0], sent, post, number)


def read_ref_field(
    text: str,
    sent: date | int | None,
    *,
    post: str | None = None,
    number: int | None = None,
) -> tuple[list[Reference], str]:
    """:func:`read_references` and :func:`cut_off` of one REF field, splitting it once."""
    kept, left_out = _split_off(text)
    return _read(kept, sent, post, number), left_out


def _read(
    kept: str, sent: date | int | None, post: str | None, number: int | None
) -> list[Reference]:
    """The references of a REF field's text, the text run into it already cut off."""
    text = _clean(kept)
    if not text or _NOTHING.match(text):
        return []
    references: list[Reference] = []
    own = canonical_post(post) if post else None  # once for all the field's references
    make = _make_reference
    for letters, item in _items(text):
        if ";" in item:
            for part in _split_semicolons(item):
                cables = find_cable_refs(part)
                _references(references, letters, part, cables, sent, own, number)
            continue
        part = item.strip(" ,")  # the common case: the item is the one part
        if not part.strip(" ,."):
            continue
        cables = find_cable_refs(part)
        if len(cables) == 1:  # and the one reference, made here at once
            cable_id = _cable_id(cables[0], sent, own, number)
            letter = letters[0] if letters else None
            references.append(
                make({"letter": letter, "text": part, "cable_id": cable_id, "kind": _CABLE})
            )
        else:
            _references(references, letters, part, cables, sent, own, number)
    return references


def cut_off(text: str) -> str:
    """What :func:`read_references` leaves out of a REF field: the text the copy ran into it
    (a ``Classified By`` line, a ``(SBU)`` paragraph), so that the caller can keep it."""
    return _split_off(text)[1]


def _split_off(text: str) -> tuple[str, str]:
    """A REF field, whitespace collapsed, split where the copy ran other text into it: the
    field's own text and the rest."""
    text = collapse(text)
    cut = _cut_at(text)
    if cut is None:
        return text, ""
    return text[:cut], text[cut:]


def _cut_at(text: str) -> int | None:
    """Where :data:`_CUT` first matches in ``text``, None where it does not."""
    if not _fast.ENABLED:
        cut = _CUT.search(text)
        return None if cut is None else cut.start()
    # the leftmost start of any piece is the start of _CUT's match
    starts = [text.find(rule) for rule in _CUT_RULES]
    found = _CUT_WORDS.search(text)
    if found is not None:
        starts.append(found.start())
    if "(" in text:  # both the portion marks and the markers hold one
        for pattern in (_CUT_MARKS, _CUT_MARKERS):
            found = pattern.search(text)
            if found is not None:
                starts.append(found.start())
        if _CUT_FIRST_MARKER.match(text) is not None:
            starts.append(0)
    return min((start for start in starts if start >= 0), default=None)


def _clean(text: str) -> str:
    """The field's own text (:func:`_split_off`) without continuation lines and keywords."""
    # the text comes collapsed: only where a continuation line is cut out is there more to
    # collapse (a blank at its end goes with the strip)
    if _LONG_NUMBER.search(text):
        text = collapse(_CONTINUATION.sub(" ", text))
    return _LEADING_KEYWORD.sub("", text).strip(" ;,")


def _split_semicolons(item: str) -> list[str]:
    if ";" not in item:  # the common case, without walking the text
        item = item.strip(" ;,")
        return [item] if item.strip(" ;,.") else []
    parts: list[str] = []
    depth = 0
    current = ""
    for char in item:
        depth += char == "("
        depth -= char == ")" and depth > 0
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip(" ;,") for p in parts if p.strip(" ;,.")]


# connectors at the end of a span; a match starts only before the first of a run of them (the
# lookbehinds), so that a long run that does not reach the end is scanned once
_TRAILING_CONNECTORS = re.compile(
    r"(?<![\s,;&])(?<!\bAND)(?:\s*(?:,|;|&|\bAND\b))+$", re.IGNORECASE
)
_CONNECTOR_ENDS = (",", ";", "&", "D", "d")
# a letter left at the end of a span: the next item's, written without its dot
_BARE_LETTER = re.compile(r"\s([A-Z])$")


_CABLE = ReferenceKind.CABLE
# made for most REF items: the maker spares each field the call of the classmethod
_make_reference = Reference.maker()


def _references(
    references: list[Reference],
    letters: Sequence[str],
    text: str,
    cables: list[CableRef],
    sent: date | int | None,
    own_post: str | None,
    own_number: int | None,
) -> None:
    """Add the references of one part of an item to ``references``: ``text``, in which
    :func:`find_cable_refs` found ``cables``; ``own_post`` is the citing cable's post in its
    canonical form."""
    make = _make_reference
    if not cables:
        letter = letters[0] if letters else None
        references.append(make({"letter": letter, "text": text, "kind": _kind(text)}))
        return
    if len(cables) == 1:
        cable_id = _cable_id(cables[0], sent, own_post, own_number)
        letter = letters[0] if letters else None
        references.append(
            make({"letter": letter, "text": text, "cable_id": cable_id, "kind": _CABLE})
        )
        return
    spans = []
    bounds = [cable.start for cable in cables]  # each span runs to the next cable
    bounds[0] = 0
    bounds.append(len(text))
    for index in range(len(cables)):
        span = text[bounds[index] : bounds[index + 1]].strip(" ;,")
        if span.rstrip()[-1:] in _CONNECTOR_ENDS:  # the last character of any match
            span = _TRAILING_CONNECTORS.sub("", span).strip(" ;,")
        spans.append(span)
    if len(letters) == 1:
        letters = list(letters)
        # "A. STATE 1 B STATE 2": each span but the last may end in the next letter, as
        # long as every span before it did
        for index in range(len(spans) - 1):
            expected = chr(ord(letters[-1]) + 1)
            if expected not in spans[index][-2:]:
                break
            bare = _BARE_LETTER.search(spans[index])
            if bare is None or bare[1] != expected:
                break
            spans[index] = spans[index][: bare.start()]
            letters.append(expected)
        if len(letters) > 1:
            letters.extend([letters[-1]] * (len(cables) - len(letters)))
    last = len(letters) - 1  # the last letter goes on to the cables after it
    letter = letters[0] if letters else None
    for index, cable in enumerate(cables):
        if last > 0:
            letter = letters[min(index, last)]
        references.append(
            make(
                {
                    "letter": letter,
                    "text": spans[index],
                    "cable_id": _cable_id(cable, sent, own_post, own_number),
                    "kind": _CABLE,
                }
            )
        )


def _cable_id(
    cable: CableRef, sent: date | int | None, own_post: str | None, own_number: int | None
) -> str | None:
    """The canonical id of a cable reference: its year (its own, or the citing cable's by
    :func:`~cablekit.fields.cable_refs.cable_year`), its post and its number; None without a
    year, or for a redacted post.  ``own_post`` is the citing cable's post, canonical."""
    year: str | int | None = cable.year
    if year is None:
        if sent is None:
            return None  # without a citing year there is none
        post = canonical_post(cable.post)
        year = canonical_year(post, cable.number, sent, own=own_post, own_number=own_number)
    else:
        post = canonical_post(cable.post)
    # "09 XXXXXXXXXXXX 167" (10SHENYANG4): a redacted post (three X or more) names no cable
    if len(post) >= 3 and not post.strip("X"):
        return None
    yy = year if isinstance(year, str) else f"{year % 100:02d}"
    return f"{yy}{post}{cable.number}"
