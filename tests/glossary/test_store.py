"""Reading glossary.yaml."""

from __future__ import annotations

import pytest

from bilingual.errors import ConfigError
from bilingual.glossary.store import load_glossary, parse_text
from tests.conftest import REPO


def test_shipped_glossary_has_the_required_terms():
    glossary = load_glossary(REPO)
    renderings = {t.en for t in glossary.terms}
    for name in (
        "Shanghai Jiao Tong University",
        "Zhangjiang Science Hall",
        "Zhangjiang Science City",
        "Pujiang Innovation Forum",
        "Ministry of Science and Technology",
        "Shanghai Municipal People's Government",
        "Science and Technology Commission of Shanghai Municipality",
        "Shanghai Zhangjiang (Group) Co., Ltd.",
        "Shanghai Baiyulan Open AI Research Institute",
    ):
        assert name in renderings
    sjtu = next(t for t in glossary.terms if t.zh == "上海交通大学")
    assert sjtu.variants == ("SJTU",) and "Shanghai Jiaotong University" in sjtu.forbidden
    assert sjtu.line == 4


def test_no_glossary_file(tmp_path):
    assert load_glossary(tmp_path) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("terms:\n  - zh: 上海\n    en: [x\n", "not valid YAML"),
        ("terms:\n  - zh: 上海\n", "needs non-empty zh and en"),
        ("terms:\n  - zh: 上海\n    en: Shanghai\n    variant: [x]\n", "unknown key 'variant'"),
        ("terms:\n  - zh: 上海\n    en: Shanghai\n    forbidden: 3\n", "forbidden must be a list"),
        ("- just a list\n", "must be a mapping with a 'terms' list"),
    ],
)
def test_bad_glossary_is_one_clear_error(tmp_path, text, fragment):
    (tmp_path / "glossary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_glossary(tmp_path)
    assert fragment in str(info.value) + " ".join(info.value.problems)
    assert info.value.line is not None


@pytest.mark.parametrize("value", ["{}", "''", "0", "false"])
def test_terms_must_be_a_list(value):
    with pytest.raises(ConfigError, match="'terms' list"):
        parse_text(f"terms: {value}\n")
