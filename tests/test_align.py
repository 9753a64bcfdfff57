from __future__ import annotations

import pytest

from bilingual.align import align
from bilingual.glossary.model import Glossary, Term
from bilingual.glossary.store import load_glossary
from bilingual.parse.discover import load_pair
from bilingual.parse.markdown import parse_blocks
from tests.conftest import REPO, SHIPPED

ZH = [
    "## 论坛概况",
    "2023年4月2日，2023浦江创新论坛“AI for Science”主题论坛在张江科学会堂举行，七百余位嘉宾出席。",
    "论坛由上海市科学技术委员会和上海交通大学共同主办。",
    "开幕式上，有关负责人致辞，介绍了人工智能驱动科学研究的最新进展与上海的相关布局。",
    "会上发布了AI for Science科学数据开源平台，首期汇聚三十余个高质量科学数据集。",
    "同日，张江交大人工智能研究平台签约共建，平台将在五年内培养五百名青年人才。",
    "十余位专家围绕蛋白质结构预测、新材料设计等议题作主旨报告，并展开圆桌讨论。",
]
EN = [
    "## Overview",
    'On April 2, 2023, the "AI for Science" forum of the 2023 Pujiang Innovation Forum was '
    "held at Zhangjiang Science Hall, attended by more than 700 guests.",
    "The forum was co-sponsored by the Science and Technology Commission of Shanghai "
    "Municipality and Shanghai Jiao Tong University.",
    "At the opening ceremony, officials spoke about the latest progress in AI-driven "
    "scientific research and Shanghai's plans in the field.",
    "The AI for Science scientific data open-source platform was launched, bringing together "
    "more than 30 high-quality scientific datasets in its first phase.",
    "On the same day, an agreement was signed to build the Zhangjiang SJTU AI research "
    "platform, which will train 500 young researchers in five years.",
    "More than 10 experts gave keynote speeches on protein structure prediction and new "
    "materials design and joined a round-table discussion.",
]


def blocks(paragraphs: list[str]):
    return parse_blocks("\n\n".join(paragraphs) + "\n")


def shape(beads) -> list[str]:
    return [bead.kind for bead in beads]


def test_parallel_sides_align_one_to_one():
    beads = align(blocks(ZH), blocks(EN))
    assert shape(beads) == ["1-1"] * 7
    assert [b.zh[0].line for b in beads] == [b.en[0].line for b in beads]


def sample_pairs():
    for folder in sorted(SHIPPED.iterdir()):
        pair = load_pair(SHIPPED.parent, folder)
        yield pair.slug, pair.zh.blocks, pair.en.blocks


@pytest.mark.parametrize("glossary", [None, "shipped"])
@pytest.mark.parametrize("side", ["en", "zh"])
def test_every_single_deletion_in_the_sample_articles_is_found_at_its_place(side, glossary):
    terms = load_glossary(REPO) if glossary else None
    for slug, zh, en in sample_pairs():
        kept, other = (en, zh) if side == "en" else (zh, en)
        for k, removed in enumerate(kept):
            shortened = kept[:k] + kept[k + 1 :]
            beads = align(zh, shortened, terms) if side == "en" else align(shortened, en, terms)
            lonely = [b for b in beads if not (b.en if side == "en" else b.zh)]
            where = (slug, side, k, shape(beads))
            assert len(lonely) == 1, where
            assert (lonely[0].zh or lonely[0].en)[0] is other[k], where
            assert all(b.kind == "1-1" for b in beads if b is not lonely[0]), where
            assert removed.line == other[k].line  # the samples are line-parallel


def test_a_paragraph_split_in_two_is_a_one_to_two_bead():
    first, second = EN[4].split(", bringing")
    en = [*EN[:4], first + ".", "It brings" + second, *EN[5:]]
    beads = align(blocks(ZH), blocks(en))
    assert shape(beads) == ["1-1"] * 4 + ["1-2"] + ["1-1"] * 2


def test_two_paragraphs_merged_is_a_two_to_one_bead():
    en = [*EN[:2], EN[2] + " " + EN[3], *EN[4:]]
    beads = align(blocks(ZH), blocks(en))
    assert shape(beads) == ["1-1"] * 2 + ["2-1"] + ["1-1"] * 3


