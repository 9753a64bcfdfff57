"""The pictures of the README, drawn by the tool itself: ``python docs/screens/make.py``.

Each screen is a function that prints to a recording rich console; ``main`` saves every one as
``docs/screens/<name>.svg``. ``tests/test_screens.py`` fails when a committed picture is not
what its function draws now, so they never go stale.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WIDTH = 100


def _console() -> Console:
    return Console(
        record=True,
        width=WIDTH,
        file=io.StringIO(),
        force_terminal=True,
        color_system="standard",
        highlight=False,
    )


def _sync(folder: Path, original: str = "zh") -> None:
    """Record in the translation the digest of its original as it is now (as sync does)."""
    from bilingual.parse.frontmatter import split
    from bilingual.stale import KEY, original_digest

    translation = "en" if original == "zh" else "zh"
    source = split((folder / f"{original}.md").read_text(encoding="utf-8"), original)
    path = folder / f"{translation}.md"
    text = path.read_text(encoding="utf-8")
    line = f"{KEY}: {original_digest(source.meta, source.body)}"
    path.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _newsroom(root: Path) -> None:
    """The shipped articles in a newsroom's week: one synced, one whose original was corrected
    after it was synced, one in review, and two new ones (one with a machine translation)."""
    from bilingual.config import Config
    from bilingual.scaffold import NewArticle, create

    articles = root / "articles"
    shutil.copytree(REPO / "articles", articles)
    _sync(articles / "2023-campus-open-day")
    forum = articles / "2023-pujiang-innovation-forum"
    _sync(forum)
    _edit(forum / "zh.md", "七百余位嘉宾参加论坛", "八百余位嘉宾参加论坛")
    _edit(articles / "intelligent-materials-center-funding" / "en.md", "published", "review")
    for slug, titles, category, day, original in (
        (
            "2023-ai-summer-school",
            {"zh": "人工智能暑期学校开班", "en": "AI Summer School opens"},
            "campus-events",
            dt.date(2023, 6, 12),
            "zh",
        ),
        (
            "2023-alumni-homecoming",
            {"zh": "校友返校日", "en": "Alumni Homecoming Day"},
            "alumni",
            dt.date(2023, 5, 28),
            "en",
        ),
    ):
        create(root, NewArticle(slug, titles, category, day, original), Config())
    _edit(articles / "2023-alumni-homecoming" / "zh.md", "status: draft", "status: machine")


def status() -> Console:
    """``bilingual status`` on a newsroom's articles."""
    from bilingual.config import Config
    from bilingual.status.board import collect
    from bilingual.status.text import StatusView

    console = _console()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _newsroom(root)
        board = collect(root, Config(), warn=lambda message: None, cache=False)
    console.print("$ bilingual status", style="bold", markup=False)
    console.print(StatusView(board))
    return console


SCREENS: dict[str, Callable[[], Console]] = {"status": status}


def render(name: str) -> str:
    """The SVG of screen ``name``."""
    return SCREENS[name]().export_svg(title=f"bilingual {name}")


def main() -> None:
    """Draw every screen into ``docs/screens/``."""
    from bilingual.fsutil import atomic_write

    for name in SCREENS:
        path = HERE / f"{name}.svg"
        atomic_write(path, render(name))
        sys.stdout.write(f"wrote {path.relative_to(REPO)}\n")


if __name__ == "__main__":
    main()
