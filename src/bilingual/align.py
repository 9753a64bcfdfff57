"""Block alignment: which English blocks translate which Chinese blocks.

A dynamic programme in the style of Gale and Church (1993): the cost of a bead is how unlikely
its length ratio is, given the ratio learned from the pair itself, plus the prior cost of its
shape (1-1, 1-0, 0-1, 2-1, 1-2), sharpened by shared anchors (links, numbers, glossary terms,
Latin names and acronyms, and whatever other extractors ``bilingual.anchors`` holds) and by
block kinds that must match. The ratio is learned twice: from the whole pair, then again from
the blocks the first pass paired one to one, so one missing paragraph does not skew it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from bilingual import lexicon
from bilingual.anchors import anchors, latin_phrases, phrase_text
from bilingual.glossary.model import Glossary
from bilingual.model import Bead, Block
from bilingual.reorder import find_moves
from bilingual.text import HAN_RUN

# -log of the prior probability of each bead shape. Gale and Church give 0.89 for 1-1, 0.0099
# for 1-0 and 0-1 and 0.089 for 2-1 and 1-2 together, for sentences. Paragraphs are merged or
# split less often than sentences, and a merge must not hide a missing paragraph: tuned on
# single deletions and merges of sample and generated articles (see tests/test_align.py).
_PRIOR = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099),
    (0, 1): -math.log(0.0099),
    (2, 1): -math.log(0.01),
    (1, 2): -math.log(0.01),
    # Three short Chinese paragraphs often make one English paragraph, and the reverse.
    (3, 1): -math.log(0.002),
    (1, 3): -math.log(0.002),
}
_ONE_ONE = _PRIOR[1, 1]
_SKIP = _PRIOR[1, 0]
#: Variance per unit of length. Chinese/English news translation varies more than the
#: European parliamentary text Gale and Church measured (6.8), so this is wider.
_VARIANCE = 12.0
#: Length difference, in standard deviations, beyond which a 1-1 pair is not taken on sight.
_CONVINCING_DELTA = 2.0
_KIND_MISMATCH = 6.0
_HEADING_LEVEL = 1.0
_ANCHOR_BONUS = 1.2
_ANCHOR_MISS = 1.5
#: A number in the Chinese missing from the English counts a little: it may be written another
#: way (4月 / April, 1.2万 / 12,000), but usually is not.
_HINT_MISS = 0.4
_ANCHOR_CAP = 4
#: Translators merge or split paragraphs; headings and the rest map one to one. A list item
#: may take in the paragraph after it on one side only: "- **Title**" then the text on the
#: next line is one item, with a blank line between them an item and a paragraph.
_MERGEABLE = frozenset({"paragraph", "list_item"})
#: The cost of a merge that joins a list item and the paragraphs after it.
_MIXED_MERGE = 1.0
#: English characters (without spaces) per Chinese character in news translation, as measured
#: on the sample articles (2.95 to 3.54), and how many Chinese characters that prior is worth.
_PRIOR_RATIO = 3.2
_PRIOR_WEIGHT = 150.0
_MIN_RATIO, _MAX_RATIO = 1.0, 8.0
_LINK_LENGTH = 5
#: How far from the diagonal, in blocks beyond the difference in block counts, the programme
#: looks: more than any run of missing or merged blocks a real article has.
_BAND = 20
_INF = float("inf")
#: How far apart in length, in standard deviations, a moved block and its translation may be.
_MOVE_DELTA = 3.0
#: How many anchors a lone paragraph must share with a neighbour to be joined to it.
_ABSORB_ANCHORS = 2
#: A comment in code: from # or // (after a space or at the start of the line) to its end.
_COMMENT = re.compile(r"(?:^|\s)(?:#|//).*$")
#: Fewer lines of code than this, and two code blocks are compared by length like the rest.
_CODE_LINES = 3
_READABLE_KINDS = frozenset({"paragraph", "list_item", "blockquote"})
#: Fewer characters than this, and a block is too short for the lexicon to read (4 content
#: words of English; 8 Han characters make about four words).
_READABLE_LENGTH = 8
#: Lexical evidence (``bilingual.lexicon``): a pair whose words agree better than this middle
#: score costs less, one whose words agree worse costs more, by up to ``_LEXICON`` per unit.
#: On the real pairs, blocks paired one to one score about 0.55 and their neighbours 0.13.
_LEXICON = 4.0
_LEXICON_MIDDLE = 0.33
#: The least the lexicon can add to a bead's cost (words agreeing perfectly).
_LEXICAL_FLOOR = _LEXICON * (_LEXICON_MIDDLE - 1.0)
#: A lone paragraph joined to its neighbour on the lexicon's word must have at least this
#: share of its words rendered there.
_ABSORB_LEXICON = 0.2
#: ... and as large a share as its neighbour's translation renders of its own words, or this
#: much of it when the lone paragraph's one anchor is found there too.
_ABSORB_SHARE = 0.85
#: Words agreeing this much better with a neighbour than with the block in the same place
#: mean the two were swapped.
_LEXICON_MARGIN = 0.2
#: Words agreeing this well count as proof of a translation moved elsewhere (see _evidence).
_MOVE_LEXICON = 0.45
#: The halves of a translation are swapped when the words of one stand this much of the
#: original's length before those of the one in front of it, over this many words at least.
_ORDER_GAP = 0.3
_ORDER_WORDS = 8
#: Below this, two blocks in the same place are not taken as translations on sight.
_LEXICON_LOW = 0.15
_SQRT2 = math.sqrt(2)


def _counts(block: Block) -> tuple[int, int]:
    """Han characters, and other characters without spaces, in a block.

    URLs and addresses are the same on both sides, so they would pull the ratio towards 1: they
    count as one word.
    """
    if block.oversize is not None:  # too large to check: only its measure was kept
        return block.oversize.han, max(1, block.oversize.other)
    text = block.text  # white space already folded to single spaces
    other = len(text) - text.count(" ") + sum(map(len, block.code))
    for target in block.links:
        if target in text:
            other -= len(target) - _LINK_LENGTH
    # Adding up the runs of Han characters is much cheaper than listing every one.
    han = 0 if text.isascii() else sum(map(len, HAN_RUN.findall(text)))
    if block.kind == "code":  # comments translated in the code: Chinese counts as Chinese
        han += sum(sum(map(len, HAN_RUN.findall(c))) for c in block.code if not c.isascii())
    return han, max(1, other - han)


def _prose(block: Block) -> str:
    """The words of a block; inline code left out, as it is the same on both sides."""
    text = block.text
    for code in block.code:
        text = text.replace(code, " ")
    return text


def _delta(zh_len: float, en_len: float) -> float:
    return abs(en_len - zh_len) / math.sqrt(_VARIANCE * max((zh_len + en_len) / 2, 1.0))


class _Side:
    """Per-block facts the cost function needs, computed once per block."""

    def __init__(self, blocks: Sequence[Block], lang: str, glossary: Glossary | None) -> None:
        self.blocks = blocks
        self.kinds = [b.kind for b in blocks]
        self.heading_like = [b.heading_like for b in blocks]
        self.mergeable = [kind in _MERGEABLE for kind in self.kinds]
        #: Blocks whose words the lexicon weighs: prose long enough to hold a few content words
        #: (a heading's or a caption's are too few, and reading them costs time).
        self.readable = [
            kind in _READABLE_KINDS and len(b.text) >= _READABLE_LENGTH
            for kind, b in zip(self.kinds, blocks, strict=True)
        ]
        self.levels = [b.level for b in blocks]
        counts = [_counts(b) for b in blocks]
        self.han = [h for h, _ in counts]
        self.other = [o for _, o in counts]
        self.lengths = [float(h + o) for h, o in counts]
        self.strong: list[frozenset[str]] = []
        self.hints: list[frozenset[str]] = []
        for block in blocks:
            found = anchors(block, lang, glossary)
            if found:
                hints = frozenset(a for a in found if a.startswith("n:"))
                self.hints.append(hints)
                self.strong.append(found - hints if hints else found)
            else:
                self.hints.append(found)
                self.strong.append(found)
        if lang == "zh":
            self.phrases = [latin_phrases(b.text) for b in blocks]
        else:  # filled in only for blocks a Chinese phrase is looked up in
            self._texts: dict[int, str] = {}
        self.lang = lang
        # Made when first asked: the glosses of each Chinese word, the stems of English words.
        self._words: dict[int, tuple[tuple[frozenset[str], ...], frozenset[str]]] = {}
        self._stems: dict[int, frozenset[str]] = {}

    def text(self, index: int) -> str:
        """An English block's words, lower-cased between single spaces (made when first asked)."""
        found = self._texts.get(index)
        if found is None:
            found = self._texts[index] = phrase_text(self.blocks[index].text)
        return found

    def glosses(self, index: int) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
        """A Chinese block's content words, each as the English stems it may be rendered by,
        and all those stems together."""
        found = self._words.get(index)
        if found is None:
            words = lexicon.word_glosses(_prose(self.blocks[index]))
            found = self._words[index] = (words, frozenset().union(*words))
        return found

    def stems(self, index: int) -> frozenset[str]:
        """An English block's content-word stems."""
        found = self._stems.get(index)
        if found is None:
            found = self._stems[index] = lexicon.english_stems(_prose(self.blocks[index]))
        return found

    def scale(self, ratio: float) -> None:
        self.lengths = [h * ratio + o for h, o in zip(self.han, self.other, strict=True)]


