"""Cases for tests: an alert made without running a model, and its case opened by the service."""

from sunlit.cases.services import case_open_for_alert
from tests.supervision.alerts import alert_make


def case_make(village, *, severity="yellow", subject_id="P1", model_code="LAB-05", period="2026-06"):
    alert = alert_make(village, severity=severity, subject_id=subject_id, model_code=model_code, period=period)
    return case_open_for_alert(alert=alert)
