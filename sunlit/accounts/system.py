"""The actor behind a command run on the server itself. Whoever can run ``sunlit`` on the machine
already holds the whole deployment, so commands act as an administrator; the audit chain records
them under ``cli:<operating-system user>``."""

import getpass

from .models import User
from .roles import Role


def command_line_actor() -> User:
    try:
        who = getpass.getuser()
    except Exception:
        who = "unknown"
    return User(username=f"cli:{who}", role=Role.ADMINISTRATOR, scope=None)
