"""The status board as text: a table of the articles, newest first, then the summary as bars.

Lines are built once as spans of text and style, and either written as plain text (no colour:
a pipe, ``NO_COLOR``) or handed to rich as segments (``StatusView``), so both say the same. rich's
``Table`` is not used: it measures and wraps every cell, about 0.4 ms a row, which is four
seconds on an archive of 10,000 articles, longer than reading them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from bilingual.report.text import clip
from bilingual.status.board import ArticleStatus, Board, Summary

#: Text and rich style ("" for none).
Span = tuple[str, str]
Line = list[Span]

STATE_STYLE = {
    "missing": "red",
    "invalid": "bold red",
    "draft": "yellow",
    "machine": "magenta",
    "review": "cyan",
    "published": "green",
}
SYNC_STYLE = {"current": "green", "stale": "bold yellow", "never-synced": "dim"}
#: How each sync state reads in the table (short) and in the summary.
SYNC_CELL = {"current": "current", "stale": "stale", "never-synced": "never", None: "-"}
SYNC_LABEL = {"current": "current", "stale": "stale", "never-synced": "never synced"}
GAP = 2
#: The table needs this many columns; narrower terminals get three lines an article.
TABLE_FROM = 80
SLUG_MIN, TITLE_MIN = 16, 12
#: The category gets a column only when the title keeps this many cells beside it.
TITLE_WITH_CATEGORY = 24
BAR_MAX = 40
EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, width, alignment and how a row fills it."""

    key: str
    header: str
    width: int
    right: bool = False


def lines(board: Board, width: int) -> list[Line]:
    """Every line of the board at ``width`` terminal cells: the articles, then the summary."""
    summary = board.summary
    if not board.rows:
        message = "No articles." if not summary.archive else "No article matches the filters"
        if summary.archive:
            message += f" (of {summary.archive})."
        said: list[Line] = [[(message, "")]]
        unknown = board.unknown_categories
        if unknown and summary.archive:
            named = ", ".join(repr(name) for name in unknown)
            known = ", ".join(board.categories) or "none"
            note = f"No article has the category {named}; categories: {known}."
            parts = textwrap.wrap(note, max(width, 20), break_on_hyphens=False)
            said += [[(part, "")] for part in parts]
        return said
    if width >= TABLE_FROM:
        out = table(board.rows, width)
    else:
        out = [line for row in board.rows for line in stacked(row, width)]
    return [*out, [], *summary_lines(summary, width)]


KEYS = ("date", "slug", "title", "category", "zh", "en", "sync", "errors", "warnings")


def table(rows: Sequence[ArticleStatus], width: int) -> list[Line]:
    """The articles as a table at most ``width`` cells wide: the slug is cut before the title
    is dropped, and the category has a column only where it leaves the title room."""
    cells = {key: [_cell(row, key) for row in rows] for key in KEYS}
    columns = _columns(cells, width)
    head: Line = []
    for i, column in enumerate(columns):
        last = i == len(columns) - 1
        head.append((_fit(column.header, column, last), "bold"))
        head.append(("" if last else " " * GAP, ""))
    rule = [("─" * sum(c.width + GAP for c in columns[:-1]) + "─" * columns[-1].width, "dim")]
    out = [head, rule]
    gap = (" " * GAP, "")
    for n in range(len(rows)):
        line: Line = []
        for i, column in enumerate(columns):
            text, style = cells[column.key][n]
            if i:
                line.append(gap)
            line.append((_fit(text, column, i == len(columns) - 1), style))
        out.append(line)
    return out


