"""Security-relevant events land in the chain: sign-in, failed sign-in, lockout, permission denied,
export."""

import pytest

from sunlit.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _kinds():
    return list(AuditEvent.objects.order_by("seq").values_list("kind", "actor_username"))


def test_sign_in_and_failed_sign_in(users, client_for):
    client = client_for(None)
    client.post("/accounts/login/", {"username": "inspector_a", "password": "wrong-password"})
    client.post("/accounts/login/", {"username": "inspector_a", "password": PASSWORD})
    kinds = _kinds()
    assert ("sign_in_failed", "inspector_a") in kinds
    assert ("sign_in", "inspector_a") in kinds


def test_permission_denied_for_a_role_and_for_another_county(users, world, client_for):
    client = client_for(users.clerk)
    assert client.get("/regions/import/").status_code == 403
    inspector = client_for(users.inspector_a)
    assert inspector.get(f"/regions/{world.county_b.code}/").status_code == 404
    denied = AuditEvent.objects.filter(kind="permission_denied")
    assert {e.actor_username for e in denied} == {"clerk", "inspector_a"}
    assert any('"out_of_scope"' in e.detail for e in denied)


def test_export_is_audited(users, client_for):
    assert client_for(users.inspector_a).get("/regions/export/?format=csv").status_code == 200
    event = AuditEvent.objects.filter(kind="export").get()
    assert event.actor_username == "inspector_a" and event.object_type == "region"
