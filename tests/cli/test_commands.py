"""The `sunlit` entry point as an operator runs it, in a subprocess against its own SQLite file:
the demo loader, `sunlit audit verify` exiting non-zero after the database is tampered with,
`sunlit import region FILE`, and `sunlit regions export`."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SUNLIT = [sys.executable, "-m", "sunlit"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SUNLIT_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base"}
    run = subprocess.run([*SUNLIT, "demo", "--no-serve", "--villages", "12", "--planted", "0"], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return data, env, run.stdout


def sunlit(env, *args):
    return subprocess.run([*SUNLIT, *args], env=env, capture_output=True, text=True, timeout=300)


def test_demo_prints_one_account_per_role(site):
    _data, _env, out = site
    for username in ("admin", "inspector.province", "inspector.city", "inspector.county",
                     "inspector.township", "liaison", "clerk", "steward"):
        assert f"  {username} " in out
    assert "Zhejiang region tree: 102 created" in out


def test_export_then_reimport_changes_nothing(site, tmp_path):
    _data, env, _out = site
    target = tmp_path / "regions.xlsx"
    assert sunlit(env, "regions", "export", "--format", "xlsx", "--output", str(target)).returncode == 0
    run = sunlit(env, "import", "region", str(target))
    assert run.returncode == 0, run.stderr
    assert "0 created, 0 updated, 117 unchanged" in run.stdout  # 102 + 2 townships + 13 demo villages


def test_import_of_a_bad_file_exits_non_zero_and_says_what_to_fix(site, tmp_path):
    _data, env, _out = site
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,level,parent_code,kind\n330102009000,新镇,village,330102000000,\n", encoding="utf-8")
    run = sunlit(env, "import", "region", str(bad))
    assert run.returncode == 1
    assert "row 2, column level" in run.stderr


def test_audit_verify_exit_codes(site):
    data, env, _out = site
    ok = sunlit(env, "audit", "verify")
    assert ok.returncode == 0 and "rows checked" in ok.stdout
    with sqlite3.connect(Path(data) / "site.sqlite3") as db:
        seq = db.execute("SELECT min(seq) FROM audit_auditevent").fetchone()[0]
        db.execute("UPDATE audit_auditevent SET ip = '10.0.0.1' WHERE seq = ?", (seq,))
    broken = sunlit(env, "audit", "verify", "--json")
    assert broken.returncode == 1
    assert f"broken at row {seq}" in broken.stderr
    assert f'"broken_seq": {seq}' in broken.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_the_background_worker_beside_the_web_server(site):
    """A task queued before `sunlit serve` starts is run by the worker it starts; stopping the
    server stops the worker too."""
    import signal
    import time
    import urllib.request

    data, env, _out = site
    queued = sunlit(env, "shell", "-c",
                    "from sunlit.cases.tasks import cases_sweep_task; print(cases_sweep_task.enqueue().id)")
    assert queued.returncode == 0, queued.stderr
    task_id = queued.stdout.split()[-1].replace("-", "")
    port = _free_port()
    server = subprocess.Popen([*SUNLIT, "serve", f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        status, deadline = None, time.monotonic() + 120
        while time.monotonic() < deadline and status != "SUCCESSFUL":
            time.sleep(0.5)
            with sqlite3.connect(data / "site.sqlite3") as db:
                row = db.execute("SELECT status FROM django_tasks_database_dbtaskresult "
                                 "WHERE replace(id, '-', '') = ?", (task_id,)).fetchone()
            status = row[0] if row else None
        assert status == "SUCCESSFUL"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10) as page:
            assert page.status == 200
        children = subprocess.run(["pgrep", "-f", "sunlit db_worker", "-s", str(server.pid)],
                                  capture_output=True, text=True).stdout.split()
        assert len(children) == 1, subprocess.run(["ps", "-o", "pid,ppid,args", "-s", str(server.pid)], capture_output=True, text=True).stdout
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    time.sleep(1)
    left = subprocess.run(["pgrep", "-f", "sunlit db_worker", "-s", str(server.pid)], capture_output=True, text=True)
    assert left.stdout.split() == []


def test_serve_runs_gunicorn_workers_and_stops_everything_on_sigterm(site):
    """`sunlit serve --workers 2`: gunicorn's master and two worker processes answer; SIGTERM to
    `sunlit serve` alone stops the web server, its workers and the background worker."""
    import signal
    import time
    import urllib.request

    _data, env, _out = site
    port = _free_port()
    server = subprocess.Popen([*SUNLIT, "serve", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as page:
                    assert page.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read()
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/cockpit/cockpit.js", timeout=5) as script:
            assert script.status == 200          # static files through WhiteNoise
        web = subprocess.run(["pgrep", "-f", "gunicorn sunlit.wsgi", "-s", str(server.pid)],
                             capture_output=True, text=True).stdout.split()
        assert len(web) == 3                     # the master and two workers
        assert subprocess.run(["pgrep", "-f", "sunlit db_worker", "-s", str(server.pid)],
                              capture_output=True, text=True).stdout.split()
    finally:
        server.send_signal(signal.SIGTERM)
        out, _err = server.communicate(timeout=40)
    assert "2 worker processes × 2 threads" in out
    assert server.returncode == 0
    left = subprocess.run(["pgrep", "-s", str(server.pid)], capture_output=True, text=True)
    assert left.stdout.split() == []
