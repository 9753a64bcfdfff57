"""The scaffold of a new article: its front matter reads back as given, and starts in sync."""

from __future__ import annotations

import datetime as dt

import pytest

from bilingual.errors import UsageError
from bilingual.parse.frontmatter import split
from bilingual.scaffold import NewArticle, parse_day, sources
from bilingual.stale import KEY, original_digest

TRICKY = [
    "Forum: day one",
    "'Quoted' and \"double\"",
    "#1 in the rankings",
    "- a dash first",
    "2023",
    "yes",
    "null",
    "[bracketed]",
    "{braced}",
    "a & b * c ! d | e > f % g @ h `i`",
    "论坛：第一天",
    "   spaced    out   ",
]


@pytest.mark.parametrize("title", TRICKY)
def test_any_title_reads_back_as_written(title):
    article = NewArticle("s", {"zh": "标题", "en": title}, "news", dt.date(2023, 4, 2))
    texts = sources(article)
    en = split(texts["en"], "en.md").meta
    assert en["title"] == " ".join(title.split())
    assert en["date"] == "2023-04-02"


def test_the_translation_records_the_original_as_written():
    article = NewArticle("s", {"zh": "标题", "en": "Title"}, "news", dt.date(2023, 4, 2), "en")
    texts = sources(article)
    original = split(texts["en"], "en.md")
    assert KEY not in original.meta
    assert split(texts["zh"], "zh.md").meta[KEY] == original_digest(original.meta, original.body)


def test_dates():
    today = dt.date(2026, 1, 2)
    assert parse_day(None, today) == today
    assert parse_day(" 2023-04-02 ") == dt.date(2023, 4, 2)
    for bad in ("2023-02-30", "April 2", "2023/04/02"):
        with pytest.raises(UsageError, match="--date takes an ISO date"):
            parse_day(bad)
