"""A101 missing-counterpart, A102 unreadable-file, A103 front-matter, A104 metadata-mismatch."""

from __future__ import annotations

import pytest

from bilingual.config import ChecksConfig, Config
from tests.conftest import EN_META, ZH_META


def codes(findings) -> list[str]:
    return [f.check for f in findings]


# --- missing-counterpart -------------------------------------------------------------------


def test_missing_english_side_fires(root):
    root.pair("forum", "七百余位嘉宾出席。", None)
    (finding,) = root.findings("forum", "missing-counterpart")
    assert finding.zh.path == "articles/forum/zh.md"
    assert finding.en is None
    assert "articles/forum/en.md does not exist" in finding.message


def test_missing_chinese_side_fires(root):
    root.pair("forum", None, "More than 700 guests attended.")
    (finding,) = root.findings("forum", "A101")
    assert finding.en.path == "articles/forum/en.md" and finding.zh is None


def test_complete_pair_does_not_fire(root):
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")
    assert root.findings("forum", "missing-counterpart") == []


def test_misnamed_side_is_a_missing_counterpart(root):
    root.pair("forum", "七百余位嘉宾出席。", None)
    root.raw("articles/forum/english.md", "---\ntitle: x\n---\n")
    assert codes(root.findings("forum")) == ["missing-counterpart"]


# --- unreadable-file ------------------------------------------------------------------------


def test_non_utf8_file_fires_with_line(root):
    root.pair("forum", "中文。", "English.")
    root.raw("articles/forum/zh.md", "---\ntitle: 论坛\n---\n\n上海交通大学\n".encode("gb18030"))
    (finding,) = root.findings("forum", "unreadable-file")
    assert finding.zh.line == 2
    assert "not valid UTF-8" in finding.message


def test_utf8_with_bom_and_crlf_does_not_fire(root):
    root.pair("forum", None, "More than 700 guests attended.")
    text = f"\ufeff---\r\n{ZH_META}---\r\n\r\n七百余位嘉宾出席。\r\n".replace("\n", "\r\n")
    root.raw("articles/forum/zh.md", text.replace("\r\r\n", "\r\n"))
    assert root.findings("forum") == []


# --- front-matter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh_meta", "message", "line"),
    [
        ("title: 论坛\ncategory: conference-season", "required key 'date' is missing", 1),
        ("title: 论坛\ndate: 2023-4-2\ncategory: x", "'date' must be an ISO date", 3),
        ("title:\ndate: 2023-04-03\ncategory: x", "required key 'title' is empty", 2),
        ("title: 论坛\ndate: 2023-02-30\ncategory: x", "'date' must be an ISO date", 3),
        ("title: 论坛\ndate: 2023-04-03\ncategory: Conference Season", "'category' must be", 4),
        ("title: [a, b]\ndate: 2023-04-03\ncategory: x", "'title' must be text", 2),
        ("title: 论坛\ndate: 2023-04-03\ncategory: x\ntags: ai", "'tags' must be a list", 5),
        ("title: 论坛\ndate: 2023-04-03\ncategory: x\nstatus: done", "'status' must be one", 5),
        ("title: 论坛\ndate: 2023-04-03\ncategory: x\noriginal: fr", "'original' must be", 5),
        ("title: 论坛\ndate: 2023-04-03\ncategory: x\nauthor: 3", "'author' must be text", 5),
    ],
)
def test_bad_keys_fire_at_their_line(root, zh_meta, message, line):
    en_meta = zh_meta.replace("论坛", "Forum")
    root.pair("forum", "正文。", "Body text.", zh_meta=zh_meta, en_meta=en_meta)
    found = [f for f in root.findings("forum", "front-matter") if f.zh]
    assert [f.message for f in found if message in f.message], found
    assert next(f for f in found if message in f.message).zh.line == line


def test_broken_yaml_is_a_finding_with_its_line_and_other_articles_are_still_checked(root):
    root.pair("broken", "正文。", "Body.", zh_meta="title: 论坛\ndate: [2023-04-03\ncategory: x")
    root.pair("fine", "七百余位嘉宾出席。", None)
    (finding,) = root.findings("broken")
    assert finding.check == "front-matter"
    assert finding.zh.line == 3  # where the unclosed bracket opens
    assert "not valid YAML" in finding.message
    assert codes(root.findings("fine")) == ["missing-counterpart"]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "file is empty"), (b"Body without front matter\n", "no front matter")],
)
def test_empty_file_and_missing_front_matter(root, data, message):
    root.pair("forum", "正文。", "Body.")
    root.raw("articles/forum/en.md", data)
    (finding,) = root.findings("forum")
    assert finding.check == "front-matter" and message in finding.message
    assert finding.en.line == 1


