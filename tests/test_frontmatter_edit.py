"""Setting one front-matter key changes that one line and keeps every other byte."""

from __future__ import annotations

import pytest

from bilingual.errors import SourceError
from bilingual.frontmatter_edit import set_value
from bilingual.parse.frontmatter import normalise, split

DIGEST = "sha256:" + "0123456789abcdef" * 4
OLD = "sha256:" + "f" * 64


def edited(text: str, value: str = DIGEST) -> str:
    result = set_value(text, "translated_from", value, "en.md")
    assert split(normalise(result), "en.md").meta["translated_from"] == value
    return result


def test_a_line_is_added_as_the_last_of_the_front_matter():
    text = "---\ntitle: Forum held\ndate: 2023-04-03\n---\n\nBody.\n"
    assert edited(text) == (
        f"---\ntitle: Forum held\ndate: 2023-04-03\ntranslated_from: {DIGEST}\n---\n\nBody.\n"
    )


def test_the_existing_line_is_replaced_in_place():
    text = f"---\ntitle: Forum held\ntranslated_from: {OLD}\ndate: 2023-04-03\n---\nBody.\n"
    assert edited(text) == text.replace(OLD, DIGEST)


def test_crlf_and_a_byte_order_mark_are_kept_byte_for_byte():
    text = "\ufeff---\r\ntitle: Forum held\r\ndate: 2023-04-03\r\n---\r\n\r\nBody.\r\n"
    result = edited(text)
    assert (
        result.encode()
        == (
            "\ufeff---\r\ntitle: Forum held\r\ndate: 2023-04-03\r\n"
            f"translated_from: {DIGEST}\r\n---\r\n\r\nBody.\r\n"
        ).encode()
    )
    again = edited(result, OLD)
    assert again == result.replace(DIGEST, OLD)


def test_comments_quoting_order_and_a_trailing_comment_are_kept():
    text = (
        "---\n"
        "# written by hand\n"
        "title: 'Forum: held'   # quoted\n"
        "'translated_from':   \"sha256:old\"  # synced by Li\n"
        'summary: "A summary"\n'
        "---\n"
        "Body without a final line end"
    )
    assert edited(text) == text.replace('"sha256:old"', DIGEST)


def test_a_value_on_the_lines_below_is_replaced_with_them():
    text = f"---\ntitle: Forum held\ntranslated_from:\n  {OLD}\ndate: 2023-04-03\n---\nBody.\n"
    assert edited(text) == (
        f"---\ntitle: Forum held\ntranslated_from: {DIGEST}\ndate: 2023-04-03\n---\nBody.\n"
    )


def test_empty_front_matter_and_the_other_closing_fence():
    assert edited("---\n---\nBody.\n") == f"---\ntranslated_from: {DIGEST}\n---\nBody.\n"
    assert edited("---\ntitle: T\n...\nBody.\n") == (
        f"---\ntitle: T\ntranslated_from: {DIGEST}\n...\nBody.\n"
    )


def test_a_block_scalar_that_ends_the_front_matter_keeps_its_value():
    # A line after it would give the summary a final line break: the new line goes before it.
    text = "---\ntitle: T\nsummary: |\n  Two\n  lines\n---\nBody.\n"
    result = edited(text)
    assert split(result, "en.md").meta["summary"] == "Two\nlines"
    assert result == text.replace("summary:", f"translated_from: {DIGEST}\nsummary:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: T\n\nBody.\n", "no front matter"),
        ("---\ntitle: T\nBody.\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
        (
            f"---\ntranslated_from: {OLD}\ntranslated_from: {OLD}\n---\n",
            "gives .translated_from. twice",
        ),
        # The key's line is inside another value: written there, it would change that value.
        ('---\ntitle: "two\ntranslated_from: x"\n---\nBody.\n', "cannot set translated_from"),
    ],
)
def test_what_cannot_be_edited_on_one_line_is_refused(text, message):
    with pytest.raises(SourceError, match=message):
        set_value(text, "translated_from", DIGEST, "en.md")


def test_only_plain_values_are_written():
    with pytest.raises(ValueError):
        set_value("---\ntitle: T\n---\n", "translated_from", "a: b", "en.md")
