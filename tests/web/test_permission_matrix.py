"""The scope permission matrix. Every registered route must be listed in MATRIX with the rule it
follows; the test then checks, for each route, that an anonymous request to a non-public route is
refused, that a user scoped to county A gets 403/404 on county B's objects and never sees them in
lists, and that roles without the action are refused. A route added without an entry here makes
``test_every_route_is_in_the_matrix`` fail."""

import io
from dataclasses import dataclass, field

import openpyxl
import pytest
from django.urls import reverse

from tests.cases.records import case_make
from tests.entry import records
from tests.ledger.records import LEDGER_TABLES, import_job_in, in_both_counties, key_of
from tests.reports.records import jpeg_bytes, report_make
from tests.routes import all_routes
from tests.supervision.alerts import alert_make


def _cases_in_both_counties(w):
    return case_make(w.village_a), case_make(w.village_b, subject_id="Q")


def _case_of(village, **url):
    return lambda w: {"case_id": case_make(getattr(w, village), subject_id="Q" if village == "village_b" else "P1").pk,
                      **url}


def _case_file_of(village):
    """A case in ``village`` with one event carrying a PDF: the URL kwargs of that file."""
    def make(w):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.utils import timezone

        from sunlit.attachments.services import attachment_store
        from sunlit.cases.models import CaseEvent

        case = case_make(getattr(w, village), subject_id="Q" if village == "village_b" else "P1")
        stored = attachment_store(upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), uploaded_by="t")
        CaseEvent.objects.create(case=case, at=timezone.now(), actor_username="t", transition="verify",
                                 to_state=case.state, attachments=[{"id": str(stored.public_id), "name": "a.pdf"}])
        return {"case_id": case.pk, "file_id": str(stored.public_id)}
    return make


def _alerts_in_both_counties(w):
    return alert_make(w.village_a), alert_make(w.village_b)


@dataclass(frozen=True)
class Public:
    """No data; anyone may call it. ``redirects_to``: where it sends an anonymous caller, if anywhere."""
    method: str = "get"
    redirects_to: str | None = None
    at: callable = None   # URL kwargs, for a public page of one region: at(world) → kwargs


@dataclass(frozen=True)
class AlwaysNotFound:
    """A placeholder route that answers 404 to everyone (django-ninja's API root)."""


@dataclass(frozen=True)
class SignedIn:
    """Signed-in users only; shows nothing region-specific."""
    api: bool = False


@dataclass(frozen=True)
class ScopedObject:
    """One object addressed by the URL: county A's user gets it, county B's object is 403/404."""
    own: callable
    other: callable
    api: bool = False


@dataclass(frozen=True)
class ScopedList:
    """A list or export: county A's user sees county A's rows and never county B's. ``setup(world)``
    creates rows in both counties first; ``xlsx`` reads the response as a workbook."""
    query: str = ""
    api: bool = False
    hidden: tuple[str, ...] = ("330106",)   # county B's code prefix
    shown: tuple[str, ...] = ("330102",)    # county A's code prefix
    setup: callable = None
    xlsx: bool = False


@dataclass(frozen=True)
class RoleOnly:
    """Only some roles: ``allowed`` users get 200, ``refused`` users 403."""
    allowed: tuple[str, ...]
    refused: tuple[str, ...] = field(default=("inspector_a", "liaison", "clerk"))


@dataclass(frozen=True)
class PostOnly:
    """A route that only writes (POST): anonymous callers are refused, ``refused`` roles get 403,
    ``allowed`` roles get past the permission check (an empty JSON list is then refused as input)."""
    allowed: tuple[str, ...]
    refused: tuple[str, ...]
    api: bool = False


@dataclass(frozen=True)
class ScopedAction:
    """A POST route acting on one object (a case transition): anonymous callers are refused,
    ``refused`` users get 403, a user of the other county gets 403/404 (and so does county A's user
    on county B's object), ``allowed`` users get past the permission check (a state conflict, 409,
    counts as past it)."""
    own: callable
    other: callable
    allowed: tuple[str, ...]
    refused: tuple[str, ...]
    api: bool = False


