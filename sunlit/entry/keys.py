"""Keys for records entered online: the clerk may type the village's own number, or leave it to
be numbered (prefix, village, date, a random suffix)."""

import secrets

from django.utils import timezone


def key_new(*, prefix: str, village_code: str, model, field: str) -> str:
    """A key of the form PREFIX-VILLAGE-YYYYMMDD-XXXXXX that no record of ``model`` uses yet."""
    stamp = timezone.localdate().strftime("%Y%m%d")
    while True:
        key = f"{prefix}-{village_code}-{stamp}-{secrets.token_hex(3).upper()}"
        if not model.objects.filter(**{field: key}).exists():
            return key
