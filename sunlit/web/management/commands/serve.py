import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    """One web worker process per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:      # not Linux
        return max(1, os.cpu_count() or 1)


def gunicorn_command(*, addrport: str, workers: int, threads: int) -> list[str]:
    """Gunicorn with threaded workers (``gthread``): ``workers`` processes of ``threads`` threads
    each, the Django application loaded once before the workers are forked. Each thread keeps its
    database connection between requests (CONN_MAX_AGE); static files come from WhiteNoise."""
    return [sys.executable, "-m", "gunicorn", "sunlit.wsgi:application",
            "--bind", addrport, "--worker-class", "gthread", "--workers", str(workers), "--threads", str(threads),
            "--preload", "--graceful-timeout", "10", "--no-control-socket", "--log-level", "warning",
            "--error-logfile", "-"]


class Command(BaseCommand):
    help = ("Serve Sunlit on 127.0.0.1:8000 with gunicorn (threaded workers, one process per CPU by default; "
            "put it behind a reverse proxy for HTTPS in production), with a background worker "
            "(`sunlit db_worker`) beside it for uploads' imports and other queued tasks.")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=None,
                            help="web worker processes (default: one per CPU)")
        parser.add_argument("--threads", type=int, default=4, help="threads per web worker process (default 4)")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background worker (run `sunlit db_worker` yourself)")

    def handle(self, *args, addrport, workers, threads, no_worker, **options):
        workers = default_workers() if workers is None else workers
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        if ":" not in addrport:         # a port alone, as runserver accepts
            addrport = f"127.0.0.1:{addrport}"
        call_command("migrate", interactive=False, verbosity=0)
        from django.db import connections

        connections.close_all()
        children: list[subprocess.Popen] = []
        if not no_worker:
            children.append(subprocess.Popen([sys.executable, "-m", "sunlit", "db_worker", "--interval", "1",
                                              "--no-reload", "--no-startup-delay"]))
        web = subprocess.Popen(gunicorn_command(addrport=addrport, workers=workers, threads=threads))  # noqa: S603
        children.insert(0, web)
        self.stdout.write(f"Sunlit: http://{addrport}/  ({workers} worker process{'es' if workers > 1 else ''} × "
                          f"{threads} threads; Ctrl-C to stop)")
        self.stdout.flush()
        previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
        try:
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            _stop(children)
        if web.returncode not in (0, -signal.SIGTERM, -signal.SIGINT):
            raise CommandError(f"the web server stopped with exit status {web.returncode}")


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def _stop(children: list[subprocess.Popen]) -> None:
    """Ask each child to stop (SIGTERM: gunicorn finishes the requests under way), then wait;
    a child still running after 15 s is killed."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
