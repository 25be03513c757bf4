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
   :func:`cable_year` for the rule at the turn of a year.

Reftels mentioned only inside paragraphs ("per reftel") are not read here: only the REF field.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from cablekit._text import collapse
from cablekit.fields.stations import is_post
from cablekit.grammar import pattern
from cablekit.models import Reference, ReferenceKind

__all__ = ["cable_year", "canonical_post", "read_ref_field", "read_references"]

# -- cleaning ---------------------------------------------------------------------------------

_CUT = re.compile(
    r"""(?:
        \bCLASSIFIED\s+BY\b
      | \bDERIVED\s+FROM\b
      | \bSENSITIVE\s+BUT\s+UNCLASSIFIED\b
      | -{3,} | _{3,}
      | (?<![\w(])\((?:U|SBU|S/NF|C/NF|S//NF|C//NF|U//FOUO|SBU/NF|FOUO)\)\s+\w   # (SBU) Poloff ...
      | (?:^|\s)¶?[0-9]{1,2}\.\s+\((?:U|C|S|SBU|TS)[^)]{0,6}\)               # 1. (C) ...
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# a section continuation line the copy joined to the REF field: "MADRID 00002282 001.2 OF 002"
_CONTINUATION = re.compile(r"\b" + pattern("CONTINUATION").pattern + r"\b")
# the keyword written again at the start of the field: "REF: REFTEL: ..."
_LEADING_KEYWORD = re.compile(r"^(?:" + pattern("REF_KEYWORD").pattern + r"\b\s*:?\s*)+")
_NOTHING = re.compile(r"^(?:NONE|N/?A|NOT USED|NIL)\.?$", re.IGNORECASE)

# -- letters ----------------------------------------------------------------------------------

_MARKER = re.compile(
    r"""(?<![^\s;,])(?P<pilcrow>¶\s*)?(?:
        \(?(?P<first>[A-Za-z])\)?\s*(?:-|–|\bTHRU\b|\bTHROUGH\b)\s*\(?(?P<last>[A-Za-z])[.)]
          (?=\s|$)                                               # A-C.  A THROUGH C)
      | \((?P<paren>[A-Za-z])\)                                  # (A)
      | (?P<dot>[A-Za-z])(?:\.(?=\s|$)|\)(?=\s|$|[A-Z0-9]))         # A.  A)  A)STATE
      | (?P<colon>[A-Za-z]):(?=\s)                               # A:  (after a letter)
    )""",
    re.VERBOSE,
)
_CONNECTOR = re.compile(r"^(?:,|;|&|-|–|AND|OR)?$", re.IGNORECASE)
_CONTINUES = re.compile(
    r"^(?:(?:19|20)[0-9]{2}|AND\s+(?:PREVIOUS|PRIOR|OTHERS|FOLLOWING)"
    r"|(?:(?:19|20)[0-9]{2}\s+)?AND\s+(?:PREVIOUS|PRIOR)\b.*)$",
    re.IGNORECASE,
)


@dataclass
class _Marker:
    start: int
    end: int
    letters: list[str]
    pilcrow: bool
    form: str


def _markers(text: str) -> list[_Marker]:
    """The item letters of a REF text, checked against the sequence A, B, C ..."""
    accepted: list[_Marker] = []
    for match in _MARKER.finditer(text):
        if match["first"]:
            a, b = ord(match["first"].upper()), ord(match["last"].upper())
            if not a < b <= a + 12:
                continue
            letters, form = [chr(c) for c in range(a, b + 1)], "range"
        else:
            letter = (match["paren"] or match["dot"] or match["colon"]).upper()
            letters = [letter]
            form = "paren" if match["paren"] else "dot" if match["dot"] else "colon"
        marker = _Marker(match.start(), match.end(), letters, bool(match["pilcrow"]), form)
        previous = accepted[-1] if accepted else None
        adjacent = previous is not None and not text[previous.end : marker.start].strip()
        if form == "colon" and not adjacent:
            continue
        if previous is None:
            if marker.start != 0 and letters[0] != "A":
                continue  # an initial in a name ("EMAIL FROM J. SMITH"), not an item letter
        elif not (adjacent or marker.pilcrow):
            gap = ord(letters[0]) - ord(previous.letters[-1])
            if not 0 <= gap <= 2:
                continue
        accepted.append(marker)
    return accepted


def _items(text: str) -> list[tuple[list[str], str]]:
    """Split a REF text into items: (letters, text)."""
    markers = _markers(text)
    items: list[tuple[list[str], str]] = []
    head = text[: markers[0].start] if markers else text
    if head.strip(" ;,."):
        items.append(([], head.strip(" ;,")))
    pending: list[str] = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start if index + 1 < len(markers) else len(text)
        body = text[marker.end : end].strip(" ;,")
        following = markers[index + 1] if index + 1 < len(markers) else None
        if not body and following is not None:
            # "A. A)", "¶C. (B)", "¶B. D.": the cablegate anchor, then the cable's own letter
            doubled = following.form != marker.form or following.letters == marker.letters
            if marker.pilcrow or doubled:
                continue
            pending.extend(marker.letters)  # "A. B. STATE 1 AND 2"
            continue
        if _CONNECTOR.match(body) and following is not None:
            pending.extend(marker.letters)  # "A. AND B. STATE 1234 AND 5678"
            continue
        if _CONTINUES.match(body) and items:
            # "FOR FEBRUARY 17," / "¶B. 2006": the site took a wrapped line for an item
            letters, previous = items[-1]
            items[-1] = (letters, f"{previous} {body}")
            pending = []
            continue
        letters = pending + [letter for letter in marker.letters if letter not in pending]
        pending = []
        if body:
            items.append((letters, body))
    return items


# -- cable references -------------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9]+|[A-Za-z][A-Za-z'’&.-]*|\S")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS = _word_set(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE "
    "JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER"
)
# Words that are never part of a post name: a number after them is something else.
_NOT_POST = _MONTHS | _word_set(
    """
    A AN AND AS AT BY CABLE CALL CONVERSATION DAILY DATED DIP DIPNOTE DOC DTG DVC E-MAIL
    E-MAILS EMAIL EMAILS EXDIS FAH FAM FOR FROM IIR IN LETTER LIMDIS MAIL MEETING MEMCON MEMO
    MESSAGE MSG NO NODIS NONPAPER NOTAL NOTE NOTES NR NUMBER OF ON OR OSC OTHERS PAGE PAPER
    PARA PARAGRAPH PARAS PHONE POINT POINTS PREVIOUS PRIOR REF REFS REFTEL REFTELS REPORT
    REPORTS RESOLUTION SECTION SEE SEPTEL SVTC TD TDX TELCON TELECON THE TO UNSCR VTC WITH
    """
)
_ALIASES = {
    "SECSTATE": "STATE",
    "SECSTATE WASHDC": "STATE",
    "SECSTATE WASHINGTON": "STATE",
    "SECSTATE WASHINGTON DC": "STATE",
    "STATE WASHDC": "STATE",
    "DEPT": "STATE",
    "DEPTEL": "STATE",
    "USUN": "USUNNEWYORK",
    "USUN NEW YORK": "USUNNEWYORK",
    "USUN NY": "USUNNEWYORK",
    "UNVIE": "UNVIEVIENNA",
    "UNVIE VIENNA": "UNVIEVIENNA",
    "USEU": "USEUBRUSSELS",
    "USEU BRUSSELS": "USEUBRUSSELS",
    "USNATO BRUSSELS": "USNATO",
    "CASA": "CASABLANCA",
    "RIO": "RIODEJANEIRO",
    "RPO DUBAI": "RPODUBAI",
    "IRPO DUBAI": "RPODUBAI",
    "DUBAI RPO": "RPODUBAI",
    "ST PETERSBURG": "STPETERSBURG",
}
_POST_PREFIX = re.compile(
    r"^(?:AM)?(?:EMBASSY|CONSUL|CONSULATE|CONGEN|CONSULATE GENERAL)\s+|^USMISSION\s+"
)
_NOT_ID = re.compile(r"[^A-Z0-9]")
_WORD = re.compile(r"^[A-Za-z][A-Za-z'’&.-]*[A-Za-z.]$")


def canonical_post(post: str) -> str:
    """A post as it stands in a reference id: ``USUN NEW YORK`` → ``USUNNEWYORK``,
    ``SECSTATE WASHDC`` → ``STATE``, ``EMBASSY VIENNA`` → ``VIENNA``."""
    return _canonical_post(post)


# a REF line names the same few posts again and again, and the citing cable's own post for
# each reference (cable_year)
@functools.lru_cache(maxsize=4096)
def _canonical_post(post: str) -> str:
    name = collapse(post.upper().replace("’", "'"))
    name = _POST_PREFIX.sub("", name) or name
    name = _ALIASES.get(name, name)
    return _NOT_ID.sub("", name)


@dataclass
class _CableRef:
    start: int
    end: int
    post: str
    number: int
    year: str | None


def _is_post_word(token: str) -> bool:
    word = token.upper()
    return bool(_WORD.match(token)) and len(word.strip(".")) >= 2 and word not in _NOT_POST


def _pick_post(words: list[str]) -> int:
    """How many of the words before a number name the post: the longest known post or alias
    among the last four words, else the last two (``WHITE HOUSE``) or one."""
    for size in range(min(len(words), 4), 0, -1):
        candidate = " ".join(words[-size:]).upper()
        if candidate in _ALIASES or is_post(candidate) or _ALIASES.get(candidate.split(" ", 1)[-1]):
            return size
        stripped = _POST_PREFIX.sub("", candidate)
        if stripped != candidate and (is_post(stripped) or stripped in _ALIASES):
            return size
    return min(len(words), 2)


def _year_token(token: str) -> str | None:
    if len(token) == 2 and token.isdigit():
        return token
    if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20"):
        return token[2:]
    return None


def _cable_refs(text: str) -> list[_CableRef]:
    """Every ``[YY] POST NUMBER`` in an item, and list continuations (``STATE 1234 AND 5678``)."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    refs: list[_CableRef] = []
    index = 0
    while index < len(tokens):
        word = tokens[index][0]
        if not word.isdigit() or not 1 <= len(word) <= 6 or index == 0:
            index += 1
            continue
        if not _number_ends(text, tokens, index):
            index += 1
            continue
        # the words right before the number, on one line of text (single spaces between)
        words: list[str] = []
        cursor = index - 1
        while cursor >= 0 and len(words) < 4 and _is_post_word(tokens[cursor][0]):
            gap = text[tokens[cursor][2] : tokens[cursor + 1][1]]
            if gap not in ("", " "):
                break
            words.insert(0, tokens[cursor][0])
            cursor -= 1
        if not words:
            refs_continue = _continuation(text, tokens, index, refs)
            if refs_continue is not None:
                refs.append(refs_continue)
            index += 1
            continue
        size = _pick_post(words)
        first = index - size
        if not _post_stands_apart(text, tokens, first, index):
            index += 1
            continue
        post = " ".join(tokens[i][0] for i in range(first, index))
        year = None
        ref_start = tokens[first][1]
        taken = refs[-1].end if refs else -1
        if first > 0 and tokens[first - 1][1] >= taken:
            before, before_start, before_end = tokens[first - 1]
            if before == ")" and first >= 3 and tokens[first - 3][0] == "(":
                year = _year_token(tokens[first - 2][0])  # "(08) SAO PAULO 581"
                if year is not None:
                    ref_start = tokens[first - 3][1]
            elif text[before_end : tokens[first][1]] in ("", " "):
                year = _year_token(before)
                if year is not None:
                    ref_start = before_start
        end = tokens[index][2]
        # "MOSCOW 03242 2008": a year written after the number
        if (
            year is None
            and index + 1 < len(tokens)
            and _year_token(tokens[index + 1][0]) is not None
            and len(tokens[index + 1][0]) == 4
            and (index + 2 >= len(tokens) or not _is_post_word(tokens[index + 2][0]))
        ):
            year = _year_token(tokens[index + 1][0])
            end = tokens[index + 1][2]
            index += 1
        refs.append(_CableRef(ref_start, end, post, int(word), year))
        index += 1
    return refs


