"""The upload page, its job and error report, the templates and the list pages with their export."""

import io
import json

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunlit.audit.models import AuditEvent
from sunlit.labour.models import LabourPayment
from sunlit.ledger.models import ImportJob

from .conftest import VILLAGE_A, VILLAGE_B, WORKER
from .records import record_in
from .test_import import HEADER, payment_rows


def _csv(rows) -> bytes:
    lines = [",".join(HEADER)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _upload(client, rows, table="labour_payment", name="pay.csv"):
    return client.post(reverse("ledger:import"), {"table": table, "file": SimpleUploadedFile(name, _csv(rows))})


def test_a_clerk_uploads_a_good_file(users, client_for):
    client = client_for(users.clerk)
    response = _upload(client, payment_rows(40))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ledger:job", args=[job.pk])
    page = client.get(response["Location"])
    assert job.status == "done" and (job.created, job.rows) == (40, 40)
    assert "40" in page.content.decode() and page.context["progress"]["fraction"] == 1.0
    status = client.get(reverse("ledger:job_status", args=[job.pk])).json()
    assert status["status"] == "done" and status["created"] == 40 and status["fraction"] == 1.0
    assert LabourPayment.objects.count() == 40


def test_a_bad_upload_shows_and_offers_the_error_report(users, client_for):
    rows = payment_rows(30)
    rows[4][3] = WORKER[:-1] + ("0" if WORKER[-1] != "0" else "1")
    rows[20][8] = "2024-02-31"
    rows[25][1] = VILLAGE_B
    client = client_for(users.clerk)
    job_url = _upload(client, rows)["Location"]
    page = client.get(job_url)
    body = page.content.decode()
    assert page.status_code == 200 and "data-testid=\"import-errors\"" in body
    assert WORKER[:-1] not in body                           # the ID number is masked
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.error_count == 3
    report = client.get(reverse("ledger:job_errors", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).worksheets[0]
    cells = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in cells] == [(6, "person_id"), (22, "paid_date"), (27, "village_code")]
    assert WORKER[:-1] not in str(cells)
    assert LabourPayment.objects.count() == 0


def test_the_upload_page_refuses_other_file_types_and_inspectors(users, client_for):
    response = _upload(client_for(users.clerk), payment_rows(2), name="pay.txt")
    assert response.status_code == 422 and ImportJob.objects.count() == 0
    assert _upload(client_for(users.inspector_a), payment_rows(2)).status_code == 403


def test_a_steward_imports_for_the_region(users, client_for):
    _upload(client_for(users.steward), payment_rows(3))
    assert ImportJob.objects.get().status == "done"


def test_a_running_job_reports_its_progress(users, client_for, tmp_path):
    job = ImportJob.objects.create(table="labour_payment", actor=users.clerk, region_code=VILLAGE_A,
                                   source="big.csv", path=str(tmp_path / "x.csv"), status="running")
    from sunlit.ledger import jobs
    jobs.progress_path(job).write_text('{"rows": 120000, "fraction": 0.4}')
    client = client_for(users.clerk)
    assert client.get(reverse("ledger:job_status", args=[job.pk])).json()["fraction"] == 0.4
    page = client.get(reverse("ledger:job", args=[job.pk])).content.decode()
    assert 'id="job-progress"' in page and 'value="0.4"' in page


def test_templates_download(users, client_for):
    response = client_for(users.clerk).get(reverse("ledger:template") + "?table=seal_usage")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[2]][:3] == ["usage_id", "seal_id", "village_code"]
    assert sheet["A1"].value == "用印编号"
    assert client_for(users.clerk).get(reverse("ledger:template") + "?table=nope").status_code == 404


def test_lists_are_scoped_filtered_and_mask_id_numbers(users, client_for):
    record_in("labour_payment", VILLAGE_A)
    record_in("labour_payment", VILLAGE_B)
    url = reverse("ledger:labour_payment_list")
    body = client_for(users.inspector_a).get(url).content.decode()
    assert "<td>LP-02001-1" in body and "LP-06001-1" not in body and "330106001001" not in body
    assert WORKER not in body and WORKER[:3] in body
    admin_page = client_for(users.admin).get(url + "?village=330106").content.decode()
    assert "<td>LP-06001-1" in admin_page and "<td>LP-02001-1" not in admin_page
    assert "<td>LP-02001-1" in client_for(users.admin).get(url + "?date_to=2024-05-10").content.decode()
    assert "<td>LP-02001-1" not in client_for(users.admin).get(url + "?date_from=2024-06-01").content.decode()
    assert client_for(users.admin).get(url + "?date_from=junk").status_code == 422


def test_the_xlsx_export_is_scoped_and_audited(users, client_for):
    record_in("labour_payment", VILLAGE_A)
    record_in("labour_payment", VILLAGE_B)
    response = client_for(users.inspector_a).get(reverse("ledger:labour_payment_list") + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert [r[1] for r in rows[1:]] == [VILLAGE_A]
    event = AuditEvent.objects.filter(kind="export", object_type="labour_payment").get()
    assert json.loads(event.detail)["rows"] == 1 and event.actor_username == "inspector_a"


def test_the_ledger_index_lists_every_table(users, client_for):
    body = client_for(users.liaison).get(reverse("ledger:index")).content.decode()
    assert all(reverse(f"ledger:{t}_list") in body for t in ("cadre", "seal_usage", "relief_payment"))


def test_the_job_page_explains_in_the_readers_language_only(users, client_for, settings):
    """The refusal and each row's problem, written "中文 / English", in the page's language only."""
    rows = payment_rows(5)
    rows[2][8] = "2024-02-31"
    client = client_for(users.clerk)
    job_url = _upload(client, rows)["Location"]
    zh = client.get(job_url).content.decode()
    assert "<td>不是有效日期</td>" in zh and "not a real date" not in zh
    assert "1 处错误，未写入任何数据" in zh and "nothing was written" not in zh
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(job_url).content.decode()
    assert "<td>not a real date</td>" in en and "不是有效日期" not in en
    assert "labour_payment: 1 errors; nothing was written" in en and "未写入任何数据" not in en
