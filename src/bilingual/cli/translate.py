"""``bilingual translate``: a machine draft of an article's missing side."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, use_color, width, write


def translate(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None,
        typer.Argument(metavar="SLUG...", help="The articles to draft.", show_default=False),
    ] = None,
    all_missing: Annotated[
        bool, typer.Option("--all-missing", help="Draft every article that lacks a side.")
    ] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="en|zh",
            help="The side to draft. Default: the missing side, else the translation.",
            show_default=False,
        ),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option(
            "--provider",
            "-p",
            metavar="NAME",
            help="google, deepl, microsoft, mymemory or libre. Default: bilingual.yaml's "
            "translate.provider, else google.",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="The service's address (an office's own LibreTranslate server).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent and how many characters.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace a side that exists, keeping it as <lang>.md.<time>.bak."
        ),
    ] = False,
    memory: Annotated[
        bool,
        typer.Option(
            "--memory/--no-memory",
            help="Use the translation memory (.bilingual/memory.sqlite); --no-memory sends "
            "every unit to the service and keeps nothing.",
        ),
    ] = True,
    root: RootOption = None,
) -> None:
    """Draft an article's missing side by machine translation, then check it.

    Translates block by block, keeping the Markdown (headings, list markers, emphasis, links
    and their targets, images, code and HTML comments) and the glossary's preferred renderings;
    the draft gets status: machine, translated_by and translated_from. Units the translation
    memory holds are not sent. API keys come from LIBRE_API_KEY, DEEPL_API_KEY or
    MICROSOFT_API_KEY, or bilingual.yaml (translate.providers.NAME.api_key), never from the
    command line. Nothing is written when the service fails part-way.

    Examples:

    \b
      bilingual translate 2023-campus-open-day              # Google, the missing side
      bilingual translate 2023-campus-open-day --dry-run    # what would be sent, in characters
      bilingual translate --all-missing --provider deepl
      bilingual translate SLUG --provider libre --base-url https://mt.example.org/
      bilingual translate SLUG --to zh --force --no-memory

    Exit codes: 0 drafted (findings are shown, not failed on); 2 usage error (an unknown
    article or provider, a side that exists without --force, invalid bilingual.yaml); 3 the
    service cannot be reached (offline, server down, HTTP 5xx); 4 timeout; 5 no key or the key
    was refused; 6 rate limit (HTTP 429); 7 a malformed reply.
    """
    with errors_handled(ctx):
        from bilingual.translate.report import render
        from bilingual.translate.run import Options
        from bilingual.translate.run import translate as run

        content_root, config = load(root)
        options = Options(
            tuple(slugs or ()), all_missing, to, provider, base_url, dry_run, force, memory
        )
        with _bar() as stage:
            outcome = run(content_root, config, options, lambda m: err(f"warning: {m}"), stage)
        write(render(outcome, content_root, color=use_color(), width=width()))


@contextmanager
def _bar() -> Iterator[Callable[[int], Callable[[int], None]]]:
    """A transient progress bar on stderr (on a terminal): each unit is a request."""
    if not sys.stderr.isatty():
        yield lambda _total: lambda _n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:

        def stage(total: int) -> Callable[[int], None]:
            task = bar.add_task("translating", total=total)
            return lambda n: bar.advance(task, n)

        yield stage
