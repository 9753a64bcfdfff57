"""The build record: what the last bundle of an output folder was made from, so that a rebuild
renders only the pages a change touches.

It lives in ``.bilingual/build.sqlite`` (the tool's one state folder, opened by
``state.open_db``: a corrupt file or one of another schema is rebuilt with a warning, never
trusted; deleting it costs one full build). It keeps:

- per source file, its stamp, the digest of its bytes and its front matter's fields, so that
  an unchanged file is not read again (the result cache's rule: a stamp too close to the moment
  it was stored is verified by digest);
- per output folder, the SHA-256 of the ``manifest.json`` it last wrote there: the rows below
  describe that tree only, and are not used for any other;
- per page of that tree, the digest of everything its bytes depend on (``page_key``: the
  tool, templates, catalogs, settings and the page's own context, in which each article shown
  stands for its source's digest), the SHA-256 of the bytes written and its internal links.

A page whose key is unchanged is taken from the old tree (hard-linked), once its bytes are
found to hash to what the record says: a page someone edited is rendered again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilingual.bundle.pages import Page
from bilingual.bundle.site import Entry, Side
from bilingual.cache import RACY_NS
from bilingual.state import open_db, transaction

SCHEMA = 2
FILE = "build.sqlite"

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Output:
    """A page of the last bundle: its key, the SHA-256 of its bytes and its internal links
    (JSON: ``[[target as written, the bundle path it names], ...]``)."""

    key: str
    sha256: str
    links: str
    #: The published file's stamp (ctime, size, inode) when the record was written: a file
    #: whose stamp is unchanged since well before then is not hashed again (the stamp changes
    #: with any write, and its ctime cannot be set back).
    stamp: str = ""


def inputs_key(root: Path, *parts: object) -> str:
    """A digest of what every page depends on besides its context: the tool's code, the
    templates and catalogs (shipped and the content root's), and ``parts`` (the settings)."""
    from bilingual.bundle.render import SHIPPED, TEMPLATES
    from bilingual.cache import tool_key
    from bilingual.i18n import LOCALES, PACKAGED, SOURCE

    hasher = hashlib.blake2b(repr((SCHEMA, tool_key(), *parts)).encode(), digest_size=16)
    for folder in (SHIPPED, root / TEMPLATES, PACKAGED, SOURCE, root / LOCALES):
        if not folder.is_dir():
            hasher.update(b"\x00-")
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                hasher.update(f"\x00{folder.name}/{path.relative_to(folder).as_posix()}".encode())
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


def page_key(page: Page, inputs: str, tokens: dict[int, str] | None = None) -> str:
    """The digest of what ``page``'s bytes depend on: ``inputs`` and its context, in which the
    page's own article stands for its source (``source_token``) and an article in a list for
    what a list can show of it (``entry_token``). ``tokens`` keeps the articles' tokens, by
    ``id``, from page to page (an article is in several lists)."""
    parts = [inputs, page.path, page.template, page.lang]
    if page.entry is not None:
        parts.append(source_token(page.entry))
    _canon(page.context, parts, {} if tokens is None else tokens)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def article_key(inputs: str, entry: Entry, counterpart: Entry | None, newest: str) -> str:
    """The key of an article's page, from what ``Pages.article`` makes its context of, without
    making it (most pages of a rebuild are not rendered): the article's source, whether its
    counterpart is published, and ``newest``, the tokens (``entry_token``) of the newest
    articles of the language, of which the "Latest News" list shows the first others."""
    where = counterpart.url if counterpart else "-"
    text = "\x1f".join((inputs, "article", source_token(entry), where, newest))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


#: What a list of articles may show of one: every field but the digest of its source, so that
#: an edit of a body leaves the lists it appears in as they are.
_LISTED = tuple(f.name for f in dataclasses.fields(Entry) if f.name != "digest")


def entry_token(entry: Entry) -> str:
    """What stands for an article in a list, in a key."""
    return repr(tuple(getattr(entry, name) for name in _LISTED))


def source_token(entry: Entry) -> str:
    """What stands for the article a page shows, in a key: its list token and its source's
    digest (the body is read from the source)."""
    return f"{entry_token(entry)}@{entry.digest}"


def _canon(value: Any, parts: list[str], tokens: dict[int, str]) -> None:
    """``value`` written into ``parts`` unambiguously; functions (``link``) are left out, as
    they are made from the page's path."""
    if isinstance(value, Entry):
        token = tokens.get(id(value))
        if token is None:
            token = tokens[id(value)] = entry_token(value)
        parts.append(token)
    elif isinstance(value, Mapping):
        parts.append("{")
        for name, item in value.items():
            if not callable(item):
                parts.append(str(name))
                _canon(item, parts, tokens)
        parts.append("}")
    elif isinstance(value, list | tuple):
        parts.append("[")
        for item in value:
            _canon(item, parts, tokens)
        parts.append("]")
    else:  # strings, numbers, dates, None; settings (filings): dataclasses with a stable repr
        parts.append(repr(value))


class BuildRecord:
    """The record of one content root, open, for one output folder."""

    def __init__(self, conn: sqlite3.Connection, path: Path, out: str, warn: Warn) -> None:
        self.conn = conn
        self.path = path
        self.out = out
        self._warn = warn
        self._sides: dict[str, tuple[Side, int]] | None = None
        #: When the rows of the output folder were written (their stamps' racy limit).
        self.stored_ns = 0
        self._trusted: set[str] = set()

    def known(self, rel: str, stamp: str) -> Side | None:
        """What the record knows of the source ``rel``, when its stamp is the one recorded and
        old enough to be trusted."""
        if self._sides is None:
            self._sides = self._load_sides()
        found = self._sides.get(rel)
        if found is None:
            return None
        side, stored_ns = found
        if side.stamp != stamp or int(stamp.split(":", 1)[0]) >= stored_ns - RACY_NS:
            return None
        self._trusted.add(rel)
        return side

    def _load_sides(self) -> dict[str, tuple[Side, int]]:
        sides: dict[str, tuple[Side, int]] = {}
        try:
            rows = self.conn.execute("SELECT path, stamp, digest, stored_ns, fields FROM sources")
            for path, stamp, digest, stored_ns, fields in rows:
                sides[path] = (Side(stamp, digest, tuple(json.loads(fields))), stored_ns)
        except (sqlite3.Error, ValueError, TypeError) as exc:
            self._fail(exc)
            return {}
        return sides

    def outputs(self, manifest_sha: str) -> dict[str, Output]:
        """The pages of the output folder's last bundle, when its ``manifest.json`` is the one
        this record wrote (``manifest_sha``); else none."""
        try:
            found = self.conn.execute(
                "SELECT manifest, stored_ns FROM builds WHERE out = ?", (self.out,)
            ).fetchone()
            if found is None or not manifest_sha or found[0] != manifest_sha:
                return {}
            self.stored_ns = found[1]
            rows = self.conn.execute(
                "SELECT path, key, sha256, links, stamp FROM outputs WHERE out = ?", (self.out,)
            )
            return {path: Output(*rest) for path, *rest in rows}
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}

    def trusts(self, was: Output, stamp: str) -> bool:
        """Whether a published file whose stamp is ``stamp`` is the one ``was`` records, by
        its stamp: the same, and older than the record by more than a clock tick can hide."""
        return bool(stamp) and stamp == was.stamp and _ns(stamp) < self.stored_ns - RACY_NS

    def store(
        self,
        sides: Mapping[str, Side],
        outputs: Mapping[str, Output],
        previous: Mapping[str, Output],
        manifest_sha: str,
        stamps: Mapping[str, str],
    ) -> None:
        """Keep what this build read and wrote, with the stamps of the published files: rows
        that changed are written, rows of files that are gone deleted (one transaction)."""
        now = time.time_ns()
        fresh = [
            (rel, s.stamp, s.digest, now, json.dumps(s.fields, ensure_ascii=False))
            for rel, s in sides.items()
            if rel not in self._trusted
        ]
        gone = [(rel,) for rel in self._sides or () if rel not in sides]
        changed = []
        for path, o in outputs.items():
            row = Output(o.key, o.sha256, o.links, stamps.get(path, ""))
            if previous.get(path) != row:
                changed.append((self.out, path, row.key, row.sha256, row.links, row.stamp))
        dropped = [(self.out, path) for path in previous if path not in outputs]
        try:
            with transaction(self.conn):
                if not previous:  # no usable rows: whatever is there describes another tree
                    self.conn.execute("DELETE FROM outputs WHERE out = ?", (self.out,))
                self.conn.executemany("DELETE FROM sources WHERE path = ?", gone)
                self.conn.executemany(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)", fresh
                )
                self.conn.executemany("DELETE FROM outputs WHERE out = ? AND path = ?", dropped)
                self.conn.executemany(
                    "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)", changed
                )
                self.conn.execute(
                    "INSERT OR REPLACE INTO builds VALUES (?, ?, ?)", (self.out, manifest_sha, now)
                )
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        self.conn.close()

    def _fail(self, exc: Exception) -> None:
        self._warn(f"{self.path} could not be used ({exc}): the next build renders every page")
        self._trusted.clear()


