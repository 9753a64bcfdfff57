"""The preview: one article drawn at fixed widths, read back as text and as styled segments."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from bilingual.cache import open_cache
from bilingual.config import load_config
from bilingual.engine import Plan, cache_key, check_pair, make_plan, pair_beads
from bilingual.errors import SourceError, UsageError
from bilingual.glossary.store import load_glossary
from bilingual.model import Finding, Location, Severity
from bilingual.parse.discover import article_folder, closest, load_pair
from bilingual.preview.render import NO_COUNTERPART, render, render_side
from bilingual.preview.show import Options, build
from bilingual.preview.view import (
    View,
    load_view,
    place,
    side_markdown,
)
from bilingual.preview.wrap import CLOSING, OPENING, divide, wrap
from tests.conftest import EN_META, ZH_META, Root

GLOSSARY = """\
terms:
  - zh: 上海交通大学
    en: Shanghai Jiao Tong University
    variants: [SJTU]
    forbidden: [Shanghai Jiaotong University]
  - zh: 张江科学会堂
    en: Zhangjiang Science Hall
"""

ZH = """\
上海交通大学举办开放日，七百余人参加。

## 展览

张江科学会堂展出新材料。

同日，上海交通大学图书馆举办讲座，计划五年内培养青年科研人员五百名。
"""

EN = """\
Shanghai Jiao Tong University held an open day, attended by more than 600 people.

## Exhibition

