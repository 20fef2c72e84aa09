"""The village's public labour page: no sign-in, day by day, masked names, no ID number."""

from sunlit.identity import person_id_make
from tests.entry.conftest import OUYANG, VILLAGE_A, VILLAGE_B, ZHANG


def _pay(ledger, payment_id, person_id, name, day, village=VILLAGE_A, task="T-A"):
    ledger("labour_payment", payment_id=payment_id, village_code=village, task_id=task, person_id=person_id,
           name=name, days="2", daily_rate="150", amount="300", paid_date=day)


def test_published_labour_by_day_with_masked_names(world, users, ledger, task_a, task_b, client_for):
    _pay(ledger, "P1", ZHANG, "张三", "2026-11-23")
    _pay(ledger, "P2", OUYANG, "欧阳娜娜", "2026-11-23")
    _pay(ledger, "P3", ZHANG, "张三", "2026-11-24")
    _pay(ledger, "PB", OUYANG, "后塘人", "2026-11-24", village=VILLAGE_B, task="T-B")
    response = client_for(None).get(f"/v/{VILLAGE_A}/labour/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "前山村" in body and "河道清理" in body
    assert "张*" in body and "欧**娜" in body and "300.00" in body
    assert body.index('data-day="2026-11-24"') < body.index('data-day="2026-11-23"')
    assert "张三" not in body and "欧阳娜娜" not in body and "后塘人" not in body


def test_page_never_shows_an_id_number_of_the_villages_workers(world, users, ledger, task_a, client_for):
    workers = [person_id_make(f"330102197{i}0101{i:03d}") for i in range(8)]
    for i, person_id in enumerate(workers):
        _pay(ledger, f"P{i}", person_id, f"工人{i}号", "2026-11-23")
    body = client_for(None).get(f"/v/{VILLAGE_A}/labour/").content.decode()
    assert body.count("<tr><td>河道清理</td>") == len(workers)
    for person_id in workers:
        assert person_id not in body and person_id[-8:] not in body and person_id[:14] not in body


def test_months_and_unknown_villages(world, users, ledger, task_a, client_for):
    _pay(ledger, "P1", ZHANG, "张三", "2026-10-05")
    _pay(ledger, "P2", ZHANG, "张三", "2026-11-05")
    client = client_for(None)
    assert "2026-11-05" in client.get(f"/v/{VILLAGE_A}/labour/").content.decode()
    october = client.get(f"/v/{VILLAGE_A}/labour/?month=2026-10").content.decode()
    assert "2026-10-05" in october and "2026-11-05" not in october
    assert client.get("/v/330102001000/labour/").status_code == 404   # a township, not a village
    assert client.get("/v/999999999999/labour/").status_code == 404
