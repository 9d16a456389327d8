"""lib/recovery.py: the share of a debt still recoverable at its age."""

from __future__ import annotations

import polars as pl
import pytest

from lib.policy import load_policy
from lib.recovery import recoverable_pct, recovery_table

POLICY = load_policy()


def test_the_table_is_read_by_age() -> None:
    table = recovery_table()
    assert [day for day, _ in table] == sorted(day for day, _ in table)
    assert table[0] == (0, 94.9)


def test_recovery_curve_interpolates_and_decays() -> None:
    days = pl.Series("d", [-10.0, 0, 15, 45, 90, 730, 943, 1156])
    shares = pl.select(recoverable_pct(pl.lit(days), POLICY.recovery.half_life_days)).to_series().round(2).to_list()
    # 15 days: 94.9 + 15 × (89.9 − 94.9) / 30 = 92.4; 45: 89.9 + 15 × (81.3 − 89.9) / 30 = 85.6.
    # Past 730 days (9.3%) the share halves every 213 days ([recovery] half_life_days): 4.65 at
    # 943, 2.325 at 1156.
    assert shares == [94.9, 94.9, 92.4, 85.6, 69.6, 9.3, 4.65, 2.33]
    # Halving every 426 days instead: 1156 is one half-life past 730.
    assert pl.select(recoverable_pct(pl.lit(1156.0), 426)).item() == pytest.approx(4.65)
