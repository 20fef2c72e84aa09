import json
from datetime import timedelta

from django.core.management.base import BaseCommand

from sunlit.attachments.services import attachments_prune


class Command(BaseCommand):
    help = ("Remove files in the private attachment folder that no attachment refers to (left by a "
            "rolled-back step or an interrupted upload) once older than --hours (default 24), and list "
            "attachments whose file is missing (`sunlit attachments_prune [--dry-run] [--json]`).")

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24.0, help="only files older than this (hours)")
        parser.add_argument("--dry-run", action="store_true", help="list, remove nothing")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options):
        result = attachments_prune(older_than=timedelta(hours=options["hours"]), dry_run=options["dry_run"],
                                   actor_username="command_line")
        if options["json"]:
            self.stdout.write(json.dumps({"removed": result.removed, "missing": result.missing,
                                          "dry_run": options["dry_run"]}))
            return
        verb = "将删除 / would remove" if options["dry_run"] else "已删除 / removed"
        self.stdout.write(f"{verb} {len(result.removed)} 个无主文件 / unreferenced files")
        for path in result.removed:
            self.stdout.write(f"  {path}")
        if result.missing:
            self.stdout.write(f"文件缺失的附件 / attachments whose file is missing: {len(result.missing)}")
            for public_id in result.missing:
                self.stdout.write(f"  {public_id}")
