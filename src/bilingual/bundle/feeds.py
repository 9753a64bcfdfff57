"""The files machines read: an Atom feed per language, ``sitemap.xml`` with the language
alternates of each page, and ``robots.txt``.

Feeds and the sitemap need absolute addresses, so they are made only with ``--base-url``.
They are built with ElementTree, which escapes whatever a title holds, and carry dates from
the articles only (never the time of the build), so that two builds give the same bytes. Names
are written as they appear in the documents (``xmlns`` declared on the root, ``xhtml:link``):
ElementTree's own namespace handling would invent prefixes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bilingual import __version__
from bilingual.bundle.pages import absolute
from bilingual.bundle.site import HTML_LANG, Entry, Site

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
FEED = "feed.xml"
#: Entries in a feed: the newest articles of the language.
FEED_ENTRIES = 20


@dataclass(frozen=True, slots=True)
class Located:
    """A page of the bundle as the sitemap lists it."""

    path: str
    #: ``(hreflang, absolute address)`` of each version, x-default included; empty when the
    #: page has no counterpart.
    alternates: tuple[tuple[str, str], ...] = ()
    lastmod: dt.date | None = None


def feed_path(lang: str) -> str:
    """Where ``lang``'s feed is in the bundle."""
    return f"{lang}/{FEED}"


def atom(
    site: Site,
    lang: str,
    base_url: str,
    body: Callable[[Entry], str],
    label: Callable[[str], str],
) -> bytes:
    """``lang``'s Atom feed (RFC 4287): its newest articles, each with its sanitized body;
    ``label`` names a category in the language."""
    title = site.config.site_title.get(lang, "")
    entries = site.entries[lang][:FEED_ENTRIES]
    newest = next((e.date for e in entries if e.date), None) or site.newest()
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": HTML_LANG[lang]})
    _text(feed, "id", absolute(base_url, f"{lang}/"))
    _text(feed, "title", title)
    _text(feed, "updated", _stamp(newest))
    _link(feed, "self", absolute(base_url, feed_path(lang)), "application/atom+xml")
    _link(feed, "alternate", absolute(base_url, f"{lang}/"), "text/html")
    _text(ET.SubElement(feed, "author"), "name", title)
    generator = _text(feed, "generator", "bilingual")
    generator.set("version", __version__)
    for entry in entries:
        item = ET.SubElement(feed, "entry")
        _text(item, "id", absolute(base_url, entry.url))
        _text(item, "title", entry.title)
        _link(item, "alternate", absolute(base_url, entry.url), "text/html")
        counterpart = site.counterpart(entry)
        if counterpart is not None:
            link = _link(item, "alternate", absolute(base_url, counterpart.url), "text/html")
            link.set("hreflang", HTML_LANG[counterpart.lang])
        _text(item, "updated", _stamp(entry.date or newest))
        if entry.date:
            _text(item, "published", _stamp(entry.date))
        if entry.author:
            _text(ET.SubElement(item, "author"), "name", entry.author)
        if entry.category:
            ET.SubElement(
                item,
                "category",
                {"term": entry.category, "label": label(entry.category)},
            )
        if entry.summary:
            _text(item, "summary", entry.summary)
        _text(item, "content", body(entry)).set("type", "html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap(pages: Sequence[Located], base_url: str) -> bytes:
    """``sitemap.xml``: every page, with ``xhtml:link`` alternates for its counterpart.

    Written line by line, in the bytes ElementTree writes (``ET.indent``, then ``tostring``
    with a declaration; a test holds the two equal): ElementTree took a second for 20,000
    pages, more than the rest of a rebuild that renders one article.
    """
    out = [f"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"{SITEMAP}\""]
    out.append(f' xmlns:xhtml="{XHTML}"')
    if not pages:
        return ("".join(out) + " />\n").encode()
    out.append(">")
    for page in sorted(pages, key=lambda p: p.path):
        loc = _escape(absolute(base_url, page.path.removesuffix("index.html")))
        out.append(f"\n  <url>\n    <loc>{loc}</loc>")
        if page.lastmod:
            out.append(f"\n    <lastmod>{page.lastmod.isoformat()}</lastmod>")
        for hreflang, href in page.alternates:
            out.append(
                f'\n    <xhtml:link rel="alternate" hreflang="{_attribute(hreflang)}" '
                f'href="{_attribute(href)}" />'
            )
        out.append("\n  </url>")
    out.append("\n</urlset>\n")
    return "".join(out).encode()


def _escape(text: str) -> str:
    """Text as ElementTree escapes it."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _attribute(text: str) -> str:
    """An attribute value as ElementTree escapes it."""
    text = _escape(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def robots(base_url: str) -> bytes:
    """``robots.txt``: everything may be crawled; where the sitemap is, when known."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {absolute(base_url, 'sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode()


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> ET.Element:
    return ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def _stamp(date: dt.date | None) -> str:
    """An Atom date (RFC 3339): the article's day at midnight UTC."""
    return f"{(date or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"
