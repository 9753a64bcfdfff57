"""Number and date checks: values compared by value, not by spelling."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from bilingual.checks.article import parse_date, translation_side
from bilingual.checks.registry import CheckContext, check
from bilingual.model import Article, Bead, Block, Finding, Pair, Severity
from bilingual.values import NUMERIC, Kind, Quantity, in_block, with_year
from bilingual.values.pairing import differences, match, replaced


def article_year(pair: Pair) -> int | None:
    """The year of the article's date, which dates without a year are read in."""
    for side in (pair.zh, pair.en):
        if side is not None:
            value = side.meta.get("date")
            year = _year(value) if isinstance(value, str) else _year_of(value)
            if year is not None:
                return year
    return None


@lru_cache(maxsize=256)
def _year(value: str) -> int | None:
    # Every bead of an article asks; the front matter says the same each time.
    return _year_of(value)


def _year_of(value: object) -> int | None:
    date = parse_date(value)
    return date.year if date is not None else None


def quantities(
    blocks: Sequence[Block], lang: str, year: int | None, *, numbered: bool = False
) -> list[Quantity]:
    """The quantities of the blocks of one side of a bead (dates read in ``year``); list and
    section numbers too when ``numbered``."""
    key = (id(blocks), lang, year, numbered)
    cached = _RECENT.get(key)
    if cached is not None and cached[0] is blocks:
        return cached[1]  # number-mismatch asked for this bead, date-mismatch asks again
    if len(_RECENT) >= _RECENT_SIZE:
        del _RECENT[next(iter(_RECENT))]  # the oldest, one at a time (see _RECENT_SIZE)
    found = _quantities(blocks, lang, year, numbered)
    _RECENT[key] = (blocks, found)
    return found


#: Recent answers of ``quantities``, with the blocks they were for (kept, so that their id is
#: not reused while they are here).
_RECENT: dict[tuple[int, str, int | None, bool], tuple[Sequence[Block], list[Quantity]]] = {}
#: Enough for both checks of an article of 64 beads. Answers are dropped oldest first, one at a
#: time: dropping hundreds at once freed the blocks of many articles together, which the
#: garbage collector's count of new objects does not take off, and it collected four times as
#: often (2% of a run).
_RECENT_SIZE = 128


def _quantities(
    blocks: Sequence[Block], lang: str, year: int | None, numbered: bool
) -> list[Quantity]:
    found = [
        q
        for b in blocks
        if b.kind not in _NO_VALUES
        for q in in_block(b.text, b.code, lang, None, b.kind, numbered=numbered)
    ]
    if year is None:
        return found
    return [with_year(q, year) if q.kind is Kind.DATE else q for q in found]


#: Code is quoted as written; an image's alt text is a label (often a file name, or sizes).
_NO_VALUES = frozenset({"code", "image"})


def _versions_named_elsewhere(pair: Pair, zh: list[Quantity], en: list[Quantity]) -> set[Quantity]:
    """The versions missing from one side of a block that the other side names elsewhere in
    the article: a release note names its version, then may say "this release" (该版本) where
    the other language repeats it, so they are warnings. Versions on both sides of a block that
    differ are compared as ever."""
    if any(q.kind is Kind.VERSION for q in zh) and any(q.kind is Kind.VERSION for q in en):
        return set()  # a version changed in translation: v0.9.0 / v0.8.0
    elsewhere = {
        lang: {
            q.value
            for q in quantities(side.blocks, lang, None) + _title_values(side, lang)
            if q.kind is Kind.VERSION
        }
        for lang, side in (("zh", pair.zh), ("en", pair.en))
        if side is not None
    }
    named = {q for q in zh if q.kind is Kind.VERSION and q.value in elsewhere.get("en", ())}
    named.update(q for q in en if q.kind is Kind.VERSION and q.value in elsewhere.get("zh", ()))
    return named


def _title_values(article: Article, lang: str) -> list[Quantity]:
    title = article.meta.get("title")
    return list(in_block(title, (), lang, None)) if isinstance(title, str) else []


