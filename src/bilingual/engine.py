"""Running the checks over article pairs: streamed, and spread over the machine's cores."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.align import align
from bilingual.cache import Entry, ResultCache, Row, plan_key, stamp
from bilingual.checks.registry import REGISTRY, Check, CheckContext, Scope, all_checks, resolve
from bilingual.config import ChecksConfig, Config
from bilingual.errors import ConfigError, UnknownCheckError
from bilingual.glossary.model import Glossary
from bilingual.model import Bead, Block, Finding, Pair, Severity, Summary, relpath
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


def pair_beads(pair: Pair, plan: Plan) -> tuple[Bead, ...]:
    """The alignment the checks read: the pair's blocks as beads (none when a side is missing).
    ``preview`` shows this very pairing, so what it puts on one row is what ``check`` compared."""
    if pair.zh is None or pair.en is None:
        return ()
    return align(pair.zh.blocks, pair.en.blocks, plan.glossary)


#: The front matter's translated text that value checks compare, side by side.
FRONT_MATTER = ("title", "summary")


def front_matter_beads(pair: Pair) -> tuple[Bead, ...]:
    """The title and the summary of both sides, each a bead of one block a side on the line
    of its key, where both sides have one: numbers and dates are compared there too."""
    if pair.zh is None or pair.en is None:
        return ()
    beads = []
    for key in FRONT_MATTER:
        zh, en = pair.zh.meta.get(key), pair.en.meta.get(key)
        if isinstance(zh, str) and isinstance(en, str) and zh.strip() and en.strip():
            zh_line, en_line = pair.zh.meta_lines.get(key, 1), pair.en.meta_lines.get(key, 1)
            beads.append(
                Bead(
                    (Block("paragraph", zh, zh_line, zh_line),),
                    (Block("paragraph", en, en_line, en_line),),
                )
            )
    return tuple(beads)


def check_pair(pair: Pair, plan: Plan) -> tuple[list[Finding], int]:
    """Every planned check on one pair: its findings and how many were suppressed."""
    checks: list[Check] = [REGISTRY[code] for code in plan.codes]
    found: list[Finding] = []
    beads = pair_beads(pair, plan)
    meta: tuple[Bead, ...] | None = None
    for item in checks:
        ctx = CheckContext(
            pair, item, plan.severities[item.code], plan.settings, beads, plan.glossary
        )
        if item.scope is Scope.PAIR:
            found.extend(item.func(pair, ctx))
            continue
        if item.front_matter:
            meta = front_matter_beads(pair) if meta is None else meta
            for bead in meta:
                found.extend(item.func(bead, ctx))
        for bead in beads:
            found.extend(item.func(bead, ctx))
    kept = [f for f in found if not f.suppressed]
    kept.sort(key=Finding.sort_key)
    return kept, len(found) - len(kept)


@dataclass(slots=True)
class Checked:
    """One pair's result: its findings (suppressed ones left out), how many were suppressed,
    and the digests of the files as they were read."""

    article: str
    findings: list[Finding]
    suppressed: int
    digests: tuple[str, str] = ("", "")


def check_folder(root: Path, folder: Path, plan: Plan) -> Checked:
    """Read and check one article folder."""
    pair = load_pair(root, folder)
    kept, dropped = check_pair(pair, plan)
    return Checked(pair.folder, kept, dropped, pair.digests)


def _check_chunk(args: tuple[Path, list[Path]], plan: Plan | None = None) -> list[Checked]:
    root, folders = args
    plan = plan or _WORKER_PLAN
    assert plan is not None
    all_checks()  # a spawned worker starts with an empty registry
    return [check_folder(root, folder, plan) for folder in folders]


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


def check_pairs(
    root: Path,
    folders: Sequence[Path],
    plan: Plan,
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
    complete: bool = False,
) -> Iterator[Checked]:
    """Each pair's result, in the order of ``folders``, as soon as it is known: from ``cache``
    where the pair is unchanged, else checked (in worker processes for long runs, one chunk of
    pairs in memory per worker) and then kept in the cache. ``complete``: ``folders`` are all
    the content root's articles, and the cache forgets any other."""
    all_checks()
    order: list[tuple[Path, str, Row | None, tuple[str, str]]] = []
    misses: list[Path] = []
    rows = cache.rows() if cache is not None else {}
    for folder in folders:
        row = None
        stamps = ("", "")
        article = relpath(folder, root)
        if cache is not None:
            # Paths as strings: joining Path objects cost a fifth of a warm run.
            base = f"{folder}{os.sep}"
            stamps = (stamp(base + "zh.md"), stamp(base + "en.md"))
            row = rows.get(article)
            if row is not None and not cache.is_fresh(row, root, article, stamps):
                row = None
        if row is None:
            misses.append(folder)
        order.append((folder, article, row, stamps))
    with _checked(root, misses, plan, jobs or default_jobs()) as checked:
        keep: list[Entry] = []
        for folder, article, row, stamps in order:
            stored = cache.findings(row) if cache is not None and row is not None else None
            if stored is not None:
                result = Checked(article, stored[0], stored[1])
            else:
                # A row that could not be read back is checked here, in its turn.
                result = next(checked) if row is None else check_folder(root, folder, plan)
                if cache is not None:
                    keep.append(_entry(result, stamps))
                    if len(keep) >= CHUNK:
                        cache.store(keep)
                        keep = []
            if progress:
                progress(1)
            yield result
        if cache is not None:
            cache.store(keep)
            if complete:
                present = {article for _, article, _, _ in order}
                cache.forget(article for article in rows if article not in present)


