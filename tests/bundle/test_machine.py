"""Feeds, sitemap, robots.txt, manifest and checksums; verify; reproducible builds."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import tarfile
import xml.etree.ElementTree as ET
import zipfile

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://news.example.edu.cn/"


def test_atom_feed_per_language_with_absolute_links(site, build):
    code, _, err, folder = build(site, "--base-url", BASE)
    assert code == 0, err
    feed = ET.parse(folder / "zh/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert feed.findtext(f"{ATOM}id") == BASE + "zh/"
    assert feed.findtext(f"{ATOM}updated") == "2023-05-08T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "校园开放日",
        "张江科学会堂举行论坛",
        "讲座",
    ]
    forum = entries[1]
    for required in ("id", "title", "updated"):
        assert forum.findtext(f"{ATOM}{required}")
    links = {(link.get("hreflang"), link.get("href")) for link in forum.findall(f"{ATOM}link")}
    assert links == {(None, BASE + "zh/forum/"), ("en", BASE + "en/forum/")}
    assert forum.find(f"{ATOM}category").get("label") == "会议论坛"
    assert forum.findtext(f"{ATOM}author/{ATOM}name") == "陈宇"
    assert "<h2>平台发布</h2>" in forum.findtext(f"{ATOM}content")
    en = ET.parse(folder / "en/feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in en.findall(f"{ATOM}entry")] == [
        "Forum Held at Zhangjiang Science Hall"
    ]
    head = (folder / "en/index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="SJTU News" href="../en/feed.xml">'
        in head
    )


def test_sitemap_lists_pages_with_their_alternates(site, build):
    _, _, _, folder = build(site, "--base-url", BASE.rstrip("/"))
    urlset = ET.parse(folder / "sitemap.xml").getroot()
    urls = {u.findtext(f"{SM}loc"): u for u in urlset.findall(f"{SM}url")}
    assert BASE + "zh/forum/" in urls and BASE + "zh/lecture/" in urls
    assert BASE not in urls  # the root page only redirects
    forum = urls[BASE + "en/forum/"]
    assert forum.findtext(f"{SM}lastmod") == "2023-04-03"
    alternates = {a.get("hreflang"): a.get("href") for a in forum.findall(f"{XHTML}link")}
    assert alternates == {
        "zh-CN": BASE + "zh/forum/",
        "en": BASE + "en/forum/",
        "x-default": BASE + "zh/forum/",
    }
    assert urls[BASE + "zh/lecture/"].findall(f"{XHTML}link") == []
    robots = (folder / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


def test_feeds_and_sitemap_need_a_base_url(site, build):
    code, _, _, folder = build(site)
    assert code == 0
    assert not (folder / "zh/feed.xml").exists()
    assert not (folder / "sitemap.xml").exists()
    assert (folder / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    code, _, err, _ = build(site, "--base-url", "news.example.edu.cn")
    assert code == 2
    assert "--base-url must be an http or https address" in err


def test_a_hostile_title_is_escaped_in_the_feed(root, build):
    meta = "title: '</title><script>alert(1)</script>'\ndate: 2023-04-03\ncategory: news\n"
    root.pair("a", "<script>alert(2)</script>正文。", "Body.", zh_meta=meta, en_meta=meta)
    _, _, _, folder = build(root, "--base-url", BASE)
    entry = ET.parse(folder / "zh/feed.xml").getroot().find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "</title><script>alert(1)</script>"
    assert "script" not in entry.findtext(f"{ATOM}content")


def test_manifest_lists_articles_files_and_check_summary(site, build):
    _, _, _, folder = build(site, "--base-url", BASE)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["generator"] == "bilingual bundle"
    assert manifest["version"]
    assert manifest["check"] == {"articles": 3, "errors": 1, "warnings": 0, "suppressed": 0}
    forum = next(a for a in manifest["articles"] if a["slug"] == "forum")
    source = site.path / "articles/forum/zh.md"
    assert forum["languages"]["zh"] == {
        "page": "zh/forum/index.html",
        "source": "articles/forum/zh.md",
        "digest": hashlib.blake2b(source.read_bytes(), digest_size=16).hexdigest(),
    }
    lecture = next(a for a in manifest["articles"] if a["slug"] == "lecture")
    assert list(lecture["languages"]) == ["zh"]
    on_disk = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name not in ("manifest.json", "SHA256SUMS")
    }
    assert manifest["files"] == on_disk


def test_sha256sums_checks_with_sha256sum(site, build):
    _, _, _, folder = build(site)
    result = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "manifest.json: OK" in result.stdout


@pytest.fixture
def built(site, build):
    code, _, err, folder = build(site, "--archive", "tar.gz")
    assert code == 0, err
    return folder


def test_verify_a_whole_bundle(built, cli):
    for target in (built, built.with_name(built.name + ".tar.gz")):
        code, out, _ = cli("bundle", "verify", target)
        assert code == 0
        assert out.startswith("ok: ")


def test_verify_names_a_changed_a_missing_and_an_extra_file(built, cli):
    (built / "zh/forum/index.html").write_text("changed", encoding="utf-8")
    (built / "en/index.html").unlink()
    (built / "zh/extra.html").write_text("extra", encoding="utf-8")
    code, out, _ = cli("bundle", "verify", built)
    assert code == 1
    assert out.splitlines() == [
        "changed: zh/forum/index.html",
        "missing: en/index.html",
        "extra: zh/extra.html",
    ]


def test_verify_catches_a_checksum_list_and_manifest_that_disagree(built, cli):
    sums = built / "SHA256SUMS"
    page = built / "zh/forum/index.html"
    page.write_text("changed", encoding="utf-8")
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    lines = [
        f"{digest}  zh/forum/index.html" if line.endswith("  zh/forum/index.html") else line
        for line in sums.read_text(encoding="utf-8").splitlines()
    ]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = cli("bundle", "verify", built)
    assert code == 1
    assert "changed: zh/forum/index.html" in out


def test_verify_an_archive_with_a_changed_file(built, cli, tmp_path):
    archive = built.with_name(built.name + ".tar.gz")
    changed = tmp_path / "changed.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.endswith("zh/forum/index.html"):
                data = b"changed"
                member.size = len(data)
            target.addfile(member, None if data is None else io.BytesIO(data))
    code, out, _ = cli("bundle", "verify", changed)
    assert code == 1
    assert out == "changed: zh/forum/index.html\n"


def test_verify_refuses_what_is_not_a_bundle(cli, tmp_path):
    code, _, err = cli("bundle", "verify", tmp_path)
    assert code == 2
    assert "not a bundle: no SHA256SUMS" in err


def _tree(folder):
    """Every file and folder: its bytes (files), time and mode."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes() if p.is_file() else None,
            p.stat().st_mtime,
            p.stat().st_mode,
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize("fmt", ["tar.gz", "zip"])
def test_two_builds_give_identical_files_and_archives(site, cli, tmp_path, fmt):
    outs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}" / "site"
        code, _, err = cli("bundle", "--root", site.path, "--out", out, "--archive", fmt,
                           "--base-url", BASE)  # fmt: skip
        assert code == 0, err
        outs.append(out)
        os.utime(site.path / "articles/forum/zh.md")  # a touched source changes nothing
    assert _tree(outs[0]) == _tree(outs[1])
    first, second = (o.with_name(f"site.{fmt}").read_bytes() for o in outs)
    assert first == second
    newest = 1683504000  # 2023-05-08, the newest article
    assert {m for _, m, _ in _tree(outs[0]).values()} == {newest}
    if fmt == "tar.gz":
        assert first[4:8] == b"\0\0\0\0"  # no time in the gzip header
        with tarfile.open(outs[0].with_name("site.tar.gz")) as tar:
            members = tar.getmembers()
        assert [m.name for m in members] == sorted(m.name for m in members)
        assert {(m.uid, m.gid, m.uname, m.gname, m.mtime) for m in members} == {
            (0, 0, "", "", newest)
        }
    else:
        with zipfile.ZipFile(outs[0].with_name("site.zip")) as archive:
            assert {i.date_time for i in archive.infolist()} == {(2023, 5, 8, 0, 0, 0)}


def test_source_date_epoch_sets_the_times(site, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out" / "site"
    code, _, err = cli("bundle", "--root", site.path, "--out", out, "--archive", "tar.gz")
    assert code == 0, err
    with tarfile.open(out.with_name("site.tar.gz")) as tar:
        assert {m.mtime for m in tar.getmembers()} == {1700000000}
    assert (out / "index.html").stat().st_mtime == 1700000000


def test_a_bad_source_date_epoch_is_a_usage_error(site, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = cli("bundle", "--root", site.path, "--out", tmp_path / "out")
    assert code == 2
    assert err.startswith("error: SOURCE_DATE_EPOCH is not a number of seconds: 'yesterday'")
    assert not (tmp_path / "out").exists()
