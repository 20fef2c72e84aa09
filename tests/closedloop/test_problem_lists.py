"""Problem lists (问题清单): which cases become rows, what a row holds, versions that do not change
when a case does, the XLSX export read back, the pages, the API and the scope."""

from datetime import date
from decimal import Decimal

import pytest

from sunlit.audit.models import AuditEvent
from sunlit.cases.models import Disposition
from sunlit.closedloop import selectors, services
from sunlit.closedloop.models import ProblemItem, ProblemList
from sunlit.errors import AccessDenied, InvalidInput, NotFound
from tests.closedloop.records import confirmed_case, more_villages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind,period,first,last", [
    ("month", "2026-02", date(2026, 2, 1), date(2026, 2, 28)),
    ("month", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("quarter", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("quarter", "2026-q2", date(2026, 4, 1), date(2026, 6, 30)),
    ("quarter", "2026Q2", date(2026, 4, 1), date(2026, 6, 30)),      # as the disclosures write it
    ("month", "2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ("year", "2999", date(2999, 1, 1), date(2999, 12, 31)),
    ("year", "2026", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_period_bounds(kind, period, first, last):
    assert services.period_bounds(period_kind=kind, period=period) == (first, last)


@pytest.mark.parametrize("kind,period", [("month", "2026-13"), ("month", "2026-Q1"), ("quarter", "2026-Q5"),
                                         ("year", "26"), ("week", "2026-01"), ("month", "0000-01"),
                                         ("year", "0000"), ("month", "9999-12"), ("quarter", "9999-Q4")])
def test_bad_periods_are_refused(kind, period):
    with pytest.raises(InvalidInput):
        services.period_bounds(period_kind=kind, period=period)


@pytest.fixture
def june(world, users, clock):
    """In June 2026: a confirmed case in village A with money and people, a partly confirmed one
    still open, an unfounded one, and a confirmed one in county B. One more confirmed in July."""
    clock.set(2026, 6, 10)
    full = confirmed_case(users, world.village_a, money="1200.50", subject_id="P1", note="冒领务工工资",
                          people=[("王某", "村会计", "admonition_talk"), ("李某", "", "reminder_talk")],
                          rectification="已退回")
    partly = confirmed_case(users, world.village_a, conclusion="partly_confirmed", money="80", subject_id="P2",
                            close=False)
    unfounded = confirmed_case(users, world.village_a, conclusion="unfounded", subject_id="P3")
    other_county = confirmed_case(users, world.village_b, money="999", subject_id="Q1")
    clock.set(2026, 7, 2)
    july = confirmed_case(users, world.village_a, money="5", subject_id="P4")
    clock.set(2026, 7, 5)
    return {"full": full, "partly": partly, "unfounded": unfounded, "other": other_county, "july": july}


def test_a_list_holds_the_confirmed_cases_of_the_region_and_period(june, world, users):
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    items = list(pl.items.order_by("position"))
    assert [i.case_id for i in items] == [june["full"].pk, june["partly"].pk]
    full, partly = items
    assert full.village_code == world.village_a.code and full.village_name == "前山村"
    assert full.model_code == "LAB-05" and full.category.startswith("LAB-05 ") and full.domain == "labour"
    assert full.finding == "冒领务工工资"
    assert full.subject == f"务工报酬发放 P1-{world.village_a.code}"     # the subject type by its Chinese name
    assert full.conclusion == "confirmed" and partly.conclusion == "partly_confirmed"
    assert full.money_involved == Decimal("300.00") and full.money_recovered == Decimal("1200.50")
    assert full.people == "王某（村会计）：诫勉谈话；李某：提醒谈话" and full.rectification == "已退回"
    assert full.rectification_state == "rectified" and partly.rectification_state == "in_progress"
    assert full.verified_on == date(2026, 6, 10)
    assert pl.item_count == 2 and pl.money_recovered == Decimal("1280.50") and pl.money_involved == Decimal("600.00")
    assert (pl.starts_on, pl.ends_on, pl.version, pl.generated_by_username) == \
        (date(2026, 6, 1), date(2026, 6, 30), 1, "inspector_a")
    assert AuditEvent.objects.filter(kind="problem_list_generated", object_id=str(pl.pk)).exists()


def test_an_issued_item_cannot_be_edited_or_deleted(june, world, users):
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    item = pl.items.first()
    item.finding = "改过"
    with pytest.raises(ValueError):
        item.save()
    with pytest.raises(ValueError):
        item.delete()
    with pytest.raises(ValueError):
        pl.items.update(money_recovered="0")
    with pytest.raises(ValueError):
        ProblemItem.objects.filter(problem_list=pl).delete()
    assert pl.items.get(pk=item.pk).finding == "冒领务工工资" and pl.items.count() == 2


def test_quarter_and_year_take_more_and_a_village_list_less(june, world, users):
    quarter = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                             period_kind="quarter", period="2026-Q3")
    assert [i.case_id for i in quarter.items.all()] == [june["july"].pk]
    year = services.problem_list_generate(user=users.admin, region_code=world.province.code,
                                          period_kind="year", period="2026")
    assert year.item_count == 4   # both counties, June and July, not the unfounded one
    township, villages = more_villages(world, 1)
    elsewhere = services.problem_list_generate(user=users.inspector_a, region_code=villages[0].code,
                                               period_kind="year", period="2026")
    assert elsewhere.item_count == 0


def test_an_issued_list_does_not_change_and_regenerating_makes_a_new_version(june, world, users):
    first = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                           period_kind="month", period="2026-06")
    Disposition.objects.filter(case=june["full"]).update(money_recovered="1.00")
    first.refresh_from_db()
    assert first.items.get(case=june["full"]).money_recovered == Decimal("1200.50")
    second = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                            period_kind="month", period="2026-06")
    assert second.version == 2 and second.pk != first.pk
    assert second.items.get(case=june["full"]).money_recovered == Decimal("1.00")
    assert ProblemList.objects.filter(region_code=world.county_a.code, period="2026-06").count() == 2


def test_xlsx_export_read_back_gives_the_same_rows(june, world, users):
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="quarter", period="2026-Q2")
    expected = [selectors.problem_row(i) for i in pl.items.order_by("position")]
    assert len(expected) == 2
    data = selectors.problem_list_xlsx(pl)
    assert selectors.problem_rows_from_xlsx(data) == expected


