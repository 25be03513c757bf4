"""People in a cable: the signers of the last line, the name and title of the classifier.

``split_signers`` reads the signature line (``RICE/JONES`` → ``["RICE", "JONES"]``);
``split_authority`` splits the authority of a ``Classified By`` line into a title and a name
(``Political Minister-Counselor Josiah Rosenblatt`` → ``("Political Minister-Counselor",
"Josiah Rosenblatt")``).
"""

from __future__ import annotations

import functools
import re

from cablekit import _fast
from cablekit._text import collapse
from cablekit.fields.stations import is_post

__all__ = ["split_authority", "split_signers"]

_WS = re.compile(r"\s+")

# -- signers ----------------------------------------------------------------------------------

_SIGNER_NOTES = re.compile(
    r"^(?:¶?\s*[0-9]{1,2}\.\s*)?(?:\([A-Z/]{1,8}\)\s*)?MINIMIZE\s+CONSIDERED\.?\s*", re.I
)
_UNQUOTE = re.compile(r"\bUNQUOTE\b", re.IGNORECASE)
_SIGNER_SPLIT = re.compile(r"\s*(?:/|;|&|\bAND\b|,|\s{2,})\s*")
# dots, blanks and a date at the end: a match starts only where a run of them starts (the
# lookbehind), and the run is matched one way, so a long run that does not reach the end is
# scanned once, not once from each of its characters
_TRAILING = re.compile(r"(?<![\s.])[\s.]*(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[\s.]*)?$")
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV"})
_PARTICLES = frozenset(
    {
        "AL",
        "BIN",
        "DA",
        "DAS",
        "DE",
        "DEL",
        "DELLA",
        "DER",
        "DI",
        "DOS",
        "DU",
        "EL",
        "LA",
        "LE",
        "MAC",
        "MC",
        "ST",
        "ST.",
        "TEN",
        "TER",
        "VAN",
        "VON",
    }
)
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,}$")
_NAME_PART = re.compile(r"^[A-Za-z][A-Za-z'’.\- ]*$")


def split_signers(signature: str | None) -> list[str]:
    """Every name in a signature line, in order, without repeats.

    ``RICE/JONES`` and ``RICE AND JONES`` give two names; so does a line of surnames in
    capitals (``RICE  JONES``, ``KHALILZAD CROCKER``), which is how a cable signed by several
    people writes them. A repeated name counts once (``PARDEW PARDEW``, ``SHANNON Shannon`` in
    09BRASILIA cables), a suffix after a surname is left out (``TIMKEN JR`` gives ``TIMKEN``;
    ``Cable.signature`` keeps the line as written), a name in mixed case stays
    whole (``David J. Hazarian``), and notes before the name are dropped (``MINIMIZE
    CONSIDERED SHANNON``, ``CLINTON UNQUOTE CLINTON``). A line cut off with ``...`` is not a
    signature and gives no names.
    """
    if not signature:
        return []
    return list(_signers(signature))


def _one_word_signer(text: str) -> str | None:
    """The fast path of :func:`_signers` for a signature of one word of ASCII letters
    (``AGUIRRE``, ``LeBaron``), as most are: the word itself, without the patterns for
    notes, separators, dates and stops, none of which can take anything from such a word
    but ``UNQUOTE`` and ``AND`` (left to the plain reading).  None for any other text."""
    if text.isalpha() and text.isascii() and text.upper() not in ("UNQUOTE", "AND"):
        return text
    return None


# The same few people sign and classify cable after cable: both readings are kept.
@functools.lru_cache(maxsize=4096)
def _signers(signature: str) -> tuple[str, ...]:
    text = signature.strip()
    if _fast.ENABLED:
        word = _one_word_signer(text)
        if word is not None:
            return (word,)
    if text.endswith(("...", "…")):
        return ()
    text = _SIGNER_NOTES.sub("", text)
    pieces = _UNQUOTE.split(text)
    text = next((piece for piece in reversed(pieces) if piece.strip()), "")
    text = _TRAILING.sub("", text).lstrip(" .")  # ".FARRAR": the stop of the sentence before
    names: list[str] = []
    parts = [part for part in _SIGNER_SPLIT.split(text) if part]
    for index, part in enumerate(parts):
        if part.upper() in _SUFFIXES and names:
            continue  # "TIMKEN, JR": the suffix is no name of its own
        if len(parts) > 1 and index == 0 and _is_place(part):
            continue  # "Peshawar, David J. Hazarian"
        names.extend(_names_in(_WS.sub(" ", part)))
    unique: list[str] = []
    seen: set[str] = set()
    for name in names:
        if _NAME_PART.match(name) and name.upper() not in seen:
            seen.add(name.upper())
            unique.append(name)
    return tuple(unique)


