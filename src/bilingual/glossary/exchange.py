"""The glossary in other tools' formats: TBX, CSV and OmegaT's tab-separated glossary.

``render_terms`` writes terms out (``list`` and ``export``); ``read_terms`` reads a file another
tool wrote (``import``). Every format keeps what the glossary holds, so exporting and importing
back gives the same terms:

- TBX (ISO 30042, TBX-Basic ``martif`` as translate-toolkit and CAT tools read it): one
  ``termEntry`` per term, the preferred, admitted and forbidden English renderings told apart by
  ``administrativeStatus`` (preferredTerm / admittedTerm / deprecatedTerm-admn-sts), the note as
  ``note``, tags as ``subjectField``. Import also reads TBX v3 (``conceptEntry`` / ``langSec`` /
  ``termSec``) and any ``zh-*`` / ``en-*`` language tag.
- CSV with a header row: ``zh,en,variants,forbidden,note,tags,case_sensitive``; lists are
  separated by ``;``.
- TSV, OmegaT's glossary: ``source<TAB>target<TAB>comment``, one line per acceptable rendering
  (the preferred one first). OmegaT has no forbidden renderings or tags, so they travel in the
  first line's comment as ``forbidden: A; B`` and ``tags: x; y`` parts separated by `` | ``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

from bilingual.errors import UsageError
from bilingual.fsutil import decode_utf8
from bilingual.glossary.edit import validate
from bilingual.glossary.model import Term

CSV_FIELDS = ("zh", "en", "variants", "forbidden", "note", "tags", "case_sensitive")
#: Formats ``render_terms`` writes and ``read_terms`` reads.
LIST_FORMATS = ("text", "json", "csv")
EXPORT_FORMATS = ("tbx", "csv", "tsv")
_SUFFIXES = {
    ".tbx": "tbx",
    ".xml": "tbx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".utf8": "tsv",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
# TBX-Basic writes administrativeStatus; older MARTIF/TBX files normativeAuthorization.
_STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")
_FORBIDDEN_STATUS = ("deprecated", "superseded", "notrecommended", "obsolete")


def render_terms(terms: Sequence[Term], fmt: str) -> str:
    """``terms`` as ``text`` (one per line), ``json``, ``csv``, ``tsv`` or ``tbx``."""
    if fmt == "json":
        return json.dumps([_as_dict(t) for t in terms], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _render_csv(terms)
    if fmt == "tsv":
        return _render_tsv(terms)
    if fmt == "tbx":
        return _render_tbx(terms)
    if fmt != "text":
        raise UsageError(f"unknown format {fmt!r}", hint="use text, json, csv, tsv or tbx")
    lines = []
    for t in terms:
        extra = f"  (also: {', '.join(t.variants)})" if t.variants else ""
        bad = f"  (not: {', '.join(t.forbidden)})" if t.forbidden else ""
        lines.append(f"{t.zh}  {t.en}{extra}{bad}\n")
    return "".join(lines) or "no terms\n"


def format_of(path: Path, fmt: str | None = None) -> str:
    """The exchange format named, else the one ``path``'s suffix says."""
    if fmt:
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown format {fmt!r}", hint="use tbx, csv or tsv")
        return fmt
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise UsageError(
            "cannot tell the file's format from its name",
            path=path,
            hint="name it .tbx, .csv or .tsv, or pass --format tbx|csv|tsv",
        )
    return found


def read_terms(path: Path, fmt: str | None = None) -> tuple[list[Term], list[str]]:
    """The terms in a TBX, CSV or TSV file, and warnings about entries that were skipped.

    Raises ``UsageError`` (with the file and, where known, the line) when the file cannot be
    read as its format; nothing is half-read.
    """
    fmt = format_of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the file: {exc.strerror}", path=path) from None
    if fmt == "tbx":
        terms, warnings = _read_tbx(data, path)
        for term in terms:
            try:
                validate(term)
            except UsageError as exc:
                raise UsageError(f"{term.zh}: {exc.message}", path=path) from None
        return terms, warnings
    text = decode_utf8(data, path, "the file", UsageError)
    terms = _read_csv(text, path) if fmt == "csv" else _read_tsv(text, path)
    for term in terms:
        try:
            validate(term)
        except UsageError as exc:
            raise UsageError(exc.message, path=path, line=term.line) from None
    return terms, []


