"""Editing ``glossary.yaml`` without losing what a person wrote.

Edits are made on the file's text: a new term is appended to the ``terms`` list, a removed or
edited term replaces only its own lines, and everything else — comments, key order, other
entries — stays byte for byte. Each edit holds a lock on the file, re-reads it under the lock
(so two concurrent edits cannot lose either one), validates the result by reading it back, and
writes it atomically.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml

from bilingual.errors import UsageError
from bilingual.fsutil import atomic_write, decode_utf8
from bilingual.glossary.model import Glossary, Term
from bilingual.glossary.store import parse_text

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\[\]{},'\"]*")
_TYPED = re.compile(r"[-+.0-9~]|(?i:y|n|yes|no|true|false|on|off|null)$")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if _PLAIN.fullmatch(value) and not _TYPED.match(value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def render(term: Term, indent: str = "  ") -> str:
    """One glossary entry as YAML lines."""
    lines = [f"{indent}- zh: {scalar(term.zh)}", f"{indent}  en: {scalar(term.en)}"]
    for key in ("variants", "forbidden", "tags"):
        values = getattr(term, key)
        if values:
            lines.append(f"{indent}  {key}: [{', '.join(scalar(v) for v in values)}]")
    if term.note:
        lines.append(f"{indent}  note: {scalar(term.note)}")
    if term.case_sensitive is not None:
        lines.append(f"{indent}  case_sensitive: {'true' if term.case_sensitive else 'false'}")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for one edit of ``path`` (a ``.lock`` file beside it)."""
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _spans(text: str) -> tuple[list[tuple[int, int]], int | None, str]:
    """Line spans [start, end) of each entry, the line the list ends at, and its indent."""
    node = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if node is None:
        return [], None, "  "
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if getattr(key, "value", None) == "terms" and isinstance(value, yaml.SequenceNode):
            items = value.value
            starts = [item.start_mark.line for item in items]
            lines = text.split("\n")
            spans = []
            for index, start in enumerate(starts):
                end = starts[index + 1] if index + 1 < len(starts) else value.end_mark.line
                if index + 1 == len(starts) and value.end_mark.column:
                    end += 1
                dash = max(items[index].start_mark.column - 2, 0)
                while end > start + 1 and _outside(lines[end - 1], dash):
                    end -= 1  # blank lines and comments after the entry are not part of it
                spans.append((start, end))
            # An item's mapping starts after its "- ": the dash is two columns to the left.
            indent = " " * max(items[0].start_mark.column - 2, 0) if items else "  "
            return spans, spans[-1][1] if spans else None, indent
    return [], None, "  "


def _outside(line: str, dash: int) -> bool:
    """A blank line, or a comment no further in than the entry's dash."""
    stripped = line.lstrip()
    return not stripped or (stripped.startswith("#") and len(line) - len(stripped) <= dash)


def edit_glossary(path: Path, change: Callable[[str, Glossary], str]) -> Glossary:
    """Apply ``change`` (old text and glossary -> new text) under the lock, check the result
    reads back as a valid glossary, and write it atomically. The new glossary is returned."""
    path = path.resolve()  # a symlinked glossary is edited where it lives, the link kept
    with locked(path):
        data = path.read_bytes() if path.exists() else b"terms:\n"
        raw = decode_utf8(data, path, "the glossary")
        # Edits work on LF text; a file written with CRLF line ends is written back with them.
        crlf = "\r\n" in raw
        text = raw.replace("\r\n", "\n") if crlf else raw
        old = parse_text(text, path)
        new_text = change(text, old)
        if new_text == text:
            return old
        new = parse_text(new_text, path)  # never write what would not read back
        atomic_write(path, new_text.replace("\n", "\r\n") if crlf else new_text)
    return new


def add_term(path: Path, term: Term, *, replace: bool = False) -> Glossary:
    """Append ``term``; an existing term with the same zh is an error unless ``replace``."""

    validate(term)

    def change(text: str, glossary: Glossary) -> str:
        if any(t.zh == term.zh for t in glossary.terms):
            if not replace:
                raise UsageError(
                    f"{term.zh} is already in the glossary",
                    path=path,
                    hint="use 'bilingual glossary edit' to change it",
                )
            text = _drop(text, term.zh, glossary)
        return _append(text, term)

    return edit_glossary(path, change)


def remove_term(path: Path, name: str) -> Term:
    """Remove the term ``name`` names (see ``find``); the removed term is returned."""
    removed: list[Term] = []

    def change(text: str, glossary: Glossary) -> str:
        term = find(glossary, name)
        removed[:] = [term]
        return _drop(text, term.zh, glossary)

    edit_glossary(path, change)
    return removed[0]


