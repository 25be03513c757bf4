"""Packaging: version, dependencies and entry point of the installed package; what the wheel
and the source distribution hold.

Building runs ``python -m build`` in an isolated environment and takes a while, so those tests
run only with ``CABLEKIT_TEST_BUILD=1``.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import cablekit
from cablekit import cli

ROOT = Path(__file__).resolve().parents[1]

needs_build = pytest.mark.skipif(
    os.environ.get("CABLEKIT_TEST_BUILD") != "1",
    reason="builds the package (slow); set CABLEKIT_TEST_BUILD=1 to run",
)


def test_version_matches_installed_metadata() -> None:
    assert importlib.metadata.version("cablekit") == cablekit.__version__


def test_runtime_dependencies_are_pydantic_and_lark_only() -> None:
    requires = importlib.metadata.requires("cablekit") or []
    runtime = [r for r in requires if "extra ==" not in r]
    names = sorted(re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0].lower() for r in runtime)
    assert names == ["lark", "pydantic"]


def extra(name: str) -> set[str]:
    """The names of the distributions an extra of the installed package brings."""
    requires = importlib.metadata.requires("cablekit") or []
    return {
        re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0].lower()
        for r in requires
        if re.search(rf"""extra\s*==\s*["']{name}["']""", r)
    }


def test_dev_extra_brings_the_tools_ci_runs() -> None:
    assert {"pytest", "hypothesis", "ruff", "mypy", "build", "twine"} <= extra("dev")


def test_project_urls_name_the_pages_a_package_index_shows() -> None:
    metadata = importlib.metadata.metadata("cablekit")
    urls = dict(
        entry.split(", ", 1) for entry in metadata.get_all("Project-URL") or []
    )
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


def test_docs_extra_brings_the_site_builder() -> None:
    assert {"mkdocs", "mkdocs-material", "mkdocstrings"} <= extra("docs")


def test_pdf_extra_brings_pdfminer_and_dev_has_it_so_ci_tests_pdf_input() -> None:
    # the metadata may spell the name normalized, as pdfminer-six
    assert {name.replace(".", "-") for name in extra("pdf")} == {"pdfminer-six"}
    assert "pdfminer-six" in {name.replace(".", "-") for name in extra("dev")}


def test_cablekit_command_is_the_cli_main() -> None:
    scripts = importlib.metadata.entry_points(group="console_scripts")
    [script] = [entry for entry in scripts if entry.name == "cablekit"]
    assert script.value == "cablekit.cli:main"
    assert script.load() is cli.main


def build(kind: str, outdir: Path) -> Path:
    """Build a wheel or an sdist of this checkout into ``outdir``; return the file."""
    done = subprocess.run(
        [sys.executable, "-m", "build", f"--{kind}", "--outdir", str(outdir), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pattern = "cablekit-*.whl" if kind == "wheel" else "cablekit-*.tar.gz"
    [built] = outdir.glob(pattern)
    return built


def package_files() -> set[str]:
    """Every file of the package in this checkout (grammar, py.typed, data), as wheel paths."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "cablekit").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@needs_build
def test_wheel_holds_the_grammar_and_the_typing_marker(tmp_path: Path) -> None:
    wheel = build("wheel", tmp_path)
    assert wheel.name == f"cablekit-{cablekit.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
    assert "cablekit/grammar/cable.lark" in names
    assert "cablekit/py.typed" in names
    assert package_files() <= names  # every .lark grammar and every file under cablekit/data/
    assert not any(n.startswith(("tests/", "docs/", "bench/")) for n in names)
    assert "cablekit = cablekit.cli:main" in scripts


@needs_build
def test_sdist_holds_docs_tests_and_project_files(tmp_path: Path) -> None:
    sdist = build("sdist", tmp_path)
    top = f"cablekit-{cablekit.__version__}"
    with tarfile.open(sdist) as archive:
        names = {n.removeprefix(f"{top}/") for n in archive.getnames()}
    for wanted in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "docs/index.md",
        "docs/model.md",
        "docs/examples/09MOSCOW405.txt",
        "tests/test_cli.py",
        "cablekit/grammar/cable.lark",
        "cablekit/py.typed",
    ):
        assert wanted in names, wanted


@needs_build
def test_wheel_and_sdist_pass_twine_and_the_wheel_installs(tmp_path: Path) -> None:
    wheel = build("wheel", tmp_path / "dist")
    sdist = build("sdist", tmp_path / "dist")
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    helped = subprocess.run(
        [str(venv / "bin" / "cablekit"), "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert helped.returncode == 0, helped.stderr
    assert "parse" in helped.stdout
