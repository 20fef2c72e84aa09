"""The schedule enqueues each due job once, and the model-run task runs the catalogue."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from sunlit.jobs.models import ScheduleMark
from sunlit.jobs.schedule import schedule_enqueue_due
from sunlit.supervision.models import ModelRun

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def calls(settings, monkeypatch):
    settings.SUNLIT_SCHEDULE = {"nightly": ("02:30", "tests.jobs.test_schedule.recorded_task")}
    recorded.clear()
    return recorded


recorded: list[str] = []


class _Result:
    id = "test-task"


class recorded_task:  # noqa: N801 — stands in for a django-tasks Task
    @staticmethod
    def enqueue():
        recorded.append("enqueued")
        return _Result()


def test_a_due_job_is_enqueued_once(calls):
    before = datetime(2026, 10, 2, 2, 0, tzinfo=SHANGHAI)
    assert schedule_enqueue_due(now=before) == ["nightly"]          # yesterday's 02:30 was missed
    assert schedule_enqueue_due(now=before) == []
    after = datetime(2026, 10, 2, 2, 31, tzinfo=SHANGHAI)
    assert schedule_enqueue_due(now=after) == ["nightly"]
    assert schedule_enqueue_due(now=datetime(2026, 10, 2, 23, 0, tzinfo=SHANGHAI)) == []
    assert len(calls) == 2
    marks = [m.due_at.astimezone(SHANGHAI) for m in ScheduleMark.objects.order_by("due_at")]
    assert [(m.day, m.hour, m.minute) for m in marks] == [(1, 2, 30), (2, 2, 30)]


def test_the_model_run_task(settings, tmp_path, world):
    """With nothing in the lake the task records a failed run and says why."""
    from sunlit.engine import EngineError
    from sunlit.jobs.tasks import models_run_task

    settings.LAKE_DIR = tmp_path / "lake"
    with pytest.raises(EngineError):
        models_run_task.call()
    assert ModelRun.objects.get().status == ModelRun.Status.FAILED


def test_schedule_command_once(calls):
    call_command("schedule", "--once")
    assert calls == ["enqueued"]