def _county_cases(w):
    """A case held by each county's commission (so county inspectors have an inbox)."""
    from sunlit.cases.models import Case

    for village, county, subject in ((w.village_a, w.county_a, "P1"), (w.village_b, w.county_b, "Q")):
        Case.objects.filter(pk=case_make(village, subject_id=subject).pk).update(level="county", handling_code=county.code)


_HANDLER_STEP = {"allowed": ("liaison",), "refused": ("clerk", "steward", "admin")}
_SUPERVISOR_STEP = {"allowed": ("inspector_a", "admin"), "refused": ("liaison", "clerk", "steward")}
# A liaison officer closes the citizen reports the station handled (tests/cases/test_engine.py), not alerts.
_CLOSE_STEP = {"allowed": ("inspector_a", "admin"), "refused": ("clerk", "steward")}
CASE_ROUTES = {
    "cases:queue": ScopedList(setup=_cases_in_both_counties),
    "cases:inbox": ScopedList(setup=_county_cases),
    "cases:detail": ScopedObject(own=_case_of("village_a"), other=_case_of("village_b")),
    "cases:step": ScopedAction(own=_case_of("village_a", step="take"), other=_case_of("village_b", step="take"),
                               **_HANDLER_STEP),
    "api:case_list": ScopedList(api=True, setup=_cases_in_both_counties),
    "api:case_inbox": ScopedList(api=True, setup=_county_cases),
    "api:case_get": ScopedObject(own=_case_of("village_a"), other=_case_of("village_b"), api=True),
    **{f"api:case_{step}": ScopedAction(own=_case_of("village_a"), other=_case_of("village_b"), api=True, **rule)
       for step, rule in (("take", _HANDLER_STEP), ("return", _HANDLER_STEP), ("start_verification", _HANDLER_STEP),
                          ("verify", _HANDLER_STEP), ("dispose", _HANDLER_STEP), ("dispatch", _SUPERVISOR_STEP),
                          ("close", _CLOSE_STEP), ("reopen", _SUPERVISOR_STEP))},
    "cases:file": ScopedObject(own=_case_file_of("village_a"), other=_case_file_of("village_b")),
    "cases:dispatch_bulk": PostOnly(allowed=("inspector_a", "admin"), refused=("liaison", "clerk", "steward")),
    "api:case_bulk_dispatch": PostOnly(allowed=("inspector_a", "admin"), refused=("liaison", "clerk", "steward"),
                                       api=True),
    "api:case_context": ScopedObject(own=_case_of("village_a"), other=_case_of("village_b"), api=True),
    "api:case_file": ScopedObject(own=_case_file_of("village_a"), other=_case_file_of("village_b"), api=True),
    "api:case_step_with_files": ScopedAction(own=_case_of("village_a", step="take"),
                                             other=_case_of("village_b", step="take"), api=True, **_HANDLER_STEP),
    "api:case_escalate": ScopedAction(own=_case_of("village_a"), other=_case_of("village_b"), api=True,
                                      allowed=("liaison", "inspector_a"), refused=("clerk", "steward")),
}


def _loop_records():
    from tests.closedloop import records

    return records


def _loop_objects(make):
    """``(own, other)`` for a closed-loop object made by ``make(region)`` in county A and county B."""
    from tests.closedloop import records as loop

    maker = getattr(loop, make)
    return (lambda w: maker(w.county_a), lambda w: maker(w.county_b))


def _loop_in_both_counties(make):
    def setup(w):
        from tests.closedloop import records as loop

        return getattr(loop, make)(w.county_a), getattr(loop, make)(w.county_b)
    return setup


def _loop_url(make, key, **url):
    own, other = _loop_objects(make)
    return {"own": lambda w: {key: own(w).pk, **url}, "other": lambda w: {key: other(w).pk, **url}}


def _loop_task(county):
    def make(w):
        from tests.closedloop.records import campaign_in

        return {"task_id": campaign_in(getattr(w, county)).tasks.get().pk}
    return make


_PROBLEM_LIST = _loop_url("problem_list_in", "list_id")
_CAMPAIGN = _loop_url("campaign_in", "campaign_id")
_REFORM = _loop_url("reform_in", "reform_id")
_TASK_MOVE = {"own": _loop_task("county_a"), "other": _loop_task("county_b"),
              "allowed": ("liaison", "clerk", "inspector_a", "admin"), "refused": ("steward",)}
