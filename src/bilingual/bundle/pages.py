"""The pages of a site: which template renders which file, with what in it.

One function per kind of page, each pure (a ``Site`` in, ``Page`` values out), so that a page
can be rendered again on its own when only its article changed. Every link is relative to the
page (``../zh/slug/index.html``), so a bundle works from a ``file://`` path and from any folder
of a web server; with ``--base-url`` the ``hreflang`` alternates are absolute, as search
engines want them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from bilingual.bundle.site import HTML_LANG, LATEST, PER_PAGE, Entry, Site
from bilingual.errors import BundleError

#: Each language's name in itself, as the switcher shows it.
NATIVE = {"zh": "中文", "en": "English"}
STYLESHEET = "assets/style.css"
#: The search page's script: starts Pagefind's UI with the page's strings (``--no-search``:
#: neither it nor the search pages are written).
SEARCH_SCRIPT = "assets/search.js"
#: Where Pagefind writes a language's index and its UI, inside the language's tree.
PAGEFIND = "pagefind"


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: its path in the bundle, the template and what the template gets."""

    path: str
    template: str
    lang: str
    context: dict[str, Any] = field(default_factory=dict)
    #: The article shown, for article pages (the manifest lists its sources).
    entry: Entry | None = None


def href(page_path: str, target: str) -> str:
    """A link from the page at ``page_path`` to the site path ``target`` (``zh/slug/``, or a
    file), relative, naming ``index.html`` as file:// needs."""
    up = "../" * page_path.count("/")
    if target == "" or target.endswith("/"):
        target += "index.html"
    return up + _quote(target)


def absolute(base_url: str, target: str) -> str:
    """The address of ``target`` under ``base_url``, a folder ending in ``/`` left as it is."""
    return base_url.rstrip("/") + "/" + _quote(target)


#: What a path needs no quoting for: ``quote`` costs more than the rest of a link.
_PLAIN = re.compile(r"[A-Za-z0-9/._~-]*")


def _quote(target: str) -> str:
    return target if _PLAIN.fullmatch(target) else quote(target, safe="/.-_~")


def index_path(lang: str, number: int) -> str:
    """The folder of ``lang``'s index page ``number`` (1 is the language's home)."""
    return f"{lang}/" if number == 1 else f"{lang}/page/{number}/"


def category_path(lang: str, category: str) -> str:
    """The folder of a category's page: one path segment, whatever the category says."""
    if "/" in category:
        raise BundleError(
            f"output path would leave the bundle or hide in it: category {category!r}",
            hint="a category is a plain name (letters, digits, '-'), without '/'",
        )
    return f"{lang}/category/{category}/"


def search_path(lang: str) -> str:
    """The folder of ``lang``'s search page."""
    return f"{lang}/search/"


