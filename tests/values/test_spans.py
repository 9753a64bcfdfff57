"""Spans already read: the same answers as testing each span, in linear time in a long text."""

from __future__ import annotations

import random
import time

import pytest

from bilingual.values import spans
from bilingual.values.spans import free_test


def _overlaps(read: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and end > a for a, b in read)


@pytest.mark.parametrize("short", [spans._SHORT, 0], ids=["as run", "marked"])
@pytest.mark.parametrize("seed", range(5))
def test_the_same_answers_as_a_scan(seed: int, short: int, monkeypatch) -> None:
    monkeypatch.setattr(spans, "_SHORT", short)  # 0: marks however short the text
    rnd = random.Random(seed)
    for _ in range(40):
        size = rnd.randrange(1, 300)
        read: list[tuple[int, int]] = []
        free = free_test(read, size)
        for _ in range(rnd.randrange(120)):
            start = rnd.randrange(size)
            end = min(size, start + rnd.choice([0, 1, 1, 2, 3, 8]))
            assert free(start, end) == (not _overlaps(read, start, end))
            if rnd.random() < 0.6:
                read.append((start, end))


def test_a_test_costs_the_length_of_its_span() -> None:
    """200,000 spans in a text of a million characters, each tested before it is added: in a
    second or two, where testing each span read takes minutes."""
    read: list[tuple[int, int]] = []
    free = free_test(read, 1_000_000)
    started = time.perf_counter()
    for k in range(200_000):
        assert free(5 * k, 5 * k + 3)
        read.append((5 * k, 5 * k + 3))
    assert not free(999_990, 999_999)
    assert free(999_998, 1_000_000)
    assert time.perf_counter() - started < 60
