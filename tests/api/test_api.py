"""The /api/v1/ skeleton: the OpenAPI document is public and holds no data; systems authenticate
with bearer tokens; lists are paginated, filtered and scope-limited."""

import pytest
from django.test import Client
from django.utils import timezone

from sunlit.accounts.models import ApiToken
from sunlit.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_openapi_document_is_public_and_holds_no_data(world):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["info"]["title"] == "Sunlit API"
    assert "/api/v1/regions/{code}" in doc["paths"]
    assert world.county_a.name not in response.content.decode()
    assert doc["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_token_authentication(users):
    secret = api_token_create(user=users.liaison, name="station app")
    token = ApiToken.objects.get(user=users.liaison)
    assert token.digest != secret and secret not in token.digest  # only the digest is stored
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    me = client.get("/api/v1/me").json()
    assert me == {"username": "liaison", "role": "liaison_officer", "scope_code": "330102001001", "scope_name": "前山村"}
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert client.get("/api/v1/me").status_code == 401
    assert Client(headers={"Authorization": "Bearer sl_made-up"}).get("/api/v1/me").status_code == 401


def test_region_list_is_scoped_paginated_and_filtered(users, api_client_for):
    client = api_client_for(users.inspector_a)
    page = client.get("/api/v1/regions").json()
    assert page["count"] == 3 and {r["code"] for r in page["items"]} == {"330102000000", "330102001000", "330102001001"}
    villages = client.get("/api/v1/regions?level=village").json()
    assert [r["code"] for r in villages["items"]] == ["330102001001"]
    children = client.get("/api/v1/regions?parent_code=330102000000").json()
    assert [r["parent_code"] for r in children["items"]] == ["330102000000"]
    admin_page = api_client_for(users.admin).get("/api/v1/regions?page=1").json()
    assert admin_page["count"] == 8


def test_out_of_scope_object_is_a_404_with_a_clear_message(users, world, api_client_for):
    response = api_client_for(users.inspector_a).get(f"/api/v1/regions/{world.county_b.code}")
    assert response.status_code == 404
    assert "scope" in response.json()["detail"]


def test_a_signed_in_browser_session_works_too(users, client_for):
    assert client_for(users.clerk).get("/api/v1/me").json()["username"] == "clerk"


def test_healthz(db):
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"
