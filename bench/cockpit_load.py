"""Benchmark of the cockpit at province scale: 25,000 villages and 1,000,000 cases (default), the
pages and JSON endpoints served by a real server process and loaded by 20 concurrent clients.

    .venv/bin/python bench/cockpit_load.py                          # the full scale, 3 rounds
    .venv/bin/python bench/cockpit_load.py --villages 500 --cases 20000 --rounds 1   # a smoke test
    .venv/bin/python bench/cockpit_load.py --reuse                  # load again, keep the data

The data lives in a PostgreSQL database of its own, ``bench_cockpit`` (dropped and created here;
never ``test``): the region tree, a model run's alerts and their cases in every state (about one in
ten a citizen report), dispositions with money and people, and ledger rows (labour dispatches and
payments, some of them today), all bulk-inserted with SQL. ``sunlit cockpit rebuild`` then computes
the tallies (timed). The server is ``sunlit serve --no-worker`` as deployed: gunicorn with threaded
workers (one process per CPU unless ``--workers``), DEBUG off, database connections kept between
requests; the clients run in a second process on loopback, each
with a signed-in session (pages) or a bearer token (JSON). Each round sends every endpoint
``--requests`` requests per client from ``--clients`` clients at once. Printed per endpoint: median
and p95 over all rounds, with the load average of the machine."""