LOOP_ROUTES = {
    "loop:problem_lists": ScopedList(setup=_loop_in_both_counties("problem_list_in")),
    "loop:problem_list": ScopedObject(**_PROBLEM_LIST),
    "loop:problem_list_print": ScopedObject(**_PROBLEM_LIST),
    "loop:problem_list_export": ScopedObject(**_PROBLEM_LIST),
    "loop:campaigns": ScopedList(setup=_loop_in_both_counties("campaign_in")),
    "loop:campaign": ScopedObject(**_CAMPAIGN),
    "loop:campaign_evaluation": ScopedObject(**_CAMPAIGN),
    "loop:campaign_task": ScopedAction(**_TASK_MOVE),
    "loop:reforms": ScopedList(setup=_loop_in_both_counties("reform_in")),
    "loop:reform": ScopedObject(**_REFORM),
    "loop:reform_file": ScopedObject(own=lambda w: _loop_records().reform_with_file_in(w.county_a),
                                     other=lambda w: _loop_records().reform_with_file_in(w.county_b)),
    "api:loop_problem_lists": ScopedList(api=True, setup=_loop_in_both_counties("problem_list_in")),
    "api:loop_problem_list_generate": ScopedList(api=True, setup=_loop_in_both_counties("problem_list_in")),
    "api:loop_problem_list_get": ScopedObject(api=True, **_PROBLEM_LIST),
    "api:loop_campaigns": ScopedList(api=True, setup=_loop_in_both_counties("campaign_in")),
    "api:loop_campaign_create": ScopedList(api=True, setup=_loop_in_both_counties("campaign_in")),
    "api:loop_campaign_get": ScopedObject(api=True, **_CAMPAIGN),
    "api:loop_campaign_tasks": ScopedObject(api=True, **_CAMPAIGN),
    "api:loop_campaign_evaluation": ScopedObject(api=True, **_CAMPAIGN),
    "api:loop_progress": ScopedList(api=True, setup=_loop_in_both_counties("campaign_in")),
    "api:loop_task_move": ScopedAction(api=True, **_TASK_MOVE),
    "api:loop_reforms": ScopedList(api=True, setup=_loop_in_both_counties("reform_in")),
    "api:loop_reform_create": ScopedList(api=True, setup=_loop_in_both_counties("reform_in")),
    "api:loop_reform_get": ScopedObject(api=True, **_REFORM),
}

