"""Reading and writing tables as users exchange them: CSV (UTF-8, with or without BOM), XLSX and
(for reading) Parquet.

Rows come back as dicts keyed by the header, with the spreadsheet row number, so that an error
report can point at the exact row a clerk must fix."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from sunlit.errors import InvalidInput

FORMATS = ("csv", "xlsx")
READ_FORMATS = ("csv", "xlsx", "parquet")


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def format_of(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidInput(f"不支持的文件类型 “.{suffix}”：请上传 CSV 或 XLSX 文件。 / Unsupported file type “.{suffix}”: upload a CSV or XLSX file.")
    return suffix


def read_format_of(name: str) -> str:
    """The format of an upload by its name: CSV, XLSX or Parquet."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in READ_FORMATS:
        raise InvalidInput(f"不支持的文件类型 “.{suffix}”：请上传 CSV、XLSX 或 Parquet 文件。 / Unsupported file type “.{suffix}”: upload a CSV, XLSX or Parquet file.")
    return suffix


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == time(0) and value.tzinfo is None:
        value = value.date()
    return str(value).strip()


def _parquet_records(data: bytes) -> list[list]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:
        raise InvalidInput("无法读取 Parquet 文件。 / The Parquet file cannot be read.") from exc
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return [list(table.column_names), *([c[i] for c in columns] for i in range(table.num_rows))]


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
    elif fmt == "parquet":
        records = _parquet_records(data)
        first_row = 1
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


# A text value that a spreadsheet would take for a formula (=HYPERLINK(...), +cmd, -2+3, @SUM):
# written as a text cell, so that the workbook shows it as written and never runs it.
FORMULA_START = ("=", "+", "-", "@")


