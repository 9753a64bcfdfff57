"""The command line: a thin typer layer over the library (one module per command group).

Only typer is imported at start-up; each command imports the library parts it needs, so
``bilingual --help`` stays fast. For the same reason the command modules do not use ``from
__future__ import annotations`` (unlike the rest of the package): typer reads every command's
signature at each start, and string annotations cost it four ``eval`` passes per parameter
(29 ms of a 100 ms ``--help`` with fifteen commands; 6 ms without). Names imported only for
type checking are quoted in the helpers' signatures instead.
"""

from typing import Annotated

import typer

from bilingual import __version__
from bilingual.cli import bundle as _bundle
from bilingual.cli import cache as _cache
from bilingual.cli import check as _check
from bilingual.cli import checks as _checks
from bilingual.cli import glossary as _glossary
from bilingual.cli import locales as _locales
from bilingual.cli import new as _new
from bilingual.cli import preview as _preview
from bilingual.cli import stale as _stale
from bilingual.cli import status as _status
from bilingual.cli import tm as _tm
from bilingual.cli import translate as _translate

HELP = """Check, preview and publish Chinese/English article pairs.

Each article is a folder articles/<slug>/ holding zh.md and en.md. Commands find the content
root (the folder holding articles/) from the current directory upwards, or take --root.

Examples:

\b
  bilingual check                    # check every article
  bilingual status                   # every article's state, sync and findings
  bilingual new SLUG --title-zh ... --title-en ... --category KEY
  bilingual explain S101             # what a check means
  bilingual preview SLUG             # an article's two sides, side by side
  bilingual diff SLUG                # what changed in an original since its translation
  bilingual translate SLUG           # a machine draft of the missing side
  bilingual --install-completion     # shell completion

Exit codes: 0 success; 1 check found errors (or warnings with --strict), diff found the
translation stale, bundle --strict refused; 2 usage error, bad configuration or unreadable
content root; 3-7 translate's service errors (unreachable, timeout, key, rate limit, malformed
reply: see bilingual translate --help).
"""

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilingual {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error, not one line.")
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


app.command("check")(_check.check)
app.command("checks")(_checks.list_checks)
app.command("explain")(_checks.explain)
app.command("preview")(_preview.preview)
app.command("sync")(_stale.sync)
app.command("diff")(_stale.diff)
app.command("status")(_status.status)
app.command("new")(_new.new)
app.command("translate")(_translate.translate)
app.add_typer(_glossary.app, name="glossary")
app.add_typer(_cache.app, name="cache")
app.add_typer(_bundle.app, name="bundle")
app.add_typer(_locales.app, name="locales")
app.add_typer(_tm.app, name="tm")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="bilingual")
