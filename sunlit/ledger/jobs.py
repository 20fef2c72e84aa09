"""Import jobs for the upload page: the upload is stored, a job row created, and the import
enqueued as a background task (``sunlit.ledger.tasks.import_job_task``, run by `sunlit db_worker`;
the test settings' immediate backend runs it at once); the page polls the job's progress."""

import json
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sunlit.accounts.scope import require
from sunlit.errors import InvalidInput
from sunlit.tabular import read_format_of

from .importing import ledger_import_file
from .models import ImportJob
from .services import WRITE_ACTION

log = logging.getLogger(__name__)
MAX_STORED_ERRORS = 5000


def _folder() -> Path:
    folder = Path(settings.UPLOAD_DIR) / "ledger-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def progress_path(job: ImportJob) -> Path:
    return _folder() / f"{job.pk}.progress.json"


def progress_of(job: ImportJob) -> dict:
    """{'rows': …, 'fraction': …} while running; the final figures once finished."""
    if job.status == ImportJob.Status.DONE:
        return {"rows": job.rows, "fraction": 1.0}
    try:
        return json.loads(progress_path(job).read_text())
    except (OSError, ValueError):
        return {"rows": 0, "fraction": 0.0}


def import_job_create(*, actor, table: str, upload) -> ImportJob:
    """Store an uploaded file and start importing it. Raises InvalidInput for a file the page
    cannot take at all (wrong type), AccessDenied for a role that may not write the ledger."""
    from . import registry

    require(actor, WRITE_ACTION)
    registry.table(table)
    suffix = read_format_of(upload.name)
    path = _folder() / f"{uuid.uuid4().hex}.{suffix}"
    with open(path, "wb") as out:
        for piece in upload.chunks():
            out.write(piece)
    job = ImportJob.objects.create(table=table, actor=actor, region_code=actor.scope_id or "",
                                   source=upload.name[:255], path=str(path))
    from .tasks import import_job_task

    import_job_task.enqueue(job.pk)
    return job


def import_job_run(job: ImportJob) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    marker = progress_path(job)

    def progress(rows: int, fraction: float) -> None:
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(json.dumps({"rows": rows, "fraction": round(fraction, 4)}))
        tmp.replace(marker)

    fields: dict = {"finished_at": None}
    try:
        result = ledger_import_file(table=job.table, path=job.path, actor=job.actor, source=job.source,
                                    progress=progress)
        fields = {"status": ImportJob.Status.DONE, "rows": result.rows, "created": result.created,
                  "updated": result.updated, "unchanged": result.unchanged}
    except InvalidInput as exc:
        fields = {"status": ImportJob.Status.FAILED, "message": exc.message, "error_count": len(exc.errors),
                  "errors": [e.__dict__ for e in exc.errors[:MAX_STORED_ERRORS]]}
    except Exception:
        log.exception("ledger import job %s failed", job.pk)
        fields = {"status": ImportJob.Status.FAILED,
                  "message": "导入失败（内部错误），未写入任何数据 / the import failed (internal error); nothing was written"}
    finally:
        marker.unlink(missing_ok=True)
        Path(job.path).unlink(missing_ok=True)
    fields["finished_at"] = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job
