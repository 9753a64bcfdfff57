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
from collections.abc import Container
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


class LinkCheck:
    """The internal links of the pages, recorded as each is rendered (so that no page needs to
    stay in memory), then checked against every file of the bundle."""

    def __init__(self) -> None:
        self._links: list[tuple[str, str]] = []

    def page(self, path: str, html_text: str) -> None:
        """Record the internal links of the page at ``path``."""
        self._links.extend((path, t) for t in targets(html_text) if internal(t))

    def broken(self, files: Container[str]) -> list[BrokenLink]:
        """Every recorded link that names no file of ``files``, in page order."""
        found = [BrokenLink(p, t) for p, t in self._links if _resolve(p, t) not in files]
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
