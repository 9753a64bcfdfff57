"""Values in text, compared by value rather than spelling: 七百余 and "more than 700" are both
700 (more than); 2023年4月2日 and "2 April 2023" are the same date.

``extract(text, lang)`` is the entry point; ``zh`` and ``en`` hold the language rules and
``names`` the month and weekday names from babel's locale data.
"""

from __future__ import annotations

import re
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
            return quantity._replace(value=(year + quantity.year_shift, month, day))
    return quantity


#: How a block is numbered rather than what it says: list markers a parser leaves in the text
#: (3）, (3), [3], ①, 一、) and citation marks ([4]). Translators number on one side only.
_ENUMERATOR = re.compile(
    r"^\s*(?:[(（\[［]\s*[0-9]{1,3}\s*[)）\]］]|[0-9]{1,3}\s*[.)）、．](?![0-9])|[①-⑳]"
    r"|[一二三四五六七八九十]{1,3}\s*[、．])"
)
_CITATION = re.compile(r"[\[［][0-9]{1,3}[\]］]")
#: Labels of figures, tables and steps number the document, not the world: 图2, 步骤二, 表 3,
#: Figure 2, Fig. 2, Step 3, pic 1.
_LABEL = re.compile(
    r"(?:图|表|步骤|附图|附表)\s*[0-9一二三四五六七八九十]{1,3}"
    r"|\b(?:fig(?:ure)?|table|step|pic(?:ture)?|listing|chart)s?\.?\s*[0-9]{1,3}\b",
    re.IGNORECASE,
)
_LABEL_MARKS = ("图", "表", "步骤", "ig", "able", "tep", "ic", "isting", "hart")
#: A heading's section number: 1.5, 2.3.1, or 2. before the title.
_SECTION = re.compile(r"^\s*[0-9]{1,2}(?:(?:\.[0-9]{1,2})+\.?|\.)(?=\s|[^\x00-\x7f])")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def numbering(text: str, kind: str = "paragraph") -> str:
    """``text`` with its list numbering, section number (headings), citation marks and figure,
    table and step labels blanked: they count blocks and sources, which one side may number
    and the other not (如图2所示 / "as shown below")."""
    if kind == "heading":
        text = _SECTION.sub(_blank, text, count=1)
    text = _ENUMERATOR.sub(_blank, text, count=1)
    if "[" in text or "［" in text:
        text = _CITATION.sub(_blank, text)
    if any(mark in text for mark in _LABEL_MARKS):
        text = _LABEL.sub(_blank, text)
    return text


def in_block(
    text: str,
    code: tuple[str, ...],
    lang: str,
    year: int | None,
    kind: str = "paragraph",
    *,
    numbered: bool = False,
) -> tuple[Quantity, ...]:
    """The quantities of a block's prose: code, URLs, e-mail addresses and (unless
    ``numbered``) its numbering left out."""
    found = _in_block(text, code, lang, "" if numbered else kind)
    if year is None or not any(q.kind is Kind.DATE for q in found):
        return found
    return tuple(with_year(q, year) for q in found)


@lru_cache(maxsize=1024)
def _in_block(text: str, code: tuple[str, ...], lang: str, kind: str) -> tuple[Quantity, ...]:
    # Alignment, number-mismatch and date-mismatch all read each block: once is enough.
    if kind:
        text = numbering(text, kind)
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


#: A version: three parts or more (1.14.0), or two after v, "version", "release" or 版本, or
#: before 版 or "release". Read as written in both languages, before any other reader.
_VERSION = re.compile(
    r"(?<![0-9A-Za-z.])(?P<pre>[vV] ?|(?:[Vv]ersion|[Rr]elease|版本号?)\s*)?"
    r"(?P<n>[0-9]{1,4}(?:\.[0-9]{1,4})+)(?![0-9]|\.[0-9])(?P<post>\s*版|\s+release\b)?"
)
_DOTTED_DATE = re.compile(r"[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}")


def _read(text: str, lang: str) -> list[Quantity]:
    reader = _readers()[lang]
    if "." not in text:
        return reader(text)
    versions = []
    for match in _VERSION.finditer(text):
        number = match.group("n")
        if not (match.group("pre") or match.group("post") or number.count(".") >= 2):
            continue  # 1.5 is a number
        if not match.group("pre") and _DOTTED_DATE.fullmatch(number):
            continue  # 2023.04.02 is a date
        versions.append(Quantity(Kind.VERSION, number, match.group(0).strip(), *match.span()))
    if not versions:
        return reader(text)
    for version in versions:
        text = text[: version.start] + " " * (version.end - version.start) + text[version.end :]
    return sorted([*reader(text), *versions], key=lambda q: q.start)


@cache
def _readers() -> dict[str, Callable[[str], list[Quantity]]]:
    # Imported on first use: the readers load babel's locale data.
    from bilingual.values.en import extract as extract_en
    from bilingual.values.zh import extract as extract_zh

    return {"zh": extract_zh, "en": extract_en}
