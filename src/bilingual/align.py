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
from bilingual.model import Bead, Block

# -log of the prior probability of each bead shape. Gale and Church give 0.89 for 1-1, 0.0099
# for 1-0 and 0-1 and 0.089 for 2-1 and 1-2 together.
_PRIOR = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099),
    (0, 1): -math.log(0.0099),
    (2, 1): -math.log(0.0445),
    (1, 2): -math.log(0.0445),
}
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
_SQRT2 = math.sqrt(2)
#: Length difference, in standard deviations, beyond which a 1-1 pair is not taken on sight.
_CONVINCING_DELTA = 2.0
_ONE_ONE = _PRIOR[1, 1]


def _length(block: Block) -> int:
    # Block text has its white space folded to single spaces already.
    return max(1, len(block.text) - block.text.count(" ") + sum(map(len, block.code)))


def _length_cost(zh_len: float, en_len: float) -> float:
    mean = (zh_len + en_len) / 2
    delta = abs(en_len - zh_len) / math.sqrt(_VARIANCE * max(mean, 1.0))
    return -math.log(max(math.erfc(delta / _SQRT2), 1e-300))


class _Side:
    """Per-block facts the cost function needs, computed once per block."""

    def __init__(self, blocks: Sequence[Block], lang: str, scale: float = 1.0) -> None:
        self.blocks = blocks
        self.kinds = [b.kind for b in blocks]
        self.levels = [b.level for b in blocks]
        self.lengths = [_length(b) * scale for b in blocks]
        self.strong: list[frozenset[str]] = []
        self.words: list[frozenset[str]] = []
        for block in blocks:
            found = anchors(block, lang)
            words = frozenset(a for a in found if a.startswith("w:"))
            self.words.append(words)
            self.strong.append(found - words)


def align(zh: Sequence[Block], en: Sequence[Block]) -> tuple[Bead, ...]:
    """Align two block sequences; every block appears in exactly one bead, in order."""
    if not zh or not en:
        return tuple(Bead((b,), ()) for b in zh) + tuple(Bead((), (b,)) for b in en)
    right = _Side(en, "en")
    left = _Side(zh, "zh")
    ratio = sum(right.lengths) / sum(left.lengths)
    left.lengths = [length * ratio for length in left.lengths]
    n, m = len(zh), len(en)
    if n == m and all(_convincing(left, right, k) for k in range(n)):
        return tuple(Bead((a,), (b,)) for a, b in zip(zh, en, strict=True))
    cost = [[_INF] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    skip = _PRIOR[1, 0]
    for i in range(n + 1):
        row, prev = cost[i], cost[i - 1] if i else None
        brow = back[i]
        for j in range(1 if i == 0 else 0, m + 1):
            best, move = _INF, (0, 0)
            if prev is not None:
                c = prev[j] + skip
                if c < best:
                    best, move = c, (1, 0)
                if j:
                    c = prev[j - 1] + _cost(left, right, i - 1, i, j - 1, j)
                    if c < best:
                        best, move = c, (1, 1)
                    if j > 1:
                        c = prev[j - 2] + _cost(left, right, i - 1, i, j - 2, j)
                        if c < best:
                            best, move = c, (1, 2)
                    if i > 1:
                        c = cost[i - 2][j - 1] + _cost(left, right, i - 2, i, j - 1, j)
                        if c < best:
                            best, move = c, (2, 1)
            if j:
                c = row[j - 1] + skip
                if c < best:
                    best, move = c, (0, 1)
            row[j], brow[j] = best, move
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append(Bead(tuple(zh[i - di : i]), tuple(en[j - dj : j])))
        i, j = i - di, j - dj
    beads.reverse()
    return tuple(beads)


def _convincing(left: _Side, right: _Side, k: int) -> bool:
    """Block ``k`` on both sides is plainly a translation: same kind, plausible length, and no
    more anchors missing than shared.

    When every block of two equally long sides passes, the diagonal is the alignment and the
    programme is skipped: with as many blocks on each side, nothing can be missing unless
    something else was added, and an addition shifts its neighbours so they fail this test.
    """
    if left.kinds[k] != right.kinds[k] or left.levels[k] != right.levels[k]:
        return False
    zh_len, en_len = left.lengths[k], right.lengths[k]
    delta = abs(en_len - zh_len) / math.sqrt(_VARIANCE * max((zh_len + en_len) / 2, 1.0))
    if delta > _CONVINCING_DELTA:
        return False
    zs, zw, es, ew = left.strong[k], left.words[k], right.strong[k], right.words[k]
    return len(zs ^ es) + len(zw - ew) <= len(zs & es) + len(zw & ew)


def _cost(left: _Side, right: _Side, i0: int, i1: int, j0: int, j1: int) -> float:
    """The cost of a bead joining zh blocks ``i0:i1`` and en blocks ``j0:j1`` (both non-empty)."""
    merged = i1 - i0 + j1 - j0 > 2
    kind = left.kinds[i0]
    kind_cost = 0.0
    if merged:
        if kind not in _MERGEABLE or any(k != kind for k in left.kinds[i0:i1]) or any(
            k != kind for k in right.kinds[j0:j1]
        ):
            return _INF  # merges only join prose blocks of one kind
        zs = left.strong[i0].union(*left.strong[i0 + 1 : i1])
        zw = left.words[i0].union(*left.words[i0 + 1 : i1])
        es = right.strong[j0].union(*right.strong[j0 + 1 : j1])
        ew = right.words[j0].union(*right.words[j0 + 1 : j1])
        zh_len = sum(left.lengths[i0:i1])
        en_len = sum(right.lengths[j0:j1])
        prior = _PRIOR[i1 - i0, j1 - j0]
    else:
        if kind != right.kinds[j0]:
            kind_cost = _KIND_MISMATCH
        elif kind == "heading" and left.levels[i0] != right.levels[j0]:
            kind_cost = _HEADING_LEVEL
        zs, zw, es, ew = left.strong[i0], left.words[i0], right.strong[j0], right.words[j0]
        zh_len, en_len = left.lengths[i0], right.lengths[j0]
        prior = _ONE_ONE
    shared = len(zs & es) + len(zw & ew)
    missing = len(zs ^ es) + len(zw - ew)
    anchor_cost = _ANCHOR_MISS * min(missing, _ANCHOR_CAP) - _ANCHOR_BONUS * min(
        shared, _ANCHOR_CAP
    )
    return prior + kind_cost + _length_cost(zh_len, en_len) + anchor_cost
