"""Recall on planted defects: how many known defects ``bilingual check`` finds in real translations.

    python bench/plant.py                     # seed 7, every kind: a table and every miss
    python bench/plant.py --seed 3 --kinds drop,swap --json
    python bench/plant.py --keep /tmp/planted  # keep the copies, to check one by hand

The corpus is ``tests/fixtures/real``: 36 article pairs translated by people, with their
``bilingual.yaml`` and ``glossary.yaml``. The harness copies it into a temporary content root and
checks it as it is (the *baseline*). Then, for every pair and every kind of defect, it makes one
copy of the pair, ``articles/<slug>.<kind>/``, with exactly one defect planted, and checks all the
copies in one more run (``python -m bilingual check --format json``, as a user runs it; the
articles shared among one process per core). The folder is ``<slug>.<kind>`` rather than
``<slug>--<kind>``: a double hyphen is not a valid slug and would add a finding to every copy.

Where a defect goes
    The translated side (en when ``original: zh``, zh when ``original: en``), except for
    ``glossary`` and ``residue``, which are about English text and always edit en.md. The
    eligible places are listed in file order and one is drawn with
    ``random.Random(f"{seed}:{slug}:{kind}")``, first a block, then a place in it: derived per
    pair and kind, the seed makes ``--kinds`` pick the same places as a full run. Blocks come
    from the harness's own reading of the Markdown (markdown-it-py, not the tool's parser):
    headings and paragraphs (top level, in list items, in quotes), never code, tables, HTML or
    images. Inline code, link targets, URLs, e-mail addresses, HTML tags and comments are
    masked before a number, date, term or sentence is looked for. Not eligible: a block under
    a ``bilingual-ignore`` comment; a block that carries a baseline finding of the code the
    defect should raise (a new one could not be told from it); for number, date and link, a
    block the baseline reports without a counterpart (S101, S103), whose values are compared
    with nothing. A pair with no eligible place for a kind is *skipped* for that kind, and
    only then. Lengths count a Han character as two (it says what two or three letters do).

The kinds; *found* is a new finding of the listed codes anywhere in the copy, and *at the right
line* is what follows "Right line":

    drop      Delete a top-level prose paragraph (40+ characters, no image, not all bold) and
              the blank line after it. Found: S101, S103, or S104 (the half of a translation
              in two paragraphs deleted). Right line: a finding that names an original-side
              block (which one the deleted paragraph translated is not known to the
              harness) and points on the translated side (its line, "expected
              after/before", a range) at the gap: within 3 lines of it, or at the nearest line
              with text on either side of it (a <br/> is not text).
    number    Add 1 to the last digit of a number written in digits, with carry (700 -> 701,
              19 -> 20, 1,999 -> 2,000). Not: years 1900-2099, versions (1.2.3, v1.4, a dotted
              number after a capitalised name or "version"/"release"), parts of dates and
              times, list numbering, section numbers, citation marks, figure/step labels,
              digits glued to letters (5G, x86, 2nd) or after - / _ : # @ (COVID-19; "32-bit"
              is a number). Right line: N101 whose translated-side line is in the edited block.
    date      Move the day of a full date (April 2, 2023; Sep 6th, 2021; 2 April 2023;
              2021-09-06; 2023/4/2; 2023年4月2日) to the next valid day (or the one before).
              Right line: D101 in the edited block.
    glossary  Replace one occurrence of a term's preferred English rendering with one of its
              forbidden renderings (terms that have some; not inside a longer listed
              rendering, such as Alibaba in "Alibaba Cloud"). Right line: G102 in the edited
              block.
    residue   Replace the last sentence of a top-level English paragraph with a Chinese
              sentence (10+ Han characters, no markup) from zh.md: the one at the nearest
              relative place, standing in for the counterpart. Right line: T101 in the edited
              block.
    swap      Swap two adjacent top-level prose paragraphs (60+ characters each, each with a
              digit or a capitalised Latin word that does not open a sentence). Found: S102,
              S101 or S103. Right line: any translated-side line the finding names (its own,
              "at", "expected after/before", a range) within 3 lines of the two paragraphs, or
              at the nearest line with text around them. S102 is counted apart.
    link      Change the last letter in the path of an http(s) link target (Markdown link,
              autolink or bare URL; not a URL written as a link's text) to the next letter of
              the alphabet, or the last letter of an e-mail address's local part. Right line:
              L101 in the edited block.

A finding is *new* when the baseline of the source pair has no finding with the same code and
the same (zh line, en line). Baseline lines on the edited side are first mapped through the
edit: a drop shifts the lines after the gap up, a swap moves the two paragraphs' lines. Every
other edit stays within one line, so no line moves and the message is compared too: a finding
of merged blocks (reported at the first of them) that now names the changed value is new.
Drop and swap messages are not compared: their line numbers move. Counting is by multiset,
so a second finding of a code on a block that had one is new too.

For each missed drop or swap the output adds how the tool's aligner pairs the edited paragraphs
in the unmutated pair (``bilingual.align``, diagnostic only): a miss on part of a paragraph
translated as several (1-2), or of several translated as one (2-1), is the planting's doing as
much as the tool's, and the output counts them apart. The scores do not use it.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown_it import MarkdownIt

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "real"
LANGS = ("zh", "en")
KINDS = ("drop", "number", "date", "glossary", "residue", "swap", "link")
#: The codes whose new findings count as finding each kind of defect.
EXPECTED = {
    "drop": ("S101", "S103", "S104"),
    "number": ("N101",),
    "date": ("D101",),
    "glossary": ("G102",),
    "residue": ("T101",),
    "swap": ("S102", "S101", "S103"),
    "link": ("L101",),
}
#: Near the place: how far (in lines) a structure finding may point from the planted gap.
SLACK = 3
STRUCTURE = ("S101", "S102", "S103")
#: A block reported without a counterpart: its values are compared with nothing.
UNPAIRED = ("S101", "S103")
_HAN = re.compile(r"[\u3400-\u9fff]")

# --- reading the sources ---------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A stretch of prose the harness may edit, and the block the tool reports it under."""

    kind: str  # heading, paragraph (top level), list_item, quote
    line: int  # first file line of the block the tool sees (1-based)
    end: int  # its last file line
    first: int  # first file line of the prose itself
    last: int  # its last file line

    @property
    def top(self) -> bool:
        return self.kind == "paragraph"


