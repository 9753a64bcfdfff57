"""The build record: what the last bundle of an output folder was made from, so that a rebuild
renders only the pages a change touches.

It lives in ``.bilingual/build.sqlite`` (the tool's one state folder, opened by
``state.open_db``: a corrupt file or one of another schema is rebuilt with a warning, never
trusted; deleting it costs one full build). It keeps, per output folder:

- per source file, its stamp, the digest of its bytes and its front matter's fields, so that
  an unchanged file is not read again (the result cache's rule: a stamp too close to the moment
  it was stored is verified by digest), and per article folder, its stamp, the files it
  publishes and what the checks found in it: what the folder's bundle was made from;
- the SHA-256 of the ``manifest.json`` it last wrote there, and the state of that build
  (``BuildState``: the stamps of the tree and of its spare, ``bilingual.bundle.tree``): the
  rows below describe that tree only, and are not used for any other;
- per page of that tree, the digest of everything its bytes depend on (``keys.page_key``:
  the tool, templates, catalogs, settings and the page's own context, in which each article
  shown stands for its source's digest), the SHA-256 of the bytes written, its internal links
  and its stamp.

A page whose key is unchanged is taken from the old tree (hard-linked), once its bytes are
found to hash to what the record says, or its stamp to be the one recorded: a page someone
edited is rendered again.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bilingual.bundle.built import BuildState
from bilingual.bundle.site import Listing, Side
from bilingual.cache import RACY_NS
from bilingual.state import open_db, transaction

SCHEMA = 3
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


@dataclass(frozen=True, slots=True)
class Folder:
    """What the record keeps of an article folder: its stamp (``ctime:inode``: any entry
    added, removed or renamed changes it), the files it publishes (``site.Listing``) and what
    the checks found in its pair (errors, warnings, suppressed; None when not known)."""

    stamp: str
    listing: Listing | None
    checks: tuple[int, int, int] | None

    def checks_text(self) -> str:
        """The checks as the record keeps them: ``errors:warnings:suppressed``."""
        return ":".join(str(n) for n in self.checks) if self.checks else ""

    @staticmethod
    def counts(text: str) -> tuple[int, int, int] | None:
        """The checks from what the record keeps."""
        if not text:
            return None
        errors, warnings, suppressed = (int(n) for n in text.split(":"))
        return errors, warnings, suppressed


class BuildRecord:
    """The record of one content root, open, for one output folder."""

    def __init__(self, conn: sqlite3.Connection, path: Path, out: str, warn: Warn) -> None:
        self.conn = conn
        self.path = path
        self.out = out
        self._warn = warn
        self._rows: dict[str, tuple[str, str, bool]] | None = None
        self._sides: dict[str, Side] | None = None
        self._folders: dict[str, tuple[str, bool, str, str]] | None = None
        self._changed: tuple[Mapping[str, str], set[str]] | None = None
        #: When the stamps of the output folder's files were taken (their racy limit).
        self.stored_ns = 0
        self._trusted: set[str] = set()

    def state(self) -> BuildState | None:
        """What the last build into the output folder left, when there was one."""
        try:
            found = self.conn.execute(
                "SELECT state FROM builds WHERE out = ?", (self.out,)
            ).fetchone()
            if found is None:
                return None
            state = BuildState.loads(found[0])
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # written by another build of the tool: not used
        self.stored_ns = state.tree.seen
        return state

    def rows(self) -> dict[str, tuple[str, str, bool]]:
        """Each source the record knows: its stamp, its digest and whether the stamp is old
        enough to be trusted (the result cache's rule: a stamp too close to the moment it was
        taken is verified by digest)."""
        if self._rows is None:
            try:
                rows = self.conn.execute(
                    "SELECT path, stamp, digest, stored_ns FROM sources WHERE out = ?", (self.out,)
                ).fetchall()
                self._rows = {
                    path: (stamp, digest, _ns(stamp) < stored_ns - RACY_NS)
                    for path, stamp, digest, stored_ns in rows
                }
            except (sqlite3.Error, ValueError) as exc:
                self._fail(exc)
                self._rows = {}
        return self._rows

    def same(self, rel: str, stamp: str) -> bool:
        """Whether the source ``rel`` is, by its stamp (or by its absence), the one recorded."""
        found = self.rows().get(rel)
        if not stamp:
            return found is None
        return found is not None and found[2] and found[0] == stamp

    def changed(self, stamps: Mapping[str, str]) -> set[str]:
        """The sources of ``stamps`` (``site.source_stamps``) that are not, by their stamps,
        the ones recorded: new, gone or changed (worked out once)."""
        if self._changed is None or self._changed[0] is not stamps:
            found = {
                rel
                for rel, stamp in stamps.items()
                if not rel.endswith("/") and not self.same(rel, stamp)
            }
            found.update(rel for rel in self.rows() if rel not in stamps)
            self._changed = (stamps, found)
        return self._changed[1]

    def known(self, rel: str, stamp: str) -> Side | None:
        """What the record knows of the source ``rel``, when its stamp is the one recorded and
        old enough to be trusted."""
        if not self.same(rel, stamp) or not stamp:
            return None
        if self._sides is None:
            self._sides = self._load_sides()
        side = self._sides.get(rel)
        if side is not None:
            self._trusted.add(rel)
        return side

    def fields(self, paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The front-matter fields recorded for a few sources."""
        found = {}
        try:
            for path in paths:
                row = self.conn.execute(
                    "SELECT fields FROM sources WHERE out = ? AND path = ?", (self.out, path)
                ).fetchone()
                if row is not None:
                    found[path] = tuple(json.loads(row[0]))
        except (sqlite3.Error, ValueError) as exc:
            self._fail(exc)
        return found

    def folders(self) -> dict[str, tuple[str, bool, str, str]]:
        """Each article folder the record knows: its stamp, whether that is old enough to be
        trusted, its listing and its checks (as ``Listing.dumps`` and ``Folder.checks_text``
        write them)."""
        if self._folders is None:
            try:
                rows = self.conn.execute(
                    "SELECT path, stamp, stored_ns, listing, checks FROM folders WHERE out = ?",
                    (self.out,),
                ).fetchall()
                self._folders = {
                    path: (stamp, bool(stamp) and _ns(stamp) < stored_ns - RACY_NS, listed, checks)
                    for path, stamp, stored_ns, listed, checks in rows
                }
            except (sqlite3.Error, ValueError) as exc:
                self._fail(exc)
                self._folders = {}
        return self._folders

    def folder(self, rel: str) -> Folder | None:
        """What the record knows of an article folder."""
        found = self.folders().get(rel)
        if found is None:
            return None
        try:
            return Folder(found[0], Listing.loads(found[2]), Folder.counts(found[3]))
        except (ValueError, TypeError):
            return None

    def listing(self, rel: str, stamp: str) -> Listing | None:
        """The files an article folder publishes, when its stamp is the one recorded and old
        enough to be trusted and it has no subfolder (whose entries its stamp does not cover)."""
        found = self.folders().get(rel)
        if found is None or not found[1] or found[0] != stamp or not found[2]:
            return None
        listing = Listing.loads(found[2])
        return None if listing is None or listing.deep else listing

    def _load_sides(self) -> dict[str, Side]:
        try:
            rows = self.conn.execute(
                "SELECT path, stamp, digest, fields FROM sources WHERE out = ?", (self.out,)
            ).fetchall()
            # One JSON document for all: parsing 20,000 small ones cost as much as the rest.
            fields = json.loads("[" + ",".join(row[3] for row in rows) + "]")
            return {
                path: Side(stamp, digest, tuple(found))
                for (path, stamp, digest, _), found in zip(rows, fields, strict=True)
            }
        except (sqlite3.Error, ValueError, TypeError) as exc:
            self._fail(exc)
            return {}

    def outputs(self, manifest_sha: str) -> dict[str, Output]:
        """The pages of the output folder's last bundle, when its ``manifest.json`` is the one
        this record wrote (``manifest_sha``); else none."""
        try:
            found = self.conn.execute(
                "SELECT manifest FROM builds WHERE out = ?", (self.out,)
            ).fetchone()
            if found is None or not manifest_sha or found[0] != manifest_sha:
                return {}
            rows = self.conn.execute(
                "SELECT path, key, sha256, links, stamp FROM outputs WHERE out = ?", (self.out,)
            )
            return {path: Output(*rest) for path, *rest in rows}
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}

    def outputs_under(self, folders: Iterable[str]) -> dict[str, Output]:
        """The rows of the last bundle's files under ``folders`` (each ending in ``/``) and of
        files named by a prefix of theirs (``zh/pagefind/pagefind-ui.``): a few of its rows,
        without reading all of them."""
        found: dict[str, Output] = {}
        try:
            for prefix in folders:
                # Every path that starts with the prefix sorts between it and the prefix
                # followed by the highest code point.
                rows = self.conn.execute(
                    "SELECT path, key, sha256, links, stamp FROM outputs "
                    "WHERE out = ? AND path >= ? AND path < ?",
                    (self.out, prefix, prefix + "\U0010ffff"),
                )
                found.update((path, Output(*rest)) for path, *rest in rows)
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return found

    def trusts(self, was: Output, stamp: str) -> bool:
        """Whether a published file whose stamp is ``stamp`` is the one ``was`` records, by
        its stamp: the same, and older than the record by more than a clock tick can hide."""
        return bool(stamp) and stamp == was.stamp and _ns(stamp) < self.stored_ns - RACY_NS

    def store(self, build: Stored) -> None:
        """Keep what this build read and wrote, with the stamps of the published files: rows
        that changed are written, rows of files that are gone deleted (one transaction)."""
        now = time.time_ns()
        fresh = [
            (self.out, rel, s.stamp, s.digest, now, json.dumps(s.fields, ensure_ascii=False))
            for rel, s in build.sides.items()
            if rel not in self._trusted
        ]
        gone = [(self.out, rel) for rel in self.rows() if rel not in build.sides]
        folders = [
            (self.out, rel, f.stamp, now, Listing.dumps(f.listing), f.checks_text())
            for rel, f in build.folders.items()
            if self.folder(rel) != f
        ]
        left = [(self.out, rel) for rel in self.folders() if rel not in build.folders]
        if not build.complete:  # only what changed was given
            gone, left = [], []
        changed, dropped = _output_rows(self.out, build)
        try:
            with transaction(self.conn):
                if not build.previous and build.complete:  # what is there describes another tree
                    self.conn.execute("DELETE FROM outputs WHERE out = ?", (self.out,))
                self.conn.executemany("DELETE FROM sources WHERE out = ? AND path = ?", gone)
                self.conn.executemany(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?)", fresh
                )
                self.conn.executemany("DELETE FROM folders WHERE out = ? AND path = ?", left)
                self.conn.executemany(
                    "INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?, ?, ?)", folders
                )
                self.conn.executemany("DELETE FROM outputs WHERE out = ? AND path = ?", dropped)
                self.conn.executemany(
                    "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)", changed
                )
                self.conn.executemany(
                    "UPDATE outputs SET stamp = ? WHERE out = ? AND path = ?",
                    [(stamp, self.out, path) for path, stamp in build.restamp.items()],
                )
                self.conn.execute(
                    "INSERT OR REPLACE INTO builds VALUES (?, ?, ?, ?)",
                    (self.out, build.manifest_sha, now, build.state.dumps()),
                )
                self._forget_gone()
        except sqlite3.Error as exc:
            self._fail(exc)

    def _forget_gone(self) -> None:
        """Drop the rows of output folders that are gone (a preview built into a temporary
        folder, a renamed one): they would never be used again, and the record is checked
        whole each time it is opened, so its size is paid on every build."""
        outs = [row[0] for row in self.conn.execute("SELECT out FROM builds")]
        for out in outs:
            if out != self.out and not Path(out).is_dir():
                for table in ("sources", "folders", "builds", "outputs"):
                    self.conn.execute(f"DELETE FROM {table} WHERE out = ?", (out,))

    def close(self) -> None:
        self.conn.close()

    def _fail(self, exc: Exception) -> None:
        self._warn(f"{self.path} could not be used ({exc}): the next build renders every page")
        self._trusted.clear()


