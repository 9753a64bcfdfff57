"""The shipped sample articles: clean, and covering what the checks must handle."""

from __future__ import annotations

import re

from bilingual.parse.discover import article_folders, load_pair
from tests.conftest import SHIPPED

ROOT = SHIPPED.parent


def pairs():
    return [load_pair(ROOT, folder) for folder in article_folders(ROOT)]


def all_text(lang: str) -> str:
    return "\n".join(
        (folder / f"{lang}.md").read_text(encoding="utf-8") for folder in article_folders(ROOT)
    )


def test_at_least_three_complete_pairs():
    found = pairs()
    assert len(found) >= 3
    for pair in found:
        assert pair.zh is not None and pair.en is not None and not pair.problems


def test_the_pujiang_forum_report():
    pair = load_pair(ROOT, SHIPPED / "2023-pujiang-innovation-forum")
    zh = " ".join(b.text for b in pair.zh.blocks)
    en = " ".join(b.text for b in pair.en.blocks)
    for fact in ("2023年4月2日", "张江科学会堂", "七百余", "上海市科学技术委员会", "上海交通大学"):
        assert fact in zh
    for fact in ("April 2, 2023", "Zhangjiang Science Hall", "more than 700", "Shanghai Jiao Tong"):
        assert fact in en
    assert "AI for Science" in en and "open-source platform" in en


def test_samples_cover_the_forms_the_checks_must_handle():
    zh, en = all_text("zh"), all_text("en")
    assert re.search(r"\d+(\.\d+)? (million|billion)", en) and "per cent" not in zh
    assert re.search(r"[一二两三四五六七八九十百千]+余", zh)  # Chinese numerals
    assert re.search(r"\d+(\.\d+)?万", zh) and re.search(r"\d+(\.\d+)?亿", zh)
    assert "%" in zh and "百分之" in zh
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", zh)  # a date with its year
    assert re.search(r"(?<!年)\d{1,2}月\d{1,2}日", zh)  # and one without
    kinds = {b.kind for p in pairs() for b in p.en.blocks}
    assert {"heading", "list_item"} <= kinds
    links = [link for p in pairs() for b in p.en.blocks for link in b.links]
    assert any(link.startswith("https://") for link in links)
    assert any("@" in link for link in links)
