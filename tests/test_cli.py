"""The ``cablekit`` command: help, schema, parse (files, folders, stdin, JSON Lines), errors.

Tests marked "stand-in" replace the parser with one that returns fixed cables, so they check
the command itself; the others run the real parser on 09MOSCOW405, a short SECRET cable from
Moscow with a full transmission header, a lettered REF list, TAGS wrapped onto a second line,
four numbered paragraphs and the signature BEYRLE.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cablekit
from cablekit import cli
from cablekit.bulk.items import error_record
from cablekit.cli import inputs as cli_inputs
from cablekit.errors import CableError, CableParseError
from cablekit.models import Cable, Classification, ErrorRecord, Paragraph

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "09MOSCOW405.txt"

CABLE_KEYS = {
    "schema_version", "id", "classification", "handling", "origin", "number", "section",
    "created", "transmission", "passing", "executive_order", "tags", "subject", "references",
    "classified_by", "paragraphs", "summary", "comment", "signature", "repairs", "unparsed",
}  # fmt: skip
PARAGRAPH_KEYS = {"number", "marking", "heading", "text", "line"}
TRANSMISSION_KEYS = {
    "channel", "channel_serial", "relay_precedence", "relay_stations", "originator_station",
    "serial", "part", "filed", "security", "operating_signals", "precedence",
    "info_precedence", "dtg", "sender", "to", "info", "exempt",
}  # fmt: skip
RECIPIENT_KEYS = {"routing_indicator", "name", "precedence", "sequence"}


# --- helpers --------------------------------------------------------------------------------


Run = Callable[..., tuple[int, str, str]]


def run_module(
    *argv: str, stdin: bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m cablekit`` in a child process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "cablekit", *argv],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )


def stand_in_cable(ref_id: str, text: str = "Ambassador expressed strong concern.") -> Cable:
    return Cable(
        id=ref_id,
        classification=Classification.SECRET,
        tags=["PREL", "PGOV"],
        paragraphs=[Paragraph(number=1, marking="S", text=text, line=30)],
        signature="BEYRLE",
    )


class StandInFiles:
    """Files in a temporary folder whose cables come from a stand-in ``iter_cables``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder
        self.cables: dict[str, list[Cable] | BaseException] = {}
        self.read: list[str] = []
        monkeypatch.setattr(cli_inputs, "iter_cables", self._iter_cables)

    def add(self, name: str, cables: list[Cable] | BaseException) -> str:
        """Create the file ``name``; return its path as the command is given it."""
        path = self.folder / name
        path.write_text("stand-in\n")
        self.cables[str(path)] = cables
        return str(path)

    def _iter_cables(
        self, path: str | os.PathLike[str], **options: object
    ) -> Iterator[Cable | CableError]:
        assert set(options) <= {"errors", "follow_links", "on_skip"}
        name = os.fspath(path)
        self.read.append(name)
        found = self.cables[name]
        if isinstance(found, CableError) and options.get("errors") == "collect":
            yield found.located(name)
        elif isinstance(found, BaseException):
            raise found
        else:
            yield from found


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> StandInFiles:
    return StandInFiles(monkeypatch, tmp_path)


