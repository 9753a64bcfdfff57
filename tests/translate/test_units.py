"""The pieces under translate: settings, cutting long texts, placeholders, the layout, and the
memory file's rules (locked, read-only, another version)."""

from __future__ import annotations

import sqlite3

import pytest

from bilingual.config import parse_config
from bilingual.errors import ConfigError
from bilingual.glossary.match import Matcher
from bilingual.glossary.model import Glossary, Term
from bilingual.translate.memory import SCHEMA, open_memory
from bilingual.translate.protect import chunks, mask, restore, translate_masked
from bilingual.translate.segment import layout
from bilingual.translate.settings import ProviderSettings, TranslateConfig

TERMS = Matcher(Glossary((Term("上海交通大学", "Shanghai Jiao Tong University"),)))


def test_translate_settings() -> None:
    config = parse_config(
        {
            "translate": {
                "provider": "libre",
                "timeout": 5,
                "providers": {"libre": {"base_url": "http://mt.local/", "max_chars": 900}},
            }
        }
    )
    assert config.translate.provider == "libre" and config.translate.timeout == 5.0
    assert config.translate.settings("libre") == ProviderSettings("http://mt.local/", max_chars=900)
    assert config.translate.settings("deepl") == ProviderSettings()
    assert parse_config({}).translate == TranslateConfig()


def test_translate_settings_report_every_problem() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(
            {
                "translate": {
                    "provider": "babel",
                    "retries": 99,
                    "colour": "blue",
                    "providers": {
                        "libre": {"base_url": "mt.local", "free": "yes"},
                        "microsoft": {"base_url": "http://mt.local/"},
                        "yandex": {},
                    },
                }
            }
        )
    problems = "\n".join(caught.value.problems)
    for key in (
        "translate.provider",
        "translate.retries",
        "translate.colour",
        "translate.providers.libre.base_url",
        "translate.providers.libre.free",
        "translate.providers.yandex",
        "translate.providers.microsoft.base_url",
    ):
        assert key in problems


def test_chunks_cut_at_sentence_ends_within_the_limit() -> None:
    text = "第一句很长。第二句也长！Third one here. Fourth? 第五[[0]]句没有句号但是很长很长很长很长"
    pieces = chunks(text, 12)
    assert "".join(pieces) == text
    assert all(len(piece) <= 12 for piece in pieces)
    assert pieces[:2] == ["第一句很长。第二句也长！", "Third one "]
    assert not any(piece.endswith(("[[", "[[0")) for piece in pieces)  # placeholders whole


def test_mask_and_restore() -> None:
    masked = mask("**上海交通大学**的[论坛](https://a.b/c)和`x`", "zh", "en", TERMS)
    assert masked.text == "[[0]][[1]][[2]]的[[3]]论坛[[4]]和[[5]]"
    assert masked.spans[1] == "Shanghai Jiao Tong University"
    assert restore("[[3]]forum[[4]] of [[ 0 ]][[1]]【【2】】 and [[5]]", masked) == (
        "[forum](https://a.b/c) of **Shanghai Jiao Tong University** and `x`"
    )
    assert restore("[[0]][[1]] forum", masked) is None  # placeholders lost


def test_lost_placeholders_are_sent_again_in_runs() -> None:
    masked = mask("在**上海交通大学**举行论坛", "zh", "en", TERMS)
    sent: list[str] = []

    def service(text: str) -> str:
        sent.append(text)
        return {"在": "At", "举行论坛": "a forum was held"}.get(text, "lost it all")

    assert translate_masked(masked, service, 100, "en") == (
        "At **Shanghai Jiao Tong University** a forum was held"
    )
    assert sent == ["在[[0]][[1]][[2]]举行论坛", "在", "举行论坛"]


def test_layout_keeps_what_is_not_text() -> None:
    body = "\n## 标题 ##\n\n> 引用第一行\n> 第二行\n\n```\n代码\n```\n\n<!-- 注释 -->\n\n[ref]: https://x\n"
    shape = layout(body, 3)
    assert [(u.line, u.text) for u in shape.units] == [(5, "标题"), (7, "引用第一行\n第二行")]
    assert shape.render(["Title", "Quote"]) == (
        "\n## Title ##\n\n> Quote\n\n```\n代码\n```\n\n<!-- 注释 -->\n\n[ref]: https://x\n"
    )


def test_locked_memory_is_not_used(tmp_path) -> None:
    warnings: list[str] = []
    memory = open_memory(tmp_path, warnings.append)
    assert memory is not None
    memory.close()
    holder = sqlite3.connect(tmp_path / ".bilingual" / "memory.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert open_memory(tmp_path, warnings.append, timeout=0.05) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another process" in warnings[-1]


def test_memory_of_another_version_is_rebuilt(tmp_path) -> None:
    warnings: list[str] = []
    open_memory(tmp_path, warnings.append).close()
    conn = sqlite3.connect(tmp_path / ".bilingual" / "memory.sqlite")
    conn.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    conn.close()
    memory = open_memory(tmp_path, warnings.append)
    assert memory is not None and memory.counts() == {}
    memory.close()
    assert "another version of bilingual: rebuilt" in warnings[-1]
