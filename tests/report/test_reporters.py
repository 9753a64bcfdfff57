"""Every reporter renders the same fixture findings."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from bilingual.model import Finding, Location, Severity, Summary
from bilingual.report import FORMATS, render

FINDINGS = [
    Finding(
        code="S101",
        check="structure-mismatch",
        severity=Severity.ERROR,
        article="2023-pujiang-innovation-forum",
        message="zh.md:21 (paragraph) has no counterpart in en.md (expected after en.md:19)",
        zh=Location("articles/2023-pujiang-innovation-forum/zh.md", 21),
        zh_excerpt="同日，上海交通大学与上海张江（集团）有限公司签约共建张江交大人工智能研究平台。",
    ),
    Finding(
        code="L101",
        check="link-mismatch",
        severity=Severity.WARNING,
        article="2023-pujiang-innovation-forum",
        message="links differ: only in zh.md: news@sjtu.edu.cn, a%b; only in en.md: x:y",
        zh=Location("articles/2023-pujiang-innovation-forum/zh.md", 26),
        en=Location("articles/2023-pujiang-innovation-forum/en.md", 26),
        zh_excerpt="news@sjtu.edu.cn",
        en_excerpt="x:y",
    ),
    Finding(
        code="A101",
        check="missing-counterpart",
        severity=Severity.ERROR,
        article="open-day",
        message="articles/open-day/en.md has no counterpart: articles/open-day/zh.md is missing",
        en=Location("articles/open-day/en.md", 1),
    ),
]
SUMMARY = Summary(articles=3, errors=2, warnings=1)


SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_matches_its_snapshot(fmt):
    """The whole output of each format on the same findings. After an intended change, run
    with UPDATE_SNAPSHOTS=1 and review the diff of tests/report/snapshots/."""
    out = render(fmt, FINDINGS, SUMMARY, width=100, prefix="")
    snapshot = SNAPSHOTS / f"{fmt}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(out, encoding="utf-8")
    assert out == snapshot.read_text(encoding="utf-8")


def test_json_contract():
    document = json.loads(render("json", FINDINGS, SUMMARY))
    assert document["version"] == 1
    assert document["summary"] == {"articles": 3, "errors": 2, "warnings": 1}
    first = document["findings"][0]
    assert set(first) == {"code", "check", "severity", "article", "message", "zh", "en"}
    assert first["zh"] == {"path": "articles/2023-pujiang-innovation-forum/zh.md", "line": 21}
    assert first["en"] is None
    assert document["findings"][1]["severity"] == "warning"
    assert "同日" not in render("json", FINDINGS, SUMMARY)  # excerpts are for people


def test_json_keeps_chinese_readable():
    finding = Finding("T101", "untranslated", Severity.ERROR, "a", "Chinese text left: 七百余位")
    assert "七百余位" in render("json", [finding], Summary(1, 1, 0))


def test_github_annotations():
    lines = render("github", FINDINGS, SUMMARY).splitlines()
    assert lines[0] == (
        "::error file=articles/2023-pujiang-innovation-forum/zh.md,line=21,"
        "title=S101 structure-mismatch::zh.md:21 (paragraph) has no counterpart in en.md "
        "(expected after en.md:19)"
    )
    assert lines[1].startswith("::warning file=articles/2023-pujiang-innovation-forum/zh.md,")
    assert "a%25b" in lines[1]  # data is escaped
    assert lines[1].endswith("(counterpart: articles/2023-pujiang-innovation-forum/en.md:26)")
    assert lines[2].startswith("::error file=articles/open-day/en.md,line=1,")


def test_github_renders_nothing_without_findings():
    assert render("github", [], Summary(3, 0, 0)) == ""


def test_text_groups_by_article_and_shows_both_sides():
    text = render("text", FINDINGS, SUMMARY, width=100)
    lines = text.splitlines()
    assert lines[0] == "2023-pujiang-innovation-forum"
    assert lines[1].startswith("  error   S101 [structure-mismatch] zh.md:21 (paragraph)")
    assert lines[2].startswith(
        "    zh articles/2023-pujiang-innovation-forum/zh.md:21  同日，上海交通大学"
    )
    assert lines[3] == "    en -"
    assert "open-day" in lines
    assert lines[-1] == "Checked 3 articles: 2 errors, 1 warning."
    assert "\x1b[" not in text


def test_text_long_chinese_is_cut_to_the_width_by_cells():
    long = Finding(
        "S101",
        "structure-mismatch",
        Severity.ERROR,
        "a",
        "m",
        zh=Location("articles/a/zh.md", 9),
        zh_excerpt="长" * 200,
    )
    text = render("text", [long], Summary(1, 1, 0), width=80)
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "…" in text


def test_text_colour_only_when_asked():
    assert "\x1b[" in render("text", FINDINGS, SUMMARY, color=True)


def test_text_clean_summary():
    assert render("text", [], Summary(3, 0, 0)) == "Checked 3 articles: no problems found.\n"


def test_empty_reports():
    assert json.loads(render("json", [], Summary(0, 0, 0)))["findings"] == []
    assert render("text", [], Summary(0, 0, 0)) == "Checked 0 articles: no problems found.\n"


class _Discard(io.TextIOBase):
    """A sink that keeps nothing, as a pipe to another program does."""

    def write(self, text: str) -> int:
        return len(text)


_ZH_EXCERPT = "论坛发布了科学数据开源平台，首期汇聚三十余个数据集。" * 3
_EN_EXCERPT = "The forum launched the platform, with more than 30 datasets. " * 3


def _many(count: int):
    for n in range(count):
        slug = f"article-{n // 5:05d}"
        yield Finding(
            code="N101",
            check="number-mismatch",
            severity=Severity.ERROR,
            article=slug,
            message=f"{n} ({n}) in zh.md:{n % 90 + 5} is missing from en.md:{n % 90 + 5}",
            zh=Location(f"articles/{slug}/zh.md", n % 90 + 5),
            en=Location(f"articles/{slug}/en.md", n % 90 + 5),
            zh_excerpt=_ZH_EXCERPT,
            en_excerpt=_EN_EXCERPT,
        )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_reporter_does_not_hold_the_findings(fmt):
    """50,000 findings streamed through a writer: its memory stays that of a few findings
    (held, they would take tens of megabytes)."""
    import tracemalloc

    from bilingual.report import write

    count = 50_000
    tracemalloc.start()
    try:
        write(fmt, _Discard(), _many(count), lambda: Summary(count // 5, count, 0), width=100)
        _, peak = tracemalloc.get_traced_memory()
        held = list(_many(2_000))
        _, peak_held = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000, f"{fmt}: peak {peak} bytes"
    assert peak_held > peak  # 2,000 findings held already take more than the whole stream
    assert len(held) == 2_000


def test_the_streamed_json_is_the_document_json_dumps_makes():
    from bilingual.report.json import VERSION, as_dict

    odd = Finding(
        code="X101",
        check="odd",
        severity=Severity.WARNING,
        article='quote"back\\slash',
        message='引号" tab\t newline\n',
        zh=Location("articles/a/zh.md", None),
    )
    findings = [*FINDINGS, *_many(50), odd]
    document = {
        "version": VERSION,
        "findings": [as_dict(f) for f in findings],
        "summary": {"articles": 3, "errors": 2, "warnings": 1},
    }
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert render("json", findings, SUMMARY) == expected
