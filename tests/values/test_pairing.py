"""Pairing the quantities of two sides: indexed, yet the same pairs as a scan in order."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from bilingual.values import Kind, Quantity, pairing
from bilingual.values.pairing import close, differences, match, replaced, same


def _scan_match(
    zh: list[Quantity], en: list[Quantity]
) -> tuple[list[tuple[Quantity, Quantity]], list[Quantity], list[Quantity]]:
    """The pairing as first written: each value against every value left (quadratic)."""
    pairs = []
    left_zh, left_en = list(zh), list(en)
    for test in (same, close):
        for quantity in list(left_zh):
            twin = next((q for q in left_en if test(quantity, q)), None)
            if twin is not None:
                left_zh.remove(quantity)
                left_en.remove(twin)
                pairs.append((quantity, twin))
    if left_zh and pairs:
        en_keys = {q.key for _, q in pairs}
        left_zh = [q for q in left_zh if q.key not in en_keys]
    if left_en and pairs:
        zh_keys = {q.key for q, _ in pairs}
        left_en = [q for q in left_en if q.key not in zh_keys]
    return pairs, left_zh, left_en


def _scan_replaced(
    zh: list[Quantity],
    en: list[Quantity],
    pairs: list[tuple[Quantity, Quantity]],
    left_zh: list[Quantity],
    left_en: list[Quantity],
) -> Iterator[tuple[Quantity, Quantity]]:
    paired_zh = {id(q) for q, _ in pairs}
    paired_en = {id(q) for _, q in pairs}
    for mine, theirs, paired, other_left, zh_side in (
        (left_zh, en, paired_en, left_en, True),
        (left_en, zh, paired_zh, left_zh, False),
    ):
        left_ids = {id(q) for q in other_left}
        repeats = [q for q in theirs if id(q) not in paired and id(q) not in left_ids]
        for quantity in list(mine):
            if not (quantity.soft and any(c.isdigit() for c in quantity.text)):
                continue
            if any(q.kind is quantity.kind and q.soft for q in other_left):
                continue
            repeat = next((q for q in repeats if q.kind is quantity.kind and not q.soft), None)
            if repeat is not None:
                repeats.remove(repeat)
                mine.remove(quantity)
                yield (quantity, repeat) if zh_side else (repeat, quantity)


def _scan_differences(
    zh: list[Quantity], en: list[Quantity]
) -> Iterator[tuple[Quantity | None, Quantity | None]]:
    left_en = list(en)
    for quantity in zh:
        other = next(
            (q for q in left_en if q.kind is quantity.kind and q.soft == quantity.soft), None
        )
        if other is not None:
            left_en.remove(other)
        if other is not None or not quantity.soft:
            yield quantity, other
    for quantity in left_en:
        if not quantity.soft:
            yield None, quantity


def _quantity(rnd: random.Random, start: int) -> Quantity:
    """A value from a small range, so that sides share many values, keys and days."""
    kind = rnd.choice([Kind.NUMBER, Kind.NUMBER, Kind.ORDINAL, Kind.DECADE, Kind.VERSION,
                       Kind.DATE, Kind.DATE, Kind.PERCENT])  # fmt: skip
    soft = rnd.random() < 0.4
    if kind is Kind.DATE:
        value: object = (
            rnd.choice([None, 2023, 2024]),
            rnd.choice([None, 4, 5]),
            rnd.choice([None, 1, 2, 3]),
        )
        text = "date"
    elif kind is Kind.VERSION:
        value = rnd.choice(["1.2", "1.30", "2.0"])
        text = str(value)
    else:
        number = rnd.choice([1, 2, 3, 90, 1.2, 1.3])
        value = number
        text = f"{number}{'C' if soft else ''}" if rnd.random() < 0.8 else "three"
    return Quantity(kind, value, text, start, start + 1, soft=soft)  # type: ignore[arg-type]


def _side(rnd: random.Random, size: int) -> list[Quantity]:
    # Equal quantities at one place too: blocks of a merge each count from their own start.
    return [_quantity(rnd, rnd.randrange(max(size // 2, 1))) for _ in range(size)]


def _ids(pairs: list[tuple[Quantity | None, Quantity | None]]) -> list[tuple[int, int]]:
    return [(id(a), id(b)) for a, b in pairs]


@pytest.mark.parametrize("scanned", [0, pairing._SCANNED], ids=["indexed", "as run"])
@pytest.mark.parametrize("seed", range(10))
def test_the_same_pairs_as_a_scan(seed: int, scanned: int, monkeypatch) -> None:
    monkeypatch.setattr(pairing, "_SCANNED", scanned)  # 0: the index, however few the values
    for case in range(200):
        _same_as_scan(random.Random(seed * 200 + case))


def _translated(rnd: random.Random, zh: list[Quantity]) -> list[Quantity]:
    """The other side as a translation makes it: the same values, some said twice, some
    changed, some left out, some made uncertain (33C for 32C)."""
    en = []
    for quantity in zh:
        roll = rnd.random()
        if roll < 0.15:
            continue
        if roll < 0.3:
            en.append(_quantity(rnd, quantity.start))
        elif roll < 0.45:
            en.append(quantity._replace(soft=not quantity.soft, text=quantity.text + "C"))
        else:
            en.append(quantity._replace())
        if en and rnd.random() < 0.3:  # a value said again, in place of another
            en.append(rnd.choice(en)._replace(start=quantity.start + 1, soft=False))
    if rnd.random() < 0.3:
        rnd.shuffle(en)
    return en


def _same_as_scan(rnd: random.Random) -> None:
    zh = _side(rnd, rnd.randrange(12))
    en = _translated(rnd, zh) if rnd.random() < 0.5 else _side(rnd, rnd.randrange(12))
    pairs, left_zh, left_en = match(zh, en)
    want_pairs, want_zh, want_en = _scan_match(zh, en)
    assert _ids(pairs) == _ids(want_pairs)
    assert list(map(id, left_zh)) == list(map(id, want_zh))
    assert list(map(id, left_en)) == list(map(id, want_en))
    got = list(replaced(zh, en, pairs, left_zh, left_en))
    want = list(_scan_replaced(zh, en, want_pairs, want_zh, want_en))
    assert _ids(got) == _ids(want)
    assert list(map(id, left_zh)) == list(map(id, want_zh))
    assert list(map(id, left_en)) == list(map(id, want_en))
    assert _ids(list(differences(left_zh, left_en))) == _ids(
        list(_scan_differences(want_zh, want_en))
    )


def test_linear_in_the_values() -> None:
    """200,000 values a side, in the same order but for one changed: found at once."""
    zh = [Quantity(Kind.NUMBER, k, str(k), k, k + 1) for k in range(200_000)]
    en = [Quantity(Kind.NUMBER, k if k != 123_456 else 7, str(k), k, k + 1) for k in range(200_000)]
    pairs, left_zh, left_en = match(zh, en)
    assert len(pairs) == 199_999
    assert [q.value for q in left_zh] == [123_456]
    assert left_en == []  # 7 is said elsewhere in the Chinese
    assert [(a.value, b) for a, b in differences(left_zh, left_en)] == [(123_456, None)]
