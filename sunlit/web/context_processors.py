"""Navigation by role: each entry shows only to the roles whose actions it needs."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from sunlit.accounts.roles import can

_ENTRIES = [
    ("web:home", _("Home"), None),
    ("cockpit:home", _("Cockpit"), "cockpit.view"),
    ("regions:tree", _("Regions"), "regions.view"),
    ("regions:import", _("Import regions"), "regions.import"),
    ("ledger:index", _("Village ledger"), "ledger.view"),
    ("audit:events", _("Audit log"), "audit.view"),
    ("supervision:alert_list", _("Alerts"), "alerts.view"),
    ("supervision:model_list", _("Models"), "models.view"),
    ("cases:inbox", _("My cases"), "cases.take"),
    ("cases:queue", _("Cases"), "cases.view"),
    ("loop:problem_lists", _("Problem lists"), "problems.view"),
    ("loop:campaigns", _("Campaigns"), "campaigns.view"),
    ("loop:reforms", _("Reforms"), "reforms.view"),
    ("entry:home", _("Enter records"), "ledger.write"),
    ("registries:catalogue", _("Data lake"), "lake.view"),
    ("registries:load", _("Load registry"), "registries.load"),
]


@lru_cache(maxsize=64)
def _url(name: str, script_prefix: str) -> str:
    return reverse(name)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    prefix = get_script_prefix()
    items = []
    for name, label, action in _ENTRIES:
        if action is None or can(user.role, action):
            url = _url(name, prefix)
            items.append({"url": url, "label": label, "active": request.path == url})
    if user.is_staff:
        items.append({"url": reverse("admin:index"), "label": _("Administration"), "active": False})
    return {"nav": items}
