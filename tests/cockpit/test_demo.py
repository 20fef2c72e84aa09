"""On a small generated demo (`sunlit demo`, its own SQLite file): the tallies the model run and the
case opening kept equal a full recomputation (`sunlit cockpit check`), and every region holding a
demo village, at every level, shows figures equal to direct counts from the rows."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cockpit_on_a_generated_demo(tmp_path):
    env = {**os.environ, "SUNLIT_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base", "SUNLIT_COCKPIT_CACHE_SECONDS": "0"}

    def run(*args):
        done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
        return done

    demo = run("-m", "sunlit", "demo", "--no-serve", "--villages", "6", "--planted", "1", "--seed", "11")
    assert demo.returncode == 0, demo.stderr[-3000:]
    check = run("-m", "sunlit", "cockpit", "check", "--json")
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    assert json.loads(check.stdout.splitlines()[-1])["differences"] == 0
    compared = run("-m", "tests.cockpit.demo_compare")
    assert compared.returncode == 0, compared.stderr[-3000:]
    result = json.loads(compared.stdout.splitlines()[-1])
    assert result["levels"] == ["city", "county", "province", "township", "village"]
    assert result["alerts"] > 0 and result["compared"] >= 5
    assert result["closed_and_people"] > 0          # the demo's activity moved cases to the end
    assert result["differences"] == []
