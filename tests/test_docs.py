"""Docs come from the code: generated pages are current, and nothing is left undocumented."""

from __future__ import annotations

import re

import pytest

from bilingual.checks import all_checks
from bilingual.reference import PAGES
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_pages_are_current(name):
    current = (REPO / "docs" / name).read_text(encoding="utf-8")
    assert current == PAGES[name](), f"docs/{name} is stale: run python -m bilingual.reference"


def test_every_command_is_in_the_readme_and_cli_reference():
    from bilingual.reference import command_paths

    cli_page = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for words in command_paths()[1:]:
        name = " ".join(words)
        assert f"## bilingual {name}" in cli_page
        assert f"bilingual {name}" in README, name


def test_every_check_is_in_the_checks_reference():
    page = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    for item in all_checks():
        assert f"## {item.code} {item.slug}" in page


def test_readme_quick_start_has_exactly_two_setup_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", quick_start, re.S)
    assert block is not None
    commands = [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]
    assert len(commands) == 2
    assert "bilingual check" in commands[0]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_exit_codes_are_documented():
    for code in ("0", "1", "2"):
        assert f"| {code} |" in README
