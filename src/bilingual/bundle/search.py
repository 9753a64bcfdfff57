"""Search: a search page per language and a static Pagefind index of its articles, written
into the bundle after its pages (``--no-search`` leaves them out).

The search pages are pages like the others (``Pages.search_page``), rendered or taken from the
old bundle by their key (``bilingual.bundle.incremental``), and so is each language's index,
by a key made of the bytes of its language's files: made afresh (``add_search``) once every
page, rendered or carried over, is in the new folder, before the links are checked and the
manifest written.

Pagefind (https://pagefind.app) reads the rendered pages of one language's tree (only the
``<article data-pagefind-body>`` of article pages: no index, category or search page) and
writes its index and its UI, JavaScript and CSS, into ``<lang>/pagefind/``. The extended
binary (the ``pagefind[extended]`` package) segments Chinese, so that 张江科学会堂 is found
inside a sentence. In the browser the index is found relative to ``pagefind-ui.js``, so the
search works from any folder of a web server; browsers do not let a page read it from a
``file://`` path, where the search page says so and the rest of the site works as before.

Each language is indexed on its own, in a fresh working folder (Pagefind reads a
``pagefind.yml`` there) with no ``PAGEFIND_*`` variables: one language per index also keeps
``pagefind-entry.json`` byte-stable (Pagefind writes its languages in hash-map order).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.bundle.pages import PAGEFIND
from bilingual.errors import BundleError

if TYPE_CHECKING:
    from bilingual.bundle.site import Site
    from bilingual.bundle.write import Files

#: Seconds one language may take to index (10,000 articles take about 15 s here).
TIMEOUT = 600


def searchable(site: Site) -> tuple[str, ...]:
    """The languages that get a search page: those with a published article (Pagefind
    refuses to write an empty index)."""
    return tuple(lang for lang in site.languages if site.entries[lang])


def pagefind_binary() -> Path:
    """The extended Pagefind binary the ``pagefind[extended]`` package ships."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        raise BundleError(
            "the Pagefind binary is not installed (the package pagefind-bin-extended)",
            hint="pip install 'pagefind[extended]', or build without search: --no-search",
        ) from None


def add_search(files: Files, lang: str, binary: Path) -> dict[str, str]:
    """Index the articles of ``lang``, whose pages (search page included) are all in
    ``files``'s folder by now: what Pagefind writes joins ``files`` (and the manifest).
    Returns each of its files' SHA-256, by path."""
    # A recycled folder may still hold pages of the bundle before last that this build does
    # not write (an article since deleted): Pagefind must not index them.
    files.prune(f"{lang}/")
    return index_language(binary, files, lang)


def index_language(binary: Path, files: Files, lang: str) -> dict[str, str]:
    """Run Pagefind on ``lang``'s tree of the bundle being written and add what it writes to
    ``files`` under ``<lang>/pagefind/``, in path order; each file's SHA-256, by path."""
    with tempfile.TemporaryDirectory(prefix="bilingual-pagefind-") as work:
        output = Path(work, "out")
        command = [
            str(binary),
            "--site",
            str(files.folder / lang),
            "--output-path",
            str(output),
            "--keep-index-url",  # result links name index.html, as every link of the site
            "--silent",
        ]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        try:
            done = subprocess.run(
                command,
                cwd=work,
                env=environment,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BundleError(f"Pagefind could not index {lang}: {exc}", path=binary) from None
        if done.returncode != 0 or not output.is_dir():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise BundleError(
                f"Pagefind could not index {lang} (exit {done.returncode}): "
                + (said[-1] if said else "no message"),
                path=binary,
                hint="build without search: --no-search",
            )
        written = {}
        for path in sorted(p for p in output.rglob("*") if p.is_file()):
            name = f"{lang}/{PAGEFIND}/{path.relative_to(output).as_posix()}"
            written[name] = files.add(name, path.read_bytes(), "pagefind")
        return written
