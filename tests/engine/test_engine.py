"""The engine on its own: model headers, parameters, dialect rendering, both backends."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sunlit.engine import EngineError, load_catalogue, load_model, run_model
from sunlit.engine.backends import DuckDBBackend, SparkBackend
from sunlit.engine.dialects import DIALECTS
from sunlit.engine.params import bind_params
from sunlit.identity import person_id_make

LAB05 = Path(load_catalogue(codes=["LAB-05"])[0].path)

PAYMENT = pa.schema([("payment_id", pa.string()), ("village_code", pa.string()), ("task_id", pa.string()),
                     ("person_id", pa.string()), ("name", pa.string()), ("days", pa.decimal128(7, 2)),
                     ("daily_rate", pa.decimal128(14, 2)), ("amount", pa.decimal128(14, 2)),
                     ("paid_date", pa.date32())])


def _payment(pid, person, paid, amount="300.00"):
    return {"payment_id": pid, "village_code": "330102001001", "task_id": None, "person_id": person,
            "name": "张三", "days": Decimal("2.00"), "daily_rate": Decimal("150.00"), "amount": Decimal(amount),
            "paid_date": paid}


@pytest.fixture
def payments(tmp_path):
    old = person_id_make("33010219400101001")    # 86 on 2026-06-01
    limit = person_id_make("33010219510601002")  # 75 on 2026-06-01: not over the limit
    young = person_id_make("33010219800101003")
    rows = [_payment("P1", old, date(2026, 6, 1)), _payment("P2", limit, date(2026, 6, 1)),
            _payment("P3", young, date(2026, 6, 1)), _payment("P4", limit, date(2026, 6, 2), "450.50")]
    path = tmp_path / "labour_payment.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=PAYMENT), path)
    return {"labour_payment": [path]}


def test_header_is_parsed():
    spec = load_model(LAB05)
    assert (spec.code, spec.domain, spec.severity) == ("LAB-05", "labour", "yellow")
    assert spec.params["age_limit"].default == 75 and spec.reads == ("labour_payment",)
    assert len(spec.version) == 12


def test_parameters_are_validated():
    spec = load_model(LAB05)
    assert bind_params(spec) == {"age_limit": 75}
    assert bind_params(spec, {"age_limit": "80"}) == {"age_limit": 80}
    with pytest.raises(EngineError, match="unknown parameters"):
        bind_params(spec, {"age_limt": 80})
    with pytest.raises(EngineError, match="at most 100"):
        bind_params(spec, {"age_limit": 120})
    with pytest.raises(EngineError, match="integer"):
        bind_params(spec, {"age_limit": "old"})


def test_parameters_become_literals_in_the_tree_not_text():
    spec = load_model(LAB05)
    sql = DIALECTS["duckdb"].render(spec.sql, {"age_limit": 80}, spec.code)
    assert ":age_limit" not in sql and "> 80" in sql
    with pytest.raises(EngineError, match="not a declared parameter"):
        DIALECTS["duckdb"].render("select 1 as x where 2 > :nope", {}, "X-01")


def test_a_bad_header_is_refused(tmp_path):
    folder = tmp_path / "labour"
    folder.mkdir()
    bad = folder / "LAB-99.sql"
    bad.write_text("-- ---\n-- code: LAB-99\n-- domain: labour\n-- ---\nselect 1\n", encoding="utf-8")
    with pytest.raises(EngineError, match="lacks"):
        load_model(bad)


def test_duckdb_run(payments):
    backend = DuckDBBackend(payments)
    result = run_model(load_model(LAB05), backend)
    assert [r["subject_id"] for r in result.rows] == ["P1"]
    row = result.rows[0]
    assert row["amount_involved"] == Decimal("300.00") and row["period"] == "2026-06"
    assert '"age": 86' in row["evidence"] and '"birth_date": "1940-01-01"' in row["evidence"]
    assert result.rows_read == 4
    lower = run_model(load_model(LAB05), backend, params={"age_limit": 74})
    assert {r["subject_id"] for r in lower.rows} == {"P1", "P2", "P4"}
    other_region = run_model(load_model(LAB05), backend, region_prefix="330106")
    assert other_region.rows == []


@pytest.mark.spark
def test_spark_returns_the_same_rows(payments):
    spec = load_model(LAB05)
    duck = run_model(spec, DuckDBBackend(payments), params={"age_limit": 74})
    spark_backend = SparkBackend(payments)
    try:
        spark = run_model(spec, spark_backend, params={"age_limit": 74})
    finally:
        spark_backend.close()
    assert spark.rows == duck.rows and len(spark.rows) == 3


def test_time_and_list_parameters():
    spec = load_catalogue(codes=["SEAL-03"])[0]
    assert bind_params(spec, {"work_start": "08:30"})["work_start"] == "08:30"
    with pytest.raises(EngineError, match="HH:MM"):
        bind_params(spec, {"work_start": "8:30"})
    holidays = bind_params(spec, {"holidays": [date(2027, 1, 1), "2027-02-06"]})["holidays"]
    assert holidays == ("2027-01-01", "2027-02-06")
