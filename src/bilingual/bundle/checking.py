"""The checks a bundle runs before it builds: what ``bilingual check`` reports on the articles.

A first build checks every article through the result cache, as ``bilingual check`` does. The
build record keeps what the checks found in each article folder, with the plan they ran with;
a rebuild with the same plan, over the same article folders, checks again only the articles
whose sources changed since (by their stamps, taken once for the whole build:
``site.source_stamps``) and adds up the rest from the record. Either way the checks run in a
process of their own (``Pending``), beside the reading and the rendering: checking one
article costs a fresh process a third of a second (the aligner's lexicon, babel's month names),
most of what the rest of a rebuild costs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


class Pending:
    """Checks running beside the build, in a process of their own (forked: it shares what this
    one has read): ``result`` waits for them and says what they warned of. When that process
    fails, they run again here, so that an error is raised as it would be without it."""

    def __init__(self, work: Callable[[], Checks], warn: Warn, *, apart: bool) -> None:
        self._work = work
        self._warn = warn
        self._done: Checks | None = None
        self._found: object = None
        self._reader: threading.Thread | None = None
        if apart and sys.platform == "linux":
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_apart, args=(send, work), daemon=True)
            process.start()
            send.close()
            # Read as soon as it is sent: the process ends then, and its memory is freed.
            self._reader = threading.Thread(target=self._read, args=(receive, process), daemon=True)
            self._reader.start()

    def _read(self, receive: Connection, process: Any) -> None:
        with contextlib.suppress(EOFError, OSError):
            self._found = receive.recv()
        process.join()
        receive.close()

    def result(self) -> Checks:
        """The checks' result, once they are done."""
        if self._done is None:
            if self._reader is not None:
                self._reader.join()
            if isinstance(self._found, tuple):
                checks, said = self._found
            else:
                checks, said = _collect(self._work)
            for line in said:
                self._warn(line)
            self._done = checks
        return self._done


def _collect(work: Callable[[], Checks]) -> tuple[Checks, list[str]]:
    said: list[str] = []
    _WARN.append(said.append)
    try:
        return work(), said
    finally:
        _WARN.pop()


#: Where the checks' warnings go while they run (``_collect``).
_WARN: list[Warn] = []


def _apart(send: Connection, work: Callable[[], Checks]) -> None:
    try:
        send.send(_collect(work))
    except BaseException:  # the parent runs the checks again, and raises what they raise
        send.send(None)


def start_checks(
    root: Path,
    config: Config,
    folders: Sequence[Path],
    options: Options,
    warn: Warn,
    *,
    record: BuildRecord | None = None,
    state: BuildState | None = None,
    stamps: Mapping[str, str] | None = None,
) -> Pending:
    """What ``bilingual check`` reports on the articles (``run_checks``), worked out in a
    process of its own unless ``--jobs 1``."""
    if record is not None and stamps is not None:
        record.folders()  # read here: the other process must not use the record's connection
        record.changed(stamps)

    def work() -> Checks:
        return run_checks(
            root, config, folders, options, lambda line: _WARN[-1](line),
            record=record, state=state, stamps=stamps,
        )  # fmt: skip

    return Pending(work, warn, apart=options.jobs != 1)


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
    from bilingual.engine import cache_key, check_pairs, make_plan
    from bilingual.glossary.store import load_glossary

    plan = make_plan(config, glossary=load_glossary(root, config.glossary))
    key = cache_key(plan)
    if record is not None and state is not None and stamps is not None and state.plan == key:
        found = _changed(root, folders, record, state, stamps)
        if found is not None:
            summary, changed = found
            checked = check_pairs(root, changed, plan, jobs=1)
            checks = _add_up(checked, summary, {}, key, complete=False)
            if not (options.strict and checks.summary.errors):
                return checks  # with errors, --strict lists them all: the full run does
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


def _changed(
    root: Path,
    folders: Sequence[Path],
    record: BuildRecord,
    state: BuildState,
    stamps: Mapping[str, str],
) -> tuple[Summary, list[Path]] | None:
    """The summary of the unchanged articles (from the record) and the changed ones; None when
    the record does not know every article folder, or too many changed."""
    known = record.folders()
    if state.summary is None or len(folders) != len(known):
        return None
    articles, errors, warnings, suppressed = state.summary
    sides = record.changed(stamps)
    changed: list[Path] = []
    for folder in folders:
        rel = relpath(folder, root)
        found = known.get(rel)
        if found is None or not found[3]:
            return None
        if f"{rel}/zh.md" in sides or f"{rel}/en.md" in sides:
            counts = Folder.counts(found[3])
            assert counts is not None
            changed.append(folder)
            if len(changed) > QUICK:
                return None
            errors, warnings, suppressed = (
                errors - counts[0],
                warnings - counts[1],
                suppressed - counts[2],
            )
    return Summary(articles, errors, warnings, suppressed), changed


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
