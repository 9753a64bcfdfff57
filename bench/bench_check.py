"""Benchmark ``bilingual check`` over generated corpora: time as a ratio to the read floor, memory.

    python bench/bench_check.py 1000 10000
    python bench/bench_check.py 10000 --corpus news --findings many
    python bench/bench_check.py 10000 --corpus news --cold --warm --touch-one

Generates each corpus once (deterministic, seed 2023): ``bench/corpus/N`` from ``generate.py``,
or with ``--corpus news`` ``bench/corpus/news-N`` from ``generate_news.py`` (longer press
releases from other templates, with a glossary); ``--findings many`` plants five defects in
nine pairs of ten (``news-many-N``, about five findings a pair) for the memory target. Then it
runs the installed CLI on it as a user would (``python -m bilingual check --format json``),
sampling the resident memory of the process and its workers every 20 ms.

Every run is bracketed by two passes of the read floor (``floor.py``: read every file, parse
its front matter with libyaml) in this process, and its time is printed as a ratio to the
*smaller* of the two: a load spike during one pass cannot make the check look cheaper. The
machine is shared and noisy; the ratio, measured in the same minute, is the figure to compare.
``cpu x`` is the same ratio in CPU time (the check's and its workers' against the floor's):
the check spreads over the cores and the floor does not, so on an idle machine the wall-time
ratio is about the CPU ratio divided by the cores used; on a loaded one it is steadier.

Kinds of run:
    cold       (default) the check from nothing; with ``--no-cache`` when ``check --help``
               lists that option, so the same bench measures before and after a result cache.
    warm       the cache cleared, one check to fill it, then the measured check with nothing
               changed.
    touch-one  the same, with a sentence appended to one article's en.md between the two
               (put back afterwards).
Until ``check`` has a cache, warm and touch-one cost what cold does.

Prints the machine, the date and the start-up time (``bilingual --help`` against
``python -c pass``, best of five each), one line per run, and the best cold run per size in
the columns this benchmark always printed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from floor import read_floor  # noqa: E402
from generate import generate  # noqa: E402

#: ``--findings many``: five defects in nine pairs of ten, about five findings a pair.
MANY = {"defect_rate": 0.9, "defects_per_pair": 5}
#: What ``--touch-one`` appends to the last line of one en.md.
SENTENCE = " The organizers thanked the volunteers for their work."


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
    """Peak RSS of a process tree: the largest single process, the largest total, and each
    process's own peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_total = 0
        self.peak_single = 0
        self.peaks: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            sizes = {p: _rss_kib(p) for p in _tree(self.pid)}
            for pid, size in sizes.items():
                self.peaks[pid] = max(self.peaks.get(pid, 0), size)
            self.peak_total = max(self.peak_total, sum(sizes.values()))
            self.peak_single = max(self.peak_single, max(sizes.values(), default=0))
            self.done.wait(0.02)


def corpus(count: int, kind: str = "generate", findings: str = "few") -> Path:
    """The content root of a generated corpus, written the first time it is asked for."""
    if kind == "generate":
        root = HERE / "corpus" / str(count)
        if not (root / "articles").is_dir():
            generate(count, root)
        return root
    from generate_news import generate as generate_news

    root = HERE / "corpus" / (f"news-many-{count}" if findings == "many" else f"news-{count}")
    if not (root / "articles").is_dir():
        generate_news(count, root, **(MANY if findings == "many" else {}))
    return root


def check_once(root: Path, extra: list[str]) -> dict[str, float]:
    """One ``bilingual check --format json`` of ``root``: its wall time, memory and findings."""
    command = [
        sys.executable,
        "-m",
        "bilingual",
        "check",
        "--root",
        str(root),
        "--format",
        "json",
        *extra,
    ]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    # The CPU time of the check and of its workers (it waits for them, so they count as its).
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = done.ru_utime + done.ru_stime - children.ru_utime - children.ru_stime
    sampler.done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed ({proc.returncode}): {err.decode()}")
    summary = json.loads(out)["summary"]
    return {
        "pairs": summary["articles"],
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "pairs_per_second": summary["articles"] / elapsed,
        "peak_total_mb": sampler.peak_total / 1024,
        "peak_process_mb": sampler.peak_single / 1024,
        # The parent first: the pid the sampler was started on.
        "peaks_mb": [
            sampler.peaks[p] / 1024 for p in sorted(sampler.peaks, key=lambda p: p != proc.pid)
        ],
        "findings": summary["errors"] + summary["warnings"],
    }


def run(count: int, extra: list[str]) -> dict[str, float]:
    """Check the ``generate.py`` corpus of ``count`` pairs once (``bench_glossary.py`` uses it)."""
    return check_once(corpus(count), extra)


