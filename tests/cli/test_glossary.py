"""``bilingual glossary`` end to end."""

from __future__ import annotations

import json
import shutil

from tests.conftest import REPO


def test_list_show_add_edit_remove_lint(shipped, cli):
    shutil.copy(REPO / "glossary.yaml", shipped.path / "glossary.yaml")
    root = ["--root", shipped.path]
    code, out, _ = cli("glossary", "list", *root, "--search", "张江", "--format", "json")
    assert code == 0
    assert [t["zh"] for t in json.loads(out)] == [
        "张江科学会堂",
        "张江科学城",
        "上海张江（集团）有限公司",
    ]
    code, out, _ = cli("glossary", "show", "SJTU", *root)
    assert code == 0 and out.startswith("上海交通大学 = Shanghai Jiao Tong University")
    assert "articles/2023-pujiang-innovation-forum/zh.md:" in out
    assert cli("glossary", "add", "思源图书馆", "Siyuan Library", "-v", "Siyuan", *root)[0] == 0
    assert cli("glossary", "edit", "Siyuan Library", "--note", "opened 2023", *root)[0] == 0
    code, out, _ = cli("glossary", "list", *root, "--format", "csv")
    assert "思源图书馆,Siyuan Library,Siyuan,,opened 2023" in out
    assert cli("glossary", "remove", "思源图书馆", *root)[0] == 0
    assert (shipped.path / "glossary.yaml").read_bytes() == (REPO / "glossary.yaml").read_bytes()
    code, out, _ = cli("glossary", "lint", *root)
    assert code == 0 and out == "no problems found\n"


def test_lint_finds_conflicts(root, cli):
    (root.path / "glossary.yaml").write_text(
        "terms:\n"
        "  - zh: 交大\n    en: SJTU\n"
        "  - zh: 交大\n    en: Jiao Tong\n"
        "  - zh: 上海交通大学\n    en: Shanghai Jiao Tong University\n    forbidden: [SJTU]\n",
        encoding="utf-8",
    )
    code, out, _ = cli("glossary", "lint", "--root", root.path)
    assert code == 1
    assert "交大 has 2 preferred renderings" in out
    assert '"SJTU" is forbidden for 上海交通大学 (line 6) but allowed for 交大 (line 2)' in out


def test_lint_says_how_a_forbidden_rendering_that_differs_only_in_case_is_matched(root, cli):
    (root.path / "glossary.yaml").write_text(
        "terms:\n  - zh: 小红书\n    en: Xiaohongshu\n    forbidden: [XiaoHongShu]\n",
        encoding="utf-8",
    )
    code, out, _ = cli("glossary", "lint", "--root", root.path)
    assert code == 0  # a note, not a problem: offices forbid a brand's miscapitalisation
    assert out == (
        'glossary.yaml: note: "XiaoHongShu" (forbidden, line 2) differs from "Xiaohongshu" '
        "(allowed for 小红书) only in case: it is matched exactly as written; any other casing "
        'counts as "Xiaohongshu"\nno problems found\n'
    )


def test_lint_accepts_a_rendering_in_two_cases(root, cli):
    # "Incubator" with the variant "incubator" marks the term as terminology (docs/glossary.md).
    (root.path / "glossary.yaml").write_text(
        "terms:\n  - zh: 孵化器\n    en: Incubator\n    variants: [incubator]\n",
        encoding="utf-8",
    )
    code, out, _ = cli("glossary", "lint", "--root", root.path)
    assert code == 0 and out == "no problems found\n"


def test_forbidden_rendering_differing_only_in_case_is_matched_as_written(root, check_json):
    (root.path / "glossary.yaml").write_text(
        "terms:\n  - zh: 小红书\n    en: Xiaohongshu\n    forbidden: [XiaoHongShu]\n"
        "  - zh: 华为云\n    en: Huawei Cloud\n    forbidden: [Huawei cloud]\n",
        encoding="utf-8",
    )
    root.pair(
        "a",
        "小红书和华为云。",
        "Xiaohongshu and Huawei Cloud; xiaohongshu and XIAOHONGSHU are not forbidden either.",
    )
    root.pair("b", "小红书和华为云。", "XiaoHongShu and Huawei cloud.")
    _, report = check_json(root, "--select", "forbidden-variant")
    found = [(f["article"], f["message"].split('"')[1]) for f in report["findings"]]
    assert found == [("b", "XiaoHongShu"), ("b", "Huawei cloud")]