def read_fields(path: Path, fmt: str | None = None) -> frozenset[str]:
    """The term fields a file can carry, beyond zh: a CSV with only zh and en columns says
    nothing about forbidden renderings, so an import must not take it to mean "none"."""
    fmt = format_of(path, fmt)
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(text)), [])
        names = {h.strip().lower() for h in header}
        return frozenset({"en"} | (names & set(CSV_FIELDS[2:])))
    if fmt == "tsv":
        found = {"en", "variants", "note"}
        for part in re.findall(r"(?:^|\| )(forbidden|tags|case-sensitive): ", text, re.MULTILINE):
            found.add(part.replace("-", "_"))
        return frozenset(found)
    found = {"en", "variants", "forbidden", "note", "tags"}
    return frozenset(found | ({"case_sensitive"} if "x-caseSensitive" in text else set()))


def _as_dict(t: Term) -> dict[str, object]:
    return {
        "zh": t.zh,
        "en": t.en,
        "variants": list(t.variants),
        "forbidden": list(t.forbidden),
        "note": t.note,
        "tags": list(t.tags),
        "case_sensitive": t.case_sensitive,
    }


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _flag(value: str, path: Path, line: int) -> bool | None:
    lowered = value.strip().lower()
    if not lowered:
        return None
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise UsageError(f"case_sensitive must be true or false, not {value!r}", path=path, line=line)


def _check_list_items(terms: Iterable[Term], fmt: str) -> None:
    # ";" separates list items in CSV and TSV: a rendering holding one would come back as two.
    for t in terms:
        for value in (*t.variants, *t.forbidden, *t.tags):
            if ";" in value:
                raise UsageError(
                    f"{t.zh}: {value!r} holds ';', which separates list items in {fmt}",
                    hint="export as tbx, which keeps it",
                )


# --- CSV --------------------------------------------------------------------------------------

_ZH_COLUMNS = ("zh", "zh-cn", "zh-hans", "zh_cn", "chinese", "source")
_EN_COLUMNS = ("en", "en-us", "en-gb", "en_us", "english", "target")


