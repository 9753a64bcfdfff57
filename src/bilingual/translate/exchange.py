"""The aligned block pairs of articles: feeding the memory, and TMX 1.4b and CSV for CAT tools.

A unit pair is a bead of ``check``'s alignment with one block on each side — a heading, a
paragraph or a list item rendered by one of the same — read as inline Markdown (what
``translate`` sends and looks up) and as plain text (what a CAT tool shows).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import SourceError, UsageError
from bilingual.fsutil import content_digest
from bilingual.parse.frontmatter import decode, split
from bilingual.translate.memory import FEEDING, Memory, Pairing
from bilingual.translate.segment import layout

if TYPE_CHECKING:
    from bilingual.engine import Plan
    from bilingual.model import Pair

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Block kinds a unit pair is made of: one unit of text each (a table or quote holds several).
_KINDS = ("heading", "paragraph", "list_item")
#: TMX inline elements holding the native code of a tag, not text.
_CODE = {"bpt", "ept", "ph", "it", "ut"}


def status(pair: Pair, default_original: str = "zh") -> str:
    """The translation's status (``published``, ``review``, ...), or ``""``; ``default_original``
    is the side articles are translated from unless they say (the config's ``original``)."""
    from bilingual.checks.article import translation_side

    side = pair.side(translation_side(pair, default_original))
    value = side.meta.get("status") if side is not None else None
    return value if isinstance(value, str) else ""


def stale(pair: Pair, default_original: str = "zh") -> bool:
    """Whether the original changed since the translation was synced (A107): its blocks no
    longer say what the translation's say, so neither the memory nor an export takes them."""
    from bilingual.stale import State, pair_sync

    synced = pair_sync(pair, default_original)
    return synced is not None and synced[2] is State.STALE


def date(pair: Pair) -> str:
    """The article's date, ISO, or ``""``."""
    from bilingual.checks.article import parse_date

    for side in (pair.zh, pair.en):
        if side is not None and (day := parse_date(side.meta.get("date"))) is not None:
            return day.isoformat()
    return ""


def unit_pairs(root: Path, pair: Pair, plan: Plan) -> list[Pairing]:
    """The pair's aligned block pairs (one block on each side)."""
    from bilingual.engine import pair_beads

    units = {lang: _units(root / pair.path(lang)) for lang in ("zh", "en")}
    found = []
    for bead in pair_beads(pair, plan):
        if len(bead.zh) != 1 or len(bead.en) != 1:
            continue
        zh, en = bead.zh[0], bead.en[0]
        if zh.kind not in _KINDS or en.kind not in _KINDS or not (zh.text and en.text):
            continue
        zh_md, en_md = units["zh"].get(zh.line), units["en"].get(en.line)
        if zh_md and en_md:
            found.append(Pairing(zh_md, en_md, zh.text, en.text))
    return found


def _units(path: Path) -> dict[int, str]:
    """A file's units by first line."""
    try:
        source = split(decode(path.read_bytes(), str(path)), str(path))
    except (OSError, SourceError):
        return {}
    found: dict[int, str] = {}
    for unit in layout(source.body, source.body_offset).units:
        if unit.kind != "cell":
            found.setdefault(unit.line, unit.text)
    return found


def refresh(root: Path, memory: Memory, plan: Plan) -> int:
    """Bring the memory up to date with the articles: read again those whose files changed,
    forget those gone; the number of articles read."""
    from bilingual.parse.discover import article_folders, load_pair

    known = memory.feeds()
    seen: set[str] = set()
    read = 0
    for folder in article_folders(root):
        article = f"articles/{folder.name}"
        seen.add(article)
        digests = (_digest(folder / "zh.md"), _digest(folder / "en.md"))
        if known.get(article) == digests:
            continue
        pair = load_pair(root, folder)
        read += 1
        eligible = (
            pair.zh is not None
            and pair.en is not None
            and status(pair, plan.settings.original) in FEEDING
            and not stale(pair, plan.settings.original)
        )
        units = unit_pairs(root, pair, plan) if eligible else []
        memory.feed(article, digests, date(pair), units)
    memory.forget(article for article in known if article not in seen)
    return read


def _digest(path: Path) -> str:
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return ""


def published(root: Path, plan: Plan) -> Iterator[tuple[str, str, Pairing]]:
    """(slug, date, unit pair) of every published article whose translation is not stale, in
    slug order."""
    from bilingual.parse.discover import article_folders, load_pair

    for folder in article_folders(root):
        pair = load_pair(root, folder)
        if (
            pair.zh is None
            or pair.en is None
            or status(pair, plan.settings.original) != "published"
            or stale(pair, plan.settings.original)
        ):
            continue
        for unit in unit_pairs(root, pair, plan):
            yield pair.slug, date(pair), unit


def tmx(units: Iterator[tuple[str, str, Pairing]], version: str) -> str:
    """TMX 1.4b: one translation unit per aligned pair, its slug and date as properties."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "bilingual",
            "creationtoolversion": version,
            "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
            "segtype": "paragraph",
            "o-tmf": "bilingual",
            "adminlang": "en",
            "srclang": "zh-CN",
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for slug, day, unit in units:
        tu = ET.SubElement(body, "tu")
        ET.SubElement(tu, "prop", type="x-slug").text = slug
        if day:
            ET.SubElement(tu, "prop", type="x-date").text = day
        for lang, text in (("zh-CN", unit.zh_plain), ("en", unit.en_plain)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def csv_text(units: Iterator[tuple[str, str, Pairing]]) -> str:
    """Two columns, ``zh`` and ``en``, one row per aligned pair."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["zh", "en"])
    for _, _, unit in units:
        writer.writerow([unit.zh_plain, unit.en_plain])
    return out.getvalue()


def read_tmx(path: Path) -> list[Pairing]:
    """The Chinese/English units of a TMX file (any variant of zh and en: zh-CN, en-US)."""
    try:
        tree = ET.parse(path)  # expat refuses entity expansion attacks since 2.4.1
    except OSError as exc:
        raise UsageError(f"cannot read the file: {exc.strerror}", path=path) from exc
    except ET.ParseError as exc:
        raise UsageError(
            f"not a TMX file: {exc}", path=path, line=exc.position[0], hint="export TMX 1.4"
        ) from None
    if tree.getroot().tag != "tmx":
        raise UsageError("not a TMX file: its root is not <tmx>", path=path)
    units = []
    for tu in tree.getroot().iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            if seg is not None and lang[:2] in ("zh", "en"):
                texts.setdefault(lang[:2], " ".join(_seg_text(seg).split()))
        if texts.get("zh") and texts.get("en"):
            units.append(Pairing(texts["zh"], texts["en"], texts["zh"], texts["en"]))
    return units


def _seg_text(seg: ET.Element) -> str:
    """A segment's text, without the native code its inline tags hold."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _CODE:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def export(root: Path, fmt: str, plan: Plan) -> str:
    """The published articles' aligned block pairs as ``tmx`` or ``csv`` text."""
    from bilingual import __version__

    if fmt not in ("tmx", "csv"):
        raise UsageError(f"--format takes tmx or csv, not {fmt!r}")
    units = published(root, plan)
    return tmx(units, __version__) if fmt == "tmx" else csv_text(units)


def import_tmx(root: Path, path: Path, warn: Callable[[str], None]) -> int:
    """Load a CAT tool's TMX into the memory; the number of units loaded."""
    import sqlite3

    from bilingual.translate.memory import open_memory

    units = read_tmx(path)
    memory = open_memory(root, warn)
    if memory is None:
        raise UsageError("the translation memory cannot be opened: nothing imported", path=path)
    try:
        return memory.import_units(path.name, units)
    except sqlite3.Error as exc:
        raise UsageError(
            f"the memory could not be written ({exc}): nothing imported", path=path
        ) from exc
    finally:
        memory.close()