@dataclass
class Side:
    """One source file: its lines and what the harness reads in them."""

    lang: str
    lines: list[str]  # split on "\n"; line n of the file is lines[n - 1]
    meta: dict[str, Any]
    units: list[Unit]
    #: Top-level blocks in order, as (first line, last line, token type).
    blocks: list[tuple[int, int, str]]

    @cached_property
    def texty(self) -> list[int]:
        """The lines with text in them (markup such as <br/> is not text)."""
        return [n for n, line in enumerate(self.lines, 1) if any(c.isalnum() for c in mask(line))]

    def text(self, unit: Unit) -> str:
        """The unit's prose with markup masked, lines joined by spaces."""
        return " ".join(mask(self.lines[n - 1]) for n in range(unit.first, unit.last + 1))


@dataclass
class Pair:
    slug: str
    original: str
    zh: Side
    en: Side

    @property
    def translated(self) -> str:
        return "en" if self.original == "zh" else "zh"

    def side(self, lang: str) -> Side:
        return self.zh if lang == "zh" else self.en


_MD = MarkdownIt("commonmark", {"html": True}).enable("table")


def read_side(lang: str, text: str) -> Side:
    lines = text.split("\n")
    offset, meta = 0, {}
    if lines and lines[0].lstrip("\ufeff").strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                offset = index + 1
                meta = yaml.safe_load("\n".join(lines[1:index])) or {}
                break
    tokens = _MD.parse("\n".join(lines[offset:]))
    units: list[Unit] = []
    blocks: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int, int]] = []  # open list items and quotes: (type, line, end)

    def span(tok: Any) -> tuple[int, int]:
        begin, end = tok.map
        while end > begin + 1 and not lines[offset + end - 1].strip():
            end -= 1
        return offset + begin + 1, offset + end

    for tok in tokens:
        if tok.map is not None and tok.level == 0 and tok.nesting >= 0:
            blocks.append((*span(tok), tok.type))
        if tok.type in ("list_item_open", "blockquote_open"):
            stack.append((tok.type, *span(tok)))
        elif tok.type in ("list_item_close", "blockquote_close"):
            stack.pop()
        elif tok.type in ("paragraph_open", "heading_open"):
            first, last = span(tok)
            quotes = [s for s in stack if s[0] == "blockquote_open"]
            items = [s for s in stack if s[0] == "list_item_open"]
            if tok.type == "heading_open":
                units.append(Unit("heading", first, last, first, last))
            elif quotes:
                units.append(Unit("quote", quotes[0][1], quotes[0][2], first, last))
            elif items:
                units.append(Unit("list_item", items[-1][1], items[-1][2], first, last))
            else:
                units.append(Unit("paragraph", first, last, first, last))
    ignored = {n + 1 for n, line in enumerate(lines) if "bilingual-ignore" in line}
    units = [u for u in units if not any(u.line - 3 <= n <= u.end for n in ignored)]
    return Side(lang, lines, meta, units, blocks)


def read_pair(folder: Path, default_original: str) -> Pair:
    zh, en = (read_side(lang, (folder / f"{lang}.md").read_text("utf-8")) for lang in LANGS)
    original = zh.meta.get("original") or en.meta.get("original") or default_original
    return Pair(folder.name, original, zh, en)


# Everything in a line that is not prose, in the order it is masked.
_MASKS = [
    re.compile(r"<!--.*?(?:-->|$)"),
    re.compile(r"(`+).*?\1"),
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # images, whole
    re.compile(r"(?<=\])\([^)]*\)"),  # link targets
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s.*$"),  # link reference definitions
    re.compile(r"\[\^[^\]]*\]"),  # footnote marks
    re.compile(r"<[a-z][a-z0-9+.-]*://[^>]*>", re.IGNORECASE),  # autolinks
    re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"</?[A-Za-z][^>]*>"),
    re.compile(r"^\s*(?:>\s?)*(?:[-*+]\s+|\d{1,9}[.)]\s+)?"),  # quote and list markers
    re.compile(r"^\s*#{1,6}\s"),
]


