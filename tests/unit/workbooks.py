"""Build small xlsx and csv files in memory from lists of rows, so each test input is code.

A row is a list of cell values: `None` is an empty cell, `str` a text cell (kept as text even
when it looks like a number: `"00085001"`), `int`/`float` a number cell, `date`/`datetime` a
date cell. Rows are written from `Sheet.first_row`/`first_column`, so the Excel row of
`rows[i]` is `first_row + i`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook

Cell = str | int | float | dt.date | dt.datetime | None
Rows = Sequence[Sequence[Cell]]


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its rows, where they start, merged ranges and visibility."""

    rows: Rows
    name: str = "Sheet1"
    first_row: int = 1
    first_column: int = 1
    merged: tuple[str, ...] = ()  # e.g. ("A1:I1",)
    hidden: bool = False
    number_formats: dict[str, str] = field(default_factory=dict)  # cell -> format, e.g. {"B2": "0.00"}


def xlsx(*sheets: Sheet | Rows) -> bytes:
    """An xlsx workbook with the given sheets, in order (plain row lists become `Sheet1`...)."""
    book = Workbook()
    book.remove(book.active)
    for position, spec in enumerate(sheets, start=1):
        sheet = spec if isinstance(spec, Sheet) else Sheet(spec, name=f"Sheet{position}")
        ws = book.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.cell(row=sheet.first_row + r, column=sheet.first_column + c, value=value)
        for cell, number_format in sheet.number_formats.items():
            ws[cell].number_format = number_format
        for cells in sheet.merged:
            ws.merge_cells(cells)
        if sheet.hidden:
            ws.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Rows,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    line_end: str = "\r\n",
) -> bytes:
    """A csv file of the rows, every cell written as text (`None` -> empty field)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    for row in rows:
        writer.writerow(["" if value is None else str(value) for value in row])
    return buffer.getvalue().encode(encoding)
