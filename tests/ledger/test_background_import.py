"""The upload page's import really runs in the background: the job page answers while it runs,
and the job ends done with the figures."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunlit.labour.models import LabourPayment
from sunlit.ledger.models import ImportJob

from .test_import import HEADER, payment_rows


@pytest.mark.django_db(transaction=True)
def test_a_background_import_is_polled_to_completion(users, client_for, settings):
    settings.SUNLIT_IMPORT_IN_BACKGROUND = True
    body = ("\n".join([",".join(HEADER)] + [",".join(r) for r in payment_rows(3000)]) + "\n").encode()
    client = client_for(users.clerk)
    response = client.post(reverse("ledger:import"),
                           {"table": "labour_payment", "file": SimpleUploadedFile("pay.csv", body)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(reverse("ledger:job_status", args=[job.pk])).json()
        seen.append(status["status"])
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert seen[-1] == "done", seen
    assert status["created"] == 3000 and status["fraction"] == 1.0
    assert LabourPayment.objects.count() == 3000
