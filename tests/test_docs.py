"""The documentation agrees with the code: every model field is documented in docs/model.md,
the README's setup commands name files that exist, and links between the pages resolve."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cablekit.models import Cable

ROOT = Path(__file__).resolve().parents[1]
MODEL_DOC = ROOT / "docs" / "model.md"
README = ROOT / "README.md"
PAGES = [README, ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]


def sections(markdown: str) -> dict[str, str]:
    """The ``## Title`` sections of a page, by title."""
    found: dict[str, str] = {}
    for part in re.split(r"^## ", markdown, flags=re.MULTILINE)[1:]:
        title, _, body = part.partition("\n")
        found[title.strip()] = body
    return found


def first_column(section: str) -> set[str]:
    """The backticked names in the first column of a section's tables."""
    return set(re.findall(r"^\|\s*`([^`]+)`\s*\|", section, flags=re.MULTILINE))


def schema_models() -> dict[str, dict[str, Any]]:
    """Cable and every model and enum it contains, by title, as JSON Schema."""
    schema = Cable.model_json_schema()
    models: dict[str, dict[str, Any]] = {schema["title"]: schema}
    models.update(schema.get("$defs", {}))
    return models


MODELS = schema_models()


def test_model_doc_covers_every_model() -> None:
    documented = sections(MODEL_DOC.read_text(encoding="utf-8"))
    assert set(MODELS) <= set(documented), sorted(set(MODELS) - set(documented))
    assert {
        "Cable", "Transmission", "Recipient", "Paragraph", "Section", "ExecutiveOrder",
        "Reference", "ClassifiedBy", "Repair", "UnparsedLine", "Metadata",
    } <= set(MODELS)  # fmt: skip


@pytest.mark.parametrize("title", sorted(MODELS))
def test_model_doc_lists_every_field_of_the_model(title: str) -> None:
    section = sections(MODEL_DOC.read_text(encoding="utf-8")).get(title, "")
    model = MODELS[title]
    if "enum" in model:
        expected = {str(value) for value in model["enum"]}
    else:
        expected = set(model.get("properties", {}))
    rows = first_column(section)
    assert expected <= rows, f"## {title} lacks {sorted(expected - rows)}"
    assert rows <= expected, (
        f"## {title} documents fields it does not have: {sorted(rows - expected)}"
    )


def test_every_schema_field_name_appears_in_model_doc() -> None:
    text = MODEL_DOC.read_text(encoding="utf-8")
    names = {name for model in MODELS.values() for name in model.get("properties", {})}
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert not missing


def setup_commands() -> list[str]:
    setup = sections(README.read_text(encoding="utf-8"))["Setup"]
    return re.findall(
        r"^```(?:sh|bash|console)?\n(.*?)\n```$", setup, flags=re.MULTILINE | re.DOTALL
    )


def test_readme_setup_has_two_one_line_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    install, develop = commands
    assert install.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install . " in install
    assert ".venv/bin/cablekit parse " in install
    assert develop.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install -e '.[dev]'" in develop
    assert develop.endswith(".venv/bin/python -m pytest")


def test_readme_setup_commands_name_files_that_exist() -> None:
    named = [
        word
        for command in setup_commands()
        for word in command.split()
        if "/" in word and not word.startswith((".venv/", "'", '"'))
    ]
    assert "docs/examples/09MOSCOW405.txt" in named
    for path in named:
        assert (ROOT / path).is_file(), path


def test_example_cable_is_one_complete_cable() -> None:
    text = (ROOT / "docs" / "examples" / "09MOSCOW405.txt").read_text(encoding="utf-8")
    for part in ("VZCZC", "\nDE RUEHMO #0405", "\nTAGS: ", "\nSUBJECT: ", "\nREF: ", "\n¶1. "):
        assert part in text, part
    assert text.rstrip().endswith("\nBEYRLE")


def anchor(heading: str) -> str:
    """The fragment a Markdown renderer gives a heading."""
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return slug.replace(" ", "-")


def local_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    return [link for link in links if not re.match(r"[a-z]+:", link)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_links_between_pages_resolve(page: Path) -> None:
    for link in local_links(page):
        target, _, fragment = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{link} in {page.name}"
        if fragment and path.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
            assert fragment in {anchor(h) for h in headings}, f"{link} in {page.name}"


def test_readme_links_are_absolute() -> None:
    """PyPI shows the README away from the repository: a relative link there is broken."""
    assert local_links(README) == []


def test_every_docs_page_is_in_the_site_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:\n")[2]
    listed = set(re.findall(r":\s*(\S+\.md)\s*$", nav, flags=re.MULTILINE))
    pages = {page.name for page in (ROOT / "docs").glob("*.md")}
    assert pages == listed, (sorted(pages - listed), sorted(listed - pages))


def test_the_values_the_quickstart_shows_are_those_of_the_example_cable() -> None:
    """``cable.id  # '09MOSCOW405'``: each commented value of the quickstart's first example is
    what the expression gives (``...`` marks a value shortened on the page)."""
    import cablekit

    page = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    block = re.search(r"## Parse a file\n.*?```python\n(.*?)```", page, re.DOTALL)
    assert block is not None
    cable = cablekit.parse_file(ROOT / "docs" / "examples" / "09MOSCOW405.txt")
    checked = 0
    for expression, shown in re.findall(r"^(cable\.[\w.]+)\s+# (.+)$", block.group(1), re.M):
        if "..." in shown:
            continue
        value = eval(expression, {"cable": cable})
        shown = shown.split(" (")[0]
        assert shown in (repr(value), str(value)), (expression, shown, value)
        checked += 1
    assert checked >= 5


def interactive_blocks() -> list[tuple[str, str]]:
    """The ``>>>`` sessions of the docs pages: (page name, block)."""
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"^```python\n(.*?)^```$", text, flags=re.M | re.S):
            if block.lstrip().startswith(">>>"):
                found.append((page.name, block))
    return found


@pytest.mark.parametrize(("page", "block"), interactive_blocks(), ids=lambda v: str(v)[:30])
def test_interactive_examples_print_what_the_docs_show(
    page: str, block: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ``>>>`` examples run as doctests, in the corpus folder their files come from."""
    import doctest

    import cablekit

    monkeypatch.chdir(corpus / "cablegate-2010")
    # a page imports cablekit once, in its first session
    test = doctest.DocTestParser().get_doctest(block, {"cablekit": cablekit}, page, page, 0)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 0, page
