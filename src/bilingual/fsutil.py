"""Writing files so that nothing is lost: a temporary file, fsync, then an atomic rename."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from bilingual.errors import BilingualError, ConfigError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one,
    never half of either, and a crash leaves the old file as it was."""
    temporary = _temporary(path, data)
    try:
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _fsync_folder(path.parent)


def create_all(files: Mapping[Path, str | bytes]) -> None:
    """Create new files together or not at all: each is written to a temporary file beside it,
    then each is renamed into place; when one cannot be, those already in place are removed.
    ``FileExistsError`` (and nothing written) when one of the paths exists: a new file never
    replaces another."""
    for path in files:
        if path.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(path))
    temporaries: dict[Path, Path] = {}
    placed: list[Path] = []
    try:
        for path, data in files.items():
            temporaries[path] = _temporary(path, data)
        for path, temporary in temporaries.items():
            if path.exists():  # made by someone else meanwhile: theirs stays
                raise FileExistsError(errno.EEXIST, "file exists", str(path))
            temporary.replace(path)
            placed.append(path)
    except BaseException:
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink()
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    for folder in {path.parent for path in files}:
        _fsync_folder(folder)


def _temporary(path: Path, data: str | bytes) -> Path:
    """``data`` written and synced to a new temporary file beside ``path``, with the mode of
    ``path`` where it exists and the usual one for a new file otherwise."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            temporary.chmod(path.stat().st_mode & 0o7777)
        else:  # mkstemp creates 0600; a new file gets the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            temporary.chmod(0o666 & ~umask)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    return temporary


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too (POSIX).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def decode_utf8(
    data: bytes, path: Path, what: str, error: type[BilingualError] = ConfigError
) -> str:
    """``data`` as UTF-8 text (a byte-order mark allowed), else ``error`` naming ``what`` and the
    line of the first bad byte. The files a person edits by hand all read this way."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise error(
                f"{what} is UTF-16, not UTF-8", path=path, hint="save it as UTF-8"
            ) from None
        raise error(
            f"{what} is not valid UTF-8",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            hint="save it as UTF-8",
        ) from None


def content_digest(data: bytes) -> str:
    """The digest a file's bytes are known by (the result cache compares files by it)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