def open_record(root: Path, out: Path, warn: Warn) -> BuildRecord | None:
    """The build record of ``root`` for the output folder ``out``; None when it cannot be used
    (``warn`` says why): the build then renders every page."""
    db = open_db(root, FILE, SCHEMA, _create, warn, noun="build record", read_only=None)
    if db is None:
        return None
    return BuildRecord(db.conn, db.path, str(out), warn)


def _create(conn: sqlite3.Connection) -> None:
    for table in ("sources", "builds", "outputs"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        "CREATE TABLE sources (path TEXT PRIMARY KEY, stamp TEXT NOT NULL, digest TEXT NOT NULL,"
        " stored_ns INTEGER NOT NULL, fields TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE builds (out TEXT PRIMARY KEY, manifest TEXT NOT NULL,"
        " stored_ns INTEGER NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE outputs (out TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL,"
        " sha256 TEXT NOT NULL, links TEXT NOT NULL, stamp TEXT NOT NULL,"
        " PRIMARY KEY (out, path))"
    )


def _ns(stamp: str) -> int:
    return int(stamp.split(":", 1)[0])


def links_json(links: Iterable[tuple[str, str]]) -> str:
    """A page's internal links as the record keeps them."""
    return json.dumps(list(links), ensure_ascii=False, separators=(",", ":"))
