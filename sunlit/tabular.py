"""Reading and writing tables as users exchange them: CSV (UTF-8, with or without BOM) and XLSX.

Rows come back as dicts keyed by the header, with the spreadsheet row number, so that an error
report can point at the exact row a clerk must fix."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

from sunlit.errors import InvalidInput

FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def format_of(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidInput(f"不支持的文件类型 “.{suffix}”：请上传 CSV 或 XLSX 文件。 / Unsupported file type “.{suffix}”: upload a CSV or XLSX file.")
    return suffix


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(data: bytes, *, fmt: str) -> tuple[list[str], list[Row]]:
    """Parse a whole upload. Lines starting with ``#`` before the header are comments (the shipped
    data files carry their source that way)."""
    if fmt == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInput("文件不是 UTF-8 编码的 CSV。 / The CSV file is not UTF-8 encoded.") from exc
        lines = text.splitlines()
        skipped = 0
        while skipped < len(lines) and lines[skipped].startswith("#"):
            skipped += 1
        reader = csv.reader(io.StringIO("\n".join(lines[skipped:])))
        records = list(reader)
        first_row = skipped + 1
    else:
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise InvalidInput("无法读取 XLSX 文件。 / The XLSX file cannot be read.") from exc
        sheet = book.worksheets[0]
        records = [[_clean(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        book.close()
        first_row = 1
    if not records:
        raise InvalidInput("文件是空的。 / The file is empty.")
    header = [_clean(h) for h in records[0]]
    while header and not header[-1]:
        header.pop()
    rows = []
    for offset, record in enumerate(records[1:], start=1):
        cells = [_clean(v) for v in record]
        if not any(cells):
            continue
        rows.append(Row(first_row + offset, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}))
    return header, rows


def write_csv(header: list[str], rows: Iterable[Iterable]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], rows: Iterable[Iterable], *, title: str = "data") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

