"""The board as people read it, rendered at fixed widths by a recording console."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console

from bilingual.config import Config
from bilingual.status.board import Board, Filters, collect
from bilingual.status.text import StatusView, render, write


def board_of(root, filters=None) -> Board:
    return collect(root.path, Config(), filters, warn=print)


def screen(board: Board, width: int) -> list[str]:
    """The board as a recording console of ``width`` columns shows it, line by line."""
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(StatusView(board))
    text = console.export_text()
    assert text == render(board, width)  # the plain writer says the same
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines if line.isascii())
    return lines


def bar_of(lines: list[str], label: str) -> str:
    """The summary line of ``label`` (after the section's title, 8 cells, and a gap)."""
    summary = lines[lines.index("") + 1 :]
    matches = [line for line in summary if line[10:].startswith(label + "  ")]
    assert len(matches) == 1, (label, matches)
    return matches[0]


def test_table_at_100_columns(newsroom):
    lines = screen(board_of(newsroom), 100)
    assert lines[0].split() == [
        "date",
        "slug",
        "title",
        "category",
        "zh",
        "en",
        "sync",
        "err",
        "warn",
    ]
    assert set(lines[1]) == {"─"}
    rows = lines[2:7]
    assert [row.split()[:2] for row in rows] == [
        ["2023-05-10", "2023-lab"],
        ["2023-05-08", "2023-open-day"],
        ["2023-04-03", "2023-forum"],
        ["2022-12-01", "2022-gala"],
        ["-", "broken"],
    ]
    assert rows[0].split()[2:] == [
        "实验室揭牌",
        "research-funding",
        "review",
        "missing",
        "-",
        "1",
        "0",
    ]
    assert rows[1].split()[4:] == ["published", "draft", "stale", "0", "1"]
    assert rows[2].split()[4:] == ["published", "published", "current", "0", "0"]
    assert rows[3].split()[4:] == ["published", "machine", "never", "1", "0"]
    assert rows[4].split()[4:] == ["published", "invalid", "-", "2", "0"]
    # Columns line up (Chinese takes two cells): every zh state starts under the header's "zh".
    column = lines[0].index(" zh ") + 1
    for row in rows:
        start = min(row.find(state) for state in ("published", "review") if state in row)
        assert cell_len(row[:start]) == column, row
    assert lines[7] == ""


def test_summary_bars_at_100_columns(newsroom):
    lines = screen(board_of(newsroom), 100)
    assert "5 articles" in lines
    bar = "█" * 8 + "░" * 32  # 1 of 5 on a bar of 40
    assert bar_of(lines, "missing").endswith(f"1   20%  {bar}")
    titles = [line.split()[0] for line in lines[8:] if line[:1].isalpha()]
    assert titles == ["State", "Sync", "Category", "Share", "Findings"]
    assert bar_of(lines, "stale").endswith(f"1   20%  {bar}")
    assert bar_of(lines, "never synced").endswith(f"1   20%  {bar}")
    assert bar_of(lines, "conference-season").endswith("3   60%  " + "█" * 24 + "░" * 16)
    assert bar_of(lines, "translated").endswith(f"1   20%  {bar}")
    assert bar_of(lines, "clean").endswith(f"1   20%  {bar}")
    assert "review" not in " ".join(lines[8:])  # no article in review: no empty bar for it
    assert lines[-1] == "Findings  4 errors, 1 warning  (bilingual check lists them)"


def test_stacked_at_60_columns(newsroom):
    lines = screen(board_of(newsroom), 60)
    assert lines[:6] == [
        "2023-05-10  2023-lab",
        "  research-funding · 实验室揭牌",
        "  zh review  en missing  1 error",
        "2023-05-08  2023-open-day",
        "  campus-events · 校园开放日",
        "  zh published  en draft  stale  1 warning",
    ]
    assert lines[6:15] == [
        "2023-04-03  2023-forum",
        "  conference-season · 论坛举行",
        "  zh published  en published  current  clean",
        "2022-12-01  2022-gala",
        "  conference-season · 年度晚会",
        "  zh published  en machine  never synced  1 error",
        "no date  broken",
        "  conference-season · 坏了",
        "  zh published  en invalid  2 errors",
    ]
    # The bars fit: 60 - "Category  conference-season  3   60%  " leaves 22 cells.
    bar = "████▍" + "░" * 17  # 1 of 5 of 22 cells: 4.4 cells
    assert bar_of(lines, "missing").endswith(f"1   20%  {bar}")
    assert bar_of(lines, "conference-season").endswith("3   60%  █████████████▎" + "░" * 8)
    assert all(len(line) <= 60 for line in lines)


def test_long_slugs_and_titles_are_cut_not_wrapped(root):
    slug = "answer-apache-answer-becomes-an-apache-software-foundation-top-level-project"
    title = "Apache Answer 毕业成为 Apache 软件基金会顶级项目，社区迎来新的里程碑"
    root.pair(
        slug, "正文。", "Text.", zh_meta=f"title: {title}\ndate: 2025-01-28\ncategory: community\n"
    )
    for width in (80, 100, 140):
        lines = screen(board_of(root), width)
        row = lines[2]
        assert row.startswith("2025-01-28  answer-apache-answer-")
        assert "…" in row
        assert all(len(line) <= width for line in lines if line.isascii())
    wide = screen(board_of(root), 220)[2]
    assert slug in wide and title in wide and "community" in wide
    narrow = screen(board_of(root), 60)
    assert narrow[0].startswith("2025-01-28  answer-") and narrow[0].endswith("…")


def test_filtered_board_says_how_many_of_the_archive_it_shows(newsroom):
    lines = screen(board_of(newsroom, Filters.parse(states=["stale"])), 100)
    assert "1 of 5 articles shown" in lines
    assert bar_of(lines, "translated").endswith("0    0%  " + "░" * 40)
    nothing = screen(board_of(newsroom, Filters.parse(categories=["sports"])), 100)
    assert nothing == [
        "No article matches the filters (of 5).",
        "No article has the category 'sports'; categories: campus-events, conference-season,",
        "research-funding.",
    ]
    dated = screen(
        board_of(newsroom, Filters.parse(categories=["campus-events"], since="2024-01-01")), 100
    )
    assert dated == ["No article matches the filters (of 5)."]  # the category exists


def test_empty_archive(root):
    assert screen(board_of(root), 100) == ["No articles."]


def test_colour_is_ansi_from_the_same_lines(newsroom):
    board = board_of(newsroom)
    out = io.StringIO()
    write(out, board, color=True, width=100)
    coloured = out.getvalue()
    assert "\x1b[" in coloured
    assert "\x1b[1;33mstale" in coloured  # bold yellow
    plain = io.StringIO()
    write(plain, board, color=False, width=100)
    assert "\x1b[" not in plain.getvalue()
    assert plain.getvalue() == render(board, 100)
