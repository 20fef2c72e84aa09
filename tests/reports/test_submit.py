"""Submitting a report: it opens a case routed to the village's liaison station; the tracking code
is random, of an unambiguous alphabet and not derived from the row id; bad input writes nothing."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sunlit.attachments.models import Attachment
from sunlit.attachments.services import private_root
from sunlit.audit.models import AuditEvent
from sunlit.cases.models import Case, CaseEvent, SourceKind, State
from sunlit.reports import codes
from sunlit.reports.models import Report, ReportPhoto
from tests.reports.records import jpeg_bytes, png_bytes, report_make

pytestmark = pytest.mark.django_db


def _photo_files():
    root = private_root()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _form(where, **extra):
    return {"village": where.code, "kind": "complaint", "category": "labour",
            "text": "修路的工钱没有按时发。", **extra}


def test_the_form_names_the_village_from_its_link(world, client_for):
    response = client_for(None).get(f"/r/new/?village={world.village_a.code}")
    assert response.status_code == 200
    assert "前山村" in response.content.decode()


def test_a_submission_opens_a_case_at_the_village_liaison_station(world, users, client_for):
    response = client_for(None).post("/r/new/", _form(world.village_a, name="王五", phone="13800001111",
                                                     photos=SimpleUploadedFile("a.jpg", jpeg_bytes())))
    assert response.status_code == 302
    report = Report.objects.get()
    assert response["Location"] == f"/r/track/{codes.grouped(report.tracking_code)}/"
    case = report.case
    assert (case.source_kind, case.state, case.level, case.handling_code) == (
        SourceKind.REPORT, State.NEW, "village", world.village_a.code)
    assert case.village_code == world.village_a.code and "修路的工钱" in case.title
    assert report.photos.count() == 1
    # the liaison officer of the village has it in the inbox
    inbox = client_for(users.liaison).get("/cases/inbox/").content.decode()
    assert f"/cases/{case.pk}/" in inbox
    # no personal data in the audit chain
    audit = " ".join(str(e.detail) + e.actor_username for e in AuditEvent.objects.all())
    assert "王五" not in audit and "13800001111" not in audit


def test_the_case_title_names_the_category_in_chinese_whatever_the_page_language(world):
    from django.utils import translation

    from sunlit.reports.services import report_submit

    with translation.override("en"):
        report = report_submit(category="labour", village_code=world.village_a.code, text="工钱\n没发")
    assert report.case.title == "[劳务用工] 工钱 没发"


def test_the_tracking_code_is_random_unambiguous_and_not_the_row_id(world):
    made = [report_make(world.village_a, text=f"第{n}条") for n in range(30)]
    found = [r.tracking_code for r in made]
    assert len(set(found)) == 30
    for report in made:
        assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{16}", report.tracking_code)
    # consecutive rows get unrelated codes: on average almost every position differs
    differing = [sum(a != b for a, b in zip(x, y, strict=True)) for x, y in zip(found[:-1], found[1:], strict=True)]
    assert sum(differing) / len(differing) > 12
    assert len({c[:3] for c in found}) > 25


def test_the_tracking_code_comes_from_the_random_source_only(world, monkeypatch):
    drawn = iter("ABCDEFGHJKMNPQRS" * 2)
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(drawn))
    first = report_make(world.village_a, text="一")
    assert first.tracking_code == "ABCDEFGHJKMNPQRS"
    # the same draw would give the same code whatever the row: a clash is drawn again, not numbered
    drawn2 = iter("ABCDEFGHJKMNPQRS" + "TUVWXYZ234567892")
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(drawn2))
    assert report_make(world.village_a, text="二").tracking_code == "TUVWXYZ234567892"


def test_the_code_is_typed_in_any_case_with_or_without_dashes(world, client_for):
    code = report_make(world.village_a).tracking_code
    typed = codes.grouped(code).lower().replace("-", " ")
    response = client_for(None).get("/r/track/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == f"/r/track/{codes.grouped(code)}/"
    assert client_for(None).get(response["Location"]).status_code == 200


@pytest.mark.parametrize("change,field", [
    ({"village": "330102001000"}, "village"),          # a township, not a village
    ({"village": "330102009999"}, "village"),          # no such village
    ({"category": "weather"}, "category"),
    ({"text": "   "}, "text"),
    ({"text": "长" * 2001}, "text"),
    ({"phone": "call me <b>"}, "phone"),
])
def test_bad_fields_are_refused_with_a_message_and_nothing_written(world, client_for, change, field):
    response = client_for(None).post("/r/new/", _form(world.village_a, **change,
                                                      photos=SimpleUploadedFile("ok.jpg", jpeg_bytes())))
    assert response.status_code == 422
    assert f'data-field="{field}"' in response.content.decode()
    assert not Report.objects.exists() and not Case.objects.exists() and not CaseEvent.objects.exists()
    assert _photo_files() == []


def test_a_photo_that_is_not_jpeg_or_png_is_refused_whatever_its_name(world, client_for):
    fake = SimpleUploadedFile("holiday.jpg", b"GIF89a" + b"\x00" * 200, content_type="image/jpeg")
    script = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client_for(None).post("/r/new/", _form(world.village_a, photos=[fake, script]))
    assert response.status_code == 422
    body = response.content.decode()
    assert body.count("此处不接受这种文件") == 2 and "holiday.jpg" in body
    assert not Report.objects.exists() and not ReportPhoto.objects.exists() and not Attachment.objects.exists()
    assert _photo_files() == []


def test_a_damaged_jpeg_is_refused(world, client_for):
    broken = SimpleUploadedFile("b.jpg", jpeg_bytes()[:60])
    response = client_for(None).post("/r/new/", _form(world.village_a, photos=broken))
    assert response.status_code == 422 and "无法读取该图片" in response.content.decode()
    assert not Report.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(world, client_for, settings):
    settings.SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.jpg", jpeg_bytes(size=(400, 400)))
    assert len(big.read()) > 1000
    big.seek(0)
    response = client_for(None).post("/r/new/", _form(world.village_a, photos=big))
    assert response.status_code == 422 and "文件超过 1000 bytes" in response.content.decode()
    assert not Report.objects.exists() and _photo_files() == []


def test_the_form_states_the_photo_limit_the_check_applies(world, client_for, settings):
    """The overall attachment limit below the image limit: the form says the lower one, which is
    what the check refuses above."""
    settings.SUNLIT_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    settings.SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES = 5 * 1024 * 1024
    page = client_for(None).get(f"/r/new/?village={world.village_a.code}").content.decode()
    assert "2 MB" in page and "5 MB" not in page


def test_more_than_three_photos_are_refused(world, client_for):
    four = [SimpleUploadedFile(f"{n}.jpg", jpeg_bytes()) for n in range(4)]
    response = client_for(None).post("/r/new/", _form(world.village_a, photos=four))
    assert response.status_code == 422 and "最多上传 3 张照片" in response.content.decode()
    assert not Report.objects.exists() and _photo_files() == []


def test_exif_and_comments_are_stripped_by_re_encoding(world):
    original = jpeg_bytes(exif=True)
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get(0x010F) == "SecretCam" and b"taken at home" in original
    report = report_make(world.village_a, photos=[original, png_bytes()])
    jpeg, png = (p.attachment for p in report.photos.all())
    stored = (private_root() / jpeg.stored_path).read_bytes()
    assert b"SecretCam" not in stored and b"taken at home" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as after:
        assert after.format == "JPEG" and len(after.getexif()) == 0 and "comment" not in after.info
        assert after.size == (64, 48)
    assert jpeg.content_type == "image/jpeg" and png.content_type == "image/png"
    # stored under a random name, not the uploader's, outside the web root
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.jpg", jpeg.stored_path)


def test_the_officer_sees_the_photo_and_the_contact_others_do_not(world, users, client_for):
    report = report_make(world.village_a, photos=[jpeg_bytes()], reporter_name="李四", reporter_phone="13900002222")
    photo = report.photos.get()
    page = client_for(users.liaison).get(f"/cases/{report.case_id}/").content.decode()
    assert "李四" in page and "13900002222" in page and f"/r/photo/{photo.pk}/" in page
    served = client_for(users.liaison).get(f"/r/photo/{photo.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content).startswith(b"\xff\xd8\xff")
    assert client_for(users.inspector_b).get(f"/r/photo/{photo.pk}/").status_code == 404
    anonymous = client_for(None).get(f"/r/photo/{photo.pk}/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    tracking = client_for(None).get(f"/r/track/{report.tracking_code}/").content.decode()
    assert "李四" not in tracking and "13900002222" not in tracking and "/r/photo/" not in tracking


def test_the_form_explains_in_the_readers_language_only(world, client_for, settings):
    """A message written "中文 / English" by the service: the Chinese page shows the Chinese half, the
    English page the English half."""
    client = client_for(None)
    zh = client.post("/r/new/", _form(world.village_a, text="  ")).content.decode()
    assert "请写明反映的内容" in zh and "write what you want to report" not in zh
    assert "反映未提交" in zh and "the report was not sent" not in zh
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.post("/r/new/", _form(world.village_a, text="  ")).content.decode()
    assert "write what you want to report" in en and "请写明反映的内容" not in en
    assert not Report.objects.exists()
