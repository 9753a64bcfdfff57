"""``bilingual diff`` in a real git repository (commits made here), outside git, and without."""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from bilingual.stale import State
from bilingual.stale.diff import inline_diff, stale_diff
from bilingual.stale.render_diff import diff_json, diff_text
from bilingual.stale.sync import sync
from tests.conftest import EN_META, ZH_META

# Body lines 7 to 15 in zh.md (the front matter takes lines 1-5), 8 to 16 in en.md once synced
# (translated_from is a sixth line of front matter).
ZH = """
2023年4月2日，论坛在张江科学会堂举行，七百余位嘉宾出席。

## 平台发布

论坛现场，科学数据开源平台正式发布。

同日，双方签约共建人工智能研究平台。

据悉，论坛创办于2008年。
"""
EN = """
On 2 April 2023, the forum was held at Zhangjiang Science Hall, with more than 700 guests.

## Platform launch

At the forum, the open scientific data platform was launched.

On the same day, the two sides agreed to build an AI research platform.

The forum was founded in 2008.
"""
SALON = "论坛期间还举行了青年科学家沙龙。"


def git(root, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=root.path,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(root, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "commit.gpgsign=false", "commit", "-q", "-m", message)
    return git(root, "rev-parse", "--short", "HEAD").strip()


@pytest.fixture
def repo(root):
    """A content root that is a git repository, with the pair synced and committed."""
    git(root, "init", "-q")
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    commit(root, "Translate the forum")
    return root


def edit_zh(root, *replacements: tuple[str, str]) -> None:
    path = root.path / "articles/forum/zh.md"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def diff(root):
    return stale_diff(root.path, root.path / "articles" / "forum")


def test_changes_since_the_synced_commit_stand_beside_the_lines_to_revise(repo):
    synced = git(repo, "rev-parse", "HEAD").strip()
    edit_zh(repo, ("七百余位", "八百余位"))
    commit(repo, "Correct the count")
    edit_zh(
        repo,
        ("title: 论坛举行", "title: 浦江论坛举行"),
        ("正式发布。\n", f"正式发布。\n\n{SALON}\n"),
        ("\n\n据悉，论坛创办于2008年。", ""),
    )
    report = diff(repo)
    assert report.state is State.STALE and report.exit_code == 1
    history = report.history
    assert history.found.commit == synced and history.found.subject == "Translate the forum"
    assert [c.subject for c in history.since] == ["Correct the count"]
    assert history.uncommitted
    (title,) = report.meta
    assert (title.key, title.old, title.new) == ("title", "论坛举行", "浦江论坛举行")
    assert (title.translation.line, title.translation.text) == (2, "Forum held")
    changed, added, removed = report.changes
    assert (changed.kind, changed.old.line, changed.new.line) == ("changed", 7, 7)
    assert [(p.path, p.line) for p in changed.translation] == [("articles/forum/en.md", 8)]
    assert (added.kind, added.new.line, added.new.text) == ("added", 13, SALON)
    assert added.after.line == 12  # after the translation of the paragraph before it
    assert (removed.kind, removed.old.line, removed.new) == ("removed", 15, None)
    assert [p.line for p in removed.translation] == [16]

    text = diff_text(report, color=False, width=100)
    lines = text.splitlines()
    assert lines[0] == (
        "articles/forum/zh.md changed since articles/forum/en.md was synced with it."
    )
    assert f"synced with   {synced[:7]}" in lines[1] and "Translate the forum" in lines[1]
    assert "1 commit since, and in the working tree (not committed)" in lines[2]
    assert "1 block changed; 1 block added; 1 block removed; the title changed." in text
    # Each change and the translation's block to revise on one row of the two columns.
    assert any("changed paragraph zh.md:7" in line and "revise en.md:8" in line for line in lines)
    assert any(
        "added paragraph zh.md:13" in line and "add after en.md:12" in line for line in lines
    )
    assert any(
        "removed paragraph" in line and "remove or revise en.md:16" in line for line in lines
    )
    assert "[-七-]" in text and "{+八+}" in text and "{+浦江+}" in text
    assert "Forum held" in text and "The forum was founded in 2008." in text
    assert lines[-1] == (
        "Revise articles/forum/en.md, then run 'bilingual sync forum' to record that it matches."
    )


def test_narrow_output_stacks_each_change_over_its_translation(repo):
    edit_zh(repo, ("七百余位", "八百余位"))
    lines = diff_text(diff(repo), color=False, width=60).splitlines()
    short = diff(repo).history.found.short
    at = lines.index(f"changed paragraph zh.md:7 (line 7 in {short})")
    assert lines[at + 1].startswith("- 2023年4月2日") and "[-七-]" in "".join(
        lines[at + 1 : at + 6]
    )
    assert "→ revise articles/forum/en.md:8" in lines
    assert all(len(line) <= 60 for line in lines if not line.startswith(("articles", "Revise")))


def test_colour_marks_changes_by_style_not_by_brackets(repo):
    edit_zh(repo, ("七百余位", "八百余位"))
    text = diff_text(diff(repo), color=True, width=100)
    assert "\x1b[" in text and "[-七-]" not in text and "七" in text


def test_an_edit_in_the_working_tree_only(repo):
    head = git(repo, "rev-parse", "HEAD").strip()
    edit_zh(repo, ("双方签约", "三方签约"))
    report = diff(repo)
    assert report.history.found.commit == head
    assert report.history.since == () and report.history.uncommitted
    (change,) = report.changes
    assert change.kind == "changed" and [p.line for p in change.translation] == [14]
    assert [(s.op, s.text) for s in change.new_spans if s.op != "equal"] == [("insert", "三")]


def test_blocks_rewritten_together_are_paired_by_likeness(repo):
    # Three neighbours rewritten: the first and last edited, the middle one replaced.
    edit_zh(
        repo,
        ("科学数据开源平台正式发布", "科学数据开源平台同日正式发布"),
        ("同日，双方签约共建人工智能研究平台。", "会议还讨论了数据标准问题。"),
        ("据悉，论坛创办于2008年。", "据悉，该论坛创办于2008年。"),
    )
    report = diff(repo)
    assert [(c.kind, [p.line for p in c.translation]) for c in report.changes] == [
        ("changed", [12]),
        ("removed", [14]),
        ("added", []),
        ("changed", [16]),
    ]


def test_a_renamed_article_is_followed(repo):
    synced = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "mv", "articles/forum", "articles/forum-2023")
    path = repo.path / "articles/forum-2023/zh.md"
    path.write_text(path.read_text(encoding="utf-8").replace("七百", "八百"), encoding="utf-8")
    commit(repo, "Rename the article and correct the count")
    report = stale_diff(repo.path, repo.path / "articles" / "forum-2023")
    assert report.history.found.commit == synced
    assert report.history.found.path == "articles/forum/zh.md"
    assert [c.kind for c in report.changes] == ["changed"]


