"""Layouts and structure through `import_file` (lib/ingest): every input is built here, in code.

Each layout mirrors one family of real exports in docs/formats.md (section in the docstring).
Assertions are exact: cents, dates, Excel row numbers, issue codes and severities.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.ingest import Imported, ImportFailed, import_file
from lib.schema import OPEN_ITEM
from tests.unit.workbooks import Sheet, csv_bytes, xlsx

D = dt.date


def items_by_row(imported: Imported, *columns: str) -> list[tuple[object, ...]]:
    """(source_row, *columns) of every item, in row order."""
    return imported.items.sort("source_row").select("source_row", *columns).rows()


def issues(imported: Imported, *codes: str) -> list[tuple[object, ...]]:
    """(row, column, severity, code) of the issues, optionally only some codes."""
    frame = imported.report.issues
    if codes:
        frame = frame.filter(pl.col("code").is_in(codes))
    return frame.sort("row", "column", nulls_last=True).select("row", "column", "severity", "code").rows()


def mismatches(imported: Imported) -> list[tuple[object, ...]]:
    frame = imported.report.reconciliation.filter(pl.col("difference_cents") != 0)
    return frame.select("row", "label", "column", "report_cents", "rows_cents").rows()


def failure(data: bytes, name: str = "file.xlsx", **kwargs: object) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        import_file(data, name, **kwargs)
    return caught.value


# =============================================================================================
# Italian gestionale (FORMATS 11b): title rows, text cells, instalments, `Totale cliente`
# =============================================================================================

GESTIONALE_HEADER = [
    "Cod. cliente", "Ragione sociale", "Partita IVA", "Tipo doc.", "N. documento", "Data documento",
    "Data scadenza", "Tipo pagamento", "Importo", "Pagato", "Residuo", "Giorni scaduto",
]  # fmt: skip
ROSSI = ["C00012", "Rossi & Figli S.n.c.", "01234567890"]
CASA = ["C00085", "Totale Casa S.r.l.", "00123456789"]  # a customer whose name starts with "Totale"
GESTIONALE = [
    ["Scadenzario clienti al 20/11/2026"],  # row 1, merged A1:L1
    ["ACME S.R.L."],
    [],
    GESTIONALE_HEADER,  # row 4
    [*ROSSI, "Fattura", "125/A", "31/05/2026", "31/07/2026", "RiBa 60 gg DF FM", "1.220,00", "0,00", "1.220,00", "112"],
    [*ROSSI, "Fattura", "130", "15/06/2026", "31/07/2026", "RiBa", "600,00", "0,00", "600,00", "112"],  # rata 1
    [*ROSSI, "Fattura", "130", "15/06/2026", "31/08/2026", "RiBa", "600,00", "0,00", "600,00", "81"],  # rata 2
    [*ROSSI, "Nota di credito", "7", "15/07/2026", "15/07/2026", "Rimessa diretta", "200,00", "0,00", "200,00", "128"],
    [*ROSSI, "Fattura", "99", "01/04/2026", "30/04/2026", "Bonifico", "500,00", "500,00", "0,00", None],  # paid
    [None, "Totale cliente C00012", None, None, None, None, None, None, "2.720,00", "500,00", "2.220,00"],  # row 10
    [*CASA, "Fattura", "00085001", "01/09/2026", "30/09/2026", "Bonifico", "1.000,00", "250,00", "750,00", "51"],
    [None, "Totale cliente C00085", None, None, None, None, None, None, "1.000,00", "250,00", "760,00"],  # wrong
    [],
    [None, "Totale generale", None, None, None, None, None, None, "3.720,00", "750,00", "2.970,00"],  # row 14
]  # fmt: skip


@pytest.fixture(scope="module")
def gestionale() -> Imported:
    return import_file(xlsx(Sheet(GESTIONALE, name="Scadenzario", merged=("A1:L1",))), "scadenzario.xlsx")


def test_gestionale_header_mapping_and_as_of(gestionale: Imported) -> None:
    report = gestionale.report
    assert (report.sheet, report.header_row, report.layout) == ("Scadenzario", 4, "detail")
    assert report.mapping == {
        "customer_id": "Cod. cliente", "customer_name": "Ragione sociale", "vat_id": "Partita IVA",
        "doc_type": "Tipo doc.", "doc_number": "N. documento", "doc_date": "Data documento",
        "due_date": "Data scadenza", "payment_method": "Tipo pagamento", "amount": "Importo", "paid": "Pagato",
        "open": "Residuo",
    }  # fmt: skip
    assert (report.as_of, report.as_of_source) == (D(2026, 11, 20), "file")
    assert (report.date_order, report.default_currency) == ("dmy", "EUR")


def test_gestionale_items(gestionale: Imported) -> None:
    assert items_by_row(gestionale, "customer_id", "doc_type", "doc_number", "due_date", "open_cents") == [
        (5, "C00012", "invoice", "125/A", D(2026, 7, 31), 122000),
        (6, "C00012", "invoice", "130", D(2026, 7, 31), 60000),
        (7, "C00012", "invoice", "130", D(2026, 8, 31), 60000),
        (8, "C00012", "credit_note", "7", D(2026, 7, 15), -20000),
        (11, "C00085", "invoice", "00085001", D(2026, 9, 30), 75000),
    ]
    assert gestionale.items["source_sheet"].unique().to_list() == ["Scadenzario"]
    assert gestionale.items["currency"].unique().to_list() == ["EUR"]


def test_gestionale_keeps_leading_zeros_in_codes_vat_and_numbers(gestionale: Imported) -> None:
    casa = gestionale.items.filter(source_row=11).row(0, named=True)
    assert (casa["customer_id"], casa["vat_id"], casa["doc_number"]) == ("C00085", "00123456789", "00085001")
    assert gestionale.items.filter(source_row=5)["vat_id"].item() == "01234567890"


def test_gestionale_customer_named_totale_is_a_customer(gestionale: Imported) -> None:
    assert gestionale.items.filter(customer_id="C00085")["customer_name"].to_list() == ["Totale Casa S.r.l."]
    assert gestionale.report.counts["customers"] == 2


def test_instalments_share_a_document_and_differ_by_due_date(gestionale: Imported) -> None:
    rate = gestionale.items.filter(doc_number="130").sort("due_date")
    assert rate.select("due_date", "amount_cents", "open_cents").rows() == [
        (D(2026, 7, 31), 60000, 60000),
        (D(2026, 8, 31), 60000, 60000),
    ]
    assert issues(gestionale, "duplicate") == []


def test_gestionale_amount_and_open_from_importo_pagato_residuo(gestionale: Imported) -> None:
    assert items_by_row(gestionale, "amount_cents", "open_cents")[-1] == (11, 100000, 75000)


def test_fully_paid_rows_are_dropped_with_an_info(gestionale: Imported) -> None:
    assert 9 not in gestionale.items["source_row"].to_list()
    assert issues(gestionale, "zero_open") == [(9, "Residuo", "info", "zero_open")]


def test_typed_credit_note_with_positive_amount_is_negative(gestionale: Imported) -> None:
    note = gestionale.items.filter(source_row=8).row(0, named=True)
    assert (note["doc_type"], note["amount_cents"], note["open_cents"]) == ("credit_note", -20000, -20000)
    assert issues(gestionale, "credit_note_sign") == [(8, "Residuo", "info", "credit_note_sign")]


def test_totals_are_excluded_and_reconciled(gestionale: Imported) -> None:
    report = gestionale.report
    assert (report.counts["subtotal_rows"], report.counts["total_rows"]) == (2, 1)
    assert not set(gestionale.items["source_row"]) & {10, 12, 14}
    # the credit note counts negative in the report's own totals too: only the wrong subtotal differs
    assert mismatches(gestionale) == [(12, "Totale cliente C00085", "Residuo", 76000, 75000)]
    checked = report.reconciliation.filter(pl.col("difference_cents") == 0).select("row", "column").rows()
    assert set(checked) == {(r, c) for r in (10, 12, 14) for c in ("Importo", "Pagato", "Residuo")} - {(12, "Residuo")}


def test_total_mismatch_is_a_warning_with_its_row(gestionale: Imported) -> None:
    warned = gestionale.report.issues.filter(code="total_mismatch")
    assert warned.select("sheet", "row", "column", "severity", "value").rows() == [
        ("Scadenzario", 12, "Residuo", "warning", "Totale cliente C00085: 760.00 ≠ 750.00"),
    ]
    assert gestionale.report.issues.filter(severity="error").height == 0


def test_items_have_the_canonical_schema_and_no_float(gestionale: Imported) -> None:
    assert dict(gestionale.items.schema) == OPEN_ITEM
    assert gestionale.items.schema["open_cents"] == pl.Int64
    assert gestionale.items.schema["amount_cents"] == pl.Int64
    assert not [name for name, dtype in gestionale.items.schema.items() if dtype.is_float()]


# =============================================================================================
# QuickBooks Online "A/R Aging Detail" (FORMATS 1, 1b): sections, `Total for`, page break, footer
# =============================================================================================

QBO_HEADER = [
    None, "Date", "Transaction type", "Num", "Customer full name", "Location full name", "Due date", "Amount",
    "Open balance",
]  # fmt: skip
QBO_DETAIL = [
    ["Acme Srl"],  # row 1, merged
    ["A/R Aging Detail"],
    ["As of September 25, 2026"],
    [],
    QBO_HEADER,  # row 5
    ["91 or more days past due"],
    [None, "05/12/2026", "Invoice", "00085001", "Alvarez, Dana", None, "06/11/2026", 1284.5, 1284.5],
    [None, "05/20/2026", "Credit Memo", "1050", "Alvarez, Dana", None, None, -200, -200],
    ["Total for 91 or more days past due", None, None, None, None, None, None, 1084.5, 1084.5],
    ["1 - 30 days past due"],  # row 10
    [None, "08/01/2026", "Invoice", "1055", "Brown LLC", "Milano", "08/31/2026", 2000, 1500.25],
    ["Total for 1 - 30 days past due", None, None, None, None, None, None, 2000, 1500.25],
    QBO_HEADER,  # row 13: page break
    ["Current"],
    [None, "09/01/2026", "Invoice", "1060", "Brown LLC", None, "10/01/2026", 500, 500],
    [None, "09/02/2026", "Payment", None, "Brown LLC", None, None, -100, -100],
    ["Total for Current", None, None, None, None, None, None, 400, 400],
    ["TOTAL", None, None, None, None, None, None, 3484.5, 2984.75],  # row 18
    [],
    [],
    ["Thursday, September 25, 2026 11:05 AM GMT-07:00"],  # row 21, merged
]


@pytest.fixture(scope="module")
def qbo_detail() -> Imported:
    sheet = Sheet(QBO_DETAIL, name="A R Aging Detail", merged=("A1:I1", "A2:I2", "A3:I3", "A21:I21"))
    return import_file(xlsx(sheet), "qbo.xlsx")


def test_qbo_detail_header_after_title_block(qbo_detail: Imported) -> None:
    report = qbo_detail.report
    assert report.header_row == 5
    assert report.mapping == {
        "doc_date": "Date", "doc_type": "Transaction type", "doc_number": "Num",
        "customer_name": "Customer full name", "due_date": "Due date", "amount": "Amount", "open": "Open balance",
    }  # fmt: skip
    assert (report.as_of, report.date_order, report.default_currency) == (D(2026, 9, 25), "mdy", "USD")


def test_qbo_detail_items(qbo_detail: Imported) -> None:
    assert items_by_row(
        qbo_detail, "customer_name", "doc_type", "doc_number", "doc_date", "due_date", "open_cents"
    ) == [
        (7, "Alvarez, Dana", "invoice", "00085001", D(2026, 5, 12), D(2026, 6, 11), 128450),
        (8, "Alvarez, Dana", "credit_note", "1050", D(2026, 5, 20), D(2026, 5, 20), -20000),
        (11, "Brown LLC", "invoice", "1055", D(2026, 8, 1), D(2026, 8, 31), 150025),
        (15, "Brown LLC", "invoice", "1060", D(2026, 9, 1), D(2026, 10, 1), 50000),
        (16, "Brown LLC", "payment", None, D(2026, 9, 2), D(2026, 9, 2), -10000),
    ]
    assert items_by_row(qbo_detail, "amount_cents")[2] == (11, 200000)


def test_qbo_detail_structure_rows(qbo_detail: Imported) -> None:
    counts = qbo_detail.report.counts
    assert (counts["section_rows"], counts["subtotal_rows"], counts["total_rows"]) == (3, 3, 1)
    assert (counts["header_rows"], counts["footer_rows"], counts["items"]) == (1, 1, 5)


def test_qbo_detail_sections_and_totals_reconcile(qbo_detail: Imported) -> None:
    reconciliation = qbo_detail.report.reconciliation
    assert reconciliation.select("row", "column", "report_cents").rows() == [
        (9, "Amount", 108450), (9, "Open balance", 108450),
        (12, "Amount", 200000), (12, "Open balance", 150025),
        (17, "Amount", 40000), (17, "Open balance", 40000),
        (18, "Amount", 348450), (18, "Open balance", 298475),
    ]  # fmt: skip
    assert mismatches(qbo_detail) == []
    assert issues(qbo_detail, "total_mismatch") == []


def test_qbo_credit_memo_and_payment_without_due_date_are_due_at_document_date(qbo_detail: Imported) -> None:
    assert issues(qbo_detail, "due_from_doc_date") == [
        (8, "Due date", "info", "due_from_doc_date"),
        (16, "Due date", "info", "due_from_doc_date"),
    ]
    values = qbo_detail.report.issues.filter(code="due_from_doc_date")["value"].to_list()
    assert values == ["2026-05-20", "2026-09-02"]


def test_credit_notes_and_payments_are_netted_per_customer(qbo_detail: Imported) -> None:
    per_customer = qbo_detail.items.group_by("customer_name").agg(pl.col("open_cents").sum()).sort("customer_name")
    assert per_customer.rows() == [("Alvarez, Dana", 108450), ("Brown LLC", 190025)]


def test_rows_after_the_footer_are_ignored() -> None:
    rows = [*QBO_DETAIL, [None, "09/03/2026", "Invoice", "9999", "Ghost Inc", None, "10/03/2026", 1, 1]]
    imported = import_file(xlsx(rows), "qbo.xlsx")
    assert 22 not in imported.items["source_row"].to_list()
    assert imported.items.height == 5


# =============================================================================================
# QuickBooks Desktop detail (FORMATS 3): spacer columns, serial dates, `Total <bucket>`
# =============================================================================================

QBD_DETAIL = [
    [None, None, None, "Type", None, "Date", None, "Num", None, "Name", None, "Due Date", None, "Aging", None,
     "Open Balance"],
    ["Current"],
    [None, None, None, "Invoice", None, 46265, None, "1041", None, "Rossi Srl", None, 46295, None, None, None,
     1134.31],
    [None, None, None, "Credit Memo", None, 46266, None, "CM-1", None, "Rossi Srl", None, None, None, None, None,
     -40.05],
    ["Total Current", None, None, None, None, None, None, None, None, None, None, None, None, None, None, 1094.26],
    ["> 90"],
    [None, None, None, "Invoice", None, 46100, None, "1001", None, "Bianchi SpA", None, 46130, None, 160, None,
     500],
    ["Total > 90", None, None, None, None, None, None, None, None, None, None, None, None, None, None, 500],
    ["TOTAL", None, None, None, None, None, None, None, None, None, None, None, None, None, None, 1594.26],
]  # fmt: skip


def test_qbd_detail_with_spacer_columns_and_serial_dates() -> None:
    imported = import_file(xlsx(Sheet(QBD_DETAIL, name="Sheet1")), "qbd.xlsx")
    assert imported.report.header_row == 1
    assert imported.report.mapping == {
        "doc_type": "Type", "doc_date": "Date", "doc_number": "Num", "customer_name": "Name", "due_date": "Due Date",
        "open": "Open Balance",
    }  # fmt: skip
    assert items_by_row(imported, "customer_name", "doc_type", "doc_date", "due_date", "open_cents") == [
        (3, "Rossi Srl", "invoice", D(2026, 8, 31), D(2026, 9, 30), 113431),
        (4, "Rossi Srl", "credit_note", D(2026, 9, 1), D(2026, 9, 1), -4005),
        (7, "Bianchi SpA", "invoice", D(2026, 3, 19), D(2026, 4, 18), 50000),
    ]
    assert (imported.report.counts["section_rows"], imported.report.counts["subtotal_rows"]) == (2, 2)
    assert mismatches(imported) == []
    assert imported.report.reconciliation["row"].to_list() == [5, 8, 9]


# =============================================================================================
# Xero "Aged Receivables Detail" (FORMATS 5): contact on its own row, `Total <contact>`
# =============================================================================================

XERO_HEADER = [
    "Invoice Date", "Due Date", "Invoice Number", "Invoice Reference", "< 1 Month", "1 Month", "2 Months",
    "3 Months", "Older", None, "Total",
]  # fmt: skip
XERO_DETAIL = [
    ["Aged Receivables Detail"],
    ["TEST COMPANY LLC"],
    ["As at 31 March 2026"],
    ["Ageing by due date"],
    [],
    XERO_HEADER,  # row 6
    [],
    ["AlphaClient Ltd"],  # row 8
    [D(2026, 1, 15), D(2026, 2, 14), "INV-0012", "Mr Smith", 0, 0, 0, 0, 500.0, None, 500.0],
    [D(2026, 1, 20), D(2026, 2, 19), "INV-0013", None, 0, 0, 0, 250.0, 0, None, 250.0],
    ["Total AlphaClient Ltd", None, None, None, 0, 0, 0, 250.0, 500.0, None, 750.0],  # row 11
    ["Beta Co"],
    [D(2026, 3, 1), D(2026, 3, 31), "INV-0020", None, 100.0, 0, 0, 0, 0, None, 100.0],
    [D(2026, 3, 5), None, None, "Credit", -40.0, 0, 0, 0, 0, None, -40.0],  # credit note without a number
    ["Total Beta Co", None, None, None, 60.0, 0, 0, 0, 0, None, 60.0],  # row 15
    ["Total", None, None, None, 0, 0, 0, 0, 0, None, 0],  # row 16: stale 0, as in the real export
    ["Percentage of total", None, None, None, 0, 0, 0, 0, 0, None, 1],
]


@pytest.fixture(scope="module")
def xero_detail() -> Imported:
    return import_file(xlsx(XERO_DETAIL), "xero.xlsx")


def test_xero_detail_forward_fills_the_contact(xero_detail: Imported) -> None:
    assert xero_detail.report.mapping == {
        "doc_date": "Invoice Date", "due_date": "Due Date", "doc_number": "Invoice Number", "open": "Total",
    }  # fmt: skip
    assert items_by_row(xero_detail, "customer_name", "doc_number", "due_date", "open_cents") == [
        (9, "AlphaClient Ltd", "INV-0012", D(2026, 2, 14), 50000),
        (10, "AlphaClient Ltd", "INV-0013", D(2026, 2, 19), 25000),
        (13, "Beta Co", "INV-0020", D(2026, 3, 31), 10000),
        (14, "Beta Co", None, D(2026, 3, 5), -4000),
    ]
    assert xero_detail.report.counts["group_rows"] == 2
    assert (xero_detail.report.as_of, xero_detail.report.as_of_source) == (D(2026, 3, 31), "file")


def test_xero_detail_wrong_grand_total_is_a_warning_not_a_failure(xero_detail: Imported) -> None:
    assert mismatches(xero_detail) == [(16, "Total", "Total", 0, 81000)]
    assert issues(xero_detail, "total_mismatch") == [(16, "Total", "warning", "total_mismatch")]
    subtotals = xero_detail.report.reconciliation.filter(pl.col("row").is_in([11, 15]))
    assert subtotals.select("row", "report_cents", "rows_cents").rows() == [(11, 75000, 75000), (15, 6000, 6000)]
    assert xero_detail.report.issues.filter(severity="error").height == 0


def test_group_names_do_not_leak_across_a_total() -> None:
    # after `Total <contact>` a row with no customer must not inherit the previous contact
    rows = [XERO_HEADER, ["AlphaClient Ltd"], [D(2026, 1, 15), D(2026, 2, 14), "INV-1", None, 0, 0, 0, 0, 5, None, 5],
            ["Total", None, None, None, 0, 0, 0, 0, 5, None, 5], [],
            [D(2026, 1, 16), D(2026, 2, 15), "INV-2", None, 0, 0, 0, 0, 7, None, 7]]  # fmt: skip
    imported = import_file(xlsx(rows), "x.xlsx")
    assert items_by_row(imported, "customer_name") == [(3, "AlphaClient Ltd")]


def test_detail_report_without_an_amount_column_names_what_is_missing() -> None:
    header = [label for label in XERO_HEADER if label != "Total"]
    error = failure(xlsx([header, [D(2026, 1, 15), D(2026, 2, 14), "INV-1", None, 0, 0, 0, 0, 5]]))
    assert (error.code, error.params["missing"], error.params["row"]) == ("missing_columns", "amount", 1)


def test_italian_grouped_report_with_totale_cliente_rows() -> None:
    # Easyfatt-like grouped export: customer on its own row, `Totale cliente <name>`, `Totale generale`
    rows = [
        ["Scadenzario clienti al 30/09/2026"],
        ["N. documento", "Data documento", "Data scadenza", "Importo", "Residuo"],
        ["Rossi Srl"],  # row 3
        ["1", "01/06/2026", "30/06/2026", "100,00", "100,00"],
        ["2", "01/07/2026", "30/07/2026", "50,00", "40,00"],
        ["Totale cliente Rossi Srl", None, None, "150,00", "140,00"],  # row 6
        ["Bianchi SpA"],
        ["3", "01/06/2026", "30/06/2026", "10,00", "10,00"],
        ["Totale cliente Bianchi SpA", None, None, "10,00", "10,00"],
        ["Totale generale", None, None, "160,00", "151,00"],  # row 10: 1,00 too much in Residuo
    ]
    imported = import_file(xlsx(rows), "raggruppato.xlsx")
    assert items_by_row(imported, "customer_name", "doc_number", "amount_cents", "open_cents") == [
        (4, "Rossi Srl", "1", 10000, 10000), (5, "Rossi Srl", "2", 5000, 4000), (8, "Bianchi SpA", "3", 1000, 1000),
    ]  # fmt: skip
    counts = imported.report.counts
    assert (counts["group_rows"], counts["subtotal_rows"], counts["total_rows"]) == (2, 2, 1)
    assert mismatches(imported) == [(10, "Totale generale", "Residuo", 15100, 15000)]
    assert issues(imported) == [(10, "Residuo", "warning", "total_mismatch")]


# =============================================================================================
# SAP FBL5N (FORMATS 8a): subtotals with a blank account, one grand total per currency
# =============================================================================================

FBL5N_HEADER = [
    "Account", "Assignment", "Document Number", "Document Type", "Document Date", "Net due date",
    "Arrears after net due date", "Amount in local currency", "Local Currency", "Text",
]  # fmt: skip


def fbl5n(usd_grand_total: float) -> bytes:
    blank = [None] * 7
    return xlsx([
        FBL5N_HEADER,
        ["100123", "4711", "9000000017", "RV", D(2026, 7, 1), D(2026, 7, 31), 56, 1220.0, "EUR", None],
        ["100123", None, "1400000003", "DZ", D(2026, 8, 10), D(2026, 8, 10), 46, -500.0, "EUR", "payment"],
        [*blank, 720.0, "EUR", None],  # row 4: subtotal of account 100123
        ["100200", None, "9000000020", "RV", D(2026, 8, 1), D(2026, 8, 31), 26, 1200.0, "USD", None],
        [*blank, 1200.0, "USD", None],  # row 6
        [*blank, 720.0, "EUR", None],  # row 7: grand total EUR
        [*blank, usd_grand_total, "USD", None],  # row 8: grand total USD
    ])  # fmt: skip


def test_fbl5n_subtotals_with_blank_account_are_not_items() -> None:
    imported = import_file(fbl5n(1200.0), "fbl5n.xlsx")
    assert items_by_row(imported, "customer_id", "doc_type", "doc_number", "due_date", "open_cents", "currency") == [
        (2, "100123", "invoice", "9000000017", D(2026, 7, 31), 122000, "EUR"),
        (3, "100123", "payment", "1400000003", D(2026, 8, 10), -50000, "EUR"),
        (5, "100200", "invoice", "9000000020", D(2026, 8, 31), 120000, "USD"),
    ]
    assert imported.report.counts["subtotal_rows"] == 4
    assert imported.report.reconciliation.select("row", "report_cents", "rows_cents").rows() == [
        (4, 72000, 72000), (6, 120000, 120000), (7, 72000, 72000), (8, 120000, 120000),
    ]  # fmt: skip
    assert issues(imported, "total_mismatch") == []


def test_fbl5n_grand_totals_are_checked_per_currency() -> None:
    imported = import_file(fbl5n(1300.0), "fbl5n.xlsx")
    assert mismatches(imported) == [(8, "1300", "Amount in local currency", 130000, 120000)]
    assert issues(imported, "total_mismatch") == [(8, "Amount in local currency", "warning", "total_mismatch")]
    assert imported.items.height == 3


# =============================================================================================
# Several currencies
# =============================================================================================


def test_currencies_are_kept_apart() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Residuo", "Valuta"],
        ["Rossi", "1", "31/07/2026", "1.000,00", "EUR"],
        ["Rossi", "2", "31/07/2026", "200,00", "usd"],
        ["Müller AG", "3", "31/08/2026", "300,00", "CHF"],
        ["Rossi", "4", "31/08/2026", "50,00", "€"],
        ["Rossi", "5", "31/08/2026", "10,00", None],
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert items_by_row(imported, "currency", "open_cents") == [
        (2, "EUR", 100000), (3, "USD", 20000), (4, "CHF", 30000), (5, "EUR", 5000), (6, "EUR", 1000),
    ]  # fmt: skip
    per_currency = imported.items.group_by("currency").agg(pl.col("open_cents").sum()).sort("currency").rows()
    assert per_currency == [("CHF", 30000), ("EUR", 106000), ("USD", 20000)]
    # a blank currency cell takes the currency the user chose
    chosen = import_file(xlsx(rows), "f.xlsx", currency="GBP")
    assert items_by_row(chosen, "currency")[-1] == (6, "GBP")


# =============================================================================================
# Summary reports: bucket columns, no due dates -> estimated items (FORMATS 2, 4, 10b)
# =============================================================================================

OCA_SUMMARY = [
    ["Scadenzario clienti/fornitori - Acme Srl - EUR"],  # merged A1:H1
    [],
    [],
    [None, "Filtro alla data", None, "30/09/2026"],  # merged B4:C4, E4:G4 in the real file
    [None, "Filtro registrazioni", None, "Tutte le registrazioni confermate"],
    [],
    [],
    ["1210 - Crediti v/clienti"],
    ["Partner", "Saldo", "Attuale", "Età ≤ 30 g.", "Età ≤ 60 g.", "Età ≤ 90 g.", "Età ≤ 120 g.", "Più vecchio"],
    ["Rossi Srl", 1220.0, 1000.0, 220.0, 0, 0, 0, 0],  # row 10
    ["Bianchi SpA", 500.0, None, None, None, None, None, 500.0],
    ["Verdi Snc", -80.0, None, -80.0, None, None, None, None],
    ["Totale", 1640.0, 1000.0, 140.0, 0, 0, 0, 500.0],
    ["Percentuali", None, 0.61, 0.09, 0, 0, 0, 0.3],
]


def test_oca_summary_makes_one_estimated_item_per_non_zero_bucket() -> None:
    imported = import_file(xlsx(Sheet(OCA_SUMMARY, merged=("A1:H1", "B4:C4"))), "oca.xlsx")
    report = imported.report
    assert (report.layout, report.estimated_due_dates, report.header_row) == ("summary", True, 9)
    assert (report.as_of, report.as_of_source) == (D(2026, 9, 30), "file")
    assert imported.items.sort("source_row", "due_date").select(
        "source_row", "customer_name", "doc_number", "due_date", "due_estimated", "open_cents", "doc_type"
    ).rows() == [
        (10, "Rossi Srl", "Età ≤ 30 g.", D(2026, 9, 15), True, 22000, "invoice"),
        (10, "Rossi Srl", "Attuale", D(2026, 9, 30), True, 100000, "invoice"),
        (11, "Bianchi SpA", "Più vecchio", D(2026, 6, 1), True, 50000, "invoice"),
        (12, "Verdi Snc", "Età ≤ 30 g.", D(2026, 9, 15), True, -8000, "credit_note"),
    ]
    assert issues(imported, "estimated_due_date") == [
        (10, None, "info", "estimated_due_date"),
        (11, None, "info", "estimated_due_date"),
        (12, None, "info", "estimated_due_date"),
    ]
    assert mismatches(imported) == []
    assert report.reconciliation.filter(column="Saldo")["report_cents"].to_list() == [164000]


def test_qbo_summary_with_blank_header_cell_over_the_names() -> None:
    rows = [
        ["Acme Srl"], ["A/R Aging Summary"], ["As of September 25, 2026"], [],
        [None, "Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"],
        ["Bayer Consumer Care AG", None, 82500.0, None, None, None, 82500.0],
        ["Gilead Sciences,Inc", 1000.0, 236600.0, None, None, 75.5, 237675.5],
        ["TOTAL", 1000.0, 319100.0, None, None, 75.5, 320175.5],
        [],
        ["Thursday, September 25, 2026 11:05 AM GMT-07:00"],
    ]  # fmt: skip
    imported = import_file(xlsx(rows), "qbo_summary.xlsx")
    assert (imported.report.layout, imported.report.estimated_due_dates) == ("summary", True)
    assert imported.items.sort("source_row", "due_date").select(
        "source_row", "customer_name", "doc_number", "due_date", "due_estimated", "open_cents"
    ).rows() == [
        (6, "Bayer Consumer Care AG", "1 - 30", D(2026, 9, 10), True, 8250000),
        (7, "Gilead Sciences,Inc", "91 and over", D(2026, 6, 26), True, 7550),
        (7, "Gilead Sciences,Inc", "1 - 30", D(2026, 9, 10), True, 23660000),
        (7, "Gilead Sciences,Inc", "Current", D(2026, 9, 25), True, 100000),
    ]
    assert mismatches(imported) == []


def test_qbo_summary_sub_customers_are_not_double_counted() -> None:
    rows = [
        ["Acme"], ["A/R Aging Summary"], ["As of September 25, 2026"], [],
        [None, "Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"],
        ["Parent Co"],  # row 6: parent header, no amounts
        ["   Parent Co:Branch A", "10.00", None, None, None, None, "10.00"],
        ["   Parent Co:Branch B", None, "20.00", None, None, None, "20.00"],
        ["Total for Parent Co", "10.00", "20.00", None, None, None, "30.00"],  # row 9
        ["Solo Ltd", None, None, "5.00", None, None, "5.00"],
        ["TOTAL", "10.00", "20.00", "5.00", None, None, "35.00"],
    ]  # fmt: skip
    imported = import_file(csv_bytes(rows), "summary.csv")
    assert items_by_row(imported, "customer_name", "doc_number", "open_cents") == [
        (7, "Parent Co:Branch A", "Current", 1000), (8, "Parent Co:Branch B", "1 - 30", 2000),
        (10, "Solo Ltd", "31 - 60", 500),
    ]  # fmt: skip
    assert int(imported.items["open_cents"].sum()) == 3500
    assert mismatches(imported) == []
    assert sorted(set(imported.report.reconciliation["row"])) == [9, 11]


def test_summary_customer_named_total_is_a_customer_and_qbd_totals_name_their_group() -> None:
    rows = [
        ["A/R Aging Summary"], ["As of September 25, 2026"],
        [None, "Current", "1 - 30", "Total"],
        ["Total Energies SpA", "10.00", None, "10.00"],  # row 4: a customer, not a subtotal
        ["Rossi"],  # row 5: QuickBooks Desktop parent, its jobs below
        ["Rossi:Cantiere 1", None, "20.00", "20.00"],
        ["Rossi:Cantiere 2", "5.00", None, "5.00"],
        ["Total Rossi", "5.00", "20.00", "25.00"],  # row 8: names the group above
        ["TOTAL", "15.00", "20.00", "35.00"],
    ]  # fmt: skip
    imported = import_file(csv_bytes(rows), "qbd_summary.csv")
    assert items_by_row(imported, "customer_name", "open_cents") == [
        (4, "Total Energies SpA", 1000), (6, "Rossi:Cantiere 1", 2000), (7, "Rossi:Cantiere 2", 500),
    ]  # fmt: skip
    assert mismatches(imported) == []
    assert sorted(set(imported.report.reconciliation["row"])) == [8, 9]


def test_unlabelled_report_total_on_the_first_row_is_not_a_customer() -> None:
    """Odoo's `Aged Receivable` line: the first row is the sum of all the partners below it."""
    rows = [
        ["Aged Receivable"], ["As of 30/09/2026"],
        [None, "At Date", "1-30", "31-60", "Older", "Total"],
        ["Aged Receivable", "100.00", "50.00", None, "7.00", "157.00"],  # row 4
        ["Rossi Srl", "60.00", "50.00", None, None, "110.00"],
        ["Bianchi SpA", "40.00", None, None, "7.00", "47.00"],
    ]  # fmt: skip
    imported = import_file(csv_bytes(rows), "odoo.csv")
    assert sorted(set(imported.items["customer_name"])) == ["Bianchi SpA", "Rossi Srl"]
    assert int(imported.items["open_cents"].sum()) == 15700
    assert mismatches(imported) == []
    assert 4 in set(imported.report.reconciliation["row"])


