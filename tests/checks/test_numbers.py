"""N101 number-mismatch and D101 date-mismatch: values compared by value, not by spelling."""

from __future__ import annotations

import pytest

from bilingual.model import Severity

SAME = [
    ("七百余位嘉宾出席。", "More than 700 guests attended."),
    ("七百余位嘉宾出席。", "Over seven hundred guests attended."),
    ("建设面积达1.2万平方米。", "It covers 12,000 square meters."),
    ("项目总投资3.5亿元。", "The project has a total investment of RMB 350 million."),
    ("设立青年人才专项基金5000万元。", "A young talent fund of RMB 50 million was set up."),
    ("百分之三十的经费用于人才引进。", "30% of the funding goes to recruiting talent."),
    ("35%的经费用于设备。", "35 per cent of the funding goes to equipment."),
    ("第五届校园开放日举行。", "The fifth campus open day was held."),
    ("首届论坛举行。", "The first forum was held."),
    ("三分之一的学生参加。", "One third of the students took part."),
    ("共1200人参加。", "A total of 1,200 people took part."),
    ("项目为期3至5年。", "The project will run for three to five years."),
    ("举办两场报告会。", "Two lectures were held."),
    ("浦江创新论坛创办于2008年。", "The Pujiang Innovation Forum was founded in 2008."),
    ("毕业二十周年的校友返校。", "Alumni marking the 20th anniversary of graduation returned."),
    ("近30年来，学校培养了约460名博士。", "In nearly 30 years it trained about 460 PhDs."),
]
CHANGED = [
    ("七百余位嘉宾出席。", "More than 770 guests attended.", Severity.ERROR),
    ("建设面积达1.2万平方米。", "It covers 1,200 square meters.", Severity.ERROR),
    (
        "项目总投资3.5亿元。",
        "The project has a total investment of RMB 35 million.",
        Severity.ERROR,
    ),
    (
        "百分之三十的经费用于人才引进。",
        "35% of the funding goes to recruiting talent.",
        Severity.ERROR,
    ),
    ("第五届校园开放日举行。", "The sixth campus open day was held.", Severity.ERROR),
    ("第12届论坛举行。", "The 13th forum was held.", Severity.ERROR),
    ("三分之一的学生参加。", "A quarter of the students took part.", Severity.ERROR),
    ("共1200人参加。", "A total of 1,300 people took part.", Severity.ERROR),
    (
        "浦江创新论坛创办于2008年。",
        "The Pujiang Innovation Forum was founded in 2009.",
        Severity.ERROR,
    ),
    ("举办两场报告会。", "Three lectures were held.", Severity.ERROR),
    ("学院有1名院士。", "The school has 10 academicians.", Severity.ERROR),
    ("七百余位嘉宾出席。", "Guests attended.", Severity.ERROR),
    # An uncertain value (digits glued to a letter) replaced by a repeat of another value.
    (
        "如果一个Pod请求 33C，并且每个 NUMA 节点有 32C，",
        "if a pod requests 33 CPU cores and each NUMA node has 33 cores,",
        Severity.ERROR,
    ),
]


#: A soft value (a number word, digits glued to a letter) on one side only is not reported:
#: idioms and counts a list makes plain are written on one side only (the real-pair corpus).
ONE_SIDE_SOFT = [
    ("举办两场报告会。", "Lectures were held."),
    ("支持二次开发。", "It can be customised."),
    ("这是他们首要查看的地方。", "It is the first place they look."),
    ("它是最早的项目之一。", "It is one of the first projects."),
    ("请求先进入队列。", "The request enters the queue first."),
    ("双方签署协议。", "The two sides signed an agreement."),
    ("两个机场均已开放。", "Both airports are open."),
    ("它包含如下部分：", "It consists of three parts:"),
    ("三维重建", "three-dimensional reconstruction"),
    ("如果一个Pod请求 33C，并且每个 NUMA 节点有 32C，", "if a pod requests 33 CPU cores,"),
    ("共7步，7个步骤分两部分。", "Seven steps, in two parts."),
]


@pytest.mark.parametrize(("zh", "en"), ONE_SIDE_SOFT)
def test_soft_value_on_one_side_is_not_reported(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "number-mismatch") == []


@pytest.mark.parametrize(("zh", "en"), SAME)
def test_same_value_in_other_words_does_not_fire(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "number-mismatch") == []