def test_xlsx_has_chinese_headers_over_the_canonical_keys(june, world, users, client_for):
    import io

    import openpyxl

    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    response = client_for(users.inspector_a).get(f"/loop/problems/{pl.pk}/xlsx/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "村代码", "村（社区）") and list(rows[1]) == selectors.EXPORT_KEYS
    assert set(selectors.PROBLEM_KEYS) <= set(rows[1])
    assert len(rows) == 2 + 2
    assert selectors.problem_rows_from_xlsx(response.content) == [selectors.problem_row(i)
                                                                   for i in pl.items.order_by("position")]
    assert AuditEvent.objects.filter(kind="export", object_type="problem_list", object_id=str(pl.pk)).exists()


def test_a_quarter_without_its_dash_is_issued_as_the_same_period(june, world, users):
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="quarter", period="2026q2")
    assert (pl.period, pl.starts_on, pl.item_count) == ("2026-Q2", date(2026, 4, 1), 2)


def test_who_may_issue_a_list_and_where(june, world, users):
    township = services.problem_list_generate(user=users.township_officer, region_code=world.township_a.code,
                                              period_kind="month", period="2026-06")
    assert township.item_count == 2
    with pytest.raises(NotFound):
        services.problem_list_generate(user=users.inspector_b, region_code=world.county_a.code,
                                       period_kind="month", period="2026-06")
    with pytest.raises(NotFound):
        services.problem_list_generate(user=users.township_officer, region_code=world.county_a.code,
                                       period_kind="month", period="2026-06")
    for who in (users.liaison, users.clerk, users.steward):
        with pytest.raises(AccessDenied):
            services.problem_list_generate(user=who, region_code=who.scope_id, period_kind="month", period="2026-06")
    with pytest.raises(InvalidInput):
        services.problem_list_generate(user=users.inspector_a, region_code="3301", period_kind="month",
                                       period="2026-06")
    assert not ProblemList.objects.exclude(pk=township.pk).exists()


def test_lists_are_read_through_the_scope(june, world, users):
    a = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                       period_kind="month", period="2026-06")
    b = services.problem_list_generate(user=users.inspector_b, region_code=world.county_b.code,
                                       period_kind="month", period="2026-06")
    assert list(selectors.problem_list_list(user=users.inspector_a)) == [a]
    assert list(selectors.problem_list_list(user=users.inspector_b)) == [b]
    assert set(selectors.problem_list_list(user=users.admin)) == {a, b}
    assert list(selectors.problem_list_list(user=users.township_officer)) == []
    with pytest.raises(NotFound):
        selectors.problem_list_get(user=users.inspector_b, list_id=a.pk)
    figures = selectors.problem_list_figures(user=users.admin)
    assert figures["lists"] == 2 and figures["problems"] == a.item_count + b.item_count
    assert figures["money_recovered"] == a.money_recovered + b.money_recovered
    services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                   period_kind="month", period="2026-06")
    assert selectors.problem_list_figures(user=users.inspector_a)["lists"] == 1   # the latest version only


