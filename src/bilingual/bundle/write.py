"""Writing a bundle safely: every path stays inside the output folder, no path is written
twice, the new bundle is built beside the old one and swapped in only when complete, and a
folder the tool did not write is refused rather than wiped."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Container, Iterator, Mapping
from pathlib import Path

from bilingual.bundle.recycle import Known, Model, fix, modes, settle, spare_model, walk_model
from bilingual.bundle.tree import (
    SUMS,
    TreeState,
    files_digest,
    folders_digest,
    folders_of,
    folders_ok,
)
from bilingual.errors import BundleError

MANIFEST = "manifest.json"
#: The manifest's ``generator``: a folder whose manifest says so was written by this tool.
GENERATOR = "bilingual bundle"


_UNSAFE = re.compile(r"(?:^|/)(?:\.|/|$)|[\\\x00-\x1f]")


def safe_path(relative: str) -> str:
    """``relative`` if it names a file inside the output folder; ``BundleError`` otherwise
    (absolute, ``..``, empty or hidden segments, backslashes, control characters)."""
    # A segment that is empty or starts with "." (".", "..", hidden), a leading "/" (an empty
    # first segment), a backslash or a control character: one pattern, as it runs per file.
    if not relative or _UNSAFE.search(relative):
        raise BundleError(
            f"output path would leave the bundle or hide in it: {relative!r}",
            hint="article folders and categories must be plain names (letters, digits, '-')",
        )
    return relative


def spare_path(out: Path) -> Path:
    """Where the bundle before last is kept, beside the output folder, to be made into the next
    one: ``.NAME.spare``."""
    return out.parent / f".{out.name}.spare"


def write_new(target: Path, data: bytes) -> None:
    """Write ``data`` as a new file at ``target`` (its folders made as needed). A file already
    there is unlinked first, never written into: in a recycled folder it may be a hard link to
    a file of the published bundle."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise BundleError(f"cannot write the bundle: {exc.strerror or exc}", path=target) from None


