"""Which quantity of one side of a block stands for which of the other: equal values first,
then close ones, then changed values of one kind.

Each quantity is paired with the first one of the other side, in order, that it may stand for.
The other side's quantities are indexed by what they must share (their value, their day, their
kind), so that finding the first costs a look-up rather than a scan of what is left: a scan is
quadratic in the values of a block, and a block of 200,000 values took minutes.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence

from bilingual.values.model import Kind, Quantity, Value

Pairs = list[tuple[Quantity, Quantity]]


def same(a: Quantity, b: Quantity) -> bool:
    """Equal values; a day without a month (11日) matches a date on that day."""
    if a.key == b.key:
        return True
    if a.kind is Kind.DATE and b.kind is Kind.DATE:
        (_, am, ad), (_, bm, bd) = a.value, b.value  # type: ignore[misc]
        return (am is None or bm is None) and ad is not None and ad == bd
    return False


def close(a: Quantity, b: Quantity) -> bool:
    """The same value as a count on one side and an ordinal on the other: 连续3年 / "the third
    year running", which translators turn into each other; or a version written as a plain
    number on one side (1.30 / v1.30)."""
    kinds = {a.kind, b.kind}
    if kinds == {Kind.NUMBER, Kind.VERSION}:
        number, version = (a, b) if a.kind is Kind.NUMBER else (b, a)
        written = _DECIMAL.search(number.text)
        return written is not None and written.group(0) == version.value
    return kinds in ({Kind.NUMBER, Kind.ORDINAL}, {Kind.NUMBER, Kind.DECADE}) and a.value == b.value


_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)+")


#: Up to this many comparisons (the values of one side times the other's), each Chinese value
#: is tested against the English ones in order: cheapest for the few values of a paragraph,
#: where building the index costs more than the scan.
_SCANNED = 256


def _first(waiting: deque[int] | None, used: list[bool]) -> int | None:
    """The first index in ``waiting`` not yet used (those used are dropped on the way: an index
    may wait under several keys, and is dropped once from each)."""
    while waiting and used[waiting[0]]:
        waiting.popleft()
    return waiting[0] if waiting else None


def match(
    zh: Sequence[Quantity], en: Sequence[Quantity]
) -> tuple[Pairs, list[Quantity], list[Quantity]]:
    """Pairs of equal quantities (then of close ones), and those left on each side.

    Each Chinese quantity, in order, takes the first English one left that is ``same`` (then,
    for those still alone, ``close``): found by a scan for a few values, by an index of the
    English for more."""
    if not zh or not en:
        return [], list(zh), list(en)
    pairs: Pairs = []
    zh_used, en_used = [False] * len(zh), [False] * len(en)
    if len(zh) * len(en) <= _SCANNED:
        for test in (same, close):
            for i, quantity in enumerate(zh):
                if not zh_used[i]:
                    for j, other in enumerate(en):
                        if not en_used[j] and test(quantity, other):
                            zh_used[i] = en_used[j] = True
                            pairs.append((quantity, other))
                            break
    else:
        for twin_of in (_same_index, _close_index):
            find = twin_of([(j, q) for j, q in enumerate(en) if not en_used[j]], en_used)
            for i, quantity in enumerate(zh):
                if not zh_used[i] and (twin := find(quantity)) is not None:
                    zh_used[i] = en_used[twin] = True
                    pairs.append((quantity, en[twin]))
    left_zh = [q for q, used in zip(zh, zh_used, strict=True) if not used]
    left_en = [q for q, used in zip(en, en_used, strict=True) if not used]
    # A value said twice on one side and once on the other is not missing: 7步……7个步骤 /
    # "seven steps".
    if left_zh and pairs:
        en_keys = {q.key for _, q in pairs}
        left_zh = [q for q in left_zh if q.key not in en_keys]
    if left_en and pairs:
        zh_keys = {q.key for q, _ in pairs}
        left_en = [q for q in left_en if q.key not in zh_keys]
    return pairs, left_zh, left_en


#: Where a Chinese quantity's twin stands among the English ones, if it has one left.
Finder = Callable[[Quantity], "int | None"]


def _same_index(en: list[tuple[int, Quantity]], used: list[bool]) -> Finder:
    """For a Chinese quantity, the first English one (of ``en``, not ``used``) it is ``same``
    as: of its key, or a date on its day (any date for a day without a month; a date without a
    month for a full date)."""
    keyed: defaultdict[tuple[Kind, Value], deque[int]] = defaultdict(deque)
    on_day: defaultdict[int, deque[int]] = defaultdict(deque)
    monthless: defaultdict[int, deque[int]] = defaultdict(deque)
    for j, quantity in en:
        keyed[quantity.kind, quantity.value].append(j)
        if quantity.kind is Kind.DATE:
            _, month, day = quantity.value  # type: ignore[misc]
            if day is not None:
                on_day[day].append(j)
                if month is None:
                    monthless[day].append(j)

    def find(quantity: Quantity) -> int | None:
        twin = _first(keyed.get((quantity.kind, quantity.value)), used)
        if quantity.kind is Kind.DATE:
            _, month, day = quantity.value  # type: ignore[misc]
            if day is not None:
                other = _first((on_day if month is None else monthless).get(day), used)
                if other is not None and (twin is None or other < twin):
                    twin = other
        return twin

    return find


def _close_index(en: list[tuple[int, Quantity]], used: list[bool]) -> Finder:
    """For a Chinese quantity, the first English one (of ``en``, not ``used``) it is ``close``
    to: a number to an ordinal or decade of its value, or to a version as it is written; and
    the other way round."""
    numbers: defaultdict[Value, deque[int]] = defaultdict(deque)
    ordinals: defaultdict[Value, deque[int]] = defaultdict(deque)  # and decades
    written: defaultdict[str, deque[int]] = defaultdict(deque)  # numbers, as versions
    versions: defaultdict[Value, deque[int]] = defaultdict(deque)
    for j, quantity in en:
        kind = quantity.kind
        if kind is Kind.NUMBER:
            numbers[quantity.value].append(j)
            if (decimal := _DECIMAL.search(quantity.text)) is not None:
                written[decimal.group(0)].append(j)
        elif kind is Kind.ORDINAL or kind is Kind.DECADE:
            ordinals[quantity.value].append(j)
        elif kind is Kind.VERSION:
            versions[quantity.value].append(j)

    def find(quantity: Quantity) -> int | None:
        kind = quantity.kind
        if kind is Kind.NUMBER:
            twin = _first(ordinals.get(quantity.value), used)
            decimal = _DECIMAL.search(quantity.text)
            other = _first(versions.get(decimal.group(0)), used) if decimal else None
            if other is not None and (twin is None or other < twin):
                twin = other
            return twin
        if kind is Kind.ORDINAL or kind is Kind.DECADE:
            return _first(numbers.get(quantity.value), used)
        if kind is Kind.VERSION:
            return _first(written.get(quantity.value), used)  # type: ignore[arg-type]
        return None

    return find


def replaced(
    zh: list[Quantity],
    en: list[Quantity],
    pairs: Pairs,
    left_zh: list[Quantity],
    left_en: list[Quantity],
) -> Iterator[tuple[Quantity, Quantity]]:
    """An uncertain value written in digits (32C) left over on one side, where the other side
    says one of its values again instead (33C, 32C / "33 cores, 33 cores"): the repeat
    replaced it. Each pair found is taken out of ``left_zh`` / ``left_en``."""
    for mine, theirs, paired, other_left, zh_side in (
        (left_zh, en, {id(q) for _, q in pairs}, left_en, True),
        (left_en, zh, {id(q) for q, _ in pairs}, left_zh, False),
    ):
        uncertain_digits = [q for q in mine if q.soft and any(c.isdigit() for c in q.text)]
        if not uncertain_digits:
            continue  # most blocks
        left_ids = {id(q) for q in other_left}
        # The other side's repeats by kind, in order: the first of a kind is the one taken.
        repeats: defaultdict[Kind, deque[Quantity]] = defaultdict(deque)
        for q in theirs:
            if id(q) not in paired and id(q) not in left_ids and not q.soft:
                repeats[q.kind].append(q)
        uncertain = {q.kind for q in other_left if q.soft}
        taken: set[int] = set()
        for quantity in uncertain_digits:
            if quantity.kind in uncertain:
                continue  # compared with that one by differences
            if repeats[quantity.kind]:
                repeat = repeats[quantity.kind].popleft()
                taken.add(id(quantity))
                yield (quantity, repeat) if zh_side else (repeat, quantity)
        if taken:
            mine[:] = [q for q in mine if id(q) not in taken]


def differences(
    zh: list[Quantity], en: list[Quantity]
) -> Iterator[tuple[Quantity | None, Quantity | None]]:
    """Unmatched quantities, a zh one and an en one of the same kind paired as a change.

    A soft value (a number word, 12C) pairs only with another soft one, and alone is not
    reported at all: "the first place they look", 二次开发 and "the two sides" are idioms, and a
    count a list makes plain ("three parts:") is often written on one side only.
    """
    if not zh or not en:  # most blocks: nothing to pair a change with
        for quantity in zh:
            if not quantity.soft:
                yield quantity, None
        for quantity in en:
            if not quantity.soft:
                yield None, quantity
        return
    # The English left by kind and softness, in order: the first of its kind is the change.
    left: defaultdict[tuple[Kind, bool], deque[int]] = defaultdict(deque)
    for j, quantity in enumerate(en):
        left[quantity.kind, quantity.soft].append(j)
    used = [False] * len(en)
    for quantity in zh:
        waiting = left.get((quantity.kind, quantity.soft))
        other = None
        if waiting:
            j = waiting.popleft()
            used[j] = True
            other = en[j]
        if other is not None or not quantity.soft:
            yield quantity, other
    for quantity, paired in zip(en, used, strict=True):
        if not paired and not quantity.soft:
            yield None, quantity
