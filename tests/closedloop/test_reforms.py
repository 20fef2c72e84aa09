"""Reform records (制度重塑): made at province, city and county level only, linked to the problems
behind them inside the region, read through the scope."""

from datetime import date

import pytest

from sunlit.audit.models import AuditEvent
from sunlit.closedloop import selectors, services
from sunlit.closedloop.models import Reform
from sunlit.errors import AccessDenied, InvalidInput, NotFound
from tests.cases.records import case_make
from tests.closedloop.records import problem_list_in, reform_in

pytestmark = pytest.mark.django_db


def test_a_county_records_a_reform_linked_to_its_problems(world, users):
    pl = problem_list_in(world.county_a)
    item = pl.items.get()
    case = case_make(world.village_a, subject_id="R1")
    reform = services.reform_create(user=users.inspector_a, title="村级工程项目招投标规定", change="五万元以上须公开招标",
                                    adopted_on="2026-07-01", documents="上纪发〔2026〕3号",
                                    problem_item_ids=[item.pk], case_ids=[case.pk])
    assert (reform.region_code, reform.level, reform.adopted_on) == (world.county_a.code, "county", date(2026, 7, 1))
    assert list(reform.problems.all()) == [item] and list(reform.cases.all()) == [case]
    assert AuditEvent.objects.filter(kind="reform_created", object_id=str(reform.pk)).exists()
    city = services.reform_create(user=users.admin, region_code=world.city.code, title="市级制度", change="改",
                                  adopted_on=date(2026, 8, 1))
    assert city.level == "city"
    assert selectors.reform_counts(user=users.admin) == {"province": 0, "city": 1, "county": 1, "total": 2}


def test_township_and_village_users_cannot_record_reforms(world, users):
    with pytest.raises(AccessDenied):
        services.reform_create(user=users.township_officer, title="t", change="c", adopted_on="2026-07-01")
    with pytest.raises(AccessDenied):   # nor can a county inspector record one for a township
        services.reform_create(user=users.inspector_a, region_code=world.township_a.code, title="t", change="c",
                               adopted_on="2026-07-01")
    for who in (users.liaison, users.clerk, users.steward):
        with pytest.raises(AccessDenied):
            services.reform_create(user=who, title="t", change="c", adopted_on="2026-07-01")
    with pytest.raises(NotFound):
        services.reform_create(user=users.inspector_b, region_code=world.county_a.code, title="t", change="c",
                               adopted_on="2026-07-01")
    assert not Reform.objects.exists()


def test_problems_outside_the_region_cannot_be_linked(world, users):
    other = problem_list_in(world.county_b).items.get()
    other_case = case_make(world.village_b, subject_id="R2")
    with pytest.raises(InvalidInput) as refused:
        services.reform_create(user=users.inspector_a, title="t", change="c", adopted_on="2026-07-01",
                               problem_item_ids=[other.pk], case_ids=[other_case.pk, 999999])
    assert {(e.column, e.value) for e in refused.value.errors} == {
        ("problem_item_ids", str(other.pk)), ("case_ids", str(other_case.pk)), ("case_ids", "999999")}
    with pytest.raises(InvalidInput) as empty:
        services.reform_create(user=users.inspector_a, title="", change="", adopted_on="07/01/2026")
    assert {e.column for e in empty.value.errors} == {"title", "change", "adopted_on"}
    assert not Reform.objects.exists()


def test_reforms_are_read_through_the_scope(world, users):
    a, b = reform_in(world.county_a), reform_in(world.county_b)
    province = reform_in(world.province)
    assert list(selectors.reform_list(user=users.inspector_a)) == [a]
    assert set(selectors.reform_list(user=users.admin)) == {a, b, province}
    with pytest.raises(NotFound):
        selectors.reform_get(user=users.inspector_a, reform_id=b.pk)
    with pytest.raises(AccessDenied):
        selectors.reform_list(user=users.liaison)
    assert selectors.reform_counts(user=users.admin) == {"province": 1, "city": 0, "county": 2, "total": 3}
    assert selectors.reform_counts(user=users.inspector_b) == {"province": 0, "city": 0, "county": 1, "total": 1}


def test_a_city_reform_shows_a_county_reader_only_the_problems_of_the_county(world, users):
    item_a = problem_list_in(world.county_a).items.get()
    item_b = problem_list_in(world.county_b).items.get()
    reform = services.reform_create(user=users.admin, region_code=world.city.code, title="t", change="c",
                                    adopted_on="2026-07-01", problem_item_ids=[item_a.pk, item_b.pk])
    assert selectors.reform_problems(user=users.admin, reform=reform)[0] == [item_a, item_b]
    assert selectors.reform_problems(user=users.inspector_a, reform=reform)[0] == [item_a]


