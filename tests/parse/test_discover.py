from __future__ import annotations

import pytest

from bilingual.errors import RootError, UsageError
from bilingual.parse.discover import article_folders, find_root, load_pair


def test_root_is_found_upwards(root):
    folder = root.pair("a", "中文。", "English.")
    assert find_root(start=folder) == root.path.resolve()


def test_root_found_by_config_file(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "bilingual.yaml").write_text("{}\n")
    nested = tmp_path / "deep" / "er"
    nested.mkdir(parents=True)
    assert find_root(start=nested) == tmp_path.resolve()


@pytest.mark.parametrize("make", ["missing", "file", "no-articles"])
def test_explicit_root_errors(tmp_path, make):
    target = tmp_path / "root"
    if make == "file":
        target.write_text("x")
    elif make == "no-articles":
        target.mkdir()
    with pytest.raises(RootError) as info:
        find_root(explicit=target)
    assert info.value.path == target


def test_no_root_anywhere(tmp_path):
    with pytest.raises(RootError, match="no content root"):
        find_root(start=tmp_path)


def test_folders_from_paths(root):
    a = root.pair("a", "中文。", "English.")
    b = root.pair("b", "中文。", "English.")
    assert article_folders(root.path) == [a, b]
    assert article_folders(root.path, [b / "zh.md", a, b]) == [a, b]
    assert article_folders(root.path, [root.path]) == [a, b]


def test_bad_paths(root, tmp_path):
    root.pair("a", "中文。", "English.")
    with pytest.raises(UsageError, match="no such file"):
        article_folders(root.path, [root.path / "articles" / "nope"])
    with pytest.raises(UsageError, match="not an article folder"):
        article_folders(root.path, [tmp_path])


def test_load_pair_records_problems_instead_of_raising(root):
    folder = root.pair("a", "中文。", None)
    root.raw("articles/a/zh.md", b"\xff\xfe")
    pair = load_pair(root.path, folder)
    assert pair.zh is None and pair.en is None
    assert pair.missing == ("en",)
    assert [p.kind for p in pair.problems] == ["unreadable"]
