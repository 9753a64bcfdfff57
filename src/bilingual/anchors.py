"""Alignment anchors: tokens a block and its translation share whatever the language.

An anchor extractor maps a block to a set of strings; blocks that share anchors are likely
translations of each other. Extractors are registered in ``EXTRACTORS`` so later features
(numbers, dates, glossary terms) can add theirs without touching the aligner.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bilingual.model import Block

#: An extractor gets a block and its language and returns anchors (``kind:value`` strings).
Extractor = Callable[[Block, str], frozenset[str]]

EXTRACTORS: dict[str, Extractor] = {}

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'&.-]*[A-Za-z0-9]|[A-Z]")
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
    return frozenset("link:" + normalise_link(t) for t in block.links if t)


@extractor("latin")
def latin_anchors(block: Block, lang: str) -> frozenset[str]:
    """Latin-script words: in Chinese text these are names, acronyms and brands kept as is."""
    words = _LATIN.findall(block.text)
    if lang == "zh":
        return frozenset("w:" + w.lower() for w in words if w.lower() not in _STOP)
    return frozenset("w:" + w.lower() for w in words)


def anchors(block: Block, lang: str) -> frozenset[str]:
    """Every registered extractor's anchors for ``block``."""
    found: set[str] = set()
    for func in EXTRACTORS.values():
        found |= func(block, lang)
    return frozenset(found)
