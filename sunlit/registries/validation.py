"""Columnar validation of a registry file with DuckDB: every rule of the table's spec is evaluated
over the whole file in one scan (no Python loop per row); a file that breaks any rule is refused with,
per broken rule, how many rows break it and a sample of them (row number and masked value). A valid
file is then written, normalised and typed, as Parquet. Plain Python, no Django.

Row numbers: CSV — the line number (the header is line 1, comment lines count); XLSX — the sheet
row; Parquet — the record number counted from 1."""

import csv
import io
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sunlit import identity_sql
from sunlit.errors import InvalidInput, RowError
from sunlit.identity import identity_mask
from sunlit.lake.schemas import PARQUET_COMPRESSION, SCHEMAS

from .specs import DATE, DECIMAL, ENUM, ORG_ID, PERIOD, PERSON_ID, REGION_CODE, TEXT, Column, TableSpec

FORMATS = ("csv", "xlsx", "parquet")
SAMPLE_SIZE = 5
TEXT_LIMIT = 200
ROW = "_row"


def format_of(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidInput(f"不支持的文件类型 “.{suffix}”：请提供 CSV、XLSX 或 Parquet 文件。 / "
                           f"Unsupported file type “.{suffix}”: send a CSV, XLSX or Parquet file.")
    return suffix


def mask(value: str | None, column: Column) -> str:
    """How a value appears in an error report: ID numbers by ``sunlit.identity.identity_mask``
    (first 6 + **** + last 2, shorter values entirely masked), names as their first character + **; other values as written."""
    if value is None:
        return ""
    text = str(value)
    if column.is_identity:
        return identity_mask(text)
    if column.name == "name":
        return text[:1] + "**"
    return text if len(text) <= 40 else text[:40] + "…"


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Rule:
    code: str           # e.g. "person_id.check_digit"
    column: str
    message: str        # bilingual, never a value
    condition: str      # SQL over the checked layer; true = the row breaks the rule


@dataclass
class RuleFailure:
    rule: Rule
    count: int
    sample: list[RowError] = field(default_factory=list)


class LoadRejected(InvalidInput):
    """A registry file refused as a whole. ``failures``: per broken rule, the count and a sample."""

    def __init__(self, message: str, failures: list[RuleFailure] | None = None, errors: list[RowError] | None = None):
        failures = failures or []
        if errors is None:
            errors = [e for f in failures for e in f.sample]
        super().__init__(message, errors)
        self.failures = failures


# --- reading the source --------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    relation: str           # SQL producing the file's columns as VARCHAR plus _row (may be NULL for CSV)
    header: list[str]
    row_offset: int         # CSV: the line number of the header


def _csv_header(path: Path) -> tuple[list[str], int]:
    """The header of a CSV file and its line number (leading ``#`` lines are comments)."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        # a multi-byte character cut at the end of the block is fine; anything earlier is not UTF-8
        try:
            text = head[:-4].decode("utf-8-sig") if len(head) == 1 << 20 else head.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("文件不是 UTF-8 编码的 CSV。 / The CSV file is not UTF-8 encoded.") from None
    lines = text.splitlines()
    skipped = 0
    while skipped < len(lines) and lines[skipped].startswith("#"):
        skipped += 1
    if skipped >= len(lines):
        raise InvalidInput("文件是空的。 / The file is empty.")
    header = next(csv.reader(io.StringIO(lines[skipped])))
    return [h.strip() for h in header], skipped + 1


def _xlsx_to_parquet(path: Path, out: Path) -> None:
    """Stream the first sheet of a workbook into a Parquet file of text columns plus the sheet row
    number (dates become ISO text; whole numbers lose their '.0')."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InvalidInput("无法读取 XLSX 文件。 / The XLSX file cannot be read.") from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header_cells = next(rows, None)
        if header_cells is None:
            raise InvalidInput("文件是空的。 / The file is empty.")
        header = [_cell(v) for v in header_cells]
        while header and not header[-1]:
            header.pop()
        if len(set(header)) != len(header):
            raise InvalidInput("表头有重复的列名。 / The header repeats a column name.")
        schema = pa.schema([(h, pa.string()) for h in header] + [(ROW, pa.int64())])
        with pq.ParquetWriter(out, schema) as writer:
            batch: list[list] = []
            number = 1
            for cells in rows:
                number += 1
                values = [_cell(cells[i]) if i < len(cells) else "" for i in range(len(header))]
                if not any(values):
                    continue
                batch.append([*values, number])
                if len(batch) >= 50_000:
                    writer.write_table(_batch_table(batch, schema))
                    batch = []
            writer.write_table(_batch_table(batch, schema))
    finally:
        book.close()


def _cell(value) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _batch_table(batch: list[list], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*batch, strict=True)) if batch else [[] for _ in schema]
    return pa.Table.from_arrays([pa.array(list(c), type=f.type) for c, f in zip(columns, schema, strict=True)],
                                schema=schema)


