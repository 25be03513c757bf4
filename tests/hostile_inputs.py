"""Hostile inputs for the linear-time guarantees: families of texts and files of any size.

Each family builds an input of about a given size out of one hostile pattern: a REF list of
bare letters, a run of spaces, thousands of paragraph markers, a 1 MB line, ``\\r``-only line
ends, NUL bytes, nested parentheses, a huge HTML attribute, a cables.csv row with a long field.
``tests/test_linear_time.py`` and ``bench/adversarial.py`` time them against :func:`real`, a
real cable repeated to the same size.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import cablekit
from cablekit.errors import CableParseError

__all__ = ["FILE_FAMILIES", "REAL", "TEXT_FAMILIES", "parser_of", "real"]

HEAD = "CONFIDENTIAL PARIS 007101\n\nSUBJECT: A HOSTILE CABLE\n\n"
# a real cable of the corpus, inlined so that the bench and the test need no corpus
REAL = """\
VZCZCXYZ0002
OO RUEHWEB

DE RUEHFR #7101/01 3030908
ZNY CCCCC ZZH
O 300908Z OCT 06
FM AMEMBASSY PARIS
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658
INFO RUEHZG/NATO EU COLLECTIVE PRIORITY

C O N F I D E N T I A L SECTION 01 OF 02 PARIS 007101

SIPDIS

E.O. 12958: DECL: 10/30/2016
TAGS: PREL PGOV MARR MOPS FR
SUBJECT: FRANCE CONFIRMS TO S/CRS HERBST THAT IT HAS NO
EQUIVALENT ORGANIZATION

REF: A. PARIS 8729 B. SECSTATE 200660

Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D

¶1. (C) Summary: S/CRS Coordinator Ambassador John Herbst and French officials
discussed October 19-20 France's approach to post-conflict reconstruction and
stabilization.  The French confirmed that they have no equivalent organization, and
described their interagency coordination as informal.  End summary.

¶2. (C) Herbst met with MFA, MOD and Prime Minister's office officials who deal with
crisis management.  They described a system in which the MFA's crisis center, created
in 2002 to handle consular emergencies, coordinates with other ministries as needed.

France Favors the EU Approach
-----------------------------

¶3. (C) MFA officials said that France prefers to act through the European Union, and
that the EU's civilian crisis management capabilities should be strengthened, while
NATO's role should stay military.  They noted the difficulty of funding such work.

¶4. (C) Comment: The French are interested in S/CRS but see little need for an office
of their own.  End comment.

