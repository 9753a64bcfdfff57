"""``bilingual.yaml``: defaults, validation with every problem at once, line numbers."""

from __future__ import annotations

import dataclasses

import pytest

from bilingual.config import ChecksConfig, Config, Filing, load_config, parse_config
from bilingual.errors import ConfigError
from bilingual.model import Severity
from bilingual.translate.settings import ProviderSettings
from tests.conftest import REPO


def test_defaults_without_a_file(tmp_path):
    assert load_config(tmp_path) == Config()


def test_full_file(tmp_path):
    (tmp_path / "bilingual.yaml").write_text(
        "site:\n  title:\n    zh: 新闻网\n    en: SJTU News\nlanguages: [en, zh]\noriginal: en\n"
        "checks:\n  ignore: [L101]\n  severity: {untranslated: warning}\n"
        "  metadata: [date, author]\n  untranslated:\n    allow: [交大]\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.site_title["en"] == "SJTU News"
    assert config.languages == ("en", "zh")
    assert config.original == "en"
    assert config.checks.ignore == ("L101",)
    assert config.checks.severity == {"untranslated": Severity.WARNING}
    assert config.checks.metadata == ("date", "author")
    assert config.checks.untranslated_allow == ("交大",)


def test_every_problem_is_reported_at_once_with_lines(tmp_path):
    (tmp_path / "bilingual.yaml").write_text(
        "original: fr\nlanguages: [zh, fr]\nthemes: dark\nchecks:\n  severity: {T101: fatal}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    problems = info.value.problems
    assert len(problems) == 4
    assert info.value.line == 1
    assert any(p.startswith("themes: unknown setting") and p.endswith("(line 3)") for p in problems)
    assert info.value.message == "invalid bilingual.yaml: 4 problems"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("languages: [1, zh]\n", "languages: must list zh and en"),
        ("site:\n  titel: x\n", "site.titel: unknown setting"),
        ("checks:\n  untranslated:\n    alow: [a]\n", "checks.untranslated.alow: unknown"),
        ("checks:\n  untranslated:\n    allow: ['']\n", "must be a list of non-empty strings"),
        ("checks:\n  ignore: [no-such]\n", "checks.ignore: unknown check 'no-such'"),
        ("checks:\n  severity: {N999: warning}\n", "checks.severity: unknown check 'N999'"),
        ("checks:\n  severity: []\n", "checks.severity: must map"),
        ("checks:\n  metadata: [date, catgory]\n", "'catgory' is not a shared key"),
    ],
)
def test_each_mistake_is_caught(tmp_path, text, fragment):
    (tmp_path / "bilingual.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert fragment in info.value.message
    assert info.value.line is not None


def test_empty_metadata_list_compares_nothing():
    assert parse_config({"checks": {"metadata": []}}).checks.metadata == ()


def test_yaml_error_carries_the_line(tmp_path):
    (tmp_path / "bilingual.yaml").write_text("site:\n  title: {zh: a\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line == 2  # where the unclosed brace opens


def test_a_section_given_twice_is_an_error_at_its_second_line(tmp_path):
    (tmp_path / "bilingual.yaml").write_text(
        "site:\n  search_shard: 500\nlanguages: [zh, en]\nsite:\n  title: {zh: a, en: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "gives 'site' twice (lines 1 and 4)" in info.value.message
    assert info.value.line == 4


def test_a_nested_key_given_twice_is_named_by_its_path(tmp_path):
    (tmp_path / "bilingual.yaml").write_text(
        "site:\n  title: {zh: a, en: b}\n  title: {zh: c, en: d}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"gives 'site.title' twice \(lines 2 and 3\)"):
        load_config(tmp_path)


def test_an_alias_that_holds_itself_is_read_without_looping(tmp_path):
    (tmp_path / "bilingual.yaml").write_text(
        "languages: &x [zh, *x]\nsite:\n  title: &t {zh: *t, en: b}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:  # bad values, said as such
        load_config(tmp_path)
    assert "languages: must list zh and en" in str(info.value.problems)
    assert "site.title: must map zh and en to strings (line 3)" in str(info.value.problems)


def test_not_a_mapping():
    with pytest.raises(ConfigError, match="must be a mapping"):
        parse_config(["a"])


def test_every_setting_is_documented():
    page = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = {"site.title", "site.filing", "site.search_shard", "languages", "original", "glossary"}
    nested = {
        "untranslated_allow": "checks.untranslated.allow",
        "links_localized": "checks.links.localized",
        "links_fragments": "checks.links.fragments",
        "compare_numbering": "checks.numbers.numbering",
        "original": "original",  # the top-level setting, handed to the checks
    }
    names |= {nested.get(f.name, f"checks.{f.name}") for f in dataclasses.fields(ChecksConfig)}
    for name in names:
        assert f"`{name}`" in page, name
    for field in dataclasses.fields(Config):
        assert field.name in {
            "site_title",
            "site_filings",
            "search_shard",
            "languages",
            "original",
            "glossary",
            "checks",
            "translate",
        }
    names = {"translate.provider", "translate.timeout", "translate.retries", "translate.backoff"}
    names |= {f"translate.providers.NAME.{f.name}" for f in dataclasses.fields(ProviderSettings)}
    for name in names:
        assert f"`{name}`" in page, name


def test_check_rules_for_real_translations():
    config = parse_config(
        {
            "checks": {
                "links": {"localized": False, "fragments": True},
                "numbers": {"numbering": True},
                "translation_date": "same",
            }
        }
    )
    assert config.checks.links_localized is False
    assert config.checks.links_fragments is True
    assert config.checks.compare_numbering is True
    assert config.checks.translation_date == "same"
    assert parse_config({}).checks.links_localized is True


def test_check_rules_reject_bad_values():
    with pytest.raises(ConfigError) as info:
        parse_config(
            {
                "checks": {
                    "links": {"localised": True, "fragments": "yes"},
                    "numbers": [1],
                    "translation_date": "earlier",
                }
            }
        )
    problems = "\n".join(info.value.problems)
    assert "checks.links.localised: unknown setting" in problems
    assert "checks.links.fragments: must be true or false" in problems
    assert "checks.numbers: must be a mapping" in problems
    assert "checks.translation_date: must be later or same" in problems


def test_a_nested_setting_is_reported_at_its_own_line(tmp_path):
    (tmp_path / "bilingual.yaml").write_text(
        "original: zh\nchecks:\n  links:\n    localized: maybe\n  translation_date: earlier\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.problems == (
        "checks.links.localized: must be true or false, not 'maybe' (line 4)",
        "checks.translation_date: must be later or same, not 'earlier' (line 5)",
    )


def test_site_filing_one_or_several():
    one = parse_config(
        {"site": {"filing": {"text": "沪ICP备05052060号", "url": "https://beian.miit.gov.cn"}}}
    )
    assert one.site_filings == (Filing("沪ICP备05052060号", "https://beian.miit.gov.cn"),)
    two = parse_config({"site": {"filing": [{"text": "a"}, {"text": "b", "url": "http://x.cn"}]}})
    assert [f.text for f in two.site_filings] == ["a", "b"]
    assert two.site_filings[0].url == ""


@pytest.mark.parametrize(
    ("filing", "message"),
    [
        ({"url": "https://x.cn"}, "site.filing.text: must be the filing number"),
        ({"text": "a", "url": "javascript:alert(1)"}, "site.filing.url: must be an http"),
        ("沪ICP备", "site.filing: must be a mapping"),
        ([{"text": "a", "link": "x"}], "site.filing[0].link: unknown setting"),
    ],
)
def test_site_filing_problems(filing, message):
    with pytest.raises(ConfigError) as caught:
        parse_config({"site": {"filing": filing}})
    assert message in str(caught.value)


def test_search_shard_is_a_number_of_articles():
    assert parse_config({}).search_shard == 1000
    assert parse_config({"site": {"search_shard": 250}}).search_shard == 250


@pytest.mark.parametrize("value", [0, -5, "many", True, 2.5])
def test_search_shard_problems(root, value):
    root.config(f"site:\n  title: {{zh: 新闻, en: News}}\n  search_shard: {value!r}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root.path)
    assert "site.search_shard: must be a whole number of articles, at least 1" in str(caught.value)
    assert caught.value.line == 3
