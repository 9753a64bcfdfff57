"""Finding glossary terms in text: one compiled pattern per language for all terms.

The pattern is built from a trie of the terms, so the regular-expression engine rejects most
positions on their first character instead of trying every term in turn: with 2,000 terms a
block is still scanned once. Longest terms win (上海交通大学医学院 before 上海交通大学); English
matches on word boundaries, across line breaks, with a plural or possessive ending (SJTU's),
in the case a term asks for, and never inside a URL or an e-mail address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bilingual.glossary.model import Glossary, Term
from bilingual.model import Block
from bilingual.text import LINK

#: What the English side of a match is: an acceptable rendering or a forbidden one.
ALLOWED, FORBIDDEN = "allowed", "forbidden"


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in text."""

    term: Term
    #: ``ALLOWED`` or ``FORBIDDEN`` for English; ``ALLOWED`` for Chinese.
    kind: str
    text: str
    start: int
    end: int


def trie_pattern(words: Iterable[str], *, spaces: bool = False) -> str:
    """A regular expression matching any of ``words``, longest first, built from their trie.

    With ``spaces`` a space in a word matches any run of white space (a line break included).
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie, spaces) or "(?!)"


def _node_pattern(node: dict[str, dict], spaces: bool) -> str | None:
    if "" in node and len(node) == 1:
        return None
    alternatives, singles = [], []
    optional = False
    for char in sorted(node):
        if char == "":
            optional = True
            continue
        rest = _node_pattern(node[char], spaces)
        head = r"\s+" if spaces and char == " " else re.escape(char)
        if rest is None and head != r"\s+":
            singles.append(head)
        else:
            alternatives.append(head + (rest or ""))
    if singles:
        alternatives.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
    result = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if optional:
        result = f"(?:{result})?"
    return result


def _key(text: str) -> str:
    return " ".join(text.lower().split())


class Matcher:
    """The compiled patterns of one glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._zh: dict[str, list[Term]] = {}
        self._en: dict[str, list[tuple[Term, str, str]]] = {}
        #: Renderings matched only as written: acronyms, and a forbidden rendering that is an
        #: allowed one but for case (XiaoHongShu / Xiaohongshu), which would otherwise match
        #: every correct use.
        self._exact: set[tuple[str, str]] = set()
        allowed_keys = {_key(r) for term in glossary.terms for r in term.allowed}
        for term in glossary.terms:
            self._zh.setdefault(term.zh, []).append(term)
            for rendering in term.allowed:
                self._en.setdefault(_key(rendering), []).append((term, ALLOWED, rendering))
                if term.exact_case(rendering):
                    self._exact.add((ALLOWED, rendering))
            for rendering in term.forbidden:
                self._en.setdefault(_key(rendering), []).append((term, FORBIDDEN, rendering))
                if term.exact_case(rendering) or _key(rendering) in allowed_keys:
                    self._exact.add((FORBIDDEN, rendering))
        self._last_en: dict[str, list[Hit]] = {}
        self._last_zh: dict[str, list[Hit]] = {}
        self.zh_pattern = re.compile(trie_pattern(self._zh))
        english = trie_pattern(sorted(self._en), spaces=True)
        self.en_pattern = re.compile(
            rf"(?<![A-Za-z0-9])(?P<t>{english})(?:'s|’s|s|es)?(?![A-Za-z0-9])", re.IGNORECASE
        )
        # The same pattern for lower-cased text: matching without IGNORECASE takes half the time.
        self._en_lower = re.compile(rf"(?<![a-z0-9])(?P<t>{english})(?:'s|’s|s|es)?(?![a-z0-9])")

    def zh_terms(self, text: str) -> list[Hit]:
        """Glossary terms in Chinese text."""
        if not self._zh:
            return []
        return _once(self._last_zh, text, self._zh_terms)

    def _zh_terms(self, text: str) -> list[Hit]:
        text = _without_links(text)
        return [
            Hit(term, ALLOWED, m.group(), m.start(), m.end())
            for m in self.zh_pattern.finditer(text)
            for term in self._zh[m.group()][:1]
        ]

    def en_renderings(self, text: str) -> list[Hit]:
        """Renderings of glossary terms in English text, acceptable or forbidden."""
        if not self._en:
            return []
        return _once(self._last_en, text, self._en_renderings)

    def _en_renderings(self, text: str) -> list[Hit]:
        text = _without_links(text)
        lowered = text.lower()
        # A few characters change length when lower-cased (İ): then offsets would not hold.
        matches = (
            self._en_lower.finditer(lowered)
            if len(lowered) == len(text)
            else self.en_pattern.finditer(text)
        )
        hits = []
        for match in matches:
            written = text[match.start("t") : match.end("t")]
            candidates = self._en.get(_key(written), ())
            if len(candidates) > 1 and any(
                (kind, r) in self._exact and " ".join(written.split()) == r
                for _, kind, r in candidates
            ):  # written exactly as one of them: that one alone
                candidates = [c for c in candidates if " ".join(written.split()) == c[2]]
            for term, kind, rendering in candidates:
                if (kind, rendering) in self._exact and " ".join(written.split()) != rendering:
                    continue  # "sjtu" is not the acronym SJTU; Xiaohongshu is not XiaoHongShu
                hits.append(Hit(term, kind, written, match.start("t"), match.end("t")))
        return hits


