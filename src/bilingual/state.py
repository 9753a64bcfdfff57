"""The tool's own state in a content root: one folder, ``.bilingual/``, safe to delete.

The result cache lives there now; the translation memory and build records will too. The folder
holds a ``.gitignore`` of ``*``, as pytest's and mypy's caches do, so that it stays out of the
office's repository without anyone editing theirs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bilingual.fsutil import atomic_write

STATE = ".bilingual"
_IGNORE = "# The tool's own state (cache, build records): safe to delete, never committed.\n*\n"


def state_dir(root: Path, *, create: bool = True) -> Path:
    """``root/.bilingual``, made (with its ``.gitignore``) when ``create`` and missing.

    Raises ``OSError`` when it cannot be made (a read-only checkout): callers go on without it.
    """
    folder = root / STATE
    if create and not folder.is_dir():
        with contextlib.suppress(FileExistsError):  # another process made it first
            folder.mkdir()
        ignore = folder / ".gitignore"
        if not ignore.exists():
            atomic_write(ignore, _IGNORE)
    return folder
