"""A bundle folder known by its stamps (``bilingual.bundle.tree``): no folder of the published
bundle or of its spare gains a file unseen, no file changes unseen, whether the stamps are old
enough to be trusted or so young that the folders are read again."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from bilingual.bundle.build import Options, build
from bilingual.bundle.record import open_record
from bilingual.bundle.tree import TreeState, files_ok, folders_of, folders_ok, scan
from bilingual.bundle.write import spare_path
from bilingual.cache import RACY_NS
from bilingual.config import load_config
from bilingual.errors import BundleError
from tests.bundle.test_incremental import snapshot
from tests.conftest import Root

BASE = "https://news.example.edu.cn/"


def bundle(root: Root, out: Path, **options: object) -> None:
    settings = {"base_url": BASE, "search": False, **options}
    build(root.path, load_config(root.path), Options(out, **settings))  # type: ignore[arg-type]


def recorded(root: Root, out: Path) -> TreeState:
    """What the record keeps of the output folder's tree."""
    record = open_record(root.path, out, print)
    assert record is not None
    state = record.state()
    record.close()
    assert state is not None
    return state.tree


def checked(root: Root, out: Path, *, files: bool = False) -> bool:
    """Whether the output folder is, by the stamps the record keeps, the bundle it wrote."""
    tree = recorded(root, out)
    found = scan(out, tree)
    assert found is not None
    if files:
        found.stat_files()
        return files_ok(found, tree)
    found.stat_folders()
    return folders_ok(found, tree)


def settled(root: Root, out: Path) -> None:
    """Build until the output folder's folders and files are older than the record by more
    than a clock tick, so that they are trusted by their stamps (not read or hashed): until a
    bundle is made in folders that no longer change (the spare's), and takes from the last one
    every file but its manifest and checksum list."""
    for _ in range(3):
        bundle(root, out)
        time.sleep(2.1)
        bundle(root, out)
        tree = recorded(root, out)
        young = [p for p in out.rglob("*") if p.lstat().st_ctime_ns >= tree.seen - RACY_NS]
        if sorted(p.name for p in young) == ["SHA256SUMS", "manifest.json"]:
            return
    raise AssertionError(f"still young: {young}")


def every_folder(out: Path) -> list[str]:
    """Every folder of a bundle, its top (``""``) first."""
    paths = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    return ["", *folders_of(sorted(paths))]


@pytest.fixture
def built(site: Root, tmp_path: Path) -> Path:
    out = tmp_path / "public"
    bundle(site, out)
    return out


@pytest.mark.parametrize("young", [True, False], ids=["young stamps", "trusted stamps"])
def test_a_file_added_to_any_folder_is_seen(site, built, young):
    if not young:
        settled(site, built)
    assert checked(site, built)
    folders = every_folder(built)
    assert {"", "zh/", "en/", "assets/", "zh/forum/", "zh/category/campus-events/"} <= set(folders)
    for folder in folders:
        extra = built / folder / "notes.txt"
        extra.write_text("mine", encoding="utf-8")
        assert not checked(site, built), folder
        extra.unlink()
        (built / folder / "sub").mkdir()  # a folder, even an empty one
        assert not checked(site, built), folder
        (built / folder / "sub").rmdir()


def test_a_file_replaced_or_changed_is_seen(site, built):
    settled(site, built)
    assert checked(site, built, files=True)
    page = built / "en/forum/index.html"
    text = page.read_text(encoding="utf-8")
    page.unlink()  # replaced by a file of the same bytes: a file the record does not know
    page.write_text(text, encoding="utf-8")
    assert not checked(site, built)
    assert not checked(site, built, files=True)
    settled(site, built)
    with page.open("r+", encoding="utf-8") as handle:  # written in place, the same size
        handle.write("<!")
    assert checked(site, built)  # no folder changed
    assert not checked(site, built, files=True)


