from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunlit import tabular
from sunlit.accounts.scope import require
from sunlit.audit.services import audit_record

from . import selectors
from .models import Alert

FILTERS = ("model", "colour", "region", "period", "state")


def _filtered(request):
    q = request.GET
    return selectors.alert_list(user=request.user, model_code=q.get("model") or None,
                                severity=q.get("colour") or None, region_code=q.get("region") or None,
                                period=q.get("period") or None, state=q.get("state") or None)


@login_required
def alert_list(request):
    alerts = _filtered(request)
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={request.GET[k]}" for k in FILTERS if request.GET.get(k))
    return render(request, "supervision/alert_list.html", {
        "page": page, "query": query, "filters": {k: request.GET.get(k, "") for k in FILTERS},
        "states": Alert.State.choices, "models": sorted({m["code"] for m in selectors.model_list(user=request.user)})
        if _can_view_models(request.user) else [],
    })


def _can_view_models(user) -> bool:
    from sunlit.accounts.roles import can

    return can(user.role, "models.view")


@login_required
def alert_export(request):
    require(request.user, "alerts.export")
    rows = list(selectors.alert_export_rows(_filtered(request)))
    audit_record(kind="export", actor=request.user, request=request, object_type="alert",
                 detail={"format": "xlsx", "rows": len(rows)})
    response = HttpResponse(tabular.write_xlsx(selectors.ALERT_EXPORT_COLUMNS, rows, title="alert"),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="alerts-{timezone.localtime():%Y%m%d}.xlsx"'
    return response


@login_required
def alert_detail(request, alert_id):
    alert = selectors.alert_get(user=request.user, alert_id=alert_id)
    return render(request, "supervision/alert_detail.html", {"alert": alert})


@login_required
def model_list(request):
    return render(request, "supervision/model_list.html", {
        "models": selectors.model_list(user=request.user), "runs": selectors.run_list(user=request.user, limit=10),
    })
