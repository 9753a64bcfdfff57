"""Score ``bilingual check`` on a ``generate_news.py`` corpus: defects found, false findings.

    python bench/recall_news.py 500 --defect-rate 0.5      # generate, check, score
    python bench/recall_news.py --root bench/corpus/news-10000   # score a corpus made before
    python bench/recall_news.py --root DIR --report check.json   # ... from a saved report

A planted defect is *found* when the article has a finding of the codes its kind should raise
(``EXPECTED``) at the edited block: for a deleted paragraph, a Chinese line within ``SLACK``
lines of the paragraph left without its English; for the others, an English line within the
edited block. Every other finding is *unexplained*: on a pair with no defect it is a false
finding (the generator writes faithful translations); on a pair with defects, one in an edited
block is a second finding of its defect (the numbers of a Chinese sentence left in the English
are numbers only in the English), one elsewhere a false finding or a defect's effect on
alignment. Prints recall per kind, then the unexplained findings by code, with examples.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_news import KINDS, generate  # noqa: E402

EXPECTED = {
    "deleted-paragraph": {"S101", "S103", "S104"},
    "changed-number": {"N101"},
    "changed-date": {"D101"},
    "chinese-in-english": {"T101"},
    "wrong-link": {"L101"},
    "forbidden-term": {"G102"},
}
#: How far from a deleted paragraph a finding may point: at the paragraph, or at a passage
#: that holds it (passage-mismatch names the first line of its range).
SLACK = 3


@dataclass
class Score:
    """Planted and found defects by kind, and the findings no defect explains."""

    planted: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    false_clean: list[dict] = field(default_factory=list)
    secondary: list[dict] = field(default_factory=list)
    extra_defective: list[dict] = field(default_factory=list)
    missed: list[tuple[str, dict]] = field(default_factory=list)
    findings: int = 0
    clean_pairs: int = 0


def _explains(defect: dict, finding: dict) -> bool:
    if finding["code"] not in EXPECTED[defect["kind"]]:
        return False
    if defect["kind"] == "deleted-paragraph":
        line = finding["zh"] and finding["zh"]["line"]
        first, last = defect["zh"]
        return bool(line) and first - SLACK <= line <= last + SLACK
    line = finding["en"] and finding["en"]["line"]
    first, last = defect["en"]
    return bool(line) and first <= line <= last


def _within(defect: dict, finding: dict) -> bool:
    """Whether ``finding`` points into the block ``defect`` edited (or the gap it left)."""
    side = "zh" if defect["en"] is None else "en"
    line = finding[side] and finding[side]["line"]
    first, last = defect[side]
    return bool(line) and first - SLACK <= line <= last + SLACK


def score(report: dict, defects: dict[str, list[dict]]) -> Score:
    """Match the findings of a JSON report to the planted defects."""
    result = Score(findings=len(report["findings"]))
    by_article: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        by_article.setdefault(finding["article"], []).append(finding)
    result.clean_pairs = report["summary"]["articles"] - len(defects)
    for slug, planted in defects.items():
        findings = by_article.get(slug, [])
        used: set[int] = set()
        for defect in planted:
            result.planted[defect["kind"]] += 1
            hits = [i for i, f in enumerate(findings) if _explains(defect, f)]
            if hits:
                result.found[defect["kind"]] += 1
                used.update(hits)
            else:
                result.missed.append((slug, defect))
        for i, finding in enumerate(findings):
            if i in used:
                continue
            if any(_within(defect, finding) for defect in planted):
                result.secondary.append(finding)
            else:
                result.extra_defective.append(finding)
    for slug, findings in by_article.items():
        if slug not in defects:
            result.false_clean += findings
    return result


def check(root: Path, jobs: int = 0) -> dict:
    """``bilingual check --format json`` on ``root``, as a user runs it."""
    command = [sys.executable, "-m", "bilingual", "check", "--root", str(root), "--format", "json"]
    if jobs:
        command += ["--jobs", str(jobs)]
    proc = subprocess.run(command, capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed ({proc.returncode}): {proc.stderr.decode()}")
    return json.loads(proc.stdout)


def report(result: Score, examples: int = 5) -> str:
    """Recall by kind, then the unexplained findings."""
    lines = [f"{'kind':<20} {'planted':>8} {'found':>6} {'recall':>7}"]
    for kind in KINDS:
        planted, found = result.planted[kind], result.found[kind]
        if planted:
            lines.append(f"{kind:<20} {planted:>8} {found:>6} {found / planted:>7.1%}")
    total, found = sum(result.planted.values()), sum(result.found.values())
    if total:
        lines.append(f"{'all':<20} {total:>8} {found:>6} {found / total:>7.1%}")
    lines.append(f"findings: {result.findings}")
    lines.append(
        f"false findings on {result.clean_pairs} clean pairs: {len(result.false_clean)} "
        f"{dict(Counter(f['code'] for f in result.false_clean))}"
    )
    lines.append(
        f"more findings in the blocks of defects: {len(result.secondary)} "
        f"{dict(Counter(f['code'] for f in result.secondary))}"
    )
    lines.append(
        f"findings elsewhere on pairs with defects: {len(result.extra_defective)} "
        f"{dict(Counter(f['code'] for f in result.extra_defective))}"
    )
    for finding in (result.false_clean + result.extra_defective)[:examples]:
        where = finding["zh"] or finding["en"]
        lines.append(f"  {finding['code']} {where['path']}:{where['line']} {finding['message']}")
    for slug, defect in result.missed[:examples]:
        lines.append(f"  missed {defect['kind']} in {slug} (zh {defect['zh']}): {defect['what']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=500)
    parser.add_argument("--root", type=Path, help="score this corpus instead of generating one")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--defect-rate", type=float, default=0.5)
    parser.add_argument("--defects-per-pair", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument(
        "--report",
        type=Path,
        help="score this JSON report of the corpus (bilingual check --format json > FILE) "
        "instead of running check",
    )
    parser.add_argument("--examples", type=int, default=10, help="unexplained findings shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.root
        if root is None:
            root = Path(scratch)
            generate(args.count, root, args.seed, args.defect_rate, args.defects_per_pair)
        defects = json.loads((root / "defects.json").read_text(encoding="utf-8"))
        if args.report:
            found = json.loads(args.report.read_text(encoding="utf-8"))
        else:
            found = check(root, args.jobs)
        print(report(score(found, defects), args.examples))


if __name__ == "__main__":
    main()
