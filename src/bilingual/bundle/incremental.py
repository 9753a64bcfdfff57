"""Rendering a site into the new bundle folder, page by page, rendering only what changed.

Each page's key (``record.page_key``) is compared with the one the build record kept for the
file in the old bundle: an unchanged page is taken from there (``rendering``), any other is
rendered. The files every page lists or links to (feeds, the sitemap, ``robots.txt``, the
stylesheet and the articles' own files) are made afresh each time: they are few, or cheap. A
language's search index, once all its pages are in the folder, is taken from the old bundle
when its key (every file Pagefind reads, by checksum) is unchanged, else made afresh.
The result is the same, byte for byte, as a build that renders every page.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.feeds import Located, atom, feed_path, robots, sitemap
from bilingual.bundle.keys import article_key, entry_token, inputs_key, page_key
from bilingual.bundle.links import BrokenLink, broken_links
from bilingual.bundle.pages import PAGEFIND, SEARCH_SCRIPT, STYLESHEET, Page, Pages
from bilingual.bundle.record import BuildRecord, Output
from bilingual.bundle.rendering import (
    PARALLEL_FROM,
    RENDER_CHUNK,
    REUSE_CHUNK,
    Done,
    Item,
    Place,
    Task,
    chunked,
    reuse,
    run,
    work,
)
from bilingual.bundle.search import Shard, index_shards, shard_key, shards_of
from bilingual.bundle.site import LATEST, Entry, Site
from bilingual.bundle.write import MANIFEST, Files, stamp_of
from bilingual.errors import BundleError

if TYPE_CHECKING:
    from bilingual.bundle.build import Options, Progress
    from bilingual.bundle.render import Renderer

Warn = Callable[[str], None]


@dataclass(slots=True)
class Rendered:
    """What rendering the pages gave: the pages for the sitemap, the broken links, each page's
    record, and the records of the old bundle."""

    located: list[Located] = field(default_factory=list)
    broken: list[BrokenLink] = field(default_factory=list)
    outputs: dict[str, Output] = field(default_factory=dict)
    previous: dict[str, Output] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    #: The search indexes' files, recorded like pages (no links); the shards indexed anew.
    index: dict[str, Output] = field(default_factory=dict)
    indexed: list[str] = field(default_factory=list)
    #: Shards indexed while the rest was carried over (``reindex.Early``).
    early: int = 0
    shards: int = 0
    #: The key of what every page depends on (``keys.inputs_key``); files of the old bundle
    #: linked into the new folder, whose stamps changed (``fast.carry_pages``).
    inputs: str = ""
    relinked: list[str] = field(default_factory=list)
    #: Made by ``fast.carry_pages``: ``outputs`` holds the pages rendered only.
    carried: bool = False


def render_pages(
    root: Path,
    site: Site,
    files: Files,
    options: Options,
    progress: Progress | None,
    record: BuildRecord | None,
    warn: Warn,
) -> Rendered:
    """Every page into ``files`` (from the old bundle where unchanged), then the machine
    files and the search index of each language; the links checked."""
    from bilingual.bundle.render import Renderer
    from bilingual.bundle.search import pagefind_binary, searchable
    from bilingual.engine import default_jobs

    renderer = Renderer(root, site.languages)
    # Every page shows a search box or not: the languages searched are part of every key.
    search = searchable(site) if options.search else ()
    binary = pagefind_binary() if search else None  # missing: say so before the work
    shards = {lang: shards_of(site, lang, site.config.search_shard) for lang in search}
    inputs = inputs_key(
        root, repr(site.config), options.base_url, options.drafts, site.languages, search
    )
    done = Rendered(inputs=inputs)
    if record is not None and not options.full:
        done.previous = record.outputs(_manifest_sha(files.out))
    files.add(STYLESHEET, renderer.asset(STYLESHEET), "templates")
    if search:
        files.add(SEARCH_SCRIPT, renderer.asset(SEARCH_SCRIPT), "templates")
    entries = sum(len(found) for found in site.entries.values())
    advance = progress("rendering", entries) if progress else None
    keys: dict[str, str] = {}
    tokens: dict[int, str] = {}
    pages = Pages(
        site,
        options.base_url,
        search={lang: [s.folder for s in held] for lang, held in shards.items()},
    )

    def claim(path: str, key: str, by: str) -> tuple[str | None, bool]:
        """Reserve the page's path: the checksum its old file must have to be taken (None
        when it must be rendered), and whether it is ready (``_ready``)."""
        keys[path] = key
        files.claim(path, by)
        was = done.previous.get(path)
        if was is None or was.key != key:
            return None, False
        return was.sha256, record is not None and _ready(record, files, path, was)

    def made(page: Page) -> Item:
        sha, ready = claim(page.path, page_key(page, inputs, tokens), page.template)
        return Item(page.path, page, sha, _located(page), ready=ready)

    def plan() -> Iterator[Item]:
        # In the order of Pages.all, so that two pages claiming one path are named alike.
        yield made(pages.root())
        for lang in site.languages:
            yield from (made(page) for page in pages.indexes(lang))
            yield from (made(page) for page in pages.category_pages(lang))
            newest = "|".join(entry_token(e) for e in site.entries[lang][: LATEST + 1])
            for entry in site.entries[lang]:
                path = entry.url + "index.html"
                counterpart = site.counterpart(entry)
                key = article_key(inputs, entry, counterpart, newest)
                sha, ready = claim(path, key, entry.path)
                target = counterpart.url if counterpart else None
                alternates = tuple(pages.alternates(path, lang, target))
                # The page itself is made where it is rendered, if it is.
                located = Located(path, alternates, entry.date)
                yield Item(path, None, sha, located, entry, ready=ready)
            if lang in pages.search:
                yield made(pages.search_page(lang))

    def on_item(item: Item) -> None:
        if item.page is None or item.page.template != "search.html":  # not for the sitemap
            done.located.append(item.located)
        if item.entry is not None:
            _copy_assets(root, item.entry, files)
            if advance:
                advance(1)

    def triage(items: Iterator[Item]) -> Iterator[Item]:
        """The items with work to do; the others (ready) are kept here and now."""
        for item in items:
            if item.ready and item.sha256:
                on_item(item)
                _keep(done, files, keys, Done(item.path, item.sha256))
            else:
                yield item

    tasks = chunked(triage(plan()), on_item)
    # Worker processes pay when there is enough to do: look ahead until there is.
    head: list[Task] = []
    weight = 0
    for task in tasks:
        head.append(task)
        weight += len(task[1]) // (REUSE_CHUNK // RENDER_CHUNK if task[0] == "reuse" else 1)
        if weight >= PARALLEL_FROM:
            break
    jobs = options.jobs or default_jobs()
    parallel = options.jobs > 1 or (jobs > 1 and weight >= PARALLEL_FROM)
    place = Place(root, files.folder, files.out if done.previous else None, pages)
    again: set[str] = set()
    for chunk in run(itertools.chain(head, tasks), place, jobs, parallel=parallel):
        for result in chunk:
            if result.sha256:
                _keep(done, files, keys, result)
            else:
                again.add(result.path)
    if again:
        warn(
            f"{len(again)} file(s) of the old bundle were not what was written there, "
            f"e.g. {files.out / min(again)}: rendered again"
        )
        for page in pages.all():
            if page.path in again:
                _keep(done, files, keys, work(("render", [page]), place)[0])
    _machine_files(root, site, files, done.located, renderer, options.base_url)
    if binary is not None:  # every page is in the folder now, which Pagefind reads
        entries = {e.url: e for lang in search for e in site.entries[lang]}
        done.shards = sum(len(held) for held in shards.values())
        _search_indexes(files, shards, entries, binary, inputs, done, record, place, jobs, progress)
    links = ((path, json.loads(out.links)) for path, out in done.outputs.items())
    done.broken = broken_links(links, files)
    return done


def _search_indexes(
    files: Files,
    shards: dict[str, list[Shard]],
    entries: dict[str, Entry],
    binary: Path,
    inputs: str,
    done: Rendered,
    record: BuildRecord | None,
    place: Place,
    jobs: int,
    progress: Progress | None,
) -> None:
    """Each shard's Pagefind index: the old bundle's when it was made by the same Pagefind
    from the same articles (``search.shard_key``) and its files verify (as pages do); else made
    afresh. A body edit of one article re-indexes that article's shard only."""
    by_key: dict[str, dict[str, Output]] = {}
    for path, was in done.previous.items():
        if path.startswith(tuple(f"{lang}/{PAGEFIND}/" for lang in shards)):
            by_key.setdefault(was.key, {})[path] = was
    todo: list[tuple[Shard, str]] = []
    for lang_shards in shards.values():
        for shard in lang_shards:
            key = shard_key(shard, binary, inputs, entries)
            kept = _kept_index(by_key.get(key, {}), files, record, place)
            if kept is None:
                todo.append((shard, key))
                continue
            for path, sha in kept.items():
                files.claim(path, "pagefind")
                files.written(path, sha)
            done.index.update((path, Output(key, sha, "[]")) for path, sha in kept.items())
    if not todo:
        return
    advance = progress("indexing", len(todo)) if progress else None
    keys = dict(todo)
    made = index_shards(binary, files, [shard for shard, _ in todo], jobs, advance)
    for shard, written in made:
        done.index.update((path, Output(keys[shard], sha, "[]")) for path, sha in written.items())
        done.indexed.append(shard.folder)


