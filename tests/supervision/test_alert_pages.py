"""The alert list: filters on the page and in the API, scope-limited."""

import pytest

from tests.supervision.alerts import alert_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(world):
    return [alert_make(world.village_a, model_code="LAB-05", severity="yellow", period="2026-06"),
            alert_make(world.village_a, model_code="LAB-01", severity="red", period="2026-05", subject_id="P2"),
            alert_make(world.village_b, model_code="LAB-01", severity="red", period="2026-05")]


def test_page_filters(alerts, users, client_for):
    client = client_for(users.inspector_a)
    assert client.get("/supervision/alerts/").context["page"].paginator.count == 2
    assert client.get("/supervision/alerts/?colour=red").context["page"].paginator.count == 1
    assert client.get("/supervision/alerts/?period=2026-06").context["page"].paginator.count == 1
    assert client.get("/supervision/alerts/?model=LAB-01&state=open").context["page"].paginator.count == 1
    assert client.get("/supervision/alerts/?region=330106000000").context["page"].paginator.count == 0
    admin = client_for(users.admin)
    assert admin.get("/supervision/alerts/?region=330106000000").context["page"].paginator.count == 1


def test_api_filters(alerts, users, api_client_for):
    client = api_client_for(users.township_officer)
    page = client.get("/api/v1/alerts?colour=red").json()
    assert page["count"] == 1 and page["items"][0]["model_code"] == "LAB-01"
    assert page["items"][0]["evidence"] == {"age": 86}


def test_clerks_do_not_see_alerts(alerts, users, client_for):
    assert client_for(users.clerk).get("/supervision/alerts/").status_code == 403


def test_alert_page_shows_evidence(alerts, users, client_for):
    body = client_for(users.liaison).get(f"/supervision/alerts/{alerts[0].pk}/").content.decode()
    assert "86" in body and "LAB-05" in body


def test_alert_pages_show_identity_numbers_masked(world, users, client_for):
    """A relief approval's subject and a model's evidence may hold an ID number: the list and the
    alert page show it masked (first six, ****, last two), as the case page does."""
    from sunlit.identity import identity_mask, person_id_make
    from sunlit.supervision.models import Alert

    person = person_id_make("33010219580315222")
    alert = alert_make(world.village_a, model_code="REL-01", severity="yellow", period="2026-06")
    Alert.objects.filter(pk=alert.pk).update(subject_type="relief_recipient", subject_id=f"{person}/dibao",
                                             evidence={"person_id": person, "age": 68})
    client = client_for(users.liaison)
    listing = client.get("/supervision/alerts/").content.decode()
    page = client.get(f"/supervision/alerts/{alert.pk}/").content.decode()
    for body in (listing, page):
        assert person not in body and f"{identity_mask(person)}/dibao" in body
    assert "68" in page