def _entry(result: Checked, stamps: tuple[str, str]) -> Entry:
    return Entry(
        result.article,
        stamps[0],
        stamps[1],
        result.digests[0],
        result.digests[1],
        result.findings,
        result.suppressed,
    )


@contextmanager
def _checked(
    root: Path, folders: Sequence[Path], plan: Plan, jobs: int
) -> Iterator[Iterator[Checked]]:
    """The results of checking ``folders``, in order, by a pool of worker processes when there
    are enough of them to pay for it."""
    if jobs > 1 and len(folders) >= PARALLEL_THRESHOLD:
        method = "fork" if sys.platform == "linux" else "spawn"
        with ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(plan,),
        ) as pool:
            chunks = pool.map(_check_chunk, _chunks(root, folders))
            try:
                yield (result for chunk in chunks for result in chunk)
            finally:
                # A reader that stops early (``| head``) leaves chunks nobody will read.
                pool.shutdown(wait=True, cancel_futures=True)
    else:
        yield (check_folder(root, folder, plan) for folder in folders)


class Stream:
    """A streamed run: its findings, one pair after another, and its summary once they have
    all been read. Memory holds one pair's findings at a time, whatever their number."""

    def __init__(self, checked: Iterator[Checked]) -> None:
        self._checked = checked
        self.articles = self.suppressed = self.errors = self.warnings = 0

    def findings(self) -> Iterator[Finding]:
        """Every finding, in report order (by article, then line)."""
        for checked in self._checked:
            self.articles += 1
            self.suppressed += checked.suppressed
            for finding in checked.findings:
                if finding.severity is Severity.ERROR:
                    self.errors += 1
                else:
                    self.warnings += 1
                yield finding

    def summary(self) -> Summary:
        """The totals of what has been read so far (all of it, after ``findings``)."""
        return Summary(self.articles, self.errors, self.warnings, self.suppressed)


def cache_key(plan: Plan) -> str:
    """The result cache's key for a plan: what besides the files decides findings."""
    terms = plan.glossary.terms if plan.glossary is not None else None
    return plan_key(plan.codes, sorted(plan.severities.items()), plan.settings, terms)


def run_checks(
    root: Path,
    folders: Sequence[Path],
    plan: Plan,
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check the pairs in ``folders`` and collect every finding (``check_pairs`` streams)."""
    result = CheckResult()
    for checked in check_pairs(root, folders, plan, jobs=jobs, cache=cache, progress=progress):
        result.findings.extend(checked.findings)
        result.suppressed += checked.suppressed
        result.articles += 1
    return result
