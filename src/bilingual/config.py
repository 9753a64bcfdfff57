"""``bilingual.yaml``: the schema, its defaults, and loading with every problem reported at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from bilingual.errors import ConfigError
from bilingual.fsutil import decode_utf8
from bilingual.model import LANGS, Severity
from bilingual.translate.settings import TranslateConfig, parse_translate
from bilingual.yamlutil import duplicate_key, yaml_problem

CONFIG_FILE = "bilingual.yaml"

#: Front-matter keys that ``metadata-mismatch`` compares unless configured otherwise.
DEFAULT_METADATA_KEYS: tuple[str, ...] = ("date", "category", "tags")
#: Keys whose value is the same in both languages (title and summary are translated).
COMPARABLE_KEYS: tuple[str, ...] = (
    "date",
    "category",
    "tags",
    "author",
    "source",
    "status",
    "original",
)


@dataclass(frozen=True, slots=True)
class ChecksConfig:
    """The ``checks:`` section."""

    #: Check codes or slugs to run; empty means every check.
    select: tuple[str, ...] = ()
    #: Check codes or slugs never to run.
    ignore: tuple[str, ...] = ()
    #: Severity overrides, by check code or slug.
    severity: Mapping[str, Severity] = field(default_factory=dict)
    #: Front-matter keys that must be equal on both sides (``metadata-mismatch``).
    metadata: tuple[str, ...] = DEFAULT_METADATA_KEYS
    #: Chinese strings allowed in the English text (``untranslated``), e.g. a brand written in Han.
    untranslated_allow: tuple[str, ...] = ()
    #: ``link-mismatch``: a link and its localised version are one resource (/zh/docs/a and
    #: /docs/a, a-en.png and a.png, ./img/a.png and ../img/a.png).
    links_localized: bool = True
    #: ``link-mismatch``: compare in-page anchors (#...), which follow translated headings.
    links_fragments: bool = False
    #: ``number-mismatch``: compare list and section numbers and citation marks ([4]).
    compare_numbering: bool = False
    #: The side an article is translated from unless its front matter's ``original`` says
    #: otherwise: the top-level ``original``, which checks that judge the translation read here.
    original: str = "zh"
    #: ``metadata-mismatch``: ``later`` lets a translation be dated on or after its original,
    #: ``same`` wants one date on both sides.
    translation_date: str = "later"


@dataclass(frozen=True, slots=True)
class Filing:
    """A registration a site must show in its footer: a public-security (公安备案) or ICP
    filing number, linked to the registry that confirms it."""

    #: What the footer shows, e.g. ``沪公网安备 31010402009841号``.
    text: str
    #: The registry's page for this filing (http or https); empty for none.
    url: str = ""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything ``bilingual.yaml`` can set; every field has a default."""

    #: Site title per language, used by rendered pages.
    site_title: Mapping[str, str] = field(default_factory=lambda: {"zh": "新闻网", "en": "News"})
    #: Filing numbers shown in every page's footer (Chinese sites must show theirs).
    site_filings: tuple[Filing, ...] = ()
    #: At most this many articles per language in one search index (a shard): ``bundle``
    #: indexes the shards one Pagefind process each, and the search page merges them.
    search_shard: int = 1000
    #: The two languages of a pair, in display order.
    languages: tuple[str, str] = LANGS
    #: The side articles are written in first, unless an article's ``original`` says otherwise.
    original: str = "zh"
    #: Glossary file, relative to the content root.
    glossary: str = "glossary.yaml"
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    #: Machine-translation drafts: the provider, its address and key, timeouts and retries.
    translate: TranslateConfig = field(default_factory=TranslateConfig)


def load_config(root: Path) -> Config:
    """Read ``bilingual.yaml`` from ``root``; defaults when it does not exist."""
    path = root / CONFIG_FILE
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"cannot read {CONFIG_FILE}: {exc.strerror}", path=path) from exc
    text = decode_utf8(raw_bytes, path, CONFIG_FILE)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc, text)
        raise ConfigError(
            f"{CONFIG_FILE} is not valid YAML: {problem}", path=path, line=line
        ) from exc
    twice = duplicate_key(node)
    if twice:
        key, first, second = twice
        raise ConfigError(
            f"{CONFIG_FILE} gives {key!r} twice (lines {first} and {second}): "
            "YAML keeps only the last",
            path=path,
            line=second,
            hint="merge the two into one",
        )
    return parse_config(data, path=path, lines=_key_lines(node))


Problem = Callable[[str, str], None]


