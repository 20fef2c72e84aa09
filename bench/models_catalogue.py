"""Benchmark: the whole model catalogue on the demo data — DuckDB at county, city and province scale,
Spark in local mode, and the same SQL (transpiled by sqlglot) in PostgreSQL.

The data is the demo generator's (``sunlit demo``'s: same seed, same rows, two planted cases and two
near-misses per model), written straight to Parquet in the lake's canonical schemas
(``sunlit.lake.schemas``) — not through the import and snapshot, which have benchmarks of their own
(bench/ledger_import.py, bench/registries_load.py). Each scale's tables are kept under
``var/bench/models/`` (git-ignored) and reused by later runs (``--fresh`` to make them again).

Each engine runs in a process of its own; every run goes over all 43 models with their default
parameters (the time-counting models as of the demo data's day), and prints the time per model (median
of the runs) and in total (median and spread), the rows returned, peak memory and the load average.
For PostgreSQL the tables are loaded with COPY into a database of the script's own
(``bench_models``, dropped and created; never ``test``) with an index on every key column, and the
rows returned are checked against DuckDB's. The growth of cost with scale and the DuckDB/PostgreSQL
ratio are printed at the end.

    .venv/bin/python bench/models_catalogue.py                       # county, city, province; Spark county; PG city
    .venv/bin/python bench/models_catalogue.py --scales county --engines duckdb --runs 1      # quick look
    .venv/bin/python bench/models_catalogue.py --scales county --villages 40 --postgres-scale county --spark-scale county
"""

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sunlit.engine.backends import CountedTables  # noqa: E402
from sunlit.lake.schemas import PARQUET_COMPRESSION  # noqa: E402

PG_SERVER = os.environ.get("SUNLIT_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("SUNLIT_BENCH_MODELS_DB", "bench_models")  # never the test database
PG_TIMEOUT_SECONDS = int(os.environ.get("SUNLIT_BENCH_PG_TIMEOUT", "180"))  # a model stopped there counts as ≥ it
MEMORY_LIMIT = os.environ.get("SUNLIT_MODELS_MEMORY_LIMIT", "6GB")  # DuckDB's, as in a model run
TARGET_PROVINCE_SECONDS = 300
TARGET_RATIO = 10


# --- the data: the demo generator's tables as Parquet ------------------------------------------
def lake_folder(scale: str, seed: int, villages: int | None) -> Path:
    return ROOT / "var" / "bench" / "models" / (f"{scale}-seed{seed}" + (f"-v{villages}" if villages else ""))


def lake_build(scale: str, seed: int, villages: int | None, workers: int | None, fresh: bool) -> dict:
    """The scale's tables (made once, then reused): {"tables": {table: [parquet]}, "rows": {...}, ...}."""
    folder = lake_folder(scale, seed, villages)
    manifest = folder / "manifest.json"
    if manifest.exists() and not fresh:
        built = json.loads(manifest.read_text())
        if built.get("compression") == PARQUET_COMPRESSION:  # tables written as the lake writes them now
            return built
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    done = subprocess.run([sys.executable, __file__, "--worker", "build", scale, str(seed), str(villages or 0),
                           str(workers or 0), str(folder)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"generating the {scale} scale failed:\n{done.stderr[-3000:]}")
    built = json.loads(done.stdout.strip().splitlines()[-1])
    manifest.write_text(json.dumps(built))
    return built


def work_build(scale: str, seed: int, villages: int, workers: int, folder: Path) -> dict:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from sunlit.demo.planting import plant
    from sunlit.demo.synthetic.generator import world_generate
    from sunlit.lake.schemas import SCHEMAS

    started = time.perf_counter()
    csv_folder = folder / "csv"
    world = world_generate(scale=scale, seed=seed, villages_limit=villages or None, folder=csv_folder, quiet=True,
                           workers=workers or None)
    plant(world, per_code=2)
    paths = world.finish()
    generated = time.perf_counter() - started
    started = time.perf_counter()
    tables, rows = {}, {}
    for table, path in paths.items():
        schema = SCHEMAS[table]
        convert = pacsv.ConvertOptions(column_types=dict(zip(schema.names, schema.types, strict=True)),
                                       strings_can_be_null=True, timestamp_parsers=["%Y-%m-%dT%H:%M:%S"])
        target = folder / f"{table}.parquet"
        count = 0
        with pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 24), convert_options=convert) as reader, \
                pq.ParquetWriter(target, schema, compression=PARQUET_COMPRESSION) as writer:
            for batch in reader:
                writer.write_batch(batch.select(schema.names).cast(schema))
                count += batch.num_rows
        tables[table], rows[table] = [str(target)], count
    converted = time.perf_counter() - started
    shutil.rmtree(csv_folder)
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"scale": scale, "seed": seed, "villages": len(world.geography.villages), "tables": tables, "rows": rows,
            "compression": PARQUET_COMPRESSION,
            "generate_seconds": round(generated, 1), "parquet_seconds": round(converted, 1),
            "generated_rows": sum(world.counts.values()),
            "cpu_seconds": round(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, 1),
            "peak_rss_gib": round(max(own.ru_maxrss, children.ru_maxrss) / 2**20, 2)}


