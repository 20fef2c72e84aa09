"""Reports for tests: submitted through the service, and a case taken to closure by its officers."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from sunlit.cases import services as cases
from sunlit.reports.services import report_submit


def jpeg_bytes(*, exif: bool = False, size=(64, 48), colour=(200, 30, 30)) -> bytes:
    """A small JPEG; with ``exif``, one carrying a camera make, a GPS position and a comment."""
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"                 # Make
        data[0x0110] = "Model-X"                   # Model
        data[0x0132] = "2026:11:01 08:00:00"       # DateTime
        gps = data.get_ifd(0x8825)
        gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 0.0), "E", (120.0, 10.0, 0.0)
        image.save(out, format="JPEG", exif=data.tobytes(), comment=b"taken at home")
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG")
    return out.getvalue()


def report_make(village, *, text="村口道路工程只修了一半，钱却全付了。", category="projects", photos=(), **kw):
    return report_submit(category=category, village_code=village.code, text=text,
                         uploads=[ContentFile(p, name=f"photo{n}.jpg") for n, p in enumerate(photos)], **kw)


def case_to_closed(report, users, *, conclusion="confirmed"):
    """The county inspector dispatches, the liaison station takes, verifies and disposes, the county
    inspector closes."""
    case_id = report.case_id
    cases.case_dispatch(case_id=case_id, actor=users.inspector_a)
    cases.case_take(case_id=case_id, actor=users.liaison)
    cases.case_start_verification(case_id=case_id, actor=users.liaison)
    cases.case_verify(case_id=case_id, actor=users.liaison, conclusion=conclusion, note="内部：走访了三户")
    cases.case_dispose(case_id=case_id, actor=users.liaison, rectification="已督促施工方返工")
    cases.case_close(case_id=case_id, actor=users.inspector_a)
    report.case.refresh_from_db()
    return report
