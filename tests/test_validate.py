"""Structural checks: ``cablekit.validate`` and ``parse(..., strict=True)``.

Unit tests build the few fields a check reads straight from the models, so they test the
check and not the parser; each names the real cable whose values it copies (07PARIS2725 puts
a Paris header over a Moscow text, 08BERLIN1387 has a (S/NF) paragraph in a CONFIDENTIAL
cable, ...).  Corpus tests run every check over the 1,295 cablegate-2010 cables and check the
examples quoted in docs/validation.md.
"""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import cablekit
import cablekit.api
import cablekit.validation
from cablekit import CableError, CableValidationError, Diagnostic, Severity, validate
from cablekit.api import iter_cables
from cablekit.models import (
    Cable,
    Classification,
    ClassificationLine,
    ClassifiedBy,
    ExecutiveOrder,
    Metadata,
    Paragraph,
    Reference,
    Section,
    Transmission,
    UnparsedLine,
)
from cablekit.validation import CHECKS, EXECUTIVE_ORDERS, KNOWN_CAPTIONS

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "validation.md"
EXAMPLE = ROOT / "docs" / "examples" / "09MOSCOW405.txt"

UTC = timezone.utc
SECRET, CONFIDENTIAL, UNCLASSIFIED = (
    Classification.SECRET,
    Classification.CONFIDENTIAL,
    Classification.UNCLASSIFIED,
)


# --- helpers --------------------------------------------------------------------------------


def cable(**fields: Any) -> Cable:
    """A cable with only the given fields; a classification comes with its classification
    line, as the parser gives it (the line says the level, post, number and section)."""
    level = fields.get("classification")
    if level is not None and "classification_line" not in fields:
        fields["classification_line"] = ClassificationLine(
            text=f"{Classification(level).value} {fields.get('origin') or ''}".strip(),
            line=1,
            level=level,
            post=fields.get("origin"),
            number=fields.get("number"),
            section=fields.get("section"),
        )
    return Cable.model_validate(fields)


def header(**fields: Any) -> Transmission:
    return Transmission.model_validate(fields)


def paragraphs(*numbers: int | None, marking: str | None = None) -> list[Paragraph]:
    """Paragraphs numbered as given, one every ten lines from line 20."""
    return [
        Paragraph(number=number, marking=marking, text="Text.", line=20 + 10 * index)
        for index, number in enumerate(numbers)
    ]


def _classified(level: Classification = CONFIDENTIAL, **fields: Any) -> Cable:
    order = ExecutiveOrder(order="12958", declassify="10/30/2016", declassify_on=date(2016, 10, 30))
    values: dict[str, Any] = {
        "classification": level,
        "executive_order": order,
        "classified_by": ClassifiedBy(authority="Ambassador", reasons=["1.4(b)"]),
        "created": datetime(2006, 10, 30, 9, 8, tzinfo=UTC),
    }
    values.update(fields)
    return cable(**values)


def codes(found: list[Diagnostic]) -> list[str]:
    return [finding.code for finding in found]


def only(code: str, found: list[Diagnostic]) -> list[Diagnostic]:
    return [finding for finding in found if finding.code == code]


# --- the Diagnostic model and the code table --------------------------------------------------


def test_diagnostic_is_a_frozen_model_with_a_severity_enum() -> None:
    finding = Diagnostic(code="CK305", severity=Severity.ERROR, message="m", line=12)
    with pytest.raises(ValidationError):
        finding.line = 13  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Diagnostic(code="CK305", severity="fatal", message="m")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Diagnostic.model_validate({"code": "CK305", "severity": "error", "message": "m", "x": 1})
    assert Diagnostic.model_validate_json(finding.model_dump_json()) == finding
    assert finding.model_dump(mode="json") == {
        "code": "CK305", "severity": "error", "message": "m", "line": 12,
    }  # fmt: skip
    assert {s.value for s in Severity} == {"error", "warning", "info"}


def test_diagnostic_formats_compiler_style() -> None:
    finding = Diagnostic(code="CK301", severity=Severity.WARNING, message="¶4 follows ¶2", line=7)
    assert finding.format("a.txt") == "a.txt:7: warning CK301 ¶4 follows ¶2"
    no_line = finding.model_copy(update={"line": None})
    assert no_line.format("a.txt") == "a.txt: warning CK301 ¶4 follows ¶2"


def test_codes_are_stable_and_numbered_by_part() -> None:
    assert list(CHECKS) == sorted(CHECKS)
    for code, check in CHECKS.items():
        assert re.fullmatch(r"CK[0-4][0-9]{2}", code)
        assert check.code == code
        assert check.title == check.title.strip() and not check.title.endswith(".")


# --- CK0xx: the input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a cable"),
        ("hello world\n", "expected a cable"),
        ("VZCZC\nBT\n", "expected a cable"),
        (b"\x00\xff\xfe", "not a text file (looks like binary data)"),
    ],
)
def test_text_that_is_no_cable_gives_ck001_not_an_exception(
    text: str | bytes, message: str
) -> None:
    found = validate(text)
    assert codes(found) == ["CK001"]
    assert found[0].severity is Severity.ERROR
    assert message in found[0].message


