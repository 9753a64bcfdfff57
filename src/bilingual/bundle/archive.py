"""Reproducible archives of a bundle: the same files give the same bytes, whoever builds them
and whenever. Entries are sorted, carry one fixed time, fixed permissions and no owner names;
the gzip header carries no time and no file name."""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bilingual.bundle.write import Files
from bilingual.errors import BundleError

FORMATS = ("tar.gz", "zip")
#: The earliest time a zip entry can carry (MS-DOS dates start in 1980).
ZIP_EPOCH = 315532800


def archive_path(out: Path, fmt: str) -> Path:
    """The archive written for the bundle folder ``out``: beside it, named after it."""
    return out.with_name(f"{out.name}.{fmt}")


def write_archive(files: Files, dest: Path, fmt: str, mtime: int, prefix: str) -> None:
    """Write ``files`` under the folder ``prefix`` into ``dest``: streamed into a temporary
    file beside it (one file in memory at a time), then renamed over it in one step."""
    if fmt not in FORMATS:
        raise BundleError(f"unknown archive format {fmt!r} (tar.gz or zip)")
    try:
        fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    except OSError as exc:
        raise BundleError(f"cannot write the archive: {exc.strerror or exc}", path=dest) from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if fmt == "tar.gz":
                _tar_gz(files, mtime, prefix, handle)
            else:
                _zip(files, mtime, prefix, handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o644)
        temporary.replace(dest)
    except OSError as exc:
        raise BundleError(f"cannot write the archive: {exc.strerror or exc}", path=dest) from None
    finally:
        temporary.unlink(missing_ok=True)


def _tar_gz(files: Files, mtime: int, prefix: str, handle: BinaryIO) -> None:
    # No file name and a zero time in the gzip header: the same tar gives the same bytes.
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0, compresslevel=6) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        folders: set[str] = set()
        for path, data in files.items():
            parts = path.split("/")[:-1]
            for n in range(len(parts) + 1):
                folder = "/".join([prefix, *parts[:n]])
                if folder not in folders:
                    folders.add(folder)
                    tar.addfile(_info(folder, tarfile.DIRTYPE, 0o755, mtime))
            info = _info(f"{prefix}/{path}", tarfile.REGTYPE, 0o644, mtime)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _info(name: str, kind: bytes, mode: int, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _zip(files: Files, mtime: int, prefix: str, handle: BinaryIO) -> None:
    stamp = time.gmtime(max(mtime, ZIP_EPOCH))[:6]
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(f"{prefix}/{path}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the builder's system
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def read_archive(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of an archive, its top folder taken off its path."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if not n.endswith("/")]
                top = _top(names, path)
                for name in names:
                    yield name[len(top) :], archive.read(name)
            return
        with tarfile.open(path, "r:*") as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            top = _top([m.name for m in members], path)
            for member in members:
                handle = tar.extractfile(member)
                assert handle is not None
                yield member.name[len(top) :], handle.read()
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BundleError(f"cannot read the archive: {exc}", path=path) from None


def _top(names: list[str], path: Path) -> str:
    """The one folder every entry is in, with its ``/``."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) != 1 or any("/" not in name for name in names):
        raise BundleError("not a bundle archive: entries are not in one folder", path=path)
    return tops.pop() + "/"
