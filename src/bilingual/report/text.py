"""The text report: findings grouped by article, both sides' path:line and text, via rich."""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import groupby

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


def clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, Chinese counting two, ending in an ellipsis."""
    if cell_len(text) <= cells:
        return text
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > cells - 1:
            return text[:index] + "…"
    return text


def render(
    findings: Sequence[Finding],
    summary: Summary,
    *,
    color: bool = False,
    width: int = 100,
    **_: object,
) -> str:
    """Findings grouped by article, then a summary line."""
    out = io.StringIO()
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
    console.print(_summary_line(summary))
    return out.getvalue()


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
