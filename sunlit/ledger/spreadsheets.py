"""The spreadsheets the ledger hands out: an import template per table (row 1 the Chinese
headers, row 2 the canonical column keys, a second sheet explaining each column), the error report
of a refused file, and list exports."""

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from sunlit.errors import RowError
from sunlit.tabular import write_xlsx

from .registry import Column, Table

_KIND_HELP = {
    "text": "文本 / text", "enum": "取值之一 / one of the values", "date": "日期 YYYY-MM-DD / date",
    "datetime": "时间 YYYY-MM-DD HH:MM（北京时间）/ time, Asia/Shanghai", "decimal": "数字 / number",
    "money": "金额（元，两位小数）/ yuan, two places", "integer": "整数 / whole number",
    "person_id": "18位身份证号码 / resident ID number", "org_id": "统一社会信用代码 / credit code",
    "village": "12位村代码 / 12-digit village code", "reference": "引用的编号 / key of another record",
    "period": "月份 YYYY-MM / month",
}


def column_help(col: Column) -> str:
    text = _KIND_HELP[col.kind]
    if col.kind == "enum":
        text += "：" + "、".join(col.choices)
    if col.kind == "reference":
        text += f"（{col.target}）"
    if col.kind == "money" and col.signed:
        text += "，可为负 / may be negative"
    if col.derived:
        text += "；可不填，取自所引用的记录 / may be left empty: taken from the referenced record"
    return text


def template_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    sheet.append(table.labels)
    sheet.append(table.keys)
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for cell in sheet[1]:
        cell.font = bold
    for cell in sheet[2]:
        cell.fill = grey
    for i, col in enumerate(table.columns, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(14, len(col.label) * 2 + 2)
    sheet.freeze_panes = "A3"
    notes = book.create_sheet("说明 notes")
    notes.append(["列 column", "中文名 label", "必填 required", "说明 rule"])
    for col in table.columns:
        notes.append([col.key, col.label, "是 yes" if col.required else "否 no", column_help(col)])
    notes.append([])
    notes.append(["第1行为中文表头，第2行为列名（可删除第1行）；数据从第3行开始。",
                  "Row 1: Chinese headers; row 2: column keys (row 1 may be deleted); data from row 3."])
    notes.append(["唯一键 natural key", ", ".join(table.key)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ERROR_HEADER = ["行 row", "列 column", "值 value", "问题 problem"]


def error_report_xlsx(errors: Iterable[RowError], *, title: str = "errors") -> bytes:
    """The rows refused by an import: the values as the file had them, written as text (a value
    like ``=HYPERLINK(…)`` from an uploaded file does not become a formula in the report)."""
    return write_xlsx(ERROR_HEADER, ([e.row, e.column, e.value, e.message] for e in errors), title=title[:31])
