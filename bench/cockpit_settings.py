"""Settings of the benchmark's server: the deployment's, with two changes for 20 clients at once.

- Database connections are closed at the end of each request: Django's threaded server runs every
  request in a new thread, so a connection kept for reuse (CONN_MAX_AGE) would never be reused and
  the clients would exhaust PostgreSQL's connection slots.
- The server's listen backlog is 64 instead of Django's 10: beyond 10 connections waiting to be
  accepted the kernel drops new ones and each client retries a second later, which would measure
  the backlog, not the cockpit."""

from django.core.servers.basehttp import WSGIServer

from sunlit.settings.base import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
WSGIServer.request_queue_size = 64