def stand_in_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def corpus() -> Path:
    """The shared corpus; skip (or fail under CABLEKIT_REQUIRE_CORPUS=1) when it is absent."""
    path = Path(os.environ.get("CABLEKIT_CORPUS", ROOT.parent / "shared" / "corpus"))
    if not path.is_dir():
        message = f"corpus not found at {path} (set CABLEKIT_CORPUS)"
        if os.environ.get("CABLEKIT_REQUIRE_CORPUS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def no_traceback(stderr: str | bytes) -> None:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text


# --- help, version, usage errors --------------------------------------------------------------


def test_help_names_both_commands_and_shows_examples(cablekit_cmd: Run) -> None:
    status, out, err = cablekit_cmd("--help")
    assert status == 0
    assert "parse" in out and "schema" in out
    assert "examples:" in out
    assert err == ""


@pytest.mark.parametrize("command", ["parse", "schema"])
def test_each_command_has_help_with_description_and_examples(
    cablekit_cmd: Run, command: str
) -> None:
    status, out, _ = cablekit_cmd(command, "--help")
    assert status == 0
    assert out.startswith(f"usage: cablekit {command}")
    assert "examples:" in out
    assert f"cablekit {command}" in out.split("examples:", 1)[1]


def test_version_is_the_package_version(cablekit_cmd: Run) -> None:
    status, out, _ = cablekit_cmd("--version")
    assert status == 0
    assert out.strip() == f"cablekit {cablekit.__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["parse"],
        ["parse", "--no-such-option", "x.txt"],
        ["schema", "extra-argument"],
    ],
    ids=["no-command", "unknown-command", "parse-without-file", "unknown-option", "extra-arg"],
)
def test_usage_errors_exit_2_with_usage_on_stderr(cablekit_cmd: Run, argv: list[str]) -> None:
    status, out, err = cablekit_cmd(*argv)
    assert status == 2
    assert out == ""
    assert "usage: cablekit" in err
    no_traceback(err)


def test_missing_file_exits_2_and_names_it(cablekit_cmd: Run, tmp_path: Path) -> None:
    missing = tmp_path / "10NOWHERE1.txt"
    status, out, err = cablekit_cmd("parse", str(missing))
    assert status == 2
    assert out == ""
    assert err == f"cablekit: error: {missing}: No such file or directory\n"


def test_missing_file_stops_before_any_input_is_read(
    cablekit_cmd: Run, files: StandInFiles, tmp_path: Path
) -> None:
    present = files.add("09MOSCOW405.txt", [stand_in_cable("09MOSCOW405")])
    status, out, err = cablekit_cmd("parse", present, str(tmp_path / "absent.txt"))
    assert status == 2
    assert files.read == []
    assert out == ""
    assert "absent.txt: No such file or directory" in err


def test_missing_file_in_a_child_process_has_no_traceback(tmp_path: Path) -> None:
    done = run_module("parse", str(tmp_path / "absent.txt"))
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"cablekit: error: " in done.stderr
    no_traceback(done.stderr)


# --- schema -----------------------------------------------------------------------------------


def test_schema_prints_the_cable_json_schema(cablekit_cmd: Run) -> None:
    status, out, err = cablekit_cmd("schema")
    assert status == 0
    assert err == ""
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {key: value for key, value in schema.items() if key != "$schema"} == (
        Cable.model_json_schema()
    )
    assert schema["type"] == "object"
    assert set(schema["properties"]) >= CABLE_KEYS
    definitions = schema["$defs"]
    assert set(definitions["Paragraph"]["properties"]) >= PARAGRAPH_KEYS
    assert set(definitions["Transmission"]["properties"]) >= TRANSMISSION_KEYS
    assert set(definitions["Recipient"]["properties"]) >= RECIPIENT_KEYS
    assert out.startswith("{\n  ")  # indented by 2


def test_schema_errors_describes_the_error_records_convert_writes(cablekit_cmd: Run) -> None:
    status, out, err = cablekit_cmd("schema", "--errors")
    assert (status, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["error"]
    error = schema["$defs"]["ConversionError"]
    assert set(error["properties"]) == {"type", "message", "source", "line", "row", "reference_id"}
    # a record as convert writes it is one the schema's model accepts
    record = error_record("CableParseError", "no cable", source="x.csv#3", line=7, row=3)
    assert ErrorRecord.model_validate_json(record).error.line == 7


def test_schema_in_a_child_process_is_valid_json() -> None:
    done = run_module("schema")
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)["properties"]) >= CABLE_KEYS


# --- parse, with a stand-in parser ------------------------------------------------------------


