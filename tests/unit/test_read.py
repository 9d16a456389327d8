"""Sniffing, csv encodings and delimiters, Excel row numbers, hidden sheets (lib/ingest/read.py)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import polars as pl
import pytest
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from lib.ingest import ImportFailed, import_file
from lib.ingest.read import decode, delimiter, read_sheets, sniff
from tests.corpus.make_bad_corpus import ods_bytes
from tests.unit.workbooks import Sheet, csv_bytes, xlsx

HEADER = ["Cliente", "N. documento", "Data scadenza", "Residuo"]
ROWS = [HEADER, ["Rossi Srl", "1", "31/07/2026", "1.220,00"], ["Bianchi SpA", "2", "31/08/2026", "500,00"]]


def failure(data: bytes, name: str = "file.xlsx", **kwargs: object) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        import_file(data, name, **kwargs)
    return caught.value


# --- sniffing --------------------------------------------------------------------------------


def test_sniff_reads_bytes_not_the_extension() -> None:
    assert sniff(xlsx(ROWS), "export.csv") == "xlsx"
    assert sniff(csv_bytes(ROWS), "export.xlsx") == "csv"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "export.xlsx") == "xls"


def test_sniff_reads_tab_separated_text_named_xls_as_csv() -> None:
    # SAP "unconverted" lists: text with a .xls name
    assert sniff(csv_bytes(ROWS, delimiter="\t"), "FBL5N.xls") == "csv"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.7\n...", "not_spreadsheet"),
        (b"\x89PNG\r\n\x1a\n....", "not_spreadsheet"),
        (b"<!DOCTYPE html><html><table></table></html>", "not_spreadsheet"),
        (b"\x00\x01\x02\x03binary", "not_spreadsheet"),
        (b"", "empty"),
        (b"   \r\n  ", "empty"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
            "unsupported_format",
        ),
    ],
)
def test_sniff_refuses_what_is_not_a_table(data: bytes, code: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        sniff(data, "file.xlsx")
    assert caught.value.code == code


def test_an_html_table_saved_as_xls_is_read_as_a_table() -> None:
    page = (
        b"<html><body><p>Export</p><table><tr><td colspan='3'>Scadenzario clienti al 30/09/2026</td></tr>"
        b"<tr><th>Cliente</th><th>Data scadenza</th><th>Residuo</th></tr>"
        b"<tr><td>Caff&egrave; Rossi<br>S.r.l.</td><td>31/07/2026</td><td>1.220,00</td></tr></table></body></html>"
    )
    assert sniff(page, "export.xls") == "html"
    grid = read_sheets(page, "html", "export.xls")[0].grid
    assert grid.drop("row").rows() == [
        ("Scadenzario clienti al 30/09/2026", None, None),
        ("Cliente", "Data scadenza", "Residuo"),
        ("Caffè Rossi S.r.l.", "31/07/2026", "1.220,00"),
    ]
    assert grid["row"].to_list() == [1, 2, 3]


def test_sniff_refuses_a_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFailed) as caught:
        sniff(buffer.getvalue(), "file.xlsx")
    assert caught.value.code == "not_spreadsheet"


def test_sniff_refuses_files_over_the_limit() -> None:
    with pytest.raises(ImportFailed) as caught:
        sniff(b"a;b\n" * 1000, "big.csv", max_bytes=1000)
    assert caught.value.code == "too_large"
    assert caught.value.params["limit_mb"] == 0


def test_import_file_passes_the_size_limit_on() -> None:
    assert failure(xlsx(ROWS), max_bytes=100).code == "too_large"


# --- csv: encodings and delimiters ------------------------------------------------------------


def test_decode_utf8_with_bom() -> None:
    assert decode("\ufeffContact,Società\r\n".encode()) == "Contact,Società\r\n"


def test_decode_windows_1252() -> None:
    assert decode("Ragione sociale;Società Caffè €\r\n".encode("cp1252")) == "Ragione sociale;Società Caffè €\r\n"


def test_decode_utf16_with_bom() -> None:
    assert decode("Cliente\tResiduo\r\n".encode("utf-16")) == "Cliente\tResiduo\r\n"


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_delimiter(sep: str) -> None:
    text = csv_bytes(ROWS, delimiter=sep).decode()
    assert delimiter(text, "f.csv") == sep


def test_delimiter_is_not_fooled_by_decimal_commas() -> None:
    text = "Cliente;Residuo;Importo\r\nRossi;1.220,00;1.220,00\r\nBianchi;500,50;600,00\r\n"
    assert delimiter(text, "f.csv") == ";"


def test_delimiter_refuses_prose() -> None:
    text = "Gentile cliente,\nle scriviamo per ricordarle il pagamento.\nCordiali saluti\nAmministrazione\n"
    with pytest.raises(ImportFailed) as caught:
        delimiter(text, "lettera.txt")
    assert caught.value.code == "not_spreadsheet"


def test_italian_csv_in_windows_1252_with_semicolons() -> None:
    rows = [
        ["Scadenzario clienti al 30/09/2026"],
        ["Cod. cliente", "Ragione sociale", "N. documento", "Data scadenza", "Residuo"],
        ["C001", "Società Caffè S.r.l.", "00125", "31/07/2026", "1.220,50"],
        ["C002", "Perù Import", "7", "15/08/2026", "-200,00"],
    ]
    imported = import_file(csv_bytes(rows, delimiter=";", encoding="cp1252"), "scadenzario.csv")
    items = imported.items.sort("source_row")
    assert items["customer_name"].to_list() == ["Società Caffè S.r.l.", "Perù Import"]
    assert items["doc_number"].to_list() == ["00125", "7"]
    assert items["open_cents"].to_list() == [122050, -20000]
    assert items["source_row"].to_list() == [3, 4]
    assert imported.report.kind == "csv"
    assert imported.report.sheet == "scadenzario.csv"


def test_utf8_bom_csv_with_commas_and_newlines_in_quoted_names() -> None:
    # Xero: UTF-8 with BOM; a contact name holds a comma and a line break
    rows = [
        ["Contact", "Invoice Number", "Due Date", "Open Balance"],
        ["Alvarez, Dana\nBranch 2", "INV-1", "2026-07-31", "1,284.50"],
        ["Brown LLC", "INV-2", "2026-08-31", "500.00"],
    ]
    data = b"\xef\xbb\xbf" + csv_bytes(rows)
    imported = import_file(data, "xero.csv")
    assert imported.report.headers[0] == "Contact"  # the BOM is not part of the first label
    items = imported.items.sort("source_row")
    assert items["customer_name"].to_list() == ["Alvarez, Dana\nBranch 2", "Brown LLC"]
    assert items["open_cents"].to_list() == [128450, 50000]
    # the quoted name spans lines 2-3 of the file: the next record starts on line 4
    assert items["source_row"].to_list() == [2, 4]


def test_csv_blank_lines_keep_line_numbers() -> None:
    data = (
        b"Report\r\n\r\n\r\nCliente,N. documento,Data scadenza,Residuo\r\n\r\nRossi,1,31/07/2026,abc\r\n"
        b"\r\nRossi,2,31/08/2026,1.00\r\n"
    )
    imported = import_file(data, "f.csv")
    assert imported.report.header_row == 4
    bad = imported.report.issues.filter(code="bad_amount")
    assert bad.select("row", "column", "value").rows() == [(6, "Residuo", "abc")]


def test_csv_keeps_leading_zeros() -> None:
    rows = [
        ["Cod. cliente", "Ragione sociale", "Partita IVA", "N. documento", "Data scadenza", "Residuo"],
        ["00012", "Rossi Srl", "01234567890", "00085001", "31/07/2026", "10,00"],
    ]
    item = import_file(csv_bytes(rows), "f.csv").items.row(0, named=True)
    assert (item["customer_id"], item["vat_id"], item["doc_number"]) == ("00012", "01234567890", "00085001")


# --- xlsx: Excel row numbers ------------------------------------------------------------------


def test_row_numbers_after_leading_blank_rows() -> None:
    grid = read_sheets(xlsx(Sheet(ROWS, first_row=5)), "xlsx", "f.xlsx")[0].grid
    assert grid["row"].to_list() == [5, 6, 7]
    assert grid.row(0)[1:] == tuple(HEADER)


def test_row_numbers_of_a_table_starting_at_c3() -> None:
    grid = read_sheets(xlsx(Sheet(ROWS, first_row=3, first_column=3)), "xlsx", "f.xlsx")[0].grid
    assert grid["row"].to_list() == [3, 4, 5]
    assert grid.row(0)[1:] == tuple(HEADER)


def test_row_numbers_with_merged_title_cells_and_blank_rows_inside() -> None:
    rows = [["Scadenzario clienti al 30/09/2026"], [], ["ACME S.R.L."], [], *ROWS[:2], [], ROWS[2]]
    grid = read_sheets(xlsx(Sheet(rows, first_row=2, merged=("A2:D2", "A4:D4"))), "xlsx", "f.xlsx")[0].grid
    assert grid["row"].to_list() == list(range(2, 10))
    assert grid.filter(grid["c0"] == "Bianchi SpA")["row"].item() == 9


def test_styled_empty_cells_above_the_data_do_not_shift_rows() -> None:
    book = Workbook()
    ws = book.active
    ws["A1"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["B2"].font = Font(bold=True)
    for r, row in enumerate(ROWS, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    grid = read_sheets(buffer.getvalue(), "xlsx", "f.xlsx")[0].grid
    assert grid["row"].to_list() == [4, 5, 6]


def test_issue_rows_after_leading_blank_rows_and_merged_title() -> None:
    rows = [["Scadenzario clienti al 30/09/2026"], [], HEADER, ["Rossi Srl", "1", "31/07/2026", "1.220,00"],
            ["Bianchi SpA", "2", "31/02/2026", "500,00"], ["Verdi Snc", "3", "31/08/2026", "cinquanta"]]  # fmt: skip
    imported = import_file(xlsx(Sheet(rows, first_row=3, merged=("A3:D3",))), "f.xlsx")
    assert imported.report.header_row == 5
    issues = imported.report.issues.filter(severity="error")
    assert issues.select("sheet", "row", "column", "code").rows() == [
        ("Sheet1", 7, "Data scadenza", "bad_date"),
        ("Sheet1", 8, "Residuo", "bad_amount"),
    ]
    assert imported.items["source_row"].to_list() == [6]


def test_cells_are_text_and_whitespace_only_cells_are_empty() -> None:
    rows = [["a", "b", "c", "d"], ["00085001", "  ", " x\u00a0", 1284.5]]
    grid = read_sheets(xlsx(rows), "xlsx", "f.xlsx")[0].grid
    assert grid.row(1) == (2, "00085001", None, "x", "1284.5")
    assert set(grid.drop("row").dtypes) == {pl.String}


# --- sheets ----------------------------------------------------------------------------------


def test_hidden_sheets_are_not_read() -> None:
    data = xlsx(Sheet([["Note"]], name="Note"), Sheet(ROWS, name="Meta", hidden=True), Sheet(ROWS, name="Scadenze"))
    assert [s.name for s in read_sheets(data, "xlsx", "f.xlsx")] == ["Note", "Scadenze"]


def test_sheet_names_with_trailing_spaces_are_kept() -> None:
    data = xlsx(Sheet(ROWS, name="AR Aging Detail "))
    assert [s.name for s in read_sheets(data, "xlsx", "f.xlsx")] == ["AR Aging Detail "]
    assert import_file(data, "f.xlsx", sheet="AR Aging Detail").report.sheet == "AR Aging Detail "


def test_row_numbers_on_a_later_sheet() -> None:
    data = xlsx(Sheet([["Tips"], [], ["Export to Excel"]], name="Tips"), Sheet(ROWS, name="Data", first_row=6))
    grids = {s.name: s.grid for s in read_sheets(data, "xlsx", "f.xlsx")}
    assert grids["Tips"]["row"].to_list() == [1, 2, 3]
    assert grids["Data"]["row"].to_list() == [6, 7, 8]


def test_an_empty_workbook_is_refused() -> None:
    assert failure(xlsx(Sheet([], name="Foglio1"))).code == "empty"


# --- every workbook format, with the rows Excel shows ----------------------------------------

GOOD = Path(__file__).parents[1] / "corpus" / "good"


@pytest.mark.parametrize(("name", "rows"), [("scadenzario_legacy.xls", 2), ("scadenzario_legacy_large.xls", 399)])
def test_legacy_xls_rows_are_the_rows_excel_shows(name: str, rows: int) -> None:
    """Title on row 3 after two blank rows, header on row 5: calamine starts at row 3."""
    imported = import_file((GOOD / name).read_bytes(), name)
    report = imported.report
    assert (report.kind, report.header_row, report.as_of) == ("xls", 5, dt.date(2026, 11, 20))
    assert imported.items.height == rows
    first = imported.items.filter(pl.col("doc_number") == "0012").row(0, named=True)
    assert (first["source_row"], first["open_cents"], first["due_date"]) == (6, 122000, dt.date(2026, 9, 30))
    assert report.issues.select("row", "column", "code", "value").to_dicts() == [
        {"row": 8, "column": "Data scadenza", "code": "bad_date", "value": "31/13/2026"}
    ]


def test_xlsm_reads_like_xlsx() -> None:
    data = xlsx(Sheet([["Scadenzario clienti al 20/11/2026"], [], *ROWS], first_row=2))
    archive = zipfile.ZipFile(io.BytesIO(data))
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as out:
        for item in archive.infolist():
            content = archive.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
            out.writestr(item, content)
    imported = import_file(macro.getvalue(), "macro.xlsm")
    assert imported.report.header_row == 4
    assert sorted(imported.items["source_row"]) == [5, 6]
    assert imported.items["open_cents"].sum() == 172000


def test_ods_rows_and_typed_cells() -> None:
    rows = [
        ["Scadenzario clienti al 20/11/2026"],
        [None],
        ["Cliente", "N. documento", "Data scadenza", "Residuo"],
        ["Rossi Srl", "0001", dt.date(2026, 7, 31), 1220.0],
        ["Bianchi SpA", "0002", "31/02/2026", 500.5],
    ]
    imported = import_file(ods_bytes("Scadenzario", rows, width=4), "scad.ods")
    report = imported.report
    assert (report.kind, report.header_row, report.as_of) == ("ods", 3, dt.date(2026, 11, 20))
    assert imported.items.select("doc_number", "due_date", "open_cents", "source_row").to_dicts() == [
        {"doc_number": "0001", "due_date": dt.date(2026, 7, 31), "open_cents": 122000, "source_row": 4}
    ]
    assert report.issues.select("row", "code", "value").to_dicts() == [
        {"row": 5, "code": "bad_date", "value": "31/02/2026"}
    ]


def test_formulas_without_a_saved_value_are_named_by_cell() -> None:
    """QuickBooks writes amounts as formulas; never recalculated, they read as empty."""
    rows = [
        ["Acme"], ["A/R Aging Detail"], ["As of September 25, 2026"], [],
        [None, "Date", "Num", "Customer", "Due date", "Amount", "Open balance"],
        [None, "09/01/2026", "1001", "Rossi", "09/30/2026", "=1284.5", "=F6"],
        [None, "09/02/2026", "1002", "Bianchi", "10/15/2026", 200, 200],
    ]  # fmt: skip
    imported = import_file(xlsx(rows), "qbo.xlsx")
    report = imported.report
    assert report.counts["unsaved_formulas"] == 2
    assert report.issues.select("row", "column", "severity", "code").rows() == [
        (6, "F", "warning", "formula_without_value"),
        (6, "G", "warning", "formula_without_value"),
        (6, "Open balance", "error", "missing_amount"),
    ]
    assert imported.items["customer_name"].to_list() == ["Bianchi"]


def test_formulas_with_saved_values_are_read() -> None:
    """The real QuickBooks workbooks were saved by Excel: every formula has its value."""
    from tests.conftest import ROOT

    data = (ROOT / "tests" / "corpus" / "bad" / "balance_sheet_qbo.xlsx").read_bytes()
    sheets = read_sheets(data, "xlsx", "qbo.xlsx")
    assert [s.unsaved_formulas for s in sheets] == [(), ()]
    assert sheets[0].grid.height > 10
