"""Writes to accounts."""

from django.db import transaction

from sunlit.regions.models import Region

from .models import ApiToken, User


@transaction.atomic
def user_create(*, username: str, password: str, role: str, scope: Region | None,
                display_name: str = "") -> User:
    user = User(username=username, role=role, scope=scope, first_name=display_name)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str) -> str:
    """Create a token and return its secret; only the digest is kept."""
    secret = ApiToken.new_secret()
    ApiToken.objects.create(user=user, name=name, digest=ApiToken.digest_of(secret))
    return secret
