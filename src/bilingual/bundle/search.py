"""Search: a search page per language and a static Pagefind index of its articles, written
into the bundle after its pages (``--no-search`` leaves them out).

The search pages are pages like the others (``Pages.search_page``), rendered or taken from the
old bundle by their key (``bilingual.bundle.incremental``), and so is each shard of a
language's index, by a key made of what Pagefind reads of its articles' pages: made afresh
(``index_shards``) once every page, rendered or carried over, is in the new folder, before the
links are checked and the manifest written. A quick rebuild starts it earlier, as soon as the
shard's own pages are there (``reindex.Early``).

Pagefind (https://pagefind.app) reads the rendered article pages of one language (only their
``<article data-pagefind-body>``: no index, category or search page) and writes an index, with
its UI's JavaScript and CSS. The extended binary (the ``pagefind[extended]`` package) segments
Chinese, so that 张江科学会堂 is found inside a sentence.

Shards. Pagefind holds a whole index in memory while it writes it (about 150 KB an article:
1.5 GB for 10,000) and has no incremental mode, so a language's articles are split into
shards of at most ``site.search_shard`` articles, by a hash of the slug: the same article
stays in the same shard as others come and go, and a power of two of shards changes only when
the site doubles. Each shard is indexed by its own Pagefind process (as many at once as there
are workers) into ``<lang>/pagefind/<n>/``; an edit re-indexes the edited article's shard only.
The search page merges the shards in the browser (Pagefind's ``mergeIndex``): the first is
the primary index, whose WebAssembly the others share. Pagefind's UI (``pagefind-ui.js`` and
``.css``, the same for every shard) is written once, at ``<lang>/pagefind/``, with the first
shard. Each shard ranks its results by its own word statistics, which differ little between
shards of one site.

In the browser the indexes are found relative to the search page, so the search works from any
folder of a web server; browsers do not let a page read them from a ``file://`` path, where
the search page says so and the rest of the site works as before.

Each Pagefind run has a fresh working folder (Pagefind reads a ``pagefind.json`` there: the
shard's pages, as a glob) and no ``PAGEFIND_*`` variables: one language per index also keeps
``pagefind-entry.json`` byte-stable (Pagefind writes its languages in hash-map order).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.pages import PAGEFIND
from bilingual.errors import BundleError

if TYPE_CHECKING:
    from bilingual.bundle.site import Entry, Site
    from bilingual.bundle.write import Files

#: Seconds one shard may take to index (1,000 articles take about 1.5 s here).
TIMEOUT = 600
#: Pagefind's UI, which the search page loads: written once per language, with its first shard.
UI = ("pagefind-ui.css", "pagefind-ui.js")
#: What Pagefind writes that the site never loads (its other UIs and its highlighter).
UNUSED = frozenset(
    {
        "pagefind-component-ui.css",
        "pagefind-component-ui.js",
        "pagefind-highlight.js",
        "pagefind-modular-ui.css",
        "pagefind-modular-ui.js",
    }
)
#: The longest glob (the list of a shard's pages) given to Pagefind: it compiles its glob
#: into a pattern of bounded size, and a list of 8,000 slugs (270 KB) was refused ("did not
#: contain any html files") where 6,000 (200 KB) were read. Shards with long slugs are made
#: smaller to stay under it.
GLOB_MAX = 100_000
_GLOB_SPECIAL = re.compile(r"([\\{}\[\]*?,!])")


@dataclass(frozen=True, slots=True)
class Shard:
    """One index of a language's articles: number ``number`` of ``count``."""

    lang: str
    number: int
    count: int
    #: Its articles' slugs, sorted.
    slugs: tuple[str, ...]
    #: Whether Pagefind's UI is written with this shard (the language's first).
    primary: bool

    @property
    def folder(self) -> str:
        """Where its index goes in the bundle (ends in ``/``)."""
        return f"{self.lang}/{PAGEFIND}/{self.number}/"

    def owns(self, path: str) -> bool:
        """Whether the bundle file ``path`` is one of this shard's."""
        if path.startswith(self.folder):
            return True
        return self.primary and path.startswith(f"{self.lang}/{PAGEFIND}/pagefind-ui.")

    def place(self, name: str) -> str | None:
        """The bundle path of a file Pagefind wrote at ``name`` in its output folder, or None
        when the site does not keep it."""
        if name in UI:
            return f"{self.lang}/{PAGEFIND}/{name}" if self.primary else None
        if name in UNUSED:
            return None
        return self.folder + name


