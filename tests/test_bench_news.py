"""The benchmarks' second corpus (bench/generate_news.py) and the read floor (bench/floor.py).

The news generator must write faithful translations except where it plants a defect: a
finding on a clean pair is a false finding of the tool (or a template to fix), and the
archive-scale figures in docs/benchmarks.md rest on it.
"""

from __future__ import annotations

import json
import sys

import pytest

from bilingual.values import extract
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from floor import front_matter, read_floor
from generate import generate
from generate_news import KINDS
from generate_news import generate as generate_news
from news_article import zh_number
from recall_news import score


def _files(root):
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_news_corpus_is_deterministic(tmp_path):
    generate_news(12, tmp_path / "a", defect_rate=0.5)
    generate_news(12, tmp_path / "b", defect_rate=0.5)
    generate_news(12, tmp_path / "c", seed=7, defect_rate=0.5)
    a = _files(tmp_path / "a")
    assert a == _files(tmp_path / "b")
    assert a != _files(tmp_path / "c")
    assert {"glossary.yaml", "defects.json"} <= set(a)
    assert sum(name.endswith(".md") for name in a) == 24


def test_clean_news_pairs_have_no_findings(tmp_path, cli):
    # 30 pairs of every block kind the generator writes, with its glossary: nothing to report.
    generate_news(30, tmp_path, seed=31, defect_rate=0)
    code, out, _ = cli("check", "--root", tmp_path, "--format", "json")
    report = json.loads(out)
    assert report["summary"] == {"articles": 30, "errors": 0, "warnings": 0}, out[:2000]
    assert code == 0


def test_planted_defects_are_found_where_planted(tmp_path, cli):
    defects = generate_news(12, tmp_path, seed=5, defect_rate=1, defects_per_pair=6)
    _, out, _ = cli("check", "--root", tmp_path, "--format", "json")
    result = score(json.loads(out), defects)
    assert set(result.planted) == set(KINDS)
    assert sum(result.planted.values()) >= 60
    assert sum(result.found.values()) >= 0.95 * sum(result.planted.values())
    assert result.extra_defective == []  # a defect's findings stay in its block


@pytest.mark.parametrize("n", range(1, 100))
def test_chinese_percentages_read_back(n):
    (value,) = extract(f"百分之{zh_number(n)}", "zh")
    assert value.value == n


@pytest.mark.parametrize("n", [*range(100, 1000, 100), 1050, 1200, 1205, 2000, 2500, 9999])
def test_chinese_counts_read_back(n):
    (value,) = extract(f"{zh_number(n)}余位嘉宾", "zh")
    assert value.value == n


def test_floor_reads_every_side(tmp_path):
    generate(15, tmp_path, seed=3)
    articles = tmp_path / "articles"
    lone = articles / "only-zh"
    lone.mkdir()
    (lone / "zh.md").write_text("no front matter here\n", encoding="utf-8")
    (articles / ".hidden").mkdir()
    (articles / ".hidden" / "zh.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    sides = sorted(p for p in articles.glob("*/*.md") if not p.parent.name.startswith("."))
    floor = read_floor(tmp_path)
    assert floor.files == len(sides) == 31
    assert floor.bytes == sum(p.stat().st_size for p in sides)
    assert floor.parsed == 30
    assert floor.seconds > 0


def test_front_matter_ends_at_its_closing_line():
    assert front_matter("---\ntitle: a\ndate: 2023-04-02\n---\n\nbody\n---\n") == (
        "title: a\ndate: 2023-04-02\n"
    )
    assert front_matter("---\ntitle: a\n...\nbody\n") == "title: a\n"
    assert front_matter("title: a\n") is None
    assert front_matter("---\ntitle: a\n") is None