def open_source(path: Path, fmt: str, workdir: Path) -> Source:
    if fmt == "csv":
        header, line = _csv_header(path)
        if len(set(header)) != len(header):
            raise InvalidInput("表头有重复的列名。 / The header repeats a column name.")
        columns = "{" + ", ".join(f"{lit(h)}: 'VARCHAR'" for h in header) + "}"
        relation = (f"(SELECT *, NULL::BIGINT AS {ROW} FROM read_csv({lit(str(path))}, header=false, "  # noqa: S608 — quoted identifiers and literals only
                    f"skip={line}, columns={columns}, delim=',', quote='\"', escape='\"', "
                    f"auto_detect=false, strict_mode=true, encoding='utf-8'))")
        return Source(relation, header, line)
    if fmt == "xlsx":
        converted = workdir / "source.parquet"
        _xlsx_to_parquet(path, converted)
        path, fmt = converted, "xlsx-converted"
    try:
        names = pq.read_schema(path).names
    except Exception as exc:
        raise InvalidInput("无法读取 Parquet 文件。 / The Parquet file cannot be read.") from exc
    if fmt == "xlsx-converted":
        header = [n for n in names if n != ROW]
        select = ", ".join(q(h) for h in header)
        return Source(f"(SELECT {select}, {ROW} FROM read_parquet({lit(str(path))}))", header, 0)  # noqa: S608 — quoted identifiers and literals only
    select = ", ".join(f"CAST({q(h)} AS VARCHAR) AS {q(h)}" for h in names)
    return Source(f"(SELECT {select}, file_row_number + 1 AS {ROW} "  # noqa: S608 — quoted identifiers and literals only
                  f"FROM read_parquet({lit(str(path))}, file_row_number=true))", names, 0)


# --- the rules -----------------------------------------------------------------------------------

_KIND_TEXT = {
    PERSON_ID: {
        identity_sql.LENGTH: "身份证号码应为18位（或15位旧号码）/ an ID number has 18 characters (or 15, legacy)",
        identity_sql.CHARACTERS: "身份证号码含有不允许的字符 / the ID number has characters that are not allowed",
        identity_sql.BIRTH_DATE: "身份证号码中的出生日期无效或超出范围 / the birth date in the ID number is not a real date or out of range",
        identity_sql.CHECK_DIGIT: "身份证号码校验码错误 / the ID number's check digit is wrong",
    },
    ORG_ID: {
        identity_sql.LENGTH: "统一社会信用代码应为18位 / a unified social credit code has 18 characters",
        identity_sql.CHARACTERS: "统一社会信用代码含有不允许的字符 / the credit code has characters that are not allowed",
        identity_sql.CHECK_DIGIT: "统一社会信用代码校验码错误 / the credit code's check character is wrong",
    },
}


def raw(column: str) -> str:
    return q("r." + column)


def day(column: str) -> str:
    """The typed date of a DATE column (NULL when empty or not a real YYYY-MM-DD date)."""
    return q("d." + column)


def _day_expr(r: str) -> str:
    return (f"CASE WHEN strlen({r}) = 10 AND substr({r}, 5, 1) = '-' AND substr({r}, 8, 1) = '-' "
            f"AND substr({r}, 1, 1) IN ('1', '2') THEN TRY_CAST({r} AS DATE) END")


