"""The site to render, read from the article folders ``bilingual.parse.discover`` finds: which
sides are published, in which order, under which categories, and which page is whose
counterpart. Nothing here renders or writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.config import Config
from bilingual.errors import SourceError
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
    #: The Markdown body, front matter removed.
    body: str
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


@dataclass(slots=True)
class Site:
    """Everything the renderer needs, in a stable order."""

    config: Config
    languages: tuple[str, str]
    #: Published sides per language, newest first (then by slug).
    entries: dict[str, list[Entry]]
    #: Sides left out (a draft, or a side that could not be read), as ``path: reason``.
    skipped: list[str] = field(default_factory=list)
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


def read_site(
    root: Path,
    config: Config,
    *,
    drafts: bool = False,
    folders: Sequence[Path] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Site:
    """Read every article folder (or ``folders``) into a ``Site``."""
    site = Site(config, config.languages, {lang: [] for lang in config.languages})
    for folder in article_folders(root) if folders is None else folders:
        for entry, skipped in _entries(root, folder, drafts):
            if entry is not None:
                site.entries[entry.lang].append(entry)
            else:
                site.skipped.append(skipped)
        if progress:
            progress(1)
    for entries in site.entries.values():
        entries.sort(key=lambda e: e.slug)
        entries.sort(key=lambda e: e.date or dt.date.min, reverse=True)
    return site


def _entries(root: Path, folder: Path, drafts: bool) -> Iterable[tuple[Entry | None, str]]:
    """Each side of an article folder: an entry, or why it is left out.

    Only front matter and body are read: the blocks ``check`` aligns are not needed to render,
    and parsing them took a third of a build. The digest is the one the result cache uses.
    """
    rel_folder = relpath(folder, root)
    for lang in LANGS:
        rel = f"{rel_folder}/{lang}.md"
        try:
            data = (folder / f"{lang}.md").read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            yield None, f"{rel}: {exc.strerror or exc}"
            continue
        try:
            source = split(decode(data, rel), rel)
        except SourceError as exc:
            yield None, f"{rel}:{exc.line or 1}: {exc.message}"
            continue
        meta = source.meta
        status = _text(meta.get("status")) or PUBLISHED
        if status != PUBLISHED and not drafts:
            yield None, f"{rel}: status {status}, not published (--drafts renders it)"
            continue
        yield (
            Entry(
                slug=folder.name,
                lang=lang,
                title=_text(meta.get("title")) or folder.name,
                date=_date(meta.get("date")),
                category=_text(meta.get("category")),
                author=_text(meta.get("author")),
                source=_text(meta.get("source")),
                summary=_text(meta.get("summary")),
                body=source.body,
                path=rel,
                digest=content_digest(data),
                assets=_assets(folder),
            ),
            "",
        )


def _assets(folder: Path) -> tuple[str, ...]:
    """The regular files of an article folder besides its sources, hidden ones and symbolic
    links left out (a link could name a file outside the content root)."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.as_posix() in SOURCES or any(p.startswith(".") for p in relative.parts):
            continue
        if path.is_file() and not path.is_symlink() and not _linked(path, folder):
            found.append(relative.as_posix())
    return tuple(found)


def _linked(path: Path, folder: Path) -> bool:
    """Whether a folder on the way to ``path`` is a symbolic link."""
    return any(parent.is_symlink() for parent in path.relative_to(folder).parents if parent.parts)


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
