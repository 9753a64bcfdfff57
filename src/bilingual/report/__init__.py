"""Reporters: one module per output format, each a ``write(out, findings, summary)`` that
streams findings to ``out`` as they come, and a ``render`` that returns the same as text.

``findings`` is any iterable (a run's findings arrive pair by pair; nothing is kept after it is
written); ``summary`` is called once they have all been read, for the totals at the end.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from bilingual.model import Finding, Summary

#: Output format -> module holding its ``write``. Imported only when that format is used.
FORMATS: dict[str, str] = {
    "text": "bilingual.report.text",
    "json": "bilingual.report.json",
    "github": "bilingual.report.github",
    "sarif": "bilingual.report.sarif",
}

Writer = Callable[..., None]


def writer(fmt: str) -> Writer:
    """The ``write`` function of output format ``fmt``."""
    return importlib.import_module(FORMATS[fmt]).write  # type: ignore[no-any-return]


def write(
    fmt: str,
    out: TextIO,
    findings: Iterable[Finding],
    summary: Callable[[], Summary],
    **options: Any,
) -> None:
    """Stream ``findings`` to ``out`` in format ``fmt``. Every writer takes every option and
    uses those that concern it: ``color`` and ``width`` (text), ``prefix`` (paths in github
    and sarif)."""
    writer(fmt)(out, findings, summary, **options)


def render(fmt: str, findings: Iterable[Finding], summary: Summary, **options: Any) -> str:
    """The report of ``findings`` in format ``fmt``, as one string."""
    out = io.StringIO()
    write(fmt, out, findings, lambda: summary, **options)
    return out.getvalue()