def problem(column: str) -> str:
    return q(column + ".problem")


def identity(column: str) -> str:
    return q(column + ".id")


def decimal_type(spec: TableSpec, c: Column) -> tuple[int, int]:
    """(precision, scale) of a decimal column: the lake's canonical schema (``sunlit.lake.schemas``)."""
    field = SCHEMAS[spec.name].field(c.name).type
    return field.precision, field.scale


def _decimal_pattern(spec: TableSpec, c: Column) -> str:
    precision, scale = decimal_type(spec, c)
    return f"-?[0-9]{{1,{precision - scale}}}" + (f"([.][0-9]{{1,{scale}}})?" if scale else "")


def rules_for(spec: TableSpec) -> list[Rule]:
    rules: list[Rule] = []
    for c in spec.columns:
        r = raw(c.name)
        name = c.name
        if c.required:
            rules.append(Rule(f"{name}.required", name, f"{name} 不能为空 / {name} is required", f"{r} IS NULL"))
        given = f"{r} IS NOT NULL AND "   # a format rule only judges a value that is there
        if c.kind in (PERSON_ID, ORG_ID):
            for code, message in _KIND_TEXT[c.kind].items():
                rules.append(Rule(f"{name}.{code}", name, f"{name}: {message}", f"{problem(name)} = '{code}'"))
        elif c.kind == REGION_CODE:
            rules.append(Rule(f"{name}.format", name, f"{name} 必须是12位数字的区划代码 / {name} must be a 12-digit region code",
                              given + f"NOT regexp_full_match({r}, '[0-9]{{12}}')"))
        elif c.kind == DATE:
            rules.append(Rule(f"{name}.date", name,
                              f"{name} 必须是 YYYY-MM-DD 格式的有效日期（1000–2999年）/ {name} must be a real date written YYYY-MM-DD (years 1000–2999)",
                              f"{r} IS NOT NULL AND {day(name)} IS NULL"))
        elif c.kind == PERIOD:
            rules.append(Rule(f"{name}.period", name, f"{name} 必须是 YYYY-MM 格式的月份 / {name} must be a month written YYYY-MM",
                              given + f"NOT regexp_full_match({r}, '[0-9]{{4}}-(0[1-9]|1[0-2])')"))
        elif c.kind == DECIMAL:
            rules.append(Rule(f"{name}.number", name,
                              f"{name} 必须是最多 {c.scale} 位小数的数字 / {name} must be a number with at most {c.scale} decimals",
                              given + f"NOT regexp_full_match({r}, {lit(_decimal_pattern(spec, c))})"))
            bounds = []
            if c.minimum is not None:
                bounds.append(f"TRY_CAST({r} AS DECIMAL(18,{c.scale})) < {c.minimum}")
            if c.maximum is not None:
                bounds.append(f"TRY_CAST({r} AS DECIMAL(18,{c.scale})) > {c.maximum}")
            if bounds:
                low = "" if c.minimum is None else f"{c.minimum}"
                high = "" if c.maximum is None else f"{c.maximum}"
                rules.append(Rule(f"{name}.range", name, f"{name} 超出范围 [{low}, {high}] / {name} is outside [{low}, {high}]",
                                  "(" + " OR ".join(bounds) + ")"))
        elif c.kind == ENUM:
            allowed = ", ".join(c.values)
            rules.append(Rule(f"{name}.enum", name,
                              f"{name} 只能是 {allowed} / {name} must be one of {allowed}",
                              given + f"{r} NOT IN ({', '.join(lit(v) for v in c.values)})"))
        elif c.kind == TEXT:
            limit = c.max_length or TEXT_LIMIT
            rules.append(Rule(f"{name}.length", name, f"{name} 最长 {limit} 个字符 / {name} is longer than {limit} characters",
                              given + f"(CASE WHEN strlen({r}) <= {limit} THEN false ELSE length({r}) > {limit} END)"))
    for order in spec.orders:
        rules.append(Rule(f"{order.later}.order", order.later,
                          f"{order.later} 早于 {order.earlier} / {order.later} is before {order.earlier}",
                          f"{day(order.later)} < {day(order.earlier)}"))
    return rules


