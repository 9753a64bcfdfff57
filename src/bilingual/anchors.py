"""Alignment anchors: tokens a block and its translation share whatever the language.

An anchor extractor maps a block to a set of ``kind:value`` strings; blocks that share anchors
are likely translations of each other. The prefix says how the aligner weighs an anchor:
``n:`` anchors (numbers, weighed less) count against a pair when the Chinese block has them and
the English does not; any other kind counts against a pair when either side lacks it. Latin
phrases in the Chinese (names, acronyms) are looked up in the English text by the aligner.
Extractors are registered in ``EXTRACTORS`` so later features (numbers, dates, glossary terms)
can add theirs without touching the aligner.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from bilingual.model import Block
from bilingual.text import ascii_digits

#: An extractor gets a block and its language and returns anchors (``kind:value`` strings).
Extractor = Callable[[Block, str], frozenset[str]]

EXTRACTORS: dict[str, Extractor] = {}
_EMPTY: frozenset[str] = frozenset()

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'&-]*[A-Za-z0-9]|[A-Za-z]")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'&.\- ]*[A-Za-z0-9]|[A-Za-z]")
_SCALES = {
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "thousand": Decimal(1_000),
    "million": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
}
_ANY_DIGIT = re.compile(r"[0-9\uff10-\uff19]")
_NUMBER = re.compile(
    r"([0-9][0-9,.]*)(?:\s*(万|亿|(?:thousand|million|billion)\b))?", re.IGNORECASE
)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_STOP = frozenset({"a", "an", "the", "of", "and", "for", "in", "on", "to", "at", "by", "with"})


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register an anchor extractor under ``name``."""

    def register(func: Extractor) -> Extractor:
        if name in EXTRACTORS:
            raise ValueError(f"anchor extractor {name!r} registered twice")
        EXTRACTORS[name] = func
        return func

    return register


def normalise_link(target: str) -> str:
    """A link target compared up to scheme (http/https), host case and a trailing slash."""
    target = target.strip()
    lowered = target.lower()
    if "@" in target and "://" not in target:
        return lowered  # an e-mail address
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            rest = target[len(scheme) :]
            host, _, path = rest.partition("/")
            path = path.rstrip("/")
            return f"//{host.lower()}/{path}" if path else f"//{host.lower()}"
    return target


@extractor("links")
def link_anchors(block: Block, lang: str) -> frozenset[str]:
    """URLs, e-mail addresses and image targets."""
    if not block.links:
        return _EMPTY
    return frozenset("link:" + normalise_link(t) for t in block.links if t)


def latin_phrases(text: str) -> frozenset[str]:
    """Runs of Latin-script words in Chinese text, lower-cased: names, acronyms and titles kept
    as they are ("AI for Science", "SJTU"), which the English counterpart should contain."""
    found = set()
    for run in _LATIN_RUN.findall(text):
        words = _LATIN.findall(run.lower())
        if words and not all(w in _STOP for w in words):
            found.add(" ".join(words))
    return frozenset(found)


def phrase_text(text: str) -> str:
    """English text reduced to lower-case words between single spaces, to look phrases up in."""
    return " " + " ".join(_LATIN.findall(text.lower())) + " "


@extractor("digits")
def digit_anchors(block: Block, lang: str) -> frozenset[str]:
    """Numbers written in Arabic digits, as values: thousands separators removed, and a scale
    word applied (1.2万 and 12,000 are both 12000; 3.5亿 and "350 million" both 350000000).

    A weak anchor: a value may still be written in words on one side (七百 / 700, 4月 / April),
    so a number missing from the English costs less than a missing word.
    """
    if not _ANY_DIGIT.search(block.text):
        return _EMPTY
    text = block.text if block.text.isascii() else ascii_digits(block.text)
    found = set()
    for match in _NUMBER.finditer(text):
        token, scale = match.group(1).rstrip(".,"), match.group(2)
        if "," in token and not _THOUSANDS.fullmatch(token):
            found.update("n:" + part for part in token.split(",") if part)
            continue
        try:
            value = Decimal(token.replace(",", ""))
        except InvalidOperation:
            continue
        if scale:
            value *= _SCALES[scale.lower()]
        found.add("n:" + _plain(value))
    return frozenset(found)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def anchors(block: Block, lang: str) -> frozenset[str]:
    """Every registered extractor's anchors for ``block``."""
    found: set[str] = set()
    for func in EXTRACTORS.values():
        found |= func(block, lang)
    return frozenset(found)
