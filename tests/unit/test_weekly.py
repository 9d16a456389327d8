"""lib/weekly.py: ISO weeks, the recovery curve, ranking by expected gain, the weekly capacity."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.explain import capacity_reason
from lib.policy import load_policy
from lib.weekly import action_list, iso_week, letters_due, week_bounds

POLICY = load_policy()


def test_iso_weeks() -> None:
    assert week_bounds("2026-W48") == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert week_bounds("2026-W53") == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))  # 2026 has 53 weeks
    assert iso_week(dt.date(2026, 11, 20)) == "2026-W47"
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"
    for bad in ("2026-48", "2026-W4", "2027-W53", "W48"):
        with pytest.raises(ValueError, match="W"):
            week_bounds(bad)


def _accounts() -> pl.DataFrame:
    friday = dt.date(2026, 11, 20)
    return pl.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D", "E", "F"],
            "customer_name": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"],
            "step": ["courtesy", "call_1", "call_2", "call_1", None, "agency"],
            "channel": ["email", "phone", "phone", "phone", None, "agency"],
            "due_date": [friday, friday - dt.timedelta(days=9), friday, dt.date(2026, 11, 30), None, friday],
            "pursued_cents": [100_000, 200_000, 100_000, 900_000, 50_000, 50_000],
            "overdue_cents": [0, 200_000, 100_000, 900_000, 50_000, 50_000],
            "oldest_days": [0, 90, 30, 20, 10, 365],
            "broken_promise": [False, False, True, False, False, False],
            "prescribes_on": [None, None, None, None, None, dt.date(2027, 3, 1)],
            "currency": ["EUR"] * 6,
        },
        schema_overrides={"oldest_days": pl.Int32},
    )


def test_ranked_by_expected_gain_and_cut_to_capacity() -> None:
    listed, left = action_list(_accounts(), "2026-W47", POLICY, {"calls": 1})
    # Gains: B 200,000 × 69.6% = 139,200; C 100,000 × 89.9% × 1.5 (broken promise) = 134,850;
    # A 100,000 × 94.9% = 94,900; F 50,000 × 22.8% × 2 (prescribes 1 Mar 2027, within 6 months
    # of the week's Sunday) = 22,800. D is due after Sunday 22 Nov; E has no step.
    assert listed.select("priority", "customer_id", "expected_gain_cents").rows() == [
        (1, "B", 139_200),
        (3, "A", 94_900),
        (4, "F", 22_800),
    ]
    assert left.select("priority", "customer_id", "capacity", "limit").rows() == [(2, "C", "calls", 1)]
    assert left.select(capacity_reason("en")).item() == "over the weekly capacity of 1 calls"  # words at the edge
    assert listed.filter(pl.col("customer_id") == "F")["urgency"].item() == 2.0


def test_late_steps_are_listed_and_the_week_bounds_the_list() -> None:
    # D is due Monday 30 Nov: not in W48 (ending Sunday 29 Nov), in W49 with the late ones.
    assert "D" not in action_list(_accounts(), "2026-W48", POLICY)[0]["customer_id"].to_list()
    listed, _ = action_list(_accounts(), "2026-W49", POLICY)
    assert sorted(listed["customer_id"].to_list()) == ["A", "B", "C", "D", "F"]


def test_the_weeks_letters_are_the_entries_whose_step_is_a_letter() -> None:
    """The letters page lists the week's letters: entries whose engine template is a letter kind,
    in priority order (a call, a hand-over or a check is no letter)."""
    listed = pl.DataFrame(
        {"priority": [3, 1, 2, 4], "customer_id": ["A", "B", "C", "D"], "currency": ["EUR"] * 4,
         "step": ["letter_2", "call_1", "letter_1", "agency"]}
    )  # fmt: skip
    accounts = pl.DataFrame(
        {"customer_id": ["A", "B", "C", "D", "A"], "currency": ["EUR", "EUR", "EUR", "EUR", "USD"],
         "template": ["formal_demand", "call_1", "reminder", "agency_handover", "reminder"]}
    )  # fmt: skip
    due = letters_due(listed, accounts, ("courtesy", "reminder", "formal_demand"))
    assert due.select("priority", "customer_id", "template").rows() == [(2, "C", "reminder"), (3, "A", "formal_demand")]
