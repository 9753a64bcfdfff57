"""The service failing: one line naming the provider, a documented exit code, nothing written."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from tests.translate.conftest import configure


def run(*args: str):
    return CliRunner().invoke(app, ["translate", *args])


def files(site) -> list[str]:
    return sorted(p.name for p in (site.path / "articles").rglob("*") if p.is_file())


def error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("failures", "malformed", "code", "words"),
    [
        ([429] * 9, "", 6, "too many requests (HTTP 429"),
        ([403], "", 5, "the key was refused"),
        ([500] * 9, "", 3, "the service failed"),
        ([], "json", 7, "a malformed reply"),
        ([], "key", 7, "a malformed reply"),
    ],
)
def test_service_failures(site, service, failures, malformed, code, words) -> None:
    service.failures = list(failures)
    service.malformed = malformed
    site.pair("one", "今天论坛开幕。", None)
    site.pair("two", "论坛开幕。", None)
    before = files(site)
    result = run("one", "two", "--root", str(site.path))
    assert result.exit_code == code, result.output
    line = error_line(result)
    assert line.startswith("error: libre: ") and words in line and "nothing written" in line
    assert files(site) == before


def test_rate_limit_retried_with_back_off(site, service) -> None:
    service.failures = [429, 429]  # retries: 2 in the test configuration
    site.pair("one", "今天论坛开幕。", None)
    result = run("one", "--root", str(site.path))
    assert result.exit_code == 0, result.output
    assert (site.path / "articles/one/en.md").exists()
    assert len(service.requests) == 4  # the title three times, then the body


def test_second_article_fails_first_is_not_written(site, service) -> None:
    site.pair("one", "今天论坛开幕。", None)
    site.pair("two", "第一项目。", None)
    service.failures = [200, 200, 200, *[429] * 9]  # one's title and body, two's title
    result = run("one", "two", "--root", str(site.path), "--no-memory")
    assert result.exit_code == 6
    assert not (site.path / "articles/one/en.md").exists()


def test_server_down(root, service) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    service.url = f"http://127.0.0.1:{port}/"
    configure(root, service)
    root.pair("one", "今天论坛开幕。", None)
    result = run("one", "--root", str(root.path))
    assert result.exit_code == 3
    line = error_line(result)
    assert f"error: libre: cannot reach http://127.0.0.1:{port}/" in line
    assert not (root.path / "articles/one/en.md").exists()


def test_timeout(root, service) -> None:
    configure(root, service)
    root.config(
        f"translate:\n  provider: libre\n  timeout: 0.3\n  retries: 1\n  backoff: 0\n"
        f"  providers:\n    libre:\n      base_url: {service.url}\n"
    )
    service.delay = 1.5
    root.pair("one", "今天论坛开幕。", None)
    result = run("one", "--root", str(root.path))
    assert result.exit_code == 4
    assert "error: libre: no reply within 0.3 s (timeout): nothing written" in error_line(result)
    assert len(service.requests) == 2  # tried again once
    assert not (root.path / "articles/one/en.md").exists()


def test_base_url_on_the_command_line(root, service) -> None:
    root.pair("one", "今天论坛开幕。", None)
    result = run("one", "--root", str(root.path), "-p", "libre", "--base-url", service.url)
    assert result.exit_code == 0, result.output
    assert len(service.requests) == 2
    result = run("one", "--root", str(root.path), "--force", "--base-url", "ftp://x")
    assert result.exit_code == 2 and "--base-url takes an http or https address" in result.output
