import time

from django.core.management.base import BaseCommand

from sunlit.jobs.schedule import schedule_enqueue_due


class Command(BaseCommand):
    help = ("Enqueue the scheduled jobs (SUNLIT_SCHEDULE) when they are due. `--once` checks once and "
            "exits (for cron); otherwise it checks every minute. `sunlit db_worker` runs what is enqueued.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, once, interval, **options):
        while True:
            for name in schedule_enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)
