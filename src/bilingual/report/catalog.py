"""The check catalogue: ``bilingual checks`` (a table or JSON) and ``bilingual explain``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilingual.checks.registry import Check


def render_list(checks: Sequence[Check], fmt: str = "text") -> str:
    """One line per check (code, slug, severity, title), or a JSON array of the same."""
    if fmt == "json":
        rows = [
            {
                "code": c.code,
                "check": c.slug,
                "severity": c.severity.value,
                "category": c.category,
                "title": c.title,
            }
            for c in checks
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(c.slug) for c in checks), default=0)
    return "".join(
        f"{c.code}  {c.slug:<{width}}  {c.severity.value:<7}  {c.title}\n" for c in checks
    )


def explain(item: Check) -> str:
    """The whole documentation of one check, headed by its code, slug and severity."""
    note = f"\n\n{ALWAYS}" if item.always else ""
    return f"# {item.code} {item.slug} ({item.severity.value})\n\n{item.doc}{note}\n"


#: What ``explain`` and the checks reference say of a check that runs whatever the selection.
ALWAYS = (
    "This check always runs, whatever `--select`, `--ignore` or `bilingual.yaml` say: without "
    "it, an article with a missing or unreadable side would pass unchecked. Its severity can "
    "still be changed."
)