class Pages:
    """Builds the pages of ``site``; ``base_url`` makes alternates absolute; the languages of
    ``search`` get a search box on every page (their search pages come from ``search_page``),
    each with the folders of its search indexes, the primary first."""

    def __init__(
        self, site: Site, base_url: str = "", *, search: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.site = site
        self.base_url = base_url
        self.search: Mapping[str, Sequence[str]] = search or {}

    def all(self) -> Iterator[Page]:
        """Every page: the root, then per language its indexes, categories, articles and
        search page (a language of ``search``)."""
        yield self.root()
        for lang in self.site.languages:
            yield from self.indexes(lang)
            yield from self.category_pages(lang)
            for entry in self.site.entries[lang]:
                yield self.article(entry)
            if lang in self.search:
                yield self.search_page(lang)

    def root(self) -> Page:
        """``index.html``: sends readers to the default language's home."""
        lang = self.site.default
        page = Page("index.html", "redirect.html", lang)
        page.context.update(self._common(page, None), target=href("index.html", f"{lang}/"))
        return page

    def indexes(self, lang: str) -> Iterator[Page]:
        """The language's home and its further pages, newest first."""
        entries = self.site.entries[lang]
        total = max(1, -(-len(entries) // PER_PAGE))
        for number in range(1, total + 1):
            folder = index_path(lang, number)
            page = Page(folder + "index.html", "index.html", lang)
            counterpart = index_path(self.site.other(lang), 1) if number == 1 else None
            page.context.update(
                self._common(page, counterpart),
                entries=entries[(number - 1) * PER_PAGE : number * PER_PAGE],
                number=number,
                total=total,
                newer=href(page.path, index_path(lang, number - 1)) if number > 1 else None,
                older=href(page.path, index_path(lang, number + 1)) if number < total else None,
            )
            yield page

    def category_pages(self, lang: str) -> Iterator[Page]:
        """A page per category, its articles newest first."""
        other = self.site.categories(self.site.other(lang))
        for category, entries in self.site.categories(lang).items():
            page = Page(category_path(lang, category) + "index.html", "category.html", lang)
            counterpart = (
                category_path(self.site.other(lang), category) if category in other else None
            )
            page.context.update(self._common(page, counterpart), category=category, entries=entries)
            yield page

    def article(self, entry: Entry) -> Page:
        """An article's page: its counterpart, if published, is the switcher's target. Its
        ``body`` is rendered with the page (``render.page_html``), from the source file."""
        page = Page(entry.url + "index.html", "article.html", entry.lang, entry=entry)
        counterpart = self.site.counterpart(entry)
        newest = self.site.entries[entry.lang][: LATEST + 1]
        latest = [e for e in newest if e.slug != entry.slug][:LATEST]
        page.context.update(
            self._common(page, counterpart.url if counterpart else None),
            entry=entry,
            latest=latest,
        )
        return page

    def search_page(self, lang: str) -> Page:
        """``<lang>/search/index.html``: the language's search page (Pagefind's UI)."""
        other = self.site.other(lang)
        page = Page(search_path(lang) + "index.html", "search.html", lang)
        page.context.update(
            self._common(page, search_path(other) if other in self.search else None),
            script=href(page.path, SEARCH_SCRIPT),
            # Pagefind's UI, written with the language's first index, and the indexes.
            pagefind_css=href(page.path, f"{lang}/{PAGEFIND}/pagefind-ui.css"),
            pagefind_js=href(page.path, f"{lang}/{PAGEFIND}/pagefind-ui.js"),
            pagefind_bundles=["../" * page.path.count("/") + f for f in self.search[lang]],
        )
        return page

    def _common(self, page: Page, counterpart: str | None) -> dict[str, Any]:
        """What every template gets: the language, links home and to the stylesheet, the
        switcher and the ``hreflang`` alternates."""
        lang, site = page.lang, self.site
        switch = None
        if counterpart is not None:
            other = site.other(lang)
            switch = {
                "href": href(page.path, counterpart),
                "hreflang": HTML_LANG[other],
                "name": NATIVE[other],
            }
        alternates = [
            {"hreflang": code, "href": target}
            for code, target in self.alternates(page.path, lang, counterpart)
        ]
        return {
            "lang": lang,
            "html_lang": HTML_LANG[lang],
            "site_title": site.config.site_title.get(lang, ""),
            "filings": site.config.site_filings,
            "home": href(page.path, f"{lang}/"),
            "stylesheet": href(page.path, STYLESHEET),
            "switch": switch,
            "alternates": alternates,
            "link": functools.partial(href, page.path),  # a partial pickles, for workers
            # The search box: a form that sends its words to the search page (no script).
            "search": href(page.path, search_path(lang)) if lang in self.search else None,
            # Feeds need absolute links: made with a base URL only.
            "feed": href(page.path, f"{lang}/feed.xml") if self.base_url else None,
        }

    def alternates(self, path: str, lang: str, counterpart: str | None) -> list[tuple[str, str]]:
        """The ``hreflang`` alternates of the page at ``path`` (both languages, then
        ``x-default``); none without a counterpart."""
        if counterpart is None:
            return []
        site = self.site
        versions = {lang: path.removesuffix("index.html"), site.other(lang): counterpart}
        found = [
            (HTML_LANG[code], self._alternate(path, versions[code])) for code in site.languages
        ]
        found.append(("x-default", self._alternate(path, versions[site.default])))
        return found

    def _alternate(self, path: str, target: str) -> str:
        return absolute(self.base_url, target) if self.base_url else href(path, target)