def test_a_content_root_inside_a_larger_repository(tmp_path, root):
    # The repository's top is above the content root: paths in git are not the root's.
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert root.path.parent == tmp_path
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    commit(root, "Translate")
    edit_zh(root, ("七百", "八百"))
    report = diff(root)
    assert report.history.found.path == f"{root.path.name}/articles/forum/zh.md"
    assert [c.kind for c in report.changes] == ["changed"]


def test_a_digest_no_commit_has(repo):
    edit_zh(repo, ("七百", "八百"))
    sync(repo.path, [repo.path / "articles/forum"])  # synced with a version never committed
    edit_zh(repo, ("八百", "九百"))
    now = time.time()
    os.utime(repo.path / "articles/forum/en.md", (now - 60, now - 60))
    report = diff(repo)
    assert report.state is State.STALE and report.history.found is None
    assert report.history.searched == 1 and report.changes == ()
    text = diff_text(report, color=False, width=100)
    assert "No commit of zh.md has the digest en.md records (1 read)" in text
    assert "zh.md was last modified" in text and "after en.md" in text


def test_an_original_never_committed(root):
    git(root, "init", "-q")
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    edit_zh(root, ("七百", "八百"))
    report = diff(root)
    assert report.history.available and report.history.searched == 0
    text = diff_text(report, color=False, width=100)
    assert "No history is available (the original has never been committed)" in text


def test_outside_git_the_file_times_are_given(root, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root.path.parent))
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    edit_zh(root, ("七百", "八百"))
    now = time.time()
    os.utime(folder / "en.md", (now - 86400, now - 86400))
    report = diff(root)
    assert report.state is State.STALE and not report.history.available
    assert report.history.reason == "not in a git repository"
    text = diff_text(report, color=False, width=100)
    assert "No history is available (not in a git repository): the changes cannot be shown." in text
    assert "after en.md" in text and "it changed since the translation was last edited" in text
    document = json.loads(diff_json(report))
    assert document["history"]["available"] is False
    assert document["changes"] == []


def test_without_git_installed(repo, monkeypatch, tmp_path):
    edit_zh(repo, ("七百", "八百"))
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    report = diff(repo)
    assert not report.history.available and report.history.reason == "git is not installed"
    assert "No history is available (git is not installed)" in diff_text(
        report, color=False, width=100
    )


def test_a_broken_repository_is_named_and_the_times_given(root, tmp_path):
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    edit_zh(root, ("七百", "八百"))
    (root.path / ".git").write_text(f"gitdir: {tmp_path / 'gone'}\n", encoding="utf-8")
    report = diff(root)
    assert not report.history.available
    assert report.history.reason.startswith("git rev-parse failed: not a git repository: ")
    text = diff_text(report, color=False, width=100)
    assert "No history is available (git rev-parse failed: not a git repository" in text
    assert "last modified at the same time" in text or "zh.md was last modified" in text


