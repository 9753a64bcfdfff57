"""A newsroom's content root with an article in each state the board shows."""

from __future__ import annotations

import pytest

from bilingual.parse.frontmatter import split
from bilingual.stale import KEY, original_digest
from tests.conftest import Root

ZH_BODY = "2023年4月2日，论坛在上海举行，七百余位嘉宾参加。"
EN_BODY = "The forum was held in Shanghai on April 2, 2023, with more than 700 guests."


def meta(date: str, category: str, title: str, status: str | None = None) -> str:
    lines = [f"title: {title}", f"date: {date}", f"category: {category}"]
    if status:
        lines.append(f"status: {status}")
    return "\n".join(lines) + "\n"


def sync(root: Root, slug: str, digest: str | None = None) -> None:
    """Record in en.md the digest of zh.md as it is now (or ``digest``), as sync does."""
    folder = root.path / "articles" / slug
    zh = split((folder / "zh.md").read_text(encoding="utf-8"), "zh.md")
    recorded = digest or original_digest(zh.meta, zh.body)
    en = (folder / "en.md").read_text(encoding="utf-8")
    (folder / "en.md").write_text(
        en.replace("\n---\n", f"\n{KEY}: {recorded}\n---\n", 1), encoding="utf-8"
    )


@pytest.fixture
def newsroom(root: Root) -> Root:
    """Five articles, newest first:

    - 2023-lab (2023-05-10): zh in review, en missing (A101 error)
    - 2023-open-day (2023-05-08): published / draft, stale (A107 warning)
    - 2023-forum (2023-04-03): published / published, current, clean
    - 2022-gala (2022-12-01): published / machine, never synced, a number differs (N101 error)
    - broken (no date): en.md's front matter is not YAML (invalid; A103 error)
    """
    root.pair(
        "2023-lab",
        ZH_BODY,
        None,
        zh_meta=meta("2023-05-10", "research-funding", "实验室揭牌", "review"),
    )
    root.pair(
        "2023-open-day",
        ZH_BODY,
        EN_BODY,
        zh_meta=meta("2023-05-08", "campus-events", "校园开放日"),
        en_meta=meta("2023-05-08", "campus-events", "Campus Open Day", "draft"),
    )
    sync(root, "2023-open-day", "sha256:" + "0" * 64)
    root.pair(
        "2023-forum",
        ZH_BODY,
        EN_BODY,
        zh_meta=meta("2023-04-03", "conference-season", "论坛举行"),
        en_meta=meta("2023-04-03", "conference-season", "Forum held"),
    )
    sync(root, "2023-forum")
    root.pair(
        "2022-gala",
        ZH_BODY,
        EN_BODY.replace("700", "900"),
        zh_meta=meta("2022-12-01", "conference-season", "年度晚会"),
        en_meta=meta("2022-12-01", "conference-season", "Annual gala", "machine"),
    )
    root.pair("broken", ZH_BODY, None, zh_meta=meta("x", "conference-season", "坏了"))
    root.raw("articles/broken/en.md", "---\ntitle: [unclosed\n---\n\nText.\n")
    return root
