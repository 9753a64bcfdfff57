"""T101 untranslated."""

from __future__ import annotations

import pytest

from bilingual.config import ChecksConfig, Config

ZH = "上海交通大学朱新远教授作主旨报告，七百余位嘉宾出席。"


@pytest.mark.parametrize(
    "en",
    [
        "Professor Zhu Xinyuan gave a keynote speech; 七百余位嘉宾 attended.",
        "Professor Zhu Xinyuan gave a keynote speech. 七百余位嘉宾出席。",
        "Professor Zhu Xinyuan (朱新远) gave a keynote speech at 张江科学会堂.",
        "Professor Zhu Xinyuan gave a keynote speech, attended by 700 guests（七百余位）.",
        "The Forum (本次论坛共有七百余位嘉宾出席，并发布了平台) was held.",
        "Write to 请发送邮件至news@sjtu.edu.cn for details.",
        "Registration (待译) opens on May 15 for 700 guests.",
        "Registration (报名将于五月十五日截止，请尽快) opens for 700 guests.",
        "Visit https://www.sjtu.edu.cn了解更多 for details.",
    ],
)
def test_chinese_in_english_fires(root, en):
    root.pair("forum", ZH, en)
    (finding,) = root.findings("forum", "untranslated")
    assert finding.en.line == 7 and finding.zh.line == 7
    assert "Chinese text left in the English" in finding.message
    assert finding.en_excerpt  # the Chinese run is shown


@pytest.mark.parametrize(
    "en",
    [
        "Professor Zhu Xinyuan (朱新远) of SJTU gave a keynote, attended by more than 700 guests.",
        "Professor Zhu Xinyuan （朱新远） of SJTU gave a keynote, attended by 700 guests.",
        "Professor Zhu Xinyuan of SJTU gave a keynote; see `配置文件` and more than 700 guests.",
        "Professor Zhu Xinyuan of SJTU gave a [keynote](https://example.org/新闻) to 700 guests.",
        "Professor Zhu Xinyuan of SJTU gave a keynote to 700 guests: news@sjtu.edu.cn.",
        "Professor Zhu Xinyuan of Peking University (北京大学, PKU) spoke to 700 guests.",
        'Professor Zhu Xinyuan of the "SJTU News" (上海交大新闻) account spoke to 700 guests.',
        "Professor Zhu Xinyuan discussed *Red Sorghum* (《红高粱》) with 700 guests.",
        "Professor Zhu Xinyuan of SJTU gave a keynote, attended by more than 700 guests.\n"
        "<!-- 原文：上海交通大学朱新远教授作主旨报告，七百余位嘉宾出席。 -->",
        "<!-- 上海交通大学朱新远教授作主旨报告 -->Professor Zhu Xinyuan of SJTU gave a keynote.",
    ],
)
def test_allowed_chinese_does_not_fire(root, en):
    root.pair("forum", ZH, en)
    assert root.findings("forum", "untranslated") == []


def test_whole_comment_blocks_in_other_language_are_ignored(root):
    en = """<!--
上海交通大学朱新远教授作主旨报告，七百余位嘉宾出席。
-->

Professor Zhu Xinyuan of SJTU gave a keynote, attended by more than 700 guests.
"""
    root.pair("forum", ZH, en)
    assert root.findings("forum") == []


def test_allow_list_from_configuration(root):
    root.pair("forum", ZH, "Professor Zhu Xinyuan spoke at the 交大 forum, with 700 guests.")
    assert len(root.findings("forum", "untranslated")) == 1
    config = Config(checks=ChecksConfig(untranslated_allow=("交大",)))
    assert root.findings("forum", "untranslated", config=config) == []


def test_identical_prose_block_fires(root):
    text = "The AI for Science platform was launched at the forum on Sunday."
    root.pair("forum", text, text)
    (finding,) = root.findings("forum", "untranslated")
    assert "identical on both sides" in finding.message


@pytest.mark.parametrize("text", ["SJTU", "AI for Science", "https://news.sjtu.edu.cn/a/b/c"])
def test_identical_names_and_links_do_not_fire(root, text):
    root.pair("forum", text, text)
    assert root.findings("forum", "untranslated") == []


#: Blocks rightly the same in both languages, from real translations (tests/fixtures/real).
SAME_IN_BOTH = [
    "- `docker save -o vela-core.tar oamdev/vela-core:v1.2.5`",
    "- `helm install --create-namespace -n vela-system kubevela kubevela/charts/vela-core.tgz`",
    "| Kind | Group | Version | **Cascading** judgment |\n| --- | --- | --- | --- |\n"
    "| CustomResourceDefinition | apiextensions.k8s.io | v1beta1, v1 | expectReplicas |",
    "| Key | Value |\n| --- | --- |\n| scheduling.koordinator.sh/preemptible | true |",
    "- Deployment, StatefulSet, DaemonSet, CloneSet, Advanced StatefulSet",
]


@pytest.mark.parametrize("text", SAME_IN_BOTH)
def test_identical_code_lists_and_tables_do_not_fire(root, text):
    root.pair("a", text, text)
    assert root.findings("a", "untranslated") == []


def test_identical_code_does_not_fire(root):
    code = "```\nbilingual check --format json and more words here\n```"
    root.pair("forum", code, code)
    assert root.findings("forum", "untranslated") == []


def test_chinese_in_english_title_and_summary_fires(root):
    root.pair(
        "forum",
        ZH,
        "Professor Zhu Xinyuan of SJTU gave a keynote to more than 700 guests.",
        en_meta="title: 论坛 held\ndate: 2023-04-03\ncategory: conference-season\n"
        "summary: The forum 七百余位嘉宾.",
    )
    found = root.findings("forum", "untranslated")
    assert [(f.message, f.en.line, f.primary) for f in found] == [
        ("Chinese text left in the English title: 论坛", 2, "en"),
        ("Chinese text left in the English summary: 七百余位嘉宾", 5, "en"),
    ]


def test_english_sentence_left_in_the_chinese_fires(root):
    zh = "论坛由上海交通大学主办。The forum was attended by more than 700 guests from abroad."
    root.pair("forum", zh, "SJTU hosted the forum, attended by more than 700 guests from abroad.")
    (finding,) = root.findings("forum", "untranslated")
    assert finding.message.startswith("English text left in the Chinese: The forum was attended")
    assert finding.primary == "zh" and finding.zh.line == 7


@pytest.mark.parametrize(
    "zh",
    [
        "2023浦江创新论坛“AI for Science”主题论坛举行，七百余位嘉宾出席。",
        "论坛发布了Shanghai Baiyulan Open AI Research Institute的新平台，七百余位嘉宾出席。",
        "运行 `bilingual check --format json --select S101 and all of the rest` 即可，七百余位。",
    ],
)
def test_names_and_code_in_the_chinese_do_not_fire(root, zh):
    root.pair("forum", zh, "The AI for Science forum was held, attended by more than 700 guests.")
    assert root.findings("forum", "untranslated") == []
