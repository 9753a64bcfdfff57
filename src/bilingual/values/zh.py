"""Quantities in Chinese text: Arabic and Chinese numerals, 万/亿, percentages, ordinals,
fractions, approximations, dates, times and weekdays."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache

from bilingual.text import HAN_CHAR, ascii_digits, scan
from bilingual.values.model import Kind, Qualifier, Quantity
from bilingual.values.names import chinese_periods, chinese_weekdays
from bilingual.values.spans import free_test

DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
BIG_UNIT = {"万": 10_000, "亿": 100_000_000}
NUMERALS = "零〇一二两三四五六七八九十百千万亿"

_N = f"[{NUMERALS}]+(?:点[零〇一二三四五六七八九]+)?"
_ANY_DIGIT = re.compile("[0-9]")
_ANY_VALUE = re.compile(f"[0-9\uff10-\uff19{NUMERALS}首周星礼]")
_D = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_NUM = f"(?:{_D}\\s*[万亿]*|{_N})"
#: Digits then one Latin letter (5G, 3D, 4K) name a thing; digits then a unit (2PB, 100km)
#: are a quantity. The same rule holds in English.
#: Measure words after which a lone numeral counts something (两场, 三位, 五所).
MEASURES = "个位名场次项年天所家届批件篇人倍岁周月日元只条台座部本门支份期轮组间种类层级辆架艘枚大"

_BEFORE = {
    "近": Qualifier.NEARLY,
    "将近": Qualifier.NEARLY,
    "接近": Qualifier.NEARLY,
    "约": Qualifier.ABOUT,
    "大约": Qualifier.ABOUT,
    "逾": Qualifier.MORE,
    "超过": Qualifier.MORE,
    "超": Qualifier.MORE,
    "多达": Qualifier.MORE,
    "至少": Qualifier.MORE,
    "不少于": Qualifier.MORE,
    "不低于": Qualifier.MORE,
    # An upper bound: 不超过9.5亿元 is "up to" / "no more than RMB 950 million".
    "不超过": Qualifier.LESS,
    "不高于": Qualifier.LESS,
    "最多": Qualifier.LESS,
    "至多": Qualifier.LESS,
    "不到": Qualifier.LESS,
    "不足": Qualifier.LESS,
    "少于": Qualifier.LESS,
}
_AFTER = {
    "余": Qualifier.MORE,
    "多": Qualifier.MORE,
    "以上": Qualifier.MORE,
    "左右": Qualifier.ABOUT,
    "上下": Qualifier.ABOUT,
    "以下": Qualifier.LESS,
    "以内": Qualifier.LESS,
}
_BEFORE_ENDS = frozenset(word[-1] for word in _BEFORE)
_LATE_HINT = frozenset("左以上")
_LATE_AFTER = re.compile(f"[{MEASURES}]?(左右|以上|以下|以内|上下)")
_AFTER_RE = "|".join(sorted(_AFTER, key=len, reverse=True))

#: Fixed expressions whose numerals are not quantities, or stand for other ones.
#: Fixed expressions whose numerals are not quantities, or stand for other ones. Words with a
#: lone 一 (统一, 之一, 一些, 一流) need no entry: a lone numeral counts only before a measure word.
IDIOMS: dict[str, tuple[tuple[Kind, int | tuple[None, int, int]], ...]] = {
    "十四五": ((Kind.ORDINAL, 14), (Kind.NUMBER, 5)),  # the 14th Five-Year Plan
    "十三五": ((Kind.ORDINAL, 13), (Kind.NUMBER, 5)),
    "十五五": ((Kind.ORDINAL, 15), (Kind.NUMBER, 5)),
    "千里之行": ((Kind.NUMBER, 1000),),  # "a journey of a thousand miles"
    "千人计划": ((Kind.NUMBER, 1000),),  # the Thousand Talents Program
    "万人计划": ((Kind.NUMBER, 10000),),  # the Ten Thousand Talents Program
    "百人计划": ((Kind.NUMBER, 100),),  # the Hundred Talents Program
    "十佳": ((Kind.NUMBER, 10),),  # the top ten
    "第一时间": (),  # "at once"
    "五四": (),  # the May Fourth Movement
    "万众": (),
    "百年": (),  # "centennial", written in English many ways
    "之一": (),  # one of (三分之一 is still a fraction)
    "双十一": ((Kind.DATE, (None, 11, 11)),),  # the shopping festival, "Double Eleven"
    "双十二": ((Kind.DATE, (None, 12, 12)),),
    "从零到一": (),  # "from scratch"
    "从0到1": (),
    "从0-1": (),
}
#: Where an idiom is not one: 三分之一 is a fraction, 五百年 five hundred years. The guard
#: looks back from after the idiom's first character: every alternative then opens on a plain
#: character, and the engine skips to those instead of trying the pattern at every position.
_IDIOM_GUARDS = {"之一": "(?<!分之)", "百年": "(?<![一二两三四五六七八九十0-9]百)"}


def _spaced(idiom: str) -> str:
    # Writers set digits off with spaces (从 0-1): where an idiom has a digit, a space may
    # stand between its characters. Elsewhere the idiom is matched as written (faster).
    if not any(char.isdigit() for char in idiom):
        return re.escape(idiom[0]) + _IDIOM_GUARDS.get(idiom, "") + re.escape(idiom[1:])
    return r"\s?".join(map(re.escape, idiom))


_IDIOM_RE = re.compile("|".join(_spaced(idiom) for idiom in sorted(IDIOMS, key=len, reverse=True)))

#: A month and perhaps a day (4月2日); the year before it is looked up separately, since an
#: optional group at the start of a pattern makes every position of the text a candidate.
_DATE = re.compile(
    r"(?P<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
    r"(?:\s*(?P<d>[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])?"
)
_YEAR_BEFORE = re.compile(
    r"(?:(?P<y>[0-9]{4}|[〇零一二三四五六七八九]{4})|(?P<rel>[前去今明]))\s*年\s*$"
)
#: A year named relative to the article's: 去年7月 is July of the year before.
_RELATIVE_YEAR = {"前": -2, "去": -1, "今": 0, "明": 1}
#: No digit before the year, tested from after its first digit: a pattern that opens on a
#: character class lets ``re`` skip to digits instead of trying every position.
_ISO_DATE = re.compile(
    r"(?P<y>[0-9](?<![0-9]{2})[0-9]{3})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})(?![0-9])"
)
#: Day periods, from babel's locale data plus the one-character 晚 (evening) and 早 (morning).
_PERIOD_RE = "|".join(
    sorted(
        map(
            re.escape,
            (
                "上午",
                "下午",
                "晚上",
                "中午",
                "早上",
                "凌晨",
                "清晨",
                "傍晚",
                "晚间",
                "夜间",
                "早晨",
                "晚",
                "早",
            ),
        ),
        key=len,
        reverse=True,
    )
)
_TIME = re.compile(
    rf"(?:(?P<p>{_PERIOD_RE})\s*)?"
    rf"(?:(?<![0-9:：])(?P<h>[0-9]{{1,2}})\s*[:：]\s*(?P<mm>[0-9]{{2}})(?![0-9]|[:：][0-9])"
    rf"|(?P<h2>[0-9]{{1,2}}|十[一二]?|[一二两三四五六七八九])\s*[时点]"
    rf"(?:\s*(?P<m2>[0-9]{{1,2}}|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*分|(?P<half>半)|整)?)"
)
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]")
#: A day with no month (11日), or the end of a range after a date (11月11日至12日).
_ONE_CHAR_PERIODS = {"晚": "pm", "早": "am"}
_NOT_AFTER_DAY = frozenset("楼线门院内游以期届批级班栋座室层路舍车机次")
_BEFORE_DAY = frozenset("于在至到和及与为从自止即的当")
_DAY_ONLY = re.compile(r"(?<![0-9月])(?P<d>[0-9]{1,2})\s*[日号]")
_RANGE_GAP = re.compile(r"\s*[至到—–~\-－]\s*")
_RANGE_END = re.compile(r"\s*[至到—–~\-－和、]\s*(?P<d>[0-9]{1,2})\s*[日号]")
#: Race times: 10秒58 (10.58 seconds), 3分21秒07 (3 minutes 21.07 seconds).
_RACE = re.compile(
    r"(?<![0-9.])(?:(?P<m>[0-9]{1,2})分)?(?P<s>[0-9]{1,2})秒(?P<cs>[0-9]{2})?(?![0-9])"
)
#: 1990年代, 20世纪90年代, 上世纪80年代, 90年代; 90后 (people born in the 1990s).
_DECADE = re.compile(
    r"(?:(?:[0-9]{2}|上)世纪)?(?P<d>[0-9]{2}|[0-9]{4})年代|(?<![0-9])(?P<d2>[0-9]0)后"
)
_SLASH = re.compile(r"(?<![0-9/])(?P<num>[0-9]+)/(?P<den>[0-9]+)(?![0-9/])")
#: 三成 is 30 per cent; 千分之三 is 0.3 per cent.
_TENTHS = re.compile(r"(?P<n>[一二两三四五六七八九])成(?![功为立果员绩就不])")
_HALF = re.compile(f"(?P<n>[{NUMERALS}0-9]+)个半")

_PERCENT = re.compile(rf"百分之(?P<n>{_NUM})")
_FRACTION = re.compile(rf"(?P<den>{_NUM})分之(?P<num>{_NUM})")
_ORDINAL = re.compile(rf"第\s*(?P<n>{_D}|{_N})")
_ORDINAL_MORE = re.compile(rf"\s*[、和至到]\s*(?P<n>{_D}|{_N})")
_FIRST = re.compile(rf"首(?=[{MEASURES}])")
#: Digits never end inside a run of digits (12C is not 1 and 2); what follows them (a unit, a
#: letter naming a thing) is read in ``_number``.
_NUMBER = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<n>{_D}(?![0-9])(?P<mid>余|多)?\s*(?:千(?=[万亿]))?[万亿]*|{_N})"
    rf"(?P<after>{_AFTER_RE})?(?P<pct>\s*[%％‰])?"
)
#: What a number opens with: ``_NUMBER`` opens on a lookbehind, and is tried only there.
_NUMBER_OPENING = re.compile(f"[0-9{NUMERALS}]")


@lru_cache(maxsize=4096)
def parse_numeral(text: str) -> Fraction | int | None:
    """The value of a Chinese numeral, Arabic digits, or a mix (七百, 一百零五, 1.2万, 二〇二三).

    None for what is not one value: 三四个 and 七八十 are approximations, 五一 and 九一八 names.
    """
    if len(text) > 40:
        return None  # not a quantity anyone writes; and int() refuses very long digit strings
    if text.isdigit() and text.isascii():
        return int(text)  # the common case first
    text = text.replace(",", "").replace(" ", "")
    if not text:
        return None
    if "点" in text:  # 十五点五 = 15.5
        whole, _, part = text.partition("点")
        integer = parse_numeral(whole)
        if integer is None or not part or any(c not in DIGIT for c in part):
            return None
        return integer + Fraction(int("".join(str(DIGIT[c]) for c in part)), 10 ** len(part))
    head = re.match(r"[0-9]+(?:\.[0-9]+)?", text)
    if head:
        digits = head.group(0)
        whole, _, part = digits.partition(".")
        value: Fraction | int = Fraction(int(whole + part), 10 ** len(part)) if part else int(whole)
        for char in text[head.end() :]:
            if char not in BIG_UNIT and char != "千":
                return None
            value *= BIG_UNIT.get(char, 1000)  # 3千万 is 30 million
        return value
    if all(char in DIGIT for char in text) and len(text) > 1:
        if len(text) == 4 and (any(c in "〇零" for c in text) or text[:2] == "一九"):
            return int("".join(str(DIGIT[c]) for c in text))  # 二〇二三, 一九九八
        return None  # 三四 (three or four), 五一 (May Day), 九一八: not one value
    if any(a in _NONZERO and b in _NONZERO for a, b in itertools.pairwise(text)):
        return None  # 七八十, 十二三: an approximation
    return _units(text)


_NONZERO = frozenset("一二两三四五六七八九")


def _units(text: str) -> int | None:
    total = section = number = 0
    last_unit = 0
    for index, char in enumerate(text):
        if char in DIGIT:
            number = DIGIT[char]
        elif char in SMALL_UNIT:
            if number == 0 and index > 0 and char != "十":
                return None  # 零百 is not a numeral
            section += (number or 1) * SMALL_UNIT[char]  # 十二, 百余: a leading unit is one
            number, last_unit = 0, SMALL_UNIT[char]
        elif char in BIG_UNIT:
            section += number
            if char == "万":
                total += (section or 1) * BIG_UNIT[char]  # 万余: a leading unit is one
            else:  # 亿: 3万亿 is 3 trillion, 一亿 and 亿 a hundred million
                total = (total + section or 1) * BIG_UNIT[char]
            section = number = 0
            last_unit = BIG_UNIT[char]
        else:
            return None
    if number and last_unit >= 100 and text[-2] in SMALL_UNIT | BIG_UNIT.keys():
        number *= last_unit // 10  # 一千二 is 1,200; 两万五 25,000
    return total + section + number


def extract(text: str, year: int | None = None) -> list[Quantity]:
    """Every quantity in Chinese ``text``, in order. Dates without a year take ``year``.

    Dates, times and weekdays are found first and blanked out, so that a value belonging to a
    date (the 2 of 4月2日) is not also a number.
    """
    if not _ANY_VALUE.search(text):
        return []
    text = ascii_digits(text)  # same length: positions stay valid
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    for match in _IDIOM_RE.finditer(text):
        for kind, value in IDIOMS["".join(match.group(0).split())]:
            soft = isinstance(value, int) and value < 10
            found.append(Quantity(kind, value, match.group(0), *match.span(), soft=soft))
        spans.append(match.span())
    masked = _mask(text, spans)
    for quantity in _dates_and_times(masked, year):
        found.append(quantity)
        spans.append((quantity.start, quantity.end))
    masked = _mask(text, spans)
    for quantity in _numbers(masked):
        found.append(quantity)
    found.sort(key=lambda q: q.start)
    return found


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans already read blanked out, so no other pattern reads them again."""
    if not spans:
        return text
    parts, position = [], 0
    for start, end in sorted(spans):
        if start > position:
            parts.append(text[position:start])
        if end > position:
            parts.append(" " * (end - max(start, position)))
            position = end
    parts.append(text[position:])
    return "".join(parts)


