"""The result cache (.bilingual/cache.sqlite): hits, what invalidates a result, concurrent runs,
and a cache file that cannot be trusted. Real files, real SQLite, the real CLI."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bilingual import cache as result_cache
from bilingual.config import Config
from bilingual.engine import cache_key, check_pairs, make_plan
from bilingual.glossary.store import load_glossary
from bilingual.parse.discover import article_folders
from tests.conftest import REPO, SHIPPED

REAL = REPO / "tests" / "fixtures" / "real"
KUBEVELA = Path("articles") / "kubevela-2022-01-27-blog-1.2"
FORUM = "2023-pujiang-innovation-forum"


def _root(tmp_path: Path, source: Path = REAL) -> Path:
    """A copy of a content root (articles, glossary, settings) free to edit."""
    root = tmp_path / "site"
    shutil.copytree(source / "articles", root / "articles")
    for name in ("glossary.yaml", "bilingual.yaml"):
        if (source / name).exists():
            shutil.copy(source / name, root / name)
    return root


def _run(root: Path, *, cache: bool = True) -> tuple[list[dict], result_cache.ResultCache | None]:
    """Check every pair through the library, as ``check`` does: (findings, the cache used)."""
    glossary = load_glossary(root)
    plan = make_plan(Config(), glossary=glossary)
    warnings: list[str] = []
    opened = result_cache.open_cache(root, cache_key(plan), warnings.append) if cache else None
    try:
        found = [
            _plain(f)
            for checked in check_pairs(
                root, article_folders(root), plan, jobs=1, cache=opened, complete=True
            )
            for f in checked.findings
        ]
    finally:
        if opened is not None:
            opened.close()
    assert warnings == []
    return found, opened


def _plain(finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "article": finding.article,
        "message": finding.message,
        "zh": finding.zh and (finding.zh.path, finding.zh.line),
        "en": finding.en and (finding.en.path, finding.en.line),
        "excerpts": (finding.zh_excerpt, finding.en_excerpt),
        "primary": finding.primary,
    }


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "bilingual", "check", "--root", str(root), "--jobs", "1", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_run_reads_every_pair_from_the_cache(tmp_path):
    root = _root(tmp_path)
    first, made = _run(root)
    assert made is not None and made.hits == 0 and made.stored == 36
    assert (root / ".bilingual" / "cache.sqlite").is_file()
    assert (root / ".bilingual" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    second, used = _run(root)
    assert used is not None and used.hits == 36 and used.stored == 0
    assert second == first
    assert second == _run(root, cache=False)[0]


def test_each_part_of_the_key_invalidates_what_it_decides(tmp_path):
    root = _root(tmp_path)
    _run(root)
    slug = "kubevela-2022-01-27-blog-1.2"
    # A side's content: only that pair is checked again.
    _edit(root / "articles" / slug / "en.md", "2022", "2023")
    found, used = _run(root)
    assert used.hits == 35 and used.stored == 1
    assert found == _run(root, cache=False)[0]
    # The same bytes written again (a new stamp): read and compared by digest, still a hit.
    zh = root / "articles" / slug / "zh.md"
    zh.write_bytes(zh.read_bytes())
    os.utime(zh, ns=(zh.stat().st_atime_ns, zh.stat().st_mtime_ns + 5_000_000_000))
    assert _run(root)[1].hits == 36
    # The glossary: every pair is checked again.
    _edit(root / "glossary.yaml", "  - zh: 腾讯云\n", "  - zh: 腾讯云\n    note: edited\n")
    assert _run(root)[1].hits == 0
    # The plan (selected checks, severities, settings), through bilingual.yaml.
    warnings: list[str] = []
    for config in (
        Config(),
        Config(checks=Config().checks.__class__(select=("S101",))),
        Config(checks=Config().checks.__class__(compare_numbering=True)),
    ):
        plan = make_plan(config, glossary=load_glossary(root))
        opened = result_cache.open_cache(root, cache_key(plan), warnings.append)
        assert opened is not None
        list(check_pairs(root, article_folders(root), plan, jobs=1, cache=opened))
        assert opened.hits == (36 if config == Config() else 0)
        opened.close()
    assert warnings == []


def test_results_of_another_build_of_the_tool_are_never_used(tmp_path):
    root = _root(tmp_path, SHIPPED.parent)
    _run(root)
    path = root / ".bilingual" / "cache.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        # What another build would have stored: the same pairs under another tool's prefix,
        # with findings that this build would not report.
        conn.execute(
            "UPDATE results SET plan = 'ffffffffffffffff:' || substr(plan, 18), "
            'findings = \'[["S101", "structure-mismatch", "error", "x", "stale", '
            'null, null, null, null, "zh"]]\''
        )
    found, used = _run(root)
    assert used.hits == 0 and found == []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        plans = {plan for (plan,) in conn.execute("SELECT plan FROM results")}
    assert not any(plan.startswith("ffffffffffffffff:") for plan in plans)


def test_the_report_is_the_same_with_and_without_the_cache_as_pairs_change(tmp_path):
    root = _root(tmp_path)
    first = _cli(root, "--format", "json")
    # A number changed, a paragraph deleted, and a glossary rendering forbidden that one pair
    # uses: the cached run must report what a fresh one does.
    _edit(root / KUBEVELA / "en.md", "By the time of 2022", "By the time of 2023")
    en = root / "articles" / "answer-apache-answer-coc-asia-2024" / "en.md"
    paragraphs = en.read_text(encoding="utf-8").split("\n\n")
    en.write_text("\n\n".join(paragraphs[:6] + paragraphs[7:]), encoding="utf-8")
    _edit(
        root / "glossary.yaml",
        "  - zh: 钉钉\n    en: DingTalk\n",
        "  - zh: 钉钉\n    en: Dingding\n    forbidden: [DingTalk]\n",
    )
    cached = _cli(root, "--format", "json")
    fresh = _cli(root, "--format", "json", "--no-cache")
    assert cached.stderr == fresh.stderr == ""
    assert cached.returncode == fresh.returncode
    assert cached.stdout == fresh.stdout
    assert cached.stdout != first.stdout
    new = {
        (f["article"], f["code"], f["message"]) for f in json.loads(cached.stdout)["findings"]
    } - {(f["article"], f["code"], f["message"]) for f in json.loads(first.stdout)["findings"]}
    assert (
        "kubevela-2022-01-27-blog-1.2",
        "N101",
        "2023 (2023) in en.md:32 is missing from zh.md:30",
    ) in new
    assert any(a == "answer-apache-answer-coc-asia-2024" and c == "S101" for a, c, _ in new)
    assert any(c == "G102" and "DingTalk" in m for _, c, m in new)
    text_cached, text_fresh = _cli(root), _cli(root, "--no-cache")
    assert text_cached.stdout == text_fresh.stdout


def test_two_runs_at_once_both_finish_and_agree(tmp_path):
    root = _root(tmp_path)
    command = [sys.executable, "-m", "bilingual", "check", "--root", str(root), "-f", "json"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    fresh = _cli(root, "--format", "json", "--no-cache")
    for (out, err), run in zip(outputs, runs, strict=True):
        assert err == ""
        assert run.returncode == fresh.returncode
        assert out == fresh.stdout
    assert _run(root)[1].hits == 36  # what they kept is whole


def test_a_corrupt_cache_is_rebuilt_with_a_warning(tmp_path):
    root = _root(tmp_path)
    expected = _cli(root, "--format", "json", "--no-cache").stdout
    path = root / ".bilingual" / "cache.sqlite"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    run = _cli(root, "--format", "json")
    assert run.stdout == expected
    (line,) = run.stderr.splitlines()
    assert line.startswith("warning: ") and "cache.sqlite is not a usable cache" in line
    assert "rebuilt" in line
    assert _run(root)[1].hits == 36


def test_a_cache_of_another_schema_is_rebuilt(tmp_path):
    root = _root(tmp_path, SHIPPED.parent)
    _run(root)
    path = root / ".bilingual" / "cache.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {result_cache.SCHEMA + 1}")
    run = _cli(root)
    assert "written by another version of bilingual: rebuilt" in run.stderr
    assert run.returncode == 0 and "no problems found" in run.stdout
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == result_cache.SCHEMA


def test_a_row_that_cannot_be_read_back_is_checked_again(tmp_path):
    root = _root(tmp_path)
    expected, _ = _run(root)
    path = root / ".bilingual" / "cache.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE results SET findings = '[[1, 2]' WHERE article LIKE '%nacos-apisix'")
    warnings: list[str] = []
    plan = make_plan(Config(), glossary=load_glossary(root))
    opened = result_cache.open_cache(root, cache_key(plan), warnings.append)
    found = [
        _plain(f)
        for c in check_pairs(root, article_folders(root), plan, jobs=1, cache=opened)
        for f in c.findings
    ]
    assert found == expected
    assert opened.hits == 35 and opened.stored == 1
    (warning,) = warnings
    assert "could not be read" in warning and "checked again" in warning


@contextlib.contextmanager
def _read_only(path: Path):
    """Make a file read-only even for root (the immutable attribute), else by its mode."""
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        path.chmod(0o444)
        path.parent.chmod(0o555)
    try:
        with pytest.raises(OSError):
            path.open("ab").close()  # it really is read-only
        yield
    finally:
        if made.returncode == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.parent.chmod(0o755)
            path.chmod(0o644)


def test_a_read_only_cache_is_read_but_not_written(tmp_path):
    root = _root(tmp_path)
    _cli(root)  # made
    slug = "kubevela-2022-01-27-blog-1.2"
    _edit(root / "articles" / slug / "en.md", "2022", "2023")
    expected = _cli(root, "--format", "json", "--no-cache").stdout
    path = root / ".bilingual" / "cache.sqlite"
    before = path.read_bytes()
    with _read_only(path):
        run = _cli(root, "--format", "json")
        assert run.stdout == expected
        (line,) = run.stderr.splitlines()
        assert line.startswith("warning: ") and "read-only" in line
        assert path.read_bytes() == before


def test_a_cache_locked_by_another_process_is_not_waited_for_forever(tmp_path):
    root = _root(tmp_path, SHIPPED.parent)
    _run(root)
    path = root / ".bilingual" / "cache.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        warnings: list[str] = []
        plan = make_plan(Config())
        opened = result_cache.open_cache(root, cache_key(plan), warnings.append, timeout=0.2)
        assert opened is None
        (warning,) = warnings
        assert "locked by another process" in warning
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_cache_commands(cli, tmp_path):
    root = _root(tmp_path, SHIPPED.parent)
    code, out, _ = cli("cache", "info", "--root", root)
    assert code == 0 and "no cache yet" in out
    cli("check", "--root", root)
    code, out, _ = cli("cache", "info", "--root", root, "--format", "json")
    found = json.loads(out)
    assert code == 0 and found["exists"] and found["pairs"] == 3 and found["rows"] == 3
    code, _, err = cli("cache", "clear", "--root", root)
    assert code == 0 and "removed" in err
    assert not (root / ".bilingual" / "cache.sqlite").exists()
    code, _, err = cli("cache", "clear", "--root", root)
    assert code == 0 and "no cache to remove" in err


def test_no_cache_keeps_nothing(cli, tmp_path):
    root = _root(tmp_path, SHIPPED.parent)
    code, out, _ = cli("check", "--root", root, "--no-cache")
    assert code == 0 and "no problems found" in out
    assert not (root / ".bilingual").exists()


def test_the_cache_forgets_articles_that_are_gone_and_plans_long_unused(tmp_path):
    root = _root(tmp_path, SHIPPED.parent)
    _run(root)
    shutil.rmtree(root / "articles" / FORUM)
    _run(root)
    path = root / ".bilingual" / "cache.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        articles = {a for (a,) in conn.execute("SELECT article FROM results")}
        assert articles == {f"articles/{d.name}" for d in (root / "articles").iterdir()}
        # A plan last used long ago: its rows go when the cache is next opened.
        with conn:
            conn.execute("UPDATE plans SET used_ns = 0")
            conn.execute(
                "INSERT INTO results SELECT article, 'old' || plan, zh_stamp, en_stamp, "
                "zh_digest, en_digest, stored_ns, suppressed, findings FROM results"
            )
            conn.execute("INSERT INTO plans SELECT 'old' || plan, 0 FROM plans")
    _run(root)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
