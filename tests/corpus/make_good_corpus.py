"""Build the good corpus: ageing exports laid out as real systems write them, each with its truth.

Every file in `tests/corpus/good/` (but the two `scadenzario_legacy*.xls` of
make_legacy_xls.py, which serve the .xls reading tests) is made here from code: first the open
items (customers, documents, due dates, amounts in cents), then the file, laid out as the
system it imitates writes its ageing report. The truth comes from the same items, so what the
importer must find is known to the cent: the as-of date, the items, the customers, the open and
overdue cents per currency and the document numbers. `good/expected.toml` holds it, and the
good-corpus section of `README.md` names each layout's system and the public documentation or
sample it follows. tests/test_good_corpus.py imports every file and checks it against its truth.

Run it from the project root (openpyxl only; the .xls and .ods are written by writers.py):

    .venv/bin/python tests/corpus/make_good_corpus.py

Reruns give byte-identical files (fixed seeds, workbook properties and zip times).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

import tomli_w
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

from tests.corpus.make_bad_corpus import FIXED_TIME, normalise_zip
from tests.corpus.writers import ods_bytes, xls_bytes

HERE = Path(__file__).resolve().parent
GOOD = HERE / "good"
README = HERE / "README.md"
GOOD_SECTION = "## Good corpus"
D = dt.date
IT_AS_OF = D(2026, 9, 30)
US_AS_OF = D(2026, 9, 25)

Cell = str | int | float | dt.date | dt.datetime | None
Row = list[Cell]

# --------------------------------------------------------------------------------------------
# Open items
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One open item as the source system knows it; `imported` False: the file shows it but the
    importer must leave it out (paid, a supplier's payment)."""

    code: str
    name: str
    vat: str | None
    kind: str  # invoice, credit_note, payment
    number: str | None
    doc_date: dt.date
    due: dt.date | None
    amount: int  # cents, signed as the importer must give it
    open: int
    currency: str = "EUR"
    imported: bool = True
    parent: str | None = None  # a sub-customer's parent (NetSuite, QuickBooks jobs)

    @property
    def paid(self) -> int:
        return self.amount - self.open

    @property
    def due_or_doc(self) -> dt.date:
        return self.due or self.doc_date


IT_NAMES = [
    ("C00012", "Rossi & Figli S.n.c.", "01234567890"),
    ("C00085", "Totale Casa S.r.l.", "00123456789"),  # a customer whose name starts with "Totale"
    ("C00102", "Caffè Bianchi S.p.A.", "02345678901"),
    ("C00140", "Società Agricola Verdi", "03456789012"),
    ("C00163", "Officine Ferri S.r.l.", "04567890123"),
    ("C00201", "Moretti Logistica S.p.A.", "05678901234"),
    ("C00233", "Gialli Arredamenti S.a.s.", "06789012345"),
    ("C00250", "Studio Tecnico Neri", "07890123456"),
    ("C00301", "Lavanderia Greco S.r.l.", "08901234567"),
    ("C00317", "Ottica Marino S.n.c.", "09012345678"),
]
EN_NAMES = [
    ("1001", "Alvarez, Dana", None),
    ("1002", "Brown LLC", None),
    ("1003", "Clark & Sons Ltd", None),
    ("1004", "Delta Foods Inc.", None),
    ("1005", "Evergreen Cafe", None),
    ("1006", "Foster Plumbing Co.", None),
    ("1007", "Greenfield Dental", None),
    ("1008", "Harbor View Hotel", None),
]


