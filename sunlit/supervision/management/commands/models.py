import json
import sys

from django.core.management.base import BaseCommand, CommandError

from sunlit.accounts.system import command_line_actor
from sunlit.engine import EngineError
from sunlit.errors import InvalidInput
from sunlit.supervision.scaffold import model_scaffold
from sunlit.supervision.selectors import model_list
from sunlit.supervision.services import models_run


class Command(BaseCommand):
    help = ("Supervision models: `sunlit models list [--json]`, "
            "`sunlit models run [--engine duckdb|spark] [--region CODE] [--models CODES] [--json]`, "
            "`sunlit models new CODE --domain DOMAIN`.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "run", "new"])
        parser.add_argument("code", nargs="?", help="for `new`: the new model's code, e.g. LAB-10")
        parser.add_argument("--engine", default="duckdb", choices=["duckdb", "spark"])
        parser.add_argument("--region", help="12-digit code: only villages under this region")
        parser.add_argument("--models", help="comma-separated model codes (default: the whole catalogue)")
        parser.add_argument("--domain", help="for `new`: labour, relief, projects, assets, procurement or seals")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        if action == "list":
            return self._list(options["json"])
        if action == "new":
            return self._new(options["code"], options["domain"])
        return self._run(options)

    def _list(self, as_json):
        models = model_list(user=command_line_actor())
        if as_json:
            self.stdout.write(json.dumps(models, ensure_ascii=False, indent=2, default=str))
            return
        for m in models:
            self.stdout.write(f"{m['code']:<8} {m['severity']:<6} {m['domain']:<12} {m['title']['zh']}")

    def _new(self, code, domain):
        if not code or not domain:
            raise CommandError("usage: sunlit models new CODE --domain DOMAIN")
        try:
            for path in model_scaffold(code=code, domain=domain):
                self.stdout.write(f"created {path}")
        except EngineError as exc:
            raise CommandError(str(exc)) from None

    def _run(self, options):
        codes = [c.strip() for c in options["models"].split(",")] if options["models"] else None

        def progress(done, total, code):
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {code:<8}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        try:
            run = models_run(engine=options["engine"], region_code=options["region"], model_codes=codes,
                             actor=command_line_actor(), progress=None if options["json"] else progress)
        except (InvalidInput, EngineError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from None
        steps = list(run.steps.all())
        if options["json"]:
            self.stdout.write(json.dumps({
                "run": run.pk, "status": run.status, "engine": run.engine, "inputs": run.inputs,
                "alerts_new": run.alerts_new,
                "models": [{"code": s.model_code, "version": s.model_version, "params": s.params,
                            "rows_read": s.rows_read, "rows_returned": s.rows_returned,
                            "seconds": round(s.seconds, 3), "alerts_new": s.alerts_new} for s in steps],
            }, ensure_ascii=False, indent=2))
            return
        for s in steps:
            self.stdout.write(f"{s.model_code:<8} {s.rows_returned:>8} rows  {s.alerts_new:>6} new alerts  {s.seconds:8.2f} s")
        self.stdout.write(self.style.SUCCESS(f"run {run.pk}: {run.alerts_new} new alerts"))