def test_headings_pair_with_headings():
    zh = blocks(["## 平台发布", ZH[4], "## 专家观点", ZH[6]])
    en = blocks(["## Platform Launch", EN[4], EN[6]])
    beads = align(zh, en)
    assert shape(beads) == ["1-1", "1-1", "1-0", "1-1"]
    assert beads[2].zh[0].kind == "heading"


def test_anchors_decide_between_paragraphs_of_equal_length():
    zh = blocks(["访问 https://a.example.org 了解详情。", "访问 https://b.example.org 了解详情。"])
    en = blocks(["See https://b.example.org for details."])
    beads = align(zh, en)
    assert shape(beads) == ["1-0", "1-1"]


def test_glossary_terms_decide_between_paragraphs_of_equal_length():
    glossary = Glossary(
        (
            Term("张江科学会堂", "Zhangjiang Science Hall"),
            Term("浦江创新论坛", "Pujiang Innovation Forum"),
        )
    )
    # Too few words for the lexicon to tell (bilingual.lexicon.MIN_WORDS), and the same length.
    zh = blocks(["张江科学会堂", "浦江创新论坛"])
    en = blocks(["At the Pujiang Innovation Forum."])
    assert shape(align(zh, en)) == ["1-1", "1-0"]  # length alone pairs the wrong paragraph
    assert shape(align(zh, en, glossary)) == ["1-0", "1-1"]


def test_the_lexicon_decides_between_paragraphs_with_no_anchors():
    # Equal lengths, no number, link, term or name: only the words say which is translated.
    zh = blocks(["论坛在科学会堂举行，吸引了许多观众。", "嘉宾出席了论坛并发表演讲。"])
    en = blocks(["Guests attended the forum and gave speeches."])
    assert shape(align(zh, en)) == ["1-0", "1-1"]


def test_a_term_the_english_rephrases_does_not_break_the_alignment():
    glossary = load_glossary(REPO)
    en = [p.replace("Zhangjiang Science Hall", "the science hall") for p in EN]
    assert en != EN
    assert shape(align(blocks(ZH), blocks(en), glossary)) == ["1-1"] * 7


def test_empty_sides():
    assert shape(align(blocks(ZH[:2]), ())) == ["1-0", "1-0"]
    assert shape(align((), blocks(EN[:1]))) == ["0-1"]
    assert align((), ()) == ()


def test_long_articles_align_in_a_band_around_the_diagonal():
    """A 1,200-block article with one missing block: found, without an n*m table."""
    zh = blocks([f"第{i}段：上海交通大学发布第{i}项成果，共{i * 7}人参与。" for i in range(1200)])
    en = blocks(
        [f"Part {i}: SJTU released result {i}, with {i * 7} participants." for i in range(1200)]
    )
    shortened = en[:600] + en[601:]
    beads = align(zh, shortened)
    lonely = [b for b in beads if not b.en]
    assert len(lonely) == 1 and lonely[0].zh[0] is zh[600]


def test_code_blocks_pair_by_their_code_not_their_comments():
    # openkruise-2021-09-06-release-0.10.0 (tests/fixtures/real): the English comments are
    # several times as long as the Chinese ones; the lines of code are the same.
    code = "apiVersion: apps.kruise.io/v1alpha1\nkind: PodUnavailableBudget\nspec:\n"
    zh_code = "```yaml\n" + code + "  # 保证的最小可用数量\n  minAvailable: 40%\n```"
    en_code = (
        "```yaml\n" + code + "  # Minimum number of Pods available for the current cloneset, "
        "the example is cloneset.replicas(5) * 40% = 2, so at least two Pods stay available "
        "while the others are upgraded, evicted or deleted by any voluntary disruption\n"
        "  # When a Pod is deleted or evicted, the webhook checks this budget first and refuses "
        "the request while fewer Pods than this are available; updates in place are checked "
        "the same way, so a rollout waits until enough Pods are ready again\n"
        "  minAvailable: 40%\n```"
    )
    # A paragraph missing after the code makes the programme run rather than the shortcut.
    zh = blocks([ZH[1], zh_code, ZH[2], ZH[3]])
    en = blocks([EN[1], en_code, EN[3]])
    beads = align(zh, en)
    assert shape(beads)[:2] == ["1-1", "1-1"]
    assert beads[1].zh[0].kind == beads[1].en[0].kind == "code"


def test_latin_names_leave_out_version_words():
    from bilingual.anchors import latin_phrases

    assert latin_phrases("在 Kruise v0.10.0 版本中新增的 PodUnavailableBudget（PUB）功能") == {
        "kruise",
        "podunavailablebudget",
        "pub",
    }


