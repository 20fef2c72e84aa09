"""Reads of attachments. No scope here: an attachment belongs to a record of an owner app, and the
owner app checks the user may see that record before it looks an attachment up."""

import uuid

from sunlit.errors import NotFound

from .models import Attachment


def attachment_get(*, public_id) -> Attachment:
    try:
        return Attachment.objects.get(public_id=uuid.UUID(str(public_id)))
    except (ValueError, Attachment.DoesNotExist):
        raise NotFound("附件不存在 / no such attachment") from None


def attachments_by_ids(public_ids) -> list[Attachment]:
    wanted = []
    for value in public_ids:
        try:
            wanted.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    found = {a.public_id: a for a in Attachment.objects.filter(public_id__in=wanted)}
    return [found[w] for w in wanted if w in found]
