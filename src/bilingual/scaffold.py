"""A new article (``bilingual new``): both sides' front matter, checked, then written together.

Both files are drafts. The translation records the digest of its original as scaffolded
(``translated_from``), so the article starts in sync: once the original is written, the
translation shows as stale (``status``, check A107) until it is translated and synced.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bilingual.config import Config
from bilingual.errors import SourceError, UsageError
from bilingual.fsutil import create_all
from bilingual.model import LANGS, Pair, Severity
from bilingual.parse.discover import ARTICLES, SLUG, read_article
from bilingual.parse.frontmatter import split
from bilingual.stale import KEY, original_digest

#: What a new article's sides are until someone says otherwise.
STATUS = "draft"
#: The side and line a front-matter finding starts with ("zh.md:4: ").
_SIDE = re.compile(r"^(?:zh|en)\.md:\d+: ")


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What ``bilingual new`` is told of an article."""

    slug: str
    #: The title of each side, by language.
    titles: dict[str, str]
    category: str
    date: dt.date
    #: The side it is written in; the other is its translation.
    original: str = "zh"
    author: str | None = None


def parse_day(value: str | None, today: dt.date | None = None) -> dt.date:
    """The date given (ISO, such as 2023-04-02), else today; a ``UsageError`` otherwise."""
    if value is None:
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"--date takes an ISO date such as 2023-04-02, not {value!r}") from None


def sources(article: NewArticle) -> dict[str, str]:
    """The text of each side: front matter and an empty body."""
    translation = "en" if article.original == "zh" else "zh"
    texts = {lang: _source(article, lang) for lang in LANGS}
    original = split(texts[article.original], f"{article.original}.md")
    digest = original_digest(original.meta, original.body)
    texts[translation] = _source(article, translation, digest)
    return texts


def _source(article: NewArticle, lang: str, digest: str | None = None) -> str:
    fields: list[tuple[str, str]] = [
        ("title", " ".join(article.titles[lang].split())),
        ("category", article.category),
    ]
    if article.author:
        fields.append(("author", " ".join(article.author.split())))
    lines = [f"{key}: {_scalar(value)}" for key, value in fields]
    lines.insert(1, f"date: {article.date.isoformat()}")  # a date as written, not a string
    lines += [f"status: {STATUS}", f"original: {article.original}"]
    if digest is not None:
        lines.append(f"{KEY}: {digest}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def _scalar(value: str) -> str:
    """``value`` as YAML reads it back: plain where it can be, quoted otherwise."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def create(root: Path, article: NewArticle, config: Config) -> Pair:
    """Write ``articles/<slug>/zh.md`` and ``en.md``; a ``UsageError`` (and nothing written) for
    a slug that is not one, an article that exists or front matter check would not pass."""
    if not SLUG.match(article.slug):
        raise UsageError(
            f"{article.slug!r} is not a slug: use lower-case letters and digits joined by "
            "hyphens or dots",
            hint="for example 2023-pujiang-innovation-forum",
        )
    if article.original not in LANGS:
        raise UsageError(f"--original takes zh or en, not {article.original!r}")
    folder = root / ARTICLES / article.slug
    if folder.exists() or folder.is_symlink():
        raise UsageError(
            "the article exists already: nothing written",
            path=folder,
            hint="choose another slug, or edit its files",
        )
    texts = sources(article)
    pair = _pair(article.slug, texts)
    _refuse_findings(root, pair, config)
    try:
        folder.mkdir()
    except FileExistsError:  # made by another process since the test above
        raise UsageError("the article exists already: nothing written", path=folder) from None
    except OSError as exc:
        raise SourceError(f"cannot make the folder: {exc.strerror}", path=folder) from exc
    try:
        create_all({folder / f"{lang}.md": texts[lang] for lang in LANGS})
    except OSError as exc:
        folder.rmdir()
        raise SourceError(f"cannot write the article: {exc.strerror}", path=folder) from exc
    return pair


def _pair(slug: str, texts: dict[str, str]) -> Pair:
    folder = f"{ARTICLES}/{slug}"
    zh, en = (read_article(texts[lang], lang, f"{folder}/{lang}.md") for lang in LANGS)
    return Pair(slug, folder, zh, en)


def _refuse_findings(root: Path, pair: Pair, config: Config) -> None:
    """A ``UsageError`` naming every error ``check`` would report on the new article (a category
    that is not a key, an English title in Chinese, a forbidden rendering in a title, ...)."""
    from bilingual.engine import check_pair, make_plan
    from bilingual.glossary.store import load_glossary

    plan = make_plan(config, glossary=load_glossary(root, config.glossary))
    found, _ = check_pair(pair, plan)
    # The same problem on both sides (a category that is not a key) is said once.
    errors = list(
        dict.fromkeys(
            _SIDE.sub("", finding.message)
            for finding in found
            if finding.severity is Severity.ERROR
        )
    )
    if errors:
        raise UsageError(
            "check would not pass the new article: " + "; ".join(errors) + ": nothing written",
            hint="see bilingual new --help",
        )
