"""Benchmark ``bilingual check`` over generated corpora: pairs per second and peak memory.

    python bench/bench_check.py 1000 10000

Generates each corpus once (``bench/corpus/N``, deterministic), then runs the installed CLI on
it as a user would (``python -m bilingual check --format json``), sampling the resident memory
of the process and its workers every 20 ms. Prints one line per corpus size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def _rss_kib(pid: int) -> int:
    try:
        with Path(f"/proc/{pid}/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids.extend(_tree(int(child)))
    return pids


class MemorySampler(threading.Thread):
    """Peak RSS of a process tree: the largest single process and the largest total."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_total = 0
        self.peak_single = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            sizes = [_rss_kib(p) for p in _tree(self.pid)]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self.done.wait(0.02)


def run(count: int, extra: list[str]) -> dict[str, float]:
    """Check a corpus of ``count`` pairs; figures of the run."""
    corpus = HERE / "corpus" / str(count)
    if not (corpus / "articles").is_dir():
        generate(count, corpus)
    command = [
        sys.executable,
        "-m",
        "bilingual",
        "check",
        "--root",
        str(corpus),
        "--format",
        "json",
        *extra,
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed ({proc.returncode}): {err.decode()}")
    summary = json.loads(out)["summary"]
    return {
        "pairs": count,
        "seconds": elapsed,
        "pairs_per_second": count / elapsed,
        "peak_total_mb": sampler.peak_total / 1024,
        "peak_process_mb": sampler.peak_single / 1024,
        "findings": summary["errors"] + summary["warnings"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark bilingual check.")
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"{'pairs':>7} {'seconds':>8} {'pairs/s':>8} {'peak MB (all)':>14} "
        f"{'peak MB (1 proc)':>17} {'findings':>9}"
    )
    for size in args.sizes:
        best = min((run(size, extra) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        print(
            f"{best['pairs']:>7} {best['seconds']:>8.2f} {best['pairs_per_second']:>8.0f} "
            f"{best['peak_total_mb']:>14.1f} {best['peak_process_mb']:>17.1f} "
            f"{best['findings']:>9}"
        )


if __name__ == "__main__":
    main()
