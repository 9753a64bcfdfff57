"""The data every stage passes on: articles, blocks, beads and findings (frozen dataclasses)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

#: The two sides of a pair, in display order.
LANGS: tuple[str, str] = ("zh", "en")

#: The most characters of Markdown source (inline text, code and HTML) a block may have to be
#: checked: thirty times the longest block of the real pairs, and read in well under a second.
#: A longer block is kept for alignment by its length alone and reported as too large to check
#: (``block-too-large``): every reader is linear in the text, but a block of megabytes would
#: still take seconds, and markdown-it's link rules are superlinear on runs of brackets.
MAX_BLOCK = 100_000


class Severity(StrEnum):
    """How serious a finding is: errors fail ``check``, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """A line in a source file; ``path`` is relative to the content root, with ``/``."""

    path: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Oversize:
    """What is known of a block too large to check: how large it is."""

    #: Characters of Markdown source.
    size: int
    #: Han characters, and other characters but white space, of its text as written.
    han: int
    other: int


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of an article body: a heading, paragraph, list item, quote, image, table or code."""

    kind: str
    #: Plain text: inline markup, HTML and comments removed; image alt text kept.
    text: str
    #: First and last line in the source file (1-based, front matter included).
    line: int
    end_line: int
    #: Link targets in order: URLs, e-mail addresses (without ``mailto:``) and image sources.
    links: tuple[str, ...] = ()
    #: Inline and fenced code, which prose checks leave alone.
    code: tuple[str, ...] = ()
    #: Check codes and slugs switched off for this block by a ``bilingual-ignore`` comment;
    #: ``"*"`` switches off every check.
    ignore: frozenset[str] = frozenset()
    #: Heading level, or nesting depth for list items.
    level: int = 0
    #: A paragraph or list item written wholly in bold or italics: a heading in all but
    #: markup ("1. **Hybrid cloud**" on one side, "### Hybrid cloud" on the other).
    emphasised: bool = False
    #: Set on a block of more than ``MAX_BLOCK`` characters, too large to check: its size and
    #: its Han and other characters (spaces left out), by which alignment places it. Its text,
    #: links and code are left empty, so that nothing else reads it.
    oversize: Oversize | None = None

    @property
    def heading_like(self) -> bool:
        """A heading, or a block that stands for one."""
        return self.kind == "heading" or self.emphasised


@dataclass(frozen=True, slots=True)
class Article:
    """One side of a pair: its front matter and body blocks."""

    lang: str
    #: Path relative to the content root, with ``/``, as reports show it.
    path: str
    meta: Mapping[str, Any]
    #: Line of each top-level front-matter key.
    meta_lines: Mapping[str, int]
    blocks: tuple[Block, ...]
    #: ``bilingual.stale.original_digest`` of this side: what a translation made from it
    #: records in ``translated_from``.
    digest: str = ""


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A file that could not be read or whose front matter could not be parsed."""

    #: ``"unreadable"`` (I/O or encoding) or ``"front-matter"``.
    kind: str
    lang: str
    path: str
    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class Pair:
    """An article folder: the zh and en sides as far as they could be read."""

    slug: str
    #: The folder, relative to the content root, with ``/``.
    folder: str
    zh: Article | None
    en: Article | None
    #: Languages whose file does not exist.
    missing: tuple[str, ...] = ()
    problems: tuple[SourceProblem, ...] = ()
    #: The digest of each side's bytes as read (``bilingual.fsutil.content_digest``), zh then en;
    #: ``""`` for a side that could not be read. The result cache keys findings by them.
    digests: tuple[str, str] = ("", "")

    def side(self, lang: str) -> Article | None:
        """The article for ``lang`` (``"zh"`` or ``"en"``)."""
        return self.zh if lang == "zh" else self.en

    def path(self, lang: str) -> str:
        """The relative path of ``lang``'s file, whether or not it exists."""
        return f"{self.folder}/{lang}.md"


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment unit: zh blocks and the en blocks that translate them (either may be empty)."""

    zh: tuple[Block, ...]
    en: tuple[Block, ...]
    #: The English stands elsewhere than the Chinese order puts it: a block the translator
    #: moved (``bilingual.reorder``).
    moved: bool = False
    #: The blocks of the side that has several render the other side's one block in another
    #: order than theirs: the halves of a translation swapped (``bilingual.align``).
    inverted: bool = False

    @property
    def kind(self) -> str:
        """``"1-1"``, ``"1-0"``, ``"0-1"``, ``"2-1"`` or ``"1-2"``."""
        return f"{len(self.zh)}-{len(self.en)}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem reported by one check, with its location on each side where it has one."""

    code: str
    check: str
    severity: Severity
    article: str
    message: str
    zh: Location | None = None
    en: Location | None = None
    #: The relevant text on each side, for the text report.
    zh_excerpt: str | None = None
    en_excerpt: str | None = None
    #: The side where the problem is (``"zh"`` or ``"en"``), where an annotation should point.
    primary: str = "zh"
    #: True when a ``bilingual-ignore`` comment switched the check off at this place.
    suppressed: bool = field(default=False, compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Article, then line (zh side first), then code."""
        zh_line = self.zh.line if self.zh and self.zh.line else 0
        en_line = self.en.line if self.en and self.en.line else 0
        return (self.article, zh_line or en_line, en_line, self.code)


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals for a run of ``bilingual check``."""

    articles: int
    errors: int
    warnings: int
    suppressed: int = 0


def relpath(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (absolute if outside the root)."""
    # The common case by the strings pathlib keeps (both normalised): ``relative_to`` parses
    # both paths again, a tenth of a warm run's time over an archive of 10,000 articles.
    text, base = str(path), str(root)
    if (
        text.startswith(base)
        and text[len(base) : len(base) + 1] == os.sep
        and sys.platform != "win32"
    ):
        return text[len(base) + 1 :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