def parse_config(
    data: Any, *, path: Path | None = None, lines: Mapping[str, int] | None = None
) -> Config:
    """Validate a loaded ``bilingual.yaml`` mapping; raise one error listing every problem."""
    problems: list[tuple[str, int | None]] = []
    lines = lines or {}

    def bad(key: str, message: str) -> None:
        # The line of the key itself where it is known, else of the section holding it.
        parts = key.split(".")
        line = next(
            (
                lines[k]
                for k in (".".join(parts[:n]) for n in range(len(parts), 0, -1))
                if k in lines
            ),
            None,
        )
        problems.append((f"{key}: {message}", line))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_FILE} must be a mapping of settings", path=path, line=1)
    known = {"site", "languages", "original", "glossary", "checks", "translate"}
    _unknown_keys(data, known, "", bad)
    site = data.get("site")
    original = _original(data.get("original", "zh"), bad)
    config = Config(
        site_title=_site_title(site, bad),
        site_filings=_filings(site.get("filing") if isinstance(site, dict) else None, bad),
        search_shard=_search_shard(
            site.get("search_shard") if isinstance(site, dict) else None, bad
        ),
        languages=_languages(data.get("languages"), bad),
        original=original,
        glossary=_glossary(data.get("glossary", "glossary.yaml"), bad),
        checks=replace(_checks(data.get("checks"), bad), original=original),
        translate=parse_translate(data.get("translate"), bad),
    )
    if problems:
        raise _config_error(problems, path)
    return config


def _config_error(problems: list[tuple[str, int | None]], path: Path | None) -> ConfigError:
    problems.sort(key=lambda item: item[1] or 10**9)
    first_line = next((line for _, line in problems if line), None)
    listed = tuple(f"{msg} (line {line})" if line else msg for msg, line in problems)
    if len(listed) == 1:
        message = f"invalid {CONFIG_FILE}: {problems[0][0]}"
    else:
        message = f"invalid {CONFIG_FILE}: {len(listed)} problems"
    return ConfigError(
        message,
        path=path,
        line=first_line,
        problems=listed,
        hint="see docs/configuration.md for every setting and its default",
    )


def _unknown_keys(section: dict[Any, Any], known: set[str], prefix: str, bad: Problem) -> None:
    for key in section:
        if key not in known:
            bad(f"{prefix}{key}", f"unknown setting (known: {', '.join(sorted(known))})")


def _site_title(site: Any, bad: Problem) -> dict[str, str]:
    title = dict(Config().site_title)
    if site is None:
        return title
    if not isinstance(site, dict):
        bad("site", "must be a mapping with a title per language")
        return title
    _unknown_keys(site, {"title", "filing", "search_shard"}, "site.", bad)
    given = site.get("title")
    if isinstance(given, dict) and all(k in LANGS and isinstance(v, str) for k, v in given.items()):
        title.update(given)
    elif given is not None:
        bad("site.title", "must map zh and en to strings")
    return title


def _search_shard(value: Any, bad: Problem) -> int:
    default = Config().search_shard
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        bad("site.search_shard", "must be a whole number of articles, at least 1")
        return default
    return value


