"""The board's JSON document: its keys, values and version."""

from __future__ import annotations

import io
import json

from bilingual.config import Config
from bilingual.status.board import Filters, collect
from bilingual.status.json import VERSION, write
from bilingual.status.json import document as document_of

ARTICLE_KEYS = {
    "slug",
    "folder",
    "date",
    "category",
    "title",
    "original",
    "translation",
    "state",
    "zh",
    "en",
    "sync",
    "translated",
    "errors",
    "warnings",
}


def document(root, filters=None) -> dict:
    out = io.StringIO()
    write(out, collect(root.path, Config(), filters, warn=print))
    assert out.getvalue().endswith("}\n")
    return json.loads(out.getvalue())


def test_document(newsroom):
    doc = document(newsroom)
    assert list(doc) == ["version", "filters", "articles", "summary"]
    assert doc["version"] == VERSION == 1
    assert doc["filters"] == {"categories": [], "states": [], "since": None}
    assert all(set(article) == ARTICLE_KEYS for article in doc["articles"])
    assert doc["articles"][1] == {
        "slug": "2023-open-day",
        "folder": "articles/2023-open-day",
        "date": "2023-05-08",
        "category": "campus-events",
        "title": "校园开放日",
        "original": "zh",
        "translation": "en",
        "state": "draft",
        "zh": "published",
        "en": "draft",
        "sync": "stale",
        "translated": False,
        "errors": 0,
        "warnings": 1,
    }
    assert [(a["slug"], a["date"], a["state"], a["sync"]) for a in doc["articles"]] == [
        ("2023-lab", "2023-05-10", "missing", None),
        ("2023-open-day", "2023-05-08", "draft", "stale"),
        ("2023-forum", "2023-04-03", "published", "current"),
        ("2022-gala", "2022-12-01", "machine", "never-synced"),
        ("broken", None, "invalid", None),
    ]
    assert doc["summary"] == {
        "articles": 5,
        "archive": 5,
        "states": {
            "missing": 1,
            "invalid": 1,
            "draft": 1,
            "machine": 1,
            "review": 0,
            "published": 1,
        },
        "sync": {"current": 1, "stale": 1, "never-synced": 1, "invalid": 0},
        "categories": {"conference-season": 3, "campus-events": 1, "research-funding": 1},
        "translated": 1,
        "clean": 1,
        "errors": 4,
        "warnings": 1,
    }


def test_filters_are_echoed(newsroom):
    doc = document(newsroom, Filters.parse(["conference-season"], ["never-synced"], "2022-01-01"))
    assert doc["filters"] == {
        "categories": ["conference-season"],
        "states": ["never-synced"],
        "since": "2022-01-01",
    }
    assert [a["slug"] for a in doc["articles"]] == ["2022-gala"]
    assert (doc["summary"]["articles"], doc["summary"]["archive"]) == (1, 5)


def test_chinese_is_written_as_is(newsroom):
    out = io.StringIO()
    write(out, collect(newsroom.path, Config(), warn=print))
    assert "实验室揭牌" in out.getvalue()


def test_written_document_is_the_document_one_article_a_line(newsroom):
    board = collect(newsroom.path, Config(), warn=print)
    out = io.StringIO()
    write(out, board)
    assert json.loads(out.getvalue()) == document_of(board)
    lines = out.getvalue().splitlines()
    assert sum(line.startswith('    {"slug": ') for line in lines) == 5
    empty = collect(newsroom.path, Config(), Filters.parse(categories=["sports"]), warn=print)
    out = io.StringIO()
    write(out, empty)
    assert json.loads(out.getvalue())["articles"] == []
    assert '"articles": [],' in out.getvalue()
