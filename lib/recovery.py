"""How much of a debt is still recoverable at its age: the curve in data/recovery_by_age.csv.

The weekly list ranks by it (expected gain) and the simulator values the agency by it.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import polars as pl

RECOVERY_FILE = Path(__file__).resolve().parent.parent / "data" / "recovery_by_age.csv"


@functools.cache
def recovery_table() -> tuple[tuple[int, float], ...]:
    """(days past due, % still recoverable) from data/recovery_by_age.csv, by age."""
    table = pl.read_csv(RECOVERY_FILE).sort("days_past_due")
    return tuple(zip(table["days_past_due"].to_list(), table["recoverable_pct"].to_list(), strict=True))


def recoverable_pct(days: pl.Expr, half_life_days: float) -> pl.Expr:
    """Share still recoverable at an age: linear between the table's rows, the first row before
    it, and halving every `half_life_days` after its last row (the policy's [recovery])."""
    rows = recovery_table()
    (last_day, last_pct) = rows[-1]
    expr = pl.lit(last_pct) * pl.lit(0.5).pow((days - last_day) / half_life_days)
    for (d0, p0), (d1, p1) in reversed(list(itertools.pairwise(rows))):
        expr = pl.when(days <= d1).then(pl.lit(p0) + (days - d0) * ((p1 - p0) / (d1 - d0))).otherwise(expr)
    return pl.when(days.fill_null(0) <= rows[0][0]).then(pl.lit(rows[0][1])).otherwise(expr)
