"""``bilingual check``: align each pair and report what has drifted apart."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.cli.common import (
    Format,
    RootOption,
    errors_handled,
    load,
    names,
    use_color,
    width,
    workspace_prefix,
    write,
)

if TYPE_CHECKING:
    from bilingual.engine import CheckResult, Plan

EXIT_FINDINGS = 1
#: Show a progress bar from this many articles on (on a terminal).
PROGRESS_FROM = 200


def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="The content root, article folders or single files. Default: every article.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="text|json|github",
            case_sensitive=False,
            help="Report format.",
        ),
    ] = Format.text,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            "-s",
            metavar="CHECK",
            help="Run only these checks (codes or slugs, comma-separated or repeated).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            "-i",
            metavar="CHECK",
            help="Skip these checks (codes or slugs, comma-separated or repeated).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, metavar="N", help="Worker processes (0: one per core)."
        ),
    ] = 0,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar on a terminal.")
    ] = True,
) -> None:
    """Check article pairs: alignment, structure, metadata, untranslated text and links.

    Aligns the zh and en blocks of each article and reports, with file and line on both sides,
    what has drifted apart. Run 'bilingual checks' for the list of checks.

    Examples:

    \b
      bilingual check                     # every article
      bilingual check articles/2023-pujiang-innovation-forum
      bilingual check --select structure-mismatch --format json
      bilingual check --ignore L101 --strict
      bilingual check --format github     # annotations in GitHub Actions

    Exit codes: 0 no errors, 1 errors found (warnings too with --strict), 2 usage error or a
    content root that cannot be read.
    """
    with errors_handled(ctx):
        from bilingual.engine import make_plan, run_checks
        from bilingual.glossary.store import load_glossary
        from bilingual.parse.discover import article_folders
        from bilingual.report import render

        content_root, config = load(root, paths or ())
        glossary = load_glossary(content_root, config.glossary)
        plan = make_plan(config, names(select), names(ignore), glossary)
        folders = article_folders(content_root, paths or ())
        if progress and sys.stderr.isatty() and len(folders) >= PROGRESS_FROM:
            result = _with_progress(content_root, folders, plan, jobs)
        else:
            result = run_checks(content_root, folders, plan, jobs=jobs or None)
        summary = result.summary
        write(
            render(
                fmt.value,
                result.findings,
                summary,
                color=use_color(),
                width=width(),
                prefix=workspace_prefix(content_root),
            )
        )
    if summary.errors or (strict and summary.warnings):
        raise typer.Exit(EXIT_FINDINGS)


def _with_progress(root: Path, folders: list[Path], plan: Plan, jobs: int) -> CheckResult:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from bilingual.engine import run_checks

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=len(folders))
        return run_checks(
            root, folders, plan, jobs=jobs or None, progress=lambda n: bar.advance(task, n)
        )