def _kept_index(
    old: dict[str, Output], files: Files, record: BuildRecord | None, place: Place
) -> dict[str, str] | None:
    """The old bundle's files of one shard's index, by path, when each is there as written;
    None when there are none or one is not."""
    if not old:
        return None
    kept = {}
    for path, was in old.items():
        ready = record is not None and _ready(record, files, path, was)
        if not ready and not reuse(place, path, was.sha256).sha256:
            return None  # not what was written: made afresh
        kept[path] = was.sha256
    return kept


def _ready(record: BuildRecord, files: Files, path: str, was: Output) -> bool:
    """Whether the old bundle's file is, by its stamp, the one the record describes (every
    file's is, when the output folder's stamps are those recorded: ``tree``), and the new
    folder (a recycled spare) holds it already: nothing to do, not even to hash it."""
    info = files.published_stat(path)
    if info is None or not files.holds(path, info):
        return False
    if not (files.trusted or record.trusts(was, stamp_of(info))):
        return False
    files.keep(path, info)
    return True


def _keep(done: Rendered, files: Files, keys: dict[str, str], result: Done) -> None:
    if result.links:
        done.rendered += 1
        links = result.links
    else:
        done.reused += 1
        links = done.previous[result.path].links
    done.outputs[result.path] = Output(keys[result.path], result.sha256, links)
    files.written(result.path, result.sha256, fresh=bool(result.links))


