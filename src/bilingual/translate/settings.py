"""The ``translate:`` section of ``bilingual.yaml``: the default provider and each one's settings.

Keys are read from environment variables (``LIBRE_API_KEY``, ``DEEPL_API_KEY``,
``MICROSOFT_API_KEY``: deep-translator's own names) or from ``api_key`` here, never from the
command line, where they would end up in shell histories and process lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: The providers ``bilingual translate --provider`` knows, in the order ``--help`` lists them.
PROVIDER_NAMES: tuple[str, ...] = ("google", "deepl", "microsoft", "mymemory", "libre")

Problem = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class ProviderSettings:
    """One provider's settings (``translate.providers.<name>``)."""

    #: The service's address: an office's own LibreTranslate server; empty for the default.
    base_url: str = ""
    #: The key, when not in the environment variable (which wins when both are set).
    api_key: str = ""
    #: The most characters sent in one request; 0 for the provider's own limit.
    max_chars: int = 0
    #: DeepL: the free API (api-free.deepl.com) rather than the paid one.
    free: bool = True
    #: Microsoft: the resource's region (westeurope), sent with each request.
    region: str = ""
    #: MyMemory: an e-mail address, which raises its daily quota.
    email: str = ""


@dataclass(frozen=True, slots=True)
class TranslateConfig:
    """The ``translate:`` section."""

    #: The provider used when ``--provider`` is not given.
    provider: str = "google"
    #: Seconds to wait for one reply before calling it a timeout.
    timeout: float = 30.0
    #: How many times a request that failed for a passing reason (a timeout, HTTP 429 or 5xx,
    #: a dropped connection) is tried again.
    retries: int = 3
    #: Seconds before the first retry; doubled before each next one.
    backoff: float = 1.0
    providers: Mapping[str, ProviderSettings] = field(default_factory=dict)

    def settings(self, name: str) -> ProviderSettings:
        """The settings of provider ``name`` (defaults when the file has none)."""
        return self.providers.get(name, ProviderSettings())


_PROVIDER_KEYS = {"base_url", "api_key", "max_chars", "free", "region", "email"}


def parse_translate(section: Any, bad: Problem) -> TranslateConfig:
    """Validate the ``translate:`` section, reporting each problem through ``bad``."""
    if section is None:
        return TranslateConfig()
    if not isinstance(section, dict):
        bad("translate", "must be a mapping")
        return TranslateConfig()
    for key in section:
        if key not in {"provider", "timeout", "retries", "backoff", "providers"}:
            bad(f"translate.{key}", "unknown setting (known: backoff, provider, providers, "
                "retries, timeout)")  # fmt: skip
    provider = section.get("provider", "google")
    if provider not in PROVIDER_NAMES:
        bad("translate.provider", f"must be one of {', '.join(PROVIDER_NAMES)}, not {provider!r}")
        provider = "google"
    timeout = _number(section.get("timeout", 30.0), "translate.timeout", bad, 30.0, minimum=0.1)
    backoff = _number(section.get("backoff", 1.0), "translate.backoff", bad, 1.0, minimum=0)
    retries = section.get("retries", 3)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
        bad("translate.retries", f"must be a whole number from 0 to 10, not {retries!r}")
        retries = 3
    return TranslateConfig(
        provider=provider,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        providers=_providers(section.get("providers"), bad),
    )


def _number(value: Any, key: str, bad: Problem, default: float, *, minimum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        bad(key, f"must be a number of seconds of at least {minimum}, not {value!r}")
        return default
    return float(value)


def _providers(value: Any, bad: Problem) -> dict[str, ProviderSettings]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        bad("translate.providers", "must map provider names to their settings")
        return {}
    found: dict[str, ProviderSettings] = {}
    for name, given in value.items():
        key = f"translate.providers.{name}"
        if name not in PROVIDER_NAMES:
            bad(key, f"unknown provider (known: {', '.join(PROVIDER_NAMES)})")
            continue
        if not isinstance(given, dict):
            bad(key, "must be a mapping of settings")
            continue
        for setting in given:
            if setting not in _PROVIDER_KEYS:
                bad(
                    f"{key}.{setting}",
                    f"unknown setting (known: {', '.join(sorted(_PROVIDER_KEYS))})",
                )
        found[name] = _provider(given, key, bad)
        if name == "microsoft" and found[name].base_url:
            bad(f"{key}.base_url", "not supported: deep-translator's class has a fixed address")
    return found


def _provider(given: dict[str, Any], key: str, bad: Problem) -> ProviderSettings:
    texts: dict[str, str] = {}
    for name in ("base_url", "api_key", "region", "email"):
        text = given.get(name, "")
        if not isinstance(text, str):
            bad(f"{key}.{name}", f"must be text, not {text!r}")
            text = ""
        texts[name] = text.strip()
    url = texts["base_url"]
    if url and not url.startswith(("http://", "https://")):
        bad(f"{key}.base_url", f"must be an http or https address, not {url!r}")
        url = ""
    max_chars = given.get("max_chars", 0)
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 0:
        bad(f"{key}.max_chars", f"must be a whole number of characters, not {max_chars!r}")
        max_chars = 0
    free = given.get("free", True)
    if not isinstance(free, bool):
        bad(f"{key}.free", f"must be true or false, not {free!r}")
        free = True
    return ProviderSettings(
        base_url=url,
        api_key=texts["api_key"],
        max_chars=max_chars,
        free=free,
        region=texts["region"],
        email=texts["email"],
    )
