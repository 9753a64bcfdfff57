"""What a preview shows of one article, before any rendering: its pair, the beads ``check``
aligned, each finding placed beside the block it is about, and the translation's sync state.

Everything comes from the path ``check`` takes (``load_pair``, ``engine.pair_beads``,
``engine.check_pairs`` through the result cache), so a preview never pairs or judges blocks
otherwise than ``check`` does, and a preview after a check reads its findings from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.engine import Plan, check_pairs, pair_beads
from bilingual.errors import SourceError
from bilingual.glossary.model import Glossary
from bilingual.model import LANGS, Article, Bead, Block, Finding, Pair
from bilingual.parse.discover import load_pair
from bilingual.parse.frontmatter import decode, split
from bilingual.stale import KEY, State, pair_sync

if TYPE_CHECKING:
    from bilingual.cache import ResultCache


@dataclass(frozen=True, slots=True)
class Note:
    """A finding shown beside a block, in the cell of side ``lang``."""

    finding: Finding
    lang: str


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned bead as the preview shows it: its blocks and the findings about them."""

    bead: Bead
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Sync:
    """The translation's ``translated_from`` against its original as it is now."""

    #: The translated side and its original.
    translation: str
    original: str
    state: State
    #: The recorded value, when there is one.
    recorded: str | None = None


@dataclass(frozen=True, slots=True)
class View:
    """One article as the preview shows it."""

    pair: Pair
    rows: tuple[Row, ...]
    #: Findings about no block: front matter, the article as a whole.
    general: tuple[Finding, ...]
    findings: tuple[Finding, ...]
    glossary: Glossary | None
    sync: Sync | None

    @property
    def langs(self) -> tuple[str, ...]:
        """The sides that exist, zh first."""
        return tuple(lang for lang in LANGS if self.pair.side(lang) is not None)


def load_view(
    root: Path,
    folder: Path,
    plan: Plan,
    *,
    cache: ResultCache | None = None,
    langs: Sequence[str] = LANGS,
) -> View:
    """Read, align and check one article (its findings through ``cache`` when given).
    ``SourceError`` (file and line) when a side of ``langs``
    cannot be read or parsed, or none of them exists."""
    pair = load_pair(root, folder)
    for problem in pair.problems:
        if problem.lang in langs:
            raise SourceError(problem.message, path=problem.path, line=problem.line)
    if all(pair.side(lang) is None for lang in langs):
        message = "neither zh.md nor en.md exists" if len(langs) > 1 else "no such file"
        where = pair.folder if len(langs) > 1 else pair.path(langs[0])
        raise SourceError(message, path=where)
    # Read to its end: the generator keeps its results in the cache after the last one.
    [checked] = check_pairs(root, [folder], plan, jobs=1, cache=cache)
    findings = tuple(checked.findings)
    beads = pair_beads(pair, plan) or _one_sided(pair)
    rows, general = place(beads, findings)
    return View(
        pair, rows, general, findings, plan.glossary, sync_state(pair, plan.settings.original)
    )


def _one_sided(pair: Pair) -> tuple[Bead, ...]:
    """One bead per block of the side there is: nothing to align it with."""
    if pair.zh is not None:
        return tuple(Bead((block,), ()) for block in pair.zh.blocks)
    if pair.en is not None:
        return tuple(Bead((), (block,)) for block in pair.en.blocks)
    return ()


def place(
    beads: Sequence[Bead], findings: Sequence[Finding]
) -> tuple[tuple[Row, ...], tuple[Finding, ...]]:
    """Each finding beside the block it is about (on the side it points at, else the other),
    and those about no block (front matter, the article as a whole) apart."""
    at = {lang: _line_index(beads, lang) for lang in LANGS}
    notes: list[list[Note]] = [[] for _ in beads]
    general: list[Finding] = []
    for finding in findings:
        sides = (finding.primary, "en" if finding.primary == "zh" else "zh")
        for lang in sides:
            location = getattr(finding, lang)
            row = at[lang](location.line) if location is not None and location.line else None
            if row is not None:
                notes[row].append(Note(finding, lang))
                break
        else:
            general.append(finding)
    rows = tuple(Row(bead, tuple(found)) for bead, found in zip(beads, notes, strict=True))
    return rows, tuple(general)


def _line_index(beads: Sequence[Bead], lang: str) -> Callable[[int], int | None]:
    """The row of the block at a line of side ``lang``: the block starting there, else the
    innermost one spanning it (a list item's lines hold its nested items too)."""
    starts: dict[int, int] = {}
    spans: list[tuple[int, int, int, int]] = []
    for row, bead in enumerate(beads):
        blocks: tuple[Block, ...] = getattr(bead, lang)
        for block in blocks:
            starts.setdefault(block.line, row)
            spans.append((block.end_line - block.line, block.line, block.end_line, row))
    spans.sort()  # innermost (shortest) first

    def find(line: int) -> int | None:
        if line in starts:
            return starts[line]
        return next((row for _, first, last, row in spans if first <= line <= last), None)

    return find


def sync_state(pair: Pair, default_original: str = "zh") -> Sync | None:
    """The translation's sync state, as the stale-translation check judges it; None when a
    side is missing (there is nothing to be in sync with)."""
    synced = pair_sync(pair, default_original)
    if synced is None:
        return None
    lang, other, state = synced
    recorded = pair.side(lang).meta.get(KEY)  # type: ignore[union-attr]
    return Sync(lang, other, state, None if recorded is None else str(recorded))


def side_markdown(root: Path, article: Article) -> str:
    """The Markdown body of one side, as written (front matter left out)."""
    path = root / article.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc), path=article.path) from exc
    return split(decode(data, article.path), article.path).body
