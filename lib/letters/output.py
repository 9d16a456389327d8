"""A letter out of Sollecito: plain text for an e-mail, a PDF drawn with fpdf2 and the bundled
DejaVu font (`assets/fonts`, so nothing depends on system fonts), safe file names, and a zip of
many letters."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from lib.letters.composing import Letter
from lib.letters.tables import Table

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"


def to_text(letter: Letter) -> str:
    """The plain text for an e-mail: the subject line, a blank line, the body."""
    return f"{letter.subject}\n\n{letter.body}\n"


class _Pdf(FPDF):
    first_page = 1  # a batch's letter numbers its own pages, from the page it starts on
    batch = False

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7.5)
        self.set_text_color(110)
        page = self.page_no() - self.first_page + 1
        self.cell(0, 5, str(page) if self.batch else f"{page}/{{nb}}", align="R")


_FONT = 10
_TABLE_FONT = 8.5
_LINE = 5.0
# Where the addressee shows through the window of an Italian DL envelope (110 × 220 mm, window on
# the right): x, y, width, height in mm on the A4 page folded in three.
WINDOW = (110.0, 50.0, 90.0, 40.0)


def _new_pdf(title: str, author: str, lang: str, on: dt.date) -> _Pdf:
    pdf = _Pdf(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_lang(lang)
    pdf.set_creation_date(dt.datetime.combine(on, dt.time(), tzinfo=dt.UTC))
    return pdf


def to_pdf(letter: Letter) -> bytes:
    """The letter on A4 with the bundled DejaVu Sans: letterhead, addressee, date, subject, body."""
    pdf = _new_pdf(letter.email_subject, letter.letterhead[0] if letter.letterhead else "", letter.lang, letter.on)
    _draw(pdf, letter, window=False)
    return bytes(pdf.output())


def print_batch(letters: Sequence[Letter], title: str) -> bytes:
    """The letters as ONE PDF to print and post: each from a new page (its pages numbered on their
    own), its addressee in the window of a DL envelope (WINDOW). Empty bytes for no letters."""
    if not letters:
        return b""
    first = letters[0]
    pdf = _new_pdf(title, first.letterhead[0] if first.letterhead else "", first.lang, first.on)
    pdf.batch = True
    for letter in letters:
        _draw(pdf, letter, window=True)
    return bytes(pdf.output())


def _draw(pdf: _Pdf, letter: Letter, *, window: bool) -> None:
    pdf.add_page()
    pdf.first_page = pdf.page_no()

    name, *details = letter.letterhead or ("",)
    # in a window envelope the letterhead stays left of the window, wrapping, however long it is
    head = WINDOW[0] - 5 - pdf.l_margin if window else 0
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(head, 7, name, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=8.5)
    pdf.set_text_color(80)
    for line in details:
        pdf.multi_cell(head, 4.2, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(10)

    pdf.set_font("DejaVu", size=_FONT)
    below_head = pdf.get_y()
    left, top, width, height = WINDOW if window else (115.0, below_head, 75.0, 0.0)
    if window:  # whatever the letterhead's length, the address is where the window is
        pdf.set_y(top + 2)
    for i, line in enumerate(letter.addressee):
        pdf.set_x(left + 3 if window else left)
        pdf.set_font("DejaVu", "B" if i == 1 else "", _FONT)
        pdf.multi_cell(width - 6 if window else width, _LINE, line, align="L", new_x="LMARGIN", new_y="NEXT")
    if window:
        pdf.set_y(max(pdf.get_y(), top + height, below_head))
    pdf.ln(8)
    pdf.set_font("DejaVu", size=_FONT)
    pdf.cell(0, _LINE, letter.dateline, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", _FONT)
    pdf.multi_cell(0, _LINE, letter.subject, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    for block in letter.blocks:
        if isinstance(block, Table):
            _pdf_table(pdf, block)
        else:
            pdf.set_font("DejaVu", size=_FONT)
            pdf.multi_cell(0, _LINE, block, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)


def _pdf_table(pdf: FPDF, table: Table) -> None:
    """Columns as wide as their longest cell (headers may wrap between words), scaled to the page."""
    pad = 1.2
    pdf.set_font("DejaVu", "B", _TABLE_FONT)
    heads = [max((pdf.get_string_width(w) for w in h.split()), default=0) for h in table.headers] or [0] * len(
        table.numeric
    )
    bold = [max((pdf.get_string_width(row[i]) for row in table.footer), default=0) for i in range(len(heads))]
    pdf.set_font("DejaVu", size=_TABLE_FONT)
    body = [max((pdf.get_string_width(row[i]) for row in table.rows), default=0) for i in range(len(heads))]
    natural = [max(parts) + 2 * pad + 1 for parts in zip(heads, bold, body, strict=True)]
    width = pdf.epw if sum(natural) > 0.6 * pdf.epw else sum(natural) * 1.2
    styles = {
        "col_widths": natural,
        "width": width,
        "text_align": tuple("RIGHT" if n else "LEFT" for n in table.numeric),
    }
    rows = [*([table.headers] if table.headers else []), *table.rows]
    # The total never stands alone on a page: a table that fits on one page moves whole to the
    # next one when it does not fit here; a longer one keeps its last rows with the total.
    whole = (len(rows) + len(table.footer)) * (4.6 + 1.6) < 0.8 * pdf.eph
    kept = len(rows) if whole or not table.footer else min(len(table.rows), _KEPT_WITH_TOTAL)
    if len(rows) > kept:
        _grid(pdf, rows[: len(rows) - kept], (), bool(table.headers), styles)
    tail = (rows[len(rows) - kept :], table.footer, bool(table.headers) and kept == len(rows), styles)
    with pdf.offset_rendering() as trial:  # drawn, measured, rolled back
        _grid(pdf, *tail)
    if trial.page_break_triggered:
        pdf.add_page()
    _grid(pdf, *tail)


_KEPT_WITH_TOTAL = 2  # body rows that go with the total to the next page in a long table


def _grid(
    pdf: FPDF, rows: Sequence[Sequence[str]], footer: Sequence[Sequence[str]], headings: bool, styles: dict[str, Any]
) -> None:
    """Rows (the first as headings when `headings`) then bold `footer` rows, in one fpdf2 table."""
    with pdf.table(
        first_row_as_headings=headings,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        borders_layout="HORIZONTAL_LINES",
        line_height=4.6,
        padding=(0.8, 1.2),
        align="LEFT",
        **styles,
    ) as grid:
        for cells in rows:
            row = grid.row()
            for cell in cells:
                row.cell(cell)
        for cells in footer:
            row = grid.row()
            for cell in cells:
                row.cell(cell, style=FontFace(emphasis="BOLD"))


def file_stem(letter: Letter, with_currency: bool = False) -> str:
    """`2026-11-23_C001_formal_demand`: the date, a safe form of the customer code, the kind."""
    plain = unicodedata.normalize("NFKD", letter.customer_id).encode("ascii", "ignore").decode()
    code = re.sub(r"[^A-Za-z0-9-]+", "_", plain).strip("_-")[:40] or "customer"
    currency = f"_{re.sub(r'[^A-Za-z0-9]+', '', letter.currency)}" if with_currency else ""
    return f"{letter.on.isoformat()}_{code}{currency}_{letter.kind}"


def zip_letters(letters: Sequence[Letter]) -> bytes:
    """A zip with `<stem>.pdf` and `<stem>.txt` for each letter (the currency added when a customer
    has letters in several; `-2`, `-3`… for what still collides)."""
    stems = [file_stem(letter) for letter in letters]
    stems = [file_stem(lt, True) if stems.count(s) > 1 else s for lt, s in zip(letters, stems, strict=True)]
    seen: dict[str, int] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter, stem in zip(letters, stems, strict=True):
            seen[stem] = seen.get(stem, 0) + 1
            unique = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
            stamp = (letter.on.year, letter.on.month, letter.on.day, 0, 0, 0)
            for name, data in ((f"{unique}.pdf", to_pdf(letter)), (f"{unique}.txt", to_text(letter).encode())):
                archive.writestr(zipfile.ZipInfo(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
