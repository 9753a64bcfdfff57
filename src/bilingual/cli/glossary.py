"""``bilingual glossary``: list, show, add, edit, remove and lint the term base."""

from pathlib import Path
from typing import Annotated

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, write

app = typer.Typer(
    help="""Manage the glossary (glossary.yaml) that check enforces.

Edits keep the file's comments and other entries byte for byte, hold a lock, and write
atomically.

Examples:

\b
  bilingual glossary list --search 张江
  bilingual glossary show SJTU
  bilingual glossary add 思源图书馆 "Siyuan Library" --variant Siyuan
  bilingual glossary lint
  bilingual glossary export --format tbx --output glossary.tbx
  bilingual glossary import omegat/glossary.txt
""",
    no_args_is_help=True,
    rich_markup_mode=None,
)

Variants = Annotated[
    list[str] | None,
    typer.Option("--variant", "-v", metavar="TEXT", help="An acceptable rendering; repeatable."),
]
Forbidden = Annotated[
    list[str] | None,
    typer.Option("--forbidden", "-x", metavar="TEXT", help="A forbidden rendering; repeatable."),
]
Note = Annotated[str | None, typer.Option("--note", help="A note for translators.")]


def _path(root: object) -> tuple[object, object]:
    content_root, config = load(root)  # type: ignore[arg-type]
    return content_root, content_root / config.glossary  # type: ignore[operator]


@app.command("list")
def list_terms(
    ctx: typer.Context,
    root: RootOption = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only terms containing this.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="text|json|csv|tsv|tbx", help="Output format.")
    ] = "text",
) -> None:
    """List the glossary's terms.

    Examples:

    \b
      bilingual glossary list
      bilingual glossary list --search 张江 --format json
    """
    with errors_handled(ctx):
        from bilingual.glossary.exchange import render_terms
        from bilingual.glossary.store import load_glossary

        content_root, config = load(root)
        glossary = load_glossary(content_root, config.glossary)
        terms = glossary.terms if glossary else ()
        if search:
            needle = search.lower()
            terms = tuple(
                t
                for t in terms
                if needle in " ".join((t.zh, *t.allowed, *t.forbidden, t.note)).lower()
            )
        write(render_terms(terms, fmt))


@app.command("show")
def show(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(metavar="TERM", help="The term, in zh or en.")],
    root: RootOption = None,
) -> None:
    """Show one term and where it is used across the articles.

    Examples:

    \b
      bilingual glossary show 上海交通大学
      bilingual glossary show SJTU
    """
    with errors_handled(ctx):
        from bilingual.glossary.edit import find
        from bilingual.glossary.store import load_glossary
        from bilingual.glossary.usage import describe

        content_root, config = load(root)
        glossary = load_glossary(content_root, config.glossary)
        if glossary is None:
            from bilingual.errors import UsageError

            raise UsageError(
                "this content root has no glossary",
                hint="'bilingual glossary add ZH EN' starts one",
            )
        write(describe(content_root, glossary, find(glossary, term, forbidden=True)))


@app.command("add")
def add(
    ctx: typer.Context,
    zh: Annotated[str, typer.Argument(metavar="ZH", help="The Chinese term.")],
    en: Annotated[str, typer.Argument(metavar="EN", help="Its preferred English rendering.")],
    variant: Variants = None,
    forbidden: Forbidden = None,
    note: Note = None,
    root: RootOption = None,
) -> None:
    """Add a term; the file's comments and other entries are kept byte for byte.

    Examples:

    \b
      bilingual glossary add 思源图书馆 "Siyuan Library" --variant Siyuan
      bilingual glossary add 思源湖 "Siyuan Lake" -x "Si Yuan Lake"
    """
    with errors_handled(ctx):
        from bilingual.glossary.edit import add_term
        from bilingual.glossary.model import Term

        _, path = _path(root)
        term = Term(
            zh.strip(), en.strip(), tuple(variant or ()), tuple(forbidden or ()), note or ""
        )
        add_term(path, term)  # type: ignore[arg-type]
        write(f"added {term.zh} = {term.en}\n")


@app.command("edit")
def edit(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(metavar="TERM", help="The term, in zh or en.")],
    en: Annotated[str | None, typer.Option("--en", help="A new preferred rendering.")] = None,
    variant: Variants = None,
    forbidden: Forbidden = None,
    note: Note = None,
    root: RootOption = None,
) -> None:
    """Change a term in place (the options given replace those fields).

    Examples:

    \b
      bilingual glossary edit 张江科学城 --forbidden "Zhangjiang Sci-Tech City"
      bilingual glossary edit SJTU --note "official English name"
    """
    with errors_handled(ctx):
        from bilingual.glossary.edit import update_term

        _, path = _path(root)
        if en is None and not variant and not forbidden and note is None:
            from bilingual.errors import UsageError

            raise UsageError(
                "nothing to change", hint="give --en, --variant, --forbidden or --note"
            )
        updated, changed = update_term(
            path,
            term,
            en=en,
            variants=tuple(variant) if variant else None,  # type: ignore[arg-type]
            forbidden=tuple(forbidden) if forbidden else None,
            note=note,
        )
        write(f"edited {updated.zh} = {updated.en}\n" if changed else f"{updated.zh}: no change\n")


