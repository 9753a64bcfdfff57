"""``bundle``: check, read, render into a new folder and check its links, then swap it in:
the output folder changes only once the whole bundle is rendered and its links are known."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.bundle.links import BrokenLink
from bilingual.bundle.site import Site, read_site
from bilingual.bundle.write import MANIFEST, Files, ensure_ours
from bilingual.config import Config
from bilingual.errors import BundleRefused, UsageError
from bilingual.model import Finding, Severity, Summary

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
    #: Worker processes for the checks and the rendering (0: one per core); use the result
    #: cache and the build record.
    jobs: int = 0
    cache: bool = True
    #: A search page per language and its Pagefind index (bilingual.bundle.search).
    search: bool = True
    #: Render every page, whatever the build record says (it is written afresh).
    full: bool = False


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
    #: Pages rendered, and pages taken unchanged from the previous bundle.
    rendered: int = 0
    reused: int = 0
    #: Search index shards, and those of them made afresh (the others taken unchanged).
    shards: int = 0
    indexed: int = 0


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
    from bilingual.bundle.incremental import render_pages
    from bilingual.bundle.manifest import seal
    from bilingual.bundle.record import open_record
    from bilingual.parse.discover import article_folders

    out = _output(root, options)
    say = warn or (lambda _: None)
    folders = article_folders(root)
    summary, errors = run_checks(root, config, folders, options, say)
    if options.strict and errors:
        raise BundleRefused(
            f"check reports {len(errors)} error(s): --strict builds nothing",
            problems=tuple(_finding_line(f) for f in errors),
            hint="run 'bilingual check' and fix them, or build without --strict",
        )
    record = open_record(root, out, say) if options.cache else None
    try:
        advance = progress("reading", len(folders)) if progress else None
        known = record.known if record is not None and not options.full else None
        site = read_site(
            root, config, drafts=options.drafts, folders=folders, progress=advance, known=known
        )
        mtime = epoch(site)
        with Files(out) as files:
            done = render_pages(root, site, files, options, progress, record, say)
            if options.strict and done.broken:
                raise BundleRefused(
                    f"{len(done.broken)} broken internal link(s): --strict builds nothing",
                    problems=tuple(str(b) for b in done.broken),
                )
            seal(
                site,
                files,
                summary,
                base_url=options.base_url,
                drafts=options.drafts,
                broken=done.broken,
            )
            files.publish(mtime)
            if record is not None:
                manifest_sha = dict(files.digests())[MANIFEST]
                outputs = {**done.outputs, **done.index}  # the pages and the search indexes
                record.store(site.sides, outputs, done.previous, manifest_sha, files.stamps)
            archive = None
            if options.archive:
                archive = archive_path(out, options.archive)
                write_archive(files, archive, options.archive, mtime, out.name)
    finally:
        if record is not None:
            record.close()
    return Result(
        out=out,
        files=len(files),
        pages=len(done.outputs),  # the search pages too
        articles={lang: len(site.entries[lang]) for lang in site.languages},
        summary=summary,
        broken=done.broken,
        skipped=site.skipped,
        archive=archive,
        rendered=done.rendered,
        reused=done.reused,
        shards=done.shards,
        indexed=len(done.indexed),
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