def test_a_condensed_translation_in_place_pairs_on_its_names():
    # openkruise-2021-09-06-release-0.10.0 (tests/fixtures/real): the English drops the version
    # and the aside in parentheses, and writes the feature gates in the plural.
    zh = blocks(
        [
            ZH[1],
            "使用 PodUnavailableBudget 功能，需要在 安装/升级 Kruise v0.10.0 的时候打开"
            "feature-gate（两个可以选择打开一个，也可以都打开）：",
            ZH[2],
        ]
    )
    en = blocks(
        [EN[1], "You have to enable the feature-gates when install or upgrade Kruise:", EN[2]]
    )
    assert shape(align(zh, en)) == ["1-1", "1-1", "1-1"]


def test_a_condensed_paragraph_after_a_merge_keeps_its_translation():
    # kubevela-2022-01-27-blog-1.2 (tests/fixtures/real): a list item whose text continues in a
    # paragraph on the English side only, then a paragraph the English condenses to a third of
    # its length. Length alone hangs that translation on the merge before it; its year and term
    # say which Chinese paragraph it renders.
    real = REPO / "tests" / "fixtures" / "real"
    pair = load_pair(real, real / "articles" / "kubevela-2022-01-27-blog-1.2")
    beads = align(pair.zh.blocks, pair.en.blocks, load_glossary(real))
    by_zh = {bead.zh[0].line: [b.line for b in bead.en] for bead in beads if bead.zh}
    assert by_zh[30] == [32, 34]
    assert by_zh[33] == [36]


def _programme_full_table(left, right):
    """The programme as first written, with a table of every cell (quadratic in memory)."""
    from bilingual.align import _BAND, _INF, _SKIP, _cost

    n, m = len(left.blocks), len(right.blocks)
    cost = [[_INF] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    band = abs(n - m) + _BAND
    for i in range(n + 1):
        row, prev, brow = cost[i], cost[i - 1] if i else None, back[i]
        centre = i * m // n
        for j in range(max(1 if i == 0 else 0, centre - band), min(m, centre + band) + 1):
            best, move = _INF, (0, 0)
            if prev is not None:
                c = prev[j] + _SKIP
                if c < best:
                    best, move = c, (1, 0)
                if j:
                    c = prev[j - 1] + _cost(left, right, i - 1, i, j - 1, j, best - prev[j - 1])
                    if c < best:
                        best, move = c, (1, 1)
                    if left.mergeable[i - 1] and right.mergeable[j - 1]:
                        for di, dj in ((1, 2), (2, 1), (1, 3), (3, 1)):
                            if i >= di and j >= dj and cost[i - di][j - dj] != _INF:
                                before = cost[i - di][j - dj]
                                c = before + _cost(left, right, i - di, i, j - dj, j, best - before)
                                if c < best:
                                    best, move = c, (di, dj)
            if j:
                c = row[j - 1] + _SKIP
                if c < best:
                    best, move = c, (0, 1)
            row[j], brow[j] = best, move
    moves, i, j = [], n, m
    while i or j:
        di, dj = back[i][j]
        moves.append((di, dj))
        i, j = i - di, j - dj
    return moves[::-1]


def test_the_programme_keeps_only_its_band_and_finds_what_a_full_table_finds():
    import random

    from bilingual.align import _programme, _scale, _Side

    rnd = random.Random(5)
    kinds = ["## ", "", "", "", "- "]
    for _ in range(60):
        size = rnd.randrange(1, 120)
        picked = [rnd.randrange(1, len(ZH)) for _ in range(size)]
        marks = [rnd.choice(kinds) for _ in range(size)]
        kept = rnd.choice([0.5, 0.8, 0.95])
        zh = [marks[k] + ZH[p] for k, p in enumerate(picked) if rnd.random() < kept]
        en = [marks[k] + EN[p] for k, p in enumerate(picked) if rnd.random() < 0.9]
        if not zh or not en:
            continue
        left, right = _Side(blocks(zh), "zh", None), _Side(blocks(en), "en", None)
        n, m = len(left.blocks), len(right.blocks)
        _scale(left, right, [(i, 0) for i in range(n)], [(0, j) for j in range(m)])
        assert _programme(left, right) == _programme_full_table(left, right)
