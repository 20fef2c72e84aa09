"""Background task: the daily deadline sweep (enqueued by `sunlit schedule`, see SUNLIT_SCHEDULE)."""

from django_tasks import task


@task()
def cases_sweep_task() -> dict:
    from sunlit.accounts.system import command_line_actor

    from .services import cases_sweep

    escalated = cases_sweep(actor=command_line_actor())
    return {"escalated": len(escalated)}
