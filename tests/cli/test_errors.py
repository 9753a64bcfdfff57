"""Bad input: one clear line on stderr, the documented exit code, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EN_META


def run(*args, cwd=None) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bilingual", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def assert_clean_error(result, code: int, *fragments: str) -> None:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: ")
    for fragment in fragments:
        assert fragment in result.stderr


def test_unknown_check_code(root):
    root.pair("a", "正文。", "Body text here.")
    result = run("check", "--root", root.path, "--select", "N999")
    assert_clean_error(result, 2, "unknown check 'N999'", "hint:")
    assert result.stdout == ""


def test_unknown_check_in_explain_suggests():
    result = run("explain", "structure-mismatches")
    assert_clean_error(result, 2, "did you mean structure-mismatch?")


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_unreadable_root(tmp_path, kind):
    target = tmp_path / "root"
    if kind == "file":
        target.write_text("not a folder")
    elif kind == "empty":
        target.mkdir()
    result = run("check", "--root", target)
    assert_clean_error(result, 2, str(target))


def test_no_root_found(tmp_path):
    result = run("check", cwd=tmp_path)
    assert_clean_error(result, 2, "no content root", "hint: run inside a content root")


def test_missing_path(root):
    root.pair("a", "正文。", "Body text here.")
    result = run("check", "--root", root.path, root.path / "articles" / "nope")
    assert_clean_error(result, 2, "no such file or folder")


def test_bad_configuration_lists_every_problem(root):
    root.pair("a", "正文。", "Body text here.")
    root.config("original: fr\nchecks:\n  severity:\n    untranslated: fatal\nthemes: x\n")
    result = run("check", "--root", root.path)
    assert_clean_error(result, 2, "bilingual.yaml", "original", "fatal", "themes")


def test_broken_configuration_yaml_names_the_line(root):
    root.pair("a", "正文。", "Body text here.")
    root.config("checks:\n  ignore: [a\n")
    result = run("check", "--root", root.path)
    assert_clean_error(result, 2, "bilingual.yaml:2")


def test_control_character_in_configuration(root):
    root.pair("a", "正文。", "Body text here.")
    root.config("original: zh\x00\n")
    result = run("check", "--root", root.path)
    assert_clean_error(result, 2, "not allowed in YAML", "bilingual.yaml:1")


def test_bad_columns_value_is_ignored(root):
    root.pair("a", "七百余位嘉宾出席。", "More than 700 guests attended.")
    for columns in ("abc", "0"):
        result = subprocess.run(
            [sys.executable, "-m", "bilingual", "check", "--root", str(root.path)],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": columns},
            check=False,
        )
        assert result.returncode == 0 and "no problems found" in result.stdout


def test_unknown_check_in_configuration(root):
    root.pair("a", "正文。", "Body text here.")
    root.config("checks:\n  ignore: [no-such-check]\n")
    result = run("check", "--root", root.path)
    assert_clean_error(result, 2, "unknown check 'no-such-check'")


@pytest.mark.parametrize(
    ("name", "data", "check", "message", "line"),
    [
        ("empty", b"", "front-matter", "file is empty", 1),
        ("no-front-matter", b"Just a body.\n", "front-matter", "no front matter", 1),
        (
            "broken-yaml",
            f"---\n{EN_META}tags: [a, b\n---\n\nBody.\n".encode(),
            "front-matter",
            "not valid YAML",
            5,
        ),
        ("latin-1", b"---\ntitle: Caf\xe9\n---\n", "unreadable-file", "not valid UTF-8", 2),
    ],
)
def test_bad_source_files_are_findings(root, name, data, check, message, line):
    root.pair(name, "正文。", "Body.")
    root.pair("good", "七百余位嘉宾出席。", "More than 700 guests attended.")
    root.raw(f"articles/{name}/en.md", data)
    result = run("check", "--root", root.path, "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["check"] == check and message in finding["message"]
    assert finding["en"] == {"path": f"articles/{name}/en.md", "line": line}
    assert json.loads(result.stdout)["summary"]["articles"] == 2


def test_missing_side_is_a_finding(root):
    root.pair("a", "七百余位嘉宾出席。", None)
    result = run("check", "--root", root.path)
    assert result.returncode == 1
    assert "articles/a/zh.md has no counterpart: articles/a/en.md does not exist" in result.stdout


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "check", "--root", tmp_path / "missing")
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "RootError" in result.stderr


def test_bad_option_value_is_a_usage_error(root):
    root.pair("a", "正文。", "Body text here.")
    result = run("check", "--root", root.path, "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_an_error_names_its_file_from_the_current_folder(root):
    """A file under the current folder is named from it, as the reports name files; one
    outside it keeps its absolute path."""
    root.pair("a", "正文。", "Body text here.")
    (root.path / "bilingual.yaml").write_text("site: [\n", encoding="utf-8")
    inside = run("check", cwd=root.path / "articles")
    assert_clean_error(inside, 2)
    assert inside.stderr.splitlines()[0].endswith(f"({root.path / 'bilingual.yaml'}:2)")
    at_root = run("check", cwd=root.path)
    assert at_root.stderr.splitlines()[0].endswith("(bilingual.yaml:2)")
    outside = run("check", "--root", root.path, cwd=root.path.parent)
    assert outside.stderr.splitlines()[0].endswith(f"({root.path.name}/bilingual.yaml:2)")


def test_one_bad_setting_is_said_once(root):
    """The message names the problem and its line: no list of one problem under it."""
    root.pair("a", "正文。", "Body text here.")
    (root.path / "bilingual.yaml").write_text("site:\n  search_shard: 0\n", encoding="utf-8")
    result = run("check", "--root", root.path)
    assert_clean_error(result, 2)
    assert result.stderr.splitlines() == [
        "error: invalid bilingual.yaml: site.search_shard: must be a whole number of articles, "
        f"at least 1 ({root.path / 'bilingual.yaml'}:2)",
        "hint: see docs/configuration.md for every setting and its default",
    ]
