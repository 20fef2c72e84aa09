"""Storing an uploaded file: its type is read from its content (never from its name or the browser's
word), its size is checked, an image is re-encoded so that no metadata (EXIF: place, camera, time)
survives, and it is written under ``SUNLIT_PRIVATE_MEDIA_ROOT``. A refused file writes nothing."""

import hashlib
import io
import os
import re
import tempfile
import time
import unicodedata
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from sunlit.audit.services import audit_record
from sunlit.errors import SunlitError

from .models import Attachment, Kind

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_IMAGE_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000

# What case evidence may be: photos, scans, and the office documents a verification produces.
EVIDENCE_KINDS = (Kind.IMAGE, Kind.PDF, Kind.XLSX, Kind.DOCX)


class AttachmentRefused(SunlitError):
    """The file was not stored (wrong type, too large, unreadable). The message says what to do."""

    status = 422


@dataclass(frozen=True)
class _Sniffed:
    kind: str
    content_type: str
    extension: str


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed ``attachment_check``, ready for ``attachment_save``."""

    data: bytes
    sniffed: _Sniffed
    name: str


_ZIP_MEMBERS = {
    Kind.XLSX: ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    Kind.DOCX: ("word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def private_root() -> Path:
    root = getattr(settings, "SUNLIT_PRIVATE_MEDIA_ROOT", None) or Path(settings.DATA_DIR) / "private"
    return Path(root).resolve()


def attachment_limit(kind: str) -> int:
    """The most bytes a file of this kind may have (the overall limit, and for an image the lower
    of it and the image limit)."""
    overall = int(getattr(settings, "SUNLIT_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))
    if kind == Kind.IMAGE:
        return min(overall, int(getattr(settings, "SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES", DEFAULT_IMAGE_MAX_BYTES)))
    return overall


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def safe_name(name: str) -> str:
    """The file's own name as shown to people: no folders, no control characters, at most 200
    characters; a long digit run (which could be an ID number) is hidden."""
    base = os.path.basename(str(name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    base = re.sub(r"[0-9]{14,}[0-9Xx]?", "…", base)
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 190] + "." + ext[:9]) if dot and len(ext) < 10 else base[:200]
    return base or "file"


def _sniff(data: bytes) -> _Sniffed | None:
    if data[:3] == b"\xff\xd8\xff":
        return _Sniffed(Kind.IMAGE, "image/jpeg", "jpg")
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _Sniffed(Kind.IMAGE, "image/png", "png")
    if data[:5] == b"%PDF-":
        return _Sniffed(Kind.PDF, "application/pdf", "pdf")
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            return None          # a macro-enabled workbook or document: not accepted as evidence
        for kind, (member, content_type, extension) in _ZIP_MEMBERS.items():
            if member in names:
                return _Sniffed(kind, content_type, extension)
    return None


def _kinds_text(allowed) -> str:
    return "、".join(str(Kind(k).label) for k in allowed)


def _reencode(data: bytes, sniffed: _Sniffed, shown: str) -> bytes:
    """The image drawn again from its pixels: metadata (EXIF, text chunks, comments) is left
    behind; the EXIF orientation is applied first so that the photo stays upright."""
    max_pixels = int(getattr(settings, "SUNLIT_ATTACHMENT_MAX_PIXELS", DEFAULT_MAX_PIXELS))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > max_pixels:
                    raise AttachmentRefused(
                        _("%(name)s: the image is %(w)s×%(h)s pixels, more than allowed; "
                          "resize it and upload it again.") % {"name": shown, "w": image.width, "h": image.height})
                image.load()
                upright = ImageOps.exif_transpose(image)
                if upright is image:
                    upright = image.copy()
                # Only the pixels (and a palette's transparency) go on: no EXIF, ICC, comment, text.
                kept = {k: v for k, v in upright.info.items() if k == "transparency"}
                upright.info = kept
                out = io.BytesIO()
                if sniffed.content_type == "image/jpeg":
                    if upright.mode not in ("RGB", "L"):
                        upright = upright.convert("RGB")
                    upright.save(out, format="JPEG", quality=90, optimize=True)
                else:
                    if upright.mode not in ("RGB", "RGBA", "L", "LA", "P", "1", "I", "I;16"):
                        upright = upright.convert("RGBA")
                    upright.save(out, format="PNG", optimize=True)
                return out.getvalue()
    except AttachmentRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise AttachmentRefused(
            _("%(name)s: the image could not be read (damaged or not really an image); "
              "take or export it again and upload the new file.") % {"name": shown}) from exc


def _read_capped(upload, cap: int) -> bytes:
    """At most ``cap + 1`` bytes, so an oversized file is known without reading all of it."""
    if hasattr(upload, "seek"):
        try:
            upload.seek(0)
        except (OSError, ValueError):
            pass
    chunks, total = [], 0
    if hasattr(upload, "chunks"):
        for chunk in upload.chunks():
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                break
    else:
        while total <= cap:
            chunk = upload.read(min(1024 * 1024, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)


def attachment_check(*, upload, allowed=(Kind.IMAGE, Kind.PDF)) -> CheckedFile:
    """Validate one upload without storing it: the bytes to store (an image already re-encoded),
    what they are and the name to show. Raises ``AttachmentRefused`` with what is wrong and what to
    do. Check every file of a step first, then ``attachment_save`` them: a refusal then stores none."""
    allowed = tuple(Kind(k) for k in allowed)
    shown = safe_name(getattr(upload, "name", "") or "")
    overall = max(attachment_limit(k) for k in allowed)
    data = _read_capped(upload, overall)
    if not data:
        raise AttachmentRefused(_("%(name)s: the file is empty; choose the file again.") % {"name": shown})
    if len(data) > overall:
        raise AttachmentRefused(
            _("%(name)s: the file is larger than %(limit)s; make it smaller (e.g. a lower photo resolution "
              "or split the document) and upload it again.") % {"name": shown, "limit": _mib(overall)})
    sniffed = _sniff(data)
    if sniffed is None or sniffed.kind not in allowed:
        raise AttachmentRefused(
            _("%(name)s: this kind of file is not accepted here. Accepted: %(kinds)s "
              "(checked by the file's content, not its name); save it as one of these and upload it again.")
            % {"name": shown, "kinds": _kinds_text(allowed)})
    limit = attachment_limit(sniffed.kind)
    if len(data) > limit:
        raise AttachmentRefused(
            _("%(name)s: the file is larger than %(limit)s; make it smaller (e.g. a lower photo resolution "
              "or split the document) and upload it again.") % {"name": shown, "limit": _mib(limit)})
    if sniffed.kind == Kind.IMAGE:
        data = _reencode(data, sniffed, shown)
    stem = shown.rsplit(".", 1)[0] if "." in shown else shown
    return CheckedFile(data=data, sniffed=sniffed, name=f"{stem}.{sniffed.extension}")


@transaction.atomic
def attachment_store(*, upload, uploaded_by: str, allowed=(Kind.IMAGE, Kind.PDF)) -> Attachment:
    """Check ``upload`` (a Django ``UploadedFile`` or any binary file object with a ``name``) and
    keep it. A caller inside a larger transaction should store its files last: if that transaction
    is rolled back after this, the row goes but the file stays behind, unreferenced and never served.
    ``allowed`` lists the kinds accepted (``Kind`` values: image = JPEG or PNG, pdf, xlsx,
    docx). Raises ``AttachmentRefused`` and writes nothing when the file is refused."""
    return attachment_save(checked=attachment_check(upload=upload, allowed=allowed), uploaded_by=uploaded_by)


@transaction.atomic
def attachment_save(*, checked: CheckedFile, uploaded_by: str) -> Attachment:
    """Keep a file that passed ``attachment_check``."""
    data, sniffed, name = checked.data, checked.sniffed, checked.name
    now = timezone.now()
    public_id = uuid.uuid4()
    relative = f"{now:%Y}/{now:%m}/{public_id.hex}.{sniffed.extension}"
    target = private_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o640)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:
        attachment = Attachment.objects.create(
            public_id=public_id, original_name=name, kind=sniffed.kind, content_type=sniffed.content_type,
            size=len(data), sha256=hashlib.sha256(data).hexdigest(), stored_path=relative,
            uploaded_at=now, uploaded_by=uploaded_by)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return attachment


@dataclass(frozen=True)
class PruneResult:
    removed: list[str]          # paths (relative to the private folder) of files with no row
    missing: list[str]          # public ids of rows whose file is gone (kept: they are evidence records)


def attachments_prune(*, older_than: timedelta = timedelta(hours=24), dry_run: bool = False,
                      actor_username: str = "system") -> PruneResult:
    """Remove files under the private folder that no attachment row refers to (left behind when a
    step's transaction rolled back after its files were written, or an interrupted upload's
    temporary file), once they are older than ``older_than``; list rows whose file is missing."""
    root = private_root()
    known = set(Attachment.objects.values_list("stored_path", flat=True))
    cutoff = time.time() - older_than.total_seconds()
    removed = []
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root).as_posix()
            if relative in known or path.stat().st_mtime > cutoff:
                continue
            removed.append(relative)
            if not dry_run:
                path.unlink(missing_ok=True)
    missing = [str(public_id) for public_id, stored in Attachment.objects.values_list("public_id", "stored_path")
               if not (root / stored).is_file()]
    if removed and not dry_run:
        audit_record(kind="attachments_pruned", actor_username=actor_username, object_type="attachment",
                     detail={"removed": len(removed), "missing": len(missing)})
    return PruneResult(removed=removed, missing=missing)
