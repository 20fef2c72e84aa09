"""Benchmark: loading province-scale registry files into the lake.

Generates a household file (default 20,000,000 rows) and an enterprise_person file (default
10,000,000 rows) with DuckDB SQL — every ID number and credit code valid, distinct people — into a
temporary folder under var/bench, then loads each several times with the production loader
(``sunlit.registries.loading.registry_file_load``: every rule checked on every row, normalised rows
written as Parquet, SHA-256 of the source, manifest, atomic publish). Each load runs in its own
process so that its peak memory (maximum resident set size) is its own. Prints rows/s (median of the
runs) and peak memory; deletes the generated files and the lake afterwards.

    .venv/bin/python bench/registries_load.py [--household-rows N] [--enterprise-person-rows N]
                                              [--runs 3] [--format parquet|csv]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sunlit import identity_sql  # noqa: E402

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _person(i: str) -> str:
    """A distinct valid resident ID for each integer i (region, birth date and sequence from i)."""
    region = f"(330100 + ({i} % 90) * 2)"
    birth = f"CAST(strftime(DATE '1930-01-01' + CAST(({i} // 90) % 30000 AS INTEGER), '%Y%m%d') AS INTEGER)"
    sequence = f"(({i} // 2700000) % 1000)"
    return identity_sql.person_id_from_parts_sql(region, birth, sequence)


def _org(i: str) -> str:
    """A valid unified social credit code for each integer i."""
    body = (f"'91' || lpad(CAST(330100 + ({i} % 90) * 2 AS VARCHAR), 6, '0') || "
            f"lpad(CAST(({i} // 90) % 1000000000 AS VARCHAR), 9, '0')")
    return identity_sql.org_id_make_sql(body)


def generate_household(path: Path, rows: int, fmt: str) -> None:
    relations = "['户主', '配偶', '子', '女', '父亲', '母亲']"
    names = "['王建国', '李秀英', '张伟', '刘芳', '陈静', '杨洋', '赵磊', '黄敏']"
    select = f"""
        SELECT 'H' || lpad(CAST(i // 4 AS VARCHAR), 10, '0') AS household_id,
               {_person('i')} AS person_id,
               {names}[1 + i % 8] AS name,
               strftime(DATE '1930-01-01' + CAST((i // 90) % 30000 AS INTEGER), '%Y-%m-%d') AS birth_date,
               CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END AS gender,
               {relations}[1 + i % 6] AS relation_to_head,
               lpad(CAST(330100 + (i % 90) * 2 AS VARCHAR), 6, '0') || '001' || lpad(CAST(1 + i % 300 AS VARCHAR), 3, '0')
                   AS region_code
        FROM range({rows}) t(i)"""
    _copy(select, path, fmt)


def generate_enterprise_person(path: Path, rows: int, fmt: str) -> None:
    roles = "['legal_rep', 'shareholder', 'director', 'supervisor', 'manager']"
    select = f"""
        SELECT {_org('i // 3')} AS org_id,
               {_person('i')} AS person_id,
               {roles}[1 + i % 5] AS role,
               CASE WHEN i % 5 = 1 THEN CAST(round(((i * 7919) % 1000) / 1000.0, 3) AS VARCHAR) END AS share_ratio
        FROM range({rows}) t(i)"""
    _copy(select, path, fmt)


def _copy(select: str, path: Path, fmt: str) -> None:
    con = duckdb.connect(config={"preserve_insertion_order": False})
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
    con.execute(f"COPY ({select}) TO '{path}' ({options})")
    con.close()


_RUN_ONE = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
from sunlit.lake import Lake
from sunlit.registries.loading import LoadedBy, registry_file_load
from sunlit.registries.specs import REGISTRIES
lake_dir, table, path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
started = time.perf_counter()
version = registry_file_load(lake=Lake(lake_dir), spec=REGISTRIES[table], path=path, source_name=path.name,
                             loaded_by=LoadedBy("bench", "data_steward", None), valid_from=date.today())
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "rows": version.manifest["rows"]["written"],
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_kib": usage.ru_maxrss}))
"""


def load_once(lake: Path, table: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _RUN_ONE, str(lake), table, str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"load failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--household-rows", type=int, default=20_000_000)
    parser.add_argument("--enterprise-person-rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    args = parser.parse_args()

    base = ROOT / "var" / "bench"
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="registries-", dir=base))
    print(f"machine: {os.cpu_count()} CPU(s); python {sys.version.split()[0]}; duckdb {duckdb.__version__}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print("load average (1, 5, 15 min) at start: {:.2f} {:.2f} {:.2f} — other work on the machine slows every figure"
          .format(*os.getloadavg()))
    try:
        results = []
        for table, rows, generate in (("household", args.household_rows, generate_household),
                                      ("enterprise_person", args.enterprise_person_rows, generate_enterprise_person)):
            path = work / f"{table}.{args.format}"
            started = time.perf_counter()
            generate(path, rows, args.format)
            size = path.stat().st_size
            print(f"\n{table}: generated {rows:,} rows ({size / 2**20:,.1f} MiB {args.format}) "
                  f"in {time.perf_counter() - started:.1f} s")
            runs = []
            for n in range(args.runs):
                lake = work / f"lake-{table}-{n}"
                run = load_once(lake, table, path)
                if run["rows"] != rows:
                    raise SystemExit(f"{table}: wrote {run['rows']} rows, expected {rows}")
                runs.append(run)
                print(f"  run {n + 1}: {run['seconds']:.2f} s, {rows / run['seconds']:,.0f} rows/s, "
                      f"CPU {run['cpu_seconds']:.1f} s, peak memory {run['peak_rss_kib'] / 2**20:.2f} GiB")
                shutil.rmtree(lake)
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = max(r["peak_rss_kib"] for r in runs) / 2**20
            cpu = statistics.median(r["cpu_seconds"] for r in runs)
            results.append((table, rows, args.format, seconds, rows / seconds, cpu, peak))
            path.unlink()
        print("\nload average (1, 5, 15 min) at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        print("\ntable              rows         format   median s   rows/s (median)   CPU s (median)   peak memory")
        for table, rows, fmt, seconds, rate, cpu, peak in results:
            print(f"{table:<18} {rows:>12,} {fmt:<8} {seconds:>8.2f}   {rate:>15,.0f}   {cpu:>14.1f}   {peak:>7.2f} GiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
