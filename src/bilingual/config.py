"""``bilingual.yaml``: the schema, its defaults, and loading with every problem reported at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bilingual.errors import ConfigError
from bilingual.model import LANGS, Severity

CONFIG_FILE = "bilingual.yaml"

#: Front-matter keys that ``metadata-mismatch`` compares unless configured otherwise.
DEFAULT_METADATA_KEYS: tuple[str, ...] = ("date", "category", "tags")


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


@dataclass(frozen=True, slots=True)
class Config:
    """Everything ``bilingual.yaml`` can set; every field has a default."""

    #: Site title per language, used by rendered pages.
    site_title: Mapping[str, str] = field(default_factory=lambda: {"zh": "新闻网", "en": "News"})
    #: The two languages of a pair, in display order.
    languages: tuple[str, str] = LANGS
    #: The side articles are written in first, unless an article's ``original`` says otherwise.
    original: str = "zh"
    #: Glossary file, relative to the content root.
    glossary: str = "glossary.yaml"
    checks: ChecksConfig = field(default_factory=ChecksConfig)


def load_config(root: Path) -> Config:
    """Read ``bilingual.yaml`` from ``root``; defaults when it does not exist."""
    path = root / CONFIG_FILE
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"cannot read {CONFIG_FILE}: {exc.strerror}", path=path) from exc
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{CONFIG_FILE} is not valid UTF-8", path=path, line=line) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ConfigError(
            f"{CONFIG_FILE} is not valid YAML: {exc.problem}", path=path, line=line
        ) from exc
    return parse_config(data, path=path, lines=_key_lines(node))


def parse_config(
    data: Any, *, path: Path | None = None, lines: Mapping[str, int] | None = None
) -> Config:
    """Validate a loaded ``bilingual.yaml`` mapping; raise one error listing every problem."""
    problems: list[tuple[str, int | None]] = []
    lines = lines or {}

    def bad(key: str, message: str) -> None:
        problems.append((f"{key}: {message}", lines.get(key)))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_FILE} must be a mapping of settings", path=path, line=1)
    known = {"site", "languages", "original", "glossary", "checks"}
    for key in data:
        if key not in known:
            bad(str(key), f"unknown setting (known: {', '.join(sorted(known))})")

    site_title = _site_title(data.get("site"), bad)
    languages = _languages(data.get("languages"), bad)
    original = data.get("original", "zh")
    if original not in LANGS:
        bad("original", f"must be zh or en, not {original!r}")
        original = "zh"
    glossary = data.get("glossary", "glossary.yaml")
    if not isinstance(glossary, str) or not glossary:
        bad("glossary", "must be a file name")
        glossary = "glossary.yaml"
    checks = _checks(data.get("checks"), bad)

    if problems:
        problems.sort(key=lambda item: item[1] or 10**9)
        first_line = next((line for _, line in problems if line), None)
        summary = "; ".join(f"{msg} (line {line})" if line else msg for msg, line in problems)
        raise ConfigError(
            f"invalid {CONFIG_FILE}: {summary}",
            path=path,
            line=first_line,
            problems=tuple(msg for msg, _ in problems),
            hint="see docs/configuration.md for every setting and its default",
        )
    return Config(
        site_title=site_title,
        languages=languages,
        original=original,
        glossary=glossary,
        checks=checks,
    )


def _site_title(site: Any, bad: Any) -> dict[str, str]:
    title = dict(Config().site_title)
    if site is None:
        return title
    if not isinstance(site, dict):
        bad("site", "must be a mapping with a title per language")
        return title
    given = site.get("title")
    if isinstance(given, dict) and all(k in LANGS and isinstance(v, str) for k, v in given.items()):
        title.update(given)
    elif given is not None:
        bad("site", "title must map zh and en to strings")
    return title


def _languages(value: Any, bad: Any) -> tuple[str, str]:
    if value is None:
        return LANGS
    if isinstance(value, list) and sorted(value) == sorted(LANGS):
        return (value[0], value[1])
    bad("languages", "must list zh and en (in display order)")
    return LANGS


def _names(value: Any, key: str, bad: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad(key, "must be a list of strings")
        return ()
    return tuple(value)


def _checks(section: Any, bad: Any) -> ChecksConfig:
    if section is None:
        return ChecksConfig()
    if not isinstance(section, dict):
        bad("checks", "must be a mapping")
        return ChecksConfig()
    known = {"select", "ignore", "severity", "metadata", "untranslated"}
    for key in section:
        if key not in known:
            bad("checks", f"unknown setting {key!r} (known: {', '.join(sorted(known))})")
    severity: dict[str, Severity] = {}
    raw_severity = section.get("severity") or {}
    if not isinstance(raw_severity, dict):
        bad("checks", "severity must map check codes or slugs to error or warning")
    else:
        for name, level in raw_severity.items():
            try:
                severity[str(name)] = Severity(level)
            except ValueError:
                bad("checks", f"severity of {name} must be error or warning, not {level!r}")
    metadata = _names(section.get("metadata"), "checks", bad) or DEFAULT_METADATA_KEYS
    untranslated = section.get("untranslated") or {}
    allow: tuple[str, ...] = ()
    if isinstance(untranslated, dict):
        allow = _names(untranslated.get("allow"), "checks", bad)
    else:
        bad("checks", "untranslated must be a mapping with an allow list")
    return ChecksConfig(
        select=_names(section.get("select"), "checks", bad),
        ignore=_names(section.get("ignore"), "checks", bad),
        severity=severity,
        metadata=metadata,
        untranslated_allow=allow,
    )


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The line of each top-level key, so a problem can point at it."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
