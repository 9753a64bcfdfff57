"""Showing a preview: on the console, through the pager, or drawn again each time one of the
article's files changes (``--watch``: the editor keeps it open while the translator works)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rich.console import Console, RenderableType
from rich.text import Text

from bilingual.errors import BilingualError, SourceError, UsageError
from bilingual.model import LANGS
from bilingual.parse.discover import article_folder
from bilingual.preview.render import WIDE, render, render_side
from bilingual.preview.view import load_view, side_markdown

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Options:
    """How to show a preview."""

    #: ``"zh"`` or ``"en"``: that side alone, rendered as Markdown.
    side: str | None = None
    #: Columns to draw in; under ``render.WIDE`` the sides are stacked.
    width: int = WIDE
    #: Colours and styles (else plain text).
    color: bool = False
    #: Through the pager (``$PAGER``, else ``less``).
    pager: bool = False
    #: Drawn again whenever the article, the glossary or ``bilingual.yaml`` changes.
    watch: bool = False
    #: Read findings from (and keep them in) the result cache.
    cache: bool = True
    #: Seconds between two looks at the files when watching.
    interval: float = 0.5


def make_console(width: int, color: bool, file: TextIO | None = None) -> Console:
    """A console ``width`` columns wide; without ``color``, plain text even on a terminal."""
    return Console(
        file=file,
        width=width,
        force_terminal=True if color else None,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
    )


def build(root: Path, folder: Path, options: Options, warn: Warn) -> RenderableType:
    """Read, align and check the article (configuration and glossary read afresh, findings
    through the result cache) and render it as ``options`` ask."""
    from bilingual.cache import open_cache
    from bilingual.config import load_config
    from bilingual.engine import cache_key, make_plan
    from bilingual.glossary.store import load_glossary

    config = load_config(root)
    plan = make_plan(config, glossary=load_glossary(root, config.glossary))
    results = open_cache(root, cache_key(plan), warn) if options.cache else None
    try:
        langs = (options.side,) if options.side else LANGS
        view = load_view(root, folder, plan, cache=results, langs=langs)
    finally:
        if results is not None:
            results.close()
    if options.side is None:
        return render(view, options.width)
    article = view.pair.side(options.side)
    if article is None:  # pragma: no cover - load_view raises when the side is missing
        raise SourceError(
            f"{options.side}.md is missing: the article has one side", path=view.pair.folder
        )
    return render_side(view, options.side, side_markdown(root, article), options.width)


def show(
    root: Path, name: str, options: Options, *, warn: Warn, file: TextIO | None = None
) -> None:
    """Preview the article ``name`` (a slug or a path) on ``file`` (default: stdout)."""
    if options.pager and options.watch:
        raise UsageError("--pager and --watch cannot be used together")
    if options.side not in (None, *LANGS):
        raise UsageError(f"--side must be zh or en, not {options.side!r}")
    folder = article_folder(root, name)
    console = make_console(options.width, options.color, file)
    if options.watch:
        watch(console, root, folder, options, warn)
        return
    renderable = build(root, folder, options, warn)
    if options.pager:
        with console.pager(styles=options.color):
            console.print(renderable)
    else:
        console.print(renderable)


def watch(console: Console, root: Path, folder: Path, options: Options, warn: Warn) -> None:
    """Draw the preview, then again each time a file it is made of changes, until Ctrl-C.

    Files are polled (their size, time and inode, every ``options.interval`` seconds): a new
    dependency for file events would buy little for two files. A file that cannot be read
    while the translator saves it is said at the top, and the next change draws again.
    """
    paths = _watched(root, folder)
    seen: tuple[str, ...] | None = None
    try:
        while True:
            now = _stamps(paths)
            if now != seen:
                seen = now  # taken before drawing: a change while drawing draws once more
                _draw(console, root, folder, options, warn)
            time.sleep(options.interval)
    except KeyboardInterrupt:
        console.print()  # after the ^C the terminal echoed


def _watched(root: Path, folder: Path) -> list[Path]:
    from bilingual.config import load_config

    try:
        glossary = load_config(root).glossary
    except BilingualError:
        glossary = "glossary.yaml"  # the configuration is drawn as an error, and watched
    return [folder / "zh.md", folder / "en.md", root / "bilingual.yaml", root / glossary]


def _stamps(paths: Sequence[Path]) -> tuple[str, ...]:
    from bilingual.cache import stamp

    return tuple(stamp(path) for path in paths)


def _draw(console: Console, root: Path, folder: Path, options: Options, warn: Warn) -> None:
    if console.is_terminal:
        console.clear()
    try:
        console.print(build(root, folder, options, warn))
    except BilingualError as exc:
        console.print(Text(f"error: {exc}", style="bold red"))
    console.print(
        Text("watching zh.md and en.md: drawn again on a change; Ctrl-C to stop", style="dim")
    )
