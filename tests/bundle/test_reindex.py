"""The index of a quick rebuild made early (``reindex.Early``): Pagefind starts on a shard as
soon as its pages are in the new folder, and its index is taken only when every page it read
is, at the end, the one it read. Real bundles, a real Pagefind, real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilingual.bundle.incremental import Rendered
from bilingual.bundle.reindex import Reindex, early_fits, start_early
from bilingual.bundle.search import pagefind_binary, shards_for
from bilingual.bundle.write import Files
from bilingual.errors import BundleError
from tests.bundle.test_incremental import Builds, shard_size
from tests.bundle.test_search import shard_fragments


@pytest.fixture
def bundle(site, build) -> Path:
    """The site fixture built with one article per search index shard."""
    shard_size(site, 1)
    code, _, err, folder = build(site)
    assert code == 0, err
    return folder


def copied(bundle: Path, files: Files) -> None:
    """Every page of ``bundle`` (not its index) written into ``files``, as a rebuild's new
    folder has them once they are carried over."""
    for path in sorted(bundle.rglob("index.html")):
        files.add(path.relative_to(bundle).as_posix(), path.read_bytes())


def forum_shard() -> Reindex:
    shard = next(
        s for s in shards_for("zh", ["forum", "lecture", "open-day"], 1) if "forum" in s.slugs
    )
    return Reindex((shard,), {shard: "key"})


def index_files(folder: Path, shard_folder: str) -> dict[str, bytes]:
    top = folder / shard_folder
    return {p.relative_to(top).as_posix(): p.read_bytes() for p in top.rglob("*") if p.is_file()}


def test_an_index_made_early_is_the_one_a_full_build_makes(bundle, tmp_path):
    reindex = forum_shard()
    shard = reindex.shards[0]
    with Files(tmp_path / "out", recycle=False) as files:
        copied(bundle, files)
        early = start_early(reindex, pagefind_binary(), files)
        assert early is not None
        try:
            done = Rendered()
            assert early.take(files, done, {})
        finally:
            early.close()
        # the same index as the full build's, claimed with its checksums
        assert index_files(files.folder, shard.folder) == index_files(bundle, shard.folder)
        assert done.indexed == [shard.folder]
        assert set(done.index) == {
            f"{shard.folder}{name}" for name in index_files(bundle, shard.folder)
        } | {"zh/pagefind/pagefind-ui.css", "zh/pagefind/pagefind-ui.js"}
        assert all(files.has(path) for path in done.index)
    assert not early.work.exists()  # its working folder is gone


@pytest.mark.parametrize("how", ["written again", "touched"])
def test_an_index_made_from_a_page_that_changed_meanwhile_is_not_taken(bundle, tmp_path, how):
    reindex = forum_shard()
    page = "zh/forum/index.html"
    with Files(tmp_path / "out", recycle=False) as files:
        copied(bundle, files)
        early = start_early(reindex, pagefind_binary(), files)
        assert early is not None
        try:
            if how == "written again":  # the build made the page again
                files.rewrite(page, (bundle / page).read_bytes().replace(b"</p>", b" </p>", 1))
            else:  # its stamp changed, not its bytes
                os.utime(files.folder / page, ns=(1, 1))
            done = Rendered()
            assert not early.take(files, done, {})  # to be indexed again from the folder
        finally:
            early.close()
        assert done.index == {} and done.indexed == []
        assert not files.has("zh/pagefind/pagefind-ui.js")


def test_a_page_written_into_while_pagefind_reads_it_fails_the_build(bundle, tmp_path):
    """A page of the new folder that is a link to the published bundle's, written into
    meanwhile: its bytes are no longer those recorded, and indexing it again would publish it
    under a checksum not its own."""
    page = "zh/forum/index.html"
    with Files(tmp_path / "out", recycle=False) as files:
        copied(bundle, files)
        early = start_early(forum_shard(), pagefind_binary(), files)
        assert early is not None
        try:
            with (files.folder / page).open("ab") as handle:
                handle.write(b"\n")
            with pytest.raises(BundleError, match=r"zh/forum/index\.html changed while the bundle"):
                early.take(files, Rendered(), {})
        finally:
            early.close()
    assert not early.work.exists()


def test_no_early_index_when_a_page_of_the_shard_is_not_in_the_new_folder(bundle, tmp_path):
    with Files(tmp_path / "out", recycle=False) as files:
        for path in sorted(bundle.rglob("index.html")):
            if path.parent.name != "forum":
                files.add(path.relative_to(bundle).as_posix(), path.read_bytes())
        assert start_early(forum_shard(), pagefind_binary(), files) is None


def test_many_changes_or_more_shards_than_jobs_wait_for_the_whole_bundle():
    one = forum_shard()
    shards = shards_for("zh", ["forum", "lecture", "open-day"], 1)
    three = Reindex(tuple(shards), dict.fromkeys(shards, "key"))
    assert early_fits(one, 1, 2)
    assert not early_fits(one, 17, 2)  # many pages changed: rendered in the workers first
    assert not early_fits(three, 3, 2) and early_fits(three, 3, 3)
    assert not early_fits(Reindex(), 1, 2)


def test_quick_rebuilds_one_after_another_index_early_as_a_full_build_does(site, cli, tmp_path):
    """Through the CLI: three edits, each rebuilt (the last from a recycled folder that holds
    every page), each compared with a full build of the same sources, byte for byte."""
    shard_size(site, 1)
    builds = Builds(site, cli, tmp_path)
    builds.build()
    for n in range(3):
        builds.edit("articles/forum/zh.md", "论坛在张江举行", f"论坛在张江举行{n}")
        assert builds.rebuild()[0] == 1
        assert "1 of 4 search index shard(s) made" in builds.said
    pages = {
        url: page
        for held in shard_fragments(builds.out, "zh").values()
        for url, page in held.items()
    }
    # the index has the last edit (Pagefind marks the words it segments with zero-width spaces)
    assert "论坛在张江举行210。" in pages["/forum/index.html"]["content"].replace("\u200b", "")
