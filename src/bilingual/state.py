"""The tool's own state in a content root: one folder, ``.bilingual/``, safe to delete.

The result cache, the build records and the translation memory live there, each an SQLite file
opened by ``open_db``, under one rule: a file that is not a database, fails SQLite's check or
holds another schema is rebuilt, with a warning, never trusted; one another process holds too
long is not used; one that is read-only is only read (or not used, as its owner says). The
folder holds a ``.gitignore`` of ``*``, as pytest's and mypy's caches do, so that it stays out
of the office's repository without anyone editing theirs.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bilingual.fsutil import atomic_write

STATE = ".bilingual"
_IGNORE = "# The tool's own state (cache, build records): safe to delete, never committed.\n*\n"
#: How long to wait for another process's write before going on without the file.
BUSY_SECONDS = 10.0

Warn = Callable[[str], None]


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


@dataclass(frozen=True, slots=True)
class Db:
    """A state file, open: its connection, where it is, whether it may be written."""

    conn: sqlite3.Connection
    path: Path
    writable: bool


def open_db(
    root: Path,
    name: str,
    schema: int,
    create: Callable[[sqlite3.Connection], None],
    warn: Warn,
    *,
    noun: str,
    read_only: str | None,
    timeout: float = BUSY_SECONDS,
) -> Db | None:
    """``root/.bilingual/name``, made by ``create`` on first use or when it holds another
    ``schema`` (``PRAGMA user_version``); None when it cannot be used this run (``warn`` says
    why, naming it ``noun``). A broken file is rebuilt. A read-only one is opened read-only
    with the warning ``read_only``, or not used when that is None."""
    try:
        folder = state_dir(root)
    except OSError as exc:
        warn(f"{root / STATE}: cannot be made ({exc.strerror}): the {noun} is not used")
        return None
    path = folder / name
    writable = os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    if not writable and read_only is None:
        warn(f"{path} is read-only: the {noun} is not used")
        return None
    for attempt in range(2):
        try:
            return _open(
                path,
                schema,
                create,
                writable=writable,
                warn=warn,
                timeout=timeout,
                read_only=read_only or "",
            )
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                warn(f"{path} is locked by another process ({exc}): the {noun} is not used")
                return None
            problem: sqlite3.Error = exc
        except sqlite3.DatabaseError as exc:  # not a database, malformed, failed its check
            problem = exc
        if attempt or not writable:
            warn(f"{path} cannot be used ({problem}): the {noun} is not used")
            return None
        warn(f"{path} is not a usable {noun} ({problem}): rebuilt")
        remove_db(path)
    return None  # pragma: no cover - the loop returns


def _open(
    path: Path,
    schema: int,
    create: Callable[[sqlite3.Connection], None],
    *,
    writable: bool,
    warn: Warn,
    timeout: float,
    read_only: str,
) -> Db:
    if writable:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    elif path.exists():
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout, isolation_level=None
        )
        warn(f"{path} is read-only: {read_only}")
    else:
        raise sqlite3.OperationalError("the folder is read-only and there is none yet")
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {check[0] if check else 'no answer'}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != schema:
            if not writable:
                raise sqlite3.DatabaseError(f"schema {version}, this tool reads {schema}")
            if version:
                warn(f"{path} was written by another version of bilingual: rebuilt")
            with transaction(conn):
                # Another process may have made it while this one waited for the lock.
                if conn.execute("PRAGMA user_version").fetchone()[0] != schema:
                    create(conn)
                    conn.execute(f"PRAGMA user_version = {schema}")
    except BaseException:
        conn.close()
        raise
    return Db(conn, path, writable)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (``IMMEDIATE``) so that two processes writing the
    same file wait for each other instead of failing half-way."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def remove_db(path: Path) -> None:
    """Delete an SQLite file and its journals."""
    for name in (path.name, path.name + "-journal", path.name + "-wal", path.name + "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (path.parent / name).unlink()
