"""Rebuilds that plan only the changed articles' pages (``bilingual.bundle.fast``): taken when
only bodies changed, never otherwise, and the bundle always the same, byte for byte, as a full
build of the same sources."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from bilingual.bundle.build import Options, Result, build
from bilingual.config import load_config
from tests.bundle.test_incremental import snapshot
from tests.conftest import Root

BASE = "https://news.example.edu.cn/"
#: More articles than a feed carries (20), so that the oldest are in no feed.
PAIRS = 24


class Twice:
    """A content root built into one folder again and again; each rebuild is compared with a
    full build of the same sources into a fresh folder."""

    def __init__(self, root: Root, tmp: Path) -> None:
        self.root = root
        self.tmp = tmp
        self.out = tmp / "public"
        self.count = 0
        self.clock = time.time() - 10_000
        self.warnings: list[str] = []
        self.age(*root.path.rglob("*.md"))

    def age(self, *paths: Path) -> None:
        """Give files a time in the past, as an editor's save some time ago would."""
        for path in paths:
            self.clock += 1
            os.utime(path, (self.clock, self.clock))

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root.path / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        self.age(path)

    def build(self, out: Path | None = None, **options: object) -> Result:
        settings = {"base_url": BASE, "search": False, **options}
        config = load_config(self.root.path)
        chosen = Options(out or self.out, **settings)  # type: ignore[arg-type]
        return build(self.root.path, config, chosen, warn=self.warnings.append)

    def rebuild(self, **options: object) -> Result:
        """Rebuild, and check the result against a full build of the same sources."""
        found = self.build(**options)
        self.count += 1
        fresh = self.tmp / f"full{self.count}"
        self.build(fresh, full=True, **options)
        assert snapshot(self.out) == snapshot(fresh)
        return found


def meta(title: str, day: int, category: str, extra: str = "") -> str:
    date = dt.date(2023, 1, 1) + dt.timedelta(days=day)
    return f"title: {title}\ndate: {date.isoformat()}\ncategory: {category}\n{extra}"


@pytest.fixture
def twice(root: Root, tmp_path: Path) -> Twice:
    """Articles a00 (the oldest) to a23 (the newest) in three categories, a draft English
    side, a Chinese-only article, and a file beside one article; built once."""
    for n in range(PAIRS):
        category = f"topic-{n % 3}"
        root.pair(
            f"a{n:02}",
            f"第{n}篇正文。",
            f"Body of article {n}.",
            zh_meta=meta(f"标题{n}", n, category),
            en_meta=meta(f"Title {n}", n, category, "status: draft\n" if n == 5 else ""),
        )
    root.pair("solo", "只有中文。", None, zh_meta=meta("独篇", 3, "topic-0"))
    root.raw("articles/a07/chart.png", b"\x89PNG chart")
    made = Twice(root, tmp_path)
    assert made.build().rendered > PAIRS * 2
    return made


def inode(path: Path) -> int:
    return path.stat().st_ino


def test_a_body_edit_of_an_old_article_renders_its_page_only(twice):
    feed, home = twice.out / "en/feed.xml", twice.out / "en/index.html"
    kept = inode(feed), inode(home)
    twice.edit("articles/a00/en.md", "Body of article 0.", "The body of article 0, edited.")
    result = twice.rebuild()
    assert result.quick and (result.rendered, result.reused) == (1, result.pages - 1)
    assert (inode(feed), inode(home)) == kept  # taken from the old bundle as they were
    assert "edited" in (twice.out / "en/a00/index.html").read_text("utf-8")


def test_a_body_edit_of_a_new_article_makes_its_feed_again(twice):
    before = (twice.out / "zh/feed.xml").read_bytes()
    twice.edit("articles/a23/zh.md", "第23篇正文。", "第23篇正文，改过。")
    result = twice.rebuild()
    assert result.quick and result.rendered == 1
    assert (twice.out / "zh/feed.xml").read_bytes() != before
    assert "改过" in (twice.out / "zh/feed.xml").read_text("utf-8")


