from django.core.management import call_command
from django.core.management.base import BaseCommand

from sunlit.accounts.system import command_line_actor
from sunlit.demo.townships import synthetic_rows
from sunlit.demo.users import DEMO_PASSWORD, demo_users_create
from sunlit.regions.loading import zhejiang_load
from sunlit.regions.services import regions_import

COUNTY, OTHER_COUNTY = "330102000000", "330106000000"


class Command(BaseCommand):
    help = "Load the demo (Zhejiang's region tree, synthetic townships and villages, one account per role and level) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-serve", action="store_true", help="load only; do not start the server")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, seed, no_serve, addrport, **options):
        call_command("migrate", interactive=False, verbosity=0)
        actor = command_line_actor()
        result = zhejiang_load(actor=actor)
        self.stdout.write(f"Zhejiang region tree: {result.created} created, {result.unchanged} unchanged")
        header, rows = synthetic_rows(county_codes=[COUNTY, OTHER_COUNTY], townships=3, villages=4, seed=seed)
        result = regions_import(rows=rows, header=header, actor=actor, source=f"demo seed {seed}")
        self.stdout.write(f"Synthetic townships and villages: {result.created} created, {result.unchanged} unchanged")
        accounts = demo_users_create(county=COUNTY, other_county=OTHER_COUNTY)
        self.stdout.write("")
        self.stdout.write(f"Sign-in accounts (password for all: {DEMO_PASSWORD}):")
        for username, _role, scope, label in accounts:
            self.stdout.write(f"  {username:<22} {scope}  {label}")
        self.stdout.write("")
        self.stdout.write(f"Open http://{addrport}/accounts/login/")
        if not no_serve:
            call_command("serve", addrport)
