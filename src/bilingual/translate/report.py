"""What ``bilingual translate`` says: each draft written and its findings, or a dry run's plan."""

from __future__ import annotations

from pathlib import Path

from bilingual.model import Severity, Summary, relpath
from bilingual.translate.run import Outcome


def render(outcome: Outcome, root: Path, *, color: bool = False, width: int = 100) -> str:
    """The report of a run, as text."""
    if outcome.planned:
        return _planned(outcome, root)
    if not outcome.drafts:
        return "nothing to draft: every article has both sides\n"
    from bilingual.report import render as findings_report

    out: list[str] = []
    for made in outcome.drafts:
        path = relpath(made.job.path, root)
        kept = f" (the old one kept as {made.backup.name})" if made.backup else ""
        out.append(
            f"drafted {path} from {made.job.source}.md with {outcome.provider}{kept}: "
            f"{made.sent} units translated, {made.remembered} from the memory\n"
        )
        if made.findings:
            errors = sum(f.severity is Severity.ERROR for f in made.findings)
            summary = Summary(1, errors, len(made.findings) - errors)
            out.append(findings_report("text", made.findings, summary, color=color, width=width))
    out.append(
        f"{len(outcome.drafts)} draft{'s' * (len(outcome.drafts) != 1)} written: "
        f"{outcome.requests} request{'s' * (outcome.requests != 1)}, "
        f"{outcome.characters} characters sent, {outcome.remembered} units from the memory\n"
    )
    if outcome.drafts:
        out.append(
            "next: edit the drafts, then set their status to review (the memory reads them)\n"
        )
    return "".join(out)


def _planned(outcome: Outcome, root: Path) -> str:
    out: list[str] = []
    total = 0
    for plan in outcome.planned:
        job = plan.job
        total += plan.characters
        action = "replace it (with --force)" if job.exists else "write it"
        out.append(
            f"{relpath(job.path, root)}: would {action} from {job.source}.md with "
            f"{outcome.provider}: {plan.units} units, {len(plan.sending)} requests, "
            f"{plan.characters} characters\n"
        )
        out.extend(f"  > {text}\n" for text in plan.sending)
    out.append(f"dry run: nothing sent or written; {total} characters would be sent\n")
    return "".join(out)
