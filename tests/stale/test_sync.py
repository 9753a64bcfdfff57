"""``bilingual sync``: the one line it writes, what it refuses, and what it leaves alone."""

from __future__ import annotations

import json

import pytest

from bilingual.errors import SourceError, StaleFileError
from bilingual.parse.discover import load_pair
from bilingual.stale.sync import Action, apply, prepare, sync
from tests.conftest import EN_META, ZH_META, source

ZH = "七百余位嘉宾出席。\n\n平台正式发布。"
EN = "More than 700 guests attended.\n\nThe platform was launched."


def digest_of_zh(root, slug: str) -> str:
    return load_pair(root.path, root.path / "articles" / slug).zh.digest


def test_sync_adds_the_one_line_and_keeps_every_other_byte(root):
    folder = root.pair("forum", ZH, EN)
    before = (folder / "en.md").read_bytes()
    (result,) = sync(root.path, [folder])
    assert result.action is Action.SYNCED and result.previous is None
    digest = digest_of_zh(root, "forum")
    assert result.digest == digest and result.path == "articles/forum/en.md"
    expected = before.replace(b"\n---\n", f"\ntranslated_from: {digest}\n---\n".encode(), 1)
    assert (folder / "en.md").read_bytes() == expected
    assert (folder / "zh.md").read_text(encoding="utf-8") == source(ZH_META, ZH)


def test_a_crlf_file_with_a_byte_order_mark_changes_by_one_line(root):
    folder = root.pair("forum", ZH, None)
    text = "\ufeff" + source(EN_META + "# checked by Li\n", EN).replace("\n", "\r\n")
    root.raw("articles/forum/en.md", text)
    sync(root.path, [folder])
    digest = digest_of_zh(root, "forum")
    expected = text.replace(
        "# checked by Li\r\n", f"# checked by Li\r\ntranslated_from: {digest}\r\n"
    )
    assert (folder / "en.md").read_bytes() == expected.encode("utf-8")


def test_a_recorded_digest_is_replaced_where_it_stands(root):
    old = "sha256:" + "0" * 64
    en_meta = EN_META.replace("title:", f"translated_from: '{old}'  # by hand\ntitle:")
    folder = root.pair("forum", ZH, EN, en_meta=en_meta)
    before = (folder / "en.md").read_text(encoding="utf-8")
    (result,) = sync(root.path, [folder])
    assert result.previous == old
    after = (folder / "en.md").read_text(encoding="utf-8")
    assert after == before.replace(f"'{old}'", digest_of_zh(root, "forum"))


def test_a_current_translation_is_not_written(root):
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    stat = (folder / "en.md").stat()
    (result,) = sync(root.path, [folder])
    assert result.action is Action.CURRENT
    assert (folder / "en.md").stat().st_mtime_ns == stat.st_mtime_ns
    assert (folder / "en.md").stat().st_ino == stat.st_ino


def test_an_english_original_is_recorded_in_the_chinese_side(root):
    folder = root.pair(
        "forum", ZH, EN, zh_meta=ZH_META + "original: en\n", en_meta=EN_META + "original: en\n"
    )
    (result,) = sync(root.path, [folder])
    assert result.path == "articles/forum/zh.md"
    pair = load_pair(root.path, folder)
    assert pair.zh.meta["translated_from"] == pair.en.digest
    assert "translated_from" not in pair.en.meta


def test_dry_run_writes_nothing(root):
    folder = root.pair("forum", ZH, EN)
    before = (folder / "en.md").read_bytes()
    (result,) = sync(root.path, [folder], dry_run=True)
    assert result.action is Action.SYNCED
    assert (folder / "en.md").read_bytes() == before


@pytest.mark.parametrize(
    ("zh", "en", "message"),
    [
        (source(ZH_META, ZH), None, "en.md is missing"),
        (source(ZH_META, ZH), "---\ntitle: [unclosed\n---\n\nBody.\n", "not valid YAML"),
        (b"---\ntitle: \xff\n---\n", source(EN_META, EN), "not valid UTF-8"),
    ],
)
def test_a_pair_that_cannot_be_synced_stops_the_run_with_nothing_written(root, zh, en, message):
    good = root.pair("a-good-one", ZH, EN)
    root.raw("articles/broken/zh.md", zh)
    if en is not None:
        root.raw("articles/broken/en.md", en)
    before = (good / "en.md").read_bytes()
    with pytest.raises(SourceError, match=message):
        sync(root.path, [good, root.path / "articles" / "broken"])
    assert (good / "en.md").read_bytes() == before


def test_keep_going_skips_what_cannot_be_synced(root):
    good = root.pair("a-good-one", ZH, EN)
    root.pair("lonely", ZH, None)
    results = sync(root.path, [good, root.path / "articles" / "lonely"], keep_going=True)
    assert [(r.article, r.action) for r in results] == [
        ("a-good-one", Action.SYNCED),
        ("lonely", Action.SKIPPED),
    ]
    assert "en.md is missing" in results[1].reason


