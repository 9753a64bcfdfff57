"""``check --fix``: forbidden renderings replaced in the file's own text, nothing else."""

from __future__ import annotations

import json
import shutil

import pytest

from bilingual.errors import SourceError
from bilingual.fix import StaleFileError, apply, fix_file
from bilingual.glossary.model import Glossary, Term
from tests.conftest import REPO

GLOSSARY = Glossary(
    (
        Term(
            "上海交通大学",
            "Shanghai Jiao Tong University",
            ("SJTU",),
            ("Shanghai Jiaotong University",),
        ),
        Term("张江科学会堂", "Zhangjiang Science Hall", (), ("Zhangjiang Science Center",)),
    )
)

BEFORE = """\
---
title: Shanghai Jiaotong University hosts forum
date: 2023-04-03
category: conference-season
---

Shanghai Jiaotong University's forum met at the Zhangjiang
Science Center.

- A list item about shanghai jiaotong university.

Not in code: `Shanghai Jiaotong University`, nor in a comment
<!-- Shanghai Jiaotong University -->.

<!-- bilingual-ignore: forbidden-variant -->
We quote the 1990 letterhead: "Shanghai Jiaotong University".

```
Shanghai Jiaotong University
```
"""

AFTER = """\
---
title: Shanghai Jiao Tong University hosts forum
date: 2023-04-03
category: conference-season
---

Shanghai Jiao Tong University's forum met at the Zhangjiang Science Hall.

- A list item about Shanghai Jiao Tong University.

Not in code: `Shanghai Jiaotong University`, nor in a comment
<!-- Shanghai Jiaotong University -->.

<!-- bilingual-ignore: forbidden-variant -->
We quote the 1990 letterhead: "Shanghai Jiaotong University".

```
Shanghai Jiaotong University
```
"""