class Files:
    """The bundle being written, path by path, into a new folder beside the output folder
    (``.NAME.new-*``): a path can be written once only. Memory holds each file's checksum, not
    its bytes, whatever the size of the site. Used as a context manager, the folder is removed
    unless ``publish`` swapped it in.

    The new folder is the bundle before last (``spare_path``) when there is one: its folders
    and the files it shares with the published bundle (hard links) need not be made again,
    which is most of the time of a rebuild on a slow file system. What it holds is known from
    the build record (``known``; ``recycle.spare_model``), else by reading it. Whatever is in
    it is replaced or removed by the end (``publish``): only what this build wrote or linked
    stays."""

    def __init__(self, out: Path, *, recycle: bool = True, known: Known | None = None) -> None:
        self.out = out
        self.known = known or Known()
        self.model = Model()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
            spare = spare_path(out)
            model = spare_model(spare, known) if recycle else None
            if model is None and recycle and _manifest_files(spare / MANIFEST) is not None:
                model = walk_model(spare)
            if model is not None:
                # A folder renamed over an empty one; another build may have taken it first.
                with contextlib.suppress(FileNotFoundError):
                    spare.replace(self.folder)
                    self.model = model
        except OSError as exc:
            raise BundleError(
                f"cannot write beside the output folder: {exc.strerror or exc}", path=out.parent
            ) from None
        self._digests: dict[str, str] = {}
        self._by: dict[str, str] = {}
        #: Files already in the new folder as the published bundle has them, by their lstat.
        self._ready: dict[str, os.stat_result] = {}
        #: Files written anew (not shared with the published bundle): the record keeps them.
        self.fresh: set[str] = set()
        #: Each file's stamp once published (``stamp_of``), and what the record keeps of the
        #: published tree and of the one it replaced, now the spare (None: nothing known).
        self.stamps: dict[str, str] = {}
        self.state: TreeState | None = None
        self.spare_state: TreeState | None = None
        self.published = False

    def __enter__(self) -> Files:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.published:
            shutil.rmtree(self.folder, ignore_errors=True)

    def add(self, path: str, data: bytes, by: str = "") -> str:
        """Write a file; ``by`` names what made it, for the error when two things claim it.
        Returns its SHA-256."""
        self.claim(path, by)
        write_new(self.folder / path, data)
        sha = hashlib.sha256(data).hexdigest()
        self.written(path, sha, fresh=True)
        return sha

    def rewrite(self, path: str, data: bytes) -> None:
        """Write anew a file already claimed (one found changed since it was claimed)."""
        write_new(self.folder / path, data)
        self.written(path, hashlib.sha256(data).hexdigest(), fresh=True)

    def claim(self, path: str, by: str = "") -> None:
        """Reserve ``path`` for a file another process writes (``written`` says when)."""
        safe_path(path)
        if path in self._by:
            raise BundleError(
                f"two pages would be written to {path}: {self._by[path] or '?'} and {by or '?'}",
                hint="rename one of the article folders or categories",
            )
        self._by[path] = by

    def prune(self, prefix: str) -> None:
        """Remove the files under ``prefix`` (a folder, ending in ``/``) that this build has not
        claimed: a recycled folder's leftovers, which ``publish`` would remove anyway, gone
        before something reads the folder as the bundle."""
        top = self.folder / prefix
        for folder, _, names in os.walk(top):
            rel = Path(folder).relative_to(self.folder).as_posix()
            for name in names:
                if f"{rel}/{name}" not in self._by:
                    os.unlink(os.path.join(folder, name))  # noqa: PTH108, PTH118
                    self.model.files.pop(f"{rel}/{name}", None)
                    self.model.changed.add(f"{rel}/")

    def written(self, path: str, sha256: str, *, fresh: bool = False) -> None:
        """Note that the file at ``path`` (claimed) is written, with that checksum; ``fresh``:
        written anew, not linked to the published bundle's file."""
        self._digests[path] = sha256
        if fresh:
            self.fresh.add(path)
            self._ready.pop(path, None)
            self.model.files[path] = -1

    def published_stat(self, path: str) -> os.stat_result | None:
        """The published bundle's file at ``path``, as the scan found it (or as it is)."""
        scan = self.known.scan
        if scan is not None and path in scan.stats:
            return scan.stats[path]
        try:
            return os.lstat(f"{self.out}/{path}")
        except OSError:
            return None

    @property
    def trusted(self) -> bool:
        """Whether every published file is, by its stamp, the one the record describes."""
        return self.known.scan is not None and self.known.scan.trusted

    def holds(self, path: str, info: os.stat_result) -> bool:
        """Whether the new folder holds the file ``info`` describes at ``path`` already."""
        return self.model.files.get(path) == info.st_ino

    def keep(self, path: str, info: os.stat_result) -> None:
        """Note that the new folder's file at ``path`` is the published one (``holds``)."""
        self._ready[path] = info

    def __contains__(self, path: object) -> bool:
        return path in self._by

    def __len__(self) -> int:
        return len(self._digests)

    def has(self, path: str) -> bool:
        """Whether the file at ``path`` is written (``written``)."""
        return path in self._digests

    def sha256(self, path: str) -> str:
        """The checksum of the file written at ``path``."""
        return self._digests[path]

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
        seen = self._ensure_out()  # again: someone may have put a file there meanwhile
        old = None
        try:
            self._settle(mtime)
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
            # Kept as the spare (the next build's new folder), unless one is there already.
            spare = spare_path(self.out)
            try:
                (old / "bundle").replace(spare)  # fails when the name is taken by a folder
            except OSError:
                self.spare_state = None
            else:
                self.spare_state = seen
            shutil.rmtree(old, ignore_errors=True)

    def _ensure_out(self) -> TreeState | None:
        """Refuse the output folder if it holds a file the last bundle did not write (its
        folders' stamps, else reading it all); what the record may keep of it as the spare
        (its folders' stamps), when they are known."""
        found, tree = self.known.scan, self.known.tree
        if found is None or tree is None:
            ensure_ours(self.out)
            return None
        found.stat_folders()
        if not folders_ok(found, tree):
            ensure_ours(self.out)
        return TreeState(found.sums_sha, "", folders_digest(found.folders), found.folders_seen)

    def _settle(self, mtime: int) -> None:
        """Settle the new folder (``recycle.settle``; reading all of it when that cannot)
        and note its state for the record."""
        seen = min(time.time_ns(), self.model.seen)  # the stamps of ready files are that old
        if self.known.scan is not None and self._ready:
            seen = min(seen, self.known.scan.seen)
        settled = settle(self.folder, self._digests, self._ready, self.model, mtime)
        if settled is None:
            seen = time.time_ns()
            settled = _settle(self.folder, self._digests, mtime)
        files, folders = settled
        known = self.known.scan.stamps if self.known.scan else {}
        self.stamps = {  # a file found ready has the stamp it was found with
            rel: known.get(rel) or stamp_of(info)
            if info is self._ready.get(rel)
            else stamp_of(info)
            for rel, info in files.items()
        }
        if SUMS in self._digests:
            paths = [rel for rel in sorted(self._digests) if rel != SUMS]
            paths.append(SUMS)
            self.state = TreeState(
                self._digests[SUMS],
                files_digest(paths, self.stamps),
                folders_digest({rel: folders.get(rel) for rel in folders_of(paths)}),
                seen,
            )


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
    extra = sorted(present - listed - {MANIFEST, SUMS})
    if extra:
        raise BundleError(
            f"output folder holds {len(extra)} file(s) the last bundle did not write, "
            f"e.g. {extra[0]}",
            path=out,
            hint="move them away, or choose another --out",
        )