def test_one_process_gives_the_same_rebuild(twice):
    twice.edit("articles/a01/en.md", "Body of article 1.", "The body of article 1, edited.")
    result = twice.rebuild(jobs=1)  # the checks in this process, not beside it
    assert result.quick and result.rendered == 1
    assert result.summary is not None and result.summary.articles == PAIRS + 1


def test_the_check_summary_follows_the_changed_articles(twice):
    before = twice.build().summary
    twice.edit("articles/a02/en.md", "Body of article 2.", "Body of article 2, 500 guests came.")
    after = twice.rebuild().summary  # its manifest's summary is the full build's too
    assert before is not None and after is not None
    assert after.errors > before.errors and after.articles == before.articles
    twice.edit("articles/a02/en.md", ", 500 guests came.", ".")
    assert twice.rebuild().summary == before


def test_edits_one_after_another_stay_quick_and_right(twice):
    for n in (3, 22, 5, 3):  # a05's English side is a draft: no page, no feed
        twice.edit(f"articles/a{n:02}/en.md", ".\n", ", once more.\n")
        result = twice.rebuild()
        assert result.quick and result.rendered == (0 if n == 5 else 1)


@pytest.mark.parametrize(
    ("side", "old", "new"),
    [
        ("a00/en.md", "title: Title 0", "title: Title zero"),  # in lists of its language
        ("a00/zh.md", "date: 2023-01-01", "date: 2024-01-01"),  # now the newest: lists reorder
        ("a09/en.md", "category: topic-0", "category: topic-1"),
        ("a09/en.md", "title: Title 9\n", "title: Title 9\nauthor: Chen Yu\n"),
        ("a05/en.md", "status: draft\n", ""),  # published: a switcher for its counterpart
        ("a06/zh.md", "category: topic-0\n", "category: topic-0\nstatus: draft\n"),
    ],
)
def test_what_a_list_shows_plans_every_page(twice, side, old, new):
    twice.edit(f"articles/{side}", old, new)
    assert not twice.rebuild().quick


def test_an_article_added_or_removed_plans_every_page(twice):
    twice.root.pair("new", "新的。", "New.", zh_meta=meta("新", 40, "topic-1"),
                    en_meta=meta("New", 40, "topic-1"))  # fmt: skip
    twice.age(*(twice.root.path / "articles/new").iterdir())
    assert not twice.rebuild().quick
    shutil.rmtree(twice.root.path / "articles/a11")
    assert not twice.rebuild().quick
    assert not (twice.out / "en/a11").exists()


def test_files_beside_an_article(twice):
    chart = twice.root.path / "articles/a07/chart.png"
    chart.write_bytes(b"\x89PNG another chart")  # the same files, one changed: copied again
    result = twice.rebuild()
    assert result.quick
    assert (twice.out / "zh/a07/chart.png").read_bytes() == b"\x89PNG another chart"
    twice.root.raw("articles/a07/table.csv", "a,b\n")  # a file more: its folder's pages list it
    assert not twice.rebuild().quick
    assert (twice.out / "en/a07/table.csv").is_file()


@pytest.mark.parametrize(
    "change",
    ["drafts", "base_url", "no base_url", "template", "catalog", "config", "epoch"],
)
def test_settings_templates_and_catalogs_plan_every_page(twice, change, monkeypatch):
    options: dict[str, object] = {}
    if change == "drafts":
        options["drafts"] = True
    elif change == "base_url":
        options["base_url"] = "https://news.example.org/"
    elif change == "no base_url":
        options["base_url"] = ""
    elif change == "template":
        shipped = Path(__file__).parents[2] / "src/bilingual/templates/_list.html"
        text = shipped.read_text(encoding="utf-8").replace('class="articles"', 'class="list"')
        twice.root.raw("templates/_list.html", text)
    elif change == "catalog":
        twice.root.raw(
            "locales/en/LC_MESSAGES/messages.po",
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "Latest News"\nmsgstr "Newest"\n',
        )
    elif change == "config":
        twice.root.config("site:\n  title: {zh: 新闻网, en: The News}\n")
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    twice.edit("articles/a01/en.md", "Body of article 1.", "Body of article 1, edited.")
    result = twice.rebuild(**options)
    assert not result.quick
    # The time files carry is in no page: only its files are given the new one.
    assert result.reused == (result.pages - 1 if change == "epoch" else 0)