def test_bad_slug_fires(root):
    root.pair("Forum_2023", "正文。", "Body.")
    (finding,) = root.findings("Forum_2023", "front-matter")
    assert "not a slug" in finding.message


def test_valid_front_matter_does_not_fire(root):
    meta = (
        "title: 论坛\ndate: 2023-04-03\ncategory: conference-season\ntags: [ai, forum]\n"
        "author: Chen Yu\nsummary: 摘要\nstatus: review\noriginal: zh\nlayout: custom"
    )
    root.pair("forum", "正文。", "Body.", zh_meta=meta, en_meta=meta.replace("摘要", "Summary"))
    assert root.findings("forum", "front-matter") == []


# --- metadata-mismatch ----------------------------------------------------------------------


def test_date_mismatch_fires_at_both_key_lines(root):
    # A translation dated before its original.
    root.pair("forum", "正文。", "Body.", en_meta=EN_META.replace("2023-04-03", "2023-04-02"))
    (finding,) = root.findings("forum", "metadata-mismatch")
    assert finding.zh.line == 3 and finding.en.line == 3
    assert "2023-04-03 in zh.md, 2023-04-02 in en.md" in finding.message


def test_translation_published_later_is_quiet_unless_configured(root):
    # Real offices publish the translation days after the original (tests/fixtures/real).
    root.pair("forum", "正文。", "Body.", en_meta=EN_META.replace("2023-04-03", "2023-04-05"))
    assert root.findings("forum", "metadata-mismatch") == []
    same = Config(checks=ChecksConfig(translation_date="same"))
    (finding,) = root.findings("forum", "metadata-mismatch", config=same)
    assert "2023-04-03 in zh.md, 2023-04-05 in en.md" in finding.message


def test_translation_date_follows_the_original_side(root):
    # original: en, so the Chinese is the translation and may not be dated before it.
    meta_zh = ZH_META.replace("2023-04-03", "2023-04-02") + "original: en"
    root.pair("forum", "正文。", "Body.", zh_meta=meta_zh, en_meta=EN_META + "original: en")
    (finding,) = root.findings("forum", "metadata-mismatch")
    assert "'date' differs" in finding.message


def test_tags_compare_as_sets_and_dates_as_dates(root):
    root.pair(
        "forum",
        "正文。",
        "Body.",
        zh_meta=ZH_META + "tags: [ai, forum]",
        en_meta=EN_META.replace("2023-04-03", "'2023-04-03'") + "tags: [forum, ai]",
    )
    assert root.findings("forum", "metadata-mismatch") == []


def test_category_and_missing_tags_fire(root):
    root.pair(
        "forum",
        "正文。",
        "Body.",
        zh_meta=ZH_META.replace("conference-season", "campus-events") + "tags: [ai]",
    )
    messages = [f.message for f in root.findings("forum", "metadata-mismatch")]
    assert len(messages) == 2
    assert any("'category' differs" in m for m in messages)
    assert any("'tags' differs: [ai] in zh.md, (not set) in en.md" in m for m in messages)


def test_author_is_compared_only_when_configured(root):
    root.pair(
        "forum",
        "正文。",
        "Body.",
        zh_meta=ZH_META + "author: 陈宇",
        en_meta=EN_META + "author: Chen Yu",
    )
    assert root.findings("forum", "metadata-mismatch") == []
    config = Config(checks=ChecksConfig(metadata=("date", "category", "tags", "author")))
    (finding,) = root.findings("forum", "metadata-mismatch", config=config)
    assert "'author' differs" in finding.message


def test_original_must_agree_when_both_sides_set_it(root):
    root.pair(
        "forum",
        "正文。",
        "Body.",
        zh_meta=ZH_META + "original: zh",
        en_meta=EN_META + "original: en",
    )
    (finding,) = root.findings("forum", "metadata-mismatch")
    assert "'original' differs" in finding.message


