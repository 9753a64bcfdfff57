"""The result cache: each pair's findings, kept until something that decides them changes.

A pair's findings depend on its two files, the tool's code, the plan (checks, severities,
settings) and the glossary. The cache keeps them in ``.bilingual/cache.sqlite`` (SQLite from the
standard library) under a key of the last three (``plan_key``), with each file's stamp (mtime,
size, inode) and the digest of the bytes that were checked. As git's index does, a file whose
stamp is unchanged is taken as unchanged, and one whose stamp changed is read and its digest
compared; a stamp too close to the moment the row was written (a change within the file
system's clock tick would leave it equal) is verified by digest too.

The cache is never trusted blindly: a file that is not a database, fails SQLite's check, holds
another schema or unreadable rows is rebuilt; one that is locked or read-only is bypassed or
only read. Each of these is said once, as a warning, and the run's findings are the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilingual.fsutil import content_digest
from bilingual.model import Finding, Location, Severity
from bilingual.state import BUSY_SECONDS, open_db, remove_db, state_dir, transaction

#: Bumped when the tables or the way findings are stored change: an older file is rebuilt.
SCHEMA = 2
FILE = "cache.sqlite"
#: A stamp this close to (or after) the moment its row was written is verified by digest.
RACY_NS = 2_000_000_000
#: A plan (checks, settings, glossary) unused this long has its results dropped: an office
#: that changed its settings will not go back to the old ones.
UNUSED_NS = 30 * 24 * 3600 * 1_000_000_000

Warn = Callable[[str], None]


def stamp(path: Path | str) -> str:
    """What ``stat`` says of a file: ``mtime_ns:size:inode``, or ``""`` when there is none."""
    try:
        info = os.stat(path)  # noqa: PTH116 - a string path is cheaper than a Path (engine)
    except OSError:
        return ""
    return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"


def file_digest(path: Path) -> str:
    """The digest of a file's bytes, or ``""`` when it cannot be read."""
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return ""


def _stamp_time(value: str) -> int:
    return int(value.split(":", 1)[0]) if value else 0


@dataclass(frozen=True, slots=True)
class Row:
    """What the cache holds of one pair for this plan (its findings are read when used)."""

    rowid: int
    zh_stamp: str
    en_stamp: str
    zh_digest: str
    en_digest: str
    stored_ns: int
    suppressed: int
    #: No findings: most pairs of a healthy archive, whose rows need not be read again.
    clean: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """A pair's result to store: the stamps taken before it was read, the digests of the bytes
    that were checked, and what the checks found."""

    article: str
    zh_stamp: str
    en_stamp: str
    zh_digest: str
    en_digest: str
    findings: Sequence[Finding]
    suppressed: int


