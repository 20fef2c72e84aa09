import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sunlit.accounts.system import command_line_actor
from sunlit.errors import SunlitError
from sunlit.public import deadlines
from sunlit.public.services import disclosures_check


class Command(BaseCommand):
    help = ("Three-affairs disclosures (三务公开). `sunlit disclosures check [--region CODE] [--today "
            "YYYY-MM-DD] [--period CATEGORY=PERIOD] [--json]`: every village that has published nothing "
            "for the newest period past its deadline gets one case; running it again opens no more.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check"])
        parser.add_argument("--region", default="", help="only villages under this region code")
        parser.add_argument("--today", default="", help="check as on this date (YYYY-MM-DD)")
        parser.add_argument("--period", action="append", default=[],
                            help="check this period of a category instead of the newest due, e.g. finance=2026-09")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today 应为 YYYY-MM-DD / --today is written YYYY-MM-DD") from None
        rules = deadlines.rules()
        periods = {}
        for item in options["period"]:
            category, _, period = item.partition("=")
            if category not in rules or not deadlines.period_matches(period.upper(), rules[category].every):
                raise CommandError(f"--period {item}: 应为 类别=期间，如 finance=2026-09 或 party=2026Q3 / "
                                   "write CATEGORY=PERIOD, e.g. finance=2026-09 or party=2026Q3")
            periods[category] = period.upper()
        try:
            result = disclosures_check(actor=command_line_actor(), today=today, region_code=options["region"],
                                       periods=periods)
        except SunlitError as error:
            raise CommandError(error.message) from None
        if options["json"]:
            self.stdout.write(json.dumps({"villages": result.checked_villages, "periods": result.periods,
                                          "late": [list(x) for x in result.late], "opened": result.opened},
                                         ensure_ascii=False))
        else:
            checked = ", ".join(f"{c} {p}" for c, p in result.periods.items()) or "—"
            self.stdout.write(f"检查 {result.checked_villages} 个村（{checked}）：逾期 {len(result.late)} 项，"
                              f"新立案 {len(result.opened)} 件 / {result.checked_villages} villages checked "
                              f"({checked}): {len(result.late)} late, {len(result.opened)} cases opened")
