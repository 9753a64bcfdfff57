"""The JSON report: a stable, versioned document for release scripts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from bilingual.model import Finding, Location, Summary

#: Bumped only when a field changes meaning or disappears; new fields may be added.
VERSION = 1


def _location(loc: Location | None) -> dict[str, Any] | None:
    return None if loc is None else {"path": loc.path, "line": loc.line}


def as_dict(finding: Finding) -> dict[str, Any]:
    """One finding as its JSON object."""
    return {
        "code": finding.code,
        "check": finding.check,
        "severity": finding.severity.value,
        "article": finding.article,
        "message": finding.message,
        "zh": _location(finding.zh),
        "en": _location(finding.en),
    }


def write(
    out: TextIO, findings: Iterable[Finding], summary: Callable[[], Summary], **_: object
) -> None:
    """``{"version": 1, "findings": [...], "summary": {...}}``, UTF-8, one trailing newline:
    the document ``json.dumps(..., indent=2)`` makes, written one finding at a time."""
    out.write(f'{{\n  "version": {VERSION},\n  "findings": [')
    first = True
    for finding in findings:
        out.write("\n    " if first else ",\n    ")
        out.write(_finding(finding))
        first = False
    out.write("]" if first else "\n  ]")
    totals = summary()
    counts = {"articles": totals.articles, "errors": totals.errors, "warnings": totals.warnings}
    out.write(f',\n  "summary": {_dumps(counts, "  ")}\n}}\n')


def _finding(finding: Finding) -> str:
    """``as_dict(finding)`` as ``_dumps`` writes it at the findings' indent, spelled out: the
    report of an archive can hold tens of thousands."""
    dumps = _string
    return (
        f'{{\n      "code": {dumps(finding.code)},\n      "check": {dumps(finding.check)},\n'
        f'      "severity": {dumps(finding.severity.value)},\n'
        f'      "article": {dumps(finding.article)},\n'
        f'      "message": {dumps(finding.message)},\n'
        f'      "zh": {_place(finding.zh)},\n      "en": {_place(finding.en)}\n    }}'
    )


def _place(loc: Location | None) -> str:
    if loc is None:
        return "null"
    line = "null" if loc.line is None else str(loc.line)
    return f'{{\n        "path": {_string(loc.path)},\n        "line": {line}\n      }}'


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _dumps(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it when nested at ``indent``, for the
    objects of this report (scalars and objects of them). Written here because ``json`` leaves
    its fast encoder aside whenever ``indent`` is given: ten times the cost per finding."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = ",\n".join(
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_dumps(item, inner)}"
            for key, item in value.items()
        )
        return f"{{\n{items}\n{indent}}}"
    return json.dumps(value, ensure_ascii=False)