def test_a_county_reader_is_not_linked_to_a_list_it_cannot_open(world, users, client_for):
    """A county's reform links a problem of the county that stands on the city's list: the county
    reader sees the problem, without a link to the city's list (which answers 404 to them)."""
    from tests.closedloop.records import problem_list_in

    city_list = problem_list_in(world.city, village=world.village_a)
    county_list = problem_list_in(world.county_a)
    reform = services.reform_create(user=users.inspector_a, region_code=world.county_a.code, title="t", change="c",
                                    adopted_on="2026-07-01",
                                    problem_item_ids=[city_list.items.get().pk, county_list.items.get().pk])
    reader = client_for(users.inspector_a)
    assert reader.get(f"/loop/problems/{city_list.pk}/").status_code == 404
    body = reader.get(f"/loop/reforms/{reform.pk}/").content.decode()
    linked = body.split('data-testid="linked"')[1].split("</ul>")[0]
    assert linked.count("<li>") == 2
    assert f"/loop/problems/{city_list.pk}/" not in linked and f"/loop/problems/{county_list.pk}/" in linked
    admin_body = client_for(users.admin).get(f"/loop/reforms/{reform.pk}/").content.decode()
    assert f"/loop/problems/{city_list.pk}/" in admin_body


def test_pages_and_api(world, users, client_for, api_client_for):
    item = problem_list_in(world.county_a).items.get()
    client = client_for(users.inspector_a)
    page = client.get("/loop/reforms/").content.decode()
    assert f'name="problems" value="{item.pk}"' in page
    response = client.post("/loop/reforms/", {"title": "制度", "change": "改了", "adopted_on": "2026-07-01",
                                              "region_code": world.county_a.code, "problems": [str(item.pk)],
                                              "case_ids": ""})
    reform = Reform.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/loop/reforms/{reform.pk}/"
    assert "前山村" in client.get(response["Location"]).content.decode()
    bad = client.post("/loop/reforms/", {"title": "另一个", "change": "", "adopted_on": "2026-07-01",
                                         "problems": [str(item.pk)]})
    body = bad.content.decode()
    assert bad.status_code == 200 and 'value="另一个"' in body and "checked" in body and Reform.objects.count() == 1
    assert client_for(users.township_officer).post("/loop/reforms/", {"title": "t", "change": "c",
                                                                      "adopted_on": "2026-07-01"}).status_code == 403
    api = api_client_for(users.inspector_a)
    made = api.post("/api/v1/loop/reforms", {"title": "API", "change": "c", "adopted_on": "2026-07-02",
                                             "problem_item_ids": [item.pk]}, content_type="application/json")
    assert made.status_code == 201 and made.json()["problem_item_ids"] == [item.pk]
    assert api.get("/api/v1/loop/reforms").json()["count"] == 2
    assert api_client_for(users.inspector_b).get(f"/api/v1/loop/reforms/{reform.pk}").status_code == 404


@pytest.fixture
def private_media(settings, tmp_path):
    settings.SUNLIT_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.SUNLIT_PRIVATE_MEDIA_ROOT


def test_document_files_are_kept_and_served_only_inside_the_scope(world, users, client_for, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
    client = client_for(users.inspector_a)
    response = client.post("/loop/reforms/", {
        "title": "招投标规定", "change": "五万元以上公开招标", "adopted_on": "2026-07-01", "documents": "上纪发〔2026〕3号",
        "files": [SimpleUploadedFile("规定.pdf", pdf, content_type="application/pdf")]})
    reform = Reform.objects.get()
    assert response.status_code == 302
    stored = reform.files.get()
    assert stored.kind == "pdf" and stored.original_name == "规定.pdf"
    assert (private_media / stored.stored_path).read_bytes() == pdf
    page = client.get(f"/loop/reforms/{reform.pk}/").content.decode()
    url = f"/loop/reforms/{reform.pk}/files/{stored.public_id}/"
    assert url in page
    served = client.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == pdf
    assert client_for(users.inspector_b).get(url).status_code == 404
    other = reform_in(world.county_a, title="另一项")
    assert client.get(f"/loop/reforms/{other.pk}/files/{stored.public_id}/").status_code == 404


def test_a_refused_file_writes_nothing(world, users, client_for, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(users.inspector_a).post("/loop/reforms/", {
        "title": "招投标规定", "change": "五万元以上公开招标", "adopted_on": "2026-07-01",
        "files": [SimpleUploadedFile("规定.pdf", b"%PDF-1.4\n%%EOF\n"),
                  SimpleUploadedFile("宏.exe", b"MZ\x90\x00not a document")]})
    assert response.status_code == 200 and 'value="招投标规定"' in response.content.decode()
    assert not Reform.objects.exists()
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))


def test_the_forms_are_offered_only_where_they_can_be_used(world, users, client_for):
    assert 'data-testid="create"' in client_for(users.inspector_a).get("/loop/reforms/").content.decode()
    assert 'data-testid="create"' not in client_for(users.township_officer).get("/loop/reforms/").content.decode()
    assert 'data-testid="create"' in client_for(users.admin).get("/loop/campaigns/").content.decode()
    assert 'data-testid="create"' not in client_for(users.township_officer).get("/loop/campaigns/").content.decode()
    assert 'data-testid="create"' not in client_for(users.liaison).get("/loop/campaigns/").content.decode()