Zhangjiang Science Hall showed new materials by Shanghai Jiaotong University.
"""

SLUG = "2023-open-day"


@pytest.fixture
def site(root: Root) -> Root:
    """A content root with a glossary and one article: a number that differs, a forbidden
    rendering and a Chinese paragraph with no English."""
    root.raw("glossary.yaml", GLOSSARY)
    root.pair(SLUG, ZH, EN)
    return root


def plan_of(root: Root) -> Plan:
    config = load_config(root.path)
    return make_plan(config, glossary=load_glossary(root.path, config.glossary))


def view_of(root: Root, slug: str = SLUG, **kwargs: object) -> View:
    return load_view(root.path, root.path / "articles" / slug, plan_of(root), **kwargs)


def draw(view: View, width: int) -> tuple[str, list[Segment]]:
    """The preview at ``width`` columns: its plain text and its styled segments."""
    console = Console(
        file=io.StringIO(), width=width, record=True, force_terminal=True, color_system="truecolor"
    )
    renderable = render(view, width)
    segments = list(console.render(renderable))
    console.print(renderable)
    return console.export_text(styles=False), segments


def line_of(text: str, needle: str) -> int:
    lines = text.splitlines()
    return next(i for i, line in enumerate(lines) if needle in line)


def test_wide_preview_puts_aligned_blocks_on_one_row(site):
    text, _ = draw(view_of(site), 100)
    lines = text.splitlines()
    assert all(cell_len(line) == 100 for line in lines)
    first = lines[line_of(text, "上海交通大学举办开放日")]
    assert "Shanghai Jiao Tong University held an open" in first
    assert lines[line_of(text, "## 展览")] == lines[line_of(text, "## Exhibition")]
    # each side's own line numbers (front matter is five lines, then a blank one)
    assert "│  7 上海交通大学举办开放日" in first and "│  7 Shanghai" in first
    assert "│  9 ## 展览" in lines[line_of(text, "## 展览")]


def test_the_block_without_counterpart_stands_against_a_marked_cell(site):
    text, _ = draw(view_of(site), 100)
    row = text.splitlines()[line_of(text, "同日，上海交通大学图书馆")]
    assert NO_COUNTERPART in row
    assert row.index("同日") < row.index(NO_COUNTERPART)  # zh left, the empty en right
    assert "4 blocks in zh.md, 3 blocks in en.md; 4 rows aligned, 1 without a counterpart" in (
        " ".join(text.split())
    )


def test_findings_stand_under_their_block_with_code_and_colour(site):
    view = view_of(site)
    text, segments = draw(view, 100)
    lines = text.splitlines()
    numbers = line_of(text, "error N101")
    assert line_of(text, "7 上海交通大学") < numbers < line_of(text, "## 展览")
    forbidden = line_of(text, "error G102")
    assert line_of(text, "## 展览") < forbidden < line_of(text, "同日，上海交通大学图书馆")
    structure = line_of(text, "error S101")
    assert line_of(text, "同日，上海交通大学图书馆") < structure
    assert lines[structure].index("error S101") < 50  # under the zh block, the left column
    red = [s for s in segments if s.text.startswith("error ") and s.style is not None]
    assert red and all(s.style.color.name == "red" and s.style.bold for s in red)


def test_glossary_terms_are_highlighted_on_both_sides(site):
    _, segments = draw(view_of(site), 100)
    styled = {(s.text, s.style) for s in segments if s.style is not None}
    term, forbidden = Style.parse("bold cyan"), Style.parse("bold red underline")
    assert ("上海交通大学", term) in styled
    assert ("张江科学会堂", term) in styled
    assert ("Shanghai Jiao Tong University", term) in styled
    assert ("Zhangjiang Science Hall", term) in styled
    # a forbidden rendering stands out as one
    assert ("Shanghai Jiaotong University", forbidden) in styled
    assert not any(text == "Forum held" for text, style in styled if style == term)


def test_narrow_preview_stacks_the_sides(site):
    text, _ = draw(view_of(site), 60)
    lines = text.splitlines()
    assert all(cell_len(line) == 60 for line in lines)
    zh = line_of(text, "zh  7 上海交通大学")
    en = line_of(text, "en  7 Shanghai Jiao Tong")
    assert zh < en < line_of(text, "zh  9 ## 展览") < line_of(text, "en  9 ## Exhibition")
    assert "Shanghai" not in lines[zh]
    lone = line_of(text, "zh 13 同日")
    assert f"│ en    {NO_COUNTERPART}" in lines[line_of(text, "│ en    ")]
    assert lone < line_of(text, "│ en    ")
    assert line_of(text, "zh  7") < line_of(text, "error N101") < line_of(text, "zh  9")


def test_header_shows_the_front_matter_of_each_side(site):
    site.pair(
        SLUG,
        ZH,
        EN,
        zh_meta=ZH_META + "author: 王立\nstatus: published\n",
        en_meta=EN_META + "author: Wang Li\nstatus: draft\n",
    )
    text, _ = draw(view_of(site), 100)
    for key, zh, en in [
        ("title", "论坛举行", "Forum held"),
        ("date", "2023-04-03", "2023-04-03"),
        ("category", "conference-season", "conference-season"),
        ("author", "王立", "Wang Li"),
        ("status", "published", "draft"),
    ]:
        row = text.splitlines()[line_of(text, f"│ {key} ")]
        assert row.index(zh) < row.rindex(en), key
    assert "never synced" in text


def test_stale_and_synced_translations_are_said(site):
    pair = load_pair(site.path, site.path / "articles" / SLUG)
    assert pair.zh is not None
    site.pair(SLUG, ZH, EN, en_meta=EN_META + f"translated_from: {pair.zh.digest}\n")
    assert "current" in draw(view_of(site), 100)[0]
    site.pair(
        SLUG, ZH + "\n新的一段。\n", EN, en_meta=EN_META + f"translated_from: {pair.zh.digest}"
    )
    text = " ".join(draw(view_of(site), 100)[0].split())
    assert "stale: zh.md changed since en.md was synced" in text
    assert "warning A107" in text  # the finding itself, in the header: it is about no block


def test_one_sided_article_shows_that_side_and_says_the_other_is_missing(root):
    root.pair("lonely", "只有中文的一段。", None)
    view = view_of(root, "lonely")
    for width in (100, 60):
        text, _ = draw(view, width)
        flat = " ".join(text.split())
        assert "en.md is missing: articles/lonely/en.md does not exist" in flat
        assert "only the Chinese side is shown" in flat
        assert "只有中文的一段。" in text
        assert "en.md English" not in flat and NO_COUNTERPART not in text
        assert "error A101" in text


def test_side_renders_markdown_with_the_findings_of_that_side(site):
    view = view_of(site, langs=("en",))
    article = view.pair.en
    assert article is not None
    console = Console(file=io.StringIO(), width=100, record=True)
    console.print(render_side(view, "en", side_markdown(site.path, article), 100))
    text = console.export_text()
    assert "Exhibition" in text and "## Exhibition" not in text  # a heading, drawn as one
    assert "zh.md" not in text.split("findings in en.md")[0].split("╰")[0]  # en's header alone
    assert "findings in en.md" in text and "G102" in text


def test_a_file_that_cannot_be_parsed_is_an_error_with_its_line(site):
    site.raw(f"articles/{SLUG}/en.md", "---\ntitle: [oops\n---\n\nBody.\n")
    with pytest.raises(SourceError) as caught:
        view_of(site)
    assert caught.value.where == f"articles/{SLUG}/en.md:2"
    # the zh side alone is still shown: the broken file is not part of it
    assert view_of(site, langs=("zh",)).pair.zh is not None


def test_the_preview_pairs_blocks_as_check_does(site):
    view = view_of(site)
    pair = load_pair(site.path, site.path / "articles" / SLUG)
    assert tuple(row.bead for row in view.rows) == pair_beads(pair, plan_of(site))
    assert list(view.findings) == check_pair(pair, plan_of(site))[0]


def test_findings_come_through_the_result_cache(site, cli):
    code, _, _ = cli("check", "--root", site.path)
    assert code == 1
    plan = plan_of(site)
    cache = open_cache(site.path, cache_key(plan), pytest.fail)
    assert cache is not None
    try:
        assert f"articles/{SLUG}" in cache.rows()
        cached = load_view(site.path, site.path / "articles" / SLUG, plan, cache=cache)
    finally:
        cache.close()
    assert cached.findings == view_of(site).findings
    # and a first preview keeps its findings for the next check
    site.pair("another", "一段。", "A paragraph.")
    cache = open_cache(site.path, cache_key(plan), pytest.fail)
    assert cache is not None
    try:
        load_view(site.path, site.path / "articles" / "another", plan, cache=cache)
        assert "articles/another" in cache.rows()
    finally:
        cache.close()


def finding(line_zh: int | None, line_en: int | None, primary: str = "zh") -> Finding:
    return Finding(
        "X101",
        "example",
        Severity.WARNING,
        "a",
        "message",
        zh=Location("articles/a/zh.md", line_zh) if line_zh is not None else None,
        en=Location("articles/a/en.md", line_en) if line_en is not None else None,
        primary=primary,
    )


def test_findings_are_placed_by_line_on_their_side(root):
    root.pair(
        "a", "- 一\n  - 二\n    续\n- 三\n\n段落。", "- One\n  - Two\n    more\n- Three\n\nText."
    )
    pair = load_pair(root.path, root.path / "articles" / "a")
    beads = pair_beads(pair, make_plan(load_config(root.path)))
    nested = finding(None, 9, "en")  # the nested item's second line, inside its parent's too
    front = finding(2, None)  # front matter
    other_side = finding(99, 12)  # primary zh, found by its en line
    lost = finding(99, None)
    rows, general = place(beads, [nested, front, other_side, lost])
    texts = [(row.bead.zh[0].text, [n.lang for n in row.notes]) for row in rows]
    assert texts == [("一", []), ("二续", ["en"]), ("三", []), ("段落。", ["en"])]
    assert general == (front, lost)


def test_article_folder_takes_a_slug_or_a_path_and_names_the_closest(site):
    folder = site.path / "articles" / SLUG
    assert article_folder(site.path, SLUG) == folder
    assert article_folder(site.path, f"articles/{SLUG}/") == folder
    assert article_folder(site.path, str(folder / "zh.md")) == folder.resolve()
    with pytest.raises(UsageError, match=r"no article 'open-dya'") as caught:
        article_folder(site.path, "open-dya")
    assert caught.value.hint == f"did you mean {SLUG}?"
    with pytest.raises(UsageError, match="no article 'zzzzzz'") as caught:
        article_folder(site.path, "zzzzzz")
    assert (caught.value.hint or "").startswith("an article is a folder under ")


def test_closest_prefers_slugs_holding_the_name():
    known = ["2023-pujiang-innovation-forum", "2023-campus-open-day", "pujiang-2022"]
    assert closest("pujiang", known) == ["2023-pujiang-innovation-forum", "pujiang-2022"]
    assert closest("2023-campus-opn-day", known) == ["2023-campus-open-day"]


def test_build_reads_the_configuration_and_glossary_afresh(site):
    folder = site.path / "articles" / SLUG
    options = Options(width=100, cache=False)
    console = Console(file=io.StringIO(), width=100, record=True, force_terminal=True)
    console.print(build(site.path, folder, options, pytest.fail))
    assert "Zhangjiang Science Hall" in console.export_text()
    site.raw("glossary.yaml", "terms: []\n")
    again = list(console.render(build(site.path, folder, options, pytest.fail)))
    assert not any(s.text == "Zhangjiang Science Hall" and s.style for s in again)


@pytest.mark.parametrize("width", [8, 13, 20, 37])
def test_wrap_breaks_chinese_between_characters_never_before_closing_marks(width):
    text = "2023年4月2日，2023浦江创新论坛“AI for Science”主题论坛在张江科学会堂举行（上海）。"
    lines = [line.plain for line in wrap(Text(text), width)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[0] in CLOSING for line in lines[1:])
    assert not any(line[-1] in OPENING for line in lines[:-1])
    # a line is filled before it breaks: no line but the last is much shorter than the width
    assert all(cell_len(line) >= width - 8 for line in lines[:-1])


def test_wrap_breaks_latin_text_at_spaces_and_folds_a_long_word():
    text = "see https://example.org/a/very/long/path/that/does/not/fit and more words"
    lines = [line.plain for line in wrap(Text(text), 20)]
    assert lines[0] == "see"
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines[1:4]).startswith("https://example.org/a/very/long/path")
    assert divide("short", 20) == []


def test_wrap_keeps_styles():
    text = Text("上海交通大学举办开放日，" * 3)
    text.stylize("bold cyan", 0, 6)
    first = next(iter(wrap(text, 10)))
    assert first.plain == "上海交通大"
    assert first.spans and str(first.spans[0].style) == "bold cyan"


def test_the_demo_screen_is_drawn_from_files_in_the_repository():
    # the picture's content root is committed beside the script, not made up by it
    demo = Path(__file__).resolve().parents[1] / "docs" / "screens" / "demo"
    assert (demo / "glossary.yaml").is_file()
    assert article_folder(demo, "2023-ai-for-science-forum").is_dir()


def test_side_markdown_breaks_chinese_paragraphs_between_characters(root):
    paragraph = "Nacos 是阿里巴巴开源的一个易于使用的动态服务发现、配置和服务管理平台，对吧。"
    root.pair("nacos", paragraph, "Nacos is a platform.")
    view = view_of(root, "nacos", langs=("zh",))
    assert view.pair.zh is not None
    console = Console(file=io.StringIO(), width=40, record=True)
    console.print(render_side(view, "zh", side_markdown(root.path, view.pair.zh), 40))
    body = console.export_text().split("╯\n", 1)[1].splitlines()
    lines = [line.rstrip() for line in body if line.strip()]
    # rich alone would leave "Nacos" on a line of its own: a sentence is one word to it
    assert lines[0].startswith("Nacos 是阿里巴巴")
    assert "".join(lines).replace(" ", "") == paragraph.replace(" ", "")
    assert not any(line[0] in CLOSING for line in lines)
