"""Internal links checked after rendering: every relative ``href`` and ``src`` of every page
must name a file of the bundle (a folder link, its ``index.html``).

The pages are read with a pattern for tags, not a full HTML parser: every page was serialized
by Jinja2 and nh3, which quote every attribute value with ``"``, and a parser took half the time
of a build. A tag's quoted values may hold ``>``; text between tags is never read.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

_LINKING = {"a": "href", "link": "href", "img": "src", "source": "src", "script": "src"}


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A link on a page to a file the bundle does not hold."""

    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: broken link to {self.target}"


_TAG = re.compile(r'<(a|link|img|source|script|meta)\b((?:[^>"]|"[^"]*")*)>', re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)\s*=\s*"([^"]*)"')


def targets(page: str) -> list[str]:
    """The link targets of a page's tags, unescaped, in order."""
    found = []
    for tag in _TAG.finditer(page):
        name = tag.group(1).lower()
        for attribute, raw in _ATTRIBUTE.findall(tag.group(2)):
            value = html.unescape(raw)
            if attribute.lower() == _LINKING.get(name) and value:
                found.append(value)
            elif name == "meta" and attribute.lower() == "content" and "url=" in value.lower():
                found.append(value[value.lower().index("url=") + 4 :].strip())
    return found


def internal(target: str) -> bool:
    """Whether a link points into the bundle: no scheme, no host, not only a fragment."""
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith("#") or not parts.path)


def page_links(path: str, html_text: str) -> list[tuple[str, str]]:
    """The internal links of the page at ``path``: each target as written and the bundle
    path it names."""
    return [(t, _resolve(path, t)) for t in targets(html_text) if internal(t)]


def broken_links(
    pages: Iterable[tuple[str, Iterable[Sequence[str]]]], files: Container[str]
) -> list[BrokenLink]:
    """Every link of ``pages`` (``(path, page_links)``) that names no file of ``files``, in
    page order."""
    found = [BrokenLink(p, t) for p, links in pages for t, target in links if target not in files]
    return sorted(found, key=lambda b: b.page)


def _resolve(page: str, target: str) -> str:
    path = unquote(urlsplit(target).path)
    joined = (
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    )
    resolved = posixpath.normpath(joined)
    if path.endswith("/") or resolved == ".":
        resolved = posixpath.join(resolved, "index.html")
    return posixpath.normpath(resolved)
