"""``bundle``: check, read, render into a new folder and check its links, then swap it in:
the output folder changes only once the whole bundle is rendered and its links are known."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.feeds import Located, atom, feed_path, robots, sitemap
from bilingual.bundle.links import BrokenLink, LinkCheck
from bilingual.bundle.pages import STYLESHEET, Page, Pages
from bilingual.bundle.site import Entry, Site, read_site
from bilingual.bundle.write import Files, ensure_ours
from bilingual.config import Config
from bilingual.errors import BundleError, BundleRefused, UsageError
from bilingual.model import Finding, Severity, Summary

if TYPE_CHECKING:
    from bilingual.bundle.render import Renderer

#: Starts a task (its name and number of steps) and returns what advances it by n steps.
Progress = Callable[[str, int], Callable[[int], None]]
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Options:
    """How to build: where to, for which address, how strictly."""

    out: Path
    #: The site's public address (``https://news.example.edu.cn/``): feeds, the sitemap and
    #: ``hreflang`` alternates need absolute links. Empty: relative alternates, no feeds.
    base_url: str = ""
    #: Refuse to build when ``check`` reports errors or a page has a broken link.
    strict: bool = False
    #: Render ``status: draft`` (and any other unpublished) sides too.
    drafts: bool = False
    #: ``tar.gz`` or ``zip``: also write an archive of the bundle beside the folder.
    archive: str | None = None
    #: Worker processes for the checks (0: one per core); use the result cache.
    jobs: int = 0
    cache: bool = True
    #: A search page per language and its Pagefind index (bilingual.bundle.search).
    search: bool = True


@dataclass(slots=True)
class Result:
    """What a build did."""

    out: Path
    files: int
    pages: int
    #: Published sides per language.
    articles: dict[str, int]
    summary: Summary | None
    broken: list[BrokenLink] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    archive: Path | None = None


def build(
    root: Path,
    config: Config,
    options: Options,
    *,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> Result:
    """Build the bundle of ``root`` into ``options.out``; ``progress`` follows the reading
    of the articles and the rendering of their pages."""
    from bilingual.bundle.archive import archive_path, write_archive
    from bilingual.bundle.manifest import seal
    from bilingual.parse.discover import article_folders

    out = _output(root, options)
    folders = article_folders(root)
    summary, errors = run_checks(root, config, folders, options, warn or (lambda _: None))
    if options.strict and errors:
        raise BundleRefused(
            f"check reports {len(errors)} error(s): --strict builds nothing",
            problems=tuple(_finding_line(f) for f in errors),
            hint="run 'bilingual check' and fix them, or build without --strict",
        )
    advance = progress("reading", len(folders)) if progress else None
    site = read_site(root, config, drafts=options.drafts, folders=folders, progress=advance)
    mtime = epoch(site)
    with Files(out) as files:
        pages, broken = _render(root, site, files, options, progress)
        if options.strict and broken:
            raise BundleRefused(
                f"{len(broken)} broken internal link(s): --strict builds nothing",
                problems=tuple(str(b) for b in broken),
            )
        seal(site, files, summary, base_url=options.base_url, drafts=options.drafts, broken=broken)
        files.publish(mtime)
        archive = None
        if options.archive:
            archive = archive_path(out, options.archive)
            write_archive(files, archive, options.archive, mtime, out.name)
    return Result(
        out=out,
        files=len(files),
        pages=len(pages),
        articles={lang: len(site.entries[lang]) for lang in site.languages},
        summary=summary,
        broken=broken,
        skipped=site.skipped,
        archive=archive,
    )


def _output(root: Path, options: Options) -> Path:
    """The output folder, once it is known that it may be written."""
    if options.base_url and not options.base_url.startswith(("http://", "https://")):
        raise UsageError(
            f"--base-url must be an http or https address, not {options.base_url!r}",
            hint="e.g. --base-url https://news.example.edu.cn/",
        )
    out = options.out.resolve()
    if out == root or out in root.parents or (root / "articles") in (out, *out.parents):
        raise UsageError("--out must not hold the content root or its articles", path=out)
    ensure_ours(out)  # refuse a foreign folder before the work, not after
    return out


def _render(
    root: Path, site: Site, files: Files, options: Options, progress: Progress | None
) -> tuple[list[Located], list[BrokenLink]]:
    """Render every page, one at a time, into ``files``; then the machine files and the
    search. Returns the pages for the sitemap and the broken internal links."""
    from bilingual.bundle.render import Renderer
    from bilingual.bundle.search import add_search, searchable

    base_url = options.base_url

    entries = sum(len(found) for found in site.entries.values())
    advance = progress("rendering", entries) if progress else None
    renderer = Renderer(root, site.languages)
    links = LinkCheck()
    files.add(STYLESHEET, renderer.asset(STYLESHEET), "templates")
    pages: list[Located] = []
    search = searchable(site) if options.search else ()
    builder = Pages(site, base_url, search=search)
    for page in builder.all():
        html = renderer.render(page)
        files.add(page.path, html, page.entry.path if page.entry else page.template)
        links.page(page.path, html.decode("utf-8"))
        pages.append(_located(page))
        if page.entry is not None:
            _copy_assets(root, page.entry, files)
            if advance:
                advance(1)
    _machine_files(site, files, pages, renderer, base_url)
    if search:  # after the pages, which Pagefind reads from the folder; before the links check
        add_search(site, builder, renderer, files, links)
    return pages, links.broken(files)


def _located(page: Page) -> Located:
    alternates = tuple((a["hreflang"], a["href"]) for a in page.context.get("alternates", ()))
    return Located(page.path, alternates, page.entry.date if page.entry else None)


def _machine_files(
    site: Site, files: Files, pages: list[Located], renderer: Renderer, base_url: str
) -> None:
    """Feeds and the sitemap (absolute addresses: with a base URL only) and robots.txt."""
    from bilingual.bundle.body import render_body

    if base_url:
        for lang in site.languages:
            data = atom(
                site,
                lang,
                base_url,
                lambda e: render_body(e.body, e.title),
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


def run_checks(
    root: Path, config: Config, folders: Sequence[Path], options: Options, warn: Warn
) -> tuple[Summary, list[Finding]]:
    """What ``bilingual check`` reports on the articles (through the result cache): the
    summary and the errors."""
    from bilingual.cache import open_cache
    from bilingual.engine import Stream, cache_key, check_pairs, make_plan
    from bilingual.glossary.store import load_glossary

    plan = make_plan(config, glossary=load_glossary(root, config.glossary))
    results = open_cache(root, cache_key(plan), warn) if options.cache else None
    try:
        stream = Stream(
            check_pairs(
                root, folders, plan, jobs=options.jobs or None, cache=results, complete=True
            )
        )
        errors = [f for f in stream.findings() if f.severity is Severity.ERROR]
    finally:
        if results is not None:
            results.close()
    return stream.summary(), errors


def epoch(site: Site) -> int:
    """The time every file and archive entry carries: ``SOURCE_DATE_EPOCH`` when set (the
    reproducible-builds convention), else the newest article's date at midnight UTC."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        try:
            return max(0, int(given))
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH is not a number of seconds: {given!r}") from None
    newest = site.newest()
    if newest is None:
        return 0
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def _finding_line(finding: Finding) -> str:
    where = finding.zh if finding.primary == "zh" and finding.zh else finding.en or finding.zh
    place = f"{where.path}:{where.line}" if where and where.line else finding.article
    return f"{place}: {finding.code} {finding.check}: {finding.message}"