@app.command("remove")
def remove(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(metavar="TERM", help="The term, in zh or en.")],
    root: RootOption = None,
) -> None:
    """Remove a term.

    Examples:

    \b
      bilingual glossary remove 思源图书馆
    """
    with errors_handled(ctx):
        from bilingual.glossary.edit import remove_term

        _, path = _path(root)
        removed = remove_term(path, term)  # type: ignore[arg-type]
        write(f"removed {removed.zh} = {removed.en}\n")


@app.command("lint")
def lint_command(ctx: typer.Context, root: RootOption = None) -> None:
    """Report duplicates, conflicting renderings and empty fields; exit 1 if any.

    Notes (not problems) say how a forbidden rendering that differs from an allowed one only in
    case is matched.

    Examples:

    \b
      bilingual glossary lint
    """
    with errors_handled(ctx):
        from bilingual.glossary.lint import lint, notes
        from bilingual.glossary.store import load_glossary

        content_root, config = load(root)
        glossary = load_glossary(content_root, config.glossary)
        problems = lint(glossary) if glossary else []
        remarks = notes(glossary) if glossary else []
        write("".join(f"{line}\n" for line in [*problems, *remarks]))
        if not problems:
            write("no problems found\n")
    if problems:
        raise typer.Exit(1)


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="tbx|csv|tsv", help="Exchange format.")
    ] = "tbx",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite FILE if it already exists.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Export the glossary as TBX (TBX-Basic), CSV, or OmegaT's tab-separated glossary.

    The file is written atomically; an existing FILE is only replaced with --force.

    Examples:

    \b
      bilingual glossary export > glossary.tbx
      bilingual glossary export --format csv --output terms.csv
      bilingual glossary export --format tsv -o omegat/glossary/glossary.txt --force
    """
    with errors_handled(ctx):
        from bilingual.errors import UsageError
        from bilingual.fsutil import atomic_write
        from bilingual.glossary.exchange import format_of, render_terms
        from bilingual.glossary.store import load_glossary

        content_root, config = load(root)
        glossary = load_glossary(content_root, config.glossary)
        text = render_terms(glossary.terms if glossary else (), format_of(Path(), fmt.lower()))
        if output is None or str(output) == "-":
            write(text)
            return
        if output.is_dir():
            raise UsageError("this is a folder; give a file name", path=output)
        if output.exists() and not force:
            raise UsageError(
                "the file already exists", path=output, hint="pass --force to replace it"
            )
        if not output.parent.is_dir():
            raise UsageError("no such folder", path=output.parent)
        atomic_write(output, text)
        count = len(glossary.terms) if glossary else 0
        err(f"exported {count} terms to {output}")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .tbx, .csv or .tsv file.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="tbx|csv|tsv", help="The file's format (default: by suffix)."
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite entries that conflict.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Merge terms from a TBX, CSV or TSV file into the glossary.

    New terms are appended; a term already there with other renderings is reported and left
    alone unless --replace. The whole file is read before anything is written, in one locked,
    atomic edit. Exit 1 when conflicts were left alone.

    Examples:

    \b
      bilingual glossary import terms.tbx
      bilingual glossary import omegat/glossary.txt --format tsv
      bilingual glossary import terms.csv --replace
    """
    with errors_handled(ctx):
        from bilingual.glossary.edit import differences, import_terms
        from bilingual.glossary.exchange import read_fields, read_terms

        _, path = _path(root)
        fmt = fmt.lower() if fmt else None
        terms, warnings = read_terms(file, fmt)
        for warning in warnings:
            err(f"warning: {file}: {warning}")
        merge = import_terms(  # type: ignore[arg-type]
            path, terms, replace=replace, fields=read_fields(file, fmt)
        )
        for ours, theirs in merge.conflicts:
            err(f"conflict: {ours.zh}: {differences(ours, theirs, file.name)}")
        for first, later in merge.duplicates:
            lines = f" (lines {first.line} and {later.line})" if first.line and later.line else ""
            err(f"warning: {file}: {first.zh} is given twice{lines}; the first is used")
        write(
            f"imported {file}: {len(merge.added)} added, {len(merge.replaced)} replaced, "
            f"{len(merge.unchanged)} already there, {len(merge.conflicts)} conflicts"
            + (" left alone (--replace overwrites them)" if merge.conflicts else "")
            + "\n"
        )
    if merge.conflicts:
        raise typer.Exit(1)
