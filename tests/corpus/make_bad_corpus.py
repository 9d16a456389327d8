"""Build the bad-input corpus: files the importer must refuse with one clear sentence.

Every file in `tests/corpus/bad/` is made here, from code, so a reviewer can read how it was
built and what is wrong with it. The script also writes `bad/expected.toml` (file name to the
error code the importer must give) and `README.md` (the same list, for people), both from the
one `FIXTURES` table at the bottom of this file.

Run it from the project root with only openpyxl installed:

    .venv/bin/python tests/corpus/make_bad_corpus.py

Reruns give byte-identical files: random values come from per-file string seeds, workbook
properties and zip member times are fixed, and the `modified` stamp openpyxl puts on every save
is overwritten.

Three kinds of file cannot always be made from scratch. They live in `tests/corpus/seeds/`
(committed) and are copied from there:

- the two real QuickBooks workbooks (copied once from the team's collection of real exports
  folder, checked by SHA-256);
- `password_protected.xlsx`, made with msoffcrypto-tool;
- `partitario_legacy.xls`, a real BIFF8 workbook made with xlwt.

msoffcrypto-tool and xlwt are optional and are NOT project dependencies: when they are
importable (for instance from a throwaway venv with openpyxl, msoffcrypto-tool and xlwt), the
script rebuilds the seed deterministically; when they are absent it copies the committed seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import re
import shutil
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
SEEDS = HERE / "seeds"
# Only used the first time, to fill seeds/; the project does not depend on it afterwards.
SHARED_QUICKBOOKS = HERE.parents[2] / "shared" / "realworld" / "quickbooks"

AS_OF = dt.date(2026, 9, 30)
FIXED_TIME = dt.datetime(2026, 9, 30, 8, 0, 0)
ZIP_TIME = (2026, 9, 30, 8, 0, 0)
PASSWORD = "Sollecito2026"
COMPANY = "OFFICINE BRAMBILLA S.P.A."

# Real QuickBooks exports (MIT, github.com/rschlemer/qb-excel-workpaper, commit 76fff17).
QUICKBOOKS = {
    "balance_sheet_qbo.xlsx": (
        "qbo_balance-sheet-comparison_and_profit-loss_export_2021.xlsx",
        "99d4816385119b13fde94c0c51264949d85478dc654cc147e5782f8e5ac546fa",
    ),
    "balance_sheet_qbd.xlsx": (
        "qbd_balance-sheet_and_profit-loss_export_2022.xlsx",
        "6116fc9b707eef294eace73ee8cd8f16dd96c79fa51ef1bd8580eae5c46f2e9a",
    ),
}

# Fictional customers and suppliers: (code, name, VAT number).
CUSTOMERS = [
    ("C00012", "Rossi & Figli S.n.c.", "01234567890"),
    ("C00027", "Caffè Torrefazione Moretti S.r.l.", "02468135790"),
    ("C00031", "Edilnord Costruzioni S.r.l.", "03579246801"),
    ("C00045", "Ferramenta Bianchi di Bianchi Luca", "04680357912"),
    ("C00058", "Officine Meccaniche Colombo S.p.A.", "05791468023"),
    ("C00063", "Tipografia Ricci S.a.s.", "06802579134"),
    ("C00077", "Autotrasporti Romano S.r.l.", "07913680245"),
    ("C00081", "Società Agricola La Quercia S.s.", "08024791356"),
    ("C00094", "Studio Tecnico Esposito", "09135802467"),
    ("C00102", "Hotel Bellavista  S.r.l.", "10246913578"),  # double space is real data
]
SUPPLIERS = [
    (19, "AQUATEC S.r.l."),
    (23, "Cartiera Valtellina S.p.A."),
    (31, "Elettroforniture Lombarde S.r.l."),
    (44, "Trasporti Conti S.n.c."),
    (52, "Lubrificanti Padani S.r.l."),
    (67, "Studio Commercialista Gatti"),
]
US_VENDORS = [
    "Harbor Paper Supply",
    "Delgado Electric LLC",
    "Pine Ridge Lumber Co.",
    "Brightline Telecom",
    "Mendez Insurance Agency",
    "Quick Freight Inc.",
]
PAYMENT_TERMS = [
    ("RiBa 60 gg DF FM", 60),
    ("RiBa 30 gg DF FM", 30),
    ("Bonifico 30 gg DF", 30),
    ("Bonifico 90 gg DF FM", 90),
    ("Rimessa diretta", 0),
]

# Styles shared by the Italian exports.
BOLD = Font(name="Calibri", size=11, bold=True)
TITLE = Font(name="Calibri", size=14, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN_BOTTOM = Border(bottom=Side(style="thin"))
EURO = "#,##0.00"
IT_DATE = "DD/MM/YYYY"


# --------------------------------------------------------------------------------------------
# Writing helpers: deterministic zip, workbook save, small values
# --------------------------------------------------------------------------------------------


def write_zip(entries: Iterable[tuple[str, bytes, int]]) -> bytes:
    """Zip `(name, data, compress_type)` entries in order with fixed times and attributes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, compress in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = compress
            info.create_system = 0  # as Excel writes it; the default depends on the OS
            zf.writestr(info, data)
    return buf.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an openpyxl zip with fixed member times and a fixed `modified` property.

    openpyxl stamps the current time on every save and on every zip member; without this step
    two runs would differ in those bytes only.
    """
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = []
        for info in zf.infolist():
            body = zf.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, body)
            entries.append((info.filename, body, zipfile.ZIP_DEFLATED))
    return write_zip(entries)


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook with fixed properties and its first sheet renamed to `title`."""
    wb = Workbook()
    wb.properties.creator = "make_bad_corpus.py"
    wb.properties.lastModifiedBy = "make_bad_corpus.py"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


def workbook_bytes(wb: Workbook) -> bytes:
    """Save `wb` and return deterministic xlsx bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


def it_money(cents: int) -> str:
    """`123456` -> `1.234,56`, as an Italian desktop program writes it in a CSV."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{frac:02d}"


