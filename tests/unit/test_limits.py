"""Hostile files fail cleanly, before they expand (lib/ingest/limits.py), and money never wraps.

Each hostile file is built in memory in well under a second and is small on disk: a compressed
sheet of repeated rows, a CSV of one wide record, a cell reference far from the others.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib import i18n
from lib.ingest import ImportFailed, import_file, limits
from lib.ingest.values import MAX_AMOUNT_CENTS, MAX_WHOLE_DIGITS, money_cents

HEADER = "Cliente;Numero;Scadenza;Importo\n"


def csv_file(*rows: str) -> bytes:
    return (HEADER + "".join(f"{row}\n" for row in rows)).encode()


def failure(data: bytes, name: str) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        import_file(data, name)
    text = str(caught.value)
    assert name in text and "\n" not in text and text.endswith(".")
    return caught.value


def workbook_with_sheet(sheet_xml: bytes | list[bytes], repeat: int = 1) -> bytes:
    """A real openpyxl workbook whose sheet XML is replaced: `sheet_xml` (a list is head, body,
    tail, the body written `repeat` times, streamed into the zip so memory stays small)."""
    book = openpyxl.Workbook()
    book.active.title = "Scadenzario"
    template = io.BytesIO()
    book.save(template)
    source = zipfile.ZipFile(template)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item))
                continue
            head, body, tail = sheet_xml if isinstance(sheet_xml, list) else (b"", sheet_xml, b"")
            with target.open("xl/worksheets/sheet1.xml", "w") as stream:
                stream.write(head)
                block = body * 10_000
                for _ in range(repeat // 10_000):
                    stream.write(block)
                stream.write(body * (repeat % 10_000))
                stream.write(tail)
    return out.getvalue()


SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def sheet(cells: bytes, dimension: bytes = b"A1") -> bytes:
    return SHEET_HEAD + b'<dimension ref="' + dimension + b'"/><sheetData>' + cells + b"</sheetData></worksheet>"


# --- rows, columns, cells, memory -------------------------------------------------------------


def test_xlsx_of_three_million_repeated_rows_is_refused_before_it_is_loaded() -> None:
    row = b"<row><c><v>1</v></c><c><v>2</v></c></row>"
    data = workbook_with_sheet([SHEET_HEAD + b"<sheetData>", row, b"</sheetData></worksheet>"], repeat=3_000_000)
    assert len(data) < 2 * 2**20  # a small upload ...
    failed = failure(data, "bomb.xlsx")  # ... expanding to 3 million rows
    assert failed.code == "too_many_rows"
    assert failed.params["limit"] == limits.MAX_ROWS and failed.params["sheet"] == "Scadenzario"


def test_a_declared_dimension_over_the_limits_is_refused() -> None:
    data = workbook_with_sheet(sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>', dimension=b"A1:K3000000"))
    assert failure(data, "dim.xlsx").code == "too_many_rows"


@pytest.mark.parametrize(
    ("far_cell", "code"),
    [(b"ZZ30000", "too_many_columns"), (b"A2100000", "too_many_rows"), (b"SG2", "too_many_columns")],
)
def test_one_far_cell_with_a_lying_dimension_is_refused(far_cell: bytes, code: str) -> None:
    """calamine fills the rectangle from A1 to the farthest cell: two cells can need gigabytes."""
    row = "".join(ch for ch in far_cell.decode() if ch.isdigit()).encode()
    cells = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="' + row + b'"><c r="' + far_cell + b'"><v>2</v></c></row>'
    assert failure(workbook_with_sheet(sheet(cells)), "far.xlsx").code == code


@pytest.mark.parametrize("chunk", [61, 64, 97, 128, 1000])
def test_a_far_cell_after_text_split_across_chunks_is_refused(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """Small chunks put their edges everywhere, inside an accented character too (the fast test
    then cannot read the window as text and the exact reading runs)."""
    monkeypatch.setattr(limits, "_CHUNK", chunk)
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Caff\xc3\xa8 Citt\xc3\xa0</t></is></c></row>' % (n, n)
        for n in range(1, 40)
    )
    cells = rows + b'<row r="40"><c r="A40"><v>1</v></c><c r="AAB40"><v>2</v></c></row>'
    assert failure(workbook_with_sheet(sheet(cells)), "far.xlsx").code == "too_many_columns"


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=0, max_size=4),
    st.integers(min_value=0, max_value=10**9),
)
def test_the_fast_test_flags_every_reference_the_exact_one_would_read(letters: str, row: int) -> None:
    window = b'<row><c r="%s%d"><v>1</v></c></row>' % (letters.encode(), row)
    if limits._FAR.search(window):
        assert limits._maybe_far(window)


def test_a_window_split_inside_characters_or_not_text_is_still_tested() -> None:
    assert not limits._maybe_far(b'\xa8</t><c r="A1"><t>Caff\xc3\xa8</t></c><c r="RZ1999999"><t>Citt\xc3')
    assert limits._maybe_far(b'\xa8</t><c r="A1"><t>Caff\xc3\xa8</t></c><c r="SA1"><t>Citt\xc3')
    assert limits._maybe_far(b'<c r="A1"><t>\xff</t></c>')  # not UTF-8: the exact reading decides


def test_a_grid_that_would_need_too_much_memory_is_refused() -> None:
    rows = limits.MAX_MEMORY_MB * 2**20 // limits.BYTES_PER_CELL // 400 + 100
    data = workbook_with_sheet(sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>', dimension=f"A1:OJ{rows}".encode()))
    failed = failure(data, "wide.xlsx")
    assert failed.code == "too_much_memory"
    assert failed.params["size_mb"] > limits.MAX_MEMORY_MB and failed.params["columns"] == 400


ODS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><office:document-content'
    b' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    b'<office:body><office:spreadsheet><table:table table:name="Scadenze">'
)
ODS_TAIL = b"</table:table></office:spreadsheet></office:body></office:document-content>"


def ods(rows: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", ODS_HEAD + rows + ODS_TAIL)
    return out.getvalue()


def repeated(rows: int, columns: int) -> bytes:
    return (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated='
        f'"{columns}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        "</table:table-row>"
    ).encode()


@pytest.mark.parametrize(
    ("rows", "columns", "code"),
    [(3_000_000, 1, "too_many_rows"), (10, 16_384, "too_many_columns"), (60_000, 400, "too_much_memory")],
)
def test_ods_of_repeated_cells_is_refused_before_it_is_loaded(rows: int, columns: int, code: str) -> None:
    data = ods(repeated(rows, columns))
    assert len(data) < 2000
    assert failure(data, "repeated.ods").code == code


def test_ods_with_libreoffices_empty_repeats_after_the_data_imports() -> None:
    from tests.conftest import ROOT

    source = zipfile.ZipFile(ROOT / "tests" / "corpus" / "good" / "libreoffice_scadenzario.ods")
    empty = (
        b'<table:table-row table:number-rows-repeated="1048000">'
        b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "content.xml":
                content = content.replace(b"</table:table>", empty, 1)
            target.writestr(item, content)
    assert import_file(out.getvalue(), "libreoffice.ods").items.height > 0


def test_csv_of_twenty_thousand_columns_is_refused_at_its_first_record() -> None:
    line = ";".join(f"c{i}" for i in range(20_000)) + "\n"
    data = (line * 16).encode()
    assert len(data) > 2 * 10**6
    failed = failure(data, "wide.csv")
    assert failed.code == "too_many_columns" and failed.params["columns"] == 20_000


@pytest.mark.parametrize("length", [200_000, limits.MAX_CELL_CHARS + 1])
def test_csv_cell_over_the_limit_is_one_sentence(length: int) -> None:
    """Over the csv module's own field limit (a csv.Error today) and just over ours."""
    data = csv_file("Rossi;1;15/01/2026;100,00", f"Bianchi;2;15/01/2026;{'9' * length}")
    failed = failure(data, "long.csv")
    assert failed.code == "cell_too_long" and str(limits.MAX_CELL_CHARS) in str(failed)


