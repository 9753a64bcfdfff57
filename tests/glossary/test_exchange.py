"""TBX, CSV and TSV: export, import back, merge, and what bad files give."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import UsageError
from bilingual.glossary.edit import add_term, import_terms
from bilingual.glossary.exchange import read_fields, read_terms, render_terms
from bilingual.glossary.model import Term
from bilingual.glossary.store import load_glossary, parse_text
from tests.conftest import REPO

TRICKY = (
    Term(
        "上海交通大学",
        "Shanghai Jiao Tong University",
        ("SJTU",),
        ("Shanghai Jiaotong University", "Shanghai Jiao-Tong University"),
        "official name, since 1959",
        None,
        ("institution", "education"),
    ),
    Term("上海市人民政府", "Shanghai Municipal People's Government", (), ("Shanghai Gov't",)),
    Term("国家实验室", 'the "National Laboratory"', note="quotes & <angle> brackets"),
    Term("浦江", "Pujiang", case_sensitive=True),
    Term("张江", "Zhangjiang", ("Zhang Jiang",), case_sensitive=False, tags=("place",)),
)


def plain(terms):
    """Terms without the line they were read from."""
    return [
        Term(t.zh, t.en, t.variants, t.forbidden, t.note, t.case_sensitive, t.tags) for t in terms
    ]


def shipped_terms() -> tuple[Term, ...]:
    glossary = load_glossary(REPO)
    assert glossary is not None
    return glossary.terms


@pytest.mark.parametrize("fmt", ["tbx", "csv", "tsv"])
@pytest.mark.parametrize("terms", [TRICKY, "shipped"], ids=["tricky", "shipped"])
def test_export_then_import_into_an_empty_glossary_gives_the_same_terms(tmp_path, fmt, terms):
    terms = shipped_terms() if terms == "shipped" else TRICKY
    exported = tmp_path / f"terms.{fmt}"
    exported.write_text(render_terms(terms, fmt), encoding="utf-8")
    glossary_path = tmp_path / "glossary.yaml"
    merge = import_terms(glossary_path, read_terms(exported)[0])
    assert len(merge.added) == len(terms) and not merge.conflicts
    reread = parse_text(glossary_path.read_text(encoding="utf-8"), glossary_path)
    assert plain(reread.terms) == plain(terms)


def test_exported_tbx_loads_with_translate_toolkit(tmp_path):
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(render_terms(TRICKY, "tbx").encode("utf-8"))
    assert [unit.source for unit in store.units] == [t.zh for t in TRICKY]
    first = store.units[0]
    assert first.target == "Shanghai Jiao Tong University"
    assert [(term.text, term.deprecated) for term in first.get_target_terms()] == [
        ("Shanghai Jiao Tong University", False),
        ("SJTU", False),
        ("Shanghai Jiaotong University", True),
        ("Shanghai Jiao-Tong University", True),
    ]
    assert store.units[2].target == 'the "National Laboratory"'


def test_imports_tbx_v3_with_regional_language_tags(tmp_path):
    path = tmp_path / "v3.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Core" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>From a CAT tool</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <note>the hall</note>
      <langSec xml:lang="zh-CN"><termSec><term>张江科学会堂</term></termSec></langSec>
      <langSec xml:lang="en-US">
        <termSec><term>Zhangjiang Science Center</term>
          <termNote type="administrativeStatus">deprecated</termNote></termSec>
        <termSec><term>Zhangjiang Science Hall</term>
          <termNote type="administrativeStatus">preferred</termNote></termSec>
        <termSec><term>ZSH</term></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="de"><termSec><term>Halle</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Hall</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
""",
        encoding="utf-8",
    )
    terms, warnings = read_terms(path)
    assert plain(terms) == [
        Term(
            "张江科学会堂",
            "Zhangjiang Science Hall",
            ("ZSH",),
            ("Zhangjiang Science Center",),
            "the hall",
        )
    ]
    assert warnings == ["c2: skipped, it has no zh term"]


