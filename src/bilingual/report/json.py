"""The JSON report: a stable, versioned document for release scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

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


def render(findings: Sequence[Finding], summary: Summary, **_: object) -> str:
    """``{"version": 1, "findings": [...], "summary": {...}}``, UTF-8, one trailing newline."""
    document = {
        "version": VERSION,
        "findings": [as_dict(f) for f in findings],
        "summary": {
            "articles": summary.articles,
            "errors": summary.errors,
            "warnings": summary.warnings,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
