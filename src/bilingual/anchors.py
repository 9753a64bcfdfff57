"""Alignment anchors: tokens a block and its translation share whatever the language.

An anchor extractor maps a block to a set of ``kind:value`` strings; blocks that share anchors
are likely translations of each other. The prefix says how the aligner weighs an anchor:
``n:`` anchors are weak (numbers and glossary terms, which a translation may leave out or
rephrase for good reason): they count against a pair when the Chinese block has them and the
English does not; any other kind counts against a pair when either side lacks it. Latin phrases
in the Chinese (names, acronyms) are looked up in the English text by the aligner. Extractors
are registered in ``EXTRACTORS`` so a feature can add its own without touching the aligner;
each gets the block, its language and the content root's glossary (or None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bilingual import values
from bilingual.glossary.match import matcher
from bilingual.glossary.model import Glossary
from bilingual.model import Block

#: An extractor gets a block, its language and the glossary (or None), and returns anchors
#: (``kind:value`` strings).
Extractor = Callable[[Block, str, "Glossary | None"], frozenset[str]]

EXTRACTORS: dict[str, Extractor] = {}
_EMPTY: frozenset[str] = frozenset()
_ANY_LATIN = re.compile("[A-Za-z]")

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'&-]*[A-Za-z0-9]|[A-Za-z]")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'&.\- ]*[A-Za-z0-9]|[A-Za-z]")
_STOP = frozenset({"a", "an", "the", "of", "and", "for", "in", "on", "to", "at", "by", "with"})
_VERSION_WORD = re.compile(r"v[0-9]+")


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register an anchor extractor under ``name``."""

    def register(func: Extractor) -> Extractor:
        if name in EXTRACTORS:
            raise ValueError(f"anchor extractor {name!r} registered twice")
        EXTRACTORS[name] = func
        return func

    return register


#: Code hosts whose owner and repository names are case-insensitive.
_CASELESS_OWNERS = frozenset({"github.com", "gitlab.com", "gitee.com"})


def normalise_link(target: str) -> str:
    """A link target compared up to scheme (http/https), host case, a trailing slash and, on
    code hosts (GitHub, GitLab, Gitee), the case of the owner and repository."""
    target = target.strip()
    lowered = target.lower()
    if "@" in target and "://" not in target:
        return lowered  # an e-mail address
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            rest = target[len(scheme) :]
            host, _, path = rest.partition("/")
            host, path = host.lower(), path.rstrip("/")
            if host.removeprefix("www.") in _CASELESS_OWNERS:
                # Owner and repository names are case-insensitive there (KubeVela/kubevela).
                parts = path.split("/", 2)
                path = "/".join([p.lower() for p in parts[:2]] + parts[2:])
            return f"//{host}/{path}" if path else f"//{host}"
    return target


#: A language code as a host label, a path segment or a file-name part: zh, cn, en, zh-CN,
#: zh_Hans, en-US.
_LANG_CODE = r"(?:zh|cn|en)(?:[-_](?:[a-z]{2}|hans|hant))?"
_LANG_LABEL = re.compile(rf"^(?:{_LANG_CODE}|www)\.", re.IGNORECASE)
_LANG_SEGMENT = re.compile(rf"^{_LANG_CODE}$", re.IGNORECASE)
#: In a file name, a language code set off by a separator: a-en.png, a_zh.md, xiaohongshu-en4.
_LANG_PART = re.compile(rf"(?<=[^/])[-_.]{_LANG_CODE}(?=[-_.0-9]|$)", re.IGNORECASE)
_LANG_QUERY = re.compile(r"^(?:lang|hl|locale|language)=", re.IGNORECASE)
_SEPARATORS = re.compile(r"[-_]")
_TLD = re.compile(r"\.(?:com|net|org|io|cn|dev|site)(?::[0-9]+)?$", re.IGNORECASE)
#: A hash a site generator adds to an asset's name: impersonation-arch-e41b1e4a82948bc3.jpg.
_HASHED = re.compile(r"[-.][0-9a-f]{8,}(?=\.[A-Za-z0-9]+$)")
#: Path segments that name no place: a relative path's climb, and a docs site's version
#: selector (/docs/next/install is /docs/install as it will be).
_NOT_PLACES = frozenset({"", ".", "..", "next", "latest", "stable", "current"})


