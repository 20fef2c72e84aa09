"""Bearer-token authentication for systems calling /api/v1/."""

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken

# A token's last use is written at most this often: a write on every request would make concurrent
# requests with one token wait for each other's row lock.
LAST_USED_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (ApiToken.objects.select_related("user", "user__scope")
                 .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
                 .first())
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
