"""The site to render, read from the article folders ``bilingual.parse.discover`` finds: which
sides are published, in which order, under which categories, and which page is whose
counterpart. Nothing here renders or writes."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.cache import stamp
from bilingual.config import Config
from bilingual.errors import BundleError, SourceError
from bilingual.fsutil import content_digest
from bilingual.model import LANGS, relpath
from bilingual.parse.discover import article_folders
from bilingual.parse.frontmatter import decode, split

#: The ``status`` a side needs to be published (a side without one is published too).
PUBLISHED = "published"
#: An article folder's source files (everything else in it is an asset).
SOURCES = frozenset({"zh.md", "en.md"})
#: Articles per index page.
PER_PAGE = 10
#: Entries in an article page's "Latest News" list.
LATEST = 5
#: ``<html lang>`` and ``hreflang`` of each language.
HTML_LANG = {"zh": "zh-CN", "en": "en"}
#: The babel locale that formats each language's dates.
LOCALE = {"zh": "zh_CN", "en": "en"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One published side of an article: what its page and the lists it appears in show."""

    slug: str
    lang: str
    title: str
    date: dt.date | None
    category: str
    author: str
    source: str
    summary: str
    #: The source file, relative to the content root, and the digest of its bytes (the one
    #: the result cache knows it by).
    path: str
    digest: str
    #: Files beside the sources (images, PDFs), relative to the article folder: they are
    #: copied beside each language's page, where the body's relative links find them.
    assets: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """The page's folder in the bundle, with a trailing ``/``."""
        return f"{self.lang}/{self.slug}/"


