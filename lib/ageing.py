"""Ageing arithmetic on open items: what is overdue against an explicit as-of date."""

from __future__ import annotations

import datetime as dt

import polars as pl


def is_overdue(as_of: dt.date) -> pl.Expr:
    """Overdue means due strictly before the as-of date."""
    return pl.col("due_date") < pl.lit(as_of)


def totals_by_currency(items: pl.LazyFrame, as_of: dt.date) -> pl.DataFrame:
    """Open and overdue cents per currency (never summed across currencies), sorted by currency."""
    return (
        items.group_by("currency")
        .agg(
            pl.col("open_cents").sum(),
            pl.col("open_cents").filter(is_overdue(as_of)).sum().alias("overdue_cents"),
            pl.len().alias("items"),
        )
        .sort("currency")
        .collect()
    )
