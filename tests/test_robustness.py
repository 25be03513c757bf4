"""Bad input gets clear errors, nothing is lost, the same input gives the same cable.

- Property tests (hypothesis) feed ``parse`` and ``validate`` random text, random bytes, text
  made of cable fragments, and corpus cables mutated at random (lines dropped, duplicated,
  swapped, the text cut anywhere, random Unicode inserted): ``parse`` returns a ``Cable`` or
  raises ``CableParseError``, ``validate`` never raises, and no other exception escapes.
- Pathological inputs (one 4 MB line, 100,000 lines of ``¶1.``, a REF list of 50,000 items,
  1 MB of ``VZCZC``) parse in time that grows about linearly with their size.
- Every corpus cable keeps the characters of its input (in some field or in ``unparsed``),
  survives a JSON round trip, and parses to the same JSON every time, in any process.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cablekit
from cablekit import api
from cablekit.errors import CableParseError
from cablekit.models import Cable
from cablekit.sources.detect import read_input
from cablekit.validation import Diagnostic

ROOT = Path(__file__).resolve().parents[1]

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def parse_or_refuse(data: str | bytes) -> Cable | None:
    """Parse ``data``; None when it is refused with a CableParseError (anything else fails)."""
    try:
        cable = cablekit.parse(data)
    except CableParseError as error:
        assert error.line >= 1 and error.column >= 1
        assert str(error)
        return None
    assert isinstance(cable, Cable)
    return cable


def check_input(data: str | bytes) -> None:
    """The properties every input has, cable or not."""
    cable = parse_or_refuse(data)
    findings = cablekit.validate(data)
    assert isinstance(findings, list)
    assert all(isinstance(finding, Diagnostic) for finding in findings)
    if cable is None:
        assert [finding.code for finding in findings] == ["CK001"]
        return
    assert cablekit.validate(cable) == findings
    dumped = cable.model_dump_json()
    assert Cable.model_validate_json(dumped) == cable
    again = parse_or_refuse(data)
    assert again is not None and again.model_dump_json() == dumped  # deterministic


# --- random input -------------------------------------------------------------------------


@PROPERTY
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    check_input(text)


@PROPERTY
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check_input(data)


# Lines and pieces of lines a cable is made of, and the characters that trouble parsers.
FRAGMENTS = [
    "VZCZCXYZ0002", "VZCZC", "OO RUEHWEB", "RR RUEHAG RUEHAST", "DE RUEHFR #7101/01 3030908",
    "DE RUEHFR #", "ZNY CCCCC ZZH", "ZNR UUUUU", "ZNY SSSSS", "O 300908Z OCT 06",
    "P R 281848Z DEC 66", "FM AMEMBASSY PARIS", "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2658",
    "INFO RUEHZG/NATO EU COLLECTIVE PRIORITY", "RUEKJCS/SECDEF WASHINGTON DC PRIORITY",
    "XMT AMEMBASSY SOFIA", "ACTION NEA-00", "INFO  LOG-00   CIAE-00", "BT", "NNNN",
    "TO PAGE 02        STATE   015113  182333Z", "PAGE 02 HANOI 00686 01 OF 07 050821Z",
    "C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000104", "S E C R E T", "SECRET",
    "UNCLAS SECTION 01 OF 06 TBILISI 002290", "CONFIDENTIAL", "S e c r e t state 068250",
    "SIPDIS", "NOFORN", "C O R R E C T E D C O P Y", "FOR S/CRS OSCAR DE SOTO",
    "E.O. 12958: DECL: 10/30/2016", "E.O. 12958: DECL: 99/99/9999", "E.O. 12958: N/A",
    "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov Subject: x", "EO 12958 DECL:",
    "TAGS: PREL PGOV MARR MOPS FR", "TAGS", "TAG:\xa0", "OVIP (RICE, CONDOLEEZZA)",
    "SUBJECT: FRANCE CONFIRMS", "SUBJ:", "REF: A. PARIS 8729", "REFS:", "B. PARIS 8918",
    "¶B. SECSTATE 200660", "C) SINGAPORE 675", "09 STATE 96625;",
    "Classified By: Political Minister-Counselor Josiah Rosenblatt, Reason 1.4 B/D",
    "Classified By: x for reaso", "ns 1.4 (b) and (d).", "¶1. (C) Summary: ", "11. (C)",
    "110. (C)", "1.(C)", "¶2008.", "$\\underline{\\P}$ 12. (C)", "- 15. (C)", "(S//NF)",
    "(U//FOUO)", "END SUMMARY.", "Comment:", "End comment.", "BERN 00000881  002 OF 002",
    "CARACAS 00001276 002.2 OF 003", "-------", "SUMMARY", "HOFMANN",
    "Friday, 18 December 2009, 11:04", "<<218634>>", "ID: 214396",
    "This record is a partial extract of the original cable.", "XXXXXXXXXXXX",
    "&micro-trafficking networks8", "Iran,s", "<u>PREL</u>", "<br>", "&#x000A;", "�1.",
    "\ufffd", "\u00b6", "\u00a0", "\u2028", "\u0085", "\x0c", "\x00", "\t", "\r", "\r\n",
    " ", "\n", "\n\n", "é", "0", "9" * 30, "(", ")", "/", ":", ".", "#", "¶",
]  # fmt: skip


@st.composite
def cable_like_text(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
            max_size=80,
        )
    )
    separators = draw(
        st.lists(
            st.sampled_from(["", " ", "\n", "\n\n"]), min_size=len(pieces), max_size=len(pieces)
        )
    )
    return "".join(piece + separator for piece, separator in zip(pieces, separators, strict=True))


@PROPERTY
@given(cable_like_text())
def test_text_made_of_cable_fragments(text: str) -> None:
    check_input(text)


# --- corpus cables mutated at random ------------------------------------------------------------


@cache
def corpus_texts(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    """A corpus cable with up to six random mutations."""
    lines = draw(st.sampled_from(texts)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        other = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "insert"]))
        if kind == "drop":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[other])
        elif kind == "swap":
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "truncate":
            text = "\n".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].split("\n")
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            noise = draw(st.one_of(st.text(min_size=1, max_size=8), st.sampled_from(FRAGMENTS)))
            lines[at] = line[:cut] + noise + line[cut:]
    return "\n".join(lines)


def test_mutated_corpus_cables(corpus: Path) -> None:
    texts = corpus_texts(corpus / "cablegate-2010")

    @PROPERTY
    @given(mutated(texts))
    def mutations_keep_the_properties(text: str) -> None:
        check_input(text)
        check_input(text.encode("utf-8"))

    mutations_keep_the_properties()


# --- inputs chosen by hand ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "",
        "\n\n\n",
        " \t\xa0",
        b"",
        b"\xef\xbb\xbf",
        b"\x00" * 100,
        "¶1.",
        "¶1.\n" * 3,
        "(C)",
        "VZCZC",
        "DE RUEHFR #7101/01 3030908\n",
        "O 310000Z FEB 09\nFM AMEMBASSY PARIS\n",  # no 31 February
        "O 300908Z XYZ 06\n",
        "CONFIDENTIAL PARIS 999999999999\n",
        "E.O. 12958: DECL: 02/30/2016\n",
        "SECTION 99 OF 01 PARIS 000001\n",
        "<html><body><pre>VZCZC</pre></body></html>",
        "\r\n".join(["CONFIDENTIAL PARIS 007101", "¶1. (C) Text.", ""]),
    ],
)
def test_inputs_on_the_edge(data: str | bytes) -> None:
    check_input(data)


def test_lone_surrogates_in_str_input_still_give_json() -> None:
    """A str may hold lone surrogates (from surrogateescape decoding, or a bad slice); the
    cable read from it must still serialize to JSON, which cannot hold them.

    Currently fails: they reach the models unchanged and ``model_dump_json`` raises
    PydanticSerializationError (they should become U+FFFD, recorded as a repair)."""
    text = "CONFIDENTIAL PARIS 007101\n\n¶1. (C) Bad \udcb6 byte and \ud800.\n"
    check_input(text)


# --- linear time ------------------------------------------------------------------------------


def _timed(text: str, *, runs: int = 1) -> float:
    """The best CPU time of ``runs`` parses of ``text``: CPU time, and the cyclic collector
    paused, so that other load on the machine and what earlier tests left on the heap do not
    decide the ratio."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            parse_or_refuse(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def _one_long_line(size: int) -> str:
    return "CONFIDENTIAL PARIS 007101\n\n¶1. (C) " + "lorem ipsum " * (size // 12)


def _paragraph_markers(size: int) -> str:
    return "¶1.\n" * (size // 4)


def _ref_list(size: int) -> str:
    items = " ".join(f"{chr(65 + i % 26)}. PARIS {i % 10000}" for i in range(size // 12))
    return f"CONFIDENTIAL PARIS 007101\nREF: {items}\n"


def _vzczc_run(size: int) -> str:
    return "VZCZC" * (size // 5)


def _vzczc_lines(size: int) -> str:
    return "VZCZC\n" * (size // 6)


# name: (input of a given size, the size named in the issue)
PATHOLOGICAL: dict[str, tuple[Callable[[int], str], int]] = {
    "one 4 MB line": (_one_long_line, 4_000_000),
    "100,000 lines of ¶1.": (_paragraph_markers, 400_000),
    "a REF list of 50,000 items": (_ref_list, 600_000),
    "1 MB of VZCZC": (_vzczc_run, 1_000_000),
    "512 KB of VZCZC lines": (_vzczc_lines, 512_000),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_parses_in_linear_time(name: str) -> None:
    """Four times the input takes about four times as long: well under eight times."""
    make, size = PATHOLOGICAL[name]
    small, large = make(size // 4), make(size)
    assert len(large) >= size * 0.9
    small_time, large_time = _timed(small, runs=2), _timed(large)
    assert large_time < 60, f"{name}: {large_time:.1f} s"
    if large_time > 0.25:  # below that, timer noise decides the ratio
        assert large_time / small_time < 8, (
            f"{name}: {small_time:.2f} s for {len(small):,} characters, "
            f"{large_time:.2f} s for {len(large):,}"
        )


def _stuffed(unit: str, size: int) -> Cable:
    """A cable whose every text field holds ``unit`` repeated to ``size`` characters."""
    text = unit * (size // len(unit))
    return Cable.model_validate(
        {
            "classification": "SECRET",
            "handling": [text],
            "passing": [text],
            "tags": [text],
            "subject": text,
            "executive_order": {"order": "12958", "declassify": text},
            "references": [{"text": text}],
            "paragraphs": [
                {"number": 1, "marking": "S", "text": text, "line": 1},
                {"number": 1, "text": text, "line": 2},
            ],
            "unparsed": [{"line": 3, "text": text}],
        }
    )


@pytest.mark.parametrize(
    "unit", ["A.", "A-B", "A ", " ", "XX 00000001 001 OF ", "SUMMARY: ", "(S)", "1"]
)
def test_validate_runs_in_linear_time_on_long_fields(unit: str) -> None:
    """No check's regular expression backtracks quadratically on a long field."""
    small, large = _stuffed(unit, 100_000), _stuffed(unit, 400_000)
    times = []
    for cable in (small, large):
        start = time.perf_counter()
        cablekit.validate(cable)
        times.append(time.perf_counter() - start)
    assert times[1] < 10, times
    if times[1] > 0.25:
        assert times[1] / times[0] < 8, times


def test_input_above_the_maximum_size_is_refused_at_once() -> None:
    limit = api.MAX_INPUT_SIZE
    assert limit >= 4_200_000  # the pathological inputs above must fit
    for data in (b"A" * (limit + 1), "A" * (limit + 1)):
        start = time.perf_counter()
        with pytest.raises(CableParseError) as refused:
            cablekit.parse(data)
        assert time.perf_counter() - start < 1.0
        message = str(refused.value)
        assert "MiB" in message or f"{limit:,}" in message or str(limit) in message, message
    found = cablekit.validate(b"A" * (limit + 1))
    assert [finding.code for finding in found] == ["CK001"]


def test_input_of_the_maximum_size_is_read() -> None:
    limit = api.MAX_INPUT_SIZE
    head = "CONFIDENTIAL PARIS 007101\n\n¶1. (C) "
    cable = cablekit.parse(head + "A" * (limit - len(head.encode("utf-8"))))
    assert cable.paragraphs[0].number == 1


# --- the corpus: nothing lost, JSON round trip, determinism ----------------------------------


@cache
def parsed_corpus(folder: Path) -> dict[str, tuple[str, Cable]]:
    """Every cablegate-2010 cable: the text parse() read, and the cable."""
    found = {}
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        found[path.stem] = (read_input(data).text, cablekit.parse(data))
    return found


_NUMBER = re.compile(r"[0-9]+")


_NOT_ALNUM = re.compile(r"[\W_]+")


def characters(text: str) -> Counter[str]:
    """Letters and digits, case folded, leading zeros of numbers dropped (``007101`` is read
    into the integer 7101).  Punctuation and spaces are syntax (``¶``, ``#``, ``(C)``)."""
    text = _NUMBER.sub(lambda number: number[0].lstrip("0") or "0", text)
    return Counter(_NOT_ALNUM.sub("", text.casefold()))


# Words the grammar takes as syntax: the model keeps what they introduce, not the words.
SYNTAX = [
    re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for pattern in (
        r"^[^\S\n]*VZCZC",
        r"^[^\S\n]*(?:DE|FM|TO|INFO|XMT)\b",
        r"^[^\S\n]*[ZOPR](?:[^\S\n]+[ZOPR])?(?=[^\S\n]+[0-3][0-9][0-2][0-9][0-5][0-9]Z)",
        r"(?:^|\s)(?:\([A-Z]{1,3}\)\s*)?E\.?\s?O\.?(?=\s*[0-9]{5})",
        r"(?<=[0-9]{5})[^\S\n]*[:.]?[^\S\n]*(?:DECL(?:ASSIFY)?(?:[^\S\n]+ON)?|DNG\b)",
        r"(?:^|\s)TAGS?\b",
        r"(?:^|\s)SUBJ(?:ECT)?\b",
        r"^[^\S\n]*(?:REFS?|REFTELS?|REFERENCES?)\b",
        r"^[^\S\n]*(?:\([A-Z]{1,3}\)[^\S\n]*)?CLASSIFIED[^\S\n]+BY\b",
    )
]
# ... and on a Classified By line and the lines it wraps onto, the words around the reasons
# ("for reasons 1.4 (b) and (d)")
REASONS = re.compile(
    r"^[^\S\n]*(?:\([A-Z]{1,3}\)[^\S\n]*)?CLASSIFIED[^\S\n]+BY\b.*(?:\n[^\S\n]*\S.*){0,2}",
    re.IGNORECASE | re.MULTILINE,
)
REASON_WORDS = re.compile(r"\b(?:for\s+)?reasons?\b|\bper\b|\band\b|\bor\b", re.IGNORECASE)

# Fields derived from others (kept twice, or computed): counting them would hide losses.
DERIVED = {
    "schema_version", "id", "created", "dtg", "declassify_on", "downgrade_on", "cable_id",
    "summary", "comment", "metadata", "line", "kind", "station", "collective", "excluded",
    "name", "title", "signers", "tag_codes",
}  # fmt: skip


def input_characters(text: str, cable: Cable) -> Counter[str]:
    """What the cable should hold: the input's characters less syntax, repeated captions
    (``handling`` lists each once), and what the recorded repairs changed."""
    captions = {caption.casefold() for caption in cable.handling}
    seen: set[str] = set()
    kept = []
    for line in text.split("\n"):
        caption = " ".join(line.split()).casefold()
        if caption in captions:
            if caption in seen:
                continue
            seen.add(caption)
        kept.append(line)
    text = REASONS.sub(lambda block: REASON_WORDS.sub(" ", block[0]), "\n".join(kept))
    for pattern in SYNTAX:
        text = pattern.sub(" ", text)
    expected = characters(text)
    for repair in cable.repairs:
        expected.subtract(characters(repair.before))
        expected.update(characters(repair.after))
    return expected


def output_characters(cable: Cable) -> Counter[str]:
    """The letters and digits the cable holds, derived fields left out."""
    held: list[str] = []

    def walk(value: Any, key: str | None, owner: str | None) -> None:
        if key in DERIVED and not (key == "name" and owner in ("to", "info", "exempt")):
            return  # a recipient's name is written; a classifier's name is derived
        if owner == "transmission" and key in ("precedence", "info_precedence"):
            return  # read from the FL5 letters, which are syntax above
        if isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key, key if key is not None else owner)
        elif isinstance(value, list):
            for child in value:
                walk(child, None, key)
        elif isinstance(value, str):
            held.append(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            held.append(str(value))

    walk(cable.model_dump(mode="json"), None, None)
    if cable.transmission is not None and cable.transmission.dtg is not None:
        held.append(cable.transmission.dtg.strftime("%d%H%MZ %b %y"))
    if cable.section is not None:
        held.append("SECTION OF")
    return characters("\n".join(held))


def lost_characters(text: str, cable: Cable) -> Counter[str]:
    """Letters and digits of the input that no field of the cable holds."""
    missing = input_characters(text, cable)
    missing.subtract(output_characters(cable))
    return +missing


# A few characters can go missing with a line kept: a reason letter the Classified By reader
# did not take ("1/4 (B)"), operating signals after the DTG (R 271734Z OCT 09 ZDS).  A whole
# lost line costs more.
LINE_LOSS = 25
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return [word.casefold().lstrip("0") or "0" for word in _WORD.findall(text)]


def lost_lines(text: str, cable: Cable) -> list[str]:
    """Input lines with at least three words that no field of the cable holds (a report for
    people: words are looked up anywhere in the cable, so this finds whole lost lines only)."""
    held: Counter[str] = Counter()
    for value in _strings(cable.model_dump(mode="json")):
        held.update(_words(value))
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _REPORT_SKIPS.match(line):
            continue  # the DTG line, letter-spaced classification lines: read, not copied
        stripped = line
        for pattern in SYNTAX:
            stripped = pattern.sub(" ", stripped)
        missing = [word for word in _words(stripped) if len(word) > 1 and not held[word]]
        if len(missing) >= 3:
            found.append(f"line {number}: {line.strip()[:90]}")
    return found


_REPORT_SKIPS = re.compile(
    r"^\s*(?:[ZOPR](?:\s+[ZOPR])?\s+[0-9]{6}Z\b|(?:[A-Za-z] ){3,}|S\s?S E C|CC O N)"
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for child in value.values() for text in _strings(child)]
    if isinstance(value, list):
        return [text for child in value for text in _strings(child)]
    return [str(value)] if isinstance(value, (str, int)) else []


@cache
def corpus_losses(folder: Path) -> dict[str, Counter[str]]:
    return {
        ref: lost_characters(text, cable) for ref, (text, cable) in parsed_corpus(folder).items()
    }


def loss_report(folder: Path, refs: list[str]) -> str:
    losses = corpus_losses(folder)
    cables = parsed_corpus(folder)
    lines = []
    for ref in refs:
        lost = losses[ref]
        lines.append(f"  {ref}: {sum(lost.values())} lost, {dict(lost.most_common(6))}")
        lines.extend(f"      {line}" for line in lost_lines(*cables[ref])[:3])
    return "\n".join(lines)


def test_corpus_no_line_lost(corpus: Path) -> None:
    """Every non-blank input line ends up in some field or in ``unparsed``: no cable loses
    more than a few characters (see LINE_LOSS)."""
    folder = corpus / "cablegate-2010"
    totals = {ref: sum(lost.values()) for ref, lost in corpus_losses(folder).items()}
    losing = sorted((ref for ref in totals if totals[ref] > LINE_LOSS), key=lambda r: -totals[r])
    assert not losing, f"{len(losing)} cables lose text:\n" + loss_report(folder, losing)


def test_corpus_share_of_cables_keeping_every_character(corpus: Path) -> None:
    """The share of cables whose every letter and digit is in some field: a floor that keeps
    what has been reached (99.2% now; the worst cables are printed)."""
    folder = corpus / "cablegate-2010"
    totals = {ref: sum(lost.values()) for ref, lost in corpus_losses(folder).items()}
    kept_all = sum(1 for total in totals.values() if total == 0) / len(totals)
    worst = sorted(totals, key=lambda ref: -totals[ref])[:10]
    print(f"\n{kept_all:.1%} of the cables keep every character; the worst:")
    print(loss_report(folder, worst))
    assert kept_all >= 0.98, f"{kept_all:.1%}"


def test_corpus_json_round_trip(corpus: Path) -> None:
    for ref, (_, cable) in parsed_corpus(corpus / "cablegate-2010").items():
        assert Cable.model_validate_json(cable.model_dump_json()) == cable, ref


def test_corpus_parsing_is_deterministic(corpus: Path) -> None:
    """Parsing again gives identical JSON (every third cable, to save time)."""
    folder = corpus / "cablegate-2010"
    for ref, (_, cable) in list(parsed_corpus(folder).items())[::3]:
        again = cablekit.parse((folder / f"{ref}.txt").read_bytes())
        assert again.model_dump_json() == cable.model_dump_json(), ref


_DIGEST = """
import hashlib, pathlib, sys, cablekit
digest = hashlib.sha256()
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))[::10]:
    digest.update(cablekit.parse(path.read_bytes()).model_dump_json().encode())
    digest.update(repr(cablekit.validate(path.read_bytes())).encode())
print(digest.hexdigest())
"""


def test_corpus_parsing_is_the_same_in_every_process(corpus: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; the output must not."""
    folder = corpus / "cablegate-2010"
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        run = subprocess.run(
            [sys.executable, "-c", _DIGEST, str(folder)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        digests.add(run.stdout.strip())
    here = hashlib.sha256()
    for path in sorted(folder.glob("*.txt"))[::10]:
        here.update(cablekit.parse(path.read_bytes()).model_dump_json().encode())
        here.update(repr(cablekit.validate(path.read_bytes())).encode())
    digests.add(here.hexdigest())
    assert len(digests) == 1
