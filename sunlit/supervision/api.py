from datetime import datetime
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from . import selectors

router = Router(tags=["alerts"])


class AlertOut(Schema):
    id: int
    model_code: str
    severity: str
    domain: str
    subject_type: str
    subject_id: str
    village_code: str
    period: str
    amount_involved: Decimal | None
    evidence: dict
    score: float | None
    state: str
    raised_at: datetime
    run_id: int


@router.get("", response=list[AlertOut], url_name="alert_list")
@paginate(PageNumberPagination, page_size=100)
def alert_list(request, model: str | None = None, colour: str | None = None, region: str | None = None,
               period: str | None = None, state: str | None = None):
    return selectors.alert_list(user=request.auth, model_code=model, severity=colour, region_code=region,
                                period=period, state=state)


@router.get("/{alert_id}", response=AlertOut, url_name="alert_get")
def alert_get(request, alert_id: int):
    return selectors.alert_get(user=request.auth, alert_id=alert_id)
