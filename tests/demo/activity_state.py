"""Run inside a demo's site (``python -m tests.demo.activity_state``): what the demo's activity left,
read straight from the rows, as one JSON line — the cases' event chains (keyed by what identifies a
case whatever its row id), the disclosures per village, the reports, the closed loop, the cockpit
figures of the home county and the differences ``cockpit check`` finds."""

import json
import os
import sys


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunlit.settings.base")
    django.setup()
    from django.db.models import Sum
    from django.utils import timezone

    from sunlit.accounts.models import User
    from sunlit.cases.models import OPEN_STATES, Case, CaseEvent, Disposition, PersonHandled
    from sunlit.closedloop.models import (
        Campaign,
        CampaignTask,
        CampaignTaskEvent,
        ProblemItem,
        ProblemList,
        Reform,
    )
    from sunlit.cockpit import panels, selectors
    from sunlit.cockpit.services import cockpit_check
    from sunlit.demo.activity import HOME_COUNTY, _recent_periods
    from sunlit.public.models import Disclosure
    from sunlit.regions.models import Region
    from sunlit.reports.models import Report, ReportRating, ReportReply

    state_field = Case._meta.get_field("state")
    allowed = sorted({(src, t.target) for t in state_field.get_all_transitions(Case)
                      for src in ([t.source] if isinstance(t.source, str) else t.source)})

    def key(case):
        if case.source_kind == "report":
            report = Report.objects.get(case=case)
            return f"report|{case.village_code}|{report.category}|{report.text}|{report.created_at:%Y-%m-%d}"
        return f"{case.source_kind}|{case.model_code}|{case.subject_type}|{case.subject_id}|{case.village_code}"

    chains = {}
    for case in Case.objects.order_by("pk"):
        events = list(CaseEvent.objects.filter(case=case).order_by("at", "pk"))
        chains[key(case)] = {
            "state": case.state, "conclusion": case.conclusion,
            "events": [[e.transition, e.from_state, e.to_state, e.actor_username] for e in events],
            "times_ascending": all(a.at <= b.at for a, b in zip(events, events[1:], strict=False)),
            "pk_order_is_time_order": [e.pk for e in events] == sorted(e.pk for e in events)}
    today = timezone.localdate()
    periods = [[c, p] for c, p, _d in _recent_periods(today)]
    villages = sorted(Region.objects.filter(level="village").values_list("code", flat=True))
    published = {v: sorted({f"{c}|{p}" for c, p in Disclosure.objects.filter(village_code=v)
                            .values_list("category", "period")}) for v in villages}
    reader = User.objects.get(username="inspector.county")
    county = Region.objects.get(code=HOME_COUNTY)
    f = selectors.cockpit_figures(user=reader, region=county)
    cockpit = {"overdue": f["cases"]["overdue"], "closed": f["cases"]["closed"], "open": f["cases"]["open"],
               "people": f["people"]["total"], "money_wan": f["money"]["wan"], "reports": f["reports"]["total"],
               "precision_models": len(f["precision"]),
               "problem_lists": panels.problem_lists(user=reader, region=county),
               "campaigns": panels.campaigns(user=reader, region=county),
               "reforms": panels.reforms(user=reader, region=county),
               "satisfaction": panels.satisfaction(user=reader, region=county)}
    out = {
        "allowed": allowed, "chains": chains, "periods": periods, "published": published,
        "disclosure_cases": sorted(Case.objects.filter(source_kind="disclosure").values_list("village_code", flat=True)),
        "disclosure_publishers": sorted(set(Disclosure.objects.values_list("published_by_username", flat=True))),
        "reports": Report.objects.count(), "replies": ReportReply.objects.count(),
        "ratings": sorted(ReportRating.objects.values_list("value", flat=True)),
        "dispositions": Disposition.objects.count(), "people": PersonHandled.objects.count(),
        "money": str(Disposition.objects.aggregate(s=Sum("money_recovered"))["s"]),
        "overdue": Case.objects.filter(state__in=OPEN_STATES, due_on__lt=today).count(),
        "problem_lists": list(ProblemList.objects.order_by("region_code").values_list("region_code", "period",
                                                                                     "item_count")),
        "problem_items": ProblemItem.objects.count(),
        "campaigns": list(Campaign.objects.values_list("region_code", "target_kind", "target")),
        "tasks": sorted(CampaignTask.objects.values_list("village_code", "state")),
        "task_events": CampaignTaskEvent.objects.count(),
        "reforms": sorted([r.level, r.problems.count(), r.cases.count()] for r in Reform.objects.all()),
        "cockpit": cockpit,
        "cockpit_differences": len(cockpit_check()),
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
