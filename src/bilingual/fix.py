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

from bilingual.errors import SourceError, StaleFileError
from bilingual.fsutil import atomic_write
from bilingual.glossary.match import FORBIDDEN, Matcher, matcher, without_code
from bilingual.glossary.model import Glossary
from bilingual.model import relpath
from bilingual.parse.discover import read_article
from bilingual.parse.frontmatter import normalise

#: What ``bilingual-ignore`` comments may name to keep a block from being fixed.
NAMES = frozenset({"g102", "forbidden-variant", "*"})
_LINE_END = re.compile(r"\r\n|\r|\n")
# Spans a fix must not touch, blanked before matching: code spans, HTML comments and tags,
# link and image destinations, reference definitions and attribute blocks ({#id}).
_PROTECTED = re.compile(
    r"(`+).+?\1|<!--.*?-->|<[^>\n]*>|\]\([^)\n]*\)|^[ \t]*\[[^\]\n]+\]:.*$|\{[#.][^}\n]*\}",
    re.DOTALL | re.MULTILINE,
)


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
    blocks = [
        block
        for block in article.blocks
        if block.kind != "code" and not {n.lower() for n in block.ignore} & NAMES
    ]
    match = matcher(glossary)
    found = _forbidden(raw, spans, match)
    for block in blocks:
        # Fix a block only where the written text and what forbidden-variant reads agree: more
        # hits in the source than in the parsed text means some stand in markup or code that
        # the masks above do not know (a list item's fenced code, say), so leave it by hand.
        span = _line_span(raw, starts, block.line, block.end_line)
        in_source = _forbidden(raw, [span], match)
        reported = [h for h in match.en_renderings(without_code(block)) if h.kind == FORBIDDEN]
        if len(in_source) == len(reported):
            found |= in_source
    for key in ("title", "summary"):
        value = article.meta.get(key)
        if not isinstance(value, str) or key not in article.meta_lines:
            continue
        start, end = _line_span(raw, starts, article.meta_lines[key], article.meta_lines[key])
        wanted = sum(1 for hit in match.en_renderings(value) if hit.kind == FORBIDDEN)
        if wanted > sum(1 for at, _, _ in found if start <= at < end):
            # Escaped ('') or continued on the next line: the written text is not the value.
            raise SourceError(
                f"cannot fix the {key} where it is written (quoted, escaped or continued); "
                "fix it by hand",
                path=rel,
                line=article.meta_lines[key],
            )
    if not found:
        return None
    text, changes = raw, []
    for start, end, new in sorted(found, reverse=True):
        changes.append(Change(raw.count("\n", 0, start) + 1, raw[start:end], new))
        text = text[:start] + new + text[end:]
    try:
        fixed = read_article(normalise(text), "en", rel)
    except SourceError as exc:  # e.g. a rendering holding ": " in a plain title
        raise SourceError(
            f"fixing would make the file unreadable ({exc.message}); fix it by hand",
            path=rel,
            line=exc.line,
        ) from None
    for key in ("title", "summary"):
        # Read back, the value must be the old one with the renderings replaced: in a plain
        # scalar, " #" would start a comment and cut the title short.
        before, after = article.meta.get(key), fixed.meta.get(key)
        if isinstance(before, str) and after != _replaced(before, match):
            raise SourceError(
                f"fixing the {key} would change it beyond the rendering; fix it by hand",
                path=rel,
                line=article.meta_lines.get(key),
            )
    return Fix(path, rel, original, text, tuple(reversed(changes)))


def fixes_for(
    root: Path, folders: Sequence[Path], glossary: Glossary
) -> tuple[list[Fix], list[SourceError]]:
    """The fixes of the English sides of ``folders``, and the files refused (each left as it
    is; the others are still fixed)."""
    found, refused = [], []
    for folder in folders:
        try:
            fix = fix_file(folder / "en.md", root, glossary)
        except SourceError as exc:
            refused.append(exc)
            continue
        if fix is not None:
            found.append(fix)
    return found, refused


def _replaced(value: str, match: Matcher) -> str:
    for hit in reversed(match.en_renderings(value)):
        if hit.kind == FORBIDDEN:
            value = value[: hit.start] + hit.term.en + value[hit.end :]
    return value


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
    atomic_write(fix.path.resolve(), fix.text)  # a symlinked source is fixed where it lives


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
    # cannot happen, since the pattern takes the longest rendering at each place. A rendering
    # two terms forbid has no one fix: it is left for a person.
    fixes: dict[tuple[int, int], set[str]] = {}
    for start, end, new in found:
        fixes.setdefault((start, end), set()).add(new)
    return {(start, end, news.pop()) for (start, end), news in fixes.items() if len(news) == 1}