def _post_stands_apart(
    text: str, tokens: list[tuple[str, int, int]], first: int, number: int
) -> bool:
    """The post is a word of its own: not the tail of ``051506ZJUN2008`` or ``PN7``.

    Only a two-digit year may be written onto the post (``09DHAHRAN 201``), and only a post
    of four letters or more onto the number (``BELGRADE743``)."""
    if first > 0:
        before, _, before_end = tokens[first - 1]
        if before_end == tokens[first][1] and not (before.isdigit() and len(before) == 2):
            return False
    last_end = tokens[number - 1][2]
    if last_end == tokens[number][1]:
        return len(tokens[number - 1][0]) >= 4 and len(tokens[number][0]) >= 2
    return True


def _number_ends(text: str, tokens: list[tuple[str, int, int]], index: int) -> bool:
    """The number stands alone: not ``201/2006``, ``0028-2010``, ``42.1``, ``301601Z``."""
    end = tokens[index][2]
    rest = text[end : end + 2]
    if rest[:1] and (rest[:1].isalpha() or rest[:1] in "/_"):
        return False
    if rest[:1] in ("-", "–") and rest[1:2] not in ("-", "–", " ", ""):
        return False  # "0028-2010", but "00830--05/DEC/2008" is a number and a date
    return not (rest[:1] in ".:" and rest[1:2].isdigit())