import argparse
import http.client
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("SUNLIT_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("SUNLIT_BENCH_COCKPIT_DB", "bench_cockpit")   # never the test database
CITIES, COUNTIES_PER_CITY, TOWNSHIPS_PER_COUNTY = 11, 8, 15
REPORT_SHARE = 10          # one case in ten is a citizen report
TARGET_P95_MS = 300


def environment(workdir: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"{PG_SERVER}/{PG_DATABASE}", "SUNLIT_DATA_DIR": str(workdir / "data"),
            "DJANGO_SETTINGS_MODULE": "sunlit.settings.base", "SUNLIT_LOG_LEVEL": "WARNING", "SUNLIT_DEBUG": "0",
            "SUNLIT_ALLOWED_HOSTS": "127.0.0.1,localhost"}


def fresh_database(env: dict) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    subprocess.run([sys.executable, "-m", "sunlit", "migrate", "-v0"], env=env, check=True, cwd=ROOT)


def worker(env: dict, *args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{done.stderr[-4000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


# --- inside a worker process (Django set up on the benchmark database) ------------------------
def _django():
    import django

    django.setup()


def region_rows(villages: int) -> list[tuple[str, str, str, str | None, str]]:
    """(code, name, level, parent, kind): a province, 11 cities, 8 counties each, 15 townships each,
    and ``villages`` villages spread over the townships."""
    rows = [("330000000000", "浙江省", "province", None, "")]
    townships = []
    for c in range(1, CITIES + 1):
        city = f"33{c:02d}00000000"
        rows.append((city, f"第{c}市", "city", "330000000000", ""))
        for d in range(1, COUNTIES_PER_CITY + 1):
            county = f"33{c:02d}{d:02d}000000"
            rows.append((county, f"第{c}市第{d}县", "county", city, ""))
            for t in range(1, TOWNSHIPS_PER_COUNTY + 1):
                township = f"33{c:02d}{d:02d}{t:03d}000"
                rows.append((township, f"{c}-{d}-{t}镇", "township", county, ""))
                townships.append(township)
    for i in range(villages):
        township = townships[i % len(townships)]
        code = township[:9] + f"{i // len(townships) + 1:03d}"
        rows.append((code, f"村{code[-9:]}", "village", township, "village"))
    return rows


def work_load(villages: int, cases: int) -> dict:
    """Bulk-insert the province (SQL only), then rebuild the cockpit's tallies."""
    from django.db import connection, transaction

    from sunlit.engine import load_catalogue

    started = time.perf_counter()
    regions = region_rows(villages)
    alerts = cases - cases // REPORT_SHARE
    reports = cases - alerts
    models = [(s.code, s.severity, s.domain) for s in load_catalogue()]
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany("INSERT INTO regions_region (code, name, level, parent_code, kind) VALUES (%s,%s,%s,%s,%s)",
                        regions)
        cur.execute("CREATE TEMP TABLE bench_village (i int PRIMARY KEY, code text)")
        cur.execute("INSERT INTO bench_village SELECT row_number() OVER (ORDER BY code) - 1, code "
                    "FROM regions_region WHERE level = 'village'")
        cur.execute("CREATE TEMP TABLE bench_model (i int PRIMARY KEY, code text, severity text, domain text)")
        cur.executemany("INSERT INTO bench_model VALUES (%s,%s,%s,%s)",
                        [(i, *m) for i, m in enumerate(models)])
        # 20 states with their share: most closed, the rest at every step; conclusions where verified
        states = ([("closed", "confirmed")] * 5 + [("closed", "unfounded")] * 3 + [("closed", "partly_confirmed")]
                  + [("disposed", "confirmed")] * 2 + [("verified", "confirmed")] + [("verifying", "")] * 2
                  + [("accepted", "")] * 2 + [("dispatched", "")] * 2 + [("new", "")] * 2)
        cur.execute("CREATE TEMP TABLE bench_state (i int PRIMARY KEY, state text, conclusion text)")
        cur.executemany("INSERT INTO bench_state VALUES (%s,%s,%s)", [(i, *s) for i, s in enumerate(states)])
        cur.execute("INSERT INTO supervision_modelrun (started_at, finished_at, engine, region_code, inputs, status, "
                    "error, started_by, alerts_new) VALUES (now(), now(), 'duckdb', '', '{}', 'succeeded', '', "
                    "'bench', %s) RETURNING id", [alerts])
        run = cur.fetchone()[0]
        v, m = len(regions) - sum(1 for r in regions if r[2] != "village"), len(models)
        cur.execute(f"""
            INSERT INTO supervision_alert (fingerprint, model_code, model_version, severity, domain, subject_type,
                subject_id, village_code, period, amount_involved, evidence, score, state, run_id, last_seen_run_id,
                raised_at)
            SELECT 'bench-' || g, bm.code, 'bench', bm.severity, bm.domain, 'labour_payment', 'S' || g, bv.code,
                   to_char(now() - (g % 730) * interval '1 day', 'YYYY-MM'), 100 + g % 5000, '{{}}'::jsonb, 1.0,
                   'open', {run}, {run}, now() - (g % 730) * interval '1 day' - (g % 600) * interval '1 minute'
            FROM generate_series(0, {alerts} - 1) AS g
            JOIN bench_village bv ON bv.i = (g::bigint * 7919) % {v}
            JOIN bench_model bm ON bm.i = g % {m}""")
        cur.execute("""
            INSERT INTO cases_case (source_kind, source_ref, alert_id, model_code, severity, subject_type, subject_id,
                title, village_code, level, handling_code, state, routed_on, due_on, conclusion, reopen_count,
                escalation_count, opened_at, closed_at)
            SELECT 'alert', a.id::text, a.id, a.model_code, a.severity, a.subject_type, a.subject_id,
                   a.model_code || ' ' || a.period, a.village_code, 'village', a.village_code, st.state,
                   a.raised_at::date, (a.raised_at + interval '14 days')::date, st.conclusion, 0, 0, a.raised_at,
                   CASE WHEN st.state = 'closed' THEN a.raised_at + interval '20 days' END
            FROM supervision_alert a JOIN bench_state st ON st.i = a.id % 20""")
        cur.execute(f"""
            INSERT INTO cases_case (source_kind, source_ref, alert_id, model_code, severity, subject_type, subject_id,
                title, village_code, level, handling_code, state, routed_on, due_on, conclusion, reopen_count,
                escalation_count, opened_at, closed_at)
            SELECT 'report', 'R' || g, NULL, '', '', '', '', '群众反映', bv.code, 'village', bv.code, st.state,
                   (now() - (g % 500) * interval '1 day')::date, (now() - (g % 500) * interval '1 day' + interval '14 days')::date,
                   st.conclusion, 0, 0, now() - (g % 500) * interval '1 day',
                   CASE WHEN st.state = 'closed' THEN now() - (g % 500) * interval '1 day' + interval '20 days' END
            FROM generate_series(0, {reports} - 1) AS g
            JOIN bench_village bv ON bv.i = (g::bigint * 104729) % {v}
            JOIN bench_state st ON st.i = g % 20""")
        cur.execute("""
            INSERT INTO cases_disposition (case_id, money_recovered, rectification, recorded_at, recorded_by)
            SELECT id, (id % 50) * 100.0, '', opened_at + interval '18 days', 'bench' FROM cases_case
            WHERE state IN ('disposed', 'closed') AND conclusion <> 'unfounded'""")
        cur.execute("""
            INSERT INTO cases_personhandled (disposition_id, name, post, measure)
            SELECT d.id, '某某', '村干部', (ARRAY['reminder_talk', 'criticism', 'admonition_talk', 'party_discipline',
                   'government_sanction', 'judicial_referral'])[1 + d.case_id % 6]
            FROM cases_disposition d WHERE d.case_id % 3 = 0""")
        # ledger: ten labour dispatches per village over the last 200 days (some today) and their pay
        cur.execute(f"""
            INSERT INTO labour_task (task_id, village_code, title, category, dispatch_date, planned_days,
                planned_workers, approved_by, project_id)
            SELECT 'T' || g, bv.code, '河道保洁', '保洁', current_date - (g % 200), 3, 5, '', NULL
            FROM generate_series(0, {v} * 10 - 1) AS g JOIN bench_village bv ON bv.i = g % {v}""")
        cur.execute(f"""
            INSERT INTO labour_payment (payment_id, village_code, task_id, person_id, name, days, daily_rate, amount,
                paid_date)
            SELECT 'P' || g, bv.code, 'T' || g, '11010119500101' || lpad((g % 1000)::text, 3, '0') || 'X', '王五',
                   3, 150, 450, current_date - (g % 200)
            FROM generate_series(0, {v} * 10 - 1) AS g JOIN bench_village bv ON bv.i = g % {v}""")
    loaded = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    from sunlit.cockpit.services import cockpit_rebuild

    started = time.perf_counter()
    tally_rows = cockpit_rebuild()
    rebuild = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("ANALYZE cockpit_tally")
        cur.execute("SELECT count(*) FROM cases_case")
        n_cases = cur.fetchone()[0]
    return {"regions": len(regions), "villages": v, "cases": n_cases, "alerts": alerts, "load_seconds": round(loaded, 1),
            "rebuild_seconds": round(rebuild, 1), "tally_rows": tally_rows}


def work_sessions() -> dict:
    """A province inspector and a county inspector: a session (pages) and a token (JSON) each."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from sunlit.accounts.models import User
    from sunlit.accounts.roles import Role
    from sunlit.accounts.services import api_token_create, user_create
    from sunlit.regions.models import Region

    out = {}
    county = Region.objects.filter(level="county").order_by("code").first()
    village = Region.objects.filter(level="village", code__startswith=county.code[:6]).order_by("code").first()
    for name, scope in (("bench_province", Region.objects.get(code="330000000000")), ("bench_county", county)):
        user = User.objects.filter(username=name).first() or user_create(
            username=name, password=secrets.token_urlsafe(16), role=Role.INSPECTOR, scope=scope)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out[name] = {"session": session.session_key, "token": api_token_create(user=user, name="bench"),
                     "scope": scope.code}
    out["county"], out["village"] = county.code, village.code
    return out


# --- the load (second process) ----------------------------------------------------------------
def endpoints(who: dict) -> list[tuple[str, str, str]]:
    """(label, path, credential kind) — pages with the session, JSON with the token."""
    province, county, village = "330000000000", who["county"], who["village"]
    return [
        ("page province", "/cockpit/", "province:session"),
        ("page county", f"/cockpit/{county}/", "county:session"),
        ("page village", f"/cockpit/{village}/", "county:session"),
        ("json province", "/api/v1/cockpit", "province:token"),
        ("json county", f"/api/v1/cockpit/{county}", "county:token"),
        ("json village", f"/api/v1/cockpit/{village}", "county:token"),
        ("json children (province)", f"/api/v1/cockpit/{province}/children", "province:token"),
        ("json children (county)", f"/api/v1/cockpit/{county}/children", "county:token"),
        ("json ranking villages (province)", f"/api/v1/cockpit/{province}/ranking?level=village", "province:token"),
        ("json today (province)", f"/api/v1/cockpit/{province}/today", "province:token"),
    ]


def _request(base: str, path: str, headers: dict) -> float:
    """One GET on a fresh connection (as a browser's first request); milliseconds to the last byte."""
    host, port = base.removeprefix("http://").split(":")
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return (time.perf_counter() - started) * 1000


def _headers(who: dict, credential: str) -> dict:
    user, kind = credential.split(":")
    user = f"bench_{user}"
    return ({"Cookie": f"sessionid={who[user]['session']}"} if kind == "session"
            else {"Authorization": f"Bearer {who[user]['token']}"})


WARM_UP_CONCURRENCY = 8


def warm_up(base: str, who: dict) -> None:
    """Every endpoint a few times at once, so that each of the server's processes has served it
    once (its first request loads code, templates and catalogues) before anything is counted."""
    for _label, path, credential in endpoints(who):
        threads = [threading.Thread(target=_request, args=(base, path, _headers(who, credential)))
                   for _ in range(WARM_UP_CONCURRENCY)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def run_load(base: str, who: dict, clients: int, rounds: int, requests: int) -> dict:
    latencies: dict[str, list[float]] = {label: [] for label, _p, _c in endpoints(who)}
    errors: list[str] = []
    warm_up(base, who)
    for _round in range(rounds):
        for label, path, credential in endpoints(who):
            headers = _headers(who, credential)
            _request(base, path, headers)   # warm (not counted)

            def client(path=path, headers=headers, label=label):
                for _ in range(requests):
                    try:
                        latencies[label].append(_request(base, path, headers))
                    except Exception as exc:   # noqa: BLE001 - counted and reported
                        errors.append(f"{label}: {exc}")

            threads = [threading.Thread(target=client) for _ in range(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    return {"latencies": latencies, "errors": errors}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def _session_processes(session: int) -> dict[int, list[str]]:
    """The processes of a session (the server: `sunlit serve`, gunicorn's master and its workers),
    each with the fields of /proc/PID/stat after the command name."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:     # gone meanwhile
            continue
        if int(fields[3]) == session:
            out[int(stat.parent.name)] = fields
    return out


def _server_cpu_seconds(session: int) -> float:
    """CPU seconds (user + system) used so far by the server's processes."""
    ticks = sum(int(f[11]) + int(f[12]) for f in _session_processes(session).values())
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_for(base: str, seconds: int = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            _request(base, "/healthz", {})
            return
        except Exception:   # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise SystemExit("the server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=25_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=2, help="requests per client per endpoint per round")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=None,
                        help="the server's worker processes (default: `sunlit serve`'s, one per CPU)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker process")
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last run (no reload)")
    parser.add_argument("--cache-seconds", default="0,10",
                        help="server runs, one per value of SUNLIT_COCKPIT_CACHE_SECONDS (0: no reuse of figures)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--load", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _django()
        name, *rest = args.worker
        result = {"load": lambda: work_load(int(rest[0]), int(rest[1])), "sessions": work_sessions}[name]()
        print(json.dumps(result))
        return
    if args.load:
        base, who, clients, rounds, requests = args.load
        print(json.dumps(run_load(base, json.loads(who), int(clients), int(rounds), int(requests))))
        return

    with tempfile.TemporaryDirectory(prefix="sunlit-bench-cockpit-") as tmp:
        env = environment(Path(tmp))
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
        if not args.reuse:
            fresh_database(env)
            loaded = worker(env, "load", str(args.villages), str(args.cases))
            print(f"data: {loaded['regions']:,} regions ({loaded['villages']:,} villages), {loaded['cases']:,} cases "
                  f"({loaded['alerts']:,} from alerts), bulk load {loaded['load_seconds']} s; "
                  f"`sunlit cockpit rebuild`: {loaded['tally_rows']:,} tally rows in {loaded['rebuild_seconds']} s",
                  flush=True)
        else:
            subprocess.run([sys.executable, "-m", "sunlit", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        who = worker(env, "sessions")
        base = f"http://127.0.0.1:{args.port}"
        for cache_seconds in args.cache_seconds.split(","):
            measure(env, base, who, args, int(cache_seconds), clients=1)      # the baseline: one client
            measure(env, base, who, args, int(cache_seconds), clients=args.clients)


def measure(env: dict, base: str, who: dict, args, cache_seconds: int, clients: int) -> None:
    log = open(Path(env["SUNLIT_DATA_DIR"]) / "server.log", "w+")   # noqa: SIM115 - closed below
    workers = ["--workers", str(args.workers)] if args.workers else []
    server = subprocess.Popen([sys.executable, "-m", "sunlit", "serve", f"127.0.0.1:{args.port}", "--no-worker",
                               "--threads", str(args.threads), *workers],
                              env={**env, "SUNLIT_COCKPIT_CACHE_SECONDS": str(cache_seconds)},
                              cwd=ROOT, stdout=log, stderr=log, start_new_session=True)
    try:
        wait_for(base)
        load_before = os.getloadavg()[0]
        cpu_before = _server_cpu_seconds(server.pid)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--load", base, json.dumps(who), str(clients),
                               str(args.rounds), str(args.requests)], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            log.seek(0)
            errors = [line for line in log.read().splitlines() if not line.startswith("[")]
            raise SystemExit(f"the load failed:\n{done.stderr[-2000:]}\nserver:\n" + "\n".join(errors[-30:]))
        seconds = time.perf_counter() - started
        server_cpu = _server_cpu_seconds(server.pid) - cpu_before
        processes = len(_session_processes(server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    result = json.loads(done.stdout.splitlines()[-1])
    mode = ("figures read from the tallies on every request" if cache_seconds == 0
            else f"figures reused for {cache_seconds} s (SUNLIT_COCKPIT_CACHE_SECONDS)")
    print(f"{mode}: {clients} concurrent client{'s' if clients > 1 else ''}, {args.rounds} rounds × {args.requests} requests per client "
          f"per endpoint ({seconds:.0f} s; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after):",
          flush=True)
    requests = (sum(len(v) for v in result["latencies"].values())
                + len(result["latencies"]) * (args.rounds + WARM_UP_CONCURRENCY))
    print(f"  server CPU ({processes} processes): {server_cpu:.1f} s for {requests:,} requests (warm-ups included) = "
          f"{server_cpu / requests * 1000:.1f} ms per request (PostgreSQL's own CPU not included)")
    print(f"  {'endpoint':<34} {'requests':>8} {'median ms':>10} {'p95 ms':>8}")
    worst = 0.0
    for label, values in result["latencies"].items():
        if values:
            worst = max(worst, p95(values))
            print(f"  {label:<34} {len(values):>8} {statistics.median(values):>10.0f} {p95(values):>8.0f}")
    if result["errors"]:
        print(f"  {len(result['errors'])} failed requests, e.g. {result['errors'][:3]}")
    print(f"  worst p95 {worst:.0f} ms (target {TARGET_P95_MS} ms): {'met' if worst < TARGET_P95_MS else 'NOT met'}",
          flush=True)


if __name__ == "__main__":
    main()
