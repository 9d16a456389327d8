"""Files users download (CSV, xlsx): text cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import io
from collections.abc import Sequence

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix a quote to every text cell a spreadsheet would evaluate (`=HYPERLINK(...)`)."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START)).then("'" + pl.col(name)).otherwise(pl.col(name)).alias(name)
        for name in text
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV for download: formulas neutralised, UTF-8 with BOM so Excel shows accents right."""
    return neutralise_formulas(frame).write_csv().encode("utf-8-sig")


def xlsx_bytes(frame: pl.DataFrame, sheet: str, money: Sequence[str] = ()) -> bytes:
    """A formatted workbook of one sheet: bold frozen header, autofilter, readable widths.

    The `money` columns hold integer cents: they become amounts (cents / 100) with two decimals.
    Text that a spreadsheet would run as a formula is neutralised first.
    """
    table = neutralise_formulas(frame).with_columns(pl.col(name) / 100 for name in money)
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(table.columns)
    for row in table.rows():  # writing cells is row by row by nature; nothing is computed here
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    formats = {name: "#,##0.00" for name in money} | {
        name: "dd/mm/yyyy" for name, dtype in table.schema.items() if dtype == pl.Date
    }
    for index, name in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        if name in formats:
            for cell in ws[letter][1:]:
                cell.number_format = formats[name]
        longest = max([len(name), *(len(str(v)) for v in table[name].head(200).to_list() if v is not None)])
        ws.column_dimensions[letter].width = min(max(10, longest + 2), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def action_list_xlsx(listed: pl.DataFrame, not_fitting: pl.DataFrame, lang: str) -> bytes:
    """The weekly list and, below it, what did not fit (with the reason): one formatted sheet."""
    money = [name for name in ("overdue_cents", "pursued_cents", "expected_gain_cents") if name in listed.columns]
    sheet = "Azioni" if lang == "it" else "Actions"
    return xlsx_bytes(pl.concat([listed, not_fitting], how="diagonal"), sheet, money)
