"""Split a source file into YAML front matter and Markdown body, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from bilingual.errors import SourceError
from bilingual.yamlutil import duplicate_key, yaml_problem

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loading that keeps dates as written: an impossible date such as 2023-02-30 becomes
    a front-matter finding at its line instead of an exception inside the YAML library."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\n|$)")
_SIMPLE_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ \t]+(\S(?:.*\S)?)[ \t]*")
#: Characters a plain scalar may hold without any YAML meaning: no quotes, colons, hashes,
#: brackets, braces, commas, anchors, tags or block indicators, and no special first character.
_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\[\]{},'\"]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
#: A ``translated_from`` digest: a plain string to YAML (its colon is not followed by a space),
#: allowed here so that a synced translation's front matter still takes the fast path.
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
#: What YAML 1.1 would read as a number, boolean or null rather than a string.
_TYPED = re.compile(
    r"[-+]?[0-9][0-9_,.:eE+-]*|[-+]?\.[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|"
    r"(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
    r"null|Null|NULL)"
)
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"^([^\s#:'\"-][^:\n]*?|'[^'\n]*'|\"[^\"\n]*\")[ \t]*:(?:[ \t]|$)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded file split into its parts."""

    meta: dict[str, Any]
    #: Line of each top-level front-matter key (1-based, in the file).
    meta_lines: dict[str, int]
    body: str
    #: Number of file lines before the body starts.
    body_offset: int


def normalise(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and CR line ends into LF (line numbers unchanged)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of ``data`` (a BOM is allowed); a clear error with the line of the bad byte."""
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise SourceError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at column {column}",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from exc


def split(text: str, path: str) -> Source:
    """Parse the front matter of normalised ``text``; raise ``SourceError`` with a line if bad."""
    meta, yaml_text, closing = _parts(text, path)
    meta_lines = {
        m.group(1).strip("'\""): yaml_text.count("\n", 0, m.start()) + 2
        for m in _KEY.finditer(yaml_text)
    }
    body_offset = text.count("\n", 0, closing.end())  # the lines up to the closing fence
    body = text[closing.end() :] if closing.group(0).endswith("\n") else ""
    return Source(meta=meta, meta_lines=meta_lines, body=body, body_offset=body_offset)


def split_meta(text: str, path: str) -> tuple[dict[str, Any], str]:
    """The front matter and body of normalised ``text``, as ``split`` reads them, without the
    line of each key (``bilingual status`` reads thousands of files for a few keys)."""
    meta, _, closing = _parts(text, path)
    return meta, text[closing.end() :] if closing.group(0).endswith("\n") else ""


def _parts(text: str, path: str) -> tuple[dict[str, Any], str, re.Match[str]]:
    """The front matter's values, its YAML text and the match of its closing line."""
    if not text.strip():
        raise SourceError("file is empty", path=path, line=1, hint=_HINT)
    end = text.find("\n")
    first = text if end < 0 else text[:end]  # not split(): that would copy the whole body
    if not _FENCE.match(first):
        raise SourceError(
            "no front matter: the file must start with a '---' line", path=path, line=1, hint=_HINT
        )
    closing = _CLOSING.search(text, len(first))
    if closing is None:
        raise SourceError("front matter is never closed by a '---' line", path=path, line=1)
    yaml_text = text[len(first) + 1 : closing.start() + 1].removesuffix("\n")
    _refuse_twice(yaml_text, path)
    meta = _simple(yaml_text)
    if meta is None:
        meta = _load(yaml_text, path)
    return meta, yaml_text, closing


def _refuse_twice(yaml_text: str, path: str) -> None:
    """A key given twice is an error at its second line: YAML forbids it, and a loader keeps
    the last silently (a second ``date:`` would replace the first unseen). The key lines
    found by pattern are only candidates (a quoted value may go on at the start of a line):
    YAML's own reading of the document decides."""
    keys = [m.group(1).strip("'\"") for m in _KEY.finditer(yaml_text)]
    if len(set(keys)) == len(keys):
        return
    try:
        twice = duplicate_key(yaml.compose(yaml_text, Loader=_Base))
    except yaml.YAMLError:
        return  # said as a YAML error when it is read
    if twice:
        key, first, second = twice
        raise SourceError(
            f"front matter gives {key!r} twice (lines {first + 1} and {second + 1}): YAML "
            "keeps only the last",
            path=path,
            line=second + 1,
            hint="keep one of them",
        )


def _load(yaml_text: str, path: str) -> dict[str, Any]:
    try:
        meta = yaml.load(yaml_text, Loader=_Loader) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc, yaml_text)
        raise SourceError(
            f"front matter is not valid YAML: {problem}", path=path, line=(line or 0) + 1
        ) from exc
    if not isinstance(meta, dict):
        raise SourceError(
            "front matter must be a mapping of keys such as 'title: ...'", path=path, line=2
        )
    return meta


def _simple(yaml_text: str) -> dict[str, Any] | None:
    """Front matter of the usual shape read without the YAML parser, or None to use it.

    Nearly every file is ``key: plain text`` lines and ``key: [a, b]`` lists; reading those
    directly is several times faster. Anything else (quotes, comments, block scalars, numbers,
    booleans, nesting) goes to PyYAML, so both readings always agree.
    """
    meta: dict[str, Any] = {}
    for line in yaml_text.split("\n"):
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None or match.group(1) in meta:
            return None
        key, value = match.group(1), match.group(2)
        if value.startswith("[") and value.endswith("]"):
            items = [item.strip() for item in value[1:-1].split(",")] if value[1:-1].strip() else []
            if not all(_plain(item) for item in items):
                return None
            meta[key] = items
        elif _plain(value):
            meta[key] = value
        else:
            return None
    return meta


def _plain(value: str) -> bool:
    """A scalar PyYAML would read as this very string (dates stay strings in our loader)."""
    if _DIGEST.fullmatch(value):
        return True
    if not value or not value.isprintable() or not _SAFE.fullmatch(value):
        return False
    if _DATE.fullmatch(value):
        return True
    return not _TYPED.fullmatch(value)


_HINT = "start the file with front matter: '---', title/date/category lines, '---'"
