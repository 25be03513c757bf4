"""The codes of a TAGS field: what people search by, beside the tags as written.

``TAGS: OVIP (CLINTON, HILLARY), PREL, AS`` gives the codes ``OVIP``, ``CLINTON, HILLARY``,
``PREL``, ``AS``.  The tags are upper-cased; ``SIPDIS`` and page furniture are left out;
repeats are dropped (the first kept).  A person tag gives ``OVIP`` and the person as
``SURNAME, GIVEN``, also when the copy wrote it without parentheses (``OVIP STEINBERG
JAMES``, 09BEIJING2964).  Where the field is comma-separated, an entry of several words that
are no codes is one tag (``Organized Crime``, 05SOFIA1207).

Codes run together are split into the codes they are made of when the tables shipped with
cablekit (:func:`cablekit.tags.lookup`) read them one way only (``EINDETRD``: ``EIND``,
``ETRD``, 09PARIS1267); a code with a digit for a letter is read as the one code the tables
know that way (``PG0V``: ``PGOV``).  Each such reading is given back as a change, for the
cable's repairs.  A tag no table knows is otherwise kept as written: the tables do not hold
every code (``KBIO``), and a guess would be a change the text does not show.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cablekit import _fast
from cablekit.fields.tags import TagKind, known_codes, lookup
from cablekit.grammar import pattern

__all__ = ["TagCodes", "read_tag_codes"]

_TAG = pattern("TAG")
# page furniture a wrapped field may hold: "PARIS 00001234 001.2 OF 003"; looked for only
# where the cable number it holds (five digits or more) is, as it seldom is
_CONTINUATION = pattern("CONTINUATION")
_LONG_NUMBER = re.compile(r"[0-9]{5}")
# the entries of a comma-separated field are split at commas and semicolons outside
# parentheses: those whose next parenthesis is not a closing one (:func:`_separators`)
_PUNCTUATION_MARKS = re.compile(r"[(),;]")
_PERSON = re.compile(r"^(?:(?P<prefix>[A-Z]{4})\s*)?\(\s*(?P<name>[^()]*?)\s*\)$")
# what surrounds a code and is not part of it: "PGOV." at the end of the field
_PUNCTUATION = " .:\"'`"
# the captions and words that are no tags, though a copy wrote them among the tags
_NOT_TAGS = frozenset({"SIPDIS"})
# the letters digits stand for in damaged copies ("PG0V")
_LOOK_ALIKES = {"0": "O", "1": "IL", "5": "S", "8": "B", "2": "Z", "6": "G"}
# a name written without parentheses after OVIP: a surname and up to two given names
_NAME_WORD = re.compile(r"^[A-Z][A-Z'\-]*\.?$")
_SPLIT_KINDS = frozenset({TagKind.SUBJECT, TagKind.PROGRAM})


@dataclass
class TagCodes:
    """The codes of a TAGS field, and the readings that changed what was written."""

    codes: list[str] = field(default_factory=list)
    #: (as written, as read): ``("EINDETRD", "EIND ETRD")``
    changes: list[tuple[str, str]] = field(default_factory=list)

    def add(self, code: str) -> None:
        if code and code not in self.codes:
            self.codes.append(code)


def read_tag_codes(text: str) -> TagCodes:
    """The codes of a TAGS field, from its text after the keyword (``PREL, PGOV, FR``)."""
    if _fast.ENABLED:
        known = _read_known(text)
        if known is not None:
            return known
    found = TagCodes()
    if _LONG_NUMBER.search(text):
        text = _CONTINUATION.sub(" ", text)
    entries = list(_entries(text))
    commas = bool(_separators(text))
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if entry == "OVIP":
            taken = _name_after(entries, index, words_apart=not commas)
            if taken:
                found.add("OVIP")
                found.add(_person(entries[index : index + taken]))
                index += taken
                continue
        _read_entry(entry, found)
    return found


def _read_known(text: str) -> TagCodes | None:
    """The fast path of :func:`read_tag_codes` for the usual field, codes the tables know
    apart by blanks or commas (``PREL PGOV SIPDIS FR``): they are the codes as they are, less
    SIPDIS and repeats.  None for any other field."""
    words = text.upper().replace(",", " ").split()
    if not _accepted().issuperset(words):
        return None
    codes = dict.fromkeys(words)
    for word in _NOT_TAGS:
        codes.pop(word, None)
    return TagCodes(codes=list(codes))


@functools.cache
def _accepted() -> frozenset[str]:
    return known_codes() | _NOT_TAGS


def _separators(text: str) -> list[int]:
    """Where the commas and semicolons outside parentheses are: those whose next parenthesis,
    if any, opens.  One pass from the end over the few marks of the field (a lookahead for the
    next parenthesis from each comma took time in the square of a field of commas)."""
    found: list[int] = []
    next_paren = ""
    for mark in reversed(list(_PUNCTUATION_MARKS.finditer(text))):
        char = mark.group()
        if char in "()":
            next_paren = char
        elif next_paren != ")":
            found.append(mark.start())
    found.reverse()
    return found


def _entries(text: str) -> Iterable[str]:
    """The entries of the field, upper case, whitespace collapsed, punctuation around them
    taken off: split at commas where the field has them, else at blanks."""
    cuts = _separators(text)
    bounds = zip([-1, *cuts], [*cuts, len(text)], strict=True)
    parts = [text[start + 1 : end] for start, end in bounds]
    for part in parts if len(parts) > 1 else [text]:
        words = _TAG.findall(part)
        # a blank is inside a tag only before or inside its parentheses: "OVIP (RICE, C.)"
        tags = [
            (" ".join(word.split()) if "(" in word else word).strip(_PUNCTUATION).upper()
            for word in words
        ]
        if len(parts) > 1 and len(tags) > 1 and not any(lookup(tag) for tag in tags):
            # "Organized Crime" between commas: one tag of two words
            yield " ".join(tags)
        else:
            yield from tags


def _name_after(entries: list[str], start: int, *, words_apart: bool) -> int:
    """How many entries after OVIP are a name written without parentheses (``STEINBERG
    JAMES``, ``BIDEN JOSEPH``): one entry of several words no table knows (``OVIP, BIDEN
    JOSEPH``), or, when the field has no commas (``words_apart``), two or three words no table
    knows, the first of three letters or more; 0 when they are not."""
    if start < len(entries) and " " in entries[start] and lookup(entries[start]) is None:
        return 1  # "OVIP, BIDEN JOSEPH": the name between commas
    if not words_apart:
        return 0  # "OVIP, BIDEN, JOSEPH": the tags the copy wrote
    words = 0
    for entry in entries[start : start + 3]:
        if not _NAME_WORD.match(entry) or lookup(entry) is not None:
            break
        words += 1
    if words < 2 or len(entries[start].rstrip(".")) < 3:
        return 0
    return words


def _person(words: list[str]) -> str:
    """``STEINBERG JAMES`` as ``STEINBERG, JAMES``."""
    parts = " ".join(words).split()
    return f"{parts[0]}, {' '.join(parts[1:])}"


def _read_entry(entry: str, found: TagCodes) -> None:
    codes, changed = _codes_of(entry)
    if changed:
        found.changes.append((entry, " ".join(codes)))
    for code in codes:
        found.add(code)


@functools.lru_cache(maxsize=4096)
def _codes_of(entry: str) -> tuple[tuple[str, ...], bool]:
    """The codes one entry gives, and whether they differ from the entry as written; kept
    because a corpus repeats its few hundred codes in every cable."""
    if not entry or entry in _NOT_TAGS or not any(c.isalpha() for c in entry):
        return (), False  # SIPDIS, page numbers
    person = _PERSON.match(entry)
    if person and (person["prefix"] in (None, "OVIP")):
        name = " ".join(person["name"].split())
        return ((person["prefix"], name) if person["prefix"] else (name,)), False
    if lookup(entry) is not None or " " in entry:
        return (entry,), False
    read = _split(entry) or _look_alike(entry)
    if read is None:
        return (entry,), False  # a code the tables do not know, kept as written
    return tuple(read), True


def _split(entry: str) -> list[str] | None:
    """Codes run together, read one way only: the fewest codes the tables know that make up
    the entry, one of them a subject or program code; None when there is no such reading or
    more than one."""
    if not entry.isalpha() or len(entry) < 6:
        return None
    # best[i]: the readings of entry[:i] with the fewest codes
    none: list[list[str]] = []
    best: list[tuple[int, list[list[str]]]] = [(0, [[]])]
    best.extend((len(entry) + 1, none) for _ in entry)
    for end in range(2, len(entry) + 1):
        for start in range(max(0, end - 12), end - 1):
            count, readings = best[start]
            piece = entry[start:end]
            if not readings or not _is_piece(piece) or count + 1 > best[end][0]:
                continue
            made = [[*reading, piece] for reading in readings]
            if count + 1 < best[end][0]:
                best[end] = (count + 1, made[:2])
            else:
                best[end] = (count + 1, (best[end][1] + made)[:2])
    readings = best[len(entry)][1]
    if len(readings) != 1:
        return None
    reading = readings[0]
    if not any(_kind(code) in _SPLIT_KINDS for code in reading):
        return None
    return reading


def _is_piece(code: str) -> bool:
    kind = _kind(code)
    if kind in _SPLIT_KINDS or kind is TagKind.GEOGRAPHIC:
        return True
    return kind is TagKind.ORGANIZATION and len(code) >= 3 and code.isalpha()


def _kind(code: str) -> TagKind | None:
    info = lookup(code)
    return info.kind if info is not None else None


def _look_alike(entry: str) -> list[str] | None:
    """A code with digits for letters (``PG0V``), when one code only reads so."""
    digits = [c for c in entry if c in _LOOK_ALIKES]
    if not digits or len(digits) > 3 or not all(c.isalpha() or c in _LOOK_ALIKES for c in entry):
        return None
    options = [_LOOK_ALIKES.get(c, c) for c in entry]
    known = {
        code for code in map("".join, itertools.product(*options)) if lookup(code) is not None
    }
    return [known.pop()] if len(known) == 1 else None