def test_stand_in_one_cable_prints_one_indented_object(
    cablekit_cmd: Run, files: StandInFiles
) -> None:
    one = files.add("09MOSCOW405.txt", [stand_in_cable("09MOSCOW405")])
    status, out, err = cablekit_cmd("parse", one)
    assert (status, err) == (0, "")
    assert out == stand_in_cable("09MOSCOW405").model_dump_json(indent=2) + "\n"


def test_stand_in_several_cables_print_one_json_array(
    cablekit_cmd: Run, files: StandInFiles
) -> None:
    one = files.add("09MOSCOW405.txt", [stand_in_cable("09MOSCOW405")])
    two = files.add("cables.csv", [stand_in_cable("07PARIS1791"), stand_in_cable("10BAKU98")])
    status, out, _ = cablekit_cmd("parse", one, two)
    assert status == 0
    cables = json.loads(out)
    assert [c["id"] for c in cables] == ["09MOSCOW405", "07PARIS1791", "10BAKU98"]
    assert out.startswith("[\n  {\n    ")
    assert out.endswith("\n]\n")
    assert cables == [
        json.loads(stand_in_cable(i).model_dump_json())
        for i in ("09MOSCOW405", "07PARIS1791", "10BAKU98")
    ]


def test_stand_in_empty_folder_prints_an_empty_array(
    cablekit_cmd: Run, files: StandInFiles, tmp_path: Path
) -> None:
    folder = tmp_path / "cables"
    folder.mkdir()
    files.cables[str(folder)] = []
    status, out, _ = cablekit_cmd("parse", str(folder))
    assert (status, out) == (0, "[]\n")


def test_stand_in_jsonl_prints_one_compact_object_per_line(
    cablekit_cmd: Run, files: StandInFiles
) -> None:
    ids = ["09MOSCOW405", "07PARIS1791", "10BAKU98"]
    csv_file = files.add("cables.csv", [stand_in_cable(i) for i in ids])
    status, out, _ = cablekit_cmd("parse", "--jsonl", csv_file)
    assert status == 0
    lines = out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids
    assert lines[0] == stand_in_cable(ids[0]).model_dump_json()


def test_stand_in_jsonl_of_one_cable_is_one_line(cablekit_cmd: Run, files: StandInFiles) -> None:
    one = files.add("09MOSCOW405.txt", [stand_in_cable("09MOSCOW405")])
    status, out, _ = cablekit_cmd("parse", "--jsonl", one)
    assert status == 0
    assert out.count("\n") == 1
    assert json.loads(out)["id"] == "09MOSCOW405"


def test_stand_in_output_is_utf8_with_the_paragraph_sign_kept(
    cablekit_cmd: Run, files: StandInFiles
) -> None:
    one = files.add("09MOSCOW405.txt", [stand_in_cable("09MOSCOW405", "see ¶2 – “S-300”")])
    status, out, _ = cablekit_cmd("parse", one)
    assert status == 0
    assert "¶2 – “S-300”" in out
    assert json.loads(out)["paragraphs"][0]["text"] == "see ¶2 – “S-300”"


