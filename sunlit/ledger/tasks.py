"""The ledger's background task: an uploaded file's import, run by `sunlit db_worker` (started
beside the web server by `sunlit serve`), never in a web request or a web process's thread."""

from django_tasks import task


@task()
def import_job_task(job_id: int) -> dict:
    from .jobs import import_job_run
    from .models import ImportJob

    job = import_job_run(ImportJob.objects.get(pk=job_id))
    return {"job": job.pk, "status": job.status, "rows": job.rows}
