"""The site's UI strings: shipped catalogs complete, ``bilingual locales`` commands, and the
compiled catalogs inside a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from bilingual.config import Config
from bilingual.i18n import SOURCE, po_path, read_catalog
from bilingual.i18n.manage import extract
from tests.conftest import REPO, SHIPPED


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_string_has_a_translation_in_the_shipped_catalog(lang):
    catalog = read_catalog(po_path(SOURCE, lang), lang)
    for message in extract(SHIPPED.parent, Config()):
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        where = message.locations[0]
        assert found is not None, f"{where}: {message.id!r} is not in {lang}'s catalog"
        assert found.string, f"{where}: {message.id!r} is untranslated in {lang}"
        assert not found.fuzzy, f"{where}: {message.id!r} is fuzzy in {lang}"


def test_the_shipped_catalogs_check_clean(cli):
    code, out, _ = cli("locales", "check", "--root", REPO)
    assert code == 0, out
    assert out == "every message is translated\n"


def test_a_new_template_string_fails_check_until_translated(shipped, cli):
    (shipped.path / "templates").mkdir()
    (shipped.path / "templates/category.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<p>{{ _("Archive") }}</p>\n'
        "{{ category_name(category) }}{% endblock %}\n",
        encoding="utf-8",
    )
    code, out, err = cli("locales", "check", "--root", shipped.path)
    assert code == 1
    assert "templates/category.html:3: zh: no translation: 'Archive'" in out
    assert "2 message(s) without a translation" in err  # zh and en
    code, out, _ = cli("locales", "update", "--root", shipped.path)
    assert code == 0
    assert "wrote locales/zh/LC_MESSAGES/messages.po" in out
    code, out, _ = cli("locales", "check", "--root", shipped.path)
    assert code == 1
    assert "locales/zh/LC_MESSAGES/messages.po:" in out and "untranslated: 'Archive'" in out
    po = po_path(shipped.path / "locales", "zh")
    catalog = read_catalog(po, "zh")
    assert catalog.get("Archive").string == ""
    text = po.read_text(encoding="utf-8").replace(
        'msgid "Archive"\nmsgstr ""', 'msgid "Archive"\nmsgstr "归档"'
    )
    po.write_text(text, encoding="utf-8")
    en = po_path(shipped.path / "locales", "en")
    en.write_text(
        en.read_text(encoding="utf-8").replace(
            'msgid "Archive"\nmsgstr ""', '#, fuzzy\nmsgid "Archive"\nmsgstr "Archives"'
        ),
        encoding="utf-8",
    )
    code, out, _ = cli("locales", "check", "--root", shipped.path)
    assert code == 1
    assert out.strip().endswith("en: fuzzy: 'Archive'")
    assert "zh:" not in out


def test_extract_takes_the_categories_of_the_articles(shipped, cli):
    code, out, _ = cli("locales", "extract", "--root", shipped.path)
    assert code == 0
    assert out == "wrote locales/messages.pot\n"
    pot = (shipped.path / "locales/messages.pot").read_text(encoding="utf-8")
    assert 'msgctxt "category"\nmsgid "conference-season"' in pot
    assert 'msgid "Latest News"' in pot
    assert "#: bilingual/templates/article.html:" in pot


def test_compile_writes_mo_beside_each_po(shipped, cli):
    assert cli("locales", "update", "--root", shipped.path)[0] == 0
    code, out, _ = cli("locales", "compile", "--root", shipped.path)
    assert code == 0
    assert out.splitlines() == [
        "wrote locales/zh/LC_MESSAGES/messages.mo",
        "wrote locales/en/LC_MESSAGES/messages.mo",
    ]
    assert (shipped.path / "locales/zh/LC_MESSAGES/messages.mo").read_bytes()[:4] in (
        b"\xde\x12\x04\x95",
        b"\x95\x04\x12\xde",
    )


def test_a_broken_catalog_fails_check_with_its_line(shipped, cli):
    po = po_path(shipped.path / "locales", "zh")
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Home"\nmsgstr "首页"\nnonsense\n', encoding="utf-8")
    code, _, err = cli("locales", "check", "--root", shipped.path)
    assert code == 2
    assert "messages.po:3)" in err


def test_the_wheel_carries_compiled_catalogs_an_installed_tool_reads(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(REPO)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("bilingual-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    assert "bilingual/locales/zh/LC_MESSAGES/messages.mo" in names
    assert "bilingual/templates/article.html" in names
    assert not any(name.endswith(".po") for name in names)
    installed = str(tmp_path / "installed")
    probe = (
        "import bilingual, bilingual.i18n as i;"
        f"assert bilingual.__file__.startswith({installed!r}), bilingual.__file__;"
        "assert i.PACKAGED.is_dir();"
        "print(i.translations('zh').gettext('Latest News'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": installed, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "最新动态\n"


def test_extract_names_the_line_of_a_broken_template(shipped, cli):
    (shipped.path / "templates").mkdir()
    (shipped.path / "templates/index.html").write_text("<p>\n{{ _('x' }}\n", encoding="utf-8")
    code, _, err = cli("locales", "extract", "--root", shipped.path)
    assert code == 2
    assert err.startswith("error: cannot extract messages:")
    assert "templates/index.html:2)" in err


def test_update_keeps_the_translations_a_root_made(shipped, cli):
    po = po_path(shipped.path / "locales", "zh")
    po.parent.mkdir(parents=True)
    po.write_text('msgctxt "category"\nmsgid "campus-events"\nmsgstr "校园生活"\n', "utf-8")
    assert cli("locales", "update", "--root", shipped.path)[0] == 0
    catalog = read_catalog(po, "zh")
    assert catalog.get("campus-events", "category").string == "校园生活"
    assert catalog.get("Latest News").string == ""  # the shipped catalog translates it
    code, out, _ = cli("locales", "check", "--root", shipped.path)
    assert code == 0, out
