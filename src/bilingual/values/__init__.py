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
from bilingual.values.spans import free_test

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
#: Figure 2, Fig. 2, Step 3, pic 1. Case-sensitive, opening on their first characters, so the
#: engine skips to where one can start instead of trying every position.
_LABEL_ZH = re.compile(r"(?:图|表|步骤)\s*[0-9一二三四五六七八九十]{1,3}")
_LABEL_EN = re.compile(
    r"(?:[Ff]ig(?:ure)?|FIG(?:URE)?|[Tt]able|[Ss]tep|[Pp]ic(?:ture)?|[Ll]isting|[Cc]hart)s?"
    r"\.?\s*[0-9]{1,3}(?![0-9])"
)
#: A heading's section number: 1.5, 2.3.1, or 2. before the title.
_SECTION = re.compile(r"^\s*[0-9]{1,2}(?:(?:\.[0-9]{1,2})+\.?|\.)(?=\s|[^\x00-\x7f])")


def _may_label(text: str) -> bool:
    # Substring tests first: the label pattern, an alternation, is tried at every position
    # where one of its first letters stands, which in English is nearly everywhere.
    return (
        "Fig" in text
        or "fig" in text
        or "FIG" in text
        or "able" in text
        or "tep" in text
        or "pic" in text
        or "Pic" in text
        or "isting" in text
        or "hart" in text
    )


def numbering(text: str, kind: str = "paragraph", lang: str = "zh") -> list[tuple[int, int]]:
    """Where ``text`` numbers rather than says: its list numbering, section number (headings),
    citation marks, and figure, table and step labels. They count blocks and sources, which one
    side may number and the other not (如图2所示 / "as shown below")."""
    spans = []
    if kind == "heading" and (section := _SECTION.match(text)) is not None:
        spans.append(section.span())
    if (start := _ENUMERATOR.match(text)) is not None:
        spans.append(start.span())
    if "[" in text or "［" in text:
        spans.extend(m.span() for m in _CITATION.finditer(text))
    if lang == "zh":
        labels = _LABEL_ZH if ("图" in text or "表" in text or "步骤" in text) else None
    else:
        labels = _LABEL_EN if _may_label(text) else None
    for match in labels.finditer(text) if labels else ():
        begin = match.start()
        if lang == "zh" or not begin or not text[begin - 1].isalpha():  # "topic 3": no picture
            spans.append(match.span())
    return spans


def _numbered(found: list[Quantity], text: str, kind: str, lang: str) -> list[Quantity]:
    """``found`` without the values that stand in ``text``'s numbering."""
    spans = numbering(text, kind, lang)
    if not spans:
        return found
    # Not tested span by span in a long text: a block of citation marks has thousands.
    free = free_test(spans, len(text))
    return [q for q in found if free(q.start, q.start + 1)]


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
    if (
        kind
        and found
        and (  # numbering is looked for only where it may stand
            found[0].start < _OPENING
            or kind == "heading"
            or "[" in text
            or "［" in text
            or (
                "图" in text or "表" in text or "步骤" in text if lang == "zh" else _may_label(text)
            )
        )
    ):
        found = _numbered(found, text, kind, lang)
    return tuple(found)


#: How far into a block a list marker or section number can end.
_OPENING = 8


#: A version: three parts or more (1.14.0), or two after v, "version", "release" or 版本, or
#: before 版 or "release". Read as written in both languages, before any other reader. Dotted
#: numbers are found first (digits are rare enough to skip to), then looked at around.
_DOTTED_NUMBER = re.compile(r"[0-9]{1,4}(?:\.[0-9]{1,4})+")
_MULTI_DOTTED = re.compile(r"[0-9]\.[0-9]+\.[0-9]")
_V_DOTTED = re.compile(r"[vV] ?[0-9]+\.[0-9]")
_DOTTED_DATE = re.compile(r"[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}")
_VERSION_BEFORE = ("version", "Version", "release", "Release", "版本", "版本号")


def _read(text: str, lang: str) -> list[Quantity]:
    reader = _readers()[lang]
    if not _dotted_number(text):
        return reader(text)  # every version has a digit, a dot and a digit
    if not (
        _MULTI_DOTTED.search(text)
        or "ersion" in text
        or "elease" in text
        or "版" in text
        or _V_DOTTED.search(text)
    ):
        return reader(text)  # no 1.14.0, v1.30 or word naming a version: no version
    versions = _versions(text)
    if not versions:
        return reader(text)
    # Blanked in one pass: a text rebuilt for each version is quadratic in a list of releases.
    parts, position = [], 0
    for version in versions:
        start = max(version.start, position)
        parts.append(text[position:start])
        parts.append(" " * (version.end - start))
        position = max(position, version.end)
    parts.append(text[position:])
    return sorted([*reader("".join(parts)), *versions], key=lambda q: q.start)


def _dotted_number(text: str) -> bool:
    """Whether a digit, a dot and a digit stand in ``text``. A loop over its dots: prose has a
    few, and a pattern would test every character of it."""
    at = text.find(".", 1)
    while at != -1:
        if text[at - 1].isdigit() and text[at + 1 : at + 2].isdigit():
            return True
        at = text.find(".", at + 1)
    return False


def _versions(text: str) -> list[Quantity]:
    found = []
    for match in _DOTTED_NUMBER.finditer(text):
        start, end = match.span()
        before, after = text[start - 1 : start] if start else "", text[end : end + 2]
        if (before.isascii() and before.isalnum() and before not in "vV") or before == ".":
            continue  # part of a word or a longer number
        if after[:1].isdigit() or (after[:1] == "." and after[1:2].isdigit()):
            continue
        number = match.group(0)
        prefixed = before in ("v", "V") and (start < 2 or not text[start - 2].isalnum())
        if prefixed:
            start -= 1
        named = prefixed or text[max(0, start - 12) : start].rstrip().endswith(_VERSION_BEFORE)
        if not named:
            following = text[end : end + 9]
            named = following.lstrip().startswith("版") or following.startswith(" release")
        if named or (number.count(".") >= 2 and not _DOTTED_DATE.fullmatch(number)):
            found.append(Quantity(Kind.VERSION, number, text[start:end], start, end))
    return found


@cache
def _readers() -> dict[str, Callable[[str], list[Quantity]]]:
    # Imported on first use: the readers load babel's locale data.
    from bilingual.values.en import extract as extract_en
    from bilingual.values.zh import extract as extract_zh

    return {"zh": extract_zh, "en": extract_en}
