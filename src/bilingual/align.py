"""Block alignment: which English blocks translate which Chinese blocks.

A dynamic programme in the style of Gale and Church (1993): the cost of a bead is how unlikely
its length ratio is, given the ratio learned from the pair itself, plus the prior cost of its
shape (1-1, 1-0, 0-1, 2-1, 1-2), sharpened by shared anchors (links, Latin words, and whatever
other extractors ``bilingual.anchors`` holds) and by block kinds that must match.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bilingual.anchors import anchors
from bilingual.model import Block, Bead

# -log of the prior probability of each bead shape. Gale and Church give 0.89 for 1-1, 0.0099
# for 1-0 and 0-1 and 0.089 for 2-1 and 1-2 together.
_PRIOR = {(1, 1): -math.log(0.89), (1, 0): -math.log(0.0099), (0, 1): -math.log(0.0099),
          (2, 1): -math.log(0.0445), (1, 2): -math.log(0.0445)}
#: Variance per unit of length. Chinese/English news translation varies more than the
#: European parliamentary text Gale and Church measured (6.8), so this is wider.
_VARIANCE = 12.0
_KIND_MISMATCH = 6.0
_HEADING_LEVEL = 1.0
_ANCHOR_BONUS = 1.2
_ANCHOR_MISS = 0.8
_ANCHOR_CAP = 4
_MERGEABLE = frozenset({"paragraph", "list_item", "blockquote"})
_INF = float("inf")


def _length(block: Block) -> int:
    return max(1, sum(1 for ch in block.text if not ch.isspace()) + sum(map(len, block.code)))


def _length_cost(zh_len: float, en_len: float) -> float:
    mean = (zh_len + en_len) / 2
    delta = abs(en_len - zh_len) / math.sqrt(_VARIANCE * max(mean, 1.0))
    return -math.log(max(math.erfc(delta / math.sqrt(2)), 1e-300))


class _Side:
    def __init__(self, blocks: Sequence[Block], lang: str) -> None:
        self.blocks = blocks
        self.lengths = [_length(b) for b in blocks]
        self.anchors = [anchors(b, lang) for b in blocks]


def align(zh: Sequence[Block], en: Sequence[Block]) -> tuple[Bead, ...]:
    """Align two block sequences; every block appears in exactly one bead, in order."""
    if not zh or not en:
        return tuple(Bead((b,), ()) for b in zh) + tuple(Bead((), (b,)) for b in en)
    left, right = _Side(zh, "zh"), _Side(en, "en")
    ratio = sum(right.lengths) / sum(left.lengths)
    n, m = len(zh), len(en)
    cost = [[_INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row = cost[i]
        for j in range(m + 1):
            best, move = row[j], back[i][j]
            for di, dj in _PRIOR:
                if di > i or dj > j:
                    continue
                before = cost[i - di][j - dj]
                if before == _INF:
                    continue
                total = before + _bead_cost(left, right, ratio, i - di, i, j - dj, j)
                if total < best:
                    best, move = total, (di, dj)
            row[j], back[i][j] = best, move
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append(Bead(tuple(zh[i - di : i]), tuple(en[j - dj : j])))
        i, j = i - di, j - dj
    beads.reverse()
    return tuple(beads)


def _bead_cost(
    left: _Side, right: _Side, ratio: float, i0: int, i1: int, j0: int, j1: int
) -> float:
    shape = (i1 - i0, j1 - j0)
    prior = _PRIOR[shape]
    if 0 in shape:
        return prior
    zh_blocks, en_blocks = left.blocks[i0:i1], right.blocks[j0:j1]
    kinds = {b.kind for b in zh_blocks} | {b.kind for b in en_blocks}
    kind_cost = 0.0
    if len(kinds) > 1:
        if len(zh_blocks) + len(en_blocks) > 2:
            return _INF  # merges only join blocks of one kind
        kind_cost = _KIND_MISMATCH
    elif len(zh_blocks) + len(en_blocks) > 2 and not kinds <= _MERGEABLE:
        return _INF
    elif zh_blocks[0].kind == "heading" and zh_blocks[0].level != en_blocks[0].level:
        kind_cost = _HEADING_LEVEL
    zh_len = ratio * sum(left.lengths[i0:i1])
    en_len = float(sum(right.lengths[j0:j1]))
    zh_anchors = left.anchors[i0] if i1 - i0 == 1 else left.anchors[i0] | left.anchors[i0 + 1]
    en_anchors = right.anchors[j0] if j1 - j0 == 1 else right.anchors[j0] | right.anchors[j0 + 1]
    shared = len(zh_anchors & en_anchors)
    missing = len(zh_anchors - en_anchors)
    missing += sum(1 for a in en_anchors - zh_anchors if not a.startswith("w:"))
    anchor_cost = _ANCHOR_MISS * min(missing, _ANCHOR_CAP) - _ANCHOR_BONUS * min(
        shared, _ANCHOR_CAP
    )
    return prior + kind_cost + _length_cost(zh_len, en_len) + anchor_cost
