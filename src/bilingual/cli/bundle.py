"""``bilingual bundle``: render the bilingual site, and ``bundle verify`` a built one."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, write

if TYPE_CHECKING:
    from bilingual.bundle.build import Result
    from bilingual.bundle.links import BrokenLink

#: Show progress bars from this many articles on (on a terminal).
PROGRESS_FROM = 200


class ArchiveFormat(StrEnum):
    """Archive formats."""

    tar_gz = "tar.gz"
    zip = "zip"


app = typer.Typer(rich_markup_mode=None, subcommand_metavar="[verify DIR-or-ARCHIVE]")


@app.callback(invoke_without_command=True)
def bundle(
    ctx: typer.Context,
    root: RootOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="DIR", help="Output folder. Default: build/site in the root."
        ),
    ] = None,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="The site's public address, for absolute links (hreflang alternates, feeds).",
        ),
    ] = "",
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Build nothing when check reports errors (not warnings, which check "
            "--strict counts too) or a link is broken.",
        ),
    ] = False,
    drafts: Annotated[
        bool, typer.Option("--drafts", help="Render unpublished sides (status: draft) too.")
    ] = False,
    archive: Annotated[
        ArchiveFormat | None,
        typer.Option(
            "--archive",
            metavar="tar.gz|zip",
            help="Also write a reproducible archive beside the folder (DIR.tar.gz or DIR.zip).",
        ),
    ] = None,
    search: Annotated[
        bool,
        typer.Option(
            "--search/--no-search",
            help="A search page per language with a Pagefind index (the site's one script).",
        ),
    ] = True,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, metavar="N", help="Check and render processes (0: per core)."
        ),
    ] = 0,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="Render every page, not only what changed since the last build."
        ),
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show progress bars on a terminal.")
    ] = True,
) -> None:
    """Render the bilingual news site: one tree per language, ready to publish.

    Per language: a paginated index (newest first), a page per category and one per article at
    <lang>/<slug>/index.html, linked to its counterpart, and a search page with a Pagefind index
    of the articles; a root index.html sends readers to the default language. Every link is
    relative (the site works from a file:// path; search needs http), and the manifest.json
    and SHA256SUMS list every file with its checksum. The folder is built beside the old one
    and swapped in when complete; a folder holding files bilingual did not write is refused.
    A rebuild renders only the pages a change touches (the build record in .bilingual/ says
    what each page was made from) and takes the others from the old bundle, once their bytes
    are checked: the result is the same as --full gives. The search index is in shards of at
    most site.search_shard articles (bilingual.yaml; 1000): an edit indexes its article's
    shard again and keeps the others.

    Examples:

    \b
      bilingual bundle                               # into build/site
      bilingual bundle --out public --base-url https://news.example.edu.cn/
      bilingual bundle --strict --archive tar.gz     # refuse on check errors; site.tar.gz too
      bilingual bundle --no-search                   # no search pages, no script at all
      bilingual bundle --full --jobs 2               # render every page, in two processes
      bilingual bundle verify build/site             # recompute every checksum

    Exit codes: 0 built, 1 refused by --strict (check errors or broken links, listed), 2 usage
    error, bad template or catalog, or an output folder that cannot or must not be written.
    """
    if ctx.invoked_subcommand is not None:
        return
    with errors_handled(ctx):
        from bilingual.bundle.build import Options, build
        from bilingual.parse.discover import article_folders

        content_root, config = load(root)
        options = Options(
            out=out or content_root / "build" / "site",
            base_url=base_url,
            strict=strict,
            drafts=drafts,
            archive=archive.value if archive else None,
            jobs=jobs,
            search=search,
            full=full,
        )
        large = progress and sys.stderr.isatty()
        large = large and len(article_folders(content_root)) >= PROGRESS_FROM
        with _bars(large) as bars:
            result = build(
                content_root, config, options, progress=bars, warn=lambda m: err(f"warning: {m}")
            )
        _report(result)


def _broken(broken: "list[BrokenLink]") -> None:
    """One line per page, naming its first broken links (manifest.json lists them all)."""
    by_page: dict[str, list[str]] = {}
    for link in broken:
        by_page.setdefault(link.page, []).append(link.target)
    for page, targets in by_page.items():
        more = f" and {len(targets) - 3} more" if len(targets) > 3 else ""
        err(f"warning: {page}: {len(targets)} broken link(s): {', '.join(targets[:3])}{more}")


def _report(result: "Result") -> None:
    """Sides left out and broken links on stderr, what was written on stdout."""
    for skipped in result.skipped:
        err(f"note: left out {skipped}")
    _broken(result.broken)
    sides = ", ".join(f"{lang} {n}" for lang, n in result.articles.items())
    line = f"wrote {result.out}: {result.files} files, {result.pages} pages (articles: {sides})"
    if result.reused:
        line += f", {result.rendered} rendered, {result.reused} unchanged"
        if result.shards:
            line += f", {result.indexed} of {result.shards} search index shard(s) made"
    if result.summary is not None:
        s = result.summary
        line += f"; check: {s.errors} error(s), {s.warnings} warning(s)"
    if result.broken:
        line += f"; {len(result.broken)} broken link(s)"
    write(line + "\n")
    if result.archive is not None:
        write(f"wrote {result.archive}\n")


@contextmanager
def _bars(show: bool) -> Iterator[Callable[[str, int], Callable[[int], None]] | None]:
    """A progress bar per task on stderr, or None when not shown."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:

        def start(name: str, total: int) -> Callable[[int], None]:
            task = bar.add_task(name, total=total)
            return lambda n: bar.advance(task, n)

        yield start


@app.command("verify")
def verify(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="DIR-or-ARCHIVE", help="A bundle folder, .tar.gz or .zip.")
    ],
) -> None:
    """Recompute every checksum of a bundle and name any file changed, missing or extra.

    Examples:

    \b
      bilingual bundle verify build/site
      bilingual bundle verify site.tar.gz

    Exit codes: 0 every file matches SHA256SUMS and manifest.json, 1 a file differs, is
    missing or is not listed, 2 not a bundle or unreadable.
    """
    with errors_handled(ctx):
        from bilingual.bundle.manifest import verify as run

        result = run(path)
    for kind, names in (
        ("changed", result.changed),
        ("missing", result.missing),
        ("extra", result.extra),
    ):
        for name in names:
            write(f"{kind}: {name}\n")
    if not result.ok:
        raise typer.Exit(1)
    write(f"ok: {result.checked} files match\n")
