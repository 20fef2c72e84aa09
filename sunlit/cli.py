"""The ``sunlit`` command: Django's management commands under one name
(``sunlit migrate``, ``sunlit serve``, ``sunlit demo``, ``sunlit import TABLE FILE``,
``sunlit audit verify`` …)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunlit.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sunlit", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
