"""Spans already read: the same answers as testing each span, past the few a sentence has."""

from __future__ import annotations

import random

import pytest

from bilingual.values.spans import Taken


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and end > a for a, b in spans)


@pytest.mark.parametrize("seed", range(5))
def test_the_same_answers_as_a_scan(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(40):
        size = rnd.randrange(1, 300)
        taken, spans = Taken(size), []
        for _ in range(rnd.randrange(120)):
            start = rnd.randrange(size)
            end = min(size, start + rnd.choice([0, 1, 1, 2, 3, 8]))
            assert taken.free(start, end) == (not _overlaps(spans, start, end))
            if rnd.random() < 0.6:
                taken.add((start, end))
                spans.append((start, end))
        assert taken.spans == spans
        assert bool(taken) == bool(spans)


def test_a_test_costs_the_length_of_its_span() -> None:
    """200,000 spans, each tested before it is added: at once, where testing each span read
    would take minutes."""
    taken = Taken(1_000_000)
    for k in range(200_000):
        assert taken.free(5 * k, 5 * k + 3)
        taken.add((5 * k, 5 * k + 3))
    assert not taken.free(999_990, 999_999)
    assert taken.free(999_998, 1_000_000)
