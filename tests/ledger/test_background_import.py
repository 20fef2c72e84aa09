"""The upload page's import runs as a background task, not in the web request: with the database
task backend the upload only queues the job (the job page answers, nothing imported yet); the
worker (`sunlit db_worker`) then runs it to completion with the figures."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sunlit.labour.models import LabourPayment
from sunlit.ledger.models import ImportJob

from .test_import import HEADER, payment_rows


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_queued_and_the_worker_imports_it(users, client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    body = ("\n".join([",".join(HEADER)] + [",".join(r) for r in payment_rows(3000)]) + "\n").encode()
    client = client_for(users.clerk)
    response = client.post(reverse("ledger:import"),
                           {"table": "labour_payment", "file": SimpleUploadedFile("pay.csv", body)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    queued = client.get(reverse("ledger:job_status", args=[job.pk])).json()
    assert queued["status"] == "queued" and LabourPayment.objects.count() == 0

    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.1)

    done = client.get(reverse("ledger:job_status", args=[job.pk])).json()
    assert done["status"] == "done", done
    assert done["created"] == 3000 and done["fraction"] == 1.0
    assert LabourPayment.objects.count() == 3000