def portfolio(
    seed: str,
    names: Sequence[tuple[str, str, str | None]],
    as_of: dt.date,
    *,
    per_customer: tuple[int, int] = (1, 4),
    credit: float = 0.1,
    partial: float = 0.2,
    paid: float = 0.0,
    instalments: float = 0.0,
    currencies: Sequence[str] = ("EUR",),
    numbers: Callable[[int], str] = lambda n: f"{n}/2026",
) -> list[Doc]:
    """Deterministic open items: a few documents per customer, some credit notes, some partly
    paid, optionally some fully paid (shown in the file, not imported) and instalments."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    counter = 100
    for code, name, vat in names:
        currency = rng.choice(list(currencies))
        for _ in range(rng.randint(*per_customer)):
            counter += rng.randint(1, 9)
            doc_date = as_of - dt.timedelta(days=rng.randint(5, 200))
            number = numbers(counter)
            if rng.random() < credit:
                cents = -rng.randint(20, 800) * 100 - rng.choice([0, 50, 99])
                docs.append(Doc(code, name, vat, "credit_note", number, doc_date, doc_date, cents, cents, currency))
                continue
            cents = rng.randint(80, 9000) * 100 + rng.randint(0, 99)
            due = doc_date + dt.timedelta(days=rng.choice([30, 60, 90]))
            if rng.random() < instalments:
                half = cents // 2
                for share, days in ((half, 0), (cents - half, 30)):
                    docs.append(
                        Doc(
                            code,
                            name,
                            vat,
                            "invoice",
                            number,
                            doc_date,
                            due + dt.timedelta(days=days),
                            share,
                            share,
                            currency,
                        )
                    )
                continue
            roll = rng.random()
            if roll < paid:
                docs.append(Doc(code, name, vat, "invoice", number, doc_date, due, cents, 0, currency, imported=False))
            elif roll < paid + partial:
                left = rng.randint(1, cents - 1)
                docs.append(Doc(code, name, vat, "invoice", number, doc_date, due, cents, left, currency))
            else:
                docs.append(Doc(code, name, vat, "invoice", number, doc_date, due, cents, cents, currency))
    return docs


def by_customer(docs: Sequence[Doc]) -> list[tuple[tuple[str, str, str | None], list[Doc]]]:
    """Documents grouped by customer, customers in first-seen order, documents by due date."""
    groups: dict[tuple[str, str, str | None], list[Doc]] = {}
    for doc in docs:
        groups.setdefault((doc.code, doc.name, doc.vat), []).append(doc)
    return [(key, sorted(items, key=lambda d: (d.due_or_doc, d.number or ""))) for key, items in groups.items()]


def total(docs: Sequence[Doc], attr: str = "open") -> int:
    return sum(getattr(d, attr) for d in docs)


# --------------------------------------------------------------------------------------------
# Values as exports write them
# --------------------------------------------------------------------------------------------


def it(cents: int) -> str:
    """`1.234,56` (Italian), `-200,00`."""
    text = f"{abs(cents) / 100:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"-{text}" if cents < 0 else text


def en(cents: int) -> str:
    """`1,234.56`, `-200.00`."""
    return f"{cents / 100:,.2f}"


def sap(cents: int) -> str:
    """`1.234,56-`: SAP lists put the minus after the number."""
    return it(abs(cents)) + ("-" if cents < 0 else "")


def num(cents: int) -> float:
    """A number cell (Excel stores a double; the importer reads it back to the cent)."""
    return round(cents / 100, 2)


def d_it(day: dt.date | None) -> str | None:
    return day.strftime("%d/%m/%Y") if day else None


def d_us(day: dt.date | None) -> str | None:
    return day.strftime("%m/%d/%Y") if day else None


def d_sap(day: dt.date | None) -> str | None:
    return day.strftime("%d.%m.%Y") if day else None


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: Sequence[Sequence[Cell]]
    merged: tuple[str, ...] = ()
    hidden: bool = False


def xlsx(*sheets: Sheet) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.creator = "make_good_corpus.py"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = ws.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.date):
                        cell.number_format = "DD/MM/YYYY"
                    elif isinstance(value, float):
                        cell.number_format = "#,##0.00"
        for cells in sheet.merged:
            ws.merge_cells(cells)
        if sheet.hidden:
            ws.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return normalise_zip(buffer.getvalue())


def text_table(
    rows: Sequence[Sequence[Cell]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding)


def merged_row(row: int, width: int) -> str:
    last = chr(ord("A") + width - 1)
    return f"A{row}:{last}{row}"


# --------------------------------------------------------------------------------------------
# The layouts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    name: str
    system: str
    source: str  # the public documentation or sample it follows
    classes: str  # what it exercises
    data: bytes
    docs: list[Doc]
    as_of: dt.date
    as_of_in_file: bool = True
    totals: int = 0  # report totals the importer must find and reconcile (at least)
    sheet: str | None = None  # the sheet the importer must pick
    layout: str = "detail"
    estimated: dict[str, int] = field(default_factory=dict)  # summary: overdue per currency
    doc_numbers: bool = True  # the file shows document numbers


LAYOUTS: list[Callable[[], Layout]] = []


def layout(build: Callable[[], Layout]) -> Callable[[], Layout]:
    LAYOUTS.append(build)
    return build


# --- Italian gestionali ------------------------------------------------------------------------

GESTIONALE_HEADER = [
    "Cod. cliente", "Ragione sociale", "Partita IVA", "Tipo doc.", "N. documento", "Data documento",
    "Data scadenza", "Tipo pagamento", "Importo", "Pagato", "Residuo", "Giorni scaduto",
]  # fmt: skip


def kind_it(doc: Doc) -> str:
    return {"invoice": "Fattura", "credit_note": "Nota di credito", "payment": "Incasso"}[doc.kind]


@layout
def gestionale_scadenzario() -> Layout:
    docs = portfolio("gestionale", IT_NAMES[:7], IT_AS_OF, paid=0.1, instalments=0.15)
    rows: list[Row] = [
        ["Scadenzario clienti al 30/09/2026"],
        ["OFFICINE BRAMBILLA S.P.A."],
        [],
        list(GESTIONALE_HEADER),
    ]
    totals = 0
    for (code, name, vat), items in by_customer(docs):
        for d in items:
            days = (IT_AS_OF - d.due_or_doc).days
            rows.append([code, name, vat, kind_it(d), d.number, d_it(d.doc_date), d_it(d.due), "RiBa 60 gg DF FM",
                         it(abs(d.amount)), it(abs(d.paid)), it(abs(d.open)), str(days)])  # fmt: skip
        rows.append([None, f"Totale cliente {code}", None, None, None, None, None, None,
                     it(total(items, "amount")), it(total(items, "paid")), it(total(items))])  # fmt: skip
        totals += 1
    rows += [[], [None, "Totale generale", None, None, None, None, None, None, it(total(docs, "amount")),
                  it(total(docs, "paid")), it(total(docs))]]  # fmt: skip
    return Layout(
        "gestionale_scadenzario.xlsx", "Italian gestionale (scadenzario clienti)", "FORMATS.md §11b (likely layout)",
        "title rows, text amounts 1.234,56, Importo/Pagato/Residuo, credit notes typed positive, instalments, "
        "fully paid rows, `Totale cliente`, `Totale generale`, a customer named `Totale ...`",
        xlsx(Sheet("Scadenzario", rows, merged=(merged_row(1, 12),))), docs, IT_AS_OF, totals=totals + 1,
    )  # fmt: skip


def zcode(code: str) -> str:
    """`C00012` -> `000012`: the six-digit account codes of Zucchetti and TeamSystem."""
    return f"{int(code[1:]):06d}"


COMPANY = "OFFICINE BRAMBILLA S.P.A."
ADDRESS = "Via Roma 1 - 20121 Milano (MI) - P.IVA 01234560158"


@layout
def zucchetti_stampa_scadenzario() -> Layout:
    """A printed scadenzario saved as Excel: page header and column header on every page, a merged
    `Cliente: 000095 - Rossi` row per customer, documents running on after a page break."""
    docs = portfolio("zucchetti", IT_NAMES, IT_AS_OF, per_customer=(2, 6), instalments=0.1)
    header = ["Data doc.", "Num. doc.", "Tipo", "Scadenza", "Tipo pag.", "Importo", "Pagato", "Residuo", "Gg. rit."]
    body: list[tuple[str, Row]] = []  # (what, row): "group" rows are merged across the page
    for (code, name, _), items in by_customer(docs):
        body.append(("group", [f"Cliente: {zcode(code)} - {name}"]))
        for d in items:
            body.append(("doc", [d_it(d.doc_date), d.number, "NC" if d.kind == "credit_note" else "FT", d_it(d.due),
                                 "Ri.Ba. 60 gg", num(d.amount), num(d.paid), num(d.open),
                                 (IT_AS_OF - d.due_or_doc).days]))  # fmt: skip
        body.append(("total", [f"Totale cliente {zcode(code)}", None, None, None, None, num(total(items, "amount")),
                               num(total(items, "paid")), num(total(items))]))  # fmt: skip
    body.append(("total", ["Totale generale", None, None, None, None, num(total(docs, "amount")),
                           num(total(docs, "paid")), num(total(docs))]))  # fmt: skip
    per_page = 14
    pages = -(-len(body) // per_page)
    rows: list[Row] = []
    merged: list[str] = []
    for page in range(pages):
        rows += [
            [COMPANY, None, None, None, None, None, None, None, f"Pagina {page + 1} di {pages}"],
            [ADDRESS],
            ["Data stampa: 21/11/2026 10:32"],
            ["SCADENZARIO CLIENTI AL 30/09/2026"],
            [],
            list(header),
        ]
        for what, row in body[page * per_page : (page + 1) * per_page]:
            rows.append(row)
            if what == "group":
                merged.append(merged_row(len(rows), 9))
        rows += [[], []]
    return Layout(
        "zucchetti_stampa_scadenzario.xlsx", "Zucchetti (Ad Hoc) printed scadenzario",
        "FORMATS.md §11b; §16 traps 1, 7, 8, 16",
        "printed report saved as Excel: page header block (company, address, `Pagina n di m`, print date that is not "
        "the as-of date) and column header on every page; merged `Cliente: 000095 - name` group rows; documents "
        "continuing after a page break with no new group row; `Totale cliente`, `Totale generale`",
        xlsx(Sheet("Stampa", rows, merged=tuple(merged))), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


@layout
def teamsystem_stampa_partite() -> Layout:
    """Code and name in two cells on the customer row, a bare `Totale` closing each customer,
    `A riportare` / `Riporto` carried-forward rows at each page break."""
    docs = portfolio("teamsystem", IT_NAMES[1:], IT_AS_OF, per_customer=(1, 5))
    header = ["Data doc.", "N. doc.", "Scadenza", "Mod. pag.", "Importo", "Residuo"]
    body: list[Row] = []
    for (code, name, vat), items in by_customer(docs):
        body.append([zcode(code), name, None, f"P.IVA {vat}"])
        for d in items:
            body.append([d_it(d.doc_date), d.number, d_it(d.due), "Bonifico 30 gg", it(d.amount), it(d.open)])
        body.append(["Totale", None, None, None, it(total(items, "amount")), it(total(items))])
    body.append(["Totale generale", None, None, None, it(total(docs, "amount")), it(total(docs))])
    rows: list[Row] = []
    carried = [0, 0]
    per_page = 12
    for page in range(-(-len(body) // per_page)):
        rows += [
            ["TEAMSYSTEM - Stampa partite aperte clienti", None, None, None, None, f"Pag. {page + 1}"],
            [f"Ditta: {COMPANY}"],
            ["Situazione al 30/09/2026", None, None, "Stampato il 21/11/2026 alle 10:32"],
            [],
            list(header),
        ]
        if page:
            rows.append(["Riporto", None, None, None, it(carried[0]), it(carried[1])])
        for row in body[page * per_page : (page + 1) * per_page]:
            rows.append(row)
            if isinstance(row[0], str) and re.match(r"\d{2}/", row[0]):
                carried = [carried[0] + int(str(row[4]).replace(".", "").replace(",", "")),
                           carried[1] + int(str(row[5]).replace(".", "").replace(",", ""))]  # fmt: skip
        if (page + 1) * per_page < len(body):
            rows.append(["A riportare", None, None, None, it(carried[0]), it(carried[1])])
        rows.append([])
    return Layout(
        "teamsystem_stampa_partite.xlsx", "TeamSystem printed open items (partite aperte)",
        "FORMATS.md §11b; §16 traps 8-10",
        "printed report: customer code and name in two separate cells (and the VAT number in a third), a bare `Totale` "
        "closing each customer (not the grand total), `A riportare` / `Riporto` carried-forward rows and repeated "
        "page header at each page break, print date next to the as-of date",
        xlsx(Sheet("Partite aperte", rows)), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


@layout
def continuation_rows() -> Layout:
    docs = portfolio("continuation", IT_NAMES[:8], IT_AS_OF, per_customer=(1, 5), instalments=0.1)
    rows: list[Row] = [["Scadenzario clienti al 30/09/2026"], [],
                       ["Codice", "Ragione sociale", "P.IVA", "Documento", "Data doc.", "Scadenza", "Importo",
                        "Residuo"]]  # fmt: skip
    for (code, name, vat), items in by_customer(docs):
        for i, d in enumerate(items):
            who = [code, name, vat] if i == 0 else [None, None, None]
            rows.append([*who, d.number, d.doc_date, d.due, num(d.amount), num(d.open)])
        rows.append(["Totale", None, None, None, None, None, num(total(items, "amount")), num(total(items))])
    rows.append(["Totale generale", None, None, None, None, None, num(total(docs, "amount")), num(total(docs))])
    return Layout(
        "continuation_rows.xlsx", "Italian gestionale, customer on its first row only", "FORMATS.md §11b, §16 trap 8",
        "continuation rows: code, name and VAT only on each customer's first row, blank below; a bare `Totale` "
        "closing each customer; `Totale generale`",
        xlsx(Sheet("Scadenze", rows)), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


@layout
def continuation_rows_csv() -> Layout:
    docs = portfolio("continuation-csv", IT_NAMES[2:], IT_AS_OF, per_customer=(1, 4), credit=0.15)
    rows: list[Row] = [["Scadenzario clienti al 30/09/2026"],
                       ["Cod.", "Cliente", "N. documento", "Data documento", "Data scadenza", "Importo",
                        "Residuo"]]  # fmt: skip
    for (code, name, _), items in by_customer(docs):
        for i, d in enumerate(items):
            who = [code, name] if i == 0 else [None, None]
            rows.append([*who, d.number, d_it(d.doc_date), d_it(d.due), it(d.amount), it(d.open)])
        rows.append([None, "Totale", None, None, None, it(total(items, "amount")), it(total(items))])
    rows.append([None, "Totale generale", None, None, None, it(total(docs, "amount")), it(total(docs))])
    return Layout(
        "continuation_rows.csv", "Italian desktop gestionale, CSV export", "FORMATS.md §11b, §16 traps 8, 26",
        "Windows-1252 CSV with `;` and decimal comma (`Società`, `Caffè`), code and name on the first row only, "
        "bare `Totale` per customer",
        text_table(rows, delimiter=";", encoding="cp1252"), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


@layout
def esolver_scadenzario() -> Layout:
    docs = portfolio("esolver", IT_NAMES[:6], IT_AS_OF, instalments=0.3, credit=0.15)
    header = ["S", "Scadenza bloccata", "Annotazione scadenza", "Scadenza", "Cliente - Codice",
              "Cliente - Ragione sociale", "Documento - Sigla", "Documento - Numero", "Documento - Data", "R.A.",
              "Importi in UdC - Residuo", "Valuta origine", "Tipo pagamento - Codice", "Tipo pagamento - Descrizione",
              "Giorni scaduto al 30/09/2026"]  # fmt: skip
    rows: list[Row] = [header]
    for d in sorted(docs, key=lambda d: (d.due_or_doc, d.code)):
        rows.append([None, None, None, d.due_or_doc, int(d.code[1:]), d.name, "NC" if d.kind == "credit_note" else "FT",
                     d.number, d.doc_date, None, num(d.open), None, 2, "RI.BA.",
(IT_AS_OF - d.due_or_doc).days])  # fmt: skip
    docs = [replace(d, code=str(int(d.code[1:]))) for d in docs]
    return Layout(
        "esolver_scadenzario.xlsx", "Sistemi eSolver, scadenzario grid export",
        "FORMATS.md §11a layout A (CONFIRMED header)",
        "header on row 1, as-of date inside a header (`Giorni scaduto al 30/09/2026`), numeric customer codes, "
        "FT/NC, signed residuals, instalments as separate rows, no totals",
        xlsx(Sheet("Scadenzario", rows)), docs, IT_AS_OF,
    )  # fmt: skip


@layout
def gestionale_legacy_xls() -> Layout:
    docs = portfolio("legacy-xls", IT_NAMES[3:9], IT_AS_OF, credit=0.2)
    rows: list[Row] = [[], ["Scadenzario clienti al 30/09/2026"], [],
                       ["Cod. cliente", "Ragione sociale", "N. documento", "Data documento", "Data scadenza", "Importo",
                        "Residuo"]]  # fmt: skip
    for (code, name, _), items in by_customer(docs):
        for d in items:
            rows.append([code, name, d.number, d.doc_date, d.due, num(d.amount), num(d.open)])
    rows.append([None, "Totale generale", None, None, None, num(total(docs, "amount")), num(total(docs))])
    data = xls_bytes([("Note", [["Esportato dal gestionale"], ["Formato Excel 97-2003"]]), ("Scadenzario", rows)])
    return Layout(
        "gestionale_legacy.xls", "Italian gestionale, Excel 97-2003 export",
        "FORMATS.md §11a layout B (legacy .XLS), §16 trap 28",
        "legacy BIFF8 .xls (written by writers.py), date cells as serials with a date format, a notes sheet first, "
        "title on row 2",
        data, docs, IT_AS_OF, totals=1, sheet="Scadenzario",
    )  # fmt: skip


@layout
def libreoffice_scadenzario() -> Layout:
    docs = portfolio("ods", IT_NAMES[:5], IT_AS_OF, credit=0.2, per_customer=(2, 4))
    rows: list[Row] = [["Scadenzario clienti al 30/09/2026"], [],
                       ["Cliente", "Partita IVA", "Numero fattura", "Data fattura", "Scadenza", "Importo",
                        "Residuo"]]  # fmt: skip
    for (_, name, vat), items in by_customer(docs):
        for d in items:
            rows.append([name, vat, d.number, d.doc_date, d.due, num(d.amount), num(d.open)])
        rows.append([f"Totale cliente {name}", None, None, None, None, num(total(items, "amount")), num(total(items))])
    docs = [replace(d, code=d.vat or d.code) for d in docs]
    return Layout(
        "libreoffice_scadenzario.ods", "LibreOffice Calc (.ods)", "OpenDocument 1.2 spreadsheet; FORMATS.md §11b",
        "an .ods written by hand (writers.py): date and float cells, `Totale cliente <name>`; customers keyed by VAT",
        ods_bytes([("Scadenzario", rows)]), docs, IT_AS_OF, totals=len(by_customer(docs)),
    )  # fmt: skip


@layout
def italian_semicolon_csv() -> Layout:
    docs = portfolio("semicolon", IT_NAMES, IT_AS_OF, per_customer=(1, 3))
    rows: list[Row] = [["Scadenzario clienti al 30/09/2026"], ["OFFICINE BRAMBILLA S.P.A."],
                       ["Cod. cliente", "Ragione sociale", "N. documento", "Data documento", "Data scadenza", "Importo",
                        "Residuo"]]  # fmt: skip
    for d in docs:
        rows.append([d.code, d.name, d.number, d_it(d.doc_date), d_it(d.due), it(d.amount), it(d.open)])
    rows.append([None, "Totale generale", None, None, None, it(total(docs, "amount")), it(total(docs))])
    return Layout(
        "italian_semicolon.csv", "Italian gestionale, CSV (Excel Italian locale)",
        "FORMATS.md §16 traps 19, 26 (INFERRED)",
        "CSV with `;`, decimal comma and thousands dot, Windows-1252, title and company rows, `Totale generale`",
        text_table(rows, delimiter=";", encoding="cp1252"), docs, IT_AS_OF, totals=1,
    )  # fmt: skip


@layout
def documento_column_csv() -> Layout:
    docs = portfolio("documento", IT_NAMES[:6], IT_AS_OF, numbers=lambda n: f"FT/2026/{n:04d}")
    rows: list[Row] = [["Cliente", "Estremi doc.", "Data", "Scadenza", "Importo"]]
    for d in docs:
        rows.append([d.name, d.number, d_it(d.doc_date), d_it(d.due), it(d.open)])
    docs = [replace(d, amount=d.open) for d in docs]
    return Layout(
        "documento_column.csv", "CSV from a web gestionale", "the silent-loss case of the issue; FORMATS.md §15",
        "a document-number column whose header is no synonym (`Estremi doc.`): chosen by its values, never dropped "
        "silently; no as-of date in the file",
        text_table(rows, delimiter=";"), [replace(d, code=d.name.upper()) for d in docs], IT_AS_OF, as_of_in_file=False,
    )  # fmt: skip


@layout
def multi_currency_totals() -> Layout:
    docs = portfolio("currencies", IT_NAMES[:9], IT_AS_OF, currencies=("EUR", "EUR", "USD", "CHF"))
    rows: list[Row] = [["Scadenzario clienti in valuta al 30/09/2026"], [],
                       ["Cod. cliente", "Ragione sociale", "N. documento", "Data scadenza", "Valuta",
                        "Importo", "Residuo"]]  # fmt: skip
    for (code, name, _), items in by_customer(docs):
        for d in items:
            rows.append([code, name, d.number, d.due, d.currency, num(d.amount), num(d.open)])
        rows.append([None, f"Totale cliente {code}", None, None, items[0].currency, num(total(items, "amount")),
                     num(total(items))])  # fmt: skip
    currencies = sorted({d.currency for d in docs})
    for cur in currencies:
        mine = [d for d in docs if d.currency == cur]
        label, cell = (f"Totale {cur}", None) if cur != "USD" else ("Totale", "USD")
        rows.append([None, label, None, None, cell, num(total(mine, "amount")), num(total(mine))])
    return Layout(
        "multi_currency_totals.xlsx", "Italian gestionale, several currencies", "FORMATS.md §16 traps 10, 34",
        "EUR, USD and CHF rows; a customer total per customer, then one grand total per currency: `Totale EUR`, "
        "`Totale CHF` (the currency in the label) and a `Totale` whose currency cell says USD",
        xlsx(Sheet("Scadenzario", rows)), docs, IT_AS_OF, totals=len(by_customer(docs)) + len(currencies),
    )  # fmt: skip


def composite(d: Doc) -> str:
    kind = "Nota di credito" if d.kind == "credit_note" else "Fattura"
    return f"{kind} n. {d.number} del {d_it(d.doc_date)}"


SUPPLIERS = [("F001", "Carta & Toner S.r.l.", None), ("F002", "Energia Nord S.p.A.", None)]


@layout
def danea_easyfatt_pagamenti() -> Layout:
    """Danea's Pagamenti list: receipts and payments together, a Sì/No/Parziale state, the
    payment account, the document packed in one description."""
    docs = portfolio("danea", IT_NAMES[:6], IT_AS_OF, paid=0.15, partial=0.2, credit=0.1)
    bills = portfolio("danea-bills", SUPPLIERS, IT_AS_OF, credit=0, partial=0)
    bills = [replace(b, imported=False) for b in bills]
    rows: list[Row] = [["Scadenza", "Tipo", "Soggetto", "Descrizione", "Importo", "Pagato", "Da saldare", "Conto",
                        "Pagamento"]]  # fmt: skip
    accounts = ["Banca Intesa c/c 1234", "Cassa", "UniCredit c/c 5678"]
    for i, d in enumerate(sorted([*docs, *bills], key=lambda d: (d.due_or_doc, d.code))):
        state = "Sì" if d.open == 0 else ("No" if d.open == d.amount else "Parziale")
        rows.append([d.due_or_doc, "Uscita" if d.code.startswith("F") else "Entrata", d.name, composite(d),
                     num(d.amount), state, num(d.open), accounts[i % 3],
                                                                 "Bonifico" if i % 2 else "Ri.Ba."])  # fmt: skip
    docs = [replace(d, code=d.name.upper()) for d in [*docs, *bills]]
    return Layout(
        "danea_easyfatt_pagamenti.xlsx", "Danea Easyfatt, Pagamenti (Entrate e Uscite)",
        "danea.it support FAQ argomento 13 (Pagamenti, stato da saldare); FORMATS.md §11b",
        "receipts and payments in one list (`Tipo` Entrata/Uscita: payments left out), `Pagato` holding Sì/No/Parziale "
        "(a state, not an amount), `Da saldare` as the open amount, `Conto` holding bank accounts (not the customer), "
        "`Fattura n. 112/2026 del 15/03/2026` packed in one cell; no as-of date in the file",
        xlsx(Sheet("Pagamenti", rows)), docs, IT_AS_OF, as_of_in_file=False,
    )  # fmt: skip


@layout
def fatture_in_cloud_scadenze() -> Layout:
    docs = portfolio("fic", IT_NAMES[2:], IT_AS_OF, instalments=0.4, paid=0.15, partial=0.15, credit=0.05)
    rows: list[Row] = [["Cliente", "P.IVA/C.F.", "Documento", "Data scadenza", "Importo rata", "Pagato", "Da saldare",
                        "Conto", "Metodo di pagamento"]]  # fmt: skip
    for d in sorted(docs, key=lambda d: (d.name, d.due_or_doc)):
        state = "Sì" if d.open == 0 else ("No" if d.open == d.amount else "Parziale")
        rows.append([d.name, d.vat, composite(d), d_it(d.due_or_doc), it(d.amount), state, it(d.open),
                     "Banca Intesa c/c 1234" if d.open == 0 else None, "Bonifico"])  # fmt: skip
    docs = [replace(d, code=d.vat or d.code) for d in docs]
    return Layout(
        "fatture_in_cloud_scadenze.xlsx", "Fatture in Cloud, scadenze (one row per instalment)",
        "Fatture in Cloud API model IssuedDocumentPaymentsListItem (rubydoc fattureincloud_ruby_sdk); "
        "help.fattureincloud.it articolo 179; FORMATS.md §11b",
        "instalments (`Importo rata`) next to the residual (`Da saldare`: the open amount), `Pagato` Sì/No/Parziale, "
        "`Conto` payment account, document type, number and date in one cell; no as-of date in the file",
        xlsx(Sheet("Scadenze", rows)), docs, IT_AS_OF, as_of_in_file=False,
    )  # fmt: skip


@layout
def fatture_in_cloud_stato() -> Layout:
    docs = portfolio("fic-stato", IT_NAMES[:7], IT_AS_OF, paid=0.25, partial=0.0, credit=0.0)
    rows: list[Row] = [["Scadenzario clienti al 30/09/2026"], [],
                       ["Cliente", "Documento", "Scadenza", "Importo", "Saldato"]]  # fmt: skip
    for d in docs:
        rows.append([d.name, composite(d), d_it(d.due_or_doc), it(d.amount), "Sì" if d.open == 0 else "No"])
    docs = [replace(d, code=d.name.upper()) for d in docs]
    return Layout(
        "fatture_in_cloud_stato.xlsx", "Fatture in Cloud, scadenzario with a payment state only",
        "Fatture in Cloud payment `status` (paid / not paid), FORMATS.md §11b",
        "no residual column: `Saldato` Sì/No says which instalments are closed; the document packed in one cell",
        xlsx(Sheet("Scadenzario", rows)), docs, IT_AS_OF,
    )  # fmt: skip


@layout
def summary_first_workbook() -> Layout:
    docs = portfolio("summary-first", IT_NAMES[:6], IT_AS_OF)
    summary: list[Row] = [["Riepilogo crediti al 30/09/2026"], [],
                          ["Cliente", "Totale", "A scadere", "Scaduto 0-30", "Scaduto 31-60", "Scaduto 61-90",
                           "Oltre 90"]]  # fmt: skip
    for (_, name, _), items in by_customer(docs):
        ages = [(IT_AS_OF - d.due_or_doc).days for d in items]
        cells = [sum(d.open for d, a in zip(items, ages, strict=True) if lo <= a <= hi)
                 for lo, hi in ((-9999, 0), (1, 30), (31, 60), (61, 90), (91, 9999))]  # fmt: skip
        summary.append([name, num(total(items)), *[num(c) if c else None for c in cells]])
    detail: list[Row] = [["Scadenzario clienti al 30/09/2026"], [],
                         ["Cliente", "N. documento", "Data documento", "Data scadenza", "Importo",
                          "Residuo"]]  # fmt: skip
    for d in docs:
        detail.append([d.name, d.number, d.doc_date, d.due, num(d.amount), num(d.open)])
    detail.append(["Totale generale", None, None, None, num(total(docs, "amount")), num(total(docs))])
    docs = [replace(d, code=d.name.upper()) for d in docs]
    return Layout(
        "summary_first_workbook.xlsx", "Italian gestionale, workbook with a summary sheet first",
        "FORMATS.md §16 trap 15", "a bucket summary on the first sheet, the detail on the second: the detail is read",
        xlsx(Sheet("Riepilogo", summary), Sheet("Dettaglio", detail)), docs, IT_AS_OF, totals=1, sheet="Dettaglio",
    )  # fmt: skip


# --- QuickBooks, Xero ---------------------------------------------------------------------------

QBO_SECTIONS = [  # oldest first, as QuickBooks Online writes them
    ("91 or more days past due", 91, 99999),
    ("61 - 90 days past due", 61, 90),
    ("31 - 60 days past due", 31, 60),
    ("1 - 30 days past due", 1, 30),
    ("Current", -99999, 0),
]


def us_docs(seed: str, as_of: dt.date, names: Sequence[tuple[str, str, str | None]] = EN_NAMES) -> list[Doc]:
    docs = portfolio(seed, names, as_of, currencies=("USD",), numbers=lambda n: f"{1000 + n}", credit=0.15)
    rng = random.Random(seed + "-payment")
    code, name, _ = names[1]
    paid_on = as_of - dt.timedelta(days=rng.randint(3, 20))
    return [*docs, Doc(code, name, None, "payment", None, paid_on, None, -12500, -12500, "USD")]


def qbo_type(d: Doc) -> str:
    return {"invoice": "Invoice", "credit_note": "Credit Memo", "payment": "Payment"}[d.kind]


def qbo_rows(docs: Sequence[Doc], as_of: dt.date, text: Callable[[int], Cell]) -> tuple[list[Row], int]:
    rows: list[Row] = []
    totals = 0
    for label, low, high in QBO_SECTIONS:
        mine = [d for d in docs if low <= (as_of - d.due_or_doc).days <= high]
        if not mine:
            continue
        rows.append([label])
        for d in sorted(mine, key=lambda d: (d.doc_date, d.number or "")):
            due = None if d.kind != "invoice" else d_us(d.due)
            rows.append(
                [None, d_us(d.doc_date), qbo_type(d), d.number, d.name, None, due, text(d.amount), text(d.open)]
            )
        rows.append(
            [f"Total for {label}", None, None, None, None, None, None, text(total(mine, "amount")), text(total(mine))]
        )
        totals += 1
    rows.append(["TOTAL", None, None, None, None, None, None, text(total(docs, "amount")), text(total(docs))])
    return rows, totals + 1


QBO_HEADER: Row = [None, "Date", "Transaction type", "Num", "Customer full name", "Location full name", "Due date",
                   "Amount", "Open balance"]  # fmt: skip


@layout
def qbo_ar_aging_detail() -> Layout:
    docs = us_docs("qbo", US_AS_OF)
    body, totals = qbo_rows(docs, US_AS_OF, num)
    rows = [["Acme Srl"], ["A/R Aging Detail"], ["As of September 25, 2026"], [], QBO_HEADER, *body, [], [],
            ["Thursday, September 25, 2026 11:05 AM GMT-07:00"]]  # fmt: skip
    merged = (*(merged_row(r, 9) for r in (1, 2, 3)), merged_row(len(rows), 9))
    return Layout(
        "qbo_ar_aging_detail.xlsx", "QuickBooks Online, A/R Aging Detail",
        "FORMATS.md §1, §1b (CONFIRMED: masontcs/safety-network-dashboard lib/cmr/ap-import-qbo.test.ts; "
        "rschlemer/qb-excel-workpaper sample-files/qb-online-before.xlsx)",
        "merged title block, header on row 5 with a blank column A, bucket sections oldest first with "
        "`Total for <bucket>`, `TOTAL`, timestamp footer; US text dates; credit memos and an unapplied payment "
        "without due date",
        xlsx(Sheet("A R Aging Detail ", rows, merged=merged)), docs, US_AS_OF, totals=totals,
    )  # fmt: skip


@layout
def qbo_ar_aging_detail_csv() -> Layout:
    docs = us_docs("qbo-csv", US_AS_OF, EN_NAMES[2:])
    docs = [replace(d, number=f"000{d.number}") if d.number else d for d in docs]
    body, totals = qbo_rows(docs, US_AS_OF, en)
    rows = [["A/R Aging Detail"], ["Acme Srl"], ["As of September 25, 2026"], [], QBO_HEADER, *body, [], [],
            ["Thursday, September 25, 2026 11:05 AM GMT-07:00 - Accrual Basis"]]  # fmt: skip
    return Layout(
        "qbo_ar_aging_detail.csv", "QuickBooks Online, A/R Aging Detail (CSV)",
        "FORMATS.md §1 (CSV: text amounts `1,284.50`, `Num` with leading zeros)",
        "title first then company, amounts as text with thousands commas, document numbers with leading zeros, "
        "sections and `Total for`, footer with `Accrual Basis`",
        text_table(rows), docs, US_AS_OF, totals=totals,
    )  # fmt: skip


@layout
def qbd_ar_aging_detail() -> Layout:
    docs = portfolio("qbd", EN_NAMES[:6], US_AS_OF, numbers=lambda n: f"{4000 + n}")
    sections = [
        ("Current", -99999, 0),
        ("1 - 30", 1, 30),
        ("31 - 60", 31, 60),
        ("61 - 90", 61, 90),
        ("> 90", 91, 99999),
    ]
    rows: list[Row] = [[None, None, None, "Type", None, "Date", None, "Num", None, "Name", None, "Due Date", None,
                        "Aging", None, "Open Balance"]]  # fmt: skip
    totals = 0
    serial = lambda day: (day - D(1899, 12, 30)).days if day else None  # noqa: E731
    for label, low, high in sections:
        mine = [d for d in docs if low <= (US_AS_OF - d.due_or_doc).days <= high]
        if not mine:
            continue
        rows.append([label])
        for d in mine:
            due = serial(d.due) if d.kind == "invoice" else None
            age = (US_AS_OF - d.due_or_doc).days
            rows.append([None, None, None, "Credit Memo" if d.kind == "credit_note" else "Invoice", None,
                         serial(d.doc_date), None, d.number, None, d.name, None, due, None, age if age > 0 else None,
                         None, num(d.open)])  # fmt: skip
        rows.append([f"Total {label}", *[None] * 14, num(total(mine))])
        totals += 1
    rows.append(["TOTAL", *[None] * 14, num(total(docs))])
    tips = [["QuickBooks Desktop Export Tips"], [], ["Use Excel's filters to sort the report."]]
    return Layout(
        "qbd_ar_aging_detail.xlsx", "QuickBooks Desktop, A/R Aging Detail",
        "FORMATS.md §3 (CONFIRMED for the A/P version: masontcs lib/cmr/ap-import.test.ts, STS AP 92226.xlsx)",
        "a notes sheet first, spacer columns, header on row 1, dates as Excel serial numbers, `Total <bucket>`, "
        "`TOTAL`; no as-of date in the cells (it is in the print header)",
        xlsx(Sheet("QuickBooks Desktop Export Tips", tips), Sheet("Sheet1", rows)), docs, US_AS_OF,
        as_of_in_file=False, totals=totals + 1, sheet="Sheet1",
    )  # fmt: skip


def xero_bucket(days: int) -> int:
    """Index of the Xero month bucket: < 1 Month, 1 Month, 2 Months, 3 Months, Older (0 = current)."""
    if days <= 0:
        return 0
    return min(5, 1 + (days - 1) // 30)


@layout
def xero_aged_receivables_detail() -> Layout:
    docs = portfolio("xero", IT_NAMES[2:8], IT_AS_OF, numbers=lambda n: f"INV-{n:04d}", credit=0.15)
    docs = [replace(d, number=None) if d.kind == "credit_note" else d for d in docs]  # Xero credit notes: no number
    header: Row = ["Contact Account Number", "Invoice Date", "Due Date", "Invoice Number", "Invoice Reference",
                   "Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older", None, "Total"]  # fmt: skip
    rows: list[Row] = [["Aged Receivables Detail"], ["Demo Srl"], ["As at 30 September 2026"], ["Ageing by due date"],
                       [], header, []]  # fmt: skip
    columns = [0.0] * 6
    for (_, name, _), items in by_customer(docs):
        rows.append([name])
        sums = [0] * 6
        for d in items:
            cells = [0] * 6
            cells[xero_bucket((IT_AS_OF - d.due_or_doc).days)] = d.open
            sums = [a + b for a, b in zip(sums, cells, strict=True)]
            rows.append([None, d.doc_date, d.due, d.number, "PO 12" if d.number else "Credit", *map(num, cells), None,
                         num(d.open)])  # fmt: skip
        rows.append([f"Total {name}", None, None, None, None, *map(num, sums), None, num(total(items))])
        columns = [a + b for a, b in zip(columns, sums, strict=True)]
    grand = sum(columns)
    rows.append(["Total", None, None, None, None, *map(num, [int(c) for c in columns]), None, num(int(grand))])
    rows.append(["Percentage of total", None, None, None, None, *[round(c / grand, 4) for c in columns], None, 1])
    docs = [replace(d, code=d.name.upper()) for d in docs]
    return Layout(
        "xero_aged_receivables_detail.xlsx", "Xero, Aged Receivables Detail",
        "FORMATS.md §5 (CONFIRMED: tejasmakesmusic/receivables-ageing-dashboard, MANTARAV export)",
        "title, organisation, `As at 30 September 2026`, `Ageing by due date`; contact on its own row, "
        "`Total <contact>`, `Total`, `Percentage of total`; month buckets beside `Total` (the open amount), an "
        "empty `Contact Account Number` column, a blank header cell, credit notes without a number",
        xlsx(Sheet("Aged Receivables Detail", rows)), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


@layout
def xero_aged_receivables_detail_csv() -> Layout:
    names = [("X1", "Alvarez, Dana", None), ("X2", "Harbor View Hotel\nRestaurant", None), ("X3", "Brown LLC", None),
             ("X4", "Clark & Sons Ltd", None)]  # fmt: skip
    docs = portfolio("xero-csv", names, IT_AS_OF, numbers=lambda n: f"INV-{n:04d}", credit=0.0)
    rows: list[Row] = [["Aged Receivables Detail"], ["Demo Srl"], ["As at 30 September 2026"], ["Ageing by due date"],
                       [], ["Invoice Date", "Due Date", "Invoice Number", "Invoice Reference", "< 1 Month", "1 Month",
                            "2 Months", "3 Months", "Older", "Total"]]  # fmt: skip
    for (_, name, _), items in by_customer(docs):
        rows.append([name])
        for d in items:
            cells = [0] * 5
            cells[max(0, xero_bucket((IT_AS_OF - d.due_or_doc).days) - 1)] = d.open
            rows.append([d.doc_date.isoformat(), d.due.isoformat() if d.due else None, d.number, None,
                         *[f"{c / 100:.2f}" for c in cells], f"{d.open / 100:.2f}"])  # fmt: skip
        rows.append([f"Total {name}", None, None, None, None, None, None, None, None, f"{total(items) / 100:.2f}"])
    rows.append(["Total", None, None, None, None, None, None, None, None, f"{total(docs) / 100:.2f}"])
    docs = [replace(d, code=" ".join(d.name.upper().split())) for d in docs]
    return Layout(
        "xero_aged_receivables_detail.csv", "Xero, Aged Receivables Detail (CSV)",
        "FORMATS.md §4-5 (CORROBORATED: UTF-8 with BOM, names with commas and newlines, ISO dates in fixtures)",
        "UTF-8 CSV with BOM, ISO text dates, contact names with a comma and an embedded newline, `Total <contact>`",
        text_table(rows, bom=True), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


# --- SAP ------------------------------------------------------------------------------------------

SAP_NAMES = [("100123", "Rossi", None), ("100200", "Bianchi", None), ("100310", "Verdi", None),
             ("100455", "Neri", None), ("100502", "Gialli", None)]  # fmt: skip


def sap_docs(seed: str, currencies: Sequence[str] = ("EUR", "EUR", "USD")) -> list[Doc]:
    docs = portfolio(seed, SAP_NAMES, IT_AS_OF, currencies=currencies, numbers=lambda n: f"90000{n:05d}", credit=0.0)
    rng = random.Random(seed + "-dz")
    payments = []
    for code, name, _ in SAP_NAMES[:3]:
        cur = next(d.currency for d in docs if d.code == code)
        day = IT_AS_OF - dt.timedelta(days=rng.randint(5, 60))
        cents = -rng.randint(100, 900) * 100
        payments.append(
            Doc(code, name, None, "payment", f"14000{rng.randint(10000, 99999)}", day, day, cents, cents, cur)
        )
    return [*docs, *payments]


def sap_type(d: Doc) -> str:
    return "DZ" if d.kind == "payment" else "RV"


@layout
def sap_fbl5n() -> Layout:
    docs = sap_docs("fbl5n")
    header = ["Account", "Assignment", "Document Number", "Document Type", "Document Date", "Net due date",
              "Arrears after net due date", "Amount in local currency", "Local Currency", "Text"]  # fmt: skip
    rows: list[Row] = [header]
    blank = [None] * 7
    totals = 0
    for (code, _, _), items in by_customer(docs):
        for d in items:
            rows.append([code, "4711", d.number, sap_type(d), d.doc_date, d.due_or_doc, (IT_AS_OF - d.due_or_doc).days,
                         num(d.open), d.currency, "payment" if d.kind == "payment" else None])  # fmt: skip
        rows.append([*blank, num(total(items)), items[0].currency, None])
        totals += 1
    for cur in sorted({d.currency for d in docs}):
        rows.append([*blank, num(total([d for d in docs if d.currency == cur])), cur, None])
        totals += 1
    return Layout(
        "sap_fbl5n.xlsx", "SAP ECC/S4 FBL5N, ALV list exported to Excel",
        "FORMATS.md §8a (CONFIRMED: parsers of real FBL5N exports)",
        "header on row 1, subtotal rows with a blank account, one grand total per currency at the bottom, DZ payments "
        "negative, `Arrears after net due date` in days; no as-of date in the file",
        xlsx(Sheet("Sheet1", rows)), docs, IT_AS_OF, as_of_in_file=False, totals=totals,
    )  # fmt: skip


def sap_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "|" + "|".join(c.ljust(w) if i < 2 else c.rjust(w) if i in (6, 7) else c.ljust(w)
                          for i, (c, w) in enumerate(zip(cells, widths, strict=True))) + "|"  # fmt: skip


@layout
def sap_fbl5n_list_txt() -> Layout:
    """The list output saved as an unconverted local file: pipes, dashed rules, `*` and `**` lines,
    abbreviated headings, trailing minus, two company codes."""
    docs_1000 = sap_docs("list-1000", ("EUR", "EUR", "USD"))
    docs_2000 = [replace(d, number=d.number.replace("900", "910", 1) if d.number else None)
                 for d in sap_docs("list-2000", ("EUR", "CHF"))]  # fmt: skip
    widths = [2, 10, 10, 3, 10, 10, 6, 16, 5]
    head = ["St", "Account", "DocumentNo", "Typ", "Doc..Date", "Net due dt", "Arrear", "Amount in LC", "LCurr"]
    rule = "-" * (sum(widths) + len(widths) + 1)
    lines: list[str] = []
    totals = 0
    for page, (company, docs) in enumerate((("1000", docs_1000), ("2000", docs_2000)), start=1):
        lines += [f"21.11.2026{'Customer Line Item Display'.center(60)}{page:>8}", "Key date 30.09.2026", rule,
                  f"Company Code {company}", rule, sap_line(head, widths), rule]  # fmt: skip
        for (code, _, _), items in by_customer(docs):
            for d in items:
                lines.append(sap_line(["", code, d.number or "", sap_type(d), d_sap(d.doc_date) or "",
                                       d_sap(d.due_or_doc) or "", str((IT_AS_OF - d.due_or_doc).days), sap(d.open),
                                       d.currency], widths))  # fmt: skip
            lines.append(rule)
            for cur in sorted({d.currency for d in items}):
                mine = [d for d in items if d.currency == cur]
                lines.append(sap_line(["*", code, "", "", "", "", "", sap(total(mine)), cur], widths))
                totals += 1
            lines.append(rule)
        for cur in sorted({d.currency for d in docs}):
            lines.append(
                sap_line(
                    ["**", "", "", "", "", "", "", sap(total([d for d in docs if d.currency == cur])), cur], widths
                )
            )
            totals += 1
        lines += [rule, ""]
    both = [*docs_1000, *docs_2000]
    for cur in sorted({d.currency for d in both}):
        lines.append(
            sap_line(["***", "", "", "", "", "", "", sap(total([d for d in both if d.currency == cur])), cur], widths)
        )
        totals += 1
    return Layout(
        "sap_fbl5n_list.txt", "SAP FBL5N list output, unconverted local file",
        "FORMATS.md §8a (`1.234,56-` trailing minus INFERRED for SAP lists); help.sap.com SAP Library "
        "'Saving Layouts' (ALV lists: totals and subtotals rows, summation levels); stechno.net RFDEPL00 "
        "documentation (balances grouped by account and currency, totals per company code)",
        "pipe-separated list with dashed rules, abbreviated headings (`DocumentNo`, `Typ`, `Doc..Date`, `Net due dt`, "
        "`Amount in LC`, `LCurr`), trailing minus, `*` per account and currency, `**` per company code and currency, "
        "`***` overall, two company codes, EUR/USD/CHF, page header repeated with the print date",
        "\r\n".join(lines).encode("utf-8"), both, IT_AS_OF, totals=totals,
    )  # fmt: skip


@layout
def sap_fbl5n_unconverted_xls() -> Layout:
    """`.xls` that is tab-separated text: amounts in document and in local currency."""
    docs = portfolio("sap-dc", SAP_NAMES, IT_AS_OF, currencies=("USD", "GBP", "EUR"), numbers=lambda n: f"90000{n:05d}")
    rate = {"USD": 0.9, "GBP": 1.17, "EUR": 1.0}
    lines = ["Customer line items", "", "\t".join(["Account", "DocumentNo", "Doc. Date", "Net due dt", "Amount in DC",
                                                    "Curr.", "Amount in LC", "LCurr"])]  # fmt: skip
    for d in docs:
        local = round(d.open * rate[d.currency])
        lines.append("\t".join([d.code, d.number or "", d_sap(d.doc_date) or "", d_sap(d.due_or_doc) or "", sap(d.open),
                                d.currency, sap(local), "EUR"]))  # fmt: skip
    return Layout(
        "sap_fbl5n_unconverted.xls", "SAP FBL5N saved as 'unconverted' .xls (tab-separated text)",
        "FORMATS.md §8a, §16 trap 28 (SAP `.xls` that is text), trap 34 (document vs local currency)",
        "a .xls that is really tab-separated text; amounts in document currency (kept) next to local-currency amounts, "
        "each with its own currency column",
        "\r\n".join(lines).encode("cp1252"), docs, IT_AS_OF, as_of_in_file=False,
    )  # fmt: skip


# --- Odoo ---------------------------------------------------------------------------------------


def bucket_docs(docs: Sequence[Doc], as_of: dt.date, buckets: Sequence[tuple[str, int, int]]) -> list[Doc]:
    """The estimated items a bucket summary gives: one per customer and non-empty bucket."""
    out = []
    for (code, name, vat), items in by_customer(docs):
        for label, low, high in buckets:
            cents = sum(d.open for d in items if low <= (as_of - d.due_or_doc).days <= high)
            if cents:
                due = as_of if high <= 0 else as_of - dt.timedelta(days=max(1, low))
                out.append(Doc(code, name, vat, "invoice", label, due, due, cents, cents, items[0].currency))
    return out


ODOO_BUCKETS = [("At Date", -99999, 0), ("1-30", 1, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("91-120", 91, 120),
                ("Older", 121, 99999)]  # fmt: skip


@layout
def odoo_aged_receivable() -> Layout:
    docs = portfolio("odoo-ee", IT_NAMES[:7], IT_AS_OF)
    estimated = bucket_docs(docs, IT_AS_OF, ODOO_BUCKETS)
    header: Row = [None, "Invoice Date", "Due Date", "Amount Currency", "Currency", "Account",
                   *[b[0] for b in ODOO_BUCKETS], "Total"]  # fmt: skip
    lines: list[Row] = []
    grand = [0] * 7
    for (_, name, _), items in by_customer(docs):
        cells = [sum(d.open for d in items if lo <= (IT_AS_OF - d.due_or_doc).days <= hi) for _, lo, hi in ODOO_BUCKETS]
        cells.append(sum(cells))
        grand = [a + b for a, b in zip(grand, cells, strict=True)]
        lines.append([name, None, None, None, None, None, *[num(c) if c else None for c in cells]])
    rows: list[Row] = [["Aged Receivable"], ["Demo Srl"], ["As of 30/09/2026"], [], header,
                       ["Aged Receivable", None, None, None, None, None, *map(num, grand)], *lines,
                       ["Total Aged Receivable", None, None, None, None, None, *map(num, grand)]]  # fmt: skip
    return Layout(
        "odoo_aged_receivable.xlsx", "Odoo Enterprise, Aged Receivable (folded)",
        "FORMATS.md §10a (CONFIRMED line structure: Odoo TestAgedReceivableReport; "
        "Harsha24798/Aged-Receivable---Group-By-Currency LEARNING.md)",
        "bucket summary: the report's own total as the first row (no `Total` label), partner rows, "
        "`Total Aged Receivable`; date, currency and account columns left empty when folded; due dates estimated",
        xlsx(Sheet("Aged Receivable", rows)), estimated, IT_AS_OF, totals=2, layout="summary",
    )  # fmt: skip


OCA_BUCKETS = [("Attuale", -99999, 0), ("Età ≤ 30 g.", 1, 30), ("Età ≤ 60 g.", 31, 60), ("Età ≤ 90 g.", 61, 90),
               ("Età ≤ 120 g.", 91, 120), ("Più vecchio", 121, 99999)]  # fmt: skip


@layout
def oca_aged_partner_balance() -> Layout:
    first = portfolio("oca-1210", IT_NAMES[:5], IT_AS_OF)
    second = portfolio("oca-1220", IT_NAMES[5:], IT_AS_OF)
    rows: list[Row] = [["Scadenzario clienti/fornitori - Officine Brambilla S.p.A. - EUR"], [], [],
                       [None, "Filtro alla data", None, "30/09/2026"],
                       [None, "Filtro registrazioni", None, "Tutte le registrazioni confermate"], [], []]  # fmt: skip
    for account, docs in (("1210 - Crediti v/clienti Italia", first), ("1220 - Crediti v/clienti esteri", second)):
        rows += [[account], ["Partner", "Saldo", *[b[0] for b in OCA_BUCKETS]]]
        sums = [0] * 7
        for (_, name, _), items in by_customer(docs):
            cells = [
                sum(d.open for d in items if lo <= (IT_AS_OF - d.due_or_doc).days <= hi) for _, lo, hi in OCA_BUCKETS
            ]
            sums = [a + b for a, b in zip(sums, [sum(cells), *cells], strict=True)]
            rows.append([name, num(sum(cells)), *map(num, cells)])
        rows += [["Totale", *map(num, sums)], ["Percentuali", None, *[round(c / sums[0], 4) for c in sums[1:]]], [], []]
    estimated = bucket_docs([*first, *second], IT_AS_OF, OCA_BUCKETS)
    estimated = [replace(d, code=d.name.upper()) for d in estimated]
    return Layout(
        "oca_aged_partner_balance.xlsx", "Odoo OCA account_financial_report, Aged Partner Balance (Italian)",
        "FORMATS.md §10b (CONFIRMED from OCA/account-financial-reporting aged_partner_balance_xlsx.py and it.po)",
        "bucket summary in Italian, `Filtro alla data` with the date in a later cell, one block per receivable "
        "account (title, header, rows, `Totale`, `Percentuali`), zero buckets written as 0; due dates estimated",
        xlsx(Sheet("Scadenzario clienti fornitori", rows, merged=(merged_row(1, 8), "B4:C4"))), estimated, IT_AS_OF,
        totals=2, layout="summary",
    )  # fmt: skip


@layout
def oca_aged_partner_details() -> Layout:
    docs = portfolio("oca-details", IT_NAMES[:6], IT_AS_OF, numbers=lambda n: f"INV/2026/{n:05d}")
    header: Row = ["Data", "Registrazione", "Registro", "Conto", "Partner", "Rif - Etichetta", "Scadenza", "Saldo",
                   *[b[0] for b in OCA_BUCKETS]]  # fmt: skip
    rows: list[Row] = [["Scadenzario clienti/fornitori - Officine Brambilla S.p.A. - EUR"], [],
                       [None, "Filtro alla data", None, "30/09/2026"], [], ["1210 - Crediti v/clienti"]]  # fmt: skip
    totals = 0
    for (_, name, _), items in by_customer(docs):
        rows += [[name], list(header)]
        sums = [0] * 7
        for d in items:
            cells = [d.open if lo <= (IT_AS_OF - d.due_or_doc).days <= hi else 0 for _, lo, hi in OCA_BUCKETS]
            sums = [a + b for a, b in zip(sums, [d.open, *cells], strict=True)]
            rows.append([d_it(d.doc_date), d.number, "Fatture clienti", "1210", name, f"{d.number} - vendita",
                         d_it(d.due_or_doc), num(d.open), *map(num, cells)])  # fmt: skip
        rows += [["Partner - Saldo progressivo", None, None, None, None, None, None, *map(num, sums)], []]
        totals += 1
    rows.append(["Totale", None, None, None, None, None, None, num(total(docs))])
    docs = [replace(d, code=d.name.upper()) for d in docs]
    return Layout(
        "oca_aged_partner_details.xlsx", "Odoo OCA, Aged Partner Balance with move line details",
        "FORMATS.md §10b (details mode: partner title, header per partner, `Partner - Saldo progressivo`)",
        "a header per partner (repeated headers), dates as text, `Conto` holding the ledger account (not the "
        "customer), `Registrazione` as the document, `Partner - Saldo progressivo` subtotals",
        xlsx(Sheet("Scadenzario", rows, merged=(merged_row(1, 14),))), docs, IT_AS_OF, totals=totals + 1,
    )  # fmt: skip


@layout
def odoo_due_list_grouped() -> Layout:
    docs = portfolio("odoo-due", IT_NAMES[:6], IT_AS_OF, numbers=lambda n: f"FV/2026/{n:04d}", instalments=0.2)
    rows: list[Row] = [["Data fattura", "Fattura", "Conto", "Scadenza", "Importo residuo"]]
    for (_, name, _), items in by_customer(docs):
        rows.append([f"{name} ({len(items)})", None, None, None, num(total(items))])
        for d in items:
            rows.append([d.doc_date, d.number, "1210 Crediti v/clienti", d.due_or_doc, num(d.open)])
    docs = [replace(d, code=d.name.upper(), amount=d.open) for d in docs]
    return Layout(
        "odoo_due_list_grouped.xlsx", "Odoo (OCA account_due_list, Odoo Italia), Scadenziario list exported grouped",
        "FORMATS.md §10c (OCA/account-payment 17.0 account_due_list views and it.po)",
        "a list exported grouped by partner: group rows `Name (count)` carrying the group's sums, no partner "
        "column, `Conto` with the ledger account; no as-of date in the file",
        xlsx(Sheet("Scadenziario", rows)), docs, IT_AS_OF, as_of_in_file=False, totals=len(by_customer(docs)),
    )  # fmt: skip


# --- Business Central, NetSuite, Tally ---------------------------------------------------------


@layout
def business_central_aged_receivables() -> Layout:
    names = [("10000", "Adatum Corporation", None), ("20000", "Trey Research", None),
             ("30000", "School of Fine Art", None), ("40000", "Alpine Ski House", None),
             ("50000", "Relecloud", None)]  # fmt: skip
    docs = portfolio("bc", names, IT_AS_OF, currencies=("EUR", "EUR", "USD"), numbers=lambda n: f"103{n:03d}")
    data: list[Row] = [["No.", "Name", "Document Type", "Document No.", "Period Start Date", "Period End Date",
                        "Remaining Amount", "Original Amount", "Remaining Amount (LCY)", "Original Amount (LCY)",
                        "Dimension 1 Code", "Dimension 2 Code", "Currency Code", "Posting Date", "Document Date",
                        "Due Date", "Reporting Date", "Entry No."]]  # fmt: skip
    for entry, d in enumerate(docs, start=1577):
        lcy = 0.9 if d.currency == "USD" else 1.0
        start = d.due_or_doc.replace(day=1)
        data.append([d.code, d.name, "Credit Memo" if d.kind == "credit_note" else "Invoice", d.number, start,
                     start + dt.timedelta(days=27), num(d.open), num(d.amount), num(round(d.open * lcy)),
                     num(round(d.amount * lcy)), "SALES", None, d.currency, d.doc_date, d.doc_date, d.due_or_doc,
                     IT_AS_OF, entry])  # fmt: skip
    by_period: list[Row] = [["Aged Accounts Receivable"], ["CRONUS Italia S.p.A."], [],
                            ["Customer No.", "Customer Name", "Balance Due (LCY)", "Not Due", "0-30 days", "31-60 days",
                             "61-90 days", "Over 90 days"]]  # fmt: skip
    for (code, name, _), items in by_customer(docs):
        ages = [(IT_AS_OF - d.due_or_doc).days for d in items]
        cells = [sum(d.open for d, a in zip(items, ages, strict=True) if lo <= a <= hi)
                 for lo, hi in ((-9999, 0), (1, 30), (31, 60), (61, 90), (91, 9999))]  # fmt: skip
        by_period.append([code, name, num(sum(cells)), *map(num, cells)])
    about = [["About the report"], ["Aged Accounts Receivable (Excel), report 4402"],
             ["Data is refreshed when the report is run."]]  # fmt: skip
    return Layout(
        "business_central_aged_receivables.xlsx",
        "Dynamics 365 Business Central, Aged Accounts Receivable (Excel) 4402",
        "FORMATS.md §9a (CONFIRMED: microsoft/BCApps EXRAgedAccountsRecExcel.Report.al; learn.microsoft.com "
        "ExcelLayoutMultipleDataSheets property)",
        "presentation sheets first (`By Period (LCY)` with buckets, `About the report`), the flat "
        "`Data_CustomerAgingData` sheet read instead; a hidden dimension sheet; `Currency Code` per row (EUR, USD), "
        "`Remaining Amount` beside `Remaining Amount (LCY)`; the as-of date taken from the `Reporting Date` column",
        xlsx(Sheet("By Period (LCY)", by_period), Sheet("Aged Accounts Rec. (Print)", by_period),
             Sheet("About the report", about), Sheet("Data_CustomerAgingData", data),
             Sheet("Data_Dimension1", [["Code", "Name"], ["SALES", "Sales"]], hidden=True)),
        docs, IT_AS_OF, sheet="Data_CustomerAgingData",
    )  # fmt: skip


NS_NAMES = [("N1", "Customer A", None), ("N1A", "Customer A : Branch North", None),
            ("N1B", "Customer A : Branch South", None), ("N2", "Brown LLC", None), ("N3", "Delta Foods Inc.",
None)]  # fmt: skip


@layout
def netsuite_ar_aging_detail() -> Layout:
    docs = portfolio(
        "netsuite", NS_NAMES, US_AS_OF, currencies=("USD",), numbers=lambda n: f"INV{n:05d}", per_customer=(1, 3)
    )
    rows: list[Row] = [["Acme Inc."], ["A/R Aging Detail"], ["As of Sep 25, 2026"], [],
                       [None, "Transaction Type", "Date", "Document Number", "Due Date", "Age",
                        "Open Balance"]]  # fmt: skip
    groups = dict(by_customer(docs))
    totals = 0

    def block(key: tuple[str, str, str | None]) -> None:
        for d in groups[key]:
            age = (US_AS_OF - d.due_or_doc).days
            rows.append([None, "Credit Memo" if d.kind == "credit_note" else "Invoice", d_us(d.doc_date), d.number,
                         d_us(d.due), str(age), en(d.open)])  # fmt: skip

    keys = list(groups)
    parent, subs = keys[0], keys[1:3]
    rows.append([parent[1]])
    block(parent)
    for sub in subs:
        rows.append([sub[1]])
        block(sub)
        rows.append([f"Total - {sub[1]}", None, None, None, None, None, en(total(groups[sub]))])
    family = [d for k in (parent, *subs) for d in groups[k]]
    rows.append([f"Total - {parent[1]}", None, None, None, None, None, en(total(family))])
    totals += 3
    for key in keys[3:]:
        rows.append([key[1]])
        block(key)
        rows.append([f"Total - {key[1]}", None, None, None, None, None, en(total(groups[key]))])
        totals += 1
    rows.append(["Total", None, None, None, None, None, en(total(docs))])
    return Layout(
        "netsuite_ar_aging_detail.csv", "NetSuite, A/R Aging Detail (CSV export)",
        "FORMATS.md §7 (Detail fields INFERRED from timdietrich.me/blog/netsuite-suiteql-accounts-receivable-aging; "
        "`Total - <group>` and sub-customers CORROBORATED)",
        "customers as group rows, sub-customers `Parent : Child` with their own `Total - ...`, the parent's total "
        "including its sub-customers, a blank first header cell, US dates, `Age` in days",
        text_table(rows), docs, US_AS_OF, totals=totals + 1,
    )  # fmt: skip


NS_BUCKETS = [
    ("Current", -99999, 0),
    ("1 - 30", 1, 30),
    ("31 - 60", 31, 60),
    ("61 - 90", 61, 90),
    ("Over 90", 91, 99999),
]


@layout
def netsuite_ar_aging_summary() -> Layout:
    docs = portfolio("netsuite-summary", NS_NAMES, US_AS_OF, currencies=("USD",))
    groups = dict(by_customer(docs))
    keys = list(groups)

    def cells(items: Sequence[Doc]) -> list[int]:
        values = [sum(d.open for d in items if lo <= (US_AS_OF - d.due_or_doc).days <= hi) for _, lo, hi in NS_BUCKETS]
        return [*values, sum(values)]

    rows: list[Row] = [["Acme Inc."], ["A/R Aging Summary"], ["As of Sep 25, 2026"], [],
                       [None, *[b[0] for b in NS_BUCKETS], "Total"], [keys[0][1]]]  # fmt: skip
    for key in keys[1:3]:
        rows.append([f"   {key[1]}", *[num(c) if c else None for c in cells(groups[key])]])
    rows.append([f"Total - {keys[0][1]}", *map(num, cells([d for k in keys[1:3] for d in groups[k]]))])
    for key in keys[3:]:
        rows.append([key[1], *[num(c) if c else None for c in cells(groups[key])]])
    shown = [d for k in keys[1:] for d in groups[k]]
    rows.append(["Total", *map(num, cells(shown))])
    estimated = bucket_docs(shown, US_AS_OF, NS_BUCKETS)
    estimated = [replace(d, code=d.name.upper()) for d in estimated]
    return Layout(
        "netsuite_ar_aging_summary.xlsx", "NetSuite, A/R Aging Summary (saved as .xlsx)",
        "FORMATS.md §7 (summary mock-up INFERRED: blank first header cell, `Over 90`, `Total - <parent>`)",
        "bucket summary with a parent row and indented sub-customers, `Total - <parent>` summing them, "
        "`Over 90`; due dates estimated",
        xlsx(Sheet("A_R Aging Summary", rows)), estimated, US_AS_OF, totals=2, layout="summary",
    )  # fmt: skip


@layout
def tally_bills_receivable() -> Layout:
    names = [("T1", "AlphaClient Ltd", None), ("T2", "Beta Traders", None), ("T3", "Gamma Exports Pvt Ltd", None)]
    docs = portfolio("tally", names, IT_AS_OF, numbers=lambda n: f"INV-{n:03d}", credit=0.0)
    rows: list[Row] = [["Group :", "Sundry Debtors", None, "1-Apr-26 to 30-Sep-26"], ["Details of:", "Pending Bills"],
                       [], ["Date", "Ref. No.", "Party's Name", "Opening", "Pending", "Due on", "Overdue"],
                       [None, None, None, "Amount", "Amount", None, "by days"]]  # fmt: skip
    for (_, name, _), items in by_customer(docs):
        rows.append([None, None, name])
        for d in items:
            age = (IT_AS_OF - d.due_or_doc).days
            rows.append([d.doc_date, d.number, None, num(d.amount), num(d.open), d.due, age if age > 0 else None])
    rows.append([None, None, "Total", num(total(docs, "amount")), num(total(docs))])
    docs = [replace(d, code=d.name.upper()) for d in docs]
    return Layout(
        "tally_bills_receivable.xlsx", "Tally, Bills Receivable (Group Outstandings)",
        "FORMATS.md §12 (CONFIRMED: tejasmakesmusic/receivables-ageing-dashboard tests on GrpBills.xlsx)",
        "two-row header (`Opening`/`Pending` over `Amount`), party on its own row in the name column, a grand "
        "`Total`; the period `1-Apr-26 to 30-Sep-26` is not taken as the as-of date",
        xlsx(Sheet("Sundry Debtors", rows)), docs, IT_AS_OF, as_of_in_file=False, totals=1,
    )  # fmt: skip


@layout
def business_central_report_120() -> Layout:
    names = [("10000", "Adatum Corporation", None), ("20000", "Trey Research", None),
             ("30000", "School of Fine Art", None), ("40000", "Alpine Ski House", None)]  # fmt: skip
    docs = portfolio("bc-120", names, IT_AS_OF, numbers=lambda n: f"103{n:03d}", credit=0.15)
    buckets = [(-99999, 0), (1, 30), (31, 60), (61, 99999)]
    rows: list[Row] = [["Aged Accounts Receivable"], ["CRONUS Italia S.p.A."], ["Aged by Due Date"],
                       ["Aged As Of 30/09/2026"], [],
                       ["Posting Date", "Document Type", "Document No.", "Due Date", "Original Amount", "Balance",
                        "Not Due", "0-30 days", "31-60 days", "Over 60 days"]]  # fmt: skip
    for (code, name, _), items in by_customer(docs):
        rows.append([f"{code}  {name}"])
        for d in items:
            age = (IT_AS_OF - d.due_or_doc).days
            cells = [num(d.open) if lo <= age <= hi else None for lo, hi in buckets]
            rows.append([d.doc_date, "Credit Memo" if d.kind == "credit_note" else "Invoice", d.number, d.due_or_doc,
                         num(d.amount), num(d.open), *cells])  # fmt: skip
        rows.append([f"Total for {code}  {name}", None, None, None, num(total(items, "amount")), num(total(items))])
    rows.append(["Total (LCY)", None, None, None, num(total(docs, "amount")), num(total(docs))])
    return Layout(
        "business_central_report_120.xlsx",
        "Dynamics 365 Business Central, classic report 120 Aged Accounts Receivable sent to Excel",
        "FORMATS.md §9b (INFERRED: title block, customer header rows, per-customer and LCY totals)",
        "title block with `Aged As Of`, customer rows `10000  Adatum Corporation` (code, two spaces, name), "
        "`Total for <customer>`, `Total (LCY)` as the grand total, bucket columns beside `Balance`",
        xlsx(Sheet("Aged Accounts Receivable", rows)), docs, IT_AS_OF, totals=len(by_customer(docs)) + 1,
    )  # fmt: skip


@layout
def web_export_html_xls() -> Layout:
    docs = portfolio("html", IT_NAMES[:5], IT_AS_OF, numbers=lambda n: f"{n}/2026/FE")
    cells = lambda values: "".join(f"<td>{escape(str(v))}</td>" if v is not None else "<td></td>" for v in values)  # noqa: E731
    body = [f"<tr>{cells([d.name, d.vat, d.number, d_it(d.doc_date), d_it(d.due), it(d.amount), it(d.open)])}</tr>"
            for d in docs]  # fmt: skip
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
        '<table border="1"><tr><td colspan="7"><b>Scadenzario clienti al 30/09/2026</b></td></tr>'
        "<tr><th>Cliente</th><th>Partita IVA</th><th>N. documento</th><th>Data documento</th><th>Data scadenza</th>"
        "<th>Importo</th><th>Residuo</th></tr>" + "".join(body)
        + f"<tr><td>Totale</td><td></td><td></td><td></td><td></td><td>{it(total(docs, 'amount'))}</td>"
        f"<td>{it(total(docs))}</td></tr></table></body></html>"
    )  # fmt: skip
    docs = [replace(d, code=d.vat or d.code) for d in docs]
    return Layout(
        "web_export_html.xls", "Web gestionale 'Esporta in Excel': an HTML table saved as .xls",
        "Microsoft Office developer blog, 'Excel 2007 Extension Warning On Opening Excel Workbook from a Web Site' "
        "(2008-03-11): web sites send HTML as application/vnd.ms-excel with a .xls name; FORMATS.md §16 trap 28",
        "a `.xls` that is an HTML page with one table: title cell spanning the columns, header, Italian amounts, "
        "`Totale`",
        html.encode("utf-8"), docs, IT_AS_OF, totals=1,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# Truth, README, main
# --------------------------------------------------------------------------------------------


def truth(entry: Layout) -> dict[str, object]:
    """What a correct import of the file finds, from the items it was made of."""
    docs = [d for d in entry.docs if d.imported and d.open != 0]
    currencies = sorted({d.currency for d in docs})
    open_cents = {c: sum(d.open for d in docs if d.currency == c) for c in currencies}
    overdue = entry.estimated or {
        c: sum(d.open for d in docs if d.currency == c and d.due_or_doc < entry.as_of) for c in currencies
    }
    found: dict[str, object] = {
        "system": entry.system,
        "layout": entry.layout,
        "as_of": entry.as_of,
        "as_of_in_file": entry.as_of_in_file,
        "items": len(docs),
        "customers": len({d.code for d in docs}),
        "open_cents": open_cents,
        "overdue_cents": overdue,
        "totals_checked": entry.totals,
        "doc_numbers": sorted({d.number for d in docs if d.number}) if entry.doc_numbers else [],
    }
    if entry.sheet:
        found["sheet"] = entry.sheet
    return found


README_INTRO = """## Good corpus

