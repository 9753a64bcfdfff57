"""``bilingual status``: the newsroom's board of every article and how far along it is."""

from enum import StrEnum
from typing import Annotated

import typer

from bilingual.cli.common import (
    JobsOption,
    ProgressOption,
    RootOption,
    err,
    errors_handled,
    load,
    progress_bar,
    stdout,
    use_color,
    width,
)


class StatusFormat(StrEnum):
    """Output formats of ``status``."""

    text = "text"
    json = "json"


def status(
    ctx: typer.Context,
    root: RootOption = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            "-c",
            metavar="KEY",
            help="Only articles of these categories (comma-separated or repeated).",
            show_default=False,
        ),
    ] = None,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            metavar="STATE",
            help="Only articles in these states (comma-separated or repeated): an article's "
            "state (missing, invalid, draft, machine, review, published: that of its less "
            "advanced side) or its translation's (current, stale, never-synced).",
            show_default=False,
        ),
    ] = None,
    stale: Annotated[
        bool, typer.Option("--stale", help="Only stale translations (the same as --state stale).")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only articles dated on or after DATE (2023-04-02)."
        ),
    ] = None,
    fmt: Annotated[
        StatusFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="text|json",
            case_sensitive=False,
            help="Output: a table and summary (people) or a versioned JSON document (scripts).",
        ),
    ] = StatusFormat.text,
    jobs: JobsOption = 0,
    progress: ProgressOption = True,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Read check's findings from the result cache (.bilingual/cache.sqlite) and "
            "keep new ones there; --no-cache checks every pair and keeps nothing.",
        ),
    ] = True,
) -> None:
    """Show every article: the state of each side, its translation's sync, check's findings.

    One row per article, newest first: date, slug, title, category, the state of each side
    (missing, invalid, draft, machine, review or published: front matter 'status', default
    published), whether the translation is in sync with its original (current, stale, or never
    synced: no translated_from yet), and check's errors and warnings. Under it, a summary:
    articles per state, sync state and category, and the shares translated and clean. Findings
    come through check's result cache: right after 'bilingual check', nothing is checked again.

    Examples:

    \b
      bilingual status                       # every article
      bilingual status --stale               # translations whose original changed
      bilingual status --state draft,review --category campus-events
      bilingual status --since 2023-05-01 --format json

    Exit codes: 0 the board was shown (whatever check found: see 'bilingual check'); 2 usage
    error (an unknown state, a date that is not ISO), invalid bilingual.yaml or glossary, or a
    content root that cannot be read.
    """
    with errors_handled(ctx):
        from bilingual.status import board as status_board
        from bilingual.status import json as status_json
        from bilingual.status import text as status_text

        content_root, config = load(root)
        filters = status_board.Filters.parse(category or (), state or (), since, stale=stale)
        with progress_bar(progress) as stage:
            board = status_board.collect(
                content_root,
                config,
                filters,
                warn=lambda message: err(f"warning: {message}"),
                cache=cache,
                jobs=jobs or None,
                progress=stage,
            )
        with stdout() as out:
            if fmt is StatusFormat.json:
                status_json.write(out, board)
            else:
                status_text.write(out, board, color=use_color(), width=width())
