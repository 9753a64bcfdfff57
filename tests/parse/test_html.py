"""Raw HTML: tags and link targets found as the plain patterns find them, in linear time."""

from __future__ import annotations

import random
import re
import time

from bilingual.parse.html import html_targets, link_target, without_tags

_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_TARGET = re.compile(
    r"""<(?P<tag>img|source|a)\b[^>]*?\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.IGNORECASE,
)
_PIECES = ["<a", "<A ", "<img", "<b", "</", "<", ">", " ", "src", "HREF", "=", '"', "'", "x", "y"]


def _reference(html: str, *tags: str) -> list[str]:
    found = []
    for match in _TARGET.finditer(html):
        if not tags or match.group("tag").lower() in tags:
            found.append(link_target(next(g for g in match.groups()[1:] if g is not None)))
    return [t for t in found if t]


def test_the_same_as_the_plain_patterns() -> None:
    rnd = random.Random(7)
    for _ in range(3000):
        html = "".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(40)))
        assert without_tags(html) == _TAG.sub(" ", html), html
        assert html_targets(html) == _reference(html), html
        assert html_targets(html, "img") == _reference(html, "img"), html


def test_linear_in_a_run_of_unclosed_tags() -> None:
    """ "<a" 50,000 times with no ">": each tag searched for its end from every "<" took
    minutes."""
    html = "<a" * 50_000 + ' <a href="x">'
    started = time.perf_counter()
    assert html_targets(html) == ["x"]
    assert without_tags("<a" * 50_000) == "<a" * 50_000
    assert time.perf_counter() - started < 10
