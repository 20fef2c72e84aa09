import pytest

from sunlit.lake import Lake


@pytest.fixture(autouse=True)
def lake(settings, tmp_path):
    """Each test gets its own empty lake."""
    settings.LAKE_DIR = tmp_path / "lake"
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return Lake(settings.LAKE_DIR)
