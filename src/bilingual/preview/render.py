"""A preview drawn with rich: a header (front matter, sync state, findings about no block), then
the aligned blocks side by side, or stacked zh above en on a narrow terminal.

Side by side is a two-column ``Table`` with equal ratios and ``overflow="fold"`` (else a long
Chinese paragraph, with no spaces to wrap at, would be cut with an ellipsis); each text is
broken into lines as Chinese may be broken (``wrap``), not at spaces alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.markdown import Markdown, MarkdownElement, Paragraph
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bilingual.glossary.match import FORBIDDEN, Hit, matcher, without_code
from bilingual.glossary.model import Glossary
from bilingual.model import LANGS, Block, Finding, Severity
from bilingual.preview.view import Row, Sync, View
from bilingual.preview.wrap import Wrapped
from bilingual.stale import State

#: From this many columns on the sides stand side by side; below, they are stacked.
WIDE = 100
TERM = "bold cyan"
FORBIDDEN_TERM = "bold red underline"
SEVERITY = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}
MESSAGE = {Severity.ERROR: "red", Severity.WARNING: "yellow"}
NO_COUNTERPART = "— no counterpart —"
#: The front-matter fields the header shows, in order.
FIELDS = ("title", "date", "category", "author", "status")
STATUS = {"published": "green", "review": "cyan", "machine": "magenta", "draft": "yellow"}
SYNC = {
    State.CURRENT: "green",
    State.STALE: "bold yellow",
    State.INVALID: "bold red",
    State.NEVER_SYNCED: "dim",
}
LANGUAGE = {"zh": "Chinese", "en": "English"}


def render(view: View, width: int) -> RenderableType:
    """The whole preview for a terminal ``width`` columns wide."""
    wide = width >= WIDE
    return Group(header(view, wide=wide), body(view, wide=wide))


def header(view: View, *, wide: bool, side: str | None = None) -> Panel:
    """The front matter of each side there is (or of ``side`` alone), which side is missing,
    the translation's sync state, a summary and the findings about no block."""
    shown = (side,) if side else view.langs
    parts: list[RenderableType] = [_meta(view, shown, wide=wide)]
    for lang in () if side else view.pair.missing:
        other = LANGUAGE["en" if lang == "zh" else "zh"]
        missing = f"{lang}.md is missing: {view.pair.path(lang)} does not exist; "
        parts.append(Wrapped(Text(f"{missing}only the {other} side is shown", style="bold yellow")))
    parts.append(Wrapped(_summary(view, shown, side)))
    parts.extend(Wrapped(finding_text(f, located=True)) for f in view.general if _about(f, side))
    return Panel(
        Group(*parts),
        title=Text(view.pair.folder, style="bold"),
        title_align="left",
        box=box.ROUNDED,
    )


def _about(finding: Finding, side: str | None) -> bool:
    """Whether a finding concerns ``side`` (when one side is shown alone)."""
    return side is None or getattr(finding, side) is not None


def _meta(view: View, langs: tuple[str, ...], *, wide: bool) -> Table:
    """The front-matter fields, one column per side (wide) or one line per side (narrow)."""
    grid = Table.grid(expand=True, padding=(0, 2, 0, 0))
    grid.add_column(style="dim", no_wrap=True)
    rows = _meta_rows(view, langs)
    if wide:
        for _ in langs:
            grid.add_column(ratio=1, overflow="fold")
        grid.add_row("", *(Text(f"{lang}.md", style="bold") for lang in langs))
        for key, cells in rows:
            grid.add_row(key, *map(Wrapped, cells))
        return grid
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for key, cells in rows:
        for index, (lang, cell) in enumerate(zip(langs, cells, strict=True)):
            grid.add_row(key if index == 0 else "", lang, Wrapped(cell))
    return grid


