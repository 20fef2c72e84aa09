"""The cockpit's panels of the closed loop (problem lists, campaigns, reforms) and of citizen
reports' satisfaction, read through those apps' own selectors (scope and role rules included) for
one region of the reader's subtree. These tables are small (lists per region and period, a few
campaigns, reform records, ratings), so they are read at request time rather than tallied."""

from django.db.models import Count

from sunlit.accounts.roles import can
from sunlit.accounts.scope import scoped
from sunlit.regions import codes

CAMPAIGNS_SHOWN = 10


def _in(region, field: str) -> dict:
    return codes.subtree_range(codes.prefix_of(region.code), field)


def problem_lists(*, user, region) -> dict | None:
    if not can(user.role, "problems.view"):
        return None
    from sunlit.closedloop.selectors import problem_list_figures

    f = problem_list_figures(user=user, region_code=region.code)
    return {"lists": f["lists"], "problems": f["problems"], "money_involved": float(f["money_involved"]),
            "money_recovered": float(f["money_recovered"])}


def campaigns(*, user, region) -> list[dict] | None:
    """Campaigns the reader sees that have tasks in the region, with their progress there."""
    if not can(user.role, "campaigns.view"):
        return None
    from sunlit.closedloop.selectors import campaign_figures, campaign_progress

    out = []
    for c in campaign_figures(user=user)[:CAMPAIGNS_SHOWN]:
        rows = campaign_progress(user=user, level=region.level, campaign_id=c["id"], region_code=region.code)
        here = next((r for r in rows if r["region_code"] == region.code), None)
        if here is None or not here["total"]:
            continue
        out.append({"id": c["id"], "title": c["title"], "starts_on": c["starts_on"].isoformat(),
                    "ends_on": c["ends_on"].isoformat() if c["ends_on"] else None,
                    "tasks": here["total"], "done": here["done"], "verified": here["verified"],
                    "progress": here["ratio"]})
    return out


def reforms(*, user, region) -> dict | None:
    """Reform records made in the region's subtree, by level (province; city and county)."""
    if not can(user.role, "reforms.view"):
        return None
    from sunlit.closedloop.selectors import reform_list

    counts = {"province": 0, "city": 0, "county": 0}
    for level, n in (reform_list(user=user).filter(**_in(region, "region_code")).order_by()
                     .values_list("level").annotate(n=Count("pk"))):
        counts[level] = counts.get(level, 0) + n
    latest = [{"title": r.title, "level": r.level, "region_name": r.region_name, "adopted_on": r.adopted_on.isoformat()}
              for r in reform_list(user=user).filter(**_in(region, "region_code"))[:5]]
    return {**counts, "total": sum(counts.values()), "latest": latest}


def satisfaction(*, user, region) -> dict:
    """Citizen reports submitted in the region and their reporters' ratings (every round)."""
    from sunlit.reports.models import Report, ReportRating, Satisfaction

    reports = scoped(Report.objects.all(), user=user).filter(**_in(region, "village_code"))
    ratings = dict(ReportRating.objects.filter(report__in=reports).order_by().values_list("value")
                   .annotate(n=Count("pk")))
    rated = sum(ratings.values())
    content = ratings.get(Satisfaction.SATISFIED, 0) + ratings.get(Satisfaction.BASICALLY, 0)
    return {"reports": reports.count(), "rated": rated,
            "by_value": {v: ratings.get(v, 0) for v in Satisfaction.values},
            "satisfaction": round(content / rated, 4) if rated else None}
