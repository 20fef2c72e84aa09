"""Who may take a case's transitions (the role says what, the scope says where):

- the *handling unit* — the users scoped exactly to the case's ``handling_code`` in the role that
  serves that level (liaison officers for a village's liaison station, inspectors for a commission) —
  takes the case (接单), gives back a mis-routed one, verifies and disposes;
- a *supervisor* — an inspector whose scope contains the handling unit, or an administrator —
  dispatches (and re-dispatches), closes and reopens; the handling unit also closes the citizen
  reports it handled;
- a new case is already routed to its first unit, which may take it at once; a dispatch is needed
  only to send it elsewhere, or again after it was given back, escalated or reopened;
- either may escalate; the deadline sweep escalates as the command-line actor (an administrator).

Seeing a case is wider: everyone whose scope contains the case's village (see ``scoped``). These
functions are the ``permission`` of the django-fsm transitions on ``Case``; the role's action is
checked by ``sunlit.accounts.scope.require`` in the services."""

from sunlit.accounts.roles import Role
from sunlit.accounts.scope import scope_prefix
from sunlit.regions import codes

# The role that serves each level of the tree.
HANDLER_ROLE = {"village": Role.LIAISON_OFFICER, "township": Role.INSPECTOR, "county": Role.INSPECTOR,
                "city": Role.INSPECTOR, "province": Role.INSPECTOR}

# The action a role needs for each transition (in sunlit.accounts.roles.ACTIONS).
ACTION_OF = {
    "dispatch": "cases.dispatch", "take": "cases.take", "give_back": "cases.take",
    "start_verification": "cases.verify", "verify": "cases.verify", "dispose": "cases.dispose",
    "close": "cases.close", "escalate": "cases.escalate", "reopen": "cases.reopen",
}


def may_handle(case, user) -> bool:
    return (user is not None and user.is_authenticated and user.is_active
            and user.scope_id == case.handling_code and user.role == HANDLER_ROLE[case.level])


def may_supervise(case, user) -> bool:
    if user is None or user.role not in (Role.INSPECTOR, Role.ADMINISTRATOR):
        return False
    prefix = scope_prefix(user)
    return prefix is not None and case.handling_code.startswith(prefix)


def may_close(case, user) -> bool:
    """A supervisor closes any case; the handling unit also closes a citizen report it has disposed of
    (the liaison station answers the villager and closes the matter — 办结)."""
    return may_supervise(case, user) or (case.source_kind == "report" and may_handle(case, user))


def may_escalate(case, user) -> bool:
    return may_handle(case, user) or may_supervise(case, user)


def has_level_above(case) -> bool:
    return case.level != "province"


def is_report_not_yet_reopened(case) -> bool:
    return case.source_kind == "report" and case.reopen_count == 0


def first_route(*, severity: str, village_code: str) -> str:
    """The unit a new case goes to: red alerts to the township commission, everything else (yellow
    and blue alerts, citizen reports) to the village's liaison station."""
    return codes.parent_code_of(village_code) if severity == "red" else village_code


def route_above(code: str) -> str | None:
    return codes.parent_code_of(code)