def test_never_synced_and_current(root):
    folder = root.pair("forum", ZH, EN)
    report = diff(root)
    assert report.state is State.NEVER_SYNCED and report.exit_code == 0
    text = diff_text(report, color=False, width=100)
    assert "articles/forum/en.md has never been synced with articles/forum/zh.md" in text
    assert "'bilingual sync forum'" in text
    sync(root.path, [folder])
    report = diff(root)
    assert report.state is State.CURRENT and report.exit_code == 0
    assert diff_text(report, color=False, width=100) == (
        "articles/forum/en.md is current: it was synced with articles/forum/zh.md as it is now.\n"
    )


def test_json_report(repo):
    edit_zh(repo, ("七百余位", "八百余位"), ("title: 论坛举行", "title: 浦江论坛举行"))
    document = json.loads(diff_json(diff(repo)))
    assert document["version"] == 1 and document["state"] == "stale"
    assert document["original"]["path"] == "articles/forum/zh.md"
    assert document["translation"]["recorded"].startswith("sha256:")
    assert document["history"]["synced"]["subject"] == "Translate the forum"
    assert document["history"]["uncommitted"] is True
    assert document["meta"] == [
        {
            "key": "title",
            "old": "论坛举行",
            "new": "浦江论坛举行",
            "translation": {
                "path": "articles/forum/en.md",
                "line": 2,
                "end_line": 2,
                "kind": "title",
                "text": "Forum held",
            },
        }
    ]
    (change,) = document["changes"]
    assert change["change"] == "changed" and change["after"] is None
    assert change["translation"][0]["line"] == 8
    assert change["new"]["text"].startswith("2023年4月2日") and "八百余位" in change["new"]["text"]


def test_inline_diff_is_by_character_in_chinese_and_by_word_in_english():
    old, new = inline_diff("七百余位嘉宾出席", "八百余位嘉宾出席")
    assert [(s.op, s.text) for s in old] == [("delete", "七"), ("equal", "百余位嘉宾出席")]
    assert [(s.op, s.text) for s in new] == [("insert", "八"), ("equal", "百余位嘉宾出席")]
    old, new = inline_diff("more than 700 guests", "more than 800 guests")
    assert [s.text for s in old if s.op == "delete"] == ["700"]
    assert [s.text for s in new if s.op == "insert"] == ["800"]


# --- the command ----------------------------------------------------------------------------


def test_diff_exit_codes(repo, cli):
    code, out, err = cli("diff", "forum", "--root", repo.path)
    assert (code, err) == (0, "") and "is current" in out
    edit_zh(repo, ("七百", "八百"))
    code, out, _ = cli("diff", "forum", "--root", repo.path, "--no-color")
    assert code == 1 and "[-七-]" in out
    code, out, _ = cli("diff", repo.path / "articles/forum", "--root", repo.path, "-f", "json")
    assert code == 1 and json.loads(out)["state"] == "stale"


def test_diff_of_an_unknown_article_names_the_closest(repo, cli):
    code, out, err = cli("diff", "foru", "--root", repo.path)
    assert code == 2 and out == ""
    assert err.splitlines() == ["error: no article 'foru'", "hint: did you mean forum?"]


def test_diff_of_a_malformed_digest(root, cli):
    root.pair("forum", ZH, EN, en_meta=EN_META + "translated_from: sha256:abc\n")
    code, out, err = cli("diff", "forum", "--root", root.path)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: translated_from must be 'sha256:' and 64 hexadecimal digits, not "
        "'sha256:abc' (articles/forum/en.md:5)",
        "hint: run 'bilingual sync forum' once the translation matches its original",
    ]


def test_diff_of_an_article_with_one_side(root, cli):
    root.pair("lonely", ZH, None, zh_meta=ZH_META, en_meta=EN_META)
    code, _, err = cli("diff", "lonely", "--root", root.path)
    assert code == 2
    assert err.splitlines()[0] == (
        "error: en.md is missing: the article has one side (articles/lonely/en.md)"
    )


def test_a_content_root_below_the_top_of_git_names_old_and_new_blocks_alike(tmp_path, cli):
    """The repository holds the site in a folder: the old block is named from the content
    root like the new one (git's path is in history.synced.path)."""
    from tests.conftest import Root

    top = tmp_path / "repo"
    (top / "site").mkdir(parents=True)
    root = Root(top / "site")
    folder = root.pair("forum", ZH, EN)
    sync(root.path, [folder])
    subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    commit(root, "Translate the forum")
    edit_zh(root, ("七百余位", "八百余位"))
    code, out, _ = cli("diff", "forum", "--root", root.path, "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["history"]["synced"]["path"] == "site/articles/forum/zh.md"
    (change,) = document["changes"]
    assert change["old"]["path"] == change["new"]["path"] == "articles/forum/zh.md"
