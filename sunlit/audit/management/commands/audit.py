import json

from django.core.management.base import BaseCommand, CommandError

from sunlit.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit chain tools. `sunlit audit verify` walks the chain and reports the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, action, **options):
        verdict = audit_verify()
        if options["json"]:
            self.stdout.write(json.dumps({"ok": verdict.ok, "checked": verdict.checked,
                                          "broken_seq": verdict.broken_seq, "reason": verdict.reason}))
        elif verdict.ok:
            self.stdout.write(self.style.SUCCESS(f"audit chain intact: {verdict.checked} rows checked"))
        if not verdict.ok:
            raise CommandError(f"audit chain broken at row {verdict.broken_seq}: {verdict.reason} "
                               f"({verdict.checked} rows checked before it)")
