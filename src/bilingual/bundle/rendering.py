"""Every page of a site into the new bundle folder: taken from the old bundle where its key is
unchanged, else rendered; in worker processes on large sites.

A page taken from the old bundle is hard-linked, then hashed: only when its bytes are those the
build record says were written is it kept (a page someone edited in the old bundle is rendered
again). Work goes to the workers in chunks, a few per worker in flight, so that memory holds a
bounded number of pages whatever the size of the site; workers write the files themselves and
send back their checksums and internal links only.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilingual.bundle.feeds import Located
from bilingual.bundle.links import page_links
from bilingual.bundle.pages import Page, Pages
from bilingual.bundle.record import links_json
from bilingual.bundle.site import Entry
from bilingual.bundle.write import write_new

if TYPE_CHECKING:
    from bilingual.bundle.render import Renderer

#: With ``--jobs 0`` (one process per core), sites of fewer pages are rendered in-process.
PARALLEL_FROM = 200
#: Pages per chunk sent to a worker: rendered ones, and ones taken from the old bundle.
RENDER_CHUNK = 16
REUSE_CHUNK = 256
#: Chunks in flight per worker: enough to keep it busy, few enough to bound memory.
WINDOW = 4

#: ("render", pages), ("articles", [(lang, slug), ...]) to render from the site the worker
#: has, or ("reuse", [(path, sha256), ...]).
Task = tuple[str, list[Page] | list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Item:
    """A page to write: rendered from ``page`` (an article's page from ``entry``, when there is
    no ``page``: the worker makes it from the site), or, with a ``sha256``, taken from the old
    bundle if its file there has that checksum."""

    path: str
    page: Page | None
    sha256: str | None
    located: Located
    entry: Entry | None = None
    #: Taken from the old bundle as it is: its stamp says it is the file recorded, and the new
    #: folder (the recycled spare) holds it already.
    ready: bool = False


@dataclass(frozen=True, slots=True)
class Done:
    """A page written: its SHA-256 and its internal links (JSON; empty for a page taken from
    the old bundle, whose links the record has). An empty ``sha256``: the old bundle's file was
    not what the record says, and the page must be rendered."""

    path: str
    sha256: str
    links: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """What a worker works with: the content root, the new folder, the old bundle, and the
    site (a forked worker shares it with the parent: an article's page is made there from its
    language and folder, instead of being sent)."""

    root: Path
    folder: Path
    old: Path | None
    pages: Pages


_PLACE: Place | None = None
#: The renderer of the build a process last worked for (its templates compiled once).
_RENDERER: dict[Path, Renderer] = {}


def _start(place: Place) -> None:
    global _PLACE
    _PLACE = place


def _renderer(place: Place) -> Renderer:
    if place.folder not in _RENDERER:
        from bilingual.bundle.render import Renderer

        _RENDERER.clear()
        _RENDERER[place.folder] = Renderer(place.root, place.pages.site.languages)
    return _RENDERER[place.folder]


def work(task: Task, place: Place | None = None) -> list[Done]:
    """Do one chunk: render its pages, or take them from the old bundle."""
    place = place or _PLACE
    assert place is not None
    kind, items = task
    if kind == "reuse":
        return [reuse(place, path, sha) for path, sha in items]  # type: ignore[misc]
    renderer = _renderer(place)
    if kind == "articles":
        site = place.pages.site
        pages = [place.pages.article(site.entry(lang, slug)) for lang, slug in items]  # type: ignore[misc]
    else:
        pages = items  # type: ignore[assignment]
    return [_render(renderer, place.folder, page) for page in pages]


def _render(renderer: Renderer, folder: Path, page: Page) -> Done:
    html = renderer.html(page)
    write_new(folder / page.path, html)
    links = page_links(page.path, html.decode("utf-8"))
    return Done(page.path, hashlib.sha256(html).hexdigest(), links_json(links))


def reuse(place: Place, path: str, sha: str) -> Done:
    """Link the old bundle's file into the new folder (unless it is linked there already, as in
    a recycled folder), and keep it only when its bytes are the recorded ones: hashed after
    linking, so that what is kept is what was checked."""
    assert place.old is not None
    source = place.old / path
    target = place.folder / path
    try:
        have = os.lstat(source)
        if not stat.S_ISREG(have.st_mode):
            raise FileNotFoundError(source)
        try:
            there = os.lstat(target)
        except FileNotFoundError:
            there = None
        if there is None or (there.st_ino, there.st_dev) != (have.st_ino, have.st_dev):
            target.parent.mkdir(parents=True, exist_ok=True)
            if there is not None:
                target.unlink()
            os.link(source, target)
        with target.open("rb") as handle:
            found = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        found = ""
    if found != sha:
        return Done(path, "")
    return Done(path, sha)


def run(tasks: Iterable[Task], place: Place, jobs: int, *, parallel: bool) -> Iterator[list[Done]]:
    """Each chunk's result, as chunks complete: in ``jobs`` worker processes when
    ``parallel``, else in this one."""
    if not parallel or jobs < 2:
        for task in tasks:
            yield work(task, place)
        return
    method = "fork" if sys.platform == "linux" else "spawn"
    with ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context(method), initializer=_start, initargs=(place,)
    ) as pool:
        pending: deque[Future[list[Done]]] = deque()
        try:
            for task in tasks:
                pending.append(pool.submit(work, task))
                while len(pending) >= jobs * WINDOW:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def chunked(items: Iterable[Item], on_item: Callable[[Item], None]) -> Iterator[Task]:
    """Tasks for ``items``, in chunks; ``on_item`` sees every item as it goes by."""
    chunks: dict[str, list[Any]] = {"render": [], "articles": [], "reuse": []}
    for item in items:
        on_item(item)
        if item.sha256 is not None:
            kind, work_item = "reuse", (item.path, item.sha256)
        elif item.page is not None:
            kind, work_item = "render", item.page
        else:
            assert item.entry is not None
            kind, work_item = "articles", (item.entry.lang, item.entry.slug)
        chunk = chunks[kind]
        chunk.append(work_item)
        if len(chunk) >= (REUSE_CHUNK if kind == "reuse" else RENDER_CHUNK):
            yield kind, chunk
            chunks[kind] = []
    for kind, chunk in chunks.items():
        if chunk:
            yield kind, chunk
