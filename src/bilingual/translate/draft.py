"""``bilingual translate``: a machine draft of an article's missing side, checked at once.

Everything is read and translated before anything is written: when the service fails part-way,
no file is touched. The draft's front matter is the original's, with ``title`` and ``summary``
translated, ``status: machine``, ``translated_by`` (the provider) and ``translated_from`` (the
original's digest, as ``bilingual sync`` records it): ``status`` then shows the draft in sync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bilingual.errors import SourceError, UsageError
from bilingual.model import LANGS, Finding, Pair
from bilingual.parse.discover import ARTICLES, article_folder, article_folders, load_pair
from bilingual.parse.frontmatter import decode, split
from bilingual.stale import KEY
from bilingual.translate.protect import enforce, mask, translate_masked
from bilingual.translate.segment import layout

if TYPE_CHECKING:
    from bilingual.engine import Plan
    from bilingual.glossary.match import Matcher
    from bilingual.translate.memory import Memory
    from bilingual.translate.providers import Service

#: The status of a draft no person has read yet.
MACHINE = "machine"
#: Front-matter keys a draft translates.
TRANSLATED = ("title", "summary")


@dataclass(frozen=True, slots=True)
class Job:
    """One article to draft: its folder, the side written and the side to draft."""

    folder: Path
    slug: str
    source: str
    target: str
    #: The original's text, decoded.
    text: str
    #: Whether the side to draft exists (``--force`` replaces it).
    exists: bool

    @property
    def path(self) -> Path:
        """The file to write."""
        return self.folder / f"{self.target}.md"


@dataclass(slots=True)
class Draft:
    """A drafted side, not yet written, and what making it took."""

    job: Job
    text: str
    #: Units served by the memory, and sent to the service.
    remembered: int = 0
    sent: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: Where the side it replaced was kept (``--force``), once written.
    backup: Path | None = None


def jobs(
    root: Path,
    names: list[str],
    *,
    all_missing: bool,
    to: str | None,
    force: bool,
    default_original: str = "zh",
) -> list[Job]:
    """The articles to draft; a ``UsageError`` (nothing done) for one that cannot be.
    ``default_original``: the side articles are translated from unless they say (the config's)."""
    if to is not None and to not in LANGS:
        raise UsageError(f"--to takes zh or en, not {to!r}")
    if all_missing:
        folders = [
            f
            for f in article_folders(root)
            if not all((f / f"{lang}.md").exists() for lang in LANGS)
        ]
    elif names:
        folders = [article_folder(root, name) for name in names]
    else:
        raise UsageError(
            "name the articles to draft, or give --all-missing",
            hint="see bilingual translate --help",
        )
    found = [
        _job(root, folder, to, force=force or all_missing, default_original=default_original)
        for folder in dict.fromkeys(folders)
    ]
    return [job for job in found if job is not None]


def _job(
    root: Path, folder: Path, to: str | None, *, force: bool, default_original: str
) -> Job | None:
    from bilingual.checks.article import translation_side

    pair = load_pair(root, folder)
    present = [lang for lang in LANGS if lang not in pair.missing]
    if not present:
        raise UsageError("the article has neither zh.md nor en.md", path=folder)
    if to is None:
        to = pair.missing[0] if len(present) == 1 else translation_side(pair, default_original)
    source = "en" if to == "zh" else "zh"
    path = folder / f"{source}.md"
    if source in pair.missing:
        raise UsageError(f"nothing to translate from: {source}.md is missing", path=path)
    exists = to not in pair.missing
    if exists and not force:
        raise UsageError(
            f"{to}.md exists: nothing written",
            path=folder / f"{to}.md",
            hint="--force replaces it, keeping it as a backup beside it",
        )
    try:
        text = decode(path.read_bytes(), str(path))
        split(text, str(path))
    except OSError as exc:
        raise SourceError(f"cannot read the original: {exc.strerror}", path=path) from exc
    return Job(folder, folder.name, source, to, text, exists)


class Drafter:
    """Translates units one direction: from the memory where it has them, else the service."""

    def __init__(
        self,
        service: Service,
        memory: Memory | None,
        glossary: Matcher | None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.service = service
        self.memory = memory
        self.glossary = glossary
        self.progress = progress or (lambda _n: None)
        self.remembered = self.sent = 0

    def unit(self, text: str) -> str:
        """The translation of one unit of inline Markdown."""
        source, target = self.service.source, self.service.target
        if self.memory is not None:
            found = self.memory.lookup(text, source, self.service.name)
            if found is not None:
                self.remembered += 1
                self.progress(1)
                return found
        masked = mask(text, source, target, self.glossary)
        result = enforce(
            translate_masked(masked, self.service, self.service.limit, target),
            target,
            self.glossary,
        )
        if masked.translatable():
            self.sent += 1
            if self.memory is not None:
                self.memory.remember(source, [(text, result)], self.service.name)
        self.progress(1)
        return result

    def sendable(self, text: str) -> list[str]:
        """What ``unit`` would send for ``text`` (nothing when the memory has it)."""
        from bilingual.translate.protect import chunks

        source, target = self.service.source, self.service.target
        if self.memory is not None and self.memory.lookup(text, source, self.service.name):
            return []
        masked = mask(text, source, target, self.glossary)
        return chunks(masked.text, self.service.limit) if masked.translatable() else []


def units_of(job: Job) -> list[str]:
    """The texts of an original that a draft translates: title, summary, then its units."""
    source = split(job.text, str(job.folder / f"{job.source}.md"))
    meta = [str(source.meta[k]) for k in TRANSLATED if isinstance(source.meta.get(k), str)]
    return meta + [unit.text for unit in layout(source.body, source.body_offset).units]


def draft(job: Job, drafter: Drafter, digest: str) -> Draft:
    """The draft of ``job``'s side (nothing written)."""
    path = str(job.folder / f"{job.source}.md")
    source = split(job.text, path)
    meta: dict[str, Any] = {}
    for key, value in source.meta.items():
        if key in TRANSLATED and isinstance(value, str):
            meta[key] = drafter.unit(value)
        elif key not in (KEY, "translated_by"):
            meta[key] = _dated(value)
    meta.update({"status": MACHINE, "original": job.source})
    meta.update({"translated_by": drafter.service.name, KEY: digest})
    shape = layout(source.body, source.body_offset)
    body = shape.render([drafter.unit(unit.text) for unit in shape.units])
    head = yaml.safe_dump(
        meta, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=None
    )
    return Draft(job, f"---\n{head}---\n{body}")


def _dated(value: Any) -> Any:
    """An ISO date read as text (the fast front-matter reader keeps them so) as a date again,
    so that the draft writes it as the original does: unquoted."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def check(root: Path, drafted: Draft, plan: Plan) -> list[Finding]:
    """What ``check`` finds in the article with its draft, as it will be on disk."""
    from bilingual.engine import check_pair
    from bilingual.parse.discover import read_article, without_lone_titles

    job = drafted.job
    folder = f"{ARTICLES}/{job.slug}"
    texts = {job.source: job.text, job.target: drafted.text}
    zh, en = (read_article(texts[lang], lang, f"{folder}/{lang}.md") for lang in LANGS)
    zh, en = without_lone_titles(zh, en)
    return check_pair(Pair(job.slug, folder, zh, en), plan)[0]


def write(drafted: Draft, now: dt.datetime | None = None) -> None:
    """Write a draft; a side it replaces is kept beside it as ``<lang>.md.<time>.bak``."""
    from bilingual.fsutil import atomic_write, create_all

    path = drafted.job.path
    try:
        if path.exists():
            stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
            backup = path.with_name(f"{path.name}.{stamp}.bak")
            create_all({backup: path.read_bytes()})
            drafted.backup = backup
            atomic_write(path, drafted.text)
        else:
            create_all({path: drafted.text})
    except FileExistsError as exc:
        raise SourceError("a file appeared meanwhile: nothing written", path=exc.filename) from None
    except OSError as exc:
        raise SourceError(f"cannot write the draft: {exc.strerror}", path=path) from exc
