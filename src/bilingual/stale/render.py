"""The report of ``sync`` (text for people, JSON for scripts), and what the reports of
``sync`` and ``diff`` share: their JSON version and a recording rich console."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from bilingual.stale.sync import Action, Synced

#: The version of both JSON documents; raised when a field changes meaning or goes away.
VERSION = 1
_ACTION = {Action.SYNCED: "green", Action.CURRENT: "dim", Action.SKIPPED: "yellow"}


def console_for(width: int, color: bool) -> Console:
    """A console that records what is printed, in colour or not, at ``width`` columns."""
    return Console(
        width=width,
        record=True,
        file=io.StringIO(),  # recorded and exported, not written as it goes
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )


def export(console: Console, color: bool) -> str:
    """What ``console`` recorded; plain text without trailing spaces."""
    text = console.export_text(styles=color)
    if color:
        return text
    # Table cells are padded to their width: plain text keeps no trailing spaces.
    return "\n".join(line.rstrip() for line in text.split("\n"))


def sync_text(results: Sequence[Synced], *, dry_run: bool, color: bool, width: int) -> str:
    """One line per article — what was done to which file — and the totals."""
    console = console_for(width, color)
    # Slugs in a column, unless a long one would push every path off the screen.
    slug_width = min(max((len(r.article) for r in results), default=0), 40)
    for result in results:
        action = "would sync" if dry_run and result.action is Action.SYNCED else result.action
        line = Text(f"{action:<10} ", style=_ACTION[result.action])
        line.append(f"{result.article:<{slug_width}}  ", style="bold")
        if result.action is Action.SKIPPED:
            line.append(result.reason)
        elif result.action is Action.CURRENT:
            line.append(f"{_side(result.path)} already records the original as it is")
        else:
            line.append(f"{_side(result.path)} translated_from: {_short(result.digest)}")
            was = "never synced" if result.previous is None else _short(result.previous)
            line.append(f" (was {was})", style="dim")
        console.print(line, soft_wrap=True)
    counts = Counter(r.action for r in results)
    verb = "Would sync" if dry_run else "Synced"
    synced = counts[Action.SYNCED]
    summary = f"{verb} {synced} article{'s' * (synced != 1)}"
    summary += f", {counts[Action.CURRENT]} already current"
    if counts[Action.SKIPPED]:
        summary += f", {counts[Action.SKIPPED]} skipped"
    console.print(summary + (" (dry run: nothing written)." if dry_run else "."))
    return export(console, color)


def sync_json(results: Sequence[Synced], *, dry_run: bool) -> str:
    """The outcome for each article and the totals, as a versioned JSON document."""
    counts = Counter(r.action for r in results)
    document = {
        "version": VERSION,
        "dry_run": dry_run,
        "articles": [
            {
                "article": r.article,
                "action": r.action.value,
                "path": r.path,
                "digest": r.digest,
                "previous": r.previous,
                "reason": r.reason or None,
            }
            for r in results
        ],
        "summary": {action.value: counts[action] for action in Action},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(path: str | None) -> str:
    """The translation's file name: the slug before it names the folder."""
    return (path or "").rsplit("/", 1)[-1]


def _short(digest: str | None) -> str:
    return f"{digest[:19]}…" if digest else "-"
