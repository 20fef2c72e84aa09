"""DuckDB and Spark return identical rows for the whole catalogue on the demo data: a small demo
(12 villages, one planted case and one near-miss per model) is generated in a subprocess with its
own data directory, then every model runs over the same lake files on both engines (one Spark
session) and the normalised rows, sorted, are compared field by field."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sunlit.demo.synthetic.ledger import AS_OF
from sunlit.engine import load_catalogue, run_model
from sunlit.engine.backends import DuckDBBackend, SparkBackend
from sunlit.engine.tables import resolve
from sunlit.lake import Lake

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def demo_tables(tmp_path_factory) -> dict[str, list[Path]]:
    data = tmp_path_factory.mktemp("engines-agree")
    env = {**os.environ, "SUNLIT_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base"}
    run = subprocess.run([sys.executable, "-m", "sunlit", "demo", "--no-serve", "--villages", "12", "--planted", "1",
                          "--seed", "11"], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    files, _versions = resolve(Lake(data / "lake"), {t for spec in load_catalogue() for t in spec.reads})
    return files


def _sort_key(row: dict) -> tuple:
    return tuple("" if row[c] is None else str(row[c]) for c in row)


def test_duckdb_and_spark_return_identical_rows_for_the_catalogue(demo_tables):
    specs = load_catalogue()
    duck, spark = DuckDBBackend(demo_tables), SparkBackend(demo_tables)
    differences, empty = [], []
    try:
        for spec in specs:
            params = {"as_of": AS_OF.isoformat()} if "as_of" in spec.params else None
            on_duck = sorted(run_model(spec, duck, params=params).rows, key=_sort_key)
            on_spark = sorted(run_model(spec, spark, params=params).rows, key=_sort_key)
            if not on_duck:
                empty.append(spec.code)
            if on_duck != on_spark:
                only_duck = [r for r in on_duck if r not in on_spark][:2]
                only_spark = [r for r in on_spark if r not in on_duck][:2]
                differences.append((spec.code, len(on_duck), len(on_spark), only_duck, only_spark))
    finally:
        duck.close()
        spark.close()
    assert len(specs) == 43
    assert differences == []
    # every model has a planted case in the demo, so every comparison is over real rows
    assert empty == []
