"""Generate a large Italian gestionale scadenzario (xlsx) for `make bench`, cached by row count.

The layout is the one of sample_data's `scadenzario_gestionale.xlsx` (FORMATS 11b), but with
native cells, as a real export writes them: dates are date cells (`dd/mm/yyyy`), amounts are
numbers (`#,##0.00`); codes, VAT numbers and document numbers stay text. Rows 1-4 are a title
(`Scadenzario clienti al 20/11/2026`), the company, a blank row and the header; then each of
about 2000 customers' instalments (about 5% credit notes, some partly or fully paid) followed by
a `Totale cliente ...` row, and a `Totale generale` row at the end.

`ensure(rows)` returns `bench/.data/scadenzario_<rows>.xlsx`, writing it only when it is
missing, with `scadenzario_<rows>.json` next to it: what a correct import must find. The same
`rows` always gives the same cells (only the save time, in docProps and the zip, differs).

Run as a script to (re)build files: `python bench/make_big.py 100000 500000 [--force]`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root, wherever we run from
from sample_data.make_samples import collected, italian_vat  # one generator for samples and bench

DATA_DIR = Path(__file__).resolve().parent / ".data"
AS_OF = date(2026, 11, 20)
SEED = 20261120
SAVED_AT = datetime(2026, 11, 20, 11, 5)
CUSTOMERS = 2000
CREDIT_NOTE_SHARE = 0.05
PARTLY_PAID_SHARE = 0.10
FULLY_PAID_SHARE = 0.02  # Residuo 0: the importer reports and skips them

TITLE = f"Scadenzario clienti al {AS_OF:%d/%m/%Y}"
COMPANY = "Distribuzioni Padane S.r.l."
HEADER = (
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
)
WIDTHS = (12, 36, 14, 16, 14, 14, 14, 24, 13, 13, 13)
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0.00"

# Payment terms: label, days from the document date to each instalment, due at month end.
TERMS: tuple[tuple[str, tuple[int, ...], bool], ...] = (
    ("RiBa 30 gg DF FM", (30,), True),
    ("RiBa 60 gg DF FM", (60,), True),
    ("RiBa 30/60 gg DF FM", (30, 60), True),
    ("RiBa 30/60/90 gg DF FM", (30, 60, 90), True),
    ("Bonifico 30 gg DF", (30,), False),
    ("Bonifico 60 gg DF", (60,), False),
    ("Bonifico 30/60 gg DF", (30, 60), False),
    ("Rimessa diretta", (0,), False),
)
CREDIT_TERMS = "Rimessa diretta"
SURNAMES = (
    "Rossi",
    "Bianchi",
    "Ferrari",
    "Esposito",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Caruso",
    "Ferrara",
    "Martini",
    "Leone",
    "Gentile",
    "Vitale",
    "Serra",
    "Coppola",
    "D'Angelo",
    "Marchetti",
    "Parisi",
    "Villa",
)
ACTIVITIES = (
    "Autoricambi",
    "Edilizia",
    "Ferramenta",
    "Trasporti",
    "Arredamenti",
    "Tipografia",
    "Serramenti",
    "Forniture Alberghiere",
    "Logistica",
    "Tessuti",
    "Calzature",
    "Vini",
)
NAME_TEMPLATES = (
    "{activity} {surname} S.r.l.",
    "{surname} & Figli S.n.c.",
    "{surname} {other} & C. S.a.s.",
    "{surname} {activity} S.p.A.",
    "Caffè {surname} di {surname} Marco",
)


@dataclass(frozen=True)
class Customer:
    """A customer account: code, name, VAT number and payment terms."""

    code: str
    name: str
    vat: str
    terms: tuple[str, tuple[int, ...], bool]


@dataclass(frozen=True)
class Row:
    """One instalment or credit note row; money in signed integer cents."""

    doc_type: str
    number: str
    doc_date: date
    due_date: date
    terms: str
    amount: int
    paid: int

    @property
    def open(self) -> int:
        """Residuo: what is still to collect."""
        return self.amount - self.paid


# --- paths and cache ----------------------------------------------------------------------


def data_path(rows: int) -> Path:
    """Where the workbook with `rows` data rows is cached."""
    return DATA_DIR / f"scadenzario_{rows}.xlsx"


def truth_path(rows: int) -> Path:
    """Where the expected import result for that workbook is kept."""
    return DATA_DIR / f"scadenzario_{rows}.json"


def ensure(rows: int, *, force: bool = False) -> Path:
    """The cached workbook with `rows` data rows, generated first if missing (or `force`)."""
    path = data_path(rows)
    if force or not path.exists() or not truth_path(rows).exists():
        generate(rows, path)
    return path


def expected(rows: int) -> dict[str, int]:
    """What a correct import of the cached workbook finds (see `generate`)."""
    return json.loads(truth_path(rows).read_text())


# --- generation ---------------------------------------------------------------------------


def generate(rows: int, path: Path) -> None:
    """Write the workbook (via a temporary name, so a killed run leaves no half file)."""
    rng = random.Random(SEED + rows)
    customers = make_customers(rng, min(CUSTOMERS, rows))
    sizes = split(rng, rows, len(customers))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    truth = write_workbook(partial, rng, customers, sizes)
    partial.replace(path)
    truth_path(rows).write_text(json.dumps(truth, indent=2) + "\n")


def make_customers(rng: random.Random, count: int) -> list[Customer]:
    """`count` customers with distinct codes C00001.. and plausible Italian company names."""
    customers = []
    for number in range(1, count + 1):
        name = rng.choice(NAME_TEMPLATES).format(
            activity=rng.choice(ACTIVITIES), surname=rng.choice(SURNAMES), other=rng.choice(SURNAMES)
        )
        customers.append(Customer(f"C{number:05d}", name, italian_vat(rng), rng.choice(TERMS)))
    return customers


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` rows cut at random points into `parts` customers of at least one row each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def customer_rows(rng: random.Random, customer: Customer, count: int, numbers: Iterator[int]) -> list[Row]:
    """Exactly `count` rows for one customer, oldest document first."""
    rows: list[Row] = []
    while len(rows) < count:
        doc_date = AS_OF - timedelta(days=rng.randint(0, 420))
        number = f"{next(numbers)}/A"
        if rng.random() < CREDIT_NOTE_SHARE:
            cents = -money(rng) // 4
            rows.append(Row("Nota di credito", number, doc_date, doc_date, CREDIT_TERMS, cents, 0))
            continue
        label, days, month_end = customer.terms
        share, remainder = divmod(money(rng), len(days))
        for index, offset in enumerate(days[: count - len(rows)]):
            amount = share + (remainder if index == 0 else 0)
            due = due_date(doc_date, offset, month_end)
            rows.append(Row("Fattura", number, doc_date, due, label, amount, paid(rng, amount)))
    return sorted(rows, key=lambda r: (r.doc_date, r.number, r.due_date))


def money(rng: random.Random) -> int:
    """An invoice total in cents: log-normal, median about 1,100 euro."""
    return max(1_000, round(rng.lognormvariate(7.0, 1.1) * 100))


def paid(rng: random.Random, amount: int) -> int:
    """Already collected: usually nothing, sometimes a round part, rarely all of it."""
    return collected(rng, amount, PARTLY_PAID_SHARE, FULLY_PAID_SHARE)


def due_date(doc_date: date, days: int, month_end: bool) -> date:
    """`days` after the document date; `30 gg DF FM` is the end of the next month."""
    if not month_end:
        return doc_date + timedelta(days=days)
    months = doc_date.year * 12 + doc_date.month - 1 + days // 30 + 1  # month after the due one
    first_of_next = date(months // 12, months % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


# --- writing ------------------------------------------------------------------------------


def write_workbook(
    path: Path, rng: random.Random, customers: Sequence[Customer], sizes: Sequence[int]
) -> dict[str, int]:
    """Stream the sheet with openpyxl's write-only mode; return the expected import result."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "Sollecito bench generator"
    wb.properties.created = wb.properties.modified = SAVED_AT
    ws = wb.create_sheet("Scadenzario")
    for letter, width in zip("ABCDEFGHIJK", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([TITLE])
    ws.append([COMPANY])
    ws.append([])
    ws.append([_bold(ws, label) for label in HEADER])
    numbers = iter(range(1, 10**9))
    grand = [0, 0, 0]
    items = open_cents = with_debt = 0
    for customer, size in zip(customers, sizes, strict=True):
        rows = customer_rows(rng, customer, size, numbers)
        for row in rows:
            ws.append(_data_cells(ws, customer, row))
        sums = [sum(r.amount for r in rows), sum(r.paid for r in rows), sum(r.open for r in rows)]
        ws.append([None, f"Totale cliente {customer.code}", *[None] * 6, *_money_cells(ws, sums)])
        grand = [a + b for a, b in zip(grand, sums, strict=True)]
        items += sum(1 for r in rows if r.open)
        with_debt += any(r.open for r in rows)
        open_cents += sums[2]
    ws.append([None, "Totale generale", *[None] * 6, *_money_cells(ws, grand)])
    wb.save(path)
    return {
        "data_rows": sum(sizes),
        "items": items,
        "customers": with_debt,
        "open_cents": open_cents,
    }


def _data_cells(ws: WriteOnlyWorksheet, customer: Customer, row: Row) -> list[object]:
    return [
        customer.code,
        customer.name,
        customer.vat,
        row.doc_type,
        row.number,
        _cell(ws, row.doc_date, DATE_FORMAT),
        _cell(ws, row.due_date, DATE_FORMAT),
        row.terms,
        *_money_cells(ws, [row.amount, row.paid, row.open]),
    ]


def _money_cells(ws: WriteOnlyWorksheet, cents: Sequence[int]) -> list[WriteOnlyCell]:
    # cents / 100 is the nearest double to the decimal amount, as an export's number is
    return [_cell(ws, value / 100, MONEY_FORMAT) for value in cents]


def _cell(ws: WriteOnlyWorksheet, value: object, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def _bold(ws: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    return cell


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="+", help="data rows per file, e.g. 100000")
    parser.add_argument("--force", action="store_true", help="rewrite even when cached")
    args = parser.parse_args(argv)
    for rows in args.rows:
        start = time.perf_counter()
        path = ensure(rows, force=args.force)
        size_mb = path.stat().st_size / 2**20
        print(f"{path} ({size_mb:.1f} MB, {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
