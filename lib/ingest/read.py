"""Bytes -> a grid of text cells with the row numbers Excel shows, for every supported format.

The file type comes from its first bytes, not its name (a NetSuite `.xls` is XML, an SAP
`.xls` can be tab-separated text, a web application's `.xls` an HTML table). Workbooks go
through calamine (fastexcel); csv/txt through the stdlib `csv` module, which copes with ragged
rows and quoted newlines; HTML tables through the stdlib HTML parser.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree import ElementTree

import fastexcel
import polars as pl

from lib.ingest import limits, xls
from lib.ingest.report import ImportFailed

MAX_UPLOAD_MB = 50  # keep in step with server.maxUploadSize in .streamlit/config.toml
ROW = "row"  # the grid column holding the Excel row number (1-based, as Excel shows it)
_CHECKER = ThreadPoolExecutor(max_workers=2, thread_name_prefix="xlsx-check")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_TABLES = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7-Zip archive",
}


@dataclass(frozen=True)
class Sheet:
    """One sheet as a text grid: columns c0..cN (String) and `row` (Excel row number)."""

    name: str
    grid: pl.DataFrame
    # cells (`H12`) holding a formula whose value was never saved: calamine reads them as empty
    unsaved_formulas: tuple[str, ...] = ()


def sniff(data: bytes, file_name: str, max_bytes: int = MAX_UPLOAD_MB * 2**20) -> str:
    """Return "xlsx", "xls", "ods", "csv" or "html", or raise ImportFailed with the reason."""
    if len(data) > max_bytes:
        raise ImportFailed(
            "too_large",
            file=file_name,
            size_mb=round(len(data) / 2**20, 1),
            limit_mb=round(max_bytes / 2**20),
        )
    if not data.strip():
        raise ImportFailed("empty", file=file_name)
    for magic, what in _NOT_TABLES.items():
        if data.startswith(magic):
            raise _not_spreadsheet(file_name, what)
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, file_name)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data or b"E\x00n\x00c\x00r\x00y\x00p" in data:
            raise ImportFailed(
                "encrypted",
                file=file_name,
            )
        return "xls"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
        raise ImportFailed(
            "unsupported_format",
            file=file_name,
        )
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table", b"<meta")):
        if not head.startswith(b"<?xml") and _html_tables(data):
            return "html"  # a web application's "Excel" export: an HTML table saved as .xls
        raise _not_spreadsheet(file_name, "web page or XML document")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_spreadsheet(file_name, "binary file")
    return "csv"


def _not_spreadsheet(file_name: str, what: str) -> ImportFailed:
    return ImportFailed(
        "not_spreadsheet",
        file=file_name,
        what=what,
    )


def _zip_kind(data: bytes, file_name: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as error:
        raise _corrupt(file_name) from error
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    if any(name.startswith("xl/") for name in names):
        raise _corrupt(file_name)
    raise _not_spreadsheet(file_name, "a zip archive that is not a workbook")


def _corrupt(file_name: str) -> ImportFailed:
    return ImportFailed(
        "corrupt",
        file=file_name,
    )


def read_sheets(data: bytes, kind: str, file_name: str) -> list[Sheet]:
    """Every visible sheet of the file as a text grid (a CSV is one sheet named after the file,
    an HTML export one sheet per table)."""
    sheets = _read_sheets(data, kind, file_name)
    for sheet in sheets:
        limits.check_grid(sheet.grid, file_name, sheet.name)
    return sheets


def _read_sheets(data: bytes, kind: str, file_name: str) -> list[Sheet]:
    if kind == "csv":
        return [Sheet(file_name, _csv_grid(data, file_name))]
    if kind == "html":
        tables = _html_tables(data)
        names = [file_name if i == 0 else f"{file_name} ({i + 1})" for i in range(len(tables))]
        for name, table in zip(names, tables, strict=True):
            limits.check_extent(file_name, name, len(table), max(map(len, table), default=0))
        return [Sheet(name, _text_grid(table)) for name, table in zip(names, tables, strict=True)]
    if kind in ("xlsx", "ods"):
        _check_extent(data, kind, file_name)
    # the zip check decompresses every part while calamine parses: run it beside, on the other core
    checking = _CHECKER.submit(_check_xlsx, data, file_name) if kind == "xlsx" else None
    try:
        grids = _calamine_grids(data, kind, file_name)
    finally:
        unsaved = checking.result() if checking else {}  # a damaged zip wins over calamine's error
    return [Sheet(name, grid, unsaved.get(index, ())) for index, name, grid in grids]


def _calamine_grids(data: bytes, kind: str, file_name: str) -> list[tuple[int, str, pl.DataFrame]]:
    """(index, name, grid) of every visible sheet, read by calamine as text."""
    try:
        reader = fastexcel.read_excel(data)
        if not reader.sheet_names:
            raise _corrupt(file_name)
        grids = []
        first_rows = _first_rows(data, kind, reader.sheet_names)
        for index, name in enumerate(reader.sheet_names):
            loaded = reader.load_sheet(index, header_row=None, dtypes="string")
            if loaded.visible != "visible":
                continue
            frame = pl.DataFrame(loaded.to_polars())
            grids.append((index, name, _numbered(frame, first_rows[index] if index < len(first_rows) else 1)))
    except ImportFailed:
        raise
    except Exception as error:  # calamine says "password", "encrypted", "invalid zip" ...
        if re.search(r"passw|encrypt", str(error), re.IGNORECASE):
            raise ImportFailed("encrypted", file=file_name) from error
        raise _corrupt(file_name) from error
    return grids


def _numbered(frame: pl.DataFrame, first_row: int) -> pl.DataFrame:
    """Name columns c0..cN, blank out whitespace-only cells, add the Excel row number."""
    names = [f"c{i}" for i in range(frame.width)]
    return frame.rename(dict(zip(frame.columns, names, strict=True))).select(
        pl.int_range(first_row, first_row + pl.len(), dtype=pl.Int64).alias(ROW),
        *(clean_text(pl.col(name)) for name in names),
    )


def clean_text(cell: pl.Expr) -> pl.Expr:
    """Trim spaces and NBSP; an empty cell is null."""
    trimmed = cell.str.strip_chars(" \t\r\n\u00a0")
    return pl.when(trimmed == "").then(None).otherwise(trimmed).name.keep()


# --- xlsx integrity and formulas without a saved value ----------------------------------------

# A cell whose formula has no value after it (no <v>, or an empty one): Excel never computed it
# (QuickBooks writes every amount as a formula; a workbook never opened in Excel has no values).
_UNSAVED_FORMULA = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)(?:<v\s*/>|<v></v>)?</c>')


# what reading a damaged zip raises: a bad CRC or header, a cut or shifted member (a negative seek
# is a ValueError), a broken deflate stream, a compression method zipfile lacks, broken XML
_DAMAGED_ZIP = (
    zipfile.BadZipFile,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    NotImplementedError,
    ElementTree.ParseError,
    zlib.error,
)


def _check_xlsx(data: bytes, file_name: str) -> dict[int, tuple[str, ...]]:
    """Read every part once, in chunks: a CRC error means a damaged file (calamine would read
    past it without a word); per sheet index, the cells whose formula has no saved value."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    found: dict[int, tuple[str, ...]] = {}
    try:
        paths = {path: index for index, path in enumerate(_xlsx_sheet_paths(archive))}
        for member in archive.namelist():
            cells: dict[str, None] = {}
            with archive.open(member) as stream:  # the CRC is checked as the part is read
                tail = b""
                while chunk := stream.read(1 << 20):
                    window = tail + chunk if member in paths else b""
                    if b"</f></c>" in window or b"/></c>" in window:
                        cells.update(dict.fromkeys(m.group(1).decode() for m in _UNSAVED_FORMULA.finditer(window)))
                    tail = window[-1024:]  # a cell cut by the chunk boundary is whole in the next window
            if cells:
                found[paths[member]] = tuple(cells)
    except _DAMAGED_ZIP as error:
        raise _corrupt(file_name) from error
    return found


