"""Disposition: conclusion, money recovered, people and measures, rectification; suppression of
an unfounded subject for a stated period, honoured by ``alerts_raise``."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from sunlit.cases import services
from sunlit.cases.models import Case, Disposition, Suppression
from sunlit.cases.services import PersonMeasure
from sunlit.engine import load_catalogue
from sunlit.errors import InvalidInput
from sunlit.supervision.models import Alert, ModelRun
from sunlit.supervision.services import alerts_raise
from tests.cases.records import case_make


def _verified(users, world, conclusion, subject_id="P1"):
    case = case_make(world.village_a, subject_id=subject_id)
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    services.case_take(case_id=case.pk, actor=users.liaison)
    services.case_start_verification(case_id=case.pk, actor=users.liaison)
    services.case_verify(case_id=case.pk, actor=users.liaison, conclusion=conclusion, note="查实 / checked")
    return Case.objects.get(pk=case.pk)


def test_every_measure_is_recorded(users, world):
    case = _verified(users, world, "partly_confirmed")
    measures = ["reminder_talk", "criticism", "admonition_talk", "party_discipline", "government_sanction",
                "judicial_referral"]
    people = [PersonMeasure(f"干部{i}", m, "村委委员") for i, m in enumerate(measures)]
    done = services.case_dispose(case_id=case.pk, actor=users.liaison, money_recovered=Decimal("35000.10"),
                                 people=people, rectification="建立用工台账 / a labour register kept")
    d = Disposition.objects.get(case=done)
    assert d.money_recovered == Decimal("35000.10") and d.rectification.startswith("建立")
    assert list(d.people.values_list("measure", flat=True)) == measures
    assert done.conclusion == "partly_confirmed"


@pytest.mark.parametrize("kwargs,columns", [
    ({"money_recovered": "-1"}, ["money_recovered"]),
    ({"money_recovered": "abc"}, ["money_recovered"]),
    ({"people": [PersonMeasure("", "criticism"), PersonMeasure("李四", "shouting")]}, ["name", "measure"]),
    ({"suppress_until": date(2027, 1, 1), "suppress_reason": "误报"}, ["suppress_until"]),  # confirmed, not unfounded
])
def test_bad_dispositions_change_nothing(users, world, kwargs, columns):
    case = _verified(users, world, "confirmed")
    with pytest.raises(InvalidInput) as caught:
        services.case_dispose(case_id=case.pk, actor=users.liaison, **kwargs)
    assert [e.column for e in caught.value.errors] == columns
    assert Case.objects.get(pk=case.pk).state == "verified"
    assert not Disposition.objects.exists() and not Suppression.objects.exists()


def _raise(world, subject, period, model="LAB-05"):
    spec = load_catalogue(codes=[model])[0]
    run = ModelRun.objects.create(started_at=timezone.now(), engine="duckdb")
    row = {"subject_type": "labour_payment", "subject_id": subject, "village_code": world.village_a.code,
           "period": period, "amount_involved": Decimal("1"), "evidence": "{}", "score": None}
    return alerts_raise(run=run, spec=spec, rows=[row])


def test_an_unfounded_alert_suppresses_its_subject_for_a_while(users, world, clock):
    clock.set(2026, 6, 1)
    _raise(world, "W-9", "2026-05")
    case = Case.objects.get(subject_id="W-9")
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    services.case_take(case_id=case.pk, actor=users.liaison)
    services.case_start_verification(case_id=case.pk, actor=users.liaison)
    services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="unfounded")
    with pytest.raises(InvalidInput):     # a reason is required
        services.case_dispose(case_id=case.pk, actor=users.liaison, suppress_until=date(2026, 12, 31))
    with pytest.raises(InvalidInput):     # the end must be in the future
        services.case_dispose(case_id=case.pk, actor=users.liaison, suppress_until=date(2026, 5, 1),
                              suppress_reason="x")
    with pytest.raises(InvalidInput):     # an unfounded case records no money
        services.case_dispose(case_id=case.pk, actor=users.liaison, money_recovered="5")
    services.case_dispose(case_id=case.pk, actor=users.liaison, suppress_until=date(2026, 12, 31),
                          suppress_reason="该人员年龄登记错误，已更正户籍 / the age was mis-registered")
    assert Suppression.objects.get().until == date(2026, 12, 31)

    clock.set(2026, 7, 1)
    assert _raise(world, "W-9", "2026-06") == 1            # the alert is recorded …
    quiet = Alert.objects.get(subject_id="W-9", period="2026-06")
    assert quiet.state == "closed" and not Case.objects.filter(alert=quiet).exists()   # … but opens no case
    assert _raise(world, "W-9", "2026-06", model="LAB-01") == 1   # another model is not suppressed
    assert Case.objects.filter(subject_id="W-9", model_code="LAB-01").count() == 1
    assert _raise(world, "W-8", "2026-06") == 1                    # another subject is not suppressed
    assert Case.objects.filter(subject_id="W-8").count() == 1

    clock.set(2027, 1, 1)
    assert _raise(world, "W-9", "2026-12") == 1            # the period is over
    assert Case.objects.filter(subject_id="W-9", model_code="LAB-05").count() == 2
