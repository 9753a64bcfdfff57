"""The site to render, read from the article pairs: which sides are published, in which order,
under which categories, and which page is whose counterpart. Nothing here renders or writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.config import Config
from bilingual.errors import BundleError
from bilingual.fsutil import content_digest
from bilingual.model import Pair
from bilingual.parse.discover import article_folders, load_pair
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
        return {(e.lang, e.slug): e for entries in self.entries.values() for e in entries}


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
        pair = load_pair(root, folder)
        for entry, skipped in _entries(root, pair, drafts):
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


def _entries(root: Path, pair: Pair, drafts: bool) -> Iterable[tuple[Entry | None, str]]:
    for problem in pair.problems:
        yield None, f"{problem.path}: {problem.message}"
    for n, lang in enumerate(("zh", "en")):
        article = pair.side(lang)
        if article is None:
            continue
        status = _text(article.meta.get("status")) or PUBLISHED
        if status != PUBLISHED and not drafts:
            yield None, f"{article.path}: status {status}, not published (--drafts renders it)"
            continue
        data = (root / article.path).read_bytes()
        if content_digest(data) != pair.digests[n]:
            raise BundleError("changed while the bundle was read: build again", path=article.path)
        meta = article.meta
        yield (
            Entry(
                slug=pair.slug,
                lang=lang,
                title=_text(meta.get("title")) or pair.slug,
                date=_date(meta.get("date")),
                category=_text(meta.get("category")),
                author=_text(meta.get("author")),
                source=_text(meta.get("source")),
                summary=_text(meta.get("summary")),
                body=split(decode(data, article.path), article.path).body,
                path=article.path,
                digest=pair.digests[n],
                assets=_assets(root / pair.folder),
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
