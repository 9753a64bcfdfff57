"""SARIF 2.1.0: one run with a rule per registered check and a result per finding, for
code-scanning dashboards (GitHub code scanning and others that read the OASIS format)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from bilingual.model import Finding, Location, Severity, Summary

if TYPE_CHECKING:
    from bilingual.checks.registry import Check

#: The schema's own id: the OASIS standard with its approved errata.
SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
#: The URI base id every path is relative to. Its absolute URI is left out on purpose (SARIF
#: 3.14.14 allows it): output stays the same on every machine and names no home folder.
SRCROOT = "%SRCROOT%"
#: Bumped when the fingerprint's recipe changes, so dashboards see new keys, not false matches.
FINGERPRINT = "bilingual/v1"
#: ``zh.md:21`` or ``en.md:19-23`` in a message: a line reference, which shifts when lines are
#: added above and so must not be part of a fingerprint.
_LINE_REF = re.compile(r"\b((?:zh|en)\.md):\d+(?:-\d+)?")


def write(
    out: TextIO,
    findings: Iterable[Finding],
    summary: Callable[[], Summary],
    *,
    prefix: str = "",
    **_: object,
) -> None:
    """The SARIF log as JSON, UTF-8, one trailing newline, written one result at a time (the
    document ``json.dumps(..., indent=2)`` makes); ``prefix`` is the content root's path from
    the repository root, as for the github format."""
    from bilingual.checks.registry import all_checks

    checks = all_checks()
    index = {item.code: number for number, item in enumerate(checks)}
    log = {
        "$schema": SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver(checks)},
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {
                            "text": "The repository root (GITHUB_WORKSPACE, else the folder "
                            "bilingual ran in) when the content root is inside it, else the "
                            "content root."
                        }
                    }
                },
                "results": [],
            }
        ],
    }
    head, tail = json.dumps(log, ensure_ascii=False, indent=2).split('"results": []')
    out.write(head + '"results": [')
    first = True
    for item in results(findings, index, prefix):
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + _RESULT)
        out.write(("\n" if first else ",\n") + _RESULT + text)
        first = False
    out.write(("]" if first else "\n" + _RESULT[:-2] + "]") + tail + "\n")


#: Where a result stands in the log: runs, the run, its results.
_RESULT = " " * 8


def driver(checks: Iterable[Check]) -> dict[str, Any]:
    """``tool.driver``: the program, its version and one rule per check."""
    from bilingual import __version__

    tool: dict[str, Any] = {"name": "bilingual", "version": __version__}
    url = _project_url()
    if url:
        tool["informationUri"] = url
    tool["rules"] = [rule(item) for item in checks]
    return tool


def rule(item: Check) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one check. The whole explanation travels in ``help``
    (there is no published page for a ``helpUri`` to point at)."""
    from bilingual.report.catalog import ALWAYS

    body = item.doc.split("\n", 1)[1].strip() if "\n" in item.doc else item.title
    if item.always:
        body += f"\n\n{ALWAYS}"
    return {
        "id": item.code,
        "name": item.slug,
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": _section(item.doc, "What it does") or item.title},
        "help": {"text": body, "markdown": body},
        "defaultConfiguration": {"level": _level(item.severity)},
        "properties": {"tags": [item.category]},
    }


def results(
    findings: Iterable[Finding], index: dict[str, int], prefix: str = ""
) -> Iterator[dict[str, Any]]:
    """One ``result`` per finding, in order. Each is built from its finding alone, but for a
    count that tells apart findings whose fingerprints would otherwise be equal."""
    seen: dict[str, int] = {}
    article = None
    for finding in findings:
        if finding.article != article:
            # A fingerprint names its article: counts start again with each, so memory does
            # not grow with the findings of a whole archive.
            seen.clear()
            article = finding.article
        digest = fingerprint(finding)
        seen[digest] = seen.get(digest, 0) + 1
        yield result(finding, index, prefix, f"{digest}:{seen[digest]}")


def result(finding: Finding, index: dict[str, int], prefix: str, key: str) -> dict[str, Any]:
    """The ``result`` object of one finding: on the side where the problem is, with the other
    side as a related location."""
    primary, other = (
        (finding.en, finding.zh) if finding.primary == "en" else (finding.zh, finding.en)
    )
    if primary is None:
        primary, other = other, None
    item: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        item["ruleIndex"] = index[finding.code]
    item["level"] = _level(finding.severity)
    item["message"] = {"text": finding.message}
    # Code scanning refuses a whole upload over one result without a location, so a finding
    # with none (a folder holding neither side) points at its article folder.
    if primary is None:
        from bilingual.parse.discover import ARTICLES

        primary = Location(f"{ARTICLES}/{finding.article}/", None)
    item["locations"] = [_location(primary, prefix)]
    if other is not None:
        related = _location(other, prefix)
        related["id"] = 1
        related["message"] = {"text": f"the counterpart in {other.path.rsplit('/', 1)[-1]}"}
        item["relatedLocations"] = [related]
    item["partialFingerprints"] = {FINGERPRINT: key}
    return item


def fingerprint(finding: Finding) -> str:
    """A digest that stays the same across runs while the problem does: the check, the article,
    the side, the message without line references, and the text it is about. Adding lines above
    a finding leaves it alone; fixing and reintroducing a problem gives it back."""
    excerpt = finding.en_excerpt if finding.primary == "en" else finding.zh_excerpt
    parts = (
        finding.code,
        finding.article,
        finding.primary,
        _LINE_REF.sub(r"\1", finding.message),
        excerpt or "",
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _location(loc: Location, prefix: str) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": prefix + loc.path, "uriBaseId": SRCROOT}
    }
    if loc.line:
        physical["region"] = {"startLine": loc.line}
    return {"physicalLocation": physical}


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _section(doc: str, title: str) -> str:
    """The text of the docstring section ``## title``, its lines joined into one paragraph."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
    return " ".join(match.group(1).split()) if match else ""


def _project_url() -> str | None:
    """The home page the package metadata declares, if any: SARIF's ``informationUri``."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("bilingual").get_all("Project-URL") or []
    except PackageNotFoundError:  # run from a source tree that was never installed
        return None
    found = dict(entry.split(", ", 1) for entry in urls if ", " in entry)
    for label in ("Homepage", "Documentation", "Source", "Repository"):
        if found.get(label):
            return found[label]
    return None
