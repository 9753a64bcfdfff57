"""Quantities in English text: numerals with separators and scale words, number words,
percentages, ordinals, fractions, approximations, currency, dates, times and weekdays."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from functools import cache

from bilingual.text import ascii_digits
from bilingual.values.model import Kind, Qualifier, Quantity
from bilingual.values.names import english_months, english_weekdays

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
MULTIPLIERS = {"twice": 2, "thrice": 3}
QUALIFIERS = {
    "more than": Qualifier.MORE,
    "over": Qualifier.MORE,
    "above": Qualifier.MORE,
    "in excess of": Qualifier.MORE,
    "upwards of": Qualifier.MORE,
    "at least": Qualifier.MORE,
    "as many as": Qualifier.MORE,
    "no fewer than": Qualifier.MORE,
    "no less than": Qualifier.MORE,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "nearly": Qualifier.NEARLY,
    "almost": Qualifier.NEARLY,
    "close to": Qualifier.NEARLY,
    "just under": Qualifier.NEARLY,
    "fewer than": Qualifier.LESS,
    "less than": Qualifier.LESS,
    "under": Qualifier.LESS,
    "up to": Qualifier.LESS,
}
_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_CURRENCY = r"(?:RMB|CNY|USD|US\$|HK\$|\$|¥|￥|€|£)"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn)"
_PERCENT = r"(?:\s*%|\s*per\s*cent\b|\s*percent\b|\s*pct\b)"
_DIGITS = re.compile(
    rf"(?:(?P<before>{_QUAL})\s+)?(?:{_CURRENCY}\s?)?"
    rf"(?<![A-Za-z0-9.,])(?P<n>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    rf"(?:(?P<ord>st|nd|rd|th)\b|(?:\s*-?\s*(?P<scale>{_SCALE})\b)?(?P<pct>{_PERCENT})?"
    rf"(?![A-Za-z0-9]))",
    re.IGNORECASE,
)
_WORD = "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True))
_WORDS = re.compile(
    rf"(?:(?P<before>{_QUAL})\s+)?(?:{_CURRENCY}\s?)?"
    rf"\b(?P<n>(?:a\s+(?=hundred|thousand|million|billion))?(?:{_WORD})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_WORD}))*)\b(?P<pct>{_PERCENT})?",
    re.IGNORECASE,
)
_ORDINAL_WORDS = re.compile(
    rf"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?"
    rf"(?P<o>{'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    rf"\b(?P<num>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    rf"(?P<den>{'|'.join(sorted(DENOMINATORS, key=len, reverse=True))})\b"
    r"|(?<![0-9/])(?P<dnum>[0-9]+)/(?P<dden>[0-9]+)(?![0-9/])",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(r"\b(?P<m>twice|thrice)\b", re.IGNORECASE)
_ISO_DATE = re.compile(
    r"(?<![0-9])(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})(?![0-9])"
)
_TIME = re.compile(
    r"\b(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
    r"|(?<![0-9:])(?P<h24>[0-9]{1,2}):(?P<m24>[0-9]{2})(?![0-9])(?!:[0-9])"
    r"|\b(?P<word>noon|midday|midnight)\b",
    re.IGNORECASE,
)
#: Words after which "May" is the month, not the verb.
_MAY_CONTEXT = re.compile(
    r"(?:in|since|until|till|by|from|to|through|early|late|mid|this|"
    r"last|next|of|on|before|after|during)[\s-]+$",
    re.IGNORECASE,
)


@cache
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted(english_months(), key=len, reverse=True))
    day = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<y>[0-9]{4})"
    month_day = re.compile(
        rf"\b(?P<mon>{months})\.?\s+{day}(?![0-9])(?:,?\s+{year}(?![0-9]))?", re.IGNORECASE
    )
    day_month = re.compile(
        rf"(?<![0-9]){day}\s+(?:of\s+)?(?P<mon>{months})\b\.?(?:,?\s+{year}(?![0-9]))?",
        re.IGNORECASE,
    )
    month_year = re.compile(rf"\b(?P<mon>{months})\.?,?\s+{year}(?![0-9])", re.IGNORECASE)
    wide = "|".join(
        m.capitalize() for m in english_months() if len(m) > 4 or m in ("june", "july", "may")
    )
    month = re.compile(rf"\b(?P<mon>{wide})\b")  # capitalised only: "may" is a verb
    return month_day, day_month, month_year, month


@cache
def _weekday_pattern() -> re.Pattern[str]:
    wide = [n for n in english_weekdays() if len(n) > 3]
    short = [n for n in english_weekdays() if len(n) <= 3]
    return re.compile(rf"\b(?P<w>{'|'.join(wide)})\b|\b(?P<s>{'|'.join(short)})\.", re.IGNORECASE)


def parse_words(words: str) -> Fraction | None:
    """The value of English number words: "seven hundred", "twelve thousand", "a million"."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = current or 1
            continue
        if word in UNITS:
            current += UNITS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return Fraction(total + current) if seen else None


def extract(text: str, year: int | None = None) -> list[Quantity]:
    """Every quantity in English ``text``, in order. Dates without a year take ``year``."""
    text = ascii_digits(text)
    chars = list(text)
    found: list[Quantity] = []
    for quantity in _dates_and_times(text, year):
        found.append(quantity)
        chars[quantity.start : quantity.end] = " " * (quantity.end - quantity.start)
    found.extend(_numbers("".join(chars)))
    found.sort(key=lambda q: q.start)
    return found


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and end > a for a, b in taken)


