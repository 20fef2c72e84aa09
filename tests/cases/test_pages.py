"""The pages: inbox with one-tap 接单, queue with filters, case page with evidence, timeline and
the forms of the next steps, all posting to the same services."""

from sunlit.cases.models import Case
from tests.cases.records import case_make


def _dispatched(users, world, **kw):
    from sunlit.cases import services

    case = case_make(world.village_a, **kw)
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    return case


def test_inbox_take_in_one_tap(users, world, client_for):
    case = _dispatched(users, world)
    client = client_for(users.liaison)
    page = client.get("/cases/inbox/").content.decode()
    assert f'data-case="{case.pk}"' in page and 'data-testid="take"' in page
    assert "接单" in page
    response = client.post(f"/cases/{case.pk}/take/", {"expected_state": "dispatched", "next": "inbox"})
    assert response.status_code == 302 and response["Location"] == "/cases/inbox/"
    assert Case.objects.get(pk=case.pk).state == "accepted"
    again = client.get("/cases/inbox/").content.decode()
    assert 'data-testid="take"' not in again and f'data-case="{case.pk}"' in again


def test_a_second_tap_is_told_someone_was_first(users, world, client_for):
    case = _dispatched(users, world)
    client = client_for(users.liaison)
    client.post(f"/cases/{case.pk}/take/", {"expected_state": "dispatched"})
    response = client.post(f"/cases/{case.pk}/take/", {"expected_state": "dispatched"}, follow=True)
    assert "刷新" in response.content.decode()
    assert Case.objects.get(pk=case.pk).events.filter(transition="take").count() == 1


def test_case_page_through_to_closing(users, world, client_for):
    case = _dispatched(users, world)
    liaison = client_for(users.liaison)
    page = liaison.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="evidence"' in page and "86" in page
    assert 'data-step="take"' in page and 'data-step="close"' not in page
    for step, data in (("take", {}), ("start_verification", {}), ("verify", {"conclusion": "confirmed"}),
                       ("dispose", {"money_recovered": "650.00", "rectification": "已追回",
                                    "person1_name": "钱七", "person1_post": "村主任", "person1_measure": "party_discipline"})):
        assert liaison.post(f"/cases/{case.pk}/{step}/", data).status_code == 302
    assert Case.objects.get(pk=case.pk).state == "disposed"
    township = client_for(users.township_officer)
    page = township.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-step="close"' in page and "650.00" in page and "钱七" in page
    township.post(f"/cases/{case.pk}/close/", {"note": "办结"})
    closed = Case.objects.get(pk=case.pk)
    assert closed.state == "closed" and closed.alert.state == "closed"
    timeline = township.get(f"/cases/{case.pk}/").content.decode()
    assert timeline.count("<li>") >= 7 and "办结" in timeline
    # the states in the timeline by their Chinese names, not their codes
    steps = timeline.split('data-testid="timeline"')[1]
    assert "(已处置 → 已办结)" in steps
    for code in ("new", "dispatched", "accepted", "verifying", "verified", "disposed", "closed"):
        assert f"({code} →" not in steps and f"→ {code})" not in steps
    assert "· 系统 · " in steps and "· system · " not in steps        # the opening, by the platform


def test_bad_disposition_is_shown_and_changes_nothing(users, world, client_for):
    case = _dispatched(users, world)
    liaison = client_for(users.liaison)
    for step, data in (("take", {}), ("start_verification", {}), ("verify", {"conclusion": "confirmed"})):
        liaison.post(f"/cases/{case.pk}/{step}/", data)
    response = liaison.post(f"/cases/{case.pk}/dispose/", {"money_recovered": "-5", "person1_name": "x",
                                                           "person1_measure": "nope"}, follow=True)
    assert "未保存" in response.content.decode() or "金额" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == "verified"


def test_out_of_scope_and_wrong_role_pages(users, world, client_for):
    case = _dispatched(users, world)
    assert client_for(users.inspector_b).get(f"/cases/{case.pk}/").status_code == 404
    assert client_for(users.clerk).get("/cases/").status_code == 403
    assert client_for(users.township_officer).post(f"/cases/{case.pk}/take/").status_code == 403
    assert client_for(users.liaison).post(f"/cases/{case.pk}/fly/").status_code == 404
    assert Case.objects.get(pk=case.pk).state == "dispatched"


def test_queue_filters(users, world, client_for):
    yellow = case_make(world.village_a)
    red = case_make(world.village_a, severity="red", subject_id="R")
    other = case_make(world.village_b, subject_id="Q")
    client = client_for(users.inspector_a)

    def listed(query=""):
        body = client.get(f"/cases/{query}").content.decode()
        return {c.pk for c in (yellow, red, other) if f'href="/cases/{c.pk}/"' in body}

    assert listed() == {yellow.pk, red.pk}
    assert listed("?colour=red") == {red.pk}
    assert listed("?level=village") == {yellow.pk}
    assert listed("?state=dispatched") == set()
    assert listed("?overdue=1") == set()
    assert listed(f"?region={world.village_a.code}") == {yellow.pk, red.pk}


def test_navigation_by_role(users, world, client_for):
    liaison_home = client_for(users.liaison).get("/").content.decode()
    assert "/cases/inbox/" in liaison_home and "我的待办" in liaison_home     # the app's own catalogue
    inspector_home = client_for(users.inspector_a).get("/").content.decode()
    assert "/cases/" in inspector_home
    assert "/cases/" not in client_for(users.clerk).get("/").content.decode()


def test_colour_and_subject_type_by_their_chinese_names(users, world, client_for):
    """No English codes on a Chinese page: 黄色, 务工报酬发放 — not yellow, labour_payment."""
    case = _dispatched(users, world)
    client = client_for(users.liaison)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    head = page.split('data-testid="case"')[0].split("<h1>")[1]
    assert "黄色" in head and "yellow<" not in head
    table = page.split('data-testid="case"')[1].split("</table>")[0]
    assert "务工报酬发放 P1" in table and "labour_payment" not in table
    inbox = client.get("/cases/inbox/").content.decode()
    assert "黄色" in inbox and ">yellow<" not in inbox
    queue = client_for(users.township_officer).get("/cases/").content.decode()
    assert "黄色" in queue and ">yellow<" not in queue


def test_actors_that_are_not_accounts_by_their_chinese_names():
    from django.utils import translation

    from sunlit.cases.selectors import actor_label

    with translation.override("zh-hans"):
        assert (actor_label("system"), actor_label("public:reporter"), actor_label("liaison")) == \
            ("系统", "反映人", "liaison")


def test_a_bad_amount_is_explained_in_chinese(users, world, client_for):
    case = _dispatched(users, world)
    liaison = client_for(users.liaison)
    for step, data in (("take", {}), ("start_verification", {}), ("verify", {"conclusion": "confirmed"})):
        liaison.post(f"/cases/{case.pk}/{step}/", data)
    page = liaison.post(f"/cases/{case.pk}/dispose/", {"money_recovered": "abc"}, follow=True).content.decode()
    assert "不是数字" in page and Case.objects.get(pk=case.pk).state == "verified"


def test_an_empty_queue_says_why(users, world, client_for):
    client = client_for(users.inspector_a)
    page = client.get("/cases/").content.decode()
    assert "您辖区内暂无案件" in page
    _dispatched(users, world)
    filtered = client.get("/cases/?colour=red").content.decode()
    assert "没有符合筛选条件的案件" in filtered and 'href="/cases/"' in filtered
    assert 'data-testid="empty"' not in client.get("/cases/").content.decode()
