"""Writes made by the entry pages beyond the ledger's own services: creating a record whose key
must be new, and a labour task's crew. Ledger rows are written by the domains' services, through
the ledger's one validation path."""

from collections.abc import Callable

from django.db import transaction

from sunlit.accounts.scope import require, scope_prefix
from sunlit.errors import InvalidInput, NotFound, RowError
from sunlit.identity import IdentityError, person_id_normalise
from sunlit.ledger import registry
from sunlit.ledger.services import WRITE_ACTION
from sunlit.ledger.validation import mask_identity

from .keys import key_new
from .models import TaskWorker

KEY_PREFIX = {"labour_task": "T", "labour_payment": "LP", "project": "PRJ", "project_change": "CHG",
              "project_payment": "PP", "asset": "AST", "lease": "LSE", "rent_receipt": "RR",
              "purchase": "PUR", "relief_payment": "RP", "seal": "SEAL", "seal_usage": "SU"}


@transaction.atomic
def record_new(*, table: str, actor, village_code: str, data: dict, write: Callable[..., object]):
    """Create a record with a new key: an empty key is numbered; a key already in use is refused
    (an entry form never overwrites an existing record). ``write`` is the domain's create service."""
    spec = registry.table(table)
    key = spec.single_key
    data = dict(data)
    if key is not None:
        given = (data.get(key) or "").strip()
        if not given:
            data[key] = key_new(prefix=KEY_PREFIX[table], village_code=village_code, model=spec.model, field=key)
        elif spec.model.objects.filter(**{key: given}).exists():
            raise InvalidInput("编号已被使用 / this number is already in use",
                               [RowError(1, key, given, "编号已被使用 / this number is already in use")])
    return write(actor=actor, data=data)


@transaction.atomic
def task_worker_add(*, actor, task, person_id: str, name: str) -> TaskWorker:
    """Put a worker on ``task``'s crew (once). The ID number is checked by GB 11643."""
    require(actor, WRITE_ACTION)
    if not task.village_code.startswith(scope_prefix(actor) or "-"):
        raise NotFound("未找到，或不在您的管辖范围内 / not found, or outside your scope")
    errors = []
    try:
        person_id = person_id_normalise(person_id)
    except IdentityError as exc:
        errors.append(RowError(1, "person_id", mask_identity(person_id), str(exc)))
    name = "".join((name or "").split())
    if not name:
        errors.append(RowError(1, "name", "", "必填 / required"))
    elif len(name) > 50:
        errors.append(RowError(1, "name", name[:50], "最长 50 个字符 / longer than 50 characters"))
    if errors:
        raise InvalidInput("未添加 / not added", errors)
    worker, created = TaskWorker.objects.get_or_create(
        task=task, person_id=person_id, defaults={"village_code": task.village_code, "name": name})
    if not created and worker.name != name:
        worker.name = name
        worker.save(update_fields=["name"])
    return worker
