from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Sunlit on 127.0.0.1:8000 (the embedded server; put a WSGI server behind a proxy in production)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Sunlit: http://{addrport}/  (Ctrl-C to stop)")
        call_command("runserver", addrport, use_reloader=False, use_threading=True)
