from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock: ``clock.set(2026, 6, 15)`` makes it that local day at 10:00 (Asia/Shanghai)."""
    class Clock:
        def set(self, year, month, day, hour=10):
            moment = datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Shanghai"))
            monkeypatch.setattr(timezone, "now", lambda: moment)
            return moment

    return Clock()
