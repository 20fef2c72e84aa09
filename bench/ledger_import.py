"""Benchmark of the village ledger: import throughput for a labour_payment CSV (default 1,000,000
rows) on SQLite and on PostgreSQL, and snapshot throughput for 10 million ledger rows.

    .venv/bin/python bench/ledger_import.py                       # everything, 3 runs each
    .venv/bin/python bench/ledger_import.py --only import --databases sqlite --rows 200000

Each run is its own process (the figure includes reading, checking and writing the whole file in one
transaction, exactly as ``sunlit import labour_payment FILE`` does, and the process's peak memory).
PostgreSQL runs use a separate database, ``sunlit_bench`` (dropped and created here; never ``test``).
Snapshot rows are loaded with bulk SQL (not the import path); the snapshot is ``sunlit lake snapshot``'s
service. Figures printed: every run, then the median."""

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("SUNLIT_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("SUNLIT_BENCH_DB", "sunlit_bench")  # never the test database
VILLAGES = [f"3301020{t:02d}{v:03d}" for t in range(1, 6) for v in range(1, 11)]   # 5 townships × 10 villages
TASKS_PER_VILLAGE = 100


# --- data -------------------------------------------------------------------------------------
def _check_char(first17: str) -> str:
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def workers(n: int = 20_000) -> list[str]:
    out = []
    for i in range(n):
        first17 = f"110101{1940 + i % 60}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        out.append(first17 + _check_char(first17))
    return out


def write_payments(path: Path, rows: int) -> None:
    people = workers()
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["payment_id", "village_code", "task_id", "person_id", "name", "days", "daily_rate", "amount",
                         "paid_date"])
        for i in range(rows):
            v = i % len(VILLAGES)
            task = "" if i % 5 == 0 else f"T{v:02d}-{i % TASKS_PER_VILLAGE:03d}"
            days, rate = 1 + i % 10, 100 + (i % 5) * 50
            writer.writerow([f"P{i:08d}", VILLAGES[v], task, people[i % len(people)], "王五", days, f"{rate}.00",
                             f"{days * rate}.00", f"{2023 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}"])


