"""Roles, the levels each may be scoped to, and the actions each may take (分层授权: the scope
says where, the role says what)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    INSPECTOR = "inspector", _("Discipline inspector")
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    VILLAGE_CLERK = "village_clerk", _("Village clerk")
    DATA_STEWARD = "data_steward", _("Data steward")


SCOPE_LEVELS: dict[str, tuple[str, ...]] = {
    Role.ADMINISTRATOR: ("province",),
    Role.INSPECTOR: ("province", "city", "county", "township"),
    Role.LIAISON_OFFICER: ("village",),
    Role.VILLAGE_CLERK: ("village",),
    Role.DATA_STEWARD: ("province", "city", "county"),
}

_EVERYONE = {"regions.view"}
# Supervision models and their alerts: everyone with a scope sees the alerts in it; inspectors and
# administrators see the model catalogue; administrators run models and set their parameters.
_ALERTS = {"alerts.view", "alerts.export"}
_MODELS_VIEW = {"models.view"}
_MODELS_ADMIN = {"models.run", "models.configure"}
# The village ledger: everyone reads (and exports) their scope's records; clerks (their village),
# data stewards (their region) and administrators write. Inspectors never write the ledger.
_LEDGER_READ = {"ledger.view", "ledger.export"}
_LEDGER_WRITE = {"ledger.write"}
# External registries and the lake: data stewards and administrators load; inspectors see the catalogue.
_LAKE_VIEW = {"lake.view"}
_REGISTRIES_LOAD = {"registries.load"}
ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(_EVERYONE | {"regions.import", "regions.export", "users.manage", "audit.view"}
                                  | _LEDGER_READ | _LEDGER_WRITE | _LAKE_VIEW | _REGISTRIES_LOAD),
    Role.INSPECTOR: frozenset(_EVERYONE | {"regions.export"} | _LEDGER_READ | _LAKE_VIEW),
    Role.LIAISON_OFFICER: frozenset(_EVERYONE | _LEDGER_READ),
    Role.VILLAGE_CLERK: frozenset(_EVERYONE | _LEDGER_READ | _LEDGER_WRITE),
    Role.DATA_STEWARD: frozenset(_EVERYONE | {"regions.import", "regions.export"} | _LEDGER_READ | _LEDGER_WRITE
                                 | _LAKE_VIEW | _REGISTRIES_LOAD),
}

ACTIONS.update({
    Role.ADMINISTRATOR: ACTIONS[Role.ADMINISTRATOR] | _ALERTS | _MODELS_VIEW | _MODELS_ADMIN,
    Role.INSPECTOR: ACTIONS[Role.INSPECTOR] | _ALERTS | _MODELS_VIEW,
    Role.LIAISON_OFFICER: ACTIONS[Role.LIAISON_OFFICER] | _ALERTS,
})

# Cases (预警处置): everyone who handles or supervises them sees the cases in their scope. Liaison officers
# take, verify and dispose their village's cases; inspectors also dispatch, close and reopen;
# administrators supervise (dispatch, escalate, close, reopen) but handle none. Which case a user may
# act on is decided by sunlit.cases.rules (handling unit or supervisor).
_CASES_HANDLE = {"cases.view", "cases.take", "cases.verify", "cases.dispose", "cases.escalate"}
_CASES_SUPERVISE = {"cases.view", "cases.dispatch", "cases.close", "cases.reopen", "cases.escalate"}
ACTIONS.update({
    Role.ADMINISTRATOR: ACTIONS[Role.ADMINISTRATOR] | _CASES_SUPERVISE,
    Role.INSPECTOR: ACTIONS[Role.INSPECTOR] | _CASES_HANDLE | _CASES_SUPERVISE,
    # A liaison station also closes (办结) the citizen reports it handled (sunlit.cases.rules.may_close).
    Role.LIAISON_OFFICER: ACTIONS[Role.LIAISON_OFFICER] | _CASES_HANDLE | {"cases.close"},
})

# The closed loop (sunlit.closedloop): inspectors and administrators issue problem lists, run campaigns,
# record reforms (province/city/county scope only, checked by the service) and read the evaluation;
# a village's liaison officer and clerk see the campaigns over their village and work their task;
# inspectors verify tasks.
_LOOP_SUPERVISE = {"problems.view", "problems.generate", "campaigns.view", "campaigns.create", "campaigns.verify",
                   "reforms.view", "reforms.create", "evaluation.view"}
_LOOP_VILLAGE = {"campaigns.view", "campaigns.work"}
ACTIONS.update({
    Role.ADMINISTRATOR: ACTIONS[Role.ADMINISTRATOR] | _LOOP_SUPERVISE,
    Role.INSPECTOR: ACTIONS[Role.INSPECTOR] | _LOOP_SUPERVISE,
    Role.LIAISON_OFFICER: ACTIONS[Role.LIAISON_OFFICER] | _LOOP_VILLAGE,
    Role.VILLAGE_CLERK: ACTIONS[Role.VILLAGE_CLERK] | _LOOP_VILLAGE,
})

# Three-affairs disclosures (三务公开): clerks publish for their village, administrators anywhere.
_DISCLOSURES_PUBLISH = {"disclosures.publish"}
ACTIONS.update({
    Role.ADMINISTRATOR: ACTIONS[Role.ADMINISTRATOR] | _DISCLOSURES_PUBLISH,
    Role.VILLAGE_CLERK: ACTIONS[Role.VILLAGE_CLERK] | _DISCLOSURES_PUBLISH,
})
# The cockpit (驾驶舱): inspectors and administrators read the figures of their scope.
ACTIONS.update({
    Role.ADMINISTRATOR: ACTIONS[Role.ADMINISTRATOR] | {"cockpit.view"},
    Role.INSPECTOR: ACTIONS[Role.INSPECTOR] | {"cockpit.view"},
})


def can(role: str, action: str) -> bool:
    return action in ACTIONS.get(role, frozenset())
