"""Background tasks (django-tasks; the database backend in production, run by `sunlit db_worker`)."""

from django_tasks import task


@task()
def models_run_task(engine: str = "duckdb", region_code: str | None = None) -> dict:
    """The whole catalogue over the newest lake versions, as the nightly schedule runs it."""
    from sunlit.supervision.services import models_run

    run = models_run(engine=engine, region_code=region_code)
    return {"run": run.pk, "status": run.status, "alerts_new": run.alerts_new}
