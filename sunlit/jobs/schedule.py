"""The schedule: which task is enqueued at which local time each day (``SUNLIT_SCHEDULE`` in the
settings: job name → (HH:MM, dotted path of the task)). ``schedule_enqueue_due`` enqueues every
job whose time has come since its last mark, once per due time."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduleMark


def _due_today(at: str, now: datetime) -> datetime:
    hour, minute = (int(x) for x in at.split(":"))
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time(hour, minute)), timezone.get_current_timezone())


def schedule_enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue the jobs due at or before ``now`` (today's time, or yesterday's if today's has not come
    and yesterday's was missed). Returns the names of the jobs enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (at, path) in settings.SUNLIT_SCHEDULE.items():
        due = _due_today(at, now)
        if due > now:
            due -= timedelta(days=1)
        try:
            with transaction.atomic():
                mark = ScheduleMark.objects.create(job=name, due_at=due)
                result = import_string(path).enqueue()
                ScheduleMark.objects.filter(pk=mark.pk).update(task_id=str(result.id))
        except IntegrityError:
            continue
        enqueued.append(name)
    return enqueued