def update_term(path: Path, name: str, **changes: object) -> tuple[Term, bool]:
    """Replace the fields given of the term ``name`` names, in its place: the term as it is
    now, and whether anything changed."""
    result: list[tuple[Term, bool]] = []

    def change(text: str, glossary: Glossary) -> str:
        term = find(glossary, name)
        index = glossary.terms.index(term)
        fields = {key: value for key, value in changes.items() if value is not None}
        updated = _replace_fields(term, fields)
        validate(updated)
        result[:] = [(updated, not same(updated, term))]
        if same(updated, term):
            return text  # nothing changes: the entry, comments and all, stays as it is
        return _edit_fields(text, index, term, updated)

    edit_glossary(path, change)
    return result[0]


_FIELDS = ("en", "variants", "forbidden", "note", "tags", "case_sensitive")


def _field_text(term: Term, key: str) -> str | None:
    value = getattr(term, key)
    if isinstance(value, tuple):
        return f"[{', '.join(scalar(v) for v in value)}]" if value else None
    if isinstance(value, bool):
        return "true" if value else "false"
    return scalar(value) if value else None


def _edit_fields(text: str, index: int, old: Term, new: Term) -> str:
    """Rewrite only the fields of entry ``index`` that changed: every other line of the entry,
    its comments included, stays as it is; a comment after a one-line value is kept."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    terms = next(v for k, v in node.value if getattr(k, "value", None) == "terms")
    entry = terms.value[index]
    lines = text.split("\n")
    nodes = {key.value: (key, value) for key, value in entry.value}
    column = entry.value[0][0].start_mark.column
    edits: list[tuple[int, int, list[str]]] = []  # [first, last) line ranges and new lines
    for key in _FIELDS:
        if getattr(old, key) == getattr(new, key):
            continue
        rendered = _field_text(new, key)
        if key in nodes:
            key_node, value_node = nodes[key]
            first = key_node.start_mark.line
            end_line, end_col = value_node.end_mark.line, value_node.end_mark.column
            last = end_line + 1 if end_col else end_line
            head = lines[first][: key_node.start_mark.column]
            tail = ""
            if last - 1 == first:  # a one-line value: keep a comment after it
                rest = lines[first][end_col:]
                tail = rest if rest.lstrip().startswith("#") else ""
            new_lines = [f"{head}{key}: {rendered}{tail}"] if rendered is not None else []
            if rendered is None and head.strip():  # the first key carries the "- ": keep it
                new_lines = []
            edits.append((first, max(last, first + 1), new_lines))
        elif rendered is not None:
            after = max(v.end_mark.line + (1 if v.end_mark.column else 0) for _, v in entry.value)
            edits.append((after, after, [f"{' ' * column}{key}: {rendered}"]))
    for first, last, new_lines in sorted(edits, reverse=True):
        lines[first:last] = new_lines
    return "\n".join(lines)


def find(glossary: Glossary, name: str, *, forbidden: bool = False) -> Term:
    """The term ``name`` names: its zh or preferred en first (English case-insensitively), else
    a variant (or, with ``forbidden``, a forbidden rendering). A name that fits several terms
    is an error listing them, so ``remove SJTU`` never picks one of two terms by chance."""
    wanted = name.strip()
    lowered = wanted.lower()
    exact = [t for t in glossary.terms if wanted == t.zh or lowered == t.en.lower()]
    found = exact or [
        t
        for t in glossary.terms
        if lowered in (r.lower() for r in (*t.variants, *(t.forbidden if forbidden else ())))
    ]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(
            f"{name!r} fits {len(found)} terms: " + ", ".join(f"{t.zh} ({t.en})" for t in found),
            hint="name the term by its Chinese",
        )
    raise UsageError(
        f"no term {name!r} in the glossary",
        hint="'bilingual glossary list --search TEXT' finds terms",
    )


# YAML reads NEL and the Unicode line and paragraph separators as line breaks too.
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def validate(term: Term, where: str = "") -> None:
    """Refuse a term the file could not hold as one line per field: empty zh or en, line
    breaks or other control characters. ``where`` says where the term came from."""
    prefix = f"{where}: " if where else ""
    if not term.zh.strip() or not term.en.strip():
        raise UsageError(f"{prefix}a term needs a non-empty zh and en")
    fields = {
        "zh": [term.zh],
        "en": [term.en],
        "variant": list(term.variants),
        "forbidden": list(term.forbidden),
        "note": [term.note],
        "tag": list(term.tags),
    }
    for field_name, values in fields.items():
        for value in values:
            if _CONTROL.search(value):
                raise UsageError(
                    f"{prefix}the {field_name} {value!r} holds a line break or a control character"
                )
            if not value.strip() and field_name != "note":
                raise UsageError(f"{prefix}an empty {field_name}")


def _replace_fields(term: Term, fields: dict[str, object]) -> Term:
    return dataclasses.replace(term, **fields)  # type: ignore[arg-type]


def _append(text: str, term: Term) -> str:
    _, end, indent = _spans(text)
    entry = render(term, indent)
    if end is None:  # an empty list: write the entry under "terms:"
        empty = r"^terms:[ \t]*(\[\s*\])?[ \t]*(#.*)?$"
        if re.search(empty, text, re.MULTILINE):
            text = re.sub(empty, r"terms:  \2", text, count=1, flags=re.MULTILINE)
            head, _, tail = text.partition("terms:")
            comment, _, rest = tail.partition("\n")
            return head + "terms:" + comment.rstrip() + "\n" + entry + rest.lstrip("\n")
        return text.rstrip("\n") + ("\n" if text.strip() else "") + "terms:\n" + entry
    lines = text.split("\n")
    return "\n".join(lines[:end]) + "\n" + entry + "\n".join(lines[end:])


def _drop(text: str, zh: str, glossary: Glossary) -> str:
    index = next(i for i, t in enumerate(glossary.terms) if t.zh == zh)
    spans, _, _ = _spans(text)
    start, end = spans[index]
    lines = text.split("\n")
    return "\n".join(lines[:start] + lines[end:])


@dataclasses.dataclass(frozen=True, slots=True)
class Merge:
    """What ``import_terms`` did: terms added, replaced, already there, and left alone."""

    added: tuple[Term, ...] = ()
    replaced: tuple[Term, ...] = ()
    unchanged: tuple[Term, ...] = ()
    #: (the glossary's term, the incoming one) pairs that differ and were not replaced.
    conflicts: tuple[tuple[Term, Term], ...] = ()
    #: (first, later) entries of one zh that differ within the incoming terms; the first is used.
    duplicates: tuple[tuple[Term, Term], ...] = ()


def differences(ours: Term, theirs: Term, source: str) -> str:
    """What differs between a glossary's term and an incoming one, field by field."""
    parts = []
    for name in ("en", "variants", "forbidden", "note", "tags", "case_sensitive"):
        mine, other = getattr(ours, name), getattr(theirs, name)
        if mine != other:
            show = (lambda v: ", ".join(v) or "none") if isinstance(mine, tuple) else repr
            parts.append(f"{name} {show(mine)} here, {show(other)} in {source}")
    where = f" (line {theirs.line})" if theirs.line else ""
    return "; ".join(parts) + where