def test_figures_count_each_problem_once_over_nested_lists(june, world, users):
    """A month's and its quarter's list, a county's and its township's: the cockpit's figures equal
    a direct count of the confirmed cases and a direct sum of their money."""
    from django.db.models import Sum

    from sunlit.cases.models import Case

    for user, region, kind, period in ((users.inspector_a, world.county_a.code, "month", "2026-06"),
                                       (users.inspector_a, world.county_a.code, "quarter", "2026-Q2"),
                                       (users.township_officer, world.township_a.code, "month", "2026-06"),
                                       (users.inspector_a, world.county_a.code, "year", "2026")):
        services.problem_list_generate(user=user, region_code=region, period_kind=kind, period=period)
    cases = Case.objects.filter(village_code__startswith="330102", conclusion__in=services.CONFIRMED)
    figures = selectors.problem_list_figures(user=users.inspector_a)
    assert figures["lists"] == 4
    assert figures["problems"] == cases.count() == 3            # June's two and July's one
    assert figures["money_recovered"] == Disposition.objects.filter(case__in=cases).aggregate(
        s=Sum("money_recovered"))["s"] == Decimal("1285.50")
    assert figures["money_involved"] == Decimal("900.00")        # 300 on each alert


def test_pages_generate_show_and_print(june, world, users, client_for):
    client = client_for(users.inspector_a)
    page = client.get("/loop/problems/")
    assert page.status_code == 200 and world.county_a.code in page.content.decode()
    response = client.post("/loop/problems/", {"region_code": world.county_a.code, "period_kind": "month",
                                               "period": "2026-06"})
    pl = ProblemList.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/loop/problems/{pl.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "冒领务工工资" in body and f'data-case="{june["full"].pk}"' in body
    printable = client.get(f"/loop/problems/{pl.pk}/print/").content.decode()
    assert "@media print" in printable and "前山村" in printable
    bad = client.post("/loop/problems/", {"region_code": world.county_a.code, "period_kind": "month",
                                          "period": "June"})
    assert bad.status_code == 200 and 'value="June"' in bad.content.decode()
    assert "期间写法不对" in bad.content.decode()          # each marked field says what is wrong in Chinese too
    assert ProblemList.objects.count() == 1
    assert client_for(users.liaison).get("/loop/problems/").status_code == 403


def test_api_issue_and_read(june, world, users, api_client_for):
    client = api_client_for(users.inspector_a)
    made = client.post("/api/v1/loop/problem-lists", {"region_code": world.county_a.code, "period_kind": "month",
                                                      "period": "2026-06"}, content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert [i["case_id"] for i in body["items"]] == [june["full"].pk, june["partly"].pk]
    assert client.get("/api/v1/loop/problem-lists").json()["count"] == 1
    assert client.get(f"/api/v1/loop/problem-lists/{body['id']}").json()["item_count"] == 2
    assert api_client_for(users.inspector_b).get(f"/api/v1/loop/problem-lists/{body['id']}").status_code == 404
    refused = api_client_for(users.inspector_b).post(
        "/api/v1/loop/problem-lists", {"region_code": world.county_a.code, "period_kind": "month", "period": "2026-06"},
        content_type="application/json")
    assert refused.status_code == 404
    assert ProblemItem.objects.count() == 2


def test_issuing_a_list_reads_a_fixed_number_of_queries(world, users, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clock.set(2026, 6, 10)
    for n in range(2):
        confirmed_case(users, world.village_a, money="1", subject_id=f"S{n}", people=[("王某", "", "criticism")])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                           period_kind="month", period="2026-06")
        return len(ctx.captured_queries)

    few = queries()
    for n in range(2, 8):
        confirmed_case(users, world.village_a, money="1", subject_id=f"S{n}", people=[("李某", "", "criticism")])
    assert queries() == few
    assert ProblemList.objects.order_by("-version").first().item_count == 8


def test_a_citizen_report_is_listed_under_its_category(world, users, clock):
    clock.set(2026, 6, 12)
    case = confirmed_case(users, world.village_a, money="60", report_category="projects", subject_id="RP")
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    item = pl.items.get()
    assert item.case_id == case.pk and case.source_kind == "report"
    assert (item.category, item.domain, item.model_code) == ("群众反映：村级工程", "projects", "")
    assert item.money_involved == Decimal("0") and item.money_recovered == Decimal("60.00")


def test_identity_numbers_are_masked_on_the_list(world, users, clock):
    from sunlit.cases.models import Case
    from sunlit.identity import person_id_make

    clock.set(2026, 6, 12)
    person = person_id_make("33010219580315222")
    case = confirmed_case(users, world.village_a, subject_id="RR", note=f"核实：{person} 重复领取低保")
    Case.objects.filter(pk=case.pk).update(subject_type="relief_recipient", subject_id=f"{person}/dibao")
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    item = pl.items.get()
    assert person not in item.subject and person not in item.finding
    assert item.subject == f"救助审批 {person[:6]}****{person[-2:]}/dibao"
    assert item.finding == f"核实：{person[:6]}****{person[-2:]} 重复领取低保"
    assert person not in str(selectors.problem_rows_from_xlsx(selectors.problem_list_xlsx(pl)))


def test_an_identity_number_written_in_groups_is_masked_on_the_list(world, users, clock):
    from sunlit.identity import person_id_make

    clock.set(2026, 6, 12)
    person = person_id_make("33010219580315222")
    grouped = f"{person[:6]} {person[6:14]} {person[14:]}"
    confirmed_case(users, world.village_a, subject_id="RG", note=f"核实：{grouped} 重复领取低保")
    item = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                          period_kind="month", period="2026-06").items.get()
    assert person[6:14] not in item.finding
    assert item.finding == f"核实：{person[:6]}****{person[-2:]} 重复领取低保"


def test_the_list_page_names_its_versions_and_issues_a_new_one(june, world, users, client_for):
    client = client_for(users.inspector_a)
    first = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                           period_kind="month", period="2026-06")
    body = client.get(f"/loop/problems/{first.pk}/").content.decode()
    assert 'data-testid="reissue"' in body
    response = client.post("/loop/problems/", {"region_code": first.region_code, "period_kind": first.period_kind,
                                               "period": first.period})
    second = ProblemList.objects.get(version=2)
    assert response["Location"] == f"/loop/problems/{second.pk}/"
    versions = client.get(response["Location"]).content.decode().split('data-testid="versions"')[1]
    assert f'href="/loop/problems/{first.pk}/"' in versions and "<strong>v2</strong>" in versions