def _is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def as_text_cells(sheet) -> None:
    """Every formula-like text value in an (ordinary) worksheet kept as text, not as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" and _is_formula_like(cell.value):
                cell.data_type = "s"


def write_xlsx(header: list[str], rows: Iterable[Iterable], *, title: str = "data") -> bytes:
    """A one-sheet workbook; text values are always text cells (a value starting with ``=`` is
    not turned into a formula)."""
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)

    def cell(value):
        if not _is_formula_like(value):
            return value
        text = WriteOnlyCell(sheet, value=value)
        text.data_type = "s"
        return text

    sheet.append([cell(v) for v in header])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()



# --- streaming large files, column-wise -------------------------------------------------------
@dataclass(frozen=True)
class Chunk:
    """Consecutive data rows of a table, held column by column (``columns[name][i]`` is the cell
    of row ``numbers[i]``, the row number a spreadsheet user sees)."""

    numbers: list[int]
    columns: dict[str, list[str]]


class TableFile:
    """A CSV, XLSX or Parquet file read in chunks, so that a million rows never sit in memory as
    a million dicts. ``known`` names the canonical columns: when the first row holds none of them
    and the second row does, the first row is a row of labels (the templates' Chinese headers) and
    is skipped. ``fraction`` tells how far reading has got, for a progress bar."""

    def __init__(self, path: Path | str, *, fmt: str | None = None, known=()):
        self.path = Path(path)
        self.fmt = fmt or read_format_of(self.path.name)
        self.known = set(known)
        self.fraction = 0.0
        self._records, self.header, self.rows_hint = self._open()

    # Each opener returns an iterator of (row number, cells), the header and a row-count hint.
    def _open(self):
        opener = {"csv": self._open_csv, "xlsx": self._open_xlsx, "parquet": self._open_parquet}[self.fmt]
        records, hint = opener()
        header = None
        for _number, cells in records:
            cells = [_clean(c) for c in cells]
            if not any(cells):
                continue
            if header is None:
                header = cells
                if not self.known or self.known & set(header):
                    break
                continue
            # ``header`` held labels: this row is the header if it names known columns.
            if self.known & set(cells):
                header = cells
            break
        if header is None:
            raise InvalidInput("文件是空的。 / The file is empty.")
        if self.known and not self.known & set(header):
            raise InvalidInput("找不到列名行（第1行或第2行应为列名）/ no header row: row 1 or 2 must hold the column keys")
        self._raw_header = list(header)
        while header and not header[-1]:
            header.pop()
        return records, header, hint

    def _open_csv(self):
        raw = open(self.path, "rb")  # closed when the iterator ends
        size = max(self.path.stat().st_size, 1)
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        self._csv_lines_read = 0

        def records():
            try:
                number = 0
                lines = iter(text.readline, "")
                # Comment lines before the header carry a file's source.
                first = next(lines, "")
                while first.startswith("#"):
                    number += 1
                    first = next(lines, "")
                start = number
                reader = csv.reader(_chain_first(first, text))
                for cells in reader:
                    self._csv_lines_read = start + reader.line_num
                    yield start + reader.line_num, cells
                    if reader.line_num % 4096 == 0:
                        self.fraction = raw.tell() / size
            except UnicodeDecodeError as exc:
                raise InvalidInput("文件不是 UTF-8 编码的 CSV。 / The CSV file is not UTF-8 encoded.") from exc
            finally:
                self.fraction = 1.0
                raw.close()
        return records(), max(size // 60, 1)

    def _csv_arrow_chunks(self, size: int):
        """The rest of a CSV file after its header, read by Arrow's CSV reader (much faster than
        Python's). It handles one record per line; at the first line it cannot take (an empty line,
        a ragged row, a quoted line break) it stops and the Python reader carries on from there."""
        import pyarrow as pa
        import pyarrow.compute as pc
        from pyarrow import csv as pacsv

        skip = self._csv_lines_read
        self._records.close()
        names = [h if h else f"_blank{i}" for i, h in enumerate(self.header)]
        width = len(self._raw_header)
        names += [f"_extra{i}" for i in range(len(names), width)]
        done = 0
        total = max(self.path.stat().st_size, 1)
        try:
            reader = pacsv.open_csv(
                self.path,
                read_options=pacsv.ReadOptions(skip_rows=skip, column_names=names, block_size=4 << 20),
                parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
            line_bytes = None
            for record_batch in reader:
                if any(pc.any(pc.match_substring_regex(c, "[\r\n]")).as_py() for c in record_batch.columns):
                    # A quoted line break: rows no longer match lines, so Python reads on from here.
                    raise pa.ArrowInvalid("line break inside a value")
                for offset in range(0, record_batch.num_rows, size):
                    part = record_batch.slice(offset, size)
                    numbers = list(range(skip + done + 1, skip + done + 1 + part.num_rows))
                    done += part.num_rows
                    empty = pc.equal(pc.utf8_length(pc.binary_join_element_wise(*part.columns, "")), 0)
                    if pc.any(empty).as_py():
                        part = part.filter(pc.invert(empty))
                        numbers = [n for n, blank in zip(numbers, empty.to_pylist(), strict=True) if not blank]
                        if not numbers:
                            continue
                    columns = {name: pc.utf8_trim_whitespace(part.column(i)).to_pylist()
                               for i, name in enumerate(names) if self.header[i:i + 1] and self.header[i]}
                    yield Chunk(numbers, columns)
                if line_bytes is None and done:
                    line_bytes = record_batch.nbytes / max(record_batch.num_rows, 1)
                self.fraction = min(0.99, done * (line_bytes or 1) / total)
        except (pa.ArrowInvalid, UnicodeDecodeError):
            self._records = self._csv_resume(skip + done)
            yield from self._row_chunks(size)
        self.fraction = 1.0

    def _csv_resume(self, lines_done: int):
        """Python's CSV reader from physical line ``lines_done + 1`` on."""
        raw = open(self.path, "rb")  # closed when the iterator ends
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        size = max(self.path.stat().st_size, 1)
        try:
            for _ in range(lines_done):
                text.readline()
        except UnicodeDecodeError as exc:
            raw.close()
            raise InvalidInput("文件不是 UTF-8 编码的 CSV。 / The CSV file is not UTF-8 encoded.") from exc

        def records():
            try:
                reader = csv.reader(text)
                for cells in reader:
                    yield lines_done + reader.line_num, cells
                    if reader.line_num % 4096 == 0:
                        self.fraction = raw.tell() / size
            except UnicodeDecodeError as exc:
                raise InvalidInput("文件不是 UTF-8 编码的 CSV。 / The CSV file is not UTF-8 encoded.") from exc
            finally:
                raw.close()
        return records()

    def _open_xlsx(self):
        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:
            raise InvalidInput("无法读取 XLSX 文件。 / The XLSX file cannot be read.") from exc
        sheet = book.worksheets[0]
        total = max(sheet.max_row or 1, 1)

        def records():
            try:
                for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                    yield number, cells
                    if number % 1024 == 0:
                        self.fraction = number / total
            finally:
                self.fraction = 1.0
                book.close()
        return records(), total

    def _open_parquet(self):
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(self.path)
        except Exception as exc:
            raise InvalidInput("无法读取 Parquet 文件。 / The Parquet file cannot be read.") from exc
        total = max(parquet.metadata.num_rows, 1)

        def records():
            yield 1, list(parquet.schema_arrow.names)
            number = 1
            for batch in parquet.iter_batches(batch_size=65536):
                columns = [c.to_pylist() for c in batch.columns]
                for cells in zip(*columns, strict=True):
                    number += 1
                    yield number, cells
                self.fraction = (number - 1) / total
            self.fraction = 1.0
        return records(), total

    def chunks(self, size: int = 20_000):
        """Chunks of at most ``size`` non-empty data rows after the header."""
        if self.fmt == "csv":
            return self._csv_arrow_chunks(size)
        return self._row_chunks(size)

    def _row_chunks(self, size: int):
        header = self.header
        width = len(header)
        numbers: list[int] = []
        rows: list[list] = []
        for number, cells in self._records:
            if len(cells) < width:
                cells = list(cells) + [None] * (width - len(cells))
            if not any(cells):
                continue
            numbers.append(number)
            rows.append(cells)
            if len(rows) >= size:
                yield self._chunk(numbers, rows)
                numbers, rows = [], []
        if rows:
            yield self._chunk(numbers, rows)

    def _chunk(self, numbers, rows) -> Chunk:
        columns = {}
        for i, name in enumerate(self.header):
            if not name:
                continue
            columns[name] = [v.strip() if isinstance(v, str) else _clean(v) for v in (r[i] for r in rows)]
        return Chunk(numbers, columns)


def _chain_first(first: str, rest):
    yield first
    yield from rest
