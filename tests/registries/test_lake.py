"""The lake's catalogue: `sunlit lake status`, the readers declared for each dataset, sweeping
staging leftovers, and the catalogue and upload pages."""

import io
import json
import os

import pytest
from django.core.management import call_command

from sunlit.lake.readers import declare_reads, declared_readers, forget_reads
from sunlit.registries import examples
from sunlit.registries.services import registry_load
from sunlit.registries.specs import REGISTRIES

from .files import rows_of, write_file


def _status():
    out = io.StringIO()
    call_command("lake", "status", "--json", stdout=out)
    return {d["dataset"]: d for d in json.loads(out.getvalue())["datasets"]}, json.loads(out.getvalue())


def _seed(table, user, tmp_path, name=None):
    path = tmp_path / (name or f"{table}.csv")
    path.write_bytes(examples.example_csv(table))
    return registry_load(table=table, path=path, source_name=path.name, actor=user)


def test_status_lists_every_registry_with_versions_freshness_rows_and_readers(users, tmp_path):
    first = _seed("death", users.steward, tmp_path)
    second = _seed("death", users.steward, tmp_path, name="death-2.csv")
    declare_reads("TEST-DEATH", ["registry/death", "ledger"])
    try:
        datasets, status = _status()
    finally:
        forget_reads("TEST-DEATH")
    assert {f"registry/{t}" for t in REGISTRIES} <= set(datasets)
    death = datasets["registry/death"]
    assert death["current"] == second.id and death["rows"] == 1
    assert [v["version"] for v in death["versions"]] == [second.id, first.id]       # newest first
    assert death["versions"][0]["source_name"] == "death-2.csv" and death["versions"][1]["loaded_by"] == "steward"
    assert death["freshness"]["age_days"] == 0 and death["freshness"]["stale"] is False
    assert death["freshness"]["refresh_days"] == REGISTRIES["death"].refresh_days
    assert "TEST-DEATH" in death["read_by"] and "TEST-DEATH" in datasets["ledger"]["read_by"]
    assert datasets["registry/vehicle"]["current"] is None and datasets["registry/vehicle"]["versions"] == []
    assert "TEST-DEATH" in status["readers"]


def test_readers_come_from_the_model_catalogue(users):
    from sunlit.engine.spec import load_catalogue
    from sunlit.engine.tables import dataset_of

    readers, failed = declared_readers()
    assert failed == {}
    expected = {m.code: sorted({dataset_of(t) for t in m.reads}) for m in load_catalogue()}
    assert {code: readers[code] for code in expected} == expected


def test_status_text_says_when_no_version_is_loaded(users, tmp_path):
    _seed("kinship", users.admin, tmp_path)
    out = io.StringIO()
    call_command("lake", "status", stdout=out)
    text = out.getvalue()
    assert "registry/kinship" in text and "2 rows" in text
    assert "registry/vehicle" in text and "no version loaded" in text


def test_sweep_removes_staging_leftovers_only(users, lake, tmp_path):
    version = _seed("death", users.steward, tmp_path)
    leftover = lake.root / ".staging" / "deadbeef"
    (leftover / "_work").mkdir(parents=True)
    (leftover / "data.parquet").write_bytes(b"PAR1 half")
    os.utime(leftover, (0, 0))
    out = io.StringIO()
    call_command("lake", "sweep", stdout=out)
    assert "removed 1" in out.getvalue() and not leftover.exists()
    assert lake.current("registry/death").id == version.id


def test_catalogue_page_shows_versions_and_provenance(users, client_for, tmp_path):
    version = _seed("household", users.steward, tmp_path)
    body = client_for(users.inspector_a).get("/registries/").content.decode()
    assert "registry/household" in body and version.id in body and "household.csv" in body
    assert version.manifest["source"]["sha256"][:10] in body
    assert 'href="/registries/load/"' not in body                     # inspectors do not load


def test_upload_page_loads_a_good_file(users, client_for, lake, tmp_path):
    path = write_file(tmp_path, "vehicle", rows_of("vehicle"), fmt="xlsx")
    with open(path, "rb") as fh:
        response = client_for(users.steward).post("/registries/load/", {"table": "vehicle", "valid_from": "2024-05-01",
                                                                         "file": fh})
    assert response.status_code == 200
    current = lake.current("registry/vehicle")
    assert current.id in response.content.decode() and current.manifest["valid_from"] == "2024-05-01"
    assert current.manifest["source"]["name"] == "vehicle.xlsx"
    assert not any((tmp_path / "uploads" / "registries").iterdir())      # the upload copy is removed


def test_upload_page_reports_broken_rules_with_masked_ids(users, client_for, lake, tmp_path):
    rows = rows_of("death")
    son = examples.SON
    bad = son[:-1] + ("9" if son[-1] != "9" else "8")
    rows[0][0] = bad
    path = write_file(tmp_path, "death", rows)
    with open(path, "rb") as fh:
        response = client_for(users.steward).post("/registries/load/", {"table": "death", "file": fh})
    assert response.status_code == 422
    body = response.content.decode()
    assert "person_id" in body and "2:" in body and bad not in body
    assert lake.versions("registry/death") == []


@pytest.mark.parametrize("who", ["inspector_a", "clerk"])
def test_upload_is_refused_to_other_roles(who, users, client_for, lake, tmp_path):
    path = write_file(tmp_path, "death", rows_of("death"))
    with open(path, "rb") as fh:
        response = client_for(getattr(users, who)).post("/registries/load/", {"table": "death", "file": fh})
    assert response.status_code == 403 and lake.versions("registry/death") == []
