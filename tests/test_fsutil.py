"""Atomic writes: the file is replaced whole, its mode kept, no temporary file left behind."""

from __future__ import annotations

import os

import pytest

from bilingual.fsutil import atomic_write, create_all


def test_replaces_whole_and_keeps_mode(tmp_path):
    target = tmp_path / "glossary.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml"]


def test_failed_rename_leaves_the_target_and_no_temporary(tmp_path):
    target = tmp_path / "a.md"
    target.mkdir()  # a folder where the file should go: the rename fails
    (target / "keep").write_text("keep\n")
    with pytest.raises(OSError):
        atomic_write(target, "new\n")
    assert (target / "keep").read_text() == "keep\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.md", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644


def test_create_all_writes_every_file(tmp_path):
    files = {tmp_path / "zh.md": "中文\n", tmp_path / "en.md": b"English\n"}
    create_all(files)
    assert (tmp_path / "zh.md").read_text(encoding="utf-8") == "中文\n"
    assert (tmp_path / "en.md").read_bytes() == b"English\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.md", "zh.md"]


def test_create_all_refuses_an_existing_file_and_writes_nothing(tmp_path):
    (tmp_path / "en.md").write_text("someone's work\n")
    with pytest.raises(FileExistsError):
        create_all({tmp_path / "zh.md": "新\n", tmp_path / "en.md": "new\n"})
    assert (tmp_path / "en.md").read_text() == "someone's work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.md"]


def test_create_all_writes_nothing_when_one_cannot_be_written(tmp_path):
    # The second file's folder does not exist: its temporary file cannot be made, and the
    # first one's, already written, is removed. (A failed rename: tests/cli/test_new.py.)
    good, doomed = tmp_path / "a", tmp_path / "b"
    good.mkdir()
    with pytest.raises(OSError):
        create_all({good / "zh.md": "新\n", doomed / "en.md": "new\n"})
    assert list(good.iterdir()) == []
