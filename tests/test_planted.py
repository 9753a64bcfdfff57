"""Recall of ``bilingual check`` on defects planted in real translations (bench/plant.py).

For four seeds, one copy of each of the 36 pairs of tests/fixtures/real per kind of defect, each
with exactly one defect; the share of defects found, and found at the right line, over all
kinds together, must not fall below what the check reaches today. A failure prints the table
and every miss.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO

#: Seeds 7 and 8 were measured from the start of the work; 9 and 10 were added once it was near
#: its targets, as a larger sample of the same plants.
SEEDS = (7, 8, 9, 10)
#: The project's targets: share of planted defects found, and found at the right line.
TARGET_FOUND, TARGET_RIGHT_LINE = 0.98, 0.95
#: What the check reaches today (745 and 736 of 760; seeds 7 and 8 alone, 372 and 368 of 380;
#: docs/benchmarks.md lists the misses). A floor, so that no change makes recall worse: raise
#: it as misses are fixed, never lower it.
FOUND, RIGHT_LINE = 0.98, 0.968


def _load():
    spec = importlib.util.spec_from_file_location("bench_plant", REPO / "bench" / "plant.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


plant = _load()


@pytest.fixture(scope="module")
def results():
    return [plant.measure(seed) for seed in SEEDS]


@pytest.mark.parametrize(
    ("token", "bumped"),
    [("700", "701"), ("12", "13"), ("19", "20"), ("9", "10"), ("1,999", "2,000"), ("3.9", "4.0")],
)
def test_numbers_change_value(token, bumped):
    assert plant.bump(token) == bumped


def test_mask_keeps_prose_only():
    line = "See [the guide](https://a.io/x) and `code 12` at https://b.io/y or a@b.io, 12 of 13."
    masked = plant.mask(line)
    assert len(masked) == len(line)
    assert "https" not in masked and "code" not in masked and "a@b" not in masked
    assert "the guide" in masked and "12 of 13." in masked


def test_planting_is_deterministic_and_per_kind():
    folder = plant.CORPUS / "articles" / "kubevela-2022-01-27-blog-1.2"
    pair = plant.read_pair(folder, "zh")
    findings: list = []
    for kind in plant.KINDS:
        first = plant.choose(pair, kind, 7, findings, [])
        again = plant.choose(plant.read_pair(folder, "zh"), kind, 7, findings, [])
        assert first == again
        if first is not None:
            lines = pair.side(first.side).lines
            assert first.edit.apply(lines) != lines  # the copy does carry a defect


def test_every_pair_gets_a_drop_and_a_residue(results):
    for result in results:
        assert not [s for s in result.skipped if s[1] in ("drop", "residue")]
        assert len({o.plant.slug for o in result.outcomes}) == 36


def test_recall_on_planted_defects_holds_its_floor(results):
    planted = sum(r.table()["total"]["planted"] for r in results)
    found = sum(r.table()["total"]["found"] for r in results)
    right = sum(r.table()["total"]["right"] for r in results)
    report = "\n\n".join(plant.render(r) for r in results)
    assert found / planted >= FOUND, f"found {found}/{planted}\n{report}"
    assert right / planted >= RIGHT_LINE, f"at the right line {right}/{planted}\n{report}"
