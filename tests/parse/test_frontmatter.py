from __future__ import annotations

import pytest
import yaml

from bilingual.errors import SourceError
from bilingual.parse.frontmatter import decode, split


def test_splits_meta_body_and_key_lines():
    text = "---\ntitle: 论坛\ndate: 2023-04-03\ncategory: x\n---\n\n正文第一段。\n"
    source = split(text, "zh.md")
    assert source.meta == {"title": "论坛", "date": "2023-04-03", "category": "x"}
    assert source.meta_lines == {"title": 2, "date": 3, "category": 4}
    assert source.body_offset == 5
    assert source.body.splitlines()[1] == "正文第一段。"


def test_bom_and_crlf_keep_line_numbers():
    data = "\ufeff---\r\ntitle: T\r\ndate: 2023-04-03\r\n---\r\n\r\nBody\r\n".encode()
    text = decode(data, "en.md")
    assert "\r" not in text and not text.startswith("\ufeff")
    source = split(text, "en.md")
    assert source.meta_lines["date"] == 3
    assert source.body_offset == 4


def test_lone_cr_line_ends_are_normalised():
    text = decode(b"---\rtitle: T\r---\rBody\r", "en.md")
    assert split(text, "en.md").meta == {"title": "T"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("", "file is empty", 1),
        ("   \n\n", "file is empty", 1),
        ("Just a body\n", "no front matter", 1),
        ("---\ntitle: x\n", "never closed", 1),
        ("---\ntitle: x\ndate: [2023\n---\nbody\n", "not valid YAML", 3),
        ('---\ntitle: "x\ndate: 2023-04-03\n---\n', "not valid YAML", 2),
        ("---\ntitle: a\x07b\n---\n", "'\\x07' is not allowed", 2),
        ("---\ntitle: x\n  bad: indent: here\n---\n", "not valid YAML", 3),
        ("---\n- a\n- b\n---\n", "must be a mapping", 2),
        # a key given twice: the second line (the fast reading and YAML alike)
        ("---\ntitle: a\ndate: 2023-04-02\ndate: 2023-04-03\n---\n", "gives 'date' twice", 4),
        ('---\ntitle: "a: b"\nauthor: x\ntitle: c\n---\n', "(lines 2 and 4)", 4),
    ],
)
def test_bad_front_matter_raises_with_line(text, message, line):
    with pytest.raises(SourceError) as info:
        split(text, "articles/a/zh.md")
    assert message in info.value.message
    assert info.value.line == line
    assert str(info.value.path) == "articles/a/zh.md"


@pytest.mark.parametrize(
    "text",
    [
        '---\ntitle: "two\ntitle: x"\n---\n',  # a quoted value going on at a line's start
        "---\nsummary: 'a\nsummary: b'\n---\n",
        "---\nmeta: {a: 1,\nmeta: 2}\n---\n",  # a flow mapping over two lines
        "---\n'1': a\n1: b\n---\n",  # a string key and a number key
    ],
)
def test_a_line_that_only_looks_like_a_key_again_is_not_a_key_given_twice(text):
    assert split(text, "articles/a/zh.md").meta == yaml.safe_load(text.split("---\n")[1])


def test_empty_front_matter_is_an_empty_mapping():
    assert split("---\n---\nbody\n", "en.md").meta == {}


def test_bad_utf8_names_line_and_column():
    data = b"---\ntitle: ok\n---\n" + b"caf\xe9 au lait\n"
    with pytest.raises(SourceError) as info:
        decode(data, "en.md")
    assert info.value.line == 4
    assert "byte 0xe9 at column 4" in info.value.message


def test_gbk_file_is_rejected():
    with pytest.raises(SourceError):
        decode("---\ntitle: 上海交通大学\n---\n".encode("gbk"), "zh.md")


def test_key_lines_after_multi_line_values():
    text = "---\ntags: [a,\n  b]\ntitle: >\n  folded: text\ndate: 2023-4-2\n---\n"
    assert split(text, "zh.md").meta_lines == {"tags": 2, "title": 4, "date": 6}


def test_bad_utf8_column_counts_characters():
    data = "---\ntitle: 上海\n---\n".encode() + "交通".encode() + b"\xff\n"
    with pytest.raises(SourceError) as info:
        decode(data, "zh.md")
    assert "column 3" in info.value.message


@pytest.mark.parametrize(
    "yaml_text",
    [
        "title: 论坛\ndate: 2023-04-03\ncategory: conference-season\ntags: [ai, forum]",
        "title: 2023浦江创新论坛“AI for Science”主题论坛举行\ndate: 2023-4-3\ntags: []",
        "title: yes\ndate: 2023-04-03",
        "count: 3\nratio: 3.5\nempty: ~\nflag: true",
        "title: 'quoted: with colon'\ntags: [a, 'b c']",
        "title: AI #1\nsummary: >\n  folded\n  text",
        "author: Chen Yu\nsource: News Office\nstatus: published\noriginal: zh",
        "title: Forum\ntranslated_from: sha256:" + "0123456789abcdef" * 4,
    ],
)
def test_fast_reading_agrees_with_pyyaml(yaml_text):
    """The shortcut for plain front matter reads exactly what PyYAML reads, or steps aside."""
    import yaml

    from bilingual.parse.frontmatter import _Loader, _simple

    fast = _simple(yaml_text)
    assert fast is None or fast == yaml.load(yaml_text, Loader=_Loader)
    assert split(f"---\n{yaml_text}\n---\nbody\n", "x.md").meta == yaml.load(
        yaml_text, Loader=_Loader
    )


def test_a_recorded_digest_keeps_the_fast_reading():
    from bilingual.parse.frontmatter import _simple

    digest = "sha256:" + "0123456789abcdef" * 4
    assert _simple(f"title: Forum\ntranslated_from: {digest}") == {
        "title": "Forum",
        "translated_from": digest,
    }
