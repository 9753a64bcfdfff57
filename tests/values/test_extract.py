"""Extraction: a table of Chinese and English snippets and the values they hold."""

from __future__ import annotations

import pytest

from bilingual.values import extract, in_block

# (text, expected) where expected lists each quantity as "kind value [qualifier] [~soft]",
# in order; dates without a year are read in 2023.
ZH = [
    ("七百位嘉宾", ["number 700"]),
    ("七百余位嘉宾出席", ["number 700 more than"]),
    ("700余人", ["number 700 more than"]),
    ("300多项成果", ["number 300 more than"]),
    ("近30年来", ["number 30 nearly"]),
    ("约460人参加", ["number 460 about"]),
    ("逾千人", ["number 1000 more than"]),
    ("超过1200名学生", ["number 1200 more than"]),
    ("不足50人", ["number 50 less than"]),
    ("500人左右", ["number 500 about"]),
    ("两千名志愿者", ["number 2000"]),
    ("一百零五所高校", ["number 105"]),
    ("三十万条数据", ["number 300000"]),
    ("十余位专家", ["number 10 more than"]),
    ("共1,200人", ["number 1200"]),
    ("共１２００人", ["number 1200"]),
    ("1.2万平方米", ["number 12000"]),
    ("3.5亿元", ["number 350000000"]),
    ("5320万元", ["number 53200000"]),
    ("总投资约3.5亿元", ["number 350000000 about"]),
    ("35%的经费", ["percent 35"]),
    ("增长15.6％", ["percent 15.6"]),
    ("百分之三十", ["percent 30"]),
    ("百分之十五点五", ["percent 15.5"]),
    ("十五点五公里", ["number 15.5"]),
    ("容量达2PB", ["number 2"]),
    ("4K和3D影像", ["number 4 ~soft", "number 3 ~soft"]),  # a name or a unit: uncertain
    ("第五届开放日", ["ordinal 5 ~soft"]),
    ("第12届论坛", ["ordinal 12"]),
    ("第二十一次会议", ["ordinal 21"]),
    ("首届论坛", ["ordinal 1 ~soft"]),
    ("首个平台", ["ordinal 1 ~soft"]),
    ("三分之一的经费", ["fraction 1/3 ~soft"]),
    ("四分之三", ["fraction 3/4 ~soft"]),
    ("3至5年", ["number 3", "number 5"]),
    ("3-5个", ["number 3", "number 5"]),
    ("两场报告", ["number 2 ~soft"]),
    ("三位专家", ["number 3 ~soft"]),
    ("建校120周年", ["ordinal 120"]),
    ("毕业二十周年", ["ordinal 20"]),
    ("创办于2008年", ["number 2008"]),
    ("一个平台", []),
    ("统一部署，进一步加强，之一", []),
    ("“十四五”规划", ["ordinal 14", "number 5 ~soft"]),
    ("一带一路", []),
    ("2023年4月2日", ["date 2023-04-02"]),
    ("4月2日", ["date 2023-04-02"]),
    ("2023年4月", ["date 2023-04"]),
    ("今年5月", ["date 2023-05"]),
    ("二〇二三年四月二日", ["date 2023-04-02"]),
    ("2023-04-02", ["date 2023-04-02"]),
    ("2023/4/2", ["date 2023-04-02"]),
    ("4月2日（星期日）", ["date 2023-04-02", "weekday Sunday"]),
    ("周六上午", ["weekday Saturday"]),
    ("下午3点30分", ["time 15:30"]),
    ("上午9时", ["time 09:00"]),
    ("晚上8点半", ["time 20:30"]),
    ("14:30开始", ["time 14:30"]),
    ("9:00-11:30", ["time 09:00", "time 11:30"]),
    ("5G网络", ["number 5 ~soft"]),
    ("3000余万元", ["number 30000000 more than"]),
    ("一百多万", ["number 1000000 more than"]),
    ("万余人", ["number 10000 more than"]),
    ("两千万元", ["number 20000000"]),
    ("3千万", ["number 30000000"]),
    ("230万千瓦时", ["number 2300000"]),
    ("一千二", ["number 1200"]),
    ("三四个", []),
    ("七八十人", []),
    ("数十万", []),
    ("五一假期", []),
    ("千人计划", ["number 1000"]),
    ("三成学生", ["percent 30"]),
    ("千分之三", ["percent 0.3"]),
    ("2/3的学生", ["fraction 2/3"]),
    ("20世纪90年代", ["decade the 90s"]),
    ("90后", ["decade the 90s"]),
    ("上午9点至11点", ["time 09:00", "time 11:00"]),
    ("下午两点半", ["time 14:30"]),
    ("晚7点", ["time 19:00"]),
    ("2024年1月20日至2月2日", ["date 2024-01-20", "date 2024-02-02"]),
    ("11月11日至12日", ["date 2023-11-11", "date 2023-11-12"]),
    ("11日（星期六）", ["date 11", "weekday Saturday"]),
    ("1号楼", ["number 1"]),
    ("嫦娥5号", ["number 5"]),
    ("前1‰", ["percent 0.1"]),
    ("10秒58", ["number 10.58"]),
    # From real, human-translated pairs (tests/fixtures/real): technical and compact forms.
    ("12C CPU, 28G RAM", ["number 12 ~soft", "number 28 ~soft"]),
    ("910B2 和 310P", ["number 310 ~soft"]),
    ("1.30 版本", ["version v1.30"]),
    ("Volcano v1.14.0 发布", ["version v1.14.0"]),
    ("发布于2023.04.02", ["date 2023-04-02"]),
    ("比例为1:4:32", ["number 1", "number 4", "number 32"]),
    ("去年7月", ["date 2022-07"]),
    ("明年3月1日", ["date 2024-03-01"]),
    ("80~90秒", ["number 80", "number 90"]),
]
EN = [
    ("700 guests", ["number 700"]),
    ("more than 700 guests", ["number 700 more than"]),
    ("over 300 projects", ["number 300 more than"]),
    ("nearly 30 years", ["number 30 nearly"]),
    ("about 460 people", ["number 460 about"]),
    ("at least 50 students", ["number 50 more than"]),
    ("fewer than 50 people", ["number 50 less than"]),
    ("1,200 students", ["number 1200"]),
    ("1200 students", ["number 1200"]),
    ("seven hundred guests", ["number 700"]),
    ("twelve thousand volunteers", ["number 12000"]),
    ("one hundred and five universities", ["number 105"]),
    ("twenty-five teams", ["number 25"]),
    ("12,000 square meters", ["number 12000"]),
    ("1.2 thousand", ["number 1200"]),
    ("RMB 350 million", ["number 350000000"]),
    ("350 million yuan", ["number 350000000"]),
    ("2 billion", ["number 2000000000"]),
    ("US$50 million", ["number 50000000"]),
    ("¥3.5 billion", ["number 3500000000"]),
    ("about RMB 460 million", ["number 460000000 about"]),
    ("35% of the funding", ["percent 35"]),
    ("30 per cent", ["percent 30"]),
    ("15.6 percent", ["percent 15.6"]),
    ("thirty percent", ["percent 30"]),
    ("the fifth open day", ["ordinal 5 ~soft"]),
    ("the 5th open day", ["ordinal 5"]),
    ("the 21st century", ["ordinal 21"]),
    ("the twenty-first session", ["ordinal 21"]),
    ("the first forum", ["ordinal 1 ~soft"]),
    ("first of all", []),
    ("one third of the funding", ["fraction 1/3 ~soft"]),
    ("two-thirds of them", ["fraction 2/3 ~soft"]),
    ("a quarter of students", ["fraction 1/4 ~soft"]),
    ("1/3 of the budget", ["fraction 1/3"]),
    ("3 to 5 years", ["number 3", "number 5"]),
    ("three to five years", ["number 3 ~soft", "number 5 ~soft"]),
    ("twice a year", ["number 2 ~soft"]),
    ("one of the best", []),
    ("founded in 2008", ["number 2008"]),
    ("5G networks", ["number 5 ~soft"]),
    ("2 PB of data, 100km", ["number 2", "number 100"]),
    ("April 2, 2023", ["date 2023-04-02"]),
    ("2 April 2023", ["date 2023-04-02"]),
    ("on April 2", ["date 2023-04-02"]),
    ("Apr. 2", ["date 2023-04-02"]),
    ("April 2023", ["date 2023-04"]),
    ("in May", ["date 2023-05"]),
    ("you may go", []),
    ("2023-04-02", ["date 2023-04-02"]),
    ("Sunday, April 2", ["weekday Sunday", "date 2023-04-02"]),
    ("3:30 p.m.", ["time 15:30"]),
    ("9 a.m.", ["time 09:00"]),
    ("8:30 pm", ["time 20:30"]),
    ("at noon", ["time 12:00"]),
    ("14:30", ["time 14:30"]),
    ("9:00-11:30", ["time 09:00", "time 11:30"]),
    ("one-third of them", ["fraction 1/3 ~soft"]),
    ("the 100m hurdles", ["number 100"]),
    ("RMB350 million", ["number 350000000"]),
    ("the 2023-24 academic year", ["number 2023", "number 2024"]),
    ("several hundred people", []),
    ("the Long March", []),
    ("the 1990s", ["decade the 90s"]),
    ("9-11 a.m.", ["time 09:00", "time 11:00"]),
    ("January 20-22, 2024", ["date 2024-01-20", "date 2024-01-22"]),
    ("20-22 November", ["date 2023-11-20", "date 2023-11-22"]),
    ("two and a half hours", ["number 2.5 ~soft"]),
    ("3:21.07", ["number 201.07"]),
    # From real, human-translated pairs (tests/fixtures/real): technical and compact forms.
    ("12 CPU cores and 28GB", ["number 12", "number 28"]),
    ("P99 <= 30s", ["number 30"]),
    ("80~90s", ["number 80", "number 90"]),
    ("in their 30s", ["decade the 30s"]),
    ("the '90s", ["decade the 90s"]),
    ("v1.30", ["version v1.30"]),
    ("version 1.30", ["version v1.30"]),
    ("the 1.30 release", ["version v1.30"]),
    ("Kubernetes v1.14.0 released", ["version v1.14.0"]),
    ("Ascend 910B2 and 310P", ["number 310 ~soft"]),
    ("a ratio of 1:4:32", ["number 1", "number 4", "number 32"]),
    ("Implementations MAY reject it", []),
    ("June said that", []),
    ("in April and May", ["date 2023-04", "date 2023-05"]),
    ("the evolution of the 1.2/1.3 version", ["number 1.2", "number 1.3"]),
    ("3/4 of them", ["fraction 3/4"]),
]


