"""The search index in a quick rebuild (``fast``): the shards that hold a changed article are
indexed again, and every other shard's files are the old bundle's, taken like its pages.

A quick rebuild changes bodies only: the same articles, with the same titles, dates and
categories, so each language has the same shards holding the same slugs as in the last build
(``search.shards_for``). A shard's index depends only on its articles' sources
(``search.shard_key``): those that hold none of the changed articles are as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.pages import PAGEFIND
from bilingual.bundle.record import Output
from bilingual.bundle.search import Shard, index_shards, shard_key, shards_for

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


def plan_reindex(
    search: Sequence[str],
    changed: Sequence[Entry],
    entries_of: Callable[[str], list[Entry] | None],
    size: int,
    binary: Path,
    inputs: str,
) -> Reindex | None:
    """The shards of the languages of ``search`` that hold a ``changed`` article;
    ``entries_of`` gives a language's published articles (None when the record cannot)."""
    shards: list[Shard] = []
    keys: dict[Shard, str] = {}
    for lang in search:
        edited = {entry.slug for entry in changed if entry.lang == lang}
        if not edited:
            continue
        entries = entries_of(lang)
        if entries is None:
            return None
        by_url = {entry.url: entry for entry in entries}
        for shard in shards_for(lang, [entry.slug for entry in entries], size):
            if edited.intersection(shard.slugs):
                shards.append(shard)
                keys[shard] = shard_key(shard, binary, inputs, by_url)
    return Reindex(tuple(shards), keys)


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
