"""Cases for tests: an alert made without running a model (a labour payment, or any subject), and its
case opened by the service."""

from django.utils import timezone

from sunlit.cases.services import case_open_for_alert
from sunlit.supervision.models import Alert, ModelRun
from tests.supervision.alerts import alert_make


def case_make(village, *, severity="yellow", subject_id="P1", model_code="LAB-05", period="2026-06"):
    alert = alert_make(village, severity=severity, subject_id=subject_id, model_code=model_code, period=period)
    return case_open_for_alert(alert=alert)


def alert_case(village_code, *, subject_type, subject_id, model_code="LAB-05", period="2026-06",
               severity="yellow"):
    """The case of an alert on any subject (the shared helper makes labour-payment subjects only)."""
    run = ModelRun.objects.create(started_at=timezone.now(), engine="duckdb", status=ModelRun.Status.SUCCEEDED)
    alert = Alert.objects.create(
        fingerprint=Alert.fingerprint_of(model_code, subject_type, subject_id, period), model_code=model_code,
        model_version="test", severity=severity, domain="labour", subject_type=subject_type, subject_id=subject_id,
        village_code=village_code, period=period, amount_involved="450.00", evidence={"age": 86}, score=0.6,
        state="open", run=run, last_seen_run=run, raised_at=timezone.now())
    return case_open_for_alert(alert=alert)