def mask(line: str) -> str:
    """``line`` with everything that is not prose replaced by spaces (offsets kept)."""
    for pattern in _MASKS:
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def prose_length(text: str) -> int:
    """Characters of prose, a Han character counting two (it says what two or three letters do)."""
    text = re.sub(r"[\s*_~]+", "", text)
    return len(text) + len(_HAN.findall(text))


def bold_only(text: str) -> bool:
    stripped = text.strip()
    return bool(re.fullmatch(r"(\*\*|__)[^*_]+\1[:：]?", stripped))


# --- the defects -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace ``line[start:end]`` of one line; the line count does not change."""

    line: int
    start: int
    end: int
    new: str

    def apply(self, lines: list[str]) -> list[str]:
        out = list(lines)
        text = out[self.line - 1]
        out[self.line - 1] = text[: self.start] + self.new + text[self.end :]
        return out

    def remap(self, line: int) -> int | None:
        return line


@dataclass(frozen=True)
class Drop:
    """Delete lines ``first`` to ``last`` (the paragraph and the blank line after it)."""

    first: int
    last: int

    def apply(self, lines: list[str]) -> list[str]:
        return lines[: self.first - 1] + lines[self.last :]

    def remap(self, line: int) -> int | None:
        if line < self.first:
            return line
        if line <= self.last:
            return None
        return line - (self.last - self.first + 1)


@dataclass(frozen=True)
class Swap:
    """Exchange the paragraph at lines a..b with the one at c..d (c > b)."""

    a: int
    b: int
    c: int
    d: int

    def apply(self, lines: list[str]) -> list[str]:
        first, sep, second = (
            lines[self.a - 1 : self.b],
            lines[self.b : self.c - 1],
            lines[self.c - 1 : self.d],
        )
        return lines[: self.a - 1] + second + sep + first + lines[self.d :]

    def remap(self, line: int) -> int | None:
        size_first, size_second = self.b - self.a + 1, self.d - self.c + 1
        if self.a <= line <= self.b:
            return line + (self.d - self.b)
        if self.c <= line <= self.d:
            return line - (self.c - self.a)
        if self.b < line < self.c:
            return line + size_second - size_first
        return line


@dataclass(frozen=True)
class Plant:
    """One planted defect: where, what, and where its finding is expected."""

    slug: str
    kind: str
    side: str  # the file edited
    line: int  # the line edited (drop: the first deleted line)
    change: str
    edit: Edit | Drop | Swap
    #: Lines of the edited file (after the edit) where the finding must point.
    window: tuple[int, int]

    @property
    def copy(self) -> str:
        return f"{self.slug}.{self.kind}"


@dataclass(frozen=True)
class Candidate:
    block: int  # the line of the block it is in, to draw a block first
    edit: Edit | Drop | Swap
    line: int
    change: str
    window: tuple[int, int]


Findings = list[dict[str, Any]]


def _lines_with(findings: Findings, lang: str, codes: tuple[str, ...]) -> set[int]:
    """Lines of ``lang`` that baseline findings of ``codes`` name (ranges included)."""
    lines: set[int] = set()
    for finding in findings:
        if finding["code"] not in codes:
            continue
        if finding.get(lang):
            lines.add(finding[lang]["line"])
        for first, last in _refs(finding["message"], lang):
            if finding["code"] == "S103":
                lines.update(range(first, last + 1))
    return lines


def _refs(message: str, lang: str) -> list[tuple[int, int]]:
    """The line ranges of ``lang``.md a message names (zh.md:21-24, en.md:19)."""
    return [
        (int(m.group(1)), int(m.group(2) or m.group(1)))
        for m in re.finditer(rf"\b{lang}\.md:(\d+)(?:-(\d+))?", message)
    ]


def _free(units: list[Unit], taken: set[int]) -> list[Unit]:
    return [u for u in units if not any(u.line <= n <= u.end for n in taken)]


def _in_unit(side: Side, unit: Unit) -> list[tuple[int, str, str]]:
    """(file line, line text, masked text) for each line of the unit's prose."""
    return [
        (n, side.lines[n - 1], mask(side.lines[n - 1])) for n in range(unit.first, unit.last + 1)
    ]


def _top_paragraph(side: Side, unit: Unit, minimum: int) -> bool:
    if not unit.top:
        return False
    raw = " ".join(side.lines[n - 1] for n in range(unit.first, unit.last + 1))
    text = side.text(unit)
    return prose_length(text) >= minimum and "![" not in raw and not bold_only(raw)


def plant_drop(pair: Pair, base: Findings, **_: Any) -> list[Candidate]:
    side = pair.side(pair.translated)
    taken = _lines_with(base, side.lang, STRUCTURE)
    out = []
    for unit in _free(side.units, taken):
        if not _top_paragraph(side, unit, 40):
            continue
        last = unit.last
        if last < len(side.lines) and not side.lines[last].strip():
            last += 1  # the blank line after it
        # After the edit the gap is at line unit.first; the window reaches over lines with
        # no text (a <br/>) to the blocks on either side of it.
        before, after = _around(side, unit.first, last)
        gap, shift = unit.first, last - unit.first + 1
        excerpt = side.text(unit).strip()[:50]
        out.append(
            Candidate(
                unit.line,
                Drop(unit.first, last),
                unit.first,
                f"deleted paragraph {side.lang}.md:{unit.first}-{unit.last} ({excerpt}...)",
                (min(gap - SLACK, before), max(gap + SLACK, after - shift)),
            )
        )
    return out


