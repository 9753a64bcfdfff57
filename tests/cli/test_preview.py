"""``bilingual preview`` end to end: in-process for its text and exit codes, in its own process
on a pseudo-terminal for colour and the pager, and under ``--watch`` while a file changes."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from bilingual.cli import app
from tests.conftest import SHIPPED, Root

SLUG = "2023-open-day"
ZH = """\
上海交通大学举办开放日，七百余人参加。

## 展览

同日，上海交通大学图书馆举办讲座，计划五年内培养青年科研人员五百名。
"""
EN = """\
Shanghai Jiao Tong University held an open day, attended by more than 600 people.

## Exhibition
"""


@pytest.fixture
def site(root: Root) -> Root:
    root.raw(
        "glossary.yaml", "terms:\n  - zh: 上海交通大学\n    en: Shanghai Jiao Tong University\n"
    )
    root.pair(SLUG, ZH, EN)
    return root


def test_preview_prints_both_sides_as_plain_text_off_a_terminal(cli, site):
    code, out, err = cli("preview", "--root", site.path, SLUG, "--width", "100")
    assert (code, err) == (0, "")
    assert "\x1b[" not in out
    row = next(line for line in out.splitlines() if "上海交通大学举办开放日" in line)
    assert "Shanghai Jiao Tong University held an open" in row
    assert "— no counterpart —" in out and "error N101" in out and "error S101" in out


def test_preview_stacks_the_sides_in_a_narrow_terminal(site):
    result = CliRunner().invoke(
        app, ["preview", "--root", str(site.path), SLUG], env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert {cell_len(line) for line in lines} == {60}
    assert any(line.startswith("│ zh  7 上海交通大学") for line in lines)


def test_an_unknown_slug_is_named_with_the_closest(cli, site):
    site.pair("2023-campus-open-day", "一段。", "A paragraph.")
    code, out, err = cli("preview", "--root", site.path, "open-dya")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "error: no article 'open-dya'",
        "hint: did you mean 2023-open-day, 2023-campus-open-day?",
    ]


def test_a_path_names_the_article_too(cli, site):
    code, out, _ = cli("preview", "--root", site.path, site.path / "articles" / SLUG / "en.md")
    assert code == 0 and "上海交通大学举办开放日" in out


def test_a_malformed_file_is_one_line_with_file_and_line(cli, site):
    site.raw(f"articles/{SLUG}/zh.md", "---\ntitle: 论坛\ndate: [2023\n---\n\n正文。\n")
    code, out, err = cli("preview", "--root", site.path, SLUG)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ") and err.rstrip().endswith(f"(articles/{SLUG}/zh.md:3)")


def test_side_renders_one_side_as_markdown(cli, site):
    code, out, _ = cli("preview", "--root", site.path, SLUG, "--side", "en", "--width", "100")
    assert code == 0
    assert "Exhibition" in out and "## Exhibition" not in out
    assert "上海交通大学举办开放日" not in out
    code, out, _ = cli("preview", "--root", site.path, SLUG, "--side", "zh", "--width", "60")
    assert code == 0 and "上海交通大学举办开放日" in out and "Shanghai" not in out


def test_side_of_a_missing_file_is_an_error(cli, root):
    root.pair("lonely", "只有中文。", None)
    code, out, _ = cli("preview", "--root", root.path, "lonely")
    assert code == 0 and "en.md is missing" in out
    code, _, err = cli("preview", "--root", root.path, "lonely", "--side", "en")
    assert code == 2 and err == "error: no such file (articles/lonely/en.md)\n"


def test_pager_and_watch_do_not_go_together(cli, site):
    code, _, err = cli("preview", "--root", site.path, SLUG, "--pager", "--watch")
    assert code == 2 and err == "error: --pager and --watch cannot be used together\n"


def test_preview_of_a_shipped_article(cli):
    code, out, err = cli(
        "preview", "--root", SHIPPED.parent, "2023-pujiang-innovation-forum", "--no-cache"
    )
    assert (code, err) == (0, "")
    assert "9 rows aligned, 0 without a counterpart · no problems" in out


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    return {**env, "TERM": "xterm-256color", **extra}


def in_terminal(root: Root, *args: str, **env: str) -> tuple[int, str]:
    """Run ``bilingual preview`` on a pseudo-terminal 100 columns wide: its code and output."""
    command = [sys.executable, "-m", "bilingual", "preview", "--root", str(root.path), *args]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=environment(**env)
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closes with the process
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_unless_asked_not_to(site):
    code, out = in_terminal(site, SLUG, "--no-cache")
    assert code == 0 and "\x1b[" in out and "上海交通大学" in out
    code, out = in_terminal(site, SLUG, "--no-cache", "--no-color")
    assert code == 0 and "\x1b[" not in out.replace("\x1b[?25", "") and "上海交通大学" in out
    code, out = in_terminal(site, SLUG, "--no-cache", NO_COLOR="1")
    assert code == 0 and "\x1b[" not in out.replace("\x1b[?25", "")


def test_pager_gets_the_preview(site, tmp_path):
    paged = tmp_path / "paged.txt"
    code, out = in_terminal(site, SLUG, "--no-cache", "--pager", PAGER=f"cat > {paged}")
    assert code == 0
    text = paged.read_text(encoding="utf-8")
    assert "上海交通大学" in text and "Shanghai Jiao Tong" in text
    assert "\x1b[" in text  # colours kept for the pager (less -R)
    assert "上海交通大学举办开放日" not in out


def wait_for(path: Path, count: int, timeout: float = 30.0) -> str:
    """The output once the watcher has drawn ``count`` times."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if text.count("Ctrl-C to stop") >= count:
            return text
        time.sleep(0.1)
    pytest.fail(f"not drawn {count} times in {timeout} s:\n{path.read_text(encoding='utf-8')}")


def _ctrl_c_as_in_a_terminal() -> None:
    """SIGINT at its default in the watcher, as a shell gives a command run in a terminal: a
    test run from a background job (``.ci/run &``) would hand it down ignored, and Python then
    leaves Ctrl-C ignored too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_watch_draws_again_when_a_file_changes_and_ends_cleanly_on_ctrl_c(site, tmp_path):
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    command = [sys.executable, "-m", "bilingual", "preview", "--root", str(site.path), SLUG]
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [*command, "--watch", "--width", "100"],
            stdout=stdout,
            stderr=stderr,
            env=environment(),
            preexec_fn=_ctrl_c_as_in_a_terminal,
        )
    try:
        first = wait_for(out, 1)
        assert "— no counterpart —" in first and "A paragraph added" not in first
        english = site.path / "articles" / SLUG / "en.md"
        added = "\nA paragraph added by the translator on the same day.\n"
        english.write_text(english.read_text(encoding="utf-8") + added, encoding="utf-8")
        second = wait_for(out, 2).split("Ctrl-C to stop", 1)[1]
        assert "A paragraph added by the translator" in second
        assert "— no counterpart —" not in second  # the new paragraph is its counterpart
        # a file broken while the translator saves it is said, and the watch goes on
        english.write_text("---\ntitle: [\n---\n", encoding="utf-8")
        third = wait_for(out, 3).split("Ctrl-C to stop")[2]
        assert "error: front matter is not valid YAML" in third and f"{SLUG}/en.md:3)" in third
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert "Traceback" not in err.read_text(encoding="utf-8")
    assert err.read_text(encoding="utf-8") == ""
