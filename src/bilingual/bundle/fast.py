"""A rebuild that plans only what changed, when only bodies did.

When the sources are those of the last build into the output folder but for bodies (the same
sides, and everything a list shows of them, ``Side.fields``, and the same files beside them),
and the templates, catalogs and settings are too (``keys.inputs_key``), a page can differ
only if it shows a changed body: the changed articles' own pages, and a feed that carries one
of them. Every other file is the old bundle's, found unchanged by its stamps (``tree``) and
taken as it is. So the site is not read (``quick_site`` makes the part of it those pages and
feeds show, from the build record), no other page is planned or keyed, and the manifest's
list of articles is the old one with the changed digests (``manifest.patch_articles``).
Otherwise ``incremental.render_pages`` plans every page. Either way the result is the same,
byte for byte, as a full build's (tested).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.feeds import FEED_ENTRIES, atom, feed_path, robots, sitemap
from bilingual.bundle.incremental import Rendered, _copy_assets, _keep, _located
from bilingual.bundle.keys import article_key, entry_token, inputs_key, page_key
from bilingual.bundle.links import BrokenLink, broken_links
from bilingual.bundle.manifest import patch_articles
from bilingual.bundle.pages import STYLESHEET, Pages
from bilingual.bundle.reindex import (
    Reindex,
    early_fits,
    early_pages,
    index_again,
    index_folders,
    plan_reindex,
    start_early,
)
from bilingual.bundle.rendering import RENDER_CHUNK, REUSE_CHUNK, Done, Place, Task, run, work
from bilingual.bundle.site import (
    LATEST,
    Entry,
    Listing,
    Side,
    Site,
    list_assets,
    make_entry,
    published,
    read_side,
)
from bilingual.bundle.write import MANIFEST, Files
from bilingual.errors import SourceError

if TYPE_CHECKING:
    from bilingual.bundle.build import Options, Progress
    from bilingual.bundle.built import BuildState
    from bilingual.bundle.record import BuildRecord
    from bilingual.config import Config


@dataclass(slots=True)
class Quick:
    """What ``quick_site`` found: the part of the site the changed pages and the feeds show
    (each language's newest articles and the changed ones, with their counterparts, and every
    article with files beside it), the published sides whose bytes changed, the sources and
    folders read again (the record keeps them), and the manifest's articles, patched."""

    site: Site
    changed: list[Entry]
    sides: dict[str, Side]
    listings: dict[str, tuple[str, Listing]]
    articles: str
    inputs: str
    #: With search: the shards holding a changed article, to be indexed again.
    reindex: Reindex | None = None


def quick_site(
    root: Path,
    config: Config,
    options: Options,
    record: BuildRecord,
    state: BuildState,
    stamps: Mapping[str, str],
    manifest: Path,
    published: Mapping[str, str] | None = None,
) -> Quick | None:
    """The changed bodies and what shows them, when nothing else changed since the last build
    (``manifest``: the old bundle's, found unchanged, ``published``: its files); None
    otherwise. With search on, a changed page changes its search index shard, indexed again
    (``reindex``)."""
    search = _searchable(config, state, options)
    inputs = inputs_key(
        root, repr(config), options.base_url, options.drafts, config.languages, search
    )
    if inputs != state.inputs:
        return None
    sides = _read_again(root, record, stamps)
    listings = _list_again(root, record, stamps)
    if sides is None or listings is None:
        return None
    rows = record.rows()
    edited = [rel for rel, side in sides.items() if side.digest != rows[rel][1]]
    wanted = [path for lang in config.languages for path in state.newest.get(lang, ())]
    wanted += edited
    for rel, listing in _listings(record, listings).items():
        if listing.assets:  # every page with files beside it: they are copied each time
            wanted += [f"{rel}/{lang}.md" for lang in config.languages]
    wanted += [_counterpart(path) for path in wanted]
    entries = _entries(record, sides, listings, dict.fromkeys(wanted), options.drafts)
    if entries is None:
        return None
    site = Site(config, config.languages, {lang: [] for lang in config.languages})
    for entry in entries.values():  # each language's newest first, in their order
        site.entries[entry.lang].append(entry)
    changed = [entries[rel] for rel in edited if rel in entries]
    try:
        old = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    articles = patch_articles(old, {e.path: e.digest for e in changed})
    if articles is None:
        return None
    reindex = None
    if search:
        from bilingual.bundle.search import pagefind_binary

        def entries_of(rels: list[str]) -> list[Entry] | None:
            found = _entries(record, sides, listings, dict.fromkeys(rels), options.drafts)
            return None if found is None else list(found.values())

        size, binary = config.search_shard, pagefind_binary()
        reindex = plan_reindex(search, changed, published or {}, entries_of, size, binary, inputs)
        if reindex is None:
            return None
    return Quick(site, changed, sides, listings, articles, inputs, reindex)


def _searchable(config: Config, state: BuildState, options: Options) -> tuple[str, ...]:
    """The languages searched, as ``search.searchable`` finds them: those with a published
    article (a quick rebuild has the same articles as the last build)."""
    if not options.search:
        return ()
    return tuple(lang for lang in config.languages if state.articles.get(lang))


