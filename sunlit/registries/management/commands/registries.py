from pathlib import Path

from django.core.management.base import BaseCommand

from sunlit.registries.examples import examples_write


class Command(BaseCommand):
    help = "External registries: `sunlit registries examples DIR` writes one example file per registry."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        examples = sub.add_parser("examples", help="write an example CSV file per registry table")
        examples.add_argument("folder")

    def handle(self, *args, action, folder, **options):
        for path in examples_write(Path(folder)):
            self.stdout.write(str(path))