def us_money(cents: int) -> str:
    """`123456` -> `1,234.56`, as QuickBooks writes amounts in a CSV."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{frac:02d}"


def end_of_month(day: dt.date) -> dt.date:
    """Last day of the month of `day` (the `FM`, fine mese, in Italian payment terms)."""
    first_next = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A date in `[start, end]`."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def random_cents(rng: random.Random, low: int, high: int) -> int:
    """An amount in cents between `low` and `high` euros, with realistic cents."""
    return rng.randint(low * 100, high * 100)


# --------------------------------------------------------------------------------------------
# Shared content: an Italian scadenzario clienti (a GOOD report, damaged by other builders)
# --------------------------------------------------------------------------------------------

SCADENZARIO_HEADER = [
    "Cod. cliente",
    "Ragione sociale",
    "Partita IVA",
    "Tipo doc.",
    "N. documento",
    "Data documento",
    "Data scadenza",
    "Tipo pagamento",
    "Importo",
    "Pagato",
    "Residuo",
    "Giorni scaduto",
]


@dataclass(frozen=True)
class OpenItem:
    """One open receivable instalment of the shared scadenzario."""

    customer: tuple[str, str, str]
    doc_type: str
    number: str
    doc_date: dt.date
    due_date: dt.date
    terms: str
    amount: int  # cents
    paid: int  # cents


def open_items(rng: random.Random, per_customer: int) -> list[OpenItem]:
    """Invoices and a few credit notes for every customer, sorted by customer and due date.

    Documents are numbered in date order across customers, as an invoicing program does:
    invoices `n/A`, credit notes in their own plain sequence.
    """
    drafts = []
    for customer in CUSTOMERS:
        for _ in range(per_customer):
            doc_date = random_date(rng, dt.date(2025, 10, 1), dt.date(2026, 9, 25))
            credit_note = rng.random() < 0.12
            drafts.append((doc_date, customer, credit_note))
    items: list[OpenItem] = []
    invoice_no, credit_no = 100, 0
    for doc_date, customer, credit_note in sorted(drafts, key=lambda d: (d[0], d[1][0])):
        if credit_note:
            credit_no += 1
            amount = -random_cents(rng, 50, 900)
            items.append(
                OpenItem(
                    customer,
                    "Nota di credito",
                    str(credit_no),
                    doc_date,
                    doc_date,
                    "Rimessa diretta",
                    amount,
                    0,
                )
            )
            continue
        invoice_no += rng.randint(1, 6)  # the gaps are invoices already paid
        terms, days = rng.choice(PAYMENT_TERMS)
        due = doc_date + dt.timedelta(days=days)
        if "FM" in terms:
            due = end_of_month(due)
        amount = random_cents(rng, 180, 14_000)
        paid = amount // 2 if rng.random() < 0.15 else 0
        items.append(
            OpenItem(customer, "Fattura", f"{invoice_no}/A", doc_date, due, terms, amount, paid)
        )
    return sorted(items, key=lambda i: (i.customer[0], i.due_date, i.doc_date))


def write_title_block(ws: Worksheet, lines: Sequence[str], width: int) -> None:
    """Title lines in column A, each merged across `width` columns, then one blank row."""
    for row, text in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=text).font = TITLE if row == 1 else BOLD
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def write_header(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    """A bold, filled header row with a bottom border."""
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = THIN_BOTTOM
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Column widths, in Excel character units."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def style_row(ws: Worksheet, row: int, formats: dict[int, str], bold: bool = False) -> None:
    """Number formats by column for one row, optionally bold (subtotals)."""
    for col, fmt in formats.items():
        ws.cell(row=row, column=col).number_format = fmt
    if bold:
        for cell in ws[row]:
            cell.font = BOLD


def scadenzario_sheet(ws: Worksheet, items: Sequence[OpenItem]) -> None:
    """The Italian scadenzario clienti layout of FORMATS.md §11b, with subtotals."""
    width = len(SCADENZARIO_HEADER)
    write_title_block(ws, [f"Scadenzario clienti al {AS_OF:%d/%m/%Y}", COMPANY], width)
    write_header(ws, 4, SCADENZARIO_HEADER)
    formats = {6: IT_DATE, 7: IT_DATE, 9: EURO, 10: EURO, 11: EURO}
    row = 5
    grand = [0, 0, 0]
    for code, name, vat in CUSTOMERS:
        mine = [i for i in items if i.customer[0] == code]
        for item in mine:
            ws.append(
                [
                    code,
                    name,
                    vat,
                    item.doc_type,
                    item.number,
                    item.doc_date,
                    item.due_date,
                    item.terms,
                    item.amount / 100,
                    item.paid / 100,
                    (item.amount - item.paid) / 100,
                    (AS_OF - item.due_date).days,
                ]
            )
            style_row(ws, row, formats)
            row += 1
        totals = [sum(i.amount for i in mine), sum(i.paid for i in mine)]
        totals.append(totals[0] - totals[1])
        grand = [g + t for g, t in zip(grand, totals, strict=True)]
        ws.append(
            [
                None,
                f"Totale cliente {code}",
                None,
                None,
                None,
                None,
                None,
                None,
                *(t / 100 for t in totals),
            ]
        )
        style_row(ws, row, formats, bold=True)
        row += 1
    ws.append(
        [None, "Totale generale", None, None, None, None, None, None, *(g / 100 for g in grand)]
    )
    style_row(ws, row, formats, bold=True)
    set_widths(ws, [11, 34, 13, 15, 12, 13, 13, 20, 12, 11, 12, 9])
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:{get_column_letter(width)}{row - 1}"


def scadenzario_bytes() -> bytes:
    """A valid-looking ageing workbook, the raw material of the damaged files."""
    wb, ws = new_workbook("Scadenzario clienti")
    scadenzario_sheet(ws, open_items(random.Random("scadenzario"), per_customer=14))
    return workbook_bytes(wb)


# --------------------------------------------------------------------------------------------
# not_spreadsheet: bytes that are no table at all
# --------------------------------------------------------------------------------------------


def build_pdf() -> bytes:
    """A one-page PDF print of a scadenzario (valid PDF with a correct xref table)."""
    lines = [f"Scadenzario clienti al {AS_OF:%d/%m/%Y}", COMPANY, ""]
    lines.append("Cod.    Ragione sociale                  N. doc.   Scadenza     Residuo")
    rng = random.Random("pdf_renamed.xlsx")
    for code, name, _vat in CUSTOMERS[:8]:
        due = random_date(rng, dt.date(2026, 3, 1), dt.date(2026, 10, 31))
        amount = it_money(random_cents(rng, 200, 9000))
        ascii_name = name.replace("è", "e").replace("à", "a")
        lines.append(
            f"{code}  {ascii_name[:30]:<30}  {rng.randint(100, 900)}/A   "
            f"{due:%d/%m/%Y}  {amount:>10}"
        )
    text_ops = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text_ops.append(f"({safe}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Producer (Microsoft: Print To PDF) /CreationDate (D:20260930080000Z) "
        b"/Title (Scadenzario clienti) >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk with its length and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def build_png() -> bytes:
    """A 320x120 grey 'screenshot' of a grid: header band, row stripes, column lines."""
    width, height = 320, 120
    rows = []
    for y in range(height):
        line = bytearray([0])  # filter type: none
        for x in range(width):
            if y < 16:
                shade = 0xD9  # header band
            elif x % 64 == 0 or y % 12 == 4:
                shade = 0xBF  # grid lines
            else:
                shade = 0xFF if (y // 12) % 2 else 0xF2
            line += bytes([shade, shade, shade])
        rows.append(bytes(line))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + png_chunk(b"IEND", b"")
    )


def build_docx() -> bytes:
    """A Word letter (a valid docx: a zip with word/document.xml, no xl/ part)."""
    paragraphs = [
        COMPANY,
        "Spett.le Rossi & Figli S.n.c.",
        "Oggetto: sollecito di pagamento",
        "Dalle nostre scritture risultano non ancora saldate le fatture indicate "
        "nell'estratto conto allegato, per un totale di € 4.812,40.",
        "Vi preghiamo di provvedere al pagamento entro dieci giorni dal ricevimento.",
        "Distinti saluti.",
    ]
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{w_ns}"><w:body>{body}</w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    return write_zip(
        [
            ("[Content_Types].xml", content_types.encode(), zipfile.ZIP_DEFLATED),
            ("_rels/.rels", rels.encode(), zipfile.ZIP_DEFLATED),
            ("word/document.xml", document.encode(), zipfile.ZIP_DEFLATED),
        ]
    )


def build_html() -> bytes:
    """The login page a web ERP returns when the session expired, saved under the .xls name."""
    return """<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>Sessione scaduta - Gestionale Web</title>
<link rel="stylesheet" href="/static/css/login.css">
</head>
<body>
<div class="login-box">
  <h1>Sessione scaduta</h1>
  <p>Per motivi di sicurezza la sessione è stata chiusa dopo 30 minuti di inattività.
  Accedi di nuovo per scaricare il report <b>Scadenzario clienti</b>.</p>
  <form method="post" action="/login?next=/report/scadenzario/export.xls">
    <label>Utente <input type="text" name="username"></label>
    <label>Password <input type="password" name="password"></label>
    <button type="submit">Accedi</button>
  </form>
</div>
</body>
</html>
""".encode()


def build_random_bytes() -> bytes:
    """4 KiB of seeded noise."""
    return random.Random("random_bytes.xlsx").randbytes(4096)


def build_prose_csv() -> bytes:
    """An e-mail pasted into a .csv: commas and full stops, but no table."""
    text = """Buongiorno Dott. Ferri,

come d'accordo al telefono, le scrivo per il riepilogo dei crediti scaduti al 30/09/2026.
Il file dello scadenzario, purtroppo, non riesco ad allegarlo: il gestionale mi dà errore,
quindi le riporto a parole la situazione, cliente per cliente, appena possibile.

