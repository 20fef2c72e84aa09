"""Settings of the benchmark's server: the deployment's, with database connections closed at the end
of each request. Django's threaded server runs every request in a new thread, so a connection kept
for reuse (CONN_MAX_AGE) would never be reused and 20 clients would exhaust PostgreSQL's slots."""

from sunlit.settings.base import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
