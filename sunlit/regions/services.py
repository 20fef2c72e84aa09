"""Writes to the region tree."""

from dataclasses import dataclass

from django.db import transaction

from sunlit.accounts.scope import require
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput, RowError
from sunlit.tabular import Row

from . import codes
from .models import Kind, Level, Region

COLUMNS = ["code", "name", "level", "parent_code", "kind"]
REQUIRED = ["code", "name", "level", "parent_code"]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _check_row(row: Row, known: dict[str, str]) -> list[RowError]:
    """``known`` maps every code already in the tree or earlier in the file to its level."""
    v = row.values
    code, level, parent = v.get("code", ""), v.get("level", ""), v.get("parent_code", "")
    errors = []

    def bad(column, message):
        errors.append(RowError(row.number, column, v.get(column, ""), message))

    if not codes.is_well_formed(code):
        bad("code", "区划代码必须是12位数字 / the code must be 12 digits")
        return errors
    if not v.get("name"):
        bad("name", "名称不能为空 / the name is required")
    elif len(v["name"]) > 100:
        bad("name", "名称最长100个字符 / the name is longer than 100 characters")
    if level not in Level.values:
        bad("level", "层级必须是 province、city、county、township 或 village / unknown level")
    elif level != codes.level_of(code):
        bad("level", f"代码 {code} 对应的层级是 {codes.level_of(code)} / the code is of level {codes.level_of(code)}")
    expected_parent = codes.parent_code_of(code)
    if (parent or None) != expected_parent:
        want = expected_parent or "（空 / empty）"
        bad("parent_code", f"上级代码应为 {want} / the parent code must be {want}")
    elif parent and parent not in known:
        bad("parent_code", "上级区划不存在 / the parent region does not exist")
    kind = v.get("kind", "")
    if kind and kind not in Kind.values:
        bad("kind", "类型必须是 village 或 community / kind must be village or community")
    elif kind and level != Level.VILLAGE:
        bad("kind", "只有村级区划有类型 / only villages have a kind")
    return errors


@transaction.atomic
def regions_import(*, rows: list[Row], header: list[str], actor, source: str = "") -> ImportResult:
    """Create or update regions from table rows; all or nothing. Re-importing the same rows
    changes nothing. Raises InvalidInput listing every bad cell."""
    scope = require(actor, "regions.import")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InvalidInput(
            "缺少必需的列：" + ", ".join(missing) + " / missing required columns: " + ", ".join(missing),
            [RowError(1, c, "", "缺少此列 / column missing") for c in missing],
        )
    existing = {r.code: r for r in Region.objects.all()}
    known = {code: r.level for code, r in existing.items()}
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    ordered = sorted(rows, key=lambda r: codes.LEVELS.index(r.values["level"])
                     if r.values.get("level") in codes.LEVELS else 0)
    for row in ordered:
        code = row.values.get("code", "")
        if code in seen:
            errors.append(RowError(row.number, "code", code, f"与第 {seen[code]} 行重复 / duplicate of row {seen[code]}"))
            continue
        seen[code] = row.number
        row_errors = _check_row(row, known)
        if not row_errors and scope is not None and not codes.in_subtree(code, scope.code):
            row_errors.append(RowError(row.number, "code", code, "不在您的管辖范围内 / outside your scope"))
        errors.extend(row_errors)
        if not row_errors:
            known[code] = row.values["level"]
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        raise InvalidInput(f"文件有 {len(errors)} 处错误，未导入任何数据 / {len(errors)} errors; nothing was imported", errors)

    created = updated = unchanged = 0
    for row in ordered:
        v = row.values
        fields = {"name": v["name"], "level": v["level"], "parent_id": v["parent_code"] or None,
                  "kind": v.get("kind", "")}
        current = existing.get(v["code"])
        if current is None:
            Region.objects.create(code=v["code"], **fields)
            created += 1
        elif any(getattr(current, k) != val for k, val in fields.items()):
            Region.objects.filter(code=v["code"]).update(**fields)
            updated += 1
        else:
            unchanged += 1
    result = ImportResult(created, updated, unchanged)
    audit_record(kind="import", actor=actor, object_type="region",
                 detail={"source": source, "rows": len(rows), "created": created, "updated": updated})
    return result
