import json
import shutil
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from sunlit.accounts.system import command_line_actor
from sunlit.demo.activity import demo_activity_create, demo_activity_summary
from sunlit.demo.checking import truth_check, truth_path
from sunlit.demo.loading import lake_snapshot, models_anchor, peak_memory_text, say, work_folder, world_load
from sunlit.demo.planting import plant
from sunlit.demo.synthetic.generator import world_generate
from sunlit.demo.synthetic.geography import HOME_COUNTY, OTHER_COUNTY, SCALES
from sunlit.demo.synthetic.ledger import AS_OF
from sunlit.demo.synthetic.writing import truth_write
from sunlit.demo.users import DEMO_PASSWORD, demo_users_create
from sunlit.errors import InvalidInput, NotFound
from sunlit.regions.loading import zhejiang_load
from sunlit.supervision.services import models_run

COUNTY = HOME_COUNTY


class Command(BaseCommand):
    help = ("Generate a synthetic region (people, registries, a year of village ledgers, planted anomalies with "
            "their ground truth), load it, snapshot the ledger to the lake, run the models and serve it; "
            "or, with --check, compare the alerts with the ground truth.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", choices=list(SCALES), default="county",
                            help="county (about 250 villages), city (2,500) or province (25,000)")
        parser.add_argument("--villages", type=int, default=None, help="generate at most this many villages")
        parser.add_argument("--planted", type=int, default=2,
                            help="planted cases per model code (and as many near-misses); 0 for clean data")
        parser.add_argument("--workers", type=int, default=None,
                            help="processes generating counties in parallel (default: one per core); "
                                 "the data is the same whatever the number")
        parser.add_argument("--no-serve", action="store_true", help="load only; do not start the server")
        parser.add_argument("--check", action="store_true",
                            help="compare the alerts with the ground truth of the last demo; generate nothing")
        parser.add_argument("--json", action="store_true", dest="as_json", help="with --check: machine-readable output")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, seed, scale, villages, planted, workers, no_serve, check, as_json, addrport, **options):
        if check:
            return self._check(as_json=as_json)
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        actor = command_line_actor()
        result = zhejiang_load(actor=actor)
        self.stdout.write(f"Zhejiang region tree: {result.created} created, {result.unchanged} unchanged")
        say(f"Generating the {scale} scale (seed {seed}) …")
        folder = work_folder()
        try:
            t = time.perf_counter()
            world = world_generate(scale=scale, seed=seed, villages_limit=villages, folder=folder, workers=workers)
            truth = plant(world, per_code=planted)
            paths = world.finish()
            generated = sum(world.counts.values())
            seconds = time.perf_counter() - t
            say(f"  generated {generated:,} rows in {seconds:.1f} s ({generated / seconds:,.0f} rows/s), "
                f"peak memory {peak_memory_text()}, files in {folder}")
            path = truth_write(truth, truth_path())
            say(f"  planted {sum(1 for r in truth if r['expected'] == 'alert')} cases and "
                f"{sum(1 for r in truth if r['expected'] == 'none')} near-misses; ground truth in {path}")
            say("Loading …")
            rows = world_load(world, actor=actor, paths=paths)
        except InvalidInput as exc:
            raise CommandError(f"{exc}\n" + "\n".join(f"  row {e.row}, column {e.column}: {e.message}"
                                                      for e in (exc.errors or [])[:20])) from None
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self.stdout.write(f"Synthetic townships and villages: {len(world.geography.region_rows)} in the tree, "
                          f"{len(world.geography.villages)} villages")
        self.stdout.write(f"Generated rows: {sum(rows.values()):,}")
        say("Snapshotting the ledger to the lake …")
        lake_snapshot(actor=actor)
        anchored = models_anchor(actor=actor)
        say(f"Running the models (as of {AS_OF}: {', '.join(anchored)}) …")
        t = time.perf_counter()
        run = models_run(actor=actor)
        say(f"  model run {run.pk}: {run.alerts_new} new alerts in {time.perf_counter() - t:.1f} s")
        accounts = demo_users_create(county=COUNTY, other_county=OTHER_COUNTY)
        self.stdout.write(demo_activity_summary(demo_activity_create(seed=seed)))  # the workflow: docs/demo.md
        self.stdout.write("")
        self.stdout.write(f"Sign-in accounts (password for all: {DEMO_PASSWORD}):")
        for username, _role, scope, label in accounts:
            self.stdout.write(f"  {username:<22} {scope}  {label}")
        self.stdout.write("")
        village = world.geography.villages[0].code
        self.stdout.write(f"Open http://{addrport}/accounts/login/")
        self.stdout.write(f"Village public page: http://{addrport}{reverse('public:village', args=[village])}")
        self.stdout.write(f"  its labour detail: http://{addrport}{reverse('public:village_labour', args=[village])}")
        self.stdout.write(f"Cockpit (sign in as an inspector): http://{addrport}{reverse('cockpit:home')}")
        self.stdout.write(f"Alerts: http://{addrport}{reverse('supervision:alert_list')}")
        self.stdout.write(f"Demo ready in {time.perf_counter() - started:.0f} s (data directory {settings.DATA_DIR})")
        if not no_serve:
            call_command("serve", addrport)

    def _check(self, *, as_json: bool):
        try:
            report = truth_check(truth_path())
        except NotFound as exc:
            raise CommandError(str(exc)) from None
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{'model':<8} {'planted':>7} {'found':>5} {'recall':>7} {'alerts':>6} {'precision':>9} "
                          f"{'near-miss alerts':>16}")
        for row in report["models"]:
            recall = "-" if row["recall"] is None else f"{row['recall']:.0%}"
            precision = "-" if row["precision"] is None else f"{row['precision']:.0%}"
            self.stdout.write(f"{row['code']:<8} {row['planted']:>7} {row['found']:>5} {recall:>7} {row['alerts']:>6} "
                              f"{precision:>9} {row['near_miss_alerts']:>16}")
        self.stdout.write("")
        self.stdout.write("Model codes in the catalogue with no planted case yet: "
                          + (", ".join(report["catalogue_without_plants"]) or "none"))
        self.stdout.write("Model codes in the catalogue with no planted near-miss yet: "
                          + (", ".join(report["catalogue_without_near_misses"]) or "none"))
        self.stdout.write("Model codes of DESIGN §3 not in the catalogue yet: "
                          + (", ".join(report["design_codes_missing"]) or "none"))
        if report["models_with_missed_plants"]:
            sys.exit(1)
