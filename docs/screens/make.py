"""Draw the pictures of the README from the demo content root beside this file.

    python docs/screens/make.py

One function per screen returns its SVG (preview from the demo root, status from the shipped
articles put through a newsroom's week in a temporary folder); ``SCREENS`` names the file each
is saved as.
``tests/test_screens.py`` draws them again and fails when a committed picture is stale, so they
never drift from what the commands print. The pictures are deterministic: a fixed width and
title, no clock, no result cache, and a console that ignores the terminal and its environment.
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

from bilingual.fsutil import atomic_write

HERE = Path(__file__).resolve().parent
#: The content root the pictures show: one article with glossary terms and findings.
DEMO = HERE / "demo"
REPO = HERE.parents[1]
WIDTH = 100


def console() -> Console:
    """A recording console that draws the same picture on every machine."""
    return Console(
        file=io.StringIO(),
        record=True,
        width=WIDTH,
        force_terminal=True,
        color_system="truecolor",
        no_color=False,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
    )


def _refuse(message: str) -> None:
    raise RuntimeError(message)  # a picture drawn with a warning would not show the command


def preview_svg() -> str:
    """``bilingual preview`` of the demo article: aligned rows, terms, findings, stale sync."""
    from bilingual.preview.show import Options, build

    slug = "2023-ai-for-science-forum"
    out = console()
    options = Options(width=WIDTH, color=True, cache=False)
    out.print(build(DEMO, DEMO / "articles" / slug, options, _refuse))
    return out.export_svg(title=f"bilingual preview {slug}", unique_id="preview")


def _sync(folder: Path) -> None:
    """``bilingual sync`` of one article."""
    from bilingual.stale.sync import sync

    sync(folder.parents[1], [folder])


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


def status_svg() -> str:
    """``bilingual status`` on a newsroom's week: every state and sync state."""
    from bilingual.config import Config
    from bilingual.status.board import collect
    from bilingual.status.text import StatusView

    out = console()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _newsroom(root)
        board = collect(root, Config(), warn=lambda message: None, cache=False)
    out.print("$ bilingual status", style="bold")
    out.print(StatusView(board))
    return out.export_svg(title="bilingual status", unique_id="status")


SCREENS: dict[str, Callable[[], str]] = {"preview.svg": preview_svg, "status.svg": status_svg}


def main() -> None:
    """Write every picture next to this file."""
    for name, make in SCREENS.items():
        atomic_write(HERE / name, make())
        sys.stdout.write(f"wrote {HERE / name}\n")


if __name__ == "__main__":
    main()
