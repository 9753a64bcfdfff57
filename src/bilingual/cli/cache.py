"""``bilingual cache``: what the result cache holds, and clearing it."""

import json
from typing import Annotated

import typer

from bilingual.cli.common import RootOption, err, errors_handled, load, write

app = typer.Typer(
    help="""Inspect or clear the result cache (.bilingual/cache.sqlite).

check keeps each pair's findings there and reuses them while the pair's files, the tool, the
checks and settings and the glossary are unchanged. The folder is ignored by git and safe to
delete.

Examples:

\b
  bilingual cache info
  bilingual cache info --format json
  bilingual cache clear
""",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("info")
def info(
    ctx: typer.Context,
    root: RootOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="text|json", help="Output format.")
    ] = "text",
) -> None:
    """Show where the cache is, its size and how many pairs it holds.

    Examples:

    \b
      bilingual cache info
      bilingual cache info --format json

    Exit codes: 0 success; 2 no content root, or an unknown format.
    """
    with errors_handled(ctx):
        from bilingual.cache import info as cache_info
        from bilingual.errors import UsageError

        if fmt not in ("text", "json"):
            raise UsageError(f"unknown format {fmt!r}", hint="use text or json")
        content_root, _ = load(root)
        found = cache_info(content_root)
        if fmt == "json":
            write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
            return
        if not found["exists"]:
            write(f"{found['path']}: no cache yet (bilingual check makes it)\n")
            return
        lines = [f"{found['path']}: {found['bytes'] / 1024:.0f} KiB"]
        if "error" in found:
            lines.append(f"  unreadable: {found['error']} (the next check rebuilds it)")
        else:
            lines.append(
                f"  {found['pairs']} pairs, {found['rows']} results for {found['plans']} "
                f"plan{'s' * (found['plans'] != 1)} (schema {found['schema']})"
            )
        write("\n".join(lines) + "\n")


@app.command("clear")
def clear(ctx: typer.Context, root: RootOption = None) -> None:
    """Delete the cache; the next check checks every pair again.

    Examples:

    \b
      bilingual cache clear

    Exit codes: 0 success (also when there was no cache); 2 no content root.
    """
    with errors_handled(ctx):
        from bilingual.cache import cache_path
        from bilingual.cache import clear as cache_clear

        content_root, _ = load(root)
        if cache_clear(content_root):
            err(f"removed {cache_path(content_root)}")
        else:
            err(f"{cache_path(content_root)}: no cache to remove")
