"""Messy variants of real layouts never raise anything but ImportFailed (no traceback for users)."""

from __future__ import annotations

import datetime as dt
import io
import random

import openpyxl
import pytest
from openpyxl.cell import MergedCell

from lib.ingest import ImportFailed, import_file
from tests.conftest import SAMPLES

JUNK = [
    "",
    " ",
    "Totale",
    "TOTAL",
    "Total for 1 - 30",
    "abc",
    "1.234",
    "1,234",
    "-",
    "(5)",
    "31/02/2026",
    "2026-13-01",
    "€",
    "0,00",
    "Percentuali",
    "Current",
    "#N/A",
    "12/25/2026",
    "1e309",
    "99999999999999999999",
    "NaN",
    "Cliente",
    "Scadenza",
    "Importo",
    None,
    -0.0,
    1e15,
    10**12,
    dt.date(1900, 1, 1),
    dt.date(2099, 12, 31),
]


def messy(path_name: str, seed: int) -> bytes:
    rng = random.Random(seed)
    book = openpyxl.load_workbook(SAMPLES / path_name)
    sheet = book.active
    for _ in range(rng.randint(5, 40)):
        cell = sheet.cell(rng.randint(1, sheet.max_row), rng.randint(1, sheet.max_column))
        if not isinstance(cell, MergedCell):
            cell.value = rng.choice(JUNK)
    if rng.random() < 0.3:
        sheet.delete_rows(rng.randint(1, sheet.max_row), rng.randint(1, 10))
    if rng.random() < 0.3:
        sheet.delete_cols(rng.randint(1, sheet.max_column))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "name", ["scadenzario_gestionale.xlsx", "ar_aging_detail_quickbooks.xlsx", "riepilogo_scadenze_odoo.xlsx"]
)
def test_messy_variants_fail_cleanly_or_import(name: str, seed: int) -> None:
    data = messy(name, seed)
    try:
        imported = import_file(data, name)
    except ImportFailed as failure:
        assert str(failure).endswith(".") and "\n" not in str(failure)
        return
    assert imported.items["open_cents"].dtype.is_integer()
    assert imported.items["source_row"].null_count() == 0
    assert imported.report.issues["row"].null_count() == 0
