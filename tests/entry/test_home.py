"""The entry home page and the navigation entry."""

from .conftest import VILLAGE_A, VILLAGE_B


def test_clerk_sees_their_one_village(users, client_for):
    body = client_for(users.clerk).get("/entry/").content.decode()
    assert VILLAGE_A in body and VILLAGE_B not in body
    assert f"/entry/{VILLAGE_A}/labour/" in body and f"/entry/{VILLAGE_A}/seals/" in body


def test_navigation_shows_entry_to_the_roles_that_write(users, client_for):
    for who in ("clerk", "steward", "admin"):
        assert 'href="/entry/"' in client_for(getattr(users, who)).get("/").content.decode(), who
    for who in ("inspector_a", "liaison"):
        assert 'href="/entry/"' not in client_for(getattr(users, who)).get("/").content.decode(), who


def test_inspectors_read_the_entry_pages_of_their_scope(users, client_for):
    body = client_for(users.inspector_a).get("/entry/").content.decode()
    assert VILLAGE_A in body and VILLAGE_B not in body and 'data-testid="read-only"' in body


def test_steward_sees_the_villages_of_their_county_and_may_write(users, client_for):
    client = client_for(users.steward)
    body = client.get("/entry/").content.decode()
    assert VILLAGE_A in body and VILLAGE_B not in body
    page = client.get(f"/entry/{VILLAGE_A}/labour/").content.decode()
    assert 'data-testid="task-form"' in page


def test_entry_pages_are_chinese_by_default_and_english_on_request(users, client_for):
    client = client_for(users.clerk)
    chinese = client.get(f"/entry/{VILLAGE_A}/labour/").content.decode()
    assert "派工" in chinese and "Dispatch a task" not in chinese
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/entry/{VILLAGE_A}/labour/").content.decode()
    assert "Dispatch a task" in english and "Planned workers" in english


def test_viewing_a_crew_is_audited(users, client_for, task_a):
    from sunlit.audit.models import AuditEvent

    client_for(users.inspector_a).get(f"/entry/labour/task/{task_a}/")
    event = AuditEvent.objects.filter(kind="view", object_type="labour_task").get()
    assert (event.actor_username, event.object_id) == ("inspector_a", task_a)
