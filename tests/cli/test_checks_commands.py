"""``bilingual checks``, ``explain``, ``--help`` and ``--version``."""

from __future__ import annotations

import json
import subprocess
import sys

from bilingual import __version__
from bilingual.checks import all_checks


def test_checks_lists_every_check(cli):
    code, out, _ = cli("checks")
    assert code == 0
    for item in all_checks():
        assert f"{item.code}  {item.slug}" in out
        assert item.title in out


def test_checks_json(cli):
    _, out, _ = cli("checks", "--format", "json")
    rows = json.loads(out)
    assert {r["check"] for r in rows} >= {"structure-mismatch", "untranslated"}
    assert set(rows[0]) == {"code", "check", "severity", "category", "title"}


def test_explain_prints_the_whole_doc(cli):
    code, out, _ = cli("explain", "S101")
    assert code == 0
    assert out.startswith("# S101 structure-mismatch (error)")
    assert "## Why is this bad?" in out and "## Example" in out
    assert cli("explain", "structure-mismatch")[1] == out


def test_every_command_has_help_with_examples(cli):
    from bilingual.reference import command_paths

    for words in command_paths()[1:]:
        code, out, _ = cli(*words, "--help")
        assert code == 0
        assert "Examples:" in out, words
        assert f"bilingual {' '.join(words)}" in out, words


def test_version(cli):
    assert cli("--version")[1].strip() == f"bilingual {__version__}"


def test_help_does_not_import_the_heavy_parts():
    """``bilingual --help`` must start fast: the parser, YAML, rich and babel load lazily."""
    code = (
        "import sys, bilingual.cli; "
        "heavy = [m for m in ('markdown_it', 'yaml', 'rich', 'babel', 'bilingual.engine') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