MATRIX = {
    "web:home": SignedIn(),
    "web:healthz": Public(),
    "accounts:login": Public(),
    "accounts:logout": Public(method="post", redirects_to="/accounts/login/"),
    "accounts:two_factor_verify": SignedIn(),
    "accounts:two_factor_setup": SignedIn(),
    "set_language": Public(method="post", redirects_to="/"),
    "regions:tree": SignedIn(),
    "regions:detail": ScopedObject(own=lambda w: {"code": w.county_a.code}, other=lambda w: {"code": w.county_b.code}),
    "regions:export": ScopedList(query="?format=csv"),
    "regions:import": RoleOnly(allowed=("steward", "admin")),
    "audit:events": RoleOnly(allowed=("admin",), refused=("inspector_a", "steward", "liaison", "clerk")),
    "registries:catalogue": RoleOnly(allowed=("steward", "admin", "inspector_a"), refused=("liaison", "clerk")),
    "registries:load": RoleOnly(allowed=("steward", "admin")),
    "supervision:alert_list": ScopedList(setup=_alerts_in_both_counties),
    "supervision:alert_export": ScopedList(setup=_alerts_in_both_counties, xlsx=True),
    "supervision:alert_detail": ScopedObject(own=lambda w: {"alert_id": alert_make(w.village_a).pk},
                                             other=lambda w: {"alert_id": alert_make(w.village_b, subject_id="Q").pk}),
    "supervision:model_list": RoleOnly(allowed=("inspector_a", "admin"), refused=("clerk", "steward", "liaison")),
    "api:alert_list": ScopedList(api=True, setup=_alerts_in_both_counties),
    "api:alert_get": ScopedObject(own=lambda w: {"alert_id": alert_make(w.village_a).pk},
                                  other=lambda w: {"alert_id": alert_make(w.village_b, subject_id="Q").pk}, api=True),
    "api:openapi-json": Public(),
    "api:api-root": AlwaysNotFound(),
    "api:me": SignedIn(api=True),
    "api:region_list": ScopedList(api=True),
    "api:region_get": ScopedObject(own=lambda w: {"code": w.county_a.code}, other=lambda w: {"code": w.county_b.code}, api=True),
    "public:village_labour": Public(at=lambda w: {"village_code": w.village_a.code}),
    "public:village": Public(at=lambda w: {"village_code": w.village_a.code}),
    "public:village_labour_export": Public(at=lambda w: {"village_code": w.village_a.code}),
    "public:village_qr": Public(at=lambda w: {"village_code": w.village_a.code, "fmt": "svg"}),
    "public:village_poster": Public(at=lambda w: {"village_code": w.village_a.code, "fmt": "png"}),
    "public:disclosure_publish": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                              other=lambda w: {"village_code": w.village_b.code}),
    "api:public_village": Public(at=lambda w: {"code": w.village_a.code}),
    "api:public_village_labour": Public(at=lambda w: {"code": w.village_a.code}),
    "entry:home": ScopedList(),
    "entry:labour_tasks": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                       other=lambda w: {"village_code": w.village_b.code}),
    "entry:labour_task": ScopedObject(own=lambda w: records.labour_task(w.village_a),
                                      other=lambda w: records.labour_task(w.village_b)),
    "entry:labour_attendance": ScopedObject(own=lambda w: records.labour_task(w.village_a),
                                            other=lambda w: records.labour_task(w.village_b)),
    "entry:labour_pay": ScopedObject(own=lambda w: records.labour_task(w.village_a),
                                     other=lambda w: records.labour_task(w.village_b)),
    "entry:projects": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                   other=lambda w: {"village_code": w.village_b.code}),
    "entry:project": ScopedObject(own=lambda w: records.project(w.village_a), other=lambda w: records.project(w.village_b)),
    "entry:project_step": ScopedObject(own=lambda w: {**records.project(w.village_a), "step": "award"},
                                       other=lambda w: {**records.project(w.village_b), "step": "award"}),
    "entry:purchases": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                    other=lambda w: {"village_code": w.village_b.code}),
    "entry:assets": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                 other=lambda w: {"village_code": w.village_b.code}),
    "entry:asset": ScopedObject(own=lambda w: records.asset(w.village_a), other=lambda w: records.asset(w.village_b)),
    "entry:lease": ScopedObject(own=lambda w: records.lease(w.village_a), other=lambda w: records.lease(w.village_b)),
    "entry:relief": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                 other=lambda w: {"village_code": w.village_b.code}),
    "entry:relief_payments": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                          other=lambda w: {"village_code": w.village_b.code}),
    "entry:seals": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                other=lambda w: {"village_code": w.village_b.code}),
    "entry:seal_uses": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                    other=lambda w: {"village_code": w.village_b.code}),
    "entry:seal_use": ScopedObject(own=lambda w: records.seal_usage(w.village_a),
                                   other=lambda w: records.seal_usage(w.village_b)),
    "entry:cadres": ScopedObject(own=lambda w: {"village_code": w.village_a.code},
                                 other=lambda w: {"village_code": w.village_b.code}),
    "ledger:index": SignedIn(),
    "ledger:template": SignedIn(),
    "ledger:import": RoleOnly(allowed=("clerk", "steward", "admin"), refused=("inspector_a", "liaison")),
    "ledger:job": ScopedObject(own=lambda w: import_job_in(w.village_a.code), other=lambda w: import_job_in(w.village_b.code)),
    "ledger:job_status": ScopedObject(own=lambda w: import_job_in(w.village_a.code),
                                      other=lambda w: import_job_in(w.village_b.code)),
    "ledger:job_errors": ScopedObject(own=lambda w: import_job_in(w.village_a.code),
                                      other=lambda w: import_job_in(w.village_b.code)),
    **{f"ledger:{t}_list": ScopedList(setup=in_both_counties(t)) for t in LEDGER_TABLES},
    **{f"api:ledger_{t}_list": ScopedList(api=True, setup=in_both_counties(t)) for t in LEDGER_TABLES},
    # POST creates at the list's address; a GET there is the list.
    **{f"api:ledger_{t}_create": ScopedList(api=True, setup=in_both_counties(t)) for t in LEDGER_TABLES},
    **{f"api:ledger_{t}_get": ScopedObject(own=lambda w, t=t: key_of(t, w.village_a.code),
                                           other=lambda w, t=t: key_of(t, w.village_b.code), api=True)
       for t in LEDGER_TABLES},
    **{f"api:ledger_{t}_bulk": PostOnly(allowed=("clerk", "steward", "admin"), refused=("inspector_a", "liaison"), api=True)
       for t in LEDGER_TABLES},
    **CASE_ROUTES,
    **LOOP_ROUTES,
    # The cockpit: a region of one's own subtree (the scope root by default); inspectors and administrators.
    "cockpit:home": ScopedList(),
    "cockpit:region": ScopedObject(own=lambda w: {"code": w.county_a.code}, other=lambda w: {"code": w.county_b.code}),
    "cockpit:export": ScopedObject(own=lambda w: {"code": w.county_a.code}, other=lambda w: {"code": w.county_b.code}),
    "api:cockpit_root": ScopedList(api=True),
    **{f"api:cockpit_{name}": ScopedObject(own=lambda w: {"code": w.county_a.code},
                                           other=lambda w: {"code": w.county_b.code}, api=True)
       for name in ("region", "children", "ranking", "today")},
    # Citizen reports: the form and the tracking pages are public (rate limited); a report's photo and
    # the public reply are for the officers whose scope holds the village.
    "reports:new": Public(),
    "reports:track": Public(),
    "reports:track_code": Public(at=lambda w: {"code": report_make(w.village_a).tracking_code}),
    "reports:photo": ScopedObject(own=lambda w: {"photo_id": report_make(w.village_a, photos=[jpeg_bytes()]).photos.get().pk},
                                  other=lambda w: {"photo_id": report_make(w.village_b, photos=[jpeg_bytes()]).photos.get().pk}),
    "reports:reply": ScopedAction(own=lambda w: {"case_id": report_make(w.village_a).case_id},
                                  other=lambda w: {"case_id": report_make(w.village_b).case_id},
                                  allowed=("liaison", "inspector_a", "admin"), refused=("clerk", "steward")),
    "api:reports": Public(),   # GET: the form's choices and limits; POST (same route): an anonymous report
    "api:report_track": Public(at=lambda w: {"code": report_make(w.village_a).tracking_code}),
}
ADMIN_NAMESPACE = "admin"  # Django's admin site: administrators only, every route.