def _manifest_sha(out: Path) -> str:
    """The SHA-256 of the old bundle's manifest, or "" when there is none."""
    try:
        return hashlib.sha256((out / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return ""


def _located(page: Page) -> Located:
    alternates = tuple((a["hreflang"], a["href"]) for a in page.context.get("alternates", ()))
    return Located(page.path, alternates, page.entry.date if page.entry else None)


def _machine_files(
    root: Path, site: Site, files: Files, pages: list[Located], renderer: Renderer, base_url: str
) -> None:
    """Feeds and the sitemap (absolute addresses: with a base URL only) and robots.txt."""
    from bilingual.bundle.body import render_body
    from bilingual.bundle.site import read_body

    if base_url:
        for lang in site.languages:
            data = atom(
                site,
                lang,
                base_url,
                lambda e: render_body(read_body(root, e), e.title),
                lambda c, lang=lang: renderer.category_label(lang, c),
            )
            files.add(feed_path(lang), data, "feed")
        listed = [p for p in pages if p.path != "index.html"]  # the root only redirects
        files.add("sitemap.xml", sitemap(listed, base_url), "sitemap")
    files.add("robots.txt", robots(base_url), "robots")


def _copy_assets(root: Path, entry: Entry, files: Files) -> None:
    folder = root / entry.path.rsplit("/", 1)[0]
    for name in entry.assets:
        try:
            data = (folder / name).read_bytes()
        except OSError as exc:
            raise BundleError(f"cannot read: {exc.strerror or exc}", path=folder / name) from None
        files.add(f"{entry.url}{name}", data, f"{entry.path.rsplit('/', 1)[0]}/{name}")