# --- databases --------------------------------------------------------------------------------
def database_url(engine: str, workdir: Path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    return f"{PG_SERVER}/{PG_DATABASE}"


def fresh_database(engine: str, workdir: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url(engine, workdir), "SUNLIT_DATA_DIR": str(workdir / "data"),
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base", "SUNLIT_LOG_LEVEL": "WARNING"}
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(workdir / "bench.sqlite3") + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    subprocess.run([sys.executable, "-m", "sunlit", "migrate", "-v0", "--skip-checks"], env=env, check=True, cwd=ROOT)
    worker(env, "setup")
    return env


def worker(env: dict, *args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", *args], env=env, check=True, cwd=ROOT,
                          capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


# --- inside a worker process (Django set up on the benchmark database) ------------------------
def _django():
    import django

    django.setup()


def work_setup() -> dict:
    from sunlit.accounts.system import command_line_actor
    from sunlit.ledger.services import records_write
    from sunlit.regions.models import Region

    Region.objects.bulk_create([
        Region(code="330000000000", name="浙江省", level="province"),
        Region(code="330100000000", name="杭州市", level="city", parent_id="330000000000"),
        Region(code="330102000000", name="上城区", level="county", parent_id="330100000000"),
        *[Region(code=f"3301020{t:02d}000", name=f"街道{t}", level="township", parent_id="330102000000")
          for t in range(1, 6)],
        *[Region(code=c, name=f"村{c[-5:]}", level="village", parent_id=c[:9] + "000", kind="village") for c in VILLAGES],
    ])
    tasks = [{"task_id": f"T{v:02d}-{k:03d}", "village_code": code, "title": "河道保洁", "category": "保洁",
              "dispatch_date": "2023-01-01", "planned_days": 10, "planned_workers": 5}
             for v, code in enumerate(VILLAGES) for k in range(TASKS_PER_VILLAGE)]
    records_write("labour_task", actor=command_line_actor(), records=tasks)
    return {"tasks": len(tasks)}


def _truncate(tables: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for t in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {t}")
            else:
                cursor.execute(f"DELETE FROM {t}")  # noqa: S608


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend (same machine), from /proc."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def work_import(path: str, empty_first: str) -> dict:
    from sunlit.accounts.system import command_line_actor
    from sunlit.ledger.importing import ledger_import_file

    if empty_first == "yes":
        _truncate(["labour_payment"])
    server_before, cpu_before = _server_cpu_seconds(), _cpu_seconds()
    started = time.perf_counter()
    result = ledger_import_file(table="labour_payment", path=path, actor=command_line_actor())
    seconds = time.perf_counter() - started
    cpu, server_after = _cpu_seconds() - cpu_before, _server_cpu_seconds()
    return {"rows": result.rows, "created": result.created, "unchanged": result.unchanged, "seconds": seconds,
            "cpu_seconds": cpu, "server_cpu_seconds": None if server_after is None else server_after - server_before,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def work_snapshot_load(rows: int) -> dict:
    """Fill labour_payment, labour_attendance and relief_payment with ``rows`` rows in all, by bulk SQL."""
    from django.db import connection

    _truncate(["labour_payment", "labour_attendance", "relief_payment"])
    pay, attend = rows * 6 // 10, rows * 3 // 10
    relief = rows - pay - attend
    villages = "ARRAY[" + ",".join(f"'{v}'" for v in VILLAGES) + "]"
    n = len(VILLAGES)
    if connection.vendor == "postgresql":
        series = "generate_series(0, {} - 1) AS s(g)".format
        idx, modulo = "g", lambda a, b: f"({a} % {b})"
        village = lambda expr: f"({villages})[1 + {expr}]"  # noqa: E731
        person = "'110101195001011' || lpad((g % 1000)::text, 3, '0')"
        day = lambda expr: f"(DATE '2023-01-01' + {expr})"  # noqa: E731
        month = "to_char(DATE '2020-01-01' + ((g % 60) * INTERVAL '1 month'), 'YYYY-MM')"
        task_of = f"'T' || lpad(((g % 5000) / {TASKS_PER_VILLAGE})::text, 2, '0') || '-' || lpad(((g % 5000) % {TASKS_PER_VILLAGE})::text, 3, '0')"
        attend_person = "'110101195001011' || lpad((g / 5000)::text, 3, '0')"
        attend_village = f"({villages})[1 + (g % 5000) / {TASKS_PER_VILLAGE}]"
    else:
        raise SystemExit("the 10-million-row snapshot load uses PostgreSQL's generate_series")
    with connection.cursor() as cursor:
        cursor.execute(f"""INSERT INTO labour_payment (payment_id, village_code, task_id, person_id, name, days,
                           daily_rate, amount, paid_date)
            SELECT 'S' || {idx}, {village(modulo(idx, n))}, NULL, {person}, '王五', 1 + g % 10, 100 + (g % 5) * 50,
                   (1 + g % 10) * (100 + (g % 5) * 50), {day('(g % 700)')} FROM {series(pay)}""")
        cursor.execute(f"""INSERT INTO labour_attendance (task_id, person_id, work_date, village_code)
            SELECT {task_of}, {attend_person}, {day('((g / 5000) % 200)')}, {attend_village} FROM {series(attend)}""")
        cursor.execute(f"""INSERT INTO relief_payment (payment_id, person_id, village_code, relief_type, period,
                           amount, paid_date)
            SELECT 'R' || g, {person}, {village(modulo(idx, n))}, 'minimum_living', {month}, 800,
                   {day('(g % 700)')} FROM {series(relief)}""")
        cursor.execute("ANALYZE")
    return {"rows": rows}


def work_snapshot(lake_dir: str) -> dict:
    import shutil

    from sunlit.lake import Lake
    from sunlit.ledger.snapshot import ledger_snapshot

    started = time.perf_counter()
    result = ledger_snapshot(lake=Lake(lake_dir))
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in result.version.path.iterdir())
    shutil.rmtree(result.version.path)
    return {"rows": result.total_rows, "seconds": seconds, "parquet_mb": size / 2**20,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


# --- reporting --------------------------------------------------------------------------------
def report(title: str, runs: list[dict]) -> dict:
    rates = [r["rows"] / r["seconds"] for r in runs]
    for i, (r, rate) in enumerate(zip(runs, rates, strict=True), start=1):
        extra = f", peak RSS {r['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in r else ""
        if r.get("cpu_seconds") is not None:
            cpu = r["cpu_seconds"] + (r.get("server_cpu_seconds") or 0)
            server = f" + PostgreSQL backend {r['server_cpu_seconds']:.1f} s" if r.get("server_cpu_seconds") else ""
            extra += (f"; CPU: importer {r['cpu_seconds']:.1f} s{server} = {r['rows'] / cpu:,.0f} rows per CPU-second")
        print(f"  run {i}: {r['rows']:,} rows in {r['seconds']:.2f} s = {rate:,.0f} rows/s{extra}", flush=True)
    median = statistics.median(rates)
    cpu_rates = [r["rows"] / (r["cpu_seconds"] + (r.get("server_cpu_seconds") or 0)) for r in runs
                 if r.get("cpu_seconds")]
    per_cpu = f"; median {statistics.median(cpu_rates):,.0f} rows per CPU-second" if cpu_rates else ""
    print(f"{title}: median {median:,.0f} rows/s over {len(runs)} runs{per_cpu} "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)", flush=True)
    return {"title": title, "median_rows_per_second": round(median), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the labour_payment CSV")
    parser.add_argument("--snapshot-rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--only", choices=("import", "snapshot"), default=None)
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="sunlit-bench-") as tmp:
        workdir = Path(tmp)
        if args.only != "snapshot":
            csv_path = workdir / "labour_payment.csv"
            write_payments(csv_path, args.rows)
            print(f"labour_payment CSV: {args.rows:,} rows, {csv_path.stat().st_size / 2**20:.0f} MB", flush=True)
            for engine in args.databases.split(","):
                env = fresh_database(engine, workdir)
                print(f"import labour_payment on {engine}:", flush=True)
                runs = [worker(env, "import", str(csv_path), "yes") for _ in range(args.runs)]
                results.append(report(f"import {engine}", runs))
                again = worker(env, "import", str(csv_path), "no")
                assert again["unchanged"] == args.rows, again
                print(f"  re-import of the same file (all {again['unchanged']:,} rows unchanged): "
                      f"{again['rows'] / again['seconds']:,.0f} rows/s", flush=True)
        if args.only != "import":
            env = fresh_database("postgresql", workdir)
            started = time.perf_counter()
            worker(env, "snapshot-load", str(args.snapshot_rows))
            print(f"snapshot: {args.snapshot_rows:,} ledger rows loaded by bulk SQL in "
                  f"{time.perf_counter() - started:.0f} s (labour_payment 60%, labour_attendance 30%, "
                  f"relief_payment 10%)", flush=True)
            runs = [worker(env, "snapshot", str(workdir / "lake")) for _ in range(args.runs)]
            print(f"  Parquet written per snapshot: {runs[0]['parquet_mb']:.0f} MB", flush=True)
            results.append(report("snapshot postgresql", runs))
    if args.json:
        print(json.dumps(results))


def worker_main(argv: list[str]) -> None:
    _django()
    action, rest = argv[0], argv[1:]
    if action == "setup":
        out = work_setup()
    elif action == "import":
        out = work_import(*rest)
    elif action == "snapshot-load":
        out = work_snapshot_load(int(rest[0]))
    elif action == "snapshot":
        out = work_snapshot(rest[0])
    else:
        raise SystemExit(f"unknown worker action {action}")
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT))
        worker_main(sys.argv[2:])
    else:
        main()
