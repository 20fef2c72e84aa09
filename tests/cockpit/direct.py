"""The cockpit's figures counted straight from the rows (no tallies), for comparison."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Max, Sum
from django.utils import timezone

from sunlit.cases.models import OPEN_STATES, Case, Disposition, PersonHandled
from sunlit.cases.selectors import model_precision
from sunlit.cockpit.services import ACTIVITY_TABLES
from sunlit.regions import codes
from sunlit.regions.models import Region
from sunlit.supervision.models import Alert


def _month(dt):
    return timezone.localtime(dt).strftime("%Y-%m")


def figures(code: str) -> dict:
    prefix = codes.prefix_of(code)
    today = timezone.localdate()
    alerts = list(Alert.objects.filter(village_code__startswith=prefix))
    cases = Case.objects.filter(village_code__startswith=prefix)
    villages = set(Region.objects.filter(level="village", code__startswith=prefix).values_list("code", flat=True))
    cutoff = today - timedelta(days=90)
    current = set()
    for app_label, model_name in ACTIVITY_TABLES:      # the tables that count (the definition), read directly
        model = apps.get_model(app_label, model_name)
        for v, last in model.objects.filter(village_code__in=villages).values_list("village_code") \
                .annotate(last=Max(model.date_column)):
            if (timezone.localtime(last).date() if hasattr(last, "hour") else last) >= cutoff:
                current.add(v)
    money = Disposition.objects.filter(case__village_code__startswith=prefix).aggregate(s=Sum("money_recovered"))["s"]
    months = Counter()
    for a in alerts:
        months[(_month(a.raised_at), a.severity)] += 1
    return {
        "villages": len(villages), "current": len(current),
        "alerts": len(alerts),
        "by_colour": {c: sum(1 for a in alerts if a.severity == c) for c in ("red", "yellow", "blue")},
        "by_domain": dict(Counter(a.domain for a in alerts)),
        "by_model": dict(Counter(a.model_code for a in alerts)),
        "by_month": {m: {c: months[(m, c)] for c in ("red", "yellow", "blue")} for m in sorted({k[0] for k in months})},
        "opened": cases.count(),
        "open": cases.filter(state__in=OPEN_STATES).count(),
        "overdue": cases.filter(state__in=OPEN_STATES, due_on__lt=today).count(),
        "closed": cases.filter(state="closed").count(),
        "by_state": dict(cases.values_list("state").annotate(n=Count("pk")).order_by()),
        "reports": cases.filter(source_kind="report").count(),
        "people": dict(PersonHandled.objects.filter(disposition__case__village_code__startswith=prefix)
                       .values_list("measure").annotate(n=Count("pk")).order_by()),
        "money_wan": float((Decimal(money or 0) / 10000).quantize(Decimal("0.01"))),
        "precision": {m: p for (m, region), p in model_precision(level=codes.level_of(code)).items() if region == code},
    }


def risk(code: str) -> int:
    """The risk score by its definition (docs/cockpit.md), from the cases."""
    total = 0
    for c in Case.objects.filter(village_code__startswith=codes.prefix_of(code)):
        if c.conclusion == "unfounded":
            continue
        total += {"red": 3, "yellow": 2, "blue": 1}.get(c.severity, 1) if c.source_kind == "alert" else 1
        total += 2 if c.conclusion in ("confirmed", "partly_confirmed") else 0
    return total
