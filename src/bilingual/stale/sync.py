"""``bilingual sync``: record in each translation the digest of its original as it is now.

Everything is read and checked before anything is written: with articles named on the command
line, one that cannot be synced (a side missing or unreadable, front matter broken) stops the
run with nothing written; with ``--all`` it is reported as skipped and the others are synced. A
translation that already records the current digest is not written at all (its time stays as
it was). Each write changes the one ``translated_from`` line (``bilingual.frontmatter_edit``),
is atomic, and is refused when either file changed on disk since it was read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bilingual.checks.article import translation_side
from bilingual.errors import SourceError, StaleFileError
from bilingual.frontmatter_edit import set_value
from bilingual.fsutil import atomic_write
from bilingual.model import LANGS, Article, Pair, relpath
from bilingual.parse.frontmatter import decode, split
from bilingual.stale import KEY, original_digest


class Action(StrEnum):
    """What sync did to one article."""

    SYNCED = "synced"
    CURRENT = "current"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Synced:
    """The outcome for one article: what was done, to which file, and why when skipped."""

    article: str
    action: Action
    #: The translation (relative to the content root), when the article has one.
    path: str | None = None
    #: The original's digest now, as written (or already recorded).
    digest: str | None = None
    #: What the translation recorded before (None: never synced).
    previous: str | None = None
    #: Why the article was skipped (an error's one line).
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Planned:
    """One article's outcome, and the write it takes: the bytes read of both files and the
    translation's new text (None when there is nothing to write)."""

    result: Synced
    translation: Path | None = None
    original: Path | None = None
    translation_bytes: bytes = b""
    original_bytes: bytes = b""
    text: str = ""


def sync(
    root: Path,
    folders: Sequence[Path],
    *,
    dry_run: bool = False,
    keep_going: bool = False,
    default_original: str = "zh",
) -> list[Synced]:
    """Sync the translations of ``folders``, or with ``dry_run`` only say what would be done.

    Without ``keep_going`` an article that cannot be synced raises its ``SourceError`` before
    anything is written; with it, the article is reported as skipped and the others synced.
    ``default_original``: the side articles are translated from unless they say (the config's)."""
    planned = prepare(root, folders, keep_going=keep_going, default_original=default_original)
    if dry_run:
        return [p.result for p in planned]
    return apply(root, planned, keep_going=keep_going)


def prepare(
    root: Path, folders: Sequence[Path], *, keep_going: bool = False, default_original: str = "zh"
) -> list[Planned]:
    """Read every article of ``folders`` and decide what to write; nothing is written. An
    article that cannot be synced raises, or with ``keep_going`` is planned as skipped."""
    planned: list[Planned] = []
    for folder in folders:
        try:
            planned.append(_plan(root, folder, default_original))
        except SourceError as exc:
            if not keep_going:
                raise
            planned.append(Planned(Synced(folder.name, Action.SKIPPED, reason=str(exc))))
    return planned


def apply(root: Path, planned: Sequence[Planned], *, keep_going: bool = False) -> list[Synced]:
    """Write what ``prepare`` planned, each file atomically, and say what was done. A file
    changed on disk since it was read raises ``StaleFileError`` (before anything is written,
    unless it changes during the writes), or with ``keep_going`` its article is skipped."""
    writes = [p for p in planned if p.translation is not None]
    if not keep_going:
        for plan in writes:  # all of them unchanged before the first is written
            _unchanged(root, plan)
    results: list[Synced] = []
    for plan in planned:
        if plan.translation is None:
            results.append(plan.result)
            continue
        try:
            _unchanged(root, plan)
            atomic_write(plan.translation.resolve(), plan.text)  # a symlink's target
        except SourceError as exc:
            if not keep_going:
                raise
            results.append(Synced(plan.result.article, Action.SKIPPED, reason=str(exc)))
            continue
        results.append(plan.result)
    return results


def _plan(root: Path, folder: Path, default_original: str) -> Planned:
    """What syncing ``folder`` takes: a write, or the article's being current already."""
    data: dict[str, bytes] = {}
    articles: dict[str, Article] = {}
    for lang in LANGS:
        path, rel = folder / f"{lang}.md", relpath(folder / f"{lang}.md", root)
        try:
            data[lang] = path.read_bytes()
        except FileNotFoundError:
            raise SourceError(
                f"{lang}.md is missing: there is no pair to sync",
                path=rel,
                hint="write both sides first",
            ) from None
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}", path=rel) from None
        # The front matter and the body's digest are all sync needs: the body is not parsed
        # into blocks (most of the cost of reading an article).
        source = split(decode(data[lang], rel), rel)
        digest = original_digest(source.meta, source.body)
        articles[lang] = Article(lang, rel, source.meta, source.meta_lines, (), digest)
    pair = Pair(folder.name, relpath(folder, root), articles["zh"], articles["en"])
    lang = translation_side(pair, default_original)
    other = "zh" if lang == "en" else "en"
    translation, original = articles[lang], articles[other]
    previous = translation.meta.get(KEY)
    previous = None if previous is None else str(previous)
    result = Synced(folder.name, Action.CURRENT, translation.path, original.digest, previous)
    if previous == original.digest:
        return Planned(result)
    # Edited as written: decode() has dropped the byte-order mark and CRLF, the file keeps them.
    text = set_value(data[lang].decode("utf-8"), KEY, original.digest, translation.path)
    return Planned(
        Synced(folder.name, Action.SYNCED, translation.path, original.digest, previous),
        folder / f"{lang}.md",
        folder / f"{other}.md",
        data[lang],
        data[other],
        text,
    )


def _unchanged(root: Path, plan: Planned) -> None:
    """Raise ``StaleFileError`` when either file is no longer what was read: the translation
    would lose an edit, or record an original nobody has seen."""
    assert plan.translation is not None and plan.original is not None
    for path, was in (
        (plan.translation, plan.translation_bytes),
        (plan.original, plan.original_bytes),
    ):
        try:
            now = path.read_bytes()
        except OSError:
            now = None
        if now != was:
            raise StaleFileError(
                "the file changed since it was read; not synced",
                path=relpath(path, root),
                hint="run the command again",
            )