def _read_again(
    root: Path, record: BuildRecord, stamps: Mapping[str, str]
) -> dict[str, Side] | None:
    """The sources whose stamps changed, read again; None when one is new, gone, cannot be
    read or shows anything else in a list (its fields changed)."""
    rows = record.rows()
    again: dict[str, Side] = {}
    for rel in record.changed(stamps):
        if rel not in rows or not stamps.get(rel):
            return None
        try:
            again[rel] = read_side(root / rel, rel, stamps[rel])
        except (OSError, SourceError):
            return None
    recorded = record.fields(again)
    if any(recorded.get(rel) != side.fields for rel, side in again.items()):
        return None
    return again


def _list_again(
    root: Path, record: BuildRecord, stamps: Mapping[str, str]
) -> dict[str, tuple[str, Listing]] | None:
    """The files of the article folders whose stamps changed, listed again; None when what one
    publishes changed."""
    again: dict[str, tuple[str, Listing]] = {}
    for rel, (stamp, trusted, listed, _) in record.folders().items():
        if not listed:
            continue  # none of its sides is published (their fields say so still)
        now = stamps.get(rel + "/", "")
        if now == stamp and trusted and (listed == "-" or record.listing(rel, now)):
            continue  # "-": no file, no subfolder (most folders)
        try:
            listing = list_assets(root / rel)
        except OSError:
            return None
        if listing != Listing.loads(listed):
            return None
        again[rel] = (now, listing)
    return again


def _listings(record: BuildRecord, again: Mapping[str, tuple[str, Listing]]) -> dict[str, Listing]:
    """Every article folder's listing with files (most have none, kept as ``-``)."""
    found = {}
    for rel, (_, _, listed, _) in record.folders().items():
        listing = again[rel][1] if rel in again else None
        if listing is None and listed not in ("", "-"):
            listing = Listing.loads(listed)
        if listing is not None and listing.assets:
            found[rel] = listing
    return found


def _counterpart(path: str) -> str:
    folder, _, name = path.rpartition("/")
    return f"{folder}/{'en' if name == 'zh.md' else 'zh'}.md"


def _entries(
    record: BuildRecord,
    again: Mapping[str, Side],
    listings: Mapping[str, tuple[str, Listing]],
    wanted: Mapping[str, None],
    drafts: bool,
) -> dict[str, Entry] | None:
    """The entries of the published sides among ``wanted``, from the record (or as read
    again), in that order."""
    rows = record.rows()
    fields = record.fields(rel for rel in wanted if rel in rows and rel not in again)
    entries = {}
    for rel in wanted:
        side = again.get(rel)
        if side is None and rel in rows:
            if rel not in fields:
                return None
            side = Side(rows[rel][0], rows[rel][1], fields[rel])
        if side is None or not published(side, drafts):
            continue
        folder = rel.rpartition("/")[0]
        recorded = record.folder(folder) if folder not in listings else None
        listing = listings[folder][1] if folder in listings else recorded and recorded.listing
        if listing is None:
            return None
        entries[rel] = make_entry(rel, side, listing.assets)
    return entries


def carry_pages(
    root: Path,
    quick: Quick,
    files: Files,
    options: Options,
    progress: Progress | None,
    record: BuildRecord,
    state: BuildState,
    full_site: Callable[[], Site],
) -> Rendered:
    """The changed articles' pages rendered, the feeds that show them made, every other file
    taken from the old bundle (``quick_site``). The shards holding a changed article are
    indexed again from the moment their pages are in the new folder, while the rest is
    carried over (``reindex.Early``)."""
    from bilingual.bundle.search import pagefind_binary
    from bilingual.engine import default_jobs

    site, shown, inputs = quick.site, quick.changed, quick.inputs
    done = Rendered(inputs=inputs, carried=True)
    feeds = {
        lang
        for lang in site.languages
        if options.base_url and any(e in site.entries[lang][:FEED_ENTRIES] for e in shown)
    }
    made = {e.url + "index.html" for e in shown} | {feed_path(lang) for lang in feeds}
    made.add(MANIFEST)
    for entry in (e for entries in site.entries.values() for e in entries if e.assets):
        made.update(f"{entry.url}{name}" for name in entry.assets)
        _copy_assets(root, entry, files)
    reindex = quick.reindex or Reindex()
    relink = _carry(files, made, reindex)
    keys = _keys(site, inputs, shown, files)
    search = index_folders(files.known.scan, _searchable(site.config, state, options))
    done.shards = sum(len(held) for held in search.values())
    place = Place(root, files.folder, files.out, Pages(site, options.base_url, search=search))
    jobs = options.jobs or default_jobs()
    # With few changes, first the pages Pagefind reads (the changed ones and their shards'),
    # in this process, then Pagefind at work while the rest is carried over.
    first = early_pages(reindex) if early_fits(reindex, len(shown), jobs) else None
    articles: list[Task] = [
        ("articles", [(e.lang, e.slug) for e in shown[n : n + RENDER_CHUNK]])
        for n in range(0, len(shown), RENDER_CHUNK)
    ]
    ahead = [item for item in relink if first is not None and item[0] in first]
    later = [item for item in relink if first is None or item[0] not in first]
    again: set[str] = set()

    def take(chunk: list[Done]) -> None:
        for result in chunk:
            if not result.sha256:
                again.add(result.path)
            elif result.links:
                _keep(done, files, keys, result)
            else:  # linked from the old bundle: its stamp changed, the record is told
                files.written(result.path, result.sha256)
                done.relinked.append(result.path)

    early = None
    if first is not None:
        tasks = articles + _reuse(ahead)
        articles = []
        for chunk in run(tasks, place, jobs, parallel=False):
            take(chunk)
        early = start_early(reindex, pagefind_binary(), files)
    try:
        tasks = articles + _reuse(later)
        for chunk in run(tasks, place, jobs, parallel=jobs > 1 and len(later) > REUSE_CHUNK):
            take(chunk)
        _made(root, site, files, place, done, feeds, again, options.base_url, full_site)
        if reindex.shards:
            old = record.outputs_under(reindex.prefixes())
            if early is not None and early.take(files, done, old):
                done.early = len(reindex.shards)
            else:
                index_again(reindex, pagefind_binary(), files, done, old, jobs)
    finally:
        if early is not None:
            early.close()
    if progress:
        entries = sum(state.articles.values())
        progress("rendering", entries)(entries)
    done.broken = _broken(state, done, files)
    done.reused = state.pages - done.rendered
    return done


