"""Running the checks over article pairs: streamed, and spread over the machine's cores."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.align import align
from bilingual.checks.registry import REGISTRY, Check, CheckContext, Scope, all_checks, resolve
from bilingual.config import ChecksConfig, Config
from bilingual.errors import ConfigError, UnknownCheckError
from bilingual.glossary.model import Glossary
from bilingual.model import Bead, Finding, Pair, Severity, Summary
from bilingual.parse.discover import load_pair

#: Below this many pairs a process pool costs more than it saves.
PARALLEL_THRESHOLD = 200
CHUNK = 64


@dataclass(frozen=True, slots=True)
class Plan:
    """What to run: the selected check codes, their severities and the check settings."""

    codes: tuple[str, ...]
    severities: dict[str, Severity]
    settings: ChecksConfig
    #: The content root's term base, when it has one.
    glossary: Glossary | None = None


@dataclass(slots=True)
class CheckResult:
    """The findings of a run (suppressed ones left out) and its totals."""

    findings: list[Finding] = field(default_factory=list)
    articles: int = 0
    suppressed: int = 0

    @property
    def summary(self) -> Summary:
        """Counts of articles, errors and warnings."""
        errors = sum(1 for f in self.findings if f.severity is Severity.ERROR)
        return Summary(self.articles, errors, len(self.findings) - errors, self.suppressed)


def make_plan(
    config: Config,
    select_names: Sequence[str] = (),
    ignore_names: Sequence[str] = (),
    glossary: Glossary | None = None,
) -> Plan:
    """Resolve the command line's and ``bilingual.yaml``'s check selection into a plan.

    ``--select`` replaces the configured selection; ignores from both add up, except that a check
    named by ``--select`` runs even when the configuration ignores it. Checks marked ``always``
    (a side is missing or cannot be read) run whatever the selection. Unknown names on the
    command line are usage errors, in the configuration config errors.
    """
    settings = config.checks
    try:
        configured = [resolve(n).code for n in settings.select]
        configured_ignore = {resolve(n).code for n in settings.ignore}
        overrides = {resolve(name).code: level for name, level in settings.severity.items()}
    except UnknownCheckError as exc:
        raise ConfigError(f"bilingual.yaml: {exc.message}", hint=exc.hint) from exc
    asked = [resolve(n).code for n in select_names]
    ignored = {resolve(n).code for n in ignore_names}
    ignored |= configured_ignore - set(asked)
    base = asked or configured or [c.code for c in all_checks()]
    always = {c.code for c in all_checks() if c.always}
    codes = tuple(sorted({code for code in base if code not in ignored} | always))
    if glossary is None:  # the glossary checks have nothing to enforce: do not run them at all
        codes = tuple(code for code in codes if REGISTRY[code].category != "glossary")
    severities = {code: overrides.get(code, REGISTRY[code].severity) for code in codes}
    return Plan(codes, severities, settings, glossary)


def check_pair(pair: Pair, plan: Plan) -> tuple[list[Finding], int]:
    """Every planned check on one pair: its findings and how many were suppressed."""
    checks: list[Check] = [REGISTRY[code] for code in plan.codes]
    found: list[Finding] = []
    beads: tuple[Bead, ...] = ()
    if pair.zh is not None and pair.en is not None:
        beads = align(pair.zh.blocks, pair.en.blocks, plan.glossary)
    for item in checks:
        ctx = CheckContext(
            pair, item, plan.severities[item.code], plan.settings, beads, plan.glossary
        )
        if item.scope is Scope.PAIR:
            found.extend(item.func(pair, ctx))
            continue
        for bead in beads:
            found.extend(item.func(bead, ctx))
    kept = [f for f in found if not f.suppressed]
    kept.sort(key=Finding.sort_key)
    return kept, len(found) - len(kept)


def _check_chunk(
    args: tuple[Path, list[Path]], plan: Plan | None = None
) -> tuple[list[Finding], int, int]:
    root, folders = args
    plan = plan or _WORKER_PLAN
    assert plan is not None
    all_checks()  # a spawned worker starts with an empty registry
    findings: list[Finding] = []
    suppressed = 0
    for folder in folders:
        kept, dropped = check_pair(load_pair(root, folder), plan)
        findings.extend(kept)
        suppressed += dropped
    return findings, suppressed, len(folders)


#: The plan of a worker process, set once when it starts: sent with every chunk instead, a
#: 2,000-term glossary would be pickled, and its matcher compiled, once per chunk.
_WORKER_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _WORKER_PLAN
    _WORKER_PLAN = plan


def _chunks(root: Path, folders: Sequence[Path]) -> Iterator[tuple[Path, list[Path]]]:
    for start in range(0, len(folders), CHUNK):
        yield root, list(folders[start : start + CHUNK])


def default_jobs() -> int:
    """Worker processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_checks(
    root: Path,
    folders: Sequence[Path],
    plan: Plan,
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check the pairs in ``folders`` (streamed: one chunk of pairs in memory per worker)."""
    all_checks()
    jobs = jobs or default_jobs()
    result = CheckResult()
    chunks = _chunks(root, folders)
    outputs: Iterable[tuple[list[Finding], int, int]]
    if jobs > 1 and len(folders) >= PARALLEL_THRESHOLD:
        method = "fork" if sys.platform == "linux" else "spawn"
        with ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(plan,),
        ) as pool:
            _collect(pool.map(_check_chunk, chunks), result, progress)
    else:
        outputs = (_check_chunk(chunk, plan) for chunk in chunks)
        _collect(outputs, result, progress)
    return result


def _collect(
    outputs: Iterable[tuple[list[Finding], int, int]],
    result: CheckResult,
    progress: Callable[[int], None] | None,
) -> None:
    for findings, suppressed, count in outputs:
        result.findings.extend(findings)
        result.suppressed += suppressed
        result.articles += count
        if progress:
            progress(count)
