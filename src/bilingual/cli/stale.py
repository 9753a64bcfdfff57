"""``bilingual sync`` and ``bilingual diff``: stale translations, recorded and shown."""

from enum import StrEnum
from typing import Annotated

import typer

from bilingual.cli.common import RootOption, errors_handled, load, use_color, width, write

#: Exit code of ``sync --all`` with articles skipped, and of ``diff`` on a stale translation.
EXIT_NOT_DONE = 1


class TextOrJson(StrEnum):
    """The report formats of sync and diff."""

    text = "text"
    json = "json"


FormatOption = Annotated[
    TextOrJson,
    typer.Option(
        "--format",
        "-f",
        metavar="text|json",
        case_sensitive=False,
        help="Report format: text (people) or json (scripts).",
    ),
]
NoColor = Annotated[
    bool, typer.Option("--no-color", help="Plain text, even on a terminal (NO_COLOR works too).")
]


def sync(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SLUG", help="The articles to sync (slugs or folders).", show_default=False
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Sync every article; report those that cannot be.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Say what would be written; write nothing.")
    ] = False,
    root: RootOption = None,
    fmt: FormatOption = TextOrJson.text,
    no_color: NoColor = False,
) -> None:
    """Record that each translation matches its original as it is now.

    Writes 'translated_from: sha256:…' (the digest of the original's title, summary and body)
    into the translation's front matter, changing that one line and no other byte; the
    stale-translation check (A107) then reports when the original changes again, and
    'bilingual diff' shows what changed. Run it once the translation matches the original.

    Examples:

    \b
      bilingual sync 2023-pujiang-innovation-forum
      bilingual sync --all --dry-run          # what would be recorded
      bilingual sync --all --format json

    Exit codes: 0 every article synced or already current; 1 with --all, articles skipped (a
    side missing or unreadable, broken front matter); 2 usage error, or an article named that
    cannot be synced (nothing is written then).
    """
    with errors_handled(ctx):
        from bilingual.errors import UsageError
        from bilingual.parse.discover import article_folder, article_folders
        from bilingual.stale.render import sync_json, sync_text
        from bilingual.stale.sync import Action
        from bilingual.stale.sync import sync as run

        if bool(slugs) == every:
            raise UsageError(
                "name the articles to sync, or pass --all"
                if not slugs
                else "name articles or pass --all, not both",
                hint="bilingual sync SLUG... or bilingual sync --all",
            )
        content_root, config = load(root)
        folders = (
            article_folders(content_root)
            if every
            else [article_folder(content_root, s) for s in slugs or ()]
        )
        results = run(
            content_root,
            folders,
            dry_run=dry_run,
            keep_going=every,
            default_original=config.original,
        )
        if fmt is TextOrJson.json:
            write(sync_json(results, dry_run=dry_run))
        else:
            color = use_color() and not no_color
            write(sync_text(results, dry_run=dry_run, color=color, width=width()))
    if any(r.action is Action.SKIPPED for r in results):
        raise typer.Exit(EXIT_NOT_DONE)


def diff(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The article (slug or folder).")],
    root: RootOption = None,
    fmt: FormatOption = TextOrJson.text,
    no_color: NoColor = False,
) -> None:
    """Show what changed in an original since its translation was synced.

    In a git repository, finds the newest commit whose original has the digest the translation
    records ('bilingual sync' writes it) and shows the original's changes from there to the
    working tree block by block — title, summary, paragraphs changed, added and removed — each
    beside the translation's block to revise, with its file and line. Outside git it says that
    the original changed, and when each file was last modified.

    Examples:

    \b
      bilingual diff 2023-pujiang-innovation-forum
      bilingual diff 2023-pujiang-innovation-forum --format json

    Exit codes: 0 the translation is current (or was never synced: nothing is known); 1 it is
    stale; 2 usage error, an unknown article, a side missing or unreadable.
    """
    with errors_handled(ctx):
        from bilingual.glossary.store import load_glossary
        from bilingual.parse.discover import article_folder
        from bilingual.stale.diff import stale_diff
        from bilingual.stale.render_diff import diff_json, diff_text

        content_root, config = load(root)
        folder = article_folder(content_root, slug)
        glossary = load_glossary(content_root, config.glossary)
        report = stale_diff(content_root, folder, glossary, default_original=config.original)
        if fmt is TextOrJson.json:
            write(diff_json(report))
        else:
            color = use_color() and not no_color
            write(diff_text(report, color=color, width=width()))
    raise typer.Exit(report.exit_code)
