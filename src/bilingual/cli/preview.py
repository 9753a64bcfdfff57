"""``bilingual preview``: one article's two sides side by side, as ``check`` aligns them."""

from enum import StrEnum
from typing import Annotated

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, use_color, width


class Side(StrEnum):
    """The sides of a pair."""

    zh = "zh"
    en = "en"


def preview(
    ctx: typer.Context,
    slug: Annotated[
        str,
        typer.Argument(
            metavar="SLUG", help="The article: its slug, or its folder or one of its files."
        ),
    ],
    root: RootOption = None,
    side: Annotated[
        Side | None,
        typer.Option(
            "--side",
            metavar="zh|en",
            case_sensitive=False,
            help="Render that side alone as Markdown.",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=40,
            metavar="N",
            help="Columns to draw in (default: the terminal's). Under 100 the sides are stacked.",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text (also when NO_COLOR is set).")
    ] = False,
    pager: Annotated[bool, typer.Option("--pager", help="Page the output ($PAGER).")] = False,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Draw again whenever zh.md or en.md changes; Ctrl-C ends."),
    ] = False,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Read the findings from the result cache (.bilingual/cache.sqlite).",
        ),
    ] = True,
) -> None:
    """Preview an article: its two sides block by block, as check aligns them.

    Each row holds a Chinese block and the English that translates it, with their line
    numbers; a block with no counterpart stands against an empty, marked cell. Glossary terms
    are highlighted and each finding of check is shown under its block in its severity's
    colour. The header shows each side's front matter and whether the translation is in sync
    with its original.

    Examples:

    \b
      bilingual preview 2023-pujiang-innovation-forum
      bilingual preview pujiang                 # unknown: names the closest slugs
      bilingual preview articles/2023-campus-open-day/ --pager
      bilingual preview 2023-campus-open-day --side en
      bilingual preview 2023-campus-open-day --watch   # while the translator edits

    Exit codes: 0 shown, 2 unknown article, a file that cannot be read or parsed, or a usage
    error.
    """
    with errors_handled(ctx):
        from bilingual.preview.show import Options, show

        content_root, _ = load(root)
        options = Options(
            side=side.value if side else None,
            width=columns or width(),
            color=use_color() and not no_color,
            pager=pager,
            watch=watch,
            cache=cache,
        )
        show(content_root, slug, options, warn=lambda message: err(f"warning: {message}"))
