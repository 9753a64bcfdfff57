"""The translation services, through deep-translator's own classes.

Each provider is a deep-translator class, its language codes, the most characters one request
may carry and the environment variable holding its key. A ``Service`` sends one text and gets
its translation back: with a deadline (deep-translator sends its requests without a timeout, so
the call runs in a daemon thread that is abandoned when it overruns), with retries after a
growing pause for what passes (a timeout, HTTP 429 and 5xx, a dropped connection), and with
every failure turned into one ``ServiceError`` naming the provider, whose exit code says what
went wrong.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bilingual.errors import BilingualError, UsageError
from bilingual.translate.settings import ProviderSettings, TranslateConfig

#: Exit codes of a failed service, as ``bilingual translate --help`` documents them.
EXIT_OFFLINE = 3
EXIT_TIMEOUT = 4
EXIT_KEY = 5
EXIT_RATE = 6
EXIT_MALFORMED = 7


class ServiceError(BilingualError):
    """The translation service failed: nothing was written."""

    exit_code = EXIT_OFFLINE

    def __init__(self, message: str, *, exit_code: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class Provider:
    """A service deep-translator reaches."""

    name: str
    #: The deep-translator class, by name (imported when used: ``requests`` is slow to load).
    cls: str
    #: Its codes for Chinese and English.
    codes: dict[str, str]
    #: The most characters one request may carry (its client refuses longer texts).
    limit: int
    #: The environment variable of its key; empty for a service that takes none.
    env: str = ""
    #: Whether a key is needed (LibreTranslate's own server wants one, an office's may not).
    key_required: bool = False


PROVIDERS: dict[str, Provider] = {
    "google": Provider("google", "GoogleTranslator", {"zh": "zh-CN", "en": "en"}, 4500),
    "deepl": Provider(
        "deepl", "DeeplTranslator", {"zh": "zh", "en": "en"}, 4500, "DEEPL_API_KEY", True
    ),
    "microsoft": Provider(
        "microsoft",
        "MicrosoftTranslator",
        {"zh": "zh-hans", "en": "en"},
        9000,
        "MICROSOFT_API_KEY",
        True,
    ),
    # MyMemory's client refuses 500 characters or more.
    "mymemory": Provider("mymemory", "MyMemoryTranslator", {"zh": "zh-CN", "en": "en-US"}, 480),
    "libre": Provider("libre", "LibreTranslator", {"zh": "zh", "en": "en"}, 2000, "LIBRE_API_KEY"),
}

#: What deep-translator's LibreTranslator sends as the key to a server that takes none: it
#: refuses to be built without one, and a server without keys ignores it.
_NO_KEY = "no-key"


#: deep-translator's Microsoft class asks Microsoft for its languages when it is built, at a
#: fixed address: another address for the translations alone would not make it work offline.
_NO_MICROSOFT_URL = "microsoft takes no --base-url: deep-translator's class has a fixed address"


def api_key(provider: Provider, settings: ProviderSettings) -> str:
    """The key: the environment variable's, else ``bilingual.yaml``'s, else empty."""
    return (os.environ.get(provider.env, "") if provider.env else "").strip() or settings.api_key


def limit(provider: Provider, settings: ProviderSettings) -> int:
    """The most characters one request carries: the setting, within the client's limit."""
    return min(settings.max_chars or provider.limit, provider.limit)


def _build(provider: Provider, settings: ProviderSettings, source: str, target: str) -> Any:
    import deep_translator

    cls = getattr(deep_translator, provider.cls)
    codes = {"source": provider.codes[source], "target": provider.codes[target]}
    key = api_key(provider, settings)
    if provider.key_required and not key:
        raise ServiceError(
            f"{provider.name}: no API key",
            exit_code=EXIT_KEY,
            hint=f"set {provider.env}, or translate.providers.{provider.name}.api_key in "
            "bilingual.yaml",
        )
    if provider.name == "libre":
        return cls(**codes, api_key=key or _NO_KEY, custom_url=_slash(settings.base_url) or None)
    if provider.name == "microsoft":
        return cls(**codes, api_key=key, region=settings.region or None)
    if provider.name == "deepl":
        translator = cls(**codes, api_key=key, use_free_api=settings.free)
    elif provider.name == "mymemory":
        translator = cls(**codes, email=settings.email or None)
    else:
        translator = cls(**codes)
    if settings.base_url:
        # These classes take no address: their constructors set it from deep-translator's
        # table, and this is the attribute they read it from (DeepL appends "translate").
        url = settings.base_url
        translator._base_url = _slash(url) if provider.name == "deepl" else url
    return translator


def _slash(url: str) -> str:
    # deep-translator appends "translate" to LibreTranslate's address.
    return url if not url or url.endswith("/") else url + "/"


