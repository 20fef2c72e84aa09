import json
import sys

from django.core.management.base import BaseCommand, CommandError

from sunlit import tabular
from sunlit.accounts.system import command_line_actor
from sunlit.audit.services import audit_record
from sunlit.supervision.selectors import ALERT_EXPORT_COLUMNS, alert_export_rows, alert_list


class Command(BaseCommand):
    help = "Export alerts: `sunlit alerts export --format json|xlsx [--output FILE] [--model CODE] [--region CODE] [--state open]`."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"])
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output")
        parser.add_argument("--model")
        parser.add_argument("--colour", choices=["red", "yellow", "blue"])
        parser.add_argument("--region")
        parser.add_argument("--period")
        parser.add_argument("--state")

    def handle(self, *args, action, **o):
        actor = command_line_actor()
        alerts = alert_list(user=actor, model_code=o["model"], severity=o["colour"], region_code=o["region"],
                            period=o["period"], state=o["state"])
        rows = list(alert_export_rows(alerts))
        audit_record(kind="export", actor=actor, object_type="alert", detail={"format": o["format"], "rows": len(rows)})
        if o["format"] == "json":
            body = json.dumps([dict(zip(ALERT_EXPORT_COLUMNS, r, strict=True)) | {"evidence": json.loads(r[7])}
                               for r in rows], ensure_ascii=False, indent=2).encode()
        else:
            if not o["output"]:
                raise CommandError("XLSX needs --output FILE")
            body = tabular.write_xlsx(ALERT_EXPORT_COLUMNS, rows, title="alert")
        if o["output"]:
            with open(o["output"], "wb") as fh:
                fh.write(body)
            self.stderr.write(f"{len(rows)} alerts written to {o['output']}")
        else:
            sys.stdout.buffer.write(body + b"\n")