def _around(side: Side, first: int, last: int) -> tuple[int, int]:
    """The last line with text before line ``first`` and the first one after line ``last``."""
    before = max((n for n in side.texty if n < first), default=first)
    after = min((n for n in side.texty if n > last), default=last)
    return before, after


_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_BEFORE_NOT = re.compile(
    rf"(?:[A-Za-z0-9.\-/_:#@~=\\^]|[\[［]\s*|(?:{_MONTHS})\.?\s*|(?:周|星期|礼拜)\s*"
    r"|(?:图|表|步骤|附图|附表)\s*"
    r"|(?<![a-z])(?:fig(?:ure)?|table|step|pic(?:ture)?|listing|chart)s?\.?\s*)$",
    re.IGNORECASE,
)
_AFTER_NOT = re.compile(
    rf"^(?:[A-Za-z0-9/_:@~=\]］]|-(?![a-z])|\.\d|\s*(?:{_MONTHS})\b|\s*[ap]\.?m\b"
    r"|\s*(?:[年月日号点時时分秒周后]|世纪|年代))",
    re.IGNORECASE,
)
_VERSION_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]*|[Vv]ersion|[Rr]elease|版本号?)\s*$")
_VERSION_AFTER = re.compile(r"^\s*(?:版|release\b)")
_ENUMERATOR = re.compile(r"[.)）、．:]")


def bump(token: str) -> str:
    """``token`` with 1 added to its last digit, carrying (19 -> 20, 1,999 -> 2,000)."""
    chars = list(token)
    for index in range(len(chars) - 1, -1, -1):
        if not chars[index].isdigit():
            continue
        if chars[index] != "9":
            chars[index] = str(int(chars[index]) + 1)
            return "".join(chars)
        chars[index] = "0"
    return "1" + "".join(chars)


def plant_number(pair: Pair, base: Findings, **_: Any) -> list[Candidate]:
    side = pair.side(pair.translated)
    out = []
    for unit in _free(side.units, _lines_with(base, side.lang, ("N101", *UNPAIRED))):
        lead = True  # the first token of the unit may be its numbering
        for n, raw, masked in _in_unit(side, unit):
            for match in _NUMBER.finditer(masked):
                token, start, end = match.group(0), match.start(), match.end()
                before, after = masked[:start], masked[end:]
                first_token = lead and before.strip(" *_") in ("", "(", "（")
                if first_token and (unit.kind == "heading" or _ENUMERATOR.match(after)):
                    continue
                if _BEFORE_NOT.search(before) or _AFTER_NOT.search(after):
                    continue
                version = _VERSION_BEFORE.search(before) or _VERSION_AFTER.search(after)
                if "." in token and version:
                    continue
                if re.fullmatch(r"(19|20)\d\d", token):
                    continue
                if raw[start:end] != token:
                    continue
                new = bump(token)
                out.append(
                    Candidate(
                        unit.line,
                        Edit(n, start, end, new),
                        n,
                        f"{token} -> {new} in {side.lang}.md:{n}",
                        (unit.line, unit.end),
                    )
                )
            if masked.strip():
                lead = False
    return out


_MONTH_NUMBER = {
    name.lower(): index
    for index in range(1, 13)
    for name in (calendar.month_name[index], calendar.month_abbr[index])
} | {"sept": 9}
_DATES = [
    re.compile(
        rf"\b(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?P<suffix>st|nd|rd|th)?,?\s+"
        r"(?P<year>\d{4})\b"
    ),
    re.compile(
        rf"(?<![\d.,])\b(?P<day>\d{{1,2}})(?P<suffix>st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<month>{_MONTHS})\.?,?\s+(?P<year>\d{{4}})\b"
    ),
    re.compile(r"(?<![\d\-/.])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d\-/])"),
    re.compile(r"(?<![\d\-/.])(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d\-/])"),
    re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"),
]


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def plant_date(pair: Pair, base: Findings, **_: Any) -> list[Candidate]:
    side = pair.side(pair.translated)
    out = []
    for unit in _free(side.units, _lines_with(base, side.lang, ("D101", *UNPAIRED))):
        for n, raw, masked in _in_unit(side, unit):
            seen: set[int] = set()
            for pattern in _DATES:
                for match in pattern.finditer(masked):
                    day_start = match.start("day")
                    if day_start in seen:
                        continue
                    seen.add(day_start)
                    month_text = match.group("month")
                    month = (
                        int(month_text)
                        if month_text.isdigit()
                        else _MONTH_NUMBER[month_text.lower()]
                    )
                    year, day = int(match.group("year")), int(match.group("day"))
                    try:
                        old = dt.date(year, month, day)
                    except ValueError:
                        continue
                    moved = old + dt.timedelta(days=1)
                    if moved.month != month:
                        moved = old - dt.timedelta(days=1)
                    new_day = str(moved.day).zfill(len(match.group("day")))
                    start, end = match.span("day")
                    groups = match.groupdict()
                    if groups.get("suffix"):
                        end = match.end("suffix")
                        new_day += _ordinal(moved.day)
                    if raw[match.start() : match.end()] != match.group(0):
                        continue
                    out.append(
                        Candidate(
                            unit.line,
                            Edit(n, start, end, new_day),
                            n,
                            f"{match.group(0)!r}: day {day} -> {moved.day} in {side.lang}.md:{n}",
                            (unit.line, unit.end),
                        )
                    )
    return out


