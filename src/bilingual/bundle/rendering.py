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
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.links import page_links
from bilingual.bundle.pages import Page
from bilingual.bundle.record import links_json

if TYPE_CHECKING:
    from bilingual.bundle.render import Renderer

#: With ``--jobs 0`` (one process per core), sites of fewer pages are rendered in-process.
PARALLEL_FROM = 200
#: Pages per chunk sent to a worker: rendered ones, and ones taken from the old bundle.
RENDER_CHUNK = 16
REUSE_CHUNK = 256
#: Chunks in flight per worker: enough to keep it busy, few enough to bound memory.
WINDOW = 4

Task = tuple[str, list[Page] | list[tuple[str, str]]]


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
    """Where a worker works: the content root, the new folder and the old bundle."""

    root: Path
    folder: Path
    old: Path | None
    languages: tuple[str, ...]


_PLACE: Place | None = None
#: The renderer of the place a process last worked for (its templates compiled once).
_RENDERER: dict[Place, Renderer] = {}


def _start(place: Place) -> None:
    global _PLACE
    _PLACE = place


def _renderer(place: Place) -> Renderer:
    if place not in _RENDERER:
        from bilingual.bundle.render import Renderer

        _RENDERER.clear()
        _RENDERER[place] = Renderer(place.root, place.languages)
    return _RENDERER[place]


def work(task: Task, place: Place | None = None) -> list[Done]:
    """Do one chunk: render its pages, or take them from the old bundle."""
    place = place or _PLACE
    assert place is not None
    kind, items = task
    if kind == "render":
        renderer = _renderer(place)
        return [_render(renderer, place.folder, page) for page in items]  # type: ignore[arg-type]
    return [_reuse(place, path, sha) for path, sha in items]  # type: ignore[misc]


def _render(renderer: Renderer, folder: Path, page: Page) -> Done:
    html = renderer.html(page)
    write_file(folder / page.path, html)
    links = page_links(page.path, html.decode("utf-8"))
    return Done(page.path, hashlib.sha256(html).hexdigest(), links_json(links))


def _reuse(place: Place, path: str, sha: str) -> Done:
    """Link the old bundle's file into the new folder, and keep it only when its bytes are the
    recorded ones (hashed after linking: what is kept is what was checked)."""
    assert place.old is not None
    target = place.folder / path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(place.old / path, target)
        with target.open("rb") as handle:
            found = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        found = ""
    if found != sha:
        target.unlink(missing_ok=True)
        return Done(path, "")
    return Done(path, sha)


def write_file(target: Path, data: bytes) -> None:
    """Write a new file of the bundle (its folders made as needed)."""
    from bilingual.errors import BundleError

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise BundleError(f"cannot write the bundle: {exc.strerror or exc}", path=target) from None


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


def chunked(
    pages: Iterable[tuple[Page, str | None]], on_page: Callable[[Page], None]
) -> Iterator[Task]:
    """Tasks for ``pages`` (each with the SHA-256 its old file must have to be taken, or None
    to render it), in chunks; ``on_page`` sees every page as it goes by."""
    render: list[Page] = []
    reuse: list[tuple[str, str]] = []
    for page, sha in pages:
        on_page(page)
        if sha is None:
            render.append(page)
            if len(render) >= RENDER_CHUNK:
                yield "render", render
                render = []
        else:
            reuse.append((page.path, sha))
            if len(reuse) >= REUSE_CHUNK:
                yield "reuse", reuse
                reuse = []
    if reuse:
        yield "reuse", reuse
    if render:
        yield "render", render
