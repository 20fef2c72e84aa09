from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sunlit import tabular
from sunlit.accounts.models import User
from sunlit.accounts.system import command_line_actor
from sunlit.errors import InvalidInput
from sunlit.ledger.progress import ProgressBar
from sunlit.ledger.registry import TABLE_NAMES as LEDGER_TABLES
from sunlit.regions.services import regions_import
from sunlit.registries.services import registry_load
from sunlit.registries.specs import REGISTRIES

# Canonical table name → import service. Later tables register here.
IMPORTERS = {
    "region": regions_import,
}


class Command(BaseCommand):
    help = "Import a canonical table from CSV, XLSX or Parquet: `sunlit import TABLE FILE`. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("table", choices=sorted([*IMPORTERS, *LEDGER_TABLES, *REGISTRIES]))
        parser.add_argument("file")
        parser.add_argument("--as-user", help="import with this user's role and scope (default: administrator)")
        parser.add_argument("--valid-from", type=date.fromisoformat, metavar="YYYY-MM-DD",
                            help="registries: the date the file's facts hold from (default: today)")

    def handle(self, *args, table, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        actor = command_line_actor()
        if options["as_user"]:
            actor = User.objects.filter(username=options["as_user"]).first()
            if actor is None:
                raise CommandError(f"no such user: {options['as_user']}")
        if table in REGISTRIES:
            return self._load_registry(table, path, actor, options["valid_from"])
        try:
            if table in LEDGER_TABLES:
                from sunlit.ledger.importing import ledger_import_file

                bar = ProgressBar(self.stderr, label=table)
                result = ledger_import_file(table=table, path=path, actor=actor, progress=bar.update)
                bar.finish()
            else:
                header, rows = tabular.read_rows(path.read_bytes(), fmt=tabular.format_of(path.name))
                result = IMPORTERS[table](rows=rows, header=header, actor=actor, source=path.name)
        except InvalidInput as exc:
            for e in exc.errors:
                self.stderr.write(f"  row {e.row}, column {e.column} “{e.value}”: {e.message}")
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(
            f"{table}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged"))

    def _load_registry(self, table, path, actor, valid_from):
        """Registries are checked column-at-a-time and published to the lake (sunlit.registries)."""
        try:
            version = registry_load(table=table, path=path, source_name=path.name, actor=actor, valid_from=valid_from)
        except InvalidInput as exc:
            failures = getattr(exc, "failures", [])
            for failure in failures:
                self.stderr.write(f"  {failure.rule.code}: {failure.count} row(s) — {failure.rule.message}")
                for e in failure.sample:
                    self.stderr.write(f"      row {e.row}: “{e.value}”")
            if not failures:
                for e in exc.errors:
                    self.stderr.write(f"  row {e.row}, column {e.column}: {e.message}")
            raise CommandError(exc.message) from None
        m = version.manifest
        self.stdout.write(self.style.SUCCESS(
            f"{table}: {m['rows']['written']} rows published as {version.dataset} version {version.id} "
            f"(valid from {m['valid_from']}, sha256 {m['source']['sha256'][:12]}…)"))
