"""The translation memory: TMX and CSV exchange (read and written by translate-toolkit), and
a broken memory file rebuilt."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from translate.storage import tmx as tt_tmx
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.translate.memory import normalise
from tests.conftest import ZH_META

PUBLISHED_ZH = ZH_META + "status: published\n"
PUBLISHED_EN = (
    "title: Forum held\ndate: 2023-04-03\ncategory: conference-season\nstatus: published\n"
)


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def published_pair(site) -> None:
    site.pair(
        "old",
        "## 论坛开幕\n\n今天**论坛**开幕。\n\n- 第一项目",
        "## The Forum Opens\n\nThe **forum** opened today.\n\n- The first project",
        zh_meta=PUBLISHED_ZH,
        en_meta=PUBLISHED_EN,
    )
    site.pair("draft", "论坛开幕。", "The forum opens.")  # not published: not exported


def test_tmx_export_read_by_translate_toolkit(site) -> None:
    published_pair(site)
    result = cli("tm", "export", "--root", str(site.path))
    assert result.exit_code == 0, result.output
    store = tt_tmx.tmxfile(result.stdout.encode("utf-8"))
    pairs = [(unit.source, unit.target) for unit in store.units]
    assert pairs == [
        ("论坛开幕", "The Forum Opens"),
        ("今天论坛开幕。", "The forum opened today."),
        ("第一项目", "The first project"),
    ]
    tree = ET.fromstring(result.stdout)
    assert tree.get("version") == "1.4"
    assert tree.find("header").get("srclang") == "zh-CN"
    tu = tree.find("body/tu")
    assert {p.get("type"): p.text for p in tu.iter("prop")} == {
        "x-slug": "old",
        "x-date": "2023-04-03",
    }
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.iter("tuv")]
    assert langs == ["zh-CN", "en"]


def test_a_stale_translation_is_neither_exported_nor_remembered(site) -> None:
    from bilingual.parse.discover import load_pair

    published_pair(site)
    digest = load_pair(site.path, site.path / "articles/old").zh.digest
    site.pair(
        "old",
        "## 论坛开幕\n\n今天**论坛**开幕。\n\n- 第二项目",  # the original changed since the sync
        "## The Forum Opens\n\nThe **forum** opened today.\n\n- The first project",
        zh_meta=PUBLISHED_ZH,
        en_meta=PUBLISHED_EN + f"translated_from: {digest}\n",
    )
    result = cli("tm", "export", "--format", "csv", "--root", str(site.path))
    assert result.exit_code == 0
    assert list(csv.reader(io.StringIO(result.stdout))) == [["zh", "en"]]
    from bilingual.config import Config
    from bilingual.engine import make_plan
    from bilingual.translate.exchange import refresh
    from bilingual.translate.memory import open_memory

    memory = open_memory(site.path, warn=print)
    assert memory is not None
    refresh(site.path, memory, make_plan(Config()))
    assert memory.lookup("今天论坛开幕。", "zh", "google") is None
    memory.close()


def test_csv_export(site) -> None:
    published_pair(site)
    result = cli("tm", "export", "--format", "csv", "--root", str(site.path))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["zh", "en"] and ["今天论坛开幕。", "The forum opened today."] in rows
    assert len(rows) == 4
    assert cli("tm", "export", "-f", "xliff", "--root", str(site.path)).exit_code == 2


def test_tmx_written_by_translate_toolkit_imports_and_serves(site, service) -> None:
    store = tt_tmx.tmxfile(sourcelanguage="zh-CN", targetlanguage="en")
    store.addtranslation("今天论坛开幕。", "zh-CN", "Agency: the forum opened today.", "en-US")
    store.addtranslation("只有中文", "zh-CN", "", "en")
    path = site.path / "agency.tmx"
    path.write_bytes(bytes(store))
    result = cli("tm", "import", str(path), "--root", str(site.path))
    assert result.exit_code == 0, result.output
    assert "imported 1 unit from agency.tmx" in result.output
    # Imported again: replaced, not doubled.
    assert "imported 1 unit" in cli("tm", "import", str(path), "--root", str(site.path)).output
    site.pair("new", "今天  论坛\n开幕。", None)  # white space differs: still a match
    assert cli("translate", "new", "--root", str(site.path)).exit_code == 0
    draft = (site.path / "articles/new/en.md").read_text(encoding="utf-8")
    assert "Agency: the forum opened today." in draft
    assert all("开幕" not in text for text in service.texts)


def test_import_refuses_what_is_not_tmx(site) -> None:
    bad = site.raw("bad.tmx", "<tmx><body><tu>")
    result = cli("tm", "import", str(bad), "--root", str(site.path))
    assert result.exit_code == 2 and "not a TMX file" in result.output
    missing = cli("tm", "import", str(site.path / "none.tmx"), "--root", str(site.path))
    assert missing.exit_code == 2 and "cannot read the file" in missing.output


def test_broken_memory_is_rebuilt_with_a_warning(site, service) -> None:
    site.raw(".bilingual/memory.sqlite", b"not a database at all" * 100)
    site.pair("one", "今天论坛开幕。", None)
    result = cli("translate", "one", "--root", str(site.path))
    assert result.exit_code == 0, result.output
    assert "is not a usable memory" in result.output and "rebuilt" in result.output
    (site.path / "articles/one/en.md").unlink()
    sent = len(service.requests)
    assert cli("translate", "one", "--root", str(site.path)).exit_code == 0
    assert len(service.requests) == sent


def test_normalise() -> None:
    assert normalise("  今天 论坛\n开幕。 ") == "今天论坛开幕。"
    assert normalise("The  forum\nopened") == "The forum opened"
    assert normalise("在 Shanghai 举行") == "在 Shanghai 举行"