def _dates_and_times(text: str, year: int | None) -> Iterator[Quantity]:
    taken: list[tuple[int, int]] = []
    free = free_test(taken, len(text))

    # Each pattern runs only when its marker is in the text: most sentences have no date.
    if _ANY_DIGIT.search(text) and ("-" in text or "/" in text or "." in text):
        for match in _ISO_DATE.finditer(text):
            month, day = int(match.group("m")), int(match.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                taken.append(match.span())
                value = (int(match.group("y")), month, day)
                yield Quantity(Kind.DATE, value, match.group(0), *match.span())
    carried: tuple[int, int] | None = None  # (year, end) of the last date with its year
    for match in _DATE.finditer(text) if "月" in text else ():
        if not free(*match.span()):
            continue
        month = _small(match.group("m"))
        day = _small(match.group("d")) if match.group("d") else None
        before = _YEAR_BEFORE.search(text, max(0, match.start() - 8), match.start())
        given = _small(before.group("y")) if before and before.group("y") else None
        shift = _RELATIVE_YEAR[before.group("rel")] if before and before.group("rel") else 0
        if not month or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        if before is None and day is None and not match.group("m").isdigit():
            continue  # 一月 alone is too often "one month" (一个月 is caught by the measure)
        if given is None and carried and _RANGE_GAP.fullmatch(text, carried[1], match.start()):
            given = carried[0]  # 2024年1月20日至2月2日: the end is in 2024 too
        if given is not None:
            carried = (given, match.end())
        start = before.start() if before else match.start()
        taken.append((start, match.end()))
        yield Quantity(Kind.DATE, (given or (year + shift if year else None), month, day),
                       text[start : match.end()], start, match.end(), year_shift=shift)  # fmt: skip
        end = _RANGE_END.match(text, match.end()) if day is not None else None
        if end and 1 <= int(end.group("d")) <= 31:  # 11月11日至12日: the 12th of the same month
            taken.append(end.span("d"))
            value = (given or year, month, int(end.group("d")))
            yield Quantity(Kind.DATE, value, end.group(0).strip(" 至到和、"), *end.span("d"))
    days = text.count("日") + text.count("号")
    undated = days and days > sum(
        1 for start, end in taken if "日" in text[start:end] or "号" in text[start:end]
    )
    for match in _DAY_ONLY.finditer(text) if undated else ():
        if _not_a_day(text, match):
            continue  # 1号楼, 3日游, 嫦娥5号, 〔2023〕12号
        if free(*match.span()) and 1 <= int(match.group("d")) <= 31:
            taken.append(match.span())  # 11日: the month is the one the reader already has
            yield Quantity(Kind.DATE, (None, None, int(match.group("d"))), match.group(0),
                           *match.span())  # fmt: skip
    period_of_last: tuple[str, int] | None = None
    timed = ":" in text or "：" in text or "时" in text or "点" in text
    for match in _TIME.finditer(text) if timed else ():
        if free(*match.span()):
            period = match.group("p")
            if (
                period is None
                and period_of_last
                and _RANGE_GAP.fullmatch(text, period_of_last[1], match.start())
            ):
                period = period_of_last[0]  # 上午9点至11点: both in the morning
            quantity = _time(match, period, text)
            if quantity is not None:
                taken.append(match.span())
                period_of_last = (period, match.end()) if period else None
                yield quantity
    if "周" in text or "星期" in text or "礼拜" in text:
        for match in _WEEKDAY.finditer(text):
            if free(*match.span()):
                name = match.group(0)
                yield Quantity(Kind.WEEKDAY, chinese_weekdays()[name], name, *match.span())


def _not_a_day(text: str, match: re.Match[str]) -> bool:
    following = text[match.end() : match.end() + 1]
    previous = text[match.start() - 1 : match.start()] if match.start() else ""
    if following and following in _NOT_AFTER_DAY:
        return True
    return bool(previous) and (
        previous in "〕]）)第"
        or (HAN_CHAR.match(previous) is not None and previous not in _BEFORE_DAY)
    )


def _time(match: re.Match[str], period: str | None, text: str) -> Quantity | None:
    if match.group("h") is not None:
        hour, minute = int(match.group("h")), int(match.group("mm"))
    else:
        if (
            period is None
            and match.group("m2") is None
            and match.group("half") is None
            and not (
                match.group(0).endswith("时")
                and text[: match.start()].rstrip().endswith(("日", "号"))
            )
        ):
            # 3点 alone is more often "three points" than three o'clock; after a date
            # (12月31日24时, the deadline of a notice) an hour is an hour.
            return None
        hour = _small(match.group("h2")) or 0
        minute = 30 if match.group("half") else (_small(match.group("m2")) or 0)
    if (
        period
        and chinese_periods().get(period, _ONE_CHAR_PERIODS.get(period)) == "pm"
        and hour < 12
    ):
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    # 24时 ends the day that 0时 begins: "midnight on December 31" in English.
    return Quantity(Kind.TIME, (hour % 24, minute), match.group(0), *match.span())


def _small(text: str | None) -> int | None:
    if not text:
        return None
    value = parse_numeral(text)
    return int(value) if value is not None and value.denominator == 1 else None


def _numbers(text: str) -> Iterator[Quantity]:
    taken: list[tuple[int, int]] = []
    free = free_test(taken, len(text))

    specials = ((_PERCENT, Kind.PERCENT, "百分之"), (_FRACTION, Kind.FRACTION, "分之"),
                (_ORDINAL, Kind.ORDINAL, "第"))  # fmt: skip
    for pattern, kind, marker in specials:
        for match in pattern.finditer(text) if marker in text else ():
            quantity = _special(match, kind) if free(*match.span()) else None
            if quantity is not None:
                taken.append(match.span())
                yield quantity
                if kind is Kind.ORDINAL:
                    yield from _ordinal_list(text, match.end(), taken)
    for match in _DECADE.finditer(text) if "年代" in text or "0后" in text else ():
        if free(*match.span()):
            taken.append(match.span())
            decade = int(match.group("d") or match.group("d2")) % 100
            yield Quantity(Kind.DECADE, decade, match.group(0), *match.span())
    for match in _TENTHS.finditer(text) if "成" in text else ():
        if free(*match.span()):
            taken.append(match.span())
            value = DIGIT[match.group("n")] * 10
            yield Quantity(Kind.PERCENT, value, match.group(0), *match.span())
    for match in _SLASH.finditer(text) if "/" in text else ():
        num, den = int(match.group("num")), int(match.group("den"))
        if den and num < 1000 and free(*match.span()):
            taken.append(match.span())
            yield Quantity(Kind.FRACTION, Fraction(num, den), match.group(0), *match.span())
    for match in _RACE.finditer(text) if "秒" in text else ():
        if free(*match.span()):
            seconds = int(match.group("s")) + 60 * int(match.group("m") or 0)
            value = Fraction(seconds) + Fraction(int(match.group("cs") or 0), 100)
            taken.append(match.span())
            yield Quantity(Kind.NUMBER, value, match.group(0), *match.span())
    for match in _HALF.finditer(text) if "个半" in text else ():
        whole = parse_numeral(match.group("n"))
        if whole is not None and free(*match.span()):
            taken.append(match.span())
            value = Fraction(whole) + Fraction(1, 2)
            yield Quantity(Kind.NUMBER, value, match.group(0), *match.span(), soft=whole < 10)
    for match in _FIRST.finditer(text) if "首" in text else ():
        if free(*match.span()):
            taken.append(match.span())
            yield Quantity(Kind.ORDINAL, 1, "首", *match.span(), soft=True)
    for match in scan(_NUMBER, _NUMBER_OPENING, text):
        start = match.start()
        if (
            start >= 2
            and text[start - 1] == "-"
            and text[start - 2].isascii()
            and text[start - 2].isalpha()
        ):
            continue  # COVID-19: part of a name
        if free(*match.span()):
            quantity = _number(match, text)
            if quantity is not None:
                yield quantity


def _ordinal_list(text: str, end: int, taken: list[tuple[int, int]]) -> Iterator[Quantity]:
    """The rest of a list of ordinals: 第二、三名 is the 2nd and the 3rd."""
    while (more := _ORDINAL_MORE.match(text, end)) is not None:
        value = parse_numeral(more.group("n"))
        if value is None:
            return
        taken.append(more.span("n"))
        yield Quantity(Kind.ORDINAL, value, more.group("n"), *more.span("n"), soft=value < 10)
        end = more.end()


def _special(match: re.Match[str], kind: Kind) -> Quantity | None:
    if kind is Kind.FRACTION:
        den, num = parse_numeral(match.group("den")), parse_numeral(match.group("num"))
        if not den or num is None:
            return None
        if den == 1000:  # 千分之三 is 0.3 per cent
            return Quantity(Kind.PERCENT, Fraction(num) / 10, match.group(0), *match.span())
        return Quantity(
            kind,
            Fraction(num) / den,
            match.group(0),
            *match.span(),
            soft=not any(c.isdigit() for c in match.group(0)),
        )
    value = parse_numeral(match.group("n"))
    if value is None:
        return None
    written = match.group("n")
    return Quantity(
        kind, value, match.group(0), *match.span(), soft=not written[0].isdigit() and value < 10
    )


def _hedge_before(text: str, start: int) -> tuple[str | None, int]:
    """A hedge written just before a number (约460, 超过1200) and where it starts."""
    if not start or text[start - 1] not in _BEFORE_ENDS:
        return None, start  # most numbers are not hedged
    for size in (3, 2, 1):
        word = text[max(0, start - size) : start]
        if word in _BEFORE:
            return word, start - len(word)
    return None, start


def _number(match: re.Match[str], text: str) -> Quantity | None:
    written, mid, after, pct = match.group("n", "mid", "after", "pct")
    written = written.strip()
    if mid:
        written = written.replace(mid, "")  # 3000余万 is more than 30 million
    value = parse_numeral(written)
    if value is None:
        return None
    begin, end = match.start("n"), match.end()
    previous = text[begin - 1] if begin else ""
    if previous in ("数", "几") or (previous == "上" and written in ("百", "千", "万")):
        return None  # 数十, 几百, 上千: a magnitude, not a number
    digits = written[0].isdigit()
    letter = text[end : end + 1]  # 12C, 5G: read as uncertain (soft); 910B2 not at all
    glued = digits and letter.isalpha() and letter.isascii() and _glued_letter(text, end)
    if glued is None:
        return None  # 910B2, A100P: a model number
    before, start = _hedge_before(text, begin)
    if not digits and _not_a_count(text, written, end, before, after):
        return None
    qualifier = _BEFORE.get(before or "") or _AFTER.get(after or "") or _AFTER.get(mid or "")
    if qualifier is None and _LATE_HINT.intersection(text[end : end + 3]):
        late = _LATE_AFTER.match(text, end)  # 500人左右: after the measure word
        qualifier = _AFTER[late.group(1)] if late else None
    kind = Kind.PERCENT if pct else Kind.NUMBER
    if pct and pct.strip() == "‰":
        value = Fraction(value) / 10  # 1‰ is 0.1 per cent
    if text.startswith(_ORDINAL_AFTER, end):
        kind = Kind.ORDINAL  # the 20th anniversary, a first prize, a third title in a row
    if after in ("余", "多") and text[end : end + 1] in BIG_UNIT:
        value, end = value * BIG_UNIT[text[end]], end + 1  # 一百多万 is more than a million
    # 百万, 千亿, 万亿 with no digit before them are magnitudes ("millions of") as often as numbers.
    soft = glued or (
        not digits and (value < 10 or (len(written) > 1 and not written.strip(_UNITS)))
    )
    return Quantity(kind, value, text[start:end].strip(), start, end, qualifier, soft=soft)


_UNITS = "十百千万亿"


def _glued_letter(text: str, end: int) -> bool | None:
    """Whether digits ending at ``end`` carry one capital Latin letter (12C, 28G, 5G, 3D: a unit
    or a name, so the value is uncertain); None when the letter runs on into digits (910B2, a
    model number, no quantity at all). A unit (100m, 2PB, 100km) makes a plain value."""
    letter = text[end : end + 1]
    if not (letter.isascii() and letter.isalpha()):
        return False
    following = text[end + 1 : end + 2]
    if following.isascii() and following.isdigit():
        return None
    return letter.isupper() and not (following.isascii() and following.isalpha())


_ORDINAL_AFTER = ("周年", "等奖", "连冠", "连胜")


def _not_a_count(text: str, written: str, end: int, before: str | None, after: str | None) -> bool:
    """A numeral in words that is no quantity: a bare 万 (千万, 万一), 一 as "a" (一个), or a
    lone numeral with no measure word after it."""
    following = text[end : end + 1]
    if len(written) == 1 and written in "百千万亿" and not after and not before:
        return True
    if written == "十" and not after and following not in MEASURES:
        return True
    return (
        len(written) == 1
        and written not in "十百千万亿"
        and (written == "一" or not following or following not in MEASURES)
        and not text.startswith(("等奖", "连冠", "连胜"), end)
    )