def _not_in_code(found: list[Quantity], blocks: Sequence[Block]) -> list[Quantity]:
    """The values of ``found`` the other side does not quote in code (envoy:1.17.0 in a code
    span where the other language writes it in prose): code is not read for values, but it
    says them."""
    # One search in all the code, joined by a character no value has, rather than one per span.
    code = "\0".join(span for block in blocks for span in block.code)
    if not code:
        return found
    return [q for q in found if (d := _DIGITS.search(q.text)) is None or d.group(0) not in code]


_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _report(
    ctx: CheckContext,
    bead: Bead,
    zh: Quantity | None,
    en: Quantity | None,
    *,
    warning: bool = False,
) -> Finding:
    # A value missing on one side may be a rephrasing when it is small or written as a word;
    # two values that stand for each other and differ are an error whatever their size.
    soft = warning or (
        (zh is None or en is None)
        and ((zh is not None and zh.lenient) or (en is not None and en.lenient))
    )
    zh_line, en_line = bead.zh[0].line, bead.en[0].line
    if zh is not None and en is not None:
        message = (
            f"{zh.show()} ({zh.text}) in zh.md:{zh_line} is {en.show()} ({en.text}) "
            f"in en.md:{en_line}"
        )
    elif zh is not None:
        message = f"{zh.show()} ({zh.text}) in zh.md:{zh_line} is missing from en.md:{en_line}"
    else:
        assert en is not None
        message = f"{en.show()} ({en.text}) in en.md:{en_line} is missing from zh.md:{zh_line}"
    return ctx.finding(
        message,
        zh=bead.zh[0],
        en=bead.en[0],
        zh_excerpt=zh.text if zh else None,
        en_excerpt=en.text if en else None,
        severity=Severity.WARNING if soft else None,
        primary=translation_side(ctx.pair, ctx.settings.original),
    )


