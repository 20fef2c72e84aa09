"""Serving a stored attachment. Only ever called by an owner app's view after its own permission
check; there is no URL that serves attachments by themselves."""

from django.http import FileResponse

from sunlit.errors import NotFound

from .models import Attachment
from .services import private_root


def attachment_response(attachment: Attachment, *, inline: bool | None = None) -> FileResponse:
    """A ``FileResponse`` for ``attachment``: shown in the page for images (unless ``inline`` is
    False), downloaded otherwise; the stored content type with ``nosniff``, no caching by shared
    caches, and a sandbox so that a document cannot run anything in the site's origin."""
    root = private_root()
    path = (root / attachment.stored_path).resolve()
    if root not in path.parents or not path.is_file():
        raise NotFound("附件文件不存在 / the attachment's file is missing")
    show_inline = attachment.is_image if inline is None else (inline and attachment.is_image)
    response = FileResponse(path.open("rb"), as_attachment=not show_inline, filename=attachment.original_name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
