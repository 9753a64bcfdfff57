"""S101 structure-mismatch."""

from __future__ import annotations

import re

ZH = """## 论坛概况

2023年4月2日，浦江创新论坛在张江科学会堂举行，七百余位嘉宾出席。

论坛发布了AI for Science科学数据开源平台，首期汇聚三十余个数据集。

详情请访问 https://news.sjtu.edu.cn 。
"""
EN = """## Overview

On April 2, 2023, the Pujiang Innovation Forum was held at Zhangjiang Science Hall, attended by
more than 700 guests.

The forum launched the AI for Science scientific data open-source platform, bringing together
more than 30 datasets in its first phase.

For details, visit https://news.sjtu.edu.cn.
"""


def test_parallel_pair_does_not_fire(root):
    root.pair("forum", ZH, EN)
    assert root.findings("forum", "structure-mismatch") == []


def test_missing_english_paragraph_fires_at_its_zh_line(root):
    en = re.sub(r"The forum launched.*?phase\.\n\n", "", EN, flags=re.S)
    root.pair("forum", ZH, en)
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.zh.line == 11 and finding.en is None
    assert finding.message == (
        "zh.md:11 (paragraph) has no counterpart in en.md (expected after en.md:10)"
    )


def test_extra_english_paragraph_fires_at_its_en_line(root):
    zh = ZH.replace("论坛发布了AI for Science科学数据开源平台，首期汇聚三十余个数据集。\n\n", "")
    root.pair("forum", zh, EN)
    (finding,) = root.findings("forum", "S101")
    assert finding.en.line == 12 and finding.zh is None
    assert "en.md:12 (paragraph) has no counterpart in zh.md" in finding.message


def test_heading_translated_as_paragraph_fires(root):
    root.pair("forum", ZH, EN.replace("## Overview", "Overview"))
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.message == "zh.md:7 is a heading but its counterpart en.md:7 is a paragraph"


def test_missing_list_item_fires(root):
    zh = "活动安排：\n\n- 上午：招生咨询\n- 下午：实验室参观\n- 全天：校园导览\n"
    en = "Program:\n\n- Morning: admissions advice\n- All day: campus tours\n"
    root.pair("open-day", zh, en)
    (finding,) = root.findings("open-day", "structure-mismatch")
    assert finding.zh.line == 9
    assert "(list item)" in finding.message


def test_paragraph_split_in_two_does_not_fire(root):
    en = EN.replace(
        " Forum was held at Zhangjiang Science Hall, attended by\nmore",
        " Forum was held at Zhangjiang Science Hall.\n\nIt was attended by more",
    )
    root.pair("forum", ZH, en)
    assert root.findings("forum", "structure-mismatch") == []


def test_missing_first_block_points_before_the_next_one(root):
    root.pair("forum", ZH, EN.replace("## Overview\n\n", ""))
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.message == (
        "zh.md:7 (heading) has no counterpart in en.md (expected before en.md:7)"
    )


def test_empty_body_is_one_finding(root):
    root.pair("forum", "## 论坛概况\n\n七百余位嘉宾出席。", "")
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.message == (
        "en.md has no body: none of the 2 blocks of zh.md from line 7 has a counterpart"
    )
    assert finding.zh.line == 7
