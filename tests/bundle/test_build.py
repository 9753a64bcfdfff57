"""Building safely: --strict refusals, output folders that must not be written, bad templates
and catalogs, paths that would leave the bundle, and overrides from the content root."""

from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path

import pytest

from bilingual.bundle.write import Files
from bilingual.errors import BundleError
from tests.bundle.conftest import parse_html
from tests.conftest import REPO


def test_strict_refuses_on_check_errors_and_lists_them(site, build):
    code, _, err, folder = build(site, "--strict")
    assert code == 1
    assert "check reports 1 error(s): --strict builds nothing" in err
    assert "articles/lecture" in err  # the missing English side
    assert not folder.exists()


def test_without_strict_the_findings_count_goes_in_the_manifest(site, build):
    code, out, _, folder = build(site)
    assert code == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["check"]["errors"] == 1
    assert "check: 1 error(s)" in out


def test_broken_internal_links_are_listed_and_fail_strict(root, build):
    meta = "title: T\ndate: 2023-04-03\ncategory: news\n"
    root.pair(
        "a", "见[另一篇](../missing/)。", "See [another](../missing/).", zh_meta=meta, en_meta=meta
    )
    code, _, err, folder = build(root)
    assert code == 0
    assert "warning: zh/a/index.html: 1 broken link(s): ../missing/" in err
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert {"page": "en/a/index.html", "target": "../missing/"} in manifest["broken_links"]
    code, _, err, folder = build(root, "--strict")
    assert code == 1
    assert "2 broken internal link(s)" in err
    assert "zh/a/index.html: broken link to ../missing/" in err
    assert not folder.exists()


def test_a_link_to_a_sibling_article_resolves(root, build):
    meta = "title: T\ndate: 2023-04-03\ncategory: news\n"
    root.pair("a", "见[另一篇](../b/)。", "See [another](../b/).", zh_meta=meta, en_meta=meta)
    root.pair("b", "正文。", "Body.", zh_meta=meta, en_meta=meta)
    code, _, err, _ = build(root, "--strict")
    assert code == 0, err


def test_a_folder_the_tool_did_not_write_is_refused_not_wiped(site, build, tmp_path):
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err, _ = build(site, out=folder)
    assert code == 2
    assert err.startswith("error: output folder holds files bilingual did not write")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_file_added_to_an_old_bundle_is_refused(site, build, tmp_path):
    folder = tmp_path / "public"
    assert build(site, out=folder)[0] == 0
    (folder / "zh" / "extra.html").write_text("mine", encoding="utf-8")
    code, _, err, _ = build(site, out=folder)
    assert code == 2
    assert "e.g. zh/extra.html" in err
    assert (folder / "zh" / "extra.html").exists()


def test_a_rebuild_replaces_the_old_bundle_whole(site, build, tmp_path):
    folder = tmp_path / "public"
    assert build(site, out=folder)[0] == 0
    (site.path / "articles/lecture").rename(site.path / "articles/talk")
    code, _, err, _ = build(site, out=folder)
    assert code == 0, err
    assert (folder / "zh/talk/index.html").is_file()
    assert not (folder / "zh/lecture").exists()
    # The bundle before is kept as the spare the next build is made in; nothing else is left.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".public.spare"]


def test_a_failed_build_leaves_the_previous_bundle_whole(site, build, tmp_path):
    folder = tmp_path / "public"
    assert build(site, out=folder)[0] == 0
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    (site.path / "templates").mkdir()
    (site.path / "templates/article.html").write_text("{% if %}", encoding="utf-8")
    assert build(site, out=folder)[0] == 2
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]  # nothing left over


def test_a_template_error_names_the_file_and_line(site, build):
    (site.path / "templates").mkdir()
    (site.path / "templates/article.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ entry.title }\n{% endblock %}\n',
        encoding="utf-8",
    )
    code, _, err, _ = build(site)
    assert code == 2
    assert err.startswith("error: template error:")
    assert f"({site.path / 'templates/article.html'}:3)" in err
    assert "Traceback" not in err


def test_an_undefined_name_in_a_template_names_the_file_and_line(site, build):
    (site.path / "templates").mkdir()
    (site.path / "templates/category.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n\n{{ no_such_thing.x }}\n{% endblock %}\n',
        encoding="utf-8",
    )
    code, _, err, _ = build(site)
    assert code == 2
    assert "'no_such_thing' is undefined" in err
    assert "templates/category.html:4)" in err


def test_a_template_path_cannot_leave_the_templates(site, build):
    (site.path / "secret.html").write_text("secret", encoding="utf-8")
    (site.path / "templates").mkdir()
    (site.path / "templates/index.html").write_text(
        '{% include "../secret.html" %}', encoding="utf-8"
    )
    code, _, err, _ = build(site)
    assert code == 2
    assert "template not found: ../secret.html" in err