def _continuation(
    text: str, tokens: list[tuple[str, int, int]], index: int, refs: list[_CableRef]
) -> _CableRef | None:
    """``STATE 1234 AND 5678``: a bare number after a separator continues the last reference."""
    if not refs or index < 2:
        return None
    separator = tokens[index - 1][0].upper()
    if separator not in (",", "AND", "&", ";"):
        return None
    previous_end = tokens[index - 2][2]
    if previous_end != refs[-1].end:
        return None
    following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
    if _is_post_word(following):
        return None  # "... AND 08 MADRID 567": a year, not a number
    last = refs[-1]
    word, start, end = tokens[index]
    return _CableRef(start, end, last.post, int(word), last.year)


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
    if bare in _ALIASES or is_post(bare):
        return ReferenceKind.CABLE  # "(C) SECSTATE", "B. FREETOWN": the number is missing
    return ReferenceKind.OTHER


# -- years ------------------------------------------------------------------------------------

# The most cables a post numbers in a day, with room to spare: the Department's own series ran
# to about 300,000 a year at its busiest, an embassy's to a few tens of thousands.
_DAILY_MOST = {"STATE": 2500}
_DAILY_MOST_POST = 150


def cable_year(
    post: str,
    number: int,
    sent: date | int | None,
    *,
    own_post: str | None = None,
    own_number: int | None = None,
) -> int | None:
    """The year of a cable cited without one, from the citing cable (its date, post, number).

    Cable numbers start again at 1 each January and only grow through the year, so the citing
    cable's year is used unless the number shows the cited cable must be older:

    - **Same post.** Citing its own post, a cable can only cite a smaller number than its own.
      A number clearly above (more than 50, or 10 %, over the citing cable's own number, which
      leaves room for cables numbered slightly out of order: 09BRASILIA1411 cites BRASILIA
      1412, 10BUENOSAIRES95 cites Buenos Aires 0118) is from the year before: ``BAGHDAD
      3326`` cited by 10BAGHDAD112 is 09BAGHDAD3326.
    - **Other posts.** A number no post could have reached by the citing cable's date is from
      the year before: at most 2,500 a day for ``STATE`` and 150 a day for any other post.
      ``SECSTATE 170928`` cited by 08RIYADH7 (sent 2 January 2008) is 07STATE170928.
      This needs the citing cable's date, not only its year.

    ``post`` and ``own_post`` are compared in their canonical form. Returns None without a
    citing year.
    """
    if sent is None:
        return None
    year = sent if isinstance(sent, int) else sent.year
    cited = canonical_post(post)
    own = canonical_post(own_post) if own_post else None
    if own is not None and own_number is not None and cited == own:
        if number > own_number + max(50, own_number // 10):
            return year - 1
        return year
    if isinstance(sent, date):
        day = sent.timetuple().tm_yday
        if number > day * _DAILY_MOST.get(cited, _DAILY_MOST_POST):
            return year - 1
    return year


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
    for letters, item in _items(text):
        for part in _split_semicolons(item):
            references.extend(_references(letters, part, sent, post, number))
    return references


def cut_off(text: str) -> str:
    """What :func:`read_references` leaves out of a REF field: the text the copy ran into it
    (a ``Classified By`` line, a ``(SBU)`` paragraph), so that the caller can keep it."""
    return _split_off(text)[1]


def _split_off(text: str) -> tuple[str, str]:
    """A REF field, whitespace collapsed, split where the copy ran other text into it: the
    field's own text and the rest."""
    text = collapse(text)
    cut = _CUT.search(text)
    if cut is None:
        return text, ""
    return text[: cut.start()], text[cut.start() :]


def _clean(text: str) -> str:
    """The field's own text (:func:`_split_off`) without continuation lines and keywords."""
    text = _CONTINUATION.sub(" ", text)
    return _LEADING_KEYWORD.sub("", collapse(text)).strip(" ;,")


def _split_semicolons(item: str) -> list[str]:
    if ";" not in item:  # the common case, without walking the text
        return [item.strip(" ;,")] if item.strip(" ;,.") else []
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


_TRAILING_CONNECTORS = re.compile(r"(?:\s*(?:,|;|&|\bAND\b))+$", re.IGNORECASE)
# a letter left at the end of a span: the next item's, written without its dot
_BARE_LETTER = re.compile(r"\s([A-Z])$")


def _references(
    letters: list[str],
    text: str,
    sent: date | int | None,
    own_post: str | None,
    own_number: int | None,
) -> list[Reference]:
    cables = _cable_refs(text)
    if not cables:
        letter = letters[0] if letters else None
        return [Reference(letter=letter, text=text, kind=_kind(text))]
    spans: list[str] = []
    if len(cables) == 1:
        spans.append(text)
    else:
        for index, cable in enumerate(cables):
            start = 0 if index == 0 else cable.start
            end = cables[index + 1].start if index + 1 < len(cables) else len(text)
            span = text[start:end].strip(" ;,")
            span = _TRAILING_CONNECTORS.sub("", span)
            spans.append(span.strip(" ;,"))
    if len(letters) == 1 and len(cables) == len(spans) > 1:
        letters = list(letters)
        for index in range(len(spans) - 1):
            bare = _BARE_LETTER.search(spans[index])
            expected = chr(ord(letters[-1]) + 1)
            if bare is not None and bare[1] == expected and len(letters) == index + 1:
                spans[index] = spans[index][: bare.start()]
                letters.append(expected)
        if len(letters) > 1:
            letters.extend([letters[-1]] * (len(cables) - len(letters)))
    references = []
    for index, (cable, span) in enumerate(zip(cables, spans, strict=True)):
        if not letters:
            letter = None
        elif len(letters) == len(cables):
            letter = letters[index]
        else:
            letter = letters[min(index, len(letters) - 1)] if len(letters) > 1 else letters[0]
        year: str | int | None = cable.year
        if year is None:
            year = cable_year(
                cable.post, cable.number, sent, own_post=own_post, own_number=own_number
            )
        cable_id = None
        if year is not None:
            yy = year if isinstance(year, str) else f"{year % 100:02d}"
            cable_id = f"{yy}{canonical_post(cable.post)}{cable.number}"
        references.append(
            Reference(letter=letter, text=span, cable_id=cable_id, kind=ReferenceKind.CABLE)
        )
    return references
