"""Cable references inside a REF item: the post, the number, the year, the canonical id.

``STATE 1234 AND 5678``, ``(08) SAO PAULO 581``, ``MOSCOW 03242 2008``, ``DOHA 152 (08)``:
:func:`find_cable_refs` finds every ``[YY] POST NUMBER`` in an item (the year before or after
the number); :func:`canonical_post` and :func:`cable_year` make the canonical id
(``08STATE81854``), with the year of the citing cable when the reference gives none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from cablekit import _fast
from cablekit._text import collapse
from cablekit.fields.stations import is_post

__all__ = [
    "CableRef",
    "cable_year",
    "canonical_post",
    "canonical_year",
    "find_cable_refs",
    "names_a_post",
]

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
ALIASES = {
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


# A REF line names the same few posts again and again, and the words before them: what is
# made of them is remembered per spelling. Only short spellings are kept (posts and the words
# before a number are short): a hostile text of long words would keep its words alive.
_REMEMBERED = 100

_K = TypeVar("_K", str, tuple[str, ...])
_V = TypeVar("_V")


def _remembered_when_short(function: Callable[[_K], _V]) -> Callable[[_K], _V]:
    """``function``, its results kept for a key (a string, or a tuple of strings) of no more
    than ``_REMEMBERED`` characters each, and made anew for a longer one."""
    kept = functools.lru_cache(maxsize=4096)(function)

    @functools.wraps(function)
    def read(key: _K) -> _V:
        longest = len(key) if isinstance(key, str) else max(map(len, key), default=0)
        return kept(key) if longest <= _REMEMBERED else function(key)

    return read


@_remembered_when_short
def canonical_post(post: str) -> str:
    """A post as it stands in a reference id: ``USUN NEW YORK`` → ``USUNNEWYORK``,
    ``SECSTATE WASHDC`` → ``STATE``, ``EMBASSY VIENNA`` → ``VIENNA``."""
    name = collapse(post.upper().replace("’", "'"))
    name = _POST_PREFIX.sub("", name) or name
    name = ALIASES.get(name, name)
    return _NOT_ID.sub("", name)


@dataclass(slots=True)
class CableRef:
    """A cable reference found in an item: where it is, its post, number and year."""

    start: int
    end: int
    post: str
    number: int
    year: str | None


@_remembered_when_short
def _is_post_word(token: str) -> bool:
    word = token.upper()
    return bool(_WORD.match(token)) and len(word.strip(".")) >= 2 and word not in _NOT_POST


@_remembered_when_short
def _pick_post(words: tuple[str, ...]) -> int:
    """How many of the words before a number name the post: the longest known post or alias
    among the last four words, else the last two (``WHITE HOUSE``) or one."""
    for size in range(min(len(words), 4), 0, -1):
        candidate = " ".join(words[-size:]).upper()
        if candidate in ALIASES or is_post(candidate) or ALIASES.get(candidate.split(" ", 1)[-1]):
            return size
        stripped = _POST_PREFIX.sub("", candidate)
        if stripped != candidate and (is_post(stripped) or stripped in ALIASES):
            return size
    return min(len(words), 2)


def _year_token(token: str) -> str | None:
    if len(token) == 2 and token.isdigit():
        return token
    if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20"):
        return token[2:]
    return None


_DIGIT = re.compile(r"[0-9]")


def find_cable_refs(text: str) -> list[CableRef]:
    """Every ``[YY] POST NUMBER`` in an item, and list continuations (``STATE 1234 AND 5678``)."""
    if _fast.ENABLED:
        found = _words_and_numbers(text)
        if found is not None:
            return found
    if not _DIGIT.search(text):
        return []  # no number, no reference: the text is not split into words
    tokens = [(m[0], *m.span()) for m in _TOKEN.finditer(text)]
    refs: list[CableRef] = []
    count = len(tokens)
    index = 1  # a number that opens the item has no post before it
    while index < count:
        word, _, end = tokens[index]
        if not (len(word) <= 6 and word.isdigit() and word.isascii()):  # not ², not 1234567
            index += 1
            continue
        # a blank or the end after the number is the common case of _number_ends
        if text[end : end + 1] not in ("", " ") and not _number_ends(text, tokens, index):
            index += 1
            continue
        # the words right before the number, on one line of text (single spaces between)
        words: list[str] = []
        cursor = index - 1
        while cursor >= 0 and len(words) < 4 and _is_post_word(tokens[cursor][0]):
            if tokens[cursor + 1][1] - tokens[cursor][2] > 1 or (
                text[tokens[cursor][2] : tokens[cursor + 1][1]] not in ("", " ")
            ):
                break
            words.append(tokens[cursor][0])
            cursor -= 1
        if not words:
            refs_continue = _continuation(text, tokens, index, refs)
            if refs_continue is not None:
                refs.append(refs_continue)
            index += 1
            continue
        words.reverse()
        size = _pick_post(tuple(words))
        first = index - size
        if not _post_stands_apart(text, tokens, first, index):
            index += 1
            continue
        post = " ".join(words[-size:])
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
        # "MOSCOW 03242 2008", "DOHA 152 (08)" (09DOHA214): a year written after the number
        after = _year_after(tokens, index + 1) if year is None and index + 1 < count else None
        if after is not None:
            year, taken_tokens = after
            end = tokens[index + taken_tokens][2]
            index += taken_tokens
        refs.append(CableRef(ref_start, end, post, int(word), year))
        index += 1
    return refs


# the items most REF fields are made of: words and a number, one space apart, once or more
# ("STATE 1234", "RIO DE JANEIRO 329", "STATE 1234 A. PARIS 8729"); the pieces are the words
# find_cable_refs splits the item into
_WORDS_AND_NUMBER = r"((?:[A-Za-z][A-Za-z'’&.-]* )+)([0-9]{1,6})"
_WORDS_AND_NUMBERS = re.compile(f"{_WORDS_AND_NUMBER}(?: {_WORDS_AND_NUMBER})*")
_GROUP = re.compile(_WORDS_AND_NUMBER)
# one reference with the year written before it: "08 STATE 1234", "2006 MADRID 2374" (the
# years find_cable_refs reads from a number of two digits, or of four from 19 or 20)
_YEAR_WORDS_AND_NUMBER = re.compile(f"([0-9]{{2}}|(?:19|20)[0-9]{{2}}) {_WORDS_AND_NUMBER}")


def _words_and_numbers(text: str) -> list[CableRef] | None:
    """:func:`find_cable_refs` of an item of words and numbers, the fast path; None for any
    other item, and for one the general reading has to read.

    Each number cites a cable, the post taken from the words right before it, with no year (a
    year is written in digits, and the number before is another reference's): the words need
    no positions, and the item is not split into words by the pattern. An item with a number
    without a post before it is left to the general reading (``STATE 1234 AND 5678``,
    ``TELCON 2006 PARIS 1234``).
    """
    whole = _WORDS_AND_NUMBERS.fullmatch(text)
    if whole is None:
        return _year_words_and_number(text) if text[:1].isdigit() else None
    if whole.group(3) is None:  # one number, the common case: the match has its pieces
        words = whole.group(1)
        post = _post_of(words)
        if post is None:
            return None
        return [CableRef(whole.end(1) - 1 - len(post), whole.end(), post, int(whole[2]), None)]
    refs: list[CableRef] = []
    for match in _GROUP.finditer(text):
        words = match[1]
        post = _post_of(words)
        if post is None:
            # a number that may continue the reference before it, or be the year of the next
            return None
        start = match.end(1) - 1 - len(post)
        refs.append(CableRef(start, match.end(), post, int(match[2]), None))
    return refs


def _year_words_and_number(text: str) -> list[CableRef] | None:
    """:func:`find_cable_refs` of a year, words and a number (``08 STATE 1234``), the fast
    path; None for any other item.  The year is the reference's when the post is all the
    words between it and the number; otherwise a word stands between them (``08 A. PARIS
    1``), and the reference has none."""
    whole = _YEAR_WORDS_AND_NUMBER.fullmatch(text)
    if whole is None:
        return None
    words = whole[2]
    post = _post_of(words)
    if post is None:
        return None
    if len(post) + 1 == len(words):  # each word is followed by a space
        return [CableRef(0, whole.end(), post, int(whole[3]), whole[1][-2:])]
    return [CableRef(whole.end(2) - 1 - len(post), whole.end(), post, int(whole[3]), None)]


@_remembered_when_short
def _post_of(words: str) -> str | None:
    """The post the words before a number (each followed by a space) name, as find_cable_refs
    takes it from them; None when the last is no word of a post."""
    # the last four words: "A. PARIS " gives ("A.", "PARIS"), "A B C D E F " ("C", "D", "E", "F")
    last = words.rsplit(" ", 5)[-5:-1]
    count = 0  # the post words right before the number
    for word in reversed(last):
        if not _is_post_word(word):
            break
        count += 1
    if count == 0:
        return None
    candidates = tuple(last[len(last) - count :])
    return " ".join(candidates[-_pick_post(candidates) :])


def _year_after(tokens: list[tuple[str, int, int]], at: int) -> tuple[str, int] | None:
    """A year written after a reference's number, from token ``at`` on: ``2008`` or ``(08)``,
    and how many tokens it takes; None when none is, or when a post follows it (the year
    then belongs to the next reference: "(08) SAO PAULO 581")."""
    if at < len(tokens) and len(tokens[at][0]) == 4:
        year, size = _year_token(tokens[at][0]), 1
    elif at + 2 < len(tokens) and tokens[at][0] == "(" and tokens[at + 2][0] == ")":
        year, size = _year_token(tokens[at + 1][0]), 3
    else:
        return None
    if year is None:
        return None
    if at + size < len(tokens) and _is_post_word(tokens[at + size][0]):
        return None
    return year, size


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
    text: str, tokens: list[tuple[str, int, int]], index: int, refs: list[CableRef]
) -> CableRef | None:
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
    return CableRef(start, end, last.post, int(word), last.year)


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
    own = canonical_post(own_post) if own_post else None
    return canonical_year(canonical_post(post), number, sent, own=own, own_number=own_number)


def canonical_year(
    cited: str, number: int, sent: date | int, *, own: str | None, own_number: int | None
) -> int:
    """:func:`cable_year` of a post and of the citing cable's own post both already in their
    canonical form (:func:`canonical_post`): a REF field makes its own post canonical once
    for all its references, and each cited post once for its year and its id."""
    year = sent if isinstance(sent, int) else sent.year
    if own is not None and own_number is not None and cited == own:
        if number > own_number + max(50, own_number // 10):
            return year - 1
        return year
    if isinstance(sent, date):
        day = sent.timetuple().tm_yday
        if number > day * _DAILY_MOST.get(cited, _DAILY_MOST_POST):
            return year - 1
    return year


def names_a_post(name: str) -> bool:
    """Whether ``name`` (upper case) is a post or one of its aliases: ``SECSTATE``, ``FREETOWN``."""
    return name in ALIASES or is_post(name)
