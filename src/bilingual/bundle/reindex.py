"""The search index in a quick rebuild (``fast``): the shards that hold a changed article are
indexed again, and every other shard's files are the old bundle's, taken like its pages.

A quick rebuild changes bodies only: the same articles, with the same titles, dates and
categories, so each language has the same shards holding the same slugs as in the last build
(``search.shards_for``). A shard's index depends only on its articles' sources
(``search.shard_key``): those that hold none of the changed articles are as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.pages import PAGEFIND
from bilingual.bundle.record import Output
from bilingual.bundle.search import Shard, index_shards, shard_key, shards_for
from bilingual.parse.discover import ARTICLES

if TYPE_CHECKING:
    from bilingual.bundle.incremental import Rendered
    from bilingual.bundle.site import Entry
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


def index_folders(files: Files, search: Sequence[str]) -> dict[str, list[str]]:
    """Each language of ``search`` with the folders of its index shards in the old bundle,
    the primary first (the lowest number), as ``Pages`` takes them."""
    found: dict[str, list[tuple[int, str]]] = {lang: [] for lang in search}
    scan = files.known.scan
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
        key = reindex.keys[shard]
        done.index.update((path, Output(key, sha, "[]")) for path, sha in written.items())
        done.indexed.append(shard.folder)