def test_validate_of_text_is_validate_of_the_parsed_cable() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert validate(text) == validate(text.encode()) == validate(cablekit.parse(text))
    assert validate(text) == cablekit.validation.check(cablekit.parse(text))


@pytest.mark.parametrize("wrong", [None, 95, bytearray(b"CONFIDENTIAL PARIS 007101"), [EXAMPLE]])
def test_validate_of_anything_but_a_cable_text_or_bytes_is_a_type_error(wrong: Any) -> None:
    with pytest.raises(TypeError, match="Cable, str or bytes"):
        validate(wrong)


def test_the_checks_do_not_import_the_parse_api() -> None:
    """cablekit.validation checks parsed cables only: none of its modules imports the parse
    API (which imports it for ``parse(strict=True)``) or the readers of sources."""
    imported = set()
    for path in (ROOT / "cablekit" / "validation").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert "cablekit.models" in imported
    assert not {m for m in imported if m.startswith(("cablekit.api", "cablekit.sources"))}


def test_validate_is_the_function_and_validation_the_package() -> None:
    assert cablekit.validate is validate is cablekit.api.validate
    assert cablekit.validation.CHECKS is CHECKS


# --- CK1xx: header against text ---------------------------------------------------------------


def test_ck101_fl4_confidential_on_a_secret_text() -> None:
    """07PARIS2725: 'ZNY CCCCC ZZH' above 'S E C R E T SECTION 01 OF 04 MOSCOW 005154'."""
    found = validate(_classified(SECRET, transmission=header(security="ZNY CCCCC")))
    assert codes(found) == ["CK101"]
    assert "ZNY CCCCC" in found[0].message and "SECRET" in found[0].message


def test_ck101_fl4_unclassified_on_a_secret_text() -> None:
    """10MEXICO614: 'ZNR UUUUU ZZH' above 'S E C R E T SECTION 01 OF 04 ISLAMABAD 000416'."""
    found = validate(_classified(SECRET, transmission=header(security="ZNR UUUUU")))
    assert codes(found) == ["CK101"]


@pytest.mark.parametrize(
    ("security", "level"),
    [("ZNY SSSSS", SECRET), ("ZNY CCCCC", CONFIDENTIAL), ("ZNR UUUUU", UNCLASSIFIED)],
)
def test_ck101_agreeing_fl4_is_fine(security: str, level: Classification) -> None:
    """09ASTANA95 ('ZNY SSSSS ZZH', 'S E C R E T SECTION 01 OF 03 ASTANA 000095') and kin."""
    assert validate(_classified(level, transmission=header(security=security))) == []


def test_ck102_filing_day_days_after_the_dtg() -> None:
    """09STATE28302: 'DE RUEHC #8302 0870151' (day 87) under 'O 242145Z MAR 09' (day 83)."""
    dtg = datetime(2009, 3, 24, 21, 45, tzinfo=UTC)
    found = validate(cable(transmission=header(filed="0870151", dtg=dtg)))
    assert codes(found) == ["CK102"]
    assert "day 087" in found[0].message and "242145Z MAR 09" in found[0].message


@pytest.mark.parametrize(
    "caption",
    [
        {"handling": ["C O R R E C T E D C O P Y"]},
        {"passing": ["C O R R E C T E D COPY CAPTION AND REMOVING CLASSIFICATION"]},
    ],
)
def test_ck102_a_corrected_copy_is_filed_again_later(caption: dict[str, list[str]]) -> None:
    """09STATE28302 is captioned 'C O R R E C T E D C O P Y - CAPTION ADDED': the corrected
    copy keeps the DTG of 24 March and was filed on 28 March."""
    dtg = datetime(2009, 3, 24, 21, 45, tzinfo=UTC)
    assert validate(cable(transmission=header(filed="0870151", dtg=dtg), **caption)) == []
    early = header(filed="0820151", dtg=dtg)  # filed two days before its DTG
    assert codes(validate(cable(transmission=early, **caption))) == ["CK102"]


def test_ck102_a_2009_filing_day_under_a_2000_dtg() -> None:
    """00ATHENS1501: day 266 is 23 September in 2009 but 22 September in the leap year 2000 of
    its 'R 231510Z SEP 00' -- one more sign that its header is not its text's."""
    dtg = datetime(2000, 9, 23, 15, 10, tzinfo=UTC)
    assert codes(validate(cable(transmission=header(filed="2661510", dtg=dtg)))) == ["CK102"]


@pytest.mark.parametrize(
    ("filed", "dtg"),
    [
        ("0200556", datetime(2009, 1, 20, 5, 56, tzinfo=UTC)),  # 09ASTANA95
        ("2710604", datetime(2008, 9, 27, 3, 33, tzinfo=UTC)),  # 08STATE103511: 151 min later
        ("0010003", datetime(2008, 12, 31, 23, 58, tzinfo=UTC)),  # filed after New Year
        ("2101350", datetime(2009, 7, 29, 13, 51, tzinfo=UTC)),  # 09BELGRADE765: 1 min before
    ],
)
def test_ck102_filing_soon_after_the_dtg_is_fine(filed: str, dtg: datetime) -> None:
    assert validate(cable(transmission=header(filed=filed, dtg=dtg))) == []