@dataclass(frozen=True, slots=True)
class Side:
    """What reading a source found, as the build record keeps it: the file's stamp before it
    was read, the digest of its bytes and its front matter's fields (``FIELDS``)."""

    stamp: str
    digest: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    """What an article folder publishes besides its pages (``Entry.assets``), and whether it
    has subfolders (whose entries the folder's own stamp does not cover)."""

    assets: tuple[str, ...]
    deep: bool = False

    @staticmethod
    def dumps(listing: Listing | None) -> str:
        """As the build record keeps it: "" for none, "-" for no file (most folders)."""
        if listing is None:
            return ""
        if not (listing.assets or listing.deep):
            return "-"
        return json.dumps([listing.deep, *listing.assets], ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> Listing | None:
        """From what the build record keeps."""
        if not text:
            return None
        if text == "-":
            return _EMPTY
        deep, *assets = json.loads(text)
        return cls(tuple(str(a) for a in assets), bool(deep))


_EMPTY = Listing(())

#: The front matter a page shows, in the order ``Side.fields`` holds them.
FIELDS = ("title", "date", "category", "author", "source", "summary", "status")
#: Given a source's path and stamp, what the build record knows of it, when the stamp says the
#: file is the one it was read from.
Known = Callable[[str, str], Side | None]
#: Given an article folder's path and stamp, what it publishes, when the record knows.
Listed = Callable[[str, str], Listing | None]


@dataclass(slots=True)
class Site:
    """Everything the renderer needs, in a stable order."""

    config: Config
    languages: tuple[str, str]
    #: Published sides per language, newest first (then by slug).
    entries: dict[str, list[Entry]]
    #: Sides left out (a draft, or a side that could not be read), as ``path: reason``.
    skipped: list[str] = field(default_factory=list)
    #: Every side read, by source path: what the build record keeps of it; and each article
    #: folder whose files were listed, with its stamp.
    sides: dict[str, Side] = field(default_factory=dict)
    listings: dict[str, tuple[str, Listing]] = field(default_factory=dict)
    _by_key: dict[tuple[str, str], Entry] = field(default_factory=dict, repr=False)

    @property
    def default(self) -> str:
        """The language the root page sends readers to: the first in display order."""
        return self.languages[0]

    def other(self, lang: str) -> str:
        """The other language of the pair."""
        return self.languages[1] if lang == self.languages[0] else self.languages[0]

    def counterpart(self, entry: Entry) -> Entry | None:
        """The published other side of ``entry``'s article, if there is one."""
        return self._index().get((self.other(entry.lang), entry.slug))

    def entry(self, lang: str, slug: str) -> Entry:
        """The published side of an article (``KeyError`` when there is none)."""
        return self._index()[(lang, slug)]

    def categories(self, lang: str) -> dict[str, list[Entry]]:
        """Each category of ``lang``'s entries (sorted by name), its entries newest first."""
        found: dict[str, list[Entry]] = {}
        for entry in self.entries[lang]:
            if entry.category:
                found.setdefault(entry.category, []).append(entry)
        return dict(sorted(found.items()))

    def newest(self) -> dt.date | None:
        """The newest article date on the site (fixed timestamps derive from it)."""
        dates = [e.date for entries in self.entries.values() for e in entries if e.date]
        return max(dates, default=None)

    def _index(self) -> dict[tuple[str, str], Entry]:
        if not self._by_key:
            self._by_key = {(e.lang, e.slug): e for found in self.entries.values() for e in found}
        return self._by_key


def source_stamps(root: Path, folders: Sequence[Path]) -> dict[str, str]:
    """The stamp of each article folder's sources (``cache.stamp``; "" for a missing one) and
    of the folder itself (``folder_stamp``, under its path with a trailing ``/``)."""
    stamps: dict[str, str] = {}
    for folder in folders:
        rel = relpath(folder, root)
        base = f"{folder}{os.sep}"
        for lang in LANGS:
            stamps[f"{rel}/{lang}.md"] = stamp(f"{base}{lang}.md")
        stamps[rel + "/"] = folder_stamp(base)
    return stamps


def folder_stamp(path: str) -> str:
    """An article folder's stamp: ``ctime_ns:inode`` (an entry added, removed or renamed
    changes its ctime, which cannot be set back); "" when it cannot be read."""
    try:
        info = os.stat(path)  # noqa: PTH116 - strings: this runs for every folder
    except OSError:
        return ""
    return f"{info.st_ctime_ns}:{info.st_ino}"


def read_site(
    root: Path,
    config: Config,
    *,
    drafts: bool = False,
    folders: Sequence[Path] | None = None,
    progress: Callable[[int], None] | None = None,
    known: Known | None = None,
    listed: Listed | None = None,
    stamps: Mapping[str, str] | None = None,
) -> Site:
    """Read every article folder (or ``folders``) into a ``Site``; a source ``known`` by
    the build record is not read again, nor the files of a folder it has ``listed``
    (``stamps``: the stamps of the sources and folders, taken already)."""
    site = Site(config, config.languages, {lang: [] for lang in config.languages})
    for folder in article_folders(root) if folders is None else folders:
        reader = _Reader(root, folder, drafts, known, listed, stamps)
        for entry, skipped in reader.entries(site):
            if entry is not None:
                site.entries[entry.lang].append(entry)
            else:
                site.skipped.append(skipped)
        if progress:
            progress(1)
    for entries in site.entries.values():
        order(entries)
    return site


@dataclass(slots=True)
class _Reader:
    """One article folder's sides (``entries``)."""

    root: Path
    folder: Path
    drafts: bool
    known: Known | None
    listed: Listed | None
    stamps: Mapping[str, str] | None

    def entries(self, site: Site) -> Iterable[tuple[Entry | None, str]]:
        """Each side of the folder: an entry, or why it is left out.

        Only front matter is read (the body is read again when its page is rendered): the
        blocks ``check`` aligns are not needed to render, and parsing them took a third of a
        build. The digest is the one the result cache uses.
        """
        rel_folder = relpath(self.folder, self.root)
        assets: tuple[str, ...] | None = None
        for lang in LANGS:
            rel = f"{rel_folder}/{lang}.md"
            path = f"{self.folder}{os.sep}{lang}.md"
            now = self.stamps[rel] if self.stamps is not None else stamp(path)
            if not now:
                continue  # a missing side (one that cannot be read is said so below)
            side = self.known(rel, now) if self.known is not None else None
            if side is None:
                try:
                    side = read_side(Path(path), rel, now)
                except OSError as exc:
                    yield None, f"{rel}: {exc.strerror or exc}"
                    continue
                except SourceError as exc:
                    yield None, f"{rel}:{exc.line or 1}: {exc.message}"
                    continue
            site.sides[rel] = side
            if not published(side, self.drafts):
                status = side.fields[6]
                yield None, f"{rel}: status {status}, not published (--drafts renders it)"
                continue
            if assets is None:
                assets = self._assets(rel_folder, site)
            yield make_entry(rel, side, assets), ""

    def _assets(self, rel: str, site: Site) -> tuple[str, ...]:
        """The folder's assets: as the record lists them, when its stamp is the one recorded;
        else read (its stamp taken first, so that a change meanwhile shows next time)."""
        if self.stamps is not None:
            now = self.stamps.get(rel + "/", "")
        else:
            now = folder_stamp(f"{self.folder}{os.sep}")
        listing = self.listed(rel, now) if self.listed is not None and now else None
        if listing is None:
            listing = list_assets(self.folder)
        site.listings[rel] = (now, listing)
        return listing.assets


def published(side: Side, drafts: bool) -> bool:
    """Whether a side is published (``status: published`` or none), or ``drafts`` renders it."""
    return drafts or (side.fields[6] or PUBLISHED) == PUBLISHED


def make_entry(rel: str, side: Side, assets: tuple[str, ...]) -> Entry:
    """The entry of the published side ``rel`` (``articles/<slug>/<lang>.md``)."""
    folder, _, name = rel.rpartition("/")
    slug = folder.rpartition("/")[2]
    title, date, category, author, source, summary, _ = side.fields
    return Entry(
        slug=slug,
        lang=name.removesuffix(".md"),
        title=title or slug,
        date=_date(date) if date else None,
        category=category,
        author=author,
        source=source,
        summary=summary,
        path=rel,
        digest=side.digest,
        assets=assets,
    )


def order(entries: list[Entry]) -> None:
    """Sort a language's entries as its lists show them: newest first, then by slug."""
    entries.sort(key=lambda e: e.slug)
    entries.sort(key=lambda e: e.date or dt.date.min, reverse=True)


def read_side(path: Path, rel: str, now: str) -> Side:
    """What a source's front matter says (``FIELDS``), with its digest and ``now``, its stamp
    taken before it was read (``SourceError`` when it cannot be parsed)."""
    data = path.read_bytes()
    meta = split(decode(data, rel), rel).meta
    date = _date(meta.get("date"))
    fields = tuple(
        (date.isoformat() if date else "") if name == "date" else _text(meta.get(name))
        for name in FIELDS
    )
    return Side(now, content_digest(data), fields)


def read_body(root: Path, entry: Entry) -> str:
    """The Markdown body of ``entry``'s source, front matter removed; ``BundleError`` when the
    file changed since the site was read (the build would mix two versions of it)."""
    try:
        data = (root / entry.path).read_bytes()
    except OSError as exc:
        raise BundleError(f"cannot read: {exc.strerror or exc}", path=root / entry.path) from None
    if content_digest(data) != entry.digest:
        raise BundleError(
            "changed while the bundle was built", path=root / entry.path, hint="build again"
        )
    return split(decode(data, entry.path), entry.path).body


#: Files never published from an article folder: backups (``translate --force`` keeps the old
#: side as ``en.md.<time>.bak``; editors leave ``zh.md~`` and ``.orig``), sources of other
#: formats, and half-written files. A superseded draft must not reach the web server.
_NOT_PUBLISHED = (".bak", "~", ".orig", ".rej", ".tmp", ".md", ".markdown")


def list_assets(folder: Path) -> Listing:
    """The regular files of an article folder besides its sources, hidden ones, backups and
    other Markdown (``_NOT_PUBLISHED``) and symbolic links (to files or folders) left out: a
    link could name a file outside the content root."""
    found: list[tuple[str, ...]] = []
    deep = False
    pending: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while pending:
        path, parts = pending.pop()
        with os.scandir(path) as listing:
            for item in listing:
                if item.name.startswith(".") or item.is_symlink():
                    continue
                if item.is_dir():
                    deep = True
                    pending.append((item.path, (*parts, item.name)))
                elif (
                    item.is_file()
                    and (parts or item.name not in SOURCES)
                    and not item.name.endswith(_NOT_PUBLISHED)
                ):
                    found.append((*parts, item.name))
    return Listing(tuple("/".join(parts) for parts in sorted(found)), deep)


def _text(value: Any) -> str:
    """A front-matter value as one line of text (a list joined with commas)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None  # date-format reports it; the page shows no date
