"""Quantities in English text: numerals with separators and scale words, number words,
percentages, ordinals, fractions, approximations, currency, dates, times and weekdays.

Words are read from one pass over the text's tokens rather than with a regular expression per
vocabulary: long alternations of words are slow in Python's ``re``, and most sentences hold a
number or two that every pattern would otherwise scan for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from functools import cache
from operator import itemgetter

from bilingual.text import ascii_digits
from bilingual.values.model import Kind, Qualifier, Quantity
from bilingual.values.names import english_months, english_weekdays
from bilingual.values.spans import free_test

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "inaugural": 1,
}  # fmt: skip
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10,
                "tenths": 10}  # fmt: skip
MULTIPLIERS = {"twice": 2, "thrice": 3, "decade": 10, "dozen": 12}
QUALIFIERS = {
    "more than": Qualifier.MORE, "over": Qualifier.MORE, "above": Qualifier.MORE,
    "in excess of": Qualifier.MORE, "upwards of": Qualifier.MORE, "at least": Qualifier.MORE,
    "as many as": Qualifier.MORE, "no fewer than": Qualifier.MORE,
    "no less than": Qualifier.MORE, "about": Qualifier.ABOUT, "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT, "roughly": Qualifier.ABOUT, "some": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT, "nearly": Qualifier.NEARLY, "almost": Qualifier.NEARLY,
    "close to": Qualifier.NEARLY, "just under": Qualifier.NEARLY,
    "fewer than": Qualifier.LESS, "less than": Qualifier.LESS, "under": Qualifier.LESS,
    "up to": Qualifier.LESS, "no more than": Qualifier.LESS, "not more than": Qualifier.LESS,
    "at most": Qualifier.LESS, "not less than": Qualifier.MORE,
}  # fmt: skip
#: The last word of each hedge, and currencies that may stand between a hedge and its number.
_HEDGES_BY_LAST: dict[str, list[list[str]]] = {}
for _phrase in sorted(QUALIFIERS, key=len, reverse=True):
    _HEDGES_BY_LAST.setdefault(_phrase.split()[-1], []).append(_phrase.split())
_CURRENCY_WORDS = frozenset({"rmb", "cny", "usd", "us$", "hk$", "$", "¥", "￥", "€", "£"})
#: A run of digits with separators, found by a plain scan; its shape and what follows it (an
#: ordinal suffix, a scale word, a percent sign) are then read where it ends.
_NUM_RUN = re.compile(r"[0-9][0-9,.]*")
_NUM_SHAPE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_NUM_SUFFIX = re.compile(
    r"(?P<ord>st|nd|rd|th)\b|(?:[ \t]{0,2}-?[ \t]{0,2}(?P<scale>thousand|million|billion|"
    r"trillion|bn|mn)\b)?(?P<pct>[ \t]{0,2}%|[ \t]{0,2}per[ \t]{0,2}cent\b|[ \t]{0,2}percent\b)?",
    re.IGNORECASE,
)
_ACADEMIC_YEAR = re.compile(r"(?P<y>[12][0-9]{3})[-–/](?P<yy>[0-9]{2})(?![0-9])")
#: 3/4, not the 2/1 of "1.2/1.3" (two decimals side by side).
_SLASH_FRACTION = re.compile(r"(?<![0-9/.])(?P<num>[0-9]+)/(?P<den>[0-9]+)(?![0-9/]|\.[0-9])")
#: The year's first digit stands alone so that ``re`` skips to digits: a pattern opening on a
#: repeat ([0-9]{4}) is tried at every position of the text.
_ISO_DATE = re.compile(r"(?P<y>[0-9][0-9]{3})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})(?![0-9])")
_CLOCK = re.compile(
    r"(?<![0-9:.])(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)"
    r"|(?<![0-9:])(?P<h24>[0-9]{1,2}):(?P<m24>[0-9]{2})(?![0-9])(?!:[0-9])",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[a-z]+")
_AM_PM = re.compile(r"[0-9]\s*[ap]\.?m\b", re.IGNORECASE)
_ANY_DIGIT = re.compile(r"[0-9]")
_DAY_AFTER = re.compile(
    r"\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?:,?\s+(?P<y>[0-9]{4})(?![0-9]))?"
)
_YEAR_AFTER = re.compile(r"\.?,?\s+(?P<y>[0-9]{4})(?![0-9])")
_DAY_BEFORE = re.compile(r"(?<![0-9])(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_RANGE_END = re.compile(
    r"\s*(?:to|and|through|-|–|—)\s*(?P<d>[0-9]{1,2})(?![0-9:.,]*[0-9])(?!\s*(?:a\.m|p\.m|am|pm|%))"
)
#: A race time: 3:21.07 is 3 minutes 21.07 seconds, not a time of day.
_RACE = re.compile(r"(?<![0-9:])(?P<m>[0-9]{1,2}):(?P<s>[0-9]{2})\.(?P<cs>[0-9]{1,2})(?![0-9])")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_CLOCK_RANGE = re.compile(
    r"(?<![0-9:])(?P<h1>[0-9]{1,2})(?::(?P<m1>[0-9]{2}))?\s*(?:-|–|—|to)\s*"
    r"(?P<h2>[0-9]{1,2})(?::(?P<m2>[0-9]{2}))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)",
    re.IGNORECASE,
)
#: The 1990s, the '90s, the 90s, in their 30s. Two digits alone need the word before them:
#: "P99 <= 30s" and "80~90s" are seconds.
_DECADE = re.compile(r"(?<![0-9])(?:(?P<d>[0-9]{3}0)|'(?P<a>[0-9]0)|(?P<b>[0-9]0))s\b")
_DECADE_BEFORE = re.compile(
    r"\b(?:the|their|his|her|its|our|my|your|early|late|mid)[\s-]+$", re.IGNORECASE
)
_DAY_RANGE_BEFORE = re.compile(r"(?<![0-9])(?P<d>[0-9]{1,2})\s*(?:-|–|—|to)\s*$")
_FEW = re.compile(r"\b(?:several|few|many)\s+$", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
#: Words after which a month name standing alone is the month, not a verb or a name.
_MAY_CONTEXT = re.compile(
    r"(?:in|since|until|till|by|from|to|through|early|late|mid|this|last|next|of|on|before|"
    r"after|during|and|or|April|June)[\s,-]+$",
    re.IGNORECASE,
)
_NOON = {"noon": 12, "midday": 12, "midnight": 0}
#: Shopping festivals named by their date: Double Eleven (双十一) is 11 November.
_DOUBLE_DAY = re.compile(
    r"\b[Dd]ouble[ -]?(?P<d>[Ee]leven|11|[Tt]welve|12)\b|\b(?P<s>Singles'?|Singles’) Day\b"
)
#: "first of all" is a connective, not the first of anything.
#: "one second", "a second": the unit of time, not the ordinal.
_SECOND_OF_TIME = re.compile(r"(?:\bone|\ba|\bper|[0-9])\s+$", re.IGNORECASE)
_NOT_ORDINAL = re.compile(r"\s+of\s+all\b", re.IGNORECASE)


@cache
def _vocabulary() -> frozenset[str]:
    """Every word that can start or make a quantity, to skip sentences that have none."""
    return frozenset(
        [*UNITS, *SCALES, *ORDINALS, *DENOMINATORS, *MULTIPLIERS, *_NOON,
         *english_months(), *english_weekdays(), *(d + "s" for d in english_weekdays())]
    )  # fmt: skip


@cache
def _ascii_vocabulary() -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in _vocabulary())


#: Every byte but a-z as a space: the words of ASCII text are then what ``split`` returns.
_NOT_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def parse_words(words: str) -> int | None:
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
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def extract(text: str, year: int | None = None) -> list[Quantity]:
    """Every quantity in English ``text``, in order. Dates without a year take ``year``."""
    text = ascii_digits(text)
    tokens = _tokens(text)
    digits = _ANY_DIGIT.search(text) is not None
    if not tokens and not digits:
        return []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    free = free_test(taken, len(text))
    for quantity in _dates_and_times(text, tokens, digits, year):
        if free(quantity.start, quantity.end):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    for quantity in _numbers(text, tokens, digits, taken, free):
        if free(quantity.start, quantity.end):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    found.sort(key=lambda q: q.start)
    return found


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """The words of ``text`` that can take part in a quantity: (word, lower-case, start, end).

    A set intersection finds which vocabulary words occur at all (most sentences have one or
    two); only those are then located, by plain string search. ASCII text is split into its
    words as bytes, several times cheaper than a regular expression listing them.
    """
    lowered = text.lower()
    if lowered.isascii():
        words = lowered.encode("ascii").translate(_NOT_LETTERS).split()
        present = {word.decode("ascii") for word in _ascii_vocabulary().intersection(words)}
    else:
        present = _vocabulary().intersection(_LETTERS.findall(lowered))
    if not present:
        return []
    found = []
    size = len(lowered)
    for word in present:
        start = lowered.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not lowered[start - 1].isalpha()) and (
                end == size or not lowered[end].isalpha()
            ):
                while end < size - 1 and lowered[end] == "-" and lowered[end + 1].isalpha():
                    end += 1  # twenty-first, two-thirds, Five-Year: one token
                    while end < size and lowered[end].isalpha():
                        end += 1
                found.append((text[start:end], lowered[start:end], start, end))
            start = lowered.find(word, start + 1)
    found.sort(key=itemgetter(2))
    tokens: list[tuple[str, str, int, int]] = []
    for token in found:  # drop "first" found again inside "twenty-first"
        if not tokens or token[2] >= tokens[-1][3]:
            tokens.append(token)
    return tokens


def _hedge(text: str, start: int) -> tuple[Qualifier | None, int]:
    """The hedge just before ``start`` ("more than 700") and where it begins."""
    window = text[max(0, start - 30) : start]
    words = window.lower().split()
    if words and words[-1] in _CURRENCY_WORDS:
        words.pop()
    if not words or words[-1] not in _HEDGES_BY_LAST:
        return None, start  # most numbers are not hedged
    for phrase in _HEDGES_BY_LAST.get(words[-1], ()):
        if words[-len(phrase) :] == phrase:
            # Where the hedge begins: its first word, searched back from the number.
            begin = window.lower().rfind(phrase[0], 0, len(window))
            return QUALIFIERS[" ".join(phrase)], start - len(window) + max(begin, 0)
    return None, start


def _dates_and_times(
    text: str, tokens: list[tuple[str, str, int, int]], digits: bool, year: int | None
) -> Iterator[Quantity]:
    if digits and ("-" in text or "/" in text or "." in text):
        for match in _ISO_DATE.finditer(text):
            if match.start() and text[match.start() - 1].isdigit():
                continue
            month, day = int(match.group("m")), int(match.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                value = (int(match.group("y")), month, day)
                yield Quantity(Kind.DATE, value, match.group(0), *match.span())
    if digits and ":" in text:
        for match in _RACE.finditer(text):
            seconds = int(match.group("m")) * 60 + int(match.group("s"))
            value = Fraction(seconds) + Fraction(
                int(match.group("cs")), 10 ** len(match.group("cs"))
            )
            yield Quantity(Kind.NUMBER, value, match.group(0), *match.span())
    am_pm = digits and _AM_PM.search(text) is not None
    if am_pm:
        for match in _CLOCK_RANGE.finditer(text):  # 9-11 a.m.: both ends in the morning
            yield from _clock_range(match)
    if digits and "0s" in text:  # every decade ends so: 1990s, '90s
        for match in _DECADE.finditer(text):
            if match.group("b") and not _DECADE_BEFORE.search(
                text, max(0, match.start() - 8), match.start()
            ):
                continue
            decade = int(match.group("d") or match.group("a") or match.group("b")) % 100
            yield Quantity(Kind.DECADE, decade, match.group(0), *match.span())
    if digits and (":" in text or am_pm):
        for match in _CLOCK.finditer(text):
            quantity = _clock(match)
            if quantity is not None:
                yield quantity
    if "ouble" in text or "ingles" in text:
        for match in _DOUBLE_DAY.finditer(text):
            day = 12 if match.group("d") and match.group("d").lower() in ("twelve", "12") else 11
            yield Quantity(Kind.DATE, (year, day, day), match.group(0), *match.span())
    months, weekdays = english_months(), english_weekdays()
    for word, lower, start, end in tokens:
        if lower in months and word[0].isupper():
            quantity = _date(text, word, lower, start, end, year)
            if quantity is not None:
                yield from _with_range(text, quantity, year)
        elif (day := lower[:-1] if lower.endswith("days") else lower) in weekdays:
            if word[0].isupper() and (len(day) > 3 or text[end : end + 1] == "."):
                yield Quantity(Kind.WEEKDAY, weekdays[day], word, start, end)  # Saturdays too
        elif lower in _NOON:
            yield Quantity(Kind.TIME, (_NOON[lower], 0), word, start, end)


def _with_range(text: str, first: Quantity, year: int | None) -> Iterator[Quantity]:
    """A date and the other end of its range: June 27 to 29, January 20-22, 2024 (the year
    after the range is both ends' year), 20-22 November."""
    given, month, day = first.value  # type: ignore[misc]
    more = _RANGE_END.match(text, first.end) if day is not None else None
    if more and 1 <= int(more.group("d")) <= 31:
        tail = _YEAR_AFTER.match(text, more.end())
        if tail and (given is None or given == year):
            given = int(tail.group("y"))
            first = first._replace(value=(given, month, day))
        yield first
        end = tail.end() if tail else more.end()
        yield Quantity(Kind.DATE, (given, month, int(more.group("d"))), text[more.start("d") : end],
                       more.start("d"), end)  # fmt: skip
        return
    yield first
    start_range = _DAY_RANGE_BEFORE.search(text, max(0, first.start - 8), first.start)
    if day is not None and start_range and 1 <= int(start_range.group("d")) <= 31:
        value = (given, month, int(start_range.group("d")))  # 20-22 November
        yield Quantity(Kind.DATE, value, start_range.group("d"), *start_range.span("d"))


def _date(
    text: str, word: str, lower: str, start: int, end: int, year: int | None
) -> Quantity | None:
    month = english_months()[lower]
    after = _DAY_AFTER.match(text, end)
    if after and int(after.group("d")) >= 1:  # April 2, 2023 / Apr. 2 (April 34 is a bad date)
        given = int(after.group("y")) if after.group("y") else None
        value = (given or year, month, int(after.group("d")))
        return Quantity(Kind.DATE, value, text[start : after.end()], start, after.end())
    before = _DAY_BEFORE.search(text, max(0, start - 12), start)
    if before and 1 <= int(before.group("d")) <= 31:  # 2 April 2023
        tail = _YEAR_AFTER.match(text, end)
        stop = tail.end() if tail else end
        given = int(tail.group("y")) if tail else None
        value = (given or year, month, int(before.group("d")))
        return Quantity(Kind.DATE, value, text[before.start() : stop], before.start(), stop)
    tail = _YEAR_AFTER.match(text, end)
    if tail:  # April 2023
        return Quantity(Kind.DATE, (int(tail.group("y")), month, None), text[start : tail.end()],
                        start, tail.end())  # fmt: skip
    if len(lower) <= 4 and lower not in ("may", "june", "july"):
        return None  # "Mar" alone is not a date
    if word.isupper() or not _MAY_CONTEXT.search(text, max(0, start - 12), start):
        return None  # a month alone is a date after "in", "since"...: May, June, April are
        # also a verb and names, and MAY a keyword (RFC 2119)
    if word == "March" and (
        text[max(0, start - 5) : start] == "Long " or text.startswith(" of the", end)
    ):
        return None  # the Long March, "March of the Volunteers"
    shift = _RELATIVE.get(text[max(0, start - 5) : start].lower().strip(), 0)
    given = year + shift if year is not None else None
    return Quantity(Kind.DATE, (given, month, None), word, start, end, year_shift=shift)


#: "last October" is the October of the year before, as 去年10月.
_RELATIVE = {"last": -1, "next": 1}


def _clock_range(match: re.Match[str]) -> Iterator[Quantity]:
    afternoon = match.group("ap").lower().startswith("p")
    first_end = match.end("m1") if match.group("m1") else match.end("h1")
    spans = ((match.start("h1"), first_end), (match.start("h2"), match.end()))
    for (hour_group, minute_group), (start, end) in zip(
        (("h1", "m1"), ("h2", "m2")), spans, strict=True
    ):
        hour, minute = int(match.group(hour_group)), int(match.group(minute_group) or 0)
        if 1 <= hour <= 12 and minute < 60:
            hour = (hour % 12) + (12 if afternoon else 0)
            yield Quantity(Kind.TIME, (hour, minute), match.string[start:end], start, end)


def _clock(match: re.Match[str]) -> Quantity | None:
    if match.group("h24") is not None:
        hour, minute = int(match.group("h24")), int(match.group("m24"))
    else:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        if not 1 <= hour <= 12:
            return None
        hour = (hour % 12) + (12 if match.group("ap").lower().startswith("p") else 0)
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return Quantity(Kind.TIME, (hour, minute), match.group(0), *match.span())


def _numbers(
    text: str,
    tokens: list[tuple[str, str, int, int]],
    digits: bool,
    taken: list[tuple[int, int]],
    free: Callable[[int, int], bool],
) -> Iterator[Quantity]:
    if digits and "/" in text:
        for match in _SLASH_FRACTION.finditer(text):
            num, den = int(match.group("num")), int(match.group("den"))
            if den and not (num >= 1000 and (den >= 1000 or den == (num + 1) % 100)):
                yield Quantity(Kind.FRACTION, Fraction(num, den), match.group(0), *match.span())
    if digits:
        for match in _NUM_RUN.finditer(text):
            if taken and not free(match.start(), match.end()):
                continue  # the 2 of April 2: part of a date already read
            years = _ACADEMIC_YEAR.match(text, match.start())
            if years:  # the 2023-24 academic year: 2023 and 2024
                first = int(years.group("y"))
                second = first // 100 * 100 + int(years.group("yy"))
                second += 100 if second < first else 0
                yield Quantity(Kind.NUMBER, first, years.group("y"), *years.span("y"))
                yield Quantity(Kind.NUMBER, second, years.group("yy"), *years.span("yy"))
                continue
            quantity = _digits(match, text)
            if quantity is not None:
                yield quantity
    yield from _word_numbers(text, tokens)


def _in_code(text: str, start: int) -> bool:
    """Digits after a word and a hyphen belong to a name or code: COVID-19, ICOET-2023."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


def _decimal(text: str) -> Fraction | int:
    whole, _, part = text.replace(",", "").partition(".")
    return Fraction(int(whole + part), 10 ** len(part)) if part else int(whole)


def _digits(match: re.Match[str], text: str) -> Quantity | None:
    start = match.start()
    if (
        start
        and text[start - 1].isalnum()
        and text[start - 1].isascii()
        and not text[max(0, start - 3) : start].upper().endswith(("RMB", "CNY", "USD"))
    ):
        return None  # A4, x2: part of a word (but RMB300 is money)
    if _in_code(text, start):
        return None
    shape = _NUM_SHAPE.match(text, start, match.end())
    if shape is None:
        return None
    end = shape.end()
    suffix = _NUM_SUFFIX.match(text, end)
    stop = suffix.end() if suffix else end
    after = text[stop : stop + 2]
    if after[:1].isdigit():
        return None
    # 5G, 3D, 12C, 28G: a name or a unit, an uncertain value; 910B2 a model number, no value;
    # 100m, 38kg, 28GB are quantities.
    glued = after[:1].isupper() and after[:1].isascii()
    if glued and after[1:2].isascii() and after[1:2].isdigit():
        return None
    glued = glued and not (after[1:2].isalpha() and after[1:2].isascii())
    if len(shape.group()) > 40:
        return None  # not a quantity anyone writes; and int() refuses very long digit strings
    value = _decimal(shape.group())
    kind = Kind.NUMBER
    if suffix and suffix.group("ord"):
        kind = Kind.ORDINAL
    elif suffix and suffix.group("scale"):
        value *= SCALES[suffix.group("scale").lower()]
    if suffix and suffix.group("pct"):
        kind = Kind.PERCENT
    qualifier, begin = _hedge(text, start)
    return Quantity(kind, value, text[begin:stop].strip(), begin, stop, qualifier, soft=glued)


def _word_numbers(text: str, tokens: list[tuple[str, str, int, int]]) -> Iterator[Quantity]:
    index = 0
    while index < len(tokens):
        _, lower, start, end = tokens[index]
        parts = lower.split("-")
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        adjacent = nxt is not None and text[end : nxt[2]].strip() == ""
        if lower in DENOMINATORS and text[max(0, start - 2) : start].lower() == "a ":
            value = Fraction(1, DENOMINATORS[lower])  # a third, a quarter
            yield Quantity(Kind.FRACTION, value, text[start - 2 : end], start - 2, end, soft=True)
        elif lower in MULTIPLIERS:
            yield Quantity(Kind.NUMBER, MULTIPLIERS[lower], text[start:end], start,
                           end, soft=True)  # fmt: skip
        elif len(parts) == 2 and parts[0] in UNITS and parts[1] in DENOMINATORS:
            value = Fraction(UNITS[parts[0]], DENOMINATORS[parts[1]])  # two-thirds, one-tenth
            yield Quantity(Kind.FRACTION, value, text[start:end], start, end, soft=True)
        elif parts[-1] in ORDINALS and (len(parts) == 1 or parts[0] in UNITS):
            if not (
                (lower == "first" and _NOT_ORDINAL.match(text, end))
                or (lower == "second" and _SECOND_OF_TIME.search(text, max(0, start - 8), start))
            ):
                value = ORDINALS[parts[-1]] + (UNITS[parts[0]] if len(parts) == 2 else 0)
                yield Quantity(Kind.ORDINAL, value, text[start:end], start, end,
                               soft=value < 10)  # fmt: skip
        elif (
            lower in UNITS and adjacent and nxt is not None
            and nxt[1] in DENOMINATORS and UNITS[lower] < 10
        ):  # fmt: skip
            value = Fraction(UNITS[lower], DENOMINATORS[nxt[1]])  # one third, two fifths
            yield Quantity(Kind.FRACTION, value, text[start : nxt[3]], start, nxt[3], soft=True)
            index += 1
        elif lower in SCALES and text[max(0, start - 2) : start].strip()[-1:].isdigit():
            pass  # "740 million" is read with its digits
        elif all(p in UNITS or p in SCALES for p in parts):
            index, quantity = _word_run(text, tokens, index)
            if quantity is not None:
                yield quantity
        elif len(parts) > 1 and parts[0] in UNITS and UNITS[parts[0]] > 1:
            value = UNITS[parts[0]]  # Five-Year Plan, a three-day event
            stop = start + len(parts[0])
            yield Quantity(Kind.NUMBER, value, text[start:stop], start, stop, soft=value < 10)
        index += 1


def _word_run(
    text: str, tokens: list[tuple[str, str, int, int]], index: int
) -> tuple[int, Quantity | None]:
    """Number words from ``tokens[index]`` on ("one hundred and five"); the last index used."""
    start, end = tokens[index][2], tokens[index][3]
    last = index
    while last + 1 < len(tokens):
        _, lower, nstart, nend = tokens[last + 1]
        gap = text[end:nstart].strip().lower()
        if gap not in ("", "and") or not all(p in UNITS or p in SCALES for p in lower.split("-")):
            break
        last, end = last + 1, nend
    if _FEW.search(text, max(0, start - 10), start):
        return last, None  # several hundred, a few thousand: a magnitude, not a number
    value: Fraction | int | None = parse_words(text[start:end])
    half = _AND_A_HALF.match(text, end)
    if value is not None and half:  # two and a half
        value, end = value + Fraction(1, 2), half.end()
        if last + 1 < len(tokens) and tokens[last + 1][2] < end:
            last += 1  # the "half" token is part of this number
    if value is None or value == 1:
        return last, None  # "one" is mostly "a" (one of, one-stop): not a count to compare
    percent = _PERCENT_AFTER.match(text, end)
    if percent:
        end = percent.end()
    qualifier, begin = _hedge(text, start)
    kind = Kind.PERCENT if percent else Kind.NUMBER
    return last, Quantity(kind, value, text[begin:end], begin, end, qualifier, soft=value < 10)