def test_ck102_filing_time_that_is_no_julian_day() -> None:
    dtg = datetime(2009, 1, 20, 5, 56, tzinfo=UTC)
    found = validate(cable(transmission=header(filed="3990556", dtg=dtg)))
    assert codes(found) == ["CK102"]
    assert "not a Julian day" in found[0].message


def test_ck103_class_line_number_is_not_the_serial() -> None:
    """09CHISINAU694: 'DE RUEHCH #0694/01' above 'S E C R E T ULAANBAATAR 000234'."""
    found = validate(cable(number=234, transmission=header(serial=694)))
    assert codes(found) == ["CK103"]
    assert "234" in found[0].message and "694" in found[0].message


def test_ck103_and_ck104_say_the_id_follows_the_header() -> None:
    """09CHISINAU694 parsed: a Chisinau header over an Ulaanbaatar text is the header's cable."""
    text = (
        "DE RUEHCH #0694/01 2511527\n"
        "ZNY SSSSS ZZH\n"
        "P 081527Z SEP 09\n"
        "FM AMEMBASSY CHISINAU\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 8374\n"
        "\n"
        "S E C R E T ULAANBAATAR 000234\n"
    )
    found = only("CK103", validate(text)) + only("CK104", validate(text))
    assert codes(found) == ["CK103", "CK104"]
    assert all(d.message.endswith("; the id follows the header: 09CHISINAU694") for d in found)


def test_ck104_says_the_id_follows_the_classification_line_without_fl3() -> None:
    """09HAVANA132 parsed: without an FL3 serial the header names no cable."""
    text = (
        "R 272120Z FEB 09\n"
        "FM USINT HAVANA\n"
        "TO SECSTATE WASHDC 4178\n"
        "\n"
        "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 000512\n"
    )
    [finding] = only("CK104", validate(text))
    assert finding.message.endswith("; the id follows the classification line: 09MOSCOW512")


def test_ck103_serial_holds_the_last_four_digits() -> None:
    """07STATE124823 is sent as 'DE RUEHC #4823'."""
    assert validate(cable(number=124823, transmission=header(serial=4823))) == []


def test_ck104_class_line_post_is_not_the_sender() -> None:
    """09HAVANA132: 'FM USINT HAVANA' above 'C O N F I D E N T I A L ... MOSCOW 000512'."""
    found = validate(cable(origin="MOSCOW", transmission=header(sender="USINT HAVANA")))
    assert codes(found) == ["CK104"]
    assert "MOSCOW" in found[0].message and "USINT HAVANA" in found[0].message


@pytest.mark.parametrize(
    ("origin", "sender"),
    [
        ("ASTANA", "AMEMBASSY ASTANA"),
        ("STATE", "SECSTATE WASHDC"),
        ("USUN NEW YORK", "USMISSION USUN NEW YORK"),
        ("RPO DUBAI", "AMCONSUL RPO DUBAI"),
        ("UNVIE VIENNA", "USMISSION UNVIE VIENNA"),
    ],
)
def test_ck104_post_and_sender_that_agree(origin: str, sender: str) -> None:
    assert validate(cable(origin=origin, transmission=header(sender=sender))) == []


def test_ck105_executive_order_signed_after_the_dtg() -> None:
    """88BAGHDAD28: 'R 021258Z JAN 88' above 'E.o. 12958: decl: 07/01/2034'."""
    found = validate(
        _classified(
            transmission=header(dtg=datetime(1988, 1, 2, 12, 58, tzinfo=UTC)),
            created=datetime(1988, 1, 2, 12, 58, tzinfo=UTC),
            executive_order=ExecutiveOrder(
                order="12958", declassify="07/01/2034", declassify_on=date(2034, 7, 1)
            ),
        )
    )
    assert codes(found) == ["CK105"]
    assert "E.O. 12958" in found[0].message and "021258Z JAN 88" in found[0].message


def test_ck105_a_later_review_note_is_not_the_cable_s_order() -> None:
    """72TEHRAN1164: 'E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006' on a 1972 cable."""
    order = ExecutiveOrder(order="12958", declassify="AS AMENDED; DECLASSIFIED JUNE 21, 2006")
    dtg = datetime(1972, 5, 1, 10, 0, tzinfo=UTC)
    assert (
        validate(_classified(UNCLASSIFIED, transmission=header(dtg=dtg), executive_order=order))
        == []
    )


def test_ck105_reference_to_a_cable_of_a_later_year() -> None:
    """00ATHENS1501: 'R 231510Z SEP 00' above 'REF: 09 STATE 96625'."""
    found = validate(
        cable(
            transmission=header(dtg=datetime(2000, 9, 23, 15, 10, tzinfo=UTC)),
            references=[
                Reference(text="09 STATE 96625", cable_id="09STATE96625"),
                Reference(letter="A", text="STATE 70789", cable_id="00STATE70789"),
            ],
        )
    )
    assert codes(found) == ["CK105"]
    assert "09 STATE 96625" in found[0].message and "2009" in found[0].message


