"""Quantities found in text: numbers, percentages, ordinals, fractions, dates, times, weekdays."""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple


class Kind(StrEnum):
    """What a quantity is; values of different kinds never match."""

    NUMBER = "number"
    PERCENT = "percent"
    ORDINAL = "ordinal"
    FRACTION = "fraction"
    DATE = "date"
    TIME = "time"
    WEEKDAY = "weekday"
    #: A decade by its last two digits: the 1990s, 90年代, 90后 are all 90.
    DECADE = "decade"
    #: A software version, compared as written: v1.30, 1.14.0, 版本1.30 ("1.30" is not 1.3).
    VERSION = "version"


#: Kinds that ``number-mismatch`` compares; the others belong to ``date-mismatch``.
NUMERIC = frozenset(
    {Kind.NUMBER, Kind.PERCENT, Kind.ORDINAL, Kind.FRACTION, Kind.DECADE, Kind.VERSION}
)


class Qualifier(StrEnum):
    """How a number is hedged: 七百余 / "more than 700" are both ``MORE``."""

    MORE = "more than"
    ABOUT = "about"
    NEARLY = "nearly"
    LESS = "less than"


#: A date is (year, month, day), any of which may be unknown; a time is (hour, minute) on a
#: 24-hour clock; a weekday is 0 (Monday) to 6 (Sunday); a version is its digits and dots.
#: Numbers are ints when whole (cheaper, and equal to the same Fraction) and Fractions when not.
Value = Fraction | tuple[int | None, int | None, int | None] | tuple[int, int] | int | str


class Quantity(NamedTuple):
    """One quantity: its kind and value, where it stands in the text, and how it was written.

    A named tuple rather than a dataclass: texts hold thousands of them, and a tuple is several
    times cheaper to make.
    """

    kind: Kind
    value: Value
    text: str
    start: int
    end: int
    qualifier: Qualifier | None = None
    #: A value whose reading is uncertain: a small number written as a word (两场, "twice",
    #: "fifth", "the first place"), which translators rephrase and idioms use, or digits glued
    #: to a letter (12C, 5G, 3D). Matched when the other side has it, never reported missing,
    #: and a changed one is a warning at most.
    soft: bool = False
    #: Years after the article's year of a date written relative to it (去年7月: -1).
    year_shift: int = 0

    @property
    def key(self) -> tuple[Kind, Value]:
        """What two quantities must share to match."""
        return (self.kind, self.value)

    @property
    def lenient(self) -> bool:
        """A mismatch is a warning at most: a soft value, or a 1 ("one", "a", "first" and 1
        trade places freely in translation)."""
        return self.soft or (self.value == 1 and self.kind in (Kind.NUMBER, Kind.ORDINAL))

    def show(self) -> str:
        """The value as a reader would write it: 700, 35%, 5th, 1/3, 2023-04-02, 15:30."""
        value = self.value
        if self.kind is Kind.DATE and isinstance(value, tuple):
            year, month, day = value  # type: ignore[misc]
            parts = [
                f"{year:04d}" if year else None,
                f"{month:02d}" if month else None,
                f"{day:02d}" if day else None,
            ]
            return "-".join(p for p in parts if p)
        if self.kind is Kind.TIME and isinstance(value, tuple):
            return f"{value[0]:02d}:{value[1]:02d}"
        if self.kind is Kind.WEEKDAY:
            return WEEKDAYS[int(value)]  # type: ignore[arg-type]
        if isinstance(value, str):
            return "v" + value
        number = Fraction(value)  # type: ignore[arg-type]
        if self.kind is Kind.DECADE:
            return f"the {int(number):02d}s"
        if self.kind is Kind.FRACTION:
            return f"{number.numerator}/{number.denominator}"
        text = _plain(number)
        if self.kind is Kind.PERCENT:
            return f"{text}%"
        if self.kind is Kind.ORDINAL:
            return text + _suffix(int(number))
        return text


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _plain(number: Fraction) -> str:
    if number.denominator == 1:
        return f"{number.numerator:,}" if number.numerator >= 10_000 else str(number.numerator)
    return f"{float(number):,.6f}".rstrip("0").rstrip(".")


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
