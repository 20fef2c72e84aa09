import sys

from django.core.management.base import BaseCommand, CommandError

from sunlit import tabular
from sunlit.accounts.system import command_line_actor
from sunlit.regions import selectors, services


class Command(BaseCommand):
    help = "Export the region tree: `sunlit regions export --format csv|xlsx [--output FILE]`."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"])
        parser.add_argument("--format", choices=tabular.FORMATS, default="csv")
        parser.add_argument("--output", help="file to write (default: standard output for CSV)")

    def handle(self, *args, action, **options):
        actor = command_line_actor()
        rows = list(selectors.region_export_rows(user=actor))
        fmt, output = options["format"], options["output"]
        body = (tabular.write_csv(services.COLUMNS, rows) if fmt == "csv"
                else tabular.write_xlsx(services.COLUMNS, rows, title="region"))
        if output:
            with open(output, "wb") as fh:
                fh.write(body)
            self.stderr.write(f"{len(rows)} regions written to {output}")
        elif fmt == "csv":
            sys.stdout.buffer.write(body)
        else:
            raise CommandError("XLSX needs --output FILE")
