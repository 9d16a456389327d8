"""lib/letters/output.py: a table's total never stands alone at the top of a page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lib.letters.output import FONTS, _Pdf, _pdf_table
from lib.letters.tables import Table


def _pages(rows: int, start_y: float) -> list[str]:
    """The text of each page after drawing a table of `rows` documents and a total from `start_y`."""
    pdf = _Pdf(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    pdf.cell(0, 5, "Letter body", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(start_y)
    body = tuple((f"FT-{i:03d}", f"{i},00 EUR") for i in range(1, rows + 1))
    _pdf_table(pdf, Table(("Documento", "Importo"), body, (False, True), (("Totale", "999,00 EUR"),)))
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    return [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("start_y", [200.0, 240.0, 262.0, 270.0])
def test_a_short_table_moves_whole_rather_than_leave_its_total_behind(start_y: float) -> None:
    pages = _pages(5, start_y)
    holding = [i for i, text in enumerate(pages) if "Totale" in text]
    assert len(holding) == 1
    page = pages[holding[0]]
    assert "Documento" in page and "FT-001" in page and "FT-005" in page  # the whole table with its total


def test_a_long_table_keeps_its_last_rows_with_the_total() -> None:
    pages = _pages(80, 60.0)
    last = next(text for text in pages if "Totale" in text)
    assert "FT-080" in last and "FT-079" in last
    assert all("Totale" not in text for text in pages if text is not last)
