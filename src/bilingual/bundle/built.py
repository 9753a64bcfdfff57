"""What the build record keeps of the last build into an output folder, besides its pages
(``bilingual.bundle.record``)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from bilingual.bundle.tree import TreeState


@dataclass(frozen=True, slots=True)
class BuildState:
    """The last build into an output folder: the tree it wrote and the one it kept as the
    spare (``tree.TreeState``), the files it wrote anew (the spare's copies of those differ),
    what its pages were made with (``keys.inputs_key``, the checks' plan, the time its files
    carry) and what it found: pages, check summary, broken links, and of its site the newest
    articles of each language (their sources: the lists and feeds show them), how many
    articles each has and which sides it left out; and whether its tree has the same files as
    the one before."""

    tree: TreeState
    spare: TreeState | None
    fresh: frozenset[str]
    inputs: str
    plan: str
    epoch: int
    pages: int
    summary: tuple[int, int, int, int] | None
    broken: tuple[tuple[str, str], ...]
    newest: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    articles: dict[str, int] = dataclasses.field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    #: Its tree has the same files as the one it replaced (the spare): none added or removed.
    same: bool = False

    def dumps(self) -> str:
        """As the record keeps it."""
        data = {
            "tree": dataclasses.astuple(self.tree),
            "spare": dataclasses.astuple(self.spare) if self.spare else None,
            "fresh": sorted(self.fresh),
            "inputs": self.inputs,
            "plan": self.plan,
            "epoch": self.epoch,
            "pages": self.pages,
            "summary": self.summary,
            "broken": self.broken,
            "newest": self.newest,
            "articles": self.articles,
            "skipped": self.skipped,
            "same": self.same,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str) -> BuildState:
        """From what the record keeps (``ValueError``, ``TypeError``, ``KeyError`` or
        ``AttributeError`` when it is not that)."""
        data = json.loads(text)
        spare = data["spare"]
        summary = data["summary"]
        return cls(
            TreeState(*data["tree"]),
            TreeState(*spare) if spare else None,
            frozenset(data["fresh"]),
            str(data["inputs"]),
            str(data["plan"]),
            int(data["epoch"]),
            int(data["pages"]),
            tuple(summary) if summary else None,
            tuple((str(page), str(target)) for page, target in data["broken"]),
            {str(lang): tuple(paths) for lang, paths in data["newest"].items()},
            {str(lang): int(n) for lang, n in data["articles"].items()},
            tuple(str(line) for line in data["skipped"]),
            bool(data["same"]),
        )
