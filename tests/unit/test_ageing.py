"""lib/ageing.py: overdue against an explicit as-of date, totals kept per currency."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.ageing import totals_by_currency


def test_totals_by_currency() -> None:
    items = pl.LazyFrame(
        {
            "currency": ["EUR", "EUR", "USD", "EUR"],
            "due_date": [dt.date(2026, 11, 19), dt.date(2026, 11, 20), dt.date(2026, 1, 1), dt.date(2025, 1, 1)],
            "open_cents": [100, 200, 300, -40],
        }
    )
    totals = totals_by_currency(items, dt.date(2026, 11, 20))
    assert totals.to_dicts() == [
        {"currency": "EUR", "open_cents": 260, "overdue_cents": 60, "items": 3},
        {"currency": "USD", "open_cents": 300, "overdue_cents": 300, "items": 1},
    ]
