"""Model runs over a lake: alerts raised once per fingerprint, closed alerts stay closed, a failed
run writes none, per-region parameters, and the command line."""

import json
from datetime import date
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from sunlit.engine import EngineError
from sunlit.errors import InvalidInput
from sunlit.identity import person_id_make
from sunlit.lake import Lake
from sunlit.supervision import services
from sunlit.supervision.models import Alert, ModelRun, ModelSetting

pytestmark = pytest.mark.django_db

PAYMENT = pa.schema([("payment_id", pa.string()), ("village_code", pa.string()), ("task_id", pa.string()),
                     ("person_id", pa.string()), ("name", pa.string()), ("days", pa.decimal128(7, 2)),
                     ("daily_rate", pa.decimal128(14, 2)), ("amount", pa.decimal128(14, 2)),
                     ("paid_date", pa.date32())])
CADRE = pa.schema([("village_code", pa.string()), ("person_id", pa.string()), ("name", pa.string()),
                   ("position", pa.string()), ("term_start", pa.date32()), ("term_end", pa.date32())])
OLD = person_id_make("33010219400101001")      # 86 in June 2026
SEVENTY_EIGHT = person_id_make("33010219480101002")
CADRE_ID = person_id_make("33010219700101003")


def _pay(pid, village, person, paid=date(2026, 6, 1)):
    return {"payment_id": pid, "village_code": village, "task_id": None, "person_id": person, "name": "李四",
            "days": Decimal("2.00"), "daily_rate": Decimal("150.00"), "amount": Decimal("300.00"), "paid_date": paid}


def _snapshot(lake: Lake, payments, cadres=()):
    with lake.stage() as folder:
        pq.write_table(pa.Table.from_pylist(list(payments), schema=PAYMENT), folder / "labour_payment.parquet")
        pq.write_table(pa.Table.from_pylist(list(cadres), schema=CADRE), folder / "cadre.parquet")
        return lake.publish(folder, dataset="ledger", manifest={})


@pytest.fixture
def lake(tmp_path, world):
    lake = Lake(tmp_path / "lake")
    _snapshot(lake, [
        _pay("A1", world.village_a.code, OLD),
        _pay("A2", world.village_a.code, SEVENTY_EIGHT),
        _pay("B1", world.village_b.code, SEVENTY_EIGHT),
        _pay("A3", world.village_a.code, CADRE_ID),
    ], [{"village_code": world.village_a.code, "person_id": CADRE_ID, "name": "王五", "position": "村委会主任",
         "term_start": date(2024, 1, 1), "term_end": None}])
    return lake


def _run(lake, **kw):
    return services.models_run(lake=lake, model_codes=["LAB-01", "LAB-05"], **kw)


def test_a_run_raises_alerts_and_records_itself(lake, users):
    run = _run(lake, actor=users.admin)
    assert run.status == ModelRun.Status.SUCCEEDED
    alerts = {(a.model_code, a.subject_id) for a in Alert.objects.all()}
    assert alerts == {("LAB-01", "A3"), ("LAB-05", "A1"), ("LAB-05", "A2"), ("LAB-05", "B1")}
    steps = {s.model_code: s for s in run.steps.all()}
    assert steps["LAB-05"].rows_read == 4 and steps["LAB-05"].rows_returned == 3
    assert steps["LAB-05"].params == [{"region": "", "params": {"age_limit": 75}}]
    assert run.inputs == {"ledger": lake.current("ledger").id}
    alert = Alert.objects.get(model_code="LAB-01")
    assert alert.run == run and alert.evidence["position"] == "村委会主任" and alert.severity == "red"


def test_running_twice_raises_nothing_new_and_closed_alerts_stay_closed(lake, users):
    _run(lake, actor=users.admin)
    Alert.objects.filter(subject_id="A1").update(state=Alert.State.CLOSED)
    second = _run(lake, actor=users.admin)
    assert second.alerts_new == 0 and Alert.objects.count() == 4
    assert Alert.objects.get(subject_id="A1").state == Alert.State.CLOSED
    assert Alert.objects.get(subject_id="A2").last_seen_run == second