def _reuse(items: list[tuple[str, str]]) -> list[Task]:
    return [("reuse", items[n : n + REUSE_CHUNK]) for n in range(0, len(items), REUSE_CHUNK)]


def _carry(files: Files, made: set[str], reindex: Reindex) -> list[tuple[str, str]]:
    """Claim every file of the old bundle this build does not make (``made``, the shards
    indexed again): those the new folder holds already are kept as they are; the others,
    returned with their checksums, are to be linked."""
    scan = files.known.scan
    assert scan is not None
    relink = []
    for path, sha in scan.sums.items():
        if path in made or reindex.owns(path):
            continue
        files.claim(path, "the last bundle")
        info = scan.stats[path]
        if info is not None and files.holds(path, info):
            files.keep(path, info)
            files.written(path, sha)
        else:
            relink.append((path, sha))
    return relink


def _keys(site: Site, inputs: str, shown: list[Entry], files: Files) -> dict[str, str]:
    """The keys of the changed articles' pages, claimed."""
    keys = {}
    for entry in shown:
        path = entry.url + "index.html"
        files.claim(path, entry.path)
        keys[path] = _article_key(site, inputs, entry)
    return keys


def _article_key(site: Site, inputs: str, entry: Entry) -> str:
    newest = "|".join(entry_token(e) for e in site.entries[entry.lang][: LATEST + 1])
    return article_key(inputs, entry, site.counterpart(entry), newest)


def _broken(state: BuildState, done: Rendered, files: Files) -> list[BrokenLink]:
    """The broken links: those the old bundle's unchanged pages had (the bundle has the same
    files), and those of the pages rendered."""
    fresh = ((path, json.loads(out.links)) for path, out in done.outputs.items())
    kept = [BrokenLink(page, target) for page, target in state.broken if page not in done.outputs]
    return sorted([*kept, *broken_links(fresh, files)], key=lambda b: b.page)


def _made(
    root: Path,
    site: Site,
    files: Files,
    place: Place,
    done: Rendered,
    feeds: set[str],
    again: set[str],
    base_url: str,
    full_site: Callable[[], Site],
) -> None:
    """The feeds that show a changed article, made anew; and the files of the old bundle found
    not to be what was written there (someone changed one during the build) made again, from
    the whole site (``full_site``)."""
    from bilingual.bundle.body import render_body
    from bilingual.bundle.render import Renderer
    from bilingual.bundle.site import read_body

    if not (feeds or again):
        return
    renderer = Renderer(root, site.languages)

    def feed(lang: str) -> bytes:
        return atom(
            site,
            lang,
            base_url,
            lambda e: render_body(read_body(root, e), e.title),
            lambda c: renderer.category_label(lang, c),
        )

    for lang in sorted(feeds):
        files.add(feed_path(lang), feed(lang), "feed")
    if not again:
        return
    whole = full_site()
    pages = list(Pages(whole, base_url).all())
    keys: dict[str, str] = {}
    for page in pages:
        if page.path in again:
            entry = page.entry
            keys[page.path] = (
                page_key(page, done.inputs)
                if entry is None
                else _article_key(whole, done.inputs, entry)
            )
            _keep(done, files, keys, work(("render", [page]), place)[0])
    listed = [p for p in pages if p.path != "index.html"]  # the root only redirects
    other: dict[str, Callable[[], bytes]] = {
        "sitemap.xml": lambda: sitemap([_located(p) for p in listed], base_url),
        "robots.txt": lambda: robots(base_url),
        STYLESHEET: lambda: renderer.asset(STYLESHEET),
        **{feed_path(lang): (lambda lang=lang: feed(lang)) for lang in site.languages},
    }
    for path in sorted(again - set(keys)):
        files.rewrite(path, other[path]())
