"""``bilingual locales``: extract the site's UI strings, update, compile and check catalogs.

Messages come from the templates a content root renders with (its own ``templates/`` over the
shipped ones), through Jinja2's babel extractor, and from its articles' category names (message
context ``category``), which no template can spell out. Catalogs live under the content root's
``locales/``; in the repository, whose root is also the sample content root, those are the
shipped ones.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import BundleError
from bilingual.fsutil import atomic_write
from bilingual.i18n import CATEGORY, DOMAIN, LOCALES, compiled, po_path, read_catalog, translations

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

    from bilingual.config import Config

POT = f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
#: A fixed creation date: catalogs change only when their messages do.
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def template_files(root: Path) -> dict[str, tuple[Path, str]]:
    """Each template the content root renders with, by name: the path and the location
    catalogs name it by (a content root's own template hides the shipped one)."""
    from bilingual.bundle.render import SHIPPED, TEMPLATES

    found: dict[str, tuple[Path, str]] = {}
    for folder, label in ((SHIPPED, "bilingual/templates"), (root / TEMPLATES, TEMPLATES)):
        if folder.is_dir():
            for path in sorted(folder.rglob("*.html")):
                name = path.relative_to(folder).as_posix()
                found[name] = (path, f"{label}/{name}")
    return dict(sorted(found.items()))


def extract(root: Path, config: Config) -> Catalog:
    """Every message of the templates and every category name of the articles."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract as run
    from jinja2.ext import babel_extract

    from bilingual.bundle.site import read_site

    catalog = Catalog(domain=DOMAIN, project="bilingual", creation_date=CREATED, fuzzy=False)
    for _, (path, label) in template_files(root).items():
        with path.open("rb") as handle:
            try:
                found = list(
                    run(
                        babel_extract,
                        handle,
                        KEYWORDS,
                        options={"trimmed": "true", "silent": "false"},
                    )  # type: ignore[arg-type]
                )
            except Exception as exc:  # jinja2's TemplateSyntaxError, with the line
                raise BundleError(
                    f"cannot extract messages: {exc}", path=path, line=getattr(exc, "lineno", None)
                ) from None
        for line, message, comments, context in found:
            catalog.add(message, locations=[(label, line)], auto_comments=comments, context=context)
    site = read_site(root, config, drafts=True)
    for lang in site.languages:
        for entry in site.entries[lang]:
            if entry.category:
                catalog.add(entry.category, locations=[(entry.path, 1)], context=CATEGORY)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, omit_header=False)
    return buffer.getvalue()


def write_template(root: Path, config: Config) -> Path:
    """``locales/messages.pot`` of the content root, from ``extract``."""
    path = root / LOCALES / POT
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, _po_bytes(extract(root, config)))
    return path


def update(root: Path, config: Config) -> list[Path]:
    """Each language's catalog made or brought up to date with the extracted messages (new
    ones untranslated, changed ones fuzzy); the paths written."""
    from babel.messages.catalog import Catalog

    template = extract(root, config)
    written = []
    for lang in config.languages:
        path = po_path(root / LOCALES, lang)
        if path.is_file():
            catalog = read_catalog(path, lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="bilingual", fuzzy=False)
        catalog.update(template, update_header_comment=False)
        catalog.creation_date = catalog.revision_date = CREATED
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, _po_bytes(catalog))
        written.append(path)
    return written


def compile_catalogs(root: Path, config: Config) -> list[Path]:
    """Each language's ``.po`` under the content root compiled to ``.mo`` beside it."""
    written = []
    for lang in config.languages:
        path = po_path(root / LOCALES, lang)
        if path.is_file():
            target = path.with_suffix(".mo")
            atomic_write(target, compiled(read_catalog(path, lang)))
            written.append(target)
    return written


@dataclass(frozen=True, slots=True)
class Gap:
    """A message a language's pages would show untranslated (or fuzzy, which gettext does
    not use)."""

    lang: str
    message: str
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.lang}: {self.problem}: {self.message!r}"


def check(root: Path, config: Config) -> list[Gap]:
    """Untranslated or fuzzy entries of the content root's catalogs, and messages of its
    templates and categories that no catalog (its own or the shipped one) translates."""
    gaps: list[Gap] = []
    template = extract(root, config)
    for lang in config.languages:
        # What the pages would show: the shipped catalog with the root's entries over it (the
        # private ``_catalog`` of gettext's classes is the only way to ask what a catalog holds).
        known = translations(lang, root)._catalog  # type: ignore[attr-defined]
        path = po_path(root / LOCALES, lang)
        if path.is_file():
            for message in read_catalog(path, lang):
                if not message.id or message.id not in template:
                    continue  # the header, or a message no longer used
                where = f"{path.relative_to(root).as_posix()}:{message.lineno or 0}"
                if message.fuzzy:
                    gaps.append(Gap(lang, _label(message), where, "fuzzy"))
                elif not message.string and _key(message) not in known:
                    gaps.append(Gap(lang, _label(message), where, "untranslated"))
        for message in template:
            reported = any(g.lang == lang and g.message == _label(message) for g in gaps)
            if message.id and _key(message) not in known and not reported:
                file, line = message.locations[0] if message.locations else ("?", 0)
                gaps.append(Gap(lang, _label(message), f"{file}:{line}", "no translation"))
    return gaps


def _key(message: Message) -> str:
    """How a compiled catalog keys a message: its context and id joined by EOT."""
    return f"{message.context}\x04{message.id}" if message.context else str(message.id)


def _label(message: object) -> str:
    context = getattr(message, "context", None)
    text = str(getattr(message, "id", ""))
    return f"{context}: {text}" if context else text
