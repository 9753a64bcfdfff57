"""``bilingual tm``: the translation memory's exchange with CAT tools (TMX, CSV)."""

from pathlib import Path
from typing import Annotated

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, write

app = typer.Typer(
    help="""Export the published articles as a translation memory, or import a CAT tool's.

The memory (.bilingual/memory.sqlite) feeds 'bilingual translate': the aligned blocks of
articles whose translation is in review or published (and not stale), TMX files imported
here, and the service's earlier answers. It is ignored by git and safe to delete.

Examples:

\b
  bilingual tm export --format tmx > newsroom.tmx
  bilingual tm export --format csv > newsroom.csv
  bilingual tm import agency.tmx
""",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="tmx|csv", help="TMX 1.4b or two-column CSV.")
    ] = "tmx",
    root: RootOption = None,
) -> None:
    """Write the aligned block pairs of published articles to stdout.

    One unit per pair of aligned blocks (a Chinese heading, paragraph or list item and the
    English one rendering it), as plain text: TMX 1.4b (zh-CN and en, the article's slug and
    date as the properties x-slug and x-date) or CSV with the columns zh and en.

    Examples:

    \b
      bilingual tm export > newsroom.tmx
      bilingual tm export --format csv > newsroom.csv

    Exit codes: 0 success; 2 an unknown format or no content root.
    """
    with errors_handled(ctx):
        from bilingual.engine import make_plan
        from bilingual.glossary.store import load_glossary
        from bilingual.translate.exchange import export as export_units

        content_root, config = load(root)
        plan = make_plan(config, glossary=load_glossary(content_root, config.glossary))
        write(export_units(content_root, fmt, plan))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.tmx", help="A TMX file (1.1 to 1.4b).")],
    root: RootOption = None,
) -> None:
    """Load a CAT tool's translation memory (its Chinese/English units) into the memory.

    Importing the same file again replaces what it brought before. translate then uses its
    units before asking the service (after the office's own reviewed articles).

    Examples:

    \b
      bilingual tm import agency.tmx

    Exit codes: 0 imported; 2 a file that cannot be read or is not TMX, or a memory that
    cannot be written.
    """
    with errors_handled(ctx):
        from bilingual.translate.exchange import import_tmx

        content_root, _ = load(root)
        count = import_tmx(content_root, file, lambda m: err(f"warning: {m}"))
        write(f"imported {count} unit{'s' * (count != 1)} from {file.name}\n")