def align(
    zh: Sequence[Block], en: Sequence[Block], glossary: Glossary | None = None
) -> tuple[Bead, ...]:
    """Align two block sequences; every block appears in exactly one bead, in order. The
    glossary's terms, when given, are anchors too."""
    if not zh or not en:
        return tuple(Bead((b,), ()) for b in zh) + tuple(Bead((), (b,)) for b in en)
    left, right = _Side(zh, "zh", glossary), _Side(en, "en", glossary)
    _scale(left, right, [(i, 0) for i in range(len(zh))], [(0, j) for j in range(len(en))])
    n, m = len(zh), len(en)
    if n == m and all(_convincing(left, right, k) for k in range(n)):
        return tuple(Bead((a,), (b,)) for a, b in zip(zh, en, strict=True))
    moves = _programme(left, right)
    if all(move == (1, 1) for move in moves):
        # Every block paired with one: the ratio learned again from those pairs is the one
        # already used, so a second pass would find the same alignment.
        return _reordered(left, right, moves)
    paired = []
    i = j = 0
    for di, dj in moves:
        if di == dj == 1:
            paired.append((i, j))
        i, j = i + di, j + dj
    _scale(left, right, paired, paired)
    return _reordered(left, right, _programme(left, right))


def _reordered(left: _Side, right: _Side, moves: list[tuple[int, int]]) -> tuple[Bead, ...]:
    """The beads of ``moves``, with blocks the translator moved paired where they went."""
    spans: list[tuple[list[int], list[int]]] = []
    i = j = 0
    for di, dj in moves:
        spans.append((list(range(i, i + di)), list(range(j, j + dj))))
        i, j = i + di, j + dj

    made: list[frozenset[str]] = []  # made on first use: most articles have no candidate

    def common() -> frozenset[str]:
        if not made:
            made.append(_common_anchors(right))
        return made[0]

    def evidence(a: int, b: int) -> tuple[int, int]:
        return _evidence(left, right, a, b, common())

    def comparable(a: int, b: int) -> bool:
        return left.kinds[a] == right.kinds[b] and (
            _delta(left.lengths[a], right.lengths[b]) <= _MOVE_DELTA
        )

    spans = _detach(spans, evidence, left.kinds, right.kinds)
    spans = _unjoin(left, right, spans, common)
    spans = _absorb(left, right, spans, common)
    spans, moved = find_moves(spans, evidence, comparable)
    spans = _sandwiched(left, right, spans, evidence, moved)
    zh, en = left.blocks, right.blocks
    return tuple(
        Bead(
            tuple(zh[a] for a in za),
            tuple(en[b] for b in eb),
            moved=index in moved,
            inverted=_inverted(left, right, za, eb),
        )
        for index, (za, eb) in enumerate(spans)
    )