@dataclass(slots=True)
class Stored:
    """What a build gives the record to keep (``BuildRecord.store``)."""

    sides: Mapping[str, Side]
    folders: Mapping[str, Folder]
    #: The pages (and search index files) written, with the stamps of the published files;
    #: ``complete``: every source, folder and page (else only those that changed, and
    #: ``restamp``: the stamps of other files that changed). ``previous``: the rows of the
    #: old bundle read.
    outputs: Mapping[str, Output]
    previous: Mapping[str, Output]
    stamps: Mapping[str, str]
    manifest_sha: str
    state: BuildState
    complete: bool = True
    restamp: Mapping[str, str] = dataclasses.field(default_factory=dict)


def _output_rows(out: str, build: Stored) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """The rows of ``outputs`` to write, and those to delete."""
    changed = []
    for path, o in build.outputs.items():
        row = Output(o.key, o.sha256, o.links, build.stamps.get(path, ""))
        if build.previous.get(path) != row:
            changed.append((out, path, row.key, row.sha256, row.links, row.stamp))
    dropped = [(out, path) for path in build.previous if path not in build.stamps]
    return changed, dropped


def open_record(root: Path, out: Path, warn: Warn) -> BuildRecord | None:
    """The build record of ``root`` for the output folder ``out``; None when it cannot be used
    (``warn`` says why): the build then renders every page."""
    db = open_db(root, FILE, SCHEMA, _create, warn, noun="build record", read_only=None)
    if db is None:
        return None
    return BuildRecord(db.conn, db.path, str(out), warn)


def _create(conn: sqlite3.Connection) -> None:
    for table in ("sources", "folders", "builds", "outputs"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        "CREATE TABLE sources (out TEXT NOT NULL, path TEXT NOT NULL, stamp TEXT NOT NULL,"
        " digest TEXT NOT NULL, stored_ns INTEGER NOT NULL, fields TEXT NOT NULL,"
        " PRIMARY KEY (out, path))"
    )
    conn.execute(
        "CREATE TABLE folders (out TEXT NOT NULL, path TEXT NOT NULL, stamp TEXT NOT NULL,"
        " stored_ns INTEGER NOT NULL, listing TEXT NOT NULL, checks TEXT NOT NULL,"
        " PRIMARY KEY (out, path))"
    )
    conn.execute(
        "CREATE TABLE builds (out TEXT PRIMARY KEY, manifest TEXT NOT NULL,"
        " stored_ns INTEGER NOT NULL, state TEXT NOT NULL)"
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