def _checked(spec: TableSpec, source: Source, today: date) -> str:
    """The checked layer: raw trimmed text "r.<column>" for every column, plus "<column>.problem"
    and "<column>.id" for every identity column (``sunlit.identity_sql`` layers)."""
    base = ", ".join([ROW] + [f"NULLIF(trim({q(c.name)}), '') AS {raw(c.name)}" for c in spec.columns])
    dates = [c.name for c in spec.columns if c.kind == DATE]
    if dates:
        typed = ", ".join(f"{_day_expr(raw(n))} AS {day(n)}" for n in dates)
        base = f"*, {typed} FROM (SELECT {base}"
        source_sql = f"(SELECT {base} FROM {source.relation}))"  # noqa: S608 — quoted identifiers and literals only
    else:
        source_sql = f"(SELECT {base} FROM {source.relation})"  # noqa: S608 — quoted identifiers and literals only
    groups = []
    for c in spec.columns:
        if c.kind == PERSON_ID:
            groups.append(identity_sql.person_id_layers(raw(c.name), c.name, today=today))
        elif c.kind == ORG_ID:
            groups.append(identity_sql.org_id_layers(raw(c.name), c.name))
    return identity_sql.layered_select(source_sql, identity_sql.merge_layers(*groups))


def _typed(spec: TableSpec, c: Column) -> str:
    r = raw(c.name)
    if c.is_identity:
        return identity(c.name)
    if c.kind == DATE:
        return day(c.name)
    if c.kind == DECIMAL:
        precision, scale = decimal_type(spec, c)
        return f"CAST({r} AS DECIMAL({precision},{scale}))"
    return r


# --- the checks ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Checked:
    rows: int
    header: list[str]


def _header_problems(spec: TableSpec, header: list[str]) -> None:
    missing = [c for c in spec.column_names if c not in header]
    unknown = [h for h in header if h not in spec.column_names]
    errors = [RowError(1, c, "", "缺少此列 / column missing") for c in missing]
    errors += [RowError(1, h, "", "不是此表的列 / not a column of this table") for h in unknown]
    parts_zh, parts_en = [], []
    if missing:
        parts_zh.append("缺少必需的列：" + ", ".join(missing))
        parts_en.append("missing required columns: " + ", ".join(missing))
    if unknown:
        parts_zh.append("未知的列：" + ", ".join(unknown))
        parts_en.append("unknown columns: " + ", ".join(unknown))
    if errors:
        expected = ", ".join(spec.column_names)
        raise LoadRejected(f"{spec.name}: " + "；".join(parts_zh) + " / " + "; ".join(parts_en)
                           + f" (expected: {expected})", errors=errors)


