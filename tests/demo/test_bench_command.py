"""`sunlit bench`: runs the scripts of bench/ and collects their figures (a quick generation run and
a quick DuckDB catalogue run, each repeated, with median and spread), and refuses unknown names."""

import json
import subprocess
import sys

SUNLIT = [sys.executable, "-m", "sunlit"]


def test_quick_bench_collects_the_figures_of_each_script():
    run = subprocess.run([*SUNLIT, "bench", "--quick", "--only", "generation,models-duckdb", "--json"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    generation = report["benchmarks"]["generation"]
    assert generation["exit_code"] == 0 and generation["script"] == "bench/demo_generate.py"
    (county,) = generation["figures"]
    assert county["scale"] == "county" and county["rows"] > 100_000 and len(county["runs"]) == 2
    assert county["spread_seconds"][0] <= county["seconds_median"] <= county["spread_seconds"][1]
    (duck,) = report["benchmarks"]["models-duckdb"]["figures"]
    assert duck["engine"] == "duckdb" and len(duck["models"]) == 43 and len(duck["totals"]) == 2
    assert duck["failed"] == {}
    # every model finds its planted cases in the generated data
    assert all(m["rows"] > 0 for m in duck["models"].values())
    assert "load average" in run.stderr and "median" in run.stderr


def test_unknown_benchmark_is_refused_with_the_names_to_choose_from():
    run = subprocess.run([*SUNLIT, "bench", "--only", "nonsense"], capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "unknown benchmark nonsense" in run.stderr and "models-duckdb" in run.stderr