def test_xlsx_shows_chinese_names_beside_the_codes(june, world, users, client_for):
    """A reader of the workbook sees 属实 and 劳务用工, not ``confirmed`` and ``labour``; the code
    columns stay beside them and the read-back is unchanged."""
    import io

    import openpyxl
    from django.utils import translation

    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    with translation.override("en"):     # the names are Chinese whatever the reader's language
        data = client_for(users.inspector_a).get(f"/loop/problems/{pl.pk}/xlsx/").content
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    header, keys = rows[0], rows[1]
    full, partly = (dict(zip(keys, r, strict=True)) for r in rows[2:])
    assert (full["domain_name"], full["domain"]) == ("劳务用工", "labour")
    assert (full["conclusion_name"], full["conclusion"]) == ("属实", "confirmed")
    assert (partly["conclusion_name"], partly["conclusion"]) == ("部分属实", "partly_confirmed")
    assert (full["rectification_state_name"], partly["rectification_state_name"]) == ("已整改", "整改中")
    named = dict(zip(keys, header, strict=True))
    assert (named["conclusion_name"], named["domain_name"], named["rectification_state_name"]) == \
        ("核查结论", "领域", "整改状态")
    assert keys.index("conclusion_name") + 1 == keys.index("conclusion")
    assert selectors.problem_rows_from_xlsx(data) == [selectors.problem_row(i) for i in pl.items.order_by("position")]


def test_xlsx_keeps_formula_like_text_as_text(world, users, clock):
    """A note that looks like a spreadsheet formula is written as text: opening the list in Excel
    runs nothing (no =HYPERLINK to another site, no =cmd|...)."""
    import io

    import openpyxl

    clock.set(2026, 6, 12)
    evil = '=HYPERLINK("http://evil.example/","点此查看")'
    confirmed_case(users, world.village_a, subject_id="F1", note=evil, rectification="=1+1")
    pl = services.problem_list_generate(user=users.inspector_a, region_code=world.county_a.code,
                                        period_kind="month", period="2026-06")
    data = selectors.problem_list_xlsx(pl)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert {c.value for c in cells} >= {evil, "=1+1"}
    assert all(c.data_type == "s" for c in cells)
    row = selectors.problem_rows_from_xlsx(data)[0]
    assert (row["finding"], row["rectification"]) == (evil, "=1+1")
