"""``--format sarif`` on real runs, validated against the published SARIF 2.1.0 schema."""

from __future__ import annotations

import hashlib
import json

import jsonschema
import pytest

from bilingual.checks import all_checks
from bilingual.model import Summary
from bilingual.report import render
from bilingual.report.sarif import FINGERPRINT, SCHEMA, SRCROOT
from tests.conftest import REPO
from tests.report.test_reporters import FINDINGS, SUMMARY

SCHEMA_FILE = REPO / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
REAL = REPO / "tests" / "fixtures" / "real"
FORUM = "2023-pujiang-innovation-forum"
FUNDING = "intelligent-materials-center-funding"


def validate(document: dict) -> None:
    """Fail with every schema error at once (draft 4, as the schema declares)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors[:20])


@pytest.fixture
def sarif(cli):
    """Run ``bilingual check --format sarif`` on a content root: (exit code, parsed log)."""

    def invoke(root, *args: str) -> tuple[int, dict]:
        code, out, err = cli("check", "--root", root, "--format", "sarif", *args)
        assert err == "", err
        return code, json.loads(out)

    return invoke


def results(log: dict) -> list[dict]:
    (run,) = log["runs"]
    return run["results"]


def uri(location: dict) -> str:
    return location["physicalLocation"]["artifactLocation"]["uri"]


def line(location: dict) -> int:
    return location["physicalLocation"]["region"]["startLine"]


def test_the_schema_is_the_published_one():
    """The vendored file is the one tests/fixtures/sarif/SOURCE.md names, unmodified."""
    digest = hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()
    assert digest in (SCHEMA_FILE.parent / "SOURCE.md").read_text(encoding="utf-8")
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["id"] == SCHEMA


def test_a_clean_run_is_valid_and_lists_every_check(sarif, shipped):
    code, log = sarif(shipped.path, "--strict")
    assert code == 0
    validate(log)
    assert log["$schema"] == SCHEMA and log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["results"] == []
    driver = run["tool"]["driver"]
    assert driver["name"] == "bilingual" and driver["version"]
    rules = driver["rules"]
    assert [(r["id"], r["name"]) for r in rules] == [(c.code, c.slug) for c in all_checks()]
    s101 = next(r for r in rules if r["id"] == "S101")
    assert s101["shortDescription"]["text"].startswith("A block has no counterpart")
    assert s101["fullDescription"]["text"] and "\n" not in s101["fullDescription"]["text"]
    assert "## Why is this bad?" in s101["help"]["markdown"]
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"error", "warning"}


def test_the_empty_report_renders_valid():
    validate(json.loads(render("sarif", [], Summary(0, 0, 0))))


def test_fixture_findings_are_valid():
    validate(json.loads(render("sarif", FINDINGS, SUMMARY)))


def test_a_deleted_paragraph_and_a_changed_number(sarif, shipped):
    """One finding on one side (a paragraph deleted from en.md) and one on both (a number
    changed): locations on the side where the problem is, the other side related."""
    en_path = shipped.path / "articles" / FORUM / "en.md"
    text = en_path.read_text(encoding="utf-8")
    doomed = next(p for p in text.split("\n\n") if p.startswith("On the same day"))
    en_path.write_text(text.replace(doomed + "\n\n", "", 1), encoding="utf-8")
    funding = shipped.path / "articles" / FUNDING / "en.md"
    head, amount, tail = funding.read_text(encoding="utf-8").rpartition("RMB 350 million")
    assert amount  # in the body, not only in the front matter's summary
    funding.write_text(head + "RMB 360 million" + tail, encoding="utf-8")

    code, log = sarif(shipped.path)
    assert code == 1
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    found = {r["ruleId"]: r for r in results(log)}
    assert sorted(found) == ["N101", "S101"]
    for item in found.values():
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["level"] == "error"
        (primary,) = item["locations"]
        assert primary["physicalLocation"]["artifactLocation"]["uriBaseId"] == SRCROOT
        assert item["partialFingerprints"][FINGERPRINT]

    deleted = found["S101"]
    assert uri(deleted["locations"][0]) == f"articles/{FORUM}/zh.md"
    assert line(deleted["locations"][0]) > 1
    assert "relatedLocations" not in deleted  # the English side has nothing to point at

    number = found["N101"]
    assert number["message"]["text"].startswith("350,000,000")
    assert uri(number["locations"][0]) == f"articles/{FUNDING}/en.md"
    (related,) = number["relatedLocations"]
    assert uri(related) == f"articles/{FUNDING}/zh.md" and line(related) > 1


def test_real_pairs_are_valid(sarif):
    """The 36 human-translated pairs: hundreds of findings of most checks, both levels."""
    code, log = sarif(REAL)
    assert code == 1
    validate(log)
    found = results(log)
    assert len(found) > 100
    assert {r["level"] for r in found} == {"error", "warning"}
    assert all(r["locations"] for r in found)
    assert any("relatedLocations" in r for r in found)
    keys = [r["partialFingerprints"][FINGERPRINT] for r in found]
    assert len(set(keys)) == len(keys)  # repeated problems are told apart, not merged


def test_fingerprints_are_stable_when_lines_move(sarif, shipped):
    """Lines added above a finding move its startLine, not its fingerprint, so a dashboard
    keeps tracking the same alert."""
    en_path = shipped.path / "articles" / FORUM / "en.md"
    text = en_path.read_text(encoding="utf-8")
    doomed = next(p for p in text.split("\n\n") if p.startswith("On the same day"))
    en_path.write_text(text.replace(doomed + "\n\n", "", 1), encoding="utf-8")
    _, before = sarif(shipped.path)
    for side in ("zh", "en"):
        path = shipped.path / "articles" / FORUM / f"{side}.md"
        head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
        path.write_text(head + sep + "\n\n\n" + body, encoding="utf-8")
    _, after = sarif(shipped.path)
    (old,), (new,) = results(before), results(after)
    assert line(new["locations"][0]) == line(old["locations"][0]) + 3
    assert new["message"] != old["message"]  # it names the lines
    assert new["partialFingerprints"] == old["partialFingerprints"]


def test_paths_are_relative_to_the_workspace(sarif, shipped, monkeypatch):
    """As in the github format: relative to the repository when the content root is inside it."""
    (shipped.path / "articles" / FORUM / "en.md").write_text("---\ntitle: x\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(shipped.path.parent))
    _, log = sarif(shipped.path)
    validate(log)
    uris = {uri(loc) for r in results(log) for loc in r["locations"]}
    assert uris and all(u.startswith(f"{shipped.path.name}/articles/") for u in uris)


def test_a_finding_without_a_line_still_has_a_location(sarif, shipped):
    """Code scanning rejects the whole upload over a result without one: an article folder
    holding neither side is located at the folder."""
    (shipped.path / "articles" / "empty").mkdir()
    code, log = sarif(shipped.path)
    assert code == 1
    validate(log)
    (found,) = results(log)
    assert found["ruleId"] == "A101"
    (where,) = found["locations"]
    assert uri(where) == "articles/empty/" and "region" not in where["physicalLocation"]
