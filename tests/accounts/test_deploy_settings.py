"""The production settings pass Django's deployment checks with no warnings, and refuse to start
without a real secret key."""

import os
import secrets
import subprocess
import sys


def _check(env_extra):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sunlit.settings.production", **env_extra}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set while browser tests run; never in production
    return subprocess.run([sys.executable, "-m", "sunlit", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_with_no_warnings(tmp_path):
    run = _check({"SUNLIT_SECRET_KEY": secrets.token_urlsafe(64), "SUNLIT_DATA_DIR": str(tmp_path),
                  "SUNLIT_ALLOWED_HOSTS": "sunlit.example.org"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout
    assert "WARNING" not in run.stdout + run.stderr


def test_production_refuses_a_missing_secret(tmp_path):
    run = _check({"SUNLIT_SECRET_KEY": "", "SUNLIT_DATA_DIR": str(tmp_path)})
    assert run.returncode != 0
    assert "SUNLIT_SECRET_KEY" in run.stderr
