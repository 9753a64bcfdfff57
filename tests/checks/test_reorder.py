"""S102 reordered-block, on the shipped forum report with its English paragraphs moved."""

from __future__ import annotations

import shutil

import pytest

from bilingual.reorder import find_moves
from tests.conftest import REPO, SHIPPED

FORUM = SHIPPED / "2023-pujiang-innovation-forum"


def _english(order) -> str:
    """The shipped English with its body blocks (separated by blank lines) in ``order``."""
    text = (FORUM / "en.md").read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    blocks = body.strip("\n").split("\n\n")
    return head + "\n---\n\n" + "\n\n".join(order(blocks)) + "\n"


@pytest.fixture
def forum(root):
    (root.path / "articles" / "a").mkdir(parents=True)
    shutil.copy(FORUM / "zh.md", root.path / "articles" / "a" / "zh.md")
    shutil.copy(REPO / "glossary.yaml", root.path / "glossary.yaml")
    return root


def _structure(check_json, root) -> list[tuple[str, str]]:
    _, report = check_json(root, "--select", "S101,S102,S103")
    return [(f["code"], f["message"]) for f in report["findings"]]


def test_swapped_paragraphs_are_one_finding_at_both_lines(forum, check_json):
    # The platform launch (zh.md:19) and the signing (zh.md:21) change places in the English.
    (forum.path / "articles" / "a" / "en.md").write_text(
        _english(lambda b: [*b[:4], b[5], b[4], *b[6:]]), encoding="utf-8"
    )
    assert _structure(check_json, forum) == [
        ("S102", "zh.md:21 (paragraph) is translated out of order, at en.md:19 "
         "(expected after en.md:21)"),
    ]  # fmt: skip


def test_paragraph_moved_three_places(forum, check_json):
    # The opening remarks (zh.md:15) move after the signing paragraph.
    (forum.path / "articles" / "a" / "en.md").write_text(
        _english(lambda b: [*b[:2], *b[3:6], b[2], *b[6:]]), encoding="utf-8"
    )
    assert _structure(check_json, forum) == [
        ("S102", "zh.md:15 (paragraph) is translated out of order, at en.md:21 "
         "(expected after en.md:13)"),
    ]  # fmt: skip


def test_moved_paragraph_is_compared_with_its_real_translation(forum, check_json):
    # Swapped, each paragraph's numbers and terms are compared with its own translation:
    # nothing but the move is reported.
    (forum.path / "articles" / "a" / "en.md").write_text(
        _english(lambda b: [*b[:4], b[5], b[4], *b[6:]]), encoding="utf-8"
    )
    _, report = check_json(forum)
    assert [f["code"] for f in report["findings"]] == ["S102"]


@pytest.mark.parametrize(
    "root_dir",
    [REPO, REPO / "tests" / "fixtures" / "realistic"],
    ids=["shipped", "realistic"],
)
def test_silent_on_faithful_translations(cli, root_dir):
    code, out, _ = cli("check", "--root", root_dir, "--select", "reordered-block")
    assert code == 0 and "no problems found" in out


def test_silent_on_the_real_pairs_but_one_genuine_move(check_json, cli):
    import json

    _, out, _ = cli(
        "check", "--root", REPO / "tests" / "fixtures" / "real", "--select", "S102",
        "--format", "json",
    )  # fmt: skip
    found = [(f["article"], f["zh"]["line"], f["en"]["line"]) for f in json.loads(out)["findings"]]
    # KubeVela 1.2: the paragraph on 100+ contributors (zh.md:124) stands before the
    # "Join the community" heading in the English, after it in the Chinese; and StreamPark's
    # China Unicom case study places the submission flow figure (zh.md:23) at the top.
    assert found == [
        ("kubevela-2022-01-27-blog-1.2", 124, 124),
        ("streampark-2-streampark-usercase-chinaunion", 23, 10),
    ]


def test_moves_need_evidence():
    # Two blocks left alone on each side, with anchors that do not prove a translation.
    spans = [([0], [0]), ([1], []), ([], [1]), ([2], [2])]
    weak = {(1, 1): (1, 1)}
    result, moved = find_moves(spans, lambda a, b: weak.get((a, b), (0, 0)), lambda a, b: True)
    assert result == spans and moved == set()
    strong = {(1, 1): (3, 3)}
    result, moved = find_moves(spans, lambda a, b: strong.get((a, b), (0, 0)), lambda a, b: True)
    assert result == [([0], [0]), ([1], [1]), ([2], [2])] and moved == set()