# --- bad-ignore-comment ---------------------------------------------------------------------


def test_misspelt_ignore_comment_fires(root):
    root.pair("forum", "正文。", "<!-- bilingual-ignore: link-missmatch -->\nBody text.")
    (finding,) = root.findings("forum", "bad-ignore-comment")
    assert finding.en.line == 8
    assert "unknown check 'link-missmatch'; did you mean link-mismatch?" in finding.message


def test_valid_ignore_comments_do_not_fire(root):
    root.pair(
        "forum",
        "<!-- bilingual-ignore -->\n正文。",
        "<!-- bilingual-ignore: L101, t101, Structure-Mismatch -->\nBody text.",
    )
    assert root.findings("forum", "bad-ignore-comment") == []


def test_bad_value_is_reported_once(root):
    root.pair("forum", "正文。", "Body.", en_meta=EN_META.replace("2023-04-03", "2023-4-3"))
    assert [f.check for f in root.findings("forum")] == ["front-matter"]


# --- stale-translation ----------------------------------------------------------------------


def _synced_meta(root, slug: str) -> str:
    """EN_META recording the digest of ``slug``'s Chinese side as it is now."""
    from bilingual.parse.discover import load_pair

    pair = load_pair(root.path, root.path / "articles" / slug)
    return EN_META + f"translated_from: {pair.zh.digest}\n"


def test_never_synced_translation_is_not_stale(root):
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")
    assert root.findings("forum", "stale-translation") == []


def test_synced_translation_is_quiet_until_the_original_changes(root):
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")
    en_meta = _synced_meta(root, "forum")
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.", en_meta=en_meta)
    assert root.findings("forum", "stale-translation") == []
    # The original's status and tags are not translated: editing them leaves it fresh.
    zh_meta = ZH_META + "status: review\ntags: [forum]\n"
    root.pair(
        "forum",
        "七百余位嘉宾出席。",
        "More than 700 guests attended.",
        zh_meta=zh_meta,
        en_meta=en_meta,
    )
    assert root.findings("forum", "stale-translation") == []
    root.pair(
        "forum",
        "八百余位嘉宾出席。",
        "More than 700 guests attended.",
        zh_meta=zh_meta,
        en_meta=en_meta,
    )
    (finding,) = root.findings("forum", "A107")
    assert finding.en.path == "articles/forum/en.md" and finding.en.line == 5
    assert finding.severity.value == "warning"
    assert "articles/forum/zh.md changed since articles/forum/en.md was synced" in finding.message
    assert "bilingual diff forum" in finding.message


def test_a_changed_title_makes_the_translation_stale(root):
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")
    en_meta = _synced_meta(root, "forum")
    zh_meta = ZH_META.replace("论坛举行", "浦江论坛举行")
    root.pair(
        "forum",
        "七百余位嘉宾出席。",
        "More than 700 guests attended.",
        zh_meta=zh_meta,
        en_meta=en_meta,
    )
    assert codes(root.findings("forum", "stale-translation")) == ["stale-translation"]


def test_the_original_side_follows_the_front_matter(root):
    # An English original: the digest is recorded in zh.md and read against en.md.
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")
    from bilingual.parse.discover import load_pair

    en_digest = load_pair(root.path, root.path / "articles" / "forum").en.digest
    zh_meta = ZH_META + f"original: en\ntranslated_from: {en_digest}\n"
    en_meta = EN_META + "original: en\n"
    root.pair(
        "forum",
        "七百余位嘉宾出席。",
        "More than 700 guests attended.",
        zh_meta=zh_meta,
        en_meta=en_meta,
    )
    assert root.findings("forum", "stale-translation") == []
    root.pair(
        "forum",
        "七百余位嘉宾出席。",
        "More than 800 guests attended.",
        zh_meta=zh_meta,
        en_meta=en_meta,
    )
    (finding,) = root.findings("forum", "stale-translation")
    assert finding.zh.line == 6 and finding.en is None


@pytest.mark.parametrize("value", ["sha256:abc", "md5:" + "0" * 32, "42"])
def test_a_malformed_digest_is_reported(root, value):
    en_meta = EN_META + f"translated_from: {value!r}\n"
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.", en_meta=en_meta)
    (finding,) = root.findings("forum", "stale-translation")
    assert "must be 'sha256:' and 64 hexadecimal digits" in finding.message