def _detach(
    spans: list[tuple[list[int], list[int]]],
    evidence: Callable[[int, int], tuple[int, int]],
    zh_kinds: Sequence[str],
    en_kinds: Sequence[str],
) -> list[tuple[list[int], list[int]]]:
    """Give a block left alone the end block of a neighbouring merge that renders it rather
    than the merge's other side: they share more anchors, and disagree on fewer. A condensed
    translation of a paragraph is shorter than length expects, and the aligner hangs it on the
    merge before it (a list item and its continuation) instead."""
    result = list(spans)
    for k, (zh_blocks, en_blocks) in enumerate(result):
        if len(zh_blocks) + len(en_blocks) != 1:
            continue
        lone_zh = bool(zh_blocks)
        (lone,) = zh_blocks or en_blocks
        lone_kinds, edge_kinds = (zh_kinds, en_kinds) if lone_zh else (en_kinds, zh_kinds)
        for n in (k - 1, k + 1):
            if not 0 <= n < len(result):
                continue
            # ``one``: the merge's side of the lone block's language; ``several``: the other.
            one, several = result[n] if lone_zh else result[n][::-1]
            if len(one) != 1 or len(several) < 2:
                continue
            edge = several[-1] if n < k else several[0]
            if lone_kinds[lone] != edge_kinds[edge]:
                continue
            mine = evidence(lone, edge) if lone_zh else evidence(edge, lone)
            theirs = evidence(one[0], edge) if lone_zh else evidence(edge, one[0])
            if mine[0] >= 1 and mine[0] > theirs[0] and mine[1] > theirs[1]:
                rest = [b for b in several if b != edge]
                result[n] = (one, rest) if lone_zh else (rest, one)
                result[k] = ([lone], [edge]) if lone_zh else ([edge], [lone])
                break
    return result


#: Anchors that are values: a translator does not add them.
_VALUES = ("n:number:", "n:date:")


