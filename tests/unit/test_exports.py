"""lib/exports.py: downloads never carry a live formula; the xlsx is formatted for work."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
from openpyxl import load_workbook

from lib.exports import action_list_xlsx, csv_bytes, neutralise_formulas, xlsx_bytes


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


def test_weekly_list_in_italian_has_italian_headers_words_and_amounts() -> None:
    listed = pl.DataFrame(
        {
            "priority": [1],
            "customer_id": ["C001"],
            "customer_name": ["Rossi Srl"],
            "step": ["letter_2"],
            "channel": ["pec_or_raccomandata"],
            "due_date": [dt.date(2026, 11, 14)],
            "late_days": [10],
            "overdue_cents": [7_162_740],
            "pursued_cents": [7_162_740],
            "currency": ["EUR"],
            "track": ["fast"],
            "urgency": [1.0],
            "trace": ["perché sì"],
        }
    )
    left = listed.with_columns(
        pl.lit(2, pl.Int64).alias("priority"), pl.lit("USD").alias("currency"), pl.lit("oltre").alias("reason")
    )
    sheet = load_workbook(io.BytesIO(action_list_xlsx(listed, left, "it")))["Azioni"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:8] == ["Priorità", "Codice cliente", "Cliente", "Passo", "Canale", "Passo dovuto dal",
                           "Giorni di ritardo", "Scaduto"]  # fmt: skip
    assert "urgency" not in headers and "Valuta" not in headers
    row = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    assert (row["Passo"], row["Canale"], row["Percorso"]) == (
        "lettera 2 (diffida)",
        "PEC o raccomandata",
        "percorso rapido",
    )
    assert row["Scaduto"] == 71627.40 and sheet["H2"].number_format == '#,##0.00 "EUR"'
    assert sheet["H3"].number_format == '#,##0.00 "USD"' and sheet["F2"].number_format == "dd/mm/yyyy"
    assert [cell.value for cell in sheet[3]][-1] == "oltre"
    english = load_workbook(io.BytesIO(action_list_xlsx(listed, left, "en")))["Actions"]
    assert [cell.value for cell in english[1]][:4] == ["Priority", "Customer code", "Customer", "Step"]
