"""``bilingual status`` end to end: options, exit codes, and the cache shared with check."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
import threading

import pytest

from bilingual.cache import cache_path
from bilingual.cli.common import PROGRESS_FROM
from tests.conftest import SHIPPED


def stored(root) -> list[tuple[str, int]]:
    with sqlite3.connect(cache_path(root.path)) as conn:
        return sorted(conn.execute("SELECT article, stored_ns FROM results"))


def test_shipped_articles(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = cli("status", "--root", SHIPPED.parent, "--no-cache")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["date", "slug", "title"]
    assert [line.split()[0] for line in lines[2:5]] == ["2023-05-10", "2023-05-08", "2023-04-03"]
    assert "3 articles" in lines
    assert lines[-1] == "Findings  none"


def test_status_right_after_check_is_answered_from_the_cache(newsroom, cli):
    code, _, _ = cli("check", "--root", newsroom.path)
    assert code == 1
    rows = stored(newsroom)
    assert len(rows) == 5
    code, first, err = cli("status", "--root", newsroom.path)
    assert (code, err) == (0, "")
    assert stored(newsroom) == rows  # no pair checked again: every one a cache hit
    code, second, _ = cli("status", "--root", newsroom.path)
    assert (code, second) == (0, first)
    assert "Findings  4 errors, 1 warning  (bilingual check lists them)" in first


def test_findings_do_not_change_the_exit_code(newsroom, cli):
    code, out, _ = cli("status", "--root", newsroom.path, "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["errors"] == 4


def test_filters_on_the_command_line(newsroom, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = cli("status", "--root", newsroom.path, "--stale")
    assert code == 0
    assert out.splitlines()[:3] == [
        "2023-05-08  2023-open-day",
        "  campus-events · 校园开放日",
        "  zh published  en draft  stale  1 warning",
    ]
    assert "1 of 5 articles shown" in out
    code, out, _ = cli(
        "status",
        "--root",
        newsroom.path,
        "-c",
        "conference-season",
        "--state",
        "machine,published",
        "--since",
        "2022-06-01",
        "--format",
        "json",
    )
    assert code == 0
    assert [a["slug"] for a in json.loads(out)["articles"]] == ["2023-forum", "2022-gala"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "error: --since takes an ISO date such as 2023-04-02"),
        (["--state", "done"], "error: unknown state 'done'"),
        (["--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_bad_input_is_exit_2_in_one_line(newsroom, cli, args, message):
    code, out, err = cli("status", "--root", newsroom.path, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_no_content_root_is_exit_2(cli, tmp_path):
    code, _, err = cli("status", "--root", tmp_path)
    assert code == 2
    assert err.startswith("error: no articles/ folder")


def test_help_has_examples_and_exit_codes(cli):
    code, out, _ = cli("status", "--help")
    assert code == 0
    assert "bilingual status --stale" in out
    assert "Exit codes: 0" in out


def run_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run the installed CLI with stderr on a pseudo-terminal: (exit code, stdout, terminal)."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilingual", *args], stdout=subprocess.PIPE, stderr=slave, env=env
    )
    os.close(slave)
    chunks: list[bytes] = []

    def pump() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other end is closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=pump)
    reader.start()
    out = proc.stdout.read() if proc.stdout else b""
    code = proc.wait(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return code, out.decode("utf-8"), b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_only_and_never_in_the_output(root):
    for n in range(PROGRESS_FROM):
        root.pair(f"story-{n:03}", "论坛举行。", "The forum was held.")
    code, out, terminal = run_on_a_terminal(["status", "--root", str(root.path)])
    assert code == 0
    assert "checking" in terminal
    assert f"{PROGRESS_FROM} articles" in out.splitlines()
    assert "\x1b" not in out  # stdout is a pipe: plain text, no bar
    code, out_again, terminal = run_on_a_terminal(
        ["status", "--root", str(root.path), "--no-progress"]
    )
    assert (code, out_again, terminal) == (0, out, "")
