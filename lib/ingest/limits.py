"""How far an import may expand (README, "Import limits"): rows, columns, the length of a cell, the
memory its grid needs, the file's total and the dates it may hold. Each limit is checked before the
heavy work where the format allows (an xlsx sheet is scanned before calamine loads it, a CSV is
checked record by record) and breaking it is one sentence (ImportFailed) naming the limit.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from xml.etree import ElementTree

import polars as pl

from lib.ingest.report import ImportFailed

MAX_ROWS = 2_000_000
MAX_COLUMNS = 500
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# Peak memory of an import per cell of its grid (the bench: 500k rows x 11 columns peak at about
# 1.5 GB, all steps included); a sheet whose grid would need more than MAX_MEMORY_MB is refused.
BYTES_PER_CELL = 280
MAX_MEMORY_MB = 6144
# The sum of a file's amounts, in absolute value: 10^16 in its currency. Each amount is below 10^13
# (lib/ingest/values.py MAX_AMOUNT_CENTS); under this total no sum of cents can wrap Int64.
MAX_TOTAL_CENTS = 10**18
# A due or document date before this, or more than DATE_YEARS_AHEAD after the as-of date, is an
# issue (a typo such as 0202 or 9999, or a placeholder date), not a document to chase.
EARLIEST_DATE = dt.date(1990, 1, 1)
DATE_YEARS_AHEAD = 10


def check_extent(file_name: str, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet of more than MAX_ROWS rows or MAX_COLUMNS columns, or whose grid would need
    more than MAX_MEMORY_MB."""
    if rows > MAX_ROWS:
        raise ImportFailed("too_many_rows", file=file_name, sheet=sheet, rows=rows, limit=MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise ImportFailed("too_many_columns", file=file_name, sheet=sheet, columns=columns, limit=MAX_COLUMNS)
    megabytes = rows * columns * BYTES_PER_CELL // 2**20
    if megabytes > MAX_MEMORY_MB:
        raise _too_much_memory(file_name, sheet, rows, columns, megabytes)


def cell_too_long(file_name: str, sheet: str) -> ImportFailed:
    return ImportFailed("cell_too_long", file=file_name, sheet=sheet, limit=MAX_CELL_CHARS)


def check_grid(grid: pl.DataFrame, file_name: str, sheet: str) -> None:
    """A loaded grid (any format): its extent and its longest cell."""
    check_extent(file_name, sheet, grid.height, grid.width - 1)  # less the row-number column
    text = [name for name, dtype in grid.schema.items() if dtype == pl.String]
    if not text or grid.height == 0:
        return
    longest = grid.select(pl.max_horizontal(pl.col(text).str.len_bytes().max())).item()
    if longest and longest > MAX_CELL_CHARS:  # bytes first: cheap, and chars are never more
        chars = grid.select(pl.max_horizontal(pl.col(text).str.len_chars().max())).item()
        if chars > MAX_CELL_CHARS:
            raise cell_too_long(file_name, sheet)


def check_total(cents: pl.DataFrame, file_name: str) -> None:
    """Refuse a file whose amounts add up, in absolute value, to MAX_TOTAL_CENTS or more (summed as
    floats: no sum that wraps is computed on the way)."""
    if cents.width == 0:
        return
    total = cents.select(pl.sum_horizontal(pl.all().cast(pl.Float64).abs().sum())).item()
    if total is not None and total >= MAX_TOTAL_CENTS:
        raise ImportFailed("total_too_large", file=file_name, limit=f"{MAX_TOTAL_CENTS // 100:,}")


def implausible(date: pl.Expr, as_of: dt.date) -> pl.Expr:
    """A date no open item can have: before EARLIEST_DATE or over DATE_YEARS_AHEAD after as-of."""
    latest = as_of.replace(year=min(as_of.year + DATE_YEARS_AHEAD, dt.MAXYEAR), day=min(as_of.day, 28))
    return (date < EARLIEST_DATE) | (date > latest)


# --- an xlsx sheet's extent, before calamine loads it ---------------------------------------
# calamine builds a dense grid from the first to the last cell: two cells, A1 and ZZ1000000,
# make 700 million (tens of GB). The sheet's XML is streamed once: its declared dimension, the
# rows, the widest of the first rows, and any cell reference beyond the limits.

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_FIRST_REFS = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]{1,3})\d')
# a reference from column SA (495) on, or from row 2,000,000 on: rare, then checked exactly
_FAR = re.compile(rb'r="(?:([S-Z][A-Z]|[A-Z]{3,})\d|[A-Z]{0,3}([2-9]\d{6}|\d{8,})")')
# The same test, looser, in polars' (Rust) regex: one linear pass over a chunk, where Python's
# engine pays for every cell reference; `_FAR` reads only a chunk where this matched.
_MAYBE_FAR = r'r="(?:[S-Z][A-Z]|[A-Z]{3}|[A-Z]{0,3}(?:[2-9][0-9]{6}|[0-9]{8}))'
_CHUNK = 4 * 2**20
_NOT_ASCII = bytes(range(0x80, 0x100))


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_xlsx_sheet(archive: zipfile.ZipFile, path: str, file_name: str, sheet: str) -> None:
    """Raise ImportFailed when the sheet's XML holds more than the limits allow (zip errors are the
    integrity check's to report: they propagate)."""
    rows = columns = inflated = 0
    tail = b""
    with archive.open(path) as stream:
        first = True
        while chunk := stream.read(_CHUNK):
            inflated += len(chunk)
            if inflated > MAX_MEMORY_MB * 2**20:  # calamine holds at least the XML's contents
                raise _too_much_memory(file_name, sheet, rows, columns, inflated // 2**20)
            window = tail + chunk
            if first:
                columns = _first_columns(window)
                if dimension := _DIMENSION.search(window):
                    last_column, last_row = (
                        dimension.group(3) or dimension.group(1),
                        dimension.group(4) or dimension.group(2),
                    )
                    check_extent(file_name, sheet, int(last_row), column_number(last_column))
                first = False
            rows += window.count(b"<row") - tail.count(b"<row")
            for far in _FAR.finditer(window) if _maybe_far(window) else ():
                if far.group(1):
                    columns = max(columns, column_number(far.group(1)))
                else:
                    rows = max(rows, int(far.group(2)))
                check_extent(file_name, sheet, rows, columns)
            tail = window[-64:]
    check_extent(file_name, sheet, rows, columns)


def _maybe_far(window: bytes) -> bool:
    # a window may begin or end inside a character: its non-ASCII edges are text, never a reference
    text = pl.Series([window.strip(_NOT_ASCII)], dtype=pl.Binary)
    try:
        return bool(text.cast(pl.String).str.contains(_MAYBE_FAR).item())
    except pl.exceptions.ComputeError:  # not UTF-8, as no spreadsheet writes it: read it exactly
        return True


def _first_columns(window: bytes) -> int:
    """The widest column referenced in the sheet's first 64 KB (its first rows), or the cells of
    its first row when they carry no reference."""
    referenced = max((column_number(m.group(1)) for m in _FIRST_REFS.finditer(window, 0, 65536)), default=0)
    start = window.find(b"<row")
    end = window.find(b"</row>", start)
    first_row = window[start : end if end > 0 else 2**20] if start >= 0 else b""
    return max(referenced, first_row.count(b"<c ") + first_row.count(b"<c>") + first_row.count(b"<c/>"))


# --- an ODS sheet's extent: a repeated row or cell stands for many --------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def check_ods(archive: zipfile.ZipFile, file_name: str) -> None:
    """Every table of content.xml within the limits, counting `number-rows-repeated` and
    `number-columns-repeated` up to the last cell that holds something (calamine expands those,
    and leaves out the empty repeats LibreOffice writes after the data)."""
    rows = width = position = 0
    name = ""
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            if element.tag == f"{_TABLE}table" and event == "start":
                name, rows, width, position = element.get(f"{_TABLE}name", ""), 0, 0, 0
            if event != "end" or element.tag != f"{_TABLE}table-row":
                continue
            repeat = _repeat(element, "rows")
            filled = column = 0
            for cell in element:
                column += _repeat(cell, "columns")
                if cell.get(f"{_OFFICE}value-type") or "".join(cell.itertext()).strip():
                    filled = column
            position += repeat
            if filled:
                rows, width = position, max(width, filled)
                check_extent(file_name, name, rows, width)
            element.clear()


def _repeat(element: ElementTree.Element, what: str) -> int:
    text = element.get(f"{_TABLE}number-{what}-repeated", "1")
    return int(text) if text.isdigit() and len(text) < 10 else MAX_ROWS + 1


def _too_much_memory(file_name: str, sheet: str, rows: int, columns: int, size_mb: int) -> ImportFailed:
    return ImportFailed(
        "too_much_memory",
        file=file_name,
        sheet=sheet,
        rows=rows,
        columns=columns,
        size_mb=size_mb,
        limit_mb=MAX_MEMORY_MB,
    )