def _meta_rows(view: View, langs: tuple[str, ...]) -> list[tuple[str, list[Text]]]:
    rows: list[tuple[str, list[Text]]] = []
    for key in FIELDS:
        cells = []
        for lang in langs:
            article = view.pair.side(lang)
            if article is None:  # pragma: no cover - only sides there are are shown
                cells.append(Text(""))
                continue
            value = article.meta.get(key)
            text = Text("" if value is None else str(value))
            if key == "title":
                _highlight(text, _hits(view.glossary, text.plain, lang))
            elif key == "status":
                text.stylize(STATUS.get(text.plain, ""))
            cells.append(text)
        if any(cell.plain for cell in cells):  # a field neither side has is left out
            rows.append((key, cells))
    if view.sync is not None:
        rows.append(("sync", [_sync_text(view.sync, lang) for lang in langs]))
    return rows


def _sync_text(sync: Sync, lang: str) -> Text:
    """The sync state as the translation's column says it; the original says it is one."""
    if lang == sync.original:
        return Text("original", style="dim")
    # The words of `bilingual status`: current, stale, never synced, invalid.
    text = Text(sync.state.value.replace("-", " "), style=SYNC[sync.state])
    if sync.state is State.STALE:
        text.append(f": {sync.original}.md changed since {sync.translation}.md was synced")
    if sync.recorded is not None:
        text.append(f" (translated_from {sync.recorded[:19]}…)", style="dim")
    return text


def _summary(view: View, langs: Sequence[str], side: str | None) -> Text:
    counts = ", ".join(
        f"{len(article.blocks)} blocks in {lang}.md"
        for lang in langs
        if (article := view.pair.side(lang)) is not None
    )
    text = Text(counts)
    if len(langs) == 2:
        lone = sum(1 for row in view.rows if not row.bead.zh or not row.bead.en)
        text.append(f"; {len(view.rows)} rows aligned, {lone} without a counterpart")
    shown = [f for f in view.findings if _about(f, side)]
    errors = sum(1 for f in shown if f.severity is Severity.ERROR)
    warnings = len(shown) - errors
    text.append(" · ")
    if not shown:
        text.append("no problems found", style="green")
    else:
        text.append(f"{errors} error{'s' * (errors != 1)}", style=SEVERITY[Severity.ERROR])
        text.append(", ")
        text.append(f"{warnings} warning{'s' * (warnings != 1)}", style=SEVERITY[Severity.WARNING])
    return text


def finding_text(finding: Finding, *, located: bool = False) -> Text:
    """A finding in its severity's colour: severity, code, (where,) message."""
    style = MESSAGE[finding.severity]
    text = Text(f"{finding.severity.value} {finding.code}", style=SEVERITY[finding.severity])
    if located:
        where = [
            f"{lang}.md:{loc.line}" if loc.line else f"{lang}.md"
            for lang in LANGS
            if (loc := getattr(finding, lang)) is not None
        ]
        if where and not any(place in finding.message for place in where):
            text.append(" " + " ".join(where), style="cyan")
    text.append(f" {finding.message}", style=style)
    return text


def body(view: View, *, wide: bool) -> Table:
    """The aligned blocks: a row per bead, the sides in columns (wide) or stacked."""
    digits = len(str(max((b.end_line for row in view.rows for b in _blocks(row)), default=1)))
    table = Table(box=box.ROUNDED, show_lines=True, expand=True, padding=(0, 1))
    if wide:
        for lang in view.langs:
            table.add_column(_column_title(view, lang), ratio=1, overflow="fold")
        for row in view.rows:
            table.add_row(*(_cell(view, row, lang, digits) for lang in view.langs))
        return table
    table.add_column(" · ".join(_column_title(view, lang).plain for lang in view.langs))
    for row in view.rows:
        table.add_row(_stacked(view, row, digits))
    return table


def _column_title(view: View, lang: str) -> Text:
    return Text.assemble((f"{lang}.md", "bold"), "  ", (LANGUAGE[lang], "dim"))


def _blocks(row: Row) -> tuple[Block, ...]:
    return (*row.bead.zh, *row.bead.en)


def _cell(view: View, row: Row, lang: str, digits: int) -> Table:
    """One side of a row: its blocks with their line numbers, then its findings."""
    grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
    grid.add_column(justify="right", style="dim", no_wrap=True, width=digits)
    grid.add_column(ratio=1, overflow="fold")
    for line, text in _side_lines(view, row, lang):
        grid.add_row(line, Wrapped(text))
    return grid


