"""Article-level checks: both files exist, can be read, have valid front matter that agrees,
hold no block too large to check, and the translation is not older than its original."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from bilingual.checks.registry import CheckContext, Scope, check
from bilingual.checks.structure import kind_name
from bilingual.model import LANGS, MAX_BLOCK, Article, Finding, Pair, Severity
from bilingual.parse.discover import SLUG
from bilingual.stale import KEY, State, pair_sync

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATUSES = ("draft", "review", "machine", "published")


@check("A101", "missing-counterpart", scope=Scope.PAIR, always=True)
def missing_counterpart(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """An article folder has only one language side.

    ## What it does
    Reports an article folder under `articles/` that holds `zh.md` but no `en.md`, or the
    reverse.

    ## What it does not report
    A side with front matter and no body (that is `structure-mismatch`, once), files other than
    `zh.md` and `en.md` in the folder (assets), and folders under `articles/` with neither side.

    ## Why is this bad?
    Every article is published in both languages; a missing side means the translation was never
    started, or the file was misnamed (`en.markdown`, `EN.md`).

    ## Example
    ```text
    articles/2023-pujiang-innovation-forum/zh.md
    articles/2023-pujiang-innovation-forum/english.md    <- not found as en.md
    ```
    Use instead: name the files `zh.md` and `en.md`.
    """
    present = [lang for lang in LANGS if lang not in pair.missing]
    if len(pair.missing) == 1 and present:
        have, lack = present[0], pair.missing[0]
        where = {have: 1}
        yield ctx.finding(
            f"{pair.path(have)} has no counterpart: {pair.path(lack)} does not exist", **where
        )
    elif len(pair.missing) == 2:
        yield ctx.finding(f"{pair.folder}/ holds neither zh.md nor en.md")


@check("A102", "unreadable-file", scope=Scope.PAIR, always=True)
def unreadable_file(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """A source file cannot be read, or is not valid UTF-8.

    ## What it does
    Reports a side that cannot be opened (permissions) or decoded as UTF-8, with the line of the
    first bad byte. A UTF-8 byte-order mark and CRLF line ends are accepted.

    ## What it does not report
    Text that decodes but is wrong in another way (mojibake saved as valid UTF-8), and a
    byte-order mark or CRLF line ends, which are accepted.

    ## Why is this bad?
    Nothing else can be checked in a file that cannot be read, and a build would fail on it.
    Files saved as GBK or GB18030 by an older editor are the usual cause.

    ## Example
    `zh.md` saved in GBK: `not valid UTF-8: byte 0xc9 at column 8 (zh.md:3)`.
    Use instead: re-save the file as UTF-8 (`iconv -f GB18030 -t UTF-8`).
    """
    for problem in pair.problems:
        if problem.kind == "unreadable":
            yield ctx.finding(
                f"{problem.path}: {problem.message}", **{problem.lang: problem.line or 1}
            )


@check("A103", "front-matter", scope=Scope.PAIR, always=True)
def front_matter(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """Front matter is missing, is not valid YAML, or lacks a required key.

    ## What it does
    Each side must start with YAML front matter between `---` lines holding `title` (text),
    `date` (an ISO date) and `category` (a key such as `conference-season`). Optional keys are
    checked when present: `author`, `source` and `summary` are text, `tags` is a list of keys,
    `status` is one of draft, review, machine or published, and `original` is zh or en. The
    folder name (the slug) must be lower-case letters and digits joined by hyphens or dots.
    A key given twice is reported at its second line: YAML forbids it, and a reader would
    keep the last silently (a second `date:` hiding the first).

    ## What it does not report
    Unknown keys (kept and ignored, for a site's own use), and values of the optional keys that
    no later stage reads for meaning (an `author` in another script than the side's language).

    ## Why is this bad?
    Pages, feeds and the other checks read these keys; one broken file would otherwise stop a
    release or publish an article with no date.

    ## Example
    ```yaml
    ---
    title: 2023浦江创新论坛举行
    date: 2023-4-2          # not an ISO date
    ---
    ```
    Use instead: `date: 2023-04-02`, and add `category:`.
    """
    if not SLUG.match(pair.slug):
        yield ctx.finding(
            f"folder name {pair.slug!r} is not a slug: use lower-case letters and digits "
            "joined by hyphens or dots",
            zh=1 if pair.zh else None,
            en=1 if pair.en and not pair.zh else None,
        )
    for problem in pair.problems:
        if problem.kind == "front-matter":
            # The file in the message too, as for an unreadable file: a reader of the message
            # alone (an annotation, a log line) knows which side to open.
            line = problem.line or 1
            yield ctx.finding(
                f"{problem.lang}.md:{line}: {problem.message}", **{problem.lang: line}
            )
    for lang in LANGS:
        article = pair.side(lang)
        if article is not None:
            for message, key in _meta_problems(article):
                line = article.meta_lines.get(key, 1)
                yield ctx.finding(f"{lang}.md:{line}: {message}", **{lang: line})


def _meta_problems(article: Article) -> Iterator[tuple[str, str]]:
    meta = article.meta
    for key in ("title", "date", "category"):
        if key not in meta:
            yield f"required key '{key}' is missing", key
        elif meta[key] is None or (isinstance(meta[key], str) and not meta[key].strip()):
            yield f"required key '{key}' is empty", key
    if "title" in meta and meta["title"] not in (None, "") and not isinstance(meta["title"], str):
        yield "'title' must be text", "title"
    if meta.get("date") not in (None, "") and parse_date(meta["date"]) is None:
        yield f"'date' must be an ISO date such as 2023-04-02, not {meta['date']!r}", "date"
    category = meta.get("category")
    if category not in (None, "") and not (isinstance(category, str) and _KEY.match(category)):
        yield f"'category' must be a key such as conference-season, not {category!r}", "category"
    for key in ("author", "source", "summary"):
        if key in meta and not isinstance(meta[key], str):
            yield f"'{key}' must be text", key
    tags = meta.get("tags")
    if tags is not None and not (
        isinstance(tags, list) and all(isinstance(t, str) and _KEY.match(t) for t in tags)
    ):
        yield "'tags' must be a list of keys such as [ai-for-science, forum]", "tags"
    if "status" in meta and meta["status"] not in STATUSES:
        yield f"'status' must be one of {', '.join(STATUSES)}, not {meta['status']!r}", "status"
    if "original" in meta and meta["original"] not in LANGS:
        yield f"'original' must be zh or en, not {meta['original']!r}", "original"


def translation_side(pair: Pair, original: str = "zh") -> str:
    """The side translated from the other, where a value that differs is most likely wrong and
    where an annotation should point: the article's ``original`` says which side it was
    translated from, else ``original`` (``bilingual.yaml``'s, zh by default)."""
    for side in (pair.zh, pair.en):
        if side is not None and side.meta.get("original") in ("zh", "en"):
            return "zh" if side.meta["original"] == "en" else "en"
    return "zh" if original == "en" else "en"


def parse_date(value: Any) -> dt.date | None:
    """The date a front-matter ``date`` value stands for, or None when it is not ISO."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            try:
                return dt.datetime.fromisoformat(value.strip()).date()
            except ValueError:
                return None
    return None


def _valid(key: str, value: Any) -> bool:
    if value is None:
        return True
    if key == "date":
        return parse_date(value) is not None
    if key in ("category", "original", "status"):
        return isinstance(value, str) and bool(_KEY.match(value))
    if key == "tags":
        return isinstance(value, list) and all(isinstance(t, str) for t in value)
    return True


def _comparable(key: str, value: Any) -> Any:
    if key == "date":
        return parse_date(value) or value
    if isinstance(value, list):
        return sorted(map(str, value))
    return value


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return "(not set)" if value is None else str(value)


@check("A104", "metadata-mismatch", severity=Severity.ERROR, scope=Scope.PAIR)
def metadata_mismatch(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """Front-matter values that must be shared differ between the two sides.

    ## What it does
    Compares the keys listed under `checks.metadata` in `bilingual.yaml` (by default `date`,
    `category` and `tags`; add `author` where bylines are shared) and `original` when both sides
    set it. Dates are compared as dates and tags as sets. A translation may be dated later than
    its original (it is often published days after); `checks.translation_date: same` wants one
    date on both sides.

    ## What it does not report
    Keys not listed under `checks.metadata` (`author` by default, since bylines are often
    romanised), a translation dated later than its original (unless
    `checks.translation_date: same`), `title` and `summary` (they are translated), and values
    that `front-matter` already reports as invalid.

    ## Why is this bad?
    The two pages of an article are one story: listed under different dates or categories, the
    language switcher and the feeds disagree about it.

    ## Example
    ```yaml
    # zh.md                       # en.md
    date: 2023-04-03              date: 2023-04-04
    ```
    Use instead: the same `date` on both sides (the publication date of the original).
    """
    zh, en = pair.zh, pair.en
    if zh is None or en is None:
        return
    keys = list(ctx.settings.metadata)
    if "original" in zh.meta and "original" in en.meta and "original" not in keys:
        keys.append("original")
    translated = translation_side(pair, ctx.settings.original)
    for key in keys:
        left, right = zh.meta.get(key), en.meta.get(key)
        if left is None and right is None:
            continue
        if not (_valid(key, left) and _valid(key, right)):
            continue  # front-matter reports the bad value; one finding is enough
        if key == "date" and ctx.settings.translation_date == "later":
            original, translation = (left, right) if translated == "en" else (right, left)
            if parse_date(translation) >= parse_date(original):  # type: ignore[operator]
                continue  # a translation published after its original
        if _comparable(key, left) != _comparable(key, right):
            yield ctx.finding(
                f"'{key}' differs: {_show(left)} in zh.md, {_show(right)} in en.md",
                zh=zh.meta_lines.get(key, 1),
                en=en.meta_lines.get(key, 1),
                zh_excerpt=f"{key}: {_show(left)}",
                en_excerpt=f"{key}: {_show(right)}",
            )


@check("A105", "bad-ignore-comment", severity=Severity.WARNING, scope=Scope.PAIR)
def bad_ignore_comment(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """A `bilingual-ignore` comment names a check that does not exist.

    ## What it does
    Reads the check codes and slugs listed in each `<!-- bilingual-ignore: ... -->` comment and
    reports any that is not a check, with the nearest one it may have meant.

    ## What it does not report
    A comment that names a real check which then finds nothing there (harmless), and other
    HTML comments.

    ## Why is this bad?
    A misspelt name switches nothing off: the finding the comment was meant to silence is still
    reported, and the comment itself looks as if it worked.

    ## Example
    ```markdown
    <!-- bilingual-ignore: link-missmatch -->
    ```
    Use instead: `<!-- bilingual-ignore: link-mismatch -->` (see `bilingual checks`).
    """
    from bilingual.checks.registry import resolve
    from bilingual.errors import UnknownCheckError

    for lang in LANGS:
        article = pair.side(lang)
        for block in article.blocks if article else ():
            for name in sorted(block.ignore - {"*"}):
                try:
                    resolve(name)
                except UnknownCheckError as exc:
                    yield ctx.finding(
                        f"bilingual-ignore comment for {lang}.md:{block.line} names "
                        f"{exc.message}; {exc.hint}",
                        **{lang: block},
                    )


@check("A106", "block-too-large", severity=Severity.WARNING, scope=Scope.PAIR)
def block_too_large(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """A block is too large to check: more than 100,000 characters of Markdown.

    ## What it does
    Reports each heading, paragraph, list item, quote, table, code or HTML block of more than
    100,000 characters of Markdown source (its inline text with its markup, its code and its
    HTML), at its line, with its size. Such a block is not read: alignment places it by its
    length alone, and no check compares its numbers, dates, links, terms, punctuation or words.
    The rest of the article is checked as usual. The limit is thirty times the longest block
    of the real pairs in the tests: every reader takes time in proportion to the length of a
    block, but one of megabytes would still take seconds (and the Markdown parser's link rules
    longer), where a whole article takes milliseconds.

    ## What it does not report
    A long article made of many blocks: each block is checked, whatever their number. A long
    line in a block of 100,000 characters or fewer.

    ## Why is this bad?
    A block that large is not a paragraph a translator writes or a reviewer reads: a text pasted
    without its paragraph breaks, a data dump, a generated table. Nothing in it is compared, so
    any drift in it goes unreported.

    ## Example
    `zh.md:7` (paragraph) has 1,796,782 characters: the whole article pasted without the blank
    lines between its paragraphs.
    Use instead: a blank line between paragraphs; a very large table or listing as a file the
    article links to.
    """
    for lang in LANGS:
        article = pair.side(lang)
        for block in article.blocks if article else ():
            if block.oversize is not None:
                yield ctx.finding(
                    f"{lang}.md:{block.line} ({kind_name(block.kind)}) has "
                    f"{block.oversize.size:,} characters, more than the {MAX_BLOCK:,} a block "
                    "may have to be checked: it is aligned by its length alone, and not compared",
                    **{lang: block},
                )


@check("A107", "stale-translation", severity=Severity.WARNING, scope=Scope.PAIR)
def stale_translation(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """The original changed after its translation was last synced with it.

    ## What it does
    A translation's front matter may record `translated_from: sha256:…`, the digest of its
    original's title, summary and body when the translation last matched it (`bilingual sync`
    and `bilingual new` write it). When the original's digest is another now, the original was
    edited since, and the translation may say what it no longer says. Also reported: a
    `translated_from` that is not `sha256:` and 64 hexadecimal digits.

    ## What it does not report
    A translation that records nothing (never synced: nothing is known, and an office adopting
    the tool is not buried in warnings; `bilingual status` lists it as never synced), and edits
    of the original's other front matter (status, tags, date), which a translator does not
    render.

    ## Why is this bad?
    Originals are corrected after they are translated (a figure, a name, a paragraph added);
    the translation goes out with the old text unless someone notices.

    ## Example
    `zh.md` corrected from 七百余位 to 八百余位 after `en.md` was synced.
    Use instead: `bilingual diff SLUG` shows what changed in the original, beside the
    translation's paragraph to revise; once revised, `bilingual sync SLUG` records the original.
    """
    synced = pair_sync(pair, ctx.settings.original)
    if synced is None or synced[2] in (State.CURRENT, State.NEVER_SYNCED):
        return
    lang, other, state = synced
    translation, original = pair.side(lang), pair.side(other)
    assert translation is not None and original is not None  # pair_sync saw both
    line = translation.meta_lines.get(KEY, 1)
    if state is State.INVALID:
        yield ctx.finding(
            f"{translation.path}: {KEY} must be 'sha256:' and 64 hexadecimal digits, "
            f"not {translation.meta[KEY]!r}: run `bilingual sync {pair.slug}` once the "
            "translation matches",
            **{lang: line},
        )
    else:
        yield ctx.finding(
            f"{original.path} changed since {translation.path} was synced with it: "
            f"`bilingual diff {pair.slug}` shows what changed; revise, then "
            f"`bilingual sync {pair.slug}`",
            **{lang: line},
        )
