"""The board's rows, filters and summary, read from real files and through the real cache."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from bilingual.cache import cache_path
from bilingual.config import Config
from bilingual.errors import UsageError
from bilingual.status.board import Filters, collect, read_row
from tests.status.conftest import meta, sync


def board_of(root, filters=None, **options):
    warnings: list[str] = []
    board = collect(root.path, Config(), filters, warn=warnings.append, **options)
    assert warnings == []
    return board


def stored(root) -> list[tuple[str, int]]:
    """The cache's rows: article and when each was written."""
    with sqlite3.connect(cache_path(root.path)) as conn:
        return sorted(conn.execute("SELECT article, stored_ns FROM results"))


def test_one_row_per_article_newest_first_with_states_sync_and_findings(newsroom):
    board = board_of(newsroom)
    got = [(r.slug, r.date, r.zh, r.en, r.state, r.sync, r.errors, r.warnings) for r in board.rows]
    assert got == [
        ("2023-lab", dt.date(2023, 5, 10), "review", "missing", "missing", None, 1, 0),
        ("2023-open-day", dt.date(2023, 5, 8), "published", "draft", "draft", "stale", 0, 1),
        ("2023-forum", dt.date(2023, 4, 3), "published", "published", "published", "current", 0, 0),
        (
            "2022-gala",
            dt.date(2022, 12, 1),
            "published",
            "machine",
            "machine",
            "never-synced",
            1,
            0,
        ),
        ("broken", None, "published", "invalid", "invalid", None, 2, 0),
    ]
    forum = board.rows[2]
    assert (forum.title, forum.category, forum.original, forum.translation) == (
        "论坛举行",
        "conference-season",
        "zh",
        "en",
    )
    assert forum.translated and forum.clean
    assert board.archive == 5


def test_summary_counts_states_sync_categories_and_shares(newsroom):
    summary = board_of(newsroom).summary
    assert summary.articles == summary.archive == 5
    assert summary.states == {
        "missing": 1,
        "invalid": 1,
        "draft": 1,
        "machine": 1,
        "review": 0,
        "published": 1,
    }
    assert summary.sync == {"current": 1, "stale": 1, "never-synced": 1, "invalid": 0}
    assert summary.categories == {"conference-season": 3, "campus-events": 1, "research-funding": 1}
    assert (summary.translated, summary.clean, summary.errors, summary.warnings) == (1, 1, 4, 1)


def test_the_stale_row_agrees_with_the_stale_translation_check(newsroom):
    """Editing the original of a synced article makes its row stale and check warn (A107)."""
    forum = newsroom.path / "articles" / "2023-forum" / "zh.md"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(text.replace("论坛举行", "论坛隆重举行"), encoding="utf-8")
    row = next(r for r in board_of(newsroom).rows if r.slug == "2023-forum")
    assert row.sync == "stale"
    assert [f.code for f in newsroom.findings("2023-forum")] == ["A107"]
    # The original's status, tags or date are not what a translator renders: still current.
    sync_root = newsroom.path / "articles" / "2022-gala"
    sync(newsroom, "2022-gala")
    zh = sync_root / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("title:", "status: review\ntitle:"))
    assert read_row(newsroom.path, sync_root).sync == "current"


def test_original_en_makes_zh_the_translation(root):
    root.pair(
        "release",
        "版本发布。",
        "The release is out.",
        zh_meta=meta("2023-06-01", "release", "发布", "draft") + "original: en\n",
        en_meta=meta("2023-06-01", "release", "Release out") + "original: en\n",
    )
    row = read_row(root.path, root.path / "articles" / "release")
    assert (row.original, row.translation, row.title, row.sync) == (
        "en",
        "zh",
        "Release out",
        "never-synced",
    )
    assert not row.translated  # its translation, zh, is a draft


def test_a_status_that_is_not_one_of_the_four_is_invalid(root):
    root.pair("odd", "正文。", "Text.", en_meta=meta("2023-04-03", "news", "Odd", "final"))
    row = read_row(root.path, root.path / "articles" / "odd")
    assert (row.en, row.state) == ("invalid", "invalid")


