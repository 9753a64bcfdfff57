"""Pages to HTML with Jinja2: autoescaping on, undefined names an error, UI strings through
each language's gettext catalog, dates through babel.

Templates ship in the package (``bilingual/templates``); a ``templates/`` folder in the content
root overrides any of them by name. Template errors become one ``BundleError`` naming the
template file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from bilingual.bundle.pages import Page, category_path
from bilingual.bundle.site import LOCALE, read_body
from bilingual.errors import BilingualError, BundleError

if TYPE_CHECKING:
    from babel.support import Translations
    from jinja2 import Environment

TEMPLATES = "templates"
#: The shipped templates' folder (a template error names the file in it).
SHIPPED = Path(__file__).resolve().parent.parent / TEMPLATES


class Renderer:
    """One Jinja2 environment per language, sharing the template loader."""

    def __init__(self, root: Path, languages: tuple[str, ...]) -> None:
        from bilingual.i18n import translations

        self.root = root
        self.own = root / TEMPLATES
        self.catalogs = {lang: translations(lang, root) for lang in languages}
        self.envs = {lang: self._env(lang, self.catalogs[lang]) for lang in languages}

    def category_label(self, lang: str, category: str) -> str:
        """A category's name in ``lang``."""
        return category_name(self.catalogs[lang], category)

    def _env(self, lang: str, catalog: Translations) -> Environment:
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

        env = Environment(
            loader=ChoiceLoader([FileSystemLoader(self.own), FileSystemLoader(SHIPPED)]),
            autoescape=True,
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            keep_trailing_newline=True,
            auto_reload=False,  # a build's templates do not change under it: no stat a page
        )
        env.filters["date"] = lambda value: format_date(value, lang)
        env.filters["iso"] = lambda value: value.isoformat() if value else ""
        env.globals["category_path"] = lambda category: category_path(lang, category)
        env.globals["category_name"] = lambda category: category_name(catalog, category)
        env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
        return env

    def render(self, page: Page) -> bytes:
        """The page's HTML, UTF-8."""
        env = self.envs[page.lang]
        try:
            return env.get_template(page.template).render(page.context).encode("utf-8")
        except BilingualError:
            raise  # ours, raised by a helper the template called: it says what is wrong
        except Exception as exc:  # a template's mistake, whatever Python raised for it
            raise self._error(exc, sys.exc_info()[2], page) from None

    def html(self, page: Page) -> bytes:
        """The page's HTML; an article's body rendered from its source file, sanitized."""
        if page.entry is None:
            return self.render(page)
        from bilingual.bundle.body import render_body

        body = render_body(read_body(self.root, page.entry), page.entry.title)
        return self.render(dataclasses.replace(page, context={**page.context, "body": body}))

    def asset(self, name: str) -> bytes:
        """A static file from the templates (the stylesheet), as written: no rendering."""
        from jinja2 import TemplateError

        env = next(iter(self.envs.values()))
        assert env.loader is not None
        try:
            source, _, _ = env.loader.get_source(env, name)
        except TemplateError as exc:
            raise self._error(exc, None, None) from None
        return source.encode("utf-8")

    def _error(self, exc: Exception, tb: TracebackType | None, page: Page | None) -> BundleError:
        from jinja2 import TemplateNotFound, TemplateSyntaxError

        what = f" rendering {page.path}" if page else ""
        if isinstance(exc, TemplateSyntaxError):
            return BundleError(
                f"template error: {exc.message}",
                path=exc.filename or exc.name,
                line=exc.lineno,
                hint="fix the template (templates/ in the content root overrides the shipped one)",
            )
        if isinstance(exc, TemplateNotFound):
            return BundleError(
                f"template not found: {exc.name}{what}",
                path=self.own,
                hint="a template names another by a path inside templates/ (no '..')",
            )
        path, line = _template_frame(tb)
        return BundleError(f"template error{what}: {exc}", path=path, line=line)


def _template_frame(tb: TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost frame of a template in a Jinja2 traceback: its file and line (Jinja2
    rewrites frames of compiled templates to point at the template source)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".css", ".txt")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


@functools.lru_cache(maxsize=4096)  # a site has a few dates per day; babel takes 75 µs a date
def format_date(value: dt.date | None, lang: str) -> str:
    """``value`` as ``lang`` writes a date: 2023年4月2日, April 2, 2023."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_date

    return babel_date(value, format="long", locale=LOCALE[lang])


def category_name(catalog: Translations, category: str) -> str:
    """A category's name in the page's language, from the catalogs (context ``category``);
    the name as written, hyphens as spaces, when no catalog translates it."""
    from bilingual.i18n import CATEGORY

    translated = catalog.pgettext(CATEGORY, category)
    if translated == category:
        return category.replace("-", " ").replace("_", " ").capitalize()
    return str(translated)