def describe(quantity) -> str:
    parts = [quantity.kind.value]
    shown = quantity.show()
    if quantity.kind.value in ("number", "percent", "ordinal"):
        shown = shown.rstrip("%").replace(",", "")
        for suffix in ("st", "nd", "rd", "th"):
            shown = shown.removesuffix(suffix) if quantity.kind.value == "ordinal" else shown
    parts.append(shown)
    if quantity.qualifier:
        parts.append(quantity.qualifier.value)
    if quantity.soft:
        parts.append("~soft")
    return " ".join(parts)


def test_the_table_is_large_enough():
    assert len(ZH) + len(EN) >= 80


@pytest.mark.parametrize(("text", "expected"), ZH, ids=[t for t, _ in ZH])
def test_chinese(text, expected):
    assert [describe(q) for q in extract(text, "zh", 2023)] == expected


@pytest.mark.parametrize(("text", "expected"), EN, ids=[t for t, _ in EN])
def test_english(text, expected):
    assert [describe(q) for q in extract(text, "en", 2023)] == expected


def test_positions_point_at_the_text():
    text = "2023年4月2日，七百余位嘉宾出席。"
    for quantity in extract(text, "zh", 2023):
        assert text[quantity.start : quantity.end] == quantity.text
    text = "On April 2, 2023, more than 700 guests attended."
    for quantity in extract(text, "en", 2023):
        assert text[quantity.start : quantity.end] == quantity.text


