"""bilingual translate: deep-translator's real LibreTranslator (and MyMemoryTranslator) against
a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.parse.discover import load_pair
from bilingual.stale import State, sync_state
from tests.conftest import ZH_META
from tests.translate.conftest import configure

ZH_BODY = """\
## 论坛开幕

今天**上海交通大学**在[张江科学会堂](https://example.org/hall?a=1)举行论坛。

![图片](img/forum.png "标题")

- 第一项目
- 第二项目：`代码 x = 1`

1. 第一
2. 第二

> 注意：论坛开幕。

<!-- 注意：不要翻译 -->

```python
print("论坛")  # 代码
```

| 项目 | 链接 |
| --- | --- |
| 论坛 | <https://example.org/x> |
"""


def run(*args: str):
    return CliRunner().invoke(app, ["translate", *args])


def draft_of(site, slug: str = "forum") -> str:
    return (site.path / "articles" / slug / "en.md").read_text(encoding="utf-8")


def test_markdown_structure_comes_through(site, service) -> None:
    site.pair("forum", ZH_BODY, None)
    result = run("forum", "--root", str(site.path))
    assert result.exit_code == 0, result.output
    body = draft_of(site).split("---\n", 2)[2]
    assert re.search(r"^## \S", body, re.M)
    assert "](https://example.org/hall?a=1)" in body
    assert '![图片](img/forum.png "标题")' in body  # an image: untouched
    assert "`代码 x = 1`" in body
    assert re.search(r"^- .*first project", body, re.M)
    assert re.search(r"^1\. first$", body, re.M) and re.search(r"^2\. second$", body, re.M)
    assert re.search(r"^> note", body, re.M)
    assert "<!-- 注意：不要翻译 -->" in body
    assert '```python\nprint("论坛")  # 代码\n```' in body
    assert "| --- | --- |" in body and "<https://example.org/x>" in body
    assert "**Shanghai Jiao Tong University**" in body
    # Nothing but text went to the service: no address, no code, no comment.
    sent = " ".join(service.texts)
    assert "example.org" not in sent and "代码 x" not in sent and "不要翻译" not in sent
    assert "print(" not in sent


@pytest.mark.parametrize("placeholders", ["keep", "space", "fullwidth", "drop", "reorder"])
def test_glossary_terms_as_preferred_whatever_happens_to_placeholders(
    site, service, placeholders
) -> None:
    service.placeholders = placeholders
    site.pair(
        "forum",
        "今天**上海交通大学**和浦江创新论坛在[张江科学会堂](https://example.org/a)开幕。",
        None,
    )
    result = run("forum", "--root", str(site.path))
    assert result.exit_code == 0, result.output
    draft = draft_of(site)
    assert "**Shanghai Jiao Tong University**" in draft
    assert "Pujiang Innovation Forum" in draft
    assert "Jiaotong" not in draft and "Forum on Innovation" not in draft
    assert "](https://example.org/a)" in draft and "[[" not in draft and "【" not in draft
    # Placeholders the service lost or repeated: the runs between them were sent one by one.
    body = [text for text in service.texts if text != "论坛举行"]  # the title aside
    assert len(body) == (1 if placeholders in ("keep", "space", "fullwidth") else 6)


def test_forbidden_rendering_written_by_the_service_is_replaced(site, service) -> None:
    # An English term the glossary does not list in Chinese form: the service's own words.
    site.pair("forum", "今天论坛开幕。", None, zh_meta=ZH_META + "summary: 上海交通大学的论坛\n")
    site.raw(
        "glossary.yaml",
        "terms:\n  - zh: 交大\n    en: Shanghai Jiao Tong University\n"
        "    forbidden: [Shanghai Jiaotong University]\n",
    )
    assert run("forum", "--root", str(site.path)).exit_code == 0
    assert "summary: Shanghai Jiao Tong University of forum" in draft_of(site)


def test_front_matter(site, service) -> None:
    meta = ZH_META + "summary: 论坛今天开幕\ntags: [ai]\nstatus: published\n"
    site.pair("forum", "今天论坛开幕。", None, zh_meta=meta)
    assert run("forum", "--root", str(site.path)).exit_code == 0
    head = draft_of(site).split("---\n")[1]
    assert "title: forum was held\n" in head
    assert "date: 2023-04-03\n" in head  # a date, as the original writes it
    assert "summary: forum today opened\n" in head
    assert "status: machine\n" in head and "translated_by: libre\n" in head
    assert "original: zh\n" in head and "tags: [ai]\n" in head
    pair = load_pair(site.path, site.path / "articles" / "forum")
    assert sync_state(pair.en.meta, pair.zh.digest) is State.CURRENT


def test_draft_is_checked_at_once(site, service) -> None:
    site.pair("forum", "2023年4月2日，论坛开幕。", None)  # the service loses the date's words
    result = run("forum", "--root", str(site.path))
    assert result.exit_code == 0
    assert "drafted articles/forum/en.md from zh.md with libre" in result.output
    assert "N10" in result.output  # the number check's finding on the draft


def test_memory_serves_a_second_run_without_a_request(site, service) -> None:
    site.pair("forum", ZH_BODY, None)
    assert run("forum", "--root", str(site.path)).exit_code == 0
    first = draft_of(site)
    sent = len(service.requests)
    assert sent > 0
    (site.path / "articles" / "forum" / "en.md").unlink()
    result = run("forum", "--root", str(site.path))
    assert result.exit_code == 0
    assert len(service.requests) == sent  # every unit from the memory
    assert "0 requests" in result.output
    assert draft_of(site).split("---\n", 2)[2] == first.split("---\n", 2)[2]
    # --no-memory asks the service again.
    result = run("forum", "--root", str(site.path), "--force", "--no-memory")
    assert result.exit_code == 0 and len(service.requests) == 2 * sent


def test_published_pairs_feed_the_memory_and_machine_drafts_do_not(site, service) -> None:
    published = ZH_META + "status: published\n"
    site.pair(
        "old",
        "论坛开幕。\n\n今天论坛开幕。",
        "The forum opens.\n\nThe forum opened today.",
        zh_meta=published,
        en_meta="title: Forum\ndate: 2023-04-03\ncategory: conference-season\nstatus: published\n",
    )
    site.pair("new", "今天论坛开幕。", None)
    assert run("new", "--root", str(site.path)).exit_code == 0
    assert "The forum opened today." in draft_of(site, "new")
    assert "今天论坛开幕。" not in service.texts
    # A machine draft edited by a person does not feed the memory until marked review.
    site.pair("third", "第一项目。", None)
    assert run("third", "--root", str(site.path)).exit_code == 0
    edited = draft_of(site, "third").replace("first project.", "The first project, edited.")
    (site.path / "articles/third/en.md").write_text(edited, encoding="utf-8")
    site.pair("fourth", "第一项目。", None)
    assert run("fourth", "--root", str(site.path)).exit_code == 0
    assert "edited" not in draft_of(site, "fourth")
    (site.path / "articles/third/en.md").write_text(
        edited.replace("status: machine", "status: review"), encoding="utf-8"
    )
    assert run("fourth", "--root", str(site.path), "--force").exit_code == 0
    assert "The first project, edited." in draft_of(site, "fourth")


def test_long_blocks_split_at_sentence_ends(root, service) -> None:
    configure(root, service)
    root.config(
        f"translate:\n  provider: libre\n  backoff: 0\n  providers:\n"
        f"    libre: {{base_url: '{service.url}', max_chars: 20}}\n"
    )
    root.pair("forum", "今天论坛开幕。" * 3 + "张江科学会堂的论坛今天开幕，项目和代码。", None)
    assert run("forum", "--root", str(root.path), "--no-memory").exit_code == 0
    assert len(service.requests) >= 3
    assert all(len(text) <= 20 for text in service.texts)
    assert service.texts[1:] == [
        "今天论坛开幕。今天论坛开幕。",
        "今天论坛开幕。",
        "张江科学会堂的论坛今天开幕，项目和代码。",
    ]
    assert "today forum opened. today forum opened. today forum opened. Zhangjiang" in draft_of(
        root
    )


def test_mymemory_class_against_the_server(root, service) -> None:
    configure(root, service, provider="mymemory")
    root.pair("forum", "今天论坛开幕。", None)
    result = run("forum", "--root", str(root.path))
    assert result.exit_code == 0, result.output
    assert service.requests[0]["api"] == "mymemory"
    assert service.requests[0]["langpair"] == "zh-CN|en-US"
    assert "translated_by: mymemory" in draft_of(root)


@pytest.mark.parametrize(
    ("provider", "query"),
    [("google", {"sl": "zh-CN", "tl": "en"}), ("deepl", {"source_lang": "zh", "auth_key": "k"})],
)
def test_google_and_deepl_classes_against_the_server(root, service, monkeypatch, provider, query):
    monkeypatch.setenv("DEEPL_API_KEY", "k")
    configure(root, service, provider=provider)
    root.pair("forum", "今天**上海交通大学**论坛开幕。", None)
    result = run("forum", "--root", str(root.path))
    assert result.exit_code == 0, result.output
    assert service.requests[0]["api"] == provider
    assert query.items() <= service.requests[0].items()
    draft = draft_of(root)
    assert f"translated_by: {provider}" in draft
    assert "today **Shanghai Jiao Tong University** forum opened." in draft


def test_microsoft_takes_no_base_url(root, service) -> None:
    root.pair("forum", "今天论坛开幕。", None)
    result = run("forum", "--root", str(root.path), "-p", "microsoft", "--base-url", service.url)
    assert result.exit_code == 2 and "microsoft takes no --base-url" in result.output
    assert not service.requests


def test_english_original_drafts_chinese(site, service) -> None:
    en_meta = "title: Forum held\ndate: 2023-04-03\ncategory: conference-season\noriginal: en\n"
    site.pair(
        "forum", None, "The forum opened at **Shanghai Jiao Tong University**.", en_meta=en_meta
    )
    assert run("forum", "--root", str(site.path)).exit_code == 0
    zh = (site.path / "articles/forum/zh.md").read_text(encoding="utf-8")
    assert "**上海交通大学**" in zh and "original: en" in zh
    assert service.requests[0]["target"] == "zh"


def test_existing_side_needs_force_and_is_kept_as_backup(site, service) -> None:
    site.pair("forum", "今天论坛开幕。", "Hand-made translation.")
    result = run("forum", "--root", str(site.path))
    assert result.exit_code == 2 and "en.md exists: nothing written" in result.output
    assert not service.requests
    result = run("forum", "--root", str(site.path), "--force")
    assert result.exit_code == 0
    backups = list((site.path / "articles/forum").glob("en.md.*.bak"))
    assert len(backups) == 1 and "Hand-made translation." in backups[0].read_text()
    assert backups[0].name in result.output


def test_dry_run_sends_and_writes_nothing(site, service) -> None:
    site.pair("forum", "今天**上海交通大学**论坛开幕。", None)
    result = run("forum", "--root", str(site.path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert not service.requests
    assert not (site.path / "articles/forum/en.md").exists()
    assert "  > 今天[[0]][[1]][[2]]论坛开幕。" in result.output
    assert "2 units, 2 requests, 26 characters" in result.output  # title and body


def test_dry_run_refuses_what_the_run_refuses(site, service) -> None:
    site.pair("forum", "今天论坛开幕。", "Hand-made translation.")
    result = run("forum", "--root", str(site.path), "--dry-run")
    assert result.exit_code == 2 and "en.md exists: nothing written" in result.output
    result = run("forum", "--root", str(site.path), "--dry-run", "--force")
    assert result.exit_code == 0 and "would replace it (with --force)" in result.output
    assert not service.requests


def test_all_missing(site, service) -> None:
    site.pair("one", "今天论坛开幕。", None)
    site.pair("two", "论坛开幕。", "The forum opens.")
    result = run("--all-missing", "--root", str(site.path))
    assert result.exit_code == 0, result.output
    assert (site.path / "articles/one/en.md").exists()
    assert draft_of(site, "two").endswith("The forum opens.\n")
    assert "1 draft written" in result.output


def test_unknown_provider_and_bad_config(site) -> None:
    site.pair("forum", "今天论坛开幕。", None)
    result = run("forum", "--root", str(site.path), "--provider", "babelfish")
    assert result.exit_code == 2 and "--provider takes one of" in result.output
    site.config("translate:\n  provider: babelfish\n  timeout: -1\n")
    result = run("forum", "--root", str(site.path))
    assert result.exit_code == 2
    assert "translate.provider" in result.output and "translate.timeout" in result.output


def test_key_required_from_environment(site, monkeypatch) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    site.pair("forum", "今天论坛开幕。", None)
    result = run("forum", "--root", str(site.path), "--provider", "deepl")
    assert result.exit_code == 5
    assert "error: deepl: no API key" in result.output and "DEEPL_API_KEY" in result.output