def test_a_record_that_is_corrupt_or_of_another_bundle_is_not_trusted(twice):
    record = twice.root.path / ".bilingual/build.sqlite"
    older = record.read_bytes()
    twice.edit("articles/a02/en.md", "Body of article 2.", "Body of article 2, edited.")
    assert twice.rebuild().quick
    record.write_bytes(older)  # the record of the bundle before: its manifest is not this one
    twice.edit("articles/a03/en.md", "Body of article 3.", "Body of article 3, edited.")
    assert not twice.rebuild().quick
    record.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    twice.edit("articles/a04/en.md", "Body of article 4.", "Body of article 4, edited.")
    result = twice.rebuild()
    assert not result.quick and result.reused == 0
    assert any("build.sqlite is not a usable build record" in w for w in twice.warnings)


def test_a_bundle_put_in_the_output_folder_is_not_taken_for_the_last(twice):
    other = twice.tmp / "other"
    twice.build(other, base_url="https://news.example.org/")
    shutil.rmtree(twice.out)
    shutil.copytree(other, twice.out)  # a bundle of ours, but not the one recorded
    twice.edit("articles/a02/en.md", "Body of article 2.", "Body of article 2, edited.")
    result = twice.rebuild()
    assert not result.quick and result.reused == 0


def test_a_page_edited_in_the_published_bundle_is_rendered_again(twice):
    twice.build()
    time.sleep(2.1)  # the pages' stamps are older than the record by more than a tick
    twice.build()
    page = twice.out / "en/a10/index.html"
    text = page.read_text("utf-8")
    page.write_text(text.replace("Title 10", "TITLE 10"), encoding="utf-8")  # the same size
    twice.edit("articles/a02/en.md", "Body of article 2.", "Body of article 2, edited.")
    result = twice.rebuild()
    assert not result.quick and result.rendered == 2
    assert any("1 file(s) of the old bundle were not what was written there" in w
               for w in twice.warnings)  # fmt: skip
    assert page.read_text("utf-8") == text


def test_with_search_a_body_edit_plans_its_page_and_indexes_its_shard(twice):
    from tests.bundle.test_search import fragments

    assert twice.build(search=True).reused == 0  # search on: every page has a search box
    twice.edit("articles/a01/en.md", "Body of article 1.", "A hall in Zhangjiang.")
    result = twice.rebuild(search=True)
    assert result.quick and result.rendered == 1
    assert (result.indexed, result.shards) == (1, 2)  # the English shard; the Chinese kept
    assert result.early == 1  # indexed while the rest was carried over
    assert "Zhangjiang" in fragments(twice.out, "en")["/a01/index.html"]["content"]


def test_with_search_many_edits_index_their_shards_once_the_bundle_is_complete(twice):
    """More changed pages than are rendered ahead (``reindex.EARLY_PAGES``): Pagefind waits
    for the whole bundle, and the result is the same as a full build's."""
    from bilingual.bundle.reindex import EARLY_PAGES

    twice.build(search=True)
    for n in range(EARLY_PAGES + 1):
        twice.edit(f"articles/a{n:02}/zh.md", f"第{n}篇正文。", f"第{n}篇正文，改过。")
    result = twice.rebuild(search=True)
    assert result.quick and result.rendered == EARLY_PAGES + 1
    assert result.indexed == 1 and result.early == 0
