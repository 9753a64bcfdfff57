"""Writing a bundle safely: every path stays inside the output folder, no path is written
twice, the new bundle is built beside the old one and swapped in only when complete, and a
folder the tool did not write is refused rather than wiped."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from bilingual.errors import BundleError

MANIFEST = "manifest.json"
#: The manifest's ``generator``: a folder whose manifest says so was written by this tool.
GENERATOR = "bilingual bundle"


def safe_path(relative: str) -> str:
    """``relative`` if it names a file inside the output folder; ``BundleError`` otherwise
    (absolute, ``..``, empty or hidden segments, backslashes, control characters)."""
    path = PurePosixPath(relative)
    bad = (
        not relative
        or path.is_absolute()
        or "\\" in relative
        or any(ord(c) < 32 for c in relative)
        or any(part in ("", ".", "..") or part.startswith(".") for part in relative.split("/"))
    )
    if bad:
        raise BundleError(
            f"output path would leave the bundle or hide in it: {relative!r}",
            hint="article folders and categories must be plain names (letters, digits, '-')",
        )
    return relative


class Files:
    """The bundle being written, path by path, into a new folder beside the output folder
    (``.NAME.new-*``): a path can be written once only. Memory holds each file's checksum, not
    its bytes, whatever the size of the site. Used as a context manager, the folder is removed
    unless ``publish`` swapped it in."""

    def __init__(self, out: Path) -> None:
        self.out = out
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
        except OSError as exc:
            raise BundleError(
                f"cannot write beside the output folder: {exc.strerror or exc}", path=out.parent
            ) from None
        self._digests: dict[str, str] = {}
        self._by: dict[str, str] = {}
        self.published = False

    def __enter__(self) -> Files:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.published:
            shutil.rmtree(self.folder, ignore_errors=True)

    def add(self, path: str, data: bytes, by: str = "") -> None:
        """Write a file; ``by`` names what made it, for the error when two things claim it."""
        self.claim(path, by)
        target = self.folder / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            problem = exc.strerror or exc
            raise BundleError(f"cannot write the bundle: {problem}", path=target) from None
        self.written(path, hashlib.sha256(data).hexdigest())

    def claim(self, path: str, by: str = "") -> None:
        """Reserve ``path`` for a file another process writes (``written`` says when)."""
        safe_path(path)
        if path in self._by:
            raise BundleError(
                f"two pages would be written to {path}: {self._by[path] or '?'} and {by or '?'}",
                hint="rename one of the article folders or categories",
            )
        self._by[path] = by

    def written(self, path: str, sha256: str) -> None:
        """Note that the file at ``path`` (claimed) is written, with that checksum."""
        self._digests[path] = sha256

    def __contains__(self, path: object) -> bool:
        return path in self._by

    def __len__(self) -> int:
        return len(self._digests)

    def digests(self) -> Iterator[tuple[str, str]]:
        """Each file's SHA-256, in path order (the order archives and checksum lists use)."""
        for path in sorted(self._digests):
            yield path, self._digests[path]

    def items(self) -> Iterator[tuple[str, bytes]]:
        """Each file's bytes, in path order, read back one at a time."""
        for path in sorted(self._digests):
            yield path, (self.folder / path).read_bytes()

    def publish(self, mtime: int) -> None:
        """Give every file one time, then swap the folder in for ``out``: an interrupted
        build leaves the previous bundle whole."""
        ensure_ours(self.out)  # again: someone may have put a file there meanwhile
        old = None
        try:
            _fix_times(self.folder, mtime)
            if self.out.exists():
                old = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=f".{self.out.name}.old-"))
                self.out.replace(old / "bundle")
            try:
                self.folder.replace(self.out)
            except OSError:
                if old is not None:  # put the previous bundle back
                    (old / "bundle").replace(self.out)
                raise
        except OSError as exc:
            raise BundleError(
                f"cannot write the bundle: {exc.strerror or exc}", path=self.out
            ) from None
        self.published = True
        self.folder = self.out
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def ensure_ours(out: Path) -> None:
    """Refuse an output folder that holds anything the tool did not write: only an empty
    folder, or a bundle whose manifest lists every file in it, may be replaced."""
    if not out.exists():
        return
    if not out.is_dir():
        raise BundleError("output exists and is not a folder", path=out)
    present = set(_files(out))
    if not present:
        return
    listed = _manifest_files(out / MANIFEST)
    if listed is None:
        raise BundleError(
            "output folder holds files bilingual did not write (no manifest.json of a bundle)",
            path=out,
            hint="choose another --out, or empty the folder yourself",
        )
    extra = sorted(present - listed - {MANIFEST, "SHA256SUMS"})
    if extra:
        raise BundleError(
            f"output folder holds {len(extra)} file(s) the last bundle did not write, "
            f"e.g. {extra[0]}",
            path=out,
            hint="move them away, or choose another --out",
        )


def _fix_times(folder: Path, mtime: int) -> None:
    """Every file and folder gets one fixed time and the usual permissions, so that two
    builds of the same sources are the same down to their metadata."""
    umask = os.umask(0)
    os.umask(umask)
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            path = Path(dirpath, name)
            path.chmod(0o666 & ~umask)
            os.utime(path, (mtime, mtime))
        for name in dirnames:
            os.utime(Path(dirpath, name), (mtime, mtime))
    folder.chmod(0o777 & ~umask)
    os.utime(folder, (mtime, mtime))


def _files(folder: Path) -> Iterator[str]:
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            yield Path(dirpath, name).relative_to(folder).as_posix()


def _manifest_files(path: Path) -> set[str] | None:
    """The files a bundle's manifest lists, or None when it is not a manifest of ours."""
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, Mapping) and data.get("generator") == GENERATOR:
            files = data.get("files")
            if isinstance(files, Mapping):
                return set(files)
    return None
