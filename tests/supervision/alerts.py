"""Alerts for tests, made without running a model."""

from django.utils import timezone

from sunlit.supervision.models import Alert, ModelRun


def alert_make(village, *, model_code="LAB-05", subject_id="P1", period="2026-06", severity="yellow", state="open"):
    """The alert for this village, model, subject and period (made once, like the real service)."""
    fingerprint = Alert.fingerprint_of(model_code, "labour_payment", f"{subject_id}-{village.code}", period)
    existing = Alert.objects.filter(fingerprint=fingerprint).first()
    if existing:
        return existing
    run = ModelRun.objects.create(started_at=timezone.now(), engine="duckdb", status=ModelRun.Status.SUCCEEDED)
    return Alert.objects.create(
        fingerprint=fingerprint,
        model_code=model_code, model_version="test", severity=severity, domain="labour",
        subject_type="labour_payment", subject_id=f"{subject_id}-{village.code}", village_code=village.code,
        period=period, amount_involved="300.00", evidence={"age": 86}, score=0.6, state=state, run=run,
        last_seen_run=run, raised_at=timezone.now())
