import json

from django.core.management.base import BaseCommand

from sunlit.accounts.system import command_line_actor
from sunlit.cases.services import cases_sweep


class Command(BaseCommand):
    help = ("Escalate every overdue case one level up and notify the unit that receives it "
            "(`sunlit sweep [--json]`). Running it twice the same day escalates nothing more.")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options):
        escalated = cases_sweep(actor=command_line_actor())
        if options["json"]:
            self.stdout.write(json.dumps({"escalated": len(escalated), "cases": escalated}))
        else:
            self.stdout.write(f"逾期上提 {len(escalated)} 件 / {len(escalated)} overdue cases escalated")