@pytest.mark.parametrize(
    ("filters", "slugs"),
    [
        (Filters.parse(categories=["conference-season"]), ["2023-forum", "2022-gala", "broken"]),
        (
            Filters.parse(categories=["campus-events,research-funding"]),
            ["2023-lab", "2023-open-day"],
        ),
        (Filters.parse(states=["draft"]), ["2023-open-day"]),
        (Filters.parse(states=["missing", "invalid"]), ["2023-lab", "broken"]),
        (Filters.parse(states=["stale"]), ["2023-open-day"]),
        (Filters.parse(stale=True), ["2023-open-day"]),
        (Filters.parse(states=["never-synced"]), ["2022-gala"]),
        (Filters.parse(states=["Never synced"]), ["2022-gala"]),
        (Filters.parse(states=["current,published"]), ["2023-forum"]),
        (Filters.parse(since="2023-05-01"), ["2023-lab", "2023-open-day"]),
        (Filters.parse(["conference-season"], ["machine"], "2022-01-01"), ["2022-gala"]),
        (Filters.parse(categories=["no-such-category"]), []),
    ],
)
def test_filters(newsroom, filters, slugs):
    board = board_of(newsroom, filters)
    assert [row.slug for row in board.rows] == slugs
    assert board.summary.articles == len(slugs)
    assert board.summary.archive == 5


def test_unknown_state_and_bad_date_are_usage_errors():
    with pytest.raises(UsageError, match="unknown state 'finished'") as caught:
        Filters.parse(states=["draft,finished"])
    assert "never-synced" in (caught.value.hint or "")
    with pytest.raises(UsageError, match="--since takes an ISO date"):
        Filters.parse(since="May 1")
    with pytest.raises(UsageError, match="2023-02-30"):
        Filters.parse(since="2023-02-30")


def test_a_second_board_is_served_from_the_cache(newsroom):
    first = board_of(newsroom)
    rows = stored(newsroom)
    assert len(rows) == 5
    second = board_of(newsroom)
    assert second == first
    assert stored(newsroom) == rows  # nothing checked again, nothing written


def test_without_the_cache_nothing_is_kept_and_the_board_is_the_same(newsroom):
    first = board_of(newsroom, cache=False)
    assert not cache_path(newsroom.path).exists()
    assert board_of(newsroom) == first


def test_a_filtered_board_checks_only_its_articles_and_forgets_nothing(newsroom):
    board_of(newsroom)
    rows = stored(newsroom)
    board = board_of(newsroom, Filters.parse(states=["stale"]))
    assert [row.slug for row in board.rows] == ["2023-open-day"]
    assert stored(newsroom) == rows


def test_a_changed_article_is_checked_again_and_only_it(newsroom):
    board_of(newsroom)
    before = dict(stored(newsroom))
    gala = newsroom.path / "articles" / "2022-gala" / "en.md"
    gala.write_text(gala.read_text(encoding="utf-8").replace("900", "700"), encoding="utf-8")
    row = next(r for r in board_of(newsroom).rows if r.slug == "2022-gala")
    assert (row.errors, row.warnings) == (0, 0)
    after = dict(stored(newsroom))
    assert [a for a in after if after[a] != before[a]] == ["articles/2022-gala"]


def test_a_translated_from_that_is_no_digest_is_invalid_as_check_says(newsroom):
    from tests.status.conftest import sync

    folder = newsroom.path / "articles" / "2022-gala"
    sync(newsroom, "2022-gala", digest="sha256:abc")
    (row,) = [row for row in board_of(newsroom).rows if row.slug == "2022-gala"]
    assert row.sync == "invalid"
    assert "translated_from: sha256:abc" in (folder / "en.md").read_text(encoding="utf-8")
    assert [f.code for f in newsroom.findings("2022-gala", "stale-translation")] == ["A107"]