Rossi & Figli ha promesso un bonifico entro venerdì, mentre Edilnord chiede una rateizzazione
in tre rate mensili, a partire da novembre. Per la Torrefazione Moretti, invece, siamo ancora
in attesa di risposta alla seconda lettera, inviata via PEC il 12 settembre.

Cordiali saluti,
Giulia Fontana
Ufficio crediti
"""
    return text.encode()


def build_prose_txt() -> bytes:
    """A collection letter saved as text: prose, not a table."""
    text = """OFFICINE BRAMBILLA S.P.A.
Via dell'Industria 14 - 20862 Arcore (MB)

Spett.le
Caffè Torrefazione Moretti S.r.l.

Oggetto: secondo sollecito di pagamento - invio tramite PEC

Con la presente Vi ricordiamo che, nonostante il nostro precedente sollecito, risultano
ancora insolute le fatture n. 214/A e n. 233/A, scadute rispettivamente il 31/07/2026 e il
31/08/2026, per un importo complessivo di € 6.318,20.

Vi invitiamo a provvedere al saldo entro 10 giorni dal ricevimento della presente. In mancanza,
saremo costretti ad affidare la pratica a una società di recupero crediti, con addebito degli
interessi di mora previsti dal D.Lgs. 231/2002 e dell'importo forfettario di € 40 per fattura.

Distinti saluti.

Ufficio amministrazione
"""
    return text.encode()


# --------------------------------------------------------------------------------------------
# corrupt: looks like a workbook, cannot be read
# --------------------------------------------------------------------------------------------


def build_truncated() -> bytes:
    """The shared scadenzario cut at 60 %: local headers survive, the central directory not."""
    data = scadenzario_bytes()
    return data[: len(data) * 6 // 10]


def build_no_workbook_xml() -> bytes:
    """The shared scadenzario with `xl/workbook.xml` left out of the zip."""
    with zipfile.ZipFile(io.BytesIO(scadenzario_bytes())) as zf:
        entries = [
            (i.filename, zf.read(i), zipfile.ZIP_DEFLATED)
            for i in zf.infolist()
            if i.filename != "xl/workbook.xml"
        ]
    return write_zip(entries)


def build_crc_mismatch() -> bytes:
    """The shared scadenzario with bytes of the sheet XML overwritten after zipping.

    The sheet is stored uncompressed so the damage lands in readable XML: the member's CRC no
    longer matches, and the XML itself is broken (control bytes inside a row), as after a bad
    download or a faulty USB stick.
    """
    with zipfile.ZipFile(io.BytesIO(scadenzario_bytes())) as zf:
        entries = [
            (
                i.filename,
                zf.read(i),
                zipfile.ZIP_STORED
                if i.filename == "xl/worksheets/sheet1.xml"
                else zipfile.ZIP_DEFLATED,
            )
            for i in zf.infolist()
        ]
    data = bytearray(write_zip(entries))
    start = data.find(b'<row r="40"')
    assert start > 0, "sheet1.xml row 40 not found"
    data[start : start + 64] = random.Random("crc_mismatch.xlsx").randbytes(64)
    return bytes(data)


def build_ole_garbage() -> bytes:
    """A plausible OLE2 compound-file header (as in every .xls) followed by noise."""
    rng = random.Random("ole_garbage.xls")
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2 signature
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # versions, byte order, sizes
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)  # FAT sectors, dir start, -, cutoff
    header[76:512] = b"\xff" * 436  # unused DIFAT slots
    return bytes(header) + rng.randbytes(512 * 15)


# --------------------------------------------------------------------------------------------
# encrypted: a real password-protected workbook (msoffcrypto-tool, optional)
# --------------------------------------------------------------------------------------------


class _FixedDatetime(dt.datetime):
    """`datetime` whose `now()` is FIXED_TIME, to pin the OLE directory timestamps."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FixedDatetime:
        return cls(2026, 9, 30, 8, 0, 0)