def test_replaces_forbidden_renderings_where_the_check_reports_them(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(BEFORE, encoding="utf-8")
    fix = fix_file(path, tmp_path, GLOSSARY)
    assert fix is not None and fix.text == AFTER
    assert [(c.line, c.old) for c in fix.changes] == [
        (2, "Shanghai Jiaotong University"),
        (7, "Shanghai Jiaotong University"),
        (7, "Zhangjiang\nScience Center"),
        (10, "shanghai jiaotong university"),
    ]
    assert path.read_text(encoding="utf-8") == BEFORE  # fix_file only proposes
    apply(fix)
    assert path.read_text(encoding="utf-8") == AFTER
    assert fix_file(path, tmp_path, GLOSSARY) is None  # nothing left to fix


def test_the_diff_is_a_unified_diff_with_git_paths(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(BEFORE, encoding="utf-8")
    diff = fix_file(path, tmp_path, GLOSSARY).diff()
    assert diff.startswith("--- a/en.md\n+++ b/en.md\n@@ -1,")
    assert "-title: Shanghai Jiaotong University hosts forum\n" in diff
    assert "+title: Shanghai Jiao Tong University hosts forum\n" in diff


def test_line_ends_and_a_byte_order_mark_are_kept(tmp_path):
    path = tmp_path / "en.md"
    path.write_bytes(("\ufeff" + BEFORE.replace("\n", "\r\n")).encode("utf-8"))
    fix = fix_file(path, tmp_path, GLOSSARY)
    apply(fix)
    data = path.read_bytes()
    assert data.startswith("\ufeff---\r\n".encode())
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"title: Shanghai Jiao Tong University hosts forum\r\n" in data


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(BEFORE, encoding="utf-8")
    fix = fix_file(path, tmp_path, GLOSSARY)
    path.write_text(BEFORE + "\nA paragraph the translator just added.\n", encoding="utf-8")
    with pytest.raises(StaleFileError, match="changed since it was read"):
        apply(fix)
    assert path.read_text(encoding="utf-8").endswith("just added.\n")


def test_a_fix_that_would_break_the_front_matter_is_refused(tmp_path):
    glossary = Glossary((Term("甲乙", "Alpha: the Beta", (), ("Alfa",)),))
    path = tmp_path / "en.md"
    path.write_text("---\ntitle: Alfa news\ndate: 2023-04-03\n---\n\nAlfa.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="fixing would make the file unreadable") as caught:
        fix_file(path, tmp_path, glossary)
    assert caught.value.line == 2


@pytest.fixture
def forum(shipped):
    """The shipped sample root, its forum report using a forbidden rendering four times."""
    shutil.copy(REPO / "glossary.yaml", shipped.path / "glossary.yaml")
    en = shipped.path / "articles" / "2023-pujiang-innovation-forum" / "en.md"
    original = en.read_text(encoding="utf-8")
    en.write_text(
        original.replace("Shanghai Jiao Tong University", "Shanghai Jiaotong University"),
        encoding="utf-8",
    )
    return shipped, en, original


def test_check_fix_writes_prints_the_diff_and_reports_what_is_left(forum, cli):
    shipped, en, original = forum
    code, out, err = cli("check", "--root", shipped.path, "--fix")
    assert code == 0
    assert out.count("-") and "+++ b/articles/2023-pujiang-innovation-forum/en.md" in out
    assert out.count("\n+On the same day, Shanghai Jiao Tong University and") == 1
    assert out.endswith("Checked 3 articles: no problems found.\n")
    assert "fixed 4 forbidden renderings in 1 file" in err
    assert en.read_text(encoding="utf-8") == original


def test_check_diff_shows_the_fix_and_writes_nothing(forum, cli):
    shipped, en, _ = forum
    before = en.read_bytes()
    code, out, _ = cli("check", "--root", shipped.path, "--diff")
    assert code == 1  # the forbidden renderings are still there
    assert "+++ b/articles/2023-pujiang-innovation-forum/en.md" in out
    assert out.count("[forbidden-variant]") == 4
    assert en.read_bytes() == before


def test_check_fix_with_json_keeps_stdout_json(forum, cli):
    shipped, _, _ = forum
    code, out, err = cli("check", "--root", shipped.path, "--fix", "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["errors"] == 0
    assert "+++ b/articles/2023-pujiang-innovation-forum/en.md" in err


def test_check_fix_without_a_glossary_says_there_is_nothing_to_fix(shipped, cli):
    code, _, err = cli("check", "--root", shipped.path, "--fix")
    assert code == 0 and "nothing to fix" in err


def test_markup_around_a_rendering_is_left_alone(tmp_path):
    glossary = Glossary((Term("张江实验室", "Zhangjiang Laboratory", (), ("zhangjiang-lab",)),))
    text = (
        "---\ntitle: Lab\ndate: 2023-04-03\n---\n\n"
        "## The zhangjiang-lab {#zhangjiang-lab}\n\n"
        "See the [zhangjiang-lab page](../zhangjiang-lab/index.md),\n"
        '<img src="zhangjiang-lab.png"> and ![map](img/zhangjiang-lab.png).\n\n'
        "[ref]: https://example.org/zhangjiang-lab\n\n"
        "- The zhangjiang-lab list item:\n\n"
        "  ~~~\n  zhangjiang-lab\n  ~~~\n"
    )
    path = tmp_path / "en.md"
    path.write_text(text, encoding="utf-8")
    fix = fix_file(path, tmp_path, glossary)
    assert fix is not None
    # The heading is left: markdown-it reads "{#zhangjiang-lab}" as text, so the check reports
    # two renderings there and the source holds one outside markup; a person decides.
    assert fix.text == text.replace("[zhangjiang-lab page]", "[Zhangjiang Laboratory page]")


def test_a_rendering_two_terms_forbid_is_left_for_a_person(tmp_path):
    glossary = Glossary(
        (Term("甲", "Alpha Long Name", (), ("Jiaotong",)), Term("乙", "Beta", (), ("Jiaotong",)))
    )
    path = tmp_path / "en.md"
    path.write_text(
        "---\ntitle: T\ndate: 2023-04-03\n---\n\nVisit Jiaotong today.\n", encoding="utf-8"
    )
    assert fix_file(path, tmp_path, glossary) is None


@pytest.mark.parametrize(
    "title",
    [
        "title: SJTU Open Day at the Minhang campus on May 20",  # becomes "... #1 on May 20"
        'title: "Visit to the Minhang\\x20campus"',  # escaped: not what is written
    ],
)
def test_a_title_that_cannot_be_fixed_in_place_is_refused(tmp_path, title):
    glossary = Glossary((Term("闵行校区", "Minhang Campus #1", (), ("Minhang campus",)),))
    path = tmp_path / "en.md"
    path.write_text(f"---\n{title}\ndate: 2023-04-03\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="fix it by hand") as caught:
        fix_file(path, tmp_path, glossary)
    assert caught.value.line == 2


def test_one_refused_file_does_not_stop_the_others(forum, cli):
    shipped, en, original = forum
    other = shipped.path / "articles" / "2023-pujiang-innovation-forum"
    for folder in sorted((shipped.path / "articles").iterdir()):
        if folder != other:
            target = folder / "en.md"
            text = target.read_text(encoding="utf-8")
            title = next(line for line in text.split("\n") if line.startswith("title: "))
            target.write_text(
                text.replace(title, 'title: "Shanghai\\x20Jiaotong University news"', 1),
                encoding="utf-8",
            )
            break
    code, out, err = cli("check", "--root", shipped.path, "--fix", "--format", "json")
    assert "warning: not fixed: cannot fix the title where it is written" in err
    assert en.read_text(encoding="utf-8") == original
    assert json.loads(out)["summary"]["errors"] >= 1 and code == 1


def test_a_symlinked_source_is_fixed_where_it_lives(tmp_path):
    real = tmp_path / "real.md"
    real.write_text(BEFORE, encoding="utf-8")
    link = tmp_path / "en.md"
    link.symlink_to(real)
    apply(fix_file(link, tmp_path, GLOSSARY))
    assert link.is_symlink() and real.read_text(encoding="utf-8") == AFTER
