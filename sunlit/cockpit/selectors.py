"""Reads of the cockpit, every one through the scope selector: the figures of one region of the
reader's subtree (from the tallies, one indexed query), its subordinate regions side by side, the
risk ranking of its villages and townships, and today's high-frequency items (from the ledger, by
date). A village's own figures (tens of rows) are computed from its rows on request; every level
above reads tallies. Panels of the closed loop (problem lists, campaigns, reforms) and of citizen reports'
satisfaction come from their apps' selectors when those apps are installed (``EXTRA_PANELS``)."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Q, Sum
from django.utils import timezone

from sunlit.accounts.scope import get_in_scope, require, scope_prefix, scoped
from sunlit.cases.models import OPEN_STATES, State
from sunlit.errors import NotFound
from sunlit.regions import codes
from sunlit.regions.models import Region

from .models import Tally
from .services import live_rows

ACTION = "cockpit.view"
OPEN = [str(s) for s in OPEN_STATES]
COLOURS = ("red", "yellow", "blue")
RANK_LIMIT = 10


def current_days() -> int:
    """A village has current data when its newest ledger row is at most this many days old."""
    return int(getattr(settings, "SUNLIT_COCKPIT_CURRENT_DAYS", 90))


def _today():
    return timezone.localdate(timezone.now())


def _wan(fen: int) -> float:
    """Fen (分) → 万元, two decimals."""
    return float((Decimal(fen) / Decimal(1_000_000)).quantize(Decimal("0.01")))


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# ---- the region ----------------------------------------------------------------------------------

def cockpit_root(*, user) -> Region:
    """The region the reader's cockpit opens on: their scope (an unscoped administrator: the first province)."""
    scope = require(user, ACTION)
    if scope is not None:       # the reader's own region (loaded with the reader)
        return scope
    root = scoped(Region.objects.filter(level="province"), user=user).order_by("code").first()
    if root is None:
        raise NotFound("还没有区划数据 / no regions loaded yet")
    return root


def cockpit_region(*, user, code: str) -> Region:
    """One region of the reader's subtree (outside it: not found, like everywhere else)."""
    require(user, ACTION)
    if not codes.is_well_formed(code):      # a crafted code (a NUL byte fails on PostgreSQL) is not a region
        raise NotFound("未找到，或不在您的管辖范围内 / not found, or outside your scope")
    return get_in_scope(Region.objects.all(), user=user, pk=code)


def cockpit_breadcrumb(*, user, region: Region) -> list[Region]:
    prefix = scope_prefix(user) or ""
    chain = [c for c in _chain(region.code) if c.startswith(prefix)]
    found = {r.code: r for r in Region.objects.filter(code__in=chain)}
    return [found[c] for c in reversed(chain) if c in found]


def _chain(code):
    while code:
        yield code
        code = codes.parent_code_of(code)


# ---- figures from the tallies --------------------------------------------------------------------