# --- the runs ---------------------------------------------------------------------------------
def _params(spec) -> dict | None:
    from sunlit.demo.synthetic.ledger import AS_OF

    return {"as_of": AS_OF.isoformat()} if "as_of" in spec.params else None


def work_run(engine: str, lake: dict, runs: int) -> dict:
    """Every model of the catalogue ``runs`` times on ``engine``: seconds per model per run, rows."""
    from sunlit.engine import load_catalogue
    from sunlit.engine.backends import BACKENDS
    from sunlit.engine.runner import run_model

    specs = load_catalogue()
    files = {t: [Path(p) for p in ps] for t, ps in lake["tables"].items()}
    setup = time.perf_counter()
    if engine == "postgresql":
        backend = PostgresBench(files)
    elif engine == "duckdb":  # as a model run has it (settings SUNLIT_MODELS_MEMORY_LIMIT and the spill folder)
        backend = BACKENDS[engine](files, memory_limit=MEMORY_LIMIT,
                                   temp_directory=ROOT / "var" / "bench" / "models" / "spill")
    else:
        backend = BACKENDS[engine](files)
    setup = time.perf_counter() - setup
    out = {"engine": engine, "setup_seconds": round(setup, 2), "models": {}, "totals": [], "failed": {}}
    for _ in range(runs):
        total = 0.0
        for spec in specs:
            if spec.code in out["failed"]:
                continue
            started = time.perf_counter()
            try:
                result = run_model(spec, backend, params=_params(spec))
            except Exception as exc:  # a model PostgreSQL cannot run is reported, not fatal
                message = str(exc).splitlines()[0][:300]
                if "statement timeout" in message:  # counted at the timeout: the ratio is then a lower bound
                    out["models"].setdefault(spec.code, {"seconds": [], "rows": None, "timed_out": True})
                    out["models"][spec.code]["seconds"].append(PG_TIMEOUT_SECONDS)
                    total += PG_TIMEOUT_SECONDS
                else:
                    out["failed"][spec.code] = message
                continue
            seconds = time.perf_counter() - started
            total += seconds
            entry = out["models"].setdefault(spec.code, {"seconds": [], "rows": len(result.rows)})
            entry["seconds"].append(round(seconds, 4))
        out["totals"].append(round(total, 3))
    backend.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["peak_rss_gib"] = round(usage.ru_maxrss / 2**20, 2)
    out["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 1)
    return out


class PostgresBench(CountedTables):
    """The lake's tables copied into PostgreSQL; the models' SQL transpiled to PostgreSQL's dialect.
    ``count`` (once per table, as every backend counts) and ``query`` as the engine's backends have them."""

    name = "postgresql"

    def __init__(self, files: dict[str, list[Path]]):
        import psycopg
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
        self.connection = psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}", autocommit=True)
        self.connection.execute("SET TimeZone = 'UTC'")
        self.loaded_rows = 0
        for table, paths in files.items():
            parquet = pq.ParquetFile(paths[0])
            schema = parquet.schema_arrow
            columns = ", ".join(f'"{f.name}" {_pg_type(f.type)}' for f in schema)
            self.connection.execute(f'CREATE TABLE "{table}" ({columns})')
            with self.connection.cursor() as cursor, \
                    cursor.copy(f'COPY "{table}" FROM STDIN WITH (FORMAT csv, HEADER true)') as copy:
                first = True
                for path in paths:
                    for batch in pq.ParquetFile(path).iter_batches(batch_size=200_000):
                        buffer = io.BytesIO()
                        pacsv.write_csv(batch, buffer, write_options=pacsv.WriteOptions(include_header=first))
                        first = False
                        copy.write(buffer.getvalue())
                        self.loaded_rows += batch.num_rows
            for f in schema:
                if f.name.endswith("_id") or f.name == "village_code":
                    self.connection.execute(f'CREATE INDEX ON "{table}" ("{f.name}")')
            self.connection.execute(f'ANALYZE "{table}"')
        self.connection.execute(f"SET statement_timeout = '{PG_TIMEOUT_SECONDS}s'")

    def query(self, sql: str) -> list[dict]:
        from sunlit.engine.errors import EngineError

        try:
            cursor = self.connection.execute(sql)
        except Exception as exc:
            raise EngineError(f"PostgreSQL: {str(exc).splitlines()[0]}") from None
        columns = [d.name for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def count_rows(self, table: str) -> int:
        return self.connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608

    def close(self):
        self.connection.close()


def _pg_type(arrow_type) -> str:
    import pyarrow as pa

    if pa.types.is_decimal(arrow_type):
        return f"numeric({arrow_type.precision}, {arrow_type.scale})"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_timestamp(arrow_type):
        return "timestamp"
    if pa.types.is_integer(arrow_type):
        return "bigint"
    if pa.types.is_floating(arrow_type):
        return "double precision"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    return "text"


def run_engine(engine: str, lake: dict, runs: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", "run", engine, json.dumps(lake), str(runs)],
                          cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
    if done.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- printing -----------------------------------------------------------------------------------
def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s" if len(values) > 1 else "one run"


def report(scale: str, lake: dict, result: dict) -> dict:
    rows_in = sum(lake["rows"].values())
    total = statistics.median(result["totals"])
    print(f"\n{result['engine']} at {scale} scale: {lake['villages']:,} villages, {rows_in:,} rows in 24 tables; "
          f"{len(result['totals'])} run(s); "
          + (f"memory limit {MEMORY_LIMIT}; " if result["engine"] == "duckdb" else "")
          + f"setup {result['setup_seconds']:.1f} s; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    print(f"  {'model':<8} {'median s':>9} {'rows':>8}")
    for code, entry in sorted(result["models"].items()):
        if entry.get("timed_out"):
            print(f"  {code:<8} {'≥' + str(PG_TIMEOUT_SECONDS):>9} {'stopped at the statement timeout':>8}")
            continue
        print(f"  {code:<8} {statistics.median(entry['seconds']):>9.3f} {entry['rows']:>8,}")
    for code, error in sorted(result["failed"].items()):
        print(f"  {code:<8} FAILED: {error}")
    print(f"  total: median {total:.1f} s (spread {_spread(result['totals'])}) for {len(result['models'])} models; "
          f"peak memory {result['peak_rss_gib']:.2f} GiB; CPU {result['cpu_seconds']:.0f} s; "
          f"{rows_in / total if total else 0:,.0f} table rows/s", flush=True)
    return {"engine": result["engine"], "scale": scale, "villages": lake["villages"], "rows": rows_in,
            "total_seconds_median": round(total, 2), "totals": result["totals"], "setup_seconds": result["setup_seconds"],
            "models": {c: {"seconds_median": statistics.median(e["seconds"]), "rows": e["rows"]}
                       for c, e in result["models"].items()},
            "failed": result["failed"], "peak_rss_gib": result["peak_rss_gib"], "cpu_seconds": result["cpu_seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="county,city,province", help="DuckDB scales")
    parser.add_argument("--engines", default="duckdb,spark,postgresql")
    parser.add_argument("--spark-scale", default="county")
    parser.add_argument("--postgres-scale", default="city")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--villages", type=int, default=None, help="at most this many villages per scale (quick looks)")
    parser.add_argument("--workers", type=int, default=None, help="generator processes (default: one per core)")
    parser.add_argument("--fresh", action="store_true", help="generate the tables again")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        action, *rest = args.worker
        if action == "build":
            scale, seed, villages, workers, folder = rest
            out = work_build(scale, int(seed), int(villages), int(workers), Path(folder))
        else:
            engine, lake, runs = rest
            out = work_run(engine, json.loads(lake), int(runs))
        print(json.dumps(out))
        return

    import duckdb

    engines = args.engines.split(",")
    print(f"machine: {os.cpu_count()} CPU(s); python {sys.version.split()[0]}; duckdb {duckdb.__version__}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print("load average (1, 5, 15 min) at start: {:.2f} {:.2f} {:.2f} — other work on the machine slows every figure"
          .format(*os.getloadavg()), flush=True)
    plan = []
    if "duckdb" in engines:
        plan += [("duckdb", s) for s in args.scales.split(",") if s]
    if "spark" in engines:
        plan.append(("spark", args.spark_scale))
    if "postgresql" in engines:
        plan.append(("postgresql", args.postgres_scale))
    lakes, results = {}, []
    for engine, scale in plan:
        if scale not in lakes:
            started = time.perf_counter()
            lakes[scale] = lake_build(scale, args.seed, args.villages, args.workers, args.fresh)
            lake = lakes[scale]
            rows = sum(lake["rows"].values())
            if time.perf_counter() - started > 1:
                how = (f"generated in {lake['generate_seconds']} s ({rows / lake['generate_seconds']:,.0f} rows/s, "
                       f"CPU {lake.get('cpu_seconds', '?')} s, peak memory {lake['peak_rss_gib']} GiB), "
                       f"written as Parquet in {lake['parquet_seconds']} s")
            else:
                how = f"reused from {lake_folder(scale, args.seed, args.villages)}"
            print(f"\n{scale} scale: {lake['villages']:,} villages, {rows:,} rows ({how})", flush=True)
        results.append(report(scale, lakes[scale], run_engine(engine, lakes[scale], args.runs)))
    duck = {r["scale"]: r for r in results if r["engine"] == "duckdb"}
    if len(duck) > 1:
        print("\ngrowth of cost with scale (DuckDB):")
        base = min(duck.values(), key=lambda r: r["rows"])
        for r in sorted(duck.values(), key=lambda r: r["rows"]):
            print(f"  {r['scale']:<9} {r['villages']:>7,} villages {r['rows']:>12,} rows  {r['total_seconds_median']:>8.1f} s  "
                  f"×{r['rows'] / base['rows']:.1f} rows → ×{r['total_seconds_median'] / base['total_seconds_median']:.1f} time")
    if "province" in duck:
        seconds = duck["province"]["total_seconds_median"]
        print(f"province-scale catalogue: {seconds:.1f} s (target under {TARGET_PROVINCE_SECONDS} s): "
              f"{'met' if seconds < TARGET_PROVINCE_SECONDS else 'NOT met'}")
    for r in results:
        if r["engine"] != "postgresql":
            continue
        same = duck.get(r["scale"])
        if same is None:
            print(f"\nPostgreSQL at {r['scale']} scale: no DuckDB run at that scale to compare with")
            continue
        both = sorted(set(r["models"]) & set(same["models"]))
        pg = sum(r["models"][c]["seconds_median"] for c in both)
        dk = sum(same["models"][c]["seconds_median"] for c in both)
        differ = [c for c in both if r["models"][c]["rows"] is not None
                  and r["models"][c]["rows"] != same["models"][c]["rows"]]
        stopped = [c for c in both if r["models"][c]["rows"] is None]
        ratio = pg / dk if dk else float("nan")
        print(f"\nPostgreSQL / DuckDB at {r['scale']} scale over the {len(both)} models both ran: "
              f"{pg:.1f} s / {dk:.1f} s = DuckDB {ratio:.1f}× faster (target ≥ {TARGET_RATIO}×): "
              f"{'met' if ratio >= TARGET_RATIO else 'NOT met'}; PostgreSQL could not run: "
              f"{', '.join(sorted(r['failed'])) or 'none'}; rows differ from DuckDB's: {', '.join(differ) or 'none'}"
              + (f"; stopped at the {PG_TIMEOUT_SECONDS} s timeout and counted at it (the ratio is a lower bound): "
                 f"{', '.join(stopped)}" if stopped else ""))
        r["ratio_to_duckdb"] = round(ratio, 1)
    print("\nload average (1, 5, 15 min) at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
