"""The report of ``diff``: text for people (rich), JSON for scripts.

Without colour (not a terminal, ``NO_COLOR``, ``--no-color``) the text marks what changed
inside a block as ``git diff --word-diff`` does: ``[-deleted-]`` and ``{+inserted+}``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import partial
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from bilingual.stale import State
from bilingual.stale.diff import Change, MetaChange, Place, Span, StaleDiff
from bilingual.stale.history import Commit
from bilingual.stale.render import VERSION, console_for, export

#: From this width on, changes stand beside the translation in two columns; below, stacked.
SIDE_BY_SIDE = 80
#: Characters of unchanged text kept on each side of a change in a block's old text.
CONTEXT = 30


def diff_text(report: StaleDiff, *, color: bool, width: int) -> str:
    """What changed in the original, each change beside the translation's block to revise."""
    console = console_for(width, color)
    say = partial(console.print, soft_wrap=True)  # prose: the terminal wraps it, not rich
    if report.state is State.CURRENT:
        say(f"{report.translation} is current: it was synced with {report.original} as it is now.")
        return export(console, color)
    if report.state is State.NEVER_SYNCED:
        say(
            f"{report.translation} has never been synced with {report.original}: nothing is "
            "known of the version it was translated from."
        )
        say(
            f"Once it matches the original, 'bilingual sync {report.article}' records that; "
            f"'bilingual diff {report.article}' then shows what changes in the original."
        )
        return export(console, color)
    say(Text(f"{report.original} changed since {report.translation} was synced with it.", "bold"))
    for line in _history_lines(report):
        say(Text("  ") + line)
    if report.meta or report.changes:
        say(Text("  ") + _counts(report))
        say()
        # Beside the original, a cell names the translation's file as en.md:12 (the first line
        # gave its path, which would not fit in half the width); stacked, the whole path fits.
        cells = _cells(report, plain=not color, short=width >= SIDE_BY_SIDE)
        if width >= SIDE_BY_SIDE:
            _side_by_side(console, report, cells)
        else:
            _stacked(console, cells)
        if width >= SIDE_BY_SIDE:
            say()
    say(
        f"Revise {report.translation}, then run 'bilingual sync {report.article}' to record "
        "that it matches."
    )
    return export(console, color)


def _history_lines(report: StaleDiff) -> list[Text]:
    history = report.history
    original, translation = _name(report.original), _name(report.translation)
    lines: list[Text] = []
    if history is not None and history.found is not None:
        lines.append(Text("synced with   ", "dim") + _commit(history.found))
        since = list(history.since)
        if since or history.uncommitted:
            text = Text("changed in    ", "dim")
            parts = [f"{len(since)} commit{'s' * (len(since) != 1)} since"] if since else []
            if history.uncommitted:
                parts.append("the working tree (not committed)")
            text.append(", and in ".join(parts))
            lines.append(text)
            lines += [Text("                ") + _commit(c) for c in since[:5]]
            if len(since) > 5:
                lines.append(Text(f"                … and {len(since) - 5} older", "dim"))
        return lines
    if history is not None and history.searched:
        lines.append(
            Text(
                f"No commit of {original} has the digest {translation} records "
                f"({history.searched} read): it was synced with a version never committed, "
                "or the history was rewritten; the changes cannot be shown.",
                "yellow",
            )
        )
    else:
        reason = history.reason if history is not None else "no history"
        lines.append(Text(f"No history is available ({reason}): the changes cannot be shown."))
    lines.append(_times(report))
    return lines


def _times(report: StaleDiff) -> Text:
    original, translation = _name(report.original), _name(report.translation)
    when, then = _time(report.original_modified), _time(report.translation_modified)
    ahead = (report.original_modified - report.translation_modified).total_seconds()
    if abs(ahead) < 1:
        return Text(
            f"{original} and {translation} were last modified at the same time ({when}): "
            "the files' times do not tell when the original changed."
        )
    if ahead > 0:
        return Text(
            f"{original} was last modified {when}, after {translation} ({then}): "
            "it changed since the translation was last edited."
        )
    return Text(
        f"{original} was last modified {when}, before {translation} ({then}): the translation "
        "was edited since, but not synced."
    )


def _commit(commit: Commit) -> Text:
    text = Text(commit.short, "yellow")
    text.append(f" {commit.date[:16].replace('T', ' ')} ")
    text.append(commit.subject, "italic")
    return text


def _counts(report: StaleDiff) -> Text:
    kinds = Counter(c.kind for c in report.changes)
    parts = [
        f"{kinds[kind]} block{'s' * (kinds[kind] != 1)} {kind}"
        for kind in ("changed", "added", "removed")
        if kinds[kind]
    ]
    parts += [f"the {m.key} changed" for m in report.meta]
    return Text("; ".join(parts) + ".")


def _side_by_side(
    console: Console, report: StaleDiff, cells: list[tuple[RenderableType, RenderableType]]
) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column(f"original ({_name(report.original)})", ratio=1, overflow="fold")
    table.add_column(f"translation ({_name(report.translation)})", ratio=1, overflow="fold")
    for left, right in cells:
        table.add_row(left, right)
        table.add_section()
    console.print(table)


def _stacked(console: Console, cells: list[tuple[RenderableType, RenderableType]]) -> None:
    for left, right in cells:
        console.print(left)
        console.print(_lines(("→", "cyan", right)))
        console.print()


