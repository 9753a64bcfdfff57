"""G101 glossary-term and G102 forbidden-variant, through the CLI with a real glossary file."""

from __future__ import annotations

import pytest

GLOSSARY = """terms:
  - zh: 上海交通大学
    en: Shanghai Jiao Tong University
    variants: [SJTU]
    forbidden: [Shanghai Jiaotong University]
  - zh: 张江科学会堂
    en: Zhangjiang Science Hall
"""


@pytest.fixture
def glossary_root(root):
    (root.path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


def checks_of(check_json, root):
    _, report = check_json(root, "--select", "G101,G102")
    return [(f["check"], f["severity"]) for f in report["findings"]]


@pytest.mark.parametrize(
    "en",
    [
        "Shanghai Jiao Tong University held a forum at Zhangjiang Science Hall.",
        "SJTU held a forum at the Zhangjiang Science Hall.",
        "SJTU's forum was held at Zhangjiang\nScience Hall.",
    ],
)
def test_right_renderings_do_not_fire(glossary_root, check_json, en):
    glossary_root.pair("a", "上海交通大学在张江科学会堂举办论坛。", en)
    assert checks_of(check_json, glossary_root) == []


def test_missing_rendering_is_an_error(glossary_root, check_json):
    glossary_root.pair(
        "a", "上海交通大学在张江科学会堂举办论坛。", "SJTU held a forum at the Science Hall."
    )
    assert checks_of(check_json, glossary_root) == [("glossary-term", "error")]


def test_rendering_without_the_chinese_term_is_a_warning(glossary_root, check_json):
    glossary_root.pair("a", "学校举办论坛。", "SJTU held a forum.")
    assert checks_of(check_json, glossary_root) == [("glossary-term", "warning")]


def test_forbidden_rendering_is_reported_once_with_the_fix(glossary_root, check_json):
    glossary_root.pair(
        "a",
        "上海交通大学在张江科学会堂举办论坛。",
        "Shanghai Jiaotong University held a forum at Zhangjiang Science Hall.",
        en_meta="title: Shanghai Jiaotong University forum\ndate: 2023-04-03\ncategory: c",
        zh_meta="title: 论坛\ndate: 2023-04-03\ncategory: c",
    )
    _, report = check_json(glossary_root, "--select", "G101,G102")
    messages = [f["message"] for f in report["findings"]]
    assert len(messages) == 2  # the body and the title, and no glossary-term on top
    assert all('use "Shanghai Jiao Tong University"' in m for m in messages)


def test_no_glossary_no_findings(root, check_json):
    root.pair("a", "上海交通大学举办论坛。", "Shanghai Jiaotong University held a forum.")
    _, report = check_json(root, "--select", "G101,G102")
    assert report["findings"] == []


def test_forbidden_rendering_in_code_is_not_reported(glossary_root, check_json):
    glossary_root.pair(
        "a",
        "上海交通大学的旧域名见 `Shanghai Jiaotong University` 。\n\n```\nx\n```",
        "The old name of Shanghai Jiao Tong University was `Shanghai Jiaotong University`.\n\n"
        "```\nShanghai Jiaotong University\n```",
    )
    assert checks_of(check_json, glossary_root) == []


def test_a_rendering_after_the_term_was_named_is_not_a_warning(glossary_root, check_json):
    glossary_root.pair(
        "a",
        "上海交通大学举办论坛。\n\n学校将继续支持该平台。",
        "SJTU hosted a forum.\n\nSJTU will continue to support the platform.",
    )
    assert checks_of(check_json, glossary_root) == []
    glossary_root.pair(
        "b",
        "学校将继续支持该平台。\n\n上海交通大学举办论坛。",
        "SJTU will continue to support the platform.\n\nSJTU hosted a forum.",
    )
    _, report = check_json(glossary_root, "--select", "G101")
    assert [(f["article"], f["severity"], f["en"]["line"]) for f in report["findings"]] == [
        ("b", "warning", 7)
    ]


def test_a_rendering_in_prose_is_reported_even_when_code_quotes_it(glossary_root, check_json):
    glossary_root.pair(
        "a",
        "上海交通大学的旧名见 `Shanghai Jiaotong University` 。",
        "See `Shanghai Jiaotong University` and Shanghai Jiaotong University today.",
    )
    _, report = check_json(glossary_root, "--select", "G102")
    assert len(report["findings"]) == 1


# --- From the real-pair corpus (tests/fixtures/real) ------------------------------------------

TERMS = """terms:
  - zh: 云原生计算基金会
    en: Cloud Native Computing Foundation
    variants: [CNCF]
  - zh: 招商银行
    en: China Merchants Bank
  - zh: 混部
    en: co-location
  - zh: 运维
    en: operations
    variants: [O&M]
  - zh: 工作流
    en: workflow
  - zh: 多集群
    en: multi-cluster
  - zh: 孵化器
    en: Incubator
    variants: [incubator]
"""


@pytest.fixture
def terms_root(root):
    (root.path / "glossary.yaml").write_text(TERMS, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("支持在线离线混部。", "Online and offline workloads can be co-located."),
        ("降低运维成本。", "It lowers operational costs."),
        ("项目进入孵化器。", "The project entered incubation."),
        ("天然支持多集群", "Naturally Supporting Multiple Clusters"),  # tests/fixtures/real
    ],
)
def test_terminology_is_found_inflected(terms_root, check_json, zh, en):
    terms_root.pair("a", zh, en)
    assert checks_of(check_json, terms_root) == []


def test_missing_terminology_is_a_warning_and_a_missing_name_an_error(terms_root, check_json):
    terms_root.pair("a", "招商银行降低了运维成本。", "The company cut its maintenance costs.")
    assert sorted(checks_of(check_json, terms_root)) == [
        ("glossary-term", "error"),  # 招商银行: a name
        ("glossary-term", "warning"),  # 运维: terminology, rendered by a synonym
    ]


def test_name_given_earlier_in_the_english_is_a_warning(terms_root, check_json):
    terms_root.pair(
        "a",
        "招商银行云平台团队开始试用。\n\n招商银行的网络管控很严格。",
        "The cloud team of China Merchants Bank began a trial.\n\nThe bank's network is "
        "tightly controlled.",
    )
    assert checks_of(check_json, terms_root) == [("glossary-term", "warning")]


def test_chinese_that_keeps_the_english_name_is_not_a_missing_term(terms_root, check_json):
    terms_root.pair("a", "项目加入了 CNCF。", "The project joined the CNCF.")
    assert checks_of(check_json, terms_root) == []


def test_common_word_in_the_english_is_not_a_missing_term(terms_root, check_json):
    # "workflow" for 流程, "operations" for 运营: common words in many senses.
    terms_root.pair("a", "我们简化了发布流程和社区运营。", "We simplified the release workflow and "
                    "community operations.")  # fmt: skip
    assert checks_of(check_json, terms_root) == []
