"""Importing files into the ledger: all or nothing, row-by-row error reports, idempotent re-imports,
the templates' label row, Parquet, the CLI, and a killed import leaving the database as it was."""

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sunlit.errors import AccessDenied, InvalidInput
from sunlit.identity import person_id_make
from sunlit.labour.models import LabourPayment
from sunlit.ledger import registry
from sunlit.ledger.importing import ledger_import_file
from sunlit.ledger.spreadsheets import template_xlsx

from .conftest import VILLAGE_A, VILLAGE_B, valid

HEADER = registry.table("labour_payment").keys
WORKERS = [person_id_make(f"1101011950{m:02d}01{n:03d}") for m in range(1, 13) for n in range(20)]


def payment_rows(n: int, *, village: str = VILLAGE_A, prefix: str = "LP") -> list[list[str]]:
    rows = []
    for i in range(n):
        days = 1 + i % 5
        rows.append([f"{prefix}{i:07d}", village, "", WORKERS[i % len(WORKERS)], "王五", str(days), "150.00",
                     f"{days * 150}.00", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"])
    return rows


def write_csv(path: Path, rows, header=HEADER, labels: list[str] | None = None) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        if labels:
            writer.writerow(labels)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_file_with_three_bad_rows_writes_nothing_and_reports_exactly_them(users, tmp_path):
    rows = payment_rows(1000)
    rows[9][3] = rows[9][3][:-1] + ("0" if rows[9][3][-1] != "0" else "1")   # row 11: wrong check digit
    rows[499][7] = "-750.00"                                                 # row 501: negative amount
    rows[997][1] = VILLAGE_B                                                 # row 999: outside the clerk's scope
    path = write_csv(tmp_path / "pay.csv", rows)
    with pytest.raises(InvalidInput) as caught:
        ledger_import_file(table="labour_payment", path=path, actor=users.clerk, chunk_rows=300)
    errors = caught.value.errors
    assert [(e.row, e.column) for e in errors] == [(11, "person_id"), (501, "amount"), (999, "village_code")]
    assert "check digit" in errors[0].message and rows[9][3] not in errors[0].value
    assert "negative" in errors[1].message
    assert "outside your scope" in errors[2].message
    assert LabourPayment.objects.count() == 0


def test_the_same_file_twice_leaves_the_row_count_unchanged(users, tmp_path):
    path = write_csv(tmp_path / "pay.csv", payment_rows(1000))
    first = ledger_import_file(table="labour_payment", path=path, actor=users.clerk, chunk_rows=256)
    assert (first.created, first.updated, first.unchanged) == (1000, 0, 0)
    again = ledger_import_file(table="labour_payment", path=path, actor=users.clerk, chunk_rows=256)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1000)
    assert LabourPayment.objects.count() == 1000
    changed = payment_rows(1000)
    changed[5][4] = "王伍"
    result = ledger_import_file(table="labour_payment", path=write_csv(tmp_path / "pay2.csv", changed),
                                actor=users.clerk)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 999)
    assert LabourPayment.objects.get(payment_id="LP0000005").name == "王伍"


def test_a_key_repeated_in_the_file_is_reported_with_its_first_row(users, tmp_path):
    rows = payment_rows(50)
    rows[40][0] = rows[3][0]
    with pytest.raises(InvalidInput) as caught:
        ledger_import_file(table="labour_payment", path=write_csv(tmp_path / "p.csv", rows), actor=users.clerk,
                           chunk_rows=16)
    assert [(e.row, e.column, "row 5" in e.message) for e in caught.value.errors] == [(42, "payment_id", True)]


def test_missing_and_unknown_columns_are_reported_on_the_header(users, tmp_path):
    header = [h for h in HEADER if h != "amount"] + ["remark"]
    rows = [r[:7] + r[8:] + ["x"] for r in payment_rows(3)]
    with pytest.raises(InvalidInput) as caught:
        ledger_import_file(table="labour_payment", path=write_csv(tmp_path / "p.csv", rows, header), actor=users.clerk)
    assert sorted((e.row, e.column) for e in caught.value.errors) == [(1, "amount"), (1, "remark")]


def test_the_template_has_labels_then_keys_and_imports_filled_in(users, tmp_path):
    spec = registry.table("labour_payment")
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(spec)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == spec.labels and "身份证号码" in spec.labels
    assert [c.value for c in sheet[2]] == spec.keys
    for row in payment_rows(20):
        sheet.append(row)
    path = tmp_path / "filled.xlsx"
    book.save(path)
    result = ledger_import_file(table="labour_payment", path=path, actor=users.clerk)
    assert result.created == 20
    # Without the label row too; and a bad cell is reported on the row the clerk sees.
    sheet.delete_rows(1)
    sheet.cell(row=5, column=9, value="2024-13-01")
    book.save(path)
    with pytest.raises(InvalidInput) as caught:
        ledger_import_file(table="labour_payment", path=path, actor=users.clerk)
    assert [(e.row, e.column) for e in caught.value.errors] == [(5, "paid_date")]


