"""Test settings: fast password hashing, a temporary data directory, the same apps and middleware."""

import tempfile
from pathlib import Path

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATA_DIR = Path(tempfile.mkdtemp(prefix="sunlit-test-"))
LAKE_DIR = DATA_DIR / "lake"
UPLOAD_DIR = DATA_DIR / "uploads"
STORAGES["default"]["OPTIONS"]["location"] = str(UPLOAD_DIR)
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir()
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
AXES_FAILURE_LIMIT = 5
