"""Test settings: fast password hashing, a temporary data directory, the same apps and middleware."""

import os
import tempfile
from pathlib import Path

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATA_DIR = Path(tempfile.mkdtemp(prefix="sunlit-test-"))
LAKE_DIR = DATA_DIR / "lake"
UPLOAD_DIR = DATA_DIR / "uploads"
SUNLIT_PRIVATE_MEDIA_ROOT = PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
STORAGES["default"]["OPTIONS"]["location"] = str(UPLOAD_DIR)
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir()
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
AXES_FAILURE_LIMIT = 5
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The cockpit reads its tallies afresh on every request (tests check figures right after each event).
SUNLIT_COCKPIT_CACHE_SECONDS = 0

# Several test runs against one PostgreSQL server (e.g. parallel CI jobs) each need their own test
# database: SUNLIT_TEST_DB_NAME names it (default: Django's test_<name>).
if os.environ.get("SUNLIT_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["SUNLIT_TEST_DB_NAME"]}