def test_a_csv_with_the_label_row_is_read_and_rows_keep_their_numbers(users, tmp_path):
    rows = payment_rows(10)
    rows[6][8] = "not a date"
    path = write_csv(tmp_path / "p.csv", rows, labels=registry.table("labour_payment").labels)
    with pytest.raises(InvalidInput) as caught:
        ledger_import_file(table="labour_payment", path=path, actor=users.clerk)
    assert [(e.row, e.column) for e in caught.value.errors] == [(9, "paid_date")]


def test_blank_lines_and_quoted_line_breaks_in_a_csv(users, tmp_path):
    path = tmp_path / "p.csv"
    rows = payment_rows(4)
    rows[2][4] = "王\n五"
    with open(path, "w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows[:2])
        out.write("\n")
        writer.writerows(rows[2:])
    result = ledger_import_file(table="labour_payment", path=path, actor=users.clerk)
    assert result.created == 4
    assert LabourPayment.objects.get(payment_id="LP0000002").name == "王\n五"


def test_parquet_files_import(users, tmp_path):
    rows = payment_rows(30)
    table = pa.table({h: [r[i] for r in rows] for i, h in enumerate(HEADER)})
    pq.write_table(table, tmp_path / "p.parquet")
    assert ledger_import_file(table="labour_payment", path=tmp_path / "p.parquet", actor=users.clerk).created == 30


def test_every_table_imports_from_its_own_template(users, tmp_path, parents):
    for name in registry.TABLE_NAMES:
        parents(name)
        spec = registry.table(name)
        book = openpyxl.load_workbook(io.BytesIO(template_xlsx(spec)))
        record = valid(name)
        book.worksheets[0].append([record.get(k, "") for k in spec.keys])
        path = tmp_path / f"{name}.xlsx"
        book.save(path)
        result = ledger_import_file(table=name, path=path, actor=users.clerk)
        assert result.rows == 1, name


def test_an_inspector_cannot_import(users, tmp_path):
    with pytest.raises(AccessDenied):
        ledger_import_file(table="labour_payment", path=write_csv(tmp_path / "p.csv", payment_rows(2)),
                           actor=users.inspector_a)


def test_progress_is_reported_chunk_by_chunk(users, tmp_path):
    seen = []
    ledger_import_file(table="labour_payment", path=write_csv(tmp_path / "p.csv", payment_rows(1000)),
                       actor=users.clerk, chunk_rows=100, progress=lambda rows, fraction: seen.append((rows, fraction)))
    assert [r for r, _ in seen] == list(range(100, 1001, 100))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_the_command_line_import(users, tmp_path, capsys):
    path = write_csv(tmp_path / "p.csv", payment_rows(5))
    call_command("import", "labour_payment", str(path))
    assert "5 created" in capsys.readouterr().out
    bad = payment_rows(5, prefix="LQ")
    bad[1][5] = "two"
    with pytest.raises(CommandError):
        call_command("import", "labour_payment", str(write_csv(tmp_path / "bad.csv", bad)))
    assert "row 3, column days" in capsys.readouterr().err
    assert LabourPayment.objects.count() == 5


def _sunlit(args, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "sunlit", *args], env=env, capture_output=True, text=True,
                          timeout=300, **kwargs)


def test_an_import_killed_part_way_leaves_the_database_as_it_was(tmp_path):
    """A real process on a temporary SQLite file: killed with SIGKILL after it has written its
    first chunks inside the transaction, it leaves exactly the rows there were before."""
    db = tmp_path / "kill.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "SUNLIT_DATA_DIR": str(tmp_path / "data"),
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base"}
    assert _sunlit(["migrate", "-v0", "--skip-checks"], env).returncode == 0
    regions = tmp_path / "regions.csv"
    regions.write_text("code,name,level,parent_code,kind\n330000000000,浙江省,province,,\n"
                       "330100000000,杭州市,city,330000000000,\n330102000000,上城区,county,330100000000,\n"
                       "330102001000,清溪街道,township,330102000000,\n"
                       "330102001001,前山村,village,330102001000,village\n", encoding="utf-8")
    assert _sunlit(["import", "region", str(regions), "--skip-checks"], env).returncode == 0
    small = write_csv(tmp_path / "small.csv", payment_rows(10, prefix="OLD"))
    assert _sunlit(["import", "labour_payment", str(small), "--skip-checks"], env).returncode == 0
    big = write_csv(tmp_path / "big.csv", payment_rows(400_000))

    process = subprocess.Popen([sys.executable, "-m", "sunlit", "import", "labour_payment", str(big), "--skip-checks"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = b""
    deadline = time.monotonic() + 240
    while b"40,000 rows" not in seen and time.monotonic() < deadline and process.poll() is None:
        seen += os.read(process.stderr.fileno(), 4096)
    assert process.poll() is None, "the import finished before it could be killed"
    assert b"40,000 rows" in seen            # two chunks written inside the open transaction
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from labour_payment").fetchone()[0] == 10
        assert connection.execute("select count(*) from labour_payment where payment_id like 'LP%'").fetchone()[0] == 0