@pytest.mark.parametrize(("zh", "en", "severity"), CHANGED)
def test_changed_value_fires(root, zh, en, severity):
    root.pair("a", zh, en)
    (finding,) = root.findings("a", "number-mismatch")
    assert finding.severity is severity
    assert finding.zh.line == 7 and finding.en.line == 7


def test_message_names_both_values_and_lines(root):
    root.pair("a", "七百余位嘉宾出席。", "More than 770 guests attended.")
    (finding,) = root.findings("a", "number-mismatch")
    assert finding.message == "700 (七百余) in zh.md:7 is 770 (More than 770) in en.md:7"


def test_different_hedge_is_a_warning(root):
    root.pair("a", "近七百位嘉宾出席。", "More than 700 guests attended.")
    (finding,) = root.findings("a", "number-mismatch")
    assert finding.severity is Severity.WARNING
    assert "hedged differently" in finding.message


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("项目总投资不超过9.5亿元。", "The total investment is up to RMB 950 million."),
        ("每场不超过500人。", "Each session admits no more than 500 people."),
        ("每场最多500人。", "Each session admits at most 500 people."),
        ("经费不低于3亿元。", "The funding is not less than RMB 300 million."),
    ],
)
def test_an_upper_or_lower_bound_reads_the_same_in_both_languages(root, zh, en):
    # 不超过 negates 超过: an upper bound, as "up to" is; "no more than" is not "more than".
    root.pair("a", zh, en)
    assert root.findings("a", "number-mismatch") == []


def test_an_upper_bound_against_more_than_is_a_different_hedge(root):
    root.pair("a", "每场不超过500人。", "Each session admits more than 500 people.")
    (finding,) = root.findings("a", "number-mismatch")
    assert "hedged differently" in finding.message


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("报名截至12月31日24时。", "Registration closes at midnight on December 31."),
        ("新规于4月2日 0时起施行。", "The new rules take effect at midnight on April 2."),
    ],
)
def test_an_hour_after_a_date_is_a_time_and_24_is_midnight(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "number-mismatch", "date-mismatch") == []


def test_a_different_deadline_hour_is_reported(root):
    root.pair("a", "报名截至12月31日18时。", "Registration closes at midnight on December 31.")
    (finding,) = root.findings("a", "number-mismatch", "date-mismatch")
    assert finding.check == "date-mismatch"


def test_a_dropped_hedge_is_not_reported(root):
    root.pair("a", "七百余位嘉宾出席。", "700 guests attended.")
    assert root.findings("a", "number-mismatch") == []


def test_numbers_in_code_and_links_are_left_alone(root):
    root.pair(
        "a",
        "运行 `check --jobs 4`，详见 https://example.org/2024/5 。",
        "Run `check --jobs 8`; see https://example.org/2024/5.",
    )
    assert root.findings("a", "number-mismatch") == []


def test_configured_warning_keeps_soft_findings_warnings(root):
    from bilingual.config import ChecksConfig, Config

    root.pair("a", "七百余位嘉宾出席。", "More than 770 guests attended.")
    config = Config(checks=ChecksConfig(severity={"number-mismatch": Severity.WARNING}))
    (finding,) = root.findings("a", "number-mismatch", config=config)
    assert finding.severity is Severity.WARNING


# --- date-mismatch --------------------------------------------------------------------------

SAME_DATES = [
    ("论坛于2023年4月2日举行。", "The forum was held on 2 April 2023."),
    ("论坛于2023年4月2日举行。", "The forum was held on April 2, 2023."),
    ("论坛于4月2日举行。", "The forum was held on April 2."),
    ("论坛于4月2日举行。", "The forum was held on April 2, 2023."),
    ("论坛于2023年4月举行。", "The forum was held in April 2023."),
    ("报名于5月15日（周一）截止。", "Registration closes on Monday, May 15."),
    ("活动于下午3点30分开始。", "The event starts at 3:30 p.m."),
    ("活动于上午9时开始。", "The event starts at 9 a.m."),
    ("9:00-11:30：招生咨询", "9:00-11:30: admissions advice"),
    ("论坛于2023-04-02举行。", "The forum was held on Apr. 2, 2023."),
]
CHANGED_DATES = [
    ("论坛于2023年4月2日举行。", "The forum was held on April 12, 2023."),
    ("论坛于2023年4月2日举行。", "The forum was held on April 2, 2022."),
    ("论坛于4月2日举行。", "The forum was held on March 2."),
    ("报名于5月15日（周一）截止。", "Registration closes on Tuesday, May 15."),
    ("活动于下午3点30分开始。", "The event starts at 3:30 a.m."),
    ("论坛于4月2日举行。", "The forum was held in April."),
]


