"""P101 punctuation."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("zh", "en", "fragment"),
    [
        (
            "上海,北京和深圳的高校参加。",
            "Universities from Shanghai, Beijing and Shenzhen.",
            "ASCII ,",
        ),
        (
            "上海、北京和深圳的高校参加。",
            "Universities from Shanghai，Beijing and Shenzhen.",
            "full-width ，",
        ),
        ("高校（共30所参加。", "Universities (30 in all) took part.", "unbalanced （）"),
        ("高校（共30所)参加。", "Universities (30 in all took part.", "unbalanced ()"),
        ("他说：“欢迎。", "He said: “Welcome.”", "unbalanced “”"),
        ("高校参加。", 'He said "welcome.', 'unbalanced "'),
    ],
)
def test_fires(root, zh, en, fragment):
    root.pair("a", zh, en)
    findings = root.findings("a", "punctuation")
    assert any(fragment in f.message for f in findings), findings
    assert all(f.severity == "warning" for f in findings)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (
            "上海、北京和深圳的高校（共30所）参加，投资3.5亿元。",
            "Universities (30) took part, SJTU’s.",
        ),
        ("高校（共30所)参加。", "Universities took part."),  # mixed brackets close in Chinese
        ("访问 https://a.org/x,y 了解，代码 `a,b` 见附件。", "See “the report” and [1]."),
        ("他说：“欢迎。”", 'He said "welcome."'),
    ],
)
def test_does_not_fire(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "punctuation") == []


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("1）开幕式；", "1) The opening ceremony;"),
        ("一）开幕式；", "a) The opening ceremony;"),
        ("“第一段引语，", "“The first paragraph of a quotation,"),  # continued in the next block
        ("他身高1米78。", """He is 5'10" tall."""),
        # tests/fixtures/real: a quoted name that ends in a digit; an arrow drawn with 》.
        ("将镜像替换为准备好的镜像。", 'Replace "example/quick-exit:v1.0.0" with your image.'),
        ("`Deployment` =》 `ReplicaSet` =》`Pod` 这条关系链", "The chain from Deployment to Pod"),
    ],
)
def test_list_markers_continued_quotes_and_inches_do_not_fire(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "punctuation") == []
