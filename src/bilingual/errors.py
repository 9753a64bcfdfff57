"""The exception hierarchy: every error the library raises on purpose.

The library never prints. Each error carries what went wrong, where (a path and, when known, a
line) and a hint; the CLI turns it into ``error: ... (path:line)`` plus ``hint: ...`` on stderr.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

#: Exit code for usage errors, bad configuration and unreadable content roots.
EXIT_USAGE = 2


class BilingualError(Exception):
    """Base class: a problem the user can act on, with a location and a hint."""

    exit_code: int = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    @property
    def where(self) -> str | None:
        """``path:line`` (or just the path) when the error has a location; a path under the
        current folder is named from it, as the other commands' reports name files."""
        if self.path is None:
            return None
        path = self.path
        if path.is_absolute():
            with contextlib.suppress(ValueError, OSError):  # outside it, or the folder is gone
                path = path.relative_to(Path.cwd())
        return f"{path}:{self.line}" if self.line else str(path)

    def __str__(self) -> str:
        where = self.where
        return f"{self.message} ({where})" if where else self.message


class UsageError(BilingualError):
    """The command line asked for something that does not exist or does not fit."""


class UnknownCheckError(UsageError):
    """A check code or slug that is not registered."""


class RootError(BilingualError):
    """No content root could be found, or it cannot be read."""


class ConfigError(BilingualError):
    """``bilingual.yaml`` is unreadable or invalid; ``problems`` lists every problem found."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, path=path, line=line, hint=hint)
        self.problems = problems


class SourceError(BilingualError):
    """An article source file that cannot be read, decoded or parsed."""


class StaleFileError(SourceError):
    """The file changed on disk between reading and writing it."""


class BundleError(BilingualError):
    """A bundle cannot be built or written: a template, catalog or output folder problem."""


class BundleRefused(BilingualError):
    """``bundle --strict`` found errors (check findings or broken links) and built nothing;
    ``problems`` lists them."""

    exit_code = 1

    def __init__(
        self, message: str, *, problems: tuple[str, ...] = (), hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems
