"""``bilingual check`` end to end: real files, real parser, exit codes and formats."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import SHIPPED

FORUM = "2023-pujiang-innovation-forum"


def test_shipped_articles_are_clean(cli):
    code, out, err = cli("check", "--root", SHIPPED.parent)
    assert code == 0, out
    assert out.strip().endswith("no problems found.")
    assert err == ""


def test_shipped_articles_are_clean_in_json(cli):
    code, out, _ = cli("check", "--root", SHIPPED.parent, "--format", "json", "--strict")
    assert code == 0
    report = json.loads(out)
    assert report["findings"] == []
    assert report["summary"] == {"articles": 3, "errors": 0, "warnings": 0}


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each body paragraph that is not a heading or list item."""
    lines = text.split("\n")
    body_start = lines.index("---", 1) + 1
    found = []
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if line and not line.startswith(("#", "-", " ")) and not lines[number - 2].strip():
            found.append((number, line))
    return found


def test_deleted_english_paragraph_is_reported_exactly(shipped, check_json):
    """Delete each English paragraph in the middle in turn: check reports exactly that one."""
    en_path = shipped.path / "articles" / FORUM / "en.md"
    zh_text = (shipped.path / "articles" / FORUM / "zh.md").read_text(encoding="utf-8")
    original = en_path.read_text(encoding="utf-8")
    en_paragraphs = paragraphs(original)
    zh_lines = [line for line, _ in paragraphs(zh_text)]
    assert len(en_paragraphs) == len(zh_lines) >= 5
    for index in range(1, len(en_paragraphs) - 1):
        _, doomed = en_paragraphs[index]
        en_path.write_text(original.replace(doomed + "\n\n", "", 1), encoding="utf-8")
        code, report = check_json(shipped)
        assert code == 1
        assert [(f["check"], f["zh"], f["en"]) for f in report["findings"]] == [
            (
                "structure-mismatch",
                {"path": f"articles/{FORUM}/zh.md", "line": zh_lines[index]},
                None,
            )
        ], index
        assert report["summary"]["errors"] == 1
    en_path.write_text(original, encoding="utf-8")


def test_text_report_shows_both_sides(shipped, cli):
    en_path = shipped.path / "articles" / FORUM / "en.md"
    head, _, tail = en_path.read_text(encoding="utf-8").rpartition("more than 700 guests")
    en_path.write_text(head + "七百余位嘉宾" + tail, encoding="utf-8")  # the body, not the summary
    code, out, _ = cli("check", "--root", shipped.path)
    assert code == 1
    assert "T101 [untranslated] Chinese text left in the English: 七百余位嘉宾" in out
    assert re.search(rf"zh articles/{FORUM}/zh\.md:\d+", out)
    assert re.search(rf"en articles/{FORUM}/en\.md:\d+  七百余位嘉宾", out)
    assert out.rstrip().endswith("Checked 3 articles: 1 error, 0 warnings.")


def test_paths_select_articles(shipped, check_json):
    folder = shipped.path / "articles" / FORUM
    (folder / "en.md").unlink()
    code, report = check_json(shipped, str(folder / "zh.md"))
    assert code == 1 and report["summary"]["articles"] == 1
    code, report = check_json(shipped, str(shipped.path / "articles" / "2023-campus-open-day"))
    assert code == 0 and report["summary"]["articles"] == 1


