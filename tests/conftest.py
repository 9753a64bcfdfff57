"""Shared fixtures: content roots with real article files on disk."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.config import Config
from bilingual.engine import check_pair, make_plan
from bilingual.model import Finding
from bilingual.parse.discover import load_pair

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "articles"

ZH_META = "title: 论坛举行\ndate: 2023-04-03\ncategory: conference-season\n"
EN_META = "title: Forum held\ndate: 2023-04-03\ncategory: conference-season\n"


def source(meta: str, body: str) -> str:
    """A source file: front matter then body (both dedented)."""
    return f"---\n{textwrap.dedent(meta).strip()}\n---\n\n{textwrap.dedent(body).strip()}\n"


class Root:
    """A content root in a temporary folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        (path / "articles").mkdir(parents=True, exist_ok=True)

    def pair(
        self,
        slug: str,
        zh: str | None,
        en: str | None,
        *,
        zh_meta: str = ZH_META,
        en_meta: str = EN_META,
    ) -> Path:
        """Write an article folder; ``None`` leaves that side out."""
        folder = self.path / "articles" / slug
        folder.mkdir(parents=True, exist_ok=True)
        if zh is not None:
            (folder / "zh.md").write_text(source(zh_meta, zh), encoding="utf-8")
        if en is not None:
            (folder / "en.md").write_text(source(en_meta, en), encoding="utf-8")
        return folder

    def raw(self, relative: str, data: bytes | str) -> Path:
        """Write a file byte for byte."""
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def config(self, text: str) -> None:
        """Write ``bilingual.yaml``."""
        (self.path / "bilingual.yaml").write_text(textwrap.dedent(text), encoding="utf-8")

    def findings(self, slug: str, *select: str, config: Config | None = None) -> list[Finding]:
        """Run the selected checks (all when none) on one pair through the library."""
        plan = make_plan(config or Config(), select)
        kept, _ = check_pair(load_pair(self.path, self.path / "articles" / slug), plan)
        return kept


@pytest.fixture
def root(tmp_path: Path) -> Root:
    """An empty content root."""
    return Root(tmp_path / "site")


@pytest.fixture
def shipped(tmp_path: Path) -> Root:
    """A copy of the repository's shipped articles, free to edit."""
    target = tmp_path / "shipped"
    shutil.copytree(SHIPPED, target / "articles")
    return Root(target)


@pytest.fixture
def cli() -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def check_json(cli: Callable[..., tuple[int, str, str]]) -> Callable[..., tuple[int, dict]]:
    """Run ``bilingual check --format json`` on a root: (exit code, parsed report)."""

    def invoke(root: Root, *args: str) -> tuple[int, dict]:
        code, out, err = cli("check", "--root", root.path, "--format", "json", *args)
        assert err == "", err
        return code, json.loads(out)

    return invoke
