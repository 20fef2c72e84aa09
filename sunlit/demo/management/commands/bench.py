"""`sunlit bench`: run the benchmark scripts of ``bench/`` one after the other, print their figures
as they come, and collect them (``--json``: one JSON document at the end, each script's own figures
under its name). ``--quick`` runs each at a small size (a smoke test of the suite, not figures to
record); ``--only`` picks benchmarks by name."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

ROOT = Path(__file__).resolve().parents[4]
BENCH = ROOT / "bench"

# name → (script, arguments, arguments with --quick, what it measures)
BENCHMARKS: dict[str, tuple[str, list[str], list[str], str]] = {
    "generation": ("demo_generate.py", [], ["--scales", "county", "--villages", "40", "--runs", "2"],
                   "demo generator rows/s at county and city scale"),
    "models-duckdb": ("models_catalogue.py", ["--engines", "duckdb"],
                      ["--engines", "duckdb", "--scales", "county", "--villages", "40", "--runs", "2"],
                      "the catalogue on DuckDB at county, city and province scale; growth with scale"),
    "models-spark": ("models_catalogue.py", ["--engines", "spark", "--spark-scale", "county"],
                     ["--engines", "spark", "--spark-scale", "county", "--villages", "20", "--runs", "1"],
                     "the catalogue on Spark in local mode"),
    "models-postgresql": ("models_catalogue.py", ["--engines", "duckdb,postgresql", "--scales", "city",
                                                  "--postgres-scale", "city"],
                          ["--engines", "duckdb,postgresql", "--scales", "county", "--postgres-scale", "county",
                           "--villages", "40", "--runs", "1"],
                          "the same SQL in PostgreSQL, with the DuckDB/PostgreSQL ratio"),
    "import-ledger": ("ledger_import.py", [],
                      ["--rows", "20000", "--snapshot-rows", "100000", "--runs", "1"],
                      "ledger import rows/s (SQLite, PostgreSQL) and snapshot"),
    "import-registries": ("registries_load.py", [],
                          ["--household-rows", "200000", "--enterprise-person-rows", "100000", "--runs", "1"],
                          "registry load rows/s"),
    "web-portal": ("portal_load.py", [], ["--villages", "12", "--clients", "4", "--rounds", "1", "--requests", "2"],
                   "portal, alerts page and API latency under concurrent load"),
    "web-cockpit": ("cockpit_load.py", [], ["--villages", "500", "--cases", "20000", "--rounds", "1",
                                            "--requests", "2", "--clients", "4", "--cache-seconds", "0"],
                    "cockpit pages and API latency under concurrent load"),
}
# scripts that print their figures as one JSON line at the end when given --json
TAKES_JSON = {"demo_generate.py", "models_catalogue.py", "ledger_import.py", "portal_load.py"}


def _last_json(lines: list[str]):
    for line in reversed(lines):
        if line.startswith(("[", "{")):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


class Command(BaseCommand):
    help = ("Run the benchmarks of bench/ (generation, the model catalogue on DuckDB, Spark and PostgreSQL, "
            "imports, web latency) and print or collect their figures. Each repeats its measurement and prints "
            "the median and spread with the machine's load average.")

    def add_arguments(self, parser):
        parser.add_argument("--only", default="", help="comma-separated names: " + ", ".join(BENCHMARKS))
        parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not figures to record")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="one JSON document at the end (progress still goes to stderr)")
        parser.add_argument("--list", action="store_true", dest="list_only", help="list the benchmarks and stop")

    def handle(self, *args, only, quick, as_json, list_only, **options):
        if list_only:
            for name, (script, _a, _q, what) in BENCHMARKS.items():
                self.stdout.write(f"{name:<18} bench/{script:<22} {what}")
            return
        names = [n.strip() for n in only.split(",") if n.strip()] or list(BENCHMARKS)
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            raise CommandError(f"unknown benchmark {', '.join(unknown)}: choose from {', '.join(BENCHMARKS)}")
        out = sys.stderr if as_json else self.stdout
        collected, failed = {}, []
        for name in names:
            script, arguments, quick_arguments, what = BENCHMARKS[name]
            command = [sys.executable, str(BENCH / script), *(quick_arguments if quick else arguments)]
            if script in TAKES_JSON:
                command.append("--json")
            out.write(f"== {name}: {what}\n   {' '.join(command[1:])}\n")
            out.flush()
            started = time.perf_counter()
            lines = []
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,  # noqa: S603
                                       env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
            for line in process.stdout:
                line = line.rstrip("\n")
                lines.append(line)
                if not (script in TAKES_JSON and line.startswith(("[", "{"))):
                    out.write(f"   {line}\n")
                    out.flush()
            process.wait()
            seconds = time.perf_counter() - started
            entry = {"script": f"bench/{script}", "arguments": command[2:], "seconds": round(seconds, 1),
                     "exit_code": process.returncode}
            figures = _last_json(lines) if script in TAKES_JSON else None
            entry["figures"] = figures if figures is not None else [line for line in lines if line.strip()][-60:]
            collected[name] = entry
            if process.returncode != 0:
                failed.append(name)
            out.write(f"   ({name}: {seconds:.0f} s, exit code {process.returncode})\n")
        load = os.getloadavg()
        if as_json:
            self.stdout.write(json.dumps({"quick": quick, "load_average_at_end": [round(x, 2) for x in load],
                                          "cpus": os.cpu_count(), "benchmarks": collected},
                                         ensure_ascii=False, indent=2))
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
