"""The sitemap and the manifest are written by hand, for speed: the same bytes as ElementTree
and the json module write."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from bilingual.bundle.feeds import SITEMAP, XHTML, Located, sitemap
from bilingual.bundle.manifest import dumps
from bilingual.bundle.pages import absolute

BASE = "https://news.example.edu.cn/"


def _sitemap_by_elementtree(pages: list[Located], base_url: str) -> bytes:
    urlset = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for page in sorted(pages, key=lambda p: p.path):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = absolute(base_url, page.path.removesuffix("index.html"))
        if page.lastmod:
            ET.SubElement(url, "lastmod").text = page.lastmod.isoformat()
        for hreflang, href in page.alternates:
            ET.SubElement(
                url, "xhtml:link", {"rel": "alternate", "hreflang": hreflang, "href": href}
            )
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def test_the_sitemap_is_what_elementtree_writes():
    pages = [
        Located("index.html"),
        Located("zh/论坛/index.html", (("zh-CN", f"{BASE}zh/a&b/"), ("x-default", 'q"<\n\t>')),
                dt.date(2023, 4, 3)),
        Located("en/a&b <c>/index.html", (), dt.date(2023, 4, 2)),
    ]  # fmt: skip
    assert sitemap(pages, BASE) == _sitemap_by_elementtree(pages, BASE)
    assert sitemap([], BASE) == _sitemap_by_elementtree([], BASE)


def test_the_manifest_is_what_json_writes():
    value = {
        "files": {"zh/论坛/index.html": "ab" * 32, 'a"b\\c': "\x07\n"},
        "empty": {"list": [], "dict": {}},
        "values": [None, True, False, 3, "中文", [{"z": 1, "a": [1, 2]}]],
        "check": None,
    }
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
