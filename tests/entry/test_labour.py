"""Labour entry, end to end, through the Django test client: dispatch, crew, attendance, pay."""

from decimal import Decimal

from sunlit.entry.models import TaskWorker
from sunlit.labour.models import LabourAttendance, LabourPayment, LabourTask

from .conftest import OUYANG, VILLAGE_A, VILLAGE_B, ZHANG


def test_clerk_dispatches_a_task(users, client_for):
    client = client_for(users.clerk)
    response = client.post(f"/entry/{VILLAGE_A}/labour/", {
        "title": "河道清理", "category": "保洁", "dispatch_date": "2026-11-20", "planned_days": "3",
        "planned_workers": "2", "approved_by": "王五"})
    task = LabourTask.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/entry/labour/task/{task.task_id}/"
    assert task.village_code == VILLAGE_A and task.task_id.startswith(f"T-{VILLAGE_A}-")
    assert task.title == "河道清理" and task.planned_days == 3


def test_invalid_dispatch_writes_nothing_and_says_why(users, client_for):
    response = client_for(users.clerk).post(f"/entry/{VILLAGE_A}/labour/", {
        "title": "", "category": "保洁", "dispatch_date": "2026-13-40", "planned_days": "-1", "planned_workers": "2"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "必填" in body and "不是有效日期" in body and "不能为负数" in body
    assert "not a real date" not in body            # the page's language only
    assert not LabourTask.objects.exists()


def test_a_task_number_in_use_is_refused(users, client_for, task_a):
    response = client_for(users.clerk).post(f"/entry/{VILLAGE_A}/labour/", {
        "task_id": task_a, "title": "另一个", "category": "保洁", "dispatch_date": "2026-11-21",
        "planned_days": "1", "planned_workers": "1"})
    assert response.status_code == 422 and "编号已被使用" in response.content.decode()
    assert LabourTask.objects.get(task_id=task_a).title == "河道清理"


def test_clerk_cannot_dispatch_in_another_village(users, client_for):
    response = client_for(users.clerk).post(f"/entry/{VILLAGE_B}/labour/", {
        "title": "修路", "category": "道路", "dispatch_date": "2026-11-20", "planned_days": "1", "planned_workers": "1"})
    assert response.status_code == 404
    assert not LabourTask.objects.exists()


def test_inspector_reads_but_cannot_write(users, client_for, task_a):
    client = client_for(users.inspector_a)
    page = client.get(f"/entry/{VILLAGE_A}/labour/")
    assert page.status_code == 200 and "河道清理" in page.content.decode()
    assert 'data-testid="task-form"' not in page.content.decode()
    response = client.post(f"/entry/{VILLAGE_A}/labour/", {
        "title": "x", "category": "x", "dispatch_date": "2026-11-20", "planned_days": "1", "planned_workers": "1"})
    assert response.status_code == 403
    assert client.post(f"/entry/labour/task/{task_a}/", {"person_id": ZHANG, "name": "张三"}).status_code == 403
    assert LabourTask.objects.count() == 1 and not TaskWorker.objects.exists()


def test_add_worker_by_id_number_and_name(users, client_for, task_a):
    client = client_for(users.clerk)
    response = client.post(f"/entry/labour/task/{task_a}/", {"person_id": ZHANG.lower()[:-1] + ZHANG[-1].lower(),
                                                             "name": "张三"})
    assert response.status_code == 302
    worker = TaskWorker.objects.get()
    assert (worker.person_id, worker.name, worker.village_code) == (ZHANG, "张三", VILLAGE_A)
    page = client.get(f"/entry/labour/task/{task_a}/").content.decode()
    assert "张三" in page and ZHANG not in page   # the ID number is shown masked


def test_a_bad_id_number_is_refused_without_repeating_it(users, client_for, task_a):
    bad = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
    response = client_for(users.clerk).post(f"/entry/labour/task/{task_a}/", {"person_id": bad, "name": "张三"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "校验码错误" in body and bad not in body.replace(f'value="{bad}"', "")
    assert not TaskWorker.objects.exists()


def test_workers_seen_before_in_the_village_are_offered(users, client_for, ledger, task_a, task_b):
    ledger("labour_payment", payment_id="OLD-1", village_code=VILLAGE_A, task_id=task_a, person_id=OUYANG,
           name="欧阳娜娜", days="1", daily_rate="100", amount="100", paid_date="2026-11-01")
    ledger("labour_payment", payment_id="OLD-B", village_code=VILLAGE_B, task_id=task_b, person_id=ZHANG,
           name="外村人", days="1", daily_rate="100", amount="100", paid_date="2026-11-01")
    client = client_for(users.clerk)
    page = client.get(f"/entry/labour/task/{task_a}/").content.decode()
    assert "欧阳娜娜" in page and "外村人" not in page and OUYANG not in page
    ref = "p" + str(LabourPayment.objects.get(payment_id="OLD-1").pk)
    assert client.post(f"/entry/labour/task/{task_a}/", {"known": ref}).status_code == 302
    assert TaskWorker.objects.get().person_id == OUYANG
    # another village's worker cannot be picked by forging the reference
    other = "p" + str(LabourPayment.objects.get(payment_id="OLD-B").pk)
    response = client.post(f"/entry/labour/task/{task_a}/", {"known": other})
    assert response.status_code == 422 and TaskWorker.objects.count() == 1


def _crew(client, task_id, *people):
    for person_id, name in people:
        assert client.post(f"/entry/labour/task/{task_id}/", {"person_id": person_id, "name": name}).status_code == 302
    return {w.name: w.pk for w in TaskWorker.objects.all()}


def test_attendance_and_pay(users, client_for, task_a):
    client = client_for(users.clerk)
    crew = _crew(client, task_a, (ZHANG, "张三"), (OUYANG, "欧阳娜娜"))
    for day in ("2026-11-21", "2026-11-22"):
        response = client.post(f"/entry/labour/task/{task_a}/attendance/",
                               {"work_date": day, "present": [crew["张三"], crew["欧阳娜娜"]]})
        assert response.status_code == 302
    assert LabourAttendance.objects.filter(task_id=task_a).count() == 4
    page = client.get(f"/entry/labour/task/{task_a}/attendance/?date=2026-11-21").content.decode()
    assert page.count("checked disabled") == 2

    response = client.post(f"/entry/labour/task/{task_a}/pay/", {
        "worker": crew["张三"], "days": "2", "daily_rate": "150.50", "amount": "", "paid_date": "2026-11-23"})
    assert response.status_code == 302
    pay = LabourPayment.objects.get()
    assert (pay.person_id, pay.name, pay.days, pay.amount, pay.task_id, pay.village_code) == (
        ZHANG, "张三", Decimal("2.00"), Decimal("301.00"), task_a, VILLAGE_A)


def test_pay_amount_must_equal_days_times_rate(users, client_for, task_a):
    client = client_for(users.clerk)
    crew = _crew(client, task_a, (ZHANG, "张三"))
    response = client.post(f"/entry/labour/task/{task_a}/pay/", {
        "worker": crew["张三"], "days": "2", "daily_rate": "150", "amount": "320", "paid_date": "2026-11-23"})
    assert response.status_code == 422
    assert "金额应等于天数×日工资" in response.content.decode()
    assert "the amount must equal days × daily rate" not in response.content.decode()  # the page's language only
    assert not LabourPayment.objects.exists()


def test_attendance_needs_a_tick_and_a_worker_of_this_crew(users, client_for, task_a, task_b):
    client = client_for(users.clerk)
    _crew(client, task_a, (ZHANG, "张三"))
    response = client.post(f"/entry/labour/task/{task_a}/attendance/", {"work_date": "2026-11-21"})
    assert response.status_code == 422 and "请勾选出工的人员" in response.content.decode()
    response = client.post(f"/entry/labour/task/{task_a}/attendance/", {"work_date": "2026-11-21", "present": ["999999"]})
    assert response.status_code == 422
    assert not LabourAttendance.objects.exists()


def test_clerk_cannot_touch_another_villages_task(users, client_for, task_b):
    client = client_for(users.clerk)
    for path in ("", "attendance/", "pay/"):
        assert client.get(f"/entry/labour/task/{task_b}/{path}").status_code == 404
    assert client.post(f"/entry/labour/task/{task_b}/", {"person_id": ZHANG, "name": "张三"}).status_code == 404
    assert client.post(f"/entry/labour/task/{task_b}/pay/", {"days": "1", "daily_rate": "1", "paid_date": "2026-11-01"}).status_code == 404
    assert not TaskWorker.objects.exists() and not LabourPayment.objects.exists()


def test_a_task_may_only_serve_a_project_of_its_own_village(users, client_for, world):
    from . import records

    other = records.project(world.village_b)["project_id"]
    own = records.project(world.village_a)["project_id"]
    client = client_for(users.clerk)
    page = client.get(f"/entry/{VILLAGE_A}/labour/").content.decode()
    assert own in page and other not in page
    response = client.post(f"/entry/{VILLAGE_A}/labour/", {
        "title": "修路", "category": "道路", "dispatch_date": "2026-11-20", "planned_days": "1",
        "planned_workers": "1", "project_id": other})
    assert response.status_code == 422 and "记录不存在" in response.content.decode()
    assert not LabourTask.objects.exists()
    response = client.post(f"/entry/{VILLAGE_A}/labour/", {
        "title": "修路", "category": "道路", "dispatch_date": "2026-11-20", "planned_days": "1",
        "planned_workers": "1", "project_id": own})
    assert response.status_code == 302 and LabourTask.objects.get().project_id == own


def test_a_steward_writes_only_in_the_villages_of_their_county(users, client_for):
    client = client_for(users.steward)
    data = {"title": "修路", "category": "道路", "dispatch_date": "2026-11-20", "planned_days": "1",
            "planned_workers": "1"}
    assert client.post(f"/entry/{VILLAGE_B}/labour/", data).status_code == 404
    assert client.post(f"/entry/{VILLAGE_A}/labour/", data).status_code == 302
    assert list(LabourTask.objects.values_list("village_code", flat=True)) == [VILLAGE_A]
