"""Matching rules: longest first, word boundaries, case, plurals and possessives, line breaks,
no match inside URLs; one trie-shaped pattern for all terms."""

from __future__ import annotations

import re

import pytest

from bilingual.glossary.match import FORBIDDEN, Matcher, trie_pattern
from bilingual.glossary.model import Glossary, Term

SJTU = Term(
    "上海交通大学",
    "Shanghai Jiao Tong University",
    ("SJTU",),
    ("Shanghai Jiaotong University", "Shanghai Jiao-Tong University"),
)
MEDICINE = Term("上海交通大学医学院", "Shanghai Jiao Tong University School of Medicine")
HALL = Term("张江科学会堂", "Zhangjiang Science Hall")
MATCHER = Matcher(Glossary((SJTU, MEDICINE, HALL)))


def en(text: str) -> list[tuple[str, str, str]]:
    return [(h.term.zh, h.kind, h.text) for h in MATCHER.en_renderings(text)]


def test_trie_pattern_is_one_alternation_with_shared_prefixes():
    pattern = trie_pattern(["上海交通大学", "上海交通大学医学院", "张江科学会堂"])
    assert pattern == "(?:上海交通大学(?:医学院)?|张江科学会堂)"
    assert re.fullmatch(trie_pattern(["ab", "abc", "b"]), "abc")


def test_longest_chinese_term_first():
    hits = MATCHER.zh_terms("上海交通大学医学院与上海交通大学")
    assert [h.term.zh for h in hits] == ["上海交通大学医学院", "上海交通大学"]


def test_longest_english_rendering_first():
    assert en("Shanghai Jiao Tong University School of Medicine") == [
        ("上海交通大学医学院", "allowed", "Shanghai Jiao Tong University School of Medicine")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SJTU's students", [("上海交通大学", "allowed", "SJTU")]),
        ("two Zhangjiang Science Halls", [("张江科学会堂", "allowed", "Zhangjiang Science Hall")]),
        (
            "Shanghai Jiao Tong\nUniversity",
            [("上海交通大学", "allowed", "Shanghai Jiao Tong\nUniversity")],
        ),
        (
            "shanghai jiao tong university",
            [("上海交通大学", "allowed", "shanghai jiao tong university")],
        ),
        ("the sjtu team", []),  # an acronym matches in its own case only
        ("SJTUX and XSJTU", []),  # word boundaries
        ("see https://www.sjtu.edu.cn/SJTU and sjtu@sjtu.edu.cn", []),
        (
            "Shanghai Jiaotong University",
            [("上海交通大学", FORBIDDEN, "Shanghai Jiaotong University")],
        ),
    ],
)
def test_english_rules(text, expected):
    assert en(text) == expected


def test_a_term_can_ask_for_exact_case():
    strict = Matcher(Glossary((Term("思源", "Siyuan", case_sensitive=True),)))
    assert [h.text for h in strict.en_renderings("Siyuan and siyuan")] == ["Siyuan"]


def test_two_thousand_terms_compile_and_match():
    terms = tuple(Term(f"术语{i:04d}号", f"Term Number {i:04d}") for i in range(2000))
    many = Matcher(Glossary(terms))
    assert [h.term.zh for h in many.zh_terms("见术语1234号与术语0007号")] == [
        "术语1234号",
        "术语0007号",
    ]
    assert [h.text for h in many.en_renderings("see term number 1999.")] == ["term number 1999"]


def test_offsets_hold_when_lower_casing_changes_the_length():
    # "İ".lower() is two characters: matching falls back to the case-insensitive pattern.
    text = "İstanbul and Shanghai jiaotong University's partners"
    (hit,) = MATCHER.en_renderings(text)
    assert hit.kind == FORBIDDEN and text[hit.start : hit.end] == "Shanghai jiaotong University"
    assert en("SHANGHAI JIAO TONG UNIVERSITY, SJTU and sjtu") == [
        ("上海交通大学", "allowed", "SHANGHAI JIAO TONG UNIVERSITY"),
        ("上海交通大学", "allowed", "SJTU"),
    ]


def test_code_blanked_in_order_as_the_text_rebuilt_for_each_span():
    import random

    from bilingual.glossary.match import without_code
    from bilingual.model import Block

    def rebuilt(block):
        text, start = block.text, 0
        for code in block.code:
            at = text.find(code, start)
            if at >= 0:
                text = text[:at] + " " * len(code) + text[at + len(code) :]
                start = at + len(code)
        return text

    rnd = random.Random(1)
    for _ in range(5000):
        text = "".join(rnd.choice("ab c") for _ in range(rnd.randrange(20)))
        code = tuple(
            "".join(rnd.choice("ab c") for _ in range(rnd.randrange(4)))
            for _ in range(rnd.randrange(5))
        )
        block = Block("paragraph", text, 1, 1, code=code)
        assert without_code(block) == rebuilt(block), (text, code)