ZH_NUMBERS = [
    "2023年4月2日，论坛在上海举行，七百余位嘉宾出席。",
    "项目总投资1.2亿元，首期招收45名学生。",
    "学院与企业签署为期5年的协议，每年培养30名研究生。",
    "论坛共发布12项成果，其中3项为国际首创。",
    "更多信息请访问 https://example.org/forum 。",
]
EN_NUMBERS = [
    "On April 2, 2023, the forum was held in Shanghai, attended by more than 700 guests.",
    "The project has a total investment of RMB 120 million, and its first phase admits 45 "
    "students.",
    "The school and the company signed a 5-year agreement to train 30 graduate students a year.",
    "The forum released 12 results, 3 of them world firsts.",
    "For more, visit https://example.org/forum.",
]


@pytest.mark.parametrize(
    ("order", "moved_zh"),
    [((0, 2, 1, 3, 4), 11), ((1, 2, 3, 0, 4), 7)],
    ids=["swap", "moved-three-places"],
)
def test_moves_of_paragraphs_with_numbers_only(root, order, moved_zh):
    # No glossary and no names: the numbers alone show where each paragraph went (a new user's
    # report: without them the swap read as numbers that differ between unrelated paragraphs).
    root.pair("a", "\n\n".join(ZH_NUMBERS), "\n\n".join(EN_NUMBERS[i] for i in order))
    found = root.findings("a")
    assert [(f.code, f.zh.line) for f in found] == [("S102", moved_zh)]


#: Plain prose with no number, name, link or term: only the words tell which is which.
PLAIN_ZH = [
    "学生们在图书馆里安静地读书，老师在旁边帮助他们解答问题。",
    "下午，大家一起去公园散步，欣赏美丽的花朵和绿色的树木。",
    "晚上，学校举办了音乐会，许多家长也来观看演出。",
    "活动结束后，校长感谢了所有参加的志愿者和工作人员。",
]
PLAIN_EN = [
    "The students read quietly in the library while teachers helped them answer questions.",
    "In the afternoon, everyone walked in the park together, enjoying the beautiful flowers "
    "and green trees.",
    "In the evening, the school held a concert, and many parents came to watch the performance.",
    "After the event, the principal thanked all the volunteers and staff who took part.",
]


def test_swapped_paragraphs_with_no_anchors_are_found_by_their_words(root, check_json):
    en = [PLAIN_EN[0], PLAIN_EN[2], PLAIN_EN[1], PLAIN_EN[3]]
    root.pair("a", "\n\n".join(PLAIN_ZH), "\n\n".join(en))
    found = _structure(check_json, root)
    assert [code for code, _ in found] == ["S102"]
    root.pair("b", "\n\n".join(PLAIN_ZH), "\n\n".join(PLAIN_EN))
    _, report = check_json(root, "--select", "S101,S102,S103")
    assert [f for f in report["findings"] if f["article"] == "b"] == []


def test_halves_of_a_translation_in_the_other_order(root, check_json):
    # One Chinese paragraph translated as two English ones, which come in the other order.
    zh = PLAIN_ZH[0] + PLAIN_ZH[1] + PLAIN_ZH[2]
    root.pair(
        "a",
        zh + "\n\n" + PLAIN_ZH[3],
        "\n\n".join([PLAIN_EN[2], PLAIN_EN[0] + " " + PLAIN_EN[1], PLAIN_EN[3]]),
    )
    assert _structure(check_json, root) == [
        ("S102", "en.md:7, en.md:9 render zh.md:7 (paragraph) in another order"),
    ]
    root.pair(
        "b",
        zh + "\n\n" + PLAIN_ZH[3],
        "\n\n".join([PLAIN_EN[0] + " " + PLAIN_EN[1], PLAIN_EN[2], PLAIN_EN[3]]),
    )
    _, report = check_json(root, "--select", "S101,S102,S103")
    assert [f for f in report["findings"] if f["article"] == "b"] == []