def _unjoin(
    left: _Side,
    right: _Side,
    spans: list[tuple[list[int], list[int]]],
    common: Callable[[], frozenset[str]],
) -> list[tuple[list[int], list[int]]]:
    """Leave alone the end block of a merge that names two numbers or dates at least and
    shares nothing with the merge's one block on the other side: length made the merge, and it
    hides a block with no translation (a dropped paragraph whose neighbour's translation is
    short). Links do not count: translators add them."""
    result: list[tuple[list[int], list[int]]] = []
    for zh_blocks, en_blocks in spans:
        if len(zh_blocks) == 1 and len(en_blocks) > 1:
            one, several, one_side, other = zh_blocks[0], en_blocks, left, right
        elif len(en_blocks) == 1 and len(zh_blocks) > 1:
            one, several, one_side, other = en_blocks[0], zh_blocks, right, left
        else:
            result.append((zh_blocks, en_blocks))
            continue
        named = one_side.strong[one] | one_side.hints[one]
        lone = [
            k
            for k in (several[0], several[-1])
            if named.isdisjoint(other.strong[k])
            and named.isdisjoint(other.hints[k])
            and sum(a.startswith(_VALUES) for a in other.hints[k]) >= 2
            and sum(a.startswith(_VALUES) for a in other.hints[k] - common()) >= 2
        ]
        if len(lone) != 1:  # both ends, or neither: the merge stands
            result.append((zh_blocks, en_blocks))
            continue
        (k,) = lone
        rest = [b for b in several if b != k]
        kept = ([one], rest) if one_side is left else (rest, [one])
        alone: tuple[list[int], list[int]] = ([k], []) if other is left else ([], [k])
        result.extend([alone, kept] if k == several[0] else [kept, alone])
    return result


def _sandwiched(
    left: _Side,
    right: _Side,
    spans: list[tuple[list[int], list[int]]],
    evidence: Callable[[int, int], tuple[int, int]],
    moved: set[int],
) -> list[tuple[list[int], list[int]]]:
    """Pair a block left alone on each side of the same place, between the same two pairs,
    when they are of one kind and share what they name with nothing disagreeing: a translation
    much longer or shorter than its original (an explanation added or dropped), which length
    alone kept apart."""
    result = list(spans)
    k = 0
    while k + 1 < len(result):
        first, second = result[k], result[k + 1]
        lone = [s for s in (first, second) if len(s[0]) + len(s[1]) == 1]
        if len(lone) == 2 and bool(first[0]) != bool(second[0]) and not moved & {k, k + 1}:
            (i,) = first[0] or second[0]
            (j,) = first[1] or second[1]
            shared, net = evidence(i, j)
            if left.kinds[i] == right.kinds[j] and shared >= 1 and net == shared:
                result[k : k + 2] = [([i], [j])]
                moved = {m - 1 if m > k else m for m in moved}
        k += 1
    return result


def _inverted(left: _Side, right: _Side, zh: list[int], en: list[int]) -> bool:
    """Whether the blocks of a merge render the one block on the other side in another order:
    the words each renders stand, in that block, before those of the block in front of it
    (``bilingual.lexicon.centres``), by a good part of its length and on enough words."""
    if len(zh) == 1 and len(en) > 1:
        one, lang, several = left.blocks[zh[0]], "zh", [right.blocks[j] for j in en]
    elif len(en) == 1 and len(zh) > 1:
        one, lang, several = right.blocks[en[0]], "en", [left.blocks[i] for i in zh]
    else:
        return False
    found = lexicon.centres(_prose(one), lang, [_prose(b) for b in several])
    if any(count == 0 for _, count in found) or sum(c for _, c in found) < _ORDER_WORDS:
        return False
    return any(b - a <= -_ORDER_GAP for (a, _), (b, _) in pairwise(found))


def _absorb(
    left: _Side,
    right: _Side,
    spans: list[tuple[list[int], list[int]]],
    common: Callable[[], frozenset[str]],
) -> list[tuple[list[int], list[int]]]:
    """Join a paragraph left alone to the neighbouring pair whose other side says everything it
    names: every number, date, link, term and Latin name of it, two at least (one could be a
    name the neighbour happens to repeat; a name the English has in more than two blocks, the
    project's own, does not count). A translator who merges two paragraphs and condenses
    them leaves a length the aligner cannot pair; the anchors show the merge."""
    spans = list(spans)
    k = 0
    while k < len(spans):
        zh_blocks, en_blocks = spans[k]
        if len(zh_blocks) + len(en_blocks) == 1:
            for n in (k - 1, k + 1):
                target = spans[n] if 0 <= n < len(spans) else None
                if (
                    target
                    and target[0]
                    and target[1]
                    and _covers(left, right, zh_blocks, en_blocks, target, common)
                ):
                    spans[n] = (sorted(target[0] + zh_blocks), sorted(target[1] + en_blocks))
                    del spans[k]
                    break
            else:
                k += 1
            continue
        k += 1
    return spans


