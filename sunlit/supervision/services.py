"""Running the models and turning their rows into alerts."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sunlit.audit.services import audit_record
from sunlit.cases.services import cases_open_for_alerts
from sunlit.cockpit.services import cockpit_after_model_run, cockpit_alerts_raised
from sunlit.engine import EngineError, ModelResult, ModelSpec, load_catalogue, run_model
from sunlit.engine.backends import BACKENDS
from sunlit.engine.tables import resolve
from sunlit.errors import InvalidInput
from sunlit.lake import Lake
from sunlit.regions import codes

from .models import Alert, ModelRun, ModelRunStep, ModelSetting
from .settings_resolution import param_groups

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class StepResult:
    spec: ModelSpec
    results: list[tuple[str, ModelResult]]  # (region code of the parameter group, result)


def _actor_name(actor) -> str:
    return actor.get_username() if actor is not None else ""


def _engine_options(engine: str) -> dict:
    if engine == "duckdb":
        return {"memory_limit": settings.SUNLIT_MODELS_MEMORY_LIMIT, "temp_directory": settings.SUNLIT_MODELS_SPILL_DIR}
    return {}


def models_run(*, engine: str = "duckdb", region_code: str | None = None, model_codes: list[str] | None = None,
               actor=None, lake: Lake | None = None, progress: Progress | None = None) -> ModelRun:
    """Run the catalogue (or some models) over the newest lake versions and raise alerts. The run
    is recorded whatever happens; alerts are written only if every model succeeded, in one
    transaction."""
    if engine not in BACKENDS:
        raise InvalidInput(f"未知的引擎 {engine} / unknown engine {engine}: use duckdb or spark")
    if region_code and not codes.is_well_formed(region_code):
        raise InvalidInput("区划代码必须是12位数字 / the region code must be 12 digits")
    try:
        specs = load_catalogue(codes=model_codes)
    except EngineError as exc:
        raise InvalidInput(str(exc)) from None
    lake = lake or Lake(settings.LAKE_DIR)
    run = ModelRun.objects.create(started_at=timezone.now(), engine=engine, region_code=region_code or "",
                                  started_by=_actor_name(actor))
    backend = None
    try:
        files, versions = resolve(lake, {t for s in specs for t in s.reads})
        ModelRun.objects.filter(pk=run.pk).update(inputs=versions)
        backend = BACKENDS[engine](files, **_engine_options(engine))
        steps = []
        for index, spec in enumerate(specs, start=1):
            if progress:
                progress(index - 1, len(specs), spec.code)
            results = [(g.region_code, run_model(spec, backend, params=g.params, region_prefix=g.include_prefix,
                                                 exclude_prefixes=g.exclude_prefixes))
                       for g in param_groups(spec.code, run_region=region_code)]
            steps.append(StepResult(spec, results))
        if progress:
            progress(len(specs), len(specs), "")
        _record(run, steps, actor)
    except Exception as exc:
        ModelRun.objects.filter(pk=run.pk).update(status=ModelRun.Status.FAILED, finished_at=timezone.now(),
                                                  error=str(exc)[:2000])
        run.refresh_from_db()
        raise
    finally:
        if backend is not None:
            backend.close()
    run.refresh_from_db()
    return run


@transaction.atomic
def _record(run: ModelRun, steps: list[StepResult], actor) -> None:
    total_new = 0
    for step in steps:
        new = alerts_raise(run=run, spec=step.spec, rows=[r for _region, res in step.results for r in res.rows])
        total_new += new
        ModelRunStep.objects.create(
            run=run, model_code=step.spec.code, model_version=step.spec.version,
            params=[{"region": region, "params": res.params} for region, res in step.results],
            rows_read=max((res.rows_read for _region, res in step.results), default=0),
            rows_returned=sum(len(res.rows) for _region, res in step.results),
            seconds=sum(res.seconds for _region, res in step.results), alerts_new=new)
    ModelRun.objects.filter(pk=run.pk).update(status=ModelRun.Status.SUCCEEDED, finished_at=timezone.now(),
                                              alerts_new=total_new)
    cockpit_after_model_run(run=run)  # the cockpit's village coverage, in this transaction
    audit_record(kind="model_run", actor=actor, object_type="model_run", object_id=str(run.pk),
                 actor_username="" if actor else "system",
                 detail={"engine": run.engine, "models": len(steps), "alerts_new": total_new})


@transaction.atomic
def alerts_raise(*, run: ModelRun, spec: ModelSpec, rows: list[dict]) -> int:
    """Idempotent: an alert per fingerprint (model + subject + period). Existing open alerts are
    marked as seen again by this run; closed ones are left closed. Returns how many are new. One
    transaction: the alerts, their cases and the cockpit's tallies are written together or not at all."""
    by_print = {}
    for row in rows:
        fp = Alert.fingerprint_of(spec.code, row["subject_type"], row["subject_id"], row["period"])
        by_print[fp] = row
    existing: set[str] = set()
    prints = list(by_print)
    for i in range(0, len(prints), 1000):
        existing |= set(Alert.objects.filter(fingerprint__in=prints[i:i + 1000]).values_list("fingerprint", flat=True))
    now = timezone.now()
    fresh = [
        Alert(fingerprint=fp, model_code=spec.code, model_version=spec.version, severity=spec.severity,
              domain=spec.domain, subject_type=row["subject_type"], subject_id=row["subject_id"],
              village_code=row["village_code"], period=row["period"], amount_involved=row["amount_involved"],
              evidence=json.loads(row["evidence"]), score=row["score"], run=run, last_seen_run=run, raised_at=now)
        for fp, row in by_print.items() if fp not in existing
    ]
    Alert.objects.bulk_create(fresh, batch_size=1000)
    cockpit_alerts_raised(alerts=fresh)  # the cockpit's tallies, in this transaction
    cases_open_for_alerts(alerts=fresh)  # one case per new alert, in this transaction
    seen = [fp for fp in prints if fp in existing]
    for i in range(0, len(seen), 1000):
        Alert.objects.filter(fingerprint__in=seen[i:i + 1000], state=Alert.State.OPEN).update(last_seen_run=run)
    return len(fresh)


@transaction.atomic
def model_setting_set(*, model_code: str, region_code: str = "", params: dict, enabled: bool = True,
                      actor) -> ModelSetting:
    """Store parameter overrides after checking them against the model's declared parameters."""
    from sunlit.accounts.scope import require
    from sunlit.engine.params import bind_params

    require(actor, "models.configure")
    try:
        spec = load_catalogue(codes=[model_code])[0]
        bind_params(spec, params)
    except EngineError as exc:
        raise InvalidInput(str(exc)) from None
    if region_code and not codes.is_well_formed(region_code):
        raise InvalidInput("区划代码必须是12位数字 / the region code must be 12 digits")
    setting, _created = ModelSetting.objects.update_or_create(
        model_code=model_code, region_code=region_code, defaults={"params": params, "enabled": enabled})
    audit_record(kind="model_setting", actor=actor, object_type="model_setting", object_id=str(setting.pk),
                 detail={"model": model_code, "region": region_code, "params": params, "enabled": enabled})
    return setting