def _render_csv(terms: Sequence[Term]) -> str:
    _check_list_items(terms, "csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for t in terms:
        flag = "" if t.case_sensitive is None else str(t.case_sensitive).lower()
        writer.writerow(
            (
                t.zh,
                t.en,
                "; ".join(t.variants),
                "; ".join(t.forbidden),
                t.note,
                "; ".join(t.tags),
                flag,
            )
        )
    return out.getvalue()


def _read_csv(text: str, path: Path) -> list[Term]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise UsageError("the file is empty; a CSV glossary needs a header row", path=path)
        names = [h.strip().lower() for h in header]
        zh_col = next((names.index(n) for n in _ZH_COLUMNS if n in names), None)
        en_col = next((names.index(n) for n in _EN_COLUMNS if n in names), None)
        if zh_col is None or en_col is None:
            raise UsageError(
                "the header row needs a zh and an en column",
                path=path,
                line=1,
                hint=f"for example: {','.join(CSV_FIELDS)}",
            )

        def column(row: list[str], name: str) -> str:
            return (
                row[names.index(name)].strip()
                if name in names and names.index(name) < len(row)
                else ""
            )

        terms = []
        end = reader.line_num
        for row in reader:
            # A quoted cell may span lines: the row starts after the previous one ended.
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            zh = row[zh_col].strip() if zh_col < len(row) else ""
            en = row[en_col].strip() if en_col < len(row) else ""
            if not zh or not en:
                raise UsageError("a row needs both zh and en", path=path, line=line)
            terms.append(
                Term(
                    zh,
                    en,
                    _split(column(row, "variants")),
                    _split(column(row, "forbidden")),
                    column(row, "note"),
                    _flag(column(row, "case_sensitive"), path, line),
                    _split(column(row, "tags")),
                    line,
                )
            )
    except csv.Error as exc:
        raise UsageError(
            f"not a readable CSV file: {exc}", path=path, line=reader.line_num
        ) from None
    return terms


# --- TSV (OmegaT) -----------------------------------------------------------------------------


def _render_tsv(terms: Sequence[Term]) -> str:
    _check_list_items(terms, "tsv")
    lines = ["# OmegaT glossary exported by bilingual: source (zh), target (en), comment\n"]
    for t in terms:
        for value in (t.zh, t.en, *t.variants, *t.forbidden, t.note, *t.tags):
            if "\t" in value or "\n" in value or " | " in value:
                raise UsageError(
                    f"{t.zh}: {value!r} holds a tab, a line break or ' | ', which tsv cannot keep",
                    hint="export as tbx, which keeps it",
                )
        if t.zh.lstrip().startswith("#"):
            raise UsageError(
                f"{t.zh}: a source term starting with '#' is a comment line in tsv",
                hint="export as tbx or csv, which keep it",
            )
        if any(
            part.startswith(("forbidden: ", "tags: ", "case-sensitive: "))
            for part in t.note.split(" | ")
        ):
            raise UsageError(
                f"{t.zh}: the note {t.note!r} would read back as a field in tsv",
                hint="export as tbx or csv, which keep it",
            )
        parts = [t.note] if t.note else []
        if t.forbidden:
            parts.append("forbidden: " + "; ".join(t.forbidden))
        if t.tags:
            parts.append("tags: " + "; ".join(t.tags))
        if t.case_sensitive is not None:
            parts.append(f"case-sensitive: {str(t.case_sensitive).lower()}")
        lines.append(f"{t.zh}\t{t.en}\t{' | '.join(parts)}".rstrip("\t") + "\n")
        lines.extend(f"{t.zh}\t{variant}\n" for variant in t.variants)
    return "".join(lines)


def _read_tsv(text: str, path: Path) -> list[Term]:
    entries: dict[str, dict[str, object]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if not entries and [c.strip().lower() for c in cells[:2]] in (
            ["zh", "en"],
            ["source", "target"],
        ):
            continue  # a header line
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise UsageError(
                "a line needs a source term, a tab and a target term", path=path, line=number
            )
        zh, en = cells[0].strip(), cells[1].strip()
        comment = cells[2].strip() if len(cells) > 2 else ""
        entry = entries.get(zh)
        if entry is None:
            entry = entries[zh] = {
                "line": number,
                "en": en,
                "variants": [],
                "forbidden": (),
                "tags": (),
                "note": "",
                "case": None,
            }
        elif en != entry["en"] and en not in entry["variants"]:  # type: ignore[operator]
            entry["variants"].append(en)  # type: ignore[union-attr]
        notes = []
        for part in comment.split(" | ") if comment else ():
            key, _, value = part.partition(": ")
            if key == "forbidden":
                entry["forbidden"] = _split(value)
            elif key == "tags":
                entry["tags"] = _split(value)
            elif key == "case-sensitive":
                entry["case"] = _flag(value, path, number)
            else:
                notes.append(part)
        if notes:
            entry["note"] = " | ".join(
                n
                for n in (entry["note"], *notes)
                if n  # type: ignore[misc]
            )
    return [
        Term(
            zh,
            e["en"],
            tuple(e["variants"]),
            tuple(e["forbidden"]),
            e["note"],  # type: ignore[arg-type]
            e["case"],
            tuple(e["tags"]),
            e["line"],  # type: ignore[arg-type]
        )  # type: ignore[arg-type]
        for zh, e in entries.items()
    ]


# --- TBX --------------------------------------------------------------------------------------


def _render_tbx(terms: Sequence[Term]) -> str:
    for t in terms:
        for value in (t.zh, t.en, *t.variants, *t.forbidden, t.note, *t.tags):
            if _NOT_XML.search(value):
                raise UsageError(
                    f"{t.zh}: {value!r} holds a control character XML cannot carry",
                    hint="remove it from glossary.yaml",
                )
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "zh"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(
        ET.SubElement(file_desc, "sourceDesc"), "p"
    ).text = "Exported by bilingual from glossary.yaml"
    encoding = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, t in enumerate(terms, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{number}"})
        for tag in t.tags:
            ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = tag
        if t.note:
            ET.SubElement(entry, "note").text = t.note
        if t.case_sensitive is not None:
            # Not a TBX-Basic category; readers keep or skip unknown admin types.
            ET.SubElement(entry, "admin", {"type": "x-caseSensitive"}).text = str(
                t.case_sensitive
            ).lower()
        zh = ET.SubElement(entry, "langSet", {_XML_LANG: "zh"})
        ET.SubElement(ET.SubElement(zh, "tig"), "term").text = t.zh
        en = ET.SubElement(entry, "langSet", {_XML_LANG: "en"})
        renderings = [(t.en, "preferred")]
        renderings += [(v, "admitted") for v in t.variants]
        renderings += [(f, "forbidden") for f in t.forbidden]
        for text, status in renderings:
            tig = ET.SubElement(en, "tig")
            ET.SubElement(tig, "term").text = text
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = _STATUS[status]
    ET.indent(martif)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
    )


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _read_tbx(data: bytes, path: Path) -> tuple[list[Term], list[str]]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        problem = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise UsageError(f"not well-formed XML: {problem}", path=path, line=line) from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise UsageError(
            f"not a TBX file: the root element is <{_local(root.tag)}>",
            path=path,
            hint="TBX files start with <martif> (TBX-Basic) or <tbx> (TBX v3)",
        )
    terms: list[Term] = []
    warnings: list[str] = []
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    for number, entry in enumerate(entries, start=1):
        name = entry.get("id") or f"entry {number}"
        zh_terms: list[tuple[str, str]] = []
        en_terms: list[tuple[str, str]] = []
        for lang_set in entry:
            if _local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            lang = (lang_set.get(_XML_LANG) or "").lower()
            bucket = (
                zh_terms if lang.startswith("zh") else en_terms if lang.startswith("en") else None
            )
            if bucket is None:
                continue
            for holder in lang_set.iter():
                if _local(holder.tag) not in ("tig", "ntig", "termSec"):
                    continue
                text, status = "", ""
                for child in holder.iter():
                    local = _local(child.tag)
                    if local == "term" and not text:
                        text = "".join(child.itertext()).strip()
                    elif local == "termNote" and child.get("type") in _STATUS_TYPES:
                        status = "".join(child.itertext()).strip().lower()
                if text:
                    bucket.append((text, status))
        if not zh_terms or not en_terms:
            warnings.append(f"{name}: skipped, it has no {'zh' if not zh_terms else 'en'} term")
            continue
        forbidden = tuple(t for t, s in en_terms if s.startswith(_FORBIDDEN_STATUS))
        allowed = [(t, s) for t, s in en_terms if not s.startswith(_FORBIDDEN_STATUS)]
        if not allowed:
            warnings.append(f"{name}: skipped, every en term is deprecated")
            continue
        preferred = next((t for t, s in allowed if s.startswith("preferred")), allowed[0][0])
        variants = tuple(t for t, _ in allowed if t != preferred)
        notes, tags, case = [], [], None
        for child in entry:
            local = _local(child.tag)
            text = "".join(child.itertext()).strip()
            if local == "note" and text:
                notes.append(text)
            elif local == "descrip" and child.get("type") == "subjectField" and text:
                tags.append(text)
            elif local == "admin" and child.get("type") == "x-caseSensitive":
                case = text.lower() == "true"
        if len(zh_terms) > 1:
            warnings.append(f"{name}: kept the first of {len(zh_terms)} zh terms, {zh_terms[0][0]}")
        terms.append(
            Term(
                zh_terms[0][0], preferred, variants, forbidden, "; ".join(notes), case, tuple(tags)
            )
        )
    return terms, warnings
