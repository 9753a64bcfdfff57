"""The translation memory: ``.bilingual/memory.sqlite``, safe to delete.

It holds unit pairs (a Chinese text and its English rendering) of three origins:

- ``article``: the aligned blocks (one Chinese block rendered by one English block) of the
  articles whose translation a person has taken in hand — status ``review`` or ``published``.
  A draft (``draft``, ``machine``) does not feed it: once the person who edits a machine draft
  sets its status to ``review``, its blocks do. The memory follows the articles: an article
  whose files changed is read again, one no longer eligible (or gone) is forgotten.
- ``import``: the units of a TMX file (``bilingual tm import``).
- ``machine``: what a service answered for a unit, kept by provider, so that translating the
  same text again costs nothing; never exported, and after the other two in a lookup.

A unit is looked up exactly, after white space is normalised (runs of white space as one
space, none between two Chinese characters). The same rules as the result cache hold: a file
that is not a database, fails SQLite's check or holds another schema is rebuilt with a warning;
one locked by another process is not used this run; a read-only one is only read.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bilingual.state import BUSY_SECONDS, Warn, open_db, state_dir, transaction

SCHEMA = 1
FILE = "memory.sqlite"
#: The statuses of a translation whose pair feeds the memory: a person has taken it in hand.
FEEDING = ("review", "published")

_SPACE = re.compile(r"\s+")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def normalise(text: str) -> str:
    """The form units are matched in: white space runs as one space, none between Chinese."""
    return _CJK_SPACE.sub("", _SPACE.sub(" ", text).strip())


@dataclass(frozen=True, slots=True)
class Pairing:
    """One unit pair: the Chinese and English text (inline Markdown for articles) and the
    plain text exported to CAT tools."""

    zh: str
    en: str
    zh_plain: str
    en_plain: str


class Memory:
    """An open memory. Build it with ``open_memory``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, writable: bool, warn: Warn) -> None:
        self.conn = conn
        self.path = path
        self.writable = writable
        self._warn = warn
        #: Units served from the memory this run.
        self.hits = 0

    def lookup(self, text: str, source: str, provider: str) -> str | None:
        """The rendering of ``text`` (in language ``source``) a person made, else the one
        ``provider`` gave before; None when the memory has neither."""
        target = "en" if source == "zh" else "zh"
        try:
            row = self.conn.execute(
                f"SELECT {target} FROM units WHERE {source}_key = ? "  # two fixed names
                "AND (origin != 'machine' OR provider = ?) "
                "ORDER BY origin = 'machine', stored_ns DESC LIMIT 1",
                (normalise(text), provider),
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail("could not be read", exc)
            return None
        if row is None:
            return None
        self.hits += 1
        return str(row[0])

    def remember(self, source: str, pairs: Iterable[tuple[str, str]], provider: str) -> None:
        """Keep what ``provider`` answered: (text in ``source``, its translation) pairs."""
        rows = []
        for original, translated in pairs:
            zh, en = (original, translated) if source == "zh" else (translated, original)
            rows.append(("machine", provider, "", "", zh, en, zh, en))
        self._insert(rows)

    def feeds(self) -> dict[str, tuple[str, str]]:
        """The articles feeding the memory, with the digests of their files when read."""
        try:
            return {a: (z, e) for a, z, e in self.conn.execute("SELECT * FROM articles")}
        except sqlite3.Error as exc:
            self._fail("could not be read", exc)
            return {}

    def feed(self, article: str, digests: tuple[str, str], date: str, units: list[Pairing]) -> None:
        """Replace ``article``'s units with ``units`` (read from files with ``digests``)."""
        if not self.writable:
            return
        try:
            with transaction(self.conn):
                self.conn.execute(
                    "DELETE FROM units WHERE origin = 'article' AND source = ?", (article,)
                )
                self.conn.execute(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", (article, *digests)
                )
                self.conn.executemany(
                    "INSERT INTO units (origin, provider, source, date, zh, en, zh_plain, en_plain,"
                    " zh_key, en_key, stored_ns) VALUES ('article', '', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (article, date, u.zh, u.en, u.zh_plain, u.en_plain, normalise(u.zh),
                         normalise(u.en), time.time_ns())
                        for u in units
                    ],
                )  # fmt: skip
        except sqlite3.Error as exc:
            self._fail("could not be written", exc)

    def forget(self, articles: Iterable[str]) -> None:
        """Drop the units of articles that no longer feed the memory."""
        if not self.writable:
            return
        try:
            with transaction(self.conn):
                for article in articles:
                    self.conn.execute(
                        "DELETE FROM units WHERE origin = 'article' AND source = ?", (article,)
                    )
                    self.conn.execute("DELETE FROM articles WHERE article = ?", (article,))
        except sqlite3.Error as exc:
            self._fail("could not be written", exc)

    def import_units(self, name: str, units: Iterable[Pairing]) -> int:
        """Add a CAT tool's units (replacing those an import of the same file added)."""
        rows = [("import", "", name, "", u.zh, u.en, u.zh_plain, u.en_plain) for u in units]
        if not self.writable:
            raise sqlite3.OperationalError(f"{self.path} is read-only")
        with transaction(self.conn):
            self.conn.execute("DELETE FROM units WHERE origin = 'import' AND source = ?", (name,))
        self._insert(rows, strict=True)
        return len(rows)

    def counts(self) -> dict[str, int]:
        """Units by origin."""
        return dict(self.conn.execute("SELECT origin, count(*) FROM units GROUP BY origin"))

    def _insert(self, rows: list[tuple[str, ...]], *, strict: bool = False) -> None:
        if not self.writable or not rows:
            return
        now = time.time_ns()
        try:
            with transaction(self.conn):
                self.conn.executemany(
                    "INSERT INTO units (origin, provider, source, date, zh, en, zh_plain, "
                    "en_plain, zh_key, en_key, stored_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*row, normalise(row[4]), normalise(row[5]), now) for row in rows],
                )
        except sqlite3.Error as exc:
            if strict:
                raise
            self._fail("could not be written", exc)

    def close(self) -> None:
        """Close the file."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def _fail(self, what: str, exc: sqlite3.Error) -> None:
        if self.writable:
            self._warn(f"{self.path} {what} ({exc}): the memory is not updated this run")
        self.writable = False


def memory_path(root: Path) -> Path:
    """Where a content root's memory is (whether or not it exists)."""
    return state_dir(root, create=False) / FILE


