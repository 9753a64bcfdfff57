"""The rendered pages, read with a real HTML parser: languages, switcher, hreflang, dates, UI
strings, footer, and what the sanitizer keeps out."""

from __future__ import annotations

import posixpath

from tests.bundle.conftest import parse_html

FILING = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31010402009841"


def _target(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def test_layout(site, build):
    code, out, err, folder = build(site)
    assert code == 0, err
    assert "wrote" in out
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {
        "index.html",
        "assets/style.css",
        "zh/index.html",
        "en/index.html",
        "zh/forum/index.html",
        "en/forum/index.html",
        "zh/open-day/index.html",
        "zh/lecture/index.html",
        "zh/category/campus-events/index.html",
        "zh/category/conference-season/index.html",
        "en/category/conference-season/index.html",
        "manifest.json",
        "SHA256SUMS",
    } <= names
    # the English draft and the missing English side are not rendered
    assert "en/open-day/index.html" not in names
    assert "en/lecture/index.html" not in names
    assert "en/category/campus-events/index.html" not in names
    assert "note: left out articles/open-day/en.md: status draft" in err


def test_lang_attributes_and_switcher(site, build):
    _, _, _, folder = build(site)
    zh = parse_html(folder / "zh/forum/index.html")
    en = parse_html(folder / "en/forum/index.html")
    assert zh.find("html").attrs["lang"] == "zh-CN"
    assert en.find("html").attrs["lang"] == "en"
    switch = zh.find("a", class_="switch")
    assert switch.text == "English"
    assert switch.attrs["hreflang"] == "en"
    assert _target("zh/forum/index.html", switch.attrs["href"]) == "en/forum/index.html"
    back = en.find("a", class_="switch")
    assert back.text == "中文"
    assert _target("en/forum/index.html", back.attrs["href"]) == "zh/forum/index.html"


def test_hreflang_alternates(site, build):
    _, _, _, folder = build(site, "--base-url", "https://news.example.edu.cn")
    page = parse_html(folder / "en/forum/index.html")
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in page.find_all("link", rel="alternate")
        if link.attrs.get("hreflang")
    }
    assert alternates == {
        "zh-CN": "https://news.example.edu.cn/zh/forum/",
        "en": "https://news.example.edu.cn/en/forum/",
        "x-default": "https://news.example.edu.cn/zh/forum/",
    }


def test_a_side_without_counterpart_has_no_switcher_nor_alternates(site, build):
    _, _, _, folder = build(site)
    for page in ("zh/open-day/index.html", "zh/lecture/index.html"):
        tree = parse_html(folder / page)
        assert tree.find_all("a", class_="switch") == []
        assert [n for n in tree.find_all("link") if n.attrs.get("hreflang")] == []


def test_drafts_flag_renders_drafts_with_their_switcher(site, build):
    _, _, err, folder = build(site, "--drafts")
    assert (folder / "en/open-day/index.html").is_file()
    switch = parse_html(folder / "zh/open-day/index.html").find("a", class_="switch")
    assert _target("zh/open-day/index.html", switch.attrs["href"]) == "en/open-day/index.html"
    assert "status draft" not in err


def test_every_internal_link_resolves(site, build):
    code, _, err, folder = build(site)
    assert code == 0, err
    assert "broken link" not in err
    for page in folder.rglob("*.html"):
        rel = page.relative_to(folder).as_posix()
        tree = parse_html(page)
        for node in tree.iter():
            href = node.attrs.get("href") or node.attrs.get("src")
            if href and "://" not in href and not href.startswith(("#", "data:")):
                assert (folder / _target(rel, href)).is_file(), (rel, href)


def test_article_page_meta_line_dates_and_ui_strings(site, build):
    _, _, _, folder = build(site)
    zh = parse_html(folder / "zh/forum/index.html")
    assert zh.find("h1").text == "张江科学会堂举行论坛"
    assert zh.find("p", class_="eyebrow").text == "会议论坛"
    assert zh.find("span", class_="source").text == "来源：上海交通大学新闻网"
    assert zh.find("span", class_="author").text == "作者：陈宇"
    assert zh.find("span", class_="date").text == "发布时间：2023年4月3日"
    assert zh.find("time").attrs["datetime"] == "2023-04-03"
    assert zh.find("aside", class_="latest").find("h2").text == "最新动态"
    en = parse_html(folder / "en/forum/index.html")
    assert en.find("span", class_="date").text == "Published: April 3, 2023"
    assert en.find("span", class_="source").text == "Source: SJTU News"
    assert en.find("aside", class_="latest").find("h2").text == "Latest News"
    assert en.find("p", class_="eyebrow").text == "Conferences"


def test_the_body_drops_the_title_heading_and_keeps_the_rest(site, build):
    _, _, _, folder = build(site)
    body = parse_html(folder / "en/forum/index.html").find("div", class_="body")
    assert [h.text for h in body.find_all("h2")] == ["Platform Launch"]
    assert "The platform was launched." in body.text


def test_latest_news_lists_other_articles_newest_first(site, build):
    _, _, _, folder = build(site)
    latest = parse_html(folder / "zh/forum/index.html").find("aside", class_="latest")
    assert [a.text for a in latest.find_all("a")] == ["校园开放日", "讲座"]


def test_index_newest_first_and_category_page(site, build):
    _, _, _, folder = build(site)
    index = parse_html(folder / "zh/index.html")
    assert [h.text for h in index.find_all("h2")] == ["校园开放日", "张江科学会堂举行论坛", "讲座"]
    assert index.find("h1").text == "最新动态"
    category = parse_html(folder / "zh/category/campus-events/index.html")
    assert category.find("h1").text == "校园活动"
    assert [h.text for h in category.find_all("h2")] == ["校园开放日", "讲座"]