def test_imports_a_cat_tool_csv_and_an_omegat_glossary(tmp_path):
    cat = tmp_path / "export.csv"
    cat.write_bytes("\ufeffChinese,English,Note\n张江科学城,Zhangjiang Science City,\n\n".encode())
    assert plain(read_terms(cat)[0]) == [Term("张江科学城", "Zhangjiang Science City")]
    omegat = tmp_path / "glossary.txt"
    omegat.write_text(
        "# written by hand in OmegaT\n"
        "上海交通大学\tShanghai Jiao Tong University\tthe official name\n"
        "上海交通大学\tSJTU\n"
        "\n"
        "浦江创新论坛\tPujiang Innovation Forum\n",
        encoding="utf-8",
    )
    assert plain(read_terms(omegat)[0]) == [
        Term("上海交通大学", "Shanghai Jiao Tong University", ("SJTU",), note="the official name"),
        Term("浦江创新论坛", "Pujiang Innovation Forum"),
    ]


HAND_WRITTEN = """\
# Our term base. Ask Li Wei before changing an official name.
terms:
  - zh: 张江科学会堂
    en: Zhangjiang Science Hall    # confirmed with the venue, 2023-03
  # the forum's own spelling
  - zh: 浦江创新论坛
    en: Pujiang Innovation Forum
"""