_WORDS = re.compile(r"[a-z0-9&]+")
_SKIP_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "for", "on"})


def _matches(stem_of: str, word: str) -> bool:
    # The first letters of a word, without the ending English inflects or derives:
    # "location" matches "located", "operations" "operational", "delivery" "delivering".
    # Short words (HA, ops, data) are matched whole; "multi" starts "multiple".
    if len(stem_of) <= 4:
        return word == stem_of
    return word.startswith(stem_of[: max(5, len(stem_of) - 3)])


def inflected(term: Term, text: str) -> bool:
    """Whether ``text`` holds a rendering of ``term`` in another form: each word of the
    rendering, as the start of a word of the text (co-location / co-located, in-place update /
    update it in place). For terminology, which English inflects; names are matched as
    written."""
    words = _WORDS.findall(text.lower())
    for rendering in term.allowed:
        wanted = [w for w in _WORDS.findall(rendering.lower()) if w not in _SKIP_WORDS]
        if wanted and all(any(_matches(w, word) for word in words) for w in wanted):
            return True
    return False


def without_code(block: Block) -> str:
    """A block's text with its code spans blanked (same length): code is quoted as written."""
    # Only the code's own occurrence is blanked, found in order: the same words may also stand
    # in the prose around it. Made of parts (what is after ``start`` is never blanked yet):
    # rebuilding the text for each span is quadratic in a block of thousands of spans.
    text, parts, start = block.text, [], 0
    for code in block.code:
        at = text.find(code, start)
        if at >= 0:
            parts.extend((text[start:at], " " * len(code)))
            start = at + len(code)
    parts.append(text[start:])
    return "".join(parts)


def _once(cache: dict[str, list[Hit]], text: str, scan: Callable[[str], list[Hit]]) -> list[Hit]:
    # The aligner (terms are anchors), glossary-term and forbidden-variant all read each block
    # of a pair in turn: keep the recent blocks' hits so each is scanned once.
    found = cache.get(text)
    if found is None:
        if len(cache) >= 256:
            cache.clear()
        found = cache[text] = scan(text)
    return found


def _without_links(text: str) -> str:
    if "://" in text or "@" in text:
        return LINK.sub(lambda m: " " * len(m.group(0)), text)
    return text


_MATCHERS: dict[int, tuple[Glossary, Matcher]] = {}


def matcher(glossary: Glossary) -> Matcher:
    """The compiled matcher of ``glossary``, built once per process."""
    cached = _MATCHERS.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        cached = _MATCHERS[id(glossary)] = (glossary, Matcher(glossary))
    return cached[1]