class ResultCache:
    """An open cache for one plan. Build it with ``open_cache``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, plan: str, *, writable: bool, warn: Warn
    ) -> None:
        self.conn = conn
        self.path = path
        self.plan = plan
        self.writable = writable
        self._warn = warn
        #: Pairs whose findings were read back, and pairs whose findings were kept, this run.
        self.hits = 0
        self.stored = 0

    def rows(self) -> dict[str, Row]:
        """This plan's rows, by article folder (relative to the content root)."""
        try:
            cursor = self.conn.execute(
                "SELECT article, rowid, zh_stamp, en_stamp, zh_digest, en_digest, stored_ns, "
                "suppressed, findings = '[]' FROM results WHERE plan = ?",
                (self.plan,),
            )
            return {article: Row(*rest[:-1], clean=bool(rest[-1])) for article, *rest in cursor}
        except sqlite3.Error as exc:
            self._fail("could not be read", exc)
            return {}

    def is_fresh(self, row: Row, root: Path, article: str, stamps: tuple[str, str]) -> bool:
        """Whether the pair's files are those ``row`` was made from: by stamp, or by digest
        where the stamp changed or is too recent to tell."""
        for lang, now, then, known in (
            ("zh", stamps[0], row.zh_stamp, row.zh_digest),
            ("en", stamps[1], row.en_stamp, row.en_digest),
        ):
            if now == then and (not now or _stamp_time(now) < row.stored_ns - RACY_NS):
                continue
            if bool(now) != bool(then):
                return False  # a side appeared or disappeared
            if file_digest(root / article / f"{lang}.md") != known:
                return False
        return True

    def findings(self, row: Row) -> tuple[list[Finding], int] | None:
        """The findings stored in ``row`` and how many were suppressed; None when the row
        cannot be read back (it is then checked again)."""
        if row.clean:
            self.hits += 1
            return [], row.suppressed
        try:
            found = self.conn.execute(
                "SELECT findings, suppressed FROM results WHERE rowid = ?", (row.rowid,)
            ).fetchone()
            if found is None:
                return None
            result = [_finding(item) for item in json.loads(found[0])], int(found[1])
        except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
            self._warn(f"{self.path}: a stored result could not be read ({exc}): checked again")
            return None
        self.hits += 1
        return result

    def store(self, entries: Iterable[Entry]) -> None:
        """Keep these results (one transaction); nothing when the cache is read-only."""
        if not self.writable:
            return
        now = time.time_ns()
        rows = [
            (
                e.article,
                self.plan,
                e.zh_stamp,
                e.en_stamp,
                e.zh_digest,
                e.en_digest,
                now,
                e.suppressed,
                json.dumps([_record(f) for f in e.findings], ensure_ascii=False),
            )
            for e in entries
        ]
        if not rows:
            return
        try:
            with transaction(self.conn):
                self.conn.executemany(
                    "INSERT OR REPLACE INTO results (article, plan, zh_stamp, en_stamp, "
                    "zh_digest, en_digest, stored_ns, suppressed, findings) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            self._fail("could not be written", exc)
            return
        self.stored += len(rows)

    def forget(self, articles: Iterable[str]) -> None:
        """Drop this plan's rows of these articles (folders no longer in the content root)."""
        if not self.writable:
            return
        try:
            with transaction(self.conn):
                self.conn.executemany(
                    "DELETE FROM results WHERE plan = ? AND article = ?",
                    [(self.plan, article) for article in articles],
                )
        except sqlite3.Error as exc:
            self._fail("could not be written", exc)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def _fail(self, what: str, exc: sqlite3.Error) -> None:
        # Whatever went wrong, this run goes on without storing more: its findings stand.
        if self.writable:
            self._warn(f"{self.path} {what} ({exc}): results of this run are not kept")
        self.writable = False


def plan_key(*parts: object) -> str:
    """A digest of everything besides the files that decides a pair's findings: the tool's
    code, the plan and the glossary (``parts``, as their ``repr``)."""
    text = "\x00".join(repr(part) for part in (SCHEMA, tool_key(), *parts))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


_TOOL: list[str] = []


def tool_key() -> str:
    """The version and a digest of the installed package's own files (code and data), so that
    an edited checkout is a new tool as much as a new release is."""
    if not _TOOL:
        from bilingual import __version__

        package = Path(__file__).parent
        hasher = hashlib.blake2b(__version__.encode(), digest_size=16)
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".gz", ".tsv", ".yaml", ".json") and path.is_file():
                hasher.update(path.relative_to(package).as_posix().encode())
                hasher.update(path.read_bytes())
        _TOOL.append(f"{__version__}+{hasher.hexdigest()}")
    return _TOOL[0]


def cache_path(root: Path) -> Path:
    """Where a content root's cache is (whether or not it exists)."""
    return state_dir(root, create=False) / FILE


