"""The rows of the status board and their summary: what ``bilingual status`` shows.

A row needs each side's front matter (title, date, category, ``status``, ``translated_from``) and
what ``check`` found. The front matter is split from the file without reading its Markdown; the
findings come through the result cache with ``check``'s own plan and settings, so a status right
after a check is answered from the cache's stamps without reading a file twice.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.checks.article import STATUSES, parse_date, translation_side
from bilingual.config import Config
from bilingual.errors import SourceError, UsageError
from bilingual.model import LANGS, Article, Finding, Pair, Severity, relpath
from bilingual.parse.frontmatter import decode, split_meta
from bilingual.stale import State, original_digest, sync_state

#: A side's state, from the least advanced to the most: no file; a file whose front matter
#: cannot be read, or whose ``status`` is not one of the four; then its ``status`` (default
#: published). An article's state is that of its less advanced side.
SIDE_STATES = ("missing", "invalid", "draft", "machine", "review", "published")
#: Whether the translation matches its original: its ``translated_from`` is the original's digest
#: (current), another (stale, which check reports as stale-translation), or absent.
SYNC_STATES = tuple(state.value for state in State)
#: A translation in one of these states counts as translated in the summary.
TRANSLATED = ("review", "published")
#: The category of an article without one, in the summary (no category key can be written so).
NO_CATEGORY = "(none)"

#: Told the name of a stage ("reading" or "checking") and how many articles it covers; returns
#: what to call as articles are done, with how many.
Progress = Callable[[str, int], Callable[[int], None]]
#: A side's front matter and body, as read.
Side = tuple[dict[str, Any], str]
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class ArticleStatus:
    """One article's row: what its front matter says, and what ``check`` found in it."""

    slug: str
    #: The folder, relative to the content root (``articles/<slug>``).
    folder: str
    #: The original's date (else the translation's), or None when neither side has an ISO date.
    date: dt.date | None
    category: str | None
    #: The original's title, else the translation's.
    title: str | None
    #: The side the article was written in (``zh`` or ``en``).
    original: str
    #: Each side's state (one of ``SIDE_STATES``).
    zh: str
    en: str
    #: One of ``SYNC_STATES``; None when a side is missing or its front matter cannot be read.
    sync: str | None
    errors: int = 0
    warnings: int = 0

    @property
    def translation(self) -> str:
        """The side translated from the other."""
        return "en" if self.original == "zh" else "zh"

    def side(self, lang: str) -> str:
        """The state of side ``lang``."""
        return self.zh if lang == "zh" else self.en

    @property
    def state(self) -> str:
        """The article's state: that of its less advanced side."""
        return min(self.zh, self.en, key=SIDE_STATES.index)

    @property
    def translated(self) -> bool:
        """Whether the translation is written: in review or published."""
        return self.side(self.translation) in TRANSLATED

    @property
    def clean(self) -> bool:
        """Whether check found nothing in it."""
        return not self.errors and not self.warnings

    def counted(self, findings: Sequence[Finding]) -> ArticleStatus:
        """The row with the errors and warnings among ``findings``."""
        errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
        # Built directly: dataclasses.replace took a tenth of a warm board of 10,000 articles.
        return ArticleStatus(
            self.slug,
            self.folder,
            self.date,
            self.category,
            self.title,
            self.original,
            self.zh,
            self.en,
            self.sync,
            errors,
            len(findings) - errors,
        )