@lru_cache(maxsize=4096)
def link_key(target: str, *, localized: bool = True, fragments: bool = False) -> str | None:
    """What makes two link targets one resource; None for a link that is not compared.

    Up to scheme, host case and a trailing slash always; without ``fragments``, a link within
    the page (#anchor, which follows translated headings) is not compared and other links lose
    theirs. With ``localized``, a language code in the host, the path or a file name, a
    language query parameter, and how a relative path climbs (./, ../) do not count: /zh/docs/a
    and /docs/a, a-en.png and a.png, ./img/a.png and ../../img/a.png are one resource.
    """
    key = normalise_link(target)
    if not fragments:
        if key.startswith("#"):
            return None
        key = key.partition("#")[0]
    if not localized or ("@" in key and "//" not in key):
        return key
    key, _, query = key.partition("?")
    host = ""
    if key.startswith("//"):
        host, _, key = key[2:].partition("/")
        # kubevela.net for Chinese readers, kubevela.io for the others: the name, not its TLD.
        host = "//" + _TLD.sub("", _LANG_LABEL.sub("", host))
    segments = [
        segment
        for segment in key.split("/")
        if segment not in _NOT_PLACES and not _LANG_SEGMENT.match(segment)
    ]
    if segments:  # the file name: without its language part, build hash and separators
        name = _HASHED.sub("", _LANG_PART.sub("", segments[-1]))
        segments[-1] = _SEPARATORS.sub("", name)
    path = "/".join(segments)
    kept = "&".join(p for p in query.split("&") if p and not _LANG_QUERY.match(p))
    return host + "/" + path + ("?" + kept if kept else "")


@extractor("links")
def link_anchors(block: Block, lang: str, glossary: Glossary | None) -> frozenset[str]:
    """URLs, e-mail addresses and image targets, as one resource in either language."""
    if not block.links:
        return _EMPTY
    keys = (link_key(t) for t in block.links if t)
    return frozenset("link:" + k for k in keys if k is not None)


def latin_phrases(text: str) -> frozenset[str]:
    """Runs of Latin-script words in Chinese text, lower-cased: names, acronyms and titles kept
    as they are ("AI for Science", "SJTU"), which the English counterpart should contain."""
    if not _ANY_LATIN.search(text):
        return _EMPTY
    return _latin_phrases(text)


def _latin_phrases(text: str) -> frozenset[str]:
    found = set()
    for run in _LATIN_RUN.findall(text):
        # A version's "v1" is a value, compared as one: not a word of the name.
        words = [w for w in _LATIN.findall(run.lower()) if not _VERSION_WORD.fullmatch(w)]
        if words and not all(w in _STOP for w in words):
            found.add(" ".join(words))
    return frozenset(found)


def phrase_text(text: str) -> str:
    """English text reduced to lower-case words between single spaces, to look phrases up in."""
    return " " + " ".join(_LATIN.findall(text.lower())) + " "


@extractor("values")
def value_anchors(block: Block, lang: str, glossary: Glossary | None) -> frozenset[str]:
    """Numbers, percentages, ordinals, dates and times, as values: 1.2万 and 12,000 are one
    anchor, 2023年4月2日 and "April 2, 2023" another.

    A weaker anchor than a link: a number may be left out of a translation for good reason, so
    one missing from the English costs less than a missing name. Small numbers written as words
    are not anchors at all.
    """
    found = set()
    for quantity in values.in_block(block.text, block.code, lang, None, block.kind):
        if quantity.soft:
            continue
        kind, value = quantity.kind, quantity.value
        if kind is values.Kind.DATE:
            value = value[1:]  # type: ignore[index]  # the year may be left implicit on one side
        found.add(_VALUE_PREFIX[kind] + str(value))
    return frozenset(found)


_VALUE_PREFIX = {kind: f"n:{kind.value}:" for kind in values.Kind}


@extractor("glossary")
def term_anchors(block: Block, lang: str, glossary: Glossary | None) -> frozenset[str]:
    """Glossary terms: 上海交通大学 in a Chinese block and "SJTU" (or any rendering the glossary
    lists, forbidden ones included) in an English one are one anchor.

    Weak, like numbers: an English paragraph may say "the university" where the Chinese repeats
    the name, and glossary-term reports a missing rendering anyway.
    """
    if glossary is None or not glossary.terms:
        return _EMPTY
    match = matcher(glossary)
    hits = match.zh_terms(block.text) if lang == "zh" else match.en_renderings(block.text)
    return frozenset("n:term:" + hit.term.zh for hit in hits) if hits else _EMPTY


def anchors(block: Block, lang: str, glossary: Glossary | None = None) -> frozenset[str]:
    """Every registered extractor's anchors for ``block``."""
    found: set[str] = set()
    for func in EXTRACTORS.values():
        found |= func(block, lang, glossary)
    return frozenset(found)
