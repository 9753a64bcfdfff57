"""One ``bilingual translate`` run: the articles found, the memory brought up to date, every
draft made (or, for ``--dry-run``, what would be sent counted), then every draft written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import UsageError
from bilingual.translate.draft import Draft, Drafter, Job, check, draft, jobs, units_of, write
from bilingual.translate.providers import PROVIDERS, Service

if TYPE_CHECKING:
    from bilingual.config import Config
    from bilingual.engine import Plan
    from bilingual.translate.memory import Memory

Warn = Callable[[str], None]
#: ``stage(total)``: what to call with each unit done.
Stage = Callable[[int], Callable[[int], None]]


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line asks for."""

    names: tuple[str, ...] = ()
    all_missing: bool = False
    to: str | None = None
    provider: str | None = None
    base_url: str | None = None
    dry_run: bool = False
    force: bool = False
    memory: bool = True


@dataclass(frozen=True, slots=True)
class Planned:
    """What a dry run reports of one article: the texts it would send."""

    job: Job
    units: int
    sending: tuple[str, ...]

    @property
    def characters(self) -> int:
        """Characters it would send (what providers bill)."""
        return sum(map(len, self.sending))


@dataclass(slots=True)
class Outcome:
    """What a run did."""

    provider: str
    drafts: list[Draft] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    requests: int = 0
    characters: int = 0
    remembered: int = 0


def translate(root: Path, config: Config, options: Options, warn: Warn, stage: Stage) -> Outcome:
    """Draft the articles ``options`` names (or count what would be sent, for a dry run)."""
    from bilingual.engine import make_plan
    from bilingual.glossary.match import matcher
    from bilingual.glossary.store import load_glossary

    name = options.provider or config.translate.provider
    if name not in PROVIDERS:
        raise UsageError(f"--provider takes one of {', '.join(PROVIDERS)}, not {name!r}")
    if options.base_url and not options.base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url takes an http or https address, not {options.base_url!r}")
    found = jobs(
        root,
        list(options.names),
        all_missing=options.all_missing,
        to=options.to,
        # A dry run refuses what the run would refuse: a side that exists needs --force.
        force=options.force,
        default_original=config.original,
    )
    glossary = load_glossary(root, config.glossary)
    plan = make_plan(config, glossary=glossary)
    terms = matcher(glossary) if glossary is not None else None
    memory = _memory(root, plan, warn) if options.memory else None
    outcome = Outcome(name)
    services: dict[tuple[str, str], Drafter] = {}
    try:
        advance = stage(sum(len(units_of(job)) for job in found)) if not options.dry_run else None
        for job in found:
            key = (job.source, job.target)
            if key not in services:
                service = Service(name, config.translate, *key, base_url=options.base_url)
                services[key] = Drafter(service, memory, terms, advance)
            _one(root, job, services[key], plan, outcome, dry_run=options.dry_run)
        for made in outcome.drafts:  # the service is done with: now, and only now, write
            write(made)
    finally:
        for drafter in services.values():
            outcome.requests += drafter.service.requests
            outcome.characters += drafter.service.characters
            outcome.remembered += drafter.remembered
        if memory is not None:
            memory.close()
    return outcome


def _one(
    root: Path, job: Job, drafter: Drafter, plan: Plan, outcome: Outcome, *, dry_run: bool
) -> None:
    """Draft one article and check the draft (or, for a dry run, list what it would send)."""
    if dry_run:
        texts = units_of(job)
        sending = tuple(t for text in texts for t in drafter.sendable(text))
        outcome.planned.append(Planned(job, len(texts), sending))
        return
    before = (drafter.remembered, drafter.sent)
    made = draft(job, drafter, _digest(job))
    made.remembered, made.sent = drafter.remembered - before[0], drafter.sent - before[1]
    made.findings = check(root, made, plan)
    outcome.drafts.append(made)


def _digest(job: Job) -> str:
    from bilingual.parse.frontmatter import split
    from bilingual.stale import original_digest

    source = split(job.text, str(job.folder / f"{job.source}.md"))
    return original_digest(source.meta, source.body)


def _memory(root: Path, plan: Plan, warn: Warn) -> Memory | None:
    from bilingual.translate.exchange import refresh
    from bilingual.translate.memory import open_memory

    memory = open_memory(root, warn)
    if memory is not None:
        refresh(root, memory, plan)
    return memory
