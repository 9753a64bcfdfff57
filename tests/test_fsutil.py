"""Atomic writes: the file is replaced whole, its mode kept, no temporary file left behind."""

from __future__ import annotations

import os

import pytest

from bilingual.fsutil import atomic_write


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