def _term_pattern(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9_\-]){re.escape(text)}(?![A-Za-z0-9_\-])")


def plant_glossary(pair: Pair, base: Findings, glossary: list[dict[str, Any]]) -> list[Candidate]:
    side = pair.en
    renderings = {
        r
        for term in glossary
        for r in [term.get("en"), *(term.get("variants") or []), *(term.get("forbidden") or [])]
        if r
    }
    out = []
    for unit in _free(side.units, _lines_with(base, "en", ("G102",))):
        for n, raw, masked in _in_unit(side, unit):
            for term in glossary:
                preferred, forbidden = term.get("en"), term.get("forbidden") or []
                if not preferred or not forbidden:
                    continue
                for match in _term_pattern(preferred).finditer(masked):
                    start, end = match.span()
                    inside = any(
                        other.start() <= start
                        and end <= other.end()
                        and other.end() - other.start() > end - start
                        for rendering in renderings - {preferred}
                        for other in _term_pattern(rendering).finditer(masked)
                    )
                    if inside or raw[start:end] != preferred:
                        continue
                    for wrong in forbidden:
                        out.append(
                            Candidate(
                                unit.line,
                                Edit(n, start, end, wrong),
                                n,
                                f"{preferred!r} -> {wrong!r} in en.md:{n}",
                                (unit.line, unit.end),
                            )
                        )
    return out


_MARKUP = re.compile(r"[\[\]()<>`*_|#\\]|https?:")
_ZH_SENTENCE = re.compile(r"[^。！？!?\s][^。！？!?]*?[。！？]")
_EN_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def _chinese_sentences(side: Side) -> list[tuple[int, str]]:
    """(line, sentence) for each plain Chinese sentence of 10 Han characters or more."""
    sentences = []
    for unit in side.units:
        if unit.kind == "heading":
            continue
        for n, raw, masked in _in_unit(side, unit):
            for match in _ZH_SENTENCE.finditer(masked):
                sentence = match.group(0).strip()
                if raw[match.start() : match.end()].strip() != sentence:
                    continue  # something was masked in it
                han = len(_HAN.findall(sentence))
                if han >= 10 and han * 2 >= len(sentence) and not _MARKUP.search(sentence):
                    sentences.append((n, sentence))
    return sentences


def plant_residue(pair: Pair, base: Findings, **_: Any) -> list[Candidate]:
    side = pair.en
    sentences = _chinese_sentences(pair.zh)
    if not sentences:
        return []
    out = []
    for unit in _free(side.units, _lines_with(base, "en", ("T101",))):
        if not _top_paragraph(side, unit, 40):
            continue
        n = unit.last
        raw, masked = side.lines[n - 1], mask(side.lines[n - 1])
        end = len(raw.rstrip())
        boundaries = [m.end() for m in _EN_BOUNDARY.finditer(masked[:end])]
        if boundaries:
            start = boundaries[-1]
        elif unit.last > unit.first:
            start = len(raw) - len(raw.lstrip())
        else:
            continue
        old = raw[start:end]
        if not old.strip() or masked[start:end] != old or _MARKUP.search(old):
            continue
        # The counterpart is not known: the sentence at the nearest relative place in zh.md.
        place = n / len(side.lines)
        sentence = min(sentences, key=lambda s: abs(s[0] / len(pair.zh.lines) - place))[1]
        out.append(
            Candidate(
                unit.line,
                Edit(n, start, end, sentence),
                n,
                f"{old[:40]!r}... -> {sentence[:20]!r}... in en.md:{n}",
                (unit.line, unit.end),
            )
        )
    return out


_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]+")


def _anchored(text: str, lang: str) -> bool:
    """A digit, or a capitalised Latin word that does not just open a sentence."""
    if re.search(r"\d", text):
        return True
    for match in _NAME.finditer(text):
        before = text[: match.start()].rstrip()
        if lang == "zh" or (before and before[-1] not in '.!?:"“'):
            return True
    return False


def plant_swap(pair: Pair, base: Findings, **_: Any) -> list[Candidate]:
    side = pair.side(pair.translated)
    free = {u.first: u for u in _free(side.units, _lines_with(base, side.lang, STRUCTURE))}

    def eligible(first: int) -> Unit | None:
        unit = free.get(first)
        if unit is None or not _top_paragraph(side, unit, 60):
            return None
        return unit if _anchored(side.text(unit), side.lang) else None

    out = []
    for (first, _, _), (second, _, _) in zip(side.blocks, side.blocks[1:], strict=False):
        one, two = eligible(first), eligible(second)
        if one is None or two is None:
            continue
        before, after = _around(side, one.first, two.last)
        out.append(
            Candidate(
                one.line,
                Swap(one.first, one.last, two.first, two.last),
                one.first,
                f"swapped paragraphs {side.lang}.md:{one.first} and :{two.first}",
                (min(one.first - SLACK, before), max(two.last + SLACK, after)),
            )
        )
    return out


