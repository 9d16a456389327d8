"""The importer, round 2: the classes of layout that came out wrong (printed reports, continuation
rows, columns that look like what they are not, packed document cells, SAP list output, totals per
currency, silent losses). Every input is built here; tests/test_good_corpus.py runs whole files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from lib.__main__ import main
from lib.i18n import FAILURES
from lib.ingest import Imported, ImportFailed, import_file
from lib.ingest.columns import status_of
from lib.ingest.structure import group_parts
from tests.unit.workbooks import Sheet, csv_bytes, xlsx

D = dt.date
AS_OF = D(2026, 9, 30)


def rows_of(imported: Imported, *columns: str) -> list[tuple[object, ...]]:
    return imported.items.sort("source_row").select("source_row", *columns).rows()


def codes(imported: Imported, *wanted: str) -> list[tuple[object, ...]]:
    frame = imported.report.issues
    if wanted:
        frame = frame.filter(pl.col("code").is_in(wanted))
    return frame.sort("row", "column", nulls_last=True).select("row", "column", "severity", "code").rows()


def mismatches(imported: Imported) -> list[tuple[object, ...]]:
    frame = imported.report.reconciliation.filter(pl.col("difference_cents") != 0)
    return frame.select("row", "label", "column", "report_cents", "rows_cents").rows()


def checked(imported: Imported) -> list[int]:
    return sorted(set(imported.report.reconciliation["row"]))


# =============================================================================================
# Printed reports saved as Excel
# =============================================================================================

PAGE_HEADER = [
    ["OFFICINE BRAMBILLA S.P.A.", None, None, None, None, "Pagina 1 di 2"],
    ["Data stampa: 21/11/2026 10:32"],
    ["Scadenzario clienti al 30/09/2026"],
]
PRINT_HEADER = ["Data doc.", "Num. doc.", "Scadenza", "Importo", "Pagato", "Residuo"]
PRINTED = [
    *PAGE_HEADER,
    PRINT_HEADER,  # row 4
    ["Cliente: 000095 - Rossi S.r.l."],  # row 5, merged across in the real printout
    ["01/06/2026", "12/2026", "30/06/2026", "1.000,00", "0,00", "1.000,00"],
    ["15/06/2026", "15/2026", "15/07/2026", "500,00", "100,00", "400,00"],
    [],
    ["OFFICINE BRAMBILLA S.P.A.", None, None, None, None, "Pagina 2 di 2"],  # row 9: page break
    ["Data stampa: 21/11/2026 10:32"],
    ["Scadenzario clienti al 30/09/2026"],
    PRINT_HEADER,  # row 12
    ["01/07/2026", "21/2026", "31/07/2026", "250,00", "0,00", "250,00"],  # row 13: still Rossi
    ["Totale cliente 000095", None, None, "1.750,00", "100,00", "1.650,00"],  # row 14
    ["Cliente: 000102 - Bianchi S.p.A."],
    ["01/08/2026", "30/2026", "31/08/2026", "80,00", "0,00", "80,00"],
    ["Totale cliente 000102", None, None, "80,00", "0,00", "80,00"],
    ["Totale generale", None, None, "1.830,00", "100,00", "1.730,00"],  # row 18
]


@pytest.fixture(scope="module")
def printed() -> Imported:
    return import_file(xlsx(Sheet(PRINTED, merged=("A5:F5", "A15:F15"))), "stampa.xlsx")


def test_printed_report_keeps_the_customer_across_a_page_break(printed: Imported) -> None:
    assert rows_of(printed, "customer_id", "customer_name", "doc_number", "open_cents") == [
        (6, "000095", "Rossi S.r.l.", "12/2026", 100000),
        (7, "000095", "Rossi S.r.l.", "15/2026", 40000),
        (13, "000095", "Rossi S.r.l.", "21/2026", 25000),
        (16, "000102", "Bianchi S.p.A.", "30/2026", 8000),
    ]
    assert printed.report.issues.filter(pl.col("severity") == "error").height == 0


def test_page_furniture_and_repeated_header_are_structure(printed: Imported) -> None:
    counts = printed.report.counts
    assert (counts["page_rows"], counts["header_rows"], counts["group_rows"]) == (3, 1, 2)
    assert (counts["subtotal_rows"], counts["total_rows"]) == (2, 1)


def test_print_date_is_not_the_as_of_date(printed: Imported) -> None:
    assert (printed.report.as_of, printed.report.as_of_source) == (AS_OF, "file")


def test_printed_totals_reconcile_across_the_page_break(printed: Imported) -> None:
    assert mismatches(printed) == []
    assert checked(printed) == [14, 17, 18]


def test_a_later_page_header_unlike_the_first_page_is_still_furniture() -> None:
    rows = [
        ["Scadenzario clienti al 30/09/2026"],
        ["Data doc.", "Num. doc.", "Scadenza", "Importo", "Residuo"],
        ["Cliente: 000095 - Rossi S.r.l."],
        ["01/06/2026", "12/2026", "30/06/2026", "1.000,00", "1.000,00"],
        ["ACME S.P.A. - Scadenzario clienti - Pag. 2"],  # row 5: a shorter header on the next pages
        ["21/11/2026 10:32"],
        ["01/07/2026", "21/2026", "31/07/2026", "250,00", "250,00"],  # row 7: still Rossi, no column header
    ]
    imported = import_file(xlsx(rows), "stampa.xlsx")
    assert rows_of(imported, "customer_id", "customer_name") == [(4, "000095", "Rossi S.r.l."),
                                                                  (7, "000095", "Rossi S.r.l.")]  # fmt: skip
    assert imported.report.counts["page_rows"] == 2


def test_code_and_name_in_two_cells_make_a_group_row() -> None:
    rows = [
        ["Situazione al 30/09/2026"],
        ["Data doc.", "N. doc.", "Scadenza", "Mod. pag.", "Importo", "Residuo"],
        ["000095", "Rossi S.r.l.", None, "P.IVA 01234567890"],  # row 3
        ["01/06/2026", "12", "30/06/2026", "RiBa", "100,00", "100,00"],
        ["Totale", None, None, None, "100,00", "100,00"],  # a bare total closing one customer
        ["Cliente:", "000102", "Bianchi S.p.A."],  # row 6: the prefix in a cell of its own
        ["01/07/2026", "13", "31/07/2026", "RiBa", "50,00", "50,00"],
        ["Totale", None, None, None, "50,00", "50,00"],
        ["Totale generale", None, None, None, "150,00", "150,00"],
    ]
    imported = import_file(xlsx(rows), "partite.xlsx")
    assert rows_of(imported, "customer_id", "customer_name", "vat_id", "open_cents") == [
        (4, "000095", "Rossi S.r.l.", "01234567890", 10000),
        (7, "000102", "Bianchi S.p.A.", None, 5000),
    ]
    assert (imported.report.counts["subtotal_rows"], imported.report.counts["total_rows"]) == (2, 1)
    assert mismatches(imported) == [] and checked(imported) == [5, 8, 9]
    assert imported.report.as_of == AS_OF


def test_carried_forward_rows_are_page_furniture() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Importo"],
        ["Rossi", "1", "30/06/2026", "100,00"],
        [None, "A riportare", None, "100,00"],
        ["Cliente", "N. documento", "Data scadenza", "Importo"],
        [None, "Riporto", None, "100,00"],
        ["Rossi", "2", "30/07/2026", "20,00"],
        [None, "Totale generale", None, "120,00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert rows_of(imported, "doc_number", "open_cents") == [(2, "1", 10000), (6, "2", 2000)]
    assert imported.report.counts["page_rows"] == 2
    assert mismatches(imported) == []


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["Cliente: 000095 - Rossi S.r.l."], ("000095", "Rossi S.r.l.", None)),
        (["000095", "Rossi S.r.l."], ("000095", "Rossi S.r.l.", None)),
        (["Cliente:", "C00012", "Rossi & Figli", "P.IVA 01234567890"], ("C00012", "Rossi & Figli", "01234567890")),
        (["330301.19  AQUATEC S.r.l."], ("330301.19", "AQUATEC S.r.l.", None)),
        (["Rossi S.r.l. (000095)"], ("000095", "Rossi S.r.l.", None)),
        (["Cliente: 000095 - Rossi S.r.l. (segue)"], ("000095", "Rossi S.r.l.", None)),
        (["3M Italia S.r.l."], (None, "3M Italia S.r.l.", None)),
        (["Alvarez, Dana"], (None, "Alvarez, Dana", None)),
    ],
)
def test_group_labels(cells: list[str], expected: tuple[str | None, str, str | None]) -> None:
    frame = pl.DataFrame({"parts": [cells]}).select(group_parts(pl.col("parts"), pl.lit(False)))
    assert frame.row(0) == expected


def test_odoo_group_rows_with_a_count_and_sums() -> None:
    rows = [
        ["Data fattura", "Fattura", "Scadenza", "Importo residuo"],
        ["Rossi S.r.l. (2)", None, None, 150.0],
        [D(2026, 6, 1), "FV/1", D(2026, 7, 1), 100.0],
        [D(2026, 6, 2), "FV/2", D(2026, 7, 2), 50.0],
        ["Totale Casa S.r.l. (1)", None, None, 10.0],  # a customer, not a total
        [D(2026, 6, 3), "FV/3", D(2026, 7, 3), 10.0],
    ]
    imported = import_file(xlsx(rows), "odoo.xlsx", as_of=AS_OF)
    assert rows_of(imported, "customer_name", "open_cents") == [
        (3, "Rossi S.r.l.", 10000),
        (4, "Rossi S.r.l.", 5000),
        (6, "Totale Casa S.r.l.", 1000),
    ]
    assert mismatches(imported) == [] and checked(imported) == [2, 5]


def test_customer_names_that_look_like_sections_are_customers() -> None:
    rows = [
        ["Invoice Date", "Due Date", "Invoice Number", "Total"],
        ["Società Agricola Verdi"],
        [D(2026, 6, 1), D(2026, 7, 1), "INV-1", 100.0],
        ["Total Società Agricola Verdi", None, None, 100.0],
        ["Current Energy Ltd"],
        [D(2026, 6, 2), D(2026, 7, 2), "INV-2", 50.0],
        ["Total Current Energy Ltd", None, None, 50.0],
    ]
    imported = import_file(xlsx(rows), "xero.xlsx", as_of=AS_OF)
    assert rows_of(imported, "customer_name") == [(3, "Società Agricola Verdi"), (6, "Current Energy Ltd")]
    assert mismatches(imported) == []


# =============================================================================================
# Continuation rows
# =============================================================================================

CONTINUATION = [
    ["Scadenzario clienti al 30/09/2026"],
    ["Codice", "Ragione sociale", "N. documento", "Data scadenza", "Importo", "Residuo"],
    ["C001", "Rossi S.r.l.", "1", "30/06/2026", "100,00", "100,00"],  # row 3
    [None, None, "2", "30/07/2026", "200,00", "150,00"],
    [None, None, "3", "30/08/2026", "50,00", "50,00"],
    ["Totale", None, None, None, "350,00", "300,00"],  # row 6: closes Rossi, not the report
    ["C002", "Bianchi S.p.A.", "4", "30/06/2026", "10,00", "10,00"],
    ["Totale", None, None, None, "10,00", "10,00"],
    ["C003", "Verdi", "5", "30/06/2026", "20,00", "20,00"],  # row 9
    [None, None, "6", "30/07/2026", "30,00", "30,00"],
    ["Totale", None, None, None, "50,00", "50,00"],
    ["Totale generale", None, None, None, "410,00", "360,00"],  # row 12
]


def test_code_and_name_on_the_first_row_only_fill_down() -> None:
    imported = import_file(xlsx(CONTINUATION), "f.xlsx")
    assert rows_of(imported, "customer_id", "customer_name", "open_cents") == [
        (3, "C001", "Rossi S.r.l.", 10000),
        (4, "C001", "Rossi S.r.l.", 15000),
        (5, "C001", "Rossi S.r.l.", 5000),
        (7, "C002", "Bianchi S.p.A.", 1000),
        (9, "C003", "Verdi", 2000),
        (10, "C003", "Verdi", 3000),
    ]
    assert codes(imported, "missing_customer") == []


def test_a_bare_totale_per_customer_does_not_end_the_file() -> None:
    imported = import_file(xlsx(CONTINUATION), "f.xlsx")
    counts = imported.report.counts
    assert (counts["subtotal_rows"], counts["total_rows"], counts["footer_rows"]) == (3, 1, 0)
    assert mismatches(imported) == [] and checked(imported) == [6, 8, 11, 12]


def test_a_customer_missing_on_one_row_of_a_full_file_is_not_filled() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Residuo"],
        ["Rossi", "1", "30/06/2026", "1,00"],
        ["Rossi", "2", "30/06/2026", "1,00"],
        [None, "3", "30/06/2026", "1,00"],  # a real gap, not a continuation
        ["Rossi", "4", "30/06/2026", "1,00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx")
    assert codes(imported, "missing_customer") == [(4, "Cliente", "error", "missing_customer")]


# =============================================================================================
# Columns that look like what they are not
# =============================================================================================

PAGAMENTI = [
    ["Scadenza", "Soggetto", "Descrizione", "Importo", "Pagato", "Da saldare", "Conto"],
    ["30/06/2026", "Rossi S.r.l.", "Fattura n. 112/2026 del 15/03/2026", "1.000,00", "No", "1.000,00",
     "Banca Intesa c/c 1234"],
    ["30/07/2026", "Rossi S.r.l.", "Fattura n. 120/2026 del 15/04/2026", "500,00", "Parziale", "200,00", "Cassa"],
    ["30/07/2026", "Bianchi S.p.A.", "Fattura n. 121/2026 del 16/04/2026", "300,00", "Sì", "0,00",
     "UniCredit c/c 5678"],
    ["15/05/2026", "Bianchi S.p.A.", "Nota di credito n. 7/2026 del 15/05/2026", "-50,00", "No", "-50,00", None],
]  # fmt: skip


@pytest.fixture(scope="module")
def pagamenti() -> Imported:
    return import_file(xlsx(PAGAMENTI), "pagamenti.xlsx", as_of=AS_OF)


def test_yes_no_paid_column_is_a_state_and_the_residual_is_the_open_amount(pagamenti: Imported) -> None:
    assert pagamenti.report.mapping["open"] == "Da saldare"
    assert "paid" not in pagamenti.report.mapping
    assert rows_of(pagamenti, "amount_cents", "open_cents") == [(2, 100000, 100000), (3, 50000, 20000),
                                                               (5, -5000, -5000)]  # fmt: skip
    assert codes(pagamenti, "zero_open") == [(4, "Da saldare", "info", "zero_open")]


def test_payment_account_column_is_not_the_customer(pagamenti: Imported) -> None:
    assert "customer_id" not in pagamenti.report.mapping
    assert sorted(set(pagamenti.items["customer_id"])) == ["BIANCHI S.P.A.", "ROSSI S.R.L."]


def test_a_packed_document_cell_gives_type_number_and_date(pagamenti: Imported) -> None:
    assert rows_of(pagamenti, "doc_type", "doc_number", "doc_date") == [
        (2, "invoice", "112/2026", D(2026, 3, 15)),
        (3, "invoice", "120/2026", D(2026, 4, 15)),
        (5, "credit_note", "7/2026", D(2026, 5, 15)),
    ]
    assert {k: pagamenti.report.mapping[k] for k in ("doc_type", "doc_number", "doc_date")} == dict.fromkeys(
        ("doc_type", "doc_number", "doc_date"), "Descrizione"
    )


def test_the_mapping_shown_for_a_packed_cell_can_be_sent_back() -> None:
    # the Import page sends the shown mapping back: three fields on one column keep their parts
    mapping = {"doc_type": "Descrizione", "doc_number": "Descrizione", "doc_date": "Descrizione"}
    imported = import_file(xlsx(PAGAMENTI), "pagamenti.xlsx", as_of=AS_OF, mapping=mapping)
    assert rows_of(imported, "doc_number", "doc_date")[0] == (2, "112/2026", D(2026, 3, 15))
    assert codes(imported, "bad_date") == []


def test_column_choices_are_explained(pagamenti: Imported) -> None:
    explained = pagamenti.report.issues.filter(pl.col("row") == 1)
    assert explained.select("column", "severity", "code", "value").sort("code").rows() == [
        ("Conto", "info", "column_not_customer", "Banca Intesa c/c 1234"),
        ("Descrizione", "info", "column_split", "Fattura n. 112/2026 del 15/03/2026"),
        ("Pagato", "info", "column_status", "No"),
    ]
    assert explained["message"].to_list()[0].startswith("Conto: holds payment or ledger accounts")


def test_instalment_and_residual_the_open_amount_is_the_residual() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Importo rata", "Residuo"],
        ["Rossi", "1", "30/06/2026", "500,00", "120,00"],
        ["Rossi", "1", "30/07/2026", "500,00", "500,00"],
    ]
    imported = import_file(xlsx(rows), "rate.xlsx", as_of=AS_OF)
    assert rows_of(imported, "amount_cents", "open_cents") == [(2, 50000, 12000), (3, 50000, 50000)]
    assert codes(imported, "column_residual") == [(1, "Residuo", "info", "column_residual")]


def test_a_state_column_without_a_residual_closes_the_paid_rows() -> None:
    rows = [
        ["Cliente", "Documento", "Scadenza", "Importo", "Stato"],
        ["Rossi", "FT 1", "30/06/2026", "100,00", "Saldato"],
        ["Rossi", "FT 2", "30/07/2026", "200,00", "Da saldare"],
        ["Rossi", "FT 3", "30/08/2026", "300,00", "Parzialmente saldato"],
    ]
    imported = import_file(xlsx(rows), "stato.xlsx", as_of=AS_OF)
    assert rows_of(imported, "doc_number", "open_cents") == [(3, "FT 2", 20000), (4, "FT 3", 30000)]
    assert codes(imported, "paid_row", "partly_paid_no_residual", "column_status") == [
        (1, "Stato", "info", "column_status"),
        (2, "Stato", "info", "paid_row"),
        (4, "Stato", "warning", "partly_paid_no_residual"),
    ]


def test_receipts_and_payments_together_only_receipts_are_imported() -> None:
    rows = [
        ["Scadenza", "Tipo", "Soggetto", "Importo"],
        ["30/06/2026", "Entrata", "Rossi", "100,00"],
        ["30/06/2026", "Uscita", "Carta & Toner", "70,00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx", as_of=AS_OF)
    assert rows_of(imported, "customer_name") == [(2, "Rossi")]
    assert codes(imported, "column_direction", "payable_row") == [
        (1, "Tipo", "info", "column_direction"),
        (3, "Tipo", "info", "payable_row"),
    ]


def test_ledger_account_column_is_not_the_customer() -> None:
    rows = [["Partner", "Conto", "Fattura", "Scadenza", "Importo residuo"]] + [
        [f"Cliente {i}", "1210 Crediti v/clienti", f"FV/{i}", "30/06/2026", "10,00"] for i in range(6)
    ]
    imported = import_file(xlsx(rows), "f.xlsx", as_of=AS_OF)
    assert "customer_id" not in imported.report.mapping
    assert imported.items["customer_id"].n_unique() == 6


def test_a_date_column_of_text_is_dropped_for_a_better_one() -> None:
    rows = [
        ["Cliente", "N. documento", "Scadenza", "Data scadenza rata", "Residuo"],
        ["Rossi", "1", "RiBa 60 gg", "30/06/2026", "10,00"],
        ["Rossi", "2", "RiBa 60 gg", "30/07/2026", "10,00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx", as_of=AS_OF)
    assert imported.report.mapping["due_date"] == "Data scadenza rata"
    assert rows_of(imported, "due_date") == [(2, D(2026, 6, 30)), (3, D(2026, 7, 30))]


def test_as_of_date_from_a_reporting_date_column() -> None:
    rows = [
        ["No.", "Name", "Document No.", "Due Date", "Remaining Amount", "Reporting Date"],
        ["10000", "Adatum", "103001", D(2026, 8, 31), 1250.0, D(2026, 9, 30)],
        ["20000", "Trey", "103002", D(2026, 10, 31), 10.0, D(2026, 9, 30)],
    ]
    report = import_file(xlsx(rows), "bc.xlsx").report
    assert (report.as_of, report.as_of_source) == (AS_OF, "file")
    assert [c for *_, c in codes(import_file(xlsx(rows), "bc.xlsx"), "as_of_column")] == ["as_of_column"]


def test_a_summary_sheet_in_front_of_the_detail() -> None:
    summary = Sheet(
        [["Cliente", "Totale", "0-30", "31-60", "oltre 60"], ["Rossi", "30,00", "10,00", "20,00", None]],
        name="Riepilogo",
    )
    detail = Sheet(
        [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Rossi", "1", "30/09/2026", "10,00"]],
        name="Dettaglio",
    )
    imported = import_file(xlsx(summary, detail), "f.xlsx", as_of=AS_OF)
    assert (imported.report.sheet, imported.report.layout) == ("Dettaglio", "detail")


@pytest.mark.parametrize(
    ("text", "state"),
    [("Sì", "paid"), ("si", "paid"), ("SALDATO", "paid"), ("No", "unpaid"), ("Da saldare", "unpaid"),
     ("Parziale", "partial"), ("Parz.", "partial"), ("forse", None)],
)  # fmt: skip
def test_payment_states(text: str, state: str | None) -> None:
    assert pl.select(status_of(pl.lit(text))).item() == state


# =============================================================================================
# SAP list output, totals per currency
# =============================================================================================

SAP_LIST = "\r\n".join(
    [
        "21.11.2026             Customer Line Item Display              1",
        "Key date 30.09.2026",
        "-" * 70,
        "|St|Account |DocumentNo|Typ|Doc..Date |Net due dt|  Amount in LC|LCurr|",
        "-" * 70,
        "|  |100123  |9000000017|RV |01.07.2026|31.07.2026|     1.220,00 |EUR  |",  # row 6
        "|  |100123  |1400000003|DZ |10.08.2026|10.08.2026|       500,00-|EUR  |",
        "|  |100123  |9000000018|RV |01.08.2026|31.08.2026|     2.000,00 |USD  |",
        "-" * 70,
        "|* |100123  |          |   |          |          |       720,00 |EUR  |",  # row 10
        "|* |100123  |          |   |          |          |     2.000,00 |USD  |",
        "-" * 70,
        "21.11.2026             Customer Line Item Display              2",  # row 13: next page
        "Key date 30.09.2026",
        "|St|Account |DocumentNo|Typ|Doc..Date |Net due dt|  Amount in LC|LCurr|",
        "|  |100200  |9000000020|RV |01.08.2026|31.08.2026|     1.200,00 |EUR  |",  # row 16
        "|* |100200  |          |   |          |          |     1.200,00 |EUR  |",
        "|**|        |          |   |          |          |     1.920,00 |EUR  |",  # row 18
        "|**|        |          |   |          |          |     2.000,00 |USD  |",
    ]
).encode()


def test_sap_list_output() -> None:
    imported = import_file(SAP_LIST, "fbl5n.txt")
    report = imported.report
    assert report.as_of == AS_OF
    assert report.mapping == {
        "customer_id": "Account", "doc_number": "DocumentNo", "doc_type": "Typ", "doc_date": "Doc..Date",
        "due_date": "Net due dt", "open": "Amount in LC", "currency": "LCurr",
    }  # fmt: skip
    assert rows_of(imported, "customer_id", "doc_type", "open_cents", "currency") == [
        (6, "100123", "invoice", 122000, "EUR"),
        (7, "100123", "payment", -50000, "EUR"),
        (8, "100123", "invoice", 200000, "USD"),
        (16, "100200", "invoice", 120000, "EUR"),
    ]
    assert mismatches(imported) == []
    assert checked(imported) == [10, 11, 17, 18, 19]
    assert report.issues.filter(pl.col("severity") != "info").height == 0


def test_document_and_local_currency_amounts_keep_the_document_currency() -> None:
    lines = ["Account\tDocumentNo\tNet due dt\tAmount in DC\tCurr.\tAmount in LC\tLCurr",
             "100123\t9000000017\t31.07.2026\t1.000,00\tUSD\t900,00\tEUR",
             "100123\t9000000018\t31.08.2026\t50,00-\tGBP\t58,50-\tEUR"]  # fmt: skip
    imported = import_file("\r\n".join(lines).encode(), "fbl5n.xls", as_of=AS_OF)
    assert (imported.report.mapping["open"], imported.report.mapping["currency"]) == ("Amount in DC", "Curr.")
    assert rows_of(imported, "open_cents", "currency") == [(2, 100000, "USD"), (3, -5000, "GBP")]


def test_a_total_per_currency_reconciles_with_its_currency_only() -> None:
    rows = [
        ["Cliente", "N. documento", "Data scadenza", "Valuta", "Residuo"],
        ["Rossi", "1", "30/06/2026", "EUR", "100,00"],
        ["Smith", "2", "30/06/2026", "USD", "70,00"],
        ["Rossi", "3", "30/07/2026", "EUR", "20,00"],
        [None, "Totale EUR", None, None, "120,00"],  # row 5
        [None, "Totale USD", None, None, "70,00"],
        [None, "Totale", None, "CHF", "0,00"],
    ]
    imported = import_file(xlsx(rows), "f.xlsx", as_of=AS_OF)
    recon = imported.report.reconciliation.select("row", "report_cents", "rows_cents").rows()
    assert recon == [(5, 12000, 12000), (6, 7000, 7000), (7, 0, 0)]


def test_a_parent_total_includes_its_sub_customers() -> None:
    rows = [
        [None, "Transaction Type", "Date", "Document Number", "Due Date", "Open Balance"],
        ["Customer A"],
        [None, "Invoice", "06/01/2026", "INV1", "07/01/2026", "100.00"],
        ["Customer A : Branch North"],
        [None, "Invoice", "06/02/2026", "INV2", "07/02/2026", "40.00"],
        ["Total - Customer A : Branch North", None, None, None, None, "40.00"],  # row 6
        ["Total - Customer A", None, None, None, None, "140.00"],  # row 7: parent and branch
        ["Brown LLC"],
        [None, "Invoice", "06/03/2026", "INV3", "07/03/2026", "5.00"],
        ["Total - Brown LLC", None, None, None, None, "5.00"],
        ["Total", None, None, None, None, "145.00"],
    ]
    imported = import_file(csv_bytes(rows), "netsuite.csv", as_of=AS_OF)
    assert rows_of(imported, "customer_name") == [(3, "Customer A"), (5, "Customer A : Branch North"),
                                                  (9, "Brown LLC")]  # fmt: skip
    assert mismatches(imported) == [] and checked(imported) == [6, 7, 10, 11]


# =============================================================================================
# Silent losses
# =============================================================================================


def test_an_obvious_document_column_is_mapped() -> None:
    rows = [["Cliente", "Documento", "Scadenza", "Importo"], ["Rossi", "FT/2026/0112", "30/06/2026", "10,00"]]
    imported = import_file(csv_bytes(rows, delimiter=";"), "f.csv", as_of=AS_OF)
    assert rows_of(imported, "doc_number") == [(2, "FT/2026/0112")]


def test_a_document_column_found_by_a_hint_in_its_header() -> None:
    rows = [["Cliente", "Rif. doc. n°", "Scadenza", "Importo"], ["Rossi", "112/A", "30/06/2026", "10,00"]]
    imported = import_file(csv_bytes(rows, delimiter=";"), "f.csv", as_of=AS_OF)
    assert rows_of(imported, "doc_number") == [(2, "112/A")]
    assert codes(imported, "column_by_values") == [(1, "Rif. doc. n°", "info", "column_by_values")]


def test_no_document_numbers_is_a_warning() -> None:
    rows = [["Cliente", "Scadenza", "Importo"], ["Rossi", "30/06/2026", "10,00"]]
    imported = import_file(csv_bytes(rows, delimiter=";"), "f.csv", as_of=AS_OF)
    assert codes(imported, "no_doc_numbers") == [(1, None, "warning", "no_doc_numbers")]


def test_a_file_whose_every_row_is_rejected_fails_with_one_sentence() -> None:
    rows = [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Rossi", "1", "31/13/2026", "1,00"],
            ["Rossi", "2", "30/06/2026", "due euro"]]  # fmt: skip
    with pytest.raises(ImportFailed) as failure:
        import_file(xlsx(rows), "tutto_scartato.xlsx")
    assert failure.value.code == "no_items"
    assert (failure.value.params["rows"], failure.value.params["errors"], failure.value.params["first"]) == (2, 2, 2)
    assert str(failure.value) == (
        "No row of sheet Sheet1 of tutto_scartato.xlsx can be imported: 2 of its 2 document rows have errors "
        "(the first on row 2) and the others are closed."
    )


def test_a_file_with_nothing_open_fails_with_one_sentence() -> None:
    rows = [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Rossi", "1", "30/06/2026", "0,00"]]
    with pytest.raises(ImportFailed) as failure:
        import_file(xlsx(rows), "pagato.xlsx")
    assert failure.value.code == "nothing_open"


def test_the_command_line_exits_2_when_nothing_can_be_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scartato.xlsx"
    path.write_bytes(xlsx([["Cliente", "N. documento", "Data scadenza", "Residuo"], [None, "1", "30/06/2026", "1,00"]]))
    assert main(["summary", str(path), "--as-of", "2026-09-30"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "scartato.xlsx" in captured.err


def test_no_failure_text_speaks_of_the_page() -> None:
    for code, texts in FAILURES.items():
        for text in texts:
            assert "editor" not in text and "qui sotto" not in text and "below" not in text.replace("below it", ""), (
                code
            )


def test_address_and_pec_columns_reach_the_customer_profile() -> None:
    # Issue 12, point 7: a raccomandata needs the address, a formal demand by PEC its PEC address.
    from lib.actionlog import Log
    from lib.customers import profiles

    rows = [
        ["Codice", "Ragione sociale", "Sede legale", "PEC", "Numero", "Scadenza", "Residuo"],
        ["C001", "Rossi S.r.l.", "Via Po 1, 10100 Torino", "rossi@pec.example", "1/2026", "31/01/2026", "100,00"],
        ["C001", "Rossi S.r.l.", "Via Po 1, 10100 Torino", "rossi@pec.example", "2/2026", "28/02/2026", "50,00"],
        ["C002", "Bianchi", None, None, "3/2026", "31/03/2026", "10,00"],
    ]
    imported = import_file(xlsx(Sheet(rows, name="Scadenzario")), "f.xlsx")
    found = {p["customer_id"]: p for p in profiles(imported.items.lazy(), Log.empty()).collect().to_dicts()}
    assert (found["C001"]["address"], found["C001"]["pec"]) == ("Via Po 1, 10100 Torino", "rossi@pec.example")
    assert (found["C002"]["address"], found["C002"]["pec"]) == (None, None)
