"""Benchmark the glossary checks: ``check`` with a large term base against ``check`` without one.

    python bench/bench_glossary.py 10000 --terms 2000

Writes ``glossary.yaml`` into the generated corpus (the shipped term base, which the corpus's
articles use, plus synthetic terms up to ``--terms``; deterministic), runs ``check`` with it and
without it (best of three each), and prints both times and the overhead. The glossary is
removed afterwards so ``bench_check.py`` keeps measuring the corpus without one.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import run  # noqa: E402
from generate import generate  # noqa: E402

# Syllables and characters for synthetic terms that read like names of institutions.
_SYLLABLES = [
    "an",
    "bei",
    "chang",
    "da",
    "fang",
    "gao",
    "hua",
    "jin",
    "kang",
    "lan",
    "ming",
    "nan",
    "ping",
    "qing",
    "rui",
    "shan",
    "tian",
    "wei",
    "xin",
    "yang",
    "zhong",
]
_KINDS = ["Institute", "Laboratory", "Center", "Foundation", "Museum", "Hospital", "Academy"]
_HAN = "东南西北中华新光明德仁和平安康宁远高长青云天海山川江河湖林森金玉文科技创研院所馆"


def synthetic_terms(count: int, seed: int = 30042) -> list[str]:
    """``count`` glossary entries as YAML lines: zh, en, and every tenth with a forbidden one."""
    rng = random.Random(seed)
    seen: set[str] = set()
    lines = []
    while len(lines) < count:
        zh = "".join(rng.choice(_HAN) for _ in range(rng.randint(4, 8)))
        if zh in seen:
            continue
        seen.add(zh)
        name = " ".join(rng.choice(_SYLLABLES).title() for _ in range(rng.randint(1, 3)))
        kind = rng.choice(_KINDS)
        entry = f"  - zh: {zh}\n    en: {name} {kind} {len(lines)}\n"
        if len(lines) % 10 == 0:
            entry += f"    forbidden: [{name.replace(' ', '')} {kind} {len(lines)}]\n"
        lines.append(entry)
    return lines


def write_glossary(root: Path, terms: int) -> int:
    """The shipped term base plus synthetic terms, ``terms`` in all; the number written."""
    shipped = (HERE.parent / "glossary.yaml").read_text(encoding="utf-8")
    own = shipped.count("\n  - zh:")
    (root / "glossary.yaml").write_text(
        shipped + "".join(synthetic_terms(max(terms - own, 0))), encoding="utf-8"
    )
    return max(terms, own)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the glossary checks.")
    parser.add_argument("sizes", type=int, nargs="*", default=[10000])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs each; the best counts")
    args = parser.parse_args()
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'pairs':>7} {'terms':>6} {'without':>8} {'with':>8} {'overhead':>9} {'findings':>9}")
    for size in args.sizes:
        corpus = HERE / "corpus" / str(size)
        if not (corpus / "articles").is_dir():
            generate(size, corpus)
        glossary = corpus / "glossary.yaml"
        glossary.unlink(missing_ok=True)
        without = min((run(size, []) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        terms = write_glossary(corpus, args.terms)
        try:
            best = min((run(size, []) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        finally:
            glossary.unlink(missing_ok=True)
        overhead = best["seconds"] / without["seconds"] - 1
        print(
            f"{size:>7} {terms:>6} {without['seconds']:>8.2f} {best['seconds']:>8.2f} "
            f"{overhead:>8.1%} {best['findings']:>9}"
        )
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
