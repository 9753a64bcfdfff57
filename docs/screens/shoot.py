"""Take the README's screenshots of the site: an article page in each language, as headless
Chromium shows the sample site served over http://127.0.0.1.

    python docs/screens/shoot.py            # into docs/screens/
    python docs/screens/shoot.py FOLDER     # elsewhere

Needs Debian's Chromium (``apt-get install -y chromium``; the Chinese page needs a CJK font,
``fonts-noto-cjk``) and Playwright for Python (the test extra), which drives that Chromium: no
browser is downloaded. The pictures are not compared byte for byte (a browser's PNG depends on
its version and fonts); ``tests/bundle/test_browser.py`` takes them again and checks that they
are PNG images of ``SIZE``. The same helpers (``build_site``, ``serve``, ``chromium``) run the
browser test.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
#: The shipped article the pictures and the browser test show.
ARTICLE = "2023-pujiang-innovation-forum"
#: Each picture and the page it shows.
SHOTS = {"article-en.png": f"en/{ARTICLE}/index.html", "article-zh.png": f"zh/{ARTICLE}/index.html"}
#: Width and height of each picture, in pixels (one device pixel per CSS pixel).
SIZE = (1200, 900)
#: Debian's Chromium.
CHROMIUM = "/usr/bin/chromium"
#: As root, with no network but the loopback: no sandbox (it needs user namespaces), no GPU,
#: and none of Chromium's own connections, which this closed network refuses.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class NoChromium(RuntimeError):
    """Chromium is not installed: the browser test fails, it does not skip."""


def chromium_path() -> str:
    """Debian's Chromium, or ``NoChromium`` saying how to install it."""
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).is_file() else None)
    if found is None:
        raise NoChromium(
            "Chromium is not installed: run 'apt-get install -y chromium' (as .ci/run does); "
            "the browser test and the screenshots need it"
        )
    return found


def build_site(out: Path, *args: str) -> Path:
    """``bilingual bundle`` of the shipped articles into ``out``."""
    from typer.testing import CliRunner

    from bilingual.cli import app

    result = CliRunner().invoke(app, ["bundle", "--root", str(REPO), "--out", str(out), *args])
    if result.exit_code != 0:
        raise RuntimeError(f"bilingual bundle failed: {result.stderr or result.stdout}")
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # a test's output is not the place for an access log


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over http on a free port of 127.0.0.1 from a thread; yields its
    address (``http://127.0.0.1:PORT/``)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright (each launch has a fresh profile)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def shoot(folder: Path) -> list[Path]:
    """Build the sample site, serve it and save each picture of ``SHOTS`` into ``folder``."""
    saved = []
    with tempfile.TemporaryDirectory() as work, chromium() as browser:
        site = build_site(Path(work, "site"))
        with serve(site) as base:
            width, height = SIZE
            context = browser.new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                color_scheme="light",
            )
            page = context.new_page()
            for name, path in SHOTS.items():
                page.goto(base + path, wait_until="load")
                target = folder / name
                page.screenshot(path=str(target), animations="disabled", caret="hide")
                saved.append(target)
            context.close()
    return saved


def main(argv: list[str]) -> None:
    """Take every picture into the folder given, or this one."""
    folder = Path(argv[0]) if argv else HERE
    for path in shoot(folder):
        print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