def test_ck105_a_date_is_no_year_of_a_reference() -> None:
    """09WARSAW170: 'REF: ... 10 AUGUST 2008 U.S. NON PAPER ...' in a 2009 cable."""
    text = "10 AUGUST 2008 U.S. NON PAPER ON DEPLOYMENT OF A U.S. PATRIOT BATTERY IN POLAND"
    found = validate(
        cable(
            transmission=header(dtg=datetime(2009, 2, 13, 15, 14, tzinfo=UTC)),
            references=[Reference(letter="B", text=text)],
        )
    )
    assert found == []


def test_ck106_container_names_another_cable() -> None:
    """88BAGHDAD28: the page is 88BAGHDAD28, the text 'S e c r e t state 068250'."""
    metadata = Metadata(source="text", reference_id="88BAGHDAD28")
    found = validate(cable(id="88STATE68250", metadata=metadata))
    assert codes(found) == ["CK106"]
    assert "88BAGHDAD28" in found[0].message and "88STATE68250" in found[0].message


def test_ck106_container_gives_another_classification() -> None:
    metadata = Metadata(source="cables.csv", classification="SECRET//NOFORN")
    assert codes(validate(_classified(metadata=metadata))) == ["CK106"]
    same = Metadata(source="cables.csv", classification="CONFIDENTIAL//NOFORN", reference_id="x")
    assert validate(_classified(id="X", metadata=same)) == []


# --- CK2xx: head of the text --------------------------------------------------------------------


def test_ck201_head_without_classification_line() -> None:
    """09TELAVIV2502 goes from its header straight to 'SIPDIS' and 'E.O. 12958: ...'."""
    found = validate(cable(subject="40TH JPMG: NEA REGIONAL DISCUSSION (PART 3 OF 4)"))
    assert codes(found) == ["CK201"]
    assert validate(cable(paragraphs=paragraphs(1, 2))) == []


def test_a_complete_classified_head_has_no_finding() -> None:
    assert validate(_classified()) == []


def test_ck202_classified_cable_without_classified_by() -> None:
    """08STATE103511, a SECRET cable, has no 'Classified By' line."""
    found = validate(_classified(SECRET, classified_by=None))
    assert codes(found) == ["CK202"]
    assert validate(_classified(UNCLASSIFIED, classified_by=None)) == []


@pytest.mark.parametrize(
    "order",
    [None, ExecutiveOrder(order="12958", declassify="N/A"), ExecutiveOrder(order="12958")],
    ids=["no-eo-line", "n/a", "nothing"],
)
def test_ck203_classified_cable_without_declassification(order: ExecutiveOrder | None) -> None:
    """A CONFIDENTIAL cable without an E.O. line; 'E.O. 12958: N/A' is for UNCLAS cables."""
    assert codes(validate(_classified(executive_order=order))) == ["CK203"]
    assert validate(_classified(UNCLASSIFIED, executive_order=order, classified_by=None)) == []


@pytest.mark.parametrize("instruction", ["OADR", "TEN YEARS AFTER KOREAN UNIFICATION", "1.6X6"])
def test_ck203_instructions_other_than_dates_count(instruction: str) -> None:
    """90CAPETOWN97 'DECL: OADR', 09MOSCOW1108 'DECL: TEN YEARS AFTER KOREAN UNIFICATION'."""
    order = ExecutiveOrder(order="12958", declassify=instruction)
    assert validate(_classified(executive_order=order)) == []


def test_ck203_a_downgrade_instruction_counts() -> None:
    """06CARACAS219 'E.O. 12958: DNG: CO 01/26/2021': downgraded on a date, not declassified."""
    order = ExecutiveOrder(order="12958", downgrade="CO 01/26/2021")
    assert validate(_classified(executive_order=order)) == []


def test_ck204_declassification_before_the_cable_s_date() -> None:
    order = ExecutiveOrder(order="12958", declassify="10/30/2005", declassify_on=date(2005, 10, 30))
    found = validate(_classified(executive_order=order))
    assert codes(found) == ["CK204"]
    assert "10/30/2005" in found[0].message and "2006-10-30" in found[0].message


def test_ck205_unknown_executive_order() -> None:
    """10PARIS183: 'E.O. 19528: DECL: 12/03/2019' (12958 mistyped)."""
    order = ExecutiveOrder(order="19528", declassify="12/03/2019", declassify_on=date(2019, 12, 3))
    found = validate(_classified(executive_order=order))
    assert codes(found) == ["CK205"]
    assert set(EXECUTIVE_ORDERS) >= {"11652", "12065", "12356", "12958", "13526"}


