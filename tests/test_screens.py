"""The README's pictures are what the tool draws now (docs/screens/make.py)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("screens", REPO / "docs" / "screens" / "make.py")
assert _spec is not None and _spec.loader is not None
screens = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screens)


@pytest.mark.parametrize("name", sorted(screens.SCREENS))
def test_committed_screen_is_current(name):
    committed = (REPO / "docs" / "screens" / f"{name}.svg").read_text(encoding="utf-8")
    assert committed == screens.render(name), (
        f"docs/screens/{name}.svg is stale: run python docs/screens/make.py"
    )


def test_status_screen_shows_every_sync_state():
    text = screens.status().export_text()
    for word in ("draft", "machine", "review", "published", "current", "stale", "never"):
        assert word in text