def test_a_value_in_a_date_is_not_also_a_number():
    assert [q.kind.value for q in extract("2023年4月2日", "zh", 2023)] == ["date"]
    assert [q.kind.value for q in extract("April 2, 2023", "en", 2023)] == ["date"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_absurd_inputs_do_not_crash_or_hang(lang):
    for text in ("1" * 5000, "一" * 5000, "〇" * 5000, "1" + " " * 20000 + "x", "2023-1-1-" * 500):
        extract(text, lang)


#: Numbering a parser leaves in a block's text: list markers, section numbers, citations.
NUMBERED = [
    ("3） 部署", "zh", "list_item"),
    ("（3）部署", "zh", "paragraph"),
    ("一、背景", "zh", "heading"),
    ("① 安装", "zh", "list_item"),
    ("[4] Sigstore 官网", "zh", "list_item"),
    ("[4] Sigstore website", "en", "list_item"),
    ("3) Deploy it", "en", "list_item"),
    ("1.5 Integration with Volcano", "en", "heading"),
    ("2.3.1 安装", "zh", "heading"),
    ("as Sigstore says[4].", "en", "paragraph"),
]


@pytest.mark.parametrize(("text", "lang", "kind"), NUMBERED)
def test_numbering_is_not_a_value(text, lang, kind):
    assert in_block(text, (), lang, 2023, kind) == ()


def test_numbers_that_look_like_numbering_are_kept():
    assert [q.value for q in in_block("3.5亿元投入建设", (), "zh", 2023)] == [350_000_000]
    assert [q.value for q in in_block("10 Tips for contributors", (), "en", 2023, "heading")] == [
        10
    ]
    assert [q.value for q in in_block("1.5 million people came", (), "en", 2023)] == [1_500_000]
