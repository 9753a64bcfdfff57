"""``bilingual check``: align each pair and report what has drifted apart."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.cli.common import (
    Format,
    JobsOption,
    ProgressOption,
    RootOption,
    err,
    errors_handled,
    load,
    names,
    stdout,
    use_color,
    width,
    workspace_prefix,
    write,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from bilingual.cache import ResultCache
    from bilingual.engine import Checked, Plan

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
            metavar="text|json|github|sarif",
            case_sensitive=False,
            help="Report format: text (people), json (scripts), github (Actions annotations), "
            "sarif (code-scanning dashboards).",
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
    jobs: JobsOption = 0,
    progress: ProgressOption = True,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Replace forbidden renderings (forbidden-variant) with the glossary's preferred "
            "one, print the diff, then report what is left.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print the diff --fix would apply; write nothing."),
    ] = False,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Reuse the findings of pairs unchanged since the last run "
            "(.bilingual/cache.sqlite); --no-cache checks every pair and keeps nothing.",
        ),
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
      bilingual check --format sarif > bilingual.sarif   # for code scanning
      bilingual check --fix               # replace forbidden renderings, show the diff
      bilingual check --no-cache          # check every pair again, keep nothing

    Exit codes: 0 no errors, 1 errors found (warnings too with --strict), 2 usage error, invalid
    bilingual.yaml, or a content root that cannot be read.
    """
    with errors_handled(ctx):
        from bilingual.engine import Stream, make_plan
        from bilingual.glossary.store import load_glossary
        from bilingual.parse.discover import article_folders
        from bilingual.report import write as report

        content_root, config = load(root, paths or ())
        glossary = load_glossary(content_root, config.glossary)
        plan = make_plan(config, names(select), names(ignore), glossary)
        folders = article_folders(content_root, paths or ())
        results = _open_cache(content_root, plan) if cache else None
        every = not paths  # all the root's articles: the cache may forget any other
        try:
            checked: Iterable[Checked] | None = None
            if (fix or diff) and plan.glossary is not None and "G102" in plan.codes:
                # Only pairs with a forbidden rendering are read again, and the run repeated
                # only when a file was written, so --fix costs nothing on a clean tree.
                checked = list(_pairs(content_root, folders, plan, jobs, progress, results, every))
                slugs = {f.article for c in checked for f in c.findings if f.code == "G102"}
                to_fix = [folder for folder in folders if folder.name in slugs]
                if _fix(content_root, to_fix, plan, fmt, write_files=fix and not diff):
                    checked = None
            elif fix or diff:
                err("nothing to fix: --fix needs a glossary and the forbidden-variant check (G102)")
            if checked is None:
                checked = _pairs(content_root, folders, plan, jobs, progress, results, every)
            stream = Stream(iter(checked))
            with stdout() as out:
                report(
                    fmt.value,
                    out,
                    stream.findings(),
                    stream.summary,
                    color=use_color(),
                    width=width(),
                    prefix=workspace_prefix(content_root),
                )
        finally:
            if results is not None:
                results.close()
        summary = stream.summary()
    if summary.errors or (strict and summary.warnings):
        raise typer.Exit(EXIT_FINDINGS)


def _pairs(
    root: Path,
    folders: list[Path],
    plan: "Plan",
    jobs: int,
    progress: bool,
    cache: "ResultCache | None",
    complete: bool,
) -> "Iterator[Checked]":
    """Each pair's result in turn, with a progress bar on a terminal for long runs."""
    from bilingual.engine import check_pairs

    if not (progress and sys.stderr.isatty() and len(folders) >= PROGRESS_FROM):
        yield from check_pairs(
            root, folders, plan, jobs=jobs or None, cache=cache, complete=complete
        )
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=len(folders))
        yield from check_pairs(
            root,
            folders,
            plan,
            jobs=jobs or None,
            cache=cache,
            progress=lambda n: bar.advance(task, n),
            complete=complete,
        )


def _open_cache(root: Path, plan: "Plan") -> "ResultCache | None":
    from bilingual.cache import open_cache
    from bilingual.engine import cache_key

    return open_cache(root, cache_key(plan), lambda message: err(f"warning: {message}"))


def _fix(root: Path, folders: list[Path], plan: "Plan", fmt: Format, *, write_files: bool) -> bool:
    """Fix (or with ``write_files`` false, only show) forbidden renderings; whether any file
    was written. The diff goes to stdout with the text report, else to stderr, so JSON, GitHub
    and SARIF output stay parseable."""
    from bilingual.errors import SourceError
    from bilingual.fix import apply, fixes_for

    assert plan.glossary is not None
    out = write if fmt is Format.text else err
    written = changes = 0
    fixes, refused = fixes_for(root, folders, plan.glossary)
    for problem in refused:
        err(f"warning: not fixed: {problem}")
    for fix in fixes:
        out(fix.diff() if fmt is Format.text else fix.diff().rstrip("\n"))
        if not write_files:
            continue
        try:
            apply(fix)
        except SourceError as exc:
            err(f"warning: {exc}")
            continue
        written += 1
        changes += len(fix.changes)
    if write_files:
        err(
            f"fixed {changes} forbidden rendering{'s' * (changes != 1)} in {written} file"
            f"{'s' * (written != 1)}"
        )
    return written > 0