def test_the_content_root_templates_override_the_shipped_ones(site, build):
    (site.path / "templates").mkdir()
    (site.path / "templates/_list.html").write_text(
        "{% macro article_list(entries) %}<p class=mine>{{ entries|length }}</p>{% endmacro %}",
        encoding="utf-8",
    )
    _, _, _, folder = build(site)
    assert parse_html(folder / "zh/index.html").find("p", class_="mine").text == "3"
    assert parse_html(folder / "zh/forum/index.html").find("h1")  # the rest is shipped


@pytest.mark.parametrize("slug", ["two words", "讲座"])
def test_a_slug_any_folder_may_have_is_linked_encoded(root, build, slug):
    meta = "title: T\ndate: 2023-04-03\ncategory: news\n"
    root.pair(slug, "正文。", "Body.", zh_meta=meta, en_meta=meta)
    code, _, err, folder = build(root)
    assert code == 0, err
    assert "broken link" not in err
    assert (folder / "zh" / slug / "index.html").is_file()


@pytest.mark.parametrize(
    "path", ["../x.html", "/etc/x", "zh/../../x", "zh/.hidden/x", "a\\b", "", "zh//x"]
)
def test_no_output_path_leaves_the_bundle(path, tmp_path):
    with Files(tmp_path / "out" / "site") as files:
        with pytest.raises(BundleError, match="output path would leave the bundle"):
            files.add(path, b"x")
        assert len(files) == 0
    assert list(tmp_path.rglob("*")) == [tmp_path / "out"]  # the new folder is gone


def test_a_path_is_written_once(tmp_path):
    with Files(tmp_path / "site") as files:
        files.add("zh/a/index.html", b"x", "articles/a/zh.md")
        with pytest.raises(BundleError, match=r"two pages would be written to zh/a/index\.html"):
            files.add("zh/a/index.html", b"y", "index.html")
        assert (files.folder / "zh/a/index.html").read_bytes() == b"x"


@pytest.mark.parametrize("category", ["../../escape", "a/b", ".hidden"])
def test_a_category_cannot_leave_the_bundle(root, build, category):
    meta = f"title: T\ndate: 2023-04-03\ncategory: '{category}'\n"
    root.pair("a", "正文。", "Body.", zh_meta=meta, en_meta=meta)
    code, _, err, folder = build(root)
    assert code == 2
    assert "output path would leave the bundle" in err
    assert not folder.exists()
    assert not (root.path.parent / "escape").exists()


def test_a_broken_catalog_is_one_line_with_its_line(site, build):
    po = site.path / "locales/zh/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Home"\nmsgstr "首页"\n\nthis is not po\n', "utf-8")
    code, _, err, _ = build(site)
    assert code == 2
    assert err.startswith("error: broken catalog: Unknown or misformatted keyword (")
    assert "messages.po:4)" in err
    assert "Traceback" not in err


def test_content_root_catalogs_override_the_shipped_ones(site, build):
    po = site.path / "locales/zh/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid "Latest News"\nmsgstr "要闻"\n\n'
        'msgctxt "category"\nmsgid "campus-events"\nmsgstr "校园生活"\n',
        encoding="utf-8",
    )
    _, _, _, folder = build(site)
    page = parse_html(folder / "zh/index.html")
    assert page.find("h1").text == "要闻"
    assert page.find("a", class_="category").text == "校园生活"
    assert parse_html(folder / "zh/forum/index.html").find("a", class_="skip").text == "跳到正文"


@contextlib.contextmanager
def _immutable(folder: Path):
    """A folder nothing can be created in, even by root (chattr +i), else by its mode."""
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            (folder / "probe").write_text("x", encoding="utf-8")
        yield
    finally:
        if made.returncode == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)


def test_an_unwritable_output_folder_is_one_line(site, build, tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    with _immutable(parent):
        code, _, err, _ = build(site, out=parent / "public")
    assert code == 2
    assert err.startswith("error: cannot write")
    assert len(err.strip().splitlines()) == 1


def test_the_sample_site_builds_clean_with_strict(cli, tmp_path):
    out = tmp_path / "public"
    code, stdout, err = cli("bundle", "--root", REPO, "--out", out, "--strict")
    assert code == 0, err
    assert err == ""
    assert stdout.startswith(f"wrote {out}: ")
    footer = parse_html(out / "zh/2023-pujiang-innovation-forum/index.html").find("footer")
    assert "沪公网安备 31010402009841号" in footer.text


def test_progress_follows_reading_rendering_and_indexing(site, tmp_path):
    from bilingual.bundle.build import Options, build
    from bilingual.config import load_config

    steps: dict[str, list[int]] = {}

    def start(name: str, total: int):
        steps[name] = [total, 0]

        def advance(n: int) -> None:
            steps[name][1] += n

        return advance

    result = build(site.path, load_config(site.path), Options(tmp_path / "out"), progress=start)
    assert steps == {"reading": [3, 3], "rendering": [4, 4], "indexing": [2, 2]}
    assert result.articles == {"zh": 3, "en": 1}
