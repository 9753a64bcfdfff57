"""Checks: the registry and one module per category (article, structure, translation, links)."""

from __future__ import annotations

from bilingual.checks.registry import (
    REGISTRY,
    Check,
    CheckContext,
    Scope,
    all_checks,
    check,
    resolve,
)

__all__ = [
    "REGISTRY",
    "Check",
    "CheckContext",
    "Scope",
    "all_checks",
    "check",
    "resolve",
]
