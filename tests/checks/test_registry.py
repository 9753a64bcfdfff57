"""The check registry: stable codes, slugs and documentation."""

from __future__ import annotations

import re

import pytest

from bilingual.checks import REGISTRY, all_checks, check, resolve
from bilingual.config import Config
from bilingual.engine import make_plan
from bilingual.errors import UnknownCheckError
from bilingual.model import Severity

#: The JSON contract: these slugs keep these codes for ever.
CONTRACT = {
    "A101": "missing-counterpart",
    "A102": "unreadable-file",
    "A103": "front-matter",
    "A104": "metadata-mismatch",
    "A105": "bad-ignore-comment",
    "S101": "structure-mismatch",
    "T101": "untranslated",
    "L101": "link-mismatch",
    "N101": "number-mismatch",
    "D101": "date-mismatch",
    "P101": "punctuation",
    "G101": "glossary-term",
    "G102": "forbidden-variant",
    "S102": "reordered-block",
    "S103": "passage-mismatch",
}


def test_contract_codes_and_slugs():
    registered = {c.code: c.slug for c in all_checks()}
    for code, slug in CONTRACT.items():
        assert registered[code] == slug


@pytest.mark.parametrize("item", all_checks(), ids=lambda c: c.code)
def test_every_check_is_documented(item):
    assert re.fullmatch(r"[A-Z]\d{3}", item.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", item.slug)
    assert item.title.endswith(".")
    sections = (
        "## What it does",
        "## What it does not report",
        "## Why is this bad?",
        "## Example",
    )
    for section in sections:
        assert section in item.doc, (item.code, section)
    assert item.severity in (Severity.ERROR, Severity.WARNING)


def test_resolve_by_code_any_case_and_slug():
    assert resolve("s101").slug == "structure-mismatch"
    assert resolve("untranslated").code == "T101"


def test_unknown_check_suggests_the_nearest():
    with pytest.raises(UnknownCheckError) as info:
        resolve("link-mismatches")
    assert info.value.hint == "did you mean link-mismatch?"
    assert info.value.exit_code == 2


def test_select_and_ignore():
    config = Config()
    always = ("A101", "A102", "A103")
    assert make_plan(config, ["S101", "untranslated"]).codes == (*always, "S101", "T101")
    assert make_plan(config, (), ["A101", "front-matter"]).codes[:3] == always
    assert "L101" not in make_plan(config, (), ["link-mismatch"]).codes


def _dummy(bead, ctx):
    """A dummy check.

    ## Why is this bad?
    """
    yield from ()


def test_duplicate_code_or_slug_or_missing_docstring_fails_at_registration():
    all_checks()
    with pytest.raises(ValueError, match="registered twice"):
        check("S101", "another-slug")(_dummy)
    with pytest.raises(ValueError, match="registered twice"):
        check("Z999", "structure-mismatch")(_dummy)
    with pytest.raises(ValueError, match="letter and three digits"):
        check("Z99", "fine-slug")(_dummy)
    with pytest.raises(ValueError, match="kebab-case"):
        check("Z998", "Not_A_Slug")(_dummy)

    def undocumented(bead, ctx):
        yield from ()

    with pytest.raises(TypeError, match="no docstring"):
        check("Z997", "undocumented")(undocumented)
    assert not any(code.startswith("Z") for code in REGISTRY)


def test_importing_one_category_first_still_loads_every_check():
    import subprocess
    import sys

    code = (
        "import bilingual.checks.punctuation\n"
        "from bilingual.checks import all_checks\n"
        "print(len({c.code for c in all_checks()}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(all_checks())
