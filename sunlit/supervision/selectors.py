"""Reads of alerts, runs and the model list; alerts go through the scope selector."""

from django.db.models import QuerySet

from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.engine import load_catalogue
from sunlit.engine.params import bind_params

from .models import Alert, ModelRun, ModelSetting

ALERT_EXPORT_COLUMNS = ["model_code", "severity", "subject_type", "subject_id", "village_code", "period",
                        "amount_involved", "evidence", "state", "raised_at", "run_id"]


def alert_list(*, user, model_code: str | None = None, severity: str | None = None, region_code: str | None = None,
               period: str | None = None, state: str | None = None) -> QuerySet[Alert]:
    require(user, "alerts.view")
    qs = scoped(Alert.objects.all(), user=user)
    if model_code:
        qs = qs.filter(model_code=model_code)
    if severity:
        qs = qs.filter(severity=severity)
    if region_code:
        from sunlit.regions import codes

        if codes.is_well_formed(region_code):
            qs = qs.filter(village_code__startswith=codes.prefix_of(region_code))
        else:
            qs = qs.none()
    if period:
        qs = qs.filter(period__startswith=period)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-raised_at", "model_code", "subject_id")


def alert_get(*, user, alert_id: int) -> Alert:
    require(user, "alerts.view")
    return get_in_scope(Alert.objects.select_related("run"), user=user, pk=alert_id)


def alert_export_rows(alerts):
    import json

    for a in alerts.iterator(chunk_size=2000):
        yield [a.model_code, a.severity, a.subject_type, a.subject_id, a.village_code, a.period,
               None if a.amount_involved is None else str(a.amount_involved),
               json.dumps(a.evidence, ensure_ascii=False, sort_keys=True), a.state,
               a.raised_at.isoformat(), a.run_id]


def model_list(*, user) -> list[dict]:
    """The catalogue with each model's effective deployment-wide parameters and its precision
    (confirmed ÷ verified, from the cases in the user's scope; None until a case of it is verified)."""
    require(user, "models.view")
    from sunlit.cases.selectors import model_precision

    precision = model_precision(user=user)
    settings = {s.model_code: s for s in ModelSetting.objects.filter(region_code="")}
    out = []
    for spec in load_catalogue():
        setting = settings.get(spec.code)
        overrides = setting.params if setting else {}
        out.append({
            "code": spec.code, "title": {"zh": spec.title_zh, "en": spec.title_en}, "domain": spec.domain,
            "severity": spec.severity, "version": spec.version, "enabled": setting.enabled if setting else True,
            "parameters": {name: {"type": p.type, "default": p.default, "min": p.min, "max": p.max,
                                  "value": bind_params(spec, overrides)[name], "doc": p.doc}
                           for name, p in spec.params.items()},
            "reads": list(spec.reads),
            "precision": precision.get(spec.code, {}).get("precision"),
        })
    return out


def run_list(*, user, limit: int = 50) -> list[ModelRun]:
    require(user, "models.view")
    return list(ModelRun.objects.prefetch_related("steps")[:limit])
