"""Glossary problems a person should fix: duplicates, conflicts, empty fields."""

from __future__ import annotations

from collections import defaultdict

from bilingual.glossary.model import Glossary


def lint(glossary: Glossary) -> list[str]:
    """Every problem, one line each, with the entry's line in the file."""
    problems = []
    by_zh = defaultdict(list)
    for term in glossary.terms:
        by_zh[term.zh].append(term)
    for zh, terms in by_zh.items():
        preferred = {t.en for t in terms}
        where = ", ".join(f"line {t.line}" for t in terms if t.line)
        if len(terms) > 1 and len(preferred) == 1:
            problems.append(f"{zh} is listed {len(terms)} times ({where})")
        elif len(preferred) > 1:
            problems.append(
                f"{zh} has {len(preferred)} preferred renderings: "
                f"{', '.join(sorted(preferred))} ({where})"
            )
    allowed = {r.lower(): (t, r) for t in glossary.terms for r in t.allowed}
    for term in glossary.terms:
        for rendering in term.forbidden:
            other, written = allowed.get(rendering.lower(), (None, ""))
            if other is not None and written == rendering:
                problems.append(
                    f'"{rendering}" is forbidden for {term.zh} (line {term.line}) '
                    f"but allowed for {other.zh} (line {other.line})"
                )
        if not term.note.strip() and term.note:
            problems.append(f"{term.zh} (line {term.line}) has an empty note")
        seen: set[str] = set()
        for rendering in term.allowed:  # "Incubator" and "incubator" say it is terminology
            if rendering in seen:
                problems.append(
                    f'{term.zh} (line {term.line}) lists "{rendering}" twice among its renderings'
                )
            seen.add(rendering)
    forbidding = defaultdict(list)
    for term in glossary.terms:
        for rendering in term.forbidden:
            forbidding[rendering.lower()].append(term)
    for key, terms in forbidding.items():
        fixes = {t.en for t in terms}
        if len(fixes) > 1:
            rendering = next(r for r in terms[0].forbidden if r.lower() == key)
            problems.append(
                f'"{rendering}" is forbidden for {len(terms)} terms with different renderings '
                f"({', '.join(f'{t.zh}, line {t.line}' for t in terms)}): check --fix leaves it"
            )
    prefix = f"{glossary.path}: "
    return [prefix + problem for problem in problems]


def notes(glossary: Glossary) -> list[str]:
    """How entries that are right but easy to misread are matched, one line each: a forbidden
    rendering that differs from an allowed one only in case (XiaoHongShu / Xiaohongshu)."""
    allowed = {r.lower(): (t, r) for t in glossary.terms for r in t.allowed}
    found = []
    for term in glossary.terms:
        for rendering in term.forbidden:
            other, written = allowed.get(rendering.lower(), (None, ""))
            if other is not None and written != rendering:
                found.append(
                    f'note: "{rendering}" (forbidden, line {term.line}) differs from '
                    f'"{written}" (allowed for {other.zh}) only in case: it is matched exactly as '
                    f'written; any other casing counts as "{written}"'
                )
    return [f"{glossary.path}: {line}" for line in found]