def test_a_first_customer_that_is_not_the_sum_stays_a_customer() -> None:
    rows = [
        ["Partner", "Saldo", "Attuale", "Età ≤ 30 g."],
        ["Rossi Srl", "100,00", "100,00", None],
        ["Bianchi SpA", "60,00", None, "60,00"],
        ["Verdi", "30,00", "30,00", None],
    ]  # fmt: skip
    imported = import_file(csv_bytes(rows), "oca.csv", as_of=D(2026, 9, 30))
    assert sorted(set(imported.items["customer_name"])) == ["Bianchi SpA", "Rossi Srl", "Verdi"]


def test_xero_summary_by_month() -> None:
    rows = [
        ["Aged Receivables Summary"], ["Demo Company (UK)"], ["As at 30 September 2026"], ["Ageing by due date"], [],
        ["Contact", "Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older", "Total"],
        ["Rimu Cafe", 100.0, None, 10.0, 0, 0, 0, 110.0],
        ["Totara Supplies", None, -25.0, None, None, None, None, -25.0],
        ["Total", 100.0, -25.0, 10.0, 0, 0, 0, 85.0],
        ["Percentage of total", 1.18, -0.29, 0.12, 0, 0, 0, 1],
    ]  # fmt: skip
    imported = import_file(xlsx(rows), "xero_summary.xlsx")
    assert imported.report.estimated_due_dates is True
    assert imported.items.sort("source_row", "due_date").select(
        "source_row", "customer_name", "doc_number", "due_date", "open_cents"
    ).rows() == [
        (7, "Rimu Cafe", "1 Month", D(2026, 8, 16), 1000),
        (7, "Rimu Cafe", "Current", D(2026, 9, 30), 10000),
        (8, "Totara Supplies", "< 1 Month", D(2026, 9, 15), -2500),
    ]
    assert imported.items["due_estimated"].to_list() == [True, True, True]
    assert mismatches(imported) == []


