"""Search: the search box and pages, the Pagefind index of each language (read back from its
fragment files), --no-search, and the index's place in the manifest and in reproducibility.
Searching in a real browser is tests/bundle/test_browser.py."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bilingual.bundle.search import index_language, pagefind_binary
from bilingual.bundle.write import Files
from bilingual.errors import BundleError
from tests.bundle.conftest import parse_html
from tests.bundle.test_machine import _tree

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "tests" / "fixtures" / "real"
FORUM = "2023-pujiang-innovation-forum"


def fragments(folder: Path, lang: str) -> dict[str, dict]:
    """The pages a language's index holds, by URL: Pagefind's fragment files are gzip'd
    JSON behind a ``pagefind_dcd`` signature."""
    found = {}
    for path in (folder / lang / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data.removeprefix(b"pagefind_dcd"))
        found[page["url"]] = page
    return found


def test_each_language_gets_a_search_page_and_an_index_of_its_articles(site, build):
    code, _, err, folder = build(site)
    assert code == 0, err
    assert "broken link" not in err
    # only article pages are indexed: zh has three, en one (a draft and a missing side)
    zh, en = fragments(folder, "zh"), fragments(folder, "en")
    assert set(zh) == {"/forum/index.html", "/open-day/index.html", "/lecture/index.html"}
    assert set(en) == {"/forum/index.html"}
    assert zh["/forum/index.html"]["meta"]["title"] == "张江科学会堂举行论坛"
    assert "Zhangjiang Science Hall" in en["/forum/index.html"]["content"]
    # the extended binary segments Chinese (zero-width spaces between words)
    assert "\u200b" in zh["/forum/index.html"]["content"]
    # the meta line and category are left out of what is searched
    assert "陈宇" not in zh["/forum/index.html"]["content"]
    entry = json.loads((folder / "zh/pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh-cn"]
    assert list(json.loads((folder / "en/pagefind/pagefind-entry.json").read_text())["languages"])
    assert entry["languages"]["zh-cn"]["page_count"] == 3


def test_the_search_page_carries_pagefind_and_the_catalogs_strings(site, build):
    _, _, _, folder = build(site)
    page = parse_html(folder / "zh/search/index.html")
    assert page.find("html").attrs["lang"] == "zh-CN"
    scripts = [s.attrs["src"] for s in page.find_all("script")]
    assert scripts == ["../../zh/pagefind/pagefind-ui.js", "../../assets/search.js"]
    box = page.find("div", id="search")
    strings = json.loads(box.attrs["data-strings"])
    assert strings["placeholder"] == "搜索新闻"
    assert strings["many_results"] == "找到 [COUNT] 条与 [SEARCH_TERM] 相关的结果"
    assert "http" in box.attrs["data-file-message"]
    assert page.find("noscript").text.startswith("搜索需要启用 JavaScript")
    switch = page.find("a", class_="switch")
    assert switch.attrs["href"] == "../../en/search/index.html"
    en = parse_html(folder / "en/search/index.html").find("div", id="search")
    assert json.loads(en.attrs["data-strings"])["placeholder"] == "Search the news"


def test_every_page_has_a_search_box_that_needs_no_script(site, build):
    _, _, _, folder = build(site)
    for path, action in (
        ("zh/index.html", "../zh/search/index.html"),
        ("zh/forum/index.html", "../../zh/search/index.html"),
        ("en/category/conference-season/index.html", "../../../en/search/index.html"),
    ):
        page = parse_html(folder / path)
        form = page.find("form", class_="search-box")
        assert (form.attrs["action"], form.attrs["method"]) == (action, "get")
        assert form.find("input").attrs["name"] == "q"
        assert not page.find_all("script"), path  # the search page is the one with a script


def test_search_files_are_in_the_manifest_and_verify(site, build, cli):
    _, _, _, folder = build(site)
    files = json.loads((folder / "manifest.json").read_text())["files"]
    assert {"assets/search.js", "zh/search/index.html", "zh/pagefind/pagefind-ui.js"} <= set(files)
    assert sum(name.startswith("en/pagefind/") for name in files) > 5
    (folder / "zh/pagefind/pagefind-entry.json").write_text("{}")
    code, out, _ = cli("bundle", "verify", folder)
    assert (code, out) == (1, "changed: zh/pagefind/pagefind-entry.json\n")


def test_no_search_leaves_out_the_index_pages_box_and_script(site, build):
    code, _, err, folder = build(site, "--no-search")
    assert code == 0, err
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert not [n for n in names if "pagefind" in n or "search" in n]
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "search-box" not in text, path
        assert "data-pagefind" not in text, path


def test_a_language_without_articles_gets_no_search(root, build):
    root.pair("only-zh", "论坛举行。", None, zh_meta="title: 论坛\ndate: 2023-04-03\n")
    code, _, err, folder = build(root)
    assert code == 0, err
    assert (folder / "zh/search/index.html").is_file()
    assert not (folder / "en/search").exists() and not (folder / "en/pagefind").exists()
    assert "search-box" not in (folder / "en/index.html").read_text(encoding="utf-8")
    zh_search = parse_html(folder / "zh/search/index.html")
    assert not zh_search.find_all("a", class_="switch")  # no English search page to switch to


def test_the_real_corpus_index_is_byte_identical_in_two_builds(cli, tmp_path):
    """36 real pairs: an index in several chunks; every file, and the archive, the same."""
    outs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}" / "site"
        code, _, err = cli("bundle", "--root", REAL, "--out", out, "--archive", "tar.gz")
        assert code == 0, err
        outs.append(out)
    first, second = _tree(outs[0]), _tree(outs[1])
    assert len([n for n in first if n.startswith("zh/pagefind/index/")]) > 1
    assert first == second
    assert outs[0].with_name("site.tar.gz").read_bytes() == (
        outs[1].with_name("site.tar.gz").read_bytes()
    )


def test_pagefind_failing_is_one_error_naming_the_language(tmp_path):
    """A language tree with no page to index: Pagefind refuses, the build says so."""
    with Files(tmp_path / "out") as files:
        files.add("zh/notes.txt", b"no pages here")
        with pytest.raises(BundleError) as caught:
            index_language(pagefind_binary(), files, "zh")
    assert str(caught.value).startswith("Pagefind could not index zh (exit 1): ")
    assert "--no-search" in (caught.value.hint or "")