def stamp_of(info: os.stat_result) -> str:
    """A published file's stamp, as the build record keeps it: ``ctime_ns:size:inode``."""
    return f"{info.st_ctime_ns}:{info.st_size}:{info.st_ino}"


def _settle(
    folder: Path, keep: Container[str], mtime: int
) -> tuple[dict[str, os.stat_result], dict[str, os.stat_result]]:
    """Read the whole new folder: remove what the build did not write (a recycled folder's
    leftovers, anything else found there), then give every file and folder one time and the
    usual permissions, so that two builds of the same sources are the same down to their
    metadata. Files already right (hard links to the published bundle) are left as they are.
    Returns each file's and folder's ``lstat``, once settled."""
    file_mode, folder_mode = modes()
    ns = mtime * 1_000_000_000
    files: dict[str, os.stat_result] = {}
    folders: dict[str, os.stat_result] = {}

    def visit(path: str, rel: str) -> bool:
        """Settle a folder; whether anything is left in it."""
        kept = False
        with os.scandir(path) as listing:
            items = list(listing)
        for item in items:
            name = rel + item.name
            if item.is_dir(follow_symlinks=False):
                kept = visit(item.path, name + "/") or kept
            elif name not in keep:
                os.unlink(item.path)  # noqa: PTH108
            else:
                kept = True
                files[name] = fix(item.path, item.stat(follow_symlinks=False), file_mode, ns)
        if not kept and rel:
            os.rmdir(path)  # noqa: PTH106
            return False
        info = fix(path, os.lstat(path), folder_mode, ns)  # after its contents changed
        if rel:
            folders[rel] = info
        return True

    visit(str(folder), "")
    return files, folders


def _files(folder: Path) -> Iterator[str]:
    """Every file (not folder) under ``folder``, by its path inside it."""
    pending = [(str(folder), "")]
    while pending:
        path, rel = pending.pop()
        with os.scandir(path) as listing:
            for item in listing:
                if item.is_dir(follow_symlinks=False):
                    pending.append((item.path, f"{rel}{item.name}/"))
                else:
                    yield rel + item.name


def _manifest_files(path: Path) -> set[str] | None:
    """The files a bundle's manifest lists, or None when it is not a manifest of ours."""
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, Mapping) and data.get("generator") == GENERATOR:
            files = data.get("files")
            if isinstance(files, Mapping):
                return set(files)
    return None