def _stacked(view: View, row: Row, digits: int) -> Table:
    """A row for a narrow terminal: the zh blocks above the en blocks, each side labelled."""
    grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
    grid.add_column(style="bold", no_wrap=True, width=2)
    grid.add_column(justify="right", style="dim", no_wrap=True, width=digits)
    grid.add_column(ratio=1, overflow="fold")
    for lang in view.langs:
        for index, (line, text) in enumerate(_side_lines(view, row, lang)):
            grid.add_row(lang if index == 0 else "", line, Wrapped(text))
    return grid


def _side_lines(view: View, row: Row, lang: str) -> Iterable[tuple[str, Text]]:
    """(line number, text) of each block of ``lang`` in the row, then of each finding shown
    on that side; the empty, marked cell when the side has no block here."""
    blocks: tuple[Block, ...] = getattr(row.bead, lang)
    if not blocks:
        yield "", Text(NO_COUNTERPART, style="dim italic")
    for block in blocks:
        yield str(block.line), block_text(block, lang, view.glossary)
    if lang == "en" and row.bead.moved and blocks:
        yield "", Text("(moved: the English stands elsewhere in the Chinese order)", style="dim")
    for note in row.notes:
        if note.lang == lang:
            yield "", finding_text(note.finding)


def block_text(block: Block, lang: str, glossary: Glossary | None) -> Text:
    """A block's text as the checks read it, marked as its kind, glossary terms highlighted."""
    if block.oversize is not None:
        return Text(
            f"[{block.kind} of {block.oversize.size:,} characters: too large to check]",
            style="dim italic",
        )
    if block.kind == "code":
        return Text("".join(block.code).rstrip("\n"), style="dim")
    text = Text(block.text)
    scanned = without_code(block) if lang == "en" else block.text
    _highlight(text, _hits(glossary, scanned, lang))
    prefix = _PREFIX.get(block.kind, "")
    if block.kind == "heading":
        prefix = "#" * max(1, block.level) + " "
        text.stylize("bold")
    elif block.kind == "list_item":
        prefix = "  " * max(0, block.level - 1) + "• "
    return Text.assemble((prefix, "dim"), text) if prefix else text


_PREFIX = {"blockquote": "> ", "image": "[image] ", "table": "[table] ", "html": "[html] "}


def _hits(glossary: Glossary | None, text: str, lang: str) -> list[Hit]:
    """Glossary terms in ``text``, found as the glossary checks find them."""
    if glossary is None or not text:
        return []
    match = matcher(glossary)
    return match.zh_terms(text) if lang == "zh" else match.en_renderings(text)


def _highlight(text: Text, hits: Iterable[Hit]) -> None:
    for hit in hits:
        text.stylize(FORBIDDEN_TERM if hit.kind == FORBIDDEN else TERM, hit.start, hit.end)


def render_side(view: View, lang: str, markdown: str, width: int) -> RenderableType:
    """One side rendered as Markdown, under its front matter; then the findings on that side
    that belong to a block, each with its line."""
    parts: list[RenderableType] = [
        header(view, wide=width >= WIDE, side=lang),
        _Markdown(markdown, hyperlinks=False),
    ]
    placed = [f for f in view.findings if getattr(f, lang) is not None and f not in view.general]
    if placed:
        parts.append(
            Panel(
                Group(*(Wrapped(finding_text(f, located=True)) for f in placed)),
                title=Text(f"findings in {lang}.md", style="bold"),
                title_align="left",
                box=box.ROUNDED,
            )
        )
    return Group(*parts)


class _Paragraph(Paragraph):
    """A Markdown paragraph broken into lines as Chinese may be (rich breaks at spaces)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The paragraph's text, wrapped."""
        yield Wrapped(self.text)


class _Markdown(Markdown):
    """rich's Markdown with paragraphs (list items' too) broken as Chinese may be."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "paragraph_open": _Paragraph,
    }
