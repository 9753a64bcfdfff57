"""``bilingual locales``: the gettext catalogs of the site's UI strings."""

from pathlib import Path

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, write

app = typer.Typer(
    help="""Manage the catalogs of the site's UI strings (locales/<lang>/LC_MESSAGES/messages.po).

Messages come from the templates (a content root's templates/ over the shipped ones) and from
the articles' category names. A content root's catalogs override the shipped ones entry by
entry, so it may hold only its own category names.

Examples:

\b
  bilingual locales extract     # locales/messages.pot from the templates and categories
  bilingual locales update      # bring each language's .po up to date with it
  bilingual locales compile     # .mo beside each .po (never committed)
  bilingual locales check       # exit 1 on an untranslated or fuzzy message
""",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _done(paths: list[Path], root: Path) -> None:
    for path in paths:
        write(f"wrote {path.relative_to(root).as_posix()}\n")


@app.command("extract")
def extract(ctx: typer.Context, root: RootOption = None) -> None:
    """Write locales/messages.pot: every template string and category name.

    Examples:

    \b
      bilingual locales extract
      bilingual locales extract --root ~/newsroom

    Exit codes: 0 written, 2 a template that cannot be read or a bad content root.
    """
    with errors_handled(ctx):
        from bilingual.i18n.manage import write_template

        content_root, config = load(root)
        _done([write_template(content_root, config)], content_root)


@app.command("update")
def update(ctx: typer.Context, root: RootOption = None) -> None:
    """Make or update each language's catalog: new messages untranslated, changed ones fuzzy.

    Examples:

    \b
      bilingual locales update      # then translate the empty msgstr lines
      bilingual locales check

    Exit codes: 0 written, 2 a broken catalog or template.
    """
    with errors_handled(ctx):
        from bilingual.i18n.manage import update as run

        content_root, config = load(root)
        _done(run(content_root, config), content_root)


@app.command("compile")
def compile_(ctx: typer.Context, root: RootOption = None) -> None:
    """Compile each language's .po into a .mo beside it.

    bundle reads the .po itself; the .mo is for other gettext tools (and the wheel, whose
    build compiles the shipped catalogs).

    Examples:

    \b
      bilingual locales compile

    Exit codes: 0 compiled, 2 a broken catalog.
    """
    with errors_handled(ctx):
        from bilingual.i18n.manage import compile_catalogs

        content_root, config = load(root)
        _done(compile_catalogs(content_root, config), content_root)


@app.command("check")
def check(ctx: typer.Context, root: RootOption = None) -> None:
    """Report messages a page would show untranslated: untranslated or fuzzy entries, and
    template strings or categories no catalog translates.

    Examples:

    \b
      bilingual locales check
      bilingual locales check --root ~/newsroom

    Exit codes: 0 every message translated, 1 some are not (listed), 2 a broken catalog.
    """
    with errors_handled(ctx):
        from bilingual.i18n.manage import check as run

        content_root, config = load(root)
        gaps = run(content_root, config)
    for gap in gaps:
        write(f"{gap}\n")
    if gaps:
        err(f"{len(gaps)} message(s) without a translation")
        raise typer.Exit(1)
    write("every message is translated\n")