@check("N101", "number-mismatch", front_matter=True)
def number_mismatch(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A number in a block differs from the numbers of its counterpart.

    ## What it does
    Compares the numbers, percentages, ordinals and fractions of each block with those of its
    aligned counterpart, and of the front matter's `title` and `summary` with the other side's
    (on the line of the key), by value: 七百余位 and "more than 700", 1.2万 and 12,000, 3.5亿元 and
    "RMB 350 million", 百分之三十 and 30%, 第五 and "fifth", 三分之一 and "one third" are
    equal; so are 1.30 and v1.30, a version. Reports a value on one side with no equal value on
    the other, pairing a changed value with what replaced it. A 1 missing from the other side
    (1 / "one") is a warning, since "one", "a" and 1 trade places; a different hedge on both
    sides (近 / "more than") is a warning too. Numbers that belong to a date are
    compared by `date-mismatch` instead; docs/numbers-and-dates.md lists every form read.

    ## What it does not report
    - Numbering, unless `checks.numbers.numbering: true`: list markers the parser leaves in the
      text (3）, (3), 一、), a heading's section number (1.5 Integration), citation marks ([4])
      and labels of figures, tables and steps (图2, 步骤二, Figure 2, Step 3).
    - A number word or other uncertain value with nothing to pair with on the other side:
      两场, "three parts:", "the first place", 二次开发, 两个 ("both"); 12C, 28G, 5G (a unit or
      a name); 百万, 万亿 (a magnitude). When the other side has a value of the same kind, they
      are compared; an uncertain value in digits is reported too when the other side says one
      of its values a second time in its place (33C, 32C / "33 cores … 33 cores").
    - A value said twice on one side and once on the other (7步……7个步骤 / "seven steps"), and
      a value the other side quotes in code (`envoy:1.17.0`).
    - Code, URLs, image alt text, model numbers (910B2) and the fixed expressions listed in
      docs/numbers-and-dates.md.

    Lowered to a warning: a version missing from one side of a block when the other side names
    it elsewhere in the article ("this release" / 该版本).

    ## Why is this bad?
    A wrong number is the most damaging error a news translation can carry: "700 guests"
    becoming "770", a budget off by a factor of ten after converting 万 and 亿.

    ## Example
    ```markdown
    项目总投资3.5亿元。                 The project has a total investment of RMB 35 million.
    ```
    Use instead: `RMB 350 million` (3.5亿 = 350,000,000).
    """
    if not bead.zh or not bead.en:
        return
    year = article_year(ctx.pair)
    numbered = ctx.settings.compare_numbering
    zh = [q for q in quantities(bead.zh, "zh", year, numbered=numbered) if q.kind in NUMERIC]
    en = [q for q in quantities(bead.en, "en", year, numbered=numbered) if q.kind in NUMERIC]
    pairs, left_zh, left_en = match(zh, en)
    left_zh = _not_in_code(left_zh, bead.en)
    left_en = _not_in_code(left_en, bead.zh)
    for zh_q, en_q in replaced(zh, en, pairs, left_zh, left_en):
        yield _report(ctx, bead, zh_q, en_q)
    named: set[Quantity] = set()
    if any(q.kind is Kind.VERSION for q in (*left_zh, *left_en)):
        named = _versions_named_elsewhere(ctx.pair, left_zh, left_en)
    for zh_q, en_q in differences(left_zh, left_en):
        yield _report(ctx, bead, zh_q, en_q, warning=zh_q in named or en_q in named)
    for zh_q, en_q in pairs:
        if zh_q.qualifier and en_q.qualifier and zh_q.qualifier is not en_q.qualifier:
            yield ctx.finding(
                f"{zh_q.show()} is hedged differently: {zh_q.text} ({zh_q.qualifier.value}) in "
                f"zh.md:{bead.zh[0].line}, {en_q.text} ({en_q.qualifier.value}) in "
                f"en.md:{bead.en[0].line}",
                zh=bead.zh[0],
                en=bead.en[0],
                zh_excerpt=zh_q.text,
                en_excerpt=en_q.text,
                severity=Severity.WARNING,
            )


@check("D101", "date-mismatch", front_matter=True)
def date_mismatch(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A date, time or weekday in a block has no equal one in its counterpart.

    ## What it does
    Reads dates in both languages (2023年4月2日, 4月2日, 2023年4月, 2023-04-02, 2023/4/2;
    April 2, 2023, 2 April 2023, Apr. 2, April 2023), times (下午3点30分, 3:30 p.m., 15:30) and
    weekdays (星期日, 周日, Sunday), and compares them by value, block by aligned block and
    in the front matter's `title` and `summary`. A date without a year is read in
    the year of the article's `date`. Month and weekday names come from babel's locale data.

    ## What it does not report
    A month name standing alone that is not introduced as a date ("June said", "MAY" as in RFC
    2119, "April" opening a sentence): only after "in", "since", "by" and the like, or with a
    day or a year. Ratios (1:4:32) as times. Dates in code, URLs and image alt text. A date the
    translation moves to another block is reported there, since values are compared per
    aligned block.

    ## Why is this bad?
    "April 2" becoming "April 12", or a registration deadline a day off, sends readers to the
    wrong event; the two sides of an article must give the same dates.

    ## Example
    ```markdown
    论坛于2023年4月2日举行。            The forum was held on April 12, 2023.
    ```
    Use instead: `April 2, 2023`.
    """
    if not bead.zh or not bead.en:
        return
    year = article_year(ctx.pair)
    zh = [q for q in quantities(bead.zh, "zh", year) if q.kind not in NUMERIC]
    en = [q for q in quantities(bead.en, "en", year) if q.kind not in NUMERIC]
    _, left_zh, left_en = match(zh, en)
    for zh_q, en_q in differences(left_zh, left_en):
        yield _report(ctx, bead, zh_q, en_q)


__all__ = ["Kind", "article_year", "date_mismatch", "number_mismatch", "quantities"]
