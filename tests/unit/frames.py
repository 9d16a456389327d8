"""Canonical open-item frames for engine tests: name the columns a test cares about, the rest
are filled in (one customer, EUR, invoices or credit notes by sign, open = amount)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from lib.schema import OPEN_ITEM

AS_OF = dt.date(2026, 11, 20)  # a Friday, ISO week 2026-W47


def items(**columns: list[object]) -> pl.DataFrame:
    """Open items with the canonical schema; `open_cents` and `due_date` are required."""
    n = len(columns["open_cents"])
    defaults: dict[str, list[object]] = {
        "customer_id": ["C1"] * n,
        "currency": ["EUR"] * n,
        "doc_type": ["credit_note" if cents < 0 else "invoice" for cents in columns["open_cents"]],
        "doc_number": [f"F{i + 1}" for i in range(n)],
        "doc_date": [AS_OF - dt.timedelta(days=60)] * n,
        "due_estimated": [False] * n,
        "source_sheet": ["Sheet1"] * n,
        "source_row": list(range(2, n + 2)),
    }
    data = {**defaults, **columns}
    data.setdefault("customer_name", [f"Customer {c}" for c in data["customer_id"]])
    data.setdefault("amount_cents", data["open_cents"])
    return pl.DataFrame({name: data.get(name, [None] * n) for name in OPEN_ITEM}, schema=OPEN_ITEM)


def from_rows(names: Sequence[str], rows: Sequence[Sequence[object]], **columns: list[object]) -> pl.DataFrame:
    """Open items from row tuples whose values are in `names` order, plus whole `columns`."""
    by_column = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    return items(**by_column, **columns)


def days_ago(n: int, as_of: dt.date = AS_OF) -> dt.date:
    return as_of - dt.timedelta(days=n)
