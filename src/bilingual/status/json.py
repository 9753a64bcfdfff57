"""The status board as JSON: a stable, versioned document for scripts (docs/status.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

from bilingual.status.board import ArticleStatus, Board

#: Bumped only when a field changes meaning or disappears; new fields may be added (the same
#: rule, and the same field name, as ``check``'s JSON report).
VERSION = 1


def as_dict(row: ArticleStatus) -> dict[str, Any]:
    """One article as its JSON object."""
    return {
        "slug": row.slug,
        "folder": row.folder,
        "date": row.date.isoformat() if row.date else None,
        "category": row.category,
        "title": row.title,
        "original": row.original,
        "translation": row.translation,
        "state": row.state,
        "zh": row.zh,
        "en": row.en,
        "sync": row.sync,
        "translated": row.translated,
        "errors": row.errors,
        "warnings": row.warnings,
    }


def document(board: Board) -> dict[str, Any]:
    """The whole document: version, filters, articles (newest first) and summary."""
    filters = board.filters
    return {
        "version": VERSION,
        "filters": {
            "categories": sorted(filters.categories),
            "states": sorted(filters.states),
            "since": filters.since.isoformat() if filters.since else None,
        },
        "articles": [as_dict(row) for row in board.rows],
        "summary": asdict(board.summary),
    }


def write(out: TextIO, board: Board, **_: object) -> None:
    """The document, UTF-8 as it is (no escapes), one article a line (written by json's fast
    encoder: with ``indent`` it takes the slow one, a tenth of a second per 10,000 articles),
    the rest indented by two spaces, and a trailing newline."""
    doc = document(board)
    articles = doc.pop("articles")
    head = _dumps({key: doc[key] for key in ("version", "filters")})
    out.write(head[: head.rindex("\n}")] + ',\n  "articles": [')
    for i, article in enumerate(articles):
        out.write(("\n    " if i == 0 else ",\n    ") + json.dumps(article, ensure_ascii=False))
    out.write("\n  ]" if articles else "]")
    summary = _dumps({"summary": doc["summary"]})
    out.write("," + summary[1:])


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
