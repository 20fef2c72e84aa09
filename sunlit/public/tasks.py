"""Background task: the daily disclosure deadline check (enqueued by `sunlit schedule`, see
SUNLIT_SCHEDULE)."""

from django_tasks import task


@task()
def disclosures_check_task() -> dict:
    from sunlit.accounts.system import command_line_actor

    from .services import disclosures_check

    result = disclosures_check(actor=command_line_actor())
    return {"villages": result.checked_villages, "periods": result.periods, "late": len(result.late),
            "opened": len(result.opened)}
