"""``sunlit lake snapshot``: every ledger table to Parquet, one immutable version per snapshot."""

import json
from datetime import date, datetime
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from sunlit.lake import Lake
from sunlit.lake.schemas import PARQUET_COMPRESSION, SCHEMAS
from sunlit.ledger import registry, snapshot
from sunlit.ledger.snapshot import ledger_snapshot

from .conftest import VILLAGE_A, VILLAGE_B
from .records import record_in


@pytest.fixture
def ledger_everywhere(world):
    for name in registry.TABLE_NAMES:
        record_in(name, VILLAGE_A)
    record_in("labour_payment", VILLAGE_B)


def test_every_table_is_written_with_its_manifest(ledger_everywhere, tmp_path):
    lake = Lake(tmp_path)
    result = ledger_snapshot(lake=lake)
    version = lake.current("ledger")
    assert version.id == result.version.id
    manifest = version.manifest
    assert manifest["snapshot_id"] == version.id and manifest["taken_at"]
    assert len(manifest["schema_hash"]) == 64
    assert {p.name for p in version.files()} == {f"{t}.parquet" for t in registry.TABLE_NAMES}
    for name in registry.TABLE_NAMES:
        table = pq.read_table(version.path / f"{name}.parquet")
        assert table.num_rows == manifest["rows"][name] == registry.table(name).model.objects.count()
        # The lake's canonical schema (what the models read) holds, column by column.
        for field in SCHEMAS[name]:
            assert table.schema.field(field.name).type == field.type, (name, field.name)
        # Compressed as every writer of the lake compresses it.
        chunks = pq.ParquetFile(version.path / f"{name}.parquet").metadata.row_group(0)
        assert {chunks.column(i).compression for i in range(chunks.num_columns)} == {PARQUET_COMPRESSION.upper()}
    assert manifest["rows"]["labour_payment"] == 2


def test_values_as_the_models_read_them(ledger_everywhere, tmp_path):
    version = ledger_snapshot(lake=Lake(tmp_path)).version
    usage = pq.read_table(version.path / "seal_usage.parquet").to_pylist()[0]
    assert usage["used_at"] == datetime(2024, 3, 1, 10, 30)        # Asia/Shanghai wall clock, as entered
    assert usage["approved_at"] == datetime(2024, 3, 1, 9, 0)
    pay = {r["payment_id"]: r for r in pq.read_table(version.path / "labour_payment.parquet").to_pylist()}
    mine = pay["LP-02001-1"]
    assert mine["amount"] == Decimal("450.00") and mine["paid_date"] == date(2024, 5, 10)
    project = pq.read_table(version.path / "project.parquet").to_pylist()[0]
    assert project["decision_ref"] is None and project["acceptance_date"] is None   # empty is NULL
    change = pq.read_table(version.path / "project_change.parquet").to_pylist()[0]
    assert change["amount_delta"] == Decimal("-5000.00") and change["village_code"] == VILLAGE_A


def test_snapshots_are_immutable_versions(ledger_everywhere, tmp_path):
    lake = Lake(tmp_path)
    first = ledger_snapshot(lake=lake).version
    before = {p.name: p.stat().st_mtime_ns for p in first.path.iterdir()}
    record_in("labour_payment", VILLAGE_A, n=2)
    second = ledger_snapshot(lake=lake).version
    assert [v.id for v in lake.versions("ledger")] == [first.id, second.id]
    assert second.manifest["rows"]["labour_payment"] == 3 and lake.version("ledger", first.id).manifest["rows"]["labour_payment"] == 2
    assert {p.name: p.stat().st_mtime_ns for p in first.path.iterdir()} == before
    assert first.manifest["schema_hash"] == second.manifest["schema_hash"]


def test_a_failed_snapshot_leaves_nothing_visible(ledger_everywhere, tmp_path, monkeypatch):
    lake = Lake(tmp_path)
    kept = ledger_snapshot(lake=lake).version
    real = snapshot.table_batches

    def failing(table):
        if table.name == "purchase":
            raise OSError("disk full")
        yield from real(table)

    monkeypatch.setattr(snapshot, "table_batches", failing)
    with pytest.raises(OSError):
        ledger_snapshot(lake=lake)
    assert [v.id for v in lake.versions("ledger")] == [kept.id]
    assert lake.current("ledger").id == kept.id
    staging = tmp_path / ".staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_the_command(ledger_everywhere, settings, tmp_path, capsys):
    settings.LAKE_DIR = tmp_path / "lake"
    call_command("lake", "snapshot", "--json")
    out = json.loads(capsys.readouterr().out)
    in_database = sum(registry.table(t).model.objects.count() for t in registry.TABLE_NAMES)
    assert out["rows"]["labour_payment"] == 2 and out["total_rows"] == in_database == 17
    assert Lake(settings.LAKE_DIR).current("ledger").id == out["snapshot_id"]
