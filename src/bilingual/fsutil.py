"""Writing files so that nothing is lost: a temporary file, fsync, then an atomic rename."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from bilingual.errors import BilingualError, ConfigError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one,
    never half of either, and a crash leaves the old file as it was."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            Path(temporary).chmod(path.stat().st_mode & 0o7777)
        else:  # mkstemp creates 0600; a new file gets the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
    _fsync_folder(path.parent)


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