@dataclass(frozen=True, slots=True)
class Filters:
    """Which articles to show. Empty sets and None select everything."""

    categories: frozenset[str] = frozenset()
    #: Article states (``SIDE_STATES``) and sync states (``SYNC_STATES``); any one matches.
    states: frozenset[str] = frozenset()
    #: Articles dated on or after this day (undated ones are left out).
    since: dt.date | None = None

    @classmethod
    def parse(
        cls,
        categories: Iterable[str] = (),
        states: Iterable[str] = (),
        since: str | None = None,
        *,
        stale: bool = False,
    ) -> Filters:
        """Filters from the command line's values (comma-separated lists allowed); a
        ``UsageError`` for an unknown state or a date that is not ISO."""
        wanted = {s.strip().lower().replace("_", "-").replace(" ", "-") for s in _split(states)}
        wanted |= {"stale"} if stale else set()
        unknown = sorted(wanted - set(SIDE_STATES) - set(SYNC_STATES))
        if unknown:
            raise UsageError(
                f"unknown state {', '.join(map(repr, unknown))}",
                hint=f"use one of {', '.join(dict.fromkeys(SIDE_STATES + SYNC_STATES))}",
            )
        day = None
        if since is not None:
            try:
                day = dt.date.fromisoformat(since.strip())
            except ValueError:
                raise UsageError(
                    f"--since takes an ISO date such as 2023-04-02, not {since!r}"
                ) from None
        return cls(frozenset(_split(categories)), frozenset(wanted), day)

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.categories or self.states or self.since)

    def __call__(self, row: ArticleStatus) -> bool:
        """Whether ``row`` is shown."""
        if self.categories and row.category not in self.categories:
            return False
        if self.states and row.state not in self.states and row.sync not in self.states:
            return False
        return self.since is None or (row.date is not None and row.date >= self.since)


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@dataclass(frozen=True, slots=True)
class Summary:
    """The totals under the board."""

    #: Articles shown, and articles in the content root.
    articles: int
    archive: int
    #: Articles per state, in ``SIDE_STATES`` order (zeros kept).
    states: dict[str, int]
    #: Articles per sync state, in ``SYNC_STATES`` order (zeros kept); articles with a side
    #: missing or unreadable have none.
    sync: dict[str, int]
    #: Articles per category, most first, then by name; ``NO_CATEGORY`` for those without.
    categories: dict[str, int]
    translated: int
    clean: int
    errors: int
    warnings: int


def summarise(rows: Sequence[ArticleStatus], archive: int) -> Summary:
    """The totals of ``rows``, of an archive of ``archive`` articles."""
    states = Counter(row.state for row in rows)
    sync = Counter(row.sync for row in rows)
    categories = Counter(row.category or NO_CATEGORY for row in rows)
    return Summary(
        articles=len(rows),
        archive=archive,
        states={state: states[state] for state in SIDE_STATES},
        sync={state: sync[state] for state in SYNC_STATES},
        categories=dict(sorted(categories.items(), key=lambda item: (-item[1], item[0]))),
        translated=sum(row.translated for row in rows),
        clean=sum(row.clean for row in rows),
        errors=sum(row.errors for row in rows),
        warnings=sum(row.warnings for row in rows),
    )


@dataclass(frozen=True, slots=True)
class Board:
    """The articles shown, newest first, and what they were chosen from."""

    rows: tuple[ArticleStatus, ...]
    #: Articles in the content root, before the filters.
    archive: int
    filters: Filters = field(default_factory=Filters)
    #: Every category of the content root, before the filters (to name a mistyped one).
    categories: tuple[str, ...] = ()

    @property
    def unknown_categories(self) -> list[str]:
        """The categories the filters ask for that no article has."""
        return sorted(set(self.filters.categories) - set(self.categories))

    @property
    def summary(self) -> Summary:
        """The totals of the rows shown."""
        return summarise(self.rows, self.archive)


