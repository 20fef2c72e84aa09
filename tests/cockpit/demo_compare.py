"""Run inside a demo's site (``python -m tests.cockpit.demo_compare``): every cockpit figure of every
region that holds a synthetic village, compared with a direct count from the rows. Prints one JSON
line: the regions compared and the differences found."""

import json
import os
import sys


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunlit.settings.base")
    django.setup()
    from sunlit.accounts.models import User
    from sunlit.accounts.roles import Role
    from sunlit.cases.models import Case
    from sunlit.cockpit import selectors
    from sunlit.regions import codes
    from sunlit.regions.models import Region
    from tests.cockpit import direct

    reader = User(username="compare", role=Role.ADMINISTRATOR)
    villages = set(Case.objects.values_list("village_code", flat=True))
    regions = {c for v in villages for c in _chain(v, codes)}
    differences, compared, most_alerts, most_steps = [], 0, 0, 0
    for region in Region.objects.filter(code__in=regions):
        f = selectors.cockpit_figures(user=reader, region=region)
        d = direct.figures(region.code)
        got = {"villages": f["coverage"]["villages"], "alerts": f["alerts"]["total"],
               "by_colour": f["alerts"]["by_colour"], "by_model": f["alerts"]["by_model"],
               "opened": f["cases"]["opened"], "open": f["cases"]["open"], "overdue": f["cases"]["overdue"],
               "closed": f["cases"]["closed"], "precision": f["precision"], "risk": f["risk"],
               "people": f["people"]["by_measure"], "money_wan": f["money"]["wan"], "by_state": f["cases"]["by_state"],
               "by_month": f["alerts"]["by_month"], "current": f["coverage"]["current"]}
        want = {"villages": d["villages"], "alerts": d["alerts"], "by_colour": d["by_colour"],
                "by_model": d["by_model"], "opened": d["opened"], "open": d["open"], "overdue": d["overdue"],
                "closed": d["closed"], "precision": d["precision"], "risk": direct.risk(region.code),
                "people": d["people"], "money_wan": d["money_wan"], "by_state": d["by_state"],
                "by_month": d["by_month"], "current": d["current"]}
        compared += 1
        most_alerts = max(most_alerts, d["alerts"])
        most_steps = max(most_steps, f["cases"]["closed"] + f["people"]["total"])
        differences += [{"region": region.code, "figure": k, "cockpit": got[k], "rows": want[k]}
                        for k in got if got[k] != want[k]]
    sys.stdout.write(json.dumps({"compared": compared, "levels": sorted({codes.level_of(c) for c in regions}),
                      "alerts": most_alerts, "closed_and_people": most_steps, "differences": differences}, default=str) + "\n")


def _chain(code, codes):
    while code:
        yield code
        code = codes.parent_code_of(code)


if __name__ == "__main__":
    main()