def searchable(site: Site) -> tuple[str, ...]:
    """The languages that get a search page: those with a published article (Pagefind
    refuses to write an empty index)."""
    return tuple(lang for lang in site.languages if site.entries[lang])


def shard_count(slugs: Sequence[str], size: int) -> int:
    """How many shards the articles of ``slugs`` take: the least power of two that puts at
    most ``size`` in each on average and keeps each shard's list of pages within what
    Pagefind accepts (``GLOB_MAX``)."""
    hashes = [_hash(slug) for slug in slugs]
    count = 1
    while len(slugs) > count * size or _too_long(slugs, hashes, count):
        count *= 2
    return count


def shard_of(slug: str, count: int) -> int:
    """The shard of an article: a hash of its slug (stable across runs and machines)."""
    return _hash(slug) % count


def shards_of(site: Site, lang: str, size: int) -> list[Shard]:
    """``lang``'s shards that hold an article, in order; the first is the primary."""
    return shards_for(lang, [entry.slug for entry in site.entries[lang]], size)


def shards_for(lang: str, slugs: Sequence[str], size: int) -> list[Shard]:
    """The shards of ``lang``'s articles ``slugs`` that hold one, in order; the first is the
    primary."""
    count = shard_count(slugs, size)
    held: list[list[str]] = [[] for _ in range(count)]
    for slug in slugs:
        held[shard_of(slug, count)].append(slug)
    found = [(n, tuple(sorted(these))) for n, these in enumerate(held) if these]
    return [Shard(lang, n, count, these, i == 0) for i, (n, these) in enumerate(found)]


def shard_key(shard: Shard, binary: Path, inputs: str, entries: Mapping[str, Entry]) -> str:
    """What a shard's index is made from: the Pagefind binary, ``inputs`` (the tool, its
    templates and settings), the shard's place and its articles' sources (``entries``, by
    URL). Nothing else of an article page reaches the index (the lists and the switcher are
    outside its ``data-pagefind-body``), so a new article re-renders every page of its
    language's "Latest News" but re-indexes its own shard only."""
    from bilingual.bundle.keys import source_token

    info = binary.stat()
    hasher = hashlib.blake2b(
        f"{binary}:{info.st_size}:{info.st_mtime_ns}:{inputs}:{shard!r}".encode()
    )
    for slug in shard.slugs:
        entry = entries[f"{shard.lang}/{slug}/"]
        hasher.update(f"\x00{entry.url}\x00{source_token(entry)}".encode())
    return hasher.hexdigest()


def _hash(slug: str) -> int:
    return int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=8).digest(), "big")


def _too_long(slugs: Sequence[str], hashes: Sequence[int], count: int) -> bool:
    """Whether a shard's glob would be longer than ``GLOB_MAX``."""
    lengths = [0] * count
    for slug, hashed in zip(slugs, hashes, strict=True):
        lengths[hashed % count] += len(slug) + 1
    return count < len(slugs) and max(lengths) > GLOB_MAX


