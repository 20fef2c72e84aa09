"""Model precision from the cases: confirmed (or partly confirmed) ÷ verified, per model and per
region, read through the reader's scope; the model list reports it."""

from sunlit.cases import services
from sunlit.cases.selectors import model_precision
from sunlit.supervision.selectors import model_list
from tests.cases.records import case_make


def _verify(case, users, conclusion, officer):
    services.case_dispatch(case_id=case.pk, actor=users.admin)
    services.case_take(case_id=case.pk, actor=officer)
    services.case_start_verification(case_id=case.pk, actor=officer)
    services.case_verify(case_id=case.pk, actor=officer, conclusion=conclusion)


def _setup(users, world):
    from sunlit.accounts.roles import Role
    from sunlit.accounts.services import user_create

    liaison_b = user_create(username="liaison_b", password="correct-horse-battery-staple",
                            role=Role.LIAISON_OFFICER, scope=world.village_b)
    for n, conclusion in enumerate(["confirmed", "partly_confirmed", "unfounded", "unfounded"]):
        _verify(case_make(world.village_a, subject_id=f"A{n}"), users, conclusion, users.liaison)
    _verify(case_make(world.village_b, subject_id="B0"), users, "confirmed", liaison_b)
    case_make(world.village_a, subject_id="not-verified")                 # opened, not verified: not counted
    _verify(case_make(world.village_a, subject_id="S", model_code="SEAL-02"), users, "unfounded", users.liaison)


def test_precision_per_model_and_region(users, world):
    _setup(users, world)
    everything = model_precision()
    assert everything["LAB-05"] == {"verified": 5, "confirmed": 3, "precision": 0.6}
    assert everything["SEAL-02"] == {"verified": 1, "confirmed": 0, "precision": 0.0}
    by_county = model_precision(level="county")
    assert by_county[("LAB-05", world.county_a.code)] == {"verified": 4, "confirmed": 2, "precision": 0.5}
    assert by_county[("LAB-05", world.county_b.code)] == {"verified": 1, "confirmed": 1, "precision": 1.0}
    assert model_precision(user=users.inspector_a)["LAB-05"]["precision"] == 0.5


def test_the_model_list_reports_precision(users, world):
    _setup(users, world)
    listed = {m["code"]: m["precision"] for m in model_list(user=users.admin)}
    assert listed["LAB-05"] == 0.6 and listed["SEAL-02"] == 0.0
    assert listed["LAB-01"] is None
    assert {m["code"]: m["precision"] for m in model_list(user=users.inspector_b)}["LAB-05"] == 1.0