def open_memory(root: Path, warn: Warn, *, timeout: float = BUSY_SECONDS) -> Memory | None:
    """The content root's memory, made on first use; None when it cannot be used this run
    (``warn`` says why). A broken file is rebuilt; a read-only one is only read (the rules of
    every state file: ``bilingual.state.open_db``)."""
    db = open_db(
        root,
        FILE,
        SCHEMA,
        _create,
        warn,
        noun="memory",
        read_only="the memory is read but not updated",
        timeout=timeout,
    )
    return None if db is None else Memory(db.conn, db.path, writable=db.writable, warn=warn)


def _create(conn: sqlite3.Connection) -> None:
    # Inside open_db's transaction, which also records the schema.
    conn.execute("DROP TABLE IF EXISTS units")
    conn.execute("DROP TABLE IF EXISTS articles")
    conn.execute(
        "CREATE TABLE units (origin TEXT NOT NULL, provider TEXT NOT NULL,"
        " source TEXT NOT NULL, date TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL,"
        " zh_plain TEXT NOT NULL, en_plain TEXT NOT NULL, zh_key TEXT NOT NULL,"
        " en_key TEXT NOT NULL, stored_ns INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX units_zh ON units (zh_key)")
    conn.execute("CREATE INDEX units_en ON units (en_key)")
    conn.execute(
        "CREATE TABLE articles (article TEXT PRIMARY KEY, zh_digest TEXT NOT NULL,"
        " en_digest TEXT NOT NULL)"
    )