def test_merge_adds_new_terms_reports_conflicts_and_keeps_every_byte(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    incoming = [
        Term("张江科学会堂", "Zhangjiang Science Centre"),  # conflicts
        Term("浦江创新论坛", "Pujiang Innovation Forum"),  # already there
        Term("张江科学城", "Zhangjiang Science City"),  # new
        Term("张江科学城", "Zhangjiang Sci-Tech City"),  # twice in the file
    ]
    merge = import_terms(path, incoming)
    assert [t.zh for t in merge.added] == ["张江科学城"]
    assert [t.zh for t in merge.unchanged] == ["浦江创新论坛"]
    assert [(ours.en, theirs.en) for ours, theirs in merge.conflicts] == [
        ("Zhangjiang Science Hall", "Zhangjiang Science Centre"),
    ]
    assert [(first.en, later.en) for first, later in merge.duplicates] == [
        ("Zhangjiang Science City", "Zhangjiang Sci-Tech City"),
    ]
    text = path.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN + "  - zh: 张江科学城\n    en: Zhangjiang Science City\n"


def test_replace_rewrites_a_conflicting_entry_in_its_place(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    merge = import_terms(path, [Term("张江科学会堂", "Zhangjiang Science Centre")], replace=True)
    assert [t.en for t in merge.replaced] == ["Zhangjiang Science Centre"]
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN.replace(
        "    en: Zhangjiang Science Hall    # confirmed with the venue, 2023-03\n",
        "    en: Zhangjiang Science Centre\n",
    )


BAD_FILES = {
    "broken.tbx": (b"<martif><text><body>\n<termEntry>\n</martif>", "not well-formed XML", 3),
    "other.tbx": (b"<html><body/></html>", "not a TBX file: the root element is <html>", None),
    "noheader.csv": ("中文,英文\n张江,Zhangjiang\n".encode(), "needs a zh and an en column", 1),
    "noen.csv": ("zh,en\n张江,Zhangjiang\n浦江,\n".encode(), "a row needs both zh and en", 3),
    "latin1.csv": (b"zh,en\nabc,caf\xe9\n", "not valid UTF-8", 2),
    "notabs.tsv": ("张江\tZhangjiang\n浦江 Pujiang\n".encode(), "needs a source term, a tab", 2),
    "terms.docx": (b"PK\x03\x04", "cannot tell the file's format from its name", None),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_a_clear_error_and_the_glossary_is_untouched(tmp_path, name):
    data, message, line = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(HAND_WRITTEN, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        import_terms(glossary, read_terms(path)[0])
    assert message in caught.value.message
    assert caught.value.path == path and caught.value.line == line
    assert glossary.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_list_separator_inside_a_rendering_is_refused_rather_than_split(tmp_path):
    terms = [Term("甲", "A", ("B; C",))]
    with pytest.raises(UsageError, match="holds ';'"):
        render_terms(terms, "csv")
    assert "<term>B; C</term>" in render_terms(terms, "tbx")


def test_import_after_add_sees_the_added_term(tmp_path: Path):
    path = tmp_path / "glossary.yaml"
    add_term(path, Term("思源湖", "Siyuan Lake"))
    merge = import_terms(path, [Term("思源湖", "Siyuan Lake"), Term("思源门", "Siyuan Gate")])
    assert [t.zh for t in merge.unchanged] == ["思源湖"] and [t.zh for t in merge.added] == [
        "思源门"
    ]


@pytest.mark.parametrize(
    "start", ["terms: []  # none yet\n", "terms:   # none yet\n", "# ours\nterms: []\n# end\n"]
)
def test_import_into_an_empty_list_with_a_comment(tmp_path, start):
    path = tmp_path / "glossary.yaml"
    path.write_text(start, encoding="utf-8")
    import_terms(path, [Term("甲", "Alpha"), Term("乙", "Beta")])
    text = path.read_text(encoding="utf-8")
    assert text.count("terms:") == 1 and ("# none yet" in text or "# end" in text)
    assert [t.zh for t in parse_text(text).terms] == ["甲", "乙"]


@pytest.mark.parametrize(
    "term",
    [
        Term("甲", "Alpha", note="tags: not a tag"),
        Term("乙", "Beta", note="forbidden: not really"),
        Term("#MeToo运动", "the MeToo movement"),
    ],
)
def test_tsv_refuses_what_would_read_back_differently(term):
    with pytest.raises(UsageError, match="tsv"):
        render_terms([term], "tsv")
    assert plain([term]) == plain(read_back(render_terms([term], "csv"), "csv"))


def read_back(text: str, fmt: str) -> list[Term]:
    import tempfile

    path = Path(tempfile.mkdtemp()) / f"terms.{fmt}"
    path.write_text(text, encoding="utf-8")
    return read_terms(path)[0]


@pytest.mark.parametrize("bad", ["two\nlines", "a\u2028b", "a\x85b", "tab\there"])
def test_an_imported_line_break_is_refused_with_its_line(tmp_path, bad):
    path = tmp_path / "terms.csv"
    path.write_text('zh,en,note\n甲,Alpha,\n乙,Beta,"' + bad + '"\n', encoding="utf-8", newline="")
    with pytest.raises(UsageError, match="line break or a control character") as caught:
        read_terms(path)
    assert caught.value.path == path and caught.value.line == 3


def test_tbx_export_refuses_characters_xml_cannot_carry():
    with pytest.raises(UsageError, match="XML cannot carry"):
        render_terms([Term("甲", "Alpha", note="a\x0cb")], "tbx")


def test_an_omegat_header_line_is_not_a_term(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_text("zh\ten\n张江\tZhangjiang\n", encoding="utf-8")
    assert plain(read_terms(path)[0]) == [Term("张江", "Zhangjiang")]


def test_fields_a_file_does_not_carry_are_kept_not_emptied(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    full = Term(
        "上海交通大学",
        "Shanghai Jiao Tong University",
        ("SJTU",),
        ("Shanghai Jiaotong University",),
    )
    import_terms(glossary, [full])
    short = tmp_path / "short.csv"
    short.write_text("zh,en\n上海交通大学,Shanghai Jiao Tong University\n", encoding="utf-8")
    omegat = tmp_path / "omegat.txt"
    omegat.write_text("上海交通大学\tShanghai Jiao Tong University\n上海交通大学\tSJTU\n")
    for path in (short, omegat):
        merge = import_terms(glossary, read_terms(path)[0], fields=read_fields(path))
        assert [t.zh for t in merge.unchanged] == ["上海交通大学"] and not merge.conflicts
    short.write_text("zh,en\n上海交通大学,SJTU\n", encoding="utf-8")
    merge = import_terms(glossary, read_terms(short)[0], replace=True, fields=read_fields(short))
    assert plain(merge.replaced) == [
        Term("上海交通大学", "SJTU", ("SJTU",), ("Shanghai Jiaotong University",))
    ]
    assert read_fields(short) == {"en"}
    assert read_fields(omegat) == {"en", "variants", "note"}


def test_older_tbx_status_by_normative_authorization(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text(
        '<martif type="TBX"><text><body><termEntry id="e1">'
        '<langSet xml:lang="zh"><tig><term>张江科学会堂</term></tig></langSet>'
        '<langSet xml:lang="en">'
        "<tig><term>Zhangjiang Science Center</term>"
        '<termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>'
        "<tig><term>Zhangjiang Science Hall</term>"
        '<termNote type="normativeAuthorization">preferredTerm</termNote></tig>'
        "</langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert plain(read_terms(path)[0]) == [
        Term("张江科学会堂", "Zhangjiang Science Hall", (), ("Zhangjiang Science Center",))
    ]


def test_a_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_bytes("zh,en\n张江,Zhangjiang\n".encode("utf-16"))
    with pytest.raises(UsageError, match="the file is UTF-16, not UTF-8") as caught:
        read_terms(path)
    assert caught.value.hint == "save it as UTF-8"
