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
import stat
import tempfile
from collections.abc import Container, Iterator, Mapping
from pathlib import Path

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
    which is most of the time of a rebuild on a slow file system. Whatever is in it is
    replaced or removed by the end (``publish``): only what this build wrote or linked stays."""

    def __init__(self, out: Path, *, recycle: bool = True) -> None:
        self.out = out
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
            spare = spare_path(out)
            if recycle and _manifest_files(spare / MANIFEST) is not None:
                # A folder renamed over an empty one; another build may have taken it first.
                with contextlib.suppress(FileNotFoundError):
                    spare.replace(self.folder)
        except OSError as exc:
            raise BundleError(
                f"cannot write beside the output folder: {exc.strerror or exc}", path=out.parent
            ) from None
        self._digests: dict[str, str] = {}
        self._by: dict[str, str] = {}
        #: Each file's stamp once published (``stamp_of``).
        self.stamps: dict[str, str] = {}
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
        self.written(path, sha)
        return sha

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
            self.stamps = _settle(self.folder, self._digests, mtime)
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
            with contextlib.suppress(OSError):
                (old / "bundle").replace(spare)  # fails when the name is taken by a folder
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


def stamp_of(info: os.stat_result) -> str:
    """A published file's stamp, as the build record keeps it: ``ctime_ns:size:inode``."""
    return f"{info.st_ctime_ns}:{info.st_size}:{info.st_ino}"


def _settle(folder: Path, keep: Container[str], mtime: int) -> dict[str, str]:
    """Remove what the build did not write (a recycled folder's leftovers), then give every
    file and folder one time and the usual permissions, so that two builds of the same sources
    are the same down to their metadata. Files already right (hard links to the published
    bundle) are left as they are. Returns each file's stamp, once settled."""
    umask = os.umask(0)
    os.umask(umask)
    modes = (0o666 & ~umask, 0o777 & ~umask)
    ns = mtime * 1_000_000_000

    stamps: dict[str, str] = {}

    def fix(path: str, info: os.stat_result, mode: int) -> os.stat_result:
        changed = False
        if stat.S_IMODE(info.st_mode) != mode:
            os.chmod(path, mode)  # noqa: PTH101 - strings: this runs for every file
            changed = True
        if info.st_mtime_ns != ns:  # not the access time: reading a file may change it
            os.utime(path, ns=(ns, ns))
            changed = True
        return os.lstat(path) if changed else info

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
                stamps[name] = stamp_of(fix(item.path, item.stat(follow_symlinks=False), modes[0]))
        if not kept and rel:
            os.rmdir(path)  # noqa: PTH106
            return False
        fix(path, os.stat(path), modes[1])  # noqa: PTH116 - after its contents changed
        return True

    visit(str(folder), "")
    return stamps


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
