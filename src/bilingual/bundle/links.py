"""Internal links checked after rendering: every relative ``href`` and ``src`` of every page
must name a file of the bundle (a folder link, its ``index.html``)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from bilingual.bundle.write import Files

_LINKING = {"a": "href", "link": "href", "img": "src", "source": "src", "script": "src"}


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A link on a page to a file the bundle does not hold."""

    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: broken link to {self.target}"


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = _LINKING.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)
            elif tag == "meta" and name == "content" and value and "url=" in value.lower():
                self.targets.append(value[value.lower().index("url=") + 4 :].strip())


def internal(target: str) -> bool:
    """Whether a link points into the bundle: no scheme, no host, not only a fragment."""
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith("#") or not parts.path)


def broken_links(files: Files) -> list[BrokenLink]:
    """Every internal link of every HTML page that names no file of ``files``."""
    broken: list[BrokenLink] = []
    for page, data in files.items():
        if not page.endswith(".html"):
            continue
        parser = _Targets()
        parser.feed(data.decode("utf-8"))
        for target in parser.targets:
            if internal(target) and _resolve(page, target) not in files:
                broken.append(BrokenLink(page, target))
    return broken


def _resolve(page: str, target: str) -> str:
    path = unquote(urlsplit(target).path)
    joined = (
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    )
    resolved = posixpath.normpath(joined)
    if path.endswith("/") or resolved == ".":
        resolved = posixpath.join(resolved, "index.html")
    return posixpath.normpath(resolved)
