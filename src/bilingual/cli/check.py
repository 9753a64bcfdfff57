"""``bilingual check``: align each pair and report what has drifted apart."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from bilingual.cli.common import ROOT_OPTION, Format, errors_handled, load, use_color, width, write

EXIT_FINDINGS = 1


def check(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        None, help="The content root, article folders or single files. Default: every article.",
        show_default=False,
    ),
    root: Path | None = ROOT_OPTION,
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    select: list[str] = typer.Option(
        None, "--select", "-s", help="Run only this check (code or slug); repeatable.",
        show_default=False,
    ),
    ignore: list[str] = typer.Option(
        None, "--ignore", "-i", help="Skip this check (code or slug); repeatable.",
        show_default=False,
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes (0: one per core).", show_default=False
    ),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Show a progress bar on a terminal."
    ),
) -> None:
    """Check article pairs: alignment, structure, metadata, untranslated text and links.

    Aligns the zh and en blocks of each article and reports, with file and line on both sides,
    what has drifted apart. Run 'bilingual checks' for the list of checks.

    [bold]Examples[/bold]

      bilingual check                                  [dim]# every article[/dim]
      bilingual check articles/2023-pujiang-innovation-forum
      bilingual check --select structure-mismatch --format json
      bilingual check --ignore L101 --strict
      bilingual check --format github                  [dim]# annotations in GitHub Actions[/dim]

    Exit codes: 0 no errors, 1 errors found (warnings too with --strict), 2 usage error or a
    content root that cannot be read.
    """
    with errors_handled(ctx):
        from bilingual.engine import make_plan, run_checks
        from bilingual.parse.discover import article_folders
        from bilingual.report import render

        content_root, config = load(root)
        plan = make_plan(config, select or (), ignore or ())
        folders = article_folders(content_root, paths or ())
        show = progress and sys.stderr.isatty() and len(folders) >= 200
        if show:
            result = _with_progress(content_root, folders, plan, jobs)
        else:
            result = run_checks(content_root, folders, plan, jobs=jobs or None)
        summary = result.summary
        write(render(fmt.value, result.findings, summary, color=use_color(), width=width()))
    if summary.errors or (strict and summary.warnings):
        raise typer.Exit(EXIT_FINDINGS)


def _with_progress(root: Path, folders: list[Path], plan: object, jobs: int) -> object:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from bilingual.engine import run_checks

    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=len(folders))
        return run_checks(root, folders, plan, jobs=jobs or None,  # type: ignore[arg-type]
                          progress=lambda n: bar.advance(task, n))