def test_ck206_unknown_caption_among_the_passing_lines() -> None:
    """09DJIBOUTI113: 'SIPDIS SIPDIS' / 'SENSITIVE' / 'SBU DELIBERATIVE PROCESS' /
    'DEPARTMENT FOR AF AND AF/E'."""
    found = validate(
        _classified(
            handling=["SIPDIS", "SENSITIVE"],
            passing=["SBU DELIBERATIVE PROCESS", "DEPARTMENT FOR AF AND AF/E"],
        )
    )
    assert codes(found) == ["CK206"]
    assert "'SBU DELIBERATIVE PROCESS'" in found[0].message


@pytest.mark.parametrize(
    "line",
    [
        "STATE FOR EUR/WE",  # an office
        "TREASURY FOR MKACZMAREK",
        "SATTERFIELD",  # a name
        "C O R R E C T E D C O P Y (ADDED TAG)",  # a correction note (09STATE28302)
        "C O R R E C T E D COPY CAPTION",
        "Note - PII information removed from original message.",
    ],
)
def test_ck206_passing_lines_that_are_no_captions(line: str) -> None:
    assert validate(_classified(passing=[line])) == []


def test_ck206_every_known_caption_passes() -> None:
    assert validate(_classified(handling=sorted(KNOWN_CAPTIONS))) == []
    found = validate(_classified(handling=["SIPDIS", "EYES ONLY BLUE"]))
    assert codes(found) == ["CK206"]


def test_ck207_words_that_are_no_tags() -> None:
    """05SOFIA1207: 'TAGS PINR, KCRM, PGOV, EINV, ECON, KCOR, BU, Organized Crime'."""
    tags = ["PINR", "KCRM", "PGOV", "EINV", "ECON", "KCOR", "BU", "Organized", "Crime"]
    found = validate(_classified(tags=tags))
    assert codes(found) == ["CK207"]
    assert "'Organized', 'Crime'" in found[0].message


def test_ck207_tags_in_lower_case() -> None:
    """04ANKARA348: 'E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: ...'."""
    found = validate(_classified(tags=["prel", "pgov", "pins", "tu"]))
    assert codes(found) == ["CK207"]
    assert "lower case" in found[0].message


def test_ck207_well_formed_tags() -> None:
    """06PARIS7101 'TAGS: PREL PGOV MARR MOPS FR', person tags 'OVIP (CLINTON, HILLARY)'."""
    tags = ["PREL", "PGOV", "MARR", "MOPS", "FR", "UNESCO", "OVIP (CLINTON, HILLARY)", "KPAO"]
    assert validate(_classified(tags=tags)) == []


# --- CK3xx: paragraphs ----------------------------------------------------------------------


def test_ck301_a_skipped_number() -> None:
    """00HARARE6677 goes ¶9, ¶10, ¶12."""
    found = validate(cable(paragraphs=paragraphs(9, 10, 12)))
    assert [(d.code, d.line) for d in found] == [("CK301", 20), ("CK301", 40)]
    assert found[1].message == "¶12 follows ¶10: ¶11 missing"


def test_ck301_numbering_that_starts_late() -> None:
    """04MADRID4687 starts at ¶7."""
    found = validate(cable(paragraphs=paragraphs(7, 8, 9)))
    assert codes(found) == ["CK301"]
    assert found[0].message == "the numbering starts at ¶7: ¶1-¶6 missing"


def test_ck302_a_repeated_number() -> None:
    """04MADRID4063 has two ¶6 in a row."""
    found = validate(cable(paragraphs=paragraphs(5, 6, 6, 7)))
    assert [d.code for d in found] == ["CK301", "CK302"]  # starts at 5, then ¶6 twice
    assert only("CK302", found)[0].line == 40


def test_ck303_a_number_lower_than_the_one_before() -> None:
    """06CARACAS958 goes ¶4, ¶5, ¶6, ¶5, ¶6, ¶7."""
    found = validate(cable(paragraphs=paragraphs(1, 2, 3, 4, 5, 6, 5, 6, 7)))
    assert codes(found) == ["CK303"]
    assert found[0].message == "¶5 follows ¶6"


def test_ck304_numbering_that_starts_again() -> None:
    """07MADRID1952 embeds a request whose paragraphs are numbered again from 1."""
    found = validate(cable(paragraphs=paragraphs(1, 2, 1, 2, 3, 1, 2, 3)))
    assert codes(found) == ["CK304", "CK304"]
    assert {d.severity for d in found} == {Severity.INFO}


def test_unnumbered_text_is_ignored_by_the_numbering_checks() -> None:
    assert validate(cable(paragraphs=paragraphs(None, 1, None, 2, 3))) == []


def test_ck305_secret_paragraph_in_a_confidential_cable() -> None:
    """08BERLIN1387 is 'C O N F I D E N T I A L BERLIN 001387'; its ¶10 is '(S/NF)'."""
    text = [
        Paragraph(number=9, marking="C", text="...", line=220),
        Paragraph(number=10, marking="S/NF", text="One of the most dramatic ...", line=236),
    ]
    found = validate(_classified(CONFIDENTIAL, paragraphs=text))
    assert [(d.code, d.severity, d.line) for d in only("CK305", found)] == [
        ("CK305", Severity.ERROR, 236)
    ]
    assert "(S/NF)" in only("CK305", found)[0].message


