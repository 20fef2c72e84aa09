"""Loading registry files: every rule refuses the whole file with a clear, masked report and leaves
the current version current; a good file becomes a new immutable version with its provenance."""

import hashlib
import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from sunlit.audit.models import AuditEvent
from sunlit.errors import AccessDenied
from sunlit.lake.schemas import SCHEMAS
from sunlit.registries import examples
from sunlit.registries.reading import registry_attach
from sunlit.registries.services import registry_load
from sunlit.registries.specs import REGISTRIES
from sunlit.registries.validation import LoadRejected

from .files import rows_of, write_file

DOCS_EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "data-exchange"


def _load(table, path, user, **kw):
    return registry_load(table=table, path=path, source_name=path.name, actor=user, **kw)


def _all_ids(table, rows):
    spec = REGISTRIES[table]
    positions = [spec.column_names.index(c) for c in spec.person_id_columns + spec.org_id_columns]
    return {r[i] for r in rows for i in positions if r[i]}


@pytest.mark.parametrize("table", sorted(REGISTRIES))
def test_every_example_file_loads_with_its_provenance(table, users, lake, tmp_path):
    path = tmp_path / f"{table}.csv"
    path.write_bytes(examples.example_csv(table))
    version = _load(table, path, users.steward, valid_from=date(2024, 6, 30))
    m = version.manifest
    assert version.dataset == f"registry/{table}" and lake.current(version.dataset).id == version.id
    assert m["rows"] == {"read": len(examples.EXAMPLES[table]), "written": len(examples.EXAMPLES[table])}
    assert m["loaded_by"] == {"username": "steward", "role": "data_steward", "scope": "330102000000"}
    assert m["source"]["name"] == f"{table}.csv"
    assert m["source"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert m["valid_from"] == "2024-06-30" and m["loaded_at"]
    assert [p.name for p in version.files()] == m["files"] and m["files"][0] == "data_0.parquet"
    event = AuditEvent.objects.get(kind="import", object_type=f"registry/{table}")
    assert event.object_id == version.id
    assert not any(i in event.detail for i in _all_ids(table, examples.EXAMPLES[table]))


@pytest.mark.parametrize("table", sorted(REGISTRIES))
def test_loaded_files_have_the_lakes_canonical_schema(table, users, tmp_path):
    path = tmp_path / f"{table}.csv"
    path.write_bytes(examples.example_csv(table))
    version = _load(table, path, users.steward)
    assert pq.read_schema(version.files()[0]).remove_metadata() == SCHEMAS[table]
    for column in REGISTRIES[table].columns:
        if column.kind == "decimal":
            assert SCHEMAS[table].field(column.name).type.scale == column.scale


def test_the_documented_example_files_are_the_generated_ones():
    for table in REGISTRIES:
        committed = DOCS_EXAMPLES / f"{table}.csv"
        assert committed.read_bytes() == examples.example_csv(table), f"regenerate {committed}"


def test_the_exchange_document_lists_every_registry_column():
    text = (DOCS_EXAMPLES.parent / "data-exchange.md").read_text(encoding="utf-8")
    for spec in REGISTRIES.values():
        section = text.split(f"### `{spec.name}`", 1)[1].split("\n### ", 1)[0]
        for column in spec.columns:
            row = next(line for line in section.splitlines() if line.startswith(f"| `{column.name}` |"))
            assert ("| no |" in row) == column.required, row
            for value in column.values:
                assert f"`{value}`" in row


def test_the_examples_command_writes_a_file_per_registry(tmp_path):
    call_command("registries", "examples", str(tmp_path), stdout=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in REGISTRIES)


def test_loaded_rows_are_normalised_and_typed(users, lake, tmp_path):
    path = tmp_path / "household.csv"
    path.write_bytes(examples.example_csv("household"))
    version = _load("household", path, users.steward)
    con = duckdb.connect()
    registry_attach(con, lake, "household")
    ids = {r[0] for r in con.execute("SELECT person_id FROM household").fetchall()}
    assert examples.FATHER_LEGACY not in ids and "330102193506092714" in ids      # 15 → 18 digits
    assert con.execute("SELECT typeof(birth_date) FROM household LIMIT 1").fetchone()[0] == "DATE"
    kin = tmp_path / "kinship.csv"
    kin.write_bytes(examples.example_csv("kinship"))
    _load("kinship", kin, users.steward)
    registry_attach(con, lake, "kinship")
    relatives = {r[0] for r in con.execute("SELECT relative_person_id FROM kinship").fetchall()}
    assert examples.SPOUSE in relatives                                             # lower-case x → X
    assert version.manifest["rows"]["written"] == 4


def _reject(table, rows, users, tmp_path, **kw):
    path = write_file(tmp_path, table, rows, **kw)
    with pytest.raises(LoadRejected) as caught:
        _load(table, path, users.steward)
    return caught.value


def _assert_nothing_changed(lake, dataset, before):
    assert [v.id for v in lake.versions(dataset)] == before
    staging = lake.root / ".staging"
    assert not staging.exists() or not any(staging.iterdir())


def _seed(table, users, tmp_path):
    path = tmp_path / f"seed-{table}.csv"
    path.write_bytes(examples.example_csv(table))
    return _load(table, path, users.steward)


def test_a_bad_check_digit_rejects_the_load_and_keeps_the_previous_version(users, lake, tmp_path):
    previous = _seed("household", users, tmp_path)
    rows = rows_of("household") * 3
    good = rows[1][1]
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows[1] = [rows[1][0], bad, *rows[1][2:]]
    rows[6] = [rows[6][0], bad, *rows[6][2:]]
    error = _reject("household", rows, users, tmp_path)
    assert [(f.rule.code, f.count) for f in error.failures] == [("person_id.check_digit", 2)]
    assert "person_id.check_digit: 2" in error.message and "nothing was loaded" in error.message
    assert [(e.row, e.column) for e in error.failures[0].sample] == [(3, "person_id"), (8, "person_id")]
    assert error.failures[0].sample[0].value == bad[:6] + "****" + bad[-2:]
    shown = error.message + repr(error.errors)
    assert bad not in shown and good not in shown
    assert lake.current("registry/household").id == previous.id
    _assert_nothing_changed(lake, "registry/household", [previous.id])
    rejected = AuditEvent.objects.get(kind="import_rejected")
    assert json.loads(rejected.detail)["rules"] == {"person_id.check_digit": 2}


def test_a_missing_column_rejects_the_load_and_keeps_the_previous_version(users, lake, tmp_path):
    previous = _seed("enterprise", users, tmp_path)
    header = [c for c in REGISTRIES["enterprise"].column_names if c != "status"]
    rows = [[v for i, v in enumerate(r) if i != 2] for r in rows_of("enterprise")]
    error = _reject("enterprise", rows, users, tmp_path, header=header)
    assert "missing required columns: status" in error.message
    assert [(e.row, e.column) for e in error.errors] == [(1, "status")]
    _assert_nothing_changed(lake, "registry/enterprise", [previous.id])


def test_an_unknown_enumeration_value_rejects_the_load_and_keeps_the_previous_version(users, lake, tmp_path):
    previous = _seed("enterprise_person", users, tmp_path)
    rows = rows_of("enterprise_person")
    rows[2][2] = "chairman"
    error = _reject("enterprise_person", rows, users, tmp_path, fmt="parquet")
    assert [(f.rule.code, f.count) for f in error.failures] == [("role.enum", 1)]
    assert "role must be one of legal_rep, shareholder, director, supervisor, manager" in error.failures[0].rule.message
    assert [(e.row, e.value) for e in error.failures[0].sample] == [(3, "chairman")]      # Parquet record number
    _assert_nothing_changed(lake, "registry/enterprise_person", [previous.id])


def test_every_broken_rule_is_counted_with_a_sample(users, lake, tmp_path):
    rows = [list(r) for r in rows_of("social_insurance") * 4]   # 12 rows, data rows 2..13 in the sheet
    rows[0][2] = "2024-13"                                     # period
    rows[1][3] = "6500.005"                                    # more than two decimals
    rows[2][3] = "-1"                                          # below the minimum
    rows[3][1] = rows[3][1][:17] + ("0" if rows[3][1][17] != "0" else "1")   # credit-code check character
    rows[4][0] = ""                                            # required
    for r in rows[5:12]:
        r[2] = "2024/01"                                       # 7 more bad periods
    error = _reject("social_insurance", rows, users, tmp_path, fmt="xlsx")
    counts = {f.rule.code: f.count for f in error.failures}
    assert counts == {"person_id.required": 1, "employer_org_id.check_digit": 1, "period.period": 8,
                      "wage_base.number": 1, "wage_base.range": 1}
    period = next(f for f in error.failures if f.rule.code == "period.period")
    assert [e.row for e in period.sample] == [2, 7, 8, 9, 10]   # sheet rows, first five
    org = next(f for f in error.failures if f.rule.code == "employer_org_id.check_digit")
    assert org.sample[0].row == 5 and "****" in org.sample[0].value


def test_dates_and_their_order_are_checked(users, tmp_path):
    rows = rows_of("enterprise")
    rows[0][3] = "2019-02-30"
    rows[1][4] = "2010-01-01"                                  # closed before it was established
    error = _reject("enterprise", rows, users, tmp_path)
    assert {f.rule.code for f in error.failures} == {"established_date.date", "closed_date.order"}


def test_an_unknown_column_and_an_empty_file_are_refused(users, tmp_path):
    header = [*REGISTRIES["death"].column_names, "remarks"]
    error = _reject("death", [[*r, "x"] for r in rows_of("death")], users, tmp_path, header=header)
    assert "unknown columns: remarks" in error.message
    error = _reject("death", [], users, tmp_path, name="empty.csv")
    assert "no data rows" in error.message


def test_a_malformed_csv_is_refused_without_echoing_its_content(users, tmp_path):
    path = tmp_path / "death.csv"
    person = examples.SON
    path.write_text(f"person_id,death_date\n{person},2024-01-01,extra\n", encoding="utf-8")
    with pytest.raises(LoadRejected) as caught:
        _load("death", path, users.steward)
    assert "cannot be parsed" in caught.value.message and person not in caught.value.message


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_xlsx_and_parquet_files_load(fmt, users, lake, tmp_path):
    version = _load("vehicle", write_file(tmp_path, "vehicle", rows_of("vehicle"), fmt=fmt), users.steward)
    assert version.manifest["source"]["format"] == fmt and version.manifest["rows"]["written"] == 2


def test_only_stewards_and_administrators_load(users, lake, tmp_path):
    path = tmp_path / "death.csv"
    path.write_bytes(examples.example_csv("death"))
    for user in (users.inspector_a, users.clerk, users.liaison):
        with pytest.raises(AccessDenied):
            _load("death", path, user)
    assert lake.versions("registry/death") == []
    assert _load("death", path, users.admin).manifest["loaded_by"]["scope"] == "330000000000"


def test_versions_are_kept_and_readers_pick_the_newest_or_a_named_one(users, lake, tmp_path):
    first = _seed("death", users, tmp_path)
    second = _seed("death", users, tmp_path)
    assert [v.id for v in lake.versions("registry/death")] == [first.id, second.id]
    con = duckdb.connect()
    assert registry_attach(con, lake, "death").id == second.id
    assert registry_attach(con, lake, "death", version_id=first.id).id == first.id
    assert (first.path / "data_0.parquet").is_file()


def test_the_import_command_loads_and_reports(users, lake, tmp_path):
    path = tmp_path / "household.csv"
    path.write_bytes(examples.example_csv("household"))
    out = io.StringIO()
    call_command("import", "household", str(path), "--valid-from", "2024-01-01", stdout=out)
    assert "4 rows published as registry/household" in out.getvalue()
    rows = rows_of("household")
    rows[2][4] = "X"
    bad = write_file(tmp_path, "household", rows, name="bad.csv")
    err = io.StringIO()
    with pytest.raises(CommandError, match="gender.enum: 1"):
        call_command("import", "household", str(bad), stdout=io.StringIO(), stderr=err)
    assert "row 4: “X”" in err.getvalue()
    assert len(lake.versions("registry/household")) == 1


def test_the_region_import_still_works(world, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("code,name,level,parent_code,kind\n330102002000,新街道,township,330102000000,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import", "region", str(path), stdout=out)
    assert "1 created" in out.getvalue()
