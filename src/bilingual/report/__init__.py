"""Reporters: one module per output format, each a pure ``render(findings, summary) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from bilingual.model import Finding, Summary

#: Output format -> module holding its ``render``. Imported only when that format is used.
FORMATS: dict[str, str] = {
    "text": "bilingual.report.text",
    "json": "bilingual.report.json",
    "github": "bilingual.report.github",
    "sarif": "bilingual.report.sarif",
}

Renderer = Callable[..., str]


def renderer(fmt: str) -> Renderer:
    """The ``render`` function of output format ``fmt``."""
    return importlib.import_module(FORMATS[fmt]).render  # type: ignore[no-any-return]


def render(fmt: str, findings: Sequence[Finding], summary: Summary, **options: Any) -> str:
    """Render ``findings`` in format ``fmt``. Every renderer takes every option and uses those
    that concern it: ``color`` and ``width`` (text), ``prefix`` (paths in github and sarif)."""
    return renderer(fmt)(findings, summary, **options)