@pytest.mark.parametrize(
    ("level", "marking", "above"),
    [
        (CONFIDENTIAL, "C//NF", False),
        (CONFIDENTIAL, "SBU", False),
        (UNCLASSIFIED, "SBU", False),
        (UNCLASSIFIED, "U//FOUO", False),
        (SECRET, "S//FGI//NF", False),
        (UNCLASSIFIED, "C", True),
        (SECRET, "TS", True),
        (CONFIDENTIAL, "S//NF", True),
        (CONFIDENTIAL, "N/SF", False),  # not a marking cablekit can rank
    ],
)
def test_ck305_marking_levels(level: Classification, marking: str, above: bool) -> None:
    found = validate(_classified(level, paragraphs=paragraphs(1, marking=marking)))
    assert codes(found) == (["CK305"] if above else [])


def test_ck305_marked_subject() -> None:
    """09BERLIN406's 'SUBJECT: (S) GERMANY TAKING ACTION ...' would not fit a CONFIDENTIAL cable."""
    subject = "(S) GERMANY TAKING ACTION ON SHIPMENT OF ..."
    assert codes(validate(_classified(CONFIDENTIAL, subject=subject))) == ["CK305"]
    assert validate(_classified(SECRET, subject=subject)) == []


def test_ck306_summary_without_end() -> None:
    """08KABUL1275: '¶1. (SBU) SUMMARY. Governor Mangal's first two months ...', no end."""
    text = [
        Paragraph(number=1, marking="SBU", text="SUMMARY. Governor Mangal's first ...", line=32),
        Paragraph(number=2, marking="SBU", text="Mangal has ...", line=34),
    ]
    found = validate(cable(paragraphs=text))
    assert [(d.code, d.line) for d in found] == [("CK306", 32)]


@pytest.mark.parametrize(
    "end",
    [
        "END SUMMARY.",
        "End summary.",
        "(END SUMMARY)",
        "END OF SUMMARY.",
        "END COMMENT AND SUMMARY.",
    ],
)
def test_ck306_summary_that_ends(end: str) -> None:
    """07PARIS3941 ends its summary with 'END COMMENT AND SUMMARY.'."""
    text = [
        Paragraph(number=1, marking="S/NF", text="SUMMARY. The French ...", line=27),
        Paragraph(number=2, marking="S/NF", text=f"... {end}", line=40),
    ]
    assert validate(cable(paragraphs=text)) == []


# --- CK4xx: sections --------------------------------------------------------------------------


def _sectioned(total: int, *lines: tuple[int, str], **fields: Any) -> Cable:
    values: dict[str, Any] = {
        "origin": fields.pop("origin", "RANGOON"),
        "number": fields.pop("number", 378),
        "section": Section(number=1, total=total),
        "unparsed": [UnparsedLine(line=line, text=text) for line, text in lines],
    }
    values.update(fields)
    return _classified(**values)


def test_sections_that_agree() -> None:
    """09ASTANA95: 'SECTION 01 OF 03', then 'ASTANA 00000095 002 OF 003' and '003 OF 003'."""
    astana = _sectioned(
        3,
        (53, "ASTANA 00000095 002 OF 003"),
        (65, "ASTANA 00000095 003 OF 003"),
        origin="ASTANA",
        number=95,
    )
    assert validate(astana) == []


def test_page_lines_of_a_section_are_fine() -> None:
    """06CARACAS1276: '001.2 OF 003', '002.2 OF 003', '003 OF 003' (002 itself not written)."""
    caracas = _sectioned(
        3,
        (46, "CARACAS 00001276 001.2 OF 003"),
        (100, "CARACAS 00001276 002 OF 003"),
        (114, "CARACAS 00001276 002.2 OF 003"),
        (185, "CARACAS 00001276 003 OF 003"),
        origin="CARACAS",
        number=1276,
    )
    assert validate(caracas) == []


def test_no_continuation_lines_at_all_is_fine() -> None:
    """Most cablegate copies of multi-section cables (05MADRID171) dropped them all."""
    assert validate(_sectioned(2, origin="MADRID", number=171)) == []


def test_ck401_continuation_lines_count_other_sections() -> None:
    """09RANGOON378: 'SECTION 01 OF 02' but 'RANGOON 00000378 002.8 OF 004' ..."""
    found = validate(
        _sectioned(2, (63, "RANGOON 00000378 002.8 OF 004"), (76, "RANGOON 00000378 003.2 OF 004"))
    )
    assert [(d.code, d.line) for d in only("CK401", found)] == [("CK401", 63), ("CK401", 76)]
    assert {d.severity for d in only("CK401", found)} == {Severity.ERROR}


def test_ck402_continuation_line_of_another_cable() -> None:
    """10MEXICO614: 'ISLAMABAD 00000416 002 OF 004' in the text sent as MEXICO 614."""
    found = validate(
        _sectioned(2, (100, "ISLAMABAD 00000416 002 OF 002"), origin="MEXICO", number=614)
    )
    assert codes(found) == ["CK402"]
    assert found[0].line == 100


