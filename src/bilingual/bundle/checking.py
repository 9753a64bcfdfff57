"""The checks a bundle runs before it builds: what ``bilingual check`` reports on the articles.

A first build checks every article through the result cache, as ``bilingual check`` does. The
build record keeps what the checks found in each article folder, with the plan they ran with;
a rebuild with the same plan, over the same article folders, checks again only the articles
whose sources changed since (by their stamps, taken once for the whole build:
``site.source_stamps``) and adds up the rest from the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.record import Folder
from bilingual.model import Finding, Severity, Summary, relpath

if TYPE_CHECKING:
    from bilingual.bundle.build import Options
    from bilingual.bundle.built import BuildState
    from bilingual.bundle.record import BuildRecord
    from bilingual.config import Config
    from bilingual.engine import Checked, Plan

Warn = Callable[[str], None]
#: Up to this many changed articles are checked again one by one, without the result cache
#: (reading its rows for 10,000 articles costs more than checking a few).
QUICK = 32

#: What the checks found in one article folder: errors, warnings, suppressed.
Counts = tuple[int, int, int]


@dataclass(slots=True)
class Checks:
    """What the checks found: the summary, the errors (for ``--strict``), the plan's key, and
    the counts of each article folder checked: every one (``complete``), or the changed ones
    (the record has the others)."""

    summary: Summary
    errors: list[Finding]
    plan: str
    counts: dict[str, Counts]
    complete: bool = True


def run_checks(
    root: Path,
    config: Config,
    folders: Sequence[Path],
    options: Options,
    warn: Warn,
    *,
    record: BuildRecord | None = None,
    state: BuildState | None = None,
    stamps: Mapping[str, str] | None = None,
) -> Checks:
    """What ``bilingual check`` reports on the articles: only the changed ones checked again
    when the record allows (``state``, ``stamps``), else all of them through the cache."""
    from bilingual.engine import cache_key, make_plan
    from bilingual.glossary.store import load_glossary

    plan = make_plan(config, glossary=load_glossary(root, config.glossary))
    key = cache_key(plan)
    if record is not None and state is not None and stamps is not None and state.plan == key:
        found = _recheck(root, folders, plan, key, record, state, stamps)
        if found is not None and not (options.strict and found.summary.errors):
            return found  # with errors, --strict lists them all: the full run below does
    return _check_all(root, folders, plan, key, options, warn)


def _check_all(
    root: Path, folders: Sequence[Path], plan: Plan, key: str, options: Options, warn: Warn
) -> Checks:
    from bilingual.cache import open_cache
    from bilingual.engine import check_pairs

    results = open_cache(root, key, warn) if options.cache else None
    try:
        checked = check_pairs(
            root, folders, plan, jobs=options.jobs or None, cache=results, complete=True
        )
        return _add_up(checked, Summary(0, 0, 0, 0), {}, key)
    finally:
        if results is not None:
            results.close()


def _recheck(
    root: Path,
    folders: Sequence[Path],
    plan: Plan,
    key: str,
    record: BuildRecord,
    state: BuildState,
    stamps: Mapping[str, str],
) -> Checks | None:
    """The checks from the record, the changed articles checked again; None when the record
    does not know every article folder, or too many changed."""
    from bilingual.engine import check_pairs

    known = record.folders()
    if state.summary is None or len(folders) != len(known):
        return None
    changed: list[tuple[Path, tuple[int, int, int]]] = []
    for folder in folders:
        rel = relpath(folder, root)
        found = known.get(rel)
        if found is None or not found[3]:
            return None
        if not (
            record.same(f"{rel}/zh.md", stamps[f"{rel}/zh.md"])
            and record.same(f"{rel}/en.md", stamps[f"{rel}/en.md"])
        ):
            counts = Folder.counts(found[3])
            assert counts is not None
            changed.append((folder, counts))
            if len(changed) > QUICK:
                return None
    articles, errors, warnings, suppressed = state.summary
    for _, (e, w, s) in changed:
        errors, warnings, suppressed = errors - e, warnings - w, suppressed - s
    summary = Summary(articles, errors, warnings, suppressed)
    checked = check_pairs(root, [folder for folder, _ in changed], plan, jobs=1)
    return _add_up(checked, summary, {}, key, complete=False)


def _add_up(
    checked: Iterable[Checked],
    summary: Summary,
    counts: dict[str, Counts],
    key: str,
    *,
    complete: bool = True,
) -> Checks:
    """``summary`` and ``counts`` with the results of ``checked`` added."""
    articles, errors, warnings, suppressed = (
        summary.articles,
        summary.errors,
        summary.warnings,
        summary.suppressed,
    )
    found: list[Finding] = []
    for result in checked:
        bad = [f for f in result.findings if f.severity is Severity.ERROR]
        found.extend(bad)
        counts[result.article] = (
            len(bad),
            len(result.findings) - len(bad),
            result.suppressed,
        )
        if not summary.articles:  # a full run counts the articles; a re-check has them
            articles += 1
        errors += len(bad)
        warnings += len(result.findings) - len(bad)
        suppressed += result.suppressed
    return Checks(Summary(articles, errors, warnings, suppressed), found, key, counts, complete)