# --- where the grid starts: calamine drops leading blank rows, Excel does not --------------

_ROW_TAG = re.compile(rb"<row\b([^>]*?)(/?)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")


def _first_rows(data: bytes, kind: str, names: list[str]) -> list[int]:
    """Excel row number of the first non-empty row of each sheet (1 where it cannot be told)."""
    try:
        if kind == "xlsx":
            return [_xlsx_first_row(data, index) for index in range(len(names))]
        if kind == "ods":
            return [_ods_first_row(data, name) for name in names]
        if kind == "xls":
            return xls.first_rows(data)
    except (IndexError, struct.error, *_DAMAGED_ZIP):
        pass
    return [1] * len(names)  # unreadable layout: row numbers then count from the first non-empty row


def _xlsx_first_row(data: bytes, index: int) -> int:
    archive = zipfile.ZipFile(io.BytesIO(data))
    path = _xlsx_sheet_paths(archive)[index]
    with archive.open(path) as stream:
        text = stream.read(4 * 2**20)  # leading blank rows are few; 4 MB is plenty
    counter = 0
    position = 0
    while match := _ROW_TAG.search(text, position):
        number = _ROW_NUMBER.search(match.group(1))
        counter = int(number.group(1)) if number else counter + 1
        if match.group(2) == b"/":  # <row .../> has no cells
            position = match.end()
            continue
        end = text.find(b"</row>", match.end())
        if end < 0:
            break
        if _VALUE.search(text, match.end(), end):
            return counter
        position = end
    return 1


