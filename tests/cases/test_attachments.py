"""Files carried by case steps: checked by content and size, stored only when the step succeeds,
listed on the event, served at the case's file URL only to users who may see the case."""

import hashlib
import json

import pytest
from django.utils import translation

from sunlit.attachments.models import Attachment
from sunlit.attachments.services import AttachmentRefused, private_root
from sunlit.audit.models import AuditEvent
from sunlit.cases import services
from sunlit.cases.models import Case, CaseEvent
from sunlit.errors import InvalidInput
from tests.attachments.files import jpeg_with_exif, office, pdf, upload
from tests.cases.records import case_make


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    """English messages, and a private folder of this test's own."""
    settings.SUNLIT_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with translation.override("en"):
        yield


def _to_verified(users, world):
    case = case_make(world.village_a)
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    for step in (services.case_take, services.case_start_verification):
        step(case_id=case.pk, actor=users.liaison)
    return case


def _stored_files():
    root = private_root()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_step_records_its_files(users, world):
    case = _to_verified(users, world)
    services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed",
                         attachments=[upload("现场.jpg", jpeg_with_exif()), upload("台账.xlsx", office("xl/workbook.xml"))])
    event = CaseEvent.objects.get(case=case, transition="verify")
    assert [(a["name"], a["kind"]) for a in event.attachments] == [("现场.jpg", "image"), ("台账.xlsx", "xlsx")]
    stored = Attachment.objects.get(public_id=event.attachments[0]["id"])
    assert stored.uploaded_by == "liaison" and stored.sha256 == event.attachments[0]["sha256"]
    audit = AuditEvent.objects.filter(kind="case_transition", object_id=str(case.pk)).order_by("-seq").first()
    assert json.loads(audit.detail)["attachments"] == [a["id"] for a in event.attachments]


def test_a_refused_file_refuses_the_step_and_stores_nothing(users, world):
    case = _to_verified(users, world)
    before = _stored_files()
    with pytest.raises(AttachmentRefused, match="not accepted"):
        services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed",
                             attachments=[upload("ok.pdf", pdf()), upload("run.jpg", b"#!/bin/sh\nrm -rf /\n")])
    assert Case.objects.get(pk=case.pk).state == "verifying"
    assert Attachment.objects.count() == 0 and _stored_files() == before


def test_a_step_refused_for_its_state_stores_no_file(users, world):
    case = _to_verified(users, world)
    with pytest.raises(services.CaseConflict):
        services.case_close(case_id=case.pk, actor=users.township_officer, attachments=[upload("a.pdf", pdf())])
    with pytest.raises(InvalidInput):
        services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="maybe",
                             attachments=[upload("a.pdf", pdf())])
    assert Attachment.objects.count() == 0 and _stored_files() == []


def test_too_many_files_and_too_large(users, world, settings):
    case = _to_verified(users, world)
    settings.SUNLIT_CASE_ATTACHMENTS_PER_STEP = 2
    with pytest.raises(InvalidInput, match="at most 2 files"):
        services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed",
                             attachments=[upload(f"{n}.pdf", pdf()) for n in range(3)])
    settings.SUNLIT_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(AttachmentRefused, match="larger than 100 bytes"):
        services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed",
                             attachments=[upload("big.pdf", pdf() + b"x" * 200)])
    assert Case.objects.get(pk=case.pk).state == "verifying" and Attachment.objects.count() == 0


def test_page_upload_and_serving_by_scope(users, world, client_for):
    case = _to_verified(users, world)
    liaison = client_for(users.liaison)
    page = liaison.get(f"/cases/{case.pk}/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="files"' in page
    photo = jpeg_with_exif()
    response = liaison.post(f"/cases/{case.pk}/verify/", {"conclusion": "confirmed", "files": [
        upload("photo.jpg", photo, "image/jpeg"), upload("report.pdf", pdf(), "application/pdf")]})
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case, transition="verify")
    photo_id, pdf_id = (a["id"] for a in event.attachments)
    page = liaison.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/files/{photo_id}/" in page and "report.pdf" in page

    served = liaison.get(f"/cases/{case.pk}/files/{photo_id}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Disposition"].startswith("inline")
    body = b"".join(served.streaming_content)
    assert b"SecretCam" not in body and hashlib.sha256(body).hexdigest() == event.attachments[0]["sha256"]
    document = client_for(users.inspector_a).get(f"/cases/{case.pk}/files/{pdf_id}/")
    assert document.status_code == 200 and document["Content-Disposition"].startswith("attachment")
    assert b"".join(document.streaming_content).startswith(b"%PDF-")

    # outside the scope, no account, or a file of another case: not found / sign in
    assert client_for(users.inspector_b).get(f"/cases/{case.pk}/files/{photo_id}/").status_code == 404
    assert client_for(None).get(f"/cases/{case.pk}/files/{photo_id}/").status_code == 302
    other = case_make(world.village_a, subject_id="P9")
    assert liaison.get(f"/cases/{other.pk}/files/{photo_id}/").status_code == 404
    assert liaison.get(f"/cases/{case.pk}/files/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_page_refusal_is_shown(users, world, client_for):
    case = _to_verified(users, world)
    response = client_for(users.liaison).post(f"/cases/{case.pk}/verify/", {
        "conclusion": "confirmed", "files": [upload("x.jpg", b"GIF89a....")]}, follow=True)
    assert "not accepted" in response.content.decode() or "不接受" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == "verifying"


def test_api_step_with_files(users, world, api_client_for):
    case = _to_verified(users, world)
    client = api_client_for(users.liaison)
    response = client.post(f"/api/v1/cases/{case.pk}/steps/verify", {
        "data": json.dumps({"conclusion": "confirmed", "note": "现场核实", "expected_state": "verifying"}),
        "files": [upload("a.jpg", jpeg_with_exif()), upload("b.pdf", pdf())]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "verified"
    files = body["events"][-1]["attachments"]
    assert [f["name"] for f in files] == ["a.jpg", "b.pdf"]
    assert client.get(files[1]["url"]).status_code == 200
    assert api_client_for(users.inspector_b).get(files[1]["url"]).status_code == 404

    bad = client.post(f"/api/v1/cases/{case.pk}/steps/dispose", {
        "data": json.dumps({"money_recovered": "12.5"}), "files": [upload("x.exe", b"MZ\x90\x00")]})
    assert bad.status_code == 422 and "x.exe" in bad.json()["detail"]
    assert client.post(f"/api/v1/cases/{case.pk}/steps/dispose", {"data": "{not json"}).status_code == 422
    assert client.post(f"/api/v1/cases/{case.pk}/steps/fly", {"data": "{}"}).status_code == 404
    assert Case.objects.get(pk=case.pk).state == "verified"
    # without files the multipart endpoint is the plain step
    done = client.post(f"/api/v1/cases/{case.pk}/steps/dispose", {"data": json.dumps({"money_recovered": "12.5"})})
    assert done.status_code == 200 and done.json()["disposition"]["money_recovered"] == "12.50"