def test_stand_in_stdin_passes_the_decoded_text_to_parse(
    cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    received: list[str | bytes] = []

    def parse(source: str | bytes, **_: Any) -> Cable:
        received.append(source)
        return stand_in_cable("09MOSCOW405")

    monkeypatch.setattr(cli_inputs, "parse", parse)
    data = b"S E C R E T MOSCOW 000405\n\xb61. (S) Latin-1 paragraph sign\n"
    stand_in_stdin(monkeypatch, data)
    status, out, _ = cablekit_cmd("parse", "-")
    assert status == 0
    # decoded by cablekit (cp1252), not by the locale of standard input
    assert received == ["S E C R E T MOSCOW 000405\n¶1. (S) Latin-1 paragraph sign\n"]
    assert json.loads(out)["id"] == "09MOSCOW405"


def test_stand_in_parse_error_exits_1_names_the_file_and_goes_on(
    cablekit_cmd: Run, files: StandInFiles
) -> None:
    empty = files.add("empty.txt", CableParseError("no cable found", line=1, column=1))
    one = files.add("09MOSCOW405.txt", [stand_in_cable("09MOSCOW405")])
    status, out, err = cablekit_cmd("parse", empty, one)
    assert status == 1
    assert err == f"cablekit: error: {empty}:1: no cable found\n"
    assert json.loads(out)["id"] == "09MOSCOW405"


def test_stand_in_parse_error_shows_the_offending_line(
    cablekit_cmd: Run, files: StandInFiles
) -> None:
    problem = CableParseError("expected a cable", line=3, column=1, text="hello")
    bad = files.add("notes.txt", problem)
    status, out, err = cablekit_cmd("parse", bad)
    assert status == 1
    assert out == ""
    assert err == f"cablekit: error: {bad}:3: expected a cable\n    hello\n"


def test_stand_in_unreadable_file_exits_2(cablekit_cmd: Run, files: StandInFiles) -> None:
    locked = files.add("locked.txt", PermissionError(13, "Permission denied"))
    status, out, err = cablekit_cmd("parse", locked)
    assert status == 2
    assert out == ""
    assert err == f"cablekit: error: {locked}: Permission denied\n"


def test_stand_in_closed_pipe_ends_quietly(
    files: StandInFiles, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class ClosedPipe(io.BytesIO):
        def write(self, data: Any) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    csv_file = files.add("cables.csv", [stand_in_cable("09MOSCOW405")] * 3)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(ClosedPipe()))
    assert cli.main(["parse", "--jsonl", csv_file]) == cli.EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""


def test_stand_in_ctrl_c_exits_130(cablekit_cmd: Run, files: StandInFiles) -> None:
    csv_file = files.add("cables.csv", KeyboardInterrupt())
    status, _, err = cablekit_cmd("parse", csv_file)
    assert status == 130
    no_traceback(err)


# --- parse, with the real parser --------------------------------------------------------------


def check_09moscow405(cable: dict[str, Any]) -> None:
    """What the command must show of 09MOSCOW405, whatever the source."""
    assert set(cable) >= CABLE_KEYS
    assert cable["id"] == "09MOSCOW405"
    assert cable["classification"] == "SECRET"  # written `S E C R E T MOSCOW 000405`
    assert cable["origin"] == "MOSCOW"
    assert cable["number"] == 405
    assert "PREL" in cable["tags"]
    assert [p["number"] for p in cable["paragraphs"]] == [1, 2, 3, 4]
    assert cable["paragraphs"][0]["marking"] == "S"
    assert cable["signature"] == "BEYRLE"


def test_parse_example_prints_one_cable(cablekit_cmd: Run) -> None:
    status, out, err = cablekit_cmd("parse", str(EXAMPLE))
    assert status == 0, err
    cable = json.loads(out)
    check_09moscow405(cable)
    assert cable["transmission"]["originator_station"] == "RUEHMO"  # DE RUEHMO #0405 0491518
    assert out.startswith("{\n  ")


def test_parse_example_matches_the_library(cablekit_cmd: Run) -> None:
    status, out, _ = cablekit_cmd("parse", str(EXAMPLE))
    assert status == 0
    [cable] = list(cablekit.iter_cables(EXAMPLE))
    assert out == cable.model_dump_json(indent=2) + "\n"


def test_parse_example_with_python_dash_m(cablekit_cmd: Run) -> None:
    _, in_process, _ = cablekit_cmd("parse", str(EXAMPLE))
    done = run_module("parse", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert done.stdout.decode("utf-8") == in_process


def test_parse_example_from_stdin(cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in_stdin(monkeypatch, EXAMPLE.read_bytes())
    status, out, err = cablekit_cmd("parse", "-")
    assert status == 0, err
    from_stdin = json.loads(out)
    check_09moscow405(from_stdin)
    _, out, _ = cablekit_cmd("parse", str(EXAMPLE))
    from_file = json.loads(out)
    for cable in (from_stdin, from_file):
        cable.pop("metadata", None)  # the file's container may say more than a pipe
    assert from_stdin == from_file


def test_parse_example_from_stdin_in_a_child_process() -> None:
    done = run_module("parse", "-", stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0, done.stderr
    check_09moscow405(json.loads(done.stdout))


def test_parse_two_files_prints_an_array(cablekit_cmd: Run) -> None:
    status, out, _ = cablekit_cmd("parse", str(EXAMPLE), str(EXAMPLE))
    assert status == 0
    cables = json.loads(out)
    assert isinstance(cables, list) and len(cables) == 2
    check_09moscow405(cables[0])
    assert cables[0] == cables[1]


def test_parse_jsonl_prints_one_line_per_cable(cablekit_cmd: Run) -> None:
    status, out, _ = cablekit_cmd("parse", "--jsonl", str(EXAMPLE), str(EXAMPLE))
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2
    for line in lines:
        check_09moscow405(json.loads(line))


def test_parse_folder_reads_every_cable_in_it(cablekit_cmd: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cables"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "09MOSCOW405.txt")
    shutil.copy(EXAMPLE, folder / "09MOSCOW405-copy.txt")
    status, out, err = cablekit_cmd("parse", "--jsonl", str(folder))
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    for line in lines:
        check_09moscow405(json.loads(line))


def test_parse_empty_stdin_exits_1(cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in_stdin(monkeypatch, b"")
    status, out, err = cablekit_cmd("parse", "-")
    assert status == 1
    assert out == ""
    assert err.startswith("cablekit: error: <stdin>:1: ")
    no_traceback(err)


def test_parse_empty_stdin_in_a_child_process_exits_1() -> None:
    done = run_module("parse", "-", stdin=b"")
    assert done.returncode == 1
    assert done.stderr.startswith(b"cablekit: error: <stdin>:1: ")
    no_traceback(done.stderr)


def test_closed_pipe_in_a_child_process_ends_quietly() -> None:
    # 300 copies are far more JSON than a pipe holds, so the writer meets the closed end.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with subprocess.Popen(
        [sys.executable, "-m", "cablekit", "parse", "--jsonl", *[str(EXAMPLE)] * 300],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()
        stderr = child.stderr.read()
        status = child.wait(timeout=120)
    check_09moscow405(json.loads(first))
    assert stderr == b""
    assert status == cli.EXIT_BROKEN_PIPE


def test_cables_csv_streams_json_lines_in_row_order() -> None:
    """The cablegate-2010 cables rebuilt as cables.csv: the first rows come out first, and
    closing the pipe early ends the command quietly."""
    path = corpus() / "cables-csv" / "cablegate-2010.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=",", quotechar='"', escapechar="\\")
        first_ids = [row[2] for row in itertools.islice(rows, 3)]

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with subprocess.Popen(
        [sys.executable, "-m", "cablekit", "parse", "--jsonl", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        lines = [child.stdout.readline() for _ in first_ids]
        child.stdout.close()
        stderr = child.stderr.read()
        child.wait(timeout=300)
    cables = [json.loads(line) for line in lines]
    assert [c["metadata"]["reference_id"] for c in cables] == first_ids
    assert [c["metadata"]["source"] for c in cables] == ["cables.csv"] * len(first_ids)
    no_traceback(stderr)
    assert b"BrokenPipe" not in stderr


# --- convert ----------------------------------------------------------------------------------


def test_help_lists_the_convert_command(cablekit_cmd: Run) -> None:
    status, out, _ = cablekit_cmd("--help")
    assert status == 0
    assert "convert" in out


def test_convert_has_help_with_description_examples_and_exit_status(cablekit_cmd: Run) -> None:
    status, out, err = cablekit_cmd("convert", "--help")
    assert (status, err) == (0, "")
    assert out.startswith("usage: cablekit convert")
    for option in ("--output", "--jobs", "--format", "--quiet"):
        assert option in out
    examples = out.split("examples:", 1)[1]
    assert "cablekit convert cables.csv -o cables.jsonl" in examples
    assert "cablekit[parquet]" in examples
    assert "exit status:" in examples


def test_convert_example_in_a_child_process(tmp_path: Path) -> None:
    out = tmp_path / "example.jsonl"
    done = run_module("convert", str(EXAMPLE), "-o", str(out), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert done.stderr.startswith(b"cablekit: 1 cable, 0 errors in ")
    [line] = out.read_text(encoding="utf-8").splitlines()
    check_09moscow405(json.loads(line))


# --- validate ---------------------------------------------------------------------------------

PARIS_OVER_MOSCOW = """\
VZCZCXRO5721
DE RUEHFR #2725/01 1770754
ZNY CCCCC ZZH
O 260754Z JUN 07
FM AMEMBASSY PARIS
TO RUEHC/SECSTATE WASHDC IMMEDIATE 8471

S E C R E T SECTION 01 OF 04 MOSCOW 005154

E.O. 12958: DECL: 10/09/2017
TAGS: PREL, ECON, MARR, RS
SUBJECT: ADDRESSING RUSSIAN ARMS SALES

Classified By: Ambassador William J. Burns. Reasons 1.4 (b) and (d).

¶1. (C) Summary: FM Lavrov's disinterest begs the question. End Summary.

¶3. (C) Russian arms sales are consequential.
"""  # the head of 07PARIS2725 (a Paris header over a Moscow text), ¶2 left out

_FINDING = r"^(?P<file>.+?):(?:(?P<line>[0-9]+):)? (?P<severity>error|warning|info) (?P<code>CK[0-9]{3}) (?P<message>.+)$"  # noqa: E501


def test_help_lists_the_validate_command(cablekit_cmd: Run) -> None:
    status, out, _ = cablekit_cmd("--help")
    assert status == 0
    assert "validate" in out


def test_validate_has_help_with_examples_and_exit_status(cablekit_cmd: Run) -> None:
    status, out, err = cablekit_cmd("validate", "--help")
    assert (status, err) == (0, "")
    assert out.startswith("usage: cablekit validate")
    assert "--format" in out
    examples = out.split("examples:", 1)[1]
    assert "cablekit validate docs/examples/09MOSCOW405.txt" in examples
    assert "exit status:" in examples


def test_validate_sound_cable_prints_nothing_and_exits_0(cablekit_cmd: Run) -> None:
    """09MOSCOW405 has no finding."""
    assert cablekit_cmd("validate", str(EXAMPLE)) == (0, "", "")


def test_validate_prints_one_compiler_style_line_per_finding(
    cablekit_cmd: Run, tmp_path: Path
) -> None:
    import re

    path = tmp_path / "07PARIS2725.txt"
    path.write_text(PARIS_OVER_MOSCOW, encoding="utf-8")
    status, out, err = cablekit_cmd("validate", str(path))
    assert (status, err) == (1, "")  # CK101 is an error
    lines = out.splitlines()
    findings = [re.match(_FINDING, line) for line in lines]
    assert all(findings), lines
    assert {m["file"] for m in findings if m} == {str(path)}
    by_code = {m["code"]: m for m in findings if m}
    assert by_code["CK101"]["severity"] == "error"
    assert by_code["CK101"]["line"] == "8"  # the classification line that disagrees
    assert by_code["CK301"]["severity"] == "warning"
    assert by_code["CK301"]["line"] == "18"  # ¶3, after ¶1
    assert lines == [d.format(str(path)) for d in cablekit.validate(PARIS_OVER_MOSCOW)]


def test_validate_warnings_alone_exit_0(cablekit_cmd: Run, tmp_path: Path) -> None:
    path = tmp_path / "gap.txt"
    own_text = (
        PARIS_OVER_MOSCOW.replace("ZNY CCCCC", "ZNY SSSSS")
        .replace("MOSCOW 005154", "PARIS 002725")
        .replace("SECTION 01 OF 04 ", "")
    )
    path.write_text(own_text, encoding="utf-8")
    status, out, _ = cablekit_cmd("validate", str(path))
    assert status == 0
    assert " warning CK301 " in out and " error " not in out


def test_validate_json_format(cablekit_cmd: Run, tmp_path: Path) -> None:
    path = tmp_path / "07PARIS2725.txt"
    path.write_text(PARIS_OVER_MOSCOW, encoding="utf-8")
    status, out, _ = cablekit_cmd("validate", "--format", "json", str(path), str(EXAMPLE))
    assert status == 1
    findings = json.loads(out)
    assert findings == [
        {"file": str(path), "id": "07PARIS2725", **d.model_dump(mode="json")}
        for d in cablekit.validate(PARIS_OVER_MOSCOW)
    ]
    assert cablekit_cmd("validate", "--format", "json", str(EXAMPLE)) == (0, "[]\n", "")


def test_validate_from_stdin(cablekit_cmd: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in_stdin(monkeypatch, PARIS_OVER_MOSCOW.encode("utf-8"))
    status, out, _ = cablekit_cmd("validate", "-")
    assert status == 1
    assert "<stdin>:8: error CK101 " in out


def test_validate_input_without_cable_is_error_ck001(cablekit_cmd: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Lunch with the DCM on Tuesday.\n", encoding="utf-8")
    status, out, err = cablekit_cmd("validate", str(path), str(EXAMPLE))
    assert (status, err) == (1, "")
    assert out.startswith(f"{path}:1: error CK001 expected a cable")
    assert str(path) not in out.split("CK001", 1)[1]  # the file is named once


def test_validate_cables_csv_places_each_finding_on_its_row(cablekit_cmd: Run) -> None:
    """FILE:LINE: with the line the row starts on; the row and the line in its text follow
    the message."""
    csv_file = ROOT / "tests" / "data" / "sources" / "cables-small.csv"
    starts = {c.metadata.row: c.metadata.line for c in cablekit.iter_cables(csv_file) if c.metadata}
    status, out, _ = cablekit_cmd("validate", str(csv_file))
    assert status in (0, 1)
    assert out
    for line in out.splitlines():
        pattern = rf"{re.escape(str(csv_file))}:(\d+): .* \(row (\d+)(, line \d+ of its text)?\)"
        found = re.fullmatch(pattern, line)
        assert found, line
        assert starts[int(found[2])] == int(found[1])


@pytest.mark.parametrize(
    "argv",
    [["validate"], ["validate", "--format", "xml", "x.txt"], ["validate", "--bogus", "x.txt"]],
    ids=["no-file", "bad-format", "unknown-option"],
)
def test_validate_usage_errors_exit_2(cablekit_cmd: Run, argv: list[str]) -> None:
    status, out, err = cablekit_cmd(*argv)
    assert (status, out) == (2, "")
    assert "usage: cablekit" in err
    no_traceback(err)


def test_validate_missing_file_exits_2(cablekit_cmd: Run, tmp_path: Path) -> None:
    missing = tmp_path / "10NOWHERE1.txt"
    status, out, err = cablekit_cmd("validate", str(EXAMPLE), str(missing))
    assert (status, out) == (2, "")
    assert err == f"cablekit: error: {missing}: No such file or directory\n"


def test_validate_in_a_child_process(tmp_path: Path) -> None:
    path = tmp_path / "07PARIS2725.txt"
    path.write_text(PARIS_OVER_MOSCOW, encoding="utf-8")
    done = run_module("validate", str(path))
    assert done.returncode == 1
    assert f"{path}:8: error CK101 ".encode() in done.stdout
    no_traceback(done.stderr)