def build_encrypted() -> bytes | None:
    """The shared scadenzario encrypted with PASSWORD (ECMA-376 agile), or None without the tool.

    msoffcrypto-tool draws salts and keys from `secrets` and stamps `datetime.now()` into the
    OLE directory; both are pinned here so the seed is reproducible.
    """
    try:
        from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-untyped, import-not-found, unused-ignore]
        from msoffcrypto.method import ecma376_agile  # type: ignore[import-untyped, import-not-found, unused-ignore]
        from msoffcrypto.method.container import ecma376_encrypted  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    rng = random.Random("password_protected.xlsx")
    out = io.BytesIO()
    with (
        mock.patch.object(ecma376_agile, "_random_buffer", rng.randbytes),
        mock.patch.object(ecma376_encrypted, "datetime", _FixedDatetime),
    ):
        OOXMLFile(io.BytesIO(scadenzario_bytes())).encrypt(PASSWORD, out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# unsupported_format: Excel 2003 XML (SpreadsheetML), as NetSuite's "Export to Excel"
# --------------------------------------------------------------------------------------------


def spreadsheetml_row(cells: Sequence[str | float | None], style: str | None = None) -> str:
    """One `<Row>` of SpreadsheetML; None leaves a cell out (with an index on the next one)."""
    parts = []
    skipped = False
    for col, value in enumerate(cells, start=1):
        if value is None:
            skipped = True
            continue
        index = f' ss:Index="{col}"' if skipped else ""
        skipped = False
        kind = "String" if isinstance(value, str) else "Number"
        text = escape(value) if isinstance(value, str) else f"{value:.2f}"
        style_attr = f' ss:StyleID="{style}"' if style else ""
        parts.append(f'<Cell{index}{style_attr}><Data ss:Type="{kind}">{text}</Data></Cell>')
    return "<Row>" + "".join(parts) + "</Row>"


def build_spreadsheetml() -> bytes:
    """NetSuite A/R Aging Summary as SpreadsheetML (FORMATS.md §7)."""
    rng = random.Random("netsuite_spreadsheetml.xls")
    buckets = ["Current", "1 - 30", "31 - 60", "61 - 90", "Over 90", "Total"]
    rows = [
        spreadsheetml_row(["Harbor Tools Inc."], "title"),
        spreadsheetml_row(["A/R Aging Summary"], "title"),
        spreadsheetml_row([f"As of {AS_OF:%m/%d/%Y}"]),
        "<Row/>",
        spreadsheetml_row([None, *buckets], "header"),
    ]
    grand = [0] * 5
    parents = {"Northwind Traders": ["Northwind Traders : Seattle", "Northwind Traders : Boise"]}
    for parent in ["Contoso Retail", "Northwind Traders", "Fabrikam Outdoor", "Lakeside Dental"]:
        children = parents.get(parent, [])
        if not children:
            values = [rng.choice([0, random_cents(rng, 100, 9000)]) for _ in range(5)]
            rows.append(spreadsheetml_row([parent, *(v / 100 for v in values), sum(values) / 100]))
            grand = [g + v for g, v in zip(grand, values, strict=True)]
            continue
        rows.append(spreadsheetml_row([parent]))
        subtotal = [0] * 5
        for child in children:
            values = [rng.choice([0, random_cents(rng, 100, 9000)]) for _ in range(5)]
            rows.append(spreadsheetml_row([child, *(v / 100 for v in values), sum(values) / 100]))
            subtotal = [s + v for s, v in zip(subtotal, values, strict=True)]
        rows.append(
            spreadsheetml_row(
                [f"Total - {parent}", *(v / 100 for v in subtotal), sum(subtotal) / 100], "total"
            )
        )
        grand = [g + v for g, v in zip(grand, subtotal, strict=True)]
    rows.append(spreadsheetml_row(["Total", *(v / 100 for v in grand), sum(grand) / 100], "total"))
    table = "\n".join(rows)
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
<Styles>
<Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="Verdana" ss:Size="8"/></Style>
<Style ss:ID="title"><Font ss:FontName="Verdana" ss:Size="10" ss:Bold="1"/></Style>
<Style ss:ID="header"><Font ss:FontName="Verdana" ss:Size="8" ss:Bold="1"/>
 <Interior ss:Color="#DDDDDD" ss:Pattern="Solid"/></Style>
<Style ss:ID="total"><Font ss:FontName="Verdana" ss:Size="8" ss:Bold="1"/></Style>
</Styles>
<Worksheet ss:Name="AR Aging Summary">
<Table>
{table}
</Table>
</Worksheet>
</Workbook>
"""
    return xml.encode()


# --------------------------------------------------------------------------------------------
# empty
# --------------------------------------------------------------------------------------------


def build_empty_sheet() -> bytes:
    """A workbook whose only sheet has no cell at all (column widths set, as in a template)."""
    wb, ws = new_workbook("Scadenzario")
    set_widths(ws, [11, 34, 13, 15])
    return workbook_bytes(wb)


def build_blank_lines_csv() -> bytes:
    """What Excel saves from a blank range: a BOM, then only spaces, tabs and CRLFs."""
    return "\ufeff".encode() + b"\r\n   \r\n\t\r\n\r\n \t \r\n\r\n"


def build_only_separators_csv() -> bytes:
    """Excel's 'CSV (separato da ;)' of a formatted but empty range: separators only."""
    return b";;;;;;;;\r\n" * 12


def build_header_only() -> bytes:
    """Two sheets, each with its title block and header row, and no data rows."""
    wb, ws = new_workbook("Scadenzario clienti")
    write_title_block(
        ws, [f"Scadenzario clienti al {AS_OF:%d/%m/%Y}", COMPANY], len(SCADENZARIO_HEADER)
    )
    write_header(ws, 4, SCADENZARIO_HEADER)
    set_widths(ws, [11, 34, 13, 15, 12, 13, 13, 20, 12, 11, 12, 9])
    ws.freeze_panes = "A5"
    summary = wb.create_sheet("Riepilogo")
    labels = ["Cod. cliente", "Ragione sociale", "Scaduto", "A scadere", "Totale"]
    write_title_block(summary, [f"Riepilogo per cliente al {AS_OF:%d/%m/%Y}", COMPANY], len(labels))
    write_header(summary, 4, labels)
    set_widths(summary, [11, 34, 13, 13, 13])
    return workbook_bytes(wb)


# --------------------------------------------------------------------------------------------
# not_ageing: real QuickBooks statements, an Italian income statement, an inventory
# --------------------------------------------------------------------------------------------


def build_conto_economico() -> bytes:
    """A civil-code (art. 2425) income statement with two periods and a variation column."""
    rng = random.Random("conto_economico.xlsx")
    wb, ws = new_workbook("Conto economico")
    write_title_block(ws, [COMPANY, f"Conto economico al {AS_OF:%d/%m/%Y}", "(valori in euro)"], 4)
    write_header(ws, 5, ["Voce", f"{AS_OF:%d/%m/%Y}", "30/09/2025", "Variazione %"])

    def pair(low: int, high: int) -> tuple[int, int]:
        now = random_cents(rng, low, high)
        return now, round(now * rng.uniform(0.85, 1.12))

    revenue = [
        ("1) Ricavi delle vendite e delle prestazioni", pair(3_800_000, 4_200_000)),
        ("5) Altri ricavi e proventi", pair(40_000, 90_000)),
    ]
    costs = [
        ("6) Per materie prime, sussidiarie, di consumo e di merci", pair(1_500_000, 1_700_000)),
        ("7) Per servizi", pair(500_000, 650_000)),
        ("8) Per godimento di beni di terzi", pair(90_000, 120_000)),
        ("9) Per il personale", pair(1_100_000, 1_250_000)),
        ("10) Ammortamenti e svalutazioni", pair(180_000, 230_000)),
        ("14) Oneri diversi di gestione", pair(30_000, 60_000)),
    ]
    financial = pair(40_000, 70_000)
    tax_rate = 0.279  # IRES + IRAP, roughly

    def total(lines: list[tuple[str, tuple[int, int]]]) -> tuple[int, int]:
        return sum(v[0] for _, v in lines), sum(v[1] for _, v in lines)

    value, cost = total(revenue), total(costs)
    ebit = (value[0] - cost[0], value[1] - cost[1])
    pretax = (ebit[0] - financial[0], ebit[1] - financial[1])
    taxes = (round(pretax[0] * tax_rate), round(pretax[1] * tax_rate))
    net = (pretax[0] - taxes[0], pretax[1] - taxes[1])
    lines: list[tuple[str, tuple[int, int] | None, bool]] = [
        ("A) Valore della produzione", None, True),
        *((label, v, False) for label, v in revenue),
        ("Totale valore della produzione (A)", value, True),
        ("B) Costi della produzione", None, True),
        *((label, v, False) for label, v in costs),
        ("Totale costi della produzione (B)", cost, True),
        ("Differenza tra valore e costi della produzione (A - B)", ebit, True),
        ("C) Proventi e oneri finanziari", None, True),
        ("17) Interessi e altri oneri finanziari", (-financial[0], -financial[1]), False),
        ("Risultato prima delle imposte (A - B + C)", pretax, True),
        ("20) Imposte sul reddito dell'esercizio", taxes, False),
        ("21) Utile (perdita) dell'esercizio", net, True),
    ]
    for row, (label, values, bold) in enumerate(lines, start=6):
        ws.cell(row=row, column=1, value=label if bold else f"   {label}")
        if values is not None:
            ws.cell(row=row, column=2, value=values[0] / 100).number_format = EURO
            ws.cell(row=row, column=3, value=values[1] / 100).number_format = EURO
            change = (values[0] - values[1]) / abs(values[1]) if values[1] else 0
            ws.cell(row=row, column=4, value=round(change, 4)).number_format = "0.0%"
        if bold:
            for cell in ws[row]:
                cell.font = BOLD
    set_widths(ws, [58, 16, 16, 13])
    return workbook_bytes(wb)


INVENTORY = [
    ("VT-M8X40", "Vite TE M8x40 zincata", "pz", 4_200, 9),
    ("VT-M10X60", "Vite TE M10x60 zincata", "pz", 2_650, 17),
    ("DD-M8", "Dado esagonale M8 classe 8", "pz", 6_100, 3),
    ("RN-8", "Rondella piana 8 mm inox", "pz", 5_800, 4),
    ("CU-6204", "Cuscinetto a sfere 6204-2RS", "pz", 340, 412),
    ("CU-6305", "Cuscinetto a sfere 6305-2RS", "pz", 185, 768),
    ("OR-2050", "O-ring NBR 20x5", "pz", 1_200, 21),
    ("LA-S235-40", "Lamiera S235 sp. 4 mm", "kg", 3_480, 118),
    ("TB-40X40", "Tubolare 40x40x2 S235", "m", 612, 486),
    ("TN-25", "Tondo C45 diam. 25", "m", 240, 963),
    ("GR-EP2", "Grasso al litio EP2", "kg", 75, 842),
    ("OL-ISO46", "Olio idraulico ISO VG 46", "l", 620, 395),
    ("MR-2X80", "Mola da taglio 230x2", "pz", 150, 288),
    ("EL-2.5", "Elettrodo rutile diam. 2,5", "kg", 95, 1_140),
    ("GU-NIT-L", "Guanti nitrile taglia L (conf. 100)", "cf", 38, 1_290),
]


OdsValue = str | float | dt.date | None


def ods_cell(value: OdsValue, span: int = 1) -> str:
    """One ODF table cell, typed like LibreOffice writes it."""
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}"{spanned}>'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        shown = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{spanned}>'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{spanned}>'
        f"<text:p>{escape(value)}</text:p></table:table-cell>"
    )


