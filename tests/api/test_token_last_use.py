"""An API token's last use is written at most once a minute, so that concurrent requests with one
token do not wait for each other's row lock, and is still kept up to date."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from sunlit.accounts.models import ApiToken
from sunlit.accounts.services import api_token_create


def test_last_use_is_written_at_most_once_a_minute(users):
    secret = api_token_create(user=users.liaison, name="station app")
    token = ApiToken.objects.get(user=users.liaison)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/v1/me").status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert client.get("/api/v1/me").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first         # within the minute: not written
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    assert client.get("/api/v1/me").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first           # older than a minute: written again
