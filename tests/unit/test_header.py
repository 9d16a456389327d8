"""Header detection, synonyms, bucket labels and the as-of date (lib/ingest/header.py)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.ingest import import_file
from lib.ingest.header import bucket_ranges, field_for, find_as_of, find_header, map_labels
from lib.ingest.read import read_sheets
from tests.unit.workbooks import Rows, Sheet, xlsx

ITALIAN_HEADER = ["Cod. cliente", "Ragione sociale", "Data scadenza", "Residuo"]


def grid(sheet: Sheet | Rows) -> pl.DataFrame:
    """The text grid the importer would read from these rows (through a real xlsx)."""
    return read_sheets(xlsx(sheet), "xlsx", "test.xlsx")[0].grid


def labels(*texts: str) -> dict[str, str]:
    return {f"c{i}": text for i, text in enumerate(texts)}


# --- header row ------------------------------------------------------------------------------


def test_header_on_the_first_row() -> None:
    header = find_header(grid([ITALIAN_HEADER, ["C1", "Rossi", "31/07/2026", "1,00"]]))
    assert header is not None
    assert (header.index, header.row) == (0, 1)
    assert header.fields == {"customer_id": "c0", "customer_name": "c1", "due_date": "c2", "open": "c3"}


def test_header_below_title_rows_and_merged_cells() -> None:
    rows = [
        ["Acme Srl"],
        ["A/R Aging Detail"],
        ["As of September 25, 2026"],
        [],
        [None, "Date", "Transaction type", "Num", "Customer full name", "Due date", "Amount", "Open balance"],
        [None, "05/12/2026", "Invoice", "1041", "Alvarez, Dana", "06/11/2026", 1284.5, 1284.5],
    ]
    header = find_header(grid(Sheet(rows, merged=("A1:H1", "A2:H2", "A3:H3"))))
    assert header is not None
    assert header.row == 5
    assert header.labels == {
        "c1": "Date", "c2": "Transaction type", "c3": "Num", "c4": "Customer full name", "c5": "Due date",
        "c6": "Amount", "c7": "Open balance",
    }  # fmt: skip
    assert "c0" not in header.labels  # the unnamed column A is never mapped


def test_header_after_leading_blank_rows_keeps_its_excel_row() -> None:
    header = find_header(grid(Sheet([["Scadenzario clienti"], [], ITALIAN_HEADER], first_row=4)))
    assert header is not None
    assert header.row == 6


def test_header_on_row_30_after_29_title_rows() -> None:
    rows: list[list[str | None]] = [[f"Filtro {i}: tutti"] for i in range(29)]
    header = find_header(grid([*rows, ITALIAN_HEADER, ["C1", "Rossi", "31/07/2026", "1,00"]]))
    assert header is not None
    assert header.row == 30


def test_no_header_in_a_sheet_of_notes() -> None:
    assert find_header(grid([["QuickBooks Desktop Export Tips"], ["Use Excel to sort and filter."]])) is None


def test_the_best_scoring_row_wins_over_a_title_that_names_one_field() -> None:
    rows = [["Cliente"], ["Data"], [], ["Cliente", "N. documento", "Data documento", "Data scadenza", "Importo"]]
    header = find_header(grid(rows))
    assert header is not None
    assert header.row == 4


def test_total_next_to_bucket_columns_is_the_open_amount() -> None:
    # Xero detail: `Total` is the only amount column, next to the bucket columns
    header = find_header(
        grid([["Invoice Date", "Due Date", "Invoice Number", "< 1 Month", "1 Month", "Older", None, "Total"]])
    )
    assert header is not None
    assert header.fields["open"] == "c7"


def test_total_does_not_override_a_named_amount_column() -> None:
    header = find_header(grid([["Partner", "Saldo", "Attuale", "Età ≤ 30 g.", "Più vecchio", "Totale"]]))
    assert header is not None
    assert header.fields["open"] == "c1"


# --- synonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        # Italian
        ("Cod. cliente", "customer_id"),
        ("Codice cliente", "customer_id"),
        ("Ragione sociale", "customer_name"),
        ("Rag. soc.", "customer_name"),
        ("Cliente", "customer_name"),
        ("Partner", "customer_name"),
        ("Partita IVA", "vat_id"),
        ("P.IVA", "vat_id"),
        ("Codice fiscale", "vat_id"),
        ("Tipo doc.", "doc_type"),
        ("Documento - Sigla", "doc_type"),
        ("N. documento", "doc_number"),
        ("Documento - Numero", "doc_number"),
        ("Numero fattura", "doc_number"),
        ("Data documento", "doc_date"),
        ("Documento - Data", "doc_date"),
        ("Data fattura", "doc_date"),
        ("Data scadenza", "due_date"),
        ("Scadenza", "due_date"),
        ("Data scad.", "due_date"),
        ("Importo", "amount"),
        ("Residuo", "open"),
        ("Importi in UdC - Residuo", "open"),
        ("Saldo", "open"),
        ("Pagato", "paid"),
        ("Valuta", "currency"),
        ("Divisa", "currency"),
        ("Tipo pagamento", "payment_method"),
        # English (QuickBooks, Xero, SAP, Business Central)
        ("Customer", "customer_name"),
        ("Customer full name", "customer_name"),
        ("Contact", "customer_name"),
        ("Name", "customer_name"),
        ("Account", "customer_id"),
        ("Contact Account Number", "customer_id"),
        ("Transaction type", "doc_type"),
        ("Document Type", "doc_type"),
        ("Num", "doc_number"),
        ("Invoice Number", "doc_number"),
        ("Document Number", "doc_number"),
        ("Date", "doc_date"),
        ("Invoice Date", "doc_date"),
        ("Document Date", "doc_date"),
        ("Due date", "due_date"),
        ("Due Date", "due_date"),
        ("Net due date", "due_date"),
        ("Amount", "amount"),
        ("Original Amount", "amount"),
        ("Open balance", "open"),
        ("Open Balance", "open"),
        ("Remaining Amount", "open"),
        ("Amount in local currency", "open"),
        ("Currency", "currency"),
        ("Local Currency", "currency"),
        ("Terms", "payment_method"),
    ],
)
def test_synonym(label: str, field: str) -> None:
    found = field_for(label)
    assert found is not None
    assert found[0] == field


@pytest.mark.parametrize(
    "label",
    ["Giorni scaduto al 30/09/2026", "Età ≤ 30 g.", "Aging", "Location full name", "Foo", "Arrears after net due date"],
)
def test_labels_that_name_no_field(label: str) -> None:
    assert field_for(label) is None


def test_more_specific_synonym_wins_when_two_labels_claim_a_field() -> None:
    # `Data documento` and `Data` both mean doc_date; `Data scadenza` beats `Scadenza`
    assert map_labels(labels("Data", "Data documento", "Scadenza", "Data scadenza")) == {
        "doc_date": "c1",
        "due_date": "c3",
    }


def test_map_labels_maps_each_label_once() -> None:
    mapped = map_labels(labels("Cod. cliente", "Ragione sociale", "Importo", "Pagato", "Residuo", "Note interne"))
    assert mapped == {"customer_id": "c0", "customer_name": "c1", "amount": "c2", "paid": "c3", "open": "c4"}


# --- bucket labels ---------------------------------------------------------------------------


def ranges(*texts: str) -> list[tuple[str, int, int | None]]:
    return [(b.label, b.low, b.high) for b in bucket_ranges(labels(*texts))]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (  # QuickBooks Online summary
            ("Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, None)],
        ),
        (  # QuickBooks Online detail section labels
            ("Current", "1 - 30 days past due", "31 - 60 days past due", "91 or more days past due"),
            [(0, 0), (1, 30), (31, 60), (91, None)],
        ),
        (  # QuickBooks Desktop
            ("Current", "1 - 30", "31 - 60", "61 - 90", "> 90", "TOTAL"),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, None)],
        ),
        (  # Odoo OCA in Italian
            ("Attuale", "Età ≤ 30 g.", "Età ≤ 60 g.", "Età ≤ 90 g.", "Età ≤ 120 g.", "Più vecchio"),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, 120), (121, None)],
        ),
        (  # Xero by month
            ("Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older", "Total"),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, 120), (121, None)],
        ),
        (  # Odoo Enterprise
            ("At Date", "1-30", "31-60", "61-90", "91-120", "Older"),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, 120), (121, None)],
        ),
        (  # NetSuite
            ("Current", "1 - 30", "31 - 60", "61 - 90", "Over 90"),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, None)],
        ),
    ],
)
def test_bucket_labels(texts: tuple[str, ...], expected: list[tuple[int, int | None]]) -> None:
    found = ranges(*texts)
    assert [(low, high) for _, low, high in found] == expected
    assert [label for label, _, _ in found] == [t for t in texts if t.lower() != "total"]


def test_current_bucket_is_flagged() -> None:
    buckets = bucket_ranges(labels("Current", "1 - 30"))
    assert [b.current for b in buckets] == [True, False]


def test_one_bucket_like_label_does_not_make_a_bucket_report() -> None:
    assert ranges("Cliente", "Current", "Residuo") == []
    assert ranges("Giorni scaduto al 30/09/2026", "Residuo") == []


# --- as-of date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["Scadenzario clienti al 20/11/2026"]], dt.date(2026, 11, 20)),
        ([["Acme Srl"], ["A/R Aging Detail"], ["As of September 25, 2026"]], dt.date(2026, 9, 25)),
        ([["Aged Receivables Summary"], ["Demo Company (UK)"], ["As at 31 March 2026"]], dt.date(2026, 3, 31)),
        ([["Scadenza", "Residuo", "Giorni scaduto al 30/09/2026"]], dt.date(2026, 9, 30)),  # inside a header
        ([["Filtro alla data", "30/09/2026"]], dt.date(2026, 9, 30)),  # label, date in the next cell
        ([["Filtro alla data", "Filtro registrazioni", "30/09/2026"]], dt.date(2026, 9, 30)),  # a later cell
        ([["Date at filter", "2026-09-30"]], dt.date(2026, 9, 30)),
        ([["Situazione al 31-dic-2025"]], dt.date(2025, 12, 31)),
        ([["Aggiornato al 05/03/2026"]], dt.date(2026, 3, 5)),
    ],
)
def test_as_of_found_in_titles_and_headers(rows: list[list[str]], expected: dt.date) -> None:
    assert find_as_of(rows, "dmy") == expected


def test_as_of_in_month_first_file() -> None:
    assert find_as_of([["As of 09/05/2026"]], "mdy") == dt.date(2026, 9, 5)
    assert find_as_of([["As of 09/05/2026"]], "dmy") == dt.date(2026, 5, 9)
    # a date that reads only one way is read that way whatever the file's order
    assert find_as_of([["As of 09/25/2026"]], "dmy") == dt.date(2026, 9, 25)


@pytest.mark.parametrize("rows", [[["A/R Aging Detail"]], [["Filtro alla data"]], [["Totale 30/09"]], []])
def test_no_as_of(rows: list[list[str]]) -> None:
    assert find_as_of(rows, "dmy") is None


# --- the as-of date through a whole import ----------------------------------------------------

DETAIL = [["Cliente", "N. documento", "Data scadenza", "Residuo"], ["Rossi Srl", "1", "31/07/2026", "100,00"]]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (["Scadenzario clienti al 20/11/2026"], dt.date(2026, 11, 20)),
        (["As of September 25, 2026"], dt.date(2026, 9, 25)),
        (["As at 31 March 2026"], dt.date(2026, 3, 31)),
        ([None, "Filtro alla data", None, "30/09/2026"], dt.date(2026, 9, 30)),
    ],
)
def test_import_reads_as_of_from_the_title(title: list[str | None], expected: dt.date) -> None:
    report = import_file(xlsx([title, [], *DETAIL]), "s.xlsx").report
    assert (report.as_of, report.as_of_source, report.as_of_in_file) == (expected, "file", expected)


def test_import_reads_as_of_from_a_header_label() -> None:
    rows = [[*DETAIL[0], "Giorni scaduto al 30/09/2026"], [*DETAIL[1], 61]]
    report = import_file(xlsx(rows), "s.xlsx").report
    assert (report.as_of, report.as_of_source) == (dt.date(2026, 9, 30), "file")
    assert "Giorni scaduto al 30/09/2026" not in report.mapping.values()


def test_user_as_of_overrides_the_file() -> None:
    report = import_file(
        xlsx([["Scadenzario clienti al 20/11/2026"], *DETAIL]), "s.xlsx", as_of=dt.date(2026, 12, 1)
    ).report
    assert (report.as_of, report.as_of_source, report.as_of_in_file) == (
        dt.date(2026, 12, 1),
        "user",
        dt.date(2026, 11, 20),
    )


def test_as_of_given_by_the_user_when_the_file_has_none() -> None:
    report = import_file(xlsx(DETAIL), "s.xlsx", as_of=dt.date(2026, 12, 1)).report
    assert (report.as_of, report.as_of_source, report.as_of_in_file) == (dt.date(2026, 12, 1), "user", None)


def test_no_as_of_anywhere() -> None:
    report = import_file(xlsx(DETAIL), "s.xlsx").report
    assert (report.as_of, report.as_of_source, report.as_of_in_file) == (None, "none", None)