def _covers(
    left: _Side,
    right: _Side,
    zh_blocks: list[int],
    en_blocks: list[int],
    target: tuple[list[int], list[int]],
    common: Callable[[], frozenset[str]],
) -> bool:
    """Whether the lone block's anchors are all on the other side of ``target`` and either
    they are enough to say so (two at least) or its words are: the other side renders as much
    of them as it renders of its own blocks' words (``_rendered``)."""
    if zh_blocks:
        i = zh_blocks[0]
        if left.kinds[i] != "paragraph" or any(right.kinds[j] != "paragraph" for j in target[1]):
            return False
        mine = left.strong[i] | left.hints[i]
        theirs = frozenset().union(*(right.strong[j] | right.hints[j] for j in target[1]))
        text = "".join(right.text(j) for j in target[1])
        phrases = left.phrases[i]
        if not (mine <= theirs and all(_has(text, p) for p in phrases)):
            return False
        names = sum(1 for p in phrases if not common().issuperset(p.split()))
        anchored = len(mine) + names
        return anchored >= _ABSORB_ANCHORS or _rendered(
            left, right, zh_blocks, en_blocks, target, anchored
        )
    j = en_blocks[0]
    if right.kinds[j] != "paragraph" or any(left.kinds[i] != "paragraph" for i in target[0]):
        return False
    mine = right.strong[j] | right.hints[j]
    theirs = frozenset().union(*(left.strong[i] | left.hints[i] for i in target[0]))
    if not mine <= theirs:
        return False
    return len(mine) >= _ABSORB_ANCHORS or _rendered(
        left, right, zh_blocks, en_blocks, target, len(mine)
    )


def _rendered(
    left: _Side,
    right: _Side,
    zh_blocks: list[int],
    en_blocks: list[int],
    target: tuple[list[int], list[int]],
    anchored: int,
) -> bool:
    """Whether the other side of ``target`` renders the lone block's words (by the lexicon) as
    well as it renders those of the blocks it is paired with (nearly as well when the lone
    block has an anchor there too: ``anchored``), and a good part of them.

    A translator who condenses two paragraphs into one leaves the words of both; a paragraph
    left out has only the topic in common with its neighbour, which renders fewer of its words
    than of its own translation's.
    """
    if len(target[0]) + len(target[1]) > 2:
        return False  # a merge already: another block would hide what it leaves out
    if zh_blocks:
        # Only the lone block's own words count: words its neighbour says too (a sentence
        # repeated from paragraph to paragraph) are rendered there for the neighbour's sake.
        besides = frozenset(w for i in target[0] for w in left.glosses(i)[0])
        lone = _zh_share(left, zh_blocks, right, target[1], besides)
        own = _zh_share(left, target[0], right, target[1])
    else:
        besides = frozenset().union(*map(right.stems, target[1]))
        lone = _en_share(right, en_blocks, left, target[0], besides)
        own = _en_share(right, target[1], left, target[0])
    share = _ABSORB_SHARE if anchored else 1.0
    if lone is None or own is None or lone < max(own * share, _ABSORB_LEXICON):
        return False
    # The pair must not be one the aligner made for want of a better one: joined, its two
    # sides may not disagree on a link, an image, a name or a term, nor the English lack a
    # number.
    zh = target[0] + zh_blocks
    en = target[1] + en_blocks
    zh_strong = frozenset().union(*(left.strong[i] for i in zh))
    en_strong = frozenset().union(*(right.strong[j] for j in en))
    zh_hints = frozenset().union(*(left.hints[i] for i in zh))
    en_hints = frozenset().union(*(right.hints[j] for j in en))
    return zh_strong == en_strong and zh_hints <= en_hints


def _zh_share(
    left: _Side, zh: list[int], right: _Side, en: list[int], besides: frozenset = frozenset()
) -> float | None:
    """The share of the Chinese blocks' words (but those ``besides``) with a rendering in the
    English blocks."""
    words = [w for i in zh for w in left.glosses(i)[0] if w not in besides]
    if len(words) < lexicon.MIN_WORDS:
        return None
    stems = frozenset().union(*map(right.stems, en))
    return sum(1 for w in words if not w.isdisjoint(stems)) / len(words)


def _en_share(
    right: _Side, en: list[int], left: _Side, zh: list[int], besides: frozenset = frozenset()
) -> float | None:
    """The share of the English blocks' words (but those ``besides``) that render a word of the
    Chinese blocks."""
    stems = frozenset().union(*map(right.stems, en)) - besides
    if len(stems) < lexicon.MIN_WORDS:
        return None
    glosses = frozenset().union(*(left.glosses(i)[1] for i in zh))
    return len(stems & glosses) / len(stems)


def _has(text: str, phrase: str) -> bool:
    """Whether English words (``phrase_text``) hold a Latin phrase of the Chinese, its last word
    in the plural too (feature-gate / feature-gates)."""
    return f" {phrase} " in text or f" {phrase}s " in text


