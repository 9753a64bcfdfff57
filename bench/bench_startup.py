"""Benchmark start-up: wall time of ``bilingual --help`` against a bare Python start.

python bench/bench_startup.py --runs 30
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """(best, median) wall time in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark bilingual --help start-up.")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("bilingual")
    rows = [("python -c pass", [sys.executable, "-c", "pass"])]
    if script:
        rows.append(("bilingual --help", [script, "--help"]))
    rows.append(("python -m bilingual --help", [sys.executable, "-m", "bilingual", "--help"]))
    print(f"{'command':<28} {'best ms':>8} {'median ms':>10}")
    for name, command in rows:
        best, median = timed(command, args.runs)
        print(f"{name:<28} {best:>8.0f} {median:>10.0f}")


if __name__ == "__main__":
    main()
