"""ruff is part of the suite: the code stays lint- and format-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ruff")
    command = [exe] if exe else [sys.executable, "-m", "ruff"]
    return subprocess.run([*command, *args], cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("args", [("check", "."), ("format", "--check", ".")])
def test_ruff(args):
    result = ruff(*args)
    assert result.returncode == 0, result.stdout + result.stderr


def test_command_modules_keep_their_annotations_evaluated():
    """typer reads each command's signature at every start: string annotations (``from
    __future__ import annotations``) made it evaluate them again and again (29 ms of --help)."""
    import typer.main

    from bilingual.cli import app

    for path in sorted((REPO / "src" / "bilingual" / "cli").glob("*.py")):
        if path.name != "common.py":  # option types only: no command reads it
            assert "from __future__ import annotations" not in path.read_text(encoding="utf-8"), (
                path
            )
    group = typer.main.get_command(app)
    assert {"check", "status", "preview", "bundle", "translate"} <= set(group.commands)