def _duckdb_message(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    # DuckDB quotes offending lines in some messages: never echo file content (it may hold IDs)
    text = re.sub(r"[0-9Xx]{15,18}", "****", text)
    return text[:300]


def check(con: duckdb.DuckDBPyConnection, spec: TableSpec, source: Source, *, today: date | None = None) -> Checked:
    """Evaluate every rule over the whole file. Raises LoadRejected; returns the row count."""
    _header_problems(spec, source.header)
    today = today or date.today()
    rules = rules_for(spec)
    checked = _checked(spec, source, today)
    counts = ", ".join(f"count(*) FILTER (WHERE {r.condition}) AS {q(r.code)}" for r in rules)
    try:
        result = con.execute(f"SELECT count(*), {counts} FROM {checked}").fetchone()  # noqa: S608 — quoted identifiers and literals only
    except duckdb.Error as exc:
        raise LoadRejected(f"{spec.name}: 文件无法解析（{_duckdb_message(exc)}）/ the file cannot be parsed "
                           f"({_duckdb_message(exc)})") from None
    rows, *broken = result
    failures = [RuleFailure(rule, n) for rule, n in zip(rules, broken, strict=True) if n]
    if rows == 0:
        raise LoadRejected(f"{spec.name}: 文件没有数据行 / the file has no data rows")
    if failures:
        _fill_samples(con, spec, source, checked, failures)
        total = sum(f.count for f in failures)
        summary_en = "; ".join(f"{f.rule.code}: {f.count}" for f in failures)
        raise LoadRejected(
            f"{spec.name}: {len(failures)} 条规则未通过，共 {total} 处错误，未载入任何数据 / "
            f"{len(failures)} rules broken ({summary_en}); nothing was loaded", failures)
    return Checked(rows, source.header)


def _fill_samples(con, spec: TableSpec, source: Source, checked: str, failures: list[RuleFailure]) -> None:
    """A few example rows per broken rule, with their row numbers. Only on the failure path: a CSV
    file is numbered by a single-threaded scan in file order."""
    if source.row_offset:
        con.execute("SET threads = 1")
        numbered = checked.replace(f"NULL::BIGINT AS {ROW}", f"{source.row_offset} + row_number() OVER () AS {ROW}", 1)
    else:
        numbered = checked
    for failure in failures:
        column = spec.column(failure.rule.column)
        found = con.execute(f"SELECT {ROW}, {raw(column.name)} FROM {numbered} "  # noqa: S608 — quoted identifiers and literals only
                            f"WHERE {failure.rule.condition} ORDER BY {ROW} LIMIT {SAMPLE_SIZE}").fetchall()
        failure.sample = [RowError(int(row), column.name, mask(value, column), failure.rule.message)
                          for row, value in found]
    con.execute("RESET threads")



INVALID_MARK = "sunlit: a row breaks a rule"


def _any_broken(spec: TableSpec) -> list[str]:
    """Conditions that together are true exactly when a row breaks some rule of ``rules_for``,
    condensed for the write scan: one test per identity column instead of one per problem code,
    and NULL-safe wrapping only where a condition can be NULL."""
    conditions = []
    for rule in rules_for(spec):
        column = spec.column(rule.column)
        if column.is_identity and not rule.code.endswith(".required"):
            continue
        if rule.code.endswith((".range", ".order")):
            conditions.append(f"coalesce({rule.condition}, false)")
        else:
            conditions.append(f"({rule.condition})")
    conditions += [f"{problem(c)} IS NOT NULL" for c in spec.person_id_columns + spec.org_id_columns]
    return conditions


def write(con: duckdb.DuckDBPyConnection, spec: TableSpec, source: Source, out: Path, *, today: date | None = None) -> int:
    """Check and write in one scan: the rows, normalised and typed, go to Parquet files in the folder
    ``out`` (one per DuckDB thread, so that writing is parallel), and the first row that breaks any
    rule stops the scan with ``INVALID_MARK`` (the caller then runs ``check`` for the full report).
    Returns the rows written."""
    checked = _checked(spec, source, today or date.today())
    broken = " OR ".join(_any_broken(spec))
    first, *rest = spec.columns
    select = [f"CASE WHEN {broken} THEN error({lit(INVALID_MARK)}) ELSE {_typed(spec, first)} END AS {q(first.name)}"]
    select += [f"{_typed(spec, c)} AS {q(c.name)}" for c in rest]
    written = con.execute(f"COPY (SELECT {', '.join(select)} FROM {checked}) TO {lit(str(out))} "  # noqa: S608 — quoted identifiers and literals only
                          f"(FORMAT parquet, COMPRESSION {PARQUET_COMPRESSION}, PER_THREAD_OUTPUT true)").fetchone()
    return int(written[0])


def check_and_write(con: duckdb.DuckDBPyConnection, spec: TableSpec, source: Source, out: Path, *,
                    today: date | None = None) -> int:
    """All or nothing: returns the rows written, or raises LoadRejected with the full report."""
    _header_problems(spec, source.header)
    try:
        written = write(con, spec, source, out, today=today)
    except duckdb.Error:
        shutil.rmtree(out, ignore_errors=True)
        check(con, spec, source, today=today)     # raises LoadRejected with counts and samples
        raise LoadRejected(f"{spec.name}: 文件无法载入 / the file could not be loaded") from None
    if written == 0:
        shutil.rmtree(out, ignore_errors=True)
        raise LoadRejected(f"{spec.name}: 文件没有数据行 / the file has no data rows")
    return written