def _routes():
    return [r for r in all_routes() if r.namespace != ADMIN_NAMESPACE]


def test_every_route_is_in_the_matrix():
    routes = _routes()
    unnamed = [r.pattern for r in routes if r.name is None]
    assert not unnamed, f"routes without a name cannot be checked: {unnamed}"
    missing = sorted({r.name for r in routes} - set(MATRIX))
    assert not missing, f"routes not covered by the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - {r.name for r in routes})
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


def _url(name, kwargs=None, query=""):
    return reverse(name, kwargs=kwargs) + query


def _entries(kind):
    return [pytest.param(name, rule, id=name) for name, rule in MATRIX.items() if isinstance(rule, kind)]


def _client(rule, users, client_for, api_client_for, who):
    user = getattr(users, who)
    return (api_client_for if getattr(rule, "api", False) else client_for)(user)


def _assert_refused_anonymously(response, api):
    if api:
        assert response.status_code == 401, response.content[:200]
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name,rule", _entries(Public))
def test_public_routes_answer_anonymously(name, rule, world, client_for):
    response = getattr(client_for(None), rule.method)(_url(name, rule.at(world) if rule.at else None))
    if rule.redirects_to is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"] == rule.redirects_to


@pytest.mark.parametrize("name,rule", _entries(AlwaysNotFound))
def test_placeholder_routes_answer_404(name, rule, users, client_for):
    for user in (None, users.admin):
        assert client_for(user).get(_url(name)).status_code == 404


@pytest.mark.parametrize("name,rule", _entries(SignedIn) + _entries(ScopedList) + _entries(RoleOnly))
def test_private_routes_refuse_anonymous(name, rule, world, client_for):
    query = getattr(rule, "query", "")
    _assert_refused_anonymously(client_for(None).get(_url(name, query=query)), getattr(rule, "api", False))