def _columns(cells: dict[str, list[Span]], width: int) -> list[Column]:
    def natural(key: str, header: str) -> int:
        return max(_width(header), *(_width(text) for text, _ in cells[key]))

    fixed = [
        Column("zh", "zh", natural("zh", "zh")),
        Column("en", "en", natural("en", "en")),
        Column("sync", "sync", natural("sync", "sync")),
        Column("errors", "err", natural("errors", "err"), right=True),
        Column("warnings", "warn", natural("warnings", "warn"), right=True),
    ]
    date = Column("date", "date", natural("date", "date"))
    flex = width - sum(c.width for c in (date, *fixed)) - GAP * (len(fixed) + 1)
    slugs, titles = natural("slug", "slug"), natural("title", "title")
    # The slug whole where the title fits beside it, else at least half the room: the title is
    # what people recognise an article by, the slug what they type.
    slug = min(slugs, max(SLUG_MIN, flex // 2, flex - GAP - titles))
    if flex - slug - GAP < TITLE_MIN:
        slug = max(1, min(slugs, flex))
    middle = [Column("slug", "slug", slug)]
    rest = flex - slug - GAP
    if rest >= TITLE_MIN:
        category = natural("category", "category")
        if rest - category - GAP >= min(titles, TITLE_WITH_CATEGORY):
            rest -= category + GAP
            middle.append(Column("category", "category", category))
        middle.insert(1, Column("title", "title", min(rest, titles)))
    return [date, *middle, *fixed]


def _width(text: str) -> int:
    """Terminal cells of ``text``: its length when it is ASCII (most cells), else measured."""
    return len(text) if text.isascii() else cell_len(text)


def _cell(row: ArticleStatus, key: str) -> Span:
    if key == "date":
        return (row.date.isoformat(), "") if row.date else ("-", "dim")
    if key == "slug":
        return row.slug, "bold"
    if key == "title":
        return " ".join((row.title or "").split()), ""
    if key == "category":
        return row.category or "-", "blue" if row.category else "dim"
    if key in ("zh", "en"):
        state = row.side(key)
        return state, STATE_STYLE[state]
    if key == "sync":
        return SYNC_CELL[row.sync], SYNC_STYLE.get(row.sync or "", "dim")
    count = row.errors if key == "errors" else row.warnings
    style = ("bold red" if key == "errors" else "yellow") if count else "dim"
    return str(count), style


def _fit(text: str, column: Column, last: bool) -> str:
    """``text`` cut or padded to the column's width (the last column is not padded)."""
    size = _width(text)
    if size > column.width:
        text = clip(text, column.width)
        size = cell_len(text)
    pad = " " * (column.width - size)
    if column.right:
        return pad + text
    return text if last else text + pad


def stacked(row: ArticleStatus, width: int) -> list[Line]:
    """One article in three lines, for a narrow terminal: date and slug; category and title;
    the sides, sync and findings."""
    date = row.date.isoformat() if row.date else "no date"
    first: Line = [(date, "" if row.date else "dim"), ("  ", ""), (row.slug, "bold")]
    about = " · ".join(part for part in (row.category, row.title) if part) or "no title"
    parts: list[Line] = [[(f"{lang} ", "dim"), _cell(row, lang)] for lang in ("zh", "en")]
    if row.sync:
        parts.append([(SYNC_LABEL[row.sync], SYNC_STYLE[row.sync])])
    if row.clean:
        parts.append([("clean", "green")])
    for count, noun, style in (
        (row.errors, "error", "bold red"),
        (row.warnings, "warning", "yellow"),
    ):
        if count:
            parts.append([(f"{count} {noun}{'s' * (count != 1)}", style)])
    about_line: Line = [("  " + clip(" ".join(about.split()), width - 2), "")]
    return [_clipped(first, width), about_line, *_wrapped(parts, width, indent="  ")]


def _clipped(line: Line, width: int) -> Line:
    out: Line = []
    room = width
    for text, style in line:
        cut = clip(text, room)
        out.append((cut, style))
        room -= cell_len(cut)
        if room <= 0:
            break
    return out


def _wrapped(parts: Sequence[Line], width: int, indent: str) -> list[Line]:
    """``parts`` joined by two spaces, wrapped to ``width`` (a part is never split)."""
    out: list[Line] = []
    line: Line = [(indent, "")]
    used = len(indent)
    for part in parts:
        size = sum(cell_len(text) for text, _ in part)
        if used > len(indent) and used + GAP + size > width:
            out.append(line)
            line, used = [(indent, "")], len(indent)
        if used > len(indent):
            line.append((" " * GAP, ""))
            used += GAP
        line.extend(part)
        used += size
    out.append(line)
    return out


def summary_lines(summary: Summary, width: int) -> list[Line]:
    """The totals: articles per state, sync state and category, and the shares translated and
    clean, each a bar against the articles shown; then check's findings."""
    total = summary.articles
    noun = "article" if summary.archive == 1 else "articles"
    if total != summary.archive:
        head = f"{total} of {summary.archive} {noun} shown"
    else:
        head = f"{total} {noun}"
    sections = [
        ("State", [(s, n, STATE_STYLE[s]) for s, n in summary.states.items() if n]),
        ("Sync", [(SYNC_LABEL[s], n, SYNC_STYLE[s]) for s, n in summary.sync.items() if n]),
        ("Category", [(c, n, "blue") for c, n in summary.categories.items()]),
        ("Share", [("translated", summary.translated, "green"), ("clean", summary.clean, "green")]),
    ]
    title = max(cell_len(name) for name, _ in sections)
    label = min(24, max(cell_len(name) for _, items in sections for name, _, _ in items))
    digits = len(str(total))
    bar = max(4, min(BAR_MAX, width - title - label - digits - 4 - 4 * GAP))
    out: list[Line] = [[(head, "bold")]]
    for name, items in sections:
        for i, (item, count, style) in enumerate(items):
            out.append(
                [
                    (_fit(name if i == 0 else "", Column("", "", title), last=False), "bold"),
                    (" " * GAP + _fit(item, Column("", "", label), last=False), ""),
                    (" " * GAP + str(count).rjust(digits), ""),
                    (" " * GAP + f"{_percent(count, total):>4}" + " " * GAP, "dim"),
                    *_bar(count, total, bar, style),
                ]
            )
    found: Line = [(_fit("Findings", Column("", "", title), last=False), "bold"), (" " * GAP, "")]
    if summary.errors or summary.warnings:
        for count, noun, style in (
            (summary.errors, "error", "bold red"),
            (summary.warnings, "warning", "yellow"),
        ):
            found.append((f"{count} {noun}{'s' * (count != 1)}", style if count else ""))
            found.append((", " if noun == "error" else "", ""))
        found.append(("  (bilingual check lists them)", "dim"))
    else:
        found.append(("none", "green"))
    out.append(found)
    return out


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%" if total else "-"


def _bar(count: int, total: int, width: int, style: str) -> list[Span]:
    """A bar of ``width`` cells filled in eighths to ``count / total``; a count above zero shows
    at least a sliver."""
    eighths = round(8 * width * count / total) if total else 0
    if count and not eighths:
        eighths = 1
    full, part = divmod(eighths, 8)
    filled = "█" * full + (EIGHTHS[part] if part else "")
    return [(filled, style), ("░" * (width - cell_len(filled)), "dim")]


class StatusView:
    """The board as a rich renderable, at the console's width."""

    def __init__(self, board: Board) -> None:
        self.board = board

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {}
        for line in lines(self.board, options.max_width):
            for text, name in line:
                if text:
                    style = styles.get(name)
                    if style is None:
                        style = styles[name] = Style.parse(name) if name else Style.null()
                    yield Segment(text, style)
            yield Segment.line()


def render(board: Board, width: int) -> str:
    """The board as plain text."""
    return "".join(_plain(line) for line in lines(board, width))


def _plain(line: Line) -> str:
    return "".join(text for text, _ in line).rstrip() + "\n"


def write(out: TextIO, board: Board, *, color: bool = False, width: int = 100, **_: object) -> None:
    """The board to ``out``, in colour through rich or as plain text."""
    if not color:
        out.write(render(board, width))
        return
    console = Console(
        file=out,
        width=width,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        soft_wrap=False,
    )
    console.print(StatusView(board))