def ods_bytes(sheet: str, rows: Sequence[Sequence[OdsValue]], width: int) -> bytes:
    """A minimal but valid OpenDocument spreadsheet (what LibreOffice needs to open it).

    A row with a single value is a title and is merged across `width` columns.
    """
    body = []
    for cells in rows:
        if len(cells) == 1 and cells[0] is not None:
            covered = "<table:covered-table-cell/>" * (width - 1)
            body.append(f"<table:table-row>{ods_cell(cells[0], width)}{covered}</table:table-row>")
        else:
            body.append(
                "<table:table-row>" + "".join(ods_cell(c) for c in cells) + "</table:table-row>"
            )
    office = 'office:version="1.3"'
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} {office}>'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        f'<table:table-column table:number-columns-repeated="{width}"/>'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    stamp = FIXED_TIME.isoformat()
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ns} {office}>'
        f"<office:meta><meta:generator>LibreOffice/24.8</meta:generator>"
        f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>"
        f"</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return write_zip(
        [
            # The mimetype member must come first and be stored, or ODF readers refuse the file.
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content.encode(), zipfile.ZIP_DEFLATED),
            ("meta.xml", meta.encode(), zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest.encode(), zipfile.ZIP_DEFLATED),
        ]
    )


def build_inventario() -> bytes:
    """A warehouse stock list (LibreOffice .ods): codes, descriptions, quantities, prices."""
    rng = random.Random("inventario.ods")
    header: list[OdsValue] = ["Articolo", "Descrizione", "UM", "Giacenza", "Prezzo", "Valore"]
    rows: list[list[OdsValue]] = [
        [f"Inventario di magazzino al {AS_OF:%d/%m/%Y}"],
        [COMPANY],
        [None],
        header,
    ]
    total = 0
    for code, description, unit, stock, price_cents in INVENTORY:
        stock = max(0, stock + rng.randint(-stock // 10, stock // 10))
        value = stock * price_cents
        total += value
        rows.append([code, description, unit, stock, price_cents / 100, value / 100])
    rows.append([None, "Totale valore magazzino", None, None, None, total / 100])
    return ods_bytes("Inventario", rows, len(header))


# --------------------------------------------------------------------------------------------
# ledger: partitario / estratto conto (Dare, Avere, running Saldo)
# --------------------------------------------------------------------------------------------

LEDGER_HEADER = [
    "Data reg.",
    "N. reg.",
    "Causale",
    "Descrizione",
    "Data doc.",
    "N. doc.",
    "Dare",
    "Avere",
    "Saldo",
]


@dataclass(frozen=True)
class Movement:
    """One ledger line; amounts in cents."""

    posted: dt.date
    number: int
    reason: str
    text: str
    doc_date: dt.date | None
    doc_number: str
    debit: int
    credit: int


def movements(rng: random.Random, count: int) -> tuple[int, list[Movement]]:
    """An opening balance and `count` invoices, payments and credit notes in date order.

    Payments never exceed what the customer owes, so the running balance stays positive.
    """
    opening = random_cents(rng, 1_000, 8_000)
    balance = opening
    lines: list[Movement] = []
    day = dt.date(2026, 1, 5)
    reg = rng.randint(10, 60)
    invoice_no, credit_no = rng.randint(5, 40), rng.randint(1, 5)
    for _ in range(count):
        day += dt.timedelta(days=rng.randint(4, 20))
        reg += rng.randint(3, 40)
        kind = rng.random()
        if kind < 0.55 or balance < 100_00:
            invoice_no += rng.randint(5, 40)  # invoices to other customers in between
            amount = random_cents(rng, 300, 9_000)
            line = Movement(day, reg, "FV", "Fattura di vendita", day, f"{invoice_no}/A", amount, 0)
        elif kind < 0.9:
            amount = rng.randint(balance // 5, balance * 4 // 5)
            reason, text = rng.choice([("RB", "Incasso Ri.Ba."), ("BB", "Bonifico bancario")])
            line = Movement(day, reg, reason, text, None, "", 0, amount)
        else:
            credit_no += rng.randint(1, 4)
            amount = random_cents(rng, 50, 600)
            line = Movement(day, reg, "NC", "Nota di credito", day, f"NC{credit_no}", 0, amount)
        balance += line.debit - line.credit
        lines.append(line)
    return opening, lines


def ledger_rows(opening: int, lines: Sequence[Movement], opening_label: str) -> list[list[object]]:
    """Opening row, movements with a running balance, then totals and closing balance."""
    balance = opening
    rows: list[list[object]] = [
        [dt.date(2026, 1, 1), None, None, opening_label, None, None, None, None, balance / 100]
    ]
    for m in lines:
        balance += m.debit - m.credit
        rows.append(
            [
                m.posted,
                m.number,
                m.reason,
                m.text,
                m.doc_date,
                m.doc_number,
                m.debit / 100 or None,
                m.credit / 100 or None,
                balance / 100,
            ]
        )
    debit, credit = sum(m.debit for m in lines), sum(m.credit for m in lines)
    rows.append([None, None, None, "Totale movimenti", None, None, debit / 100, credit / 100, None])
    rows.append([AS_OF, None, None, "Saldo finale", None, None, None, None, balance / 100])
    return rows


def build_partitario() -> bytes:
    """Partitario clienti: one block per customer, each with opening row and running balance."""
    rng = random.Random("partitario.xlsx")
    wb, ws = new_workbook("Partitario")
    write_title_block(
        ws,
        [COMPANY, f"Partitario clienti dal 01/01/2026 al {AS_OF:%d/%m/%Y}", "Valuta: EUR"],
        len(LEDGER_HEADER),
    )
    write_header(ws, 5, LEDGER_HEADER)
    formats = {1: IT_DATE, 5: IT_DATE, 7: EURO, 8: EURO, 9: EURO}
    row = 6
    for code, name, _vat in CUSTOMERS[:4]:
        ws.cell(row=row, column=1, value=f"Conto 110301.{code[1:]} - {name}").font = BOLD
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(LEDGER_HEADER))
        row += 1
        opening, lines = movements(rng, rng.randint(8, 14))
        for values in ledger_rows(opening, lines, "Saldo iniziale"):
            ws.append(values)
            style_row(ws, row, formats, bold=values[3] in ("Totale movimenti", "Saldo finale"))
            row += 1
        row += 1  # blank line between accounts
        ws.append([])
    set_widths(ws, [12, 9, 9, 26, 12, 10, 13, 13, 13])
    ws.freeze_panes = "A6"
    return workbook_bytes(wb)


def build_estratto_conto_csv() -> bytes:
    """An estratto conto as an Italian desktop program saves CSV: cp1252, `;`, `1.234,56`."""
    rng = random.Random("estratto_conto.csv")
    code, name, vat = CUSTOMERS[1]
    opening, lines = movements(rng, 11)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    blanks = [""] * (len(LEDGER_HEADER) - 1)
    writer.writerow([f"Estratto conto cliente {code} - {name}", *blanks])
    writer.writerow([f"Partita IVA {vat}", *blanks])
    writer.writerow([f"Periodo dal 01/01/2026 al {AS_OF:%d/%m/%Y}", *blanks])
    writer.writerow(["", *blanks])
    writer.writerow(LEDGER_HEADER)
    for values in ledger_rows(opening, lines, "Saldo iniziale"):
        writer.writerow([_csv_text(v) for v in values])
    return out.getvalue().encode("cp1252")


def _csv_text(value: object) -> str:
    """Dates as dd/mm/yyyy, euros with a decimal comma, blanks as empty fields."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return it_money(round(value * 100))
    return str(value)


def build_partitario_xls() -> bytes | None:
    """A legacy BIFF8 .xls 'scheda contabile' (xlwt, optional): `Riporto` and `Saldo progressivo`.

    Returns None when xlwt is not installed.
    """
    try:
        import xlwt  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    rng = random.Random("partitario_legacy.xls")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Foglio1")
    bold = xlwt.easyxf("font: bold on")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    code, name, _vat = CUSTOMERS[4]
    sheet.write_merge(0, 0, 0, 8, "SCHEDA CONTABILE CLIENTE", bold)
    sheet.write_merge(1, 1, 0, 8, f"{code} {name}", bold)
    sheet.write_merge(2, 2, 0, 8, f"Dal 01/01/2026 al {AS_OF:%d/%m/%Y}")
    header = [*LEDGER_HEADER[:8], "Saldo progressivo"]
    header[1] = "Prot."
    for col, label in enumerate(header):
        sheet.write(4, col, label, bold)
    opening, lines = movements(rng, 16)
    for r, values in enumerate(ledger_rows(opening, lines, "Riporto"), start=5):
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write(r, col, value, date_style)
            elif col >= 6:
                sheet.write(r, col, value, money)
            else:
                sheet.write(r, col, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# payables: A/P ageing (QuickBooks Online) and scadenzario fornitori (eSolver)
# --------------------------------------------------------------------------------------------

QBO_AP_HEADER = [
    "",
    "Date",
    "Transaction type",
    "Num",
    "Vendor display name",
    "Due date",
    "Past due",
    "Amount",
    "Open balance",
]
QBO_SECTIONS = [
    ("91 or more days past due", 91, 200),
    ("61 - 90 days past due", 61, 90),
    ("31 - 60 days past due", 31, 60),
    ("1 - 30 days past due", 1, 30),
    ("Current", -30, 0),
]


@dataclass(frozen=True)
class Bill:
    """One line of a QBO A/P Aging Detail; amounts in cents."""

    date: dt.date
    kind: str
    num: str
    vendor: str
    due: dt.date | None
    past_due: int | None
    amount: int
    open: int


def qbo_ap_sections(rng: random.Random) -> list[tuple[str, list[Bill]]]:
    """Bills and vendor credits by QBO ageing section, oldest first."""
    sections = []
    for label, low, high in QBO_SECTIONS:
        lines: list[Bill] = []
        for _ in range(rng.randint(2, 5)):
            past_due = rng.randint(low, high)
            due = AS_OF - dt.timedelta(days=past_due)
            date = due - dt.timedelta(days=30)
            vendor = rng.choice(US_VENDORS)
            if rng.random() < 0.15:
                amount = -random_cents(rng, 40, 600)
                lines.append(Bill(date, "Vendor Credit", "", vendor, None, None, amount, amount))
                continue
            amount = random_cents(rng, 120, 6_000)
            open_amount = amount if rng.random() < 0.8 else amount // 3
            num = f"{rng.randint(1000, 99999):05d}"  # leading zeros are part of the number
            lines.append(Bill(date, "Bill", num, vendor, due, past_due, amount, open_amount))
        sections.append((label, sorted(lines, key=lambda bill: bill.date)))
    return sections


def build_ap_aging_qbo_xlsx() -> bytes:
    """QBO 'A/P Aging Detail' xlsx: Arial, merged title rows, sections, timestamp footer.

    Real QBO writes every amount as a formula (`=1284.5`); plain values are written here so the
    file has one fault only (a formula without a cached value would read as an empty cell).
    """
    rng = random.Random("ap_aging_detail_qbo.xlsx")
    wb, ws = new_workbook("AP Aging Detail")  # `/` is not allowed in a sheet name
    width = len(QBO_AP_HEADER)
    titles = ["Harbor Tools Inc.", "A/P Aging Detail", f"As of {AS_OF:%B %d, %Y}"]
    for row, text in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(name="Arial", size=14 if row < 3 else 10, bold=True)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    for col, label in enumerate(QBO_AP_HEADER, start=1):
        cell = ws.cell(row=5, column=col, value=label or None)
        cell.font = Font(name="Arial", size=9, bold=True)
        cell.border = THIN_BOTTOM
    money = "#,##0.00\\ _€"  # the locale artefact seen in real QBO files
    formats = {2: "mm/dd/yyyy", 6: "mm/dd/yyyy", 8: money, 9: money}
    data_font, label_font = Font(name="Arial", size=8), Font(name="Arial", size=8, bold=True)
    row = 6
    grand = [0, 0]
    for label, bills in qbo_ap_sections(rng):
        ws.cell(row=row, column=1, value=label).font = label_font
        row += 1
        for bill in bills:
            values = [
                None,
                bill.date,
                bill.kind,
                bill.num or None,
                bill.vendor,
                bill.due,
                bill.past_due,
                bill.amount / 100,
                bill.open / 100,
            ]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.font = data_font
                cell.number_format = formats.get(col, "General")
            row += 1
        totals = [sum(b.amount for b in bills), sum(b.open for b in bills)]
        grand = [g + t for g, t in zip(grand, totals, strict=True)]
        ws.cell(row=row, column=1, value=f"Total for {label}").font = label_font
        for col, value in ((8, totals[0]), (9, totals[1])):
            cell = ws.cell(row=row, column=col, value=value / 100)
            cell.font, cell.number_format = label_font, money
        row += 1
    ws.cell(row=row, column=1, value="TOTAL").font = label_font
    for col, value in ((8, grand[0]), (9, grand[1])):
        cell = ws.cell(row=row, column=col, value=value / 100)
        cell.font, cell.number_format = label_font, money
    row += 3
    footer = ws.cell(
        row=row, column=1, value=f"{AS_OF:%A, %B %d, %Y} 11:05 AM GMT-07:00 - Accrual Basis"
    )
    footer.font, footer.alignment = data_font, Alignment(horizontal="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    set_widths(ws, [24, 11, 15, 9, 26, 11, 8, 12, 12])
    return workbook_bytes(wb)


def build_ap_aging_qbo_csv() -> bytes:
    """The same QBO A/P Aging Detail as CSV: US dates, `1,284.50` text amounts, ragged rows."""
    rng = random.Random("ap_aging_qbo.csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(
        [
            ["A/P Aging Detail"],
            ["Harbor Tools Inc."],
            [f"As of {AS_OF:%B %d, %Y}"],
            [],
            QBO_AP_HEADER,
        ]
    )
    grand = [0, 0]
    for label, bills in qbo_ap_sections(rng):
        writer.writerow([label])
        for b in bills:
            writer.writerow(
                [
                    "",
                    f"{b.date:%m/%d/%Y}",
                    b.kind,
                    b.num,
                    b.vendor,
                    f"{b.due:%m/%d/%Y}" if b.due else "",
                    "" if b.past_due is None else b.past_due,
                    us_money(b.amount),
                    us_money(b.open),
                ]
            )
        totals = [sum(b.amount for b in bills), sum(b.open for b in bills)]
        grand = [g + t for g, t in zip(grand, totals, strict=True)]
        writer.writerow(
            [f"Total for {label}", "", "", "", "", "", "", us_money(totals[0]), us_money(totals[1])]
        )
    writer.writerow(["TOTAL", "", "", "", "", "", "", us_money(grand[0]), us_money(grand[1])])
    writer.writerows([[], [], [f"{AS_OF:%A, %B %d, %Y} 11:05 AM GMT-07:00"]])
    return "\ufeff".encode() + out.getvalue().encode()


ESOLVER_HEADER = [
    "S",
    "Scadenza bloccata",
    "Annotazione scadenza",
    "Scadenza",
    "Fornitore - Codice",
    "Fornitore - Ragione sociale",
    "Documento - Sigla",
    "Documento - Numero",
    "Documento - Data",
    "R.A.",
    "Importi in UdC - Residuo",
    "Valuta origine",
    "Tipo pagamento - Codice",
    "Tipo pagamento - Descrizione",
    f"Giorni scaduto al {AS_OF:%d/%m/%Y}",
]


def build_scadenzario_fornitori() -> bytes:
    """The eSolver scadenzario grid export, supplier side (FORMATS.md §11a, layout A)."""
    rng = random.Random("scadenzario_fornitori.xlsx")
    wb, ws = new_workbook("Scadenzario fornitori")
    ws.append(ESOLVER_HEADER)
    for cell in ws[1]:
        cell.font = BOLD
    methods = [(2, "RI.BA."), (4, "Bonifico"), (1, "Rimessa diretta")]
    rows = []
    for code, name in SUPPLIERS:
        for _ in range(rng.randint(2, 6)):
            doc_date = random_date(rng, dt.date(2026, 2, 1), dt.date(2026, 9, 20))
            method = rng.choice(methods)
            if rng.random() < 0.12:
                sigla, number = "NC", str(rng.randint(1, 60))
                residual = random_cents(rng, 50, 800)  # credit notes: positive for payables
                due = doc_date
            else:
                sigla, number = "FT", f"{rng.randint(10, 999)}/{rng.choice(['A', 'E', 'PA'])}"
                residual = -random_cents(rng, 150, 12_000)  # payables are negative here
                due = end_of_month(doc_date + dt.timedelta(days=rng.choice([30, 60, 90])))
            blocked = "S" if rng.random() < 0.05 else None
            note = "Contestata, attendere NC" if blocked else None
            withholding = "S" if name.startswith("Studio") else None
            rows.append(
                [
                    None,
                    blocked,
                    note,
                    due,
                    code,
                    name,
                    sigla,
                    number,
                    doc_date,
                    withholding,
                    residual / 100,
                    None,
                    method[0],
                    method[1],
                    (AS_OF - due).days,
                ]
            )
    for values in sorted(rows, key=lambda r: (r[3], r[4])):
        ws.append(values)
    for row in ws.iter_rows(min_row=2):
        row[3].number_format = row[8].number_format = "yyyy-mm-dd"
        row[10].number_format = EURO
    set_widths(ws, [3, 10, 22, 11, 10, 32, 10, 11, 11, 5, 14, 8, 8, 16, 12])
    ws.auto_filter.ref = f"A1:O{ws.max_row}"
    return workbook_bytes(wb)


# --------------------------------------------------------------------------------------------
# missing_columns: ageing-looking tables without the columns an ageing needs
# --------------------------------------------------------------------------------------------


def build_no_dates() -> bytes:
    """'Saldi clienti': customers, documents and amounts, but no document or due date."""
    items = open_items(random.Random("no_dates.xlsx"), per_customer=4)
    wb, ws = new_workbook("Saldi clienti")
    header = [
        "Cod. cliente",
        "Ragione sociale",
        "Partita IVA",
        "N. documento",
        "Tipo pagamento",
        "Importo",
        "Residuo",
    ]
    write_title_block(ws, [f"Saldi clienti al {AS_OF:%d/%m/%Y}", COMPANY], len(header))
    write_header(ws, 4, header)
    for row, item in enumerate(items, start=5):
        code, name, vat = item.customer
        ws.append(
            [
                code,
                name,
                vat,
                item.number,
                item.terms,
                item.amount / 100,
                (item.amount - item.paid) / 100,
            ]
        )
        style_row(ws, row, {6: EURO, 7: EURO})
    set_widths(ws, [11, 34, 13, 12, 20, 12, 12])
    ws.freeze_panes = "A5"
    return workbook_bytes(wb)


def build_no_customer() -> bytes:
    """A scadenzario whose customer columns were deleted before export: dates and amounts only."""
    items = open_items(random.Random("no_customer.xlsx"), per_customer=3)
    wb, ws = new_workbook("Scadenzario")
    header = [
        "Tipo doc.",
        "N. documento",
        "Data documento",
        "Data scadenza",
        "Tipo pagamento",
        "Importo",
        "Pagato",
        "Residuo",
        "Giorni scaduto",
    ]
    write_title_block(ws, [f"Scadenzario clienti al {AS_OF:%d/%m/%Y}", COMPANY], len(header))
    write_header(ws, 4, header)
    for row, item in enumerate(sorted(items, key=lambda i: (i.due_date, i.number)), start=5):
        ws.append(
            [
                item.doc_type,
                item.number,
                item.doc_date,
                item.due_date,
                item.terms,
                item.amount / 100,
                item.paid / 100,
                (item.amount - item.paid) / 100,
                (AS_OF - item.due_date).days,
            ]
        )
        style_row(ws, row, {3: IT_DATE, 4: IT_DATE, 6: EURO, 7: EURO, 8: EURO})
    set_widths(ws, [15, 12, 13, 13, 20, 12, 11, 12, 9])
    ws.freeze_panes = "A5"
    return workbook_bytes(wb)


# --------------------------------------------------------------------------------------------
# Seeds: files copied rather than built (real exports, files made with optional tools)
# --------------------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def quickbooks_seed(name: str) -> Callable[[], bytes]:
    """A builder that returns a real QuickBooks workbook from seeds/, filling seeds/ once."""

    def build() -> bytes:
        original, digest = QUICKBOOKS[name]
        seed = SEEDS / name
        if not seed.exists():
            source = SHARED_QUICKBOOKS / original
            if not source.exists():
                sys.exit(f"{seed} is missing and {source} is not there to copy it from.")
            SEEDS.mkdir(exist_ok=True)
            shutil.copyfile(source, seed)
        data = seed.read_bytes()
        if sha256(data) != digest:
            sys.exit(f"{seed} has changed: its SHA-256 is no longer {digest}.")
        return data

    return build


def tool_seed(name: str, make: Callable[[], bytes | None], tool: str) -> Callable[[], bytes]:
    """A builder that rebuilds seeds/`name` with an optional tool, else copies the seed."""

    def build() -> bytes:
        seed = SEEDS / name
        data = make()
        if data is not None:
            SEEDS.mkdir(exist_ok=True)
            seed.write_bytes(data)
            return data
        if not seed.exists():
            sys.exit(f"{seed} is missing; install {tool} (in a throwaway venv) to rebuild it.")
        return seed.read_bytes()

    return build


def constant(data: bytes) -> Callable[[], bytes]:
    """A builder for fixed bytes."""
    return lambda: data


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fixture:
    """One bad file: its name, the error code, what it is, why it must be refused, its bytes."""

    name: str
    code: str
    what: str
    why: str
    build: Callable[[], bytes]


FIXTURES = [
    # not_spreadsheet
    Fixture(
        "pdf_renamed.xlsx",
        "not_spreadsheet",
        "PDF print of a scadenzario, renamed",
        "`%PDF` bytes: a printout, not data",
        build_pdf,
    ),
    Fixture(
        "png_renamed.ods",
        "not_spreadsheet",
        "PNG screenshot of a grid, renamed",
        "an image, no cells to read",
        build_png,
    ),
    Fixture(
        "docx_renamed.xlsx",
        "not_spreadsheet",
        "Word collection letter (docx), renamed",
        "a zip, but `word/document.xml` and no `xl/` part",
        build_docx,
    ),
    Fixture(
        "html_page.xls",
        "not_spreadsheet",
        "web ERP 'session expired' login page, saved under the export's name",
        "HTML with a form, no table",
        build_html,
    ),
    Fixture(
        "random_bytes.xlsx",
        "not_spreadsheet",
        "4 KiB of seeded noise",
        "no known signature at all",
        build_random_bytes,
    ),
    Fixture(
        "prose.csv",
        "not_ageing",  # commas split it into a ragged table; no header is found in it
        "an e-mail pasted into a .csv (UTF-8)",
        "lines of prose, not records (polars.read_csv still returns a 13x2 frame)",
        build_prose_csv,
    ),
    Fixture(
        "prose.txt",
        "not_spreadsheet",
        "a collection letter saved as text (UTF-8)",
        "prose, no separator gives a table",
        build_prose_txt,
    ),
    # corrupt
    Fixture(
        "truncated.xlsx",
        "corrupt",
        "valid scadenzario cut at 60 % of its bytes",
        "`PK` start, no central directory",
        build_truncated,
    ),
    Fixture(
        "no_workbook_xml.xlsx",
        "corrupt",
        "valid scadenzario zip without `xl/workbook.xml`",
        "no sheet list (fastexcel opens it without error and finds 0 sheets)",
        build_no_workbook_xml,
    ),
    Fixture(
        "crc_mismatch.xlsx",
        "corrupt",
        "valid scadenzario with 64 bytes of the sheet XML overwritten",
        "CRC mismatch and broken XML in `sheet1.xml`; fastexcel 0.21 reads it without error "
        "and loses a customer name, so check CRCs (`zipfile.ZipFile.testzip`)",
        build_crc_mismatch,
    ),
    Fixture(
        "ole_garbage.xls",
        "corrupt",
        "OLE2 (.xls) header followed by noise",
        "`D0 CF 11 E0` signature, unreadable directory",
        build_ole_garbage,
    ),
    # encrypted
    Fixture(
        "password_protected.xlsx",
        "encrypted",
        "valid scadenzario encrypted with "
        f"password `{PASSWORD}` (msoffcrypto-tool, ECMA-376 agile)",
        "OLE2 file with `EncryptionInfo` and `EncryptedPackage` streams",
        tool_seed("password_protected.xlsx", build_encrypted, "msoffcrypto-tool"),
    ),
    # unsupported_format
    Fixture(
        "netsuite_spreadsheetml.xls",
        "unsupported_format",
        "NetSuite A/R Aging Summary as Excel 2003 XML",
        "SpreadsheetML: `<?xml` + `urn:schemas-microsoft-com:office:spreadsheet`",
        build_spreadsheetml,
    ),
    # empty
    Fixture(
        "empty_sheet.xlsx",
        "empty",
        "workbook with one sheet and no cells",
        "nothing to import",
        build_empty_sheet,
    ),
    Fixture("empty.csv", "empty", "0-byte file", "nothing to import", constant(b"")),
    Fixture(
        "blank_lines.csv",
        "empty",
        "UTF-8 BOM, then spaces, tabs and blank lines",
        "whitespace only (the BOM is not whitespace to `str.isspace`)",
        build_blank_lines_csv,
    ),
    Fixture(
        "only_separators.csv",
        "empty",
        "Excel CSV of a blank range: `;;;;;;;;` lines",
        "rows with no value in any field",
        build_only_separators_csv,
    ),
    Fixture(
        "header_only.xlsx",
        "no_rows",
        "two sheets with title block and header row only",
        "a report with no rows",
        build_header_only,
    ),
    # not_ageing
    Fixture(
        "balance_sheet_qbo.xlsx",
        "not_ageing",
        "real QuickBooks Online Balance Sheet Comparison + Profit and Loss",
        "financial statements, not open items",
        quickbooks_seed("balance_sheet_qbo.xlsx"),
    ),
    Fixture(
        "balance_sheet_qbd.xlsx",
        "not_ageing",
        "real QuickBooks Desktop Balance Sheet + Profit & Loss",
        "financial statements, not open items",
        quickbooks_seed("balance_sheet_qbd.xlsx"),
    ),
    Fixture(
        "conto_economico.xlsx",
        "not_ageing",
        "Italian income statement (Ricavi, Costi, Utile)",
        "P&L lines; dates appear only as column headers",
        build_conto_economico,
    ),
    Fixture(
        "inventario.ods",
        "not_ageing",
        "stock list (Articolo, Descrizione, Giacenza, Prezzo), LibreOffice .ods",
        "items and prices, no customers or due dates "
        "(`Descrizione` is also a customer-name synonym)",
        build_inventario,
    ),
    # ledger
    Fixture(
        "partitario.xlsx",
        "ledger",
        "partitario clienti, four accounts with `Saldo iniziale` and running `Saldo`",
        "Dare/Avere movements, not open items",
        build_partitario,
    ),
    Fixture(
        "estratto_conto.csv",
        "ledger",
        "estratto conto of one customer, cp1252, `;`, `1.234,56`",
        "Dare/Avere movements with a running balance",
        build_estratto_conto_csv,
    ),
    Fixture(
        "partitario_legacy.xls",
        "ledger",
        "BIFF8 .xls scheda contabile (xlwt) with `Riporto` and `Saldo progressivo`",
        "Dare/Avere movements, not open items",
        tool_seed("partitario_legacy.xls", build_partitario_xls, "xlwt"),
    ),
    # payables
    Fixture(
        "ap_aging_detail_qbo.xlsx",
        "payables",
        "QuickBooks Online A/P Aging Detail",
        "`Vendor display name`, `Bill`, `Past due`: money we owe",
        build_ap_aging_qbo_xlsx,
    ),
    Fixture(
        "ap_aging_qbo.csv",
        "payables",
        "QuickBooks Online A/P Aging Detail as CSV (BOM, ragged title rows, `1,284.50`)",
        "`Vendor display name`, `Bill`: money we owe",
        build_ap_aging_qbo_csv,
    ),
    Fixture(
        "scadenzario_fornitori.xlsx",
        "payables",
        "eSolver scadenzario grid, supplier side",
        "`Fornitore - Ragione sociale`, negative residuals: money we owe",
        build_scadenzario_fornitori,
    ),
    # missing_columns
    Fixture(
        "no_dates.xlsx",
        "missing_columns",
        "'Saldi clienti': customers, documents, amounts",
        "no due date and no document date to age by",
        build_no_dates,
    ),
    Fixture(
        "no_customer.xlsx",
        "missing_columns",
        "scadenzario with the customer columns removed",
        "due dates and amounts, but whose?",
        build_no_customer,
    ),
]

README_INTRO = f"""# Bad-input corpus

Files the importer must refuse with one clear sentence, never a traceback. Each file is built
by `make_bad_corpus.py`; `bad/expected.toml` maps each file name to the error code the importer
must give. This README and `expected.toml` are generated by the same script: edit the
`FIXTURES` table there, then run

    .venv/bin/python tests/corpus/make_bad_corpus.py

Extensions are the ones a user would upload, not the real content: the importer must sniff
bytes (`PK`, `D0 CF 11 E0`, `<?xml`, `%PDF`), not trust the extension (FORMATS.md §16 trap 28).

`seeds/` holds files the script copies rather than builds: the two real QuickBooks workbooks
(MIT, github.com/rschlemer/qb-excel-workpaper `sample-files/qb-online-before.xlsx` and
`qb-desktop-before.xlsx`, commit 76fff17, via the team's collection of real exports) and the two files
made with optional tools (msoffcrypto-tool, xlwt), which the script rebuilds identically when
those tools are importable. The password of `password_protected.xlsx` is `{PASSWORD}`. To
rebuild those seeds, keep the tools out of the project venv:

    python3 -m venv /tmp/corpus_tools
    /tmp/corpus_tools/bin/pip install openpyxl==3.1.5 msoffcrypto-tool xlwt
    /tmp/corpus_tools/bin/python tests/corpus/make_bad_corpus.py

Each file has one fault only: the damaged and encrypted files start from the same valid
scadenzario clienti, and the A/P, ledger and missing-column files are otherwise well formed.
"""


def readme(fixtures: Sequence[Fixture]) -> str:
    """README.md: intro, then one table row per file."""
    lines = [
        README_INTRO,
        "| file | what it is | expected code | why it is bad |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{f.name}` | {f.what} | `{f.code}` | {f.why} |" for f in fixtures]
    return "\n".join(lines) + "\n"


def expected_toml(fixtures: Sequence[Fixture]) -> str:
    """bad/expected.toml: file name to error code, in the order of FIXTURES."""
    lines = [
        "# Generated by tests/corpus/make_bad_corpus.py: file name -> importer error code.",
        "[files]",
    ]
    lines += [f'"{f.name}" = "{f.code}"' for f in fixtures]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write every fixture, expected.toml and README.md; report what was built."""
    BAD.mkdir(parents=True, exist_ok=True)
    names = [f.name for f in FIXTURES]
    assert len(names) == len(set(names)), "duplicate fixture name"
    for fixture in FIXTURES:
        data = fixture.build()
        (BAD / fixture.name).write_bytes(data)
        print(f"{fixture.code:<18} {fixture.name:<28} {len(data):>7} B  {sha256(data)[:12]}")
    (BAD / "expected.toml").write_text(expected_toml(FIXTURES), encoding="utf-8")
    # the good corpus' section (make_good_corpus.py) follows ours in the same README: keep it
    old = (HERE / "README.md").read_text(encoding="utf-8") if (HERE / "README.md").exists() else ""
    good = old[old.index("## Good corpus") :] if "## Good corpus" in old else ""
    (HERE / "README.md").write_text(readme(FIXTURES) + ("\n" + good if good else ""), encoding="utf-8")
    print(f"{len(FIXTURES)} files in {BAD}")


if __name__ == "__main__":
    main()
