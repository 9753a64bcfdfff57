"""Benchmark ``bilingual status`` with a warm cache: its time as a ratio to the read floor.

    python bench/bench_status.py            # the 10,000-pair corpus of generate.py
    python bench/bench_status.py 1000 --repeat 5

Uses ``bench/corpus/N`` (written by ``generate.py`` the first time, as ``bench_check.py``
does), runs ``bilingual check`` once to fill the result cache, then times ``bilingual status``
(the text board, and ``--format json``) as a user runs it, in a subprocess with its output to a
pipe. Each run is bracketed by two passes of the read floor (``floor.py``) and divided by the
smaller. The target: no more than 2x the floor. The cache's rows are compared before and after
the status runs: none written means every pair was answered from the cache.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import corpus  # noqa: E402
from floor import read_floor  # noqa: E402

TARGET = 2.0


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command (its output discarded)."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = os.times()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr.decode()}")
    cpu = after.children_user + after.children_system
    return elapsed, cpu - before.children_user - before.children_system


def cache_rows(root: Path) -> tuple[int, int]:
    """Rows in the cache and the time the last one was written."""
    path = root / ".bilingual" / "cache.sqlite"
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        count, last = conn.execute("SELECT count(*), max(stored_ns) FROM results").fetchone()
    return count, last or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, nargs="?", default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = corpus(args.size)
    bilingual = [sys.executable, "-m", "bilingual"]
    print(
        f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.date.today()}, load {os.getloadavg()[0]:.2f}; corpus {root}"
    )
    filling, _ = timed([*bilingual, "check", "--root", str(root), "--format", "json"])
    rows_before = cache_rows(root)
    print(f"# check to fill the cache: {filling:.2f} s, {rows_before[0]} rows")
    print(f"{'run':<14} {'floor s':>11} {'status s':>9} {'x floor':>8} {'cpu x':>6}")
    worst = 0.0
    for i in range(args.repeat):
        for label, extra in (("text", []), ("json", ["--format", "json"])):
            before = read_floor(root)
            seconds, cpu = timed([*bilingual, "status", "--root", str(root), *extra])
            after = read_floor(root)
            floor = min(before.seconds, after.seconds)
            ratio = seconds / floor
            worst = max(worst, ratio)
            cpu_ratio = cpu / min(before.cpu_seconds, after.cpu_seconds)
            print(
                f"{label + f' {i + 1}/{args.repeat}':<14} "
                f"{before.seconds:>5.2f}/{after.seconds:<5.2f} {seconds:>9.2f} {ratio:>8.2f} "
                f"{cpu_ratio:>6.2f}",
                flush=True,
            )
    rows_after = cache_rows(root)
    hits = "every pair from the cache" if rows_after == rows_before else "pairs were checked"
    verdict = "met" if worst <= TARGET else "NOT met"
    print(f"# worst {worst:.2f}x the floor (target {TARGET:.0f}x: {verdict}); {hits}")


if __name__ == "__main__":
    main()
