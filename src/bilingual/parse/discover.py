"""Find the content root, the article folders under it, and load each pair."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from bilingual.errors import RootError, SourceError, UsageError
from bilingual.fsutil import content_digest
from bilingual.model import LANGS, Article, Pair, SourceProblem, relpath
from bilingual.parse.frontmatter import decode, split
from bilingual.parse.markdown import parse_blocks
from bilingual.stale import original_digest

ARTICLES = "articles"
#: Lower-case letters and digits, joined by single hyphens or dots (volcano-v1.14.0-release).
SLUG = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


def find_root(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The content root: ``explicit`` if given, else the nearest folder upwards with articles/."""
    if explicit is not None:
        root = explicit.expanduser()
        if not root.exists():
            raise RootError("content root does not exist", path=root)
        if not root.is_dir():
            raise RootError("content root is not a folder", path=root)
        if not (root / ARTICLES).is_dir():
            raise RootError(
                f"no {ARTICLES}/ folder in the content root",
                path=root,
                hint=f"a content root holds {ARTICLES}/<slug>/zh.md and en.md",
            )
        if not os.access(root / ARTICLES, os.R_OK | os.X_OK):
            raise RootError(f"cannot read {ARTICLES}/: permission denied", path=root / ARTICLES)
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ARTICLES).is_dir():
            return find_root(explicit=folder)
    raise RootError(
        f"no content root: no {ARTICLES}/ folder here or in any parent",
        path=here,
        hint="run inside a content root or pass --root DIR",
    )


def article_folders(root: Path, paths: Iterable[Path] = ()) -> list[Path]:
    """The article folders to check, sorted: all of them, or those ``paths`` name."""
    base = root / ARTICLES
    paths = list(paths)
    if not paths:
        try:
            entries = sorted(os.scandir(base), key=lambda e: e.name)
        except OSError as exc:
            raise RootError(f"cannot read {ARTICLES}/: {exc.strerror}", path=base) from exc
        return [Path(e.path) for e in entries if e.is_dir() and not e.name.startswith(".")]
    folders: list[Path] = []
    for given in paths:
        path = given.resolve()
        if not path.exists():
            raise UsageError("no such file or folder", path=given)
        if path in (root, base):
            return article_folders(root)
        folder = path.parent if path.is_file() else path
        if folder.parent != base:
            raise UsageError(
                f"not an article folder or file under {relpath(base, Path.cwd())}/",
                path=given,
                hint="pass the content root, articles/<slug>/ or articles/<slug>/zh.md",
            )
        if folder not in folders:
            folders.append(folder)
    return sorted(folders)


def load_pair(root: Path, folder: Path) -> Pair:
    """Read both sides of an article folder; unreadable files become problems, not errors."""
    rel_folder = relpath(folder, root)
    articles: dict[str, Article | None] = {}
    missing: list[str] = []
    problems: list[SourceProblem] = []
    digests = dict.fromkeys(LANGS, "")
    for lang in LANGS:
        path = folder / f"{lang}.md"
        rel = f"{rel_folder}/{lang}.md"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            missing.append(lang)
            articles[lang] = None
            continue
        except OSError as exc:
            problems.append(SourceProblem("unreadable", lang, rel, None, exc.strerror or str(exc)))
            articles[lang] = None
            continue
        articles[lang] = None
        digests[lang] = content_digest(data)
        try:
            text = decode(data, rel)
        except SourceError as exc:
            problems.append(SourceProblem("unreadable", lang, rel, exc.line, exc.message))
            continue
        try:
            articles[lang] = read_article(text, lang, rel)
        except SourceError as exc:
            problems.append(SourceProblem("front-matter", lang, rel, exc.line, exc.message))
    zh, en = articles["zh"], articles["en"]
    if zh is not None and en is not None:
        zh, en = without_lone_titles(zh, en)
    return Pair(
        slug=folder.name,
        folder=rel_folder,
        zh=zh,
        en=en,
        missing=tuple(missing),
        problems=tuple(problems),
        digests=(digests["zh"], digests["en"]),
    )


def read_article(text: str, lang: str, rel: str) -> Article:
    """Parse one decoded source file; ``SourceError`` (with a line) when it cannot be parsed."""
    source = split(text, rel)
    blocks = parse_blocks(source.body, source.body_offset)
    return Article(
        lang=lang,
        path=rel,
        meta=source.meta,
        meta_lines=source.meta_lines,
        blocks=blocks,
        digest=original_digest(source.meta, source.body),
    )


def article_folder(root: Path, name: str) -> Path:
    """The folder of the article ``name`` stands for: a slug, ``articles/<slug>`` or a path to
    the folder or one of its files. A usage error naming the closest slugs when there is none
    (every command that takes a slug says it alike)."""
    base = root / ARTICLES
    given = Path(name).expanduser()
    if given.exists():  # a path from the shell's completion: articles/<slug>/ or its zh.md
        path = given.resolve()
        folder = path.parent if path.is_file() else path
        if folder.parent == base.resolve():
            return folder
    slug = name.strip().rstrip("/").split("/")[-1] or name
    folder = base / slug
    if slug not in (".", "..") and folder.is_dir():
        return folder
    close = closest(slug, [path.name for path in article_folders(root)])
    hint = (
        f"did you mean {', '.join(close)}?"
        if close
        else f"an article is a folder under {relpath(base, Path.cwd())}/"
    )
    raise UsageError(f"no article {slug!r}", hint=hint)


def closest(slug: str, known: Sequence[str], count: int = 3) -> list[str]:
    """The slugs most like ``slug``: those holding it first (``pujiang`` names the forum),
    then the most similar by ``difflib``."""
    holding = [name for name in known if slug and slug in name]
    similar = difflib.get_close_matches(slug, known, n=count, cutoff=0.5)
    found: list[str] = []
    for name in (*holding, *similar):
        if name not in found:
            found.append(name)
    return found[:count]


def without_lone_titles(zh: Article, en: Article) -> tuple[Article, Article]:
    """Both sides, each without the title repeated as its first heading when the other side
    does not repeat its own: the title is compared as front matter, not as a missing heading."""
    return _without_lone_title(zh, en), _without_lone_title(en, zh)


def _title_heading(article: Article) -> bool:
    """Whether the body opens with the article's title as a heading."""
    title = article.meta.get("title")
    first = article.blocks[0] if article.blocks else None
    return (
        first is not None
        and first.kind == "heading"
        and isinstance(title, str)
        and " ".join(first.text.split()) == " ".join(title.split())
    )


def _without_lone_title(article: Article, other: Article) -> Article:
    """``article`` without the title repeated as its first heading when the other side does
    not repeat its own: the title is compared as front matter, not as a missing heading."""
    if _title_heading(article) and not _title_heading(other):
        return replace(article, blocks=article.blocks[1:])
    return article
