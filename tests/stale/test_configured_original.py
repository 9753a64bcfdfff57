"""``original: en`` in bilingual.yaml: every command that judges a translation takes zh.md as
the translation of an article whose front matter does not say, as docs/source-format.md says."""

from __future__ import annotations

import json


def _english_original(root) -> None:
    root.config("original: en\n")
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")


def test_sync_check_status_and_diff_take_zh_as_the_translation(root, cli, check_json):
    _english_original(root)
    code, out, err = cli("sync", "forum", "--root", root.path)
    assert code == 0, err
    zh = (root.path / "articles/forum/zh.md").read_text(encoding="utf-8")
    en = (root.path / "articles/forum/en.md").read_text(encoding="utf-8")
    assert "translated_from: sha256:" in zh and "translated_from" not in en
    assert check_json(root)[1]["findings"] == []

    # The English original changes: the Chinese translation is stale.
    path = root.path / "articles/forum/en.md"
    path.write_text(en.replace("700", "800"), encoding="utf-8")
    findings = check_json(root, "--select", "stale-translation")[1]["findings"]
    assert [(f["code"], f["zh"]["path"]) for f in findings] == [("A107", "articles/forum/zh.md")]

    code, out, _ = cli("status", "--root", root.path, "--format", "json")
    (article,) = json.loads(out)["articles"]
    assert (article["original"], article["translation"], article["sync"]) == ("en", "zh", "stale")

    code, out, _ = cli("diff", "forum", "--root", root.path, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert (report["original"]["path"], report["translation"]["path"]) == (
        "articles/forum/en.md",
        "articles/forum/zh.md",
    )


def test_an_article_that_names_its_original_overrides_the_config(root, cli):
    root.config("original: en\n")
    zh_meta = "title: 论坛举行\ndate: 2023-04-03\ncategory: conference-season\noriginal: zh\n"
    en_meta = "title: Forum held\ndate: 2023-04-03\ncategory: conference-season\noriginal: zh\n"
    root.pair(
        "forum", "七百余位嘉宾出席。", "More than 700 guests.", zh_meta=zh_meta, en_meta=en_meta
    )
    code, _, err = cli("sync", "forum", "--root", root.path)
    assert code == 0, err
    assert "translated_from" in (root.path / "articles/forum/en.md").read_text(encoding="utf-8")
