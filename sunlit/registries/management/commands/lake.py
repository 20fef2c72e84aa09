import json

from django.core.management.base import BaseCommand, CommandError

from sunlit.registries.catalogue import lake_status
from sunlit.registries.services import lake_open


class Command(BaseCommand):
    help = ("The lake: `sunlit lake status [--json]` lists every dataset with its versions, freshness, "
            "row count and the models that read it; `sunlit lake sweep` removes staging folders left "
            "by loads that died; `sunlit lake snapshot` writes the village ledger to the lake.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="datasets, versions, freshness, rows, readers")
        status.add_argument("--json", action="store_true", help="machine-readable output")
        snapshot = sub.add_parser("snapshot", help="write every ledger table to Parquet as a new `ledger` version")
        snapshot.add_argument("--json", action="store_true", help="machine-readable output")
        sweep = sub.add_parser("sweep", help="remove staging leftovers of interrupted writes")
        sweep.add_argument("--older-than", type=float, default=3600.0, metavar="SECONDS",
                           help="only folders untouched for this long (default 3600; 0 removes all — "
                                "only when no load is running)")

    def handle(self, *args, action, **options):
        lake = lake_open()
        if action == "snapshot":
            from sunlit.ledger.snapshot_command import snapshot_run

            return snapshot_run(self, json_output=options["json"])
        if action == "sweep":
            if options["older_than"] < 0:
                raise CommandError("--older-than must be >= 0")
            removed = lake.sweep_staging(older_than_seconds=options["older_than"])
            self.stdout.write(f"removed {removed} staging folder(s)")
            return
        status = lake_status(lake)
        if options["json"]:
            self.stdout.write(json.dumps(status, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"lake: {status['lake']}")
        for d in status["datasets"]:
            if d["current"] is None:
                self.stdout.write(f"{d['dataset']:<32} no version loaded")
            else:
                f = d["freshness"]
                stale = " STALE" if f["stale"] else ""
                self.stdout.write(f"{d['dataset']:<32} {len(d['versions'])} version(s), current {d['current']}, "
                                  f"{d['rows']} rows, valid from {f['valid_from']}, {f['age_days']} day(s) old{stale}")
            readers = ", ".join(d["read_by"]) or "(no reader declared)"
            self.stdout.write(f"{'':<32} read by: {readers}")
        if not status["readers"]:
            self.stdout.write("No model has declared the datasets it reads yet (sunlit.lake.readers).")
        for name, error in status["reader_sources_failed"].items():
            self.stderr.write(f"reader source “{name}” failed: {error}")
