"""The history of an original in git: the newest committed version with a given digest.

git is run as a program (no library): ``rev-parse`` finds the work tree, ``log --follow`` lists
the commits that touched the file (and its name in each, across renames), and one
``cat-file --batch`` reads every version at once. Any failure — git not installed, not a work
tree, an unsafe repository, a timeout — is a reason given back, never an exception: ``diff``
then says what it can without history.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Seconds any one git command may take before the history is given up.
TIMEOUT = 60
# Fields of one commit in ``git log``'s output: a record separator starts each commit.
_FORMAT = "--format=%x1e%H%x1f%h%x1f%cI%x1f%s"


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that touched the original: which, when, what it says, and the original's
    path (from the work tree's top) in it."""

    commit: str
    short: str
    #: Committer date, ISO 8601 with its offset.
    date: str
    subject: str
    path: str


@dataclass(frozen=True, slots=True)
class History:
    """What git knows of an original: the version found, the commits since, or why nothing."""

    #: Whether git could be asked at all; when not, ``reason`` says why.
    available: bool
    reason: str = ""
    #: The newest commit whose original has the digest sought, and that version's text.
    found: Commit | None = None
    text: str | None = None
    #: Commits that touched the original after ``found`` (all of them when none was found),
    #: newest first.
    since: tuple[Commit, ...] = ()
    #: Commits whose version was read.
    searched: int = 0
    #: The working tree's original differs (in digest) from its newest commit.
    uncommitted: bool = False


class GitError(Exception):
    """A git command failed; the message is its reason, in one line."""


def find_version(
    path: Path, digest: str, digest_of: Callable[[bytes, str], str | None], current: str
) -> History:
    """The newest committed version of the file ``path`` whose ``digest_of(data, path)`` is
    ``digest``; ``current`` is the working tree's digest (to tell uncommitted edits)."""
    try:
        top = Path(_git(path.parent, "rev-parse", "--show-toplevel").decode().strip())
        try:
            rel = path.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            return History(False, "the original is outside the git work tree")
        try:
            _git(top, "rev-parse", "-q", "--verify", "HEAD")
        except GitError:  # a repository without commits yet (git log would fail)
            return History(True, "the original has never been committed")
        commits = _log(top, rel)
        if not commits:
            return History(True, "the original has never been committed")
        versions = _blobs(top, [f"{c.commit}:{c.path}" for c in commits])
    except GitError as exc:
        return History(False, str(exc))
    newest = digest_of(versions[0], commits[0].path) if versions[0] is not None else None
    uncommitted = newest != current
    for index, (commit, data) in enumerate(zip(commits, versions, strict=True)):
        if data is not None and digest_of(data, commit.path) == digest:
            text = data.decode("utf-8", errors="replace")
            return History(
                True,
                found=commit,
                text=text,
                since=tuple(commits[:index]),
                searched=index + 1,
                uncommitted=uncommitted,
            )
    return History(
        True,
        "no commit of the original has the digest the translation records",
        since=tuple(commits),
        searched=len(commits),
        uncommitted=uncommitted,
    )


def _log(top: Path, rel: str) -> list[Commit]:
    """The commits that touched ``rel``, newest first, each with the file's path in it."""
    out = _git(top, "log", "--follow", _FORMAT, "--name-only", "--", rel).decode("utf-8", "replace")
    commits: list[Commit] = []
    path = rel
    for record in out.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, short, date, subject = head.split("\x1f", 3)
        # A merge lists no name: the file is where the newer commit had it.
        listed = [name for name in names.split("\n") if name.strip()]
        path = listed[-1] if listed else path
        commits.append(Commit(commit, short, date, subject, path))
    return commits


def _blobs(top: Path, names: list[str]) -> list[bytes | None]:
    """The contents of ``commit:path`` objects, read by one ``git cat-file --batch``; None for
    one that is missing."""
    out = _git(top, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    blobs: list[bytes | None] = []
    at = 0
    for _ in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "<name> missing", a folder, ...
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[at : at + size])
        at += size + 1  # the newline after the contents
    return blobs


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``cwd``; its output, or ``GitError`` with a one-line reason."""
    command = ["git", "-c", "core.quotepath=off", *args]
    # Messages in English, whatever the user's locale: "not a git repository" is read below.
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"git could not be run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = message[0] if message else f"exit status {done.returncode}"
        if first.startswith("fatal: not a git repository (or any"):
            raise GitError("not in a git repository")
        raise GitError(f"git {args[0]} failed: {first.removeprefix('fatal: ')}")
    return done.stdout
