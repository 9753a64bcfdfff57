"""A bundle folder known by its stamps: what the build record remembers of a tree it wrote, and
what a rebuild finds of it, without listing its 20,000 folders.

Every file and folder of a tree the tool wrote is listed by its ``SHA256SUMS`` (a folder is a
prefix of a listed path: a tree has no empty folder). The record keeps, per tree, the SHA-256
of its ``SHA256SUMS``, a digest of its files' stamps (ctime, size, inode) and one of its
folders' (ctime, inode), and when they were taken. A rebuild takes the stamps again (one
``lstat`` each, instead of reading every folder's listing): the same digests say that no file
was written or replaced (any write changes a file's ctime, which cannot be set back) and that
no folder gained, lost or renamed an entry (which changes the folder's ctime). Stamps within
a clock tick of the moment they were taken cannot say so (``RACY_NS``): such folders are read
again and such files hashed. A file or folder changed since the stamps were taken has so
recent a ctime too, so it is hashed or read whatever the digests say; the digests catch a
change made with the clock set back. The top folder, renamed with the tree, is always read.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.cache import RACY_NS

#: The checksum list of a bundle: every file but itself, in path order.
SUMS = "SHA256SUMS"


@dataclass(frozen=True, slots=True)
class TreeState:
    """What the build record keeps of a tree: the SHA-256 of its ``SHA256SUMS``, the digests
    of its files' and folders' stamps, and when those were taken (ns)."""

    sums: str
    files: str
    folders: str
    seen: int


@dataclass(slots=True)
class Scan:
    """A tree as its ``SHA256SUMS`` lists it (its files, with their SHA-256, in its order, and
    its folders), with their ``lstat`` once taken (``stat_files``, ``stat_folders``) and when.
    ``trusted``: its files are those the record describes (``files_ok``)."""

    folder: Path
    #: The SHA-256 of its ``SHA256SUMS``, and what that lists.
    sums_sha: str
    sums: dict[str, str]
    folders: dict[str, os.stat_result | None]
    stats: dict[str, os.stat_result | None] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)
    seen: int = 0
    folders_seen: int = 0
    trusted: bool = False

    @property
    def paths(self) -> list[str]:
        """Every file of the tree, ``SHA256SUMS`` last."""
        return [*self.sums, SUMS]

    def stat_files(self) -> None:
        """Take the stamps of the files."""
        self.seen = time.time_ns()
        self.stats = lstat_all(self.folder, self.paths)

    def stat_folders(self) -> None:
        """Take the stamps of the folders."""
        self.folders_seen = time.time_ns()
        self.folders = lstat_all(self.folder, list(self.folders))


def scan(folder: Path, state: TreeState | None) -> Scan | None:
    """``folder`` as its ``SHA256SUMS`` lists it, when that is the one ``state`` records (else
    None); no stamp taken yet."""
    if state is None:
        return None
    try:
        data = (folder / SUMS).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != state.sums:
        return None
    sums = parse_sums(data)
    if sums is None:
        return None
    return Scan(folder, state.sums, sums, dict.fromkeys(folders_of(sums)))


def files_ok(found: Scan, state: TreeState) -> bool:
    """Whether the tree's files are those ``state`` describes (``stat_files`` first): the same
    stamps, and the bytes listed for those whose stamp is too young to tell. Sets
    ``found.trusted``."""
    found.stamps = stamps(found.stats)
    if files_digest(found.paths, found.stamps) != state.files:
        return False
    young = state.seen - RACY_NS
    for rel, info in found.stats.items():
        young_file = info is not None and info.st_ctime_ns >= young and rel != SUMS
        if young_file and sha256_of(found.folder / rel) != found.sums[rel]:
            return False
    found.trusted = True
    return True


def folders_ok(found: Scan, state: TreeState) -> bool:
    """Whether the tree's folders hold nothing but what it lists (``stat_folders`` first):
    their stamps are those ``state`` describes, and the folders whose stamp is too young to
    tell, and the top, are read."""
    if folders_digest(found.folders) != state.folders:
        return False
    young = state.seen - RACY_NS
    listed = set(found.paths)
    for rel, info in [("", None), *found.folders.items()]:
        if (info is None or info.st_ctime_ns >= young) and not listing_ok(found, rel, listed):
            return False
    return True


def listing_ok(found: Scan, rel: str, listed: set[str]) -> bool:
    """Whether the folder ``rel`` of the tree holds nothing but its listed files and folders."""
    try:
        with os.scandir(f"{found.folder}/{rel}") as entries:
            for entry in entries:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if name + "/" not in found.folders:
                        return False
                elif name not in listed:
                    return False
    except OSError:
        return False
    return True


def parse_sums(data: bytes) -> dict[str, str] | None:
    """The files a ``SHA256SUMS`` lists, with their SHA-256, in its order (None if it is not
    one the tool wrote)."""
    sums: dict[str, str] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    for line in text.splitlines():
        if len(line) < 67 or line[64:66] != "  ":
            return None
        sums[line[66:]] = line[:64]
    return sums


def folders_of(paths: Iterable[str]) -> list[str]:
    """The folders of ``paths`` (``a/``, ``a/b/``; not the top), each once, in order."""
    seen: dict[str, None] = {}
    for path in paths:
        end = path.rfind("/")
        while end > 0:
            folder = path[: end + 1]
            if folder in seen:
                break
            seen[folder] = None
            end = path.rfind("/", 0, end)
    return list(seen)


def stamps(stats: Mapping[str, os.stat_result | None]) -> dict[str, str]:
    """The files' stamps, as the record keeps them: ``ctime_ns:size:inode`` (``-`` when there
    is no file), as ``write.stamp_of`` makes them."""
    return {
        rel: "-" if i is None else f"{i.st_ctime_ns}:{i.st_size}:{i.st_ino}"
        for rel, i in stats.items()
    }


def files_digest(paths: Iterable[str], stamps: Mapping[str, str]) -> str:
    """The digest of the stamps of ``paths``."""
    text = "\n".join([f"{rel}\x00{stamps.get(rel, '-')}" for rel in paths])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def folders_digest(folders: Mapping[str, os.stat_result | None]) -> str:
    """The digest of the stamps of ``folders`` (in their order): ``ctime_ns:inode``."""
    text = "\n".join(
        [
            f"{rel}\x00-" if i is None else f"{rel}\x00{i.st_ctime_ns}:{i.st_ino}"
            for rel, i in folders.items()
        ]
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def lstat_all(folder: Path, paths: list[str]) -> dict[str, os.stat_result | None]:
    """The ``lstat`` of each path inside ``folder`` (None where there is nothing)."""
    base = f"{folder}/"
    lstat = os.lstat
    try:  # a tight loop: this runs for each of 20,000 files and as many folders
        return dict(zip(paths, [lstat(base + rel) for rel in paths], strict=True))
    except OSError:
        return {rel: _lstat(base + rel) for rel in paths}


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file at ``path``; "" when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""