def test_long_field_in_the_sniffed_lines_is_one_sentence_too() -> None:
    data = csv_file(f"Rossi;1;15/01/2026;{'x' * 200_000}")
    assert failure(data, "first.csv").code == "cell_too_long"


def test_csv_of_more_rows_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)  # the same check as at 2 million, fast
    data = csv_file(*(f"Rossi;{i};15/01/2026;100,00" for i in range(1200)))
    assert failure(data, "long.csv").code == "too_many_rows"


def test_html_table_with_a_huge_colspan_is_refused() -> None:
    data = (
        b"<html><table><tr><td>Cliente</td><td>Importo</td></tr>"
        b'<tr><td colspan="100000000">Rossi</td><td>1</td></tr></table></html>'
    )
    assert failure(data, "export.xls").code == "too_many_columns"


def test_limits_are_in_the_readme() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Import limits") :]
    for figure in ("2,000,000", "500", "32,767", "6,144 MB", "10,000,000,000,000", "1990", "10 years"):
        assert figure in section, figure
    assert limits.MAX_ROWS == 2_000_000 and limits.MAX_COLUMNS == 500 and limits.MAX_CELL_CHARS == 32_767
    assert limits.MAX_MEMORY_MB == 6144 and limits.DATE_YEARS_AHEAD == 10 and limits.EARLIEST_DATE.year == 1990


# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["92233720368547758,07", "9223372036854775807", "10000000000000", "1e17"])
def test_an_amount_over_the_maximum_is_an_issue_never_a_wrapped_total(amount: str) -> None:
    imported = import_file(csv_file("Rossi;1;15/01/2026;100,00", f"Bianchi;2;15/01/2026;{amount}"), "big.csv")
    assert imported.items["open_cents"].to_list() == [10000]
    issue = imported.report.issues.filter(pl.col("code") == "amount_too_large").row(0, named=True)
    assert (issue["sheet"], issue["row"], issue["column"], issue["severity"]) == ("big.csv", 3, "Importo", "error")
    assert amount in issue["message"]


def test_ninety_five_amounts_of_1e15_are_issues_not_a_negative_total() -> None:
    imported = import_file(
        csv_file("Rossi;0;15/01/2026;100,00", *(f"Bianchi;{i};15/01/2026;1000000000000000" for i in range(1, 96))),
        "many.csv",
    )
    assert imported.items["open_cents"].sum() == 10000
    assert (imported.report.issues["code"] == "amount_too_large").sum() == 95


def test_the_largest_amount_is_read_exactly() -> None:
    largest = "9" * MAX_WHOLE_DIGITS + ",99"
    imported = import_file(csv_file(f"Rossi;1;15/01/2026;{largest}", f"Bianchi;2;15/01/2026;-{largest}"), "edge.csv")
    assert sorted(imported.items["open_cents"].to_list()) == [-(MAX_AMOUNT_CENTS - 1), MAX_AMOUNT_CENTS - 1]


def test_amounts_adding_up_past_the_file_limit_are_refused() -> None:
    count = limits.MAX_TOTAL_CENTS // MAX_AMOUNT_CENTS + 1
    largest = "9" * MAX_WHOLE_DIGITS + ",99"
    data = csv_file(*(f"C{i};{i};15/01/2026;{largest}" for i in range(count)))
    failed = failure(data, "sum.csv")
    assert failed.code == "total_too_large"


def test_the_maximum_in_the_messages_is_the_constant() -> None:
    limit = f"{10**MAX_WHOLE_DIGITS:,}"
    italian, english = i18n.ISSUES["amount_too_large"]
    assert limit in english and limit.replace(",", ".") in italian
    assert pl.select(money_cents(pl.lit(limit.replace(",", "")), ",")).item() is None


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("due", ["15/01/0001", "31/12/9999", "31/12/1989", "01/01/2037"])
def test_implausible_due_dates_are_issues_naming_row_and_column(due: str) -> None:
    imported = import_file(csv_file("Rossi;1;15/01/2026;100,00", f"Bianchi;2;{due};200,00"), "dates.csv")
    assert imported.items["customer_name"].to_list() == ["Rossi"]
    issue = imported.report.issues.filter(pl.col("code") == "implausible_date").row(0, named=True)
    assert (issue["row"], issue["column"], issue["severity"], issue["value"]) == (3, "Scadenza", "error", due)


def test_dates_within_the_window_are_accepted() -> None:
    imported = import_file(csv_file("Rossi;1;02/01/1990;100,00", "Bianchi;2;20/11/2036;200,00"), "ok.csv")
    assert imported.items.height == 2
    assert "implausible_date" not in imported.report.issues["code"].to_list()


def test_an_implausible_document_date_is_a_warning_and_not_used() -> None:
    data = b"Cliente;Numero;Data documento;Scadenza;Importo\nRossi;1;01/01/0001;15/01/2026;100,00\n"
    imported = import_file(data, "doc.csv")
    assert imported.items["doc_date"].to_list() == [None]
    issue = imported.report.issues.filter(pl.col("code") == "implausible_date").row(0, named=True)
    assert (issue["column"], issue["severity"]) == ("Data documento", "warning")


@pytest.mark.parametrize(
    ("title", "as_of"), [("al 31/12/9999", None), ("al 01/01/0001", None), ("al 20/11/2026", "2026-11-20")]
)
def test_an_implausible_report_date_in_the_title_is_not_taken(title: str, as_of: str | None) -> None:
    data = f"Scadenzario clienti {title}\n\n{HEADER}Rossi;1;15/01/2026;100,00\nBianchi;2;15/01/2026;1,00\n".encode()
    found = import_file(data, "title.csv").report.as_of_in_file
    assert (found.isoformat() if found else None) == as_of