Files the importer must read to the cent, laid out as real systems export their ageing
reports. Each is made by `make_good_corpus.py` from a list of open items, so its truth is known:
`good/expected.toml` gives, per file, the as-of date, the items, the customers, the open and
overdue cents per currency, the document numbers and how many report totals must reconcile.
`tests/test_good_corpus.py` imports every file and checks all of it (no error rows, no total
that disagrees). This section and `expected.toml` are generated by the script:

    .venv/bin/python tests/corpus/make_good_corpus.py

The layouts follow the public documentation or samples named in the `source` column; where no
real export was public, they follow the field guide in `docs/formats.md` (sections cited), and
where that is marked INFERRED so is the layout here. Amounts, names and numbers are invented.
`scadenzario_legacy.xls` and `scadenzario_legacy_large.xls` (make_legacy_xls.py, xlwt) are
reading fixtures for the .xls tests, not part of this corpus.
"""


def readme_section(entries: Sequence[Layout]) -> str:
    lines = [README_INTRO, "| file | system | what it exercises | source |", "|---|---|---|---|"]
    lines += [f"| `{e.name}` | {e.system} | {e.classes} | {e.source} |" for e in entries]
    return "\n".join(lines) + "\n"


def write_readme(section: str) -> None:
    """Replace the good-corpus section of README.md (the bad corpus' part is kept)."""
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    head = text.split(GOOD_SECTION)[0].rstrip("\n")
    README.write_text((head + "\n\n" if head else "") + section, encoding="utf-8")


def main() -> None:
    GOOD.mkdir(parents=True, exist_ok=True)
    entries = [build() for build in LAYOUTS]
    names = [e.name for e in entries]
    assert len(names) == len(set(names)), "duplicate layout name"
    expected: dict[str, object] = {}
    for entry in entries:
        (GOOD / entry.name).write_bytes(entry.data)
        expected[entry.name] = truth(entry)
        print(f"{entry.name:<44} {len(entry.data):>7} B  {len([d for d in entry.docs if d.imported])} items")
    header = "# Generated by tests/corpus/make_good_corpus.py: what importing each file must find.\n"
    (GOOD / "expected.toml").write_text(header + tomli_w.dumps({"files": expected}), encoding="utf-8")
    write_readme(readme_section(entries))
    print(f"{len(entries)} files in {GOOD}")


if __name__ == "__main__":
    main()
