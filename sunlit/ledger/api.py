"""The ledger under /api/v1/ledger/: for every canonical table, create (POST /<table>), bulk create
(POST /<table>/bulk), a paginated list filtered by village and date range (GET /<table>) and
retrieve (GET /<table>/<key>). Writes go through the same services — and so the same validation
and scope rules — as the import and the entry pages."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field, create_model

from sunlit.accounts.scope import scope_prefix
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput

from . import registry, selectors
from .services import record_write, records_write

router = Router(tags=["ledger"])
MAX_BULK = 10_000
MAX_PAGE = 500

_OUT_TYPES = {"date": date, "datetime": datetime, "decimal": Decimal, "money": Decimal, "integer": int}


class WriteResultOut(Schema):
    table: str
    rows: int
    created: int
    updated: int
    unchanged: int


class ListFilter(Schema):
    village: str | None = Field(None, description="a village code, or any region code (its subtree)")
    date_from: date | None = None
    date_to: date | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=MAX_PAGE)


def _in_schema(spec: registry.Table):
    fields = {}
    for c in spec.columns:
        kind = str | int | float | None if c.kind in ("decimal", "money", "integer") else str | None
        fields[c.key] = (kind, Field(None, description=f"{c.label} — {c.type_name}" + (" (required)" if c.required else "")))
    name = "".join(p.title() for p in spec.name.split("_"))
    return create_model(f"{name}In", __config__=ConfigDict(extra="forbid"), **fields)


def _out_schema(spec: registry.Table):
    fields = {"id": (int, ...)}
    for c in spec.columns:
        kind = _OUT_TYPES.get(c.kind, str)
        fields[c.key] = (kind | None, None) if not c.required or c.field.null else (kind, ...)
    name = "".join(p.title() for p in spec.name.split("_"))
    return create_model(f"{name}Out", __base__=Schema, **fields)


def _page_schema(spec: registry.Table, out):
    name = "".join(p.title() for p in spec.name.split("_"))
    return create_model(f"{name}Page", __base__=Schema, count=(int, ...), page=(int, ...), page_size=(int, ...),
                        scope=(str | None, None), items=(list[out], ...))


def _register(name: str) -> None:
    spec = registry.table(name)
    In, Out = _in_schema(spec), _out_schema(spec)
    Page = _page_schema(spec, Out)

    @router.post(f"/{name}", response={201: Out}, url_name=f"ledger_{name}_create", operation_id=f"ledger_{name}_create",
                 summary=f"Create a {name} record")
    def create(request, payload: In):
        return Status(201, record_write(name, actor=request.auth, data=payload.model_dump(exclude_unset=True)))

    @router.post(f"/{name}/bulk", response=WriteResultOut, url_name=f"ledger_{name}_bulk", operation_id=f"ledger_{name}_bulk",
                 summary=f"Create or update many {name} records (all or nothing)")
    def bulk(request, payload: list[In]):
        if len(payload) > MAX_BULK:
            raise InvalidInput(f"一次最多 {MAX_BULK} 条 / at most {MAX_BULK} records per request")
        result = records_write(name, actor=request.auth, records=[p.model_dump(exclude_unset=True) for p in payload])
        return result.__dict__

    @router.get(f"/{name}", response=Page, url_name=f"ledger_{name}_list", operation_id=f"ledger_{name}_list",
                summary=f"List {name} records")
    def listing(request, filters: Query[ListFilter]):
        rows = selectors.ledger_rows(name, user=request.auth, village=filters.village,
                                     date_from=filters.date_from, date_to=filters.date_to)
        count = rows.count()
        start = (filters.page - 1) * filters.page_size
        prefix = scope_prefix(request.auth)
        return {"count": count, "page": filters.page, "page_size": filters.page_size,
                "scope": request.auth.scope_id if prefix else None,
                "items": list(rows[start:start + filters.page_size])}

    key_doc = spec.single_key or "id"

    @router.get(f"/{name}/{{key}}", response=Out, url_name=f"ledger_{name}_get", operation_id=f"ledger_{name}_get",
                summary=f"One {name} record by {key_doc}")
    def retrieve(request, key: str):
        row = selectors.ledger_row(name, user=request.auth, key=key)
        if any(c.kind == "person_id" for c in spec.columns):
            audit_record(kind="person_view", actor=request.auth, request=request, object_type=name,
                         object_id=str(row.pk))
        return row


for _name in registry.TABLE_NAMES:
    _register(_name)
