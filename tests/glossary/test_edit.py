"""Editing glossary.yaml: hand-written comments survive, edits are atomic and serialised."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bilingual.errors import ConfigError, UsageError
from bilingual.glossary.edit import add_term, remove_term, scalar, update_term
from bilingual.glossary.model import Term
from bilingual.glossary.store import load_glossary

HAND_WRITTEN = """# 术语表 — maintained by the translation desk. Ask Li Hua before changing it.
terms:
  # The university itself: never "Jiaotong".
  - zh: 上海交通大学
    en: Shanghai Jiao Tong University   # official
    variants: [SJTU]
    forbidden: [Shanghai Jiaotong University]

  - zh: 张江科学会堂   # opened 2022
    en: Zhangjiang Science Hall
    note: "the venue, not the district"

# end of list: add new terms above this line? no, anywhere.
"""


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "glossary.yaml"
    target.write_text(HAND_WRITTEN, encoding="utf-8")
    return target


def test_add_keeps_every_byte_of_the_rest(path):
    add_term(path, Term("思源图书馆", "Siyuan Library", ("Siyuan",), note="a note: with a colon"))
    text = path.read_text(encoding="utf-8")
    head, _, rest = HAND_WRITTEN.partition("\n# end of list")
    assert text.startswith(head)
    assert "  - zh: 思源图书馆\n    en: Siyuan Library\n    variants: [Siyuan]\n" in text
    assert '    note: "a note: with a colon"\n' in text
    assert text.endswith("\n# end of list" + rest)
    assert [t.zh for t in load_glossary(path.parent).terms][-1] == "思源图书馆"


def test_remove_and_edit_touch_only_their_entry(path):
    update_term(path, "Zhangjiang Science Hall", forbidden=("Zhangjiang Science Center",))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN.split("  - zh: 张江科学会堂")[0])
    assert "forbidden: [Zhangjiang Science Center]" in text
    remove_term(path, "SJTU")
    text = path.read_text(encoding="utf-8")
    assert "上海交通大学" not in text
    assert text.startswith("# 术语表 — maintained by the translation desk.")
    assert "# end of list" in text
    assert [t.zh for t in load_glossary(path.parent).terms] == ["张江科学会堂"]


def test_bad_edits_leave_the_file_as_it_was(path):
    with pytest.raises(UsageError, match="no term 'nothing'"):
        remove_term(path, "nothing")
    with pytest.raises(UsageError, match="already in the glossary"):
        add_term(path, Term("上海交通大学", "SJTU"))
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert sorted(p.name for p in path.parent.iterdir()) == ["glossary.yaml", "glossary.yaml.lock"]


def test_malformed_glossary_is_not_touched(path):
    path.write_text("terms:\n  - zh: 上海\n    en: [x\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="not valid YAML") as info:
        add_term(path, Term("思源", "Siyuan"))
    assert info.value.line == 3
    assert path.read_bytes() == before


def test_concurrent_adds_lose_nothing(path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bilingual.glossary.edit import add_term\n"
        "from bilingual.glossary.model import Term\n"
        "for i in range(15):\n"
        "    add_term(Path(sys.argv[1]), Term(f'{sys.argv[2]}{i}号', f'{sys.argv[2]} {i}'))\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", code, str(path), name]) for name in ("甲", "乙")
    ]
    assert all(worker.wait(timeout=60) == 0 for worker in workers)
    terms = {t.zh for t in load_glossary(path.parent).terms}
    assert {f"甲{i}号" for i in range(15)} | {f"乙{i}号" for i in range(15)} <= terms
    assert path.read_text(encoding="utf-8").startswith("# 术语表")


@pytest.mark.parametrize(
    "value", ["SJTU", "a note: with colon", "yes", "3.5", "#1 team", " padded", "it's", "[x]"]
)
def test_scalars_read_back_as_written(value):
    import yaml

    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value


def test_a_name_that_fits_two_terms_is_an_error_not_a_guess(tmp_path):
    path = tmp_path / "glossary.yaml"
    add_term(path, Term("上海交通大学", "Shanghai Jiao Tong University", ("SJTU",)))
    add_term(path, Term("交大", "SJTU"))
    before = path.read_bytes()
    assert remove_term(path, "sjtu").zh == "交大"  # the preferred rendering wins over a variant
    path.write_bytes(before)
    add_term(path, Term("上海交大", "Jiao Tong", ("Shanghai Jiao Tong",)))
    add_term(path, Term("交通大学", "Jiaotong", ("Shanghai Jiao Tong",)))
    snapshot = path.read_bytes()
    with pytest.raises(UsageError, match="fits 2 terms"):
        remove_term(path, "Shanghai Jiao Tong")
    assert path.read_bytes() == snapshot


def test_an_edit_that_changes_nothing_leaves_the_file_alone(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "terms:\n  - zh: 张江\n    en: Zhangjiang   # keep this comment\n", encoding="utf-8"
    )
    before = path.read_bytes()
    term, changed = update_term(path, "张江", en="Zhangjiang")
    assert not changed and term.en == "Zhangjiang" and path.read_bytes() == before


def test_a_line_break_in_a_new_term_is_refused(tmp_path):
    path = tmp_path / "glossary.yaml"
    with pytest.raises(UsageError, match="line break"):
        add_term(path, Term("丙", "two\nlines"))
    assert not path.exists()


def test_edit_rewrites_only_the_fields_that_change(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "# head\n"
        "terms:\n"
        "  - zh: 张江科学城   # the area\n"
        "    en: Zhangjiang Science City  # official\n"
        "    variants:\n"
        "      - Zhangjiang   # short form\n"
        "    # keep: ask Li\n"
        "    note: an area  # from the 2022 style guide\n"
        "  - zh: 浦江\n"
        "    en: Pujiang\n",
        encoding="utf-8",
    )
    update_term(path, "张江科学城", forbidden=("Zhangjiang Sci-Tech City",), note="the city")
    update_term(path, "浦江", en="Pujiang River", variants=("Huangpu",))
    assert path.read_text(encoding="utf-8") == (
        "# head\n"
        "terms:\n"
        "  - zh: 张江科学城   # the area\n"
        "    en: Zhangjiang Science City  # official\n"
        "    variants:\n"
        "      - Zhangjiang   # short form\n"
        "    # keep: ask Li\n"
        "    note: the city  # from the 2022 style guide\n"
        "    forbidden: [Zhangjiang Sci-Tech City]\n"
        "  - zh: 浦江\n"
        "    en: Pujiang River\n"
        "    variants: [Huangpu]\n"
    )


def test_a_crlf_glossary_keeps_its_line_ends(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(b"# ours\r\nterms:\r\n  - zh: \xe7\x94\xb2\r\n    en: Alpha\r\n")
    add_term(path, Term("乙", "Beta"))
    data = path.read_bytes()
    expected = "# ours\nterms:\n  - zh: 甲\n    en: Alpha\n  - zh: 乙\n    en: Beta\n"
    assert data == expected.replace("\n", "\r\n").encode()


def test_a_glossary_that_is_not_utf8_is_a_clear_error_and_untouched(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(b"terms:\n  - zh: caf\xe9\n    en: Cafe\n")
    with pytest.raises(ConfigError, match="not valid UTF-8") as caught:
        add_term(path, Term("乙", "Beta"))
    assert caught.value.line == 2
    assert path.read_bytes() == b"terms:\n  - zh: caf\xe9\n    en: Cafe\n"
