"""The cockpit pages and JSON: a county-scoped inspector sees their county's figures and never
another county's (pages, JSON, export); nobody goes above or beside their scope; the figures in the
JSON equal direct counts; roles without the cockpit are refused; the closed-loop and satisfaction
panels come from their apps."""

import io

import openpyxl
import pytest

from sunlit.cockpit import services
from sunlit.reports.services import report_rate
from tests.cockpit import direct
from tests.cockpit.builders import build
from tests.reports.records import case_to_closed, report_make


@pytest.fixture
def scenario(world, users, monkeypatch):
    made = build(world, users, monkeypatch)
    services.coverage_refresh()
    return made


def _county_b_names(world):
    return (world.county_b.name, world.township_b.name, world.village_b.name, "330106")


def test_county_inspector_sees_own_county_only_in_pages(scenario, users, world, client_for):
    client = client_for(users.inspector_a)
    page = client.get("/cockpit/")
    assert page.status_code == 200
    body = page.content.decode()
    assert world.county_a.name in body and world.township_a.name in body
    assert not any(n in body for n in _county_b_names(world))
    assert world.city.name not in body and world.province.name not in body     # nothing above the scope
    for code in (world.county_b.code, world.township_b.code, world.village_b.code, world.city.code,
                 world.province.code):
        assert client.get(f"/cockpit/{code}/").status_code == 404, code
        assert client.get(f"/cockpit/{code}/export.xlsx").status_code == 404, code
    village = client.get(f"/cockpit/{world.village_a.code}/").content.decode()
    crumbs = village.split('data-testid="breadcrumb"')[1].split("</ol>")[0]
    assert world.county_a.name in crumbs and world.township_a.name in crumbs and world.city.name not in crumbs


def test_county_inspector_sees_own_county_only_in_json(scenario, users, world, api_client_for):
    client = api_client_for(users.inspector_a)
    root = client.get("/api/v1/cockpit").json()
    assert root["code"] == world.county_a.code
    d = direct.figures(world.county_a.code)
    assert root["alerts"]["total"] == d["alerts"] < direct.figures(world.province.code)["alerts"]
    assert (root["cases"]["open"], root["cases"]["overdue"], root["cases"]["closed"]) == \
        (d["open"], d["overdue"], d["closed"])
    assert root["money"]["wan"] == d["money_wan"]
    assert [c["code"] for c in root["breadcrumb"]] == [world.county_a.code]
    children = client.get(f"/api/v1/cockpit/{world.county_a.code}/children").json()
    assert {c["code"][:6] for c in children} == {"330102"}
    ranking = client.get(f"/api/v1/cockpit/{world.county_a.code}/ranking?level=village").json()
    assert ranking and all(r["code"].startswith("330102") for r in ranking)
    today = client.get(f"/api/v1/cockpit/{world.county_a.code}/today").json()
    assert {h["item"]: h["count"] for h in today}["seal_uses"] == 0
    for code in (world.county_b.code, world.village_b.code, world.city.code, world.province.code):
        for tail in ("", "/children", "/ranking", "/today"):
            assert client.get(f"/api/v1/cockpit/{code}{tail}").status_code == 404, (code, tail)
    other = api_client_for(users.inspector_b).get("/api/v1/cockpit").json()
    assert other["code"] == world.county_b.code
    assert other["alerts"]["total"] == direct.figures(world.county_b.code)["alerts"]


