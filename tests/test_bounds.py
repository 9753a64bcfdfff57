"""Bounded time on any input: pathological articles are checked in seconds, never a stall.

Each content root is checked by the CLI in its own process (``check --format json --jobs 1``),
with a timeout far above what the run takes on a slow machine (a few seconds): a run that
stalls fails, a busy machine does not. The inputs are the ones that stalled before: one
paragraph of 1.8 million characters holding 200,000 values, a line of a million characters
without a space, a block of 100,000 links.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilingual.model import MAX_BLOCK
from bilingual.values import in_block
from bilingual.values.pairing import differences, match

#: Seconds after which a run has stalled: minutes were seen before these inputs were bounded.
STALL = 60

ZH_META = "title: 论坛举行\ndate: 2023-04-03\ncategory: conference-season\n"
EN_META = "title: Forum held\ndate: 2023-04-03\ncategory: conference-season\n"
#: The first line of a body: front matter (5 lines) and a blank line before it.
FIRST = 7
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def write(root: Path, slug: str, zh: str, en: str) -> None:
    """An article folder in ``root`` (a content root), bodies as given."""
    folder = root / "articles" / slug
    folder.mkdir(parents=True)
    (folder / "zh.md").write_text(f"---\n{ZH_META}---\n\n{zh}\n", encoding="utf-8")
    (folder / "en.md").write_text(f"---\n{EN_META}---\n\n{en}\n", encoding="utf-8")


def news(count: int, seed: int = 1) -> tuple[list[str], list[str]]:
    """``count`` sentences of news and their translations, five values each: a date, an
    investment, an area, a share and a count of guests."""
    rnd = random.Random(seed)
    zh, en = [], []
    for _ in range(count):
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        money, area, share, guests = (rnd.randint(11, 99), rnd.randint(2, 9),
                                      rnd.randint(10, 90), rnd.randint(101, 999))  # fmt: skip
        zh.append(
            f"{month}月{day}日，项目投资{money / 10}亿元，面积{area}万平方米，"
            f"其中{share}%用于人才培养，{guests}位嘉宾出席。"
        )
        en.append(
            f"On {MONTHS[month - 1]} {day}, the project invested RMB {money * 10} million, "
            f"covering {area * 10},000 square meters, {share}% for talent, attended by {guests} "
            "guests."
        )
    return zh, en


def check(root: Path) -> tuple[dict, float]:
    """``bilingual check --format json`` on ``root``: the report and the seconds it took."""
    command = [sys.executable, "-m", "bilingual", "check", "--format", "json", "--jobs", "1"]
    started = time.perf_counter()
    try:
        done = subprocess.run([*command, str(root)], capture_output=True, text=True, timeout=STALL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"bilingual check stalled: no report after {STALL} s")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout), time.perf_counter() - started


def found(report: dict, article: str, code: str) -> list[dict]:
    return [f for f in report["findings"] if f["article"] == article and f["code"] == code]


def where(finding: dict, lang: str) -> tuple[str, int]:
    return finding[lang]["path"], finding[lang]["line"]


# --- one paragraph of 1.8 million characters ----------------------------------------------


@pytest.fixture(scope="module")
def huge() -> tuple[str, str]:
    """A Chinese paragraph of 1.8 million characters holding 200,000 values, and its
    translation (4.9 million characters)."""
    zh, en = news(40_000)
    return "".join(zh), " ".join(en)


@pytest.mark.parametrize("english", ["in 5,000 paragraphs", "in one paragraph"])
def test_a_huge_paragraph_is_reported_and_the_rest_checked(tmp_path, huge, english):
    zh, en = huge
    if english == "in 5,000 paragraphs":
        en_sentences = news(40_000)[1]
        en = "\n\n".join(" ".join(en_sentences[k : k + 8]) for k in range(0, 40_000, 8))
    # After the huge paragraph, one that is checked as ever: its changed number is found.
    write(
        tmp_path, "huge", f"{zh}\n\n会议共有350位嘉宾出席。", f"{en}\n\nThe forum had 530 guests."
    )
    report, seconds = check(tmp_path)

    too_large = found(report, "huge", "A106")
    zh_too_large = next(f for f in too_large if f["zh"])
    assert zh_too_large["severity"] == "warning"
    assert where(zh_too_large, "zh") == ("articles/huge/zh.md", FIRST)
    assert f"zh.md:{FIRST} (paragraph) has {len(zh):,} characters" in zh_too_large["message"]
    if english == "in one paragraph":
        (en_too_large,) = [f for f in too_large if f["en"]]
        assert where(en_too_large, "en") == ("articles/huge/en.md", FIRST)
        last = FIRST + 2
    else:
        assert len(too_large) == 1  # the English paragraphs are checked
        last = FIRST + 2 * 5000
    (changed,) = found(report, "huge", "N101")
    assert changed["message"] == f"350 (350) in zh.md:9 is 530 (530) in en.md:{last}"
    assert seconds < STALL


def test_the_values_of_a_huge_paragraph_are_read_and_paired_in_linear_time(huge):
    """Beyond the limit nothing is read; not because reading would stall: the 200,000 values
    of each side are read and paired in seconds, and a number planted in the middle is found."""
    zh, en = huge
    at = en.index("attended by", len(en) // 2) + len("attended by ")
    planted = en[:at] + "1234" + en[at + 3 :]  # a count of guests no sentence has
    started = time.perf_counter()
    zh_values = in_block(zh, (), "zh", 2023)
    en_values = in_block(planted, (), "en", 2023)
    pairs, left_zh, left_en = match(zh_values, en_values)
    changed = list(differences(left_zh, left_en))
    seconds = time.perf_counter() - started
    assert len(zh_values) == len(en_values) == 200_000
    assert len(pairs) == 199_999
    # The count it replaced is said elsewhere in the Chinese: 1234 is the one left.
    assert [(a, b.text, b.start) for a, b in changed if b] == [(None, "1234", at)]
    assert seconds < STALL


def test_a_paragraph_within_the_limit_has_its_values_compared(tmp_path):
    """3,800 values in one paragraph a side, one changed in the middle: reported."""
    zh, en = news(760)
    en[400] = en[400].replace(" guests.", "0 guests.")
    zh_text, en_text = "".join(zh), " ".join(en)
    assert len(en_text) < MAX_BLOCK
    write(tmp_path, "dense", f"开头。\n\n{zh_text}\n\n结尾。", f"Start.\n\n{en_text}\n\nEnd.")
    report, _ = check(tmp_path)
    assert found(report, "dense", "A106") == []
    (changed,) = found(report, "dense", "N101")
    assert re.fullmatch(
        r"(?P<n>\d+) \((?P=n)\) in zh\.md:9 is (?P=n)0 \((?P=n)0\) in en\.md:9",
        changed["message"],
    )


# --- a line of a million characters without a space ---------------------------------------

#: Units repeated into a line without spaces, each once slow somewhere: Han characters (the
#: segmenter), letters and digits, letters and hyphens (the search for English sentences in
#: Chinese, quadratic), dates (read as Chinese in an English block), brackets (markdown-it's
#: link rules), unclosed tags.
UNITS = {
    "han": "上海交通大学举行论坛",
    "alnum": "abcdefghij0123456789",
    "hyphens": "a-",
    "dates": "2023年4月2日",
    "brackets": "[a](b)",
    "tags": "<a",
}


def test_a_line_of_a_megabyte_is_reported_on_either_side(tmp_path):
    for name, unit in UNITS.items():
        line = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
        write(tmp_path, f"{name}-zh", f"开头。\n\n{line}\n\n结尾。", "Start.\n\nA line.\n\nEnd.")
        write(tmp_path, f"{name}-en", "开头。\n\n一行。\n\n结尾。", f"Start.\n\n{line}\n\nEnd.")
    report, seconds = check(tmp_path)
    for name in UNITS:
        for lang in ("zh", "en"):
            (too_large,) = found(report, f"{name}-{lang}", "A106")
            assert where(too_large, lang) == (f"articles/{name}-{lang}/{lang}.md", 9)
            assert "has 1,000,000 characters" in too_large["message"]
    assert seconds < STALL


def test_a_line_just_within_the_limit_is_checked(tmp_path):
    for name, unit in UNITS.items():
        line = (unit * (MAX_BLOCK // len(unit)))[: MAX_BLOCK - 1_000]
        write(tmp_path, f"{name}-zh", f"开头。\n\n{line}\n\n结尾。", "Start.\n\nA line.\n\nEnd.")
        write(tmp_path, f"{name}-en", "开头。\n\n一行。\n\n结尾。", f"Start.\n\n{line}\n\nEnd.")
    report, seconds = check(tmp_path)
    assert not [f for f in report["findings"] if f["code"] == "A106"]
    # Read, not skipped: the Chinese in the English is reported.
    (left,) = found(report, "dates-en", "T101")
    assert "年4月2日2023年4月2日" in left["message"]
    assert seconds < STALL


def test_a_long_comment_and_unclosed_tags_within_the_limit(tmp_path):
    spaces = " " * (MAX_BLOCK - 1_000)
    write(
        tmp_path,
        "comment",
        f"<!-- bilingual-ignore: no-such-check{spaces}untranslated -->\n开头，English left here "
        "in the Chinese text for a while.",
        "Start, with the Chinese text left in English for a while.",
    )
    tags = "<a" * (MAX_BLOCK // 2 - 1_000)
    write(tmp_path, "tags", f"<div>\n{tags}\n</div>\n\n开头。", f"<div>\n{tags}\n</div>\n\nStart.")
    report, seconds = check(tmp_path)
    (bad,) = found(report, "comment", "A105")
    assert "'no-such-check'" in bad["message"]
    assert found(report, "comment", "T101") == []  # the comment's second name still applies
    assert found(report, "tags", "A106") == []
    assert seconds < STALL


# --- 100,000 links in a block ---------------------------------------------------------------


def links(count: int, text: str, site: str) -> str:
    """Half Markdown links, half bare URLs."""
    half = count // 2
    marked = " ".join(f"[{text}{i}]({site}/p/{i})" for i in range(half))
    return marked + " " + " ".join(f"{site}/x/{i}" for i in range(count - half))


def test_a_block_of_100000_links_is_reported(tmp_path):
    zh = links(100_000, "页面", "https://example.edu.cn")
    en = links(100_000, "page ", "https://example.edu.cn")
    write(tmp_path, "links", f"开头。\n\n{zh}\n\n结尾。", f"Start.\n\n{en}\n\nEnd.")
    report, seconds = check(tmp_path)
    for lang in ("zh", "en"):
        (too_large,) = [f for f in found(report, "links", "A106") if f[lang]]
        assert where(too_large, lang) == (f"articles/links/{lang}.md", 9)
    assert seconds < STALL


def test_links_within_the_limit_are_compared(tmp_path):
    """1,900 images a side, root-relative in the Chinese and absolute in the English (one
    another): each paired by its name, the one that differs reported."""
    count = 1_900
    zh = "，".join(f"第{i}张[图](/docs/p{i}.png)" for i in range(count)) + "。"
    en = ", ".join(
        f"figure {i} [img](https://e.io/docs/img/{'q' if i == 1_000 else 'p'}{i}.png)"
        for i in range(count)
    )
    assert len(en) < MAX_BLOCK
    write(tmp_path, "images", f"开头。\n\n{zh}\n\n结尾。", f"Start.\n\n{en}.\n\nEnd.")
    report, seconds = check(tmp_path)
    (differ,) = found(report, "images", "L101")
    assert differ["message"] == (
        "links differ: only in zh.md: /docs/p1000.png; only in en.md: "
        "https://e.io/docs/img/q1000.png"
    )
    assert seconds < STALL
