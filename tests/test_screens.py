"""The README's pictures are what the commands draw: ``docs/screens/make.py`` draws them again
and they must equal the committed files."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.conftest import REPO

SCREENS = REPO / "docs" / "screens"


def make_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screens_make", SCREENS / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = make_module()


@pytest.mark.parametrize("name", sorted(MAKE.SCREENS))
def test_committed_picture_is_current(name):
    committed = (SCREENS / name).read_text(encoding="utf-8")
    drawn = MAKE.SCREENS[name]()
    assert drawn == committed, f"docs/screens/{name} is stale: run python docs/screens/make.py"


def test_pictures_are_the_same_every_time():
    for make in MAKE.SCREENS.values():
        assert make() == make()


def test_preview_picture_shows_what_it_is_for():
    svg = (SCREENS / "preview.svg").read_text(encoding="utf-8")
    assert "bilingual&#160;preview" in svg or "bilingual preview" in svg
    for shown in ("no&#160;counterpart", "N101", "G102", "A107", "stale"):
        assert shown in svg, shown


def test_readme_shows_the_pictures():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in MAKE.SCREENS:
        assert f"(docs/screens/{name})" in readme, name


def test_status_picture_shows_every_state_and_sync_state():
    svg = (SCREENS / "status.svg").read_text(encoding="utf-8")
    for word in ("draft", "machine", "review", "published", "current", "stale", "never"):
        assert word in svg, word
