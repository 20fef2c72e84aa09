"""Benchmark: web latency of the public portal (a village's page and its labour page), the alerts page
and the alerts API on a demo site, under concurrent load from a second process on loopback. (The
cockpit's pages and API have their own benchmark, bench/cockpit_load.py, whose client and server
set-up this script reuses.)

The site is ``sunlit demo --scale county --no-serve`` (``--villages``, default 60) in a PostgreSQL
database of the script's own, ``bench_portal`` (dropped and created; never ``test``). The server is
``sunlit serve --no-worker`` (gunicorn with threaded workers, one process per CPU) with DEBUG off
and database connections kept between requests; the clients run in a second process (after an
uncounted warm-up of every endpoint, 8 requests at once),
each GET on a fresh connection, pages with a signed-in county inspector's session and JSON with the
inspector's bearer token. Printed per endpoint: requests, median and p95 in milliseconds, first with
one client, then with ``--clients`` at once, with the load average.

    .venv/bin/python bench/portal_load.py [--villages 60] [--clients 20] [--rounds 3] [--requests 5]
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import cockpit_load  # noqa: E402 — the cockpit benchmark's client, sessions and server helpers

PG_SERVER = os.environ.get("SUNLIT_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("SUNLIT_BENCH_PORTAL_DB", "bench_portal")  # never the test database
TARGET_P95_MS = 300


def portal_endpoints(who: dict) -> list[tuple[str, str, str]]:
    village = who["village"]
    return [
        ("public village page", f"/v/{village}/", "county:token"),
        ("public labour page", f"/v/{village}/labour/", "county:token"),
        ("alerts page (county)", "/supervision/alerts/", "county:session"),
        ("json alerts (county)", "/api/v1/alerts", "county:token"),
    ]


def site_make(env: dict, villages: int, seed: int) -> float:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sunlit", "demo", "--scale", "county", "--no-serve", "--villages",
                           str(villages), "--seed", str(seed)], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the demo failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def measure(env: dict, who: dict, args, clients: int) -> dict:
    base = f"http://127.0.0.1:{args.port}"
    log = open(Path(env["SUNLIT_DATA_DIR"]) / "server.log", "w+")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "sunlit", "serve", f"127.0.0.1:{args.port}", "--no-worker"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    try:
        cockpit_load.wait_for(base)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--load", base, json.dumps(who), str(clients),
                               str(args.rounds), str(args.requests)], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            log.seek(0)
            raise SystemExit(f"the load failed:\n{done.stderr[-2000:]}\nserver:\n{log.read()[-3000:]}")
        seconds = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    result = json.loads(done.stdout.splitlines()[-1])
    print(f"{clients} concurrent client{'s' if clients > 1 else ''}, {args.rounds} rounds × {args.requests} requests "
          f"per client per endpoint ({seconds:.0f} s; load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after):", flush=True)
    print(f"  {'endpoint':<26} {'requests':>8} {'median ms':>10} {'p95 ms':>8}")
    figures = {}
    for label, values in result["latencies"].items():
        if values:
            figures[label] = {"requests": len(values), "median_ms": round(statistics.median(values)),
                              "p95_ms": round(cockpit_load.p95(values))}
            print(f"  {label:<26} {len(values):>8} {statistics.median(values):>10.0f} {cockpit_load.p95(values):>8.0f}")
    if result["errors"]:
        print(f"  {len(result['errors'])} failed requests, e.g. {result['errors'][:3]}")
    worst = max((f["p95_ms"] for f in figures.values()), default=0)
    print(f"  worst p95 {worst} ms (target {TARGET_P95_MS} ms): {'met' if worst < TARGET_P95_MS else 'NOT met'}",
          flush=True)
    return {"clients": clients, "endpoints": figures, "errors": len(result["errors"]), "worst_p95_ms": worst,
            "load_average_before": load_before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=5, help="requests per client per endpoint per round")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument("--load", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        base, who, clients, rounds, requests = args.load
        cockpit_load.endpoints = portal_endpoints  # the cockpit benchmark's client, on the portal's endpoints
        print(json.dumps(cockpit_load.run_load(base, json.loads(who), int(clients), int(rounds), int(requests))))
        return

    print(f"machine: {os.cpu_count()} CPU(s); python {sys.version.split()[0]}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print("load average (1, 5, 15 min) at start: {:.2f} {:.2f} {:.2f} — other work on the machine slows every figure"
          .format(*os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="sunlit-bench-portal-") as tmp:
        env = {**cockpit_load.environment(Path(tmp)), "DATABASE_URL": f"{PG_SERVER}/{PG_DATABASE}"}
        seconds = site_make(env, args.villages, args.seed)
        print(f"demo site: {args.villages} villages (county scale, seed {args.seed}) made in {seconds:.0f} s", flush=True)
        who = cockpit_load.worker(env, "sessions")
        results = [measure(env, who, args, clients=1), measure(env, who, args, clients=args.clients)]
    print("load average (1, 5, 15 min) at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