def test_unknown_term_is_a_clear_error(root, cli):
    (root.path / "glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    code, _, err = cli("glossary", "remove", "nothing", "--root", root.path)
    assert code == 2
    assert err.startswith("error: no term 'nothing' in the glossary")


def test_export_and_import_from_the_command_line(shipped, cli, tmp_path):
    shutil.copy(REPO / "glossary.yaml", shipped.path / "glossary.yaml")
    root = ["--root", shipped.path]
    code, out, _ = cli("glossary", "export", *root)
    assert code == 0 and out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<martif')
    target = tmp_path / "terms.csv"
    code, _, err = cli("glossary", "export", "--format", "csv", "--output", target, *root)
    assert code == 0 and "exported 9 terms" in err
    first = target.read_bytes()
    target.write_text("hand-made\n", encoding="utf-8")
    code, _, err = cli("glossary", "export", "-f", "csv", "-o", target, *root)
    assert code == 2 and "already exists" in err
    assert target.read_text(encoding="utf-8") == "hand-made\n"
    assert cli("glossary", "export", "-f", "csv", "-o", target, "--force", *root)[0] == 0
    assert target.read_bytes() == first

    empty = tmp_path / "empty"
    (empty / "articles").mkdir(parents=True)
    code, out, _ = cli("glossary", "import", target, "--root", empty)
    assert code == 0 and "9 added, 0 replaced, 0 already there, 0 conflicts" in out
    code, listed, _ = cli("glossary", "list", "-f", "json", "--root", empty)
    assert listed == cli("glossary", "list", "-f", "json", *root)[1]

    target.write_text(
        target.read_text(encoding="utf-8").replace(
            "Zhangjiang Science Hall,", "Zhangjiang Science Centre,"
        ),
        encoding="utf-8",
    )
    before = (empty / "glossary.yaml").read_bytes()
    code, out, err = cli("glossary", "import", target, "--root", empty)
    assert code == 1 and "8 already there, 1 conflicts left alone" in out
    assert (
        "conflict: 张江科学会堂: en 'Zhangjiang Science Hall' here, "
        "'Zhangjiang Science Centre' in terms.csv (line 3)" in err
    )
    assert (empty / "glossary.yaml").read_bytes() == before
    code, out, _ = cli("glossary", "import", target, "--replace", "--root", empty)
    assert code == 0 and "1 replaced" in out


def test_import_of_a_broken_file_exits_2_and_writes_nothing(root, cli, tmp_path):
    broken = tmp_path / "terms.tbx"
    broken.write_text("<martif>\n<text>\n", encoding="utf-8")
    code, out, err = cli("glossary", "import", broken, "--root", root.path)
    assert code == 2 and out == ""
    assert err.startswith("error: not well-formed XML") and f"{broken}:3" in err
    assert "Traceback" not in err
    assert not (root.path / "glossary.yaml").exists()


def test_lint_finds_repeated_renderings_and_a_rendering_two_terms_forbid(root, cli):
    (root.path / "glossary.yaml").write_text(
        "terms:\n"
        # The same rendering twice (in two cases, it would mark the term as terminology).
        "  - zh: 甲\n    en: Alpha\n    variants: [Alpha]\n    forbidden: [Jiaotong]\n"
        "  - zh: 乙\n    en: Beta\n    forbidden: [jiaotong]\n",
        encoding="utf-8",
    )
    code, out, _ = cli("glossary", "lint", "--root", root.path)
    assert code == 1
    assert out.splitlines() == [
        'glossary.yaml: 甲 (line 2) lists "Alpha" twice among its renderings',
        'glossary.yaml: "Jiaotong" is forbidden for 2 terms with different renderings '
        "(甲, line 2, 乙, line 6): check --fix leaves it",
    ]