def test_the_export_holds_every_table_of_own_county_only(scenario, users, world, client_for):
    response = client_for(users.inspector_a).get(f"/cockpit/{world.county_a.code}/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(book.sheetnames) >= 14
    text = "\n".join(str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row)
    assert world.township_a.name in text and "330106" not in text and world.village_b.name not in text
    headline = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    d = direct.figures(world.county_a.code)
    assert list(headline.values())[3] == d["alerts"]
    one = client_for(users.inspector_a).get(f"/cockpit/{world.county_a.code}/export.xlsx?table=alerts_colour")
    sheet = openpyxl.load_workbook(io.BytesIO(one.content), read_only=True)
    rows = list(sheet.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert len(sheet.sheetnames) == 1 and [r[1] for r in rows] == [d["by_colour"][c] for c in ("red", "yellow", "blue")]
    assert client_for(users.inspector_a).get(f"/cockpit/{world.county_a.code}/export.xlsx?table=x").status_code == 404


def test_roles_without_the_cockpit_are_refused(world, users, client_for, api_client_for):
    for who in ("liaison", "clerk", "steward"):
        assert client_for(getattr(users, who)).get("/cockpit/").status_code == 403, who
        assert api_client_for(getattr(users, who)).get("/api/v1/cockpit").status_code == 403, who
    assert client_for(None).get("/cockpit/").status_code == 302
    assert api_client_for(None).get("/api/v1/cockpit").status_code == 401


def test_drill_down_from_the_province(scenario, users, world, client_for):
    client = client_for(users.admin)
    body = client.get("/cockpit/").content.decode()
    assert f'href="/cockpit/{world.city.code}/"' in body
    city = client.get(f"/cockpit/{world.city.code}/").content.decode()
    assert f'href="/cockpit/{world.county_a.code}/"' in city and f'href="/cockpit/{world.county_b.code}/"' in city
    village = client.get(f"/cockpit/{world.village_a.code}/")
    assert village.status_code == 200 and 'data-chart="alerts_colour"' in village.content.decode()


def test_satisfaction_and_closed_loop_panels(world, users, api_client_for):
    report = case_to_closed(report_make(world.village_a), users)
    report_rate(report=report, value="basically")
    report_make(world.village_b)
    body = api_client_for(users.inspector_a).get("/api/v1/cockpit").json()
    assert body["panels"]["satisfaction"] == {"reports": 1, "rated": 1, "satisfaction": 1.0,
                                              "by_value": {"satisfied": 0, "basically": 1, "unsatisfied": 0}}
    assert body["panels"]["problem_lists"]["lists"] == 0
    assert body["panels"]["reforms"]["total"] == 0 and body["panels"]["campaigns"] == []
    assert body["reports"]["total"] == 1 and body["reports"]["closed"] == 1


def test_closed_loop_panels_count_the_region_only(world, users, api_client_for):
    from tests.closedloop.records import campaign_in, problem_list_in, reform_in

    problem_list_in(world.county_a)
    problem_list_in(world.county_b)
    campaign_in(world.county_a, title="县A专项")
    campaign_in(world.county_b, title="县B专项")
    reform_in(world.county_a)
    reform_in(world.province, title="省级重塑")
    reform_in(world.county_b)
    mine = api_client_for(users.inspector_a).get("/api/v1/cockpit").json()["panels"]
    assert mine["problem_lists"]["lists"] == 1 and mine["problem_lists"]["problems"] == 1
    assert [(c["title"], c["tasks"], c["done"]) for c in mine["campaigns"]] == [("县A专项", 1, 0)]
    assert (mine["reforms"]["county"], mine["reforms"]["province"], mine["reforms"]["total"]) == (1, 0, 1)
    everything = api_client_for(users.admin).get("/api/v1/cockpit").json()["panels"]
    assert everything["problem_lists"]["lists"] == 2 and len(everything["campaigns"]) == 2
    assert (everything["reforms"]["province"], everything["reforms"]["county"]) == (1, 2)
    county = api_client_for(users.admin).get(f"/api/v1/cockpit/{world.county_a.code}").json()["panels"]
    assert [c["title"] for c in county["campaigns"]] == ["县A专项"] and county["reforms"]["total"] == 1


def test_the_page_in_english(scenario, users, client_for):
    client = client_for(users.inspector_a)
    client.cookies["django_language"] = "en"
    body = client.get("/cockpit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Alerts by colour" in body and "Villages by risk" in body and "预警按颜色" not in body
    chinese = client_for(users.inspector_a).get("/cockpit/").content.decode()
    assert "预警按颜色" in chinese and "村社风险排名" in chinese


def test_the_export_keeps_a_formula_like_campaign_title_as_text(world, users, client_for):
    """A campaign title typed as =HYPERLINK(…) is written as a text cell, not run as a formula."""
    from tests.closedloop.records import campaign_in

    title = '=HYPERLINK("http://example.invalid","x")'
    campaign_in(world.county_a, title=title)
    response = client_for(users.inspector_a).get(f"/cockpit/{world.county_a.code}/export.xlsx?table=campaigns")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == title]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_crafted_region_code_is_not_found(world, users, client_for, api_client_for):
    """A code that is no 12-digit region code (a NUL byte, too long, letters) answers 404, never 500."""
    page, api = client_for(users.admin), api_client_for(users.admin)
    for code in ("%00", "33010200%001", "3" * 40, "abc", "000000000000"):
        assert page.get(f"/cockpit/{code}/").status_code == 404, code
        assert page.get(f"/cockpit/{code}/export.xlsx").status_code == 404, code
        for tail in ("", "/children", "/ranking", "/today"):
            assert api.get(f"/api/v1/cockpit/{code}{tail}").status_code == 404, (code, tail)