_URLS = [
    re.compile(r"(?<!!)\[[^\]]*\]\((?P<u>https?://[^\s)]+)"),
    re.compile(r"<(?P<u>https?://[^>\s]+)>"),
    re.compile(r"(?<![(<\w/=\"'])(?P<u>https?://[^\s<>)\]\"'`，。）]+)"),
]
_EMAIL = re.compile(r"(?<![\w.+-])(?P<u>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


def _next_letter(char: str) -> str:
    base = ord("a") if char.islower() else ord("A")
    return chr((ord(char) - base + 1) % 26 + base)


def plant_link(pair: Pair, base: Findings, **_: Any) -> list[Candidate]:
    side = pair.side(pair.translated)
    out = []
    for unit in _free(side.units, _lines_with(base, side.lang, ("L101", *UNPAIRED))):
        for n, raw, _ in _in_unit(side, unit):
            code = re.sub(r"(`+).*?\1|<!--.*?-->", lambda m: " " * len(m.group(0)), raw)
            # A URL written as a link's text is not where the link goes.
            texts = [m.span(1) for m in re.finditer(r"(?<!!)\[([^\]]*)\]\(", code)]
            found: dict[int, tuple[int, str]] = {}
            for pattern in _URLS:
                for match in pattern.finditer(code):
                    if any(start <= match.start("u") < end for start, end in texts):
                        continue
                    url = match.group("u").rstrip(".,;:!?")
                    parts = urlsplit(url)
                    path_start = match.start("u") + len(parts.scheme) + 3 + len(parts.netloc)
                    letters = [i for i, c in enumerate(parts.path) if c.isascii() and c.isalpha()]
                    if letters:
                        found.setdefault(match.start("u"), (path_start + letters[-1], url))
            for match in _EMAIL.finditer(code):
                if any(start <= match.start("u") < end for start, end in texts):
                    continue
                local = match.group("u").split("@")[0]
                letters = [i for i, c in enumerate(local) if c.isascii() and c.isalpha()]
                if letters and not code[: match.start()].endswith("://"):
                    found.setdefault(match.start("u"), (match.start("u") + letters[-1], match["u"]))
            for at, url in found.values():
                new = _next_letter(raw[at])
                out.append(
                    Candidate(
                        unit.line,
                        Edit(n, at, at + 1, new),
                        n,
                        f"{url} ({raw[at]} -> {new}) in {side.lang}.md:{n}",
                        (unit.line, unit.end),
                    )
                )
    return out


PLANTERS = {
    "drop": plant_drop,
    "number": plant_number,
    "date": plant_date,
    "glossary": plant_glossary,
    "residue": plant_residue,
    "swap": plant_swap,
    "link": plant_link,
}


def choose(pair: Pair, kind: str, seed: int, base: Findings, glossary: list) -> Plant | None:
    """The defect of ``kind`` planted in ``pair``, or None when there is no eligible place."""
    candidates = PLANTERS[kind](pair, base, glossary=glossary)
    if not candidates:
        return None
    rng = random.Random(f"{seed}:{pair.slug}:{kind}")
    blocks = sorted({c.block for c in candidates})
    block = rng.choice(blocks)
    pick = rng.choice([c for c in candidates if c.block == block])
    side = "en" if kind in ("glossary", "residue") else pair.translated
    return Plant(pair.slug, kind, side, pick.line, pick.change, pick.edit, pick.window)


# --- checking and scoring --------------------------------------------------------------------


def check(root: Path) -> dict[str, Findings]:
    """``bilingual check --format json`` on a content root, as a user runs it: findings by
    article. The articles are shared among one process per core (a run of 250 articles is
    otherwise the bulk of the time)."""
    folders = sorted(str(p) for p in (root / "articles").iterdir() if p.is_dir())
    workers = max(1, min(os.cpu_count() or 1, len(folders) // 25))
    command = [sys.executable, "-m", "bilingual", "check", "--root", str(root), "--format", "json"]
    procs = [
        subprocess.Popen(
            [*command, *folders[index::workers]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for index in range(workers)
    ]
    by_article: dict[str, Findings] = defaultdict(list)
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"bilingual check failed ({proc.returncode}): {err.strip()}")
        for finding in json.loads(out)["findings"]:
            by_article[finding["article"]].append(finding)
    return by_article


def alignment_note(folder: Path, lang: str, lines: tuple[int, ...]) -> str:
    """How the tool's aligner pairs the edited blocks in the unmutated pair, to tell a missed
    drop or swap of half a split translation from a miss of a whole one. Diagnostic only (it
    reads the library, without the glossary); empty when the library cannot say."""
    try:
        from bilingual.align import align
        from bilingual.parse.discover import load_pair

        pair = load_pair(folder.parents[1], folder)
        assert pair.zh is not None and pair.en is not None
        beads = align(pair.zh.blocks, pair.en.blocks)
    except Exception:
        return ""
    notes = []
    for bead in beads:
        if any(block.line in lines for block in (bead.zh if lang == "zh" else bead.en)):
            zh = "+".join(str(b.line) for b in bead.zh) or "-"
            en = "+".join(str(b.line) for b in bead.en) or "-"
            notes.append(f"zh.md:{zh} <-> en.md:{en} ({bead.kind})")
    return "; ".join(notes)


def _line(finding: dict[str, Any], lang: str) -> int | None:
    where = finding.get(lang)
    return where["line"] if where else None


def new_findings(plant: Plant, base: Findings, planted: Findings) -> Findings:
    """The copy's findings with no baseline finding of the same code at the same lines (and,
    for an edit within a line, the same message)."""
    same_lines = isinstance(plant.edit, Edit)
    old: Counter[tuple[str, int | None, int | None, str]] = Counter()
    for finding in base:
        lines = {lang: _line(finding, lang) for lang in LANGS}
        if lines[plant.side] is not None:
            lines[plant.side] = plant.edit.remap(lines[plant.side])
            if lines[plant.side] is None:
                continue  # on the deleted lines: gone with them
        message = finding["message"] if same_lines else ""
        old[(finding["code"], lines["zh"], lines["en"], message)] += 1
    fresh = []
    for finding in planted:
        message = finding["message"] if same_lines else ""
        key = (finding["code"], _line(finding, "zh"), _line(finding, "en"), message)
        if old[key]:
            old[key] -= 1
        else:
            fresh.append(finding)
    return fresh


def at_right_line(plant: Plant, finding: dict[str, Any]) -> bool:
    """Whether a new finding of an expected code points where the defect is (module docs)."""
    low, high = plant.window
    lang = plant.side
    own = _line(finding, lang)
    refs = _refs(finding["message"], lang)
    if plant.kind == "drop":
        other = "zh" if lang == "en" else "en"
        if _line(finding, other) is None:
            return False  # a translated-side block reported: not the deleted translation
        return any(first <= high and last >= low for first, last in refs)
    if plant.kind == "swap":
        spans = refs + ([(own, own)] if own is not None else [])
        return any(first <= high and last >= low for first, last in spans)
    return own is not None and low <= own <= high


@dataclass
class Outcome:
    plant: Plant
    found: bool
    right: bool
    exact: bool  # swap: found as S102 at the right place
    new: Findings = field(default_factory=list)
    note: str = ""  # for a missed drop or swap: the baseline alignment of the edited blocks

    @property
    def split(self) -> bool:
        """A drop or swap of part of a translation: the aligner pairs an edited paragraph with
        others (1-2, 2-1, ...) in the unmutated pair."""
        return bool(re.search(r"\((?!1-1\))\d-\d\)", self.note))


def score(plant: Plant, base: Findings, planted: Findings) -> Outcome:
    fresh = new_findings(plant, base, planted)
    expected = [f for f in fresh if f["code"] in EXPECTED[plant.kind]]
    right = [f for f in expected if at_right_line(plant, f)]
    exact = any(f["code"] == "S102" for f in right)
    return Outcome(plant, bool(expected), bool(right), exact, fresh)


@dataclass
class Result:
    seed: int
    corpus: Path
    kinds: tuple[str, ...]
    outcomes: list[Outcome]
    skipped: list[tuple[str, str]]  # (slug, kind)

    def table(self) -> dict[str, dict[str, int]]:
        rows: dict[str, dict[str, int]] = {
            kind: {"planted": 0, "found": 0, "right": 0, "skipped": 0, "s102": 0}
            for kind in self.kinds
        }
        for outcome in self.outcomes:
            row = rows[outcome.plant.kind]
            row["planted"] += 1
            row["found"] += outcome.found
            row["right"] += outcome.right
            row["s102"] += outcome.exact
        for _, kind in self.skipped:
            rows[kind]["skipped"] += 1
        rows["total"] = {key: sum(row[key] for row in rows.values()) for key in rows[self.kinds[0]]}
        return rows

    def rate(self, key: str) -> float:
        total = self.table()["total"]
        return total[key] / total["planted"] if total["planted"] else 1.0

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not (o.found and o.right)]


def measure(
    seed: int = 7,
    kinds: tuple[str, ...] = KINDS,
    corpus: Path = CORPUS,
    keep: Path | None = None,
) -> Result:
    """Plant one defect of each kind in a copy of each pair of ``corpus``; check and score."""
    settings = yaml.safe_load((corpus / "bilingual.yaml").read_text(encoding="utf-8")) or {}
    default_original = settings.get("original", "zh")
    glossary_file = corpus / "glossary.yaml"
    glossary = []
    if glossary_file.exists():
        glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))["terms"]
    with tempfile.TemporaryDirectory(prefix="bilingual-plant-") as tmp:
        base_root, plant_root = Path(tmp) / "base", keep or Path(tmp) / "planted"
        shutil.copytree(corpus, base_root)
        baseline = check(base_root)
        (plant_root / "articles").mkdir(parents=True)
        for name in ("bilingual.yaml", "glossary.yaml"):
            if (corpus / name).exists():
                shutil.copy(corpus / name, plant_root / name)
        plants: list[Plant] = []
        skipped: list[tuple[str, str]] = []
        for folder in sorted(p for p in (base_root / "articles").iterdir() if p.is_dir()):
            pair = read_pair(folder, default_original)
            for kind in kinds:
                plant = choose(pair, kind, seed, baseline[pair.slug], glossary)
                if plant is None:
                    skipped.append((pair.slug, kind))
                    continue
                target = plant_root / "articles" / plant.copy
                shutil.copytree(folder, target)
                mutated = plant.edit.apply(pair.side(plant.side).lines)
                (target / f"{plant.side}.md").write_text("\n".join(mutated), encoding="utf-8")
                plants.append(plant)
        planted = check(plant_root)
        outcomes = [score(p, baseline[p.slug], planted[p.copy]) for p in plants]
        for outcome in outcomes:
            edit = outcome.plant.edit
            if not (outcome.found and outcome.right) and not isinstance(edit, Edit):
                lines = (edit.first,) if isinstance(edit, Drop) else (edit.a, edit.c)
                folder = base_root / "articles" / outcome.plant.slug
                outcome.note = alignment_note(folder, outcome.plant.side, lines)
    return Result(seed, corpus, kinds, outcomes, skipped)


# --- output ----------------------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def _where(finding: dict[str, Any]) -> str:
    sides = [f"{lang}:{finding[lang]['line']}" for lang in ("zh", "en") if finding.get(lang)]
    return f"{finding['code']} {','.join(sides)}"


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def _version() -> str:
    """The commit of the checked-out tool, + when its sources have changes."""
    try:
        git = ["git", "-C", str(REPO)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True)
        dirty = subprocess.run([*git, "status", "--porcelain", "src"], capture_output=True)
    except OSError:
        return "bilingual (no git)"
    commit = head.stdout.decode().strip() or "?"
    return f"bilingual {commit}{'+changes' if dirty.stdout.strip() else ''}"


def render(result: Result) -> str:
    rows = result.table()
    out = [
        f"Planted defects in {_shown(result.corpus)} (seed {result.seed}), {_version()}",
        "",
        f"{'kind':<10} {'planted':>7} {'found':>13} {'right line':>13} {'skipped':>7}",
    ]
    for kind, row in rows.items():
        if kind == "total":
            out.append("-" * 54)
        planted = row["planted"]
        out.append(
            f"{kind:<10} {planted:>7} "
            f"{row['found']:>5} {_percent(row['found'], planted):>7} "
            f"{row['right']:>5} {_percent(row['right'], planted):>7} {row['skipped']:>7}"
        )
    if "swap" in rows:
        swap = rows["swap"]
        out.append(
            f"swap found as S102 at the right line: {swap['s102']} of {swap['planted']} "
            f"({_percent(swap['s102'], swap['planted']).strip()})"
        )
    misses = result.misses()
    split = sum(o.split for o in misses)
    if split:
        out.append(
            f"misses that drop or swap part of a paragraph translated as several, or of "
            f"several translated as one (baseline alignment): {split}"
        )
    out.append("")
    out.append(f"Misses ({len(misses)}):" if misses else "No misses.")
    for outcome in misses:
        plant = outcome.plant
        what = "found, not at the right line" if outcome.found else "not found"
        new = ", ".join(_where(f) for f in outcome.new) or "none"
        out.append(f"  {plant.slug} [{plant.kind}] {plant.side}.md:{plant.line}: {what}")
        out.append(f"      {plant.change}")
        out.append(f"      new findings: {new}")
        if outcome.note:
            out.append(f"      baseline alignment: {outcome.note}")
        for finding in outcome.new:
            if finding["code"] in EXPECTED[plant.kind]:
                out.append(f"        {finding['code']}: {finding['message'][:110]}")
    return "\n".join(out)


def as_json(result: Result) -> dict[str, Any]:
    return {
        "seed": result.seed,
        "corpus": _shown(result.corpus),
        "tool": _version(),
        "table": result.table(),
        "found": result.rate("found"),
        "right_line": result.rate("right"),
        "plants": [
            {
                "article": o.plant.slug,
                "copy": o.plant.copy,
                "kind": o.plant.kind,
                "file": f"{o.plant.side}.md",
                "line": o.plant.line,
                "change": o.plant.change,
                "found": o.found,
                "right_line": o.right,
                "alignment": o.note,
                "split_translation": o.split,
                "new": [
                    {k: f[k] for k in ("code", "message", "zh", "en") if k in f} for f in o.new
                ],
            }
            for o in result.outcomes
        ],
        "skipped": [{"article": slug, "kind": kind} for slug, kind in result.skipped],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Recall of bilingual check on planted defects.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--kinds",
        default=",".join(KINDS),
        help=f"comma-separated, from {','.join(KINDS)}",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--keep", type=Path, help="write the planted content root to this new folder"
    )
    args = parser.parse_args()
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        parser.error(f"unknown kind {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    if args.keep and args.keep.exists():
        parser.error(f"--keep {args.keep}: already exists")
    result = measure(args.seed, kinds, keep=args.keep)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        print(render(result))


if __name__ == "__main__":
    main()
