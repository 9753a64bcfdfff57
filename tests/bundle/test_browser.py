"""The sample site in a real browser: headless Debian Chromium, driven by Playwright, reads the
bundle from a real http server on 127.0.0.1. It follows the language switcher, searches in
Chinese and in English and follows a result, with no console error and no failed request; it
also takes the README's screenshots again. Without Chromium these tests fail (they never skip):
``apt-get install -y chromium``, as .ci/run does."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import REPO


def _shoot_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screens_shoot", REPO / "docs/screens/shoot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SHOOT = _shoot_module()
ARTICLE = SHOOT.ARTICLE
RESULT = ".pagefind-ui__result-link"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        SHOOT.chromium_path()
    except SHOOT.NoChromium as exc:
        pytest.fail(str(exc), pytrace=False)  # not a skip: CI must run this test
    with SHOOT.chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    """The sample site, with feeds (a base URL), served over http."""
    site = SHOOT.build_site(
        tmp_path_factory.mktemp("browser") / "site", "--base-url", "https://news.example.edu.cn/"
    )
    with SHOOT.serve(site) as base:
        yield base


@dataclass
class Problems:
    """What went wrong on the pages a test visited: console errors, uncaught exceptions,
    failed requests and answers of 400 and more."""

    seen: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        page.on("console", lambda m: self._console(m))
        page.on("pageerror", lambda e: self.seen.append(f"exception: {e}"))
        page.on("requestfailed", lambda r: self.seen.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: self._response(r))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.seen.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.seen.append(f"{response.status}: {response.url}")


@pytest.fixture
def page(browser) -> Iterator[tuple[Any, Problems]]:
    context = browser.new_context()
    tab = context.new_page()
    problems = Problems()
    problems.watch(tab)
    yield tab, problems
    context.close()


def test_the_switcher_leads_from_an_english_article_to_its_chinese_one(served, page):
    tab, problems = page
    tab.goto(f"{served}en/{ARTICLE}/index.html")
    assert tab.get_attribute("html", "lang") == "en"
    assert "Zhangjiang Science Hall" in tab.inner_text("h1")
    tab.click("a.switch")
    tab.wait_for_load_state("load")
    assert tab.url == f"{served}zh/{ARTICLE}/index.html"
    assert tab.get_attribute("html", "lang") == "zh-CN"
    assert "张江科学会堂" in tab.inner_text("h1")
    assert tab.inner_text("aside.latest h2") == "最新动态"
    assert problems.seen == []


def test_a_chinese_search_from_the_search_box_finds_the_forum(served, page):
    tab, problems = page
    tab.goto(f"{served}zh/index.html")
    tab.fill("form.search-box input[name=q]", "张江科学会堂")
    tab.press("form.search-box input[name=q]", "Enter")  # a plain form: to the search page
    tab.wait_for_selector(RESULT)
    assert tab.url.startswith(f"{served}zh/search/index.html?q=")
    assert tab.input_value(".pagefind-ui__search-input") == "张江科学会堂"
    assert "张江科学会堂" in tab.inner_text(".pagefind-ui__message")  # the catalog's words
    first = tab.locator(RESULT).first
    assert first.get_attribute("href").endswith(f"/zh/{ARTICLE}/index.html")
    first.click()
    tab.wait_for_url(f"{served}zh/{ARTICLE}/index.html")
    assert "张江科学会堂" in tab.inner_text("h1")
    assert problems.seen == []


def test_an_english_search_typed_on_the_search_page_finds_the_forum(served, page):
    tab, problems = page
    tab.goto(f"{served}en/search/index.html")
    tab.fill(".pagefind-ui__search-input", "Zhangjiang Science Hall")
    tab.wait_for_selector(RESULT)
    assert tab.inner_text(".pagefind-ui__message").endswith("for Zhangjiang Science Hall")
    tab.locator(RESULT).first.click()
    tab.wait_for_url(f"{served}en/{ARTICLE}/index.html")
    assert problems.seen == []


def test_a_search_merges_the_shards_of_a_language_and_follows_a_result(tmp_path, page):
    """The sample site with one article per index shard: a search reads every shard's index
    and lists what each finds; a result leads to its article."""
    import shutil

    root = tmp_path / "root"
    shutil.copytree(REPO / "articles", root / "articles")
    shutil.copy(REPO / "glossary.yaml", root)
    config = (REPO / "bilingual.yaml").read_text(encoding="utf-8")
    (root / "bilingual.yaml").write_text(
        config.replace("site:\n", "site:\n  search_shard: 1\n"), encoding="utf-8"
    )
    site = SHOOT.build_site(tmp_path / "site", "--root", str(root))
    shards = [p for p in (site / "zh/pagefind").iterdir() if p.is_dir()]
    assert len(shards) == 3  # three articles, each in its own index
    tab, problems = page
    with SHOOT.serve(site) as base:
        tab.goto(f"{base}zh/search/index.html?q=上海交通大学")
        tab.wait_for_function(f"document.querySelectorAll('{RESULT}').length >= 3")
        found = sorted(a.get_attribute("href") for a in tab.locator(RESULT).all())
        assert [href.split("/")[-2] for href in found] == sorted(
            p.name for p in REPO.glob("articles/*")
        )
        tab.fill(".pagefind-ui__search-input", "张江科学会堂")
        tab.wait_for_function(  # the count of results for these words, not "searching..."
            "document.querySelector('.pagefind-ui__message').textContent.includes("
            "'与 张江科学会堂 相关的结果')"
        )
        first = tab.locator(RESULT).first
        assert first.get_attribute("href").endswith(f"/zh/{ARTICLE}/index.html")
        first.click()
        tab.wait_for_url(f"{base}zh/{ARTICLE}/index.html")
        assert "张江科学会堂" in tab.inner_text("h1")
    assert problems.seen == []


def test_from_a_file_path_the_site_works_and_search_says_why_not(tmp_path, page):
    tab, problems = page
    site = SHOOT.build_site(tmp_path / "site")
    tab.goto((site / "en" / ARTICLE / "index.html").as_uri())
    tab.click("a.switch")
    tab.wait_for_load_state("load")
    assert tab.url == (site / "zh" / ARTICLE / "index.html").as_uri()
    tab.goto((site / "zh/search/index.html").as_uri())
    assert "http" in tab.inner_text("#search .empty")
    assert problems.seen == []


def test_the_screenshots_script_takes_a_png_of_each_article(tmp_path):
    """The script as the README runs it (its own Playwright, in its own process), into a
    temporary folder; the committed pictures are PNGs of the same size."""
    done = subprocess.run(
        [sys.executable, REPO / "docs/screens/shoot.py", tmp_path],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    saved = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in saved] == sorted(SHOOT.SHOTS) == ["article-en.png", "article-zh.png"]
    for path in [*saved, *(REPO / "docs/screens" / p.name for p in saved)]:
        data = Path(path).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", path
        assert data[12:16] == b"IHDR"
        assert struct.unpack(">II", data[16:24]) == SHOOT.SIZE, path