def test_footer_shows_site_and_filing(site, build):
    _, _, _, folder = build(site)
    for page in ("zh/forum/index.html", "en/index.html", "zh/category/campus-events/index.html"):
        footer = parse_html(folder / page).find("footer")
        link = footer.find("a")
        assert link.text == "沪公网安备 31010402009841号"
        assert link.attrs["href"] == FILING
    assert "SJTU News" in parse_html(folder / "en/index.html").find("footer").text


def test_root_page_sends_readers_to_the_default_language(site, build):
    _, _, _, folder = build(site)
    root = parse_html(folder / "index.html")
    refresh = root.find("meta", **{"http-equiv": "refresh"})
    assert refresh.attrs["content"] == "0; url=zh/index.html"
    assert root.find("a").attrs["href"] == "zh/index.html"
    assert not root.find_all("script")


def test_pagination(root, build):
    for n in range(12):
        root.pair(
            f"a{n:02}",
            f"第{n}篇。",
            f"Article {n}.",
            zh_meta=f"title: 第{n}篇\ndate: 2023-01-{n + 1:02}\ncategory: news\n",
            en_meta=f"title: Article {n}\ndate: 2023-01-{n + 1:02}\ncategory: news\n",
        )
    _, _, _, folder = build(root, "--strict")
    first = parse_html(folder / "en/index.html")
    assert [h.text for h in first.find_all("h2")][:2] == ["Article 11", "Article 10"]
    older = first.find("a", rel="next")
    assert older.text == "Older"
    assert _target("en/index.html", older.attrs["href"]) == "en/page/2/index.html"
    second = parse_html(folder / "en/page/2/index.html")
    assert [h.text for h in second.find_all("h2")] == ["Article 1", "Article 0"]
    assert (
        "第 2 页，共 2 页"
        in parse_html(folder / "zh/page/2/index.html").find("nav", class_="pagination").text
    )


def test_hostile_markup_never_reaches_a_page(root, build):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & <b>bold</b>'
    root.pair(
        "evil",
        '正文<script>alert("x")</script>。\n\n<img src="a.png" onerror="alert(1)">\n\n'
        '[点击](javascript:alert(1)) <a href="JaVaScRiPt:alert(3)">链接</a>\n\n'
        '<p onclick="alert(4)" style="x">段落</p>\n\n<iframe src="https://evil.example"></iframe>',
        "Body.",
        zh_meta=f"title: '{hostile}'\ndate: 2023-04-03\n",
        en_meta="title: Evil\ndate: 2023-04-03\n",
    )
    (root.path / "articles/evil/a.png").write_bytes(b"\x89PNG")
    code, _, err, folder = build(root)
    assert code == 0, err
    for page in ("zh/evil/index.html", "zh/index.html", "en/evil/index.html"):
        text = (folder / page).read_text(encoding="utf-8")
        tree = parse_html(folder / page)
        assert not tree.find_all("script"), page
        assert not tree.find_all("iframe"), page
        for node in tree.iter():
            for name, value in node.attrs.items():
                assert not name.startswith("on"), (page, node.tag, name)
                assert "javascript:" not in (value or "").lower(), (page, node.tag, value)
        assert "<script>" not in text
    article = parse_html(folder / "zh/evil/index.html")
    # the title is shown as the text it is, escaped, never as markup
    assert article.find("title").text == f"{hostile} · 新闻网"
    assert article.find("h1").text == hostile
    assert article.find("h1").children == [hostile]
    assert article.find("div", class_="body").find("img").attrs == {"src": "a.png"}
    assert (folder / "zh/evil/a.png").read_bytes() == b"\x89PNG"


def test_defaults_without_a_configuration(root, build):
    meta = "title: T\ndate: 2023-04-03\ncategory: news\nsummary: 'A \"quoted\" <summary>'\n"
    root.pair("a", "正文。", "Body.", zh_meta=meta, en_meta=meta)
    code, _, err, folder = build(root)
    assert code == 0, err
    page = parse_html(folder / "en/a/index.html")
    assert page.find("footer").text == "News"
    assert page.find("a", class_="site-title").text == "News"
    assert parse_html(folder / "zh/a/index.html").find("a", class_="site-title").text == "新闻网"
    description = page.find("meta", name="description")
    assert description.attrs["content"] == 'A "quoted" <summary>'


def test_a_content_root_may_replace_the_stylesheet(site, build):
    (site.path / "templates/assets").mkdir(parents=True)
    (site.path / "templates/assets/style.css").write_text("body { color: red; }\n", "utf-8")
    _, _, _, folder = build(site)
    assert (folder / "assets/style.css").read_text(encoding="utf-8") == "body { color: red; }\n"


def test_backups_and_other_markdown_in_an_article_folder_are_not_published(root, build):
    root.pair("forum", "七百余位嘉宾出席。", "More than 700 guests attended.")
    folder = root.path / "articles/forum"
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    for name in ("en.md.20261130-080422.bak", "zh.md~", "notes.md", "en.md.orig"):
        (folder / name).write_text("an old draft", encoding="utf-8")
    code, _, err, out = build(root)
    assert code == 0, err
    published = {p.name for p in out.rglob("*") if p.is_file()}
    assert "photo.jpg" in published
    assert not published & {"en.md.20261130-080422.bak", "zh.md~", "notes.md", "en.md.orig"}
