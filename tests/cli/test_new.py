"""``bilingual new``: the scaffold passes check, starts in sync, and never overwrites."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bilingual.parse.frontmatter import split
from bilingual.stale import KEY, original_digest

ARGS = ["--title-zh", "校园开放日", "--title-en", "Campus Open Day", "--category", "campus-events"]


def sides(root, slug: str) -> dict[str, tuple[dict, str]]:
    folder = root.path / "articles" / slug
    return {
        lang: (lambda s: (s.meta, s.body))(
            split((folder / f"{lang}.md").read_text(encoding="utf-8"), f"{lang}.md")
        )
        for lang in ("zh", "en")
    }


def files(root) -> dict[str, bytes]:
    """Every file under the content root, by path, with its bytes."""
    return {
        p.relative_to(root.path).as_posix(): p.read_bytes()
        for p in sorted(root.path.rglob("*"))
        if p.is_file() and ".bilingual" not in p.parts
    }


def test_scaffolds_both_sides(root, cli):
    code, out, err = cli("new", "2023-open-day", "--root", root.path, *ARGS, "--date", "2023-05-08")
    assert (code, err) == (0, "")
    assert "created articles/2023-open-day/zh.md (the original)" in out
    made = sides(root, "2023-open-day")
    zh, en = made["zh"][0], made["en"][0]
    assert zh == {
        "title": "校园开放日",
        "date": "2023-05-08",
        "category": "campus-events",
        "status": "draft",
        "original": "zh",
    }
    assert en == {
        "title": "Campus Open Day",
        "date": "2023-05-08",
        "category": "campus-events",
        "status": "draft",
        "original": "zh",
        KEY: original_digest(zh, made["zh"][1]),
    }
    assert (root.path / "articles" / "2023-open-day" / "zh.md").read_text(encoding="utf-8") == (
        "---\ntitle: 校园开放日\ndate: 2023-05-08\ncategory: campus-events\nstatus: draft\n"
        "original: zh\n---\n"
    )


def test_the_new_article_passes_check_and_starts_in_sync(root, cli):
    assert cli("new", "a-story", "--root", root.path, *ARGS, "--author", "Chen Yu")[0] == 0
    code, out, _ = cli("check", "--root", root.path, "--format", "json", "--strict")
    assert code == 0
    assert json.loads(out)["findings"] == []
    code, out, _ = cli("status", "--root", root.path, "--format", "json")
    [article] = json.loads(out)["articles"]
    assert (article["zh"], article["en"], article["sync"]) == ("draft", "draft", "current")
    assert article["date"] == dt.date.today().isoformat()
    # Once the original is written, the translation is stale until it is translated and synced.
    zh = root.path / "articles" / "a-story" / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8") + "\n开放日当天，校园向公众开放。\n", "utf-8")
    code, out, _ = cli("status", "--root", root.path, "--stale", "--format", "json")
    assert [a["slug"] for a in json.loads(out)["articles"]] == ["a-story"]


def test_original_en_puts_the_digest_in_zh(root, cli):
    code, _, _ = cli("new", "release", "--root", root.path, *ARGS, "--original", "en")
    assert code == 0
    made = sides(root, "release")
    assert KEY not in made["en"][0]
    assert made["zh"][0][KEY] == original_digest(*made["en"])
    assert made["zh"][0]["original"] == made["en"][0]["original"] == "en"
    assert cli("check", "--root", root.path, "--strict")[0] == 0


def test_original_defaults_to_the_configuration(root, cli):
    root.config("original: en\n")
    assert cli("new", "release", "--root", root.path, *ARGS)[0] == 0
    assert sides(root, "release")["zh"][0]["original"] == "en"


def test_titles_that_need_quoting_read_back_as_given(root, cli):
    title = "Forum: 'AI for Science' #1 - [day one]"
    title_zh = "论坛: 'AI for Science' #1 - [第一天]"  # the same numbers: check compares titles
    code, _, err = cli(
        "new", "forum", "--root", root.path, "--title-zh", title_zh, "--title-en", title,
        *ARGS[4:],
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert sides(root, "forum")["en"][0]["title"] == title
    assert sides(root, "forum")["zh"][0]["title"] == title_zh
    assert cli("check", "--root", root.path, "--strict")[0] == 0


@pytest.mark.parametrize(
    ("slug", "extra", "message"),
    [
        ("Open_Day", [], "error: 'Open_Day' is not a slug"),
        ("open-day-", [], "is not a slug"),
        ("open-day", ["--date", "2023-4-1"], "error: --date takes an ISO date"),
        ("open-day", ["--category", "Campus Events"], "'category' must be a key such as"),
        ("open-day", ["--title-en", "校园开放日"], "Chinese text left in the English title"),
        ("open-day", ["--original", "fr"], "--original takes zh or en"),
    ],
)
def test_bad_input_writes_nothing_and_exits_2(root, cli, slug, extra, message):
    before = files(root)
    code, out, err = cli("new", slug, "--root", root.path, *ARGS, *extra)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") <= 2  # one error line and its hint
    assert files(root) == before
    assert sorted(p.name for p in (root.path / "articles").iterdir()) == []


def test_an_existing_article_is_never_overwritten(shipped, cli):
    slug = "2023-campus-open-day"
    before = files(shipped)
    code, _, err = cli("new", slug, "--root", shipped.path, *ARGS)
    assert code == 2
    assert "error: the article exists already: nothing written" in err
    assert files(shipped) == before
    # Even an empty folder of that name, or a file: whatever is there is someone's.
    (shipped.path / "articles" / "empty").mkdir()
    (shipped.path / "articles" / "notes.txt").write_text("keep\n")
    for name in ("empty", "notes.txt"):
        assert cli("new", name, "--root", shipped.path, *ARGS)[0] == 2
    assert list((shipped.path / "articles" / "empty").iterdir()) == []


def test_a_failed_write_leaves_nothing(root, cli, monkeypatch):
    """The second file cannot be put in place: the first is removed, and the folder."""
    real = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if Path(target).name == "en.md":
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    code, _, err = cli("new", "open-day", "--root", root.path, *ARGS)
    assert code == 2
    assert "error: cannot write the article: No space left on device" in err
    assert list((root.path / "articles").iterdir()) == []


def test_required_options(root, cli):
    code, _, err = cli("new", "open-day", "--root", root.path, "--title-zh", "标题")
    assert code == 2
    assert "Missing option" in err
    assert list((root.path / "articles").iterdir()) == []


def test_help_has_examples_and_exit_codes(cli):
    code, out, _ = cli("new", "--help")
    assert code == 0
    assert "bilingual new 2023-campus-open-day" in out
    assert "Exit codes: 0" in out
