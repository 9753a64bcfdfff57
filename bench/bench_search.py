"""Time searches in a built bundle, in headless Chromium: what a reader waits for.

    python bench/bench_search.py bench/corpus/bundle-10000/site "zh:碳中和" "en:carbon neutrality"

Serves the bundle over http on 127.0.0.1 (as ``docs/screens/shoot.py`` does for the
screenshots), opens each language's search page in a fresh browser context (nothing cached),
types the words and times until the first result is shown; counts the requests for the search
index (``/pagefind/``) and their bytes. Each query is run ``--repeat`` times; the best is
printed. A language's index is split into shards (``site.search_shard``), which the search page
merges: more shards make a rebuild's re-indexing faster (each is smaller) and a search slower
(each shard's entry, metadata and index chunks are fetched).

Needs Chromium (``apt-get install chromium``) and Playwright (the test extras).
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _shoot() -> ModuleType:
    """The screenshot script, which serves a bundle and starts Chromium."""
    spec = importlib.util.spec_from_file_location("shoot", REPO / "docs/screens/shoot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a bundle folder")
    parser.add_argument("queries", nargs="+", help="LANG:WORDS, e.g. zh:碳中和")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shoot = _shoot()
    shards = {
        lang: sum(1 for p in (args.site / lang / "pagefind").iterdir() if p.is_dir())
        for lang in ("zh", "en")
        if (args.site / lang / "pagefind").is_dir()
    }
    print(f"site: {args.site} (index shards: {shards})")
    with shoot.serve(args.site) as base, shoot.chromium() as browser:
        for query in args.queries:
            lang, _, words = query.partition(":")
            best: tuple[float, int, int] | None = None
            for _ in range(args.repeat):
                context = browser.new_context()
                tab = context.new_page()
                seen = {"requests": 0, "bytes": 0}

                def answered(response: Any, seen: dict[str, int] = seen) -> None:
                    if "/pagefind/" in response.url:
                        seen["requests"] += 1
                        seen["bytes"] += len(response.body())

                tab.on("response", answered)
                tab.goto(f"{base}{lang}/search/index.html")
                tab.wait_for_selector(".pagefind-ui__search-input")
                start = time.perf_counter()
                tab.fill(".pagefind-ui__search-input", words)
                tab.wait_for_selector(".pagefind-ui__result-link", timeout=60_000)
                took = time.perf_counter() - start
                context.close()
                if best is None or took < best[0]:
                    best = (took, seen["requests"], seen["bytes"])
            assert best is not None
            print(
                f"{lang} {words!r}: first result in {best[0]:.2f} s (best of {args.repeat}), "
                f"{best[1]} index requests, {best[2] / 1024:.0f} KB"
            )


if __name__ == "__main__":
    main()
