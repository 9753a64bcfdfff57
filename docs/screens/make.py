"""Draw the pictures of the README from the demo content root beside this file.

    python docs/screens/make.py

One function per screen returns its SVG; ``SCREENS`` names the file each is saved as.
``tests/test_screens.py`` draws them again and fails when a committed picture is stale, so they
never drift from what the commands print. The pictures are deterministic: a fixed width and
title, no clock, no result cache, and a console that ignores the terminal and its environment.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from bilingual.fsutil import atomic_write

HERE = Path(__file__).resolve().parent
#: The content root the pictures show: one article with glossary terms and findings.
DEMO = HERE / "demo"
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


SCREENS: dict[str, Callable[[], str]] = {"preview.svg": preview_svg}


def main() -> None:
    """Write every picture next to this file."""
    for name, make in SCREENS.items():
        atomic_write(HERE / name, make())
        sys.stdout.write(f"wrote {HERE / name}\n")


if __name__ == "__main__":
    main()
