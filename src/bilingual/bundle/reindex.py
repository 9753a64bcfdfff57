"""The search index in a quick rebuild (``fast``): the shards that hold a changed article are
indexed again, and every other shard's files are the old bundle's, taken like its pages.

A quick rebuild changes bodies only: the same articles, with the same titles, dates and
categories, so each language has the same shards holding the same slugs as in the last build
(``search.shards_for``). A shard's index depends only on its articles' sources
(``search.shard_key``): those that hold none of the changed articles are as they were.

Pagefind is most of a quick rebuild's time, so when few pages changed it is started as soon
as the pages of their shards are in the new folder (``Early``), and works while the build
carries the rest of the old bundle over; its index is taken only if each page it read is, at
the end, the one it read.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.pages import PAGEFIND
from bilingual.bundle.record import Output
from bilingual.bundle.search import (
    Running,
    Shard,
    finish,
    index_shards,
    settle_shard,
    shard_key,
    shards_for,
    start,
)
from bilingual.bundle.tree import sha256_of
from bilingual.errors import BundleError
from bilingual.parse.discover import ARTICLES

if TYPE_CHECKING:
    from bilingual.bundle.incremental import Rendered
    from bilingual.bundle.site import Entry
    from bilingual.bundle.tree import Scan
    from bilingual.bundle.write import Files


@dataclass(frozen=True, slots=True)
class Reindex:
    """The shards to index again, with their keys."""

    shards: tuple[Shard, ...] = ()
    keys: Mapping[Shard, str] = field(default_factory=dict)

    def owns(self, path: str) -> bool:
        """Whether ``path`` is a file of a shard indexed again (not to be taken as it was)."""
        return any(shard.owns(path) for shard in self.shards)

    def prefixes(self) -> list[str]:
        """What the paths of those files start with (``owns``)."""
        found = [shard.folder for shard in self.shards]
        found += [f"{s.lang}/{PAGEFIND}/pagefind-ui." for s in self.shards if s.primary]
        return found


def plan_reindex(
    search: Sequence[str],
    changed: Sequence[Entry],
    published: Iterable[str],
    entries_of: Callable[[list[str]], list[Entry] | None],
    size: int,
    binary: Path,
    inputs: str,
) -> Reindex | None:
    """The shards of the languages of ``search`` that hold a ``changed`` article, with their
    keys. The articles of a language are those whose page is among ``published``, the old
    bundle's files (a quick rebuild has the same articles); ``entries_of`` gives the entries
    of those sources (None when the record cannot)."""
    shards: list[Shard] = []
    keys: dict[Shard, str] = {}
    for lang in search:
        edited = {entry.slug for entry in changed if entry.lang == lang}
        if not edited:
            continue
        slugs = _slugs(published, lang)
        for shard in shards_for(lang, slugs, size):
            if not edited.intersection(shard.slugs):
                continue
            entries = entries_of([f"{ARTICLES}/{slug}/{lang}.md" for slug in shard.slugs])
            if entries is None or len(entries) != len(shard.slugs):
                return None
            shards.append(shard)
            keys[shard] = shard_key(shard, binary, inputs, {e.url: e for e in entries})
    return Reindex(tuple(shards), keys)


def _slugs(published: Iterable[str], lang: str) -> list[str]:
    """The slugs of ``lang``'s article pages among the bundle's files: ``<lang>/<slug>/
    index.html`` (the one other page that deep is the search page, whose name no article
    can take: two pages would claim one path)."""
    found = []
    for path in published:
        first, _, rest = path.partition("/")
        if first == lang and rest.count("/") == 1 and rest.endswith("/index.html"):
            slug = rest[: -len("/index.html")]
            if slug != "search":
                found.append(slug)
    return found


def index_folders(scan: Scan | None, search: Sequence[str]) -> dict[str, list[str]]:
    """Each language of ``search`` with the folders of its index shards in the old bundle
    (``scan``), the primary first (the lowest number), as ``Pages`` takes them."""
    found: dict[str, list[tuple[int, str]]] = {lang: [] for lang in search}
    for path in scan.sums if scan is not None else ():
        lang, _, rest = path.partition("/")
        if (
            lang in found
            and rest.startswith(f"{PAGEFIND}/")
            and rest.endswith("/pagefind-entry.json")
        ):
            folder = path.removesuffix("pagefind-entry.json")
            found[lang].append((int(folder.split("/")[2]), folder))
    return {lang: [folder for _, folder in sorted(held)] for lang, held in found.items()}


def index_again(
    reindex: Reindex,
    binary: Path,
    files: Files,
    done: Rendered,
    previous: Mapping[str, Output],
    jobs: int,
) -> None:
    """Index the shards again into ``files`` (their pages are in its folder by now), and note
    their files in ``done``, with the old bundle's rows of the files they replace
    (``previous``), which the record drops."""
    done.previous.update((p, o) for p, o in previous.items() if reindex.owns(p))
    for shard, written in index_shards(binary, files, reindex.shards, jobs):
        _note(reindex, shard, written, done)


def _note(reindex: Reindex, shard: Shard, written: Mapping[str, str], done: Rendered) -> None:
    key = reindex.keys[shard]
    done.index.update((path, Output(key, sha, "[]")) for path, sha in written.items())
    done.indexed.append(shard.folder)


class Early:
    """Pagefind at work on the shards of a quick rebuild as soon as their pages are in the new
    folder (the changed ones rendered, the others there already or linked first), while the
    build carries the rest of the old bundle over. Its index is taken only when each page it
    read is, at the end, the one it read (``take``); else the shards are indexed again."""

    def __init__(self, reindex: Reindex, binary: Path, files: Files) -> None:
        self.reindex = reindex
        self.folder = files.folder
        #: Each page Pagefind reads: its SHA-256 and its stamp when it started.
        self.read: dict[str, tuple[str, tuple[int, ...]]] = {}
        for shard in reindex.shards:
            for slug in shard.slugs:
                path = f"{shard.lang}/{slug}/index.html"
                self.read[path] = (files.sha256(path), _stamp(files.folder / path))
        self.running: list[Running] = []
        self.work: Path | None = None
        try:
            self.work = Path(tempfile.mkdtemp(prefix="bilingual-pagefind-"))
            for i, shard in enumerate(reindex.shards):
                # A recycled folder's old index: its files may be hard links to the published
                # bundle's, which Pagefind would write into. Gone, the shard's folder is new.
                shutil.rmtree(files.folder / shard.folder, ignore_errors=True)
                output = files.folder / shard.folder
                self.running.append(
                    start(binary, files.folder / shard.lang, shard, self.work / str(i), output)
                )
        except BaseException:
            self.close()
            raise

    def take(self, files: Files, done: Rendered, previous: Mapping[str, Output]) -> bool:
        """Wait for Pagefind and claim its index, when every page it read is as it was; False
        when one is not, and the shards are to be indexed again from the folder: the build
        wrote it again, or its stamp changed but not its bytes. A page whose bytes are no longer
        those the build recorded (written into through its link to the published bundle while
        the build ran) fails the build: indexing it again would publish it under a checksum
        that is not its own."""
        for running, shard in zip(self.running, self.reindex.shards, strict=True):
            finish(running, shard)
        same = True
        for path, (sha, stamp) in self.read.items():
            recorded = files.sha256(path)
            if recorded == sha and _stamp_or_none(self.folder / path) == stamp:
                continue
            same = False
            if sha256_of(self.folder / path) != recorded:
                raise BundleError(
                    f"{path} changed while the bundle was being built",
                    path=self.folder.parent / path,
                    hint="build again (someone wrote into the bundle meanwhile)",
                )
        if not same:
            return False
        done.previous.update((p, o) for p, o in previous.items() if self.reindex.owns(p))
        for shard in self.reindex.shards:
            _note(self.reindex, shard, settle_shard(files, shard), done)
        return True

    def close(self) -> None:
        """Stop what is still at work and remove its working folder, even when stopping one is
        interrupted (the others are killed without waiting)."""
        pending, self.running = self.running, []
        try:
            while pending:
                pending[-1].stop()
                pending.pop()
        finally:
            for running in pending:
                with contextlib.suppress(OSError):
                    running.process.kill()
            if self.work is not None:
                shutil.rmtree(self.work, ignore_errors=True)


def _stamp_or_none(path: Path) -> tuple[int, ...] | None:
    try:
        return _stamp(path)
    except OSError:
        return None


def _stamp(path: Path) -> tuple[int, ...]:
    info = os.lstat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def early_pages(reindex: Reindex) -> set[str]:
    """The pages Pagefind reads for ``reindex``: those to be in the new folder before it
    starts (``Early``)."""
    return {f"{shard.lang}/{slug}/index.html" for shard in reindex.shards for slug in shard.slugs}


#: Changed pages beyond which Pagefind waits for the whole bundle: they are rendered in this
#: process ahead of the rest, which loses more than starting early saves.
EARLY_PAGES = 16


def early_fits(reindex: Reindex, changed: int, jobs: int) -> bool:
    """Whether the shards of ``reindex`` are indexed early (``Early``): when there are a few
    ``changed`` pages, and no more shards than ``jobs``, Pagefind's processes at once."""
    return bool(reindex.shards) and changed <= EARLY_PAGES and len(reindex.shards) <= max(1, jobs)


def start_early(reindex: Reindex, binary: Path, files: Files) -> Early | None:
    """Pagefind started on the shards of ``reindex`` (``Early``), when every page it reads is
    in ``files`` (else None: some are to be made again, and the shards are indexed once the
    bundle is complete)."""
    if not all(files.has(path) for path in early_pages(reindex)):
        return None
    return Early(reindex, binary, files)