def _filings(value: Any, bad: Problem) -> tuple[Filing, ...]:
    """``site.filing``: one ``{text, url}`` mapping or a list of them (ICP and 公安 both)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    filings: list[Filing] = []
    for n, item in enumerate(items):
        key = f"site.filing[{n}]" if isinstance(value, list) else "site.filing"
        if not isinstance(item, dict):
            bad(key, "must be a mapping with text and url")
            continue
        _unknown_keys(item, {"text", "url"}, f"{key}.", bad)
        text, url = item.get("text"), item.get("url", "")
        if not isinstance(text, str) or not text.strip():
            bad(f"{key}.text", "must be the filing number as the footer shows it")
            continue
        if not isinstance(url, str) or (url and not url.startswith(("http://", "https://"))):
            bad(f"{key}.url", f"must be an http or https address, not {url!r}")
            continue
        filings.append(Filing(text.strip(), url))
    return tuple(filings)


def _languages(value: Any, bad: Problem) -> tuple[str, str]:
    if value is None:
        return LANGS
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(lang, str) for lang in value)
        and set(value) == set(LANGS)
    ):
        return (value[0], value[1])
    bad("languages", "must list zh and en (in display order)")
    return LANGS


def _original(value: Any, bad: Problem) -> str:
    if value in LANGS:
        return str(value)
    bad("original", f"must be zh or en, not {value!r}")
    return "zh"


def _glossary(value: Any, bad: Problem) -> str:
    if isinstance(value, str) and value.strip():
        return value
    bad("glossary", "must be a file name")
    return "glossary.yaml"


def _names(value: Any, key: str, bad: Problem) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        bad(key, "must be a list of non-empty strings")
        return ()
    return tuple(value)


def _check_names(value: Any, key: str, bad: Problem) -> tuple[str, ...]:
    """Check codes or slugs, each of which must exist."""
    from bilingual.checks.registry import resolve
    from bilingual.errors import UnknownCheckError

    names = _names(value, key, bad)
    for name in names:
        try:
            resolve(name)
        except UnknownCheckError as exc:
            bad(key, f"{exc.message}; {exc.hint}")
    return names


def _checks(section: Any, bad: Problem) -> ChecksConfig:
    if section is None:
        return ChecksConfig()
    if not isinstance(section, dict):
        bad("checks", "must be a mapping")
        return ChecksConfig()
    _unknown_keys(
        section,
        {"select", "ignore", "severity", "metadata", "untranslated", "links", "numbers",
         "translation_date"},
        "checks.",
        bad,
    )  # fmt: skip
    metadata = section.get("metadata")
    links = _flags(
        section.get("links"), "checks.links", {"localized": True, "fragments": False}, bad
    )
    numbers = _flags(section.get("numbers"), "checks.numbers", {"numbering": False}, bad)
    translation_date = section.get("translation_date", "later")
    if translation_date not in ("later", "same"):
        bad("checks.translation_date", f"must be later or same, not {translation_date!r}")
        translation_date = "later"
    return ChecksConfig(
        links_localized=links["localized"],
        links_fragments=links["fragments"],
        compare_numbering=numbers["numbering"],
        translation_date=translation_date,
        select=_check_names(section.get("select"), "checks.select", bad),
        ignore=_check_names(section.get("ignore"), "checks.ignore", bad),
        severity=_severities(section.get("severity"), bad),
        metadata=DEFAULT_METADATA_KEYS if metadata is None else _metadata(metadata, bad),
        untranslated_allow=_allow(section.get("untranslated"), bad),
    )


def _flags(value: Any, key: str, defaults: dict[str, bool], bad: Problem) -> dict[str, bool]:
    """A mapping of true/false settings, each with its default."""
    flags = dict(defaults)
    if value is None:
        return flags
    if not isinstance(value, dict):
        bad(key, f"must be a mapping of {', '.join(defaults)} to true or false")
        return flags
    _unknown_keys(value, set(defaults), f"{key}.", bad)
    for name in defaults:
        given = value.get(name, defaults[name])
        if isinstance(given, bool):
            flags[name] = given
        else:
            bad(f"{key}.{name}", f"must be true or false, not {given!r}")
    return flags


def _metadata(value: Any, bad: Problem) -> tuple[str, ...]:
    keys = _names(value, "checks.metadata", bad)
    for key in keys:
        if key not in COMPARABLE_KEYS:
            bad("checks.metadata", f"{key!r} is not a shared key ({', '.join(COMPARABLE_KEYS)})")
    return keys


def _severities(value: Any, bad: Problem) -> dict[str, Severity]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        bad("checks.severity", "must map check codes or slugs to error or warning")
        return {}
    severity: dict[str, Severity] = {}
    for name in _check_names([str(k) for k in value], "checks.severity", bad):
        try:
            severity[name] = Severity(value[name])
        except ValueError:
            bad("checks.severity", f"{name} must be error or warning, not {value[name]!r}")
    return severity


def _allow(value: Any, bad: Problem) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        bad("checks.untranslated", "must be a mapping with an allow list")
        return ()
    _unknown_keys(value, {"allow"}, "checks.untranslated.", bad)
    return _names(value.get("allow"), "checks.untranslated.allow", bad)


def _key_lines(
    node: yaml.Node | None, prefix: str = "", seen: set[int] | None = None
) -> dict[str, int]:
    """The line of each key, by its dotted path (``checks.links.localized``), so a problem can
    point at it (a mapping met again through an alias is not walked again)."""
    seen = set() if seen is None else seen
    if not isinstance(node, yaml.MappingNode) or id(node) in seen:
        return {}
    seen.add(id(node))
    lines: dict[str, int] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            path = f"{prefix}{key.value}"
            lines[path] = key.start_mark.line + 1
            lines.update(_key_lines(value, path + ".", seen))
    return lines
