"""Sign-in: lockout after repeated failures (django-axes) and TOTP two-factor (django-otp)."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sunlit.accounts.models import SecurityPolicy
from sunlit.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_sign_in_and_out(users, client_for):
    client = client_for(None)
    response = _sign_in(client, "inspector_a")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_with_a_clear_message(users, client_for):
    response = _sign_in(client_for(None), "inspector_a", "not-the-password")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


def test_lockout_after_five_failures(users, client_for):
    client = client_for(None)
    for _ in range(5):
        _sign_in(client, "inspector_a", "not-the-password")
    locked = _sign_in(client, "inspector_a")  # even the right password
    assert locked.status_code == 429
    assert "账户已锁定" in locked.content.decode()
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(kind="locked_out", actor_username="inspector_a").exists()
    assert AuditEvent.objects.filter(kind="sign_in_failed").count() >= 5


def test_safe_redirect_after_sign_in(users, client_for):
    client = client_for(None)
    ok = client.post("/accounts/login/?next=/regions/", {"username": "inspector_a", "password": PASSWORD,
                                                         "next": "/regions/"})
    assert ok["Location"] == "/regions/"
    client = client_for(None)
    evil = client.post("/accounts/login/", {"username": "inspector_a", "password": PASSWORD,
                                            "next": "https://evil.example/"})
    assert evil["Location"] == "/"


def _code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_inspectors_must_enrol_when_the_policy_says_so(users, client_for):
    policy = SecurityPolicy.current()
    policy.inspector_totp_required = True
    policy.save()
    client = client_for(None)
    _sign_in(client, "inspector_a")
    response = client.get("/regions/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/setup/")
    assert client.get("/api/v1/me").status_code == 403
    page = client.get("/accounts/two-factor/setup/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=users.inspector_a, confirmed=False)
    assert client.post("/accounts/two-factor/setup/", {"token": "000000" if _code(device) != "000000" else "111111"}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a wrong code throttles the next try
    device.throttle_reset()  # as if the user waited
    assert client.post("/accounts/two-factor/setup/", {"token": _code(device)}).status_code == 302
    assert client.get("/regions/").status_code == 302  # now on to the county page
    assert client.get(f"/regions/{users.inspector_a.scope_id}/").status_code == 200
    # Clerks are not inspectors: the policy does not stop them.
    clerk = client_for(None)
    _sign_in(clerk, "clerk")
    assert clerk.get("/").status_code == 200


def test_a_user_with_a_device_gives_a_code_at_every_sign_in(users, client_for):
    device = TOTPDevice.objects.create(user=users.clerk, name="phone", confirmed=True)
    client = client_for(None)
    _sign_in(client, "clerk")
    response = client.get("/")
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    wrong = client.post("/accounts/two-factor/verify/", {"token": "12345"})
    assert wrong.status_code == 200
    assert client.post("/accounts/two-factor/verify/", {"token": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(kind="two_factor_verified", actor_username="clerk").exists()
