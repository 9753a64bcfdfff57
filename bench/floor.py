"""The read floor of a content root: the least any Python tool checking it must do.

    python bench/floor.py bench/corpus/10000 --repeat 5

Reads every ``articles/<slug>/zh.md`` and ``en.md``, decodes it as UTF-8 and parses its front
matter with libyaml (``yaml.CSafeLoader``), in this process, and times that. A checker does all
of this and more (the Markdown, alignment, the checks, a report), so the time of ``bilingual
check`` is stated as a ratio to this floor measured in the same run: the ratio says how much
the tool costs over reading its input, whatever the machine's load or disk at the time.

``--markdown`` also times markdown-it-py parsing every body as ``bilingual`` configures it (the
parser the project is built on): the least a checker built on it must spend, stated as a
ratio to the read floor in CPU and in wall time over the machine's cores. A target for
``check`` below that ratio cannot be met without another parser.

The files are read as they lie: when the corpus was just written or read, from the page cache,
as ``check`` right after it reads them too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

#: The front matter's closing line: ``---`` (or YAML's ``...``) alone on a line.
CLOSERS = ("\n---\n", "\n...\n")


@dataclass(frozen=True)
class Floor:
    """One pass over a content root: its time and what it read."""

    seconds: float
    #: CPU time of the pass (user and system): steadier than wall time on a loaded machine.
    cpu_seconds: float
    files: int
    bytes: int
    #: Front matter blocks parsed (files without front matter are read and not parsed).
    parsed: int


def front_matter(text: str) -> str | None:
    """The YAML between the opening ``---`` line and the closing one, or None."""
    if not text.startswith("---\n"):
        return None
    ends = [end for end in (text.find(closer, 3) for closer in CLOSERS) if end >= 0]
    return text[4 : min(ends) + 1] if ends else None


def read_all(root: Path) -> tuple[int, int, int]:
    """Read and parse every side under ``root/articles``: (files, bytes, front matters)."""
    loader = yaml.CSafeLoader  # AttributeError without libyaml: the floor is defined with it
    files = size = parsed = 0
    with os.scandir(root / "articles") as entries:
        folders = sorted(e.path for e in entries if e.is_dir() and not e.name.startswith("."))
    for folder in folders:
        for name in ("zh.md", "en.md"):
            try:
                # open() on a string rather than pathlib: the floor is the least a tool must do.
                with open(folder + os.sep + name, "rb") as source:  # noqa: PTH123
                    data = source.read()
            except FileNotFoundError:
                continue
            files += 1
            size += len(data)
            meta = front_matter(data.decode("utf-8-sig").replace("\r\n", "\n"))
            if meta is not None:
                yaml.load(meta, Loader=loader)
                parsed += 1
    return files, size, parsed


def read_floor(root: Path) -> Floor:
    """Time one pass of ``read_all`` over ``root``."""
    start, cpu = time.perf_counter(), time.process_time()
    files, size, parsed = read_all(root)
    return Floor(time.perf_counter() - start, time.process_time() - cpu, files, size, parsed)


def markdown_floor(root: Path) -> tuple[float, int]:
    """CPU seconds markdown-it-py takes to parse every body under ``root``, and the bodies."""
    from bilingual.parse.markdown import _md

    parser = _md()
    bodies = []
    with os.scandir(root / "articles") as entries:
        folders = sorted(e.path for e in entries if e.is_dir() and not e.name.startswith("."))
    for folder in folders:
        for name in ("zh.md", "en.md"):
            try:
                with open(folder + os.sep + name, "rb") as source:  # noqa: PTH123
                    text = source.read().decode("utf-8-sig").replace("\r\n", "\n")
            except FileNotFoundError:
                continue
            meta = front_matter(text)
            bodies.append(text[len(meta) + 8 :] if meta is not None else text)
    cpu = time.process_time()
    for body in bodies:
        parser.parse(body)
    return time.process_time() - cpu, len(bodies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a content root (the folder holding articles/)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--markdown", action="store_true", help="also time markdown-it-py parsing every body"
    )
    args = parser.parse_args()
    runs = [read_floor(args.root) for _ in range(args.repeat)]
    first = runs[0]
    print(
        f"{first.files} files, {first.bytes / 1e6:.1f} MB, {first.parsed} front matters; "
        f"seconds: {' '.join(f'{r.seconds:.3f}' for r in runs)}; "
        f"min {min(r.seconds for r in runs):.3f}, "
        f"mean {statistics.mean(r.seconds for r in runs):.3f}"
    )
    if args.markdown:
        seconds, bodies = markdown_floor(args.root)
        floor_cpu = min(r.cpu_seconds for r in runs)
        cores = os.cpu_count() or 1
        print(
            f"markdown-it-py over {bodies} bodies: {seconds:.2f} s CPU, "
            f"{seconds / floor_cpu:.1f}x the read floor's CPU; spread over {cores} cores, at "
            f"least {seconds / cores / min(r.seconds for r in runs):.1f}x its wall time"
        )


if __name__ == "__main__":
    main()