def pagefind_binary() -> Path:
    """The extended Pagefind binary the ``pagefind[extended]`` package ships."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        raise BundleError(
            "the Pagefind binary is not installed (the package pagefind-bin-extended)",
            hint="pip install 'pagefind[extended]', or build without search: --no-search",
        ) from None


def index_shards(
    binary: Path,
    files: Files,
    todo: Sequence[Shard],
    jobs: int,
    advance: Callable[[int], None] | None = None,
) -> Iterator[tuple[Shard, dict[str, str]]]:
    """Index each shard of ``todo`` from the pages in ``files``'s folder (the bundle being
    written), ``jobs`` Pagefind processes at a time, each writing straight into the shard's
    folder there. Yields each shard with its files' checksums, by path, in ``todo``'s order."""
    for shard in todo:
        # A recycled folder's old index: its files may be hard links to the published
        # bundle's, which Pagefind would write into. Gone, the shard's folder is new.
        shutil.rmtree(files.folder / shard.folder, ignore_errors=True)
    with (
        tempfile.TemporaryDirectory(prefix="bilingual-pagefind-") as work,
        ThreadPoolExecutor(max_workers=max(1, jobs)) as pool,
    ):
        runs = [
            pool.submit(_run, binary, files.folder, shard, Path(work, str(i)))
            for i, shard in enumerate(todo)
        ]
        for shard, run in zip(todo, runs, strict=True):
            run.result()
            written = settle_shard(files, shard)
            if advance:
                advance(1)
            yield shard, written


def settle_shard(files: Files, shard: Shard) -> dict[str, str]:
    """Claim what Pagefind wrote into ``shard``'s folder, in path order: its UI moved up to
    the language's folder (the primary's) or removed, as are the files the site never loads.
    Each file's SHA-256, by path."""
    output = files.folder / shard.folder
    written = {}
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        name = shard.place(path.relative_to(output).as_posix())
        if name is None:
            path.unlink()
            continue
        target = files.folder / name
        if target != path:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # a recycled folder's: maybe a link to a published file
            path.replace(target)
        files.claim(name, "pagefind")
        sha = hashlib.sha256(target.read_bytes()).hexdigest()
        files.written(name, sha, fresh=True)  # anew: the record must not take it for a link
        written[name] = sha
    return written


def _run(binary: Path, folder: Path, shard: Shard, work: Path) -> None:
    """Pagefind on ``shard``'s pages in ``folder``, into the shard's folder there; ``work`` is
    its working folder."""
    finish(start(binary, folder / shard.lang, shard, work, folder / shard.folder), shard)


def start(binary: Path, site: Path, shard: Shard, work: Path, output: Path) -> Running:
    """Pagefind started on ``shard``'s pages in ``site`` (a language's folder), writing into
    ``output``; ``work`` is its working folder, made here."""
    work.mkdir()
    pages = ",".join(_GLOB_SPECIAL.sub(r"\\\1", slug) for slug in shard.slugs)
    (work / "pagefind.json").write_text(json.dumps({"glob": f"{{{pages}}}/index.html"}))
    command = [
        str(binary),
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--keep-index-url",  # result links name index.html, as every link of the site
        "--silent",
    ]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        process = subprocess.Popen(
            command,
            cwd=work,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except OSError as exc:
        raise BundleError(f"Pagefind could not index {_what(shard)}: {exc}", path=binary) from None
    return Running(process, binary, output)


@dataclass(frozen=True, slots=True)
class Running:
    """A Pagefind process at work, and where it writes."""

    process: subprocess.Popen[str]
    binary: Path
    output: Path

    def stop(self) -> None:
        """End it, if it is still at work (the build failed meanwhile)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def finish(running: Running, shard: Shard) -> None:
    """Wait for ``running`` to end; a clear error when it failed or took too long."""
    what = _what(shard)
    try:
        stdout, stderr = running.process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        running.stop()
        raise BundleError(
            f"Pagefind could not index {what}: it took more than {TIMEOUT} s", path=running.binary
        ) from None
    if running.process.returncode != 0 or not running.output.is_dir():
        said = (stderr or stdout).strip().splitlines()
        raise BundleError(
            f"Pagefind could not index {what} (exit {running.process.returncode}): "
            + (said[-1] if said else "no message"),
            path=running.binary,
            hint="build without search: --no-search",
        )


def _what(shard: Shard) -> str:
    return f"{shard.lang} (shard {shard.number} of {shard.count})"
