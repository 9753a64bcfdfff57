"""Raw HTML in Markdown: its tags, the targets of its links and images, and markup that only
wraps text (an HTML block of ``<p>`` and ``<span>`` is a paragraph)."""

from __future__ import annotations

import re

from bilingual.text import scan

_TAG = re.compile(r"</?[A-Za-z][^>]*>")
#: Link and image targets in raw HTML: an image wrapped in <center> or <p align> is an image.
_HTML_TARGET = re.compile(
    r"""<(?P<tag>img|source|a)\b[^>]*?\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.IGNORECASE,
)
_TARGET_TAG = re.compile(r"<(?:img|source|a)\b", re.IGNORECASE)
_BEFORE_CLOSE = re.compile("[^>]*")
#: Tags that only wrap text: an HTML block made of them is a paragraph.
_PROSE_TAGS = frozenset(
    [
        "p",
        "div",
        "span",
        "a",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "sup",
        "sub",
        "small",
        "font",
        "center",
        "code",
    ]
)
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)")


def prose_markup(html: str) -> bool:
    """Whether ``html`` holds only tags that wrap text."""
    return all(name.lower() in _PROSE_TAGS for name in _TAG_NAME.findall(html))


def without_tags(html: str) -> str:
    """``html`` with a space for each tag.

    No tag runs past the last ``>``: the text after it is left as it is, rather than searched
    for a ``>`` from every ``<`` in it, which is quadratic in a run of ``<a<a<a``."""
    end = html.rfind(">") + 1
    return _TAG.sub(" ", html[:end]) + html[end:] if end else html


def html_targets(html: str, *tags: str) -> list[str]:
    """The targets of the links and images of ``html`` (of ``tags`` only, when given)."""
    found = []
    # A tag without a target holds none up to its ``>``, nor does any tag opened before it:
    # searching from each again is quadratic in a run of "<a<a<a".
    for match in scan(_HTML_TARGET, _TARGET_TAG, html, _BEFORE_CLOSE):
        if not tags or match.group("tag").lower() in tags:
            found.append(link_target(next(g for g in match.groups()[1:] if g is not None)))
    return [t for t in found if t]


def link_target(href: str) -> str:
    """A link target as compared: an e-mail address without ``mailto:``."""
    return href[7:] if href.lower().startswith("mailto:") else href