def read_row(root: Path, folder: Path, default_original: str = "zh") -> ArticleStatus:
    """An article's row from its front matter alone (no findings yet); ``default_original``
    is the side articles are translated from unless they say (the config's ``original``)."""
    rel = relpath(folder, root)
    base = str(folder) + os.sep  # strings, not Paths: joining Paths was a fifth of the time
    sources: dict[str, Side | None] = {}
    states: dict[str, str] = {}
    for lang in LANGS:
        states[lang], sources[lang] = _read_side(f"{base}{lang}.md", f"{rel}/{lang}.md")
    translation = translation_side(_pair(folder.name, rel, sources), default_original)
    original = "zh" if translation == "en" else "en"
    metas = [source[0] for source in (sources[original], sources[translation]) if source]
    return ArticleStatus(
        slug=folder.name,
        folder=rel,
        date=next(filter(None, (parse_date(meta.get("date")) for meta in metas)), None),
        category=_first_text(metas, "category"),
        title=_first_text(metas, "title"),
        original=original,
        zh=states["zh"],
        en=states["en"],
        sync=_sync(sources[original], sources[translation]),
    )


def _read_side(path: str, rel: str) -> tuple[str, Side | None]:
    """A side's state, front matter and body: the file is decoded and its front matter split
    off, its Markdown left unread."""
    try:
        with open(path, "rb") as file:  # noqa: PTH123 - a string path: see read_row
            data = file.read()
    except FileNotFoundError:
        return "missing", None
    except OSError:
        return "invalid", None
    try:
        side = split_meta(decode(data, rel), rel)
    except SourceError:
        return "invalid", None
    status = side[0].get("status", "published")
    return (status if status in STATUSES else "invalid"), side


def _pair(slug: str, folder: str, sides: dict[str, Side | None]) -> Pair:
    """A pair of front matters, for the rules that read only them."""
    articles = {
        lang: None if side is None else Article(lang, f"{folder}/{lang}.md", side[0], {}, ())
        for lang, side in sides.items()
    }
    return Pair(slug, folder, articles["zh"], articles["en"])


def _sync(original: Side | None, translation: Side | None) -> str | None:
    """What stale-translation (A107) would say of the pair, by the same digest."""
    if original is None or translation is None:
        return None
    return sync_state(translation[0], original_digest(*original)).value


def _first_text(metas: Iterable[dict[str, Any]], key: str) -> str | None:
    for meta in metas:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def collect(
    root: Path,
    config: Config,
    filters: Filters | None = None,
    *,
    warn: Warn,
    cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Board:
    """The status board of a content root: every article's row, filtered, with its findings
    (through the result cache unless ``cache`` is false), newest first."""
    from bilingual.cache import open_cache
    from bilingual.engine import cache_key, check_pairs, make_plan
    from bilingual.glossary.store import load_glossary
    from bilingual.parse.discover import article_folders

    filters = filters or Filters()
    # check's plan with the content root's settings and no selection, so that the cache rows
    # are the ones ``bilingual check`` reads and writes.
    plan = make_plan(config, (), (), load_glossary(root, config.glossary))
    folders = article_folders(root)
    done = progress("reading", len(folders)) if progress else None
    rows: list[ArticleStatus] = []
    for folder in folders:
        rows.append(read_row(root, folder, config.original))
        if done:
            done(1)
    shown = [(folder, row) for folder, row in zip(folders, rows, strict=True) if filters(row)]
    done = progress("checking", len(shown)) if progress else None
    results = open_cache(root, cache_key(plan), warn) if cache else None
    try:
        checked = check_pairs(
            root,
            [folder for folder, _ in shown],
            plan,
            jobs=jobs,
            cache=results,
            progress=done,
            complete=not filters.active,  # every article: the cache may forget any other
        )
        counted = [
            row.counted(result.findings) for (_, row), result in zip(shown, checked, strict=True)
        ]
    finally:
        if results is not None:
            results.close()
    categories = tuple(sorted({row.category for row in rows if row.category}))
    return Board(tuple(newest_first(counted)), len(rows), filters, categories)


def newest_first(rows: Iterable[ArticleStatus]) -> list[ArticleStatus]:
    """Rows by date, newest first, then by slug; undated ones last."""
    ordered = sorted(rows, key=lambda row: row.slug)
    return sorted(ordered, key=lambda row: -row.date.toordinal() if row.date else 1)
