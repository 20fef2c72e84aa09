"""The seal register, the seal-use log and its approval step, and the cadre roster."""

from sunlit.audit.models import AuditEvent
from sunlit.cadres.models import Cadre
from sunlit.seals.models import Seal, SealUsage

from . import records
from .conftest import CADRE_WANG, VILLAGE_A, VILLAGE_B, ZHANG


def _cadre(client, person_id, name, start="2021-01-01", end=""):
    return client.post(f"/entry/{VILLAGE_A}/cadres/", {"name": name, "person_id": person_id, "position": "村委会主任",
                                                      "term_start": start, "term_end": end})


def _request_use(client, applicant="张三"):
    seal = Seal.objects.get(village_code=VILLAGE_A)
    response = client.post(f"/entry/{VILLAGE_A}/seals/uses/", {
        "seal_id": seal.seal_id, "used_at": "2026-11-20T10:30", "document_type": "certificate",
        "matter": "出具居住证明", "applicant_name": applicant})
    assert response.status_code == 302, response.content.decode()[:2000]
    return SealUsage.objects.latest("id")


def test_register_request_and_approve(users, client_for):
    client = client_for(users.clerk)
    assert client.post(f"/entry/{VILLAGE_A}/seals/", {"name": "村民委员会章", "custodian_person_id": CADRE_WANG}).status_code == 302
    assert _cadre(client, CADRE_WANG, "王五").status_code == 302
    usage = _request_use(client)
    assert usage.approver_person_id == "" and usage.approved_at is None
    assert "等待审批" in client.get(f"/entry/{VILLAGE_A}/seals/uses/").content.decode()
    cadre = Cadre.objects.get()
    response = client.post(f"/entry/seal-uses/{usage.usage_id}/", {"approver": str(cadre.pk)})
    assert response.status_code == 302
    usage.refresh_from_db()
    assert usage.approver_person_id == CADRE_WANG and usage.approved_at is not None
    page = client.get(f"/entry/seal-uses/{usage.usage_id}/").content.decode()
    assert "王五" in page and 'data-testid="approval-form"' not in page
    response = client.post(f"/entry/seal-uses/{usage.usage_id}/", {"approver": str(cadre.pk)})
    assert response.status_code == 422 and "已审批" in response.content.decode()


def test_the_applicant_cannot_approve_their_own_use(users, client_for):
    client = client_for(users.clerk)
    client.post(f"/entry/{VILLAGE_A}/seals/", {"name": "村民委员会章", "custodian_person_id": CADRE_WANG})
    _cadre(client, CADRE_WANG, "王五")
    usage = _request_use(client, applicant="王五")
    response = client.post(f"/entry/seal-uses/{usage.usage_id}/", {"approver": str(Cadre.objects.get().pk)})
    assert response.status_code == 422
    assert "审批人不能是申请人本人" in response.content.decode()
    usage.refresh_from_db()
    assert usage.approved_at is None and usage.approver_person_id == ""


def test_an_approver_must_be_a_cadre_in_office(users, client_for, ledger):
    client = client_for(users.clerk)
    client.post(f"/entry/{VILLAGE_A}/seals/", {"name": "村民委员会章", "custodian_person_id": CADRE_WANG})
    _cadre(client, ZHANG, "前任主任", start="2015-01-01", end="2020-12-31")
    ledger("cadre", village_code=VILLAGE_B, person_id=CADRE_WANG, name="外村主任", position="主任", term_start="2021-01-01")
    usage = _request_use(client)
    for cadre in Cadre.objects.all():
        response = client.post(f"/entry/seal-uses/{usage.usage_id}/", {"approver": str(cadre.pk)})
        assert response.status_code == 422
    response = client.post(f"/entry/seal-uses/{usage.usage_id}/", {"approver": ""})
    assert response.status_code == 422
    usage.refresh_from_db()
    assert usage.approved_at is None


def test_seal_refusals_and_scope(users, client_for, world):
    client = client_for(users.clerk)
    bad = CADRE_WANG[:-1] + ("0" if CADRE_WANG[-1] != "0" else "1")
    response = client.post(f"/entry/{VILLAGE_A}/seals/", {"name": "村民委员会章", "custodian_person_id": bad})
    assert response.status_code == 422 and "校验码错误" in response.content.decode()
    assert bad not in response.content.decode().replace(f'value="{bad}"', "")
    other_seal = records.seal(world.village_b)["seal_id"]
    response = client.post(f"/entry/{VILLAGE_A}/seals/uses/", {
        "seal_id": other_seal, "used_at": "2026-11-20T10:30", "document_type": "blank", "matter": "x",
        "applicant_name": "张三"})
    assert response.status_code == 422 and "不存在" in response.content.decode()
    other_use = records.seal_usage(world.village_b)["usage_id"]
    assert client.get(f"/entry/seal-uses/{other_use}/").status_code == 404
    assert client.post(f"/entry/seal-uses/{other_use}/", {"approver": "1"}).status_code == 404
    assert client.post(f"/entry/{VILLAGE_B}/seals/", {"name": "x", "custodian_person_id": CADRE_WANG}).status_code == 404
    assert SealUsage.objects.filter(village_code=VILLAGE_A).count() == 0
    assert Seal.objects.filter(village_code=VILLAGE_A).count() == 0
    inspector = client_for(users.inspector_a)
    own_use = records.seal_usage(world.village_a)["usage_id"]
    assert inspector.get(f"/entry/seal-uses/{own_use}/").status_code == 200
    assert inspector.post(f"/entry/seal-uses/{own_use}/", {"approver": "1"}).status_code == 403


def test_cadre_roster(users, client_for):
    client = client_for(users.clerk)
    response = _cadre(client, CADRE_WANG, "王五", start="2024-01-01", end="2023-01-01")
    assert response.status_code == 422 and "任期结束早于任期开始" in response.content.decode()
    assert not Cadre.objects.exists()
    assert _cadre(client, CADRE_WANG, "王五").status_code == 302
    before = AuditEvent.objects.filter(kind="view", object_type="cadre").count()
    page = client.get(f"/entry/{VILLAGE_A}/cadres/").content.decode()
    assert "王五" in page and CADRE_WANG not in page
    assert AuditEvent.objects.filter(kind="view", object_type="cadre").count() == before + 1