def _figures_from(rows, today) -> dict:
    """Assemble one region's figures from its tally rows [(metric, key, month, value)]."""
    cutoff = (today - timedelta(days=current_days())).isoformat()
    today_iso = today.isoformat()
    sums: dict = defaultdict(int)
    by: dict = defaultdict(lambda: defaultdict(int))
    months: set[str] = set()
    for metric, key, month, value in rows:
        if not value:
            continue
        sums[metric] += value
        by[metric][key] += value
        if month:
            by[(metric, "month")][month] += value
            by[(metric, key, "month")][month] += value
            months.add(month)
    villages = sums["villages"]
    current = sum(v for k, v in by["data_on"].items() if k >= cutoff)
    state = by["state"]
    open_cases = sum(state.get(s, 0) for s in OPEN)
    overdue = sum(v for k, v in by["open_due"].items() if k < today_iso)
    month_list = sorted(months)
    verified, confirmed = by["verified"], by["confirmed"]
    return {
        "coverage": {"villages": villages, "current": current, "rate": _rate(current, villages),
                     "days": current_days()},
        "alerts": {
            "total": sums["alerts"],
            "by_colour": {c: by["alerts"].get(c, 0) for c in COLOURS},
            "by_domain": dict(sorted(by["alerts_domain"].items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_model": dict(sorted(by["alerts_model"].items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_month": {m: {c: by[("alerts", c, "month")].get(m, 0) for c in COLOURS}
                         for m in month_list if by[("alerts", "month")].get(m)},
        },
        "cases": {
            "opened": sums["cases"], "open": open_cases, "overdue": overdue,
            "closed": state.get(str(State.CLOSED), 0),
            "by_state": {s: v for s, v in sorted(state.items()) if v},
            "by_source": {k: v for k, v in sorted(by["cases"].items()) if v},
            "by_conclusion": {k: v for k, v in sorted(by["conclusion"].items()) if v},
            "opened_by_month": {m: by[("cases", "month")].get(m, 0) for m in month_list
                                if by[("cases", "month")].get(m) or by[("closed", "month")].get(m)},
            "closed_by_month": {m: by[("closed", "month")].get(m, 0) for m in month_list
                                if by[("cases", "month")].get(m) or by[("closed", "month")].get(m)},
        },
        "reports": {"total": by["cases"].get("report", 0), "closed": by["closed"].get("report", 0)},
        "people": {"total": sums["people"], "by_measure": {k: v for k, v in sorted(by["people"].items()) if v}},
        "money": {"fen": sums["money_fen"], "wan": _wan(sums["money_fen"]),
                  "by_month": {m: _wan(v) for m, v in sorted(by[("money_fen", "month")].items()) if v}},
        "precision": {m: {"verified": verified[m], "confirmed": confirmed.get(m, 0),
                          "precision": _rate(confirmed.get(m, 0), verified[m])}
                      for m in sorted(verified) if verified[m]},
        "risk": sums["risk"],
    }


def cache_seconds() -> int:
    """How long computed figures are reused (0: never; figures then reflect the last event exactly)."""
    return int(getattr(settings, "SUNLIT_COCKPIT_CACHE_SECONDS", 0))


def _cached(key: str, compute):
    seconds = cache_seconds()
    if seconds <= 0:
        return compute()
    key = f"cockpit:{key}:{_today().isoformat()}"
    found = caches["cockpit"].get(key)
    if found is None:
        found = compute()
        caches["cockpit"].set(key, found, seconds)
    return found


def cockpit_figures(*, user, region: Region) -> dict:
    """The headline figures of one region (already checked to be in the reader's scope)."""
    require(user, ACTION)
    return _cached(f"figures:{region.code}", lambda: _figures_of(region))


def _figures_of(region: Region) -> dict:
    rows = list(Tally.objects.filter(region_code=region.code).values_list("metric", "key", "month", "value"))
    if region.level == "village":       # a village tallies only its risk and coverage; the rest from its rows
        rows += live_rows(prefix=region.code).get(region.code, [])
    return _figures_from(rows, _today())


CHILD_METRICS = ("villages", "data_on", "alerts", "state", "open_due", "money_fen", "risk", "cases")


def _child_sums(today) -> dict:
    """The figures a subordinate region shows, as conditional sums over its tally rows."""
    cutoff = (today - timedelta(days=current_days())).isoformat()
    return {
        "villages": Q(metric="villages"), "current": Q(metric="data_on", key__gte=cutoff), "alerts": Q(metric="alerts"),
        "cases": Q(metric="cases"), "open": Q(metric="state", key__in=OPEN), "closed": Q(metric="state", key="closed"),
        "overdue": Q(metric="open_due", key__lt=today.isoformat()), "money_fen": Q(metric="money_fen"),
        "risk": Q(metric="risk"),
    }


def cockpit_children(*, user, region: Region) -> list[dict]:
    """The regions directly below, side by side (key figures each)."""
    require(user, ACTION)
    children = list(scoped(Region.objects.filter(parent_id=region.code), user=user).order_by("code"))
    # the region is in the reader's scope, so are all its children: the result depends on the region only
    return _cached(f"children:{region.code}", lambda: _children_of(region, children))


def _children_of(region: Region, children: list[Region]) -> list[dict]:
    today = _today()
    conditions = _child_sums(today)
    sums = {r["region_code"]: r for r in (
        Tally.objects.filter(region_code__in=[c.code for c in children], metric__in=CHILD_METRICS).order_by()
        .values("region_code").annotate(**{name: Sum("value", filter=q) for name, q in conditions.items()}))}
    if region.level == "township":      # its villages: from their own rows (see cockpit_figures)
        for code, live in live_rows(prefix=codes.prefix_of(region.code)).items():
            f = _figures_from(live, today)
            got = sums.setdefault(code, {})
            for name, value in (("alerts", f["alerts"]["total"]), ("cases", f["cases"]["opened"]),
                                ("open", f["cases"]["open"]), ("closed", f["cases"]["closed"]),
                                ("overdue", f["cases"]["overdue"]), ("money_fen", f["money"]["fen"])):
                got[name] = (got.get(name) or 0) + value
    out = []
    for child in children:
        got = {name: sums.get(child.code, {}).get(name) or 0 for name in conditions}
        out.append({"code": child.code, "name": child.name, "level": child.level,
                    "coverage": _rate(got["current"], got["villages"]), "villages": got["villages"],
                    "alerts": got["alerts"], "cases": got["cases"], "open": got["open"], "overdue": got["overdue"],
                    "closed": got["closed"], "money_wan": _wan(got["money_fen"]), "risk": got["risk"]})
    return out


def cockpit_ranking(*, user, region: Region, level: str, limit: int = RANK_LIMIT) -> list[dict]:
    """The villages (or townships) of the region with the highest risk score, highest first."""
    require(user, ACTION)
    if codes.LEVELS.index(level) <= codes.LEVELS.index(region.level):
        return []
    return _cached(f"ranking:{region.code}:{level}:{limit}", lambda: _ranking_of(region, level, limit))


def _ranking_of(region: Region, level: str, limit: int) -> list[dict]:
    prefix = codes.prefix_of(region.code)
    top = list(Tally.objects.filter(metric="risk", level=level, key="", month="", value__gt=0,
                                    **codes.subtree_range(prefix, "region_code"))
               .order_by("-value", "region_code").values_list("region_code", "value")[:limit])
    names = dict(Region.objects.filter(code__in=[c for c, _v in top]).values_list("code", "name"))
    return [{"rank": n, "code": c, "name": names.get(c, c), "risk": v} for n, (c, v) in enumerate(top, start=1)]


# ---- today's high-frequency items (from the ledger, by date) -------------------------------------

HIGH_FREQUENCY = (
    # (item, app, model, date column, amount column or None, domain)
    ("labour_dispatches", "labour", "LabourTask", "dispatch_date", None, "labour"),
    ("seal_uses", "seals", "SealUsage", "used_at", None, "seals"),
    ("labour_payments", "labour", "LabourPayment", "paid_date", "amount", "labour"),
    ("project_payments", "projects", "ProjectPayment", "pay_date", "amount", "projects"),
    ("purchases", "procurement", "Purchase", "purchase_date", "amount", "procurement"),
    ("relief_payments", "relief", "ReliefPayment", "paid_date", "amount", "relief"),
    ("rent_receipts", "assets", "RentReceipt", "receipt_date", "amount", "assets"),
)


def cockpit_high_frequency(*, user, region: Region) -> list[dict]:
    """Today's labour dispatches, seal uses and payments by domain in the region (count, amount in
    yuan). Read from the ledger tables by date."""
    require(user, ACTION)
    return _cached(f"today:{region.code}", lambda: _high_frequency_of(region))


def _high_frequency_of(region: Region) -> list[dict]:
    today = _today()
    start = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    out = []
    for item, app_label, model_name, column, amount, domain in HIGH_FREQUENCY:
        if not apps.is_installed(f"sunlit.{app_label}"):
            continue
        model = apps.get_model(app_label, model_name)
        if column == "used_at":
            when = {f"{column}__gte": start, f"{column}__lt": start + timedelta(days=1)}
        else:
            when = {column: today}
        qs = model.objects.order_by().filter(**when, **codes.subtree_range(codes.prefix_of(region.code)))
        agg = qs.aggregate(n=Count("pk"), **({"total": Sum(amount)} if amount else {}))
        out.append({"item": item, "domain": domain, "count": agg["n"],
                    "amount": None if not amount else float(agg["total"] or 0)})
    return out


# ---- panels of other apps ------------------------------------------------------------------------

# (panel, app that provides it, "module:function" called as fn(user=, region=) → dict)
EXTRA_PANELS: list[tuple[str, str, str]] = [
    ("problem_lists", "sunlit.closedloop", "sunlit.cockpit.panels:problem_lists"),
    ("campaigns", "sunlit.closedloop", "sunlit.cockpit.panels:campaigns"),
    ("reforms", "sunlit.closedloop", "sunlit.cockpit.panels:reforms"),
    ("satisfaction", "sunlit.reports", "sunlit.cockpit.panels:satisfaction"),
]


def cockpit_extra_panels(*, user, region: Region) -> dict:
    """The closed-loop and citizen-report panels, from their own selectors when installed; a panel
    whose app is not installed is reported as ``None`` (shown as not yet available)."""
    from importlib import import_module

    out = {}
    for panel, app, target in EXTRA_PANELS:
        if not apps.is_installed(app):
            out[panel] = None
            continue
        module, function = target.split(":")
        out[panel] = getattr(import_module(module), function)(user=user, region=region)
    return out