@pytest.mark.parametrize(
    ("origin", "written"),
    [
        ("BUENOS AIRES", "BUENOS AIR 00001462 002 OF 002"),  # cut to ten characters
        ("RPO DUBAI", "DUBAI 00000013  002 OF 002"),
        ("UNVIE VIENNA", "UNVIE VIEN 00000553  002 OF 002"),
    ],
)
def test_ck402_shortened_posts_match(origin: str, written: str) -> None:
    number = int(written.split()[-4])
    assert validate(_sectioned(2, (40, written), origin=origin, number=number)) == []


def test_ck403_a_section_without_continuation_line() -> None:
    """09PRISTINA148: '002 OF 005', '004 OF 005', '005 OF 005' -- no 003."""
    found = validate(
        _sectioned(
            5,
            (42, "PRISTINA 00000148 002 OF 005"),
            (62, "PRISTINA 00000148 004 OF 005"),
            (72, "PRISTINA 00000148 005 OF 005"),
            origin="PRISTINA",
            number=148,
        )
    )
    assert [(d.code, d.line) for d in found] == [("CK403", 62)]
    assert "003" in found[0].message


def test_ck403_text_that_ends_early() -> None:
    """09PESHAWAR2: 'SECTION 01 OF 03', and the text ends after '002 OF 003'."""
    found = validate(
        _sectioned(3, (43, "PESHAWAR 00000002 002 OF 003"), origin="PESHAWAR", number=2)
    )
    assert codes(found) == ["CK403"]


def test_ck403_continuation_lines_without_section() -> None:
    """09TELAVIV2502 has 'TEL AVIV 00002502 002 OF 004' but no classification line at all."""
    tel_aviv = _classified(
        SECRET,
        unparsed=[UnparsedLine(line=110, text="TEL AVIV 00002502 002 OF 004")],
    )
    assert codes(validate(tel_aviv)) == ["CK403"]


def test_ck404_continuation_line_inside_a_paragraph() -> None:
    """09RIYADH651: '... (smashing cars and china when she RIYADH 00000651 003 OF 004'."""
    text = "the other alcohol (smashing cars and china when she RIYADH 00000651 003 OF 004 ..."
    riyadh = _sectioned(
        4,
        (45, "RIYADH 00000651 002 OF 004"),
        (79, "RIYADH 00000651 004 OF 004"),
        origin="RIYADH",
        number=651,
        classification=SECRET,
        paragraphs=[Paragraph(number=14, marking="S", text=text, line=62)],
    )
    found = validate(riyadh)
    assert [(d.code, d.line) for d in found] == [("CK301", 62), ("CK404", 62)]


# --- the result as a whole ----------------------------------------------------------------


def test_findings_are_ordered_by_line_and_have_the_code_s_severity() -> None:
    tangled = _sectioned(
        5,
        (72, "PRISTINA 00000148 005 OF 005"),
        (42, "PRISTINA 00000148 002 OF 005"),
        origin="PRISTINA",
        number=148,
        classification=CONFIDENTIAL,
        paragraphs=paragraphs(1, 3, marking="S"),
        transmission=header(security="ZNY SSSSS"),
    )
    found = validate(tangled)
    assert [d.line or 0 for d in found] == sorted(d.line or 0 for d in found)
    for finding in found:
        assert finding.severity is CHECKS[finding.code].severity
    assert validate(tangled) == found  # the same cable gives the same findings


# --- parse(..., strict=True) --------------------------------------------------------------------

PARIS_OVER_MOSCOW = """\
VZCZCXRO5721
OO RUEHDBU
DE RUEHFR #2725/01 1770754
ZNY CCCCC ZZH
O 260754Z JUN 07
FM AMEMBASSY PARIS
TO RUEHC/SECSTATE WASHDC IMMEDIATE 8471

S E C R E T SECTION 01 OF 04 MOSCOW 005154

SIPDIS

EO 12958 DECL: 10/09/2017
TAGS PREL, ECON, MARR, MASS, PARM, PINR, PINS, RS
SUBJECT: ADDRESSING RUSSIAN ARMS SALES

Classified By: Ambassador William J. Burns. Reasons 1.4 (b) and (d).

¶1. (C) Summary: FM Lavrov's disinterest in establishing an expert level
dialogue on arms sales begs the question. End Summary.
"""  # the head of 07PARIS2725, cut short


def test_parse_is_lenient_by_default() -> None:
    parsed = cablekit.parse(PARIS_OVER_MOSCOW)
    # the header's cable is CONFIDENTIAL (ZNY CCCCC); the text it carries says SECRET
    assert parsed.classification_line is not None
    assert parsed.classification_line.level is SECRET
    assert "CK101" in codes(validate(parsed))


