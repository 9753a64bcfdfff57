"""The engine: plans from configuration and options, progress, parallel and serial agree."""

from __future__ import annotations

import sys

import pytest

from bilingual.config import ChecksConfig, Config
from bilingual.engine import make_plan, run_checks
from bilingual.errors import ConfigError, UnknownCheckError
from bilingual.model import Severity
from bilingual.parse.discover import article_folders
from tests.conftest import REPO


def test_plan_defaults_to_every_check():
    plan = make_plan(Config())
    assert {"A101", "S101", "T101", "L101"} <= set(plan.codes)
    assert plan.severities["L101"] is Severity.WARNING


def test_plan_severity_override_and_config_errors():
    config = Config(checks=ChecksConfig(severity={"link-mismatch": Severity.ERROR}))
    assert make_plan(config).severities["L101"] is Severity.ERROR
    with pytest.raises(ConfigError):
        make_plan(Config(checks=ChecksConfig(ignore=("nope",))))
    with pytest.raises(UnknownCheckError):
        make_plan(Config(), ["nope"])


def test_progress_reports_every_article(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    generate(230, tmp_path, seed=11)
    folders = article_folders(tmp_path)
    seen: list[int] = []
    plan = make_plan(Config())
    parallel = run_checks(tmp_path, folders, plan, jobs=2, progress=seen.append)
    assert sum(seen) == 230 and parallel.articles == 230
    serial = run_checks(tmp_path, folders, plan, jobs=1)
    assert serial.findings == parallel.findings
    assert serial.summary == parallel.summary