def has_cache_option() -> bool:
    """Whether this ``bilingual check`` has a result cache that ``--no-cache`` switches off."""
    command = [sys.executable, "-m", "bilingual", "check", "--help"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return "--no-cache" in out


def clear_cache(root: Path) -> None:
    """Remove the result cache of ``root`` (``.bilingual/cache.sqlite`` and its journal)."""
    for path in (root / ".bilingual").glob("cache.sqlite*"):
        path.unlink()


@contextmanager
def one_touched(root: Path) -> Iterator[Path]:
    """Append a sentence to the en.md of the middle article; put it back (and its time) after."""
    folders = sorted(p for p in (root / "articles").iterdir() if p.is_dir())
    path = folders[len(folders) // 2] / "en.md"
    original, stat = path.read_bytes(), path.stat()
    text = original.decode("utf-8").rstrip("\n")
    path.write_text(text + SENTENCE + "\n", encoding="utf-8")
    try:
        yield path
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def measured(root: Path, kind: str, extra: list[str], no_cache: bool) -> dict:
    """One run of ``kind`` (cold, warm or touch-one) between two passes of the read floor."""
    before = read_floor(root)
    if kind == "cold":
        result = check_once(root, [*extra, "--no-cache"] if no_cache else extra)
    else:
        clear_cache(root)
        filling = check_once(root, extra)
        if kind == "warm":
            result = check_once(root, extra)
        else:
            with one_touched(root):
                result = check_once(root, extra)
        result["filling_seconds"] = filling["seconds"]
    after = read_floor(root)
    return {
        **result,
        "kind": kind,
        "floor_before": before.seconds,
        "floor_after": after.seconds,
        "ratio": result["seconds"] / min(before.seconds, after.seconds),
        "cpu_ratio": result["cpu_seconds"] / min(before.cpu_seconds, after.cpu_seconds),
        "corpus_mb": before.bytes / 1e6,
    }


def startup(runs: int = 5) -> tuple[float, float]:
    """Best wall time (ms) of ``bilingual --help`` and of ``python -c pass``, interleaved."""
    script = shutil.which("bilingual") or str(Path(sys.executable).with_name("bilingual"))
    times: dict[str, list[float]] = {"help": [], "pass": []}
    for _ in range(runs):
        for name, command in (
            ("help", [script, "--help"]),
            ("pass", [sys.executable, "-c", "pass"]),
        ):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            times[name].append((time.perf_counter() - start) * 1000)
    return min(times["help"]), min(times["pass"])


def _row(r: dict) -> str:
    peaks = "/".join(f"{p:.0f}" for p in r["peaks_mb"])
    return (
        f"{r['pairs']:>7} {r['seconds']:>8.2f} {r['pairs_per_second']:>8.0f} "
        f"{r['peak_total_mb']:>14.1f} {r['peak_process_mb']:>17.1f} {r['findings']:>9} "
        f"{r['floor_before']:>6.2f}/{r['floor_after']:<5.2f} {r['ratio']:>7.1f} "
        f"{r['cpu_ratio']:>6.1f}  "
        f"{r['label']:<13} {peaks}"
        + (f"  (first check {r['filling_seconds']:.2f} s)" if "filling_seconds" in r else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark bilingual check.")
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind per size")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--corpus", choices=("generate", "news"), default="generate")
    parser.add_argument(
        "--findings",
        choices=("few", "many"),
        default="few",
        help="news only: many plants 5 defects in 90%% of pairs (about 5 findings a pair)",
    )
    parser.add_argument("--cold", action="store_true", help="cold runs (the default)")
    parser.add_argument("--warm", action="store_true", help="a second check, nothing changed")
    parser.add_argument(
        "--touch-one", action="store_true", help="a second check after one en.md changed"
    )
    args = parser.parse_args()
    if args.findings == "many" and args.corpus != "news":
        parser.error("--findings many needs --corpus news")
    kinds = [
        k
        for k, on in (("cold", args.cold), ("warm", args.warm), ("touch-one", args.touch_one))
        if on
    ]
    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    no_cache = has_cache_option()
    help_ms, pass_ms = startup()
    print(
        f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.date.today()}, load {os.getloadavg()[0]:.2f}; corpus {args.corpus}"
        f"{' (many findings)' if args.findings == 'many' else ''}; "
        f"cold runs {'with' if no_cache else 'without'} --no-cache"
    )
    print(
        f"# bilingual --help {help_ms:.0f} ms, python -c pass {pass_ms:.0f} ms "
        f"(best of 5): {help_ms / pass_ms:.1f}x"
    )
    print(
        f"{'pairs':>7} {'seconds':>8} {'pairs/s':>8} {'peak MB (all)':>14} "
        f"{'peak MB (1 proc)':>17} {'findings':>9} {'floor s':>12} {'x floor':>7} {'cpu x':>6}  "
        f"{'run':<13} peak MB per process (parent first)"
    )
    for size in args.sizes:
        root = corpus(size, args.corpus, args.findings)
        best: dict | None = None
        size_mb = 0.0
        for kind in kinds or ["cold"]:
            for i in range(args.repeat):
                result = measured(root, kind, extra, no_cache)
                size_mb = result["corpus_mb"]
                result["label"] = f"{kind} {i + 1}/{args.repeat}"
                print(_row(result), flush=True)
                if kind == "cold" and (best is None or result["seconds"] < best["seconds"]):
                    best = result
        if best is not None:
            print(_row({**best, "label": "cold, best"}), flush=True)
        print(f"# corpus: {root}, {size_mb:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