def test_strict_parse_raises_with_the_error_level_findings() -> None:
    with pytest.raises(CableValidationError) as raised:
        cablekit.parse(PARIS_OVER_MOSCOW, strict=True)
    error = raised.value
    assert isinstance(error, CableError)
    assert error.diagnostics
    assert all(d.severity is Severity.ERROR for d in error.diagnostics)
    assert "CK101" in codes(error.diagnostics)
    assert error.diagnostics == [
        d for d in validate(PARIS_OVER_MOSCOW) if d.severity is Severity.ERROR
    ]
    assert error.cable == cablekit.parse(PARIS_OVER_MOSCOW)
    assert "CK101" in str(error) and "ZNY CCCCC" in str(error)


def test_strict_parse_of_a_sound_cable_returns_it() -> None:
    """09MOSCOW405 (docs/examples) has no error-level finding."""
    data = EXAMPLE.read_bytes()
    assert all(d.severity is not Severity.ERROR for d in validate(data))
    assert cablekit.parse(data, strict=True) == cablekit.parse(data)


def test_strict_parse_keeps_raising_parse_errors_for_non_cables() -> None:
    with pytest.raises(cablekit.CableParseError):
        cablekit.parse("hello\n", strict=True)


# --- docs/validation.md -------------------------------------------------------------------------

_SECTION = re.compile(r"^## (CK[0-9]{3}) (.+)$", re.MULTILINE)


def doc_sections() -> dict[str, tuple[str, str]]:
    """Each ``## CKnnn title`` section of docs/validation.md: (title, body)."""
    text = DOC.read_text(encoding="utf-8")
    found: dict[str, tuple[str, str]] = {}
    matches = list(_SECTION.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        found[match[1]] = (match[2].strip(), text[match.end() : end])
    return found


def doc_field(body: str, name: str) -> str:
    match = re.search(rf"^- \*\*{name}\*\*: (.+)$", body, re.MULTILINE)
    assert match, f"no '- **{name}**:' line"
    return match[1].strip()


def test_every_code_has_one_documented_section_in_order() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert _SECTION.findall(text) == [(code, check.title) for code, check in CHECKS.items()]


@pytest.mark.parametrize("code", list(CHECKS))
def test_documented_severity_and_example(code: str) -> None:
    _, body = doc_sections()[code]
    assert doc_field(body, "Severity") == CHECKS[code].severity.value
    example = doc_field(body, "Example")
    assert re.fullmatch(r"[0-9]{2}[A-Z][A-Z0-9]*[0-9]+|none in the corpus.*", example), example
    assert "```" in body, "a section quotes the cable (or input) it is about"


# Documented examples the current parser hides from validation: the finding needs what the
# classification line says, and build.py replaces it by the header's values (see the report
# in docs/validation.md, "What validation cannot see yet").
AWAITING_PARSER: dict[str, str] = {}


def corpus_file(corpus: Path, reference_id: str) -> Path:
    for folder in ("cablegate-2010", "pdf-text-raw", "pdf-text", "pdf-converted"):
        path = corpus / folder / f"{reference_id}.txt"
        if path.is_file():
            return path
    raise AssertionError(f"{reference_id} is not in the corpus")


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            code,
            marks=pytest.mark.xfail(
                code in AWAITING_PARSER, reason=AWAITING_PARSER.get(code, ""), strict=True
            ),
        )
        for code in CHECKS
    ],
)
def test_documented_example_gives_its_code(corpus: Path, code: str) -> None:
    """Validating the cable a section names (read as a file, so with its reference id as
    container metadata) reports that section's code."""
    example = doc_field(doc_sections()[code][1], "Example")
    if example.startswith("none"):
        pytest.skip(f"{code}: {example}")
    found = [d for cable in iter_cables(corpus_file(corpus, example)) for d in validate(cable)]
    assert code in codes(found), [d.format(example) for d in found]


# --- the corpus ---------------------------------------------------------------------------------


@cache
def corpus_findings(folder: Path) -> dict[str, list[Diagnostic]]:
    return {
        (cable.metadata.reference_id if cable.metadata else None) or "?": validate(cable)
        for cable in iter_cables(folder)
    }


# A header put over another cable's text (corpus README, and found by these checks)
HEADER_OVER_OTHER_TEXT = {"07PARIS2725", "09HAVANA132", "10MEXICO614", "88BAGHDAD28"}


def test_corpus_header_over_another_text_is_an_error(corpus: Path) -> None:
    findings = corpus_findings(corpus / "cablegate-2010")
    assert len(findings) == 1295
    for ref in HEADER_OVER_OTHER_TEXT:
        assert any(d.severity is Severity.ERROR for d in findings[ref]), ref


def test_corpus_errors_are_rare(corpus: Path) -> None:
    """Error-level findings mark real contradictions: at most 1% of the corpus has one."""
    findings = corpus_findings(corpus / "cablegate-2010")
    with_errors = sorted(
        ref for ref, found in findings.items() if any(d.severity is Severity.ERROR for d in found)
    )
    assert len(with_errors) <= 13, with_errors


def test_corpus_most_cables_have_no_finding(corpus: Path) -> None:
    findings = corpus_findings(corpus / "cablegate-2010")
    clean = sum(1 for found in findings.values() if not found)
    assert clean / len(findings) >= 0.75, clean
