"""The new bundle folder, made from the spare: what it holds before the build writes into it,
and how it is settled once written, touching only what the build changed.

The spare is the bundle before last (``write.spare_path``). The build record says which of its
files were written anew by the last build (``Known.fresh``): every other one is the same file
as the published bundle's (a hard link), so that an unchanged page needs nothing done. When
the record cannot say (no record, or the spare's stamps are not the recorded ones), the spare
is read whole instead, as before.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.bundle.tree import Scan, TreeState, folders_of, folders_ok, scan


@dataclass(slots=True)
class Model:
    """What the new folder holds: each file's inode (0 or -1: a file to be replaced or
    removed) and each folder's ``lstat`` as found (None: made by this build)."""

    files: dict[str, int] = field(default_factory=dict)
    folders: dict[str, os.stat_result | None] = field(default_factory=dict)
    #: When the folders' stamps were taken.
    seen: int = 1 << 62
    #: Folders an entry was removed from since (``Files.prune``).
    changed: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Known:
    """What the build record says of the output folder (``tree``; as found: ``scan``) and of
    its spare, and which files of the output folder the last build wrote anew."""

    scan: Scan | None = None
    tree: TreeState | None = None
    spare: TreeState | None = None
    fresh: frozenset[str] = frozenset()
    #: The spare holds the same paths as the output folder (no page was added or removed).
    same: bool = False


def spare_model(spare: Path, known: Known | None) -> Model | None:
    """The spare's contents from the record, when its stamps say it is the tree recorded and
    the output folder's say that it is too (so a file they share is the same file)."""
    if known is None or known.scan is None or not known.scan.trusted or known.spare is None:
        return None
    if known.same:  # its SHA256SUMS lists what the output folder's does: not read again
        out_scan = known.scan
        found = Scan(spare, known.spare.sums, out_scan.sums, dict.fromkeys(out_scan.folders))
    else:
        found = scan(spare, known.spare)
    if found is None:
        return None
    found.stat_folders()
    if not folders_ok(found, known.spare):
        return None
    out = known.scan.stats
    files = {}
    for rel in found.paths:
        info = out.get(rel)
        files[rel] = info.st_ino if info is not None and rel not in known.fresh else 0
    return Model(files, found.folders, found.folders_seen)


def walk_model(spare: Path) -> Model | None:
    """The spare's contents as reading all of it finds them; None if it cannot be read."""
    model = Model(seen=time.time_ns())
    pending = [(str(spare), "")]
    try:
        while pending:
            path, rel = pending.pop()
            with os.scandir(path) as entries:
                for entry in entries:
                    name = rel + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        model.folders[name + "/"] = entry.stat(follow_symlinks=False)
                        pending.append((entry.path, name + "/"))
                    else:
                        model.files[name] = entry.inode()
    except OSError:
        return None
    return model


def modes() -> tuple[int, int]:
    """The modes of files and folders: 0666 and 0777 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask, 0o777 & ~umask


def fix(path: str, info: os.stat_result, mode: int, ns: int) -> os.stat_result:
    """Give ``path`` the mode and the time (``ns``) of the bundle, if it has not: its
    ``lstat`` after."""
    changed = False
    if info.st_mode & 0o7777 != mode:
        os.chmod(path, mode)  # noqa: PTH101 - strings: this runs for every file
        changed = True
    if info.st_mtime_ns != ns:  # not the access time: reading a file may change it
        os.utime(path, ns=(ns, ns))
        changed = True
    return os.lstat(path) if changed else info


def settle(
    folder: Path,
    keep: Mapping[str, str],
    ready: Mapping[str, os.stat_result],
    model: Model,
    mtime: int,
) -> tuple[dict[str, os.stat_result], dict[str, os.stat_result]] | None:
    """Remove from ``folder`` the files and folders of ``model`` the build did not write
    (``keep``), give what it wrote or linked one time and the usual modes, and return each
    file's and folder's ``lstat``, once settled. A file of ``ready`` was there already (its
    ``lstat`` is given), and so was a folder of ``model`` above no file written or removed:
    their stamps are those found. None when a folder the build did not write cannot be
    removed (it holds something unknown): the caller reads the folder whole."""
    file_mode, folder_mode = modes()
    ns = mtime * 1_000_000_000
    base = f"{folder}/"
    changed = set(model.changed)  # folders that gained or lost an entry
    for rel in model.files:
        if rel not in keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(base + rel)  # noqa: PTH108
            changed.add(_parent(rel))
    paths = sorted(keep)
    needed = folders_of(paths)
    wanted = set(needed)
    for rel in sorted((f for f in model.folders if f not in wanted), key=_depth, reverse=True):
        try:
            os.rmdir(base + rel)  # noqa: PTH106
        except FileNotFoundError:
            pass
        except OSError:
            return None  # not empty: something the build did not write
        changed.add(_parent(rel))
    for rel in needed:
        if rel not in model.folders:  # made by this build: its parent gained an entry
            changed.update((rel, _parent(rel)))
    files: dict[str, os.stat_result] = {}
    for rel in paths:
        info = ready.get(rel)
        if info is None:  # written or linked by this build
            info = os.lstat(base + rel)
            changed.add(_parent(rel))
        if info.st_mtime_ns != ns or info.st_mode & 0o7777 != file_mode:
            info = fix(base + rel, info, file_mode, ns)
        files[rel] = info
    # A folder above a file written or linked may have been removed and made again (a search
    # index is written so): its stamp is taken again, not the one found.
    above = set(folders_of(rel for rel in paths if rel not in ready))
    folders: dict[str, os.stat_result] = {}
    for rel in ["", *needed]:
        info = None if rel in changed or rel in above else model.folders.get(rel)
        info = fix(base + rel, info or os.lstat(base + rel), folder_mode, ns)
        if rel:
            folders[rel] = info
    return files, folders


def _parent(rel: str) -> str:
    """The folder of a file or folder path (``a/b/`` for ``a/b/c`` and for ``a/b/c/``)."""
    return rel[: rel.rstrip("/").rfind("/") + 1]


def _depth(rel: str) -> int:
    return rel.count("/")
