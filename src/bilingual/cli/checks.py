"""``bilingual checks`` and ``bilingual explain``: what each check does."""

from enum import StrEnum
from typing import Annotated

import typer

from bilingual.cli.common import errors_handled, write


class ListFormat(StrEnum):
    """Formats of the check list."""

    text = "text"
    json = "json"


def list_checks(
    ctx: typer.Context,
    fmt: Annotated[
        ListFormat,
        typer.Option(
            "--format", "-f", metavar="text|json", case_sensitive=False, help="Output format."
        ),
    ] = ListFormat.text,
) -> None:
    """List every check: code, slug, default severity and title.

    Examples:

    \b
      bilingual checks
      bilingual checks --format json
    """
    with errors_handled(ctx):
        from bilingual.checks import all_checks
        from bilingual.report.catalog import render_list

        write(render_list(all_checks(), fmt.value))


def explain(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="CHECK", help="A check code (S101) or slug (structure-mismatch)."),
    ],
) -> None:
    """Explain one check: what it does, why it matters, an example and the fix.

    Examples:

    \b
      bilingual explain S101
      bilingual explain untranslated
    """
    with errors_handled(ctx):
        from bilingual.checks import resolve
        from bilingual.report.catalog import explain as render_explanation

        write(render_explanation(resolve(name)))
