"""Link checks: URLs, e-mail addresses and image targets agree between aligned blocks."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator

from bilingual.anchors import link_key
from bilingual.checks.registry import CheckContext, check
from bilingual.model import Bead, Finding, Severity


@check("L101", "link-mismatch", severity=Severity.WARNING)
def link_mismatch(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A URL, e-mail address or image target differs between aligned blocks.

    ## What it does
    Compares the link targets of each Chinese block with those of its English counterpart:
    Markdown links, bare URLs, e-mail addresses and images (in Markdown or HTML). `http` and
    `https`, the case of the host name and a trailing slash do not count as differences.

    ## What it does not report
    A link and its localised version: a language code in the host, a path segment or a file
    name (`/zh/docs/a` and `/docs/a`, `zh.wikipedia.org` and `en.wikipedia.org`, `chart-en.png`
    and `chart.png`), a `lang=` query, and relative paths that climb differently (`./img/a.png`
    and `../img/a.png`), a Chinese mirror on another top-level domain (`kubevela.net` and
    `kubevela.io`), a docs site's version segment (`/docs/next/`), a site generator's hashed
    asset name (`arch-e41b1e4a.jpg`), and a root-relative link against the same path written
    in full (or an image of the same name); set `checks.links.localized: false` to compare them
    as written. Links within the page (`#anchor`), whose anchors follow translated headings,
    and the anchors of other links, unless `checks.links.fragments: true`.

    ## Why is this bad?
    A contact address or registration link mistyped in one language sends half the readers
    nowhere. When the English page deliberately links to an English version of a page, mark
    the block with `<!-- bilingual-ignore: link-mismatch -->`.

    ## Example
    ```markdown
    请发送邮件至 news@sjtu.edu.cn。          Please write to new@sjtu.edu.cn.
    ```
    Use instead: the same address on both sides.
    """
    if not bead.zh or not bead.en:
        return
    if not any(b.links for b in bead.zh) and not any(b.links for b in bead.en):
        return
    shown: dict[str, str] = {}
    zh_links: Counter[str] = Counter()
    en_links: Counter[str] = Counter()
    settings = ctx.settings
    for blocks, counter in ((bead.zh, zh_links), (bead.en, en_links)):
        for target in (t for b in blocks for t in b.links if t):
            key = link_key(
                target, localized=settings.links_localized, fragments=settings.links_fragments
            )
            if key is None:
                continue
            shown.setdefault(key, target)
            counter[key] += 1
    if zh_links == en_links:
        return
    left_zh, left_en = zh_links - en_links, en_links - zh_links
    if settings.links_localized:
        _same_site(left_zh, left_en)
    only_zh = sorted(shown[k] for k in left_zh.elements())
    only_en = sorted(shown[k] for k in left_en.elements())
    if not only_zh and not only_en:
        return
    parts = []
    if only_zh:
        parts.append(f"only in zh.md: {', '.join(only_zh)}")
    if only_en:
        parts.append(f"only in en.md: {', '.join(only_en)}")
    yield ctx.finding(
        "links differ: " + "; ".join(parts),
        zh=bead.zh[0],
        en=bead.en[0],
        zh_excerpt=", ".join(only_zh) or None,
        en_excerpt=", ".join(only_en) or None,
    )


def _same_site(zh: Counter[str], en: Counter[str]) -> None:
    """Take out pairs of a root-relative link and an absolute one to the same path
    (/docs/install on one side, https://openkruise.io/docs/install on the other), or to an
    image of the same name."""
    # The English keys by path and by being relative, in order: each Chinese key takes one of
    # each crossing key of its path that is left, in order, while it has any left. Looked up
    # rather than compared with every English key: a block of thousands of links.
    waiting: dict[tuple[str, bool], deque[str]] = {}
    for other in en:
        waiting.setdefault((_path(other), not other.startswith("//")), deque()).append(other)
    for key in list(zh):
        others = waiting.get((_path(key), key.startswith("//")))
        kept = []
        while others and zh[key]:
            other = others.popleft()
            zh[key] -= 1
            en[other] -= 1
            if en[other]:
                kept.append(other)
        if others is not None:
            others.extendleft(reversed(kept))
    for counter in (zh, en):
        for key in [k for k, n in counter.items() if n <= 0]:
            del counter[key]


def _path(key: str) -> str:
    path = "/" + key[2:].partition("/")[2] if key.startswith("//") else key
    if path.lower().endswith(_IMAGES):
        return path.rsplit("/", 1)[-1]  # a site keeps its images in more than one folder
    return path


_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