class Service:
    """One provider, one direction: ``service(text)`` is the translation of ``text``."""

    def __init__(
        self,
        name: str,
        config: TranslateConfig,
        source: str,
        target: str,
        *,
        base_url: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provider = PROVIDERS[name]
        settings = config.settings(name)
        if base_url and name == "microsoft":
            raise UsageError(_NO_MICROSOFT_URL)
        if base_url:
            from dataclasses import replace

            settings = replace(settings, base_url=base_url)
        self.settings = settings
        self.limit = limit(self.provider, settings)
        self.timeout = config.timeout
        self.retries = config.retries
        self.backoff = config.backoff
        self._sleep = sleep
        self._translator: Any = None
        self.source, self.target = source, target
        #: Requests sent and characters they carried (what providers bill).
        self.requests = 0
        self.characters = 0

    @property
    def name(self) -> str:
        """The provider's name, as drafts record it (``translated_by``)."""
        return self.provider.name

    def __call__(self, text: str) -> str:
        """The translation of ``text`` (at most ``limit`` characters)."""
        if self._translator is None:
            self._translator = self._guarded(
                lambda: _build(self.provider, self.settings, self.source, self.target)
            )
        attempt = 0
        while True:
            self.requests += 1
            self.characters += len(text)
            try:
                result = self._guarded(lambda: self._translator.translate(text))
            except _Transient as exc:
                if attempt >= self.retries:
                    raise exc.error from None
                self._sleep(self.backoff * 2**attempt)
                attempt += 1
                continue
            if not isinstance(result, str) or (text.strip() and not result.strip()):
                raise self._error(
                    f"a malformed reply (no translation: {result!r:.60})", EXIT_MALFORMED
                )
            return result

    def _guarded(self, call: Callable[[], Any]) -> Any:
        """``call()`` within the deadline, its failure turned into a ``ServiceError`` (or a
        ``_Transient`` carrying one, to be retried)."""
        answers: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

        def run() -> None:
            try:
                answers.put((True, call()))
            except BaseException as exc:  # handed to the caller's thread, which classifies it
                answers.put((False, exc))

        threading.Thread(target=run, daemon=True, name=f"bilingual-{self.name}").start()
        try:
            ok, value = answers.get(timeout=self.timeout)
        except queue.Empty:
            raise _Transient(
                self._error(f"no reply within {self.timeout:g} s (timeout)", EXIT_TIMEOUT)
            ) from None
        if ok:
            return value
        raise self._classify(value)

    def _classify(self, exc: BaseException) -> Exception:
        """The ``ServiceError`` (or ``_Transient``) that a failure of deep-translator is."""
        import requests
        from deep_translator import exceptions as dt

        if isinstance(exc, ServiceError):
            return exc
        if isinstance(exc, requests.Timeout):
            return _Transient(self._error("no reply in time (timeout)", EXIT_TIMEOUT))
        if isinstance(exc, requests.ConnectionError | ConnectionError):
            where = self.settings.base_url or "the service"
            return _Transient(
                self._error(
                    f"cannot reach {where} (offline, or the server is down)",
                    EXIT_OFFLINE,
                    "check the network, or the server's address (--base-url)",
                )
            )
        status = _status(exc)
        if isinstance(exc, dt.TooManyRequests) or status == 429:
            return _Transient(
                self._error(
                    "too many requests (HTTP 429: rate limit or quota)",
                    EXIT_RATE,
                    "wait and run again, or use another provider (--provider)",
                )
            )
        if isinstance(exc, dt.AuthorizationException | dt.ApiKeyException) or status in (
            401,
            402,
            403,
        ):
            env = self.provider.env or "its key"
            return self._error(
                f"the key was refused (HTTP {status or 403})",
                EXIT_KEY,
                f"check {env} or translate.providers.{self.name}.api_key",
            )
        if isinstance(exc, dt.RequestError) or (status is not None and status >= 500):
            return _Transient(self._error(f"the service failed ({exc})", EXIT_OFFLINE))
        malformed = (ValueError, KeyError, TypeError, AttributeError, IndexError)
        if isinstance(exc, (*malformed, dt.TranslationNotFound, dt.ElementNotFoundInGetRequest)):
            return self._error(f"a malformed reply ({type(exc).__name__}: {exc})", EXIT_MALFORMED)
        if isinstance(exc, dt.BaseError | dt.ServerException | dt.MicrosoftAPIerror):
            return self._error(f"the service refused the request ({exc})", EXIT_MALFORMED)
        if isinstance(exc, Exception):
            return self._error(f"{type(exc).__name__}: {exc}", EXIT_OFFLINE)
        raise exc

    def _error(self, what: str, code: int, hint: str | None = None) -> ServiceError:
        return ServiceError(
            f"{self.name}: {' '.join(what.split())}: nothing written", exit_code=code, hint=hint
        )


class _Transient(Exception):  # not an error of its own: a ServiceError to retry
    """A failure that may pass: retried, and raised as its ``error`` when retries run out."""

    def __init__(self, error: ServiceError) -> None:
        super().__init__(str(error))
        self.error = error


def _status(exc: BaseException) -> int | None:
    """The HTTP status deep-translator's ``ServerException`` stands for (it keeps only a
    message such as ``ERR_TOO_MANY_REQUESTS``)."""
    from deep_translator.exceptions import ServerException

    if not isinstance(exc, ServerException):
        return None
    message = str(exc.args[0]) if exc.args else ""
    for code, name in ServerException.errors.items():
        if name == message:
            return code
    return 500
