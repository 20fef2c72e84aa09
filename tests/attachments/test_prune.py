"""`sunlit attachments_prune`: files no row refers to are removed once old enough; rows whose file
is gone are listed, never deleted."""

import json
import os
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from sunlit.attachments.models import Attachment
from sunlit.attachments.services import attachment_store, private_root

from .files import pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_folder(settings, tmp_path):
    settings.SUNLIT_PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _age(path, hours):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_a_rolled_back_file_is_pruned_and_kept_files_stay():
    kept = attachment_store(upload=upload("kept.pdf", pdf()), uploaded_by="x")
    with pytest.raises(RuntimeError), transaction.atomic():
        orphan = attachment_store(upload=upload("orphan.pdf", pdf()), uploaded_by="x")
        raise RuntimeError("the step failed after its files were written")
    orphan_path = private_root() / orphan.stored_path
    assert orphan_path.exists() and not Attachment.objects.filter(public_id=orphan.public_id).exists()
    young = private_root() / "2026" / ".upload-young"
    young.write_bytes(b"partial")
    for path in (orphan_path, private_root() / kept.stored_path):
        _age(path, 30)

    out = StringIO()
    call_command("attachments_prune", "--dry-run", "--json", stdout=out)
    assert json.loads(out.getvalue())["removed"] == [orphan.stored_path]
    assert orphan_path.exists()

    out = StringIO()
    call_command("attachments_prune", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["removed"] == [orphan.stored_path] and result["missing"] == []
    assert not orphan_path.exists()
    assert (private_root() / kept.stored_path).exists() and young.exists()   # too young to judge

    (private_root() / kept.stored_path).unlink()
    out = StringIO()
    call_command("attachments_prune", "--json", stdout=out)
    assert json.loads(out.getvalue())["missing"] == [str(kept.public_id)]
    assert Attachment.objects.filter(pk=kept.pk).exists()