def _evidence(left: _Side, right: _Side, i: int, j: int, common: frozenset[str]) -> tuple[int, int]:
    """Anchors zh block ``i`` and en block ``j`` share, and shared minus disagreeing ones.

    An anchor found in several English blocks (the project's name in every paragraph) proves
    nothing about which one translates a block: it is not counted as shared. A shared link or
    image counts twice: one is enough to show where an image went.
    """
    zs, es = left.strong[i], right.strong[j]
    zh_hints, en_hints = left.hints[i], right.hints[j]
    phrases = left.phrases[i]
    found = [p for p in phrases if _has(right.text(j), p)]
    shared = (
        2 * len((zs & es) - common)  # a link or an image is specific: it counts twice
        + sum(1 for p in found if not common.issuperset(p.split()))
        + len((zh_hints & en_hints) - common)
    )
    missing = len(zs ^ es) + len(phrases) - len(found) + len(zh_hints - en_hints)
    if not (shared or missing):
        # No anchor either way: the words are the evidence. Words that agree well count as
        # much as a link; words that hardly agree, against.
        agreement = _lexical(left, right, i, i + 1, j, j + 1)
        if agreement is not None:
            if agreement >= _MOVE_LEXICON:
                shared = 2
            elif agreement < _LEXICON_MIDDLE:
                missing = 1
    return shared, shared - missing


def _common_anchors(right: _Side) -> frozenset[str]:
    """English anchors (and words of Latin phrases) found in more than two blocks."""
    counts: dict[str, int] = {}
    for found in (*right.strong, *right.hints):
        for anchor in found:
            counts[anchor] = counts.get(anchor, 0) + 1
    common = {anchor for anchor, count in counts.items() if count > 2}
    words: dict[str, int] = {}
    for index in range(len(right.blocks)):
        for word in set(right.text(index).split()):
            words[word] = words.get(word, 0) + 1
    common.update(word for word, count in words.items() if count > 2)
    return frozenset(common)


def _scale(
    left: _Side, right: _Side, zh_blocks: list[tuple[int, int]], en_blocks: list[tuple[int, int]]
) -> None:
    """Measure both sides in English characters, with the ratio learned from these blocks."""
    zh_han = sum(left.han[i] for i, _ in zh_blocks)
    zh_other = sum(left.other[i] for i, _ in zh_blocks)
    en_han = sum(right.han[j] for _, j in en_blocks)
    en_other = sum(right.other[j] for _, j in en_blocks)
    ratio = (en_other - zh_other + _PRIOR_RATIO * _PRIOR_WEIGHT) / (zh_han - en_han + _PRIOR_WEIGHT)
    ratio = min(max(ratio, _MIN_RATIO), _MAX_RATIO)
    left.scale(ratio)
    right.scale(ratio)