def test_a_translation_edited_since_it_was_read_is_left_alone(root):
    folder = root.pair("forum", ZH, EN)
    planned = prepare(root.path, [folder])
    edited = source(EN_META, EN + "\n\nA paragraph the translator just added.")
    (folder / "en.md").write_text(edited, encoding="utf-8")
    with pytest.raises(StaleFileError, match="changed since it was read"):
        apply(root.path, planned)
    assert (folder / "en.md").read_text(encoding="utf-8") == edited


def test_an_original_edited_since_it_was_read_is_not_recorded(root):
    folder = root.pair("forum", ZH, EN)
    planned = prepare(root.path, [folder])
    (folder / "zh.md").write_text(source(ZH_META, "八百余位嘉宾出席。"), encoding="utf-8")
    (result,) = apply(root.path, planned, keep_going=True)
    assert result.action is Action.SKIPPED and "zh.md" in result.reason
    assert "translated_from" not in (folder / "en.md").read_text(encoding="utf-8")


# --- the command ----------------------------------------------------------------------------


def test_sync_all_reports_each_article(root, cli):
    root.pair("a-new-one", ZH, EN)
    current = root.pair("b-current", ZH, EN)
    sync(root.path, [current])
    root.pair("c-lonely", ZH, None)
    code, out, err = cli("sync", "--all", "--root", root.path)
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0].startswith("synced     a-new-one  en.md translated_from: sha256:")
    assert lines[0].endswith("(was never synced)")
    assert lines[1] == "current    b-current  en.md already records the original as it is"
    assert lines[2].startswith("skipped    c-lonely   en.md is missing")
    assert lines[3] == "Synced 1 article, 1 already current, 1 skipped."


def test_sync_json_and_dry_run(root, cli):
    folder = root.pair("forum", ZH, EN)
    before = (folder / "en.md").read_bytes()
    code, out, _ = cli("sync", "forum", "--dry-run", "--format", "json", "--root", root.path)
    assert code == 0
    report = json.loads(out)
    assert report["version"] == 1 and report["dry_run"] is True
    assert report["articles"] == [
        {
            "article": "forum",
            "action": "synced",
            "path": "articles/forum/en.md",
            "digest": digest_of_zh(root, "forum"),
            "previous": None,
            "reason": None,
        }
    ]
    assert report["summary"] == {"synced": 1, "current": 0, "skipped": 0}
    assert (folder / "en.md").read_bytes() == before


def test_sync_refuses_a_named_article_it_cannot_sync(root, cli):
    good = root.pair("forum", ZH, EN)
    root.pair("lonely", ZH, None)
    before = (good / "en.md").read_bytes()
    code, out, err = cli("sync", "forum", "lonely", "--root", root.path)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        "error: en.md is missing: there is no pair to sync (articles/lonely/en.md)"
    )
    assert (good / "en.md").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name the articles to sync, or pass --all"),
        (("forum", "--all"), "not both"),
        (("forun",), "no article 'forun'"),
    ],
)
def test_sync_usage_errors(root, cli, args, message):
    root.pair("forum", ZH, EN)
    code, _, err = cli("sync", *args, "--root", root.path)
    assert code == 2 and message in err
    if args == ("forun",):
        assert "hint: did you mean forum?" in err


def test_the_stale_warning_goes_away_after_sync(root, check_json, cli):
    root.pair("forum", ZH, EN)
    assert cli("sync", "forum", "--root", root.path)[0] == 0
    code, report = check_json(root, "--strict")
    assert (code, report["findings"]) == (0, [])
    root.pair("forum", "七百余位嘉宾出席。\n\n平台于同日正式发布。", None)
    code, report = check_json(root, "--strict")
    assert code == 1
    assert [f["check"] for f in report["findings"]] == ["stale-translation"]
    # The translator revises the paragraph, then records that the translation matches again.
    en = (root.path / "articles/forum/en.md").read_text(encoding="utf-8")
    en = en.replace("was launched.", "was launched the same day.")
    (root.path / "articles/forum/en.md").write_text(en, encoding="utf-8")
    code, out, _ = cli("sync", "forum", "--root", root.path)
    assert code == 0 and out.startswith("synced")
    code, report = check_json(root, "--strict")
    assert (code, report["findings"]) == (0, [])


@pytest.mark.parametrize(
    ("meta", "state"),
    [
        ({}, "never-synced"),
        ({"translated_from": "sha256:" + "0" * 64}, "current"),
        ({"translated_from": "sha256:" + "1" * 64}, "stale"),
        ({"translated_from": "sha256:abc"}, "invalid"),
        ({"translated_from": 42}, "invalid"),
    ],
)
def test_sync_state(meta, state):
    from bilingual.stale import sync_state

    assert sync_state(meta, "sha256:" + "0" * 64) == state
