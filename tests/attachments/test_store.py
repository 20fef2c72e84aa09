import hashlib
import io

import pytest
from django.utils import translation
from PIL import Image

from sunlit.attachments.models import Attachment, Kind
from sunlit.attachments.responses import attachment_response
from sunlit.attachments.selectors import attachment_get, attachments_by_ids
from sunlit.attachments.services import EVIDENCE_KINDS, AttachmentRefused, attachment_store, private_root
from sunlit.errors import NotFound, SunlitError

from .files import jpeg_with_exif, office, pdf, png_with_text, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    """English messages, and a private folder of this test's own."""
    settings.SUNLIT_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with translation.override("en"):
        yield


def _stored_files():
    root = private_root()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_jpeg_is_stored_privately_without_its_metadata():
    original = jpeg_with_exif()
    assert b"SecretCam" in original and b"GPS 30.25N" in original
    attachment = attachment_store(upload=upload("现场照片.jpg", original, "image/jpeg"), uploaded_by="liaison")

    path = private_root() / attachment.stored_path
    data = path.read_bytes()
    assert b"SecretCam" not in data and b"GPS 30.25N" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
        assert not image.getexif()
    assert attachment.kind == Kind.IMAGE and attachment.content_type == "image/jpeg"
    assert attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.original_name == "现场照片.jpg"
    assert attachment.uploaded_by == "liaison"
    assert str(attachment.public_id.hex) in attachment.stored_path
    assert private_root() in path.resolve().parents


def test_the_photo_is_turned_upright_before_its_orientation_tag_is_dropped():
    # Orientation 6: the camera was turned; the stored pixels are rotated instead.
    attachment = attachment_store(upload=upload("p.jpg", jpeg_with_exif(size=(40, 30), orientation=6)),
                                  uploaded_by="liaison")
    with Image.open(private_root() / attachment.stored_path) as image:
        assert image.size == (30, 40)


def test_png_text_chunks_are_dropped():
    original = png_with_text()
    assert b"Qianshan" in original
    attachment = attachment_store(upload=upload("plan.png", original), uploaded_by="clerk")
    data = (private_root() / attachment.stored_path).read_bytes()
    assert b"Qianshan" not in data
    assert attachment.content_type == "image/png"


def test_pdf_and_office_documents_by_content():
    stored = attachment_store(upload=upload("核查报告.pdf", pdf()), uploaded_by="x")
    assert (stored.kind, stored.content_type) == (Kind.PDF, "application/pdf")
    # The type comes from the bytes: a workbook called .pdf is a workbook, named .xlsx.
    book = attachment_store(upload=upload("台账.pdf", office("xl/workbook.xml")), uploaded_by="x",
                            allowed=EVIDENCE_KINDS)
    assert book.kind == Kind.XLSX and book.original_name == "台账.xlsx"
    doc = attachment_store(upload=upload("笔录.docx", office("word/document.xml")), uploaded_by="x",
                           allowed=EVIDENCE_KINDS)
    assert doc.kind == Kind.DOCX


@pytest.mark.parametrize("name,data,allowed,needle", [
    ("evil.jpg", b"<html><script>alert(1)</script></html>", (Kind.IMAGE, Kind.PDF), "not accepted"),
    ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, (Kind.IMAGE,), "could not be read"),
    ("book.xlsx", office("xl/workbook.xml"), (Kind.IMAGE, Kind.PDF), "not accepted"),
    ("any.zip", office("other.xml"), EVIDENCE_KINDS, "not accepted"),
    ("macro.xlsx", office("xl/workbook.xml", extra="xl/vbaProject.bin"), EVIDENCE_KINDS, "not accepted"),
    ("empty.pdf", b"", (Kind.PDF,), "empty"),
])
def test_refused_files_write_nothing(name, data, allowed, needle):
    before = _stored_files()
    with pytest.raises(AttachmentRefused) as caught:
        attachment_store(upload=upload(name, data), uploaded_by="x", allowed=allowed)
    assert isinstance(caught.value, SunlitError) and caught.value.status == 422
    assert needle in caught.value.message
    assert name in caught.value.message or "…" in caught.value.message
    assert Attachment.objects.count() == 0
    assert _stored_files() == before


def test_size_limits(settings):
    settings.SUNLIT_ATTACHMENT_MAX_BYTES = 1000
    settings.SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES = 300
    big_pdf = pdf() + b"%" + b"x" * 1000
    with pytest.raises(AttachmentRefused, match="larger than 1000 bytes"):
        attachment_store(upload=upload("big.pdf", big_pdf), uploaded_by="x")
    image = jpeg_with_exif()
    assert 300 < len(image) <= 1000
    with pytest.raises(AttachmentRefused, match="larger than 300 bytes"):
        attachment_store(upload=upload("big.jpg", image), uploaded_by="x")
    assert Attachment.objects.count() == 0
    assert attachment_store(upload=upload("small.pdf", pdf()), uploaded_by="x").size == len(pdf())


def test_an_id_number_in_a_file_name_is_not_repeated():
    with pytest.raises(AttachmentRefused) as caught:
        attachment_store(upload=upload("330102199001011234.txt", b"plain text"), uploaded_by="x")
    assert "330102199001011234" not in caught.value.message
    stored = attachment_store(upload=upload("../../etc/330102199001011234.pdf", pdf()), uploaded_by="x")
    assert "330102199001011234" not in stored.original_name and "/" not in stored.original_name


def test_response_headers():
    photo = attachment_store(upload=upload("p.jpg", jpeg_with_exif()), uploaded_by="x")
    response = attachment_response(photo)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    body = b"".join(response.streaming_content)
    response.file_to_stream.close()
    assert hashlib.sha256(body).hexdigest() == photo.sha256

    document = attachment_store(upload=upload("r.pdf", pdf()), uploaded_by="x")
    response = attachment_response(document)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf()
    response.file_to_stream.close()


def test_selectors_and_missing_file():
    stored = attachment_store(upload=upload("r.pdf", pdf()), uploaded_by="x")
    assert attachment_get(public_id=str(stored.public_id)) == stored
    assert attachments_by_ids(["not-a-uuid", str(stored.public_id)]) == [stored]
    with pytest.raises(NotFound):
        attachment_get(public_id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound):
        attachment_get(public_id="../../x")
    (private_root() / stored.stored_path).unlink()
    with pytest.raises(NotFound):
        attachment_response(stored)


def test_the_refusal_speaks_chinese_by_default():
    with translation.override("zh-hans"), pytest.raises(AttachmentRefused) as caught:
        attachment_store(upload=upload("a.exe", b"MZ\x90\x00"), uploaded_by="x")
    assert "此处不接受这种文件" in caught.value.message and "图片" in caught.value.message
