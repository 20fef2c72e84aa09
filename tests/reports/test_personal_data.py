"""The reporter's name, phone and text stay out of error reports: a crash while a report is being
sent shows them masked in Django's error report (what an administrator receives by mail or log)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.views.debug import SafeExceptionReporterFilter

from sunlit.reports import services, views

pytestmark = pytest.mark.django_db


def test_the_form_fields_are_masked_in_error_reports(world, rf):
    request = rf.post("/r/new/", {"village": world.village_a.code, "category": "other", "text": "",
                                  "name": "王五", "phone": "13800001111"})
    request.user = AnonymousUser()
    assert views.new(request).status_code == 422
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert "王五" not in str(shown) and "13800001111" not in str(shown) and shown["village"] == world.village_a.code


def test_the_service_locals_are_masked_in_error_reports(world, rf, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "case_open_for_report", crash)
    with pytest.raises(RuntimeError) as raised:
        services.report_submit(category="other", village_code=world.village_a.code, text="秘密内容",
                               reporter_name="王五", reporter_phone="13800001111")
    tb = raised.value.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    service = next(f for f in frames if f.f_code.co_name == "report_submit")
    shown = dict(SafeExceptionReporterFilter().get_traceback_frame_variables(rf.get("/"), service))
    assert "王五" not in str(shown) and "13800001111" not in str(shown) and "秘密内容" not in str(shown)