def test_root_is_found_from_the_working_directory(shipped, cli, monkeypatch):
    monkeypatch.chdir(shipped.path / "articles" / FORUM)
    code, out, _ = cli("check", "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["articles"] == 3


# --- selection --------------------------------------------------------------------------------


@pytest.fixture
def two_problems(root):
    """A pair with a link warning and an untranslated error."""
    root.pair(
        "forum",
        "请发送邮件至 news@sjtu.edu.cn 咨询，七百余位嘉宾出席。",
        "Please write to new@sjtu.edu.cn, 七百余位嘉宾 attended.",
    )
    return root


def checks_run(report: dict) -> list[str]:
    return sorted(f["check"] for f in report["findings"])


def test_select_and_ignore_by_code_or_slug(two_problems, check_json):
    _, report = check_json(two_problems)
    assert checks_run(report) == ["link-mismatch", "untranslated"]
    code, report = check_json(two_problems, "--select", "L101")
    assert checks_run(report) == ["link-mismatch"] and code == 0
    code, report = check_json(two_problems, "--ignore", "untranslated", "--strict")
    assert checks_run(report) == ["link-mismatch"] and code == 1
    code, report = check_json(two_problems, "-s", "T101", "-s", "link-mismatch", "-i", "T101")
    assert checks_run(report) == ["link-mismatch"]


def test_configuration_ignores_and_overrides_severity(two_problems, check_json):
    two_problems.config(
        """
        checks:
          ignore: [link-mismatch]
          severity:
            untranslated: warning
        """
    )
    code, report = check_json(two_problems)
    assert code == 0
    assert [(f["check"], f["severity"]) for f in report["findings"]] == [
        ("untranslated", "warning")
    ]
    code, report = check_json(two_problems, "--select", "link-mismatch")
    assert checks_run(report) == ["link-mismatch"]  # the command line wins


def test_inline_comment_suppresses_one_block_only(root, check_json):
    root.pair(
        "forum",
        "七百余位嘉宾出席。\n\n论坛由上海交通大学主办。",
        "<!-- bilingual-ignore: untranslated -->\n七百余位嘉宾 attended.\n\n"
        "The forum was hosted by 上海交通大学.",
    )
    _, report = check_json(root)
    assert [(f["check"], f["en"]["line"]) for f in report["findings"]] == [("untranslated", 10)]


def test_strict_fails_on_warnings(root, check_json):
    root.pair("a", "请发送邮件至 news@sjtu.edu.cn 咨询。", "Please write to new@sjtu.edu.cn.")
    code, report = check_json(root)
    assert code == 0 and report["summary"]["warnings"] == 1
    code, _ = check_json(root, "--strict")
    assert code == 1


def test_github_format(two_problems, cli):
    code, out, _ = cli("check", "--root", two_problems.path, "--format", "github")
    assert code == 1
    assert out.startswith("::warning file=articles/forum/zh.md,line=7,title=L101 link-mismatch::")
    # Chinese left in the English is annotated on the English file, where it must be fixed.
    assert "::error file=articles/forum/en.md,line=7,title=T101 untranslated::" in out


def test_github_paths_are_relative_to_the_workspace(two_problems, cli, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(two_problems.path.parent))
    _, out, _ = cli("check", "--root", two_problems.path, "--format", "github")
    assert "::warning file=site/articles/forum/zh.md,line=7," in out


def test_jobs_give_the_same_report(tmp_path, cli):
    import sys

    sys.path.insert(0, str(SHIPPED.parent / "bench"))
    from generate import generate

    generate(260, tmp_path / "corpus", seed=5)
    outputs = []
    for jobs in ("1", "2"):
        code, out, _ = cli("check", "--root", tmp_path / "corpus", "-f", "json", "-j", jobs)
        outputs.append((code, out))
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0][1])["summary"]["articles"] == 260


def test_crlf_and_bom_files_give_the_same_report(shipped, check_json):
    """Files saved on Windows (CRLF, UTF-8 BOM) are read the same, with the same line numbers."""
    en_path = shipped.path / "articles" / FORUM / "en.md"
    text = en_path.read_text(encoding="utf-8")
    en_path.write_text(text.replace("On the same day", "同日 On the same day"), encoding="utf-8")
    _, lf_report = check_json(shipped)
    for path in (shipped.path / "articles").glob("*/*.md"):
        data = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + data.encode("utf-8"))
    _, crlf_report = check_json(shipped)
    assert crlf_report == lf_report
    assert [f["check"] for f in lf_report["findings"]] == ["untranslated"]


def test_unreadable_articles_are_reported_whatever_the_selection(root, check_json):
    """Selecting only S101, or ignoring front-matter, must not let a broken article pass."""
    root.pair("broken", "正文。", "Body.", en_meta="title: x\ndate: [2023\ncategory: y")
    root.pair("half", "七百余位嘉宾出席。", None)
    root.pair("gbk", "正文。", "Body.")
    root.raw("articles/gbk/zh.md", "---\ntitle: 论坛\n---\n".encode("gbk"))
    for args in (["--select", "S101"], ["--ignore", "front-matter", "--ignore", "A101"]):
        code, report = check_json(root, *args)
        assert code == 1, args
        assert sorted(f["check"] for f in report["findings"]) == [
            "front-matter",
            "missing-counterpart",
            "unreadable-file",
        ], args


def test_comma_separated_names_and_any_case_format(two_problems, cli):
    code, out, _ = cli(
        "check", "--root", two_problems.path, "-s", "L101,untranslated", "-f", "JSON"
    )
    assert code == 1
    assert sorted(f["check"] for f in json.loads(out)["findings"]) == [
        "link-mismatch",
        "untranslated",
    ]


def test_root_is_found_from_the_path_given(shipped, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", shipped.path, "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["articles"] == 3
    code, out, _ = cli("check", shipped.path / "articles" / FORUM / "en.md", "-f", "json")
    assert code == 0 and json.loads(out)["summary"]["articles"] == 1


def test_narrow_terminal_keeps_path_and_line(two_problems):
    from bilingual.config import Config
    from bilingual.engine import make_plan, run_checks
    from bilingual.parse.discover import article_folders
    from bilingual.report import render

    result = run_checks(two_problems.path, article_folders(two_problems.path), make_plan(Config()))
    text = render("text", result.findings, result.summary, width=30)
    assert "en articles/forum/en.md:7" in text
