"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from bilingual.model import Finding, Severity, Summary


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, prefix: str = "") -> str:
    """``::error file=...,line=...,title=...::message`` for one finding, on the side where the
    problem is; ``prefix`` is the content root's path from the repository root."""
    level = "error" if finding.severity is Severity.ERROR else "warning"
    primary, other = (finding.zh, finding.en)
    if finding.primary == "en" or primary is None:
        primary, other = other, primary
    props = []
    if primary is not None:
        props.append(f"file={_property(prefix + primary.path)}")
        if primary.line:
            props.append(f"line={primary.line}")
    props.append(f"title={_property(f'{finding.code} {finding.check}')}")
    message = finding.message
    if other is not None:
        message += f" (counterpart: {other.path}{f':{other.line}' if other.line else ''})"
    return f"::{level} {','.join(props)}::{_data(message)}"


def write(
    out: TextIO,
    findings: Iterable[Finding],
    summary: Callable[[], Summary],
    *,
    prefix: str = "",
    **_: object,
) -> None:
    """One workflow command per line; nothing at all when there are no findings."""
    for finding in findings:
        out.write(annotation(finding, prefix) + "\n")