def same(a: Term, b: Term) -> bool:
    """Whether two terms say the same (the line they were read from aside)."""
    return dataclasses.replace(a, line=None) == dataclasses.replace(b, line=None)


def import_terms(
    path: Path,
    incoming: Sequence[Term],
    *,
    replace: bool = False,
    fields: frozenset[str] | None = None,
) -> Merge:
    """Merge ``incoming`` into the glossary in one locked, atomic edit.

    A new zh is appended; a zh already there with the same content is left as it is; one with
    different content is a conflict, left alone unless ``replace``, which rewrites that entry in
    its place. A zh given twice in ``incoming`` keeps its first entry; the second is reported
    in ``duplicates``. With ``fields`` (those the imported file carries), a field the file does
    not carry keeps the glossary's value instead of reading as empty.
    """
    outcome: dict[str, list] = {
        "added": [],
        "replaced": [],
        "unchanged": [],
        "conflicts": [],
        "duplicates": [],
    }

    def change(text: str, glossary: Glossary) -> str:
        for value in outcome.values():
            value.clear()
        existing = {t.zh: i for i, t in enumerate(glossary.terms)}
        seen: dict[str, Term] = {}
        replacements: dict[int, Term] = {}
        new: list[Term] = []
        for term in incoming:
            if term.zh in seen:
                if not same(seen[term.zh], term):
                    outcome["duplicates"].append((seen[term.zh], term))
                continue
            seen[term.zh] = term
            index = existing.get(term.zh)
            if index is not None and fields is not None:
                kept = {f: getattr(term, f) for f in fields if f in _FIELDS}
                term = dataclasses.replace(glossary.terms[index], **kept, line=term.line)
            if index is None:
                new.append(term)
                outcome["added"].append(term)
            elif same(glossary.terms[index], term):
                outcome["unchanged"].append(term)
            elif replace:
                replacements[index] = term
                outcome["replaced"].append(term)
            else:
                outcome["conflicts"].append((glossary.terms[index], term))
        if replacements:
            spans, _, indent = _spans(text)
            lines = text.split("\n")
            for index in sorted(replacements, reverse=True):  # later spans first: indices hold
                start, end = spans[index]
                entry = render(replacements[index], indent).rstrip("\n").split("\n")
                lines[start:end] = entry
            text = "\n".join(lines)
        if new:
            text = _append_all(text, new)
        return text

    if incoming:
        edit_glossary(path, change)
    return Merge(
        *(tuple(outcome[k]) for k in ("added", "replaced", "unchanged", "conflicts", "duplicates"))
    )


def _append_all(text: str, terms: Sequence[Term]) -> str:
    # One insertion for all new terms: appending one at a time re-reads the file per term.
    _, end, indent = _spans(text)
    entries = "".join(render(t, indent) for t in terms)
    if end is None:
        first, rest = _append(text, terms[0]), terms[1:]
        return _append_all(first, rest) if rest else first
    lines = text.split("\n")
    return "\n".join(lines[:end]) + "\n" + entries + "\n".join(lines[end:])