def _cells(
    report: StaleDiff, *, plain: bool, short: bool
) -> list[tuple[RenderableType, RenderableType]]:
    cells = [(_meta_left(m, plain), _meta_right(m, short)) for m in report.meta]
    return cells + [(_left(c, report, plain), _right(c, short)) for c in report.changes]


def _lines(*rows: tuple[str, str, RenderableType]) -> Table:
    """Texts each after a one-character marker, wrapped under themselves (a hanging indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for marker, style, text in rows:
        grid.add_row(Text(marker, style), text)
    return grid


def _meta_left(change: MetaChange, plain: bool) -> RenderableType:
    return Group(
        Text(f"{change.key} changed", "bold"),
        _lines(
            ("-", "red", _marked(change.old_spans, plain)),
            ("+", "green", _marked(change.new_spans, plain)),
        ),
    )


def _meta_right(change: MetaChange, short: bool) -> RenderableType:
    if change.translation is None:
        return Text(f"no {change.key} in the translation", "dim")
    head = Text("revise ", "bold")
    head.append(_at(short, change.translation), "cyan")
    return Group(head, Text(change.translation.text))


def _left(change: Change, report: StaleDiff, plain: bool) -> RenderableType:
    style = {"changed": "bold", "added": "bold green", "removed": "bold red"}[change.kind]
    block = change.new or change.old
    assert block is not None
    head = Text(f"{change.kind} {block.kind}", style)
    if change.new is not None:
        head.append(f" {_name(report.original)}:{change.new.line}", "cyan")
    if change.old is not None:
        found = report.history.found if report.history else None
        head.append(
            f" (line {change.old.line} in {found.short if found else 'the synced version'})", "dim"
        )
    rows: tuple[tuple[str, str, RenderableType], ...]
    if change.kind == "changed":
        rows = (
            ("-", "red", _marked(_elided(change.old_spans), plain)),
            ("+", "green", _marked(change.new_spans, plain)),
        )
    elif change.old is not None:
        rows = (("-", "red", Text(change.old.text, "red")),)
    else:
        assert change.new is not None
        rows = (("+", "green", Text(change.new.text, "green")),)
    return Group(head, _lines(*rows))


def _right(change: Change, short: bool) -> RenderableType:
    if change.kind == "added":
        head = Text("add ", "bold")
        if change.after is None:
            return head + Text("at the start of the translation")
        head.append("after ")
        head.append(_at(short, change.after), "cyan")
        return Group(head, Text(change.after.text, "dim"))
    if not change.translation:
        return Text("no counterpart in the translation", "dim")
    head = Text("remove or revise " if change.kind == "removed" else "revise ", "bold")
    head.append(_at(short, *change.translation), "cyan")
    return Group(head, *(Text(place.text) for place in change.translation))


def _at(short: bool, *places: Place) -> str:
    first, last = places[0], places[-1]
    end = f"-{last.end_line}" if last.end_line != first.line else ""
    return f"{_name(first.path) if short else first.path}:{first.line}{end}"


def _elided(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The old text with long unchanged stretches cut to their ends: the new text beside it
    is shown whole, the old only to show what was taken out."""
    kept = []
    for index, span in enumerate(spans):
        text = span.text
        if span.op == "equal" and len(text) > 2 * CONTEXT + 5:
            head = text[:CONTEXT] if index > 0 else ""
            tail = text[-CONTEXT:] if index < len(spans) - 1 else ""
            text = f"{head}…{tail}"
        kept.append(Span(span.op, text))
    return tuple(kept)


def _marked(spans: tuple[Span, ...], plain: bool) -> Text:
    text = Text()
    for span in spans:
        if span.op == "equal":
            text.append(span.text)
        elif span.op == "delete":
            text.append(f"[-{span.text}-]" if plain else span.text, "bold red strike")
        else:
            text.append(f"{{+{span.text}+}}" if plain else span.text, "bold green")
    return text


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _time(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def diff_json(report: StaleDiff) -> str:
    """The report as a versioned JSON document."""
    history = report.history
    document: dict[str, Any] = {
        "version": VERSION,
        "article": report.article,
        "state": report.state.value,
        "original": {
            "path": report.original,
            "digest": report.digest,
            "modified": report.original_modified.isoformat(timespec="seconds"),
        },
        "translation": {
            "path": report.translation,
            "recorded": report.recorded,
            "modified": report.translation_modified.isoformat(timespec="seconds"),
        },
        "history": None
        if history is None
        else {
            "available": history.available,
            "reason": history.reason or None,
            "synced": _commit_json(history.found),
            "since": [_commit_json(c) for c in history.since],
            "uncommitted": history.uncommitted,
            "searched": history.searched,
        },
        "meta": [
            {"key": m.key, "old": m.old, "new": m.new, "translation": _place_json(m.translation)}
            for m in report.meta
        ],
        "changes": [
            {
                "change": c.kind,
                "old": _place_json(c.old),
                "new": _place_json(c.new),
                "translation": [_place_json(p) for p in c.translation],
                "after": _place_json(c.after),
            }
            for c in report.changes
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _commit_json(commit: Commit | None) -> dict[str, str] | None:
    if commit is None:
        return None
    return {
        "commit": commit.commit,
        "date": commit.date,
        "subject": commit.subject,
        "path": commit.path,
    }


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "path": place.path,
        "line": place.line,
        "end_line": place.end_line,
        "kind": place.kind,
        "text": place.text,
    }
