"""The glossary in other formats: a text table, JSON and CSV (TBX and TSV come next)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from bilingual.errors import UsageError
from bilingual.glossary.model import Term

CSV_FIELDS = ("zh", "en", "variants", "forbidden", "note")


def render_terms(terms: Sequence[Term], fmt: str) -> str:
    """``terms`` as ``text`` (one per line), ``json`` or ``csv`` (with a header row)."""
    if fmt == "json":
        rows = [
            {
                "zh": t.zh,
                "en": t.en,
                "variants": list(t.variants),
                "forbidden": list(t.forbidden),
                "note": t.note,
            }
            for t in terms
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for t in terms:
            writer.writerow((t.zh, t.en, "; ".join(t.variants), "; ".join(t.forbidden), t.note))
        return out.getvalue()
    if fmt != "text":
        raise UsageError(f"unknown format {fmt!r}", hint="use text, json or csv")
    lines = []
    for t in terms:
        extra = f"  (also: {', '.join(t.variants)})" if t.variants else ""
        bad = f"  (not: {', '.join(t.forbidden)})" if t.forbidden else ""
        lines.append(f"{t.zh}  {t.en}{extra}{bad}\n")
    return "".join(lines) or "no terms\n"
