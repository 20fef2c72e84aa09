"""Bearer-token authentication for systems calling /api/v1/."""

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (ApiToken.objects.select_related("user", "user__scope")
                 .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
                 .first())
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user
