"""Structure checks: every block has a counterpart of the same kind after alignment."""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence

from bilingual.checks.registry import CheckContext, Scope, check
from bilingual.model import Bead, Block, Finding, Pair, Severity
from bilingual.text import HAN_RUN

_NAMES = {
    "heading": "heading",
    "paragraph": "paragraph",
    "list_item": "list item",
    "blockquote": "block quote",
    "image": "image",
    "table": "table",
    "code": "code block",
    "html": "HTML block",
}


def kind_name(kind: str) -> str:
    """A block kind as prose: ``list_item`` -> ``list item``."""
    return _NAMES.get(kind, kind)


@check("S101", "structure-mismatch")
def structure_mismatch(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A block has no counterpart in the other language, or its counterpart is another kind.

    ## What it does
    After the two bodies are aligned block by block, reports each heading, paragraph, list item,
    quote, image, table or code block left without a counterpart, at its own line, and each pair
    of aligned blocks of different kinds (a heading translated as a paragraph; a list item of a
    title and its text made a heading and a paragraph, reported once at the heading). A
    paragraph translated as two, or two as one, is fine.

    ## What it does not report
    A paragraph split into two or three, or two or three merged into one (alignment pairs
    them); a lone paragraph whose numbers, links, terms and names (two at least) all stand in
    the neighbouring translated block (merged and condensed); a list item whose text continues
    in the next paragraph on one side only; a bold list item or paragraph against a heading
    ("1. **Hybrid cloud**" / "### Hybrid cloud"); empty headings and blocks of punctuation only
    ("..."); the title repeated as the first heading on one side only; blocks that are
    unpaired on both sides of one passage (`passage-mismatch`), or moved (`reordered-block`).

    ## Why is this bad?
    A paragraph missing from the English is the most common translation defect in news: it
    happens when the Chinese is edited after translation, or when a paragraph is skipped.

    ## Example
    `zh.md:14` (七百余位嘉宾出席……) has no counterpart in `en.md`: the English goes from the
    paragraph before it straight to the one after it.
    Use instead: translate the paragraph, or delete it from both sides.
    """
    if not bead.en or not bead.zh:
        have, lack = ("zh", "en") if bead.zh else ("en", "zh")
        blocks = bead.zh or bead.en
        layout = _layout(ctx.beads)
        if not layout.body[lack]:
            yield from _no_body(bead, ctx, have, lack)
            return
        if id(bead) in passages(ctx.beads):
            return  # part of a passage that differs on both sides: passage-mismatch
        place = layout.place(bead, lack)
        for block in blocks:
            yield ctx.finding(
                f"{have}.md:{block.line} ({kind_name(block.kind)}) has no counterpart in "
                f"{lack}.md{place}",
                **{have: block},
            )
    elif (len(bead.zh) == len(bead.en) == 1 or _titled_item(bead)) and (
        bead.zh[0].kind != bead.en[0].kind
    ):
        zh, en = bead.zh[0], bead.en[0]
        if zh.heading_like and en.heading_like:
            return  # "1. **Hybrid cloud**" translated as "### Hybrid cloud": the same heading
        yield ctx.finding(
            f"zh.md:{zh.line} is a {kind_name(zh.kind)} but its counterpart en.md:{en.line} "
            f"is a {kind_name(en.kind)}",
            zh=zh,
            en=en,
        )


def _titled_item(bead: Bead) -> bool:
    """One list item on one side, a heading and its text on the other: the structure differs
    although the words are all there."""
    one, other = (bead.zh, bead.en) if len(bead.zh) == 1 else (bead.en, bead.zh)
    return len(one) == 1 and one[0].kind == "list_item" and other[0].kind == "heading"


@check("S102", "reordered-block", severity=Severity.WARNING)
def reordered_block(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A block's translation stands in another place in the other language.

    ## What it does
    After alignment, pairs a block left without a counterpart (or paired with one whose anchors
    disagree with its own) with a block elsewhere whose anchors — numbers, dates, links,
    images, glossary terms, Latin names — show that it is the translation: two of them shared
    at least, and more shared than disagreeing. Where neither block has an anchor, their words
    decide (a Chinese-English lexicon: the words agree well with each other and hardly with the
    blocks they stood next to). Reports once, at both lines, each block that such a pairing
    puts out of order (the fewest blocks that explain the order: of two swapped paragraphs,
    one). The other checks then compare the block with its real translation. Also reports a
    paragraph translated as two or three whose parts come in another order: the words each
    part renders stand in the original before those of the part in front of it.

    ## What it does not report
    A moved block with too little evidence (a paragraph too short, or in words the lexicon does
    not know, with no number, name or link, or only one shared number): it is reported as a
    missing block on each side (`structure-mismatch`), or, where the aligner pairs two such
    blocks with each other, through what they hold (a number that differs). Nor blocks merged
    or split in place, which alignment pairs, nor sentences reordered within one paragraph. Of
    two swapped neighbours one is reported; of two blocks swapped across others, both.

    ## Why is this bad?
    A paragraph in another place changes what the article says first and what a quotation
    follows; when it is not deliberate, it is a paste in the wrong place. Without this check a
    move reads as a missing paragraph on each side, or a swap as two wrong translations.

    ## Example
    `zh.md:11` (2023年4月2日……七百余位嘉宾) is translated at `en.md:15`, after the paragraph
    that follows it in the Chinese.
    Use instead: the English in the Chinese order, or mark a deliberate move with
    `<!-- bilingual-ignore: reordered-block -->`.
    """
    if bead.inverted:
        yield _inverted(bead, ctx)
    if not bead.moved or not bead.zh or not bead.en:
        return
    zh, en = bead.zh[0], bead.en[0]
    place = _layout(ctx.beads).place(bead, "en", skip_moved=True)
    yield ctx.finding(
        f"zh.md:{zh.line} ({kind_name(zh.kind)}) is translated out of order, at "
        f"en.md:{en.line}{place}",
        zh=zh,
        en=en,
        primary="en",
    )


def _inverted(bead: Bead, ctx: CheckContext) -> Finding:
    one, several = ("zh", "en") if len(bead.zh) == 1 else ("en", "zh")
    block = (bead.zh if one == "zh" else bead.en)[0]
    parts = bead.en if one == "zh" else bead.zh
    names = ", ".join(f"{several}.md:{b.line}" for b in parts)
    return ctx.finding(
        f"{names} render {one}.md:{block.line} ({kind_name(block.kind)}) in another order",
        zh=bead.zh[0],
        en=bead.en[0],
        primary=several,
    )


@check("S103", "passage-mismatch")
def passage_mismatch(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A passage is written differently on the two sides: its blocks do not pair up.

    ## What it does
    Between two blocks that do translate each other, finds blocks left without a counterpart on
    both sides: the Chinese says something there and the English says something else, or the
    same rewritten, split or merged beyond what alignment pairs. Reports the passage once, with
    both sides' line ranges, instead of each block as missing on each side.

    ## What it does not report
    A passage whose blocks have no counterpart on one side only: each of those is a missing
    block (`structure-mismatch`). One block on each side of the same kind that name the same
    things (numbers, links, terms, Latin names, none disagreeing): a translation much longer or
    shorter than its original, paired. Nor one paragraph split into two or three, or two or three
    merged into one, which alignment pairs.

    ## Why is this bad?
    A passage that does not pair up block by block was rewritten rather than translated, or
    edited on one side after translation: a reviewer should read both sides of it.

    ## Example
    `zh.md:21-29` (three paragraphs) and `en.md:18-26` (a paragraph and four list items) do
    not translate each other block by block.
    Use instead: translate the passage as the original has it, or confirm the rewrite and mark
    it with `<!-- bilingual-ignore: passage-mismatch -->`.
    """
    if bead.zh and bead.en:
        return  # paired: most beads
    passage = passages(ctx.beads).get(id(bead))
    if passage is None or passage[0] is not bead:
        return
    zh = [b for item in passage for b in item.zh]
    en = [b for item in passage for b in item.en]
    if len(zh) == len(en) == 1:
        message = (
            f"zh.md:{_span(zh)} ({kind_name(zh[0].kind)}) and en.md:{_span(en)} "
            f"({kind_name(en[0].kind)}) stand in the same place but do not translate each other"
        )
    else:
        message = (
            f"zh.md:{_span(zh)} ({_count(zh)}) and en.md:{_span(en)} ({_count(en)}) do not "
            "translate each other block by block"
        )
    yield ctx.finding(
        message,
        zh=zh[0],
        en=en[0],
        primary="en",
    )


@check("S104", "partial-translation", severity=Severity.WARNING, scope=Scope.PAIR)
def partial_translation(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """A translation far shorter than the article's others: part of a paragraph left out.

    ## What it does
    Measures each paragraph pair as English words per Chinese character, and takes the
    article's own usual measure (the median over its paragraph pairs, four at least: offices,
    translators and subjects differ). A Chinese paragraph of 40 characters or more whose
    English has less than 0.45 of that usual measure is reported at both lines, with the
    figures: a sentence or a half of it dropped leaves this, where every anchor of the other
    half still agrees.

    ## What it does not report
    An English paragraph longer than usual (translators explain for a foreign reader);
    headings, list items, tables and short paragraphs, whose length says little; a condensed
    translation at 0.45 of the usual measure or more, where length cannot tell a condensed
    translation from a partial one (in the real pairs of the tests, a complete one runs as
    low as 0.57 and one lacking its last sentence at 0.58); articles with fewer than four
    paragraph pairs, whose usual measure is not known. Which sentence is missing: length does
    not say.

    ## Why is this bad?
    A sentence skipped inside a paragraph is the drift no structure check sees: the paragraph
    has its counterpart, and what the English lacks has no number or name to miss.

    ## Example
    `zh.md:33` (KubeVela 提供了 VelaUX 功能……在 UX 上，不仅可以……还可以通过配置触发器……) is
    rendered by `en.md:33` in 18 words for 87 characters, where the article's paragraphs run
    0.67 words a character: the sentence about triggers is not translated.
    Use instead: translate the whole paragraph.
    """
    sizes = [(bead, *_size(bead)) for bead in ctx.beads if _prose_pair(bead)]
    usual = usual_ratio(sizes)
    if usual is None:
        return
    for bead, han, words in sizes:
        if han < _PARTIAL_HAN or words >= _PARTIAL_SHARE * usual * han:
            continue
        zh, en = bead.zh[0], bead.en[0]
        yield ctx.finding(
            f"{_names('en', bead.en)} render{'s' if len(bead.en) == 1 else ''} zh.md:{zh.line} "
            f"in {words} words for {han} Chinese characters, where this article's paragraphs "
            f"run {usual:.2f} words a character: part of it may be untranslated",
            zh=zh,
            en=en,
            primary="en",
        )


#: A Chinese paragraph shorter than this (in Han characters) says too little by its length.
_PARTIAL_HAN = 40
#: The share of the article's usual words-per-character under which a translation is partial:
#: in the real pairs of the tests, nothing falls between 0.31 (partial) and 0.57 (complete).
_PARTIAL_SHARE = 0.45
#: Paragraph pairs the usual measure is taken over, at least, and their least length.
_USUAL_PAIRS = 4
_USUAL_HAN = 20


def usual_ratio(sizes: Sequence[tuple[Bead, int, int]]) -> float | None:
    """English words per Chinese character, the median over paragraph pairs given as (bead,
    Han characters, English words) of 20 characters and 5 words at least; None with fewer
    than four such pairs."""
    ratios = [words / han for _, han, words in sizes if han >= _USUAL_HAN and words >= 5]
    return statistics.median(ratios) if len(ratios) >= _USUAL_PAIRS else None


def _prose_pair(bead: Bead) -> bool:
    """Paragraphs on both sides: the blocks whose length says what they hold."""
    zh, en = bead.zh, bead.en
    if len(zh) == 1 and len(en) == 1:  # most beads: spared a generator
        return zh[0].kind == "paragraph" == en[0].kind
    return bool(zh and en) and all(b.kind == "paragraph" for b in (*zh, *en))


def _size(bead: Bead) -> tuple[int, int]:
    """The Han characters of the bead's Chinese and the words of its English (all that stands
    between spaces: the measure is compared with the article's own), inline code left out (it
    is the same on both sides)."""
    han = sum(len(run) for b in bead.zh for run in HAN_RUN.findall(_prose(b)))
    if han < _USUAL_HAN:
        return han, 0  # neither measured nor reported: the words are not needed
    return han, sum(len(_prose(b).split()) for b in bead.en)


def _prose(block: Block) -> str:
    text = block.text
    for code in block.code:
        text = text.replace(code, " ")
    return text


def _names(lang: str, blocks: tuple[Block, ...]) -> str:
    return ", ".join(f"{lang}.md:{b.line}" for b in blocks)


def _span(blocks: list[Block]) -> str:
    first, last = blocks[0].line, blocks[-1].end_line
    return f"{first}-{last}" if last > first else str(first)


def _count(blocks: list[Block]) -> str:
    return f"{len(blocks)} block{'s' if len(blocks) > 1 else ''}"


_PASSAGES: list[tuple[tuple[Bead, ...], dict[int, tuple[Bead, ...]]]] = []


def passages(beads: tuple[Bead, ...]) -> dict[int, tuple[Bead, ...]]:
    """Runs of beads with one side only that hold blocks of both sides, by each bead's id."""
    if _PASSAGES and _PASSAGES[0][0] is beads:
        return _PASSAGES[0][1]
    found: dict[int, tuple[Bead, ...]] = {}
    run: list[Bead] = []
    for bead in (*beads, None):
        if bead is not None and (not bead.zh or not bead.en) and not bead.moved:
            run.append(bead)
            continue
        if any(b.zh for b in run) and any(b.en for b in run):
            for item in run:
                found[id(item)] = tuple(run)
        run = []
    _PASSAGES[:] = [(beads, found)]  # one pair at a time: checks run pair by pair
    return found


