"""``bilingual checks`` and ``bilingual explain``: what each check does."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bilingual.cli.common import errors_handled, write


def list_checks(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List every check: code, slug, default severity and title.

    Examples:

    \b
      bilingual checks
      bilingual checks --format json
    """
    from bilingual.checks import all_checks

    checks = all_checks()
    if fmt == "json":
        rows = [
            {
                "code": c.code,
                "check": c.slug,
                "severity": c.severity.value,
                "category": c.category,
                "title": c.title,
            }
            for c in checks
        ]
        write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt != "text":
        typer.echo(f"error: unknown format {fmt!r} (text or json)", err=True)
        raise typer.Exit(2)
    width = max(len(c.slug) for c in checks)
    for c in checks:
        write(f"{c.code}  {c.slug:<{width}}  {c.severity.value:<7}  {c.title}\n")


def explain(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A check code (S101) or slug (structure-mismatch).")],
) -> None:
    """Explain one check: what it does, why it matters, an example and the fix.

    Examples:

    \b
      bilingual explain S101
      bilingual explain untranslated
    """
    with errors_handled(ctx):
        from bilingual.checks import resolve

        item = resolve(name)
        write(f"# {item.code} {item.slug} ({item.severity.value})\n\n{item.doc}\n")
