"""The pre-commit hooks (.pre-commit-hooks.yaml), run for real: the pre-commit framework installs
this working tree into its own environment and ``git commit`` runs the hook in a temporary
repository of articles. The first test pays for that install (about 20 s, from the package
index); the others reuse it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHIPPED

FORUM = "2023-pujiang-innovation-forum"
OPEN_DAY = "2023-campus-open-day"
#: The first run builds the hook's environment: pip installs bilingual and its dependencies.
INSTALL_TIMEOUT = 900

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(),
    reason="needs git and this project's git work tree",
)


def clean_env(home: Path) -> dict[str, str]:
    """This environment without what would steer git or pre-commit elsewhere (a test run from
    inside a git hook sets GIT_DIR and GIT_INDEX_FILE), with its own pre-commit cache."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT")) and key != "SKIP"
    }
    env.update(
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    return env


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 120) -> tuple[int, str]:
    """Run a command: (exit code, stdout and stderr together)."""
    done = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    code, out = run(["git", "-c", "commit.gpgsign=false", *args], cwd, env)
    assert code == 0, out
    return out


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """This working tree as a hook repository (its files as they are now, committed, so
    uncommitted work is what is tested), its commit, and an environment with a pre-commit cache
    shared by the tests of this module."""
    base = tmp_path_factory.mktemp("precommit")
    env = clean_env(base / "cache")
    listed = run(["git", "ls-files", "-z", "-co", "--exclude-standard"], REPO, env)[1]
    source = base / "bilingual"
    for name in filter(None, listed.split("\0")):
        path = REPO / name
        if path.is_file():  # a file deleted in the work tree is still listed
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    git(source, env, "init", "-q")
    git(source, env, "add", "-A")
    git(source, env, "commit", "-q", "-m", "bilingual as it is under test")
    return source, git(source, env, "rev-parse", "HEAD").strip(), env


def office(tmp_path: Path, hooks: tuple[Path, str, dict[str, str]], hook: str) -> Path:
    """A git repository of articles (a copy of the shipped ones) whose pre-commit configuration
    uses ``hook`` from the hook repository, installed as the git pre-commit hook."""
    source, rev, env = hooks
    repo = tmp_path / "office"
    shutil.copytree(SHIPPED, repo / "articles")
    (repo / "README.md").write_text("# The office's articles\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
        encoding="utf-8",
    )
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "--no-verify", "-m", "articles")
    code, out = run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert code == 0, out
    return repo


def edit(repo: Path, env: dict[str, str], relative: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) with ``new`` in a file and stage it."""
    path = repo / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, env, "add", relative)


def commit(repo: Path, env: dict[str, str]) -> tuple[int, str]:
    """``git commit``, which runs the installed hook: (exit code, its output)."""
    return run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-m", "change"],
        repo,
        env,
        timeout=INSTALL_TIMEOUT,
    )


def test_a_clean_change_commits_and_other_files_are_not_passed(tmp_path, hooks):
    """A reworded English sentence passes. README.md staged with it is not given to the
    hook (bilingual would refuse it as not an article file); staged alone, the hook skips."""
    env = hooks[2]
    repo = office(tmp_path, hooks, "bilingual-check")
    edit(repo, env, f"articles/{FORUM}/en.md", "On the same day, ", "On that same day, ")
    edit(repo, env, "README.md", "# The office's articles", "# Our articles")
    code, out = commit(repo, env)
    assert code == 0, out
    assert "bilingual check" in out and "Passed" in out
    edit(repo, env, "README.md", "# Our articles", "# Articles")
    code, out = commit(repo, env)
    assert code == 0, out
    assert "(no files to check)Skipped" in out


def test_a_deleted_paragraph_stops_the_commit(tmp_path, hooks):
    """Only en.md is staged, and its pair is checked: the finding points at zh.md."""
    env = hooks[2]
    repo = office(tmp_path, hooks, "bilingual-check")
    head = git(repo, env, "rev-parse", "HEAD")
    en = (repo / "articles" / FORUM / "en.md").read_text(encoding="utf-8")
    doomed = next(p for p in en.split("\n\n") if p.startswith("On the same day"))
    edit(repo, env, f"articles/{FORUM}/en.md", doomed + "\n\n", "")
    code, out = commit(repo, env)
    assert code == 1, out
    assert "S101 [structure-mismatch] zh.md:21 (paragraph) has no counterpart in en.md" in out
    assert f"zh articles/{FORUM}/zh.md:21" in out
    assert "Checked 1 article: 1 error, 0 warnings." in out
    assert git(repo, env, "rev-parse", "HEAD") == head  # nothing was committed


def test_the_strict_hook_stops_warnings_too(tmp_path, hooks):
    env = hooks[2]
    warning = ("<news@sjtu.edu.cn>", "<new@sjtu.edu.cn>")  # a link that differs: L101, a warning
    repo = office(tmp_path, hooks, "bilingual-check")
    edit(repo, env, f"articles/{OPEN_DAY}/en.md", *warning)
    code, out = commit(repo, env)
    assert code == 0, out
    assert "Passed" in out  # pre-commit shows a passing hook's output only with --verbose

    strict = office(tmp_path / "strict", hooks, "bilingual-check-strict")
    edit(strict, env, f"articles/{OPEN_DAY}/en.md", *warning)
    code, out = commit(strict, env)
    assert code == 1, out
    assert "L101 [link-mismatch]" in out
