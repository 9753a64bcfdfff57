"""A Markdown body as a layout: the lines kept as they are, and the text to translate.

The body is read with the parser ``check`` uses. Each heading, paragraph (in a list item or a
quote too) and table cell is a *unit*: its inline Markdown, its lines joined. Everything else —
code, HTML blocks and comments, rules, link definitions, blank lines, and each unit's own prefix
(``## ``, ``- ``, ``1. ``, ``> ``, indentation) — is kept byte for byte. A unit is written back
on one line, after its first line's prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: A table's delimiter row (``| --- | :-: |``).
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
#: A line holding images (perhaps linked) and nothing else.
_IMAGE_LINE = re.compile(
    r"^\s*(?:(?:\[\s*)?!\[[^\]]*\]\([^)]*\)(?:\s*\]\([^)]*\))?\s*|<img\b[^>]*>\s*)+$", re.I
)
_PIPE = re.compile(r"(?<!\\)\|")
_HAN_EDGE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")


@dataclass(frozen=True, slots=True)
class Unit:
    """Inline Markdown to translate, and where it stands."""

    #: File line of its first line (1-based; ``check``'s blocks start on the same line).
    line: int
    text: str
    #: ``heading``, ``paragraph`` or ``cell``.
    kind: str


@dataclass(frozen=True, slots=True)
class Layout:
    """A body split into kept lines and units; ``render`` puts translations in their place."""

    lines: tuple[str, ...]
    units: tuple[Unit, ...]
    #: By body line: the lines a unit takes the place of (its first: prefix, unit, suffix).
    slots: dict[int, tuple[str, int, str]]
    dropped: frozenset[int]
    #: Table rows: body line -> (cells as (prefix, unit or -1 for kept text, suffix)).
    rows: dict[int, tuple[tuple[str, int, str], ...]]

    def render(self, translations: Sequence[str]) -> str:
        """The body with each unit replaced by ``translations[i]`` (one line each)."""
        out: list[str] = []
        for index, line in enumerate(self.lines):
            if index in self.dropped:
                continue
            if index in self.slots:
                prefix, unit, suffix = self.slots[index]
                out.append(prefix + _one_line(translations[unit]) + suffix)
            elif index in self.rows:
                out.append(
                    "|".join(
                        prefix + (_one_line(translations[u]) if u >= 0 else "") + suffix
                        for prefix, u, suffix in self.rows[index]
                    )
                )
            else:
                out.append(line)
        return "\n".join(out)


def _one_line(text: str) -> str:
    return " ".join(_HAN_EDGE.sub("", text).split("\n")).strip()


def layout(body: str, offset: int = 0) -> Layout:
    """The layout of a Markdown ``body`` whose first line is file line ``offset + 1``."""
    from bilingual.parse.markdown import parser

    lines = body.split("\n")
    units: list[Unit] = []
    slots: dict[int, tuple[str, int, str]] = {}
    dropped: set[int] = set()
    rows: dict[int, tuple[tuple[str, int, str], ...]] = {}
    tokens = parser().parse(body)
    for index, tok in enumerate(tokens):
        if tok.type == "table_open" and tok.map:
            for row in range(*tok.map):
                cells = _row(lines[row], row + offset + 1, units)
                if cells is not None:
                    rows[row] = cells
            continue
        if tok.type != "inline" or not tok.map or index == 0:
            continue
        opener = tokens[index - 1].type
        if opener not in ("paragraph_open", "heading_open"):
            continue  # table cells are read by rows above
        kind = "heading" if opener == "heading_open" else "paragraph"
        for first, run in _runs(tok.map[0], tok.content):
            head = run.split("\n", 1)[0]
            at = lines[first].find(head) if head else -1
            if at < 0 or not run.strip():
                continue  # a line we cannot place the text of: kept as it is
            suffix = lines[first][at + len(head) :] if kind == "heading" else ""
            slots[first] = (lines[first][:at], len(units), suffix.rstrip() and " " + suffix.strip())
            dropped.update(range(first + 1, first + run.count("\n") + 1))
            units.append(Unit(first + offset + 1, run, kind))
    return Layout(tuple(lines), tuple(units), slots, frozenset(dropped), rows)


def _runs(first: int, content: str) -> list[tuple[int, str]]:
    """A paragraph's lines of text, run by run, with the body line each starts on: a line
    holding only images stays a line of its own, as ``check`` reads it as a block of its own."""
    runs: list[tuple[int, str]] = []
    current: list[str] = []
    start = first
    for index, line in enumerate(content.split("\n")):
        if _IMAGE_LINE.match(line):
            if current:
                runs.append((start, "\n".join(current)))
            current = []
            start = first + index + 1
            continue
        current.append(line)
    if current:
        runs.append((start, "\n".join(current)))
    return runs


def _row(line: str, number: int, units: list[Unit]) -> tuple[tuple[str, int, str], ...] | None:
    """A table row's cells, each a unit (None for the delimiter row, kept as it is)."""
    if _DELIMITER.match(line) or "|" not in line:
        return None
    cells: list[tuple[str, int, str]] = []
    for cell in _PIPE.split(line):
        text = cell.strip()
        if not text:
            cells.append((cell, -1, ""))
            continue
        start = cell.find(text)
        cells.append((cell[:start], len(units), cell[start + len(text) :]))
        units.append(Unit(number, text, "cell"))
    return tuple(cells)


def translate_layout(layout_: Layout, translate: Callable[[Unit], str]) -> str:
    """The body with each unit translated by ``translate``."""
    return layout_.render([translate(unit) for unit in layout_.units])
