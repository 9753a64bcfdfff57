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
