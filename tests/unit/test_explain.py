"""lib/explain.py: the words made at the edge from the engine's and the offers' codes."""

from __future__ import annotations

import polars as pl

from lib.explain import capacity_reason, recommendation, schedule_labels
from lib.plans import Recommendation


def test_why_an_entry_did_not_fit_in_both_languages() -> None:
    left = pl.DataFrame({"capacity": ["calls", "letters"], "limit": [3, 2]})
    assert left.select(capacity_reason("en")).to_series().to_list() == [
        "over the weekly capacity of 3 calls",
        "over the weekly capacity of 2 letters",
    ]
    assert left.select(capacity_reason("it")).to_series().to_list()[0].endswith("3 telefonate")


def test_a_schedule_row_is_named_the_down_payment_a_number_or_the_total() -> None:
    rows = pl.DataFrame({"n": [0, 1, 2, None]}, schema={"n": pl.Int64})
    assert rows.select(schedule_labels("en"))["n"].to_list() == ["down payment", "1", "2", "Total"]
    assert rows.select(schedule_labels("it"))["n"].to_list() == ["anticipo", "1", "2", "Totale"]


def test_the_recommendation_names_the_best_option_its_lead_and_the_break_even() -> None:
    advice = Recommendation("plan", 91_300.0, "discount", 90_000.0, 0.03)
    english = recommendation(advice, "EUR", "en")
    assert english.startswith("Best: the instalment plan, expected value €913.00, €13.00 more than the next one")
    assert "3.0%" in english
    italian = recommendation(advice, "EUR", "it")
    assert "913,00 EUR" in italian and "3,0%" in italian
    assert "break-even" not in recommendation(Recommendation("discount", 1.0, "plan", 0.0, None), "EUR", "en")
