"""The text report: findings grouped by article, both sides' path:line and text, via rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from bilingual.model import Finding, Location, Severity, Summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
_EXCERPT = 120


def _side(lang: str, loc: Location | None, excerpt: str | None, width: int) -> Text:
    line = Text("    ")
    line.append(f"{lang} ", style="dim")
    if loc is None:
        line.append("-", style="dim")
        return line
    line.append(f"{loc.path}:{loc.line}" if loc.line else loc.path, style="cyan")
    if excerpt:
        room = max(20, min(_EXCERPT, width - line.cell_len - 2))
        line.append("  " + clip(" ".join(excerpt.split()), room))
    return line


def _plain_side(lang: str, loc: Location | None, excerpt: str | None, width: int) -> str:
    """``_side`` without styles (the same text)."""
    if loc is None:
        return f"    {lang} -"
    line = f"    {lang} " + (f"{loc.path}:{loc.line}" if loc.line else loc.path)
    if excerpt:
        room = max(20, min(_EXCERPT, width - cell_len(line) - 2))
        line += "  " + clip(" ".join(excerpt.split()), room)
    return line


def clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, Chinese counting two, ending in an ellipsis."""
    if cell_len(text) <= cells:
        return text
    # The longest prefix that leaves a cell for the ellipsis, found by halving (a report of
    # an archive clips tens of thousands of excerpts; measuring character by character was
    # most of its cost).
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if cell_len(text[:middle]) <= cells - 1:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def write(
    out: TextIO,
    findings: Iterable[Finding],
    summary: Callable[[], Summary],
    *,
    color: bool = False,
    width: int = 100,
    **_: object,
) -> None:
    """Findings grouped by article, then a summary line."""
    if not color:
        _write_plain(out, findings, summary, width)
        return
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
    )
    for article, group in groupby(findings, key=lambda f: f.article):
        console.print(Text(article, style="bold"))
        for finding in group:
            head = Text("  ")
            head.append(f"{finding.severity.value:<7}", style=_STYLE[finding.severity])
            head.append(f" {finding.code} ", style="bold")
            head.append(f"[{finding.check}] ", style="dim")
            head.append(finding.message)
            console.print(head, soft_wrap=True)
            # A path and line are never cut, however narrow the terminal: only the excerpt is.
            console.print(_side("zh", finding.zh, finding.zh_excerpt, width), soft_wrap=True)
            console.print(_side("en", finding.en, finding.en_excerpt, width), soft_wrap=True)
        console.print()
    console.print(_summary_line(summary()))


def _write_plain(
    out: TextIO, findings: Iterable[Finding], summary: Callable[[], Summary], width: int
) -> None:
    # Without colour the report is its plain text: written directly, it costs a tenth of
    # rendering through rich, which counts for archives with tens of thousands of findings.
    for article, group in groupby(findings, key=lambda f: f.article):
        out.write(article + "\n")
        for finding in group:
            out.write(
                f"  {finding.severity.value:<7} {finding.code} [{finding.check}] "
                f"{finding.message}\n"
                f"{_plain_side('zh', finding.zh, finding.zh_excerpt, width)}\n"
                f"{_plain_side('en', finding.en, finding.en_excerpt, width)}\n"
            )
        out.write("\n")
    out.write(_summary_line(summary()).plain + "\n")


def _summary_line(summary: Summary) -> Text:
    plural = "s" if summary.articles != 1 else ""
    text = Text(f"Checked {summary.articles} article{plural}: ")
    if not summary.errors and not summary.warnings:
        text.append("no problems found", style="green")
    else:
        text.append(
            f"{summary.errors} error{'s' if summary.errors != 1 else ''}",
            style="bold red" if summary.errors else "",
        )
        text.append(", ")
        text.append(
            f"{summary.warnings} warning{'s' if summary.warnings != 1 else ''}",
            style="yellow" if summary.warnings else "",
        )
    if summary.suppressed:
        text.append(f" ({summary.suppressed} suppressed by bilingual-ignore comments)", style="dim")
    text.append(".")
    return text
