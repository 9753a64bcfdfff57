"""The check registry: each check is a small function registered with a code, a slug and a doc.

A check's docstring is its documentation: the first line is its title (``bilingual checks``),
the whole of it is what ``bilingual explain`` prints, with the sections *Why is this bad?* and
*Example*. Registering a duplicate code or slug, or a check without a docstring, fails at import.
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from bilingual.errors import UnknownCheckError
from bilingual.model import Bead, Block, Finding, Location, Pair, Severity

if TYPE_CHECKING:
    from bilingual.config import ChecksConfig
    from bilingual.glossary.model import Glossary

_CODE = re.compile(r"^[A-Z]\d{3}$")
_SLUG = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


class Scope(StrEnum):
    """What a check function receives: a whole pair, or one aligned bead at a time."""

    PAIR = "pair"
    BEAD = "bead"


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    code: str
    slug: str
    severity: Severity
    scope: Scope
    func: Callable[..., Iterator[Finding]]
    #: The category module, e.g. ``article`` or ``structure``.
    category: str
    doc: str
    #: Runs whatever the selection: it says whether a side could be read at all, and without
    #: it an unreadable article would pass unchecked.
    always: bool = False
    #: A bead check that also reads the front matter's title and summary, each compared with
    #: the other side's as a bead of its own (``engine.front_matter_beads``).
    front_matter: bool = False

    @property
    def title(self) -> str:
        """The first line of the docstring."""
        return self.doc.splitlines()[0]

    def names(self) -> frozenset[str]:
        """The code and the slug, as a ``bilingual-ignore`` comment may name them."""
        return frozenset({self.code, self.slug})


#: Every registered check, by code, in registration order.
REGISTRY: dict[str, Check] = {}

#: Modules of the ``bilingual.checks`` package that hold no checks. Every other module there is a
#: category and is imported on first use, so a new category is a new file and nothing else.
_NOT_CATEGORIES = frozenset({"registry"})
_LOADED = False


def check(
    code: str,
    slug: str,
    *,
    severity: Severity = Severity.ERROR,
    scope: Scope = Scope.BEAD,
    always: bool = False,
    front_matter: bool = False,
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register the decorated function as the check ``code`` / ``slug``."""

    def register(func: Callable[..., Iterator[Finding]]) -> Callable[..., Iterator[Finding]]:
        doc = inspect.getdoc(func)
        if not doc:
            raise TypeError(f"check {code} ({slug}) has no docstring")
        if not _CODE.match(code):
            raise ValueError(f"check code {code!r} is not a letter and three digits")
        if not _SLUG.match(slug):
            raise ValueError(f"check slug {slug!r} is not kebab-case")
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        if any(c.slug == slug for c in REGISTRY.values()):
            raise ValueError(f"check slug {slug} registered twice")
        category = func.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Check(
            code, slug, severity, scope, func, category, doc, always, front_matter
        )
        return func

    return register


def all_checks() -> list[Check]:
    """Every check, sorted by code (importing the category modules on first use)."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        import importlib
        import pkgutil

        package = importlib.import_module("bilingual.checks")
        for info in pkgutil.iter_modules(package.__path__):
            if info.name not in _NOT_CATEGORIES:
                importlib.import_module(f"bilingual.checks.{info.name}")
    return sorted(REGISTRY.values(), key=lambda c: c.code)


def resolve(name: str) -> Check:
    """The check whose code (any case) or slug is ``name``; a helpful error otherwise."""
    checks = all_checks()
    wanted = name.strip()
    for item in checks:
        if wanted.upper() == item.code or wanted.lower() == item.slug:
            return item
    known = [c.slug for c in checks] + [c.code for c in checks]
    close = difflib.get_close_matches(wanted, known, n=1)
    hint = f"did you mean {close[0]}?" if close else "run 'bilingual checks' to list them"
    raise UnknownCheckError(f"unknown check {name!r}", hint=hint)


@dataclass(frozen=True)
class CheckContext:
    """What a check sees besides its pair or bead: the pair, settings, and how to report."""

    pair: Pair
    check: Check
    severity: Severity
    settings: ChecksConfig
    #: The pair's whole alignment, for bead checks that need a bead's neighbours.
    beads: tuple[Bead, ...] = ()
    #: The content root's glossary, when it has one.
    glossary: Glossary | None = None

    def finding(
        self,
        message: str,
        *,
        zh: Block | int | None = None,
        en: Block | int | None = None,
        zh_excerpt: str | None = None,
        en_excerpt: str | None = None,
        primary: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this check; ``zh``/``en`` are blocks or line numbers on each side, and
        ``primary`` the side where the problem is (by default zh when it has a location).
        ``severity`` lowers this one finding (a soft number: a warning at most); it never
        raises it above the check's configured severity."""
        suppressed = any(isinstance(b, Block) and self._ignored_in(b) for b in (zh, en))
        return Finding(
            code=self.check.code,
            check=self.check.slug,
            severity=Severity.WARNING
            if severity is Severity.WARNING or self.severity is Severity.WARNING
            else Severity.ERROR,
            article=self.pair.slug,
            message=message,
            zh=self._location("zh", zh),
            en=self._location("en", en),
            zh_excerpt=zh_excerpt if zh_excerpt is not None else _excerpt(zh),
            en_excerpt=en_excerpt if en_excerpt is not None else _excerpt(en),
            primary=primary or ("zh" if zh is not None else "en"),
            suppressed=suppressed,
        )

    def _ignored_in(self, block: Block) -> bool:
        if not block.ignore:
            return False
        names = {name.lower() for name in block.ignore}
        return "*" in names or self.check.code.lower() in names or self.check.slug in names

    def _location(self, lang: str, where: Block | int | None) -> Location | None:
        if where is None:
            return None
        line = where.line if isinstance(where, Block) else where
        return Location(self.pair.path(lang), line or None)


def _excerpt(where: Block | int | None) -> str | None:
    return where.text if isinstance(where, Block) and where.text else None
