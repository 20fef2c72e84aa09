"""The lake: immutable, versioned Parquet datasets under ``SUNLIT_DATA_DIR/lake``. Plain Python (no
Django imports), so that the model engine can read it anywhere."""

from .store import Lake, Version, new_version_id

__all__ = ["Lake", "Version", "new_version_id"]
