"""``bundle``: check, read, render into a new folder and check its links, then swap it in:
the output folder changes only once the whole bundle is rendered and its links are known.

A rebuild renders only the changed articles' pages when nothing else changed
(``fast.carry_pages``), else plans every page (``incremental.render_pages``)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.feeds import FEED_ENTRIES
from bilingual.bundle.links import BrokenLink
from bilingual.bundle.recycle import Known
from bilingual.bundle.site import Listing, Side, Site, read_site
from bilingual.bundle.write import MANIFEST, Files, ensure_ours
from bilingual.config import Config
from bilingual.errors import BundleRefused, UsageError
from bilingual.model import Finding, Summary, relpath

if TYPE_CHECKING:
    from bilingual.bundle.built import BuildState
    from bilingual.bundle.checking import Checks
    from bilingual.bundle.fast import Quick
    from bilingual.bundle.incremental import Rendered
    from bilingual.bundle.record import BuildRecord, Stored

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
    #: Of those, the shards indexed while the rest of the old bundle was carried over
    #: (``reindex.Early``).
    early: int = 0
    #: Only the changed articles' pages were planned (``fast``): nothing else had changed.
    quick: bool = False


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
    from bilingual.bundle.record import open_record
    from bilingual.bundle.tree import files_ok, scan

    out = _output(root, options)
    say = warn or (lambda _: None)
    record = open_record(root, out, say) if options.cache else None
    try:
        state = record.state() if record is not None else None
        found = scan(out, state.tree if state else None)
        if found is not None and state is not None:
            found.stat_files()
            files_ok(found, state.tree)  # its folders are checked before the swap
        else:
            ensure_ours(out)  # refuse a foreign folder before the work, not after
        known = Known(found, state.tree, state.spare, state.fresh, state.same) if state else Known()
        return _build(root, config, options, out, progress, say, record, state, known)
    finally:
        if record is not None:
            record.close()


def _build(
    root: Path,
    config: Config,
    options: Options,
    out: Path,
    progress: Progress | None,
    say: Warn,
    record: BuildRecord | None,
    state: BuildState | None,
    known: Known,
) -> Result:
    from bilingual.bundle.checking import start_checks
    from bilingual.bundle.fast import carry_pages, quick_site
    from bilingual.bundle.incremental import render_pages
    from bilingual.bundle.site import source_stamps
    from bilingual.parse.discover import article_folders

    folders = article_folders(root)
    stamps = source_stamps(root, folders)  # once, for the checks and the site
    use = record if record is not None and not options.full else None
    last = state if use is not None else None
    # The checks run beside the reading (and, without --strict, the rendering).
    pending = start_checks(root, config, folders, options, say, record=use, state=last,
                           stamps=stamps)  # fmt: skip

    def full_site() -> Site:
        return read_site(
            root,
            config,
            drafts=options.drafts,
            folders=folders,
            progress=progress("reading", len(folders)) if progress else None,
            known=use.known if use else None,
            listed=use.listing if use else None,
            stamps=stamps,
        )

    quick = None
    if use is not None and last is not None and known.scan and known.scan.trusted:
        quick = quick_site(
            root, config, options, use, last, stamps, out / MANIFEST, known.scan.sums
        )
        if quick is not None and epoch(quick.site) != last.epoch:
            quick = None
    site = quick.site if quick else full_site()
    if options.strict:  # nothing is written before they say there is no error
        _refuse(pending.result())
    with Files(out, known=known) as files:
        if quick is not None and use is not None and last is not None:
            done = carry_pages(root, quick, files, options, progress, use, last, full_site)
        else:
            done = render_pages(root, site, files, options, progress, record, say)
        return _finish(root, folders, site, files, done, pending.result(), options, record,
                       _About.of(site, quick, last))  # fmt: skip


def _finish(
    root: Path,
    folders: Sequence[Path],
    site: Site,
    files: Files,
    done: Rendered,
    checks: Checks,
    options: Options,
    record: BuildRecord | None,
    about: _About,
) -> Result:
    """Seal the bundle (manifest, checksums), swap it in, keep what the record needs, and
    write the archive."""
    from bilingual.bundle.archive import archive_path, write_archive
    from bilingual.bundle.manifest import seal

    if options.strict and done.broken:
        raise BundleRefused(
            f"{len(done.broken)} broken internal link(s): --strict builds nothing",
            problems=tuple(str(b) for b in done.broken),
        )
    mtime = epoch(site)
    seal(site, files, checks.summary, base_url=options.base_url, drafts=options.drafts,
         broken=done.broken, articles=about.articles_text)  # fmt: skip
    files.publish(mtime)
    if record is not None:
        record.store(_stored(root, folders, files, done, checks, mtime, about, record))
    archive = None
    if options.archive:
        archive = archive_path(files.out, options.archive)
        write_archive(files, archive, options.archive, mtime, files.out.name)
    return Result(
        out=files.out,
        files=len(files),
        pages=done.rendered + done.reused,  # the search pages too
        articles=dict(about.articles),
        summary=checks.summary,
        broken=done.broken,
        skipped=list(about.skipped),
        archive=archive,
        rendered=done.rendered,
        reused=done.reused,
        shards=done.shards,
        indexed=len(done.indexed),
        early=done.early,
        quick=done.carried,
    )


@dataclass(frozen=True, slots=True)
class _About:
    """What the record keeps of the site (``BuildState``), and what it read: the sources and
    the article folders listed (every one, or those read again, ``complete`` or not)."""

    newest: dict[str, tuple[str, ...]]
    articles: dict[str, int]
    skipped: tuple[str, ...]
    sides: Mapping[str, Side]
    listings: Mapping[str, tuple[str, Listing]]
    complete: bool
    #: The manifest's articles, written already (``fast.quick_site``).
    articles_text: str | None = None

    @classmethod
    def of(cls, site: Site, quick: Quick | None, last: BuildState | None) -> _About:
        if quick is not None and last is not None:
            return cls(
                last.newest,
                last.articles,
                last.skipped,
                quick.sides,
                quick.listings,
                complete=False,
                articles_text=quick.articles,
            )
        return cls(
            {
                lang: tuple(e.path for e in site.entries[lang][:FEED_ENTRIES])
                for lang in site.languages
            },
            {lang: len(site.entries[lang]) for lang in site.languages},
            tuple(site.skipped),
            site.sides,
            site.listings,
            complete=True,
        )


def _stored(
    root: Path,
    folders: Sequence[Path],
    files: Files,
    done: Rendered,
    checks: Checks,
    mtime: int,
    about: _About,
    record: BuildRecord,
) -> Stored:
    """What the record keeps of this build."""
    from bilingual.bundle.built import BuildState
    from bilingual.bundle.record import Folder, Stored

    if about.complete:
        rels: Iterable[str] = (relpath(folder, root) for folder in folders)
    else:
        rels = {*checks.counts, *about.listings}
    kept = {}
    for rel in rels:
        was = record.folder(rel)
        stamp, listing = about.listings.get(rel, ("", None))
        if not about.complete and rel not in about.listings and was is not None:
            stamp, listing = was.stamp, was.listing
        counts = checks.counts.get(rel) or (was.checks if was else None)
        kept[rel] = Folder(stamp, listing, counts)
    summary = checks.summary
    assert files.state is not None  # published, with its SHA256SUMS
    state = BuildState(
        tree=files.state,
        spare=files.spare_state,
        fresh=frozenset(files.fresh),
        inputs=done.inputs,
        plan=checks.plan,
        epoch=mtime,
        pages=done.rendered + done.reused,
        summary=(summary.articles, summary.errors, summary.warnings, summary.suppressed),
        broken=tuple((b.page, b.target) for b in done.broken),
        newest=about.newest,
        articles=about.articles,
        skipped=about.skipped,
        same=_same_files(files),
    )
    return Stored(
        sides=about.sides,
        folders=kept,
        outputs={**done.outputs, **done.index},  # the pages and the search indexes
        previous=done.previous,
        stamps=files.stamps,
        manifest_sha=files.sha256(MANIFEST),
        state=state,
        complete=about.complete and not done.carried,
        restamp={path: files.stamps[path] for path in done.relinked},
    )


def _same_files(files: Files) -> bool:
    """Whether the bundle has the files the output folder had (its spare now)."""
    scan = files.known.scan
    return (
        scan is not None and len(files) == len(scan.sums) + 1 and all(p in files for p in scan.sums)
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
    return out


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


def _refuse(checks: Checks) -> None:
    """``--strict``: build nothing when the checks report errors."""
    if checks.errors:
        raise BundleRefused(
            f"check reports {len(checks.errors)} error(s): --strict builds nothing",
            problems=tuple(_finding_line(f) for f in checks.errors),
            hint="run 'bilingual check' and fix them, or build without --strict",
        )


def _finding_line(finding: Finding) -> str:
    where = finding.zh if finding.primary == "zh" and finding.zh else finding.en or finding.zh
    place = f"{where.path}:{where.line}" if where and where.line else finding.article
    return f"{place}: {finding.code} {finding.check}: {finding.message}"
