import json
import sys
import time

from django.core.management.base import BaseCommand

from sunlit.cockpit.services import cockpit_check, cockpit_rebuild, coverage_refresh


class Command(BaseCommand):
    help = ("The cockpit's tallies: `rebuild` recomputes every figure from the rows; `check` recomputes "
            "without writing and lists the tallies that differ (exit status 1 if any); `coverage` "
            "refreshes village coverage from the ledger.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "coverage"])
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, action, as_json, **options):
        started = time.perf_counter()
        if action == "rebuild":
            rows = cockpit_rebuild()
            result = {"action": "rebuild", "rows": rows}
            text = f"Cockpit rebuilt: {rows:,} tally rows"
        elif action == "coverage":
            coverage_refresh()
            result = {"action": "coverage"}
            text = "Village coverage refreshed"
        else:
            differences = cockpit_check()
            result = {"action": "check", "differences": len(differences),
                      "first": [{"region": k[0], "metric": k[1], "key": k[2], "month": k[3], "stored": s,
                                 "expected": e} for k, s, e in differences[:50]]}
            text = ("Cockpit tallies match the rows" if not differences else
                    f"{len(differences)} tallies differ from the rows:\n" +
                    "\n".join(f"  {k[0]} {k[1]}[{k[2]}|{k[3]}]: stored {s}, expected {e}"
                              for k, s, e in differences[:50]))
        result["seconds"] = round(time.perf_counter() - started, 2)
        self.stdout.write(json.dumps(result, ensure_ascii=False) if as_json else f"{text} ({result['seconds']} s)")
        if action == "check" and result["differences"]:
            sys.exit(1)
