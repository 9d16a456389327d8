"""Write two Italian scadenzari in the old BIFF8 .xls format (as eSolver and other legacy
gestionali export them) into tests/corpus/good/, for the .xls reading tests: a small one, whose
workbook stream sits in the OLE mini stream, and one of 400 rows, stored in regular sectors.

Needs xlwt, which the project does not depend on: `python -m venv /tmp/x && /tmp/x/bin/pip
install xlwt && /tmp/x/bin/python tests/corpus/make_legacy_xls.py`. The .xls is committed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlwt

GOOD = Path(__file__).resolve().parent / "good"
HEADER = ["Cod. cliente", "Ragione sociale", "N. documento", "Data documento", "Data scadenza", "Residuo"]
ROWS = [
    ["C001", "Rossi S.r.l.", "0012", dt.date(2026, 8, 31), dt.date(2026, 9, 30), 1220.0],
    ["C001", "Rossi S.r.l.", "0013", dt.date(2026, 9, 15), dt.date(2026, 12, 15), 305.5],
    ["C002", "Caffè Bianchi", "0007", dt.date(2026, 7, 1), "31/13/2026", 99.99],
]


def write(path: Path, rows: list[list[object]]) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Scadenzario")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    # rows 1-2 left blank on purpose: the title sits on row 3, the header on row 5
    sheet.write(2, 0, "Scadenzario clienti al 20/11/2026")
    for col, label in enumerate(HEADER):
        sheet.write(4, col, label)
    for r, row in enumerate(rows, start=5):
        for col, value in enumerate(row):
            sheet.write(r, col, value, date_style if isinstance(value, dt.date) else xlwt.Style.default_style)
    book.save(str(path))


def main() -> None:
    write(GOOD / "scadenzario_legacy.xls", ROWS)
    filler = [
        [f"C{n:03d}", f"Cliente {n}", f"{n:04d}", dt.date(2026, 6, 1), dt.date(2026, 7, 1), float(n)]
        for n in range(100, 497)
    ]
    write(GOOD / "scadenzario_legacy_large.xls", [*ROWS, *filler])


if __name__ == "__main__":
    main()
