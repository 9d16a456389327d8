"""Generate the sample ageing reports in sample_data/ and the ground truth of their import.

Usage: ``python sample_data/make_samples.py [OUTPUT_DIR]`` (default: this folder).

Every file is an accounts-receivable ageing export as of 20/11/2026, shaped like one family
of real exports described in docs/formats.md, so that the demo meets the traps real uploads
bring. All of them have a few customers holding most of the money (Pareto sizes), a few
inactive customers more than a year overdue, most items 0-120 days overdue, some not yet due,
and credit notes with negative amounts.

scadenzario_gestionale.xlsx
    The likely Italian gestionale layout (FORMATS 11b): title and company above a header on
    row 4; every cell is text (``1.220,00``, ``31/07/2026``, VAT numbers with leading zeros);
    instalments are rows sharing document number and date with different due dates; partly
    and fully paid rows (Importo / Pagato / Residuo); a ``Totale cliente`` row after each
    customer and ``Totale generale`` at the end. One subtotal is wrong by 10,00 in Residuo,
    an export glitch the importer must report without failing. One customer is named
    ``Totale Casa S.r.l.``: a subtotal is recognised by its empty code, not by its label.
ar_aging_detail_quickbooks.xlsx
    QuickBooks Online "A/R Aging Detail" (FORMATS 1, 1b): title block in merged rows, blank
    column A on data rows, bucket sections oldest first closed by ``Total for ...``, ``TOTAL``,
    a header repeated by a page break, a timestamp footer after two blank rows. Dates are US
    text, amounts native numbers, ``Num`` text with leading zeros; credit memos and unapplied
    payments are negative and have no due date. No instalments: a QBO invoice has one due date.
riepilogo_scadenze_odoo.xlsx
    Odoo OCA "Aged Partner Balance" in Italian (FORMATS 10b): one row per partner with bucket
    columns only (no documents, no due dates), then ``Totale`` and ``Percentuali``. Zero
    buckets are 0 on most rows and blank on some.
scadenzario_export.csv
    An eSolver-like grid (FORMATS 11a) saved by Windows software: cp1252, ``;``, CRLF, decimal
    comma, the as-of date inside the last header; EUR, USD and CHF rows, so totals are per
    currency. Amounts are in the currency of the Valuta column.
history/
    The seven weeks before scadenzario_gestionale.xlsx, the log of those weeks and a year of
    credit sales, behind "Load sample data" (make_history.py, from its own seed).
ground_truth.json
    What a correct import of each file yields (items, customers, open and overdue cents per
    currency), computed in integer cents from the data generated here, not by reading files.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import math
import random
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import groupby
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from openpyxl.worksheet.worksheet import Worksheet

T = TypeVar("T")

AS_OF = date(2026, 11, 20)
SEED = 20261120
SAVED_AT = datetime(2026, 11, 20, 11, 5)  # workbook properties and zip entry times
MONEY_FORMAT = "#,##0.00"

GESTIONALE = "scadenzario_gestionale.xlsx"
QUICKBOOKS = "ar_aging_detail_quickbooks.xlsx"
ODOO = "riepilogo_scadenze_odoo.xlsx"
CSV_EXPORT = "scadenzario_export.csv"


class Terms(NamedTuple):
    """Payment terms: days from the document date to each instalment, optionally to month end."""

    label: str
    days: tuple[int, ...]
    month_end: bool = False


ITALIAN_TERMS = (
    (Terms("RiBa 30 gg DF FM", (30,), True), 3),
    (Terms("RiBa 60 gg DF FM", (60,), True), 3),
    (Terms("RiBa 30/60 gg DF FM", (30, 60), True), 2),
    (Terms("RiBa 30/60/90 gg DF FM", (30, 60, 90), True), 1),
    (Terms("Bonifico 30 gg DF", (30,)), 3),
    (Terms("Bonifico 60 gg DF", (60,)), 1),
    (Terms("Bonifico 30/60 gg DF", (30, 60)), 1),
    (Terms("Rimessa diretta", (0,)), 1),
)
FOREIGN_TERMS = (
    (Terms("Bonifico estero 30 gg DF", (30,)), 2),
    (Terms("Bonifico estero 60 gg DF", (60,)), 1),
)
US_TERMS = (
    (Terms("Net 30", (30,)), 5),
    (Terms("Net 15", (15,)), 2),
    (Terms("Net 60", (60,)), 1),
    (Terms("Due on receipt", (0,)), 1),
)
CREDIT_TERMS = Terms("Rimessa diretta", (0,))

# fmt: off
# Name parts and report headers, laid out by hand: one table per line reads better than one word.
IT_SURNAMES = (
    "Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi",
    "Moretti", "Barbieri", "Fontana", "Santoro", "Caruso", "Ferrara", "Martini", "Leone",
    "Gentile", "Vitale", "Serra", "Coppola", "D'Angelo", "Marchetti", "Parisi", "Villa", "Fabbri",
    "Grasso", "Mazzà", "Cantù",
)
IT_FIRST_NAMES = ("Marco", "Giulia", "Nicolò", "Francesca", "Luca", "Chiara", "Andrea", "Elena")
IT_ACTIVITIES = (
    "Autoricambi", "Edilizia", "Ferramenta", "Trasporti", "Arredamenti", "Tipografia",
    "Serramenti", "Forniture Alberghiere", "Logistica", "Tessuti", "Calzature", "Vini",
    "Caseificio", "Panificio", "Termoidraulica", "Elettronica",
)
PRIVATE_PERSON = "{surname} {first}"  # no VAT number
IT_TEMPLATES = (
    ("{activity} {surname} S.r.l.", 12), ("{surname} & Figli S.n.c.", 4),
    ("{surname} {other} & C. S.a.s.", 4), ("{surname} {activity} S.p.A.", 2),
    ("Caffè {surname} di {first} {surname}", 2), ("Società Agricola {surname} S.s.", 2),
    (PRIVATE_PERSON, 1),
)
US_SURNAMES = (
    "Anderson", "Baker", "Chen", "Delgado", "Evans", "Fischer", "Garcia", "Hughes", "Ito",
    "Johnson", "Kowalski", "Lopez", "Martin", "Nguyen", "O'Brien", "Patel", "Quinn", "Reyes",
    "Sullivan", "Thompson", "Vasquez", "Walker", "Young",
)
US_FIRST_NAMES = ("Dana", "Mike", "Priya", "Sam", "Olivia", "Kevin", "Rosa", "Tom")
US_TEMPLATES = (
    ("{surname} Supply Co.", 3), ("{surname} & Sons Hardware", 2), ("{surname} Builders LLC", 3),
    ("{surname} Landscaping", 2), ("{surname} Plumbing & Heating, Inc.", 2),
    ("{surname}, {first}", 2),
)
US_IMPORTER_TEMPLATES = (("{surname} Imports Inc.", 1), ("{surname} Trading LLC", 1))
SWISS_SURNAMES = (
    "Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Brunner", "Zürcher", "Bühler",
    "Gerber",
)
SWISS_TEMPLATES = (("{surname} Handels AG", 1), ("{surname} Technik GmbH", 1))

GESTIONALE_HEADER = (
    "Cod. cliente", "Ragione sociale", "Partita IVA", "Tipo doc.", "N. documento",
    "Data documento", "Data scadenza", "Tipo pagamento", "Importo", "Pagato", "Residuo",
    "Giorni scaduto",
)
GESTIONALE_TYPES = {"invoice": "Fattura", "credit_note": "Nota di credito"}
QBO_HEADER = (  # column A holds section labels and totals, so its header is blank
    "", "Date", "Transaction type", "Num", "Customer full name", "Location full name",
    "Due date", "Amount", "Open balance",
)
QBO_SECTIONS = (
    ("91 or more days past due", 91), ("61 - 90 days past due", 61),
    ("31 - 60 days past due", 31), ("1 - 30 days past due", 1), ("Current", None),
)
QBO_TYPES = {"invoice": "Invoice", "credit_note": "Credit Memo", "payment": "Payment"}
QBO_LOCATIONS = ("", "", "Oakland", "San Jose")
ODOO_BUCKETS = (
    "Attuale", "Età ≤ 30 g.", "Età ≤ 60 g.", "Età ≤ 90 g.", "Età ≤ 120 g.", "Più vecchio",
)
CSV_HEADER = (
    "Codice", "Ragione sociale", "P.IVA", "Documento - Sigla", "Documento - Numero",
    "Documento - Data", "Scadenza", "Importi in UdC - Residuo", "Valuta", "Tipo pagamento",
    f"Giorni scaduto al {AS_OF:%d/%m/%Y}",
)
# fmt: on
CSV_TYPES = {"invoice": "FT", "credit_note": "NC"}


@dataclass(frozen=True)
class Customer:
    """A customer account and the shape of its debt."""

    code: str  # the identity the importer should use: account code, else the name
    name: str
    vat: str
    currency: str
    terms: Terms
    scale: int  # typical invoice in cents; Pareto-distributed, so a few customers dominate
    documents: int
    stuck: bool  # inactive customer whose every debt is more than a year overdue
    branch: str = ""  # QuickBooks location


@dataclass(frozen=True)
class Document:
    """An invoice, credit note or unapplied payment; amounts are signed cents."""

    customer: Customer
    kind: str  # invoice, credit_note, payment
    doc_date: date
    total: int
    number: str = ""


@dataclass(frozen=True)
class Item:
    """One row of a detail report: an invoice instalment, a credit note or a payment."""

    document: Document
    due_date: date  # credit notes and payments are due at their document date
    amount: int
    paid: int

    @property
    def customer(self) -> Customer:
        """The customer the item belongs to."""
        return self.document.customer

    @property
    def open(self) -> int:
        """Residual still to collect, in cents."""
        return self.amount - self.paid

    @property
    def days_overdue(self) -> int:
        """Days past the due date at the as-of date (negative: not yet due)."""
        return (AS_OF - self.due_date).days


# ---------------------------------------------------------------- customers and ledgers


def weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    """Pick one value from (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def italian_vat(rng: random.Random) -> str:
    """Return a valid 11-digit partita IVA, usually with a leading zero."""
    first = "0" if rng.random() < 0.8 else str(rng.randint(1, 9))
    body = f"{first}{rng.randrange(10**6):06d}{rng.randint(1, 100):03d}"
    doubled = (2 * int(d) for d in body[1::2])
    total = sum(int(d) for d in body[::2]) + sum(n - 9 if n > 9 else n for n in doubled)
    return f"{body}{(10 - total % 10) % 10}"


def no_vat(_: random.Random) -> str:
    """Return no VAT number: private persons and US companies have none in the file."""
    return ""


def swiss_vat(rng: random.Random) -> str:
    """Return a Swiss UID number such as ``CHE123456789``."""
    return f"CHE{rng.randrange(10**8, 10**9)}"


def parties(
    rng: random.Random,
    count: int,
    templates: Sequence[tuple[str, int]],
    surnames: Sequence[str],
    vat: Callable[[random.Random], str],
    first_names: Sequence[str] = IT_FIRST_NAMES,
) -> list[tuple[str, str]]:
    """Return ``count`` distinct (name, VAT number) pairs made from name templates."""
    found: dict[str, str] = {}
    while len(found) < count:
        template = weighted(rng, templates)
        surname, other = rng.sample(surnames, 2)
        name = template.format(
            surname=surname,
            other=other,
            first=rng.choice(first_names),
            activity=rng.choice(IT_ACTIVITIES),
        )
        found.setdefault(name, "" if template == PRIVATE_PERSON else vat(rng))
    return list(found.items())


def make_customers(
    rng: random.Random,
    named: Sequence[tuple[str, str]],
    codes: Sequence[str],
    terms: Sequence[tuple[Terms, int]],
    currency: str,
) -> list[Customer]:
    """Give each (name, VAT) a code, terms and a Pareto size; a few become stuck accounts."""
    stuck = set(rng.sample(range(len(named)), max(2, len(named) // 30)))
    customers = []
    for index, ((name, vat), code) in enumerate(zip(named, codes, strict=True)):
        weight = min(rng.paretovariate(1.16), 60.0)
        documents = 1 + min(24, int(rng.expovariate(1.0) * 2 * weight**0.5))
        customers.append(
            Customer(
                code=code,
                name=name,
                vat=vat,
                currency=currency,
                terms=weighted(rng, terms),
                scale=round(40_000 * weight**0.8),
                stuck=index in stuck,
                documents=min(documents, 4) if index in stuck else documents,
            )
        )
    return customers


def overdue_target(rng: random.Random, stuck: bool) -> int:
    """Days overdue a new document should end up with (negative: not yet due)."""
    if stuck:
        return rng.randint(380, 1100)
    draw = rng.random()
    if draw < 0.15:
        return rng.randint(-60, -1)
    return rng.randint(0, 120) if draw < 0.92 else rng.randint(121, 330)


def make_documents(rng: random.Random, customer: Customer, kinds: Sequence[tuple[str, int]]) -> list[Document]:
    """Return the customer's documents: invoice sizes scatter around the customer's scale."""
    documents = []
    for _ in range(customer.documents):
        kind = weighted(rng, kinds)
        lead = customer.terms.days[0] if kind == "invoice" else 0
        age = max(0, overdue_target(rng, customer.stuck) + lead)
        size = max(2_000, round(rng.lognormvariate(math.log(customer.scale), 0.5)))
        total = {
            "invoice": size,
            "credit_note": -(size // 4),
            "payment": -max(5_000, size // 10_000 * 10_000),  # a round sum, unapplied
        }[kind]
        documents.append(Document(customer, kind, AS_OF - timedelta(days=age), total))
    return documents


def numbered(documents: Iterable[Document], label: Callable[[Document, int], str], yearly: bool) -> list[Document]:
    """Number documents in date order, one sequence per kind (and per year, as in Italy)."""
    counters: dict[tuple[str, int], int] = defaultdict(int)
    result = []
    for doc in sorted(documents, key=lambda d: (d.doc_date, d.customer.code)):
        key = (doc.kind, doc.doc_date.year if yearly else 0)
        counters[key] += 1
        result.append(replace(doc, number=label(doc, counters[key])))
    return result


def due_date(doc_date: date, days: int, month_end: bool) -> date:
    """Return the due date ``days`` after the document date, moved to month end if asked."""
    due = doc_date + timedelta(days=days)
    if month_end:
        next_month = due.replace(day=28) + timedelta(days=4)
        due = next_month - timedelta(days=next_month.day)
    return due


def collected(rng: random.Random, amount: int, partial: float, settled: float) -> int:
    """Return how much of an instalment was already paid: nothing, a round part, or all."""
    draw = rng.random()
    if draw < settled:
        return amount
    if draw < settled + partial:
        return amount * rng.randint(2, 8) // 10 // 100 * 100
    return 0


def items_of(rng: random.Random, doc: Document, partial: float, settled: float) -> list[Item]:
    """Split an invoice into its instalments (remainder on the first); others are one item."""
    if doc.kind != "invoice":
        return [Item(doc, doc.doc_date, doc.total, 0)]
    terms = doc.customer.terms
    share, remainder = divmod(doc.total, len(terms.days))
    items = []
    for index, days in enumerate(terms.days):
        amount = share + (remainder if index == 0 else 0)
        items.append(
            Item(
                doc,
                due_date(doc.doc_date, days, terms.month_end),
                amount,
                collected(rng, amount, partial, settled),
            )
        )
    return items


def ledger(
    rng: random.Random,
    customers: Iterable[Customer],
    kinds: Sequence[tuple[str, int]],
    label: Callable[[Document, int], str],
    *,
    yearly: bool = True,
    partial: float = 0.1,
    settled: float = 0.0,
) -> list[Item]:
    """Generate, number and split the documents of all customers into report rows."""
    documents = [doc for c in customers for doc in make_documents(rng, c, kinds)]
    return [item for doc in numbered(documents, label, yearly) for item in items_of(rng, doc, partial, settled)]


# ---------------------------------------------------------------- formatting and saving


def it_money(cents: int, thousands: str = ".") -> str:
    """Format cents the Italian way: ``1.220,00``, ``-200,00`` (``1220,00`` without dots)."""
    units, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units:,}".replace(",", thousands) + f",{rest:02d}"


def it_date(day: date) -> str:
    """Format a date as ``31/07/2026``."""
    return day.strftime("%d/%m/%Y")


def us_date(day: date) -> str:
    """Format a date as ``07/31/2026``."""
    return day.strftime("%m/%d/%Y")


def style_header(ws: Worksheet, row: int, widths: Sequence[int]) -> None:
    """Bold the header row and size the columns, as the exporting programs do."""
    for column, width in enumerate(widths, start=1):
        ws.cell(row, column).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row, column).column_letter].width = width


def save_xlsx(wb: Workbook, path: Path, saved_at: datetime = SAVED_AT) -> None:
    """Save with fixed dates in the properties and zip entries, so reruns give equal bytes."""
    wb.properties.creator = "Sollecito sample generator"
    wb.properties.created = wb.properties.modified = saved_at
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, saved_at.timetuple()[:6])
            target.writestr(entry, source.read(info), zipfile.ZIP_DEFLATED)


# ---------------------------------------------------------------- ground truth


def detail_truth(items: Iterable[Item], subtotal_rows: int, as_of: date = AS_OF, **extra: object) -> dict[str, object]:
    """Summarise the open items of a detail report (as of `as_of`) as the importer should see them."""
    open_items = [item for item in items if item.open]
    open_cents: dict[str, int] = defaultdict(int)
    overdue_cents: dict[str, int] = defaultdict(int)
    for item in open_items:
        open_cents[item.customer.currency] += item.open
        overdue_cents[item.customer.currency] += item.open if item.due_date < as_of else 0
    return {
        "as_of": as_of.isoformat(),
        "items": len(open_items),
        "customers": len({item.customer.code for item in open_items}),
        "open_cents": dict(sorted(open_cents.items())),
        "overdue_cents": dict(sorted(overdue_cents.items())),
        "estimated_due_dates": False,
        "subtotal_rows": subtotal_rows,
        **extra,
    }


# ---------------------------------------------------------------- the four files


def gestionale_row(item: Item, as_of: date = AS_OF) -> list[str]:
    """Return an item as the text cells of the Italian layout as of `as_of`."""
    doc, customer = item.document, item.customer
    terms = customer.terms if doc.kind == "invoice" else CREDIT_TERMS
    return [
        customer.code,
        customer.name,
        customer.vat,
        GESTIONALE_TYPES[doc.kind],
        doc.number,
        it_date(doc.doc_date),
        it_date(item.due_date),
        terms.label,
        it_money(item.amount),
        it_money(item.paid),
        it_money(item.open),
        str((as_of - item.due_date).days),
    ]


def write_gestionale(path: Path, items: Sequence[Item], glitch: str, as_of: date = AS_OF) -> None:
    """Write the text-only Italian layout as of `as_of` with per-customer subtotals (``glitch``'s
    is wrong; none with an empty code)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Scadenzario"
    ws.append([f"Scadenzario clienti al {it_date(as_of)}"])
    ws.merge_cells("A1:L1")
    ws.append(["ACME S.R.L."])
    ws.append([])
    ws.append(GESTIONALE_HEADER)
    style_header(ws, 4, (12, 36, 14, 16, 14, 14, 14, 24, 13, 13, 13, 10))
    grand = [0, 0, 0]
    for code, group in groupby(items, key=lambda item: item.customer.code):
        rows = list(group)
        sums = [sum(r.amount for r in rows), sum(r.paid for r in rows), sum(r.open for r in rows)]
        grand = [a + b for a, b in zip(grand, sums, strict=True)]
        for row in rows:
            ws.append(gestionale_row(row, as_of))
        shown = [*sums[:2], sums[2] + (1_000 if code == glitch else 0)]
        ws.append(["", f"Totale cliente {code}", *[""] * 6, *map(it_money, shown), ""])
    ws.append(["", "Totale generale", *[""] * 6, *map(it_money, grand), ""])
    save_xlsx(wb, path, datetime.combine(as_of, SAVED_AT.time()))


def history() -> ModuleType:
    """sample_data/make_history.py (it builds on this module, so it is imported when needed)."""
    return importlib.import_module("sample_data.make_history" if __package__ else "make_history")


def build_gestionale(rng: random.Random, folder: Path) -> dict[str, object]:
    """Write the Italian gestionale workbook and return its ground truth."""
    named = parties(rng, 120, IT_TEMPLATES, IT_SURNAMES, italian_vat)
    named[rng.randrange(len(named))] = ("Totale Casa S.r.l.", italian_vat(rng))
    codes = [f"C{n:05d}" for n in sorted(rng.sample(range(1, 1500), len(named)))]
    customers = make_customers(rng, named, codes, ITALIAN_TERMS, "EUR")
    items = ledger(
        rng,
        customers,
        (("invoice", 92), ("credit_note", 8)),
        lambda d, n: f"{n}/A" if d.kind == "invoice" else f"{n:07d}",
        partial=0.12,
        settled=0.03,
    )
    items.sort(key=lambda i: (i.customer.code, i.due_date, i.document.doc_date, i.document.number))
    glitch = rng.choice(sorted({i.customer.code for i in items}))
    write_gestionale(folder / GESTIONALE, items, glitch)
    history().build(items, folder)  # the weeks before, from their own seed
    return detail_truth(items, subtotal_rows=len(customers) + 1, reconciliation_mismatch=[glitch])


def qbo_section(item: Item) -> str:
    """Return the label of the QuickBooks ageing section the item falls in."""
    return next(label for label, floor in QBO_SECTIONS if floor is None or item.days_overdue >= floor)


def qbo_row(item: Item) -> list[object]:
    """Return an item as a QuickBooks row; only invoices show a due date."""
    doc = item.document
    return [
        None,
        us_date(doc.doc_date),
        QBO_TYPES[doc.kind],
        doc.number or None,
        item.customer.name,
        item.customer.branch or None,
        us_date(item.due_date) if doc.kind == "invoice" else None,
        item.amount / 100,
        item.open / 100,
    ]


def write_quickbooks(path: Path, items: Sequence[Item]) -> int:
    """Write the QBO detail report; return how many total rows it has."""
    wb = Workbook()
    ws = wb.active
    ws.title = "A_R Aging Detail"
    for title in (
        "Bayside Supply Co.",
        "A/R Aging Detail",
        f"As of {AS_OF:%B} {AS_OF.day}, {AS_OF.year}",
    ):
        ws.append([title])
        ws.merge_cells(f"A{ws.max_row}:I{ws.max_row}")
    ws.append([])
    ws.append(QBO_HEADER)
    style_header(ws, 5, (30, 12, 16, 11, 34, 18, 12, 13, 13))
    page_break, written, total_rows = len(items) // 2, 0, 0
    for label, _ in QBO_SECTIONS:
        section = sorted(
            (i for i in items if qbo_section(i) == label),
            key=lambda i: (i.document.doc_date, i.document.number),
        )
        if not section:
            continue
        ws.append([label])
        for item in section:
            if written == page_break:
                ws.append(QBO_HEADER)
            ws.append(qbo_row(item))
            written += 1
        ws.append(
            [
                f"Total for {label}",
                *[None] * 6,
                sum(i.amount for i in section) / 100,
                sum(i.open for i in section) / 100,
            ]
        )
        total_rows += 1
    ws.append(["TOTAL", *[None] * 6, sum(i.amount for i in items) / 100, sum(i.open for i in items) / 100])
    for row in ws.iter_rows(min_row=6, min_col=8, max_col=9):
        for cell in row:
            cell.number_format = MONEY_FORMAT
    ws.append([])
    ws.append([])
    ws.append([f"{AS_OF:%A, %B} {AS_OF.day}, {AS_OF.year} 11:05 AM GMT-08:00"])
    ws.merge_cells(f"A{ws.max_row}:I{ws.max_row}")
    save_xlsx(wb, path)
    return total_rows + 1


def qbo_number(doc: Document, n: int) -> str:
    """Number the n-th document of its kind the way QuickBooks shows it."""
    if doc.kind == "invoice":
        return str(1000 + n)
    if doc.kind == "credit_note":
        return f"{85000 + n:08d}"
    return "" if n % 2 else str(4100 + n)  # unapplied payments: check number or nothing


def build_quickbooks(rng: random.Random, folder: Path) -> dict[str, object]:
    """Write the QuickBooks detail workbook and return its ground truth."""
    named = parties(rng, 90, US_TEMPLATES, US_SURNAMES, no_vat, US_FIRST_NAMES)
    customers = [
        replace(c, branch=rng.choice(QBO_LOCATIONS))
        for c in make_customers(rng, named, [n for n, _ in named], US_TERMS, "USD")
    ]
    items = ledger(
        rng,
        customers,
        (("invoice", 92), ("credit_note", 5), ("payment", 3)),
        qbo_number,
        yearly=False,
        partial=0.08,
    )
    total_rows = write_quickbooks(folder / QUICKBOOKS, items)
    return detail_truth(items, subtotal_rows=total_rows, currency_hint="USD", repeated_header_rows=1)


def odoo_buckets(items: Iterable[Item]) -> dict[str, list[int]]:
    """Sum each partner's open amounts into Attuale (not yet due) and 30-day buckets."""
    cells: dict[str, list[int]] = defaultdict(lambda: [0] * len(ODOO_BUCKETS))
    for item in items:
        bucket = 0 if item.days_overdue <= 0 else min(5, (item.days_overdue - 1) // 30 + 1)
        cells[item.customer.name][bucket] += item.open
    return dict(sorted(cells.items()))


def write_odoo(path: Path, cells: dict[str, list[int]], blank_zero: set[str]) -> None:
    """Write the OCA aged partner balance; ``blank_zero`` rows leave zero buckets empty."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Scadenzario clienti"
    ws["A1"] = "Scadenzario clienti - Acme Srl - EUR"
    ws["A1"].font = Font(bold=True)
    ws["B4"], ws["E4"] = "Filtro alla data", it_date(AS_OF)
    ws["B5"], ws["E5"] = "Filtro registrazioni", "Tutte le registrazioni confermate"
    ws["A8"] = "1210 - Crediti v/clienti"
    for block in ("A1:H1", "B4:C4", "E4:G4", "B5:C5", "E5:G5", "A8:H8"):
        ws.merge_cells(block)
    ws.append(("Partner", "Saldo", *ODOO_BUCKETS))
    style_header(ws, 9, (38, 14, 14, 14, 14, 14, 14, 14))
    for name, buckets in cells.items():
        blank = name in blank_zero
        ws.append([name, sum(buckets) / 100, *[None if blank and not v else v / 100 for v in buckets]])
    columns = list(zip(*cells.values(), strict=True))
    grand = sum(map(sum, columns))
    ws.append(["Totale", grand / 100, *[sum(c) / 100 for c in columns]])
    for row in ws.iter_rows(min_row=10, min_col=2, max_col=8):
        for cell in row:
            cell.number_format = MONEY_FORMAT
    ws.append(["Percentuali", None, *[sum(c) / grand for c in columns]])
    for cell in ws[ws.max_row][2:]:
        cell.number_format = "0.00%"
    save_xlsx(wb, path)


def build_odoo(rng: random.Random, folder: Path) -> dict[str, object]:
    """Write the Odoo bucket summary and return its ground truth (one item per bucket cell)."""
    named = parties(rng, 160, IT_TEMPLATES, IT_SURNAMES, italian_vat)
    customers = make_customers(rng, named, [n for n, _ in named], ITALIAN_TERMS, "EUR")
    items = ledger(rng, customers, (("invoice", 92), ("credit_note", 8)), lambda d, n: str(n))
    cells = odoo_buckets(items)
    write_odoo(folder / ODOO, cells, {name for name in cells if rng.random() < 0.3})
    values = [v for buckets in cells.values() for v in buckets]
    overdue = [v for buckets in cells.values() for v in buckets[1:]]
    return {
        "as_of": AS_OF.isoformat(),
        "items": sum(1 for v in values if v),
        "customers": sum(1 for buckets in cells.values() if any(buckets)),
        "open_cents": {"EUR": sum(values)},
        "overdue_cents": {"EUR": sum(overdue)},
        "estimated_due_dates": True,
        "subtotal_rows": 2,
    }


def write_csv(path: Path, items: Iterable[Item]) -> None:
    """Write the open rows in due-date order, as a cp1252 Windows CSV."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for item in items:
            doc, customer = item.document, item.customer
            terms = customer.terms if doc.kind == "invoice" else CREDIT_TERMS
            writer.writerow(
                [
                    customer.code,
                    customer.name,
                    customer.vat,
                    CSV_TYPES[doc.kind],
                    doc.number,
                    it_date(doc.doc_date),
                    it_date(item.due_date),
                    it_money(item.open, thousands=""),
                    customer.currency,
                    terms.label,
                    item.days_overdue,
                ]
            )


def build_csv(rng: random.Random, folder: Path) -> dict[str, object]:
    """Write the multi-currency CSV and return its ground truth."""
    groups = (  # (customers, terms, currency, first code): foreign accounts have 9xxx codes
        (parties(rng, 124, IT_TEMPLATES, IT_SURNAMES, italian_vat), ITALIAN_TERMS, "EUR", 100),
        (parties(rng, 9, US_IMPORTER_TEMPLATES, US_SURNAMES, no_vat), FOREIGN_TERMS, "USD", 9000),
        (parties(rng, 8, SWISS_TEMPLATES, SWISS_SURNAMES, swiss_vat), FOREIGN_TERMS, "CHF", 9500),
    )
    customers = []
    for named, terms, currency, first_code in groups:
        codes = [str(n) for n in sorted(rng.sample(range(first_code, first_code + 500), len(named)))]
        customers += make_customers(rng, named, codes, terms, currency)
    items = ledger(rng, customers, (("invoice", 92), ("credit_note", 8)), lambda d, n: str(n))
    open_items = sorted(
        (i for i in items if i.open),
        key=lambda i: (i.due_date, int(i.customer.code), i.document.number),
    )
    write_csv(folder / CSV_EXPORT, open_items)
    return detail_truth(open_items, subtotal_rows=0)


def main(argv: Sequence[str]) -> None:
    """Write every sample file and the ground truth into argv[1] or this folder."""
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    truth = {
        GESTIONALE: build_gestionale(rng, folder),
        QUICKBOOKS: build_quickbooks(rng, folder),
        ODOO: build_odoo(rng, folder),
        CSV_EXPORT: build_csv(rng, folder),
    }
    text = json.dumps(truth, indent=2, ensure_ascii=False) + "\n"
    (folder / "ground_truth.json").write_text(text, encoding="utf-8")
    for name in (*truth, "ground_truth.json"):
        print(f"{folder / name}  {(folder / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv)