def _check_extent(data: bytes, kind: str, file_name: str) -> None:
    """Every sheet within the limits (lib/ingest/limits.py) before calamine expands it; a workbook
    too damaged to scan is left to calamine and the integrity check to report."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if kind == "ods":
            limits.check_ods(archive, file_name)
            return
        for name, path in _xlsx_sheets(archive):
            limits.check_xlsx_sheet(archive, path, file_name, name)
    except _DAMAGED_ZIP:
        return


def _xlsx_sheet_paths(archive: zipfile.ZipFile) -> list[str]:
    """Worksheet XML paths in workbook order (the order calamine lists sheets in)."""
    return [path for _, path in _xlsx_sheets(archive)]


def _xlsx_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, worksheet XML path) of every sheet in workbook order."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = []
    for sheet in workbook.iterfind("m:sheets/m:sheet", ns):
        target = targets[sheet.get(f"{{{ns['r']}}}id")]
        paths.append((sheet.get("name", ""), target.lstrip("/") if target.startswith("/") else f"xl/{target}"))
    return paths


def _ods_first_row(data: bytes, name: str) -> int:
    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    root = ElementTree.fromstring(content)
    for table in root.iter(f"{{{table_ns}}}table"):
        if table.get(f"{{{table_ns}}}name") != name:
            continue
        row_number = 1
        for row in table.iter(f"{{{table_ns}}}table-row"):
            cells = row.iter(f"{{{table_ns}}}table-cell")
            if any(c.get(f"{{{office_ns}}}value-type") or "".join(c.itertext()) for c in cells):
                return row_number
            row_number += int(row.get(f"{{{table_ns}}}number-rows-repeated", "1"))
    return 1


# --- csv / txt -------------------------------------------------------------------------------

_ENCODINGS = ("utf-8-sig", "cp1252")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Italian desktop tools)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # unreachable in practice: cp1252 decodes almost anything


def delimiter(text: str, file_name: str) -> str:
    """The separator that splits the sample's lines most consistently: `;`, `,`, tab or `|`.

    Raises ImportFailed when no separator makes a table of the text (a letter, an e-mail), or a
    cell is longer than the limit.
    """
    lines = [line for line in text.splitlines()[:60] if line.strip()]

    def score(sep: str) -> tuple[int, int]:
        counts = [len(next(_records([line], sep, file_name))[0]) for line in lines]
        wide = [c for c in counts if c > 1]
        # most lines split the same way, then the widest split
        return (max((wide.count(c) for c in set(wide)), default=0), max(wide, default=0))

    best = max(";,\t|", key=score)
    consistent, _ = score(best)
    if consistent < max(2, len(lines) * 0.4):
        raise _not_spreadsheet(file_name, "text, not a table")
    return best


def _records(lines: Iterable[str], sep: str, file_name: str) -> Iterator[tuple[list[str], int]]:
    """csv.reader's records and the line each ends on; a field over the csv module's own limit
    (128 KiB, more than any cell may hold) is the cell-length failure, other csv errors a damaged
    file."""
    reader = csv.reader(lines, delimiter=sep)
    try:
        for record in reader:
            yield record, reader.line_num
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise limits.cell_too_long(file_name, file_name) from error
        raise _corrupt(file_name) from error


def _csv_grid(data: bytes, file_name: str) -> pl.DataFrame:
    text = decode(data)
    if not text.strip("\ufeff \t\r\n;,|"):
        raise ImportFailed("empty", file=file_name)
    sep = delimiter(text, file_name)
    lines = io.StringIO(text, newline="")
    records: list[list[str]] = []
    rows: list[int] = []
    start, width = 1, 0
    for record, last_line in _records(lines, sep, file_name):
        records.append(record)
        rows.append(start)
        start = last_line + 1
        width = max(width, len(record))
        if width > limits.MAX_COLUMNS or len(records) % 65_536 == 0:  # long before the grid is built
            limits.check_extent(file_name, file_name, len(records), width)
    limits.check_extent(file_name, file_name, len(records), width)
    return _text_grid(records, rows)


def _text_grid(records: list[list[str]], rows: list[int] | None = None) -> pl.DataFrame:
    """Rows of text cells (ragged) -> the grid: c0..cN and the row numbers (1.. by default)."""
    width = max((len(r) for r in records), default=0)
    columns = {f"c{i}": [r[i] if i < len(r) else None for r in records] for i in range(width)}
    frame = pl.DataFrame(columns, schema={name: pl.String for name in columns})
    numbers = rows if rows is not None else list(range(1, len(records) + 1))
    return frame.select(pl.Series(ROW, numbers, dtype=pl.Int64), *(clean_text(pl.col(c)) for c in columns))


# --- html tables (web applications' "Excel" exports) -------------------------------------------


class _Tables(HTMLParser):
    """The cell texts of every <table>, row by row; a `colspan` cell is followed by empty ones."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.depth = 0
        self.cell: list[str] | None = None
        self.span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            self.tables.append([])
        elif self.depth and tag == "tr":
            self.tables[-1].append([])
        elif self.depth and tag in ("td", "th") and self.tables[-1]:
            span = dict(attrs).get("colspan") or "1"
            # a span wider than the column limit is refused with the table, not expanded
            self.cell, self.span = [], min(int(span), limits.MAX_COLUMNS + 1) if span.isdigit() and int(span) > 0 else 1
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1] += [" ".join("".join(self.cell).split())] + [""] * (self.span - 1)
            self.cell = None
        elif tag == "table" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _html_tables(data: bytes) -> list[list[list[str]]]:
    """The tables of an HTML file that hold at least two rows of two cells."""
    if b"<table" not in data[:2_000_000].lower():
        return []
    parser = _Tables()
    try:
        parser.feed(decode(data))
        parser.close()
    except (ValueError, AssertionError):
        return []
    return [t for t in parser.tables if sum(1 for row in t if sum(1 for c in row if c) >= 2) >= 2]
