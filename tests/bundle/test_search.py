"""Search: the search box and pages, the Pagefind index of each language (read back from its
fragment files), --no-search, and the index's place in the manifest and in reproducibility.
Searching in a real browser is tests/bundle/test_browser.py."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from bilingual.bundle.search import (
    GLOB_MAX,
    Shard,
    index_shards,
    pagefind_binary,
    shard_count,
    shard_of,
)
from bilingual.bundle.write import Files
from bilingual.errors import BundleError
from tests.bundle.conftest import parse_html
from tests.bundle.test_machine import _tree

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "tests" / "fixtures" / "real"
FORUM = "2023-pujiang-innovation-forum"


def fragments(folder: Path, lang: str) -> dict[str, dict]:
    """The pages a language's indexes hold, by URL: Pagefind's fragment files are gzip'd
    JSON behind a ``pagefind_dcd`` signature."""
    return {
        url: page for held in shard_fragments(folder, lang).values() for url, page in held.items()
    }


def shard_fragments(folder: Path, lang: str) -> dict[str, dict[str, dict]]:
    """The pages each of a language's index shards holds, by the shard's folder name."""
    found: dict[str, dict[str, dict]] = {}
    for shard in sorted((folder / lang / "pagefind").glob("*/fragment")):
        held = found.setdefault(shard.parent.name, {})
        for path in shard.iterdir():
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd")
            page = json.loads(data.removeprefix(b"pagefind_dcd"))
            held[page["url"]] = page
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
    # a small site: one index (shard 0) a language, Pagefind's UI beside it
    assert list(shard_fragments(folder, "zh")) == ["0"]
    entry = json.loads((folder / "zh/pagefind/0/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh-cn"]
    assert list(json.loads((folder / "en/pagefind/0/pagefind-entry.json").read_text())["languages"])
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
    (folder / "zh/pagefind/0/pagefind-entry.json").write_text("{}")
    code, out, _ = cli("bundle", "verify", folder)
    assert (code, out) == (1, "changed: zh/pagefind/0/pagefind-entry.json\n")


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


@pytest.mark.parametrize("shard", [None, 8])
def test_the_real_corpus_index_is_byte_identical_in_two_builds(cli, tmp_path, shard):
    """36 real pairs: an index in several chunks (in one shard, or in eight); every file,
    and the archive, the same."""
    root = REAL
    if shard:
        root = tmp_path / "real"
        shutil.copytree(REAL, root)
        with (root / "bilingual.yaml").open("a", encoding="utf-8") as config:
            config.write(f"site:\n  search_shard: {shard}\n")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}" / "site"
        code, _, err = cli("bundle", "--root", root, "--out", out, "--archive", "tar.gz")
        assert code == 0, err
        outs.append(out)
    first, second = _tree(outs[0]), _tree(outs[1])
    if shard:
        folders = {
            n.split("/")[2] for n in first if n.startswith("zh/pagefind/") and n.count("/") > 2
        }
        assert len(folders) > 4 and all(name.isdigit() for name in folders)
    else:
        assert len([n for n in first if n.startswith("zh/pagefind/0/index/")]) > 1
    assert first == second
    assert outs[0].with_name("site.tar.gz").read_bytes() == (
        outs[1].with_name("site.tar.gz").read_bytes()
    )


def test_pagefind_failing_is_one_error_naming_the_language_and_shard(tmp_path):
    """A shard whose article has no page to index: Pagefind refuses, the build says so."""
    with Files(tmp_path / "out") as files:
        files.add("zh/notes.txt", b"no pages here")
        shard = Shard("zh", 1, 2, ("missing",), primary=True)
        with pytest.raises(BundleError) as caught:
            list(index_shards(pagefind_binary(), files, [shard], 1))
    assert str(caught.value).startswith("Pagefind could not index zh (shard 1 of 2) (exit 1): ")
    assert "--no-search" in (caught.value.hint or "")


def slugs(count: int, width: int = 20) -> list[str]:
    return [f"{n:0{width}}" for n in range(count)]


def test_shard_counts_are_powers_of_two_holding_at_most_the_size_on_average():
    assert [shard_count(slugs(n), 1000) for n in (0, 1, 1000, 1001, 2000, 2001, 10_000)] == [
        1, 1, 1, 2, 2, 4, 16,
    ]  # fmt: skip
    assert shard_count(slugs(3), 1) == 4


def test_long_slugs_make_smaller_shards_so_that_pagefind_reads_every_page():
    # 1,000 slugs of 150 characters: one list of 151 KB, more than Pagefind's glob takes
    long = slugs(1000, width=150)
    count = shard_count(long, 1000)
    assert count == 2
    lengths = [sum(len(s) + 1 for s in long if shard_of(s, count) == n) for n in range(count)]
    assert max(lengths) <= GLOB_MAX


def test_an_article_stays_in_its_shard_across_runs_and_as_the_site_grows():
    # a hash of the slug: the same on every machine and run (Python's hash() is not)
    assert [shard_of("open-day", n) for n in (1, 2, 4, 8, 16)] == [0, 1, 3, 7, 7]
    slugs = [f"2024-news-{n:05}" for n in range(4000)]
    before = {slug: shard_of(slug, 4) for slug in slugs}
    sizes = [sum(1 for s in before.values() if s == n) for n in range(4)]
    assert min(sizes) > 900  # evenly spread
    # doubling the shards splits each in two: an article goes to n or n + 4
    assert all(shard_of(slug, 8) % 4 == before[slug] for slug in slugs)


@pytest.fixture
def sharded(site):
    """The site fixture with at most one article per search index."""
    config = site.path / "bilingual.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site:\n", "site:\n  search_shard: 1\n"),
        encoding="utf-8",
    )
    return site


def test_a_language_is_indexed_in_shards_that_the_search_page_merges(sharded, build):
    code, out, err, folder = build(sharded)
    assert code == 0, err
    held = shard_fragments(folder, "zh")
    # three Chinese articles, four shards (a power of two), an empty one left out
    assert sorted(url for pages in held.values() for url in pages) == [
        "/forum/index.html", "/lecture/index.html", "/open-day/index.html",
    ]  # fmt: skip
    assert all(len(pages) == 1 for pages in held.values())
    placed = {url: shard for shard, pages in held.items() for url in pages}
    assert placed["/forum/index.html"] == str(shard_of("forum", 4))
    # the search page lists the shards' folders, relative to it, the primary first
    box = parse_html(folder / "zh/search/index.html").find("div", id="search")
    bundles = json.loads(box.attrs["data-bundles"])
    assert sorted(bundles) == [f"../../zh/pagefind/{n}/" for n in sorted(held)]
    assert bundles[0] == f"../../zh/pagefind/{min(held, key=int)}/"
    # Pagefind's UI once, beside the shards; its other UIs not at all
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert sorted(n for n in names if n.endswith(("pagefind-ui.js", "pagefind-ui.css"))) == [
        "en/pagefind/pagefind-ui.css", "en/pagefind/pagefind-ui.js",
        "zh/pagefind/pagefind-ui.css", "zh/pagefind/pagefind-ui.js",
    ]  # fmt: skip
    assert not [n for n in names if "modular-ui" in n or "component-ui" in n or "highlight" in n]
    for shard in held:
        assert (folder / f"zh/pagefind/{shard}/pagefind.js").is_file()
        entry = json.loads((folder / f"zh/pagefind/{shard}/pagefind-entry.json").read_text())
        assert entry["languages"]["zh-cn"]["page_count"] == 1
    assert "0 of" not in out  # a first build makes every shard (and says nothing of reuse)


def test_pagefind_takes_a_glob_as_long_as_the_longest_a_shard_gives_it(tmp_path):
    """GLOB_MAX is within what Pagefind's glob accepts: a shard listing that many characters
    of slugs (the two real pages among them) is indexed, not refused as empty."""
    page = '<html lang="en"><body><article data-pagefind-body><h1>{}</h1><p>Text.</p></article>'
    many = slugs(GLOB_MAX // 41 + 1, width=40)
    with Files(tmp_path / "out") as files:
        for slug in (many[0], many[-1]):
            files.add(f"en/{slug}/index.html", page.format(slug).encode())
        shard = Shard("en", 0, 1, tuple(many), primary=True)
        assert sum(len(s) + 1 for s in shard.slugs) > GLOB_MAX
        [(_, written)] = list(index_shards(pagefind_binary(), files, [shard], 1))
    assert sum(name.startswith("en/pagefind/0/fragment/") for name in written) == 2
