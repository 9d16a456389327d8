"""lib/exports.py: downloads never carry a live formula; the xlsx is formatted for work."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
from openpyxl import load_workbook

from lib.exports import csv_bytes, neutralise_formulas, xlsx_bytes


def test_formula_cells_are_quoted_and_the_rest_untouched() -> None:
    frame = pl.DataFrame(
        {"value": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "Caffè", None], "row": [1, 2, 3, 4, 5, 6, 7]}
    )
    assert neutralise_formulas(frame)["value"].to_list() == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "Caffè",
        None,
    ]
    assert neutralise_formulas(frame)["row"].to_list() == frame["row"].to_list()


def test_csv_has_a_bom_for_excel() -> None:
    data = csv_bytes(pl.DataFrame({"value": ["Società", "=1+1"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["value", "Società", "'=1+1"]


def test_xlsx_is_formatted_and_safe() -> None:
    frame = pl.DataFrame(
        {
            "customer_name": ["=cmd|' /C calc'!A0", "Caffè Rossi"],
            "due_date": [dt.date(2026, 11, 14), dt.date(2026, 10, 1)],
            "overdue_cents": [123_456, 5],
            "currency": ["EUR", "EUR"],
        }
    )
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame, "Azioni", ["overdue_cents"])))["Azioni"]
    assert [cell.value for cell in sheet[1]] == ["customer_name", "due_date", "overdue_cents", "currency"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D3"
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0" and sheet["A3"].value == "Caffè Rossi"
    assert (sheet["C2"].value, sheet["C3"].value) == (1234.56, 0.05)
    assert sheet["C2"].number_format == "#,##0.00" and sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["B2"].value.date() == dt.date(2026, 11, 14)