def _no_body(bead: Bead, ctx: CheckContext, have: str, lack: str) -> Iterator[Finding]:
    """One finding, at the first block, when the other side has front matter and no body."""
    if bead is not ctx.beads[0]:
        return
    first = (bead.zh or bead.en)[0]
    yield ctx.finding(
        f"{lack}.md has no body: none of the {len(ctx.beads)} blocks of {have}.md from line "
        f"{first.line} has a counterpart",
        **{have: first},
    )


class _Layout:
    """Where each bead of a pair's alignment stands, whether each side has a body, and where a
    missing counterpart belongs: after the nearest block of the other side before it. Looked up
    once per pair rather than searched for each lone block, which is quadratic in an article of
    thousands of blocks without counterparts."""

    def __init__(self, beads: tuple[Bead, ...]) -> None:
        self.beads = beads
        self.index: dict[int, int] = {}
        for k, bead in enumerate(beads):
            self.index.setdefault(id(bead), k)
        self.body = {"zh": any(b.zh for b in beads), "en": any(b.en for b in beads)}
        self._places: dict[tuple[str, bool], list[str]] = {}

    def place(self, bead: Bead, lack: str, *, skip_moved: bool = False) -> str:
        """Where ``bead``'s missing ``lack`` counterpart belongs, as the message says it."""
        index = self.index.get(id(bead))
        if index is None:
            return ""
        places = self._places.get((lack, skip_moved))
        if places is None:
            places = self._places[lack, skip_moved] = self._all(lack, skip_moved)
        return places[index]

    def _all(self, lack: str, skip_moved: bool) -> list[str]:
        sides = [
            None if skip_moved and bead.moved else (bead.zh if lack == "zh" else bead.en)
            for bead in self.beads
        ]
        after: list[int | None] = []  # the last line of the nearest block before each bead
        last = None
        for side in sides:
            after.append(last)
            last = side[-1].end_line if side else last
        places = []
        following = None  # the first line of the nearest block after the bead
        for side, before in zip(reversed(sides), reversed(after), strict=True):
            if before is not None:
                places.append(f" (expected after {lack}.md:{before})")
            elif following is not None:
                places.append(f" (expected before {lack}.md:{following})")
            else:
                places.append(f" ({lack}.md has no body)")
            following = side[0].line if side else following
        places.reverse()
        return places


_LAYOUTS: list[_Layout] = []


def _layout(beads: tuple[Bead, ...]) -> _Layout:
    if not _LAYOUTS or _LAYOUTS[0].beads is not beads:
        _LAYOUTS[:] = [_Layout(beads)]  # one pair at a time: checks run pair by pair
    return _LAYOUTS[0]