@pytest.mark.parametrize(("zh", "en"), SAME_DATES)
def test_same_date_in_other_words_does_not_fire(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "date-mismatch") == []
    assert root.findings("a", "number-mismatch") == []  # a date's numbers are not numbers


@pytest.mark.parametrize(("zh", "en"), CHANGED_DATES)
def test_changed_date_fires(root, zh, en):
    root.pair("a", zh, en)
    findings = root.findings("a", "date-mismatch")
    assert findings and all(f.severity is Severity.ERROR for f in findings)


def test_date_without_year_is_read_in_the_article_year(root):
    meta = "title: t\ndate: 2024-01-05\ncategory: c\n"
    root.pair("a", "论坛于4月2日举行。", "The forum was held on April 2, 2023.",
              zh_meta=meta, en_meta=meta)  # fmt: skip
    (finding,) = root.findings("a", "date-mismatch")
    assert finding.message.startswith("2024-04-02 (4月2日) in zh.md:7 is 2023-04-02")


@pytest.mark.parametrize(("original", "side"), [("zh", "en"), ("en", "zh"), (None, "en")])
def test_a_changed_value_points_at_the_translation(root, original, side):
    meta = "title: t\ndate: 2023-04-03\ncategory: c\n" + (
        f"original: {original}\n" if original else ""
    )
    root.pair(
        "a", "七百余位嘉宾出席。", "More than 770 guests attended.", zh_meta=meta, en_meta=meta
    )
    (finding,) = root.findings("a", "number-mismatch")
    assert finding.primary == side


FRONT = "date: 2023-04-03\ncategory: conference-season\n"


def test_a_number_in_the_summary_is_compared_with_the_other_summary(root):
    root.pair(
        "a",
        "中心揭牌。",
        "The center was inaugurated.",
        zh_meta=f"title: 中心揭牌\n{FRONT}summary: 首期建设经费3.6亿元，其中35%用于设备。\n",
        en_meta=f"title: Center opens\n{FRONT}summary: RMB 350 million, 35% of it for equipment.\n",
    )
    (finding,) = root.findings("a", "number-mismatch")
    # the line of the summary key in each file (the front matter starts on line 2)
    assert finding.message == (
        "360,000,000 (3.6亿) in zh.md:5 is 350,000,000 (350 million) in en.md:5"
    )
    assert (finding.zh.line, finding.en.line) == (5, 5)


def test_a_title_and_summary_that_agree_in_other_words_report_nothing(root):
    root.pair(
        "a",
        "论坛举行。",
        "The forum was held.",
        zh_meta=f"title: 七百余位嘉宾出席第五届论坛\n{FRONT}"
        "summary: 2023年4月2日，论坛在张江举行。\n",
        en_meta="title: More than 700 guests attend the fifth forum\n"
        f"{FRONT}summary: The forum was held in Zhangjiang on April 2, 2023.\n",
    )
    assert root.findings("a", "number-mismatch") == []
    assert root.findings("a", "date-mismatch") == []


def test_a_date_in_the_title_is_compared_with_the_other_title(root):
    root.pair(
        "a",
        "论坛举行。",
        "The forum was held.",
        zh_meta=f"title: 4月2日论坛举行\n{FRONT}",
        en_meta=f"title: Forum held on April 12\n{FRONT}",
    )
    (finding,) = root.findings("a", "date-mismatch")
    assert "zh.md:2" in finding.message and "en.md:2" in finding.message


def test_a_summary_on_one_side_only_is_not_compared(root):
    root.pair(
        "a",
        "论坛举行。",
        "The forum was held.",
        zh_meta=f"title: 论坛举行\n{FRONT}summary: 七百余位嘉宾出席。\n",
        en_meta=f"title: Forum held\n{FRONT}",
    )
    assert root.findings("a", "number-mismatch") == []
