"""The weekly action list: every account whose next step is due by the end of an ISO week,
ranked by expected gain and cut to the week's capacity of calls and letters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

import polars as pl

from lib.policy import CAPACITY_OF_CHANNEL, CHECKS, Policy
from lib.recovery import recoverable_pct

# The columns of each entry, in order (the command line's JSON and the xlsx export).
ENTRY = (
    *("priority", "customer_id", "customer_name", "step", "channel", "due_date", "late_days"),
    *("overdue_cents", "pursued_cents", "currency", "oldest_days", "rating", "track"),
    *("phone", "email", "pec", "recoverable_pct", "urgency", "expected_gain_cents", "trace"),
)


def week_bounds(week: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of an ISO week written `2026-W48`."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", week.strip())
    if not match:
        msg = f"{week!r} is not an ISO week like 2026-W48"
        raise ValueError(msg)
    year, number = int(match[1]), int(match[2])
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError as error:
        msg = f"{week!r}: {year} has no week {number}"
        raise ValueError(msg) from error
    return monday, monday + dt.timedelta(days=6)


def iso_week(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def action_list(
    accounts: pl.DataFrame,
    week: str,
    policy: Policy,
    capacity: Mapping[str, int] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the list, what does not fit) for `week`, from the engine's accounts: ENTRY's columns but
    the trace (words, made at the edge: lib.book.Book.week), and for what does not fit the
    `capacity` (calls or letters) it went over and its `limit`.

    Expected gain = amount at stake × share still recoverable at the oldest document's age ×
    urgency (1, × the policy's factor for a promise or plan just broken, × the one for a
    document prescribing within the warning months). The amount at stake is the amount pursued,
    except for an instalment check (`check_instalment`): the instalment awaited
    (`instalment_cents`), which is what the call is about. Priority 1 is the largest gain; calls
    and letters are then cut to the capacity in priority order; hand-overs and checks (promise,
    instalment, dispute) are never cut. Gains compare amounts across currencies without conversion.
    """
    weekly = policy.weekly
    limits = {"calls": weekly.calls, "letters": weekly.letters, **(capacity or {})}
    _, sunday = week_bounds(week)
    soon = pl.lit(sunday).dt.offset_by(f"{weekly.prescription_warning_months}mo")
    urgency = (
        pl.lit(1.0)
        * pl.when(pl.col("broken_promise")).then(weekly.urgency_broken_promise).otherwise(1.0)
        * pl.when(pl.col("prescribes_on") <= soon).then(weekly.urgency_prescription).otherwise(1.0)
    )
    stake = pl.col("pursued_cents")
    if "instalment_cents" in accounts.columns:
        stake = pl.when(pl.col("step") == "check_instalment").then(pl.col("instalment_cents")).otherwise(stake)
    recoverable = recoverable_pct(pl.col("oldest_days").cast(pl.Float64), policy.recovery.half_life_days)
    # checks are never cut, whatever their channel
    capacity_used = pl.when(~pl.col("step").is_in(CHECKS)).then(
        pl.col("channel").replace_strict(CAPACITY_OF_CHANNEL, default=None)
    )
    # The ranking keeps only what it makes and sorts by; what an entry shows is gathered from
    # `accounts` once, after the cut (a million accounts at 10M documents: this sort set the peak).
    # A sort of every account: polars' in-memory engine does it in 0.4 s at 10M, streaming in 0.55-0.7.
    ranked = (
        accounts.lazy()
        .with_row_index("_row")
        .filter(pl.col("step").is_not_null(), pl.col("due_date") <= sunday)
        .with_columns(recoverable.round(1).alias("recoverable_pct"), urgency.alias("urgency"))
        .select(
            *("_row", "due_date", "customer_id", "recoverable_pct", "urgency"),
            (stake.clip(lower_bound=0) * pl.col("recoverable_pct") / 100 * pl.col("urgency"))
            .round(0)
            .cast(pl.Int64)
            .alias("expected_gain_cents"),
            capacity_used.alias("_capacity"),
        )
        .sort(["expected_gain_cents", "due_date", "customer_id"], descending=[True, False, False])
        .with_columns(
            pl.int_range(1, pl.len() + 1).alias("priority"),
            pl.int_range(1, pl.len() + 1).over("_capacity").alias("_used"),
            pl.col("_capacity").replace_strict(limits, default=None, return_dtype=pl.Int64).alias("_limit"),
        )
        .collect(engine="in-memory")
    )
    fits = pl.col("_limit").is_null() | (pl.col("_used") <= pl.col("_limit"))
    shown = [accounts.get_column(name) for name in ENTRY if name in accounts and name not in ranked]
    columns = [name for name in ENTRY if name in ranked or name in accounts]

    def entries(part: pl.DataFrame) -> pl.DataFrame:
        # Gathered after the cut, each wide row once, and from a column in one piece: the engine's
        # come in pieces (10 at 10M documents), and a row picked from pieces costs 5-10x more.
        return part.hstack([column.rechunk().gather(part["_row"]) for column in shown])

    left = ranked.filter(~fits).rename({"_capacity": "capacity", "_limit": "limit"})
    return entries(ranked.filter(fits)).select(columns), entries(left).select(*columns, "capacity", "limit")


def letters_due(listed: pl.DataFrame, accounts: pl.DataFrame, kinds: Sequence[str]) -> pl.DataFrame:
    """The entries of a week's list (`action_list`) whose step is a letter of one of `kinds` (the
    engine's `template`), in priority order, with their `template` and the rest of their accounts'
    row (what a letter follows: the customer's profile, the steps done before): the week's letters."""
    keys = ["customer_id", "currency"]
    extra = [name for name in accounts.columns if name not in listed.columns]
    return (
        listed.join(accounts.select(*keys, *extra), on=keys, how="left")
        .filter(pl.col("template").is_in(list(kinds)))
        .sort("priority")
    )