def test_summary_needs_an_as_of_date() -> None:
    rows = [["Partner", "Attuale", "Età ≤ 30 g.", "Più vecchio"], ["Rossi Srl", 100.0, 20.0, None]]
    assert failure(xlsx(rows)).code == "no_as_of"
    imported = import_file(xlsx(rows), "f.xlsx", as_of=D(2026, 10, 31))
    assert imported.items.sort("due_date").select("doc_number", "due_date", "open_cents").rows() == [
        ("Età ≤ 30 g.", D(2026, 10, 16), 2000),
        ("Attuale", D(2026, 10, 31), 10000),
    ]
    assert imported.report.as_of_source == "user"


def test_detail_report_has_no_estimated_due_dates(gestionale: Imported) -> None:
    assert gestionale.report.estimated_due_dates is False
    assert gestionale.items["due_estimated"].to_list() == [False] * gestionale.items.height


# =============================================================================================
# Numbers and dates as exports write them
# =============================================================================================


def test_amount_shapes_in_one_column() -> None:
    rows = [
        ["Customer", "Num", "Due date", "Open balance"],
        ["A", "1", "2026-07-31", 1284.5],  # native number cell
        ["A", "2", "2026-07-31", "1.234,56"],
        ["A", "3", "2026-07-31", "1,234.56"],
        ["A", "4", "2026-07-31", "(2,000.00)"],
        ["A", "5", "2026-07-31", "1.234,56-"],
        ["A", "6", "2026-07-31", "€ 1.234,56"],
        ["A", "7", "2026-07-31", "$2,000.00  "],
        ["A", "8", "2026-07-31", -200],
        ["A", "9", "2026-07-31", "-129,729.53"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert [c for _, c in items_by_row(imported, "open_cents")] == [
        128450, 123456, 123456, -200000, -123456, 123456, 200000, -20000, -12972953,
    ]  # fmt: skip
    assert issues(imported, "bad_amount") == []


def test_ambiguous_thousands_follow_the_rest_of_the_column() -> None:
    italian = [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["A", "1", "31/07/2026", "1.234"],
               ["A", "2", "31/07/2026", "12,50"]]  # fmt: skip
    english = [["Customer", "Num", "Due date", "Open balance"], ["A", "1", "07/31/2026", "1,234"],
               ["A", "2", "07/31/2026", "12.50"]]  # fmt: skip
    assert [c for _, c in items_by_row(import_file(xlsx(italian), "i.xlsx"), "open_cents")] == [123400, 1250]
    assert [c for _, c in items_by_row(import_file(xlsx(english), "e.xlsx"), "open_cents")] == [123400, 1250]


def test_date_shapes_in_one_day_first_column() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Residuo"],
        ["A", "1", D(2026, 1, 15), "1,00"],  # date cell
        ["A", "2", dt.datetime(2026, 1, 16, 13, 30), "1,00"],  # date-time cell
        ["A", "3", 46265, "1,00"],  # Excel serial
        ["A", "4", "17/01/2026", "1,00"],
        ["A", "5", "18.01.2026", "1,00"],
        ["A", "6", "2026-01-19", "1,00"],
        ["A", "7", "31-dic-2025", "1,00"],
        ["A", "8", "05/02/2026", "1,00"],  # ambiguous: day first in this file
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert imported.report.date_order == "dmy"
    assert [d for _, d in items_by_row(imported, "due_date")] == [
        D(2026, 1, 15), D(2026, 1, 16), D(2026, 8, 31), D(2026, 1, 17), D(2026, 1, 18), D(2026, 1, 19),
        D(2025, 12, 31), D(2026, 2, 5),
    ]  # fmt: skip
    assert issues(imported, "bad_date") == []


def test_us_dates_when_a_column_has_a_second_part_over_12() -> None:
    rows = [
        ["Customer", "Num", "Date", "Due date", "Open balance"],
        ["A", "1", "05/12/2026", "06/11/2026", "10.00"],
        ["A", "2", "05/20/2026", "06/19/2026", "10.00"],  # 20 and 19 cannot be months
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert (imported.report.date_order, imported.report.default_currency) == ("mdy", "USD")
    assert items_by_row(imported, "doc_date", "due_date") == [
        (2, D(2026, 5, 12), D(2026, 6, 11)),
        (3, D(2026, 5, 20), D(2026, 6, 19)),
    ]


def test_ambiguous_dates_in_an_italian_file_are_day_first() -> None:
    rows = [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["A", "1", "05/12/2026", "1,00"]]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert imported.report.date_order == "dmy"
    assert items_by_row(imported, "due_date") == [(2, D(2026, 12, 5))]


def test_ambiguous_dates_under_a_us_title_are_month_first() -> None:
    rows = [["As of September 25, 2026"], ["Customer", "Num", "Due date", "Open balance"],
            ["A", "1", "05/12/2026", "1.00"]]  # fmt: skip
    imported = import_file(xlsx(rows), "f.xlsx")
    assert imported.report.date_order == "mdy"
    assert items_by_row(imported, "due_date") == [(3, D(2026, 5, 12))]


def test_leading_zeros_kept_in_text_cells() -> None:
    rows = [
        ["Cod. cliente", "Ragione sociale", "Partita IVA", "N. documento", "Data scadenza", "Residuo"],
        ["00012", "Rossi Srl", "01234567890", "00085001", "31/07/2026", "10,00"],
    ]
    item = import_file(xlsx(rows), "f.xlsx").items.row(0, named=True)
    assert (item["customer_id"], item["vat_id"], item["doc_number"]) == ("00012", "01234567890", "00085001")


# =============================================================================================
# Credit notes and unapplied payments
# =============================================================================================


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("NC", "credit_note"), ("Credit Memo", "credit_note"), ("Nota di credito", "credit_note"),
     ("Credit Note", "credit_note")],
)  # fmt: skip
def test_typed_credit_notes_with_positive_amounts_become_negative(typed: str, kind: str) -> None:
    rows = [["Cliente", "Tipo documento", "N. documento", "Data scadenza", "Residuo"],
            ["Rossi", "FT", "1", "31/07/2026", "1.000,00"], ["Rossi", typed, "2", "31/07/2026", "250,00"]]  # fmt: skip
    imported = import_file(xlsx(rows), "f.xlsx")
    assert items_by_row(imported, "doc_type", "amount_cents", "open_cents") == [
        (2, "invoice", 100000, 100000),
        (3, kind, -25000, -25000),
    ]
    assert int(imported.items["open_cents"].sum()) == 75000  # netted
    assert issues(imported, "credit_note_sign") == [(3, "Residuo", "info", "credit_note_sign")]


def test_negative_credit_notes_and_unapplied_payments_are_kept_negative() -> None:
    rows = [
        ["Customer", "Transaction type", "Num", "Date", "Due date", "Open balance"],
        ["A", "Invoice", "1", "05/12/2026", "06/11/2026", 1000],
        ["A", "Credit Memo", "2", "05/20/2026", None, -300],
        ["A", "Payment", None, "05/21/2026", None, -100],  # unapplied payment
        ["A", None, "4", "05/22/2026", None, -50],  # untyped: negative reads as a credit
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert items_by_row(imported, "doc_type", "open_cents") == [
        (2, "invoice", 100000), (3, "credit_note", -30000), (4, "payment", -10000), (5, "credit_note", -5000),
    ]  # fmt: skip
    assert issues(imported, "credit_note_sign") == []


# =============================================================================================
# Due dates from document dates
# =============================================================================================


def test_document_without_due_date_is_due_at_its_document_date() -> None:
    rows = [
        ["Scadenzario al 30/09/2026"],
        ["Cliente", "N. documento", "Data documento", "Data scadenza", "Residuo"],
        ["Rossi", "1", "15/06/2026", "15/07/2026", "100,00"],
        ["Rossi", "2", "20/06/2026", None, "50,00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert items_by_row(imported, "doc_date", "due_date") == [
        (3, D(2026, 6, 15), D(2026, 7, 15)),
        (4, D(2026, 6, 20), D(2026, 6, 20)),
    ]
    found = imported.report.issues.filter(code="due_from_doc_date")
    assert found.select("sheet", "row", "column", "severity", "value").rows() == [
        ("Sheet1", 4, "Data scadenza", "info", "2026-06-20"),
    ]


def test_document_without_any_date_is_an_error() -> None:
    rows = [["Cliente", "N. documento", "Data documento", "Data scadenza", "Residuo"],
            ["Rossi", "1", "15/06/2026", "15/07/2026", "100,00"], ["Rossi", "2", None, None, "50,00"]]  # fmt: skip
    imported = import_file(xlsx(rows), "f.xlsx")
    assert issues(imported, "missing_due_date") == [(3, "Data scadenza", "error", "missing_due_date")]
    assert imported.items["source_row"].to_list() == [2]


# =============================================================================================
# Cell-level problems become issues with sheet, Excel row, column, code and severity
# =============================================================================================

PROBLEMS = [
    ["Scadenzario clienti al 30/09/2026"],
    [],
    ["Cod. cliente", "Ragione sociale", "N. documento", "Data documento", "Data scadenza", "Residuo"],  # row 3
    ["C1", "Rossi Srl", "1", "01/06/2026", "30/06/2026", "100,00"],  # 4 ok
    ["C1", "Rossi Srl", "2", "01/06/2026", "30/06/2026", "cento"],  # 5 bad_amount
    ["C1", "Rossi Srl", "3", "01/06/2026", "31/06/2026", "100,00"],  # 6 bad_date (due): error
    ["C1", "Rossi Srl", "4", "ieri", "30/06/2026", "100,00"],  # 7 bad_date (document): warning, kept
    [None, None, "5", "01/06/2026", "30/06/2026", "100,00"],  # 8 missing_customer
    ["C1", "Rossi Srl", "6", "01/06/2026", "30/06/2026", "0,00"],  # 9 zero_open
    ["C1", "Rossi Srl", "7", "01/06/2026", "30/07/2026", "75,00"],  # 10 duplicate of 11
    ["C1", "Rossi Srl", "7", "01/06/2026", "30/07/2026", "75,00"],  # 11
    ["C1", "Rossi Srl", "7", "01/06/2026", "30/08/2026", "75,00"],  # 12 next instalment: not a duplicate
]


@pytest.fixture(scope="module")
def problems() -> Imported:
    return import_file(xlsx(Sheet(PROBLEMS, name="Scadenze")), "problemi.xlsx")


def test_cell_problems_are_issues(problems: Imported) -> None:
    found = problems.report.issues.sort("row", "code")
    assert found.select("sheet", "row", "column", "severity", "code", "value").rows() == [
        ("Scadenze", 5, "Residuo", "error", "bad_amount", "cento"),
        ("Scadenze", 6, "Data scadenza", "error", "bad_date", "31/06/2026"),
        ("Scadenze", 7, "Data documento", "warning", "bad_date", "ieri"),
        ("Scadenze", 8, "Ragione sociale", "error", "missing_customer", None),
        ("Scadenze", 9, "Residuo", "info", "zero_open", "0"),
        ("Scadenze", 10, "N. documento", "warning", "duplicate", "7"),
        ("Scadenze", 11, "N. documento", "warning", "duplicate", "7"),
    ]
    assert found["message"].null_count() == 0


def test_rows_with_errors_and_paid_rows_are_left_out(problems: Imported) -> None:
    assert problems.items["source_row"].sort().to_list() == [4, 7, 10, 11, 12]
    assert problems.report.counts["excluded_rows"] == 3  # rows 5, 6 and 8
    assert problems.items.filter(source_row=7)["doc_date"].item() is None


def test_bad_amount_in_a_summary_names_the_bucket_and_leaves_the_row_out() -> None:
    rows = [["Partner", "Attuale", "Età ≤ 30 g."], ["Rossi Srl", "100,00", "tanti"], ["Bianchi", "5,00", None]]
    imported = import_file(xlsx(Sheet(rows, name="Riepilogo")), "f.xlsx", as_of=D(2026, 9, 30))
    assert imported.report.issues.filter(code="bad_amount").select(
        "sheet", "row", "column", "severity", "value"
    ).rows() == [
        ("Riepilogo", 2, "Età ≤ 30 g.", "error", "tanti"),
    ]
    assert imported.items.select("source_row", "open_cents").rows() == [(3, 500)]
    assert imported.report.counts["excluded_rows"] == 1


# =============================================================================================
# Layout: header anywhere in the first rows, blank rows and columns, repeated headers, footers
# =============================================================================================


def test_header_on_row_30_below_title_rows() -> None:
    titles: list[list[str | None]] = [[f"Riga di intestazione {i}"] for i in range(1, 30)]
    rows = [*titles, ["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Rossi", "1", "31/07/2026", "9,99"]]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert imported.report.header_row == 30
    assert items_by_row(imported, "open_cents") == [(31, 999)]


def test_blank_rows_and_columns_inside_the_table() -> None:
    rows = [
        [None, None, "Cliente", None, "N. documento", None, None, "Data scadenza", None, "Residuo"],
        [],
        [None, None, "Rossi", None, "1", None, None, "31/07/2026", None, "1,00"],
        [],
        [],
        [None, None, "Bianchi", None, "2", None, None, "31/08/2026", None, "2,00"],
    ]
    imported = import_file(xlsx(Sheet(rows, first_row=3)), "f.xlsx")
    assert imported.report.header_row == 3
    assert items_by_row(imported, "customer_name", "open_cents") == [(5, "Rossi", 100), (8, "Bianchi", 200)]
    assert imported.report.counts["rows"] == 2  # body rows that are not blank


def test_repeated_header_rows_are_structure() -> None:
    header = ["Cliente", "N. documento", "Data scadenza", "Residuo"]
    rows = [header, ["Rossi", "1", "31/07/2026", "1,00"], header, ["Bianchi", "2", "31/08/2026", "2,00"], header]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert items_by_row(imported, "customer_name") == [(2, "Rossi"), (4, "Bianchi")]
    assert imported.report.counts["header_rows"] == 2
    assert imported.report.issues.filter(severity="error").height == 0


def test_timestamp_footer_after_total_is_ignored() -> None:
    rows = [
        ["Customer", "Num", "Due date", "Open balance"],
        ["A", "1", "07/31/2026", "10.00"],
        ["TOTAL", None, None, "10.00"],
        [],
        ["Printed on 09/25/2026 11:05 AM", None, None, "99.00"],
        ["Thursday, September 25, 2026 11:05 AM GMT-07:00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert items_by_row(imported, "open_cents") == [(2, 1000)]
    assert imported.report.counts["footer_rows"] == 2
    assert mismatches(imported) == []


# =============================================================================================
# Column mapping: synonyms by default, the user's choice over them
# =============================================================================================

MAPPING_ROWS = [
    ["Cliente", "Partita IVA", "N. documento", "Data documento", "Data prevista incasso", "Residuo"],
    ["Rossi Srl", "01234567890", "1", "01/06/2026", "15/07/2026", "100,00"],
]


def test_default_mapping_leaves_unknown_columns_out() -> None:
    imported = import_file(xlsx(MAPPING_ROWS), "f.xlsx")
    assert "Data prevista incasso" not in imported.report.mapping.values()
    assert items_by_row(imported, "vat_id", "due_date") == [(2, "01234567890", D(2026, 6, 1))]


def test_user_maps_a_column_to_a_field() -> None:
    imported = import_file(xlsx(MAPPING_ROWS), "f.xlsx", mapping={"due_date": "Data prevista incasso"})
    assert imported.report.mapping["due_date"] == "Data prevista incasso"
    assert items_by_row(imported, "due_date") == [(2, D(2026, 7, 15))]
    assert issues(imported, "due_from_doc_date") == []


def test_user_unmaps_a_field_with_none() -> None:
    imported = import_file(xlsx(MAPPING_ROWS), "f.xlsx", mapping={"vat_id": None})
    assert "vat_id" not in imported.report.mapping
    assert items_by_row(imported, "vat_id", "customer_id") == [(2, None, "ROSSI SRL")]


def test_user_moves_a_column_to_another_field() -> None:
    imported = import_file(xlsx(MAPPING_ROWS), "f.xlsx", mapping={"customer_id": "Partita IVA"})
    assert imported.report.mapping["customer_id"] == "Partita IVA"
    assert "vat_id" not in imported.report.mapping
    assert items_by_row(imported, "customer_id", "vat_id") == [(2, "01234567890", None)]


@pytest.mark.parametrize(("mapping", "field"), [({"due": "Residuo"}, "due"), ({"due_date": "Nope"}, "due_date")])
def test_bad_mapping_is_refused(mapping: dict[str, str], field: str) -> None:
    error = failure(xlsx(MAPPING_ROWS), mapping=mapping)
    assert (error.code, error.params["field"]) == ("bad_mapping", field)


def test_missing_customer_column_and_no_groups_is_refused() -> None:
    error = failure(xlsx([["N. documento", "Data scadenza", "Residuo"], ["1", "31/07/2026", "1,00"]]))
    assert (error.code, error.params["missing"]) == ("missing_columns", "customer")


# =============================================================================================
# Workbooks with several sheets
# =============================================================================================

NOTES = Sheet([["QuickBooks Desktop Export Tips"], [], ["Use Excel's filters to sort the report."]], name="Tips")
SCADENZE = Sheet(
    [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Rossi", "1", "31/07/2026", "1,00"]], name="Scadenze"
)
ALTRO = Sheet(
    [[], ["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Bianchi", "9", "31/08/2026", "2,00"]], name="Altro"
)


def test_the_ageing_sheet_is_proposed_after_a_notes_sheet() -> None:
    imported = import_file(xlsx(NOTES, SCADENZE, ALTRO), "f.xlsx")
    assert imported.report.sheets == ("Tips", "Scadenze", "Altro")
    assert imported.report.sheet == "Scadenze"
    assert items_by_row(imported, "customer_name") == [(2, "Rossi")]


def test_the_user_chooses_another_sheet() -> None:
    imported = import_file(xlsx(NOTES, SCADENZE, ALTRO), "f.xlsx", sheet="Altro")
    assert imported.report.sheet == "Altro"
    assert items_by_row(imported, "customer_name", "source_sheet") == [(3, "Bianchi", "Altro")]


def test_hidden_sheets_are_ignored() -> None:
    hidden = Sheet(
        [["Cod. cliente", "Ragione sociale", "N. documento", "Data documento", "Data scadenza", "Importo", "Residuo"],
         ["C9", "Nascosto", "1", "01/01/2026", "31/01/2026", "9,00", "9,00"]],
        name="Dati", hidden=True,
    )  # fmt: skip
    imported = import_file(xlsx(NOTES, hidden, SCADENZE), "f.xlsx")
    assert imported.report.sheets == ("Tips", "Scadenze")
    assert imported.report.sheet == "Scadenze"
    assert failure(xlsx(NOTES, hidden, SCADENZE), sheet="Dati").code == "no_sheet"


def test_a_workbook_with_no_ageing_sheet_is_refused() -> None:
    assert failure(xlsx(NOTES)).code == "not_ageing"


# =============================================================================================
# csv: the same rules apply to text files
# =============================================================================================


def test_csv_detail_with_text_amounts_and_totals() -> None:
    rows = [
        ["Scadenzario clienti al 20/11/2026"],
        ["Cod. cliente", "Ragione sociale", "N. documento", "Data scadenza", "Residuo", "Valuta"],
        ["C1", "Rossi", "0001", "31/07/2026", "1.220,00", "EUR"],
        ["C1", "Rossi", "0002", "31/08/2026", "1.220,00-", "EUR"],
        ["C2", "Bianchi", "0003", "30/09/2026", "99,90", "CHF"],
        [None, "Totale generale", None, None, "99,90", None],
    ]
    imported = import_file(csv_bytes(rows, delimiter=";"), "export.csv")
    assert items_by_row(imported, "doc_number", "open_cents", "currency") == [
        (3, "0001", 122000, "EUR"), (4, "0002", -122000, "EUR"), (5, "0003", 9990, "CHF"),
    ]  # fmt: skip
    assert mismatches(imported) == []
    assert imported.report.as_of == D(2026, 11, 20)


def test_two_row_header_tally_bills_receivable() -> None:
    """Tally: `Opening`/`Pending` over `Amount`, the party on its own row above its bills."""
    rows = [
        ["Group :", "Sundry Debtors", None, "1-Apr-26 to 16-Apr-26"],
        ["Details of:", "Pending Bills"],
        [],
        ["Date", "Ref. No.", "Party's Name", "Opening", "Pending", "Due on", "Overdue"],  # row 4
        [None, None, None, "Amount", "Amount", None, "by days"],  # row 5
        [None, None, "AlphaClient Ltd"],
        [D(2026, 2, 1), "INV-001", None, 5000, 5000, D(2026, 3, 3), 44],  # row 7
        [D(2026, 3, 1), "INV-007", None, 1200, 700, D(2026, 3, 31), 16],
        [None, None, "Beta Traders"],
        [D(2026, 4, 2), "INV-010", None, 300, 300, D(2026, 5, 2), None],  # row 10
    ]  # fmt: skip
    imported = import_file(xlsx(rows), "GrpBills.xlsx", as_of=D(2026, 4, 16))
    report = imported.report
    assert report.header_row == 4
    assert report.mapping == {
        "doc_date": "Date", "doc_number": "Ref. No.", "customer_name": "Party's Name",
        "amount": "Opening Amount", "open": "Pending Amount", "due_date": "Due on",
    }  # fmt: skip
    assert items_by_row(imported, "customer_name", "doc_number", "due_date", "amount_cents", "open_cents") == [
        (7, "AlphaClient Ltd", "INV-001", D(2026, 3, 3), 500000, 500000),
        (8, "AlphaClient Ltd", "INV-007", D(2026, 3, 31), 120000, 70000),
        (10, "Beta Traders", "INV-010", D(2026, 5, 2), 30000, 30000),
    ]


def test_a_text_only_row_under_the_header_is_not_glued_to_it() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Residuo"],
        ["Rossi Srl"],  # a group row right below the header: data, not a second header line
        [None, "1", "31/07/2026", "1.220,00"],
    ]  # fmt: skip
    imported = import_file(xlsx(rows), "grouped.xlsx", as_of=D(2026, 9, 30))
    assert imported.report.headers == ("Cliente", "N. documento", "Data scadenza", "Residuo")
    assert items_by_row(imported, "customer_name", "open_cents") == [(3, "Rossi Srl", 122000)]
