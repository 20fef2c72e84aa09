"""`sunlit demo` end to end in a subprocess with its own SQLite file and data directory: clean data
at a tiny scale raises no alert from any model of the catalogue; with planted anomalies, `sunlit demo
--check --json` finds every planted case (recall 100 %) and no near-miss raises an alert."""

import json
import os
import subprocess
import sys

import pytest

from sunlit.engine import load_catalogue

SUNLIT = [sys.executable, "-m", "sunlit"]


def _site(tmp_path_factory, name):
    data = tmp_path_factory.mktemp(name)
    return {**os.environ, "SUNLIT_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data / 'site.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "sunlit.settings.base"}


def _run(env, *args):
    run = subprocess.run([*SUNLIT, *args], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    env = _site(tmp_path_factory, "clean")
    run = _run(env, "demo", "--no-serve", "--villages", "4", "--planted", "0", "--seed", "3")
    assert run.returncode == 0, run.stderr[-3000:]
    return env, run


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    env = _site(tmp_path_factory, "planted")
    run = _run(env, "demo", "--no-serve", "--villages", "12", "--planted", "2", "--seed", "5")
    assert run.returncode == 0, run.stderr[-3000:]
    check = _run(env, "demo", "--check", "--json")
    return json.loads(check.stdout), check


def test_clean_data_raises_no_alert(clean):
    env, run = clean
    assert "0 new alerts" in run.stderr
    # the models that count time up to a day run as of the generated data's day, not today's
    assert "as of 2026-12-31: AST-01, AST-05" in run.stderr
    assert "rows/s" in run.stderr
    check = json.loads(_run(env, "demo", "--check", "--json").stdout)
    assert check["models"] and all(m["alerts"] == 0 for m in check["models"])


def test_demo_prints_accounts_and_urls(clean):
    _env, run = clean
    assert "  inspector.county " in run.stdout
    assert "/v/330102001001/labour/" in run.stdout and "/supervision/alerts/" in run.stdout
    assert "Village public page: http://127.0.0.1:8000/v/330102001001/\n" in run.stdout
    assert "Cockpit (sign in as an inspector): http://127.0.0.1:8000/cockpit/\n" in run.stdout


def test_every_planted_case_is_found_and_no_near_miss_fires(planted):
    report, check = planted
    catalogue = {spec.code for spec in load_catalogue()}
    rows = {m["code"]: m for m in report["models"]}
    assert report["catalogue_without_plants"] == []
    assert report["catalogue_without_near_misses"] == []
    for code in catalogue:
        assert rows[code]["planted"] >= 2, code
        assert rows[code]["recall"] == 1.0, (code, rows[code]["missed"])
        assert rows[code]["near_misses"] >= 2, code
        assert rows[code]["near_miss_alerts"] == 0, code
    assert check.returncode == 0


def test_check_before_any_demo_says_what_to_run(tmp_path_factory):
    env = _site(tmp_path_factory, "empty")
    run = subprocess.run([*SUNLIT, "demo", "--check"], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "run `sunlit demo` first" in run.stderr
