"""One validation path for every ledger write: import files, the API and the entry forms.

Rows are checked column by column (a batch holds each column as a list), with each distinct cell
value parsed once, so that a million-row file is checked in seconds. Validation refuses malformed
data — a bad check digit, an unparseable date or number, an unknown village or enumeration value, a
non-empty reference to a missing record — and never a suspicious fact (DESIGN.md §2)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from sunlit.accounts.scope import scope_prefix
from sunlit.errors import RowError
from sunlit.identity import IdentityError, identity_mask, org_id_normalise, person_id_normalise
from sunlit.regions import codes

from .registry import Column, Table

LOCAL_TIME = ZoneInfo("Asia/Shanghai")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
MAX_ERRORS = 10_000


def mask_identity(value: str) -> str:
    """What an error report may show of an identity cell: never the whole number (the one rule,
    ``sunlit.identity.identity_mask``)."""
    return identity_mask(value)


class CellError(ValueError):
    pass


# --- parsing one distinct value ---------------------------------------------------------------
def _parse_date(text: str) -> date:
    m = _DATE.match(text)
    if not m:
        raise CellError("日期格式应为 YYYY-MM-DD / a date is written YYYY-MM-DD")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellError("不是有效日期 / not a real date") from None


def _parse_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CellError("时间格式应为 YYYY-MM-DD HH:MM[:SS] / a time is written YYYY-MM-DD HH:MM[:SS]") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TIME)
    return moment


def _parse_decimal(text: str, col: Column) -> Decimal:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CellError("不是有效数字 / not a number") from None
    if not number.is_finite():
        raise CellError("不是有效数字 / not a number")
    if number < 0 and not col.signed:
        raise CellError("不能为负数 / must not be negative")
    if number.as_tuple().exponent < -col.places and number != number.quantize(Decimal(1).scaleb(-col.places)):
        raise CellError(f"最多 {col.places} 位小数 / at most {col.places} decimal places")
    number = number.quantize(Decimal(1).scaleb(-col.places))
    if len(number.as_tuple().digits) > col.max_digits:
        raise CellError("数值过大 / the number is too large")
    return number


def _parse_integer(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise CellError("应为整数 / must be a whole number") from None
    if number < 0:
        raise CellError("不能为负数 / must not be negative")
    if number > 2_147_483_647:
        raise CellError("数值过大 / the number is too large")
    return number


def _parser(col: Column):
    kind = col.kind
    if kind == "enum":
        allowed = set(col.choices)
        listed = "、".join(col.choices)

        def enum(v):
            if v not in allowed:
                raise CellError(f"只能是 {listed} / must be one of {', '.join(col.choices)}")
            return v
        return enum
    if kind == "date":
        return _parse_date
    if kind == "datetime":
        return _parse_datetime
    if kind in ("decimal", "money"):
        return lambda v: _parse_decimal(v, col)
    if kind == "integer":
        return _parse_integer
    if kind == "period":
        def period(v):
            if not _PERIOD.match(v):
                raise CellError("月份格式应为 YYYY-MM / a month is written YYYY-MM")
            return v
        return period
    if kind in ("person_id", "org_id"):
        normalise = person_id_normalise if kind == "person_id" else org_id_normalise

        def identity(v):
            try:
                return normalise(v)
            except IdentityError as exc:
                raise CellError(str(exc)) from None
        return identity
    raise AssertionError(kind)


def _empty_value(col: Column):
    return None if col.field.null or col.kind not in ("text", "enum", "person_id", "org_id", "period",
                                                      "reference", "village") else ""


# --- the writer's context ---------------------------------------------------------------------
@dataclass
class Context:
    """Who writes, and what they may write to: the villages in their scope, looked up once."""

    actor: object
    prefix: str
    _villages: dict[str, bool] | None = None
    _references: dict[str, dict[str, str]] | None = None
    # Set while a COPY stays open across batches: no query may run then, so references are read
    # whole, once, before the first batch is written.
    read_references_whole: bool = False
    parsed: dict[str, dict] = field(default_factory=dict)    # column → cell text → value
    failed: dict[str, dict] = field(default_factory=dict)    # column → cell text → problem

    @classmethod
    def for_actor(cls, actor) -> "Context":
        return cls(actor=actor, prefix=scope_prefix(actor) or "")

    def village_state(self, code: str) -> str:
        """'ok', 'outside' (exists, not in scope) or 'unknown'."""
        if self._villages is None:
            from sunlit.regions.models import Region

            self._villages = {}
            for c in Region.objects.filter(level="village").values_list("code", flat=True).iterator(chunk_size=10000):
                self._villages[c] = c.startswith(self.prefix)
        state = self._villages.get(code)
        return "unknown" if state is None else ("ok" if state else "outside")

    def references(self, target: Table, key: str, wanted: set[str]) -> dict[str, str]:
        """Records of ``target`` in the writer's scope, key → village. A few keys are looked up
        directly; for a large batch every record in scope is read once per write (reference
        targets — projects, assets, leases, tasks, seals — are small next to the rows that point
        at them), so later batches need no query."""
        if self._references is None:
            self._references = {}
        found = self._references.get(target.name)
        if found is None and len(wanted) <= 500 and not self.read_references_whole:
            return dict(target.model.objects.filter(village_code__startswith=self.prefix, **{f"{key}__in": wanted})
                        .values_list(key, "village_code"))
        if found is None:
            rows = target.model.objects.filter(village_code__startswith=self.prefix).values_list(key, "village_code")
            found = self._references[target.name] = dict(rows.iterator(chunk_size=20000))
        return found

    def in_scope(self, code: str | None) -> bool:
        return bool(code) and code.startswith(self.prefix)


# --- a batch of rows, column-wise -------------------------------------------------------------
@dataclass
class Batch:
    table: Table
    numbers: list[int]
    raw: dict[str, list[str]]
    values: dict[str, list] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    bad: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.numbers)

    def error(self, i: int, column: str, message: str) -> None:
        self.bad.add(i)
        raw = self.raw.get(column, [""] * len(self.numbers))[i] if column in self.raw else ""
        col = self.table.by_key.get(column)
        shown = mask_identity(raw) if col is not None and col.identity else raw
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(self.numbers[i], column, shown, message))


def _text_kind(col: Column) -> bool:
    return col.kind in ("text", "reference", "village")


def _check_columns(batch: Batch, ctx: Context) -> None:
    """Each column is parsed through its distinct values (a column of a million cells usually
    holds far fewer distinct values), then mapped back; rows are visited one by one only to report
    the cells that are wrong."""
    n = len(batch)
    for col in batch.table.columns:
        raw = batch.raw.get(col.key)
        if raw is None:
            batch.values[col.key] = [_empty_value(col)] * n
            continue
        empty = _empty_value(col)
        distinct = set(raw)
        problems: dict[str, str] = {}
        if "" in distinct:
            distinct.discard("")
            if col.required:
                problems[""] = "必填 / required"
        if _text_kind(col):
            limit = col.max_length
            if limit:
                for v in distinct:
                    if len(v) > limit:
                        problems[v] = f"最长 {limit} 个字符 / longer than {limit} characters"
            if empty == "":
                out = list(raw) if col.kind == "village" else raw
            else:
                out = [v if v else empty for v in raw]
        else:
            # Parsed values are kept for the whole write: a worker's ID number or a date recurs
            # across batches and is checked once.
            parsed = ctx.parsed.setdefault(col.key, {})
            failed = ctx.failed.setdefault(col.key, {})
            parse = None
            for v in distinct:
                if v in parsed:
                    continue
                if v in failed:
                    problems[v] = failed[v]
                    continue
                parse = parse or _parser(col)
                try:
                    parsed[v] = parse(v)
                except CellError as exc:
                    problems[v] = failed[v] = str(exc)
            lookup = parsed.get
            out = [lookup(v, empty) for v in raw]
        if problems:
            for i, v in enumerate(raw):
                message = problems.get(v)
                if message is not None:
                    batch.error(i, col.key, message)
        batch.values[col.key] = out


def _check_villages(batch: Batch, ctx: Context) -> None:
    col = batch.table.by_key["village_code"]
    if col.derived and "village_code" not in batch.raw:
        return
    states: dict[str, str] = {}
    villages = batch.values["village_code"]
    for i, code in enumerate(villages):
        if not code:
            continue
        state = states.get(code)
        if state is None:
            state = "bad" if not codes.is_well_formed(code) else ctx.village_state(code)
            states[code] = state
        if state == "bad":
            batch.error(i, "village_code", "村代码必须是12位数字 / a village code is 12 digits")
        elif state == "unknown":
            batch.error(i, "village_code", "村不存在 / no such village")
        elif state == "outside":
            batch.error(i, "village_code", "不在您的管辖范围内 / outside your scope")
        if state != "ok":
            villages[i] = ""   # so that no further check compares against it


def _check_references(batch: Batch, ctx: Context) -> None:
    from .registry import tables

    table = batch.table
    for col in table.columns:
        if col.kind != "reference":
            continue
        target = tables()[col.target]
        target_key = target.single_key
        values = batch.values[col.key]
        found = ctx.references(target, target_key, {v for v in values if v})
        derive = table.village_from == col.key
        given = "village_code" in batch.raw
        villages = batch.values["village_code"]
        for i, v in enumerate(values):
            if not v:
                continue
            village = found.get(v)
            if village is None or not ctx.in_scope(village):
                batch.error(i, col.key, f"引用的{target.name}记录不存在 / no such {target.name} record")
            elif derive and not (given and villages[i]):
                villages[i] = village
            elif villages[i] and villages[i] != village:
                batch.error(i, col.key, f"引用的{target.name}记录属于另一个村 / the {target.name} record belongs to another village")


def check_batch(batch: Batch, ctx: Context) -> None:
    """Parse and check every cell of ``batch``; the table's own row checks run last."""
    _check_columns(batch, ctx)
    _check_villages(batch, ctx)
    _check_references(batch, ctx)
    for check in batch.table.checks:
        check(batch)


# --- helpers for the domains' row checks ------------------------------------------------------
def dates_in_order(first: str, second: str, message: str):
    """A row check: ``first`` ≤ ``second`` when both are given."""
    def check(batch: Batch) -> None:
        for i, (a, b) in enumerate(zip(batch.values[first], batch.values[second], strict=True)):
            if a is not None and b is not None and a > b:
                batch.error(i, second, message)
    check.__name__ = f"{first}_before_{second}"
    return check