def _dates_and_times(text: str, year: int | None) -> Iterator[Quantity]:
    taken: list[tuple[int, int]] = []
    months = english_months()
    month_day, day_month, month_year, month_alone = _date_patterns()
    for match in _ISO_DATE.finditer(text):
        m, d = int(match.group("m")), int(match.group("d"))
        if 1 <= m <= 12 and 1 <= d <= 31:
            taken.append(match.span())
            yield Quantity(Kind.DATE, (int(match.group("y")), m, d), match.group(0), *match.span())
    for pattern in (month_day, day_month, month_year):
        for match in pattern.finditer(text):
            if _overlaps(taken, *match.span()):
                continue
            groups = match.groupdict()
            day = int(groups["d"]) if groups.get("d") else None
            if day is not None and not 1 <= day <= 31:
                continue
            given = int(groups["y"]) if groups.get("y") else None
            taken.append(match.span())
            yield Quantity(
                Kind.DATE,
                (given or year, months[groups["mon"].lower()], day),
                match.group(0),
                *match.span(),
            )
    for match in month_alone.finditer(text):
        if _overlaps(taken, *match.span()):
            continue
        if match.group("mon") == "May" and not _MAY_CONTEXT.search(text[: match.start()]):
            continue
        taken.append(match.span())
        yield Quantity(
            Kind.DATE,
            (year, months[match.group("mon").lower()], None),
            match.group(0),
            *match.span(),
        )
    for match in _TIME.finditer(text):
        if not _overlaps(taken, *match.span()):
            quantity = _time(match)
            if quantity is not None:
                taken.append(match.span())
                yield quantity
    for match in _weekday_pattern().finditer(text):
        if not _overlaps(taken, *match.span()):
            name = (match.group("w") or match.group("s")).lower()
            yield Quantity(Kind.WEEKDAY, english_weekdays()[name], match.group(0), *match.span())


def _time(match: re.Match[str]) -> Quantity | None:
    if match.group("word"):
        hour = 0 if match.group("word").lower() == "midnight" else 12
        return Quantity(Kind.TIME, (hour, 0), match.group(0), *match.span())
    if match.group("h24") is not None:
        hour, minute = int(match.group("h24")), int(match.group("m24"))
    else:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        afternoon = match.group("ap").lower().startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = (hour % 12) + (12 if afternoon else 0)
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return Quantity(Kind.TIME, (hour, minute), match.group(0), *match.span())


def _numbers(text: str) -> Iterator[Quantity]:
    taken: list[tuple[int, int]] = []
    for match in _FRACTION.finditer(text):
        if match.group("dnum"):
            num, den = int(match.group("dnum")), int(match.group("dden"))
            soft = False
        else:
            word = match.group("num").lower()
            num = 1 if word == "a" else UNITS[word]
            den, soft = DENOMINATORS[match.group("den").lower()], True
        if den:
            taken.append(match.span())
            yield Quantity(
                Kind.FRACTION, Fraction(num, den), match.group(0), *match.span(), soft=soft
            )
    for match in _DIGITS.finditer(text):
        if not _overlaps(taken, *match.span("n")):
            quantity = _digits(match)
            taken.append(match.span())
            yield quantity
    for match in _ORDINAL_WORDS.finditer(text):
        if not _overlaps(taken, *match.span()):
            value = ORDINALS[match.group("o").lower()]
            if match.group("tens"):
                value += UNITS[match.group("tens").lower()]
            taken.append(match.span())
            yield Quantity(
                Kind.ORDINAL, Fraction(value), match.group(0), *match.span(), soft=value < 10
            )
    for match in _WORDS.finditer(text):
        if not _overlaps(taken, *match.span("n")):
            quantity = _words(match)
            if quantity is not None:
                taken.append(match.span())
                yield quantity
    for match in _MULTIPLIER.finditer(text):
        if not _overlaps(taken, *match.span()):
            yield Quantity(
                Kind.NUMBER,
                Fraction(MULTIPLIERS[match.group("m").lower()]),
                match.group(0),
                *match.span(),
                soft=True,
            )


def _digits(match: re.Match[str]) -> Quantity:
    value = Fraction(match.group("n").replace(",", ""))
    scale = (match.group("scale") or "").lower()
    if scale:
        value *= SCALES.get(scale, {"bn": 1_000_000_000, "mn": 1_000_000}.get(scale, 1))
    kind = Kind.NUMBER
    if match.group("ord"):
        kind = Kind.ORDINAL
    elif match.group("pct"):
        kind = Kind.PERCENT
    before = match.group("before")
    qualifier = QUALIFIERS.get(" ".join(before.lower().split())) if before else None
    start = match.start() if before else match.start("n")
    return Quantity(
        kind, value, match.group(0)[start - match.start() :].strip(), start, match.end(), qualifier
    )


def _words(match: re.Match[str]) -> Quantity | None:
    words = match.group("n")
    value = parse_words(words)
    if value is None or value == 1:
        return None  # "one" is mostly "a" (one of, one-stop): not a count worth comparing
    before = match.group("before")
    qualifier = QUALIFIERS.get(" ".join(before.lower().split())) if before else None
    kind = Kind.PERCENT if match.group("pct") else Kind.NUMBER
    start = match.start() if before else match.start("n")
    return Quantity(
        kind,
        value,
        match.group(0)[start - match.start() :].strip(),
        start,
        match.end(),
        qualifier,
        soft=value < 10,
    )
