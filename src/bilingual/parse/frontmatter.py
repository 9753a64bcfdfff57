"""Split a source file into YAML front matter and Markdown body, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from bilingual.errors import SourceError
from bilingual.yamlutil import yaml_problem

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
    if not text.strip():
        raise SourceError("file is empty", path=path, line=1, hint=_HINT)
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        raise SourceError(
            "no front matter: the file must start with a '---' line", path=path, line=1, hint=_HINT
        )
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        raise SourceError("front matter is never closed by a '---' line", path=path, line=1)
    yaml_text = "\n".join(lines[1:end])
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
    meta_lines = {
        m.group(1).strip("'\""): yaml_text.count("\n", 0, m.start()) + 2
        for m in _KEY.finditer(yaml_text)
    }
    body = "\n".join(lines[end + 1 :])
    return Source(meta=meta, meta_lines=meta_lines, body=body, body_offset=end + 1)


_HINT = "start the file with front matter: '---', title/date/category lines, '---'"