def _programme(left: _Side, right: _Side) -> list[tuple[int, int]]:
    """The cheapest sequence of bead shapes, by dynamic programming."""
    n, m = len(left.blocks), len(right.blocks)
    # Only cells near the diagonal are filled, as in Gale and Church's own implementation, and
    # only they are kept: a long article costs time and memory in proportion to its length,
    # not to its length squared (a table of every cell took 200 MB for 5,000 blocks a side).
    band = abs(n - m) + _BAND
    spans = [(max(0, i * m // n - band), min(m, i * m // n + band)) for i in range(n + 1)]
    # Each row keeps its band and the cells the three rows after it read: merges look three
    # blocks back on either side, and the band only moves right.
    starts = [max(0, lo - 3) for lo, _ in spans]
    ends = [spans[min(i + 3, n)][1] for i in range(n + 1)]
    cost = [[_INF] * (end - start + 1) for start, end in zip(starts, ends, strict=True)]
    back = [[(0, 0)] * (end - start + 1) for start, end in zip(starts, ends, strict=True)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row, at, brow = cost[i], starts[i], back[i]
        prev, before = (cost[i - 1], starts[i - 1]) if i else (None, 0)
        lo, hi = spans[i]
        for j in range(max(1 if i == 0 else 0, lo), hi + 1):
            best, move = _INF, (0, 0)
            if prev is not None:
                up = prev[j - before]
                c = up + _SKIP
                if c < best:
                    best, move = c, (1, 0)
                if j:
                    diagonal = prev[j - 1 - before]
                    c = diagonal + _cost(left, right, i - 1, i, j - 1, j, best - diagonal)
                    if c < best:
                        best, move = c, (1, 1)
                    # Merges join paragraphs only: look at them only where both ends are ones.
                    if left.mergeable[i - 1] and right.mergeable[j - 1]:
                        best, move = _merges(left, right, cost, starts, i, j, best, move)
            if j:
                c = row[j - 1 - at] + _SKIP
                if c < best:
                    best, move = c, (0, 1)
            row[j - at], brow[j - at] = best, move
    moves: list[tuple[int, int]] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j - starts[i]]
        moves.append((di, dj))
        i, j = i - di, j - dj
    moves.reverse()
    return moves


def _merges(
    left: _Side,
    right: _Side,
    cost: list[list[float]],
    starts: list[int],
    i: int,
    j: int,
    best: float,
    move: tuple[int, int],
) -> tuple[float, tuple[int, int]]:
    """The best of the 1-2, 2-1, 1-3 and 3-1 beads ending at cell (i, j), or ``best``
    (``cost[i][j - starts[i]]`` is the cost of cell (i, j))."""
    for di, dj in ((1, 2), (2, 1), (1, 3), (3, 1)):
        if i >= di and j >= dj and (before := cost[i - di][j - dj - starts[i - di]]) != _INF:
            c = before + _cost(left, right, i - di, i, j - dj, j, best - before)
            if c < best:
                best, move = c, (di, dj)
    return best, move


def _phrases_found(phrases: frozenset[str], right: _Side, j0: int, j1: int) -> int:
    texts = [right.text(j) for j in range(j0, j1)]
    return sum(1 for p in phrases if any(_has(t, p) for t in texts))


def _convincing(left: _Side, right: _Side, k: int) -> bool:
    """Block ``k`` on both sides is plainly a translation: same kind, plausible length, and no
    more anchors missing than shared.

    When every block of two equally long sides passes, the diagonal is the alignment and the
    programme is skipped: with as many blocks on each side, nothing can be missing unless
    something else was added, and an addition shifts its neighbours so they fail this test.
    """
    if left.kinds[k] != right.kinds[k] or left.levels[k] != right.levels[k]:
        return False
    if _delta(left.lengths[k], right.lengths[k]) > _CONVINCING_DELTA:
        return False
    zs, es = left.strong[k], right.strong[k]
    phrases = left.phrases[k]
    found = _phrases_found(phrases, right, k, k + 1) if phrases else 0
    zh_hints, en_hints = left.hints[k], right.hints[k]
    shared = len(zs & es) + found + len(zh_hints & en_hints)
    # A number of the Chinese that the English lacks counts against the pair too: two swapped
    # paragraphs with numbers only must not pass for translations of each other.
    missing = len(zs ^ es) + len(phrases) - found + len(zh_hints - en_hints)
    if missing > shared:
        return False
    if shared:
        return True
    # No anchor either way: the words must not say that these two are not translations, nor
    # that a neighbour is the translation (two swapped paragraphs).
    agreement = _lexical(left, right, k, k + 1, k, k + 1)
    if agreement is None:
        return True
    if agreement < _LEXICON_LOW:
        return False
    for other in (k - 1, k + 1):
        if 0 <= other < len(right.blocks) and right.kinds[other] == right.kinds[k]:
            elsewhere = _lexical(left, right, k, k + 1, other, other + 1)
            if elsewhere is not None and elsewhere >= agreement + _LEXICON_MARGIN:
                return False
    return True


def _code_lines(block: Block) -> frozenset[str]:
    """A code block's lines of code without comments and spaces; lines with Chinese (a string
    or a comment the translator rendered) left out."""
    lines = set()
    for code in block.code:
        for line in code.splitlines():
            line = _COMMENT.sub("", line)
            line = "".join(line.split())
            if line and line.isascii():
                lines.add(line)
    return frozenset(lines)


def _same_code(zh: Block, en: Block) -> bool | None:
    """Whether two code blocks hold the same code: half their lines of code or more in common.
    None when either has too few lines to tell."""
    a, b = _code_lines(zh), _code_lines(en)
    if min(len(a), len(b)) < _CODE_LINES:
        return None
    return len(a & b) * 2 >= min(len(a), len(b))


def _titled_item(
    kinds: Sequence[str], start: int, end: int, others: Sequence[str], first: int, last: int
) -> bool:
    """Whether one list item (``kinds[start:end]``) stands for a heading and its paragraphs on
    the other side: "- 环境变量共享 可以通过……" / "### Share environment variables", text."""
    if end - start != 1 or kinds[start] != "list_item" or last - first < 2:
        return False
    return others[first] == "heading" and set(others[first + 1 : last]) == {"paragraph"}


def _mergeable(kinds: Sequence[str], start: int, end: int) -> bool:
    """Whether blocks ``start:end`` may together translate one block or more: paragraphs; a list
    item and the paragraphs after it; a paragraph and the whole list after it (an introduction
    and its list, folded into one paragraph on the other side). Never list items alone: items
    map one to one."""
    first, rest = kinds[start], set(kinds[start + 1 : end])
    if first == "list_item":
        return rest <= {"paragraph"}
    if first != "paragraph":
        return False
    if rest == {"list_item"}:  # the list must end here, or its other items would be left over
        return end == len(kinds) or kinds[end] != "list_item"
    return rest <= {"paragraph"}


def _lexical(left: _Side, right: _Side, i0: int, i1: int, j0: int, j1: int) -> float | None:
    """How well the words of zh blocks ``i0:i1`` and en blocks ``j0:j1`` agree, or None.

    In a merge, every block must be translated: the agreement of the whole is averaged with
    that of the block whose words the other side renders least. A paragraph left out, pulled
    into a merge with its neighbour, has few of its words on the other side.
    """
    if i1 - i0 == 1 and j1 - j0 == 1:
        if not (left.readable[i0] and right.readable[j0]):
            return None  # headings, captions, code: too few words, and anchors pair them
        words, union = left.glosses(i0)
        return lexicon.agreement(words, union, right.stems(j0))
    parts = [left.glosses(i) for i in range(i0, i1)]
    union = frozenset().union(*(part[1] for part in parts))
    stems = frozenset().union(*map(right.stems, range(j0, j1)))
    least: float | None = None
    for words, own in parts:  # each Chinese block against all the English
        found = lexicon.agreement(words, own, stems)
        if found is not None:
            least = found if least is None else min(least, found)
    words = tuple(w for part in parts for w in part[0])
    for j in range(j0, j1):  # each English block against all the Chinese
        found = lexicon.agreement(words, union, right.stems(j))
        if found is not None:
            least = found if least is None else min(least, found)
    pooled = lexicon.agreement(words, union, stems)
    if pooled is None or least is None:
        return pooled
    return (pooled + least) / 2


def _cost(
    left: _Side, right: _Side, i0: int, i1: int, j0: int, j1: int, limit: float = _INF
) -> float:
    """The cost of a bead joining zh blocks ``i0:i1`` and en blocks ``j0:j1`` (both non-empty).

    A bead that cannot cost less than ``limit`` whatever its words (the lexicon's term is
    bounded) is not weighed further: some value at least ``limit`` is returned. The programme
    passes what it already has, which spares most of the lexicon's work."""
    kind = left.kinds[i0]
    kind_cost = 0.0
    if i1 - i0 + j1 - j0 > 2:
        if _titled_item(left.kinds, i0, i1, right.kinds, j0, j1) or _titled_item(
            right.kinds, j0, j1, left.kinds, i0, i1
        ):
            kind_cost = _MIXED_MERGE + _HEADING_LEVEL
        elif kind != right.kinds[j0] or not (
            _mergeable(left.kinds, i0, i1) and _mergeable(right.kinds, j0, j1)
        ):
            return _INF
        elif kind != "paragraph" or "list_item" in (*left.kinds[i0:i1], *right.kinds[j0:j1]):
            kind_cost = _MIXED_MERGE
        zs = left.strong[i0].union(*left.strong[i0 + 1 : i1])
        es = right.strong[j0].union(*right.strong[j0 + 1 : j1])
        zh_hints = left.hints[i0].union(*left.hints[i0 + 1 : i1])
        en_hints = right.hints[j0].union(*right.hints[j0 + 1 : j1])
        phrases = left.phrases[i0].union(*left.phrases[i0 + 1 : i1])
        zh_len, en_len = sum(left.lengths[i0:i1]), sum(right.lengths[j0:j1])
        prior = _PRIOR[i1 - i0, j1 - j0]
    else:
        if kind != right.kinds[j0]:
            both_headings = left.heading_like[i0] and right.heading_like[j0]
            kind_cost = _HEADING_LEVEL if both_headings else _KIND_MISMATCH
        elif kind == "heading" and left.levels[i0] != right.levels[j0]:
            kind_cost = _HEADING_LEVEL
        zs, es = left.strong[i0], right.strong[j0]
        zh_hints, en_hints = left.hints[i0], right.hints[j0]
        phrases = left.phrases[i0]
        zh_len, en_len = left.lengths[i0], right.lengths[j0]
        prior = _ONE_ONE
    found = _phrases_found(phrases, right, j0, j1) if phrases else 0
    shared = len(zs & es) + found + len(zh_hints & en_hints)
    missing = len(zs ^ es) + len(phrases) - found
    anchor_cost = (
        _ANCHOR_MISS * min(missing, _ANCHOR_CAP)
        + _HINT_MISS * min(len(zh_hints - en_hints), _ANCHOR_CAP)
        - _ANCHOR_BONUS * min(shared, _ANCHOR_CAP)
    )
    if kind == "code" and right.kinds[j0] == "code":
        # Code is the same on both sides but for its comments, which a translator may write
        # at any length: the lines of code say whether two blocks are one, not their length.
        same = _same_code(left.blocks[i0], right.blocks[j0])
        if same is not None:
            return prior + (-_ANCHOR_BONUS * _ANCHOR_CAP if same else _ANCHOR_MISS * _ANCHOR_CAP)
    delta = _delta(zh_len, en_len)
    length_cost = -math.log(max(math.erfc(delta / _SQRT2), 1e-300))
    cost = prior + kind_cost + length_cost + anchor_cost
    if cost + _LEXICAL_FLOOR >= limit:
        return cost + _LEXICAL_FLOOR
    agreement = _lexical(left, right, i0, i1, j0, j1)
    return cost if agreement is None else cost + _LEXICON * (_LEXICON_MIDDLE - agreement)