@pytest.mark.parametrize("name,rule", _entries(ScopedObject))
def test_scoped_objects(name, rule, users, world, client_for, api_client_for):
    client = _client(rule, users, client_for, api_client_for, "inspector_a")
    assert client.get(_url(name, rule.own(world))).status_code == 200
    assert client.get(_url(name, rule.other(world))).status_code in (403, 404)
    other_side = _client(rule, users, client_for, api_client_for, "inspector_b")
    assert other_side.get(_url(name, rule.own(world))).status_code in (403, 404)
    _assert_refused_anonymously(client_for(None).get(_url(name, rule.own(world))), rule.api)


def _text_of(response, rule) -> str:
    if not rule.xlsx:
        return response.content.decode()
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row)


@pytest.mark.parametrize("name,rule", _entries(ScopedList))
def test_scoped_lists(name, rule, users, world, client_for, api_client_for):
    if rule.setup:
        rule.setup(world)
    for who, shown, hidden in (("inspector_a", rule.shown, rule.hidden), ("inspector_b", rule.hidden, rule.shown)):
        response = _client(rule, users, client_for, api_client_for, who).get(_url(name, query=rule.query))
        assert response.status_code == 200
        body = _text_of(response, rule)
        assert all(s in body for s in shown), f"{who} should see {shown}"
        assert not any(h in body for h in hidden), f"{who} must not see {hidden}"


@pytest.mark.parametrize("name,rule", _entries(RoleOnly))
def test_role_only_routes(name, rule, users, world, client_for):
    for who in rule.allowed:
        assert client_for(getattr(users, who)).get(_url(name)).status_code == 200, who
    for who in rule.refused:
        assert client_for(getattr(users, who)).get(_url(name)).status_code == 403, who


@pytest.mark.parametrize("name,rule", _entries(ScopedAction))
def test_scoped_actions(name, rule, users, world, client_for, api_client_for):
    def post(who, kwargs):
        client = _client(rule, users, client_for, api_client_for, who)
        return client.post(_url(name, kwargs), data="{}", content_type="application/json")

    own, other = rule.own(world), rule.other(world)
    _assert_refused_anonymously(post("anonymous", own), rule.api)
    assert post("inspector_b", own).status_code in (403, 404)
    assert post("inspector_a", other).status_code in (403, 404)
    for who in rule.refused:
        assert post(who, own).status_code == 403, who
    for who in rule.allowed:
        assert post(who, own).status_code not in (401, 403, 404), who


@pytest.mark.parametrize("name,rule", _entries(PostOnly))
def test_post_only_routes(name, rule, users, world, client_for, api_client_for):
    def post(who):
        client = _client(rule, users, client_for, api_client_for, who)
        return client.post(_url(name), data="[]", content_type="application/json")

    _assert_refused_anonymously(post("anonymous"), rule.api)
    for who in rule.refused:
        assert post(who).status_code == 403, who
    for who in rule.allowed:
        assert post(who).status_code not in (401, 403), who


def test_admin_site_is_for_administrators_only(users, world, client_for):
    admin_routes = [r for r in all_routes() if r.namespace == ADMIN_NAMESPACE]
    assert len(admin_routes) > 10
    sample = {"object_id": world.county_b.code, "url": "x", "content_type_id": "1",
              "app_label": "regions", "model_name": "region"}
    inspector, admin = client_for(users.inspector_a), client_for(users.admin)
    checked = 0
    for route in admin_routes:
        path = route.pattern.replace("^", "").replace("$", "")
        for key in route.kwargs:
            path = path.replace(f"<path:{key}>", sample.get(key, "1")).replace(f"<{key}>", sample.get(key, "1")) \
                       .replace(f"(?P<{key}>.*)", sample.get(key, "1")).replace(f"(?P<{key}>regions)", "regions")
        if "<" in path or "(?P" in path:
            continue
        response = inspector.get(path)
        assert response.status_code in (302, 403, 404), (path, response.status_code)
        if response.status_code == 302:
            location = response["Location"]
            assert location.startswith(("/accounts/login/", "/admin/login/")) or location == "/admin/", (path, location)
        checked += 1
    assert checked >= len(admin_routes) // 2
    assert admin.get("/admin/").status_code == 200
    assert admin.get(f"/admin/regions/region/{world.county_b.code}/change/").status_code == 200