def _names_in(part: str) -> list[str]:
    """One part of a signature: a name, or several surnames in capitals; a suffix after the
    surname is left out (``TIMKEN JR``)."""
    words = part.split(" ")
    while len(words) > 1 and words[-1].upper() in _SUFFIXES:
        words.pop()
    part = " ".join(words)
    if len(words) > 1 and all(word.upper() == words[0].upper() for word in words):
        return [words[0]]
    if len(words) < 2 or part != part.upper():
        return [part]
    if any(_INITIAL.match(w) or w in _SUFFIXES or w in _PARTICLES for w in words):
        return [part]
    return words


def _is_place(part: str) -> bool:
    # a post name written before the signer ("Peshawar, David J. Hazarian")
    return is_post(part)


# -- classified by ----------------------------------------------------------------------------

# Words that belong to a title, never to a name (compared in upper case, dots removed).
_TITLE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
    A/DCM A/S ACTING ADCM ADVISER ADVISOR AFFAIRS AFFAIRES AMB AMBASADOR AMBASSADOR ARSO ASD
    ASSISTANT ATTACHE BUREAU CDA CG CHARG CHARGE CHARGE' CHARGE’ CHARGÉ CHEIF CHIEF COM
    CONGEN CONSUL
    CONSULATE COORDINATOR COUNCELOR COUNS COUNSELLOR COUNSELOR COUSELOR DAO DAS DATT DCM DEPT
    DEPUTY DIR DIRECTOR DOS DPO ECON ECONCOUNS ECONMINCOUNS ECONOMIC ECONOMICS ECOPOL EMBASSY
    ENVOY EXEC FOR GENERAL HEAD INTERAGENCY LEADER M/C M-C MANAGER MC MINCOUNS MINISTER
    MINISTER-COUNSELOR MINISTER-COUNCELOR MINSTER MISSION OF OFFIC OFFICER PDAS PO POL POL/C
    POL/ECON POL/MC POLAD POLCOUNS POLECON POLITICAL POLITICAL-MILITARY POLMC POLMIL
    POLMINCOUNS POLCOUNSELOR PRINCIPAL REPRESENTATIVE RSO SECRETARY SECTION SENIOR SPECIAL
    STATE U/S UNDER UNIT
    AF CA DRL DS EAP EEB EUR INL INR IO ISN NEA OES PM PRM SCA USEU USNATO USUN WHA
    """,
    )
)
# POLOFF, Econoff, ESTOff: an officer of a section
_OFFICER = re.compile(
    r"^(?:POL|ECON|EST|ESTH|CON|MGT|MGMT|LAB|POLEC|POLECON|ECONPOL|POLMIL|PD|PA|SCI|ENV|AGR"
    r"|NARC|INFO|REF|ECOPOL)OFF$"
)
_QUALIFIERS = re.compile(r"^(?:a\.?\s?i\.?|acting)$", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"""^(?:
        [A-Z][A-Za-z'’`\-]*[A-Za-z]\.?,?      # Rosenblatt, O'Donohue, Thompson-Jones, McEldowney
      | [A-Z]\.?,?                           # an initial: E. / P / G,
      | (?:[A-Z]\.){1,3}[A-Z][A-Za-z'’\-]*   # E.JONES
      | (?:[A-Z]\.){2,3},?                   # N.S.
      | ["“][A-Za-z]+["”]                    # a nickname: "Hoot"
      | [Xx]{3,}                             # a redacted name
      | (?i:van|von|de|del|da|di|du|bin|al|le|la|jr\.?|sr\.?|ii|iii|iv)
    )$""",
    re.VERBOSE,
)
_AUTHORITY_NOISE = re.compile(
    r"""(?:
        ^\s*(?:\([A-Z]{1,3}\)\s*)?CLASSIFIED\s+(?:[A-Z]+\s+)?BY\s*:?\s*   # a repeated keyword
      | (?<!\s)                                                         # from a run's start
        (?: \s*(?:[,;]\s*)?\bfor\s+E\.?\s?O\.?\b.*$                   # "for E.O. 12958"
          | \s*(?:[,;]\s*)?\bfor\s+rea.*$                            # "for reasons 1.4"
          | \s*[,;]\s*E\.?\s?O\.?\s*[0-9].*$                            # "; E.O. 12958"
          | \s*\((?:[A-Z]{1,4})\)\s*$                                   # "(G)" after a name
          | \s+(?:by|for|fo|f\s?o\s?r)\s*$                              # a cut "for reasons"
        )
      | ^\s*by\s+                                                       # "By Ambassador ..."
      | (?<![\s\-?])[\s\-?]+$                                           # from a run's start
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT = re.compile(r"[0-9]")
_COMMA = re.compile(r",(?!\s*Affaires)", re.IGNORECASE)
_GLUED = re.compile(r"(?<=[A-Za-z]);(?=[A-Za-z])")
_AFFAIRES = re.compile(r"^[dD][',’]\s?(?:[Aa][Ff][Ff]|$)")
_NAME_SUFFIX = re.compile(r"(?i:jr\.?|sr\.?|ii|iii|iv)")
_NOT_A_PERSON = re.compile(r"^(?:derived\s+from|multiple\s+sources)", re.IGNORECASE)


def split_authority(authority: str | None) -> tuple[str | None, str | None]:
    """Split the authority of a ``Classified By`` line into ``(title, name)``.

    Both forms of the line are read: title first (``Political Minister-Counselor Josiah
    Rosenblatt``, ``AMBASSADOR DELANO E. LEWIS``, ``Charge d'Affaires a.i. Leigh Carter``,
    ``A/DCM ABELARDO A. ARIAS``, ``POLOFF RICHARD REITER``) and name first, as the
    classification tool writes it (``Richard G. Olson, Ambassador, State, US Embassy Abu
    Dhabi``: the agency and office after the title are left out). Either part is None when
    the line does not give it (``Ambassador`` alone has no name; ``Derived from Multiple
    Sources`` has neither).
    """
    if not authority:
        return None, None
    return _title_and_name(authority)


@functools.lru_cache(maxsize=4096)
def _title_and_name(authority: str) -> tuple[str | None, str | None]:
    """:func:`split_authority` of a non-empty authority (kept, as the signers are)."""
    text = collapse(authority)
    without_noise = _without_noise_fast if _fast.ENABLED else _without_noise_plain
    for _ in range(3):
        trimmed = without_noise(text).strip(" ,;:")
        if trimmed == text:
            break  # nothing more to take off: another round would change nothing
        text = trimmed
    if ";" in text:
        text = _GLUED.sub(" ", text)  # "DCM;DOUG SILLIMAN"
    if not text or _NOT_A_PERSON.match(text):
        return None, None
    parts = [part.strip() for part in _COMMA.split(text)]
    parts = [part for part in parts if part]
    # "Richard G. Olson, Ambassador, ...", "Martinez, Vilma, Ambassador, ..."
    surname_given = len(parts) > 2 and len(_words(parts[1])) == 1 and not _all_name(parts[2])
    if len(parts) > 1 and _all_name(parts[0]) and (not _all_name(parts[1]) or surname_given):
        return _name_first(parts)
    return _title_first(parts)


def _without_noise_plain(text: str) -> str:
    """The authority without what is no title or name: a repeated keyword, a cut "for
    reasons", a trailing "(G)" (``_AUTHORITY_NOISE``)."""
    return _AUTHORITY_NOISE.sub("", text)


def _without_noise_fast(text: str) -> str:
    """:func:`_without_noise_plain`, the fast path: the same text.

    The substitution tries its alternation at every character, for a case-insensitive
    search that finds nothing in most authorities.  Of its branches only two can match away
    from the start (``^``), and both run to the end of the text (``$``): what they need is
    looked for with string methods, and when nothing of it is there, the pattern is run at
    the start alone (``match``), which is all that the substitution could remove.  Only for
    ASCII text: case-insensitive matching also takes some other letters for ``s`` and ``i``.
    """
    if not text.isascii():
        return _AUTHORITY_NOISE.sub("", text)
    lowered = text.lower()
    end = lowered.rstrip()
    if (
        "for" in lowered  # "for E.O. ...", "for reasons", a cut "for"
        or (("," in text or ";" in text) and _DIGIT.search(text) is not None)  # "; E.O. 1"
        or end.endswith(")")  # "(G)"
        or "".join(end[-5:].split()).endswith(("by", "fo", "for"))  # a cut "for", "by"
        or end != lowered  # whitespace at the end
        or text.endswith(("-", "?"))  # a run of them at the end
    ):
        return _AUTHORITY_NOISE.sub("", text)
    start = _AUTHORITY_NOISE.match(text)
    return text if start is None else text[start.end() :]


def _words(text: str) -> list[str]:
    return text.split(" ")


def _is_title_word(word: str, mixed_case: bool) -> bool:
    # each pattern is tried only on a word that has the letters it starts or ends with: most
    # words are names, and a failed match costs as much as the rest of the tests together
    qualifier = word.strip(",;:")
    if qualifier[:1] in ("a", "A") and _QUALIFIERS.match(qualifier):
        return True  # a.i., ACTING
    bare = word.strip(",.:;").upper()
    if bare in _SUFFIXES or f"{bare}." in _SUFFIXES:
        return False
    if bare in _TITLE_WORDS or bare.replace(".", "") in _TITLE_WORDS:
        return True
    if "/" in word or word in ("-", "?", "–"):
        return True
    if "OFF" in bare and _OFFICER.match(bare):
        return True
    if word[:1] in ("d", "D") and _AFFAIRES.match(word):
        return True  # d'Affaires, D' Affaires
    # an acronym in a mixed-case line is an office or a title (DCM, EAP, CDA), not a name
    return mixed_case and len(bare) >= 2 and bare.isalpha() and word.strip(",.") == bare


# Authorities differ, their words much less: the same titles and names, cable after cable.
@functools.lru_cache(maxsize=8192)
def _is_name_word(word: str, mixed_case: bool) -> bool:
    return bool(_NAME_TOKEN.match(word)) and not _is_title_word(word, mixed_case)


def _all_name(text: str) -> bool:
    mixed = text != text.upper()
    words = _words(text)
    return bool(words) and all(_is_name_word(w, mixed) for w in words) and _has_name(words)


def _has_name(words: list[str]) -> bool:
    """At least one word longer than an initial (so ``A`` alone is no name)."""
    return any(len(w.strip(',."“”')) > 1 and not _INITIAL.match(w.strip(",")) for w in words)


def _trailing_name(text: str) -> tuple[str, str | None]:
    """Split ``title name``: the name is the run of name-like words at the end."""
    mixed = text != text.upper()
    words = _words(text)
    start = len(words)
    while start > 0 and _is_name_word(words[start - 1], mixed):
        start -= 1
    name_words = words[start:]
    # "AMBASSADOR ORDWAY" is fine; "Charge d'Affaires a.i." has no name
    if not name_words or not _has_name(name_words):
        return text, None
    # a lone initial left in the title belongs to the name ("Amb. P Michael McKinley")
    return " ".join(words[:start]), " ".join(name_words).strip(",")


def _title_first(parts: list[str]) -> tuple[str | None, str | None]:
    title_parts: list[str] = []
    for index, part in enumerate(parts):
        title, name = _trailing_name(part)
        if name is not None:
            if title:
                title_parts.append(title)
            tail = parts[index + 1 :]
            if tail and _INITIAL.match(name.rsplit(" ", 1)[-1]) and _all_name(tail[0]):
                name = f"{name} {tail[0]}"  # "DCM Luis G, Moreno"
                tail = tail[1:]
            if tail and _NAME_SUFFIX.fullmatch(tail[0]):
                name = f"{name}, {tail[0]}"  # "Ambassador Clark T. Randt, Jr"
                tail = tail[1:]
            title_parts.extend(q for q in tail if _QUALIFIERS.match(q))  # ", ACTING"
            return _joined_title(title_parts), name
        title_parts.append(part)
        if index == 0 and not _title_continues(parts[index + 1 :]):
            break
    first = title_parts[0]
    if not _is_title_word(_words(first)[-1], first != first.upper()):
        return None, None  # "A", or a name the line damaged ("Andrew Y oung")
    return _joined_title([first, *(p for p in title_parts[1:] if _QUALIFIERS.match(p))]), None


def _title_continues(rest: list[str]) -> bool:
    """After a part with no name, does a later part hold it (``Charge d'Affaires, a.i., Dan
    Piccuta``)? Only the qualifier ``a.i.`` or a short title-and-name part may follow."""
    return bool(rest) and (_QUALIFIERS.match(rest[0]) is not None or len(_words(rest[0])) <= 5)


def _name_first(parts: list[str]) -> tuple[str | None, str | None]:
    name = parts[0]
    rest = parts[1:]
    # "Martinez, Vilma, Ambassador, DOS, EXEC": surname, given name, then the title
    if len(rest) > 1 and _all_name(rest[0]) and len(_words(rest[0])) == 1:
        name = f"{name}, {rest[0]}"
        rest = rest[1:]
    title_parts = [rest[0]] if rest else []
    title_parts.extend(q for q in rest[1:2] if _QUALIFIERS.match(q))
    return _joined_title(title_parts), name


def _joined_title(parts: list[str]) -> str | None:
    title = ", ".join(p.strip(" ,;:-?") for p in parts if p.strip(" ,;:-?"))
    return title or None
