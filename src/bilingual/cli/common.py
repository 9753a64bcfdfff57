"""What every command shares: option definitions, the one error handler, output helpers."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

if TYPE_CHECKING:
    from bilingual.config import Config


class Format(StrEnum):
    """Report formats."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        metavar="DIR",
        envvar="BILINGUAL_ROOT",
        help="Content root (the folder holding articles/). Default: found from the current "
        "directory upwards.",
        show_default=False,
    ),
]


JobsOption = Annotated[
    int,
    typer.Option("--jobs", "-j", min=0, metavar="N", help="Worker processes (0: one per core)."),
]
ProgressOption = Annotated[
    bool, typer.Option("--progress/--no-progress", help="Show a progress bar on a terminal.")
]


def err(message: str) -> None:
    """Write a line to stderr."""
    typer.echo(message, err=True)


@contextmanager
def errors_handled(ctx: typer.Context | None = None) -> Iterator[None]:
    """Turn library errors into ``error: ...`` / ``hint: ...`` on stderr and their exit code."""
    from bilingual.errors import BilingualError

    debug = bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("debug"))
    try:
        yield
    except BilingualError as exc:
        if debug:
            traceback.print_exc()
            raise typer.Exit(exc.exit_code) from None
        err(f"error: {exc}")
        problems = getattr(exc, "problems", ())
        # One problem the message says already (its line is in the location): not again.
        said = problems and problems[0].rsplit(" (line ", 1)[0] in exc.message
        if len(problems) > 1 or (problems and not said):
            for problem in problems:
                err(f"  - {problem}")
        if exc.hint:
            err(f"hint: {exc.hint}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        err("interrupted")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: still one line and exit 2, as ruff does on a panic
        if debug:
            traceback.print_exc()
            raise typer.Exit(2) from None
        err(f"error: internal error: {type(exc).__name__}: {exc}")
        err("hint: run again with --debug for the traceback, and report it")
        raise typer.Exit(2) from None


def load(root: Path | None, paths: Sequence[Path] = ()) -> tuple[Path, Config]:
    """Find the content root (``--root``, else upwards from the first path given, else from
    the current directory) and read its configuration."""
    from bilingual.config import load_config
    from bilingual.parse.discover import find_root

    if root is None and paths:
        first = paths[0].resolve()
        found = find_root(start=first if first.is_dir() else first.parent)
    else:
        found = find_root(explicit=root)
    return found, load_config(found)


def names(values: Sequence[str] | None) -> list[str]:
    """Check names from repeated options, each of which may be a comma-separated list."""
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


def use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def width() -> int:
    """The terminal's width, or 100 when not on a terminal."""
    if sys.stdout.isatty():
        columns = os.get_terminal_size().columns
        return max(40, columns) if columns else 100  # some CI terminals report 0
    try:
        return max(40, int(os.environ.get("COLUMNS", "100")))
    except ValueError:
        return 100


def write(text: str) -> None:
    """Write a report to stdout, tolerating a closed pipe (``| head``)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@contextmanager
def stdout() -> Iterator[TextIO]:
    """Standard output for a streamed report, tolerating a closed pipe (``| head``): the
    report stops there and the command ends as usual."""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def workspace_prefix(root: Path) -> str:
    """The content root's path from the repository root (``GITHUB_WORKSPACE``, else the current
    directory), with a trailing ``/``, so annotations name files GitHub knows; empty when the
    content root is that folder or outside it."""
    base = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()
    try:
        relative = root.resolve().relative_to(base).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"


#: Show a progress bar from this many articles on (on a terminal), as check does.
PROGRESS_FROM = 200


class _Bar:
    """One transient rich progress bar on stderr, made on the first stage long enough for it
    and reused by the stages after it."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.progress: Any = None
        self.task: Any = None

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        """Start stage ``name`` of ``total`` steps; what to call with each step done."""
        if self.progress is None:
            if not (self.enabled and total >= PROGRESS_FROM):
                return lambda _steps: None
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(name, total=total)
        else:
            self.progress.reset(self.task, total=total, description=name)
        return lambda steps: self.progress.advance(self.task, steps)


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[str, int], Callable[[int], None]]]:
    """A progress reporter for a library call that works in stages (``stage(name, total)``
    returns what to call with each step done): one transient bar on stderr, shown only on a
    terminal and for stages of ``PROGRESS_FROM`` steps or more, as check shows its own."""
    bar = _Bar(enabled)
    try:
        yield bar.stage
    finally:
        if bar.progress is not None:
            bar.progress.stop()
