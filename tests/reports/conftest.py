import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts with no requests counted against any client."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def own_upload_dir(settings, tmp_path):
    """Photos written by one test are not seen by the next."""
    settings.SUNLIT_PRIVATE_MEDIA_ROOT = tmp_path / "private"
