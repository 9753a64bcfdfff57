"""Blocks translated in another order: found after alignment, from the anchors blocks share.

The aligner (``bilingual.align``) keeps both sides in order, as Gale and Church's programme
must: a paragraph the translator moved comes out as a missing block on each side, and two
swapped paragraphs as two pairs that do not translate each other. This pass looks at exactly
those blocks — left without a counterpart, or paired with one whose anchors disagree with
theirs — and pairs a Chinese block with an English one elsewhere when their anchors (numbers,
dates, links, images, glossary terms, Latin names) say clearly that one translates the other.
The pairs it makes that break the order are the moved ones: those outside the longest run of
pairs that keeps the English in order (the aligner's pairs weigh most in that run).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: (shared anchors, shared minus disagreeing anchors) of a Chinese and an English block.
Evidence = Callable[[int, int], tuple[int, int]]

#: A move needs this much shared evidence, and more shared than disagreeing: two numbers, a
#: number and a name, or one link or image (which counts twice). One shared number is too
#: common to prove a move.
MIN_SHARED = 2
#: How many candidate blocks a side may have before the pass gives up: a rewritten article,
#: not a reordered one (and a quadratic search).
MAX_CANDIDATES = 200

Span = tuple[list[int], list[int]]


def find_moves(
    spans: Sequence[Span],
    evidence: Evidence,
    comparable: Callable[[int, int], bool],
) -> tuple[list[Span], set[int]]:
    """Re-pair the blocks of ``spans`` (the aligner's beads as zh and en block indices) where
    anchors prove a translation elsewhere; the new spans in Chinese order (English-only ones
    where they stood), and the indices of those that stand out of order."""
    zh_pool, en_pool = _candidates(spans, evidence)
    if not zh_pool or not en_pool or max(len(zh_pool), len(en_pool)) > MAX_CANDIDATES:
        return list(spans), set()
    partner_zh = {i: sp for sp in spans for i in sp[0]}
    found: list[tuple[int, int, int, int]] = []
    for i, current_i in zh_pool.items():
        for j, current_j in en_pool.items():
            if j in partner_zh[i][1] or not comparable(i, j):
                continue
            shared, net = evidence(i, j)
            if shared >= MIN_SHARED and net > 0 and net > current_i and net > current_j:
                found.append((net, shared, i, j))
    found.sort(key=lambda item: (-item[0], -item[1], item[2], item[3]))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in found:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    if not pairs:
        return list(spans), set()
    return _rebuild(spans, pairs)


def _candidates(spans: Sequence[Span], evidence: Evidence) -> tuple[dict[int, int], dict[int, int]]:
    """Blocks with no counterpart (their evidence so far: 0) and blocks of one-to-one pairs
    whose anchors disagree (their net evidence, below zero)."""
    zh: dict[int, int] = {}
    en: dict[int, int] = {}
    for zh_blocks, en_blocks in spans:
        if not en_blocks:
            zh.update(dict.fromkeys(zh_blocks, 0))
        elif not zh_blocks:
            en.update(dict.fromkeys(en_blocks, 0))
        elif len(zh_blocks) == len(en_blocks) == 1:
            _, net = evidence(zh_blocks[0], en_blocks[0])
            if net < 0:
                zh[zh_blocks[0]] = net
                en[en_blocks[0]] = net
    return zh, en


def _rebuild(spans: Sequence[Span], pairs: dict[int, int]) -> tuple[list[Span], set[int]]:
    moved_en = set(pairs.values())
    result: list[Span] = []
    made: list[int] = []
    for zh_blocks, en_blocks in spans:
        rest_en = [j for j in en_blocks if j not in moved_en]
        rest_zh = []
        for i in zh_blocks:
            if i in pairs:
                if rest_zh:  # keep the order of the Chinese blocks around the moved one
                    result.append((rest_zh, []))
                    rest_zh = []
                made.append(len(result))
                result.append(([i], [pairs[i]]))
            else:
                rest_zh.append(i)
        if rest_zh or rest_en:
            result.append((rest_zh, rest_en))
    in_order = _longest_ordered(result, set(made))
    return result, {index for index in made if index not in in_order}


def _longest_ordered(spans: list[Span], made: set[int]) -> set[int]:
    """Indices of the run of two-sided spans whose English keeps its order that holds the most
    spans the aligner made, then the most of the others: those the pass made are the ones to
    call moved. Quadratic in the spans, but it runs only for articles with a move."""
    sided = [index for index, (zh, en) in enumerate(spans) if zh and en]
    weight = [1 if index in made else _ALIGNED for index in sided]
    best = list(weight)
    previous: list[int | None] = [None] * len(sided)
    for b in range(len(sided)):
        key = spans[sided[b]][1][0]
        for a in range(b):
            if spans[sided[a]][1][0] < key and best[a] + weight[b] > best[b]:
                best[b], previous[b] = best[a] + weight[b], a
    kept: set[int] = set()
    cursor = max(range(len(sided)), key=best.__getitem__) if sided else None
    while cursor is not None:
        kept.add(sided[cursor])
        cursor = previous[cursor]
    return kept


#: A span the aligner made outweighs any number of spans this pass made.
_ALIGNED = 10_000
