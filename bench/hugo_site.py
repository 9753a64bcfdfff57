"""A Hugo site of a bilingual content root, for ``bench_bundle.py`` to time Hugo against.

    python bench/hugo_site.py bench/corpus/10000 bench/corpus/hugo-10000

Writes ``SITE/content/zh/<slug>.md`` and ``SITE/content/en/<slug>.md`` (hard links to the
sources when the file system allows, copies otherwise: the front matter of ``bilingual``
articles is Hugo's, ``category`` a taxonomy), and copies beside them the configuration,
layouts and UI strings of ``bench/hugo/`` and bilingual's stylesheet. Hugo links the two
languages of an article by their common file name, as bilingual links them by their folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE.parent / "src" / "bilingual" / "templates" / "assets" / "style.css"


def hugo_site(root: Path, site: Path) -> Path:
    """Write (or refresh) the Hugo site of ``root`` at ``site``."""
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(HERE / "hugo", site)
    (site / "static").mkdir()
    shutil.copyfile(STYLESHEET, site / "static" / "style.css")
    for lang in ("zh", "en"):
        (site / "content" / lang).mkdir(parents=True)
    for folder in sorted((root / "articles").iterdir()):
        for lang in ("zh", "en"):
            source = folder / f"{lang}.md"
            if source.is_file():
                target = site / "content" / lang / f"{folder.name}.md"
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copyfile(source, target)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a content root (with articles/)")
    parser.add_argument("site", type=Path, help="the Hugo site folder to write")
    args = parser.parse_args()
    print(hugo_site(args.root, args.site))


if __name__ == "__main__":
    main()