def open_cache(
    root: Path, plan: str, warn: Warn, *, timeout: float = BUSY_SECONDS
) -> ResultCache | None:
    """The content root's cache for ``plan``, made on first use; None when it cannot be used
    this run (``warn`` says why). A broken file is rebuilt; a read-only one is only read; one
    another process holds longer than ``timeout`` seconds is not used."""
    db = open_db(
        root,
        FILE,
        SCHEMA,
        _create,
        warn,
        noun="cache",
        read_only="results are read from it but not kept",
        timeout=timeout,
    )
    if db is None:
        return None
    try:
        if db.writable:
            _tidy(db.conn, _tool_prefix() + plan)
    except sqlite3.Error as exc:
        db.conn.close()
        warn(f"{db.path} cannot be used ({exc}): the cache is not used")
        return None
    return ResultCache(db.conn, db.path, _tool_prefix() + plan, writable=db.writable, warn=warn)


def _tidy(conn: sqlite3.Connection, plan: str) -> None:
    """Note that ``plan`` is in use, and drop what can never be used again: rows of another
    build of the tool, and of plans unused for ``UNUSED_NS``."""
    now = time.time_ns()
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO plans (plan, used_ns) VALUES (?, ?)", (plan, now))
        conn.execute(
            "DELETE FROM plans WHERE plan NOT LIKE ? OR used_ns < ?",
            (_tool_prefix() + "%", now - UNUSED_NS),
        )
        conn.execute("DELETE FROM results WHERE plan NOT IN (SELECT plan FROM plans)")


def _tool_prefix() -> str:
    return hashlib.blake2b(tool_key().encode(), digest_size=8).hexdigest() + ":"


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS results")
    conn.execute("DROP TABLE IF EXISTS plans")
    conn.execute("CREATE TABLE plans (plan TEXT PRIMARY KEY, used_ns INTEGER NOT NULL)")
    conn.execute(
        "CREATE TABLE results ("
        " article TEXT NOT NULL, plan TEXT NOT NULL,"
        " zh_stamp TEXT NOT NULL, en_stamp TEXT NOT NULL,"
        " zh_digest TEXT NOT NULL, en_digest TEXT NOT NULL,"
        " stored_ns INTEGER NOT NULL, suppressed INTEGER NOT NULL, findings TEXT NOT NULL,"
        " PRIMARY KEY (article, plan))"
    )


def info(root: Path) -> dict[str, Any]:
    """What ``bilingual cache info`` shows: the file, its size, the rows and plans it holds."""
    path = cache_path(root)
    result: dict[str, Any] = {"path": str(path), "exists": path.exists(), "bytes": 0}
    if not path.exists():
        return result
    result["bytes"] = sum(
        (path.parent / name).stat().st_size
        for name in (path.name, path.name + "-journal")
        if (path.parent / name).exists()
    )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)
        try:
            result["schema"] = conn.execute("PRAGMA user_version").fetchone()[0]
            result["pairs"], result["plans"] = conn.execute(
                "SELECT count(DISTINCT article), count(DISTINCT plan) FROM results"
            ).fetchone()
            result["rows"] = conn.execute("SELECT count(*) FROM results").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        result["error"] = str(exc)
    return result


def clear(root: Path) -> bool:
    """Delete the content root's cache; whether there was one."""
    path = cache_path(root)
    existed = path.exists()
    remove_db(path)
    return existed


def _record(finding: Finding) -> list[Any]:
    return [
        finding.code,
        finding.check,
        finding.severity.value,
        finding.article,
        finding.message,
        None if finding.zh is None else [finding.zh.path, finding.zh.line],
        None if finding.en is None else [finding.en.path, finding.en.line],
        finding.zh_excerpt,
        finding.en_excerpt,
        finding.primary,
    ]


def _finding(item: list[Any]) -> Finding:
    code, check, severity, article, message, zh, en, zh_excerpt, en_excerpt, primary = item
    for text in (code, check, article, message, primary):
        if not isinstance(text, str):
            raise TypeError(f"not a stored finding: {item!r}")
    return Finding(
        code=code,
        check=check,
        severity=Severity(severity),
        article=article,
        message=message,
        zh=None if zh is None else Location(str(zh[0]), zh[1]),
        en=None if en is None else Location(str(en[0]), en[1]),
        zh_excerpt=zh_excerpt,
        en_excerpt=en_excerpt,
        primary=primary,
    )
