from __future__ import annotations

from bilingual.parse.markdown import ignore_directives, parse_blocks


def kinds(body: str, offset: int = 0) -> list[tuple[str, int]]:
    return [(b.kind, b.line) for b in parse_blocks(body, offset)]


def test_block_kinds_and_lines():
    body = """# 标题

第一段。

- 第一项
- 第二项
  - 嵌套项

> 引语
> 第二行

![校园](campus.jpg)

| 年份 | 人数 |
| --- | --- |
| 2023 | 700 |

```
code
```

<table><tr><td>html</td></tr></table>
"""
    assert kinds(body, offset=5) == [
        ("heading", 6),
        ("paragraph", 8),
        ("list_item", 10),
        ("list_item", 11),
        ("list_item", 12),
        ("blockquote", 14),
        ("image", 17),
        ("table", 19),
        ("code", 23),
        ("html", 27),
    ]


def test_text_drops_markup_and_keeps_link_targets():
    (block,) = parse_blocks(
        "See the **[registration page](https://zsb.sjtu.edu.cn/)**, write to "
        "<news@sjtu.edu.cn> or news2@sjtu.edu.cn, or visit https://example.org/a.\n"
    )
    assert block.text.startswith("See the registration page, write to news@sjtu.edu.cn")
    assert block.links == (
        "https://zsb.sjtu.edu.cn/",
        "news@sjtu.edu.cn",
        "news2@sjtu.edu.cn",
        "https://example.org/a",
    )


def test_nested_list_levels():
    blocks = parse_blocks("- a\n  - b\n- c\n")
    assert [(b.text, b.level) for b in blocks] == [("a", 1), ("b", 2), ("c", 1)]


def test_html_comments_are_not_content():
    body = """<!-- 原文：七百余位嘉宾出席论坛。 -->
More than 700 guests attended.

Text <!-- 中文注释 --> continues.
"""
    blocks = parse_blocks(body)
    assert [b.text for b in blocks] == ["More than 700 guests attended.", "Text continues."]


def test_text_after_a_comment_on_one_line_is_kept_as_prose():
    (block,) = parse_blocks("<!-- 注释 --> The forum opened.\n")
    assert block.kind == "paragraph"
    assert block.text == "The forum opened."


def test_ignore_directive_applies_to_next_block_only():
    body = """<!-- bilingual-ignore: link-mismatch, T101 -->
First.

Second.

<!-- bilingual-ignore -->
Third.
"""
    first, second, third = parse_blocks(body)
    assert first.ignore == {"link-mismatch", "T101"}
    assert second.ignore == frozenset()
    assert third.ignore == {"*"}


def test_ignore_directives_parser():
    assert ignore_directives("<!-- nothing -->") is None
    assert ignore_directives("<!--bilingual-ignore:S101-->") == {"S101"}


def test_code_is_kept_apart_from_prose():
    (block,) = parse_blocks("Run `bilingual check` now.\n")
    assert block.code == ("bilingual check",)


def test_image_wrapped_in_link_is_an_image_block():
    (block,) = parse_blocks("[![海报](poster.png)](https://example.org)\n")
    assert block.kind == "image"
    assert block.links == ("https://example.org", "poster.png")


def test_blockquote_holding_a_list_is_one_block():
    blocks = parse_blocks("> 引语\n>\n> - 一\n> - 二\n")
    assert [b.kind for b in blocks] == ["blockquote"]
    assert blocks[0].text == "引语 一 二"


def test_end_lines_leave_out_trailing_blank_lines():
    blocks = parse_blocks("- a\n- b\n\n- c\n\npara\nline2\n", offset=10)
    assert [(b.line, b.end_line) for b in blocks] == [(11, 11), (12, 12), (14, 14), (16, 17)]


def test_html_that_only_wraps_text_is_a_paragraph():
    # answer-apache-answer-joined-first-alc-hangzhou-meetup (tests/fixtures/real): references
    # written as <p> elements, their URLs as text.
    (block,) = parse_blocks(
        '<p id="ref1">[1] https://cwiki.apache.org/confluence/display/COMDEV/ALC </p>\n'
        '<p id="ref2">[2] WeChat Public Account: alc_hangzhou </p>\n'
    )
    assert block.kind == "paragraph"
    assert block.links == ("https://cwiki.apache.org/confluence/display/COMDEV/ALC",)
    assert "WeChat Public Account" in block.text
    (table,) = parse_blocks("<table><tr><td>甲</td></tr></table>\n")
    assert table.kind == "html"
