"""Rebuilds from the build record: only what a change touches is rendered, and the bundle is
the same, byte for byte, as a full build of the same sources."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bilingual.bundle.search import shard_of
from tests.conftest import Root

#: Pages of the `site` fixture: zh and en homes, 2 zh and 1 en categories, 3 zh and 1 en articles,
#: the root, and a search page per language (builds are with search: the default).
PAGES = 12

Snapshot = dict[str, tuple[bytes, float, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file of a bundle: its bytes, time and mode."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime, p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def counts(stdout: str) -> tuple[int, int]:
    """(rendered, unchanged) from the summary line; (all, 0) for a full build."""
    found = re.search(r"(\d+) rendered, (\d+) unchanged", stdout)
    if found:
        return int(found[1]), int(found[2])
    return int(re.search(r"(\d+) pages", stdout)[1]), 0  # type: ignore[index]


class Builds:
    """A content root rebuilt into one folder, each rebuild compared with a full build of the
    same sources into a fresh folder."""

    def __init__(self, root: Root, cli: Callable[..., tuple[int, str, str]], tmp: Path) -> None:
        self.root = root
        self.cli = cli
        self.tmp = tmp
        self.out = tmp / "public"
        self.count = 0
        self.clock = time.time() - 10_000
        self.said = ""
        self.age(*self.root.path.rglob("*.md"))

    def age(self, *paths: Path) -> None:
        """Give files a time in the past, each a new one, as an editor's save some time ago
        would: the record then trusts a file by its stamp, as it does outside a test."""
        for path in paths:
            self.clock += 1
            os.utime(path, (self.clock, self.clock))

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root.path / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
        self.age(path)

    def build(self, *args: str, out: Path | None = None) -> tuple[int, int]:
        """Build into the folder (or ``out``): (rendered, unchanged)."""
        code, stdout, stderr = self.cli(
            "bundle", "--root", self.root.path, "--out", out or self.out, "--base-url",
            "https://news.example.edu.cn/", *args,
        )  # fmt: skip
        assert code == 0, stderr
        self.said = stdout
        return counts(stdout)

    def rebuild(self) -> tuple[int, int]:
        """Rebuild, and check the result against a full build of the same sources."""
        found = self.build()
        said = self.said
        self.count += 1
        fresh = self.tmp / f"full{self.count}"
        self.build("--full", out=fresh)
        assert snapshot(self.out) == snapshot(fresh)
        self.said = said  # the rebuild's summary line
        return found


@pytest.fixture
def builds(site: Root, cli, tmp_path: Path) -> Builds:
    made = Builds(site, cli, tmp_path)
    made.build()
    return made


def test_an_unchanged_site_renders_nothing(builds):
    assert builds.rebuild() == (0, PAGES)


def test_a_body_edit_renders_its_page_only(builds):
    builds.edit("articles/forum/zh.md", "论坛在张江举行。", "论坛在张江科学会堂举行。")
    assert builds.rebuild() == (1, PAGES - 1)


def indexed(stdout: str) -> tuple[int, int]:
    """(made, all) search index shards, from the summary line of a rebuild."""
    found = re.search(r"(\d+) of (\d+) search index shard\(s\) made", stdout)
    assert found, stdout
    return int(found[1]), int(found[2])


def shard_size(root: Root, size: int) -> None:
    config = root.path / "bilingual.yaml"
    text = re.sub(r"\n  search_shard: \d+", "", config.read_text(encoding="utf-8"))
    config.write_text(text.replace("site:\n", f"site:\n  search_shard: {size}\n"), "utf-8")


@pytest.fixture
def sharded(site: Root, cli, tmp_path: Path) -> Builds:
    """The site with at most one article per search index: zh in three shards, en in one."""
    shard_size(site, 1)
    made = Builds(site, cli, tmp_path)
    made.build()
    return made


def test_an_unchanged_site_indexes_nothing(sharded):
    sharded.rebuild()
    assert indexed(sharded.said) == (0, 4)


def test_a_body_edit_indexes_its_shard_only(sharded):
    sharded.edit("articles/forum/zh.md", "论坛在张江举行。", "论坛在张江科学会堂举行。")
    assert sharded.rebuild() == (1, PAGES - 1)
    assert indexed(sharded.said) == (1, 4)


def add_award(builds: Builds) -> None:
    """A new article, the newest of both languages, saved some time ago."""
    builds.root.pair(
        "award",
        "学校获奖。",
        "The university won an award.",
        zh_meta="title: 获奖\ndate: 2023-06-01\ncategory: campus-events\n",
        en_meta="title: Award\ndate: 2023-06-01\ncategory: campus-events\n",
    )
    builds.age(*(builds.root.path / "articles/award").iterdir())


def test_an_added_article_indexes_its_own_shard_though_every_list_shows_it(site, cli, tmp_path):
    shard_size(site, 2)  # zh: two shards (forum and lecture, open-day); en: one
    builds = Builds(site, cli, tmp_path)
    builds.build()
    add_award(builds)
    rendered, _ = builds.rebuild()
    # the newest article: in "Latest News" on every page of its language...
    assert rendered >= 6
    # ...but only its own Chinese shard is indexed again, and English's one
    assert indexed(builds.said) == (2, 3)


def test_changing_the_shard_size_reindexes_and_matches_a_full_build(sharded):
    shard_size(sharded.root, 2)
    assert sharded.rebuild()[1] == 0  # a setting changed: every page made again
    folders = sorted(p.name for p in (sharded.out / "zh/pagefind").iterdir() if p.is_dir())
    assert folders == ["0", "1"]  # forum and lecture, open-day; shards 2 and 3 gone


def test_a_title_edit_renders_the_lists_it_appears_in(builds):
    builds.edit("articles/forum/en.md", "Forum Held at Zhangjiang", "Forum Opens at Zhangjiang")
    rendered, _ = builds.rebuild()
    # Its page, the English home and category page; the other English pages' latest news
    # (the two other English pages list it).
    assert 3 <= rendered < PAGES


def test_an_added_article_is_rendered_and_listed(builds):
    add_award(builds)
    rendered, unchanged = builds.rebuild()
    assert rendered > 2 and unchanged > 0
    assert (builds.out / "en/award/index.html").is_file()


def test_a_removed_article_leaves_no_page_and_no_link(builds):
    for path in (builds.root.path / "articles/lecture").iterdir():
        path.unlink()
    (builds.root.path / "articles/lecture").rmdir()
    builds.rebuild()
    assert not (builds.out / "zh/lecture").exists()


def test_a_published_draft_gets_its_page_and_its_counterpart_a_switcher(builds):
    builds.edit("articles/open-day/en.md", "status: draft\n", "")
    rendered, unchanged = builds.rebuild()
    # Its page, its category's in both languages, its counterpart, the English home, and the
    # other English article (its latest news); not the other Chinese pages.
    assert (rendered, unchanged) == (6, PAGES + 2 - 6)
    assert 'hreflang="en"' in (builds.out / "zh/open-day/index.html").read_text("utf-8")


def test_a_template_change_renders_every_page(builds):
    templates = builds.root.path / "templates"
    templates.mkdir()
    shipped = Path(__file__).parents[2] / "src/bilingual/templates/_list.html"
    text = shipped.read_text(encoding="utf-8").replace('class="articles"', 'class="list"')
    (templates / "_list.html").write_text(text, encoding="utf-8")
    assert builds.rebuild()[1] == 0


def test_a_catalog_change_renders_every_page(builds):
    catalog = builds.root.path / "locales/zh/LC_MESSAGES/messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Latest News"\nmsgstr "最新消息"\n',
        encoding="utf-8",
    )
    assert builds.rebuild()[1] == 0
    assert "最新消息" in (builds.out / "zh/forum/index.html").read_text("utf-8")


def test_a_tampered_page_of_the_old_bundle_is_not_reused(builds):
    page = builds.out / "en/forum/index.html"
    page.write_text(page.read_text("utf-8").replace("Forum", "Defaced"), encoding="utf-8")
    code, stdout, stderr = builds.cli(
        "bundle", "--root", builds.root.path, "--out", builds.out, "--base-url",
        "https://news.example.edu.cn/",
    )  # fmt: skip
    assert code == 0
    assert "1 file(s) of the old bundle were not what was written there" in stderr
    assert counts(stdout) == (1, PAGES - 1)
    assert "Defaced" not in page.read_text("utf-8")
    full = builds.tmp / "full"
    builds.build("--full", out=full)
    assert snapshot(builds.out) == snapshot(full)


def test_a_file_left_in_the_spare_folder_is_not_published(builds):
    builds.build()  # the first bundle is now the spare
    spare = builds.out.parent / ".public.spare"
    stale = spare / "en/forum/index.html"
    stale.unlink()  # not written into: the spare shares its files with the published bundle
    stale.write_text("stale", encoding="utf-8")
    (spare / "en/intruder.html").write_text("not ours", encoding="utf-8")
    builds.rebuild()
    assert not (builds.out / "en/intruder.html").exists()


def test_a_corrupt_build_record_is_rebuilt_with_a_warning(builds):
    record = builds.root.path / ".bilingual" / "build.sqlite"
    record.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    code, stdout, stderr = builds.cli("bundle", "--root", builds.root.path, "--out", builds.out)
    assert code == 0
    assert "build.sqlite is not a usable build record" in stderr and "rebuilt" in stderr
    assert counts(stdout)[1] == 0  # nothing trusted: every page rendered
    assert builds.build("--base-url", "https://news.example.edu.cn/")[0] > 0


def test_a_record_of_another_version_is_rebuilt(builds):
    record = builds.root.path / ".bilingual" / "build.sqlite"
    with sqlite3.connect(record) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    code, _, stderr = builds.cli(
        "bundle", "--root", builds.root.path, "--out", builds.out, "--base-url",
        "https://news.example.edu.cn/",
    )  # fmt: skip
    assert code == 0 and "written by another version of bilingual: rebuilt" in stderr
    assert builds.rebuild() == (0, PAGES)


def test_a_deleted_record_costs_one_full_build(builds):
    (builds.root.path / ".bilingual" / "build.sqlite").unlink()
    assert builds.rebuild()[1] == 0
    assert builds.rebuild() == (0, PAGES)


def test_the_record_forgets_output_folders_that_are_gone(builds):
    import shutil

    record = builds.root.path / ".bilingual" / "build.sqlite"

    def outs() -> dict[str, set[str]]:
        with sqlite3.connect(record) as conn:
            found = {
                table: {row[0] for row in conn.execute(f"SELECT DISTINCT out FROM {table}")}
                for table in ("sources", "folders", "builds", "outputs")
            }
        conn.close()
        return found

    preview = builds.tmp / "preview"
    builds.build(out=preview)
    assert all(str(preview) in held for held in outs().values())
    shutil.rmtree(preview)
    builds.build()
    assert outs() == {t: {str(builds.out.resolve())} for t in outs()}
    assert builds.rebuild() == (0, PAGES)  # the folder still built into is known as it was


def test_jobs_give_the_same_bytes_as_one_process(site, cli, tmp_path):
    for n, jobs in enumerate(("1", "2", "3")):
        code, _, stderr = cli(
            "bundle", "--root", site.path, "--out", tmp_path / f"j{n}", "--full", "--jobs", jobs,
            "--base-url", "https://news.example.edu.cn/",
        )  # fmt: skip
        assert code == 0, stderr
    assert snapshot(tmp_path / "j0") == snapshot(tmp_path / "j1") == snapshot(tmp_path / "j2")


def test_a_page_edited_in_place_is_caught_when_others_are_trusted_by_their_stamp(builds):
    builds.build()
    time.sleep(2.1)  # the pages' stamps are now older than the record by more than a tick
    builds.build()
    page = builds.out / "en/forum/index.html"
    text = page.read_text("utf-8")
    page.write_text(text.replace("Forum Held", "Forum HELD"), encoding="utf-8")  # same size
    code, stdout, stderr = builds.cli(
        "bundle", "--root", builds.root.path, "--out", builds.out, "--base-url",
        "https://news.example.edu.cn/",
    )  # fmt: skip
    assert code == 0
    assert "1 file(s) of the old bundle were not what was written there" in stderr
    assert counts(stdout) == (1, PAGES - 1)
    assert page.read_text("utf-8") == text


def test_a_removed_article_leaves_the_index_even_from_a_recycled_spare(builds):
    from tests.bundle.test_search import fragments

    builds.build()  # the spare now holds the lecture's page, which this build does not write
    assert "/lecture/index.html" in fragments(builds.out, "zh")
    for path in (builds.root.path / "articles/lecture").iterdir():
        path.unlink()
    (builds.root.path / "articles/lecture").rmdir()
    builds.rebuild()  # the same bytes as a full build: the index too
    assert set(fragments(builds.out, "zh")) == {"/forum/index.html", "/open-day/index.html"}


def test_a_body_edit_is_searched_in_the_rebuilt_index(builds):
    from tests.bundle.test_search import fragments

    entry = {lang: builds.out / lang / "pagefind/0/pagefind-entry.json" for lang in ("zh", "en")}
    before = {lang: path.stat().st_ino for lang, path in entry.items()}
    builds.edit("articles/forum/en.md", "The forum was held.", "The forum met in a hall.")
    assert builds.rebuild() == (1, PAGES - 1)
    assert "met in a hall" in fragments(builds.out, "en")["/forum/index.html"]["content"]
    # the Chinese index was made from the same pages: the old bundle's files, linked
    assert entry["zh"].stat().st_ino == before["zh"]
    assert entry["en"].stat().st_ino != before["en"]


def test_an_unchanged_index_is_kept_and_a_tampered_one_made_again(builds):
    entry = builds.out / "zh/pagefind/0/pagefind-entry.json"
    kept = entry.stat().st_ino
    assert builds.rebuild() == (0, PAGES)
    assert entry.stat().st_ino == kept
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace('"page_count"', '"page_count" '), encoding="utf-8")
    builds.rebuild()  # the same bytes as a full build: the index made again
    assert entry.read_text(encoding="utf-8") == text


def test_search_turned_off_and_on_renders_every_page_each_time(builds):
    assert builds.build("--no-search") == (PAGES - 2, 0)  # no page keeps its search box
    full = builds.tmp / "full-no-search"
    builds.build("--full", "--no-search", out=full)
    assert snapshot(builds.out) == snapshot(full)
    assert not [p for p in snapshot(builds.out) if "search" in p or "pagefind" in p]
    assert builds.rebuild() == (PAGES, 0)
    assert (builds.out / "zh/pagefind/0/pagefind-entry.json").is_file()


def test_reindexing_a_shard_leaves_the_published_bundle_as_it_was(builds):
    """The recycled folder's index files are hard links to the published bundle's: the
    shard made again must not write through them."""
    builds.build()  # the first bundle is now the spare: the next build recycles it
    builds.edit("articles/forum/zh.md", "论坛在张江举行。", "论坛在张江科学会堂举行。")
    published = snapshot(builds.out)
    builds.rebuild()
    assert indexed(builds.said) == (1, 2)
    assert snapshot(builds.out.parent / ".public.spare") == published


def test_a_shard_made_by_the_last_build_is_linked_from_it_not_taken_from_the_spare(sharded):
    """The spare holds the index of the build before last: a shard the last build made anew
    is not the spare's file, and is linked from the published bundle (the record knows it was
    written anew), so that the next build finds the stamps it recorded."""

    def inodes(lang: str, slug: str) -> dict[str, int]:
        shard = shard_of(slug, 4 if lang == "zh" else 1)
        top = sharded.out / lang / "pagefind" / str(shard)
        return {
            p.relative_to(top).as_posix(): p.stat().st_ino for p in top.rglob("*") if p.is_file()
        }

    sharded.build()  # the first bundle is now the spare
    sharded.edit("articles/forum/zh.md", "论坛在张江举行。", "论坛在张江科学会堂举行。")
    sharded.build()  # the forum's shard made anew
    made = inodes("zh", "forum")
    sharded.edit("articles/lecture/zh.md", "讲座举行。", "学术讲座举行。")
    sharded.build()  # another shard made: the forum's is carried over
    assert inodes("zh", "forum") == made
