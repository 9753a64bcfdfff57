"""``check --fix``: replace forbidden renderings with the glossary's preferred one.

Fixes are made on the English file's own text, so everything else — line ends, a byte-order
mark, wrapping, Markdown markup — stays as it was. Only the places ``forbidden-variant`` reports
are touched: the front matter's ``title`` and ``summary`` lines and the body's prose blocks,
never code, link targets, HTML comments or a block whose ``bilingual-ignore`` comment switches
the check off. A fixed file must still read back as an article, and a file that changed on
disk since it was read is left alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import SourceError
from bilingual.fsutil import atomic_write
from bilingual.glossary.match import FORBIDDEN, Matcher, matcher
from bilingual.glossary.model import Glossary
from bilingual.model import relpath
from bilingual.parse.discover import read_article
from bilingual.parse.frontmatter import normalise

#: What ``bilingual-ignore`` comments may name to keep a block from being fixed.
NAMES = frozenset({"g102", "forbidden-variant", "*"})
_LINE_END = re.compile(r"\r\n|\r|\n")
# Spans a fix must not touch, blanked before matching: code spans and HTML comments.
_PROTECTED = re.compile(r"(`+).+?\1|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Change:
    """One replacement: where, what was written and what replaces it."""

    line: int
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Fix:
    """The fixed text of one file, with what was changed."""

    path: Path
    #: The path as reports show it (relative to the content root).
    rel: str
    original: bytes
    text: str
    changes: tuple[Change, ...]

    def diff(self) -> str:
        """A unified diff of the change, as ``git diff`` shows it."""
        before = self.original.decode("utf-8").splitlines(keepends=True)
        after = self.text.splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.rel}", f"b/{self.rel}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class StaleFileError(SourceError):
    """The file changed on disk between reading and writing it."""


def fix_file(path: Path, root: Path, glossary: Glossary) -> Fix | None:
    """The fix of one English source, or None when there is nothing to fix (or it cannot be
    read: ``check`` reports that)."""
    try:
        original = path.read_bytes()
        raw = original.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    rel = relpath(path, root)
    try:
        article = read_article(normalise(raw), "en", rel)
    except SourceError:
        return None
    starts = _line_starts(raw)
    spans = [
        _line_span(raw, starts, article.meta_lines[key], article.meta_lines[key])
        for key in ("title", "summary")
        if key in article.meta_lines
    ]
    spans += [
        _line_span(raw, starts, block.line, block.end_line)
        for block in article.blocks
        if block.kind != "code" and not {n.lower() for n in block.ignore} & NAMES
    ]
    found = _forbidden(raw, spans, matcher(glossary))
    if not found:
        return None
    text, changes = raw, []
    for start, end, new in sorted(found, reverse=True):
        changes.append(Change(raw.count("\n", 0, start) + 1, raw[start:end], new))
        text = text[:start] + new + text[end:]
    try:
        read_article(normalise(text), "en", rel)
    except SourceError as exc:  # e.g. an apostrophe inside a single-quoted title
        raise SourceError(
            f"fixing would make the file unreadable ({exc.message}); fix it by hand",
            path=rel,
            line=exc.line,
        ) from None
    return Fix(path, rel, original, text, tuple(reversed(changes)))


def fixes_for(root: Path, folders: Sequence[Path], glossary: Glossary) -> list[Fix]:
    """The fixes of the English sides of ``folders``."""
    found = []
    for folder in folders:
        fix = fix_file(folder / "en.md", root, glossary)
        if fix is not None:
            found.append(fix)
    return found


def apply(fix: Fix) -> None:
    """Write ``fix`` atomically, unless the file changed since it was read."""
    try:
        current = fix.path.read_bytes()
    except OSError:
        current = None
    if current != fix.original:
        raise StaleFileError(
            "the file changed since it was read; not fixed",
            path=fix.rel,
            hint="run the command again",
        )
    atomic_write(fix.path, fix.text)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_END.finditer(text)]


def _line_span(text: str, starts: list[int], first: int, last: int) -> tuple[int, int]:
    start = starts[first - 1] if first - 1 < len(starts) else len(text)
    end = starts[last] if last < len(starts) else len(text)
    return start, end


def _forbidden(
    text: str, spans: list[tuple[int, int]], match: Matcher
) -> set[tuple[int, int, str]]:
    found = set()
    for start, end in set(spans):
        segment = _PROTECTED.sub(lambda m: " " * len(m.group()), text[start:end])
        for hit in match.en_renderings(segment):
            if hit.kind == FORBIDDEN:
                found.add((start + hit.start, start + hit.end, hit.term.en))
    # Overlapping spans (a list item and its parent) can find one place twice; nested hits
    # cannot happen, since the pattern takes the longest rendering at each place.
    return found
