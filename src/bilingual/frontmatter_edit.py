"""Setting one front-matter key in a source file's own text, every other byte kept.

``sync`` (and later ``new`` and ``translate``) record a value such as ``translated_from`` in a
file a person edits: its byte-order mark, line ends, comments, key order and quoting are theirs.
So the file is not parsed and dumped again; the one line holding the key is replaced (its
trailing comment kept), or a line is added as the last of the front matter, in the line end the
file already uses. The result is read back: when the front matter does not say exactly what it
said before plus the new value (a key inside a multi-line string, say), nothing is changed and
the error says to edit it by hand.
"""

from __future__ import annotations

import re
from typing import Any

from bilingual.errors import SourceError
from bilingual.parse.frontmatter import normalise, split

# One line and its end (a file's last line may have none); the same ends ``normalise`` knows.
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
# A line that starts a top-level key (not indented, not a comment, not a list item).
_TOP_KEY = re.compile(r"^[^\s#-]")
# A plain scalar YAML reads as itself: what ``set_value`` is willing to write unquoted.
_PLAIN = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_.:/+=-]*")


def set_value(text: str, key: str, value: str, path: str) -> str:
    """``text`` (a decoded source file, byte-order mark and line ends as in the file) with
    front-matter ``key`` set to ``value``: its line replaced, or added as the last line of the
    front matter (before a block scalar that ends it). ``SourceError`` when the file has no
    front matter or the edit cannot be made on one line."""
    if not _PLAIN.fullmatch(value) or value.endswith(":"):
        raise ValueError(f"not a plain YAML scalar: {value!r}")
    meta = split(normalise(text), path).meta
    lines = _lines(text)
    closing = _closing(lines, path)
    found = [i for i in range(1, closing) if _key_line(lines[i][0], key) is not None]
    if len(found) > 1:
        raise SourceError(
            f"{key} is set {len(found)} times in the front matter",
            path=path,
            line=found[1] + 1,
            hint=f"keep one {key} line",
        )
    if found:
        at = end = found[0]
        while end + 1 < closing and lines[end + 1][0][:1] in (" ", "\t"):  # value continued
            end += 1
        lines[at : end + 1] = [(_replaced(lines[at][0], key, value), lines[end][1])]
        edited = _joined(lines)
        if not _reads_as(meta, edited, key, value, path):
            raise _refused(key, value, path, at + 1)
        return edited
    # Last in the front matter, unless that changes the value above it (a block scalar that
    # ends the front matter gains a line break when a line follows it): then before the last
    # key that allows it. The new line takes the line end of the line before it (CRLF stays).
    for at in range(closing, 0, -1):
        if at < closing and not _TOP_KEY.match(lines[at][0]):
            continue
        edited = _joined([*lines[:at], (f"{key}: {value}", lines[at - 1][1]), *lines[at:]])
        if _reads_as(meta, edited, key, value, path):
            return edited
    raise _refused(key, value, path, None)


def _closing(lines: list[tuple[str, str]], path: str) -> int:
    """The index of the line that closes the front matter."""
    first = lines[0][0].removeprefix("\ufeff") if lines else ""
    if not _OPENING.match(first):
        raise SourceError("no front matter: the file must start with a '---' line", path=path)
    closing = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i][0])), None)
    if closing is None:
        raise SourceError("front matter is never closed by a '---' line", path=path, line=1)
    return closing


def _joined(lines: list[tuple[str, str]]) -> str:
    return "".join(content + ending for content, ending in lines)


def _lines(text: str) -> list[tuple[str, str]]:
    """``text`` as (content, line end) pairs, the last one without an end if it has none."""
    lines = [(m.group(1), m.group(2)) for m in _LINE.finditer(text)]
    if lines and lines[-1] == ("", ""):  # the empty match after a final line end
        lines.pop()
    return lines


def _key_line(line: str, key: str) -> re.Match[str] | None:
    """The match of a top-level ``key:`` line: the key (bare or quoted), the colon and the
    spaces after it, the value, and a trailing comment."""
    pattern = (
        rf"(?P<key>{re.escape(key)}|'{re.escape(key)}'|\"{re.escape(key)}\")"
        r"(?P<colon>[ \t]*:(?:[ \t]+|$))(?P<value>.*?)(?P<comment>[ \t]+#.*)?"
    )
    return re.fullmatch(pattern, line)


def _replaced(line: str, key: str, value: str) -> str:
    match = _key_line(line, key)
    assert match is not None
    colon = match.group("colon")
    if colon.endswith(":"):
        colon += " "  # ``key:`` with its value on the lines below
    comment = match.group("comment") or ""
    return f"{match.group('key')}{colon}{value}{comment}"


def _reads_as(meta: dict[str, Any], edited: str, key: str, value: str, path: str) -> bool:
    """Whether the edited front matter reads as ``meta`` with ``key`` set to ``value``, the
    other keys in their order."""
    try:
        after = split(normalise(edited), path).meta
    except SourceError:
        return False
    return after == {**meta, key: value} and [k for k in after if k != key] == [
        k for k in meta if k != key
    ]


def _refused(key: str, value: str, path: str, line: int | None) -> SourceError:
    return SourceError(
        f"cannot set {key} on one line of the front matter (it is written over several "
        "lines, or inside another value)",
        path=path,
        line=line,
        hint=f"write '{key}: {value}' in the front matter by hand",
    )