def test_a_run_that_fails_part_way_writes_no_alerts(lake, users, monkeypatch):
    real = services.run_model

    def failing(spec, backend, **kw):
        if spec.code == "LAB-05":
            raise EngineError("LAB-05: simulated failure")
        return real(spec, backend, **kw)

    monkeypatch.setattr(services, "run_model", failing)
    with pytest.raises(EngineError):
        _run(lake, actor=users.admin)
    assert Alert.objects.count() == 0
    run = ModelRun.objects.get()
    assert run.status == ModelRun.Status.FAILED and "simulated failure" in run.error


def test_a_missing_dataset_fails_the_run_clearly(tmp_path, users):
    with pytest.raises(EngineError, match="no ledger dataset"):
        _run(Lake(tmp_path / "empty"), actor=users.admin)
    assert ModelRun.objects.get().status == ModelRun.Status.FAILED


def test_per_region_parameters(lake, users, world):
    services.model_setting_set(model_code="LAB-05", region_code=world.county_a.code, params={"age_limit": 80},
                               actor=users.admin)
    run = _run(lake, actor=users.admin)
    assert {a.subject_id for a in Alert.objects.filter(model_code="LAB-05")} == {"A1", "B1"}
    step = run.steps.get(model_code="LAB-05")
    assert {g["region"]: g["params"]["age_limit"] for g in step.params} == {"": 75, world.county_a.code: 80}


def test_settings_are_validated(users):
    with pytest.raises(InvalidInput, match="unknown parameters"):
        services.model_setting_set(model_code="LAB-05", params={"age": 80}, actor=users.admin)
    with pytest.raises(InvalidInput, match="at least 60"):
        services.model_setting_set(model_code="LAB-05", params={"age_limit": 20}, actor=users.admin)
    assert not ModelSetting.objects.exists()


def test_a_disabled_model_raises_nothing(lake, users):
    services.model_setting_set(model_code="LAB-05", params={}, enabled=False, actor=users.admin)
    _run(lake, actor=users.admin)
    assert not Alert.objects.filter(model_code="LAB-05").exists()


def test_region_limited_run(lake, users, world):
    _run(lake, actor=users.admin, region_code=world.county_b.code)
    assert {a.village_code for a in Alert.objects.all()} == {world.village_b.code}


def test_command_line(lake, users, settings, capsys, tmp_path):
    settings.LAKE_DIR = lake.root
    call_command("models", "run", "--models", "LAB-05", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["alerts_new"] == 3 and out["models"][0]["code"] == "LAB-05"
    call_command("models", "list", "--json")
    listed = json.loads(capsys.readouterr().out)
    lab05 = next(m for m in listed if m["code"] == "LAB-05")
    assert lab05["parameters"]["age_limit"]["value"] == 75 and lab05["precision"] is None
    target = tmp_path / "alerts.json"
    call_command("alerts", "export", "--format", "json", "--output", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported) == 3 and exported[0]["evidence"]["age"] >= 78
    call_command("alerts", "export", "--format", "xlsx", "--output", str(tmp_path / "alerts.xlsx"))
    assert (tmp_path / "alerts.xlsx").stat().st_size > 0


def test_scaffold(tmp_path):
    from sunlit.engine import load_model
    from sunlit.supervision.scaffold import model_scaffold

    created = model_scaffold(code="LAB-10", domain="labour", root=tmp_path)
    assert len(created) == 3 and all(p.exists() for p in created)
    spec = load_model(tmp_path / "catalogue" / "labour" / "LAB-10.sql")
    assert spec.reads == ("labour_payment",)
    with pytest.raises(EngineError, match="exists already"):
        model_scaffold(code="LAB-10", domain="labour", root=tmp_path)