STAPLETON
"""


def run(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def fit(head: str, unit: str, tail: str, size: int) -> str:
    return head + run(unit, max(size - len(head) - len(tail), len(unit))) + tail


def _markers_counting(size: int) -> str:
    lines = "".join(f"{number}.\n" for number in range(1, 100))
    return run(lines, size)


#: name: a text of about ``size`` characters (parsed with cablekit.parse)
TEXT_FAMILIES: dict[str, Callable[[int], str]] = {
    "REF letters": lambda n: fit(HEAD + "REF: ", "A. B. C. ", "\n\n¶1. (C) Text.\n", n),
    "REF one post": lambda n: fit(HEAD + "REF: A. ", "MOSCOW ", "\n\n¶1. (C) Text.\n", n),
    "REF items": lambda n: fit(HEAD + "REF: ", "A. PARIS 8729 B. STATE 1234 ", "\n", n),
    "REF lines": lambda n: fit(HEAD + "REF: A. PARIS 8729\n", "B. STATE 1234\n", "\n", n),
    "spaces": lambda n: fit(HEAD + "¶1. (C) ", " ", "!\n", n),
    "spaces alone": lambda n: run(" ", n),
    "markers": lambda n: run("1.\n", n),
    "pilcrow markers": lambda n: run("¶1.\n", n),
    "markers counting": _markers_counting,
    "markers OCR": lambda n: run("11.\n", n),
    "lettered lines": lambda n: run("A.\n", n),
    "TAGS line": lambda n: fit(HEAD + "TAGS: ", "PREL ", "\n\n¶1. (C) Text.\n", n),
    "TAGS parentheses": lambda n: fit(HEAD + "TAGS: PREL ", "(", "\n\n¶1. (C) Text.\n", n),
    "one long line": lambda n: fit(HEAD + "¶1. (C) ", "lorem ipsum ", "\n", n),
    "CR line ends": lambda n: run(REAL.replace("\n", "\r"), n),
    "NUL bytes": lambda n: run("\x00", n),
    "NUL in text": lambda n: run(REAL.replace(" ", "\x00"), n),
    "nested parentheses": lambda n: HEAD + "¶1. (C) " + "(" * (n // 2) + ")" * (n // 2) + "\n",
    "open parentheses": lambda n: fit(HEAD + "¶1. ", "(", "\n", n),
    "dots": lambda n: fit(HEAD + "¶1. (C) ", ".", "!\n", n),
    "digits": lambda n: fit(HEAD + "¶1. (C) ", "1", "!\n", n),
    "header lines": lambda n: run("DE RUEHFR #7101/01 3030908\n", n),
    "addressees": lambda n: fit(
        REAL[: REAL.index("INFO")], "INFO RUEHZG/NATO EU COLLECTIVE\n", "\n", n
    ),
    "continuation lines": lambda n: run("PARIS 00007101 002 OF 002\n", n),
    "classified by": lambda n: fit(HEAD + "Classified By: ", "a 1.4 ", "\n", n),
    "signature": lambda n: fit(HEAD + "¶1. (C) Text.\n\n", "SMITH/JONES ", "\n", n),
}


def _html(size: int) -> str:
    attribute = "x" * max(size - 200, 1)
    return (
        "<html><head><title>Cable</title></head><body>"
        f'<div class="{attribute}">'
        "<pre>CONFIDENTIAL PARIS 007101&#x000A;&#x000A;¶1. (C) Text.&#x000A;</pre>"
        "</div></body></html>\n"
    )


def _csv(size: int) -> str:
    field = run("lorem ipsum ", max(size - 200, 1))
    return (
        '"1","11/29/2000 13:01","00HARARE6677","Embassy Harare","CONFIDENTIAL","","",'
        f'"CONFIDENTIAL HARARE 006677\n\n¶1. (C) {field}\n"\n'
    )


def _csv_spaces(size: int) -> str:
    return run(" ", size) + "\n"


#: name: (file contents of about ``size`` characters, the file's suffix); read from a file
FILE_FAMILIES: dict[str, tuple[Callable[[int], str], str]] = {
    "HTML attribute": (_html, ".html"),
    "CSV long field": (_csv, ".csv"),
    "CSV row of spaces": (_csv_spaces, ".csv"),
}


def real(size: int) -> str:
    """A real cable repeated to ``size`` characters."""
    return run(REAL, size)


def _parse_text(text: str) -> None:
    with contextlib.suppress(CableParseError):  # refused is an answer too, if it comes in time
        cablekit.parse(text)


def _parse_file(path: Path) -> None:
    with contextlib.suppress(CableParseError):
        if path.suffix == ".csv":
            for _ in cablekit.iter_cables(path):
                pass
        else:
            cablekit.parse_file(path)


def parser_of(name: str, size: int, folder: Path) -> Callable[[], None]:
    """A call that parses family ``name`` (or ``"real text"``) at ``size`` characters, as a
    user would: ``parse`` for a text, ``parse_file`` for a page, ``iter_cables`` for a CSV."""
    if name == "real text" or name in TEXT_FAMILIES:
        text = real(size) if name == "real text" else TEXT_FAMILIES[name](size)
        return lambda: _parse_text(text)
    make, suffix = FILE_FAMILIES[name]
    path = folder / f"{name.replace(' ', '-')}-{size}{suffix}"
    path.write_text(make(size), encoding="utf-8")
    return lambda: _parse_file(path)
