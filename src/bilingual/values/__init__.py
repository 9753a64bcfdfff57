"""Values in text, compared by value rather than spelling: 七百余 and "more than 700" are both
700 (more than); 2023年4月2日 and "2 April 2023" are the same date.

``extract(text, lang)`` is the entry point; ``zh`` and ``en`` hold the language rules and
``names`` the month and weekday names from babel's locale data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from bilingual.text import HAN, HAN_CHAR, LINK
from bilingual.values.model import NUMERIC, WEEKDAYS, Kind, Qualifier, Quantity

__all__ = [
    "NUMERIC",
    "WEEKDAYS",
    "Kind",
    "Qualifier",
    "Quantity",
    "extract",
    "in_block",
    "with_year",
]


def extract(text: str, lang: str, year: int | None = None) -> list[Quantity]:
    """Every quantity in ``text`` (``lang`` is zh or en); dates without a year take ``year``."""
    found = _cached(text, lang)
    return list(found) if year is None else [with_year(q, year) for q in found]


@lru_cache(maxsize=1024)
def _cached(text: str, lang: str) -> tuple[Quantity, ...]:
    # Alignment and the checks both ask for the values of each block: parse each text once.
    return tuple(_read(text, lang))


def with_year(quantity: Quantity, year: int) -> Quantity:
    """A date without a year given ``year`` (4月2日 in an article of 2023 is 2023-04-02)."""
    if quantity.kind is Kind.DATE and isinstance(quantity.value, tuple):
        given, month, day = quantity.value  # type: ignore[misc]
        if given is None and month is not None:
            return quantity._replace(value=(year, month, day))
    return quantity


def in_block(text: str, code: tuple[str, ...], lang: str, year: int | None) -> tuple[Quantity, ...]:
    """The quantities of a block's prose: code, URLs and e-mail addresses left out."""
    found = _in_block(text, code, lang)
    if year is None or not any(q.kind is Kind.DATE for q in found):
        return found
    return tuple(with_year(q, year) for q in found)


@lru_cache(maxsize=1024)
def _in_block(text: str, code: tuple[str, ...], lang: str) -> tuple[Quantity, ...]:
    # Alignment, number-mismatch and date-mismatch all read each block: once is enough.
    for span in code:
        text = text.replace(span, " " * len(span))
    if "://" in text or "@" in text:
        text = LINK.sub(lambda m: " " * len(m.group(0)), text)
    found = _read(text, lang)
    if lang == "en" and not text.isascii() and HAN_CHAR.search(text):
        # Chinese left in the English (reported by untranslated) still says what it says:
        # its numbers are read the Chinese way rather than reported missing.
        for run in HAN.finditer(text):
            found.extend(
                q._replace(start=q.start + run.start(), end=q.end + run.start())
                for q in _read(run.group(0), "zh")
            )
    return tuple(found)


def _read(text: str, lang: str) -> list[Quantity]:
    return _readers()[lang](text)


@cache
def _readers() -> dict[str, Callable[[str], list[Quantity]]]:
    # Imported on first use: the readers load babel's locale data.
    from bilingual.values.en import extract as extract_en
    from bilingual.values.zh import extract as extract_zh

    return {"zh": extract_zh, "en": extract_en}
