import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Serve Sunlit on 127.0.0.1:8000 (the embedded server; put a WSGI server behind a proxy in "
            "production), with a background worker (`sunlit db_worker`) beside it for uploads' imports "
            "and other queued tasks.")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background worker (run `sunlit db_worker` yourself)")

    def handle(self, *args, addrport, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        worker = None
        if not no_worker:
            worker = subprocess.Popen([sys.executable, "-m", "sunlit", "db_worker", "--interval", "1", "--no-reload",
                                       "--no-startup-delay"])
        self.stdout.write(f"Sunlit: http://{addrport}/  (Ctrl-C to stop)")
        try:
            call_command("runserver", addrport, use_reloader=False, use_threading=True)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