@pytest.mark.parametrize("folder", ["", "zh/", "en/forum/", "zh/category/campus-events/"])
def test_a_file_added_to_the_bundle_is_refused(site, built, folder, cli):
    settled(site, built)
    (built / folder / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(built)
    code, _, err = cli("bundle", "--root", site.path, "--out", built, "--base-url", BASE,
                       "--no-search")  # fmt: skip
    assert code == 2
    assert f"e.g. {folder}notes.txt" in err
    assert snapshot(built) == before


def test_a_file_added_during_the_build_is_refused_before_the_swap(site, built):
    before = snapshot(built)

    def progress(name: str, total: int):
        if name == "rendering":  # the new bundle is being written beside it
            (built / "zh" / "notes.txt").write_text("mine", encoding="utf-8")
        return lambda n: None

    (site.path / "articles/forum/en.md").write_text(
        (site.path / "articles/forum/en.md").read_text("utf-8").replace("held", "opened"),
        encoding="utf-8",
    )
    options = Options(built, base_url=BASE, search=False)
    with pytest.raises(BundleError, match=r"did not write, e\.g\. zh/notes\.txt"):
        build(site.path, load_config(site.path), options, progress=progress)
    assert snapshot(built) == {**before, "zh/notes.txt": snapshot(built)["zh/notes.txt"]}
    assert [p.name for p in built.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("folder", ["", "zh/", "en/forum/", "assets/"])
@pytest.mark.parametrize("young", [True, False], ids=["young stamps", "trusted stamps"])
def test_a_file_added_to_the_spare_is_not_published(site, built, folder, young, tmp_path):
    if not young:
        time.sleep(2.1)  # the first bundle's stamps, taken when it becomes the spare, are old
    bundle(site, built)  # the first bundle is the spare now
    spare = spare_path(built)
    (spare / folder / "notes.txt").write_text("not ours", encoding="utf-8")
    (site.path / "articles/forum/en.md").write_text(
        (site.path / "articles/forum/en.md").read_text("utf-8").replace("held", "opened"),
        encoding="utf-8",
    )
    bundle(site, built)
    assert not (built / folder / "notes.txt").exists()
    bundle(site, tmp_path / "full", full=True)
    assert snapshot(built) == snapshot(tmp_path / "full")


def test_the_record_describes_each_bundle_exactly(site, built, tmp_path):
    """After any kind of build, the stamps the record keeps are those of the bundle's every
    file and folder (a stamp it got wrong would cost the next build a full reading)."""
    forum = site.path / "articles/forum/en.md"

    def edit(old: str, new: str) -> None:
        forum.write_text(forum.read_text("utf-8").replace(old, new), encoding="utf-8")

    steps = [
        lambda: None,  # the first rebuild: every page linked into a new folder
        lambda: edit("was held", "was held again"),  # only a body: the quick path
        lambda: edit("title: Forum Held", "title: The Forum Held"),  # lists: every page planned
        lambda: (site.path / "articles/lecture/zh.md").unlink(),  # an article gone
    ]
    for n, step in enumerate(steps):
        step()
        for search in (False, True):  # with search: the index made again, in the new folder
            bundle(site, built, search=search)
            assert checked(site, built), (n, search)
            assert checked(site, built, files=True), (n, search)
    bundle(site, tmp_path / "full", full=True, search=True)
    assert snapshot(built) == snapshot(tmp_path / "full")


def test_quick_rebuilds_with_search_leave_the_record_with_the_bundles_files(site, tmp_path):
    """Two body edits with search on, each a quick rebuild that indexes one shard again: the
    record's rows are the bundle's files, the replaced index files' rows gone."""
    from bilingual.bundle.write import MANIFEST

    out = tmp_path / "public"
    forum = site.path / "articles/forum/en.md"
    bundle(site, out, search=True)
    for old, new in (("was held", "was held again"), ("held again", "held once more")):
        time.sleep(0.01)
        forum.write_text(forum.read_text("utf-8").replace(old, new), encoding="utf-8")
        result = build(site.path, load_config(site.path), Options(out, base_url=BASE, search=True))
        assert result.quick and result.indexed == 1, result
        record = open_record(site.path, out, print)
        assert record is not None
        manifest = hashlib.sha256((out / MANIFEST).read_bytes()).hexdigest()
        rows = set(record.outputs(manifest))
        record.close()
        files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        pagefind = {p for p in files if "/pagefind/" in p}
        assert pagefind and pagefind <= rows  # every index file recorded...
        assert {p for p in rows if "/pagefind/" in p} == pagefind  # ...and no other
    full = tmp_path / "full"
    bundle(site, full, full=True, search=True)
    assert snapshot(out) == snapshot(full)
